"""Bad files, generated: one fixture per kind of trouble, each row located exactly and every good row kept.

Each case writes a file (CSV or XLSX; UTF-8, GBK or UTF-16 where it matters) of generated people
with valid check digits, imports it into a fresh workspace through the import service, and checks
the rows loaded, and for each refused row its line (as a person counts lines in the file, or the
sheet's row), its column where there is one, and its Chinese reason. Line numbers are written
out in the cases, so that a reader can check them against the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from medaid.demo.people import make_people
from medaid.errors import InputFileError
from medaid.ingest.columns import TABLES
from medaid.ingest.read import stage
from medaid.services.imports import import_file
from medaid.store import engine
from medaid.workspace import Workspace

P = make_people(40, seed=10)
TODAY = dt.date.today()
FUTURE = (TODAY + dt.timedelta(days=30)).isoformat()

REC = "身份证号,姓名,救助类别,认定部门,生效日期"
DEATHS = "身份证号,死亡日期"
SET = "结算编号,身份证号,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"
FUND = "日期,方向,科目,金额"

# reasons, as the rejects file words them (a part of each that names the trouble)
EXTRA = "比表头多"
MISSING = "比表头少"
UNCLOSED = "引号没有成对"
QUOTES = "引号用法不对"
TOO_LONG_CELL = "超过 Excel 单元格的上限 32767 个"
TOO_LONG_LINE = "超过一行的上限 8 MB"
NOT_UTF8 = "文件是 UTF-8 编码，这一行却不是"
EXCEL_ID = "身份证号被 Excel 存成了数字，后几位已丢失，请把该列设为文本后重新导出"
FUTURE_DATE = "不能是将来的日期"


def rec(i: int, *, sep: str = ",", start: str = "2023-01-01") -> str:
    return sep.join([P[i].id_number, P[i].name, "低保对象", "民政", start])


def recs(first: int, count: int, sep: str = ",") -> list[str]:
    return [rec(i, sep=sep) for i in range(first, first + count)]


def settlement(i: int, *, date: str = "2023-03-05", total: str = "1000.00", in_scope: str = "800.00") -> str:
    return f"S{i},{P[i].id_number},住院,二级,{date},{total},{in_scope},500.00,0,100.00"


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    make: Callable[[Path], Path]  # writes the file into a folder, returns its path
    loaded: int  # good rows that go in
    rejects: dict[int, tuple[str, str]] = field(default_factory=dict)  # line/row → (column, a part of the reason)
    note: str | None = None  # a part of a note the import must carry


def text_file(name: str, lines: list[str], *, encoding: str = "utf-8", newline: str = "\n") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes((newline.join(lines) + newline).encode(encoding))
        return path

    return make


def bytes_file(name: str, parts: list[bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(b"\n".join(parts) + b"\n")
        return path

    return make


def workbook(name: str, sheets: dict[str, list[list[object]]]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = folder / name
        book.save(path)
        return path

    return make


def rec_cells(i: int) -> list[object]:
    return [P[i].id_number, P[i].name, "低保对象", "民政", "2023-01-01"]


REC_CELLS = REC.split(",")

CSV_CASES = [
    # line 1 header; the extra fields are on line 5 (an unquoted comma in a name)
    Case("csv-extra-fields", "recipients", text_file("extra.csv", [REC, *recs(0, 3), rec(3) + ",x", *recs(4, 4)]),
         7, {5: ("", EXTRA)}),
    Case("csv-missing-fields", "recipients",
         text_file("missing.csv", [REC, *recs(0, 2), ",".join(rec(2).split(",")[:3]), *recs(3, 5)]),
         7, {4: ("", MISSING)}),
    # an unclosed quote on line 4 refuses line 4 only: lines 5-9 are rows again
    Case("csv-unclosed-quote", "recipients",
         text_file("unclosed.csv", [REC, *recs(0, 2), rec(2).replace(",民政", ',"民政'), *recs(3, 5)]),
         7, {4: ("", UNCLOSED)}),
    Case("csv-unclosed-quote-last-line", "recipients",
         text_file("unclosed-last.csv", [REC, *recs(0, 5), rec(5).replace(",低保对象", ',"低保对象')]),
         5, {7: ("", UNCLOSED)}),
    Case("csv-quote-then-text", "recipients",
         text_file("quote.csv", [REC, *recs(0, 3), rec(3).replace(",民政", ',"民"政'), *recs(4, 2)]),
         5, {5: ("", QUOTES)}),
    # the file: a 2 MB cell on line 22 ("CSV Error on Line: 1" before)
    Case("csv-2mb-cell-line-22", "recipients",
         text_file("big-cell.csv", [REC, *recs(0, 20), rec(20).replace("民政", "民" * 2_000_000), *recs(21, 3)]),
         23, {22: ("认定部门", TOO_LONG_CELL)}),
    Case("csv-9mb-line", "recipients",
         text_file("big-line.csv", [REC, *recs(0, 3), rec(3).replace("民政", "民" * 3_200_000), *recs(4, 3)]),
         6, {5: ("", TOO_LONG_LINE)}),
    Case("csv-utf8-with-a-gbk-row", "recipients",
         bytes_file("mixed.csv", [REC.encode(), *(r.encode() for r in recs(0, 4)), rec(4).encode("gbk"),
                                  *(r.encode() for r in recs(5, 4))]),
         8, {6: ("", NOT_UTF8)}),
    Case("csv-gbk-with-extra-fields", "recipients",
         text_file("gbk.csv", [REC, *recs(0, 4), rec(4) + ",多余", *recs(5, 3)], encoding="gbk"), 7, {6: ("", EXTRA)}),
    Case("csv-gb18030-rare-character", "recipients",
         text_file("gb18030.csv", [REC, *recs(0, 2), rec(2).replace(P[2].name, "𠀀" + P[2].name[1:]), *recs(3, 2)],
                   encoding="gb18030"), 5),
    Case("csv-blank-lines-above-header", "recipients",
         text_file("blank-top.csv", ["", "", REC, *recs(0, 3), rec(3).replace("低保对象", "贫困户"), *recs(4, 2)]),
         5, {7: ("救助类别", "未知的救助类别“贫困户”")}),
    Case("csv-blank-and-space-lines-between-rows", "recipients",
         text_file("blank-mid.csv", [REC, *recs(0, 2), "", "   ", *recs(2, 2), rec(4) + ",x", "", *recs(5, 1)]),
         5, {8: ("", EXTRA)}),
    Case("csv-title-rows-above-header", "recipients",
         text_file("title.csv", ["XX县2023年救助对象名单", "", REC, *recs(0, 3), rec(3) + ",x", *recs(4, 2)]),
         5, {7: ("", EXTRA)}),
    Case("csv-gbk-title-and-note-rows", "recipients",
         text_file("title-gbk.csv", ["XX县2023年救助对象名单,,,,", "制表单位：XX县民政局,,,,", REC, *recs(0, 3),
                                     rec(3).replace("2023-01-01", "2023-02-30"), *recs(4, 1)], encoding="gbk"),
         4, {7: ("生效日期", "2023-02-30")}),
    Case("csv-semicolons", "recipients",
         text_file("semi.csv", [REC.replace(",", ";"), *recs(0, 3, ";"), rec(3, sep=";") + ";x", *recs(4, 2, ";")]),
         5, {5: ("", EXTRA)}),
    Case("csv-tabs", "recipients",
         text_file("tab.csv", [REC.replace(",", "\t"), *recs(0, 3, "\t"), rec(3, sep="\t")[:-3], *recs(4, 2, "\t")]),
         5, {5: ("生效日期", "无法识别")}),
    # Excel's "Unicode 文本": UTF-16 with a BOM, tab-delimited, CRLF
    Case("utf16-unicode-text", "recipients",
         text_file("unicode.txt", [REC.replace(",", "\t"), *recs(0, 3, "\t"), rec(3, sep="\t") + "\tx",
                                   *recs(4, 2, "\t")], encoding="utf-16", newline="\r\n"),
         5, {5: ("", EXTRA)}),
    Case("csv-utf8-bom-crlf", "recipients",
         text_file("bom.csv", [REC, *recs(0, 2), rec(2) + ",x", *recs(3, 3)], encoding="utf-8-sig", newline="\r\n"),
         5, {4: ("", EXTRA)}),
    Case("csv-mixed-line-ends", "recipients",
         text_file("mixed-ends.csv", [REC + "\r", *recs(0, 2), rec(2) + "\r", rec(3) + ",x", *recs(4, 2)]),
         5, {5: ("", EXTRA)}),
    # a quoted cell with a line break: lines 3-4 are one row, so the bad row is on line 6
    Case("csv-line-break-in-a-quoted-cell", "recipients",
         text_file("multiline.csv", [REC, rec(0), rec(1).replace(",民政", ',"民政\n局"'), rec(2), rec(3) + ",x",
                                     *recs(4, 2)]),
         5, {6: ("", EXTRA)}),
    Case("csv-total-row", "recipients",
         text_file("total.csv", [REC, *recs(0, 4), rec(4) + ",x", *recs(5, 2), "合计,7人,,,"]),
         6, {6: ("", EXTRA)}, note="第 9 行是合计"),
    Case("csv-subtotal-rows", "settlements",
         text_file("subtotal.csv", [SET, *(settlement(i) for i in range(3)), "小计：,,,,,3000.00,2400.00,,,",
                                    *(settlement(i) for i in range(3, 5)), "总计,,,,,5000.00,,,,"]),
         5, note="第 5、8 行是合计"),
    Case("csv-rows-of-empty-cells", "recipients",
         text_file("commas.csv", [REC, *recs(0, 2), ",,,,", *recs(2, 2), rec(4).replace("民政", ""), ",,,,"]),
         4, {7: ("认定部门", "认定部门不能为空")}),
    Case("csv-empty-extra-trailing-fields", "recipients",
         text_file("trailing.csv", [REC, *(r + ",," for r in recs(0, 3)), rec(3) + ",,x"]), 3, {5: ("", EXTRA)}),
    Case("csv-amounts-in-yuan-and-wan-yuan", "settlements",
         text_file("amounts.csv", [SET, settlement(0, total="1000元", in_scope="0.08万元"),
                                   settlement(1, total='"¥1,000.00"', in_scope="800.00元"),
                                   settlement(2, total="1000美元")]),
         2, {4: ("总费用", "“1000美元”不是数字")}),
    Case("csv-full-width-digits", "settlements",
         text_file("wide.csv", [SET, settlement(0, date="２０２３-０３-０５", total="１０００.００"),
                                settlement(1).replace(P[1].id_number, P[1].id_number.translate(
                                    str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))),
                                settlement(2, date="２０２３-０２-３０")]),
         2, {4: ("结算日期", "２０２３-０２-３０")}),
    Case("csv-settlement-after-today", "settlements",
         text_file("future-settle.csv", [SET, settlement(0), settlement(1, date=FUTURE), settlement(2)]),
         2, {3: ("结算日期", FUTURE_DATE)}),
    Case("csv-death-after-today", "deaths",
         text_file("future-death.csv", [DEATHS, f"{P[0].id_number},2023-05-01", f"{P[1].id_number},{FUTURE}"]),
         1, {3: ("死亡日期", FUTURE_DATE)}),
    Case("csv-fund-line-after-today", "fund",
         text_file("future-fund.csv", [FUND, "2023-01-10,收入,中央补助,100000", f"{FUTURE},支出,救助支出,500"]),
         1, {3: ("日期", FUTURE_DATE)}),
    Case("csv-decision-taking-effect-next-month-is-fine", "recipients",
         text_file("future-start.csv", [REC, rec(0), rec(1, start=FUTURE)]), 2),
    Case("csv-id-in-scientific-notation", "deaths",
         text_file("sci.csv", [DEATHS, f"{P[0].id_number},2023-05-01", "4.50221199001011E+17,2023-05-02",
                               f"{P[2].id_number},2023-05-03"]),
         2, {3: ("身份证号", EXCEL_ID)}),
    Case("csv-id-with-an-impossible-birth-date", "deaths",
         text_file("birth.csv", [DEATHS, f"{P[0].id_number},2023-05-01", "459901199002301234,2023-05-02"]),
         1, {3: ("身份证号", "出生日期部分不是有效日期")}),
    Case("csv-header-only", "recipients", text_file("header-only.csv", ["XX县名单", REC]), 0),
]  # fmt: skip

XLSX_CASES = [
    Case("xlsx-title-rows-header-in-row-3", "recipients",
         workbook("title.xlsx", {"Sheet1": [["XX县2023年救助对象名单"], [], REC_CELLS, *map(rec_cells, range(3)),
                                             [P[3].id_number, P[3].name, "贫困户", "民政", "2023-01-01"],
                                             *map(rec_cells, range(4, 6))]}),
         5, {7: ("救助类别", "贫困户")}),
    Case("xlsx-sheet-chosen-by-its-header", "recipients",
         workbook("sheets.xlsx", {"说明": [["本表为2023年救助对象名单"], ["填表说明：…"]],
                                  "名单": [REC_CELLS, *map(rec_cells, range(3)),
                                           [P[3].id_number, P[3].name, "低保对象", "", "2023-01-01"]]}),
         3, {5: ("认定部门", "认定部门不能为空")}),
    Case("xlsx-id-stored-as-an-18-digit-number", "deaths",
         workbook("number-id.xlsx", {"Sheet1": [["身份证号", "死亡日期"], [P[0].id_number, dt.date(2023, 5, 1)],
                                                [int(P[1].id_number[:17] + "0"), dt.date(2023, 5, 2)],
                                                [450221199001011000, dt.date(2023, 5, 3)]]}),
         1, {3: ("身份证号", EXCEL_ID), 4: ("身份证号", EXCEL_ID)}),
    Case("xlsx-id-stored-as-a-15-digit-number", "deaths",
         workbook("number-15.xlsx", {"Sheet1": [["身份证号", "死亡日期"], [450221199001011, dt.date(2023, 5, 2)],
                                                [4.50221199001011e16, dt.date(2023, 5, 2)],
                                                [P[0].id_number, dt.date(2023, 5, 1)]]}),
         1, {2: ("身份证号", EXCEL_ID), 3: ("身份证号", EXCEL_ID)}),
    Case("xlsx-total-row", "recipients",
         workbook("total.xlsx", {"Sheet1": [REC_CELLS, *map(rec_cells, range(4)), [None, "合计", "4人"]]}),
         4, note="第 6 行是合计"),
    Case("xlsx-empty-rows-between", "recipients",
         workbook("gaps.xlsx", {"Sheet1": [[], REC_CELLS, rec_cells(0), [], [None, None], rec_cells(1),
                                           [P[2].id_number[:-1], P[2].name, "低保对象", "民政", "2023-01-01"]]}),
         2, {7: ("身份证号", "应为18位")}),
    Case("xlsx-full-width-digits-and-wan-yuan", "settlements",
         workbook("wide.xlsx", {"Sheet1": [SET.split(","),
                                           ["S1", P[0].id_number, "住院", "二级", "２０２３-０３-０５", "0.1万元", "８００",
                                            500, 0, 100],
                                           ["S2", P[1].id_number, "住院", "二级", dt.date(2023, 3, 6), "1000元", 800,
                                            500, 0, 100],
                                           ["S3", P[2].id_number, "住院", "二级", dt.date(2023, 3, 7), "一千", 800,
                                            500, 0, 100]]}),
         2, {4: ("总费用", "“一千”不是数字")}),
    Case("xlsx-settlement-after-today", "settlements",
         workbook("future.xlsx", {"Sheet1": [SET.split(","),
                                             ["S1", P[0].id_number, "住院", "二级", dt.date(2023, 3, 5), 1000, 800, 500,
                                              0, 100],
                                             ["S2", P[1].id_number, "住院", "二级", TODAY + dt.timedelta(days=3), 1000,
                                              800, 500, 0, 100]]}),
         1, {3: ("结算日期", FUTURE_DATE)}),
    Case("xlsx-id-written-with-blanks-and-a-wrong-check-character", "deaths",
         workbook("ids.xlsx", {"Sheet1": [["证件号码", "死亡时间"],
                                          [" " + P[0].id_number[:6] + " " + P[0].id_number[6:], "2023-05-01"],
                                          [P[1].id_number[:17] + ("1" if P[1].id_number[17] != "1" else "2"),
                                           "2023-05-02"]]}),
         1, {3: ("身份证号", "校验位错误（末位与前17位不符）")}),
    Case("xlsx-data-on-the-third-sheet-below-a-title", "deaths",
         workbook("third.xlsx", {"封面": [["2023年死亡名单"]], "说明": [["身份证号请填18位"]],
                                 "数据": [["XX县2023年死亡名单"], ["身份证号", "死亡日期"], [P[0].id_number, "2023-05-01"],
                                          [P[1].id_number, "2023-13-01"], [P[2].id_number, "2023-05-03"]]}),
         2, {4: ("死亡日期", "2023-13-01")}),
]  # fmt: skip


def read_rejects(path: Path | None) -> list[list[str]]:
    if path is None:
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))[1:]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", year=2023)


@pytest.mark.parametrize("case", CSV_CASES + XLSX_CASES, ids=lambda c: c.id)
def test_each_bad_row_is_refused_where_it_is_and_every_good_row_is_kept(case: Case, workspace, tmp_path):
    path = case.make(tmp_path)
    summary = import_file(workspace.root, case.kind, path)
    assert summary.new == case.loaded
    rejects = read_rejects(summary.rejects_file)
    assert summary.rejected == len(rejects) == len(case.rejects)
    assert summary.rows_read == case.loaded + len(case.rejects)
    for file, row, column, value, reason in rejects:
        assert file == path.name
        expected_column, part = case.rejects[int(row)]
        assert column == expected_column and part in reason, (row, column, reason)
        assert not re.search("[A-Za-z]{3}", re.sub("Excel|UTF-8|GBK", "", reason)), reason  # never DuckDB's English
        assert re.search(r"[0-9]{9}", value) is None  # never a clear 身份证号 (masked: 4 + **** + 4)
        assert len(value) <= 120
    if case.note:
        assert any(case.note in n for n in summary.notes), summary.notes


def test_a_refused_line_shows_the_id_and_name_masked(workspace, tmp_path):
    path = text_file("extra.csv", [REC, rec(0) + ",x" + P[5].id_number, rec(1)])(tmp_path)
    summary = import_file(workspace.root, "recipients", path)
    [[_, row, _, value, _]] = read_rejects(summary.rejects_file)
    assert row == "2" and P[0].id_number not in value and P[0].name not in value and P[5].id_number not in value
    assert value.startswith(f"{P[0].id_number[:4]}**********{P[0].id_number[-4:]},{P[0].name[0]}*")


@pytest.mark.parametrize(
    "line",
    [
        "JS," + rec(0),  # a cell too many before the name: the name is not where the header says
        rec(0).replace(",", ",,", 1),  # an empty cell too many
        f'"{P[0].name},{P[0].name}",{rec(0)}',  # a quoted comma
    ],
    ids=["shifted", "empty-cell", "quoted-comma"],
)
def test_a_misshapen_line_shows_no_name_wherever_the_name_went(workspace, tmp_path, line):
    path = text_file("shifted.csv", [REC, line, rec(1)])(tmp_path)
    summary = import_file(workspace.root, "recipients", path)
    text = summary.rejects_file.read_text(encoding="utf-8-sig")
    assert summary.new == 1 and P[0].name not in text and P[0].id_number not in text, text
    assert P[0].name[1:] not in text  # not even the given name apart from the surname


@pytest.mark.parametrize(
    ("name", "lines", "row", "missing"),
    [
        ("no-header.csv", ["XX县名单", "身份证号,姓名", "1,2"], 2, "救助类别、认定部门、生效日期"),
        ("blank.csv", ["", " ", ""], None, None),
    ],
)
def test_a_file_without_a_usable_header_is_refused_where_the_header_should_be(workspace, tmp_path, name, lines, row,
                                                                               missing):  # fmt: skip
    path = text_file(name, lines)(tmp_path)
    with pytest.raises(InputFileError) as caught:
        import_file(workspace.root, "recipients", path)
    assert caught.value.where.file == str(path) and caught.value.where.row == row
    assert (f"缺少必需的列：{missing}" if missing else "没有表头") in caught.value.what


def test_a_sheet_is_read_by_its_name_and_an_unknown_name_lists_the_sheets(tmp_path):
    path = workbook(
        "two.xlsx", {"旧名单": [REC_CELLS, rec_cells(0)], "新名单": [REC_CELLS, rec_cells(1), rec_cells(2)]}
    )(tmp_path)
    with engine.connect() as con:
        assert stage(con, path, TABLES["recipients"]).sheet == "旧名单"  # the first whose header matches
        chosen = stage(con, path, TABLES["recipients"], sheet="新名单")
        assert (chosen.sheet, chosen.rows) == ("新名单", 2)
        with pytest.raises(InputFileError, match="没有名为“名单”的工作表") as caught:
            stage(con, path, TABLES["recipients"], sheet="名单")
        assert "旧名单、新名单" in caught.value.fix


def stage_error(path: Path) -> InputFileError:
    with engine.connect() as con, pytest.raises(InputFileError) as caught:
        stage(con, path, TABLES["recipients"])
    return caught.value


PIPE_CHILD = """
import sys
from pathlib import Path
from medaid.errors import InputFileError
from medaid.ingest.columns import TABLES
from medaid.ingest.read import stage
from medaid.store import engine
with engine.connect() as con:
    try:
        stage(con, Path(sys.argv[1]), TABLES["recipients"])
    except InputFileError as err:
        print(err.where.file, err.what, sep="\\n")
