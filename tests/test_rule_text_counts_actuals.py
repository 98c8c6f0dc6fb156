"""How the actual (or the 扣分说明) of a count rule is read when it says more than a bare count — kinds named by a
word that holds another kind's character ("缺报" for 缺 beside 迟报), a list of topics ("全年台账、报表无缺报"), a
requirement restated ("资料齐全，均已签字"; "达到年度目标要求" for the condition of the full marks), a heading
("未达到目标要求，2个断面未达标"), a rate beside the count, and a count that restates the condition it stands under
("4个乡镇建立了服务站"). Constructed wordings, not corpus texts; scores worked by hand (docs/rules.md, "Counts and
ranks"). What the words do not settle is refused, never guessed."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import CountScore, Inputs, PerCase, PerKind, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _outcome(text: str, weight: int, *, actual: str | None = None, note: str | None = None):
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note))
    assert outcome.reason
    return rule, outcome


LATE = "缺一次扣2分，晚报一次扣1分。"
RECORDS = "资料齐全,缺1份扣0.5分;发现1户未签字的扣0.5分。"
LEDGER = "台账资料完整,缺1个扣1分,登记错误每例扣0.5分。"
HOUSING = "有1户危房户或无房户扣1分;住房条件无明显改善的扣2分。"
WATER = "考核断面水质达到年度目标要求的,得20分;考核断面水质未达到年度目标要求的,每1个断面未达标扣4分。"
STATIONS = "在全县各乡镇有建立服务站的，每个乡镇得0.5分，最高得3分。"

# (wording, weight, 扣分说明, hand score)
# fmt: off
READ = [
    # a kind named by one word: "缺报" holds 缺 entire, and of 晚报 only 报
    (LATE, 10, "缺报1次，晚报2次", "6"),                       # 10 − 2 − 2
    (LATE, 10, "缺报2次", "6"),                                # 晚报 not named: not found
    (LATE, 10, "全年台账、报表无缺报、无晚报", "10"),          # a list of topics before 无…
    ("缺1次扣1分,遲報1次扣0.5分。", 6, "缺报2次、迟报1次", "3.5"),   # traditional characters in the text
    ("缺1次扣1分,遲報1次扣0.5分。", 6, "缺報1次，遲報2次", "4"),     # and in the explanation
    ("每發現1例扣0.5分，扣完為止", 5, "無", "5"),
    ("漏报一次扣2分，瞒报一次扣5分；扣完为止。未发生传染病疫情的不扣分。", 10, "未发生传染病疫情", "10"),
    # a requirement restated without its negation: none of that kind
    (RECORDS, 5, "资料齐全，均已签字", "5"),
    (RECORDS, 5, "缺2份资料，1户未签字", "3.5"),
    (LEDGER, 5, "台账资料完整，无登记错误", "5"),
    (LEDGER, 5, "缺1个台账，登记错误3例", "2.5"),              # "缺1个台账": 缺, not 登记错误 (台 is shared)
    # a character both negated and not in a kind ("危房户" beside "无房户"); a one-off kind named with its 无
    (HOUSING, 5, "危房户2户，住房条件无明显改善", "1"),
    (HOUSING, 5, "危房户2户，住房条件明显改善", "3"),
    # the condition of the full marks restated; a heading and a rate beside the count
    (WATER, 20, "断面水质达到年度目标要求", "20"),
    (WATER, 20, "水质达标率100%，达到目标要求", "20"),
    (WATER, 20, "未达到目标要求，2个断面未达标", "12"),
    (WATER, 20, "未达到目标要求,1个断面未达标", "16"),
    # the sample looked at and a rate beside the count are no count of cases
    ("每发现1例扣1分，发现3例及以上的不得分。", 5, "抽查20户，合格率90%，发现问题2例", "3"),
    ("每发现1例扣1分，发现3例及以上的不得分。", 5, "随机抽取30份档案，发现问题3例", "0"),
]
REFUSED = [
    (WATER, 20, "水质达标率90%"),                  # a rate is no count of sections
    (WATER, 20, "未达到目标要求"),                 # failed, but how many sections?
    (WATER, 20, "3个断面达到目标要求"),           # the sections that met it: how many failed?
    (WATER, 20, "达到目标要求，2个断面未达标"),   # contradicts itself
    (LATE, 10, "缺报1次，其中1次晚报"),            # a part of another count: counted twice, or once?
    (HOUSING, 5, "危房户1户，住房情况一般"),       # the one-off kind neither named nor denied
    (RECORDS, 5, "资料基本齐全，均已签字"),         # "基本齐全" is not the requirement met
    (WATER, 20, "基本达到年度目标要求"),
    ("全部完成的,得4分,有一项未完成的,扣1分,扣完为止。", 4, "基本完成"),
    # a shorter restatement that leaves out how the requirement is met ("按时") does not say it was met
    ("按时报送报表的得4分,有一次未达要求的扣1分;按时下发补贴资金得4分,有一次未达要求的扣1分。", 8,
     "报表均按时报送，均已下发补贴资金"),
    ("每发现1例扣1分，发现3例及以上的不得分。", 5, "抽查20例"),     # the sample alone: how many found?
    ("每发现1例扣1分，发现3例及以上的不得分。", 5, "抽查20例，2例"),   # two counts in one counter
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "expected"), READ)
def test_an_explanation_that_says_more_than_a_count_is_read(text, weight, note, expected):
    _, outcome = _outcome(text, weight, note=note)
    assert outcome.score == Decimal(expected), outcome.reason


@pytest.mark.parametrize(("text", "weight", "note"), REFUSED)
def test_an_explanation_that_does_not_settle_the_count_is_refused(text, weight, note):
    _, outcome = _outcome(text, weight, note=note)
    assert outcome.score is None, outcome.reason


def test_the_reason_says_what_was_set_aside_and_what_restates_the_full_marks():
    _, outcome = _outcome(WATER, 20, note="水质达标率100%，达到目标要求")
    assert "不是个数，未计" in outcome.reason and "得满分的条件，按未发现计" in outcome.reason
    _, outcome = _outcome(WATER, 20, note="未达到目标要求，2个断面未达标")
    assert "“未达到目标要求”不是个数" in outcome.reason and "扣 8 分" in outcome.reason


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("4个乡镇建立了服务站", "2"), ("8个乡镇已建立服务站", "3"), ("4个乡镇", "2"), ("4个乡镇未建立服务站", None),
     ("4个乡镇建立了文化站", None), ("4个服务站建立乡镇", "2"), ("4个乡镇基本建立服务站", None)],
)  # fmt: skip
def test_a_count_that_restates_the_condition_it_stands_under_is_read(actual, expected):
    rule, outcome = _outcome(STATIONS, 3, actual=actual)
    assert isinstance(rule, CountScore) and rule.condition == "在全县各乡镇有建立服务站"
    assert outcome.score == (None if expected is None else Decimal(expected)), outcome.reason


@pytest.mark.parametrize(
    "text",
    ["救助资金发放不规范的，每发现一例扣0.5分，扣完为止。以现场抽查情况为准。",
     "救助资金发放不规范的，每发现一例扣0.5分，扣完为止，以台账和报表为依据。"],
)  # fmt: skip
def test_where_the_evidence_is_taken_changes_no_score(text):
    rule, outcome = _outcome(text, 5, actual="3例")
    assert isinstance(rule, PerCase) and outcome.score == Decimal("3.5")


@pytest.mark.parametrize("text", [LATE, RECORDS, LEDGER, HOUSING, WATER, STATIONS])
def test_the_readings_round_trip_through_the_structured_rule_syntax(text):
    rule = parse_rule_text(text)
    assert isinstance(rule, PerCase | PerKind | CountScore)
    assert round_trips(rule)


def test_structured_rules_carry_the_requirement_and_the_condition():
    water = rule_from_mapping({"type": "per_case", "points": 4, "full": 20, "unit": "个", "what": "断面未达标",
                               "clears": ["考核断面水质达到年度目标要求"]})  # fmt: skip
    assert water.apply(Inputs(weight=Decimal(20), note="达到年度目标要求")).score == Decimal(20)
    stations = rule_from_mapping({"type": "count_score", "points": 0.5, "cap": 3, "unit": "个", "what": "乡镇",
                                  "subject": "乡镇", "condition": "在全县各乡镇有建立服务站"})  # fmt: skip
    assert stations.apply(Inputs(weight=Decimal(3), actual=parse_quantity("4个乡镇建立了服务站"))).score == 2


# "省、市、县…分别扣10分、5分、3分": one kind a level, when levels and scores pair one to one
SPREAD_DEDUCT = "被省、市、县检查组通报的问题,每个分别扣3分、2分、1分,扣完为止。"
SPREAD_GAIN = "在国家、省级刊物发表论文1篇〔项〕分别加2分和1分，最多不超过4分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "expected"),
    [(SPREAD_DEDUCT, 10, "被省检查组通报问题1个，被县检查组通报问题2个", "5"),   # 10 − 3 − 2
     (SPREAD_DEDUCT, 10, "被市检查组通报问题4个", "2"),
     (SPREAD_DEDUCT, 10, "无", "10"),
     (SPREAD_GAIN, 4, "国家级刊物1篇、省级刊物1篇", "3"),
     (SPREAD_GAIN, 4, "省级刊物6篇", "4")],                                  # 6, at most 4
)  # fmt: skip
def test_levels_sharing_one_clause_score_each_with_its_own_points(text, weight, note, expected):
    rule, outcome = _outcome(text, weight, note=note)
    assert isinstance(rule, PerKind) and len(rule.kinds) in (2, 3)
    assert outcome.score == Decimal(expected), outcome.reason


@pytest.mark.parametrize(
    "text",
    ["被省、市、县检查组通报的问题,每个分别扣3分、2分。",         # three levels, two scores
     "被省、市检查组通报的问题,每个分别扣3分、2分、1分。"],
)  # fmt: skip
def test_levels_and_scores_that_do_not_pair_are_not_read(text):
    assert parse_rule_text(text) is None


# "每少(记录)一项": items missing, counted from none; "(2分×4项,即…)" lists how many there are
PLEDGES = "签订安全生产责任书(8分)(2分×4项,即县与乡镇、乡镇与村、村与组、乡镇与企业)且落实责任的得8分。每少一项扣2分。"
RECORD = "台账登记规范得5分,对姓名、身份证号、住址、救助金额等详细登记,每少登记一项扣1分。"


@pytest.mark.parametrize(
    ("text", "actual", "expected"),
    [(PLEDGES, "缺1项", "6"), (PLEDGES, "少签订2项", "4"), (PLEDGES, "完成3项", "6"), (PLEDGES, "已签订4项", "8"),
     (PLEDGES, "1项", None),          # one done, or one missing?
     (PLEDGES, "缺5项", None),        # more than the four listed
     (PLEDGES, "未签订1项", None),
     (RECORD, "2项", "3"), (RECORD, "少登记1项", "4"), (RECORD, "0项", "5")],
)  # fmt: skip
def test_items_missing_are_counted_against_the_items_the_text_lists(text, actual, expected):
    from medaid.evaluation.ruletext.cases import per_case
    from medaid.evaluation.ruletext.normalize import normalize_rule_text

    read = per_case(normalize_rule_text(text))  # the reading itself, whichever shape is tried first
    assert isinstance(read, PerCase) and read.total == (Decimal(4) if text == PLEDGES else None)
    rule = dataclasses.replace(read, text=text)
    outcome = rule.apply(Inputs(weight=Decimal(8 if text == PLEDGES else 5), actual=parse_quantity(actual)))
    assert outcome.score == (None if expected is None else Decimal(expected)), outcome.reason
    assert (
        rule_from_mapping({k: v for k, v in rule.to_dict().items() if k not in ("label", "text")}).total == rule.total
    )


@pytest.mark.parametrize(
    "text",
    ["签订责任书(8分)(2分×3项)且落实责任的得8分。每少一项扣2分。",   # 2 × 3 is not the 8 written
     "不少于5篇,每少1篇扣1分",                                       # a step below a number: steps read it
     "每少10人扣1分"],
)  # fmt: skip
def test_items_that_do_not_add_up_or_a_step_below_a_number_are_not_counts(text):
    from medaid.evaluation.ruletext.cases import per_case
    from medaid.evaluation.ruletext.normalize import normalize_rule_text

    assert per_case(normalize_rule_text(text)) is None


# "应X N次，实X M次": a plan and what was done say N − M were not done, for a rule that counts what is missing
VISITS = "入户走访未达到规定次数的，每缺1次扣0.5分；未对困难群众进行回访的，每一户次扣1分；扣完为止。"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "expected"),
    [(VISITS, 6, "应走访12次，实走访10次；应回访3户次，实回访1户次", "3"),   # 6 − 2×0.5 − 2×1
     (VISITS, 6, "应走访12次，实走访12次", "6"),
     ("未按要求入户回访的，每户次扣1分。", 6, "应回访5户次，实回访3户次", "4"),
     ("未公示制度的，每一项扣0.1分。", 1.5, "公示制度7项（应10项）", "1.2"),            # done (plan) in one statement
     (VISITS, 6, "走访10次（应12次），回访3户次（应回访3户次）", "5"),
     (VISITS, 6, "应走访12次，实走访13次", None),          # more done than planned: not a shortfall
     (VISITS, 6, "应检查12次，实检查10次", None),          # a verb no kind speaks of
     ("未按要求入户回访的，每户次扣1分。", 6, "应巡访5户次，实巡访3户次", None)],
)  # fmt: skip
def test_a_plan_and_what_was_done_give_the_shortfall_a_rule_counts(text, weight, actual, expected):
    _, outcome = _outcome(text, weight, actual=actual)
    assert outcome.score == (None if expected is None else Decimal(expected)), outcome.reason
    if expected is not None and actual.count("应") > 0 and outcome.score != weight:
        assert "读作" in outcome.reason


REPORTS = "每迟报一次扣0.5分，漏报一次扣1分；扣完为止。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "expected"),
    [(REPORTS, 6, "应报12次，实报10次，其中迟报1次", "3.5"),    # 漏报 2 × 1, 迟报 1 × 0.5: "其中" is of those made
     (REPORTS, 6, "应报12次，实报12次，其中迟报3次", "4.5"),
     ("迟报一次扣2分，瞒报一次扣5分。", 6, "应报4次，实报4次，其中迟报1次", "4"),   # nothing short, no kind counts it
     ("迟报一次扣2分，瞒报一次扣5分。", 6, "应报4次，实报3次，其中迟报1次", None),  # one short: which kind?
     ("迟报一次扣1分，数据错误一次扣0.5分，未建立台账扣2分。", 6, "迟报2次，其余均已落实", "4"),
     ("迟报一次扣1分，数据错误一次扣0.5分。", 6, "迟报1次，其中1次数据错误", None)],  # a part of another kind
)  # fmt: skip
def test_statements_beside_the_kinds_are_read_for_what_they_say(text, weight, note, expected):
    _, outcome = _outcome(text, weight, note=note)
    assert outcome.score == (None if expected is None else Decimal(expected)), outcome.reason


# a veto with a limit of its own beside the count ("淹死或烧死树木10株以上的该项不得分")
TREES = "每1处地块不到位扣2分。淹死或烧死树木10株及以上的该项不得分。"
TREES_BARE = "每1处地块不到位扣2分。淹死或烧死树木10株以上的该项不得分。"
POOR = "每核实1户投诉举报扣1分，扣完10分为止。非贫困户被纳入帮扶范围超过5%的不得分。"


@pytest.mark.parametrize(
    ("text", "note", "expected"),
    [(TREES, "2处地块不到位，无淹死或烧死树木", "6"),
     (TREES, "1处地块不到位，淹死树木10株", "0"),       # 10 included
     (TREES, "0处地块不到位，烧死树木9株", "10"),
     (TREES, "烧死树木9株", None),                       # no count of the places
     (TREES, "1处地块不到位", "8"),                      # not named: did not happen (the reason says so)
     (TREES_BARE, "淹死树木12株", "0"),
     (TREES_BARE, "淹死树木10株", None),                 # a bare 以上: 10 itself is left to a judge
     (POOR, "非贫困户被纳入帮扶范围5%，核实投诉举报3户", "7"),   # 超过5%: 5 % excluded
     (POOR, "非贫困户被纳入帮扶范围6%，核实投诉举报0户", "0"),
     (POOR, "核实投诉举报3户", None)],                   # a rate is always some value: it must be stated
)  # fmt: skip
def test_a_veto_with_a_limit_of_its_own_is_read_beside_the_count(text, note, expected):
    rule, outcome = _outcome(text, 10, note=note)
    assert isinstance(rule, PerCase) and len(rule.limits) == 1
    assert outcome.score == (None if expected is None else Decimal(expected)), outcome.reason
    back = rule_from_mapping({k: v for k, v in rule.to_dict().items() if k not in ("label", "text", "full_marks")})
    assert isinstance(back, PerCase) and back.limits == rule.limits


# "其中…的加扣N分": a part of the count before it, deducted on top of it
LATE_TASKS = "按时完成督办事项(6分),未按时完成的每件扣1分,其中经催办仍未完成的加扣1分,扣完为止。"


@pytest.mark.parametrize(
    ("note", "expected"),
    [("未按时完成2件，其中1件经催办仍未完成", "3"),      # 6 − 2 − 1
     ("督办事项均按时完成", "6"),
     ("未按时完成1件", "5"),
     ("未按时完成1件，其中2件经催办仍未完成", None)],   # more within than the count it is part of
)  # fmt: skip
def test_a_kind_within_another_is_deducted_on_top_of_it(note, expected):
    rule, outcome = _outcome(LATE_TASKS, 6, note=note)
    assert isinstance(rule, PerKind) and rule.kinds[1].within == 0
    assert outcome.score == (None if expected is None else Decimal(expected)), outcome.reason
    back = rule_from_mapping({k: v for k, v in rule.to_dict().items() if k not in ("label", "text", "full_marks")})
    assert isinstance(back, PerKind) and back.kinds == rule.kinds
