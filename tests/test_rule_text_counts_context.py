"""Counts as real tables write them around the count clause: numbered items, how the check is made, what makes a
thing a case, alternatives in counters of their own, points per percentage point of the task done; each hand
score is worked from the wording alone, and what the wording does not settle is refused (docs/rules.md, "Counts
and ranks")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, Outcome
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.count_spelling import canon_counts
from tests.rule_checks import round_trips


def _outcome(
    text: str, weight: str, actual: str | None, *, target: str | None = None, note: str | None = None
) -> Outcome:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    assert round_trips(rule)
    inputs = Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual), note=note)
    outcome = rule.apply(inputs)
    assert outcome.reason
    return outcome


# (wording, weight, actual or "说明:" + 扣分说明, hand score) — worked from the wording
# fmt: off
SCORED = [
    # numbered items ("1、", "2.", "一、"): the numbers are no counts (1 − 0.5 per person, 4 − 2 − 0.5 = 1.5)
    ("1、未建立安全管理台账的扣4分,台账不完整的扣2分;2、安全员未持证上岗的,每有1人扣0。5分.", "4",
     "台账不完整，1名安全员未持证上岗", "1.5"),
    ("1.发生一起群体性事件,扣10分。2.未按时报送月报表的,扣5分。", "15", "说明:发生群体性事件1起", "5"),
    ("2、每发现一处问题扣0.5分;3、被上级通报一次扣2分。", "5", "说明:发现问题2处，被上级通报1次", "2"),
    # a decimal point written as a full stop ("0。5分")
    ("每发现一处隐患扣0。5分,扣完为止", "3", "4处", "1"),
    # a score in Chinese numerals with 点
    ("每發現一處隱患扣零點五分", "3", "2处", "2"),
    # how the check is made, and the sample's size, say nothing the score depends on
    ("每村环绕一圈,每处不合格扣0.5分", "8", "6处", "5"),
    ("每个乡镇随机抽查3个村,每村10户,每户不符合要求扣0.2分,扣完为止", "6", "7户", "4.6"),
    ("随机抽取20份病历,每份不合格扣1分,考核方式采用现场查阅", "10", "3份不合格", "7"),
    ("實地查看,每處不合格扣0.5分", "5", "2處", "4"),
    # a comparison before 的 and the count says which things are cases (10 − 3 × 1)
    ("有垃圾堆放,面积超过5平方米的每处扣1分。", "10", "3处", "7"),
    ("办理超过规定时限3天以上的,每件扣0.5分", "5", "2件", "4"),
    # alternatives counted in counters of their own: both count (5 − 2 × 0.5 − 1 × 0.5)
    ("每错报一例或迟报一次扣0.5分", "5", "错报2例，迟报1次", "3.5"),
    ("每漏登一人或漏报一次扣1分", "5", "漏登2人，漏报1次", "2"),
    # "发现问题每处…": the problems are what the kind counts, beside another kind
    ("发现问题每处扣1分,被通报批评一次扣2分", "10", "说明:发现问题3处，通报1次", "5"),
    ("发现问题每处扣1分,被通报批评一次扣2分", "10", "无", "10"),
    # words that leave out only whose the thing is ("投诉" of "群众投诉")
    ("群众投诉每次扣1分", "5", "投诉3次", "2"),
    ("每发现一户档案信息不准确扣0.5分", "5", "信息不准确2户", "4"),
    # a plan of how often beside a count of times missed: the actual says them missed (6 − 2 × 0.5)
    ("每月至少开展1次巡查,每少一次扣0.5分", "6", "少2次", "5"),
    ("每月至少开展一次巡查,每少一次扣0.5分", "6", "应巡查12次，实巡查10次", "5"),
    ("每季度召開1次例會,缺一次扣1分", "4", "缺1次", "3"),
    ("每季度召开1次例会,缺一次扣1分", "4", "无", "4"),
    # a veto of a grade or level ("较大以上事故", "县级以上通报") is no threshold
    ("安全生产事故每发生1起扣5分,发生较大以上事故的不得分", "10", "1起", "5"),
    ("安全生产事故每发生1起扣5分,发生较大以上事故的不得分", "10", "1起，发生较大以上事故", "0"),
    ("每发现一处问题扣0.5分,被县级以上通报批评的不得分", "5", "被县级以上通报批评", "0"),
    # points for each percentage point of the task done: actual ÷ target × 100 × points, at most the total
    ("企业职工参保扩面人数,以上年度实际缴费人数为基数,每完成任务一个百分点得0.1分,共10分。", "10", "85%", "8.5"),
    ("每完成任务一个百分点得0.1分,共10分。", "10", "110%", "10"),
    ("征缴额以截至2025年12月31日前划入财政专户数为准,其他无效,每完成任务一个百分点得0.4分,共40分。", "40", "95%",
     "38"),
    ("每完成1个百分点得0.2分,最高10分", "10", "30%", "6"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "given", "score"), SCORED, ids=[f"{t[:30]}→{g}" for t, _, g, _ in SCORED])
def test_a_wording_scores_as_worked_by_hand(text: str, weight: str, given: str, score: str) -> None:
    note = given.removeprefix("说明:") if given.startswith("说明:") else None
    actual = None if note is not None else given
    target = "100%" if "百分点" in text else None
    outcome = _outcome(text, weight, actual, target=target, note=note)
    assert outcome.score is not None and abs(outcome.score - Decimal(score)) < Decimal("0.0001"), outcome.reason


def test_the_reason_names_the_comparison_that_makes_a_case() -> None:
    outcome = _outcome("有垃圾堆放,面积超过5平方米的每处扣1分。", "10", "3处")
    assert "面积超过5平方米" in outcome.reason


def test_points_per_percentage_point_say_how_they_were_read() -> None:
    outcome = _outcome("每完成任务一个百分点得0.1分,共10分。", "10", "850人", target="1000人")
    assert outcome.score == Decimal("8.5") and "百分点" in outcome.reason


# fmt: off
REFUSED = [
    # a count in another counter than the comparison's case ("3户" for "每处")
    ("有垃圾堆放,面积超过5平方米的每处扣1分。", "10", "3户"),
    # a count that may be a grave kind or not: "安全事故" does not name "重大安全事故"
    ("每发生一起重大安全事故扣5分", "10", "安全事故1起"),
    # "标准执行" drops the 超 of "超标准执行"
    ("每发现一例超标准执行扣0.5分", "5", "标准执行1例"),
    # an accident named without its grade: the graver kind, or not?
    ("安全生产事故每发生1起扣5分,发生较大以上事故的不得分", "10", "发生较大事故1起"),
    # a bare count beside a plan: the times done, or those missed?
    ("每月至少开展1次巡查,每少一次扣0.5分", "6", "2次"),
    ("每季度召开1次例会,缺一次扣1分", "4", "1"),
    # a bare count beside kinds of different points: which kind?
    ("发现问题每处扣1分,被通报批评一次扣2分", "10", "3处"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual"), REFUSED, ids=[f"{t[:30]}→{a}" for t, _, a in REFUSED])
def test_what_the_wording_does_not_settle_is_refused(text: str, weight: str, actual: str) -> None:
    outcome = _outcome(text, weight, actual)
    assert outcome.score is None, outcome.reason


def test_points_per_percentage_point_need_a_target() -> None:
    outcome = _outcome("每完成任务一个百分点得0.1分,共10分。", "10", "85%")
    assert outcome.score is None


@pytest.mark.parametrize(
    "text",
    [
        "每完成1个百分点得0.2分,共10分",  # 0.2 × 100 is not 10: where does the count start?
        "每完成1个百分点得0.1分,超额完成的每1个百分点加0.2分",  # a bonus beside it
        "每完成1个百分点得0.1分,完成率低于60%的不得分",  # a threshold beside it
    ],
)
def test_texts_not_read(text: str) -> None:
    rule = parse_rule_text(text)
    assert rule is None or rule.kind not in ("formula", "per_case", "per_kind"), rule


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("1、甲扣1分,乙扣2分;2、每有1人扣0.5分.", "甲扣1分,乙扣2分;每有1人扣0.5分."),
        ("1.发生一起扣10分。2.未上报的,扣5分。", "发生一起扣10分。未上报的,扣5分。"),
        ("一、甲扣1分,二、乙扣2分", "甲扣1分;乙扣2分"),
        ("3、甲扣1分;4、乙扣2分", "甲扣1分;乙扣2分"),  # a row that goes on a numbered list
        ("每例扣1.5分,2、乙扣2分", "每例扣1.5分,2、乙扣2分"),  # not numbered from the start: as written
        ("1、甲扣1分;3、乙扣2分", "甲扣1分;乙扣2分"),  # an item left out of the row
        ("2、甲扣1分;1、乙扣2分", "2、甲扣1分;1、乙扣2分"),  # numbers that do not rise: as written
        ("一、二级医院每例扣1分", "一、二级医院每例扣1分"),  # "一、二级" is no numbering
        ("每处扣0。5分", "每处扣0.5分"),
        ("每处扣零点五分", "每处扣0.5分"),
        ("每篇加一点五分", "每篇加1.5分"),
        ("每少一种机构或少一项制度的扣0.5分", "每少一种机构扣0.5分,每少一项制度扣0.5分"),
        ("每少一项或错一项扣1分", "每少一项或错一项扣1分"),  # one counter: one count with two names
    ],
)
def test_the_spelling_of_numbered_items_and_alternatives(text: str, spelled: str) -> None:
    assert canon_counts(text) == spelled
