"""The 自评表 layouts provincial 预算管理一体化 systems export (issue 13, part 3), each read as it is
printed: one fixture per layout in tests/layouts/ (sources in its README), imported, scored and
audited as the form's own arithmetic says — the total is the sum of the scores, the budget score
is weight × 执行率 with 执行率 = 执行数 ÷ 全年/调整后预算数, a stated 总分 is checked — and the
real forms' own inconsistencies found (Jishan's 总分 94 against 93, Chizhou's 年度资金总额 0 against
its 其中 row, Bayannur's 执行率 0 for 1.8 of 1.8)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from medaid.evaluation import audit
from medaid.evaluation.scoring import Source, score_framework
from tests.layout_support import BUDGET
from tests.layout_support import load_layout as _load


@dataclass(frozen=True)
class Layout:
    """A fixture, whether its excerpt was cut, its recomputed total, its 预算执行率 (weight, score,
    where the score came from), and every audit finding (severity, kind, path)."""

    file: str
    partial: bool
    total: str | None
    budget: tuple[str, str | None, Source] | None
    findings: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)
    unread: int = 0


JISHAN_OUTPUT = ("产出指标", "数量指标", "全县参合人数")
JISHAN_BENEFIT = ("效益指标", "社会效益指标", "是否解决建档立卡人员看病难贵问题")
JISHAN_SATISFACTION = ("满意度指标", "服务对象满意度指标", "是否满意")
LIJIANG = [
    ("产出指标", "数量指标", "卫片执法补助经费"),
    ("产出指标", "质量指标", "项目验收合格率"),
    ("产出指标", "时效指标", "项目完成及时率"),
    ("效益指标", "社会效益指标", "违法行为责停率"),
]
QINGSHEN = [
    ("绩效指标", "产出指标", "数量指标", "发放(缴纳)覆盖率"),
    ("绩效指标", "效益指标", "社会效益指标", "足额保障率(参保率)"),
]
DAYING_MEDICAL = [
    ("产出指标", "时效指标", "城乡居民医保参保工作经费发放及时率"),
    ("产出指标", "成本指标", "城乡居民参保网络宣传成本预算"),
    ("产出指标", "成本指标", "城乡居民医保参保工作经费发放成本预"),
    ("效益指标", "社会效益指标", "城乡居民参保网络宣传群众知晓率"),
    ("效益指标", "社会效益指标", "城乡居民医保参保工作经费应发尽发率"),
    ("效益指标", "可持续影响指标", "城乡居民医保参保机制健全性"),
    ("满意度指标", "服务对象满意度指标", "城乡居民参保人员满意度"),
]
XIANGYIN = [
    ("项目产出指标", "数量指标", "建档贫困对象及残疾人参保人数"),
    ("项目产出指标", "质量指标", "扶助贫困及残疾人"),
    ("项目产出指标", "时效指标", "项目在时效内完成"),
    ("项目产出指标", "成本指标", "建档贫困对象及残疾人参保补贴"),
]

CASES = [
    # A1: 年度资金总额 printed 0/0/0 over a 其中 row of 90/89.974/89.974
    Layout(
        "a1_chizhou_2022.csv",
        True,
        "80",
        ("10", "0", Source.STATED),
        {("error", "figure", ("数据", f"项目资金年度资金总额{s}")) for s in ("年初预算数", "全年预算数", "全年执行数")}
        | {("info", "reason", BUDGET)},
        unread=1,  # the empty 经济效益指标 row
    ),
    # A2: (A)/(B) headers, template lines skipped, 执行率 blank: 880 ÷ 880 gives the 10
    Layout("a2_tianchang_2022.csv", False, "100", ("10", "10", Source.STATED)),
    # A3: 总分 94, the scores add up to 93; judged deductions of met targets are warnings
    Layout(
        "a3_jishan_2020.csv",
        False,
        "93",
        ("10", "9", Source.STATED),
        {
            ("error", "score_sum", ()),
            ("warning", "target", BUDGET),  # 10 × 65.07 ÷ 65.66 = 9.91, printed 9
            ("warning", "target", JISHAN_OUTPUT),  # 15 × 8676 ÷ 8755 = 14.86, printed 13 (reason given)
            ("warning", "target", JISHAN_BENEFIT),
            ("warning", "target", JISHAN_SATISFACTION),
            ("info", "reason", BUDGET),
            ("info", "reason", JISHAN_BENEFIT),
            ("info", "reason", JISHAN_SATISFACTION),
        },
    ),
    # A4: 10 × 37.24 ÷ 43.2 = 8.62, printed 9 (rounded to a whole point): a warning, not an error
    Layout(
        "a4_langfang_2019.csv",
        True,
        "98",
        ("10", "9", Source.STATED),
        {
            ("warning", "target", BUDGET),
            ("warning", "target", ("产出指标", "数量指标", "工程资金金额")),
            ("info", "reason", BUDGET),
        },
    ),
    # B: two header rows, ﹦ | 72890 | 元; met targets judged 9/10, 19/20, 27/30
    Layout(
        "b_lijiang_2020.csv",
        True,
        "94",
        ("10.00", "10.00", Source.STATED),
        {(severity, kind, path) for path in LIJIANG for severity, kind in (("warning", "target"), ("info", "reason"))},
    ),
    # C1: unfilled copy; 预算执行率 = 251.89 ÷ 251.89 (调整后), scored by the form: 10 × 100%
    Layout(
        "c1_qingshen_2023.csv",
        False,
        None,
        ("10", None, Source.RULE),
        {("error", "missing_score", path) for path in QINGSHEN},
        unread=4,
    ),
    # C2: 年初 0.00, 调整后 3.36: 100%, 10 of 10
    Layout("c2_daying_ancore_2023.csv", True, "10", ("10", "10", Source.STATED), unread=1),
    # C3: targets and 权重 only (rows above cut, so 绩效指标(90分) holds 55 of its 90)
    Layout(
        "c3_daying_medical_2023.csv",
        True,
        None,
        None,
        {("error", "weight_sum", ("绩效指标",))}
        | {("info", "missing_score", ("绩效指标", *p)) for p in DAYING_MEDICAL},
    ),
    # D: 正向 with 小于等于 refused (unread); 其他资金 1.8 of 1.8 printed 执行率 0
    Layout(
        "d_bayannur_2024.csv",
        True,
        "40",
        ("10", "10", Source.STATED),
        {
            ("error", "figure", ("数据", "项目资金其他资金执行率")),
        },
        unread=1,
    ),
    # E: 20 × 执行率 written in the header; 80 points over rows that print no weight
    Layout("e_xiangyang_2021.csv", True, "70", ("20", "20", Source.RULE), {("info", "unchecked", ())}, unread=4),
    # F: targets and actuals only: nothing scored, no weight invented
    Layout(
        "f_huoshan_2024.csv",
        False,
        None,
        None,
        {
            ("info", "missing_score", ("产出指标", "数量指标", "享受医疗救助人次")),
        },
        unread=3,
    ),
    # G: 分值 weighs the rows although 权重 stands left of it
    Layout(
        "g_fuliang_2021_department.csv",
        True,
        "13",
        None,
        {
            ("warning", "target", ("预算执行管理", "数量指标", "异地就医直接结算省内人次及金额")),
        },
    ),
    # H: 指标内容 is the indicator column; no scores
    Layout("h_xiangyin_2021.csv", False, None, None, {("info", "missing_score", p) for p in XIANGYIN}),
    # I: weights in the names, only 得分
    Layout(
        "i_department_2017.csv",
        True,
        "21",
        None,
        {
            ("info", "reason", ("部门决策", "预算编制", "测算依据")),
            ("info", "reason", ("部门决策", "预算编制", "目标管理")),
        },
    ),
    # constructed: 权重 + 分值, 调整指标值, 得分系数 (one row's 8 ≠ 10 × 0.95)
    Layout(
        "x_constructed_columns.csv",
        False,
        "92",
        None,
        {
            ("error", "figure", ("数据", "第6行得分")),
            ("warning", "target", ("满意度指标", "服务对象满意度指标", "受助群众满意度")),
        },
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.file.split(".")[0] for c in CASES])
def test_each_layout_imports_scores_and_audits_as_its_arithmetic_says(case: Layout):
    framework = _load(case.file, case.partial)
    scored = score_framework(framework)
    assert (str(scored.total) if scored.total is not None else None) == (
        f"{Decimal(case.total):.2f}" if case.total else None
    )
    budget = next((n for n in scored.nodes if n.indicator.path == BUDGET), None)
    if case.budget is None:
        assert budget is None
    else:
        weight, score, source = case.budget
        assert budget is not None and str(budget.indicator.weight) == weight
        stated = budget.indicator.score
        assert (str(stated) if stated is not None else None) == score
        assert budget.source is source
    report = audit(framework)
    assert {(f.severity.value, f.kind.value, f.path) for f in report.findings} == case.findings
    assert len(report.unread) == case.unread


def test_jishan_total_94_is_not_the_sum_93_of_its_scores():
    report = audit(_load("a3_jishan_2020.csv"))
    [total] = [f for f in report.errors if f.kind.value == "score_sum"]
    assert (total.claimed, total.expected) == (Decimal(94), Decimal(93))
    budget = next(n for n in report.scored.nodes if n.indicator.path == BUDGET)
    assert budget.indicator.budget is not None and budget.indicator.budget.annual == Decimal("65.66")
    warning = next(f for f in report.findings if f.path == BUDGET and f.kind.value == "target")
    assert (warning.claimed, warning.expected) == (Decimal(9), Decimal("9.91"))  # 10 × 65.07 ÷ 65.66


def test_chizhou_total_row_of_zeros_contradicts_its_qizhong_row():
    report = audit(_load("a1_chizhou_2022.csv", partial=True))
    sums = {f.path[-1]: (f.claimed, f.expected) for f in report.errors if f.kind.value == "figure"}
    assert sums == {
        "项目资金年度资金总额年初预算数": (Decimal(0), Decimal(90)),
        "项目资金年度资金总额全年预算数": (Decimal(0), Decimal("89.974")),
        "项目资金年度资金总额全年执行数": (Decimal(0), Decimal("89.974")),
    }
    satisfaction = [n for n in report.scored.framework.walk() if n.name == "经济效益指标"]
    assert satisfaction == []  # a level named with nothing under it is not an indicator


def test_tianchang_template_lines_and_lost_names():
    framework = _load("a2_tianchang_2022.csv")
    names = [n.name for n in framework.indicators]
    assert names == ["预算执行率", "未命名一级指标（第9行）", "未命名一级指标（第16行）", "满意度指标"]
    assert [n.weight for n in framework.indicators] == [10, 50, 30, 10]
    output = framework.indicators[1]
    assert [leaf.name for leaf in output.children[0].children] == [
        "完成中型灌区节水改造项目数量",
        "完成农业综合水价改革项目",
    ]
    assert "生态效益指标" not in [c.name for c in framework.indicators[2].children]  # only "指标1：/"
    budget = framework.indicators[0].budget
    assert budget is not None and budget.rate is None and budget.computed_rate == 100  # 880 ÷ 880, 执行率 blank


def test_langfang_reads_broken_header_cells_and_a_stray_zero_as_text():
    framework = _load("a4_langfang_2019.csv", partial=True)
    leaf = next(n for n in framework.walk() if n.name == "安全率")  # "指标1安全率" without its numbering
    assert leaf.note == "0" and leaf.target is not None and leaf.target.text == "100"
