"""Numbers family, session 8: constructed wordings (other clause orders, verbs, units, punctuation, traditional
characters) of the readings added this session, with hand scores, and near-misses that must be refused.

Readings: the 财政部 form's "按B/A或A/B×该指标分值记分"; the marks cap spelled "最高不得超过分值上限"; bonus steps both
ways around a level the text writes ("增长20%的得20分,每增(减)1个百分点加(减)5分", "完成…计划数计300分,高于计划数1个
百分点加5分…"); a completion formula among sentences that only restate it; bands with the measure's head word after each
percentage; bands joined from a lowest bound (nothing below it); bands as shares of a number the rules set.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.normalize import normalize_rule_text
from medaid.evaluation.ruletext.written_levels import step_bonus_level
from tests.rule_checks import round_trips, trial_score

# (text, weight, target, actual, note, bonus allowed, hand score)
SCORED = [
    # --- "按B/A或A/B×该指标分值记分": B/A for a "≥" target, A/B for a "≤" one
    ("定量指标完成值达到指标值的,记满分;未达到的,按照A/B或B/A×本项分值计分", 10, "≥50人", "40人", None, False, "8"),
    ("达到年度指标值得满分，未达到的按B/A或A/B*该指标分值计算得分", 5, "≤10天", "12.5天", None, False, "4"),
    ("完成值達到指標值,記滿分;未達到指標值,按B/A或A/B×該指標分值記分。", 8, "≥200份", "150份", None, False, "6"),
    ("完成值达到指标值,记满分;未达到指标值,按B/A或A/B×该指标分值记分。", 8, "≥200份", "230份", None, False, "8"),
    # --- the cap at the marks spelled other ways
    ("完成率×该指标分值，最高不得超过分值上限", 10, None, "90%", None, False, "9"),
    ("执行率*该指标分值,最高不得超过分值上限。", 10, None, "104%", None, False, "10"),
    # --- steps both ways around a level the text writes
    ("城镇居民人均收入增长8%的得10分,每增(减)1个百分点加(减)2分", 10, None, "9.5%", None, True, "13"),
    ("城镇居民人均收入增长8%的得10分,每增(减)1个百分点加(减)2分", 10, None, "7%", None, True, "8"),
    ("城镇居民人均收入增长8%的得10分,每增(减)1个百分点加(减)2分", 10, None, "9.5%", None, False, "10"),
    ("引进项目5个得10分,每增加1个加2分,每减少1个扣2分", 10, None, "7个", None, True, "14"),
    ("引进项目5个得10分,每增加1个加2分,每减少1个扣2分", 10, None, "3个", None, True, "6"),
    ("農業產值佔比達30%的得6分，每增（減）1個百分點加（減）1分。", 6, None, "32%", None, True, "8"),
    ("群众满意度达90%的得10分,每高(低)1个百分点加(扣)1分", 10, "≥90%", "87%", None, False, "7"),
    ("群众满意度达90%的得10分,每增减1个百分点加减1分", 10, None, "92.5%", None, True, "12.5"),
    ("群众满意度达90%的得10分,每升/降1个百分点加/减1分", 10, None, "88%", None, True, "8"),
    ("新建改厕户数达到200户计8分;每增加10户加1分,每减少10户扣1分,加分最多不超过4分", 8, None, "260户", None, True, "12"),
    ("完成年度计划的得20分,高于计划1个百分点加2分,最高加10分;低于计划1个百分点扣2分", 20, None, "103%", None, True, "26"),
    ("完成年度计划的得20分,高于计划1个百分点加2分,最高加10分;低于计划1个百分点扣2分", 20, None, "95%", None, True, "10"),
    # --- a completion formula among sentences that only restate it
    ("按实际完成比例计分。得分=(实际完成户数/计划户数)×分值", 8, "200户", "150户", None, False, "6"),
    (
        "按项目进度得分。每半年由县发改局对开工项目数进行核定,完成年度任务的得满分,没有完成的按比例计分。"
        "得分=(新开工项目个数/年度任务)×分值",
        10, "10个", "6个", None, False, "6",
    ),
    (
        "按项目进度得分。每半年由县发改局对开工项目数进行核定,完成年度任务的得满分,没有完成的按比例计分。"
        "得分=(新开工项目个数/年度任务)×分值",
        10, "10个", "12个", None, False, "10",
    ),
    # --- the measure's head word after each percentage
    ("工程进度与计划的吻合程度,100%吻合:6分;80-100%吻合:4分;60-80%:2分;60%以下:0分", 6, None, "85%", None, False, "4"),
    ("工程进度与计划的吻合程度,100%吻合:6分;80-100%吻合:4分;60-80%:2分;60%以下:0分", 6, None, "100%", None, False, "6"),
    # --- bands joined from a lowest bound: below it nothing
    ("85%-90%,2分;90%-95%,3分;95%以上,4分", 4, None, "80%", None, False, "0"),
    ("1000-2000人得1分;2000-3000人得2分;超过3000人得3分", 3, None, "800人", None, False, "0"),
    ("1000-2000人得1分;2000-3000人得2分;超过3000人得3分", 3, None, "2500人", None, False, "2"),
    # --- shares of a number the rules set, the top level in words
    ("达到要求，得3分；≥要求数的80%，得2分；≥要求数的60%，＜80%，得1分；＜要求数的60%，不得分", 3, None, "85%", None, False, "2"),
    ("达到要求，得3分；≥要求数的80%，得2分；≥要求数的60%，＜80%，得1分；＜要求数的60%，不得分", 3, None, "100%", None, False, "3"),
    ("符合标准（含分院），得满分；病例数≥标准数的90%，得2分；病例数＜标准数的90%，不得分", 3, None, "50%", None, False, "0"),
    # --- counted levels whose first names the thing without a number
    ("建有村级服务站的得1分;有3个得2分;5个以上得3分", 3, None, "4个", None, False, "2"),
    ("设有志愿服务站点,计0.5分;有2个,计1分;超过3个,计2分", 2, None, "1个", None, False, "0.5"),
    ("有体育消费数字平台,1分;有2个,1.5分;超过2个,2分。", 2, None, "0个", None, False, "0"),
    # --- several kinds around written levels, steps both ways for each
    (
        "新增规模以上企业2家、个体户20户得10分,每增加(减少)1家规模以上企业加(减)2分,每增加(减少)1户个体户加(减)0.5分",
        10, None, None, "规模以上企业3家、个体户16户", True, "10",
    ),
    (
        "新增私營企業3個、個體工商戶30個得20分,每增(減)1個私營企業加(減)5分,每增(減)1個個體工商戶加(減)1分,扣完20分為止",
        20, None, None, "私營企業2個、個體工商戶31個", True, "16",
    ),
    (
        "引进企业2家、新建基地1个得8分;每增减1家企业加减2分;每增减1个基地加减3分",
        8, None, None, "引进企业3家，新建基地1个", False, "8",
    ),
    # --- 执行率 written as its two amounts in the explanation
    ("执行率×该指标分值,最高不得超过分值上限。", 10, None, None, "全年预算数80万元，全年执行数72万元", False, "9"),
    ("得分=预算执行率×分值", 5, None, None, "年初预算数200万元；实际支出150万元", False, "3.75"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "bonus", "score"), SCORED)
def test_constructed_wordings_score_as_worked(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, bonus: bool, score: str
) -> None:
    got = trial_score(text, weight, target=target, actual=actual, note=note, bonus=bonus)
    assert got is not None, text
    assert abs(got - Decimal(score)) <= Decimal("0.005"), (text, actual, got)
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule), text


# (text, weight, target, actual, bonus): a near-miss the readings must not score
REFUSED = [
    # the letters' way is the target's comparator: none written
    ("完成值达到指标值,记满分;未达到指标值,按B/A或A/B×该指标分值记分。", 12.5, "20条", "16条", False),
    # a written level that differs from the row's target
    ("二、三产业税收较上年增长20%的得20分,每增(减)1个百分点加(减)5分。", 20, "≥25%", "23%", True),
    # a percentage level against an actual in money
    ("二、三产业税收较上年增长20%的得20分,每增(减)1个百分点加(减)5分。", 20, None, "23万元", True),
    # the plan's completion (100 %) against a row target in a unit
    ("完成年度计划的得20分,高于计划1个百分点加2分;低于计划1个百分点扣2分", 20, "1000万元", "1040万元", True),
    # bands with a gap between them, and with points falling as the value rises: below the lowest is not said
    ("85%-88%,2分;90%-95%,3分;95%以上,4分", 4, None, "80%", False),
    ("85%-90%,4分;90%-95%,3分;95%以上,2分", 4, None, "80%", False),
    ("85%-90%,2分;90%-95%,3分;95%-99%,4分", 4, None, "80%", False),
    # a completion formula beside a requirement that is no restatement
    ("按完成比例得分。项目须经验收合格。得分=(新建公里数/计划公里数)×分值", 10, "20公里", "18公里", False),
    # a ratio of faults over the total is no completion
    ("按完成比例得分。得分=(不合格户数/总户数)×分值", 10, "100户", "10户", False),
    # one share of the number set only: the level in words is not read as 100 %
    ("符合要求得3分;≥规定数的80%得2分", 3, None, "85%", False),
    # the first level names a thing, the others count something in another counter each
    ("有工作方案,1分;开展活动2次,1.5分;3次以上,2分", 2, None, "2次", False),
]  # fmt: skip


L17 = "新增投入过20万元的私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分"


@pytest.mark.parametrize(
    "note",
    [
        "私营企业4个以上、个体工商户28个",  # a bound
        "私营企业约4个、个体工商户28个",  # an approximation
        "个体工商户28个",  # a kind not written
        "私营企业4家、个体工商户28个",  # another counter
        "私营企业4个、个体工商户28个，另私营企业1个",  # a kind written twice
        "32个",  # a bare number
    ],
)
def test_kind_levels_refuse_what_is_not_one_count_each(note: str) -> None:
    assert trial_score(L17, 20, note=note, bonus=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "私营企业3个得20分,每增(减)1个私营企业加(减)5分",  # one kind: the written-level reading's
        "私营企业3个、个体工商户30个得20分,每增加1个私营企业加5分,每增(减)1个个体工商户加(减)1分",  # one way for one kind
        "私营企业3个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分",  # a kind with no level
    ],
)
def test_kind_levels_not_read(text: str) -> None:
    from medaid.evaluation.ruletext.kind_levels import kind_levels

    assert kind_levels(normalize_rule_text(text)) is None


# (text, weight, note): explanations of 执行率 the reading must not take
REFUSED_NOTES = [
    ("执行率×该指标分值。", 10, "年初预算数310.2万元，调整后预算数300万元，全年执行数154.74万元"),  # two budgets
    ("执行率×该指标分值。", 10, "全年预算数约80万元，全年执行数72万元"),  # an approximation
    ("执行率×该指标分值。", 10, "全年预算数80万元，资金到位70万元"),  # no amount spent
]


@pytest.mark.parametrize(("text", "weight", "note"), REFUSED_NOTES)
def test_budget_notes_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None


@pytest.mark.parametrize(("text", "weight", "target", "actual", "bonus"), REFUSED)
def test_near_misses_are_refused(text: str, weight: float, target: str | None, actual: str, bonus: bool) -> None:
    assert trial_score(text, weight, target=target, actual=actual, bonus=bonus) is None


@pytest.mark.parametrize(
    "text",
    [
        "完成任务的90%得8分,每增(减)1个百分点加(减)1分",  # a share of the task, not the value itself
        "有投入过10万元的项目、年纯收入2万元以上的得15分,收入每增(减)2万元加(减)5分",  # a second requirement
        "引进项目5个得10分,每增加1人加2分,每减少1人扣2分",  # steps in another unit than the level
        "增长20%的得20分,每增加1个百分点加5分",  # one way only
        "投诉率5%的得10分,每增(减)1个百分点扣(加)2分",  # less is better: not this reading
        "未完成5个的得10分,每增加1个加2分,每减少1个扣2分",  # a level denied
        "每村引进项目5个得10分,每增加1个加2分,每减少1个扣2分",  # counted per village
    ],
)
def test_written_level_not_read(text: str) -> None:
    assert step_bonus_level(normalize_rule_text(text)) is None
