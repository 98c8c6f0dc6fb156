"""Each Chinese rule wording, as real tables print it, parses to its rule and scores a
sample value as worked by hand (shared/rule-texts.md and the seeds). The wording is the
test's name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, Partial, PerPoint
from medaid.evaluation.ruletext import parse_rule_text

# (wording, weight, target, actual, rule kind, expected score, full marks stated by the rule)
# fmt: off
CASES = [
    # per-point deductions
    ("100%完成得6分，每低于1个百分点，扣1分，扣完为止", 6, "13500人", "96.2%", "per_point", "2.2", 6),
    ("以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。", 5, None, "103%", "per_point", "3.5", 5),
    ("\"三公经费\"变动率≦0，计5分；>0，每超过一个百分点扣0.5分，扣完为止。", 5, None, "4%", "per_point", "3", 5),
    ("\"三公经费\"变动率 8 分：≦0 计满分；>0，每超过一个百分点扣0.8分，扣完为止。", 8, None, "2.5%", "per_point", "6", 8),
    ("财政供养人员控制率 1 分：每超过一个百分点扣0.1分。", 1, None, "102%", "per_point", "0.8", 1),
    ("计划建设内容完成100%的得20分，每减少1个百分点扣1分，扣完20分为止。", 20, None, "93%", "per_point", "13", 20),
    ("项目计划投资完成100%的得10分，每减少1个百分点扣1分，扣完10分为止。", 10, None, "100%", "per_point", "10", 10),
    ("完成或超额完成目标值得基本分；没有完成的扣分，每低于目标值2%扣1分，最低为零分。", 10, "100人", "96人", "per_point", "8", None),
    ("≤15%得2分,每高于1个百分点,扣0.5分,扣完为止", 2, "≤15%", "4.93%", "per_point", "2", 2),
    ("≤15%得2分,每高于1个百分点,扣0.5分,扣完为止", 2, "≤15%", "19%", "per_point", "0", 2),
    ("预算完成率（5分）：100%计满分，每低于5%扣2分，扣完为止。", 5, None, "88%", "per_point", "0.2", 5),
    ("新建楼堂馆所面积控制率（5分）：100%以下（含）计满分，每超出5%扣2分，扣完为止。没有楼堂馆所项目的部门按满分计算。", 5, None, "110%", "per_point", "1", 5),
    # per case found
    ("严格按照《广西壮族自治区财政医疗救助补助资金管理实施细则》的通知》(桂医保发[2022]35号)确定的各类救助标准执行得5分,每发现1例超标标准执行扣0.5分,扣完为止。", 5, None, "2例", "per_case", "4", 5),
    ("资金管理制度健全，且经费使用合理的，投入有保障的，得2分；有一处不符合规定的，扣1分，扣完为止。", 2, None, "1处", "per_case", "1", 2),
    ("资金管理制度健全，且经费使用合理的，投入有保障的，得2分；有一处不符合规定的，扣1分，扣完为止。", 2, None, "无", "per_case", "2", 2),
    # per case with a cut-off: "N例及以上" includes N, "超过N例" does not (docs/rules.md)
    ("得5分，每发现1例扣0.5分，发现3例及以上不得分", 5, None, "0例", "per_case", "5", 5),
    ("得5分，每发现1例扣0.5分，发现3例及以上不得分", 5, None, "2例", "per_case", "4", 5),
    ("得5分，每发现1例扣0.5分，发现3例及以上不得分", 5, None, "3例", "per_case", "0", 5),
    ("得5分，每发现1例扣0.5分，发现三例及以上的，不得分", 5, None, "3例", "per_case", "0", 5),
    ("得5分，每发现1例扣0.5分，3例以上（含3例）不得分", 5, None, "3例", "per_case", "0", 5),
    ("得5分，每发现1例扣0.5分，3例（含）以上不得分", 5, None, "3例", "per_case", "0", 5),
    ("得5分，每发现1例扣1分，超过3例不得分", 5, None, "3例", "per_case", "2", 5),
    ("得5分，每发现1例扣1分，超过3例不得分", 5, None, "4例", "per_case", "0", 5),
    ("得5分，每发现1例扣0.5分，3例以上（不含3例）不得分", 5, None, "3例", "per_case", "3.5", 5),
    ("得5分，每发现1例扣0.5分，最多扣2分", 5, None, "6例", "per_case", "3", 5),
    ("得5分，每发现1例扣0.5分，扣完2分为止", 5, None, "6例", "per_case", "3", 5),
    ("得5分，每发现1例扣1分，扣完为止", 5, None, "7例", "per_case", "0", 5),
    ("得5分，每发现1例超过标准执行的扣0.5分，超过三例不得分", 5, None, "2例", "per_case", "4", 5),
    ("累计发现3例及以上的，该项不得分；每发现1例扣1分", 5, None, "2例", "per_case", "3", None),
    # bands
    ("预算控制率（5分）：=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分。", 5, None, "15%", "banded", "3", 5),
    ("预算控制率（5分）：=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分。", 5, None, "0%", "banded", "5", 5),
    ("预算控制率（5分）：=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分。", 5, None, "10%", "banded", "4", 5),
    ("预算控制率（5分）：=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分。", 5, None, "31%", "banded", "0", 5),
    ("截至年底预算支出进度达到90%及以上，得6分；70%（含）-90%的，按照分值乘以实际进度计算得分；60%（含）-70%的，得1分；低于60%的，得0分。", 6, None, "80%", "banded", "4.8", 6),
    ("截至年底预算支出进度达到90%及以上，得6分；70%（含）-90%的，按照分值乘以实际进度计算得分；60%（含）-70%的，得1分；低于60%的，得0分。", 6, None, "95.95%", "banded", "6", 6),
    ("截至年底预算支出进度达到90%及以上，得6分；70%（含）-90%的，按照分值乘以实际进度计算得分；60%（含）-70%的，得1分；低于60%的，得0分。", 6, None, "65%", "banded", "1", 6),
    ("调查对象满意度90%以上（含90%）得5分，满意度60（含）-90%按分值乘以满意度计算得分，满意度低于60%得0分。", 5, None, "87%", "banded", "4.35", 5),
    ("调查对象满意度90%以上（含90%）得5分，满意度60（含）-90%按分值乘以满意度计算得分，满意度低于60%得0分。", 5, None, "90%", "banded", "5", 5),
    ("政策知晓率达到90%得10分，否则按实际知晓率*分值计算。", 10, None, "77.5%", "banded", "7.75", 10),
    ("产出数量指标:完成目标任务量95%及以上得15分,完成目标任务量在70%(含)-95%的,按照(分值乘以完成目标任务量比例-2)计算得分;完成目标任务量低于70%的,不得分。", 15, "100人", "80人", "banded", "10", 15),
    # rate × weight
    ("按实际值×分值计算", 3, None, "98%", "rate_times_weight", "2.94", None),
    ("按分值乘以满意度计算得分", 5, None, "87%", "rate_times_weight", "4.35", None),
    # proportional
    ("没有完成的，按实际完成值占目标值的比重计算得分。", 10, "100人", "96人", "proportional", "9.6", None),
    ("定量指标达到指标值得满分，未达到按完成比例计分", 20, "≥1500人次", "1549人", "proportional", "20", None),
    ("定量指标达到指标值得满分，未达到按完成比例计分", 10, "≤15天", "20天", "proportional", "7.5", None),
    # full when met
    ("达到目标值得满分", 5, "≥30000人次", "32416人次", "full_if_met", "5", None),
    ("达到目标值得满分", 5, "≤20个工作日", "25个工作日", "full_if_met", "0", None),
    # the self-evaluation 预算执行率
    ("预算执行率", 10, None, "100%", "budget_execution", "10", None),
    # qualitative
    ("实际支出与批复计划相符的得10分，基本相符的得6分，调整较大的扣10分。", 10, None, "基本相符", "qualitative", "6", 10),
    ("实际支出与批复计划相符的得10分，基本相符的得6分，调整较大的扣10分。", 10, None, "相符", "qualitative", "10", 10),
    ("财务会计制度健全的得10分，基本健全的得6分，不健全的扣10分。", 10, None, "不健全", "qualitative", "0", 10),
    ("项目档案资料齐全的得2分，不齐全的扣2分。", 2, None, "齐全", "qualitative", "2", 2),
    ("城乡居民医保参保机制健全性：定性，优良中低差。", 5, None, "良", "qualitative", "4", None),
    ("达成得满分，部分达成得一半，未达成不得分", 6, None, "部分达成", "qualitative", "3", None),
    # bands
    ("参保率不低于95%得5分，低于95%不得分", 5, None, "90%", "banded", "0", 5),
    ("参保率不低于95%得5分，低于95%不得分", 5, None, "96%", "banded", "5", 5),
    ("结余率不超过15%得2分，超过15%不得分", 2, None, "20%", "banded", "0", 2),
    ("知晓率不低于90%得10分，否则按知晓率×分值计算", 10, None, "89.9%", "banded", "8.99", 10),
    ("知晓率不低于90%得10分，否则按知晓率×分值计算", 10, None, "90%", "banded", "10", 10),
    ("项目完成率100%得5分，80%（含）-100%得3分，低于80%不得分", 5, None, "100%", "banded", "5", 5),
    ("项目完成率100%得5分，80%（含）-100%得3分，低于80%不得分", 5, None, "85%", "banded", "3", 5),
    ("满意度≥90%得5分，60%≤满意度<90%按分值乘以满意度计算得分，满意度<60%得0分", 5, None, "59%", "banded", "0", 5),
    ("满意度≥90%得5分，60%≤满意度<90%按分值乘以满意度计算得分，满意度<60%得0分", 5, None, "70%", "banded", "3.5", 5),
    ("满意度90%以上（不含90%）得5分，60%-90%（含）按分值乘以满意度计算得分，低于60%不得分", 5, None, "90%", "banded", "4.5", 5),
    ("完成率达到100%得5分，80%-100%按完成率×分值计算，低于80%不得分", 5, "≥95%", "79%", "banded", "0", 5),
    ("完成率达到100%得5分，80%-100%按完成率×分值计算，低于80%不得分", 5, "≥95%", "90%", "banded", "4.5", 5),
    # per-point deductions
    ("每低于目标值1个百分点扣1分", 5, "≥95%", "93%", "per_point", "3", None),
    ("每低于1个百分点扣1分，扣完为止", 6, "13500人", "12987人", "per_point", "2.2", None),
    ("每超过1天扣1分", 5, "≤15天", "18天", "per_point", "2", None),
    ("每低于1个百分点扣1分", 5, "95", "93", "per_point", "3", None),
    ("完成目标得5分，未完成的每少1人扣1分", 5, "10人", "8人", "per_point", "3", 5),
    ("按时完成得5分，每延迟1天扣1分", 5, None, "2天", "per_point", "3", 5),
    ("100%完成得6分，每少1个百分点扣1分", 6, None, "97%", "per_point", "3", 6),
    ("达到90%得5分，每低于1个百分点扣0.1分，低于80%不得分", 5, None, "79%", "per_point", "0", 5),
    ("≥90%得5分，每低于1个百分点扣0.2分，低于85%得0分", 5, None, "84%", "per_point", "0", 5),
    ("达到90%得5分，每低于1个百分点扣0.5分，最多扣3分", 5, None, "80%", "per_point", "2", 5),
    ("达到90%得5分，每低于1个百分点扣0.5分，最低得2分", 5, None, "80%", "per_point", "2", 5),
    ("达到90%得5分，每低于1个百分点扣0.5分，扣完3分为止", 5, None, "80%", "per_point", "2", 5),
    ("每低于一个百分点，扣一分", 5, None, "97%", "per_point", "2", None),
    # rate × weight
    ("资金在规定时间内全部到位的，得3分；在规定时间内部分到位的，按分值乘以资金到位率计算得分；在规定时间内未到位的，不得分。", 3, None, "80%", "rate_times_weight", "2.4", None),
    # met, otherwise judged
    ("产出质量指标:达到设定的质量标准得3分,基本达到按1-5分(不含5分)酌情给分,未达到标准得0分。", 3, "100%", "100%", "judgement", "3", 3),
    ("是，得5分， 否则酌情给分", 5, None, "是", "judgement", "5", 5),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "weight", "target", "actual", "kind", "expected", "full"),
    CASES,
    ids=[f"{c[0][:40]}→{c[3]}" for c in CASES],
)
def test_rule_text_scores_sample(text, weight, target, actual, kind, expected, full):
    rule = parse_rule_text(text)
    assert rule is not None, "rule text not understood"
    assert rule.kind == kind
    assert rule.text == text.strip()
    outcome = rule.apply(Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual)))
    assert outcome.score == Decimal(expected), outcome.reason
    assert rule.full_marks() == (None if full is None else Decimal(full))
    assert outcome.reason  # every score carries its arithmetic


NOT_UNDERSTOOD = [
    "有效防止困难群众因病返贫、因病致贫的发生",
    "达到90%得3分，每超过1个百分点加0.5分，最高得5分",  # a bonus: not a shape medaid knows
    "每低于0个百分点扣1分",
    "100%完成得6分，每低于1个百分点扣1分，另有奖励加2分",
    "按序时进度及时将上级财政下达和本级财政安排的财政医疗救助补助资金拨付至本级社会保障基金财政专户",
    "视情况而定",
    "严格执行得5分，每发现1例扣0.5分；资料不全的扣1分",  # a second deduction per_case would ignore
    "得5分，每发现1例扣0.5分，全部整改的加1分",  # a bonus
    "得5分，每发现1例扣0.5分，发现3例及以上扣3分",  # a cut-off that is not zero
    "",
]


@pytest.mark.parametrize("text", NOT_UNDERSTOOD)
def test_text_of_no_known_shape_is_not_understood_never_guessed(text):
    assert parse_rule_text(text) is None


def test_numbered_items_become_a_checklist_whose_marks_must_add_up():
    text = (
        "1. 项目设立有据可依,与国家、自治区、市县相关政策相符的,得3分。项目设立无依据扣2分;"
        "与国家、自治区、市县相关政策不符的,每发现一处扣1分,扣完为止。 "
        "2. 项目具体明确,合理可行,且资金结构合理的,得2分。项目计划内容不具体或不具备可行性的,扣1分。"
    )
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "checklist"
    assert rule.full_marks() == Decimal(5)
    outcome = rule.apply(Inputs(weight=Decimal(5)))
    assert outcome.score is None and outcome.needs_judgement
    assert outcome.allowed == (Decimal(0), Decimal(5))


def test_discretionary_range_wider_than_the_weight_is_visible():
    rule = parse_rule_text("产出质量指标:达到设定的质量标准得3分,基本达到按1-5分(不含5分)酌情给分,未达到标准得0分。")
    assert rule is not None
    assert rule.full_marks() == Decimal(3)
    assert rule.top_of_range() == Decimal(5)


def test_per_point_reading_of_partial_steps_is_explicit():
    """每低于5%扣2分 at 88%: proportional gives 0.2, whole steps give 1, any part of a step 0."""
    rule = parse_rule_text("预算完成率（5分）：100%计满分，每低于5%扣2分，扣完为止。")
    assert isinstance(rule, PerPoint) and rule.partial is Partial.LINEAR
    outcome = rule.apply(Inputs(weight=Decimal(5), actual=parse_quantity("88%")))
    assert outcome.score == Decimal("0.2")
    assert outcome.alternatives == {"floor": Decimal(1), "ceil": Decimal(0)}
    assert "按比例" in outcome.reason


def test_text_saying_part_of_a_step_counts_whole_reads_ceil():
    rule = parse_rule_text("100%计满分，每低于1个百分点扣1分，不足1个百分点按1个百分点计，扣完为止")
    assert isinstance(rule, PerPoint) and rule.partial is Partial.CEIL
    assert rule.apply(Inputs(weight=Decimal(5), actual=parse_quantity("97.5%"))).score == Decimal(2)


def test_liucheng_direct_assistance_band_subtracts_two_points():
    """按照(分值乘以完成目标任务量比例-2)计算得分: 6 × 80% − 2 = 2.8."""
    rule = parse_rule_text(
        "产出数量指标:完成目标任务量95%及以上得15分,完成目标任务量在70%(含)-95%的,"
        "按照(分值乘以完成目标任务量比例-2)计算得分;完成目标任务量低于70%的,不得分。"
    )
    assert rule is not None
    outcome = rule.apply(Inputs(weight=Decimal(6), target=parse_quantity("100人"), actual=parse_quantity("80人")))
    assert outcome.score == Decimal("2.8")


def test_per_case_cut_off_reading_is_in_the_params_and_the_reason():
    rule = parse_rule_text("得5分，每发现1例扣0.5分，发现3例及以上不得分")
    assert rule is not None
    assert rule.to_dict()["zero_cases"] == 3 and rule.to_dict()["zero_inclusive"] is True
    outcome = rule.apply(Inputs(weight=Decimal(5), actual=parse_quantity("3例")))
    assert "3例及以上不得分" in outcome.reason and "含本数" in outcome.reason
    exclusive = parse_rule_text("得5分，每发现1例扣1分，超过3例不得分")
    assert exclusive is not None and exclusive.to_dict()["zero_inclusive"] is False
    reason = exclusive.apply(Inputs(weight=Decimal(5), actual=parse_quantity("4例"))).reason
    assert "超过3例不得分" in reason and "不含本数" in reason


def test_plain_yishang_cut_off_reads_inclusive_and_keeps_the_other_reading():
    """ "3例以上不得分": 以上 includes the number (民法典第一千二百五十九条), but tables are not
    consistent, so the exclusive reading is kept as an alternative for the audit."""
    rule = parse_rule_text("得5分，每发现1例扣0.5分，3例以上不得分")
    assert rule is not None and rule.kind == "per_case"
    outcome = rule.apply(Inputs(weight=Decimal(5), actual=parse_quantity("3例")))
    assert outcome.score == Decimal(0)
    assert outcome.alternatives == {"exclusive": Decimal("3.5")}
    assert "未写明是否含本数" in outcome.reason
