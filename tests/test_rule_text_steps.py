"""Steps in any unit and size, the direction of an indicator, and units (issue 13): each row is a rule text as
tables print it, the indicator's weight, target and actual, and the score worked by hand from the wording —
or None where a careful evaluator could not score it from what is given, and medaid must refuse.

The rows under "as other tables word it" are constructed: the same rules worded the way other provinces and
sectors write them. The metamorphic tests rewrite every understood corpus text of these shapes (punctuation,
的, 得/计, digits, spaces, clause order, 扣完为止…) and require the same score or a refusal, never another."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pytest

from medaid.evaluation.quantity import parse_quantity, same_unit
from medaid.evaluation.rules import Direction, Directional, Inputs, Outcome, PerPoint, Rule
from medaid.evaluation.ruletext import normalize_rule_text, parse_rule_text
from medaid.evaluation.ruletext.direction import directional
from medaid.services.evaluation import try_rule
from tests.corpus_cases import Entry, load
from tests.rule_checks import round_trips


def score(text: str, weight: str, target: str | None, actual: str, *, bonus: bool = False) -> tuple[Rule, Outcome]:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    inputs = Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual),
                    bonus_allowed=bonus)  # fmt: skip
    return rule, rule.apply(inputs)


def check(text: str, weight: str, target: str | None, actual: str, hand: str | None, how: str) -> Rule:
    rule, outcome = score(text, weight, target, actual)
    if hand is None:
        assert outcome.score is None, f"{how}: {outcome.reason}"
        assert outcome.reason  # says what is missing
    else:
        assert outcome.score == Decimal(hand), f"{how}: {outcome.reason}"
    return rule


# text, weight, target, actual, hand score (None: must be refused), how it was worked
# fmt: off
STEPS = [
    # --- steps in another unit: the step's unit, never percentage points ---
    ("粮食单产达到目标值得满分，每低于目标值10公斤扣1分，扣完为止。", "10", "≥500公斤", "470公斤", "7", "低30公斤 = 3个10公斤，10 − 3"),
    ("粮食单产达到目标值得满分，每低于目标值10公斤扣1分，扣完为止。", "10", "≥500公斤", "380公斤", "0", "低120公斤扣12分，扣完为止"),
    ("粮食单产达到目标值得满分，每低于目标值10公斤扣1分，扣完为止。", "10", "≥500公斤", "490千克", "9", "千克与公斤是一个单位"),
    ("培训人次达到目标得满分，每少50人次扣0.5分，扣完为止。", "5", "≥1000人次", "800人次", "3", "少200人次 = 4档 × 0.5"),
    ("完成目标得5分，每少10人扣1分", "5", "≥100人", "75人", "2.5", "少25人 = 2.5档（按比例）"),
    ("报送工作信息全年不少于5篇(5分),每少一篇扣1分。", "5", "≥5篇", "3篇", "3", "少2篇扣2分"),
    ("开展培训全年2次以上得1分,少一次扣0.5分。", "1", "2次", "1次", "0.5", "无“每”的一步：少1次扣0.5分"),
    ("欠一次扣0.5分。", "2", "≥4次", "3次", "1.5", "欠1次扣0.5分"),
    ("每少50万元扣1分，扣完为止", "5", "≥1000万元", "900万元", "3", "少100万元 = 2个50万元"),
    ("每少50万元扣1分，扣完为止", "5", "≥1000万元", "9000000元", "3", "万元与元换算：900万元"),
    ("平均年龄不大于市级部门人员平均年龄的，得2分；每超平均年龄1岁的，扣0.5分", "2", "≤42.95岁", "44.95岁", "1", "超2岁扣1分"),
    ("会议费项目每增加一项扣1分，扣完为止", "3", "≤2项", "4项", "1", "多2项扣2分"),
    # --- counted from zero ---
    ("医疗救助资金未按规定时限拨付的,每迟拨一个月,扣1分,扣完为止。", "3", None, "2个月", "1", "迟拨2个月扣2分"),
    ("按时完成得5分，每延迟1天扣0.5分", "5", None, "延迟4天", "3", "实际写明延迟4天"),
    ("资金到位滞后年度投资计划,每滞后一年扣2分,扣完为止。", "10", None, "滞后2年", "6", "滞后2年扣4分"),
    ("每缺一项,扣1分,扣完为止。", "3", None, "2项", "1", "无标准值：实际即所缺项数"),
    ("按时报送得3分，每迟报1天扣0.5分", "3", None, "3天", "1.5", "迟报3天扣1.5分"),
    # --- percentage points ---
    ("未完成省下达责任指标的,每低0.1个百分点扣0.3分,扣完为止。", "3", "≥93%", "92.8%", "2.4", "低0.2个百分点 = 2档"),
    ("参保率达到99.8%,得5分,每下降0.1%,扣0.5分,扣完为止。", "5", "≥99.8%", "99.5%", "3.5", "下降0.3个百分点"),
    ("带动比例到达50%,得1分;未到达的每减少10%,减0.1分,低于30%不得分。", "1", "≥50%", "30%", "0.8", "30%不“低于30%”"),
    ("带动比例到达50%,得1分;未到达的每减少10%,减0.1分,低于30%不得分。", "1", "≥50%", "29%", "0", "低于30%不得分"),
    ("全面完成新造林面积得总分值,少一个百分点扣1分,直至扣完为止。", "30", "100%", "88%", "18", "少12个百分点"),
    ("以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。", "5", "≤100%", "104%", "3", "超4个百分点扣2分"),
    ("100%以下(含)计满分,每超出5%扣2分,扣完为止。没有楼堂馆所项目的部门按满分计算。", "5", "≤100%", "无楼堂馆所项目", "5", "没有楼堂馆所项目的按满分"),
    ("每低于目标值1天,扣0.2分 最高分为7分,低于目标值35天为0分", "7", "≥340天", "330天", "5", "低10天扣2分"),
    ("每低于目标值1天,扣0.2分 最高分为6分,低于目标值20天为0分", "6", "≥340天", "318天", "0", "低于目标值20天以上不得分"),
    # --- two-sided: 相差 either way ---
    ("实际完成情况与计划每相差3%,扣1分,扣满15分为止。", "15", "100%", "91%", "12", "少9个百分点 = 3档"),
    ("实际完成情况与计划每相差3%,扣1分,扣满15分为止。", "15", "100%", "109%", "12", "多9个百分点也扣3档"),
    # --- a % step against counts: a share of the target only where the text says so ---
    ("每低于目标值5%扣1分", "5", "≥1000人", "900人", "3", "完成90%，低10% = 2档"),
    ("每低于5%扣1分", "5", "≥1000人", "900人", None, "5%是目标值的5%还是别的，未说明"),
    # --- refusals: units, direction, references ---
    ("粮食单产达到目标值得满分，每低于目标值10公斤扣1分", "10", "≥500公斤", "94%", None, "公斤的步长不用于百分比"),
    ("每少10人扣1分", "5", "≥95%", "75人", None, "指标值是百分比，步长是人"),
    ("每延迟1天扣0.5分", "3", None, "2个月", None, "天与月不换算"),
    ("每少10人扣1分", "5", None, "75人", None, "数量没有目标值，不从零计"),
    ("每超过1天扣1分", "5", None, "18天", None, "“超过”需要标准值"),
    ("每超过1个百分点扣1分", "5", "≥95%", "98%", None, "超过才扣与 ≥ 目标方向相反"),
    ("以100%为标准,每低于1个百分点扣1分", "5", "≥95%", "96%", None, "100%与95%两个标准值"),
    ("每下降1个百分点扣1分", "5", None, "95%", None, "下降从哪个值算起未写"),
]

# --- as other tables word it (constructed) ---
STEP_WORDINGS = [
    ("参保率达到95%及以上的得满分；低于95%的，每低1个百分点扣0.5分，扣完为止。", "5", "≥95%", "92.5%", "3.75", "低2.5个百分点扣1.25分"),
    ("参保率达到95%及以上的得满分；低于95%的，每低1个百分点扣0.5分，扣完为止。", "5", "≥95%", "96%", "5", "达到95%不扣分"),
    ("资助参保率100%得满分，每下降1个百分点扣1分，直至扣完。", "10", "100%", "97%", "7", "下降3个百分点"),
    ("救助资金拨付率未达到100%的，每差1个百分点扣0.2分。", "2", "100%", "95%", "1", "差5个百分点扣1分"),
    ("“一站式”结算率≥98%得4分，每降低一个百分点扣减1分，本项最低0分。", "4", "≥98%", "96.5%", "2.5", "降低1.5个百分点"),
    ("覆盖率低于目标值的，每1个百分点扣0.5分，最多扣3分。", "5", "≥90%", "80%", "2", "低10个百分点应扣5分，最多扣3分"),
    ("低于目标值的，每个百分点扣0.4分", "2", "≥95%", "93%", "1.2", "每个百分点即每1个百分点"),
    ("培训人次达到2000人次得满分，每少100人次扣0.5分，低于1000人次不得分。", "5", None, "1800人次", "4", "少200人次扣1分"),
    ("培训人次达到2000人次得满分，每少100人次扣0.5分，低于1000人次不得分。", "5", None, "900人次", "0", "低于1000人次不得分"),
    ("救助人数每少1人扣0.1分，扣完为止", "3", "≥50人", "40人", "2", "少10人扣1分"),
    ("资金拨付每延迟1个工作日扣0.2分，最多扣2分。", "2", None, "3个工作日", "1.4", "延迟3个工作日扣0.6分"),
    ("报表报送时间每逾期一天扣0.5分，扣完为止", "2", None, "逾期3天", "0.5", "逾期3天扣1.5分"),
    ("未按时拨付的，每超期1天扣0.1分", "1", None, "5天", "0.5", "超期5天扣0.5分"),
    ("按期完成得满分，每拖延一个月扣2分，扣完为止", "6", None, "拖延2个月", "2", "拖延2个月扣4分"),
    ("每晚报一天扣0.2分", "1", None, "3天", "0.4", "晚报3天扣0.6分"),
    ("每缺少一项佐证材料扣1分，扣完为止", "3", None, "2项", "1", "缺2项扣2分"),
    ("工作人员配备每少1名扣1分", "3", "≥5名", "4名", "2", "少1名扣1分"),
    ("与年度计划每偏离5个百分点扣1分", "5", "100%", "88%", "2.6", "偏离12个百分点 = 2.4档"),
    ("与年度计划每偏离5个百分点扣1分", "5", "100%", "110%", "3", "偏离10个百分点 = 2档"),
    ("完成率高于或低于计划的，每相差1个百分点扣0.2分", "2", "100%", "104%", "1.2", "相差4个百分点扣0.8分"),
    ("项目完成率100%得10分，90%（含）以上每低1个百分点扣0.5分，低于90%不得分", "10", None, "95%", "7.5", "低5个百分点扣2.5分"),
    ("项目完成率100%得10分，90%（含）以上每低1个百分点扣0.5分，低于90%不得分", "10", None, "89%", "0", "低于90%不得分"),
    ("培训合格率不低于90%，每降低1%扣0.5分", "3", None, "86%", "1", "降低4个百分点扣2分"),
    ("建档立卡贫困人口参保率达100%，每低0.5个百分点扣0.5分", "4", None, "98.8%", "2.8", "低1.2个百分点 = 2.4档"),
    ("召开专题会议不少于4次，每少1次扣0.5分", "2", None, "2次", "1", "少2次扣1分"),
    ("每減少1個百分點扣0.5分，扣完為止", "3", "≥95%", "93%", "2", "繁体：减少2个百分点扣1分"),
    ("门诊慢特病备案办结时限为15个工作日，每超1个工作日扣0.2分", "2", None, "18个工作日", "1.4", "超3个工作日扣0.6分"),
    ("乡镇覆盖数未达到目标的，按每少1个乡镇扣0.5分扣分", "3", "≥12个", "10个", "2", "少2个乡镇扣1分"),
    ("资金到位率达到100%的得满分，到位率每降低10%扣1分，不足10%的按10%计算", "5", "100%", "85%", "3", "差15个百分点，不足一档按一档：2档"),
    ("满意度达到90%得满分，满意度每降低1个百分点扣0.2分，低于80%不得分", "2", None, "85%", "1", "降低5个百分点扣1分"),
    ("满意度达到90%得满分，满意度每降低1个百分点扣0.2分，低于80%不得分", "2", None, "79%", "0", "低于80%不得分"),
    ("完成率每降低1个百分点扣0.5分，完成率100%计5分", "5", None, "98%", "4", "分句在后也读：降低2个百分点"),
    ("完成率≥95%得5分，90%≤完成率<95%，每低1个百分点扣1分，低于90%不得分", "5", None, "92%", "2", "从95%起低3个百分点"),
    ("完成率≥95%得5分，90%≤完成率<95%，每低1个百分点扣1分，低于90%不得分", "5", None, "89%", "0", "低于90%不得分"),
    ("每低于目标值1个百分点扣该项分值的10%", "5", "≥95%", "92%", "3.5", "低3个百分点扣分值5的30%"),
    ("年度任务完成率每低于1%，扣该项分值0.5分", "5", "≥95%", "92%", "3.5", "低3个百分点扣1.5分"),
    ("12月31日前完成得满分，每推迟1天扣0.5分", "3", None, "4天", "1", "12月31日是日期，不是标准天数：推迟4天扣2分"),
    ("完成率每降低1个百分点扣1分，降低5个百分点及以上不得分", "10", "≥95%", "92%", "7", "降低3个百分点"),
    ("完成率每降低1个百分点扣1分，降低5个百分点及以上不得分", "10", "≥95%", "90%", "0", "降低5个百分点不得分"),
    ("每低于1个百分点扣1分，低于目标值10个百分点不得分", "10", "≥95%", "86%", "1", "低9个百分点"),
    ("每少1万人次扣1分", "5", "≥10万人次", "8万人次", "3", "少2万人次"),
    ("资金支付进度未达到序时进度的，每低1个百分点扣0.1分", "2", "≥80%", "75%", "1.5", "低5个百分点"),
    ("每低于计划进度5个百分点扣1分", "5", "≥80%", "70%", "3", "低10个百分点 = 2档"),
    ("完成率=实际完成数/计划数×100%，完成率每低1个百分点扣1分", "5", "≥95%", "93%", "3", "定义式不影响读法"),
    ("完成率每下降1个百分点，扣0.5分；下降5个百分点以上，不得分", "5", "≥95%", "92%", "3.5", "下降3个百分点"),
    ("完成率每下降1个百分点，扣0.5分；下降5个百分点以上，不得分", "5", "≥95%", "90%", "0", "下降5个百分点以上不得分"),
    ("超标准的，每平方米扣0.5分", "3", "≤20平方米", "22平方米", "2", "超2平方米"),
    ("15个工作日内办结，每延迟1个工作日扣0.5分，延迟超过4个工作日不得分", "3", None, "19个工作日", "1", "延迟4个工作日不“超过4个”：扣2分"),
    ("15个工作日内办结，每延迟1个工作日扣0.5分，延迟超过4个工作日不得分", "3", None, "20个工作日", "0", "延迟5个工作日，不得分"),
    ("每少1人扣0.5分，少10人以上不得分", "10", "≥50人", "40人", "0", "少10人不得分"),
    ("项目应于6月份前完成，每推迟1个月扣1分", "3", None, "2个月", "1", "6月份是日期，不是标准月数"),
    ("办结时间超出部分按每天0.2分扣减", "2", "≤10天", "13天", "1.4", "超3天"),
    ("低于目标值的，按0.5分/百分点扣分", "5", "≥95%", "93%", "4", "0.5分/百分点即每个百分点0.5分"),
    ("低于目标值的，扣0.5分/个百分点", "5", "≥95%", "93%", "4", "同上"),
    ("100%完成，5分；每低1个百分点扣1分", "5", None, "97%", "2", "“5分”独立成句即满分"),
    ("达到100%的，计5分。每低1个百分点扣1分，低于90%为0分", "5", None, "89%", "0", "低于90%为0分"),
    ("超支率每超过1个百分点扣1分", "5", None, "3%", None, "超支率不以100%为满，又无目标值"),
    ("成本节约率每低于1个百分点扣1分", "5", None, "3%", None, "节约率不以100%为满，又无目标值"),
    ("每降低1个百分点扣0.5分", "5", None, "97%", None, "降低从哪个值算起未写"),
]
NOT_STEPS = [
    "办结时间≤15天，满意度每低于1个百分点扣1分",  # an unread condition with a number
    "每低于1扣1分",  # a step of no unit is not taken for percentage points
    "抽查健康檔案未建立健康檔案不得分;建檔率每下降1個百分點,扣1分,扣完10分為止。",  # an unread condition
    "比上年每下降1个百分点扣1分",  # a prior period: not the target
    "完成率较上年每下降1个百分点扣1分",
    "结余率每低于1个百分点扣1分",  # a less-is-better rate read as more-is-better
    "召开专题会议,少3次扣2分",  # without 每 only a step of one: "少3次" may be a threshold
    "未完成指标的,出生人口性别比与去年持平扣0.1分,每高0.1个比点加扣0.1分。",
    "人均经费低于规定标准,每差额10%,扣1分;有冲抵或挪作他用的,扣2分;每迟拨一个月,扣1分,扣完为止。",
    "完成率每低于目标值1个百分点扣1分；每高于目标值1个百分点扣0.5分",  # two steps
    "实际值与目标值偏差每超过1个百分点扣1分",  # the value or its deviation?
    "偏差在5%以内得满分，与目标每相差1%扣1分",  # a tolerance: from where does the step count?
    "足额配套的为满分,每少落实一个百分点扣0.4分。不足一个百分点的按照一个半百分点计算。",  # an unread limit
    "每季度报送1次，每少1次扣1分",  # a reference per quarter against a yearly count
    "每低于1个百分点扣1分，低于90%的按比例扣分",  # a second way of scoring
    "每低于1个百分点扣1分，低于10个百分点不得分",  # 10 points below, or below 10 %?
    "低于80%得1分，每低于1个百分点扣0.5分",  # full marks under a condition on the deducting side
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "hand", "how"), STEPS + STEP_WORDINGS,
                         ids=[f"{s[0][:24]}|{s[3]}" for s in STEPS + STEP_WORDINGS])  # fmt: skip
def test_a_step_is_read_in_its_own_unit(text, weight, target, actual, hand, how):
    rule = check(text, weight, target, actual, hand, how)
    assert isinstance(rule, PerPoint)


@pytest.mark.parametrize("text", NOT_STEPS)
def test_texts_a_step_reading_would_misread_are_not_read_as_steps(text: str) -> None:
    assert not isinstance(parse_rule_text(text), PerPoint)


def test_med_064_gets_no_number():
    """ "建档率每下降1个百分点" with no target: the level it falls from is not given."""
    rule = parse_rule_text("建档率每下降1个百分点,扣1分,扣完10分为止。")
    assert rule is not None
    inputs = Inputs(weight=Decimal(10), target=None, actual=parse_quantity("88%"))
    assert rule.apply(inputs).score is None


def test_the_reason_shows_the_step_in_its_unit():
    _, outcome = score("粮食单产达到目标值得满分，每低于目标值10公斤扣1分，扣完为止。", "10", "≥500公斤", "470公斤")
    assert "470公斤" in outcome.reason and "500公斤" in outcome.reason and "少 30公斤" in outcome.reason
    assert "得分 = 10 − 3 = 7" in outcome.reason
    _, outcome = score("每少50万元扣1分", "5", "≥1000万元", "900万元")
    assert "100万元" in outcome.reason and "50万元" in outcome.reason
    _, outcome = score("低于目标值的，每1个百分点扣0.5分", "5", "≥90%", "88%")
    assert "每低于1个百分点扣0.5分" in outcome.reason  # the direction read from the condition is shown


def test_a_partial_step_is_proportional_by_default_with_the_whole_step_reading_beside_it():
    _, outcome = score("每少50人次扣0.5分", "5", "≥1000人次", "780人次")
    assert outcome.score == Decimal("2.8")  # 220 ÷ 50 = 4.4 steps × 0.5
    assert outcome.alternatives == {"floor": Decimal(3), "ceil": Decimal("2.5")}


# --- direction --------------------------------------------------------------------------------------

# fmt: off
DIRECTION = [
    ("结转结余率为反向指标，得分=分值×目标值/实际值，最高不超过分值。", "5", "≤10%", "12.5%", "4", "5 × 10/12.5"),
    ("结转结余率为反向指标，得分=分值×目标值/实际值，最高不超过分值。", "5", "≤10%", "8%", "5", "不超过分值"),
    ("结转结余率为反向指标，得分=分值×目标值/实际值，最高不超过分值。", "5", "10%", "20%", "2.5", "5 × 10/20"),
    ("贫困发生率为反向指标,实际值不高于3%得20分;高于3%的,得分=20×3%/实际值", "20", "≤3%", "4%", "15", "20 × 3/4"),
    ("贫困发生率为反向指标,实际值不高于3%得20分;高于3%的,得分=20×3%/实际值", "20", None, "6%", "10", "20 × 3/6"),
    ("编外人员数量为反向指标,实际人数小于或等于153名得3分;超过的,得分=3×153/实际人数", "3", "≤153名", "170名", "2.7", "3 × 153/170"),
    ("正向指标得分=实际值/目标值×分值；反向指标得分=目标值/实际值×分值", "10", "≤5%", "8%", "6.25", "≤ 选反向"),
    ("正向指标得分=实际值/目标值×分值；反向指标得分=目标值/实际值×分值", "10", "≥80%", "60%", "7.5", "≥ 选正向"),
    ("结转结余率按完成比例计分", "20", "9%", "12%", "15", "结余率越低越好：20 × 9/12"),
    ("反向指标，实际值低于目标值得满分，高于目标值的按目标值/实际值×分值计算", "5", "≤10%", "12.5%", "4", "5 × 10/12.5"),
    ("结转结余率为反向指标，得分=分值×目标值/实际值", "5", "≥10%", "12%", None, "反向与 ≥ 相反"),
    ("正向指标得分=实际值/目标值×分值；反向指标得分=目标值/实际值×分值", "10", "5%", "8%", None, "无 ≥ 或 ≤"),
    ("贫困发生率为反向指标,实际值不高于3%得20分;高于3%的,得分=20×3%/实际值", "20", "≤2%", "4%", None, "3%与2%"),
    ("编外人员数量为反向指标,实际人数小于或等于153名得3分;超过的,得分=3×153/实际人数", "3", None, "17%", None, "名与%"),
]
DIRECTION_WORDINGS = [
    ("反向指标，得分=目标值/实际值×分值", "5", "≤10%", "12.5%", "4", "5 × 10/12.5"),
    ("负向指标：实际值≤目标值得满分；实际值>目标值时，得分=目标值/实际值×分值", "10", "≤2%", "2.5%", "8", "10 × 2/2.5"),
    ("负向指标：实际值≤目标值得满分；实际值>目标值时，得分=目标值/实际值×分值", "10", "≤2%", "1.5%", "10", "不高于目标得满分"),
    ("逆向指标得分=年度指标值(A)/全年实际值(B)×该指标分值", "6", "≤5天", "6天", "5", "6 × 5/6"),
    ("正向指标得分=全年实际值/年度指标值×该指标分值，反向指标得分=年度指标值/全年实际值×该指标分值", "10", "≥200人", "150人", "7.5", "≥ 选正向"),
    ("正向指标得分=全年实际值/年度指标值×该指标分值，反向指标得分=年度指标值/全年实际值×该指标分值", "10", "≤8%", "10%", "8", "≤ 选反向"),
    ("正向指标得分=全年实际值/年度指标值×该指标分值，反向指标得分=年度指标值/全年实际值×该指标分值", "10", "200人", "150人", None, "方向不明"),
    ("定量指标得分=（实际完成值/指标值）×分值，反向指标得分=（指标值/实际完成值）×分值", "4", "≤10%", "16%", "2.5", "≤ 选反向：4 × 10/16"),
    ("投诉率越低越好，按完成比例计分", "4", "≤1%", "2%", "2", "4 × 1/2"),
    ("反向指标，按照目标值与实际值的比值乘以分值计分", "5", "≤10%", "20%", "2.5", "5 × 10/20"),
    ("事故发生率为反向指标，得分=目标值/实际值×分值，最高不超过分值", "5", "≤0.5%", "0.4%", "5", "低于目标得满分"),
    ("投诉率为反向指标，得分=目标值/实际值×分值", "5", "≤2%", "0%", "5", "实际为0：满分"),
    ("贫困发生率为负向指标，不高于2%得10分；高于2%的，得分=10×2%/实际值", "10", None, "2.5%", "8", "10 × 2/2.5"),
    ("反向指标，得分=目标值/实际值×分值", "5", "≥10%", "12%", None, "反向与 ≥ 相反"),
    ("反向指标，实际值≤目标值得满分；实际值>目标值的，得分=(1-(实际值-目标值)/目标值)×分值", "10", "≤10%", "12%", "8", "10 × (1 − 2/10)"),
    ("反向指标，实际值≤目标值得满分；实际值>目标值的，得分=(1-(实际值-目标值)/目标值)×分值", "10", "≤10%", "25%", "0", "1 − 15/10 < 0：0分"),
    ("反向指标得分=[1-(实际完成值-年度指标值)/年度指标值]×该指标分值", "10", "≤10%", "12%", "8", "方括号亦可"),
    # less-is-better rates in steps
    ("结余率≤5%得满分，每超过1个百分点扣1分", "5", "≤5%", "8%", "2", "超3个百分点"),
    ("差错率控制在1%以内得满分，每上升0.1个百分点扣0.2分", "3", "≤1%", "1.5%", "2", "上升0.5个百分点 = 5档"),
    ("投诉率高于目标值的，每0.1个百分点扣0.5分", "3", "≤0.5%", "0.8%", "1.5", "高0.3个百分点 = 3档"),
    ("超支率为0得满分，每超支1%扣1分", "5", None, "3%", "2", "超支3%扣3分"),
    ("三公经费变动率≤0得满分，每增长1个百分点扣0.5分", "4", None, "4%", "2", "增长4个百分点"),
    ("在职人员控制率≤100%得满分，每超1个百分点扣0.5分", "5", None, "104%", "3", "超4个百分点"),
    ("违规率每增加1个百分点扣2分，超过5%不得分", "10", "≤0%", "3%", "4", "增加3个百分点扣6分"),
    ("违规率每增加1个百分点扣2分，超过5%不得分", "10", "≤0%", "6%", "0", "超过5%不得分"),
    ("结余结转率低于5%得满分，5%以上每增加1个百分点扣0.5分", "5", "≤5%", "7%", "4", "多2个百分点"),
    ("预算调整率不超过5%的得满分；超过5%的，每超过1个百分点扣0.2分", "2", None, "8%", "1.4", "超3个百分点"),
    ("支出进度偏差率每超过1个百分点扣0.5分", "5", "≤5%", "7%", "4", "偏差率是比率本身"),
    ("结余率控制在5%以内，超过的每1个百分点扣0.5分", "3", "≤5%", "6.5%", "2.25", "超1.5个百分点"),
    ("费用超标的，每超标1%扣0.5分", "2", "≤0%", "2%", "1", "超标2个百分点"),
    ("结余率=结余资金/预算资金×100%；结余率≤5%得满分，>5%的，每增加1个百分点扣0.5分", "3", "≤5%", "7%", "2", "超2个百分点"),
    ("控制在目标值以内得满分，超出目标值的每1个百分点扣0.5分", "3", "≤5%", "7%", "2", "超2个百分点"),
    ("三公经费变动率=[(本年度三公经费总额-上年度三公经费总额)/上年度三公经费总额]×100%；变动率≤0得满分，每增加1个百分点扣0.5分",
     "3", None, "2%", "2", "定义式里的上年度不是比较的起点"),
    ("按照目标值与实际值的比值乘以分值计分", "5", "≤10%", "20%", "2.5", "目标值与实际值之比：5 × 10/20"),
    ("“三公经费”变动率：≤0，得满分；>0，每增加1个百分点扣0.1分", "2", None, "5%", "1.5", "增加5个百分点"),
    ("结转结余率：结转结余率≤10%得满分，超过部分每1个百分点扣0.5分", "3", None, "12%", "2", "超2个百分点"),
    ("公用经费控制率=实际支出公用经费总额/预算安排公用经费总额×100%，≤100%得满分，每超过1%扣0.5分", "3", None, "102%",
     "2", "控制率超2个百分点"),
    ("资金结余率（结余资金/预算资金）控制在5%以内，每超1个百分点扣0.5分", "3", None, "6%", "2.5", "超1个百分点"),
    ("结余率每超过1个百分点扣0.5分", "5", None, "3%", None, "从哪个值起扣未写"),
    ("支出超预算的，每超1%扣1分", "5", None, "3%", None, "3%是超支率还是执行率，未说明"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "hand", "how"), DIRECTION,
                         ids=[f"{d[0][:20]}|{d[2]}|{d[3]}" for d in DIRECTION])  # fmt: skip
def test_positive_and_negative_indicators(text, weight, target, actual, hand, how):
    assert isinstance(check(text, weight, target, actual, hand, how), Directional)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "hand", "how"), DIRECTION_WORDINGS,
                         ids=[f"{d[0][:20]}|{d[2]}|{d[3]}" for d in DIRECTION_WORDINGS])  # fmt: skip
def test_less_is_better_as_other_tables_word_it(text, weight, target, actual, hand, how):
    assert isinstance(check(text, weight, target, actual, hand, how), Directional | PerPoint)


def test_a_negative_indicator_above_its_weight_only_with_a_bonus_and_no_written_cap():
    text = "反向指标，得分=分值×目标值/实际值"
    assert score(text, "5", "≤10%", "8%")[1].score == Decimal(5)
    assert score(text, "5", "≤10%", "8%", bonus=True)[1].score == Decimal("6.25")
    assert score(text + "，最高不超过分值", "5", "≤10%", "8%", bonus=True)[1].score == Decimal(5)


@pytest.mark.parametrize("text", [
    "结余率为正向指标，得分=实际值/目标值×分值",  # a less-is-better rate read as more-is-better
    "投诉率越高越好，得分=实际值/目标值×分值",
    "反向指标，得分=实际值/目标值×分值",  # the formula says the other direction
    "负向指标，得分=实际值/目标值×分值",
    "贫困发生率为反向指标,实际值不高于3%得20分;高于4%的,得分=20×3%/实际值",  # two references
])  # fmt: skip
def test_contradictory_directions_are_not_read_as_a_direction(text):
    assert directional(normalize_rule_text(text)) is None


# --- units -------------------------------------------------------------------------------------------

# fmt: off
UNITS = [
    ("每低于目标值10公斤扣1分", "10", "≥500公斤", "470公斤", "7", "低3档"),
    ("每低于目标值10公斤扣1分", "10", "≥500公斤", "490千克", "9", "千克即公斤"),
    ("每低于目标值10公斤扣1分", "10", "≥500公斤", "94%", None, "公斤的步长不看百分比"),
    ("每少50万元扣0.5分", "5", "≥1000万元", "8000000元", "3", "少200万元 = 4档"),
    ("每少1万元扣0.1分", "2", "≥10万元", "9.5万元", "1.95", "少0.5万元 = 0.5档"),
    ("人均补助每少100元扣0.5分", "2", "≥1000元", "800元", "1", "少200元"),
    ("人均补助每少100元扣0.5分", "2", "≥1000元", "0.08万元", "1", "0.08万元即800元"),
    ("造林面积每少10亩扣1分", "5", "≥200亩", "170亩", "2", "少30亩"),
    ("每少10亩扣1分", "5", "≥200亩", "95%", None, "亩的步长不看百分比"),
    ("每少10亩扣1分", "5", "≥95%", "170亩", None, "指标值是百分比"),
    ("每少10人扣1分", "5", "≥100人次", "80人", "3", "人与人次同计"),
    ("每少一名扣0.5分", "2", "≥4人", "3人", "1.5", "名与人同计"),
    ("每少5户扣0.5分", "3", "≥50户", "40户", "2", "少10户"),
    ("每少1家扣0.5分", "3", "≥10家", "8个", "2", "家与个同计"),
    ("每少1次扣1分", "3", "≥4次", "3场", "2", "次与场同计"),
    ("每少1篇扣1分", "5", "≥5篇", "3件", None, "篇与件不同"),
    ("每少1吨扣0.2分", "2", "≥10吨", "8000公斤", None, "吨与公斤不换算"),
    ("人均救助水平每低于目标值10元扣0.5分", "3", "≥500元/人次", "480元/人次", "2", "人均：元/人次对元/人次，按元计步"),
    ("人均救助水平每低于目标值10元扣0.5分", "3", "≥500元/人次", "480元", None, "一个人均，一个不是：不比"),
    ("人均救助水平每低于目标值10元扣0.5分", "3", "≥500元/人", "480元/户", None, "每人与每户不同"),
    ("每延迟1天扣0.5分", "3", None, "1个月", None, "天与月不换算"),
    ("每延迟1周扣1分", "3", None, "2周", "1", "延迟2周"),
    ("每滞后一个月扣1分", "3", None, "滞后2个月", "1", "滞后2个月"),
    ("无正当理由滞留资金的，每滞留半个月扣0.5分", "3", None, "1个月", "2", "1个月 = 2个半月"),
    ("24小时内办结得满分，每超1小时扣0.2分", "2", None, "27小时", "1.4", "超3小时"),
    ("平均办结时间≤20天得满分，每超过1天扣0.1分", "2", "≤20天", "25天", "1.5", "超5天"),
    ("每超过1天扣0.1分", "2", "≤20天", "25日", "1.5", "日即天"),
    ("平均年龄不超过45岁，每超过1岁扣0.5分", "2", None, "47岁", "1", "超2岁"),
    ("每低于1个百分点扣1分", "5", "≥95%", "0.93", "3", "0.93 读作 93%"),
    ("每低于1个百分点扣1分", "5", "≥1000人", "950人", "0", "完成95%，低5个百分点"),
    ("每低于5%扣1分", "5", "≥1000人", "900人", None, "5%是什么的5%未说明"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "hand", "how"), UNITS,
                         ids=[f"{u[0][:16]}|{u[2]}|{u[3]}" for u in UNITS])  # fmt: skip
def test_a_step_or_target_in_one_unit_is_never_applied_to_a_value_in_another(text, weight, target, actual, hand, how):
    assert isinstance(check(text, weight, target, actual, hand, how), PerPoint)


def test_units_of_one_thing_compare_and_others_do_not():
    assert same_unit("人", "人次") and same_unit("天", "日") and same_unit("公斤", "千克") and same_unit("年", "年度")
    assert not same_unit("天", "个月") and not same_unit("人", "%") and not same_unit("", "人")
    kilos = parse_quantity("490千克")
    assert kilos is not None and (kilos.value, kilos.unit) == (Decimal(490), "千克")  # not 490000 克
    money = parse_quantity("900万元")
    assert money is not None and (money.value, money.unit) == (Decimal(9_000_000), "元")


# --- properties: never above the weight, monotone in the actual in the rule's direction -------------------


@pytest.mark.parametrize("row", [r for r in STEPS + STEP_WORDINGS + DIRECTION + DIRECTION_WORDINGS + UNITS
                                 if r[4] is not None], ids=lambda r: f"{r[0][:20]}|{r[3]}")  # fmt: skip
def test_a_score_stays_within_the_weight_and_moves_one_way_with_the_actual(row):
    text, weight, target, actual, _, _ = row
    rule = parse_rule_text(text)
    given = parse_quantity(actual)
    assert rule is not None and given is not None
    if given.value is None or given.value <= 0:
        return
    scores = []
    for tenth in range(0, 31):
        value = given.value * Decimal(tenth) / 15
        inputs = Inputs(
            weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(f"{value}{given.unit}")
        )
        found = rule.apply(inputs).score
        assert found is None or Decimal(0) <= found <= Decimal(weight)
        if found is not None:
            scores.append(found)
    counted = isinstance(rule, PerPoint) and rule.from_zero and rule.reference is None and target is None
    rising = isinstance(rule, PerPoint) and rule.direction is Direction.BELOW and not counted  # 每缺一项: the gap
    falling = (isinstance(rule, PerPoint) and (rule.direction is Direction.ABOVE or counted)) or (
        isinstance(rule, Directional) and rule.reverse is True
    )
    if rising:
        assert scores == sorted(scores), text
    elif falling:
        assert scores == sorted(scores, reverse=True), text


# --- round trips -------------------------------------------------------------------------------------

READ = [r[0] for r in STEPS + STEP_WORDINGS + DIRECTION + DIRECTION_WORDINGS + UNITS]


@pytest.mark.parametrize("text", sorted(set(READ)))
def test_the_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


# --- metamorphic: every understood corpus text of these shapes, rewritten -------------------------------

_FULL_WIDTH = str.maketrans("0123456789%,;:()", "０１２３４５６７８９％，；：（）")
_HALF_WIDTH = str.maketrans("，；：（）", ",;:()")


def _swap_clauses(text: str) -> str:
    """The first sentence to the end ("A。B。" → "B。A。"), or the full-marks clause after the step."""
    sentences = [s for s in re.split(r"(?<=[。;；])", text) if s.strip(" 。;；")]
    if len(sentences) > 1:
        return "".join(sentences[1:]).rstrip("。;；") + "；" + sentences[0].rstrip("。;；") + "。"
    clauses = re.split(r"[,，]", text.rstrip("。"))
    full = next((i for i, c in enumerate(clauses) if re.search(r"[得计](?:\d|满分)", c) and "每" not in c), None)
    if full is None or full + 1 >= len(clauses) or not clauses[full + 1].startswith("每"):
        return text
    head, tail = clauses[: full + 1], clauses[full + 1 :]
    return "，".join(tail + head) + "。"


def _toggle_to_zero(text: str) -> str:
    """ "扣完为止" out where it stands, in where it does not (a score never goes below zero anyway)."""
    if re.search(r"扣完为止|扣完即止", text):
        return re.sub(r"[,，;；]?(?:直至)?扣完(?:为止|即止)", "", text)
    if re.search(r"倒扣|不封顶|扣完\d", text) or not re.search(r"扣\d", text):
        return text
    return text.rstrip("。") + "，扣完为止。"


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "全角数字与标点": lambda t: t.translate(_FULL_WIDTH),
    "半角标点": lambda t: t.translate(_HALF_WIDTH),
    "逗号改分号": lambda t: re.sub(r"[,，]", "；", t),
    "去掉逗号": lambda t: re.sub(r"[,，]", "", t),
    "加空格": lambda t: re.sub(r"(\d+(?:\.\d+)?)", r" \1 ", re.sub(r"([,，;；。])", r"\1 ", t)),
    "加“的”": lambda t: re.sub(r"(?<=[点%天人次项篇月年岁斤元])(?=[,，]?扣\d)", "的", t),
    "去掉“的”": lambda t: re.sub(r"的(?=[,，;；])", "", t),
    "得与计互换": lambda t: (
        re.sub(r"计(?=\d|满分)", "得", t) if re.search(r"计(?:\d|满分)", t) else re.sub(r"得(?=\d|满分)", "计", t)
    ),
    "扣改扣除": lambda t: re.sub(r"(?<![多高])扣(?=\d)", "扣除", t),
    "加“该项”": lambda t: re.sub(r"(?<![多高])扣(?=\d)", "该项扣", t),
    "扣改减": lambda t: re.sub(r"(?<![多高])扣(?=\d)", "减", t),
    "扣分前加“则”": lambda t: re.sub(r"[,，](?=扣\d)", "，则", t),
    "阿拉伯数字改一": lambda t: re.sub(r"(?<=[于低少超过降减差扣])1(?=个|分)", "一", t),
    "扣完为止有无": _toggle_to_zero,
    "交换分句": _swap_clauses,
    "繁体": lambda t: _traditional()(t),
}


@cache
def _traditional() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("s2t").convert
    return convert


def _scores(entry: Entry, text: str) -> tuple[bool, list[Decimal | None]]:
    """Whether a text is understood, and the score of each of the entry's cases."""
    out: list[Decimal | None] = []
    understood = False
    for case in entry.cases:
        trial = try_rule(text, weight=str(entry.weight), target=entry.target, actual=case.actual,
                         note=case.explanation, holds=tuple(case.holds) if case.holds is not None else None,
                         bonus_allowed=entry.bonus_allowed)  # fmt: skip
        understood = trial.rule is not None
        out.append(trial.outcome.score if trial.outcome is not None else None)
    return understood, out