"""


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_named_pipe_is_refused_at_once(tmp_path, suffix):
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    # opening a FIFO for reading waits for a writer forever: the child must answer, not hang
    child = subprocess.run([sys.executable, "-c", PIPE_CHILD, str(path)], capture_output=True, text=True, timeout=30)
    assert child.stdout.splitlines() == [str(path), "这是一个命名管道（FIFO），不是普通文件"], child.stderr[-500:]


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "名单.csv"
    folder.mkdir()
    error = stage_error(folder)
    assert "文件夹" in error.what and error.where.file == str(folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_an_unreadable_file_gets_a_chinese_error(tmp_path):
    path = text_file("locked.csv", [REC, rec(0)])(tmp_path)
    path.chmod(0)
    error = stage_error(path)
    assert "没有读取这个文件的权限" in error.what and error.where.file == str(path)


def test_the_transcoded_copy_goes_to_the_private_scratch_folder_never_to_tmpdir(tmp_path, monkeypatch):
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared))
    monkeypatch.setattr("tempfile.tempdir", None)
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    seen: list[str] = []
    import medaid.ingest.encoding as encoding

    original = encoding.scratch_file

    def spy(folder: Path, suffix: str = ""):
        seen.append(str(folder))
        return original(folder, suffix)

    monkeypatch.setattr(encoding, "scratch_file", spy)
    path = text_file("gbk.csv", [REC, *recs(0, 3)], encoding="gbk")(tmp_path)
    with engine.connect() as con:
        staged = stage(con, path, TABLES["recipients"], scratch=private)
    assert staged.rows == 3 and seen == [str(private)]
    assert list(private.iterdir()) == [] and list(shared.iterdir()) == []


# A zip bomb: a valid-looking workbook whose sheet inflates to about 1 GB from a few MB (written
# streaming: nothing of 1 GB ever reaches the disk or the memory of the test).
BOMB_CHILD = """
import sys, time
from pathlib import Path
from medaid.errors import InputFileError
from medaid.services.imports import import_file
start = time.process_time()  # CPU time: inflating the bomb would take seconds of it, whatever else the machine runs
try:
    import_file(Path(sys.argv[1]), "deaths", Path(sys.argv[2]))
    print("IMPORTED")
