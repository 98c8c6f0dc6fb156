"""How the flat-table reader takes what exported 自评表 print (issue 13, part 3): two header rows,
split targets (指标性质 / 指标值 / 度量单位), the money block above the header, qualitative scales,
contradictory directions, tables without weights, and errors naming the row and column as printed."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from medaid.evaluation import audit, load_framework
from medaid.evaluation.loading import InvalidFramework
from medaid.evaluation.loading.targets import join
from medaid.evaluation.model import Framework
from medaid.evaluation.scoring import Source, score_framework
from tests.layout_support import BUDGET, LAYOUTS
from tests.layout_support import load_layout as _load


def _b_variants(tmp_path: Path) -> list[Path]:
    """Yunnan's header as the HTML gives it (levels in the lower row), and as an XLSX with merges."""
    rows = list(csv.reader(io.StringIO((LAYOUTS / "b_lijiang_2020.csv").read_text(encoding="utf-8"))))
    at = next(i for i, r in enumerate(rows) if "一级指标" in r)
    levels = {"一级指标", "二级指标", "三级指标"}
    upper = [c if c not in levels else "" for c in rows[at]]
    lower = [rows[at + 1][i] or (c if c in levels else "") for i, c in enumerate(rows[at])]
    lower_levels = tmp_path / "b_levels_below.csv"
    with lower_levels.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([*rows[:at], upper, lower, *rows[at + 2 :]])
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([float(c) if c.replace(".", "").isdigit() and "." in c else c or None for c in row])
    sheet.merge_cells(start_row=at + 1, start_column=5, end_row=at + 1, end_column=7)  # 年度指标值 over three
    sheet.merge_cells(start_row=at + 1, start_column=8, end_row=at + 2, end_column=8)  # 实际完成值 over two rows
    xlsx = tmp_path / "b.xlsx"
    book.save(xlsx)
    return [lower_levels, xlsx]


def _tree(framework: Framework) -> list[tuple[tuple[str, ...], str | None, str | None, Decimal | None]]:
    return [
        (n.path, n.target and n.target.text, n.actual and n.actual.text, n.weight) for n in framework.walk()
    ]  # fmt: skip


def test_yunnan_two_header_rows_join_the_split_target(tmp_path: Path):
    framework = _load("b_lijiang_2020.csv", partial=True)
    leaves = {n.name: (n.target and n.target.text, n.actual and n.actual.text) for n in framework.walk() if n.is_leaf}
    assert leaves["卫片执法补助经费"] == ("=72890元", "72890元")  # ﹦ | 72890 | 元
    assert leaves["违法行为责停率"] == ("≥95%", "95%")
    for variant in _b_variants(tmp_path):
        assert _tree(load_framework(variant)) == _tree(framework)


def test_sichuan_execution_rate_is_over_the_adjusted_budget():
    qingshen = _load("c1_qingshen_2023.csv").indicators[0]
    assert qingshen.budget is not None and qingshen.budget.initial == Decimal("238.93")
    assert qingshen.budget.computed_rate == 100  # 251.89 ÷ 251.89, not ÷ 238.93 (105.4%)
    daying = _load("c2_daying_ancore_2023.csv", partial=True).indicators[0]
    assert daying.budget is not None and daying.budget.initial == 0 and daying.budget.computed_rate == 100


def test_sichuan_indicators_total_90_and_the_budget_10():
    framework = _load("c1_qingshen_2023.csv")
    assert [(n.name, n.weight) for n in framework.indicators] == [("预算执行率", 10), ("绩效指标", 90)]
    report = audit(framework)
    assert not {f.kind.value for f in report.findings} & {"weight_sum", "score_range"}
    budget = next(n for n in report.scored.nodes if n.indicator.path == BUDGET)
    assert budget.score == 10 and "10 × 执行率 100%" in budget.reason.replace("分值 ", "")
    assert [u.place.row for u in report.unread] == [17, 18, 19, 20]  # 评价结论 … below 合计


def test_a_qualitative_scale_targets_its_top_grade(tmp_path: Path):
    framework = _load("c3_daying_medical_2023.csv", partial=True)
    leaf = next(n for n in framework.walk() if n.name == "城乡居民医保参保机制健全性")
    assert leaf.target is not None and leaf.target.text == "优"  # 定性 | 优良中低差
    text = (LAYOUTS / "c3_daying_medical_2023.csv").read_text(encoding="utf-8")
    for actual, score, source in (("优", Decimal(10), Source.RULE), ("良", None, Source.PENDING)):
        path = tmp_path / f"c3_{actual}.csv"
        path.write_text(text.replace("定性,优良中低差,,,10,,", f"定性,优良中低差,,{actual},10,,"), encoding="utf-8")
        scored = score_framework(load_framework(path))
        node = next(n for n in scored.walk() if n.indicator.name == leaf.name)
        assert (node.score, node.source) == (score, source)  # a lower grade is the evaluator's to score


