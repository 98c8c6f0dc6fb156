"""The 预警推送名单 of one department: the high-cost warnings it must look at, identities masked.

Written as ``stem.xlsx`` and ``stem.csv`` (UTF-8 with BOM, for the departments' own systems),
never with a formula: text that starts like one carries a quote. In the workbook amounts are
numbers in 元 and 首次推送日期 a date; the header has filter buttons and prints on every page.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from medaid.celltext import spreadsheet_safe
from medaid.money import to_yuan
from medaid.reports.files import atomic
from medaid.reports.workbook import data_table, print_setup, safe_workbook, write_header, write_row
from medaid.store.app import STATE_LABELS, WarningRecord

LIST_HEADERS = ("序号", "预警编号", "身份证号", "姓名", "人群", "政策范围内个人自付累计（元）", "预警线（元）",
                "预警原因", "首次推送日期", "处理状态")  # fmt: skip
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def list_stem(folder: Path, department: str, as_of: dt.date) -> Path:
    """Where a department's list goes: 推送名单-<department>-<as-of>, with a name safe on every system."""
    return folder / f"推送名单-{_UNSAFE.sub('_', department)}-{as_of.isoformat()}"


def _cells(i: int, w: WarningRecord) -> tuple[object, ...]:
    return (i, w.id, w.id_masked, w.name_masked or "", w.group, to_yuan(w.amount_fen), to_yuan(w.threshold_fen),
            w.reason, w.as_of, STATE_LABELS[w.state])  # fmt: skip


def _csv_safe(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else spreadsheet_safe(value)


def write_push_list(
    warnings: Iterable[WarningRecord], stem: Path, *, department: str, as_of: dt.date, region: str = ""
) -> list[Path]:
    """One department's push list as ``stem.xlsx`` and ``stem.csv``; returns both paths."""
    rows = [_cells(i, w) for i, w in enumerate(warnings, start=1)]
    xlsx, csv_path = stem.with_name(stem.name + ".xlsx"), stem.with_name(stem.name + ".csv")
    with atomic(xlsx) as temp, safe_workbook(temp) as (book, styles):
        sheet = book.add_worksheet("推送名单")
        sheet.write_string(0, 0, f"{region}高额医疗费用预警推送名单（{department}，截至{as_of}）", styles.title)
        sheet.write_string(1, 0, f"共 {len(rows)} 人。请核实后将认定结果（已认定/未认定）反馈医保部门，注明预警编号。")
        write_header(sheet, 3, LIST_HEADERS, styles)
        for r, values in enumerate(rows, start=4):
            write_row(sheet, r, values, styles)
        sheet.set_column(0, 1, 8)
        sheet.set_column(2, 6, 16)
        sheet.set_column(7, 7, 70)
        sheet.set_column(8, 9, 12)
        data_table(sheet, header_row=3, last_row=3 + len(rows), last_col=len(LIST_HEADERS) - 1)
        print_setup(sheet, header_row=3, landscape=True)
    with atomic(csv_path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(LIST_HEADERS)
        writer.writerows([_csv_safe(v) for v in values] for values in rows)
    return [xlsx, csv_path]
