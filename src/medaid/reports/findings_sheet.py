"""The verification findings with their follow-up (核查发现整改情况) as an Excel workbook.

The same style as the ledger (``ledger_xlsx``): the safe workbook (no formula can run),
identities masked, amounts as numbers in 元, dates as dates, the header in view with filter
buttons and printed on every page. One row per finding, with its state and latest note; a
second sheet counts the findings by state.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from medaid.analytics.runs import MonthFinding
from medaid.money import to_yuan
from medaid.reports.workbook import data_table, print_setup, safe_workbook, write_header, write_row
from medaid.store.follow_ups import FollowUpRecord
from medaid.vocab import FINDING_STATES, REASONS

HEADERS = ("月份", "结算编号", "身份证号", "姓名", "结算日期", "就诊类型", "救助类别", "认定部门", "区划",
           "核查结果", "应补/应退金额（元）", "核查依据", "整改状态", "整改说明", "登记人", "登记时间")  # fmt: skip


def _cells(found: MonthFinding, last: FollowUpRecord | None) -> tuple[object, ...]:
    r = found.row
    state = last.state if last else "open"
    return (found.month, r.settlement_id, r.id_masked, r.name_masked, r.settle_date, r.visit_type, r.category,
            "、".join(r.departments), found.area, REASONS[r.reason], to_yuan(r.amount), r.detail,
            FINDING_STATES[state], last.note if last else None, last.actor if last else None,
            f"{last.at:%Y-%m-%d %H:%M}" if last else None)  # fmt: skip


def write_findings(
    rows: Sequence[tuple[MonthFinding, FollowUpRecord | None]], path: Path, *, region: str = "", filters: str = ""
) -> Path:
    """The findings and their follow-up, identities masked; ``filters`` says which findings these are."""
    with safe_workbook(path) as (book, styles):
        sheet = book.add_worksheet("核查发现整改")
        sheet.write_string(0, 0, f"{region}城乡医疗救助核查发现整改情况", styles.title)
        sheet.write_string(1, 0, f"各月最近一次核查的发现，共 {len(rows)} 笔（{filters or '全部'}）；身份信息已脱敏")
        write_header(sheet, 3, HEADERS, styles)
        counts = dict.fromkeys(FINDING_STATES, 0)
        for i, (found, last) in enumerate(rows, start=4):
            write_row(sheet, i, _cells(found, last), styles)
            counts[last.state if last else "open"] += 1
        sheet.set_column(0, 0, 9)
        sheet.set_column(1, 10, 14)
        sheet.set_column(11, 11, 50)
        sheet.set_column(12, 12, 10)
        sheet.set_column(13, 13, 40)
        sheet.set_column(14, 15, 14)
        data_table(sheet, header_row=3, last_row=3 + len(rows), last_col=len(HEADERS) - 1)
        print_setup(sheet, header_row=3, landscape=True)
        summary = book.add_worksheet("汇总")
        write_header(summary, 0, ("整改状态", "笔数"), styles)
        for i, (state, count) in enumerate(counts.items(), start=1):
            write_row(summary, i, (FINDING_STATES[state], count), styles)
        summary.set_column(0, 0, 16)
        print_setup(summary, header_row=0, landscape=False)
    return path