def test_a_contradictory_direction_is_refused_with_its_row_and_column():
    framework = _load("d_bayannur_2024.csv", partial=True)
    leaves = {n.name: n for n in framework.walk() if n.is_leaf}
    assert leaves["租车次数(次)"].target is not None and leaves["租车次数(次)"].target.text == "≥1次"
    assert leaves["宣传美工制作个数(个)"].target is None  # 正向 with 小于等于
    [unread] = audit(framework).unread
    assert unread.place.row == 11 and "“指标性质”列" in unread.what and "矛盾" in unread.why
    figure = next(f for f in framework.figures if f.name == "项目资金其他资金执行率")
    assert figure.value == 0 and figure.is_percent  # a bare 0 under 执行率(%)


def test_hubei_budget_score_is_20_times_the_rate_as_its_header_says(tmp_path: Path):
    framework = _load("e_xiangyang_2021.csv", partial=True)
    assert [(n.name, n.weight) for n in framework.indicators] == [("预算执行率", 20), ("年度绩效目标", 80)]
    rule = framework.indicators[0].rule
    assert rule is not None and not rule.implied and rule.text == "得分(20分*执行率)"
    slipped = tmp_path / "e.csv"
    text = (LAYOUTS / "e_xiangyang_2021.csv").read_text(encoding="utf-8")
    slipped.write_text(text.replace(",1000,1000,100%,20,", ",1000,900,90%,20,"), encoding="utf-8")
    report = audit(load_framework(slipped))
    rule_finding = next(f for f in report.errors if f.path == BUDGET)
    assert (rule_finding.kind.value, rule_finding.claimed, rule_finding.expected) == ("rule", 20, 18)


def test_a_targets_only_table_is_read_not_refused_and_no_weight_is_invented():
    framework = _load("f_huoshan_2024.csv")
    assert framework.partial and framework.title == "医疗救助补助资金" and framework.year == 2024
    [leaf] = [n for n in framework.walk() if n.is_leaf]
    assert leaf.weight is None and leaf.target is not None and leaf.target.text == "≥50000人次"
    scored = score_framework(framework)
    assert scored.total is None and "达到指标值 ≥50000人次" in scored.walk()[-1].reason
    figures = {f.name: f for f in framework.figures}
    assert figures["项目资金年度资金总额全年预算数"].value == Decimal("3359.62")  # printed "3359.62万"
    assert figures["项目资金彩票公益金用于医疗救助执行率"].formula is None  # 0 ÷ 0 printed 100%: not checked


def test_per_row_fen_zhi_wins_over_quan_zhong(tmp_path: Path):
    framework = _load("g_fuliang_2021_department.csv", partial=True)
    assert [n.weight for n in framework.indicators] == [4, 10]  # the 分值 of the rows, 权重 being blank
    path = tmp_path / "g.csv"
    path.write_text(
        "一级指标,权重,二级指标,三级指标,年度指标值,全年完成值,分值,得分\n"
        "产出指标,6,数量指标,参保人数,≥100人,100人,4,4\n,,质量指标,参保率,≥95%,96%,2,2\n"
        "效益指标,94,社会效益指标,负担减轻,减轻,减轻,90,90\n",
        encoding="utf-8",
    )  # constructed: 权重 filled for the 一级指标
    weighted = load_framework(path)
    assert [(n.weight, n.weight_inferred) for n in weighted.indicators] == [(6, False), (94, False)]
    report = audit(weighted)
    [mismatch] = [f for f in report.errors if f.kind.value == "weight_sum"]
    assert mismatch.path == ("效益指标",) and (mismatch.claimed, mismatch.expected) == (94, 90)


