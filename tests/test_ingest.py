"""Importing programme data: small hand-made files with known answers (contract 3)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from medaid.demo.people import make_people
from medaid.errors import InputFileError
from medaid.services.imports import import_file
from medaid.workspace import Workspace

P = make_people(12, seed=11)


def csv_file(path: Path, header: str, rows: list[str], encoding: str = "utf-8-sig") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", region="示例县", year=2023)


def rows_of(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    with ws.connect(read_only=True) as con:
        return con.execute(sql).fetchall()


REC_HEADER = "身份证号,姓名,救助类别,认定部门,生效日期,终止日期,区划"


def recipients_file(path: Path, encoding: str = "gbk") -> Path:
    return csv_file(
        path,
        REC_HEADER,
        [
            f"{P[0].id_number},{P[0].name},低保,民政局,2023-01-01,,一镇",  # row 2
            f"{P[0].id_number},{P[0].name},特困人员,民政,2023-03-01,2023-06-30,一镇",  # row 3
            f"{P[1].id_number},{P[1].name},监测对象,乡村振兴,2023/2/1,,二镇",  # row 4
            f"{P[2].id_number[:17]}{'0' if P[2].id_number[17] != '0' else '1'},{P[2].name},低保对象,民政,2023-01-01,,二镇",
            f"{P[3].id_number},{P[3].name},贫困户,民政,2023-01-01,,二镇",  # row 6: unknown category
            f"{P[4].id_number},{P[4].name},低保对象,民政,2023-02-30,,二镇",  # row 7: impossible date
            f"{P[1].id_number},{P[1].name},监测对象,乡村振兴,2023/2/1,,二镇",  # row 8: repeats row 4
            f"{P[5].id_number[:16]},{P[5].name},低保对象,民政,2023-01-01,,二镇",  # row 9: too short
            f",{P[6].name},低保对象,民政,2023-01-01,,二镇",  # row 10: empty id
            f"{P[7].id_number},{P[7].name},低保对象,残联,2023-05-01,2023-04-01,三镇",  # row 11: ends before start
        ],
        encoding,
    )


def test_gbk_recipients_load_good_rows_and_reject_bad_ones_with_reasons(ws, tmp_path):
    summary = import_file(ws.root, "recipients", recipients_file(tmp_path / "名单.csv"))
    assert (summary.rows_read, summary.new, summary.rejected) == (10, 3, 7)
    assert summary.rejects_file is not None
    text = summary.rejects_file.read_text(encoding="utf-8-sig")
    rejects = [line.split(",", 4) for line in text.splitlines()[1:]]
    by_row = {int(r[1]): (r[2], r[4]) for r in rejects}
    assert by_row[5][0] == "身份证号" and "校验位错误" in by_row[5][1]
    assert by_row[6] == (
        "救助类别",
        "未知的救助类别“贫困户”（可填：特困人员、孤儿、低保对象、返贫致贫人口、低保边缘家庭成员、防止返贫监测对象、因病致贫重病患者、其他）",
    )
    assert "2023-02-30" in by_row[7][1]
    assert "与第 4 行重复" in by_row[8][1]
    assert "应为18位" in by_row[9][1]
    assert by_row[10] == ("身份证号", "身份证号不能为空")
    assert by_row[11] == ("终止日期", "终止日期早于生效日期")
    # no ID number appears unmasked in the rejects file
    assert not any(p.id_number in text for p in P)
    assert re.search(r"\d{18}", text) is None


def test_reimporting_the_same_file_changes_nothing(ws, tmp_path):
    path = recipients_file(tmp_path / "名单.csv")
    import_file(ws.root, "recipients", path)
    before = rows_of(ws, "SELECT * FROM recipients ORDER BY ALL")
    imports = rows_of(ws, "SELECT count(*) FROM imports")
    again = import_file(ws.root, "recipients", path)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 3)
    assert rows_of(ws, "SELECT * FROM recipients ORDER BY ALL") == before
    assert rows_of(ws, "SELECT count(*) FROM imports") == imports
    assert "此前已导入" in again.notes[0]


def test_a_changed_row_is_updated_by_its_natural_key(ws, tmp_path):
    import_file(ws.root, "recipients", recipients_file(tmp_path / "a.csv"))
    changed = csv_file(
        tmp_path / "b.csv", REC_HEADER, [f"{P[1].id_number},{P[1].name},监测对象,乡村振兴,2023/2/1,2023-08-31,二镇"]
    )
    summary = import_file(ws.root, "recipients", changed)
    assert (summary.new, summary.changed) == (0, 1)
    [(valid_to,)] = rows_of(ws, "SELECT valid_to FROM recipients WHERE category = '防止返贫监测对象'")
    assert str(valid_to) == "2023-08-31"


def test_people_are_stored_once_hashed_and_encrypted(ws, tmp_path):
    import_file(ws.root, "recipients", recipients_file(tmp_path / "a.csv", encoding="utf-8"))
    persons = rows_of(ws, "SELECT person_key, id_cipher, id_masked, name_masked FROM persons ORDER BY id_masked")
    assert len(persons) == 2
    ring = ws.key()
    keys = {ring.person_key(P[0].id_number), ring.person_key(P[1].id_number)}
    assert {p[0] for p in persons} == keys
    assert {ring.decrypt(p[1]) for p in persons} == {P[0].id_number, P[1].id_number}
    raw = ws.store_path.read_bytes()
    assert P[0].id_number.encode() not in raw and P[0].name.encode() not in raw


def test_stored_masks_are_those_of_the_python_rules_whatever_the_writing(ws, tmp_path):
    """The masks stored with each person (the number's in SQL, the name's in Python) are idnumber.mask and
    mask_name of what the file holds: full-width digits, spaces and a lower-case x are normalised first, and
    a name is stored without the blanks around it."""
    from medaid.ingest import idnumber

    wide = P[0].id_number.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    spaced = P[1].id_number[:6] + " " + P[1].id_number[6:].lower()
    written = {P[0].id_number: (wide, P[0].name), P[1].id_number: (spaced, f"\u3000{P[1].name}")}
    import_file(ws.root, "recipients", csv_file(tmp_path / "m.csv", REC_HEADER, [
        f"{number},{name},低保对象,民政,2023-01-01,,一镇" for number, name in written.values()
    ]))  # fmt: skip
    ring = ws.key()
    stored = rows_of(ws, "SELECT id_cipher, name_cipher, id_masked, name_masked FROM persons")
    assert len(stored) == 2
    for id_cipher, name_cipher, id_masked, name_masked in stored:
        number = ring.decrypt(id_cipher)
        raw, name = written[number]
        assert id_masked == idnumber.mask(raw) == number[:4] + "*" * 10 + number[-4:]
        assert ring.decrypt(name_cipher) == name.strip() and name_masked == idnumber.mask_name(name)


def test_registry_keeps_the_highest_category_and_death_ends_validity(ws, tmp_path):
    import_file(ws.root, "recipients", recipients_file(tmp_path / "a.csv"))
    deaths = csv_file(tmp_path / "d.csv", "身份证号,死亡日期", [f"{P[1].id_number},2023-09-10"])
    import_file(ws.root, "deaths", deaths)
    key0 = ws.key().person_key(P[0].id_number)
    latest = rows_of(ws, "SELECT max(import_id) FROM registry_snapshots")[0][0]
    intervals = rows_of(
        ws,
        f"SELECT category, CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR) FROM registry_snapshots "
        f"WHERE import_id = {latest} AND person_key = '{key0}' ORDER BY valid_from",
    )
    assert intervals == [
        ("低保对象", "2023-01-01", "2023-02-28"),
        ("特困人员", "2023-03-01", "2023-06-30"),  # 特困 outranks 低保 while both hold
        ("低保对象", "2023-07-01", None),
    ]
    key1 = ws.key().person_key(P[1].id_number)
    [(end,)] = rows_of(
        ws,
        f"SELECT CAST(valid_to AS VARCHAR) FROM registry_snapshots WHERE import_id = {latest} AND person_key = '{key1}'",
    )
    assert end == "2023-09-10"


def test_registry_change_log_between_two_imports(ws, tmp_path):
    from medaid.analytics.registry import changes

    import_file(ws.root, "recipients", csv_file(tmp_path / "a.csv", REC_HEADER, [
        f"{P[0].id_number},{P[0].name},低保对象,民政,2023-01-01,,一镇",
        f"{P[1].id_number},{P[1].name},低保边缘家庭成员,民政,2023-01-01,,一镇",
    ]))  # fmt: skip
    import_file(ws.root, "recipients", csv_file(tmp_path / "b.csv", REC_HEADER, [
        f"{P[0].id_number},{P[0].name},低保对象,民政,2023-01-01,2023-05-31,一镇",
        f"{P[1].id_number},{P[1].name},特困人员,民政,2023-01-01,,一镇",
        f"{P[2].id_number},{P[2].name},孤儿,民政,2023-04-01,,一镇",
    ]))  # fmt: skip
    with ws.connect(read_only=True) as con:
        found = {(c.change, c.before, c.after) for c in changes(con, 1, 2)}
    assert found == {
        ("退出", "低保对象", "低保对象（至2023-05-31）"),
        ("类别变更", "低保边缘家庭成员", "特困人员"),
        ("新增", None, "孤儿"),
    }


INST = "机构编码,机构名称,医院等级,区划"
SET_HEADER = (
    "结算编号,身份证号,姓名,就诊类型,机构编码,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"
)


def test_settlement_checks_amounts_numbers_formulas_and_refunds(ws, tmp_path):
    import_file(
        ws.root,
        "institutions",
        csv_file(tmp_path / "i.csv", INST, ["H1,县人民医院,二级,一镇", "H2,镇卫生院,一级,一镇"]),
    )
    p = P[0].id_number
    path = csv_file(tmp_path / "s.csv", SET_HEADER, [
        f"S1,{p},甲,住院,H1,2023-03-05,10000.00,8000.00,5000.00,0,2100.00",  # 2 good
        f"S2,{p},甲,门诊,H2,2023-03-06,-200.00,-150.00,-100.00,0,-30.00",  # 3 a refund (冲红)
        f"S3,{p},甲,门诊,H2,2023-03-07,200.00,-150.00,100.00,0,30.00",  # 4 one negative amount
        f"S4,{p},甲,门诊,H2,2023-03-07,八百,150.00,100.00,0,30.00",  # 5 text in a number cell
        f"S5,{p},甲,门诊,H2,2023-03-07,=SUM(A1:A3),150.00,100.00,0,30.00",  # 6 a formula
        f"S6,{p},甲,门诊,H2,2023-03-07,100.00,150.00,100.00,0,30.00",  # 7 in-scope above total
        f"S7,{p},甲,门诊,H2,2023-03-07,300.00,150.00,100.00,0,80.00",  # 8 payments above in-scope
        f"S1,{p},甲,住院,H1,2023-03-05,10000.00,8000.00,5000.00,0,2100.00",  # 9 repeated 结算编号
        f"S8,{p},甲,牙科,H1,2023-03-05,100.00,80.00,50.00,0,10.00",  # 10 unknown visit type
    ])  # fmt: skip
    summary = import_file(ws.root, "settlements", path)
    assert (summary.new, summary.rejected) == (2, 7)
    reasons = {
        int(line.split(",")[1]): line for line in summary.rejects_file.read_text(encoding="utf-8-sig").splitlines()[1:]
    }
    assert "冲红记录应各项金额均为负数" in reasons[4]
    assert "“八百”不是数字" in reasons[5]
    assert "单元格是公式" in reasons[6] and ",'=SUM(A1:A3)," in reasons[6]  # shown, never run
    assert "政策范围内费用大于总费用" in reasons[7]
    assert "支付之和大于政策范围内费用" in reasons[8]
    assert "与第 2 行重复" in reasons[9]
    assert "未知的就诊类型“牙科”" in reasons[10]
    stored = rows_of(ws, "SELECT settlement_id, hospital_level, total, assistance_paid FROM settlements ORDER BY 1")
    assert stored == [("S1", "二级", 1000000, 210000), ("S2", "一级", -20000, -3000)]


def test_national_platform_codes_import_as_they_are(ws, tmp_path):
    import_file(ws.root, "institutions", csv_file(tmp_path / "i.csv", INST, ["H450001,市医院,三级,"]))
    header = "setl_id,certno,psn_name,med_type,setl_time,medfee_sumamt,fulamt_ownpay_amt,inscp_scp_amt,hifp_pay,hifmi_pay,hifob_pay,maf_pay,oth_pay,fund_pay_sumamt,psn_part_amt,fixmedins_code"
    path = csv_file(tmp_path / "p.csv", header, [
        f"X1,{P[2].id_number},{P[2].name},21,2023-03-05 10:22:31,5000.00,200.00,4500.00,3000.00,0,0,900.00,0,3900.00,1100.00,H450001",
        f"X2,{P[2].id_number},{P[2].name},14,2023-04-05 09:00:00,300.00,0,300.00,180.00,0,0,60.00,0,240.00,60.00,H450001",
    ])  # fmt: skip
    summary = import_file(ws.root, "settlements", path)
    assert (summary.new, summary.rejected) == (2, 0)
    assert rows_of(
        ws,
        "SELECT settlement_id, visit_type, hospital_level, CAST(settle_date AS VARCHAR), fund_paid, self_paid FROM settlements ORDER BY 1",
    ) == [
        ("X1", "住院", "三级", "2023-03-05", 390000, 110000),
        ("X2", "门诊慢特病", "三级", "2023-04-05", 24000, 6000),
    ]


def test_xlsx_with_dates_and_numbers_imports(ws, tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["身份证号", "死亡日期"])
    sheet.append([P[3].id_number, dt.date(2023, 5, 6)])
    path = tmp_path / "deaths.xlsx"
    book.save(path)
    summary = import_file(ws.root, "deaths", path)
    assert summary.new == 1
    assert rows_of(ws, "SELECT CAST(death_date AS VARCHAR) FROM deaths") == [("2023-05-06",)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "文件是空的"),
        ("cols.csv", "身份证号,姓名\n1,2\n".encode(), "缺少必需的列：救助类别、认定部门、生效日期"),
        ("broken.xlsx", b"PK\x03\x04 truncated", "无法读取 Excel 文件"),
        ("binary.csv", b"\xff\xfe\xfd\x81" * 10, "无法识别文件编码"),
    ],
)
def test_unreadable_files_get_a_chinese_message_and_change_nothing(ws, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        import_file(ws.root, "recipients", path)
    assert rows_of(ws, "SELECT count(*) FROM imports") == [(0,)]


def test_an_import_that_fails_midway_leaves_the_store_as_it_was(ws, tmp_path, monkeypatch):
    import_file(ws.root, "recipients", recipients_file(tmp_path / "a.csv"))
    before = {
        t: rows_of(ws, f"SELECT * FROM {t} ORDER BY ALL")
        for t in ("persons", "recipients", "imports", "registry_snapshots")
    }

    def boom(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    import medaid.analytics.registry as registry

    monkeypatch.setattr(registry, "snapshot", boom)
    more = csv_file(tmp_path / "b.csv", REC_HEADER, [f"{P[8].id_number},{P[8].name},特困人员,民政,2023-01-01,,一镇"])
    with pytest.raises(RuntimeError):
        import_file(ws.root, "recipients", more)
    after = {t: rows_of(ws, f"SELECT * FROM {t} ORDER BY ALL") for t in before}
    assert after == before


def test_people_are_registered_in_rounds_and_named_when_a_list_brings_the_name(ws, tmp_path, monkeypatch):
    import medaid.ingest.people as people

    monkeypatch.setattr(people, "PEOPLE_CHUNK", 2)  # three people: two rounds
    import_file(ws.root, "deaths", csv_file(tmp_path / "d.csv", "身份证号,死亡日期", [
        f"{P[9].id_number},2023-05-01", f"{P[10].id_number},2023-05-02", f"{P[11].id_number},2023-05-03",
    ]))  # fmt: skip
    assert rows_of(ws, "SELECT count(*), count(name_cipher) FROM persons") == [(3, 0)]
    import_file(ws.root, "recipients", csv_file(tmp_path / "r.csv", REC_HEADER, [
        f"{P[9].id_number},{P[9].name},低保对象,民政,2023-01-01,,一镇",
        f"{P[10].id_number},{P[10].name},低保对象,民政,2023-01-01,,一镇",
    ]))  # fmt: skip
    assert rows_of(ws, "SELECT count(*), count(name_cipher) FROM persons") == [(3, 2)]
    ring = ws.key()
    names = {ring.decrypt(r[0]) for r in rows_of(ws, "SELECT name_cipher FROM persons WHERE name_cipher IS NOT NULL")}
    assert names == {P[9].name, P[10].name}


def rejects_by_row(summary) -> dict[int, tuple[str, str, str]]:
    """Row number → (column, value shown, reason) from the rejects file."""
    import csv

    assert summary.rejects_file is not None
    with summary.rejects_file.open(encoding="utf-8-sig", newline="") as handle:
        return {int(r[1]): (r[2], r[3], r[4]) for r in list(csv.reader(handle))[1:]}


def test_id_numbers_are_checked_on_import_as_python_checks_them(ws, tmp_path):
    import datetime as dt

    from medaid.demo.people import make_id
    from medaid.ingest.idnumber import problem

    full_width = P[8].id_number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    old, future = make_id("459901", dt.date(1800, 1, 1), 12), make_id("459901", dt.date(2099, 1, 1), 12)
    path = csv_file(tmp_path / "d.csv", "身份证号,死亡日期", [
        f"{full_width},2023-09-10",  # row 2: full-width digits, as some input methods type them
        f"{old},2023-09-10",  # row 3: born in 1800
        f"{future},2023-09-10",  # row 4: born in 2099
    ])  # fmt: skip
    summary = import_file(ws.root, "deaths", path)
    assert (summary.new, summary.rejected) == (1, 2)
    rejects = rejects_by_row(summary)
    assert rejects[3] == ("身份证号", "4599**********" + old[-4:], problem(old))
    assert rejects[4] == ("身份证号", "4599**********" + future[-4:], problem(future))
    assert rejects[3][2] == rejects[4][2] == "身份证号中的出生日期不合理（应在1900年1月1日至今天之间）"
    assert not any(re.search(r"\d{8}", r[2]) for r in rejects.values())  # no birth date in a reason
    assert rows_of(ws, "SELECT person_key FROM deaths") == [(ws.key().person_key(P[8].id_number),)]


def test_money_cells_in_yuan_and_wan_yuan_import_rounded_half_up(ws, tmp_path):
    import_file(ws.root, "institutions", csv_file(tmp_path / "i.csv", INST, ["H1,县人民医院,二级,一镇"]))
    p = P[0].id_number
    path = csv_file(tmp_path / "s.csv", SET_HEADER, [
        f'M1,{p},甲,住院,H1,2023-03-05,"1,234.565",1000元,0.05万元,0,100',  # 2
        f"M2,{p},甲,住院,H1,2023-03-06,0.1万元,800元,￥500,0,0",  # 3
        f"M3,{p},甲,门诊,H1,2023-03-07,100.00,150,100.00,0,30.00",  # 4 in-scope above total
    ])  # fmt: skip
    summary = import_file(ws.root, "settlements", path)
    assert (summary.new, summary.rejected) == (2, 1)
    assert rows_of(ws, "SELECT settlement_id, total, in_scope, basic_paid FROM settlements ORDER BY 1") == [
        ("M1", 123457, 100000, 50000),
        ("M2", 100000, 80000, 50000),
    ]
    assert rejects_by_row(summary)[4] == ("政策范围内费用", "150.00", "政策范围内费用大于总费用")


@pytest.mark.parametrize(
    ("header", "cells", "fen"),
    [
        ("金额（万元）", ["12.5", "3000元", "0.1万元"], [12_500_000, 300_000, 100_000]),
        ("金额(单位：万元)", ["12.5"], [12_500_000]),
        ("金额（元）", ["12.5", "0.1万元"], [1_250, 100_000]),
        ("金额/元", ["12.5"], [1_250]),
    ],
)
def test_an_amount_header_may_give_the_unit_of_its_column(ws, tmp_path, header, cells, fen):
    """Ledgers head amounts “金额（万元）”: a plain number there is 万元; a cell's own unit comes first."""
    lines = [f"2023-0{i + 1}-10,收入,中央补助,{cell}" for i, cell in enumerate(cells)]
    summary = import_file(ws.root, "fund", csv_file(tmp_path / "f.csv", f"日期,收支,科目,{header}", lines))
    assert (summary.new, summary.rejected) == (len(cells), 0)
    assert [r[0] for r in rows_of(ws, "SELECT amount FROM fund ORDER BY entry_date")] == fen
    assert any("万元读取" in n for n in summary.notes) == ("万元" in header)


