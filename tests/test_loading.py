"""Reading evaluation files: YAML, CSV in any of the encodings people send, XLSX; and the
Chinese error each kind of bad input gets (file, line or row, indicator path, how to fix)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from medaid.errors import InputFileError, MedaidError
from medaid.evaluation import audit, load_framework, score_framework
from medaid.evaluation.loading import InvalidFramework

GOOD = """
title: 测试评价
kind: self
claimed: {total: 98, grade: 优}
indicators:
  - name: 预算执行率
    weight: 10
    budget: {initial: 466, annual: 466, executed: 466, rate: 100%}
    score: 10
  - name: 产出指标
    weight: 90
    children:
      - name: 医疗救助对象人数
        weight: 90
        target: ≥1500人次
        actual: 1549人
        score: 88
        note: 按局内口径扣2分
"""


def test_a_good_yaml_file_loads_with_its_tree(write):
    fw = load_framework(write("good.yaml", GOOD))
    assert fw.title == "测试评价"
    assert [n.name for n in fw.indicators] == ["预算执行率", "产出指标"]
    leaf = fw.indicators[1].children[0]
    assert leaf.path == ("产出指标", "医疗救助对象人数")
    assert leaf.where.line == 12
    assert fw.indicators[0].actual is not None and fw.indicators[0].actual.value == Decimal(100)


def test_missing_weight_names_the_indicator_and_line(write):
    path = write("bad.yaml", GOOD.replace("        weight: 90\n        target", "        target"))
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    message = err.value.message
    assert "缺少分值" in message and "产出指标 / 医疗救助对象人数" in message and "第 12 行" in message
    assert "weight" in message


def test_non_numeric_score_is_refused_with_how_to_fix(write):
    path = write("bad.yaml", GOOD.replace("score: 88", "score: 八十八分"))
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    assert "得分“八十八分”不是数字" in err.value.message
    assert "请把得分改为数字" in err.value.message


def test_every_problem_is_reported_not_only_the_first(write):
    path = write("bad.yaml", GOOD.replace("score: 88", "score: 八十八").replace("score: 10", "score: 十"))
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    assert len(err.value.problems) == 2


def test_structured_rule_of_unknown_type_is_an_error(write):
    path = write(
        "bad.yaml",
        GOOD.replace("        score: 88", "        rule: {type: magic}\n        score: 88"),
    )
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    assert "未知的规则类型“magic”" in err.value.message and "per_point" in err.value.message


def test_rule_text_that_cannot_be_parsed_is_named_with_its_path(write):
    text = GOOD.replace("        score: 88\n", "        rule: 视情况酌定\n")
    report = audit(load_framework(write("r.yaml", text)))
    [finding] = [f for f in report.findings if f.kind.value == "rule_unparsed"]
    assert finding.severity.value == "error"  # no score to fall back on
    assert finding.path == ("产出指标", "医疗救助对象人数")
    assert "视情况酌定" in finding.message and "docs/rules.md" in finding.message


def test_yaml_syntax_error_gives_the_line(write):
    path = write("broken.yaml", "title: 坏文件\nindicators:\n  - name: 产出\n    weight: [10\n")
    with pytest.raises(InputFileError) as err:
        load_framework(path)
    assert "YAML 格式错误" in err.value.message and "第 " in err.value.message


def test_missing_file_directory_empty_and_binary_files(tmp_path: Path):
    with pytest.raises(MedaidError, match="文件不存在"):
        load_framework(tmp_path / "nothing.yaml")
    with pytest.raises(MedaidError, match="文件夹"):
        load_framework(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(MedaidError, match="文件是空的"):
        load_framework(empty)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\xfd\x00\x81" * 20)
    with pytest.raises(MedaidError, match="编码"):
        load_framework(binary)
    other = tmp_path / "report.doc"
    other.write_bytes(b"PK")
    with pytest.raises(MedaidError, match="不支持的文件类型"):
        load_framework(other)


FLAT = """\
城乡医疗救助项目支出绩效自评表（2021年度）
一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
预算执行率,,,,100%,10,10,
产出指标(50分),数量指标,医疗救助对象人数,≥1500人次,1549人,20,20,
,质量指标,困难群众自费用年度限额内住院救助比例,≥75%,75%,15,15,
,时效指标,“一站式”即时结算覆盖率,不低于上年,不低于上年,15,15,
效益指标(30分),社会效益指标,困难群众就医方便程度,明显提高,明显提高,15,14,
,,困难群众医疗费用负担减轻程度,逐步减轻,逐步减轻,15,14,
满意度指标(10分),服务对象满意度指标,困难群众满意度,≥90%,90%,10,10,
总分,,,,,100,98,
"""


def _check_flat(fw) -> None:
    assert fw.title == "城乡医疗救助项目支出绩效自评表（2021年度）"
    assert [n.name for n in fw.indicators] == ["预算执行率", "产出指标", "效益指标", "满意度指标"]
    assert fw.indicators[0].is_leaf and fw.indicators[0].weight == 10  # a shallower row
    output = fw.indicators[1]
    assert output.weight == 50 and not output.weight_inferred  # from "产出指标(50分)"
    assert [c.name for c in output.children] == ["数量指标", "质量指标", "时效指标"]
    benefit = fw.indicators[2]
    assert [c.name for c in benefit.children[0].children] == [
        "困难群众就医方便程度",
        "困难群众医疗费用负担减轻程度",
    ]
    assert fw.claimed_total == 98
    scored = score_framework(fw)
    assert scored.total == Decimal(98)
    assert scored.grade == "优"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_flat_csv_table_in_any_encoding(write, encoding):
    _check_flat(load_framework(write("table.csv", FLAT, encoding=encoding)))


def test_flat_xlsx_table_with_merged_cells(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    for line in FLAT.splitlines():
        sheet.append([cell if cell else None for cell in line.split(",")])
    # merged cells as Word-to-Excel exports have them: the value only in the top-left cell
    sheet.merge_cells("A4:A6")
    sheet.merge_cells("A7:A8")
    sheet.merge_cells("B7:B8")
    for row in sheet.iter_rows(min_row=3, max_col=8):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.value = int(cell.value)
    path = tmp_path / "table.xlsx"
    book.save(path)
    _check_flat(load_framework(path))


def test_truncated_xlsx_gets_a_clear_message(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["一级指标", "分值"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(InputFileError) as err:
        load_framework(broken)
    assert "无法读取 Excel 文件" in err.value.message and "broken.xlsx" in err.value.message


def test_table_without_weight_column_names_the_header_row(write):
    path = write("t.csv", "一级指标,二级指标,得分\n产出,数量,5\n")
    with pytest.raises(InputFileError) as err:
        load_framework(path)
    assert "缺少“分值”列" in err.value.message and "表格第 1 行" in err.value.message


def test_table_row_with_non_numeric_score_names_the_row(write):
    path = write("t.csv", "一级指标,二级指标,分值,得分\n产出,数量,5,五分\n合计,,5,5\n")
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    assert "表格第 2 行" in err.value.message and "得分“五分”不是数字" in err.value.message


def test_table_without_header_is_refused(write):
    with pytest.raises(InputFileError, match="找不到表头"):
        load_framework(write("t.csv", "a,b,c\n1,2,3\n"))


def test_weights_that_do_not_add_up_are_an_audit_error(write):
    text = GOOD.replace("weight: 90\n    children", "weight: 95\n    children")
    report = audit(load_framework(write("w.yaml", text)))
    kinds = {(f.kind.value, f.path) for f in report.errors}
    assert ("weight_sum", ("产出指标",)) in kinds
    assert ("weight_sum", ()) in kinds


def test_repeated_header_rows_after_a_page_break_are_skipped(write):
    text = FLAT.replace(
        "效益指标(30分),社会效益指标",
        "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n效益指标(30分),社会效益指标",
    )
    _check_flat(load_framework(write("t.csv", text)))


def test_the_same_indicator_twice_keeps_both_rows(write):
    text = "一级指标,二级指标,分值,得分\n产出,人数,20,20\n效益,满意度,70,70\n产出,人数,10,8\n合计,,100,98\n"
    fw = load_framework(write("t.csv", text))
    names = [c.name for c in fw.indicators[0].children]
    assert names == ["人数", "人数（第4行）"]
    assert score_framework(fw).total == Decimal(98)


def test_weight_in_a_name_does_not_split_the_node(write):
    text = "一级指标,二级指标,分值,得分\n产出指标(50分),数量,30,30\n效益,满意度,50,50\n产出指标,质量,20,20\n"
    fw = load_framework(write("t.csv", text))
    assert [n.name for n in fw.indicators] == ["产出指标", "效益"]
    assert fw.indicators[0].weight == 50 and not fw.indicators[0].weight_inferred


def test_non_numeric_weight_is_one_clear_error(write):
    with pytest.raises(InvalidFramework) as err:
        load_framework(write("t.csv", "一级指标,二级指标,分值,得分\n产出,数量,五十,5\n"))
    assert len(err.value.problems) == 1 and "分值“五十”不是数字" in err.value.message


@pytest.mark.parametrize("value", [".nan", ".inf", "100000000000000000000000000000"])
def test_nan_infinite_and_absurd_numbers_are_refused_not_crashed_on(write, value):
    with pytest.raises(InvalidFramework, match="不是数字"):
        load_framework(write("n.yaml", GOOD.replace("score: 88", f"score: {value}")))


def test_empty_band_set_is_refused(write):
    with pytest.raises(InvalidFramework, match="等级划分不能为空"):
        load_framework(write("b.yaml", "bands: []\n" + GOOD.lstrip()))


# (rule mapping beside a text, what the error says): an option is used, or refused — never ignored
REFUSED_OPTIONS = [
    ("{text: 达到90%得10分，否则按实际知晓率×分值计算, partial: floor}", "partial 只适用于按百分点扣分"),
    ("{text: 得5分，每发现1例扣0.5分，扣完为止, zero_inclusive: false}", "zero_inclusive 只适用于"),
    ("{text: 得5分，每发现1例扣0.5分，发现3例及以上不得分, zero_inclusive: false}", "已写明含本数"),
    ("{text: 得5分，每发现1例扣0.5分，3例以上不得分, zero_inclusive: 不含}", "zero_inclusive 应为 true"),
]


@pytest.mark.parametrize(("rule", "message"), REFUSED_OPTIONS)
def test_a_reading_option_the_rule_cannot_use_is_refused(write, rule, message):
    path = write("o.yaml", GOOD.replace("        score: 88\n", f"        rule: {rule}\n        score: 88\n"))
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    assert message in err.value.message


def test_zero_inclusive_states_the_reading_of_a_bare_yishang(write):
    rule = "{text: 得5分，每发现1例扣0.5分，3例以上不得分, zero_inclusive: false}"
    framework = load_framework(write("o.yaml", GOOD.replace("        score: 88\n", f"        rule: {rule}\n")))
    [leaf] = [n for n in framework.walk() if n.rule is not None]
    assert leaf.rule.to_dict()["zero_inclusive"] is False and leaf.rule.explicit_reading


def test_an_unknown_key_of_an_evaluation_file_names_the_nearest(tmp_path: Path):
    """Was: a misspelled ``wieght`` was ignored and only “缺少分值” was said."""
    from medaid.evaluation import InvalidFramework

    path = tmp_path / "typo.yaml"
    path.write_text(
        "title: x\nindicators:\n  - name: 产出\n    wieght: 100\n    score: 90\ntitel: y\n", encoding="utf-8"
    )
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    messages = [p.what for p in err.value.problems]
    assert "未知的键“wieght”：是否应为 weight？" in messages and "未知的键“titel”：是否应为 title？" in messages


def test_a_yaml_syntax_error_is_said_in_chinese(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text("title: x\nindicators: [\n  - name: a\n", encoding="utf-8")
    with pytest.raises(MedaidError) as err:
        load_framework(path)
    assert err.value.what.startswith("YAML 格式错误：") and not re.search(
        r"[A-Za-z]{4,}", err.value.what.replace("YAML", "")
    )