except InputFileError as err:
    print(err.what)
print(time.process_time() - start)
# VmHWM: the peak of this program's own memory. ru_maxrss would also count the pytest process
# this child was forked from, which is large late in a full run.
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb")
    small = folder / "small.xlsx"
    workbook("small.xlsx", {"Sheet1": [["身份证号", "死亡日期"], [P[0].id_number, "2023-05-01"]]})(folder)
    path = folder / "名单.xlsx"
    block = b" " * (1 << 20)
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, source.read(item.filename))
                continue
            with out.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>')  # fmt: skip
                for _ in range(1000):
                    sheet.write(block)
                sheet.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 8 << 20
    return path


def test_a_zip_bomb_is_refused_fast_and_small(bomb, workspace):
    child = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, str(workspace.root), str(bomb)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    what, seconds, peak_kb = child.stdout.strip().splitlines()
    assert "倍" in what and "未读取" in what, what
    assert float(seconds) < 2.0
    assert int(peak_kb) < 500 * 1024


def test_a_workbook_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    path = workbook("big.xlsx", {"Sheet1": [REC_CELLS, *([rec_cells(i % 40) for i in range(8_000)])]})(tmp_path)
    monkeypatch.setenv("MEDAID_XLSX_MAX_MB", "1")
    error = stage_error(path)
    assert "超过上限 1 MB" in error.what and "MEDAID_XLSX_MAX_MB" in error.fix


