"""Formulas family, session 5: full marks at one rate and none at another with 线性内插 between (and a veto
beside it), the notations of a written formula (X/x for ×, 除以, a formula opened by 以, an OCR'd degree sign),
caps said in other words, and more ratio wordings. Texts are written like real ones, not copied from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.normalize import latin_times
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

# (text, weight, target, actual, note, score or None for a refusal)
SCORED = [
    # --- two points and a straight line between -----------------------------------------------------------
    ("供水保证率为100%的得100%分,供水保证率小于或等于80%的得0分,其余按线性内插赋分。", 10, "100%", "90%", None, "5"),
    ("供水保证率为100%的得100%分,供水保证率小于或等于80%的得0分,其余按线性内插赋分。", 10, "100%", "80%", None, "0"),
    ("供水保证率为100%的得100%分,供水保证率小于或等于80%的得0分,其余按线性内插赋分。", 10, "100%", "70%", None, "0"),
    ("供水保证率为100%的得100%分,供水保证率小于或等于80%的得0分,其余按线性内插赋分。", 10, "100%", "100%", None, "10"),
    (
        "1、灌溉水有效利用率达到60%及以上的,得满分;50%及以下的不得分;50%-60%之间的按线性插值法计算得分。",
        4,
        "≥60%",
        "55%",
        None,
        "2",
    ),
    (
        "灌溉水有效利用率达到60%及以上的,得满分;50%及以下的不得分;50%-60%之间的按线性插值法计算得分。",
        4,
        "≥60%",
        "65%",
        None,
        "4",
    ),
    ("覆盖率≥95%得满分;覆盖率<70%不得分;中间值按插值法计分", 5, "≥95%", "82.5%", None, "2.5"),
    ("水质達標率達到100%的,得100%分;小於等於75%的得0分;介於75-100%之間按線性內插賦分。", 8, "100%", "87.5%", None, "4"),
    ("合格率达到95%的得6分,低于60%的得0分,其余按线性内插赋分", 6, "≥95%", "88%", None, "4.8"),
    # the full point is the row's target
    ("地表水水质达标率达到年度目标的得满分,达标率低于50%的得0分,其间按线性内插计分", 6, "≥80%", "65%", None, "3"),
    ("地表水水质达标率达到年度目标的得满分,达标率低于50%的得0分,其间按线性内插计分", 6, "≥80%", "82%", None, "6"),
    ("地表水水质达标率达到年度目标的得满分,达标率低于50%的得0分,其间按线性内插计分", 6, None, "65%", None, None),
    ("地表水水质达标率达到年度目标的得满分,达标率低于50%的得0分,其间按线性内插计分", 6, "≥40%", "45%", None, None),
    # less is better: full marks at the low point
    ("漏损率≤10%得满分,≥20%不得分,其间按线性插值法计分", 5, "≤10%", "14%", None, "3"),
    ("漏损率≤10%得满分,≥20%不得分,其间按线性插值法计分", 5, None, "8%", None, "5"),
    ("漏损率≤10%得满分,≥20%不得分,其间按线性插值法计分", 5, None, "25%", None, "0"),
    ("漏损率≤10%得满分,≥20%不得分,其间按线性插值法计分", 5, "≥10%", "14%", None, None),  # a "≥" target
    # a veto beside the line: a bare actual leaves it unsaid; an explanation must not state it
    (
        "一、河道达标率达到100%的,得100%分;小于等于80%的得0分;介于80-100%之间按线性内插赋分。"
        "二、发生重大责任事故的,此项不得分。",
        5,
        "100%",
        "90%",
        None,
        "2.5",
    ),
    (
        "一、河道达标率达到100%的,得100%分;小于等于80%的得0分;介于80-100%之间按线性内插赋分。"
        "二、发生重大责任事故的,此项不得分。",
        5,
        "100%",
        None,
        "河道达标率90%",
        "2.5",
    ),
    (
        "一、河道达标率达到100%的,得100%分;小于等于80%的得0分;介于80-100%之间按线性内插赋分。"
        "二、发生重大责任事故的,此项不得分。",
        5,
        "100%",
        None,
        "河道达标率90%，另有1处堤段存在渗漏隐患",
        None,
    ),
    (
        "一、河道达标率达到100%的,得100%分;小于等于80%的得0分;介于80-100%之间按线性内插赋分。"
        "二、发生重大责任事故的,此项不得分。",
        5,
        "100%",
        None,
        "河道达标率90%，发生重大责任事故",
        "0",
    ),
    # a veto listing its subjects, restated for one of them with one of its alternatives
    (
        "一、堤防达标率达到100%的,得100%分;小于等于70%的得0分;介于70-100%之间按线性内插赋分。二、水库、水闸、泵站等"
        "工程未按要求完成整改存在重大质量缺陷或安全隐患的,此项不得分。",
        6,
        "100%",
        None,
        "堤防达标率85%，其中有1座泵站未按要求完成整改，存在安全隐患",
        "0",
    ),
    (
        "一、堤防达标率达到100%的,得100%分;小于等于70%的得0分;介于70-100%之间按线性内插赋分。二、水库、水闸、泵站等"
        "工程未按要求完成整改存在重大质量缺陷或安全隐患的,此项不得分。",
        6,
        "100%",
        None,
        "堤防达标率85%，有1座泵站未按要求完成整改",
        None,
    ),  # only part of the veto: for a person
    (
        "一、堤防达标率达到100%的,得100%分;小于等于70%的得0分;介于70-100%之间按线性内插赋分。二、水库、水闸、泵站等"
        "工程未按要求完成整改存在重大质量缺陷或安全隐患的,此项不得分。",
        6,
        "100%",
        None,
        "堤防达标率85%，有1座水电站未按要求完成整改，存在安全隐患",
        None,
    ),  # a subject the veto does not list
    (
        "一、堤防达标率达到100%的,得100%分;小于等于70%的得0分;介于70-100%之间按线性内插赋分。二、水库、水闸、泵站等"
        "工程未按要求完成整改存在重大质量缺陷或安全隐患的,此项不得分。",
        6,
        "100%",
        "85%",
        None,
        "3",
    ),
    # --- notations of a written formula -------------------------------------------------------------------
    ("以实际评定的优良路率X80。", 80, None, "90%", None, "72"),
    ("以实际评定的优良路率x40°", 40, None, "75%", None, "30"),
    ("以合格率×20计分", 20, None, "85%", None, "17"),
    ("以满意度乘以分值计算得分", 10, None, "90%", None, "9"),
    ("得分=实际值除以目标值乘以分值", 10, "200户", "150户", None, "7.5"),
    ("按照(实际完成值÷目标值)×权重的方式计分", 10, "200户", "150户", None, "7.5"),
    ("得分=实际/目标×分值", 10, "200户", "150户", None, "7.5"),
    ("完成率=实际完成/计划完成×100%,得分=完成率×权重", 10, "200户", "150户", None, "7.5"),
    # --- caps said in other words -------------------------------------------------------------------------
    ("得分=规范率÷90%×6,最高6分", 6, "≥90%", "95%", None, "6"),
    ("得分=规范率÷90%×6,超过6分按6分计", 6, "≥90%", "95%", None, "6"),
    ("得分=规范率÷90%×6,超过6分按6分计", 6, "≥90%", "72%", None, "4.8"),
    ("得分=完成率×8分(完成率最高按100%计算)", 8, "100户", "120户", None, "8"),
    ("得分=实际完成率÷目标完成率×指标分值,超过指标分值的按指标分值计", 10, "≥80%", "72%", None, "9"),
    ("规范率达到90%得100%分,低于90%的,得分=规范率/90%×分值", 6, "≥90%", "72%", None, "4.8"),
    ("规范率达到90%得100%分,低于90%的,得分=规范率/90%×分值", 6, "≥90%", "93%", None, "6"),
    # a rate formula without 分值 that gives under half the weight at full completion: miswritten, refused
    ("得分=完成率X20%", 20, None, "80%", None, None),
    ("按实际完成率乘以分值计分,超额完成的不加分", 10, "200户", "220户", None, "10"),
    ("得分=(1-未完成率)×分值", 10, None, "10%", None, "9"),  # 未完成率: less is better
    ("得分=(1-未完成率)×分值", 10, "≥90%", "10%", None, None),
    # two progresses divided: the actual is one of them, not the ratio
    ("按照完成进度÷时序进度×分值计分", 10, None, "90%", None, None),
    # --- ratio wordings -----------------------------------------------------------------------------------
    ("改厕户数已达农户总数60%的得10分,未达60%的,按比例扣除,扣完为止。", 10, "≥60%", "45%", None, "7.5"),
    ("按完成百分比计分", 10, "200户", "150户", None, "7.5"),
    ("按照完成的比例计分", 10, "200户", "150户", None, "7.5"),
    ("按实际完成户数占任务户数的百分比计分", 10, "200户", "150户", None, "7.5"),
    ("按完成量占比计分", 10, "200户", "150户", None, "7.5"),
    # --- a ratio with a floor on the completion -----------------------------------------------------------
    ("按实际完成比例计分,完成率低于50%的不得分", 10, "200户", "150户", None, "7.5"),
    ("按实际完成比例计分,完成率低于50%的不得分", 10, "200户", "90户", None, "0"),
    ("按实际完成比例计分,完成率低于50%的不得分", 10, "200户", "100户", None, "5"),  # 50 % is not below 50 %
    ("全面完成任务的得满分;完成70%以上的按比例计分;70%以下不得分", 10, "100%", "80%", None, "8"),
    ("全面完成任务的得满分;完成70%以上的按比例计分;70%以下不得分", 10, "100%", "60%", None, "0"),
    ("全面完成任务的得满分;完成70%以上的按比例计分;70%以下不得分", 10, "100%", "70%", None, None),  # both include 70
    ("全面完成任务的得满分;完成70%以上的按比例计分;70%以下不得分", 10, "≥90%", "80%", None, None),  # ratio or rate?
    ("全面完成任务的得满分;完成70%以上的按比例计分;70%以下不得分", 10, "200万元", "210万元", None, "10"),
]

# Texts that must not be read at all
NOT_READ = [
    "覆盖率达到95%的得满分,60%-95%之间按线性内插计分",  # no zero point: below 60 % is not said
    "达标率达到年度目标的得满分,达标率低于50%的得0分,50%-80%之间按线性内插计分",  # a range cannot end at the target
    "覆盖率达到95%的得满分,低于60%不得分,60%-95%之间按比例计分",  # 按比例: the line or the rate over 95 %?
    "覆盖率达到95%的得满分,低于60%不得分,50%-95%之间按线性内插计分",  # a range whose ends are not the points
    "覆盖率为95%的得满分,低于60%不得分,其余按线性内插计分",  # "为95%": what scores above 95 % is not said
    "覆盖率达到95%的得满分,覆盖率为60%的得0分,其余按线性内插计分",  # "为60%": below 60 % is not said
    "覆盖率达到95%的得满分,知晓率低于60%不得分,其余按线性内插计分",  # two rates
    "覆盖率达到95%的得满分,低于60%不得分,60%-80%得基础分,其余按线性内插计分",  # a third statement
    "按X比例×50计分",  # a letter standing for a value is no ×
]

# Ratio texts with a floor that are not read as one
NO_FLOOR = [
    "满意度达到90%得满分,未达到的按比例计分,低于60%不得分",  # the floor on the rate or on the ratio?
    "未完成的按实际完成比例计分,满意度低于50%的不得分",  # a floor on another rate
    "全面完成任务的得满分;完成80%以上的按比例计分;60%以下不得分",  # 60–80 % is not said
    "按完成比例计分,完成率低于60%不得分,低于30%扣5分",  # two floors
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "score"), SCORED,
                         ids=[f"{s[0][:24]}→{s[3] or s[4]}" for s in SCORED])  # fmt: skip
def test_a_wording_scores_as_worked_by_hand(text, weight, target, actual, note, score):
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=note)
    if score is None and trial.rule is None:
        return  # not understood: no number given
    assert trial.rule is not None, text
    outcome = trial.outcome
    assert outcome is not None
    if score is None:
        assert outcome.score is None, outcome.reason
        assert outcome.reason
    else:
        assert outcome.score is not None and abs(outcome.score - Decimal(score)) < Decimal("0.0001"), outcome.reason


@pytest.mark.parametrize("text", NO_FLOOR)
def test_a_floor_that_is_not_on_the_completion_is_not_read(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "proportional_floor", rule


@pytest.mark.parametrize("text", NOT_READ)
def test_texts_not_read(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "formula" or "线性内插" not in rule.to_dict().get("read_as", ""), rule


def test_a_higher_value_under_a_more_is_better_line_never_scores_less():
    text = "达标率为100%的得100%分,达标率小于或等于70%的得0分,其余按线性内插赋分。"
    scores = [try_rule(text, weight="10", target="100%", actual=f"{v}%").outcome for v in range(60, 101, 2)]
    numbers = [o.score for o in scores if o is not None and o.score is not None]
    assert len(numbers) == len(scores) and numbers == sorted(numbers)
    assert numbers[0] == 0 and numbers[-1] == 10


def test_the_reason_says_how_the_line_was_read_and_that_the_veto_was_taken_as_absent():
    text = "一、河道达标率达到100%的,得100%分;小于等于80%的得0分;介于80-100%之间按线性内插赋分。二、发生重大责任事故的,此项不得分。"
    outcome = try_rule(text, weight="5", target="100%", actual="90%").outcome
    assert outcome is not None and outcome.reason.startswith("读作：河道达标率达到100%得满分")
    assert "线性内插" in outcome.reason and "按未出现计" in outcome.reason


@pytest.mark.parametrize(
    "text",
    [
        "一、河道达标率达到100%的,得100%分;小于等于80%的得0分;介于80-100%之间按线性内插赋分。二、发生重大责任事故的,此项不得分。",
        "漏损率≤10%得满分,≥20%不得分,其间按线性插值法计分",
        "以实际评定的优良路率X80。",
        "全面完成任务的得满分;完成70%以上的按比例计分;70%以下不得分",
        "按实际完成比例计分,完成率低于50%的不得分",
    ],
)
def test_the_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("好路率X120。", "好路率×120。"),
        ("完成率x60°", "完成率×60。"),
        ("10x0.5分", "10×0.5分"),
        ("实际值除以目标值", "实际值/目标值"),
        ("以合格率×20计分", "按合格率×20计分"),
        ("按X比例×50计分", "按X比例×50计分"),  # a letter standing for a value
        ("以县为单位,每少1户扣1分", "以县为单位,每少1户扣1分"),  # 以 opening no formula
        ("3x5米", "3x5米"),  # a size, not a product
    ],
)
def test_the_notations_of_a_product(written, read):
    assert latin_times(written) == read