def test_the_constructed_columns():
    framework = _load("x_constructed_columns.csv")
    leaves = {n.name: n for n in framework.walk() if n.is_leaf}
    assert leaves["医疗救助人次"].target is not None and leaves["医疗救助人次"].target.text == "≥1400人次"  # 调整指标值
    assert (
        leaves["医疗救助人次"].actual is not None and leaves["医疗救助人次"].actual.text == "1450人次"
    )  # 全年实际完成值
    assert leaves["困难群众医疗费用负担减轻程度"].score == 24  # 30 × 得分系数 0.8
    assert leaves["困难群众医疗费用负担减轻程度"].note == "部分地区救助水平偏低"  # 未完成原因分析
    [figure] = [f for f in audit(framework).errors if f.kind.value == "figure"]
    assert (figure.claimed, figure.expected) == (8, Decimal("9.5"))


SPLIT = [
    # (指标性质, 指标方向, 指标值, 度量单位, 实际完成值) → (target, actual, refused column)
    (("=", "", "100", "%", "98"), ("=100%", "98%", None)),
    (("＝", "", "100", "%", ""), ("=100%", None, None)),
    (("﹦", "", "72890", "元", "72890"), ("=72890元", "72890元", None)),
    (("≥", "", "95", "%", "95"), ("≥95%", "95%", None)),
    (("≤", "", "101400", "元", ""), ("≤101400元", None, None)),
    (("定性", "", "优良中低差", "", "良"), ("优", "良", None)),
    (("定性", "", "好、较好、一般、较差、差", "", ""), ("好", None, None)),
    (("定性", "", "效果明显", "", "达成"), ("效果明显", "达成", None)),
    (("正向", "大于等于", "1", "次", "1"), ("≥1次", "1次", None)),
    (("正向", "等于", "100", "%", "100"), ("=100%", "100%", None)),
    (("反向", "", "5", "%", "3"), ("≤5%", "3%", None)),
    (("正向", "", "=100", "%", "100"), ("=100%", "100%", None)),  # 正向 alone agrees with a written "="
    (("≥", "", "≥95", "%", ""), ("≥95%", None, None)),
    (("正向", "小于等于", "1", "个", "1"), (None, "1个", "指标方向")),
    (("反向", "大于等于", "1", "个", ""), (None, None, "指标方向")),
    (("≥", "小于等于", "1", "个", ""), (None, None, "指标方向")),
    (("≥", "", "≤5", "%", ""), (None, None, "指标性质")),
    (("约", "", "5", "%", ""), (None, None, "指标性质")),
    (("", "", "≥50个", "", "50"), ("≥50个", "50个", None)),  # the actual takes the target's unit
    (("", "", "≤90万元", "", "90"), ("≤90万元", "90", None)),  # …but not one with a multiplier
]


@pytest.mark.parametrize(("cells", "expected"), SPLIT)
def test_split_target_is_joined_or_refused(cells, expected):
    nature, direction, value, unit, actual = cells
    values = {"nature": nature, "direction": direction, "target": value, "unit": unit, "actual": actual}
    joined = join(values, frozenset())
    assert (joined.target, joined.actual, joined.refused and joined.refused[0]) == expected


def test_adjusted_target_wins_when_filled_and_percent_headers_make_bare_numbers_percentages():
    values = {"initial_target": "≥1500人次", "adjusted_target": "≥1400人次", "actual": "1450人次"}
    assert join(values, frozenset()).target == "≥1400人次"
    assert join({**values, "adjusted_target": ""}, frozenset()).target == "≥1500人次"
    assert join({"target": "95", "actual": "96"}, frozenset({"target", "actual"})) == join(
        {"target": "95%", "actual": "96%"}, frozenset()
    )
    # an XLSX cell formatted as a percentage (0.96) is left a fraction, not made 0.96%
    assert join({"target": "95", "unit": "%", "actual": "0.96"}, frozenset(), frozenset({"actual"})).actual == "0.96"


def test_a_score_without_weights_anywhere_is_still_refused(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("一级指标,二级指标,得分\n产出,数量,5\n", encoding="utf-8")
    with pytest.raises(Exception, match="缺少“分值”列"):
        load_framework(path)


def test_an_error_names_file_row_and_column_as_printed(tmp_path: Path):
    text = (LAYOUTS / "c1_qingshen_2023.csv").read_text(encoding="utf-8")
    path = tmp_path / "qingshen.csv"
    path.write_text(text.replace(",=,100,%,,60,,", ",=,100,%,,六十,,"), encoding="utf-8")
    with pytest.raises(InvalidFramework) as err:
        load_framework(path)
    [problem] = err.value.problems
    assert (problem.where.file, problem.where.row, problem.where.column) == (str(path), 14, "权重")
    assert "分值“六十”不是数字" in problem.message and "请把分值改为数字" in problem.message
