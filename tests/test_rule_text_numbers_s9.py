"""Numbers family, session 9: constructed wordings of the readings added this session, with hand scores, and
near-misses that must be refused.

Readings: marks written for each kind of unit side by side ("产区得1.5分、非产区得1分;…产区扣0.15分、非产区扣0.1分"),
the actual naming the kind first (``ruletext.kind_choices``); kinds of one fault each deducted per its amount
("每连片抛荒5亩或零星抛荒30亩的,扣2分", ``ruletext.amount_kinds``); a percentage labelled with the one rate the text names
("达标率70%", ``bounded_actuals.labelled_actual``); a step for each thing, added up ("每班每超5人扣1分",
``ruletext.thing_steps``); a step applied to each measure of a target listed by label ("小学100%;初中≥98%",
``labelled_targets``); a requirement beside the scoring that, unmet, takes all the marks ("未完成年度检测任务此项不得分",
``ruletext.prerequisites``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.amount_kinds import amount_kinds
from medaid.evaluation.ruletext.kind_choices import kind_choice
from medaid.evaluation.ruletext.normalize import normalize_rule_text
from medaid.evaluation.ruletext.prerequisites import prerequisite
from medaid.evaluation.ruletext.thing_steps import thing_steps
from tests.rule_checks import round_trips, trial_score

_CITY = "完成年度任务的，城区得2分、农村得3分；任务完成率每低于1个百分点，城区扣0.2分、农村扣0.3分，扣完为止。"
_TRAD = (
    "全部完成建設任務的,產區得1.5分,非產區得1分;年度任務完成率每減少10個百分點,產區扣0.15分,非產區扣0.1分,扣完為止。"
)
_SCHOOL = "（2）按时完成的，中心学校计4分、村小学校计2分；每延迟1天，中心学校扣0.5分、村小学校扣0.25分，扣完为止。"

_IDLE = "每撂荒耕地5亩或撂荒园地10亩的,扣1分"
_SPOIL = "每超标排放1吨扣0.5分,每违规倾倒3吨扣1分,扣完为止。"
_BARREN = "全年性拋荒,每連片拋荒5畝或零星拋荒30畝的,扣2分,扣分不封頂。"

_CLASS = "班额超过标准的每班每超 5人扣1分"
_HOUSE = "驻村工作队,每村每少1人扣0.5分,扣完为止"
_BUS = "车辆超载的,每车每超2人扣1分。"

_LOW = "每低0.1个百分点扣2分,扣完为止"
_GAP = "每低于1个百分点扣1分"

_TESTED = "阳性者随访比例达到100%。未完成年度检测任务此项不得分;每降低5%扣0.02分。"
_TRAINED = "教师学历达标率90%以上(含)得满分,每少10%扣0.5分。(不参加国培扣分)"
_PLAN = "培训覆盖率达到100%,每低于1个百分点扣0.1分;未建立工作台账的,本项不得分"

# (text, weight, target, actual, note, bonus allowed, hand score)
SCORED = [
    # --- a requirement beside the scoring
    (_TESTED, 0.1, "100%", "90%，已完成年度检测任务", None, False, "0.06"),  # 10 ÷ 5 × 0.02 = 0.04
    (_TESTED, 0.1, "100%", "年度检测任务已完成，95%", None, False, "0.08"),  # 5 ÷ 5 × 0.02
    (_TESTED, 0.1, "100%", "100%，未完成年度检测任务", None, False, "0"),
    (_TESTED, 0.1, "100%", None, "随访比例90%；已完成年度检测任务", False, "0.06"),
    (_PLAN, 2, None, "已建立工作台账，92%", None, False, "1.2"),  # 8 × 0.1 = 0.8
    (_PLAN, 2, None, "100%，已建立工作台账", None, False, "2"),
    (_PLAN, 2, None, "92%，未建立工作台账", None, False, "0"),
    # refused: the requirement not said, hedged, said twice
    (_TESTED, 0.1, "100%", "90%", None, False, None),
    (_TESTED, 0.1, "100%", "90%，基本完成年度检测任务", None, False, None),
    (_TESTED, 0.1, "100%", "90%，完成部分年度检测任务", None, False, None),
    (_PLAN, 2, None, "92%，工作台账正在建立", None, False, None),
    # a deduction with no number beside the step: met, nothing deducted; unmet or unsaid, refused
    (_TRAINED, 5, None, "达标率92%，教师均参加国培", None, False, "5"),
    (_TRAINED, 5, None, "达标率70%，全体教师参加国培", None, False, "4"),  # 20 ÷ 10 × 0.5 = 1
    (_TRAINED, 5, None, "达标率92%，教师均未参加国培", None, False, None),  # how much is not written
    (_TRAINED, 5, None, "达标率92%，部分教师参加国培", None, False, None),  # a hedge
    (_TRAINED, 5, None, "达标率92%", None, False, None),  # 国培 not said
    (_TRAINED, 5, None, "92%", None, False, None),
    # --- a step for each labelled measure of the target; at most one falls short
    (_LOW, 20, "小学100%;初中≥98%", "小学入学率100%,初中入学率98.2%", None, False, "20"),
    (_LOW, 20, "小学100%;初中≥98%", "小学入学率100%,初中入学率97.8%", None, False, "16"),  # 0.2 ÷ 0.1 × 2 = 4
    (_LOW, 20, "小学100%;初中≥98%", "初中入学率97.9%；小学入学率100%", None, False, "18"),  # any order: 1 × 2 = 2
    (_GAP, 10, "城镇≥95%，农村≥90%", "城镇覆盖率96%，农村覆盖率87%", None, False, "7"),  # 农村 3 points short
    (_LOW, 20, "小学100%;初中≥98%", "小学入学率99.9%,初中入学率97.8%", None, False, None),  # both short: add up?
    (_LOW, 20, "小学100%;初中≥98%", "初中入学率97.8%", None, False, None),  # 小学 not said
    (_LOW, 20, "小学100%;初中≥98%", "小学入学率100%,初中入学率约97.8%", None, False, None),  # approximate
    ("初中入学率每低0.1个百分点扣2分", 20, "小学100%;初中≥98%", "小学入学率99%,初中入学率98%", None, False, None),
    (
        "每低0.1个百分点扣2分,低于95%不得分",
        20,
        "小学100%;初中≥98%",
        "小学入学率100%,初中入学率97.8%",
        None,
        False,
        None,
    ),  # a cut-off: per measure or for the whole?
    # --- a step for each thing: the excesses added (a part step in proportion)
    (_CLASS, 5, None, "各班均未超过标准", None, False, "5"),
    (_CLASS, 5, None, "1个大班超标准10人", None, False, "3"),  # 10 ÷ 5 = 2; 5 − 2
    (_CLASS, 5, None, "两个班各超标准5人", None, False, "3"),  # 2 × 5 = 10 ÷ 5 = 2; 5 − 2
    (_CLASS, 5, None, "一班超6人、二班超12人", None, False, "1.4"),  # 18 ÷ 5 = 3.6; 5 − 3.6
    (_CLASS, 5, None, "3个班各超标准10人", None, False, "0"),  # 30 ÷ 5 = 6 > 5
    (_CLASS, 5, None, None, "1个班超标准5人", False, "4"),  # from the explanation
    (_HOUSE, 4, None, "3个村各少1人", None, False, "2.5"),  # 3 × 0.5 = 1.5; 4 − 1.5
    (_BUS, 6, None, "1辆车超载4人", None, False, None),  # "超载" is not the step's word "超" directly: refused
    (_BUS, 6, None, "1个车超4人", None, False, "4"),  # 4 ÷ 2 = 2; 6 − 2
    # refused: several things, one number, no 各; a bare number; the total with no thing; other words
    (_CLASS, 5, None, "2个班超标准10人", None, False, None),
    (_CLASS, 5, None, "56人", None, False, None),
    (_CLASS, 5, None, "超10人", None, False, None),
    (_CLASS, 5, None, "大部分班级超标准", None, False, None),
    (_CLASS, 5, None, "1个班超标准约10人", None, False, None),
    # --- kinds of a fault, each per its amount
    (_IDLE, 10, None, None, "撂荒耕地10亩，撂荒园地20亩", False, "6"),  # 10÷5×1 + 20÷10×1 = 4; 10 − 4 = 6
    (_IDLE, 10, None, "撂荒园地5亩，无撂荒耕地", None, False, "9.5"),  # 5÷10×1 = 0.5 (按比例); 10 − 0.5
    (_IDLE, 10, None, None, "全年没有耕地撂荒", False, None),  # "耕地撂荒" is not the kinds' common words (撂荒…)
    (_SPOIL, 5, None, None, "超标排放4吨，违规倾倒6吨", False, "1"),  # 4×0.5 + 6÷3×1 = 4; 5 − 4 = 1
    (_SPOIL, 5, None, None, "超标排放8吨，违规倾倒6吨", False, "0"),  # 4 + 2 = 6 > 5: 扣完为止
    (_BARREN, 20, None, None, "连片抛荒10亩，零星抛荒60亩", False, "12"),  # 4 + 4 = 8; 20 − 8
    (_BARREN, 20, None, None, "无抛荒", False, "20"),
    (_BARREN, 20, None, None, "全年没有耕地抛荒", False, "20"),
    (_BARREN, 20, None, None, "全年没有水田抛荒", False, None),  # s9 fix: one kind of land only
    # refused: one kind not said, a denial of one kind only, an extent, another unit, an approximation, past the
    # weight with 扣分不封顶
    (_BARREN, 20, None, None, "连片抛荒10亩", False, None),
    (_BARREN, 20, None, None, "全年没有连片抛荒", False, None),
    (_BARREN, 20, None, None, "没有大面积抛荒", False, None),
    (_BARREN, 20, None, None, "连片抛荒1公顷，无零星抛荒", False, None),
    (_BARREN, 20, None, None, "连片抛荒约10亩，无零星抛荒", False, None),
    (_BARREN, 20, None, None, "连片抛荒10亩以上，无零星抛荒", False, None),
    (_BARREN, 20, None, None, "连片抛荒60亩，无零星抛荒", False, None),
    # --- a percentage labelled with the rate the text names: 90 − 70 = 20 points, 2 × 0.5 = 1; 5 − 1 = 4
    ("教师学历达标率90%以上(含)得满分,每少10%扣0.5分", 5, None, "达标率70%", None, False, "4"),
    ("教师学历达标率90%以上(含)得满分,每少10%扣0.5分", 5, None, "学历达标率为70%", None, False, "4"),
    ("教师学历达标率90%以上(含)得满分,每少10%扣0.5分", 5, None, "合格率70%", None, False, None),  # another rate
    ("教师学历达标率90%以上(含)得满分,每少10%扣0.5分", 5, None, "上年达标率70%", None, False, None),  # another year
    ("教师学历达标率90%以上(含)得满分,每少10%扣0.5分", 5, None, "达标率约70%", None, False, None),  # approximate
    ("小学入学率100%,初中入学率98%以上,每低1个百分点扣2分", 20, None, "初中入学率97%", None, False, None),  # two rates
    # 农村: 3 − (100 − 95) × 0.3 = 1.5
    (_CITY, 3, "100%", "农村，任务完成率95%", None, False, "1.5"),
    # 城区: 2 − 5 × 0.2 = 1
    (_CITY, 2, "100%", "城区，95%", None, False, "1"),
    # 城区 at the target: full 2
    (_CITY, 2, "100%", "城区：任务完成率100%", None, False, "2"),
    # 农村 far below: 3 − 20 × 0.3 < 0, 扣完为止 → 0
    (_CITY, 3, "100%", "属于农村，任务完成率80%", None, False, "0"),
    # traditional characters, commas between the kinds: 产区 1.5 − 2 × 0.15 = 1.2
    (_TRAD, 1.5, "100%", "产区，80%", None, False, "1.2"),
    # 非产区 on a 1-point row: 1 − 3 × 0.1 = 0.7
    (_TRAD, 1, "100%", "非产区，70%", None, False, "0.7"),
    # delays in 天: 中心学校 4 − 3 × 0.5 = 2.5; 村小学校 2 − 2 × 0.25 = 1.5
    (_SCHOOL, 4, None, "中心学校，延迟3天", None, False, "2.5"),
    (_SCHOOL, 2, None, "村小学校，延迟2天", None, False, "1.5"),
    # the kind read from the explanation: 城区 2 − 5 × 0.2 = 1
    (_CITY, 2, "100%", None, "城区，任务完成率95%", False, "1"),
    # --- refused
    (_CITY, 2, "100%", "任务完成率95%", None, False, None),  # no kind named
    (_CITY, 2, "100%", "城区、农村任务完成率均为95%", None, False, None),  # two kinds
    (_CITY, 3, "100%", "城区，95%", None, False, None),  # 城区's full marks 2 are not the row's 3
    (_CITY, 2, "100%", "城区", None, False, None),  # nothing after the kind
    (_CITY, 2, "100%", "城区，投资完成率95%", None, False, None),  # a rate the text does not name
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "bonus", "score"), SCORED)
def test_a_constructed_wording_scores_as_worked_by_hand(text, weight, target, actual, note, bonus, score):
    got = trial_score(text, weight, target=target, actual=actual, note=note, bonus=bonus)
    if score is None:
        assert got is None
    else:
        assert got is not None and abs(got - Decimal(score)) < Decimal("0.0001")


@pytest.mark.parametrize("text", [_CITY, _TRAD, _SCHOOL])
def test_a_kind_choice_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "kind_choice"
    assert round_trips(rule)


NOT_KINDS = [
    "完成的得2分、未完成的得0分",  # conditions, not kinds of unit
    "达标的得2分、不达标的得0分",
    # a kind named again under a condition the rewrite would lose
    "完成任务的，产区得1.5分、非产区得1分；产区未建立台账的不得分。",
    # the kinds in another order in the second pair
    "完成任务的，城区得2分、农村得3分；每低于1个百分点，农村扣0.3分、城区扣0.2分。",
    # deduction and marks mixed within one pair
    "完成任务的，城区得2分、农村扣1分。",
    # the same name twice
    "完成任务的，城区得2分、城区得3分。",
]


@pytest.mark.parametrize("text", NOT_KINDS)
def test_a_near_miss_is_not_read_as_kinds(text):
    assert kind_choice(normalize_rule_text(text)) is None


NOT_AMOUNT_KINDS = [
    "每连片抛荒5亩或零星抛荒30亩的,扣2分,情节严重的不得分",  # another condition left
    "每发现1例或投诉2次的,扣2分",  # counts of cases, not amounts
    "每低于5亩或超过30亩的,扣2分",  # directions, not kinds
    "每抛荒5亩或连片抛荒30亩的,扣2分",  # one kind inside the other
    "全年抛荒超过10亩,每连片抛荒5亩或零星抛荒30亩的,扣2分",  # a heading with a number
]


@pytest.mark.parametrize("text", NOT_AMOUNT_KINDS)
def test_a_near_miss_is_not_read_as_amount_kinds(text):
    assert amount_kinds(normalize_rule_text(text)) is None


@pytest.mark.parametrize("text", [_IDLE, _SPOIL, _BARREN])
def test_amount_kinds_round_trip(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "amount_kinds"
    assert round_trips(rule)


NOT_THING_STEPS = [
    "每年每少1人扣1分",  # a period, not a thing
    "每学期每少1次扣1分",
    "每班每超5人扣1分,超过20人不得分",  # a cut-off: per class or in total?
    "每班每超5人扣1分,最多扣3分",  # a cap: per class or in total?
    "每班每超5人扣1分,不足5人按5人计",  # a part step as a whole one, per class
    "每班每超5人扣1分,每校每超10人扣2分",  # two steps
]


@pytest.mark.parametrize("text", NOT_THING_STEPS)
def test_a_near_miss_is_not_read_as_a_step_for_each_thing(text):
    assert thing_steps(normalize_rule_text(text)) is None


@pytest.mark.parametrize("text", [_CLASS, _HOUSE, _BUS])
def test_thing_steps_round_trip(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "thing_steps"
    assert round_trips(rule)


NOT_PREREQUISITES = [
    # the requirement is the thing the rest scores: the rate's own bottom, not a requirement beside it
    "年度任务完成率达到100%得满分,每降低5%扣0.5分。未完成年度任务此项不得分",
    "未完成80%任务此项不得分;每降低5%扣0.02分",  # a number in the requirement
    "未完成年度检测任务此项不得分;未建立台账此项不得分;每降低5%扣0.02分",  # two requirements
    "未完成年度检测任务此项不得分;按时上报得1分",  # the rest is no step or bands
    "没有完成的扣分,每低于目标值2%扣1分",  # the step's own lead-in, no requirement beside it
]


def test_a_step_with_a_deduction_of_no_number_beside_it_is_not_read_as_the_step_alone():
    # "(不参加国培扣分)" is a deduction the step would ignore: read as a requirement, never dropped
    rule = parse_rule_text(_TRAINED)
    assert rule is not None and rule.kind == "prerequisite"
    lead_in = parse_rule_text("完成或超额完成目标值得基本分;没有完成的扣分,每低于目标值2%扣1分,最低为零分。")
    assert lead_in is not None and lead_in.kind == "per_point"


@pytest.mark.parametrize("text", NOT_PREREQUISITES)
def test_a_near_miss_is_not_read_as_a_requirement(text):
    assert prerequisite(normalize_rule_text(text)) is None


@pytest.mark.parametrize("text", [_TESTED, _PLAN, _TRAINED])
def test_a_prerequisite_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "prerequisite"
    assert round_trips(rule)
