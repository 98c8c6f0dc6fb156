"""Workbooks people can compute with: every xlsx medaid writes (评分表, 核查台账, 应补应退明细,
推送名单), opened with openpyxl as a user's spreadsheet program would. Scores, amounts, counts
and rates are numbers with a number format, dates are dates, identifiers stay text; every sheet
prints on A4, one page wide, with its header row on each page and 第 N 页，共 M 页 below."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from medaid.evaluation import audit, load_framework
from medaid.evaluation.catalog import find
from medaid.reports.document import build_report
from medaid.reports.xlsx_report import render_xlsx
from medaid.services.policy import settle_workspace
from medaid.services.verification import export_ledger
from medaid.services.warnings import push_warnings
from medaid.store import app
from tests.test_verification import make_workspace as verification_workspace
from tests.test_warnings import JUNE
from tests.test_warnings import make_workspace as warnings_workspace

# 过程 34 of 35 = 97.14%; 效果 11.63 + 46.75 = 58.38 of 65 = 89.82%; total 92.38 of 100
TABLE = """
title: 可计算的评分表
indicators:
  - name: 过程
    weight: 35
    children:
      - {name: 资金到位率, weight: 20, score: 20}
      - {name: 资金支出进度, weight: 15, score: 14}
  - name: 效果
    weight: 65
    children:
      - {name: 政策知晓率, weight: 15, score: 11.63}
      - {name: 受助对象满意度, weight: 50, score: 46.75}
"""


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every workbook, written through the services from the hand-made data of the other tests."""
    root = tmp_path_factory.mktemp("workbooks")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(app.ENV_URL, raising=False)  # the workspace's own SQLite file
        (root / "table.yaml").write_text(TABLE, encoding="utf-8")
        out: dict[str, Path] = {}
        for key, framework in (("评分表", root / "table.yaml"), ("柳城评分表", find("seeds/liucheng_2023"))):
            report = build_report(audit(load_framework(framework)), narrative_file=root / f"{key}.yaml")
            out[key] = render_xlsx(report, root / f"{key}.xlsx")
        county = verification_workspace(root / "verification")
        out["核查台账"] = export_ledger(county.root, "2023-07", out=root / "台账.xlsx").path
        settle_workspace(county.root, out=root / "应补应退.xlsx")
        out["应补应退"] = root / "应补应退.xlsx"
        pushed = push_warnings(warnings_workspace(root / "warnings").root, JUNE)
        out["推送名单"] = next(p for p in pushed.files if p.name == "推送名单-民政-2023-06-30.xlsx")
        yield out


def rows_below(sheet: Worksheet, header: str) -> tuple[dict[str, int], list[tuple]]:
    """The column numbers by header text and the cells of the rows under the header row."""
    rows = list(sheet.iter_rows())
    at = next(i for i, r in enumerate(rows) if r[0].value == header)
    return {c.value: c.column - 1 for c in rows[at] if c.value}, rows[at + 1 :]


def test_the_score_sheet_stores_scores_as_numbers_that_add_up_to_the_total_row(books):
    for key, total in (("评分表", 92.38), ("柳城评分表", 90.3)):
        sheet = openpyxl.load_workbook(books[key])["评分表"]
        cols, body = rows_below(sheet, "一级指标")
        total_row = next(r for r in body if r[0].value == "合计")
        leaves = body[: body.index(total_row)]
        for name, expected in (("分值", 100), ("得分", total)):
            cells = [r[cols[name]] for r in leaves]
            assert all(c.data_type == "n" and isinstance(c.value, int | float) for c in cells), (key, name)
            assert total_row[cols[name]].data_type == "n" and total_row[cols[name]].value == pytest.approx(expected)
            assert sum(c.value for c in cells) == pytest.approx(expected), (key, name)


