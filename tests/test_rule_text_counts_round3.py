"""Round 3 of the count readings: late reports counted as occurrences (not a delay measured in 天/月), actuals
that say no case happened in general words, and a veto ("一票否决") read as no marks for the item — constructed
texts, not from the corpus, with scores worked by hand from the wording alone. What they do not settle is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import PerCase, PerPoint
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule


def _outcome(text: str, weight: float, actual: str) -> tuple[Decimal | None, str]:
    trial = try_rule(text, weight=str(weight), actual=actual)
    assert trial.outcome is not None, f"not understood: {text}"
    return trial.outcome.score, trial.outcome.reason


# A 每次 step under a condition of lateness counts late reports (occurrences): ``cases``, not a delay.
# fmt: off
LATE_BY_OCCURRENCE = [
    ("未按时上报的,每次扣1分", 5, "未按时上报2次", "3"),
    ("未按时上报的,每次扣1分", 5, "均按时上报", "5"),
    ("未按时上报的,每次扣1分", 5, "无此类情况", "5"),
    ("报表未及时报送者，每次扣0.5分，扣完为止。", 2, "3次", "0.5"),
    ("工作信息遲報的，每次扣0.5分", 3, "2次", "2"),                   # traditional characters
    ("整改未按期完成的;每起扣2分;扣完为止", 4, "未发现上述问题", "4"),
    ("每迟报1次扣1分", 3, "1次", "2"),                                 # the delay word on the step itself
    ("未按时上报的,每次扣1分", 5, "均及时上报", "5"),                 # 按时/及时/按期 say the same
    ("督办件未按期办结的，每件扣1分", 4, "全部及时办结", "4"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), LATE_BY_OCCURRENCE)
def test_late_reports_are_occurrences(text: str, weight: float, actual: str, hand: str) -> None:
    assert not isinstance(parse_rule_text(text), PerPoint)
    score, _ = _outcome(text, weight, actual)
    assert score == Decimal(hand)


@pytest.mark.parametrize(
    ("text", "actual"),
    [
        ("未按时上报的,每次扣1分", "全年延迟3天"),  # a delay in days is not a count of late reports
        ("信息迟报的，每次扣0.5分", "未按时上报2次"),  # 迟报 and 未按时上报 are not matched by their words
        ("未及时报送的,每次扣1分", "均按时整改"),  # another verb: not the thing counted
        ("未按时上报的,每次扣1分", "均上报"),  # reported, but not said to be on time
    ],
)
def test_late_reports_refused(text: str, actual: str) -> None:
    score, reason = _outcome(text, 5, actual)
    assert score is None and reason


def test_a_delay_in_days_stays_a_step() -> None:
    rule = parse_rule_text("资金拨付每滞后1个月扣1分，扣完为止")
    assert isinstance(rule, PerPoint)
    assert _outcome("资金拨付每滞后1个月扣1分，扣完为止", 5, "2个月")[0] == Decimal(3)


# 一票否决: the item scores 0 when the vetoed event happened; the reason leaves the wider sanction to the evaluator.
# fmt: off
VETO = [
    ("每发生一起安全事故扣2分,发生重大安全事故的,实行一票否决", 6, "发生一起安全事故", "4"),
    ("每发生一起安全事故扣2分,发生重大安全事故的,实行一票否决", 6, "发生重大安全事故1起", "0"),
    ("每发现一例违规扣1分;弄虚作假的不得分,并给予一票否决。", 5, "弄虚作假1次", "0"),
    ("每查实一起違規辦理扣1分，發生重大責任事故者一票否決", 4, "2起", "2"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), VETO)
def test_veto_is_no_marks_for_the_item(text: str, weight: float, actual: str, hand: str) -> None:
    score, reason = _outcome(text, weight, actual)
    assert score == Decimal(hand)
    if score == 0:
        assert "一票否决" in reason and "评估人员" in reason


def test_veto_kept_in_the_rule() -> None:
    rule = parse_rule_text("每发生一起安全事故扣2分,发生重大安全事故的,实行一票否决")
    assert isinstance(rule, PerCase) and rule.vetoes


def test_doubled_deduction_refused() -> None:
    # escalating or doubled deductions without every amount written are not read
    assert parse_rule_text("每发生一起安全事故扣2分,再次发生的加倍扣分") is None
