"""Counts family, session 7: counts written with detail words ("城市道路照明设施设置不符合要求3处" for "不符合要求
一处扣0.3分", "缺报1次月报" for "月报缺报一次扣1分", "接受未经审核的委托2次" for "接受采购人未经审核的委托"), a bare
rate ("2分/基") whose way is the actual's, a comparison against a named norm before a count of cases ("当日分类率低于
区要求每宗次扣0.5分"), a loose 每 ("每查到X的,一次扣5分"), one count for each of two alternatives, a count naming
nothing that counts what the full marks' condition denies ("全年无X的计20分,发现一项的扣5分") and "一至二件(1件1分、
无0分)". Texts are worded unlike any corpus text; hand scores are worked from the wording alone; near-misses must be
refused (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.rules.bare_rates import BareRate
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _outcome(text: str, weight: str, actual: str | None) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    assert round_trips(rule), text
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual)))
    assert outcome.reason
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= Decimal(weight), outcome.reason
    return outcome.score


# (wording, weight, actual, hand score); None: refused
# fmt: off
CASES = [
    # a head naming which thing or where, before the rule's own words
    ("不符合规定的,每处扣0.5分", "4", "消防通道设置不符合规定3处", "2.5"),
    ("不符合规定的,每处扣0.5分", "4", "发现配电房管理不符合规定2处", "3"),
    ("不符合規定的,每處扣0.5分", "4", "配電房管理不符合規定0處", "4"),                 # traditional
    ("存在一处隐患扣1分,扣完为止", "5", "所查楼宇存在隐患3处", "2"),
    ("不符合规定的,每处扣0.5分", "4", "基本不符合规定3处", None),                       # a hedge in the head
    ("不符合规定的,每处扣0.5分", "4", "部分设施不符合规定2处", None),                   # a hedge in the head
    # a bare failure counted: a failure of the actual's own is one of them, when the text names no other
    ("不合格的每处扣0.2分", "2", "井盖破损未更换3处", "1.4"),
    ("不合格的每处扣0.2分", "2", "井盖补装到位3处", None),                           # no failure stated
    ("不合格的每处扣0.2分", "2", "未发现井盖缺失3处", None),                         # a denial
    ("不合格的每处扣0.2分,资料不全扣1分", "3", "井盖破损未更换3处", None),            # the text names another fault
    # the verb and its object on both sides of the count
    ("季报漏报一次扣0.5分", "3", "全年漏报2次季报", "2"),
    ("漏报季报一次扣0.5分", "3", "季报漏报2次", "2"),
    ("漏报季报一次扣0.5分", "3", "季报迟报2次", None),                               # another fault
    # an owner left out of the middle
    ("受理企业未经备案的申请,发现一次扣1分", "3", "发现受理未经备案的申请2次", "1"),
    ("未按时上报数据的,每次扣1分", "3", "上报数据2次", None),                         # the negation left out
    ("发生重大安全事故一次扣2分", "4", "发生安全事故1次", None),                       # the grade left out
    ("学生体质测试不合格的每人扣0.5分", "3", "学生不合格2人", None),                 # too much left out
    ("不合格的每处扣0.2分", "2", "设施已整改未发现问题3处", None),                    # a denial inside
    # one count for each of two alternatives
    ("每发现缺岗或脱岗,一次扣2分", "10", "缺岗1次、脱岗2次", "4"),
    ("漏报或错报数据一次扣0.5分", "3", "漏报数据2次;错报1次", "1.5"),
    ("漏报或错报数据一次扣0.5分", "3", "漏报2次;漏报1次", None),                      # the same one twice
    ("漏报或错报数据一次扣0.5分", "3", "漏报2次;迟报1次", None),                      # another fault
    # a comparison against a named norm, before a count of cases
    ("日处理量低于规定要求每宗次扣1分,当月处理量未达规定要求该项不得分", "10", "当月处理量达到规定要求;日处理量低于规定要求3宗次", "7"),
    ("日处理量低于规定要求每宗次扣1分,当月处理量未达规定要求该项不得分", "10", "当月处理量未达规定要求;日处理量低于规定要求1宗次", "0"),
    ("日处理量低于规定要求每宗次扣1分,当月处理量未达规定要求该项不得分", "10", "当月处理量基本达到规定要求;日处理量低于规定要求3宗次", None),
    # a loose 每 before a finding verb, the count after it
    ("每发现未按规定着装的,一次扣1分", "5", "未按规定着装3次", "2"),
    ("每检查发现台账缺页的,每次扣0.5分", "2", "台账缺页2次", "1"),
    # a count naming nothing counts what the full marks' condition denies
    ("辖区内全年无乱倒、乱堆等违规处置垃圾行为的得10分,发现一起的扣2分", "10", "发现违规处置垃圾行为3起", "4"),
    ("辖区内全年无乱倒、乱堆等违规处置垃圾行为的得10分,发现一起的扣2分", "10", "全年未发现违规处置垃圾行为", "10"),
    ("辖区内全年无乱倒、乱堆等违规处置垃圾行为的得10分,发现一起的扣2分", "10", "发现占道经营3起", None),
    # a plan once each period, written with no number: the times missed are counted against it
    ("每季度召开一次村民议事会,每少召开一次扣3分", "12", "全年少召开2次", "6"),
    ("每季度召开村民议事会,每少召开一次扣3分", "12", "少召开1次", "9"),
    ("每季度召开村民议事会,每少召开一次扣3分", "12", "2次", None),                   # done or missing?
    # a count whose words hold a number of the rule's own
    ("各项指标均达到100%得6分,有一项指标低于100%扣2分", "6", "有2项指标低于100%", "2"),
    ("各项指标均达到100%得6分,有一项指标低于100%扣2分", "6", "有2项指标低于95%", None),   # another number
    ("各项指标均达到100%得6分,有一项指标低于100%扣2分", "6", "有2项指标低于100.5%", None),
    # a range asked for, each one scored, none scoring 0
    ("室内图书角,二至四个(1个0.5分、无0分)", "2", "3个", "1.5"),
    ("室内图书角,二至四个(1个0.5分、无0分)", "2", "6个", "2"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), CASES)
def test_counts_with_detail_words_score_as_worked(text: str, weight: str, actual: str, score: str | None) -> None:
    expected = None if score is None else Decimal(score)
    assert _outcome(text, weight, actual) == expected


# a bare rate: the way the points go is the actual's, which must count a fault
# fmt: off
BARE = [
    ("1.5分/盏", "50", "路灯灯头损坏4盏", "44"),
    ("1.5分/盏", "50", "灯头不亮0盏", "50"),
    ("0.2分/处,扣完为止", "3", "护栏破损20处", "0"),
    ("1分/处", "10", "发现3处破损", "7"),
    ("1.5分/盏", "50", "4盏", None),                                                 # no fault named: which way?
    ("1.5分/盏", "50", "新装路灯4盏", None),                                         # things done
    ("1.5分/盏", "50", "路灯基本不亮4盏", None),                                     # hedged
    ("1.5分/盏", "50", "灯头不亮4处", None),                                         # another unit
    ("1.5分/盏", "50", "灯头不亮2盏,护栏破损1处", None),                             # two statements
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), BARE)
def test_a_bare_rate_deducts_only_for_a_fault_counted(text: str, weight: str, actual: str, score: str | None) -> None:
    rule = parse_rule_text(text)
    assert isinstance(rule, BareRate)
    expected = None if score is None else Decimal(score)
    assert _outcome(text, weight, actual) == expected


@pytest.mark.parametrize("text", ["2分/个,6分封顶", "每处扣2分", "2分/基,另加1分"])
def test_a_rate_with_other_words_is_not_a_bare_rate(text: str) -> None:
    assert not isinstance(parse_rule_text(text), BareRate)


# a step for one, written with no 每, beside another step: one thing more or missing, the points for each
# fmt: off
SUMS = [
    ("合格率达到100%,每低1个百分点扣0.5分;缺1名专职人员扣1分", "5", "100%", "合格率98%，缺2名专职人员", "2"),
    ("合格率达到100%,每低1个百分点扣0.5分;缺1名专职人员扣1分", "5", "100%", "合格率100%，专职人员配齐", "5"),
    ("超標率控制在2%以內,每上升1個百分點扣1分;超編1人扣0.5分", "6", "2%", "超标率3%，超编2人", "4"),   # traditional
    ("合格率达到100%,每低1个百分点扣0.5分;辍学1人扣0.5分", "5", "100%", "合格率98%，辍学2人", None),  # no step verb
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "score"), SUMS)
def test_a_step_for_one_beside_another_step(
    text: str, weight: str, target: str, actual: str, score: str | None
) -> None:
    rule = parse_rule_text(text)
    expected = None if score is None else Decimal(score)
    if rule is None:
        assert expected is None
        return
    assert round_trips(rule), text
    outcome = rule.apply(Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual)))
    assert outcome.reason
    assert outcome.score == expected, outcome.reason


def test_a_second_alternative_in_a_counter_of_its_own() -> None:
    from medaid.evaluation.rules import PerCase

    rule = PerCase(
        points=Decimal(1), unit="项", what="遗漏条目或重复一个段落", text="每遗漏一项条目或重复一个段落,扣1分"
    )
    assert round_trips(rule)

    def score(actual: str) -> Decimal | None:
        return rule.apply(Inputs(weight=Decimal(6), actual=parse_quantity(actual))).score

    assert score("遗漏2项条目,重复1个段落") == Decimal(3)
    assert score("重复2个段落") == Decimal(4)
    assert score("无遗漏条目、无重复段落") == Decimal(6)  # denials joined by 、
    assert score("遗漏2个段落") is None  # the other alternative's words in this counter
    assert score("遗漏2项条目,遗漏1个段落") is None
