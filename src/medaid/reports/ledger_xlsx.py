"""The verification ledger (核查台账) as an Excel workbook.

Every cell is written as a string or a number, never as a formula, so a value that
starts with =, +, - or @ cannot run in a spreadsheet. Identities are masked.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import xlsxwriter

from medaid.analytics.runs import Run
from medaid.analytics.verification import REASONS

HEADERS = ("序号", "结算编号", "身份证号", "姓名", "结算日期", "就诊类型", "救助类别", "医疗救助支付（元）",
           "核查结果", "应补/应退金额（元）", "说明")  # fmt: skip


def write_ledger(run: Run, path: Path, *, region: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        sheet = book.add_worksheet("核查台账")
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        money = book.add_format({"num_format": "#,##0.00", "border": 1})
        cell = book.add_format({"border": 1})
        sheet.write_string(0, 0, f"{region}城乡医疗救助核查台账（{run.month}）", title)
        stamp = f"{run.created_at:%Y-%m-%d %H:%M}"
        sheet.write_string(
            1, 0, f"第 {run.run_id} 次核查，{stamp}；当月结算 {run.settlements} 笔，发现 {len(run.rows)} 笔"
        )
        for col, name in enumerate(HEADERS):
            sheet.write_string(3, col, name, head)
        for i, row in enumerate(run.rows, start=4):
            values = (row.seq, row.settlement_id, row.id_masked, row.name_masked, row.settle_date.isoformat(),
                      row.visit_type, row.category, Decimal(row.assistance_paid) / 100, REASONS[row.reason],
                      Decimal(row.amount) / 100, row.detail)  # fmt: skip
            for col, value in enumerate(values):
                if isinstance(value, Decimal | int):
                    sheet.write_number(i, col, float(value), money if isinstance(value, Decimal) else cell)
                else:
                    sheet.write_string(i, col, "" if value is None else str(value), cell)
        summary = book.add_worksheet("汇总")
        summary.write_string(0, 0, "核查结果", head)
        summary.write_string(0, 1, "笔数", head)
        for i, (code, count) in enumerate(run.counts.items(), start=1):
            summary.write_string(i, 0, REASONS[code], cell)
            summary.write_number(i, 1, count, cell)
        summary.write_string(len(REASONS) + 2, 0, f"输入指纹：{run.fingerprint}")
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 9, 14)
        sheet.set_column(10, 10, 60)
    finally:
        book.close()
    return path
