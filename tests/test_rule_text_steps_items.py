"""Steps read in their context (issue 13, steps and bonus family): one rule for several items ("12分×2项"), several
steps in one text, the full marks of "每项指标为5分", dates as cut-offs, quantities per 亩 and compound units,
a fault counted from zero, "扣分不封顶", vetoes, a gap counted only when the target is not met, and a bound for
each of several things. Each row is a text written the way tables write them (not copied from the corpus),
the weight, target, actual (or explanation) and the score worked by hand — None where it must be refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import Inputs
from medaid.evaluation.rules.items import EachItem
from medaid.evaluation.rules.parts import StepSum
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

# text, weight, target, actual, explanation, hand score (None: refused), how
# fmt: off
CASES = [
    # --- one rule for several items ---
    ("免疫密度(10分×2项,即猪瘟和蓝耳病)。免疫密度达100%得满分,每低1个百分点扣1分,扣完为止。", "10", "=100%", "96%", None, "6", "本行是其中一项：低4个百分点"),
    ("免疫密度(10分×2项,即猪瘟和蓝耳病)。免疫密度达100%得满分,每低1个百分点扣1分,扣完为止。", "20", "=100%", "猪瘟98%，蓝耳病95%", None, "13", "8 + 5"),
    ("免疫密度(10分×2项,即猪瘟和蓝耳病)。免疫密度达100%得满分,每低1个百分点扣1分,扣完为止。", "20", "=100%", "96%", None, None, "合计两项却只有一个值"),
    ("免疫密度(10分×2项,即猪瘟和蓝耳病)。免疫密度达100%得满分,每低1个百分点扣1分,扣完为止。", "20", "=100%", "猪瘟98%", None, None, "缺蓝耳病"),
    ("免疫密度(10分×2项,即猪瘟和蓝耳病)。免疫密度达100%得满分,每低1个百分点扣1分,扣完为止。", "15", "=100%", "猪瘟98%，蓝耳病95%", None, None, "分值既非一项也非合计"),
    ("城镇和农村低保资金到位情况各占2分。足额到位的得满分,每少到位1个百分点扣0.2分,扣完为止。", "4", None, None, "城镇低保资金到位95%，农村低保资金到位100%", "3", "1 + 2"),
    ("本项满分10分,其中城区、郊区分别为5分。达标率≥80%得满分,每降低5个百分点扣1分,扣完为止。", "10", "≥80%", "城区70%，郊区85%", None, "8", "城区低10个百分点扣2分：3 + 5"),
    ("签订目标责任书(6分)(2分×3项,即县同乡、乡同村、村同户)且落实到位的得6分。每少一项扣2分。", "6", None, "1项", None, None, "3项中的1项：缺少还是完成未写明"),
    # --- several steps in one text ---
    ("苗木成活率在85%以上得10分,每下降1个百分点扣0.5分,扣完为止;苗木保存率在80%以上得10分,每下降1个百分点扣0.5分,扣完为止。", "20", None, None, "成活率83%，保存率82%", "19", "9 + 10"),
    ("苗木成活率在85%以上得10分,每下降1个百分点扣0.5分,扣完为止;苗木保存率在80%以上得10分,每下降1个百分点扣0.5分,扣完为止。", "20", None, None, "成活率83%", None, "缺保存率"),
    ("苗木成活率在85%以上得10分,每下降1个百分点扣0.5分,扣完为止;苗木保存率在80%以上得10分,每下降1个百分点扣0.5分,扣完为止。", "10", None, None, "成活率83%，保存率82%", None, "分值不是合计"),
    # --- "每项指标为N分" ---
    ("每项指标为4分,抗体合格率≥70%得满分,每少5%扣1分。", "4", "≥70%", "60%", None, "2", "少10个百分点 = 2档"),
    ("每項指標為4分，抗體合格率≥70%得滿分，每少5%扣1分。", "4", "≥70%", "75%", None, "4", "繁体"),
    # --- dates as cut-offs ---
    ("全部按期完成得3分,未按期完成的每延迟一天扣0.5分,上半年以每年的6月30日为截点。", "3", None, "2天", None, "2", "延迟2天从零计"),
    ("按时完成得3分,每延迟1天扣0.5分,以12月31日为截止日期", "3", None, "延迟4天", None, "1", "日期不是标准天数"),
    # --- per 亩 and compound units ---
    ("亩均施用有机肥不少于500公斤,每少于50公斤扣2分,扣完为止。", "10", "≥500公斤/亩", "450公斤", None, "8", "文字以公斤写标准，指标值按亩"),
    ("亩均施用有机肥不少于500公斤,每少于50公斤扣2分,扣完为止。", "10", "≥500公斤/亩", "450公斤/亩", None, "8", "同上，实际带单位"),
    ("亩均施用有机肥不少于500公斤,每少于50公斤扣2分,扣完为止。", "10", "≥500公斤/亩", "45%", None, None, "百分比不是公斤"),
    ("每少于50公斤扣2分,扣完为止。", "10", "≥500公斤/亩", "450公斤", None, None, "文字未写按亩，也没有自己的标准"),
    ("PM10年均浓度与目标值差距绝对值每差1微克/立方米扣0.5分,扣完为止", "4", "≤60微克/立方米", "63微克/立方米", None, "2.5", "差3微克/立方米"),
    ("PM10年均浓度与目标值差距绝对值每差1微克/立方米扣0.5分,扣完为止", "4", "≤60微克/立方米", "58微克/立方米", None, "3", "两侧都算：差2"),
    ("未达到年度目标值的,按实际值与目标值的差距绝对值扣分,每差2微克/立方米扣1分,扣完为止。", "5", "≤40微克/立方米", "37微克/立方米", None, "5", "达到目标不扣"),
    ("未达到年度目标值的,按实际值与目标值的差距绝对值扣分,每差2微克/立方米扣1分,扣完为止。", "5", "≤40微克/立方米", "46微克/立方米", None, "2", "超6 = 3档"),
    ("未达到年度目标值的,按实际值与目标值的差距绝对值扣分,每差2微克/立方米扣1分,扣完为止。", "5", None, "46微克/立方米", None, None, "无指标值，无法判断是否达到"),
    ("每差1微克/立方米扣0.5分", "4", "≤60微克/立方米", "63毫克/立方米", None, None, "毫克不是微克"),
    # --- a fault counted from zero; "扣分不封顶" ---
    ("耕地撂荒的,每3亩扣1分。", "10", None, "6亩", None, "8", "撂荒6亩 = 2档"),
    ("耕地撂荒的,每3亩扣1分,扣分不封顶。", "10", None, "9亩", None, "7", "未超过本项分值"),
    ("耕地撂荒的,每3亩扣1分,扣分不封頂。", "10", None, "45亩", None, None, "应扣15分超过10分：不封顶"),
    ("每3亩扣1分。", "10", None, "6亩", None, None, "没有说扣什么"),
    ("耕地撂荒的,每3亩扣1分。", "10", "≥100亩", "6亩", None, None, "指标值不是撂荒面积"),
    # --- vetoes beside a step ---
    ("1.按规定时限拨付资金的,得4分。2.每延迟拨付1天扣1分,扣完为止。3.挤占挪用资金的,不得分。", "4", None, "1天", None, "3", "未写挤占挪用，按未出现计"),
    ("1.按规定时限拨付资金的,得4分。2.每延迟拨付1天扣1分,扣完为止。3.挤占挪用资金的,不得分。", "4", None, None, "延迟1天，存在挤占挪用资金", None, "说明写了挪用：不得分（见下）"),
    ("按时拨付得4分,每延迟1天扣1分,未按时拨付的不得分。", "4", None, "1天", None, None, "不得分的条件与扣分步长相矛盾"),
    # --- an actual written as text that names the condition of full marks ---
    ("在规定期限内完成的,得满分;每逾期1天扣0.5分,扣完为止。", "3", None, "在规定期限内完成", None, "3", "实际即得满分的情形"),
    ("在规定期限内完成的,得满分;每逾期1天扣0.5分,扣完为止。", "3", None, "未在规定期限内完成", None, None, "未写逾期几天"),
    ("在規定期限內完成的,得滿分;每逾期1天扣0.5分,扣完為止。", "3", None, "逾期2天", None, "2", "繁体：逾期2天扣1分"),
    # --- a reference written inside the step ---
    ("病床使用率每低于85%一个百分点扣0.2分", "2", None, "80%", None, "1", "从85%起：低5个百分点"),
    ("病床使用率每低于85%一个百分点扣0.2分", "2", "≥90%", "80%", None, None, "文字的85%与指标值90%不一致"),
    # --- a bound for each of several things ---
    ("每个村文化活动不少于6次(2分),每少1次扣0.5分", "2", "≥6次", "4次", None, "1", "少2次"),
    ("每个村文化活动不少于6次(2分),每少1次扣0.5分", "2", None, "4次", None, None, "每个村的标准，无指标值"),
    ("每个村文化活动不少于6次(2分),每少1次扣0.5分", "2", "≥60次", "40次", None, None, "指标值是合计，与每个村的标准不同"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "hand", "how"), CASES)
def test_a_step_in_its_context_scores_as_worked_by_hand(text, weight, target, actual, note, hand, how):
    trial = try_rule(text, weight=weight, target=target, actual=actual, note=note)
    if hand is None:  # not understood, or understood and refused with a reason
        if trial.outcome is not None:
            assert trial.outcome.score is None or (how.startswith("说明写了") and trial.outcome.score == 0), (
                f"{how}: {trial.outcome.reason}"
            )
            assert trial.outcome.reason
    else:
        assert trial.outcome is not None, f"not understood: {text}"
        assert trial.outcome.score == Decimal(hand), f"{how}: {trial.outcome.reason}"


def test_a_veto_the_explanation_names_scores_zero():
    text = "1.按规定时限拨付资金的,得4分。2.每延迟拨付1天扣1分,扣完为止。3.挤占挪用资金的,不得分。"
    trial = try_rule(text, weight="4", actual="挤占挪用资金")
    assert trial.outcome is not None and trial.outcome.score == 0, trial.outcome


def test_the_reason_names_the_items_and_where_their_values_came_from():
    text = "城镇和农村低保资金到位情况各占2分。足额到位的得满分,每少到位1个百分点扣0.2分,扣完为止。"
    trial = try_rule(text, weight="4", note="城镇低保资金到位95%，农村低保资金到位100%")
    assert trial.outcome is not None
    reason = trial.outcome.reason
    assert "每项 2 分" in reason and "取自说明" in reason and "合计 1 + 2 = 3 分" in reason


@pytest.mark.parametrize(
    "text",
    [
        "资金到位率和执行率各占5分,到位率每低于1个百分点扣0.5分",  # the rest speaks of one item
        "(5分×3项,即甲和乙)每低1个百分点扣1分",  # three items, two names
        "本项满分10分,其中城区、郊区分别为4分。每降低5个百分点扣1分",  # 4 + 4 is not 10
        "成活率在85%以上得10分,每下降1个百分点扣0.5分;成活率在80%以上得10分,每下降1个百分点扣1分",  # one subject twice
        "耕地撂荒面积每3亩扣1分",  # no condition naming a fault
        "每个村覆盖率不低于90%,每低1个百分点扣0.5分",  # a rate for each of several things
    ],
)
def test_texts_these_readings_would_misread_are_not_read_so(text):
    rule = parse_rule_text(text)
    assert not isinstance(rule, EachItem | StepSum), rule
    if rule is not None:  # another reading may take it; then it must not score a value it cannot place
        outcome = rule.apply(Inputs(weight=Decimal(10), actual=None))
        assert outcome.score is None


@pytest.mark.parametrize("text", sorted({c[0] for c in CASES if c[5] is not None}))
def test_the_readings_round_trip_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)