def test_the_score_summary_has_numeric_scores_and_rates_as_fractions_shown_as_percentages(books):
    sheet = openpyxl.load_workbook(books["评分表"])["得分汇总"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert [c.value for c in rows["过程"]] == [pytest.approx(v) if isinstance(v, float) else v
                                              for v in ("过程", 35, 34, 0.9714)]  # fmt: skip
    assert rows["效果"][2].value == pytest.approx(58.38) and rows["效果"][3].value == pytest.approx(0.8982)
    assert all(rows[d][3].data_type == "n" and rows[d][3].number_format == "0.00%" for d in ("过程", "效果"))
    assert [c.value for c in rows["合计"][:3]] == ["合计", 100, pytest.approx(92.38)]
    assert rows["等级"][1].data_type == "s"


def test_the_findings_sheet_keeps_stated_numbers_as_numbers_under_filter_buttons(books):
    sheet = openpyxl.load_workbook(books["柳城评分表"])["发现的问题"]
    cols, body = rows_below(sheet, "级别")
    total = next(r for r in body if r[cols["类别"]].value == "得分合计不符")
    assert (total[cols["所载"]].value, total[cols["应为"]].value) == (pytest.approx(93.6), pytest.approx(90.3))
    assert total[cols["所载"]].data_type == "n"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:F{len(body) + 1}"


def test_the_ledger_has_amounts_in_yuan_dates_as_dates_and_settlement_ids_as_text(books):
    sheet = openpyxl.load_workbook(books["核查台账"])["核查台账"]
    cols, body = rows_below(sheet, "序号")
    by_id = {r[cols["结算编号"]].value: r for r in body}
    sa1 = by_id["SA1"]  # 应享未享: nothing paid, 280.00 due
    assert sa1[cols["结算编号"]].data_type == "s" and sa1[cols["身份证号"]].data_type == "s"
    assert "*" in sa1[cols["身份证号"]].value
    assert sa1[cols["结算日期"]].value == dt.datetime(2023, 7, 3)
    assert sa1[cols["结算日期"]].is_date and sa1[cols["结算日期"]].number_format == "yyyy-mm-dd"
    for name, amount in (("医疗救助支付（元）", 0), ("应补/应退金额（元）", 280)):
        cell = sa1[cols[name]]
        assert cell.data_type == "n" and cell.value == amount and "#,##0.00" in cell.number_format
    assert by_id["SE2"][cols["应补/应退金额（元）"]].value == 3000  # above the 50 000 annual limit
    assert [r[cols["序号"]].value for r in body] == list(range(1, 8))
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref == "A4:K11"
    counts = openpyxl.load_workbook(books["核查台账"])["汇总"]
    assert [(r[0].value, r[1].value, r[1].data_type) for r in counts.iter_rows(min_row=2, max_row=3)] == [
        ("应享未享", 1, "n"),
        ("多享：非救助对象", 1, "n"),
    ]


def test_the_top_up_and_refund_ledger_totals_are_the_sums_of_its_numeric_columns(books):
    sheet = openpyxl.load_workbook(books["应补应退"])["应补应退"]
    cols, body = rows_below(sheet, "结算编号")
    total = next(r for r in body if r[0].value == "合计")
    rows = body[: body.index(total)]
    for name, expected in (("应补（元）", 560), ("应退（元）", 42722.5)):
        cells = [r[cols[name]] for r in rows]
        assert all(c.data_type == "n" and c.number_format == "#,##0.00" for c in cells)
        assert sum(c.value for c in cells) == pytest.approx(total[cols[name]].value) == pytest.approx(expected)
    sa1 = next(r for r in rows if r[0].value == "SA1")
    assert sa1[0].data_type == "s" and sa1[cols["结算日期"]].value == dt.datetime(2023, 7, 3)
    assert sheet.auto_filter.ref == f"A4:J{4 + len(rows)}"  # the 合计 row stays out of sorting and filtering


def test_the_push_list_has_amounts_and_the_push_date_as_numbers_and_the_csv_keeps_text(books):
    sheet = openpyxl.load_workbook(books["推送名单"])["推送名单"]
    cols, body = rows_below(sheet, "序号")
    first = body[0]  # 一般人群: 26 500.00 over the 26 000.00 line
    for name, amount in (("政策范围内个人自付累计（元）", 26500), ("预警线（元）", 26000)):
        assert first[cols[name]].value == amount and "#,##0.00" in first[cols[name]].number_format
    assert first[cols["首次推送日期"]].value == dt.datetime(2023, 6, 30) and first[cols["首次推送日期"]].is_date
    assert first[cols["身份证号"]].data_type == "s"
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref == "A4:J6"
    with books["推送名单"].with_suffix(".csv").open(encoding="utf-8-sig", newline="") as handle:
        listed = list(csv.reader(handle))
    assert listed[1][5:7] == ["26500.00", "26000.00"] and listed[1][8] == "2023-06-30"


PRINTING = [
    # workbook, sheet, orientation, rows repeated on each page
    ("评分表", "评分表", "landscape", "$3:$3"),
    ("评分表", "得分汇总", "portrait", "$1:$1"),
    ("评分表", "发现的问题", "landscape", "$1:$1"),
    ("核查台账", "核查台账", "landscape", "$4:$4"),
    ("核查台账", "汇总", "portrait", "$1:$1"),
    ("应补应退", "应补应退", "landscape", "$4:$4"),
    ("推送名单", "推送名单", "landscape", "$4:$4"),
]


@pytest.mark.parametrize(("book", "name", "orientation", "titles"), PRINTING, ids=[f"{b}-{s}" for b, s, *_ in PRINTING])
def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_and_page_numbers(books, book, name, orientation,
                                                                                titles):  # fmt: skip
    sheet = openpyxl.load_workbook(books[book])[name]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == orientation
    assert sheet.print_title_rows == titles
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0  # as many pages down
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_every_sheet_of_every_workbook_is_in_the_print_table(books):
    sheets = {(key, s.title) for key in ("评分表", "核查台账", "应补应退", "推送名单")
              for s in openpyxl.load_workbook(books[key]).worksheets}  # fmt: skip
    assert sheets == {(b, s) for b, s, *_ in PRINTING}