def test_an_unknown_category_names_the_nearest_one_as_the_policy_files_do(ws, tmp_path):
    path = csv_file(tmp_path / "typo.csv", REC_HEADER, [
        f"{P[0].id_number},{P[0].name},低包对象,民政,2023-01-01,,一镇",
        f"{P[1].id_number},{P[1].name},低保,民政,2023-01-01,,一镇",  # an alias: accepted as 低保对象
    ])  # fmt: skip
    summary = import_file(ws.root, "recipients", path)
    assert (summary.new, summary.rejected) == (1, 1)
    assert summary.rejects_file is not None
    reason = summary.rejects_file.read_text(encoding="utf-8-sig").splitlines()[1].split(",", 4)[4]
    assert reason.startswith("未知的救助类别“低包对象”：是否应为 低保对象？（可填：特困人员、")


# The careful CSV reader's pieces, on any input.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300).map(lambda b: b.replace(b"\x00", b"\n")), st.integers(1, 17), st.integers(4, 40))
def test_physical_lines_are_the_lines_of_the_file_whatever_the_chunks(data, chunk, limit):
    import io

    import medaid.ingest.csvlines as csvlines

    old = csvlines.CHUNK, csvlines.MAX_LINE_BYTES
    csvlines.CHUNK, csvlines.MAX_LINE_BYTES = chunk, limit
    try:
        got = list(csvlines.physical_lines(io.BytesIO(data)))
    finally:
        csvlines.CHUNK, csvlines.MAX_LINE_BYTES = old
    expected = data.split(b"\n")
    if expected[-1] == b"":
        expected.pop()
    assert [line.number for line in got] == list(range(1, len(expected) + 1))
    for line, raw in zip(got, expected, strict=True):
        assert line.size == len(raw)
        if len(raw) > limit:
            assert raw.startswith(line.data) and limit < len(line.data) <= csvlines.HEAD_BYTES  # never held whole
        else:
            assert line.data == raw.removesuffix(b"\r")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=8), min_size=1, max_size=6),
       st.sampled_from([",", "\t", ";"]))  # fmt: skip
def test_a_well_formed_record_splits_as_the_csv_module_writes_it(cells, delimiter):
    import csv
    import io

    from medaid.ingest.csvlines import split_fields

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(cells)
    assert split_fields(out.getvalue(), delimiter) == cells
