"""Counts as unseen tables word them (session 5, round 2): the cap written before its verb ("1分扣完为止"),
actuals whose words open with the negation of what is counted ("无故缺席3次"), statements of none in other words
("全年无脱岗", "未发生安全事故" for a graver kind), alternatives joined by 或 ("缺失或不足额"), complaints that must be
verified ("情况属实", "经调查核实的"), vetoes counted or denied ("发生通报1次", "未造成严重后果"), and a full-marks
condition of several requirements ("评定合格,且未发生投诉"). Each hand score is worked from the wording alone; what
the wording does not settle is refused (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, Outcome
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _outcome(text: str, weight: str, actual: str) -> Outcome:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    assert round_trips(rule)
    inputs = Inputs(weight=Decimal(weight), target=None, actual=parse_quantity(actual))
    outcome = rule.apply(inputs)
    assert outcome.reason
    return outcome


# (wording, weight, actual, hand score) — worked from the wording
# fmt: off
SCORED = [
    # the cap before its verb, as a clause of its own: ",N分扣完为止" is "扣完N分为止"
    ("(2)路灯损坏未及时修复的,每发现一处扣0.5分,3分扣完为止。", "3", "4处", "1"),
    ("井盖缺失的，每处扣1分；2分扣完即止", "2", "1处", "1"),
    ("巡查記錄不全的,每發現一次扣0.2分,1分扣完為止", "1", "7次", "0"),
    ("值班脱岗一次扣1分,扣至本项0分为止。", "5", "2次", "3"),
    # a counter right after words with no number is a noun's: "每发现值班人员脱岗一次" counts times
    ("每发现值班人员脱岗一次扣1分。", "5", "2次", "3"),
    # words that open with the negation of what is counted: a count, not a statement of none
    ("无故不参加例会的,每次扣2分,扣完为止。", "6", "无故不参加2次", "2"),
    ("无证经营的摊点,每户扣1分", "4", "无证经营3户", "1"),
    ("無故缺席培訓的,每次扣1分", "3", "无故缺席1次", "2"),
    # statements of none in other words: a time before them, what is counted without whose it is, "情况" after
    ("值班脱岗的，每次扣1分。", "5", "全年无脱岗", "5"),
    ("值班脱岗的，每次扣1分。", "5", "考核期内未出现脱岗情况", "5"),
    ("发生重大安全事故的,每起扣3分。", "6", "本年度未发生安全事故", "6"),  # none at all is none of the grave
    ("档案未签字的，每份扣1分。", "5", "无未签字档案", "5"),
    ("值班脱岗的，每次扣1分。", "5", "值班脱岗共计2次", "3"),
    ("巡查人员脱岗的，每次扣0.5分。", "3", "全年未脱岗", "3"),  # 未 + what is counted
    ("每举办一次业务培训得1分,最高5分。", "5", "本年度未举办业务培训", "0"),
    # alternatives joined by 或: either names the count, and the veto's alternatives name the veto
    ("台账缺失或不完整的,每发现1本扣1分,扣完为止。", "3", "台账不完整2本", "1"),
    ("台账缺失或不完整的,每发现1本扣1分,扣完为止。", "3", "台账缺失1本", "2"),
    ("迟报或漏报信息的,每发现一次扣0.5分", "2", "漏报信息2次", "1"),
    ("安全责任书未签订或过期的,不得分;其他协议缺失或不全的,每份扣1分", "3", "安全責任書過期", "0"),
    # complaints counted once verified: the verification words only say the case is one
    ("有乱堆放投诉,经查属实的每次扣2分;", "10", "属实投诉3次", "4"),
    ("因服务态度导致有群众投诉的,经调查核实的每起扣1分,扣完5分为止。", "5", "核实投诉2起", "3"),
    # a veto counted ("发生通报1次") or denied ("未造成严重后果") beside the count
    ("值班脱岗的，每次扣1分；造成严重后果的，本项不得分。", "5", "2次,未造成严重后果", "3"),
    ("每发生1次投诉扣0.5分;发生通报,不得分。", "2", "投诉1次,发生通报1次", "0"),
    ("每发生1次投诉扣0.5分;发生通报,不得分。", "2", "投诉1次,通报0次", "1.5"),
    # a full-marks condition of several requirements: a restated one beside the count
    ("验收评定等级合格及以上,且未发生投诉的,得3分。每发生1次投诉扣1分。", "3", "评定合格,投诉0次", "3"),
    ("验收评定等级合格及以上,且未发生投诉的,得3分。每发生1次投诉扣1分。", "3", "评定合格,投诉2次", "1"),
    # the period an actual covers, and what is counted in brackets after the count
    ("值班脱岗的，每次扣1分。", "5", "本年度值班脱岗2次", "3"),
    ("台账不规范的，每处扣0.5分。", "5", "3处（台账不规范）", "3.5"),
    # counts that score: the period before the words, the cap as "N分为限"
    ("每举办一次业务培训得1分,此项最高5分。", "5", "全年举办业务培训3次", "3"),
    ("每举办一次培训得1分,以5分为限。", "5", "7次", "5"),
    ("每報送一條信息被採用計0.5分,4分為限", "4", "信息被采用6条", "3"),
    # points in capital numerals, person-times written "每人每次", a share of the points after 扣减
    ("巡查不到位的每次扣壹分。", "4", "3次", "1"),
    ("發現脫崗現象,每人每次扣0.5分", "3", "4人次", "1"),
    ("资料缺失的，每份扣减该项分值的10%。", "10", "3份", "7"),
    # a rate limit's words with 比例 for the rate, its negation kept
    ("经抽查,不合格产品占比5%以上的不得分。被投诉经核实的,每件扣1分。", "5", "不合格产品比例2%;投诉1件", "4"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), SCORED)
def test_count_wordings_of_unseen_tables_are_scored(text: str, weight: str, actual: str, score: str) -> None:
    outcome = _outcome(text, weight, actual)
    assert outcome.score == Decimal(score), outcome.reason


# (wording, weight, actual) — near misses the readings must refuse (a reading would give a wrong number)
# fmt: off
REFUSED = [
    # the opening of what is counted is not it: "无值班" (no duty at all) is no statement of no absence
    ("值班脱岗的，每次扣1分。", "5", "无值班"),
    # a negation left out of the head: "无签字" is not "无未签字"; "未签字" is the case itself, not none of it
    ("档案未签字的，每份扣1分。", "5", "无签字"),
    ("档案未签字的，每份扣1分。", "5", "未签字"),
    ("值班脱岗的，每次扣1分。", "5", "未值班"),
    # other words than the count's: "无故迟到" is not "无故缺席"
    ("无故缺席安全会议的,每次扣1分", "3", "无故迟到1次"),
    # words that may name the veto as well as the count: "保险缺失" of "其他保险缺失" or of "强制险缺失"?
    ("强制险缺失或不足额的,不得分;其他保险缺失或不足额的,每发现1项,扣1分", "2", "保险缺失1项"),
    # a complaint of a graver kind than the count's
    ("有洒水不规范投诉,情况属实每次扣3分;", "20", "重大投诉2次"),
    # only one of several requirements of the full marks, with no count
    ("验收评定等级合格及以上,且未发生投诉的,得3分。每发生1次投诉扣1分。", "3", "评定合格"),
    # the full marks' condition met, and cases found: which one holds?
    ("台账资料达到规定要求的,得4分;台账资料未达到规定要求的,每1本扣1分", "4", "达到规定要求,2本未达标"),
    # a rate limit whose negation the actual leaves out
    ("经抽查,不合格产品占比5%以上的不得分。被投诉经核实的,每件扣1分。", "5", "合格产品比例2%;投诉1件"),
    # words in brackets that are not what is counted
    ("值班脱岗的，每次扣1分。", "5", "脱岗2次（均已通报批评）"),
    # a count in another counter than the noun's: "2人" for times
    ("每发现值班人员脱岗一次扣1分。", "5", "2人"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual"), REFUSED)
def test_near_misses_are_refused(text: str, weight: str, actual: str) -> None:
    outcome = _outcome(text, weight, actual)
    assert outcome.score is None, outcome.reason
