"""Counts family, session 9: a fault's whole deduction split into steps ("…(扣12分,其中每少报1个月扣1分)"), faults of
a sampled thing with the count written once ("抽取10份档案,1份有空项扣1分,漏项扣1分"), "可倒扣" as a clause of its own,
and counted deductions with a condition that doubles a case ("跨月未整改翻倍扣分"). Texts and actuals are worded
unlike the corpus rows where they can be; hand scores are worked from the wording alone; near-misses must be refused
(docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, rule_score, trial_score

# (wording, weight, actual, hand score); None: refused or not read
# fmt: off
SPLIT = [
    # 12 months, 1 point each, the whole 12: 3 months missing → 12 − 3
    ("每月未按时按质上报招商引资项目基本情况统计表(扣12分,其中每少报1个月报表扣1分)。", "12", "少报3个月", "9"),
    ("每月未按时按质上报招商引资项目基本情况统计表(扣12分,其中每少报1个月报表扣1分)。", "12", "少报0个月", "12"),
    ("每月未按时上报工作动态(扣6分,其中每少报1期扣0.5分)", "6", "少报2期", "5"),             # 6 − 2 × 0.5
    ("每季度未按时报送统计报表(扣8分,其中每少报1次扣2分)", "8", "少报1次", "6"),            # 8 − 2
    ("每月未按时上报报表(扣12分,其中每少报1个月扣1分)", "20", "少报13个月", "8"),           # 13 → at most 12: 20 − 12
    ("每月未按时上报报表(扣12分,其中每少报1个月扣1分)", "12", "迟报2个月", None),           # late is not missing
    ("每月10日前未上报统计表(扣12分,其中每少报1个月扣1分)", "12", "少报3个月", None),        # a deadline of its own
    ("每月按时上报统计表(扣12分,其中每少报1个月扣1分)", "12", "少报3个月", None),            # no fault written
    ("未按时报送季度报告(扣8分,其中每少报1次扣2分,迟报1次扣1分)", "8", "少报1次", None),    # two counts inside
    ("每月未按时上报报表(最多扣12分,其中每少报1个月扣1分)", "12", "少报3个月", None),        # another wording
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), SPLIT)
def test_whole_deduction_split_into_steps(text: str, weight: str, actual: str, score: str | None) -> None:
    got = trial_score(text, weight, actual=actual)
    assert got == (None if score is None else pytest.approx(float(score))), (text, actual, got)


# (wording, weight, explanation, hand score)
# fmt: off
SAMPLED = [
    # 2 + 1 files at 1 point, 0 phones: 30 − 3
    ("查看平台,抽取10份档案,1份有空项扣1分,漏项扣1分,电话号码不正确,扣5分", "30",
     "有空项2份、漏项1份", "27"),
    # 3 + 2 + 4 × 5 = 25: 30 − 25
    ("查看平台,抽取10份档案,1份有空项扣1分,漏项扣1分,电话号码不正确,扣5分,可倒扣", "30",
     "有空项3份、漏项2份、电话号码不正确4份", "5"),
    # 3 × 0.5 + 2 × 0.5 = 2.5: 5 − 2.5
    ("随机抽查20户档案,1户信息不全扣0.5分,签字缺失扣0.5分,扣完为止", "5", "信息不全3户、签字缺失2户", "2.5"),
    # 2 × 1 + 1 × 2 = 4: 10 − 4
    ("抽取10份病历,1份书写不规范扣1分,未签名扣2分", "10", "书写不规范2份，未签名1份", "6"),
    ("1份书写不规范扣1分,未签名扣2分", "10", "书写不规范2份，未签名2份", None),            # no sample: per 份?
    ("抽取10份病历,1份书写不规范扣1分;未签名扣2分", "10", "书写不规范2份，未签名2份", None),  # another sentence
    ("抽查10户,1份书写不规范扣1分,未签名扣2分", "10", "书写不规范2份，未签名2份", None),      # sampled in 户
    ("抽取10份档案,1份有空项扣1分,未建立档案管理制度扣5分", "10",
     "有空项1份，未建立档案管理制度2份", None),                                          # a fault of the unit
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), SAMPLED)
def test_faults_of_a_sampled_thing(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


def test_below_zero_allowed_as_a_clause() -> None:
    text = "查看平台,抽取10份档案,1份有空项扣1分,漏项扣1分,电话号码不正确,扣5分,可倒扣"
    assert trial_score(text, "30", note="有空项2份、电话号码不正确7份") == pytest.approx(-7)  # 30 − (2 + 35)
    # "倒扣10分" of a case is a deduction of its own, never the permission
    assert trial_score("每发现1处问题扣1分,可倒扣", "3", note="发现问题5处") == pytest.approx(-2)  # 3 − 5
    assert trial_score("每发现1处问题扣1分,扣完倒扣", "3", note="发现问题5处") == pytest.approx(-2)
    assert parse_rule_text("每发现1处问题扣1分,倒扣") is None  # no permission word: what does it say?
    # "倒扣10分" of a case is a deduction of its own, never the permission: a statement of it is refused
    assert trial_score("每发现1处问题扣1分,弄虚作假的,倒扣10分", "10", note="发现问题2处，弄虚作假") is None


H39 = "对上级督查发现的问题、媒体报道的问题未及时整改落实的,一次扣5分,河道治理科要求在规定时间内未整改落实的,一次扣2分,跨月未整改翻倍扣分,20分扣完为止。"
HIDDEN = "发现安全隐患未按期整改的,每处扣2分,被上级通报的加倍扣分,扣完为止"
# fmt: off
DOUBLED = [
    (H39, "20", "上级督查发现问题未及时整改1次；河道治理科要求未在规定时间内整改2次；均未跨月", "11"),  # 20 − 5 − 4
    (H39, "20", "媒体报道问题未及时整改1次，且跨月仍未整改", "10"),                                # 20 − 5 × 2
    (H39, "20", "媒体报道问题未及时整改1次，且跨月仍未整改；河道治理科要求未在规定时间内整改1次，跨月未整改",
     "6"),                                                                                           # 20 − 10 − 4
    (H39, "20", "上级督查发现问题未及时整改1次；河道治理科要求未在规定时间内整改2次", None),  # 跨月? not said
    (H39, "20", "媒体报道问题未及时整改2次，且跨月仍未整改", None),                        # both, or one?
    (HIDDEN, "10", "安全隐患未按期整改1处，被上级通报", "6"),          # 10 − 2 × 2
    (HIDDEN, "10", "安全隐患未按期整改2处，未被上级通报", "6"),        # 10 − 2 × 2, not doubled
    (HIDDEN, "10", "安全隐患未按期整改2处", None),                      # 通报? not said
    (HIDDEN, "10", "安全隐患未按期整改0处", "10"),                      # nothing to double
    (HIDDEN, "10", "安全隐患未按期整改1处，被上级通报；安全隐患未按期整改4处", None),  # one kind written twice
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), DOUBLED)
def test_a_condition_doubles_a_case(text: str, weight: str, note: str, score: str | None) -> None:
    got = rule_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


def test_no_cases_said_scores_full() -> None:
    assert rule_score(H39, "20", actual="无未整改落实问题") == pytest.approx(20)


@pytest.mark.parametrize(
    "text",
    [
        "发现安全隐患未按期整改的,每处扣2分,被上级通报的加倍扣2分,扣完为止",  # an amount of its own
        "整改率每低1个百分点扣1分,被上级通报的加倍扣分",  # a step, not counts of cases
        "发现安全隐患未按期整改的,每处扣2分,被上级通报的加倍扣分,扣完可得负分",  # below zero: not this reading
        "发现安全隐患未按期整改的,每处扣2分,被通报的加倍扣分,被曝光的双倍扣分",  # two doublings
        "每发现一处安全隐患扣2分,再次发现的加倍扣分",  # an escalation of the count itself
    ],
)
def test_doubling_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or type(rule).__name__ != "DoubledCases", text


B29 = "家電下鄉完成補貼率得3分。每月家電下鄉補貼率在97%以上得3分,有一個月達不到該比率的扣1分。"
QUARTERS = "每季度考核合格率达到90%以上得4分,有一个季度未达到的扣1.5分,扣完为止"
# (wording, weight, explanation, hand score)
# fmt: off
PERIODS = [
    (B29, "3", "有2个月补贴率低于97%", "1"),                  # 3 − 2 × 1
    (B29, "3", "12个月补贴率均在97%以上", "3"),
    (B29, "3", "有4个月补贴率低于97%", "0"),                  # 3 − 4 stops at 0
    (B29, "3", "無月份低於97%", "3"),
    (B29, "3", "2个月不达标", "1"),
    (B29, "3", "有2个月补贴率低于95%", None),                 # another rate
    (B29, "3", "10个月补贴率均在97%以上", None),              # the other 2 months?
    (B29, "3", "有2个月补贴率低于", None),                    # below what?
    (B29, "3", "个别月份补贴率低于97%", None),                # how many?
    (B29, "3", "有2个月完成率低于97%", None),                 # another rate's name
    (B29, "3", "有13个月补贴率低于97%", None),                # more months than a year
    (B29, "3", "有2个季度补贴率低于97%", None),               # another period
    (QUARTERS, "4", "有1个季度考核合格率低于90%", "2.5"),     # 4 − 1.5
    (QUARTERS, "4", "4个季度考核合格率均达到90%以上", "4"),
    (QUARTERS, "4", "3个季度未达到", "0"),                    # 4 − 4.5 stops at 0
    (QUARTERS, "4", "有1个季度考核合格率低于85%", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), PERIODS)
def test_periods_short_of_a_rate(text: str, weight: str, note: str, score: str | None) -> None:
    got = rule_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


@pytest.mark.parametrize(
    "text",
    [
        "每月补贴率在97%以上得3分,有一个季度达不到该比率的扣1分",  # another period
        "每月补贴率在97%以上得3分,有一个月低于95%的扣1分",  # another rate
        "每月补贴率97%得3分,有一个月达不到该比率的扣1分",  # the rate's side not written
        "每月补贴率在97%以上得3分,有一个月达不到该比率的扣1分,最多扣2分",  # a cap beside it
        "家电下乡补贴率得5分。每月补贴率在97%以上得3分,有一个月达不到该比率的扣1分",  # a heading of other marks
        "每月补贴率在97%以上得3分,有一个月达不到该比率的扣1分,资料不全的扣1分",  # a second deduction
    ],
)
def test_periods_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or type(rule).__name__ != "PeriodCount", text


I03 = "采购过程中,严格执行有关节能、环保、支持中小企业等采购政策的,提供一例得1分,最高8分;明显违背政策的,发现一次扣2分。"
TRAINING = "每举办1期培训班得0.5分,最高3分。培训中发现代签到的,每发现1次扣1分"
# (wording, weight, actual, hand score)
# fmt: off
NETS = [
    (I03, "8", "提供严格执行采购政策案例4例,发现明显违背政策1次", "2"),    # 4 × 1 − 2
    (I03, "8", "提供严格执行采购政策案例11例,发现明显违背政策0次", "8"),   # 11 capped at 8, nothing taken
    (I03, "8", "发现明显违背政策1次,提供严格执行采购政策案例8例", "6"),    # 8 − 2, either order
    (I03, "8", "提供严格执行采购政策案例1例,发现明显违背政策2次", "0"),    # 1 − 4 stops at 0
    (I03, "8", "提供严格执行采购政策案例11例,发现明显违背政策1次", None),  # 8 − 2 or min(8, 11 − 2)?
    (I03, "8", "提供严格执行采购政策案例4例", None),                        # deductions not said
    (I03, "8", "提供严格执行采购政策案例4例,发现明显违背政策约1次", None),  # hedged
    (TRAINING, "3", "举办培训班4期,发现代签到1次", "1"),                    # 4 × 0.5 − 1
    (TRAINING, "3", "举办培训班2期,发现代签到0次", "1"),
    (TRAINING, "3", "举办培训班4期", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), NETS)
def test_cases_earned_less_cases_taken(text: str, weight: str, actual: str, score: str | None) -> None:
    got = rule_score(text, weight, actual=actual)
    assert got == (None if score is None else pytest.approx(float(score))), (text, actual, got)


@pytest.mark.parametrize(
    "text",
    [
        "提供一例得1分,最高8分;明显违背政策的,发现一次扣2分,扣完得负分",  # below zero: not this reading
        "提供一例得1分,最高8分;违背政策的,发现一次扣2分,3次以上不得分",  # a cut-off of the deduction
        "提供一例得1分,最高8分;违背政策的得5分,发现一次扣2分",  # the deduction's own marks
        "提供一例得1分,最高8分;违背政策的,发现一次扣2分;资料不全的扣1分",  # a third sentence
    ],
)
def test_nets_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or type(rule).__name__ != "NetCounts", text


def test_case_noun_beside_its_counter() -> None:
    # "案例4例": the cases counted in 例, the noun of the counter
    assert rule_score("每发现1例违规扣1分", "5", actual="违规案例3例") == pytest.approx(2)
    assert rule_score("每发现1例违规扣1分", "5", actual="违规事项3例") is None  # 事项 is not 违规


F86 = (
    "大力鼓励发展连片经济林、围庄林及林下经济,每新建成连片经济林50亩加8分,新发展林下经济50亩加6分,加分最高不超过15分。"
)
ROADS = "每新修通村公路1公里加2分,每硬化村内道路2公里加1分,最高加5分"
# (wording, weight, actual, hand score)
# fmt: off
GAINS = [
    (F86, "15", "新建连片经济林100亩", "15"),                        # 2 × 8 = 16, at most 15
    (F86, "15", "新建连片经济林50亩，新发展林下经济50亩", "14"),     # 8 + 6
    (F86, "15", "新发展林下经济50亩", "6"),
    (F86, "15", "新建连片经济林70亩", None),                         # 1.4 steps: whole or in proportion?
    (F86, "15", "新发展林下经济100亩", None),                        # no 每: a second step?
    (F86, "15", "新建围庄林50亩", None),                             # named only in the task
    (F86, "15", "新建连片经济林约100亩", None),                      # hedged
    (F86, "15", "经济林100亩", None),                                # which kind?
    (ROADS, "5", "新修通村公路2公里,硬化村内道路2公里", "5"),        # 2 × 2 + 1
    (ROADS, "5", "硬化村内道路4公里", "2"),                          # 2 × 1
    (ROADS, "5", "新修通村公路3公里", "5"),                          # 6, at most 5
    (ROADS, "5", "未新修通村公路", None),                            # no amount
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), GAINS)
def test_amounts_of_several_kinds(text: str, weight: str, actual: str, score: str | None) -> None:
    got = trial_score(text, weight, actual=actual, bonus=True)
    assert got == (None if score is None else pytest.approx(float(score))), (text, actual, got)
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule)


@pytest.mark.parametrize(
    "text",
    [
        "每新建成连片经济林50亩加8分,新发展林下经济50亩加6分",  # no cap
        "每新建成连片经济林50亩加8分,新发展林下经济5万元加6分,加分最高不超过15分",  # two measures
        "新建成连片经济林50亩加8分,新发展林下经济50亩加6分,加分最高不超过15分",  # no 每 at all: thresholds
        "每新建成连片经济林50亩加8分,林下经济未发展的扣2分,加分最高不超过15分",  # a deduction
        "未完成造林任务的,每新建成连片经济林50亩加8分,新发展林下经济50亩加6分,加分最高不超过15分",  # a condition
    ],
)
def test_gains_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or type(rule).__name__ != "MeasuredGains", text


G16 = "一级减50分,二级减30分,三级20,四级减10。扣完得负分。"
FLOORED = "一级扣20分,二级扣10分,三级扣5分"
# (wording, weight, actual, hand score)
# fmt: off
GRADES = [
    (G16, "5", "发生四级医疗事故1起", "-5"),                       # 5 − 10, below zero allowed
    (G16, "5", "发生三级医疗事故1起", "-15"),                      # 5 − 20
    (G16, "5", "未发生医疗事故", "5"),
    (G16, "5", "发生三级医疗事故1起,四级医疗事故1起", "-25"),     # 5 − 20 − 10
    (G16, "5", "发生四级医疗事故2起", None),                       # per occurrence or per grade?
    (G16, "5", "未发生一级医疗事故", None),                        # the other grades?
    (G16, "5", "发生五级医疗事故1起", None),                       # not a grade of the text
    (G16, "5", "疑似发生四级医疗事故", None),                      # hedged
    (FLOORED, "30", "发生三级安全事故1起", "25"),                  # 30 − 5
    (FLOORED, "15", "发生一级安全事故", "0"),                      # 15 − 20 stops at 0
    (FLOORED, "30", "发生安全事故1起", None),                      # which grade?
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), GRADES)
def test_deductions_by_grade(text: str, weight: str, actual: str, score: str | None) -> None:
    got = trial_score(text, weight, actual=actual, bonus=True)
    assert got == (None if score is None else pytest.approx(float(score))), (text, actual, got)
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule)


@pytest.mark.parametrize(
    "text",
    [
        "一级减50分,二级减30分",  # two grades: a checklist's reading
        "一级减10分,二级减30分,三级减50分",  # points rising with the grade
        "二级减30分,一级减50分,三级减20分",  # out of order
        "一级50,二级30,三级20",  # no verb at all: scores or deductions?
        "一级减50分,二级减30分,三级减20分。资料不全扣1分",  # another deduction
    ],
)
def test_grades_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or type(rule).__name__ != "GradeDeductions", text


F87 = "引进“三资”5万元以上投入林业的加记1分,在此基础上每增5万元加记1分,利用外资5万美元以上投入林业加5分,加分最高不超过10分"
FUNDS = "争取上级资金10万元以上的加2分,在此基础上每增加10万元加1分,争取外资1万美元以上的加3分,最高8分"
# (wording, weight, actual, hand score)
# fmt: off
ASIDES = [
    (F87, "10", "5万元", "1"),                # the level itself
    (F87, "10", "20万元", "4"),               # 1 + 15 / 5
    (F87, "10", "60万元", "10"),              # 1 + 11 = 12, at most 10
    (F87, "10", "4万元", None),               # below the level: not said
    (F87, "10", "外资6万美元", None),         # the aside claimed: with the other, or instead?
    (FUNDS, "8", "30万元", "4"),              # 2 + 20 / 10
    (FUNDS, "8", "争取外资2万美元", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), ASIDES)
def test_a_bonus_in_another_currency_aside(text: str, weight: str, actual: str, score: str | None) -> None:
    got = trial_score(text, weight, actual=actual, bonus=True)
    assert got == (None if score is None else pytest.approx(float(score))), (text, actual, got)
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule)


@pytest.mark.parametrize(
    "text",
    [
        "引进资金5万元以上的加记1分,在此基础上每增5万元加记1分,引进外资5万元以上加5分,加分最高不超过10分",  # same unit
        "引进资金5万元以上的加记1分,在此基础上每增5万元加记1分,利用外资5万美元以上加5分",  # no cap
        "引进资金5万元以上的加记1分,在此基础上每增5万元加记1分,利用外资5万美元以上扣5分,加分最高不超过10分",  # deducts
    ],
)
def test_asides_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or type(rule).__name__ != "CurrencyAside", text
