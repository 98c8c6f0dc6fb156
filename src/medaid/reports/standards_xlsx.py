"""应补/应退 by settlement: the policy's recomputation against what was paid, as a workbook.

Each row says why it differs; the 合计 row equals the 应补/应退 totals of ``medaid settle``.
Identities are masked. Amounts are numbers in 元 and 结算日期 a date; 结算编号 stays text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medaid.money import to_yuan
from medaid.reports.workbook import data_table, print_setup, safe_workbook, write_header, write_row

HEADERS = ("结算编号", "身份证号", "结算日期", "就诊类型", "救助类别", "实际救助（元）", "按政策应救助（元）",
           "应补（元）", "应退（元）", "说明")  # fmt: skip


def _reason(category: object, gap: int) -> str:
    if category is None:
        return "结算日不在救助对象名册内，已付救助应全部退回"
    return "实付低于按政策应救助金额，应予补付" if gap > 0 else "实付高于按政策应救助金额，超标准部分应退回"


def _date(value: object) -> dt.date | str:
    """结算日期 as a date (a date, or its ISO text); anything else is shown as it is."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)


def write_standards(rows: list[dict[str, object]], masked: dict[str, str], path: Path, *, title: str,
                    basis: str) -> Path:  # fmt: skip
    """``rows``: settlement_id, person_key, settle_date, visit_type, category, paid_assistance, due, gap (fen).

    ``basis`` names the policy file(s) the recomputation used, printed under the title.
    """
    top_up = refund = 0
    with safe_workbook(path) as (book, styles):
        sheet = book.add_worksheet("应补应退")
        sheet.write_string(0, 0, title, styles.title)
        sheet.write_string(1, 0, f"按政策参数重算：{basis}；相差不超过 1 分视为符合标准，不列入本表")
        write_header(sheet, 3, HEADERS, styles)
        for i, r in enumerate(rows, start=4):
            gap = int(str(r["gap"]))
            top_up, refund = top_up + max(gap, 0), refund + max(-gap, 0)
            write_row(sheet, i, (
                str(r["settlement_id"]), masked.get(str(r["person_key"]), ""), _date(r["settle_date"]),
                str(r["visit_type"]), str(r["category"] or "非救助对象"),
                to_yuan(int(str(r["paid_assistance"]))), to_yuan(int(str(r["due"]))),
                to_yuan(max(gap, 0)), to_yuan(max(-gap, 0)), _reason(r["category"], gap),
            ), styles)  # fmt: skip
        write_row(sheet, len(rows) + 4, ("合计", "", "", "", "", "", "", to_yuan(top_up), to_yuan(refund),
                                         f"{len(rows)} 笔"), styles)  # fmt: skip
        sheet.set_column(0, 8, 16)
        sheet.set_column(9, 9, 48)
        data_table(sheet, header_row=3, last_row=3 + len(rows), last_col=len(HEADERS) - 1)  # 合计 below the filter
        print_setup(sheet, header_row=3, landscape=True)
    return path
