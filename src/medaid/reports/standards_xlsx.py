"""应补/应退 by settlement: the recomputation against what was paid, as a workbook.

Cells are written as strings or numbers, never formulas; identities are masked.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

HEADERS = ("结算编号", "身份证号", "结算日期", "就诊类型", "救助类别", "实际救助（元）", "按政策应救助（元）",
           "应补（元）", "应退（元）")  # fmt: skip


def write_standards(rows: list[dict[str, object]], masked: dict[str, str], path: Path, title: str) -> Path:
    """``rows``: settlement_id, person_key, settle_date, visit_type, category, paid_assistance, due, gap (fen)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        sheet = book.add_worksheet("应补应退")
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        money = book.add_format({"num_format": "#,##0.00", "border": 1})
        cell = book.add_format({"border": 1})
        sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
        for col, name in enumerate(HEADERS):
            sheet.write_string(2, col, name, head)
        for i, r in enumerate(rows, start=3):
            gap = int(str(r["gap"]))
            texts = (str(r["settlement_id"]), masked.get(str(r["person_key"]), ""), str(r["settle_date"]),
                     str(r["visit_type"]), str(r["category"] or "非救助对象"))  # fmt: skip
            for col, text in enumerate(texts):
                sheet.write_string(i, col, text, cell)
            amounts = (int(str(r["paid_assistance"])), int(str(r["due"])), max(gap, 0), max(-gap, 0))
            for col, fen in enumerate(amounts, start=len(texts)):
                sheet.write_number(i, col, fen / 100, money)
        sheet.set_column(0, 8, 16)
    finally:
        book.close()
    return path