@pytest.mark.parametrize(
    ("make", "careful"),
    [
        (text_file("plain.csv", [REC, *recs(0, 3)]), False),
        (text_file("title-crlf.csv", ["XX县名单", "", REC, *recs(0, 3)], encoding="utf-8-sig", newline="\r\n"), False),
        (text_file("gbk.csv", ["XX县名单,,,,", REC, *recs(0, 3), "合计,3人,,,"], encoding="gbk"), False),
        (text_file("unicode.txt", [REC.replace(",", "\t"), *recs(0, 3, "\t")], encoding="utf-16"), False),
        (text_file("blank.csv", [REC, rec(0), "", rec(1)]), True),
        (text_file("extra.csv", [REC, rec(0) + ",x", rec(1)]), True),
        (bytes_file("mixed.csv", [REC.encode(), rec(0).encode("gbk"), rec(1).encode()]), True),
    ],
)
def test_duckdb_reads_a_well_formed_file_alone_and_the_careful_reader_takes_the_others(tmp_path, monkeypatch, make,
                                                                                      careful):  # fmt: skip
    import medaid.ingest.csvread as csvread

    used: list[bool] = []
    original = csvread._careful

    def spy(*args, **kwargs):
        used.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(csvread, "_careful", spy)
    with engine.connect() as con:
        stage(con, make(tmp_path), TABLES["recipients"], scratch=tmp_path)
    assert bool(used) == careful
