"""Lists family, session 7 (issue 13): things listed, then the marks or deductions of each in order ("如发现A,B,C将
依次扣除4分、2分、2分", "A、B、C分别计2分、1分、1分"); a part of a composite text that is levels of one requirement
("每年组织一次…得4分,每两年组织一次…得3分"); a denial written once at a list's head is not spread onto a thing with
its own denial ("未建立制度、台账不规范"). Texts are constructed, worded unlike any corpus text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import Checklist, Qualitative
from medaid.evaluation.rules.composite import Composite
from medaid.evaluation.rules.frequency_levels import FrequencyLevels
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.part_levels import alternatives
from tests.rule_checks import round_trips, trial_score

# --- respective lists: things, then 分别/依次 the number of each ------------------------------------------------

RESPECTIVE_DEDUCTIONS = [
    # opening word, things cut by commas, 依次扣除, each number with 分
    (
        "保持站房整洁;检查中若发现设备锈蚀,台账缺页,值班记录空白将依次扣除3分、1分、1分。",
        ["设备锈蚀", "台账缺页", "值班记录空白"],
        [3, 1, 1],
    ),
    # things cut by 、, each its own denial, 分别扣, one 分 for all, 扣完为止
    (
        "未建立巡查制度、未配备专人、报表迟报的,分别扣2、2、1分,扣完为止",
        ["未建立巡查制度", "未配备专人", "报表迟报"],
        [2, 2, 1],
    ),
    # a denial at the head is every thing's; 和 before the last number
    ("未制定方案、计划、总结的分别扣1.5分、1分和0.5分。", ["未制定方案", "未制定计划", "未制定总结"], [1.5, 1, 0.5]),
    # traditional characters, brackets around the numbers
    ("如發現路面坑槽,標誌缺損(依次扣2分、1分)", ["路面坑槽", "标志缺损"], [2, 1]),
]


@pytest.mark.parametrize(("text", "names", "items"), RESPECTIVE_DEDUCTIONS)
def test_respective_deductions_are_a_deduction_list(text: str, names: list[str], items: list[float]) -> None:
    rule = parse_rule_text(text)
    assert isinstance(rule, Checklist) and rule.deduct
    assert list(rule.names) == names
    assert rule.items == tuple(Decimal(str(x)) for x in items)
    assert round_trips(rule)


def test_respective_deductions_score_the_faults_found() -> None:
    text = "未建立巡查制度、未配备专人、报表迟报的,分别扣2、2、1分,扣完为止"
    assert trial_score(text, 5, note="未配备专人") == Decimal(3)


RESPECTIVE_MARKS = [
    ("制度健全、台账规范、记录完整分别计2分、1分、1分。", ["制度健全", "台账规范", "记录完整"], [2, 1, 1]),
    ("组织机构健全、工作经费落实,分值分别占3分、2分", ["组织机构健全", "工作经费落实"], [3, 2]),
    (
        "开展巡河,建立河长公示牌,落实保洁人员的,分别得3分,2分,1分",
        ["开展巡河", "建立河长公示牌", "落实保洁人员"],
        [3, 2, 1],
    ),
]


@pytest.mark.parametrize(("text", "names", "items"), RESPECTIVE_MARKS)
def test_respective_marks_are_a_checklist(text: str, names: list[str], items: list[float]) -> None:
    rule = parse_rule_text(text)
    assert isinstance(rule, Checklist) and not rule.deduct
    assert list(rule.names) == names
    assert rule.items == tuple(Decimal(str(x)) for x in items)
    assert round_trips(rule)


@pytest.mark.parametrize(
    "text",
    [
        # the failure is the list's, not each thing's: "A、B、C未达到要求的" does not make A a fault
        "巡查制度、专人配备、报表报送未达到要求的,分别扣2、2、1分",
        # three things, two numbers: which number is whose is not said
        "未建立巡查制度、未配备专人、报表迟报的,分别扣2、1分",
        # a number inside a thing: a count, not a name
        "如发现漏报1次,错报,迟报,依次扣除2分、1分、1分",
        # a denied thing among marks is no plain requirement
        "有方案、无违规,分别得2分、1分",
        # three things or two? "台账和记录" after a 、-list
        "未建立制度、台账和记录的,分别扣2分、1分",
        # each thing counted per occurrence: a deduction per case, not one fault
        "迟报、漏报一次的分别扣1分、2分",
        "如发现第一起、第二起火情,依次扣5分、6分",
        # grades or degrees of one thing are levels, not items
        "优秀、良好、合格分别得10分、8分、6分",
        "全部完成、基本完成、部分完成的分别计6、4、2分",
        # a scoring sentence before the list
        "按时上报得2分;如发现台账缺页,记录空白依次扣1分、1分",
    ],
)
def test_respective_near_misses_are_not_read_as_respective(text: str) -> None:
    from medaid.evaluation.ruletext.normalize import normalize_rule_text
    from medaid.evaluation.ruletext.respective_items import respective_items

    assert respective_items(normalize_rule_text(text)) is None


# --- a part that is levels of one requirement ------------------------------------------------------------------

LEVELS_PART = "隐患全部完成整改,得4分,隐患部分完成整改,得2分。结合演练情况,修订应急预案,得4分。"
FREQUENCY_PART = "每年开展一次应急演练,得4分,每两年开展一次应急演练,得2分。结合演练情况,修订应急预案,得4分。"


def test_a_part_of_frequency_levels_is_read_as_levels() -> None:
    rule = parse_rule_text(LEVELS_PART)
    assert isinstance(rule, Composite)
    assert isinstance(rule.parts[0].rule, Qualitative)
    assert rule.parts[0].full == Decimal(4)
    assert round_trips(rule)


@pytest.mark.parametrize(
    ("piece", "full", "levels"),
    [
        ("全部完成整改,计6分,部分完成整改,计3分,否则不得分", Decimal(6), [6, 3, 0]),
        ("及时报送得2分,延期报送得1分", Decimal(2), [2, 1]),
        ("资料完整得3分,资料基本完整得1分", Decimal(3), [3, 1]),
    ],
)
def test_levels_within_a_part(piece: str, full: Decimal, levels: list[int]) -> None:
    rule = alternatives(piece, full)
    assert isinstance(rule, Qualitative)
    assert [lv.points for lv in rule.levels] == [Decimal(x) for x in levels]


@pytest.mark.parametrize(
    ("piece", "full"),
    [
        ("有工作方案得2分,有工作台账得1分", Decimal(2)),  # two requirements, not levels of one
        ("资料基本完整得3分,资料完整得4分", Decimal(4)),  # marks rise: not read
        ("覆盖率达到90%得4分,覆盖率达到80%得2分", Decimal(4)),  # thresholds: the band readings'
        ("及时报送得2分,延期报送得1分,弄虚作假的不得分", Decimal(2)),  # a 不得分 of something else
    ],
)
def test_not_levels_within_a_part(piece: str, full: Decimal) -> None:
    assert alternatives(piece, full) is None


def test_frequencies_within_a_part_are_levels_by_their_period() -> None:
    # (s9) frequencies are read as ``FrequencyLevels``, matched by their period, never by the words of a level
    from medaid.evaluation.rules.frequency_levels import FrequencyLevels

    assert isinstance(alternatives("每月召开例会,得4分,每季度召开例会,得2分", Decimal(4)), FrequencyLevels)


def test_levels_part_scores_the_level_stated_and_refuses_another() -> None:
    assert trial_score(LEVELS_PART, 8, actual="隐患全部完成整改;结合演练情况修订应急预案") == Decimal(8)
    assert trial_score(LEVELS_PART, 8, actual="隐患部分完成整改;未修订应急预案") == Decimal(2)
    # frequencies are not read: "每三年…" would be matched to "每年…"
    assert trial_score(FREQUENCY_PART, 8, actual="每三年开展一次应急演练;结合演练情况修订应急预案") is None


# --- a denial at the head is not spread onto a thing with its own denial --------------------------------------


def test_head_denial_not_spread_onto_own_denial() -> None:
    rule = parse_rule_text("未建立制度、台账不规范、记录不完整各扣1分")
    assert isinstance(rule, Checklist)
    assert list(rule.names) == ["未建立制度", "台账不规范", "记录不完整"]
    assert trial_score("未建立制度、台账不规范、记录不完整各扣1分", 3, note="台账不规范") == Decimal(2)


def test_head_denial_still_spread_onto_bare_things() -> None:
    rule = parse_rule_text("无方案、记录及总结各扣2分")
    assert rule is not None
    assert trial_score("无方案、记录及总结各扣2分", 6, note="无记录") == Decimal(4)


# --- thresholds of one quantity, then 分别 the marks of each: bands -------------------------------------------

THRESHOLDS = [
    ("合格率达到95%以上、90%以上、85%以上的,分别得5分、3分、1分", 5, [("96%", 5), ("92%", 3), ("86%", 1), ("84%", 0)]),
    ("合格率達到95%以上、90%以上和85%以上,分別得5分、3分和1分", 5, [("92%", 3)]),
    ("差错率1%以下、2%以下、3%以下的分别得5、3、1分", 5, [("0.5%", 5), ("1.5%", 3), ("2.5%", 1), ("4%", 0)]),
    ("受理量达到100件以上、50件以上,分别计4分、2分", 4, [("120件", 4), ("60件", 2)]),
]


@pytest.mark.parametrize(("text", "weight", "cases"), THRESHOLDS)
def test_respective_thresholds_are_bands(text: str, weight: int, cases: list[tuple[str, int]]) -> None:
    rule = parse_rule_text(text)
    assert rule is not None and rule.full_marks() == Decimal(weight)
    assert round_trips(rule)
    for actual, score in cases:
        assert trial_score(text, weight, actual=actual) == Decimal(score)


@pytest.mark.parametrize(
    "text",
    [
        "占比30%以上、20%以上分别得2分、4分",  # marks rise as the bar falls: which applies is not said
        "占比30%以上、20%以上分别得6分、4分和2分",  # two thresholds, three marks
        "低于90%、80%的分别扣1、2分",  # deductions by thresholds: not read here
    ],
)
def test_respective_thresholds_near_misses(text: str) -> None:
    assert parse_rule_text(text) is None


def test_frequencies_are_not_sub_items() -> None:
    # "每月…(2分)、每季度…(1分)": the same requirement at two frequencies is levels, never two items added up
    read = parse_rule_text("1.每月召开例会(2分)、每季度召开例会(1分)2.建立台账(2分)")
    # s9 fix: read now as levels by period (``FrequencyLevels``), still never as two items added up
    assert read is None or (isinstance(read, Composite) and isinstance(read.parts[0].rule, FrequencyLevels))
    rule = parse_rule_text("1.单位有安全领导小组(2分),并分工明确(1分)2.有应急预案(1分)")
    assert isinstance(rule, Checklist) and rule.items == (Decimal(2), Decimal(1), Decimal(1))