@cache
def _understood_entries() -> list[tuple[Entry, list[Decimal | None]]]:
    found = []
    for entry in load():
        if isinstance(parse_rule_text(entry.text), PerPoint | Directional):
            found.append((entry, _scores(entry, entry.text)[1]))
    return found


@cache
def _variants() -> list[tuple[str, str, str, list[Decimal | None], bool, list[Decimal | None]]]:
    """(entry id, transform, variant, original scores, variant understood, variant scores) for every variant."""
    rows = []
    for entry, original in _understood_entries():
        for name, transform in TRANSFORMS.items():
            variant = transform(entry.text)
            if variant != entry.text:
                understood, scores = _scores(entry, variant)
                rows.append((entry.id, name, variant, original, understood, scores))
    return rows


def test_every_understood_corpus_text_of_these_shapes_has_variants():
    assert len(_understood_entries()) >= 40
    assert len(_variants()) >= 10 * len(_understood_entries())


def test_a_rewritten_text_gives_the_same_score_or_none_never_another():
    wrong = [f"{eid} [{name}] {variant} → {scores} (原文 {original})"
             for eid, name, variant, original, _, scores in _variants()
             if any(s is not None and s != o for s, o in zip(scores, original, strict=True))]  # fmt: skip
    assert wrong == []


def test_the_texts_written_here_rewritten_keep_their_hand_scores_or_are_refused():
    rows = [r for r in STEPS + STEP_WORDINGS + DIRECTION + DIRECTION_WORDINGS + UNITS if r[4] is not None]
    kept, wrong, total = 0, [], 0
    for text, weight, target, actual, hand, _ in rows:
        for name, transform in TRANSFORMS.items():
            variant = transform(text)
            if variant == text:
                continue
            total += 1
            rule = parse_rule_text(variant)
            inputs = Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual))
            found = rule.apply(inputs).score if rule is not None else None
            if found is not None and found != Decimal(hand):
                wrong.append(f"[{name}] {variant} → {found}（手算 {hand}）")
            kept += found is not None
    assert wrong == []
    assert kept / total >= 0.95


def test_nearly_every_rewritten_text_is_still_understood():
    rows = _variants()
    kept = [r for r in rows if r[4] and r[5] == r[3]]
    lost = [f"{eid} [{name}] {variant}" for eid, name, variant, _, _, _ in rows if (eid, name) not in
            {(r[0], r[1]) for r in kept}]  # fmt: skip
    assert len(kept) / len(rows) >= 0.95, "\n".join(lost)
