"""Counts family, session 6: amounts in a measure that score from zero ("每完成1000亩,加0.1分,以3分为限"), caps
written "加分累计不超过N分", a requirement for each thing of a kind beside its count ("每个班配有钢琴,少1个班扣0.5分"),
deductions written without 分 ("每处扣1;") and a bound repeated by "(不含)" ("低于50%(不含)"). Texts are worded
unlike any corpus text; hand scores are worked from the wording alone (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import CountScore, Inputs, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text


def _outcome(text: str, weight: str, actual: str | None, *, bonus: bool = False) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual), bonus_allowed=bonus))
    assert outcome.reason
    return outcome.score


# (wording, weight, actual, hand score); None: refused
# fmt: off
CASES = [
    # amounts in a measure, counted from zero, whole steps, capped
    ("每新增植树造林50公顷,得1分,最高得5分。", "5", "150公顷", "3"),           # 3 steps × 1
    ("每新增植树造林50公顷,得1分,最高得5分。", "5", "400公顷", "5"),           # 8 → cap 5
    ("每新增植树造林50公顷,得1分,最高得5分。", "5", "75公顷", None),           # a part step: not written
    ("每新增植树造林50公顷,得1分,最高得5分。", "5", "150亩", None),            # another unit
    ("承担市级下达任务的乡镇,每完成1萬噸,加0.5分,加分累計不超過2分", "2", "3万吨", "1.5"),  # traditional, 万
    ("每筹集社会资金20万元加记0.4分;以2分为限", "2", "60万元", "1.2"),
    ("每筹集社会资金20万元加记0.4分;以2分为限", "2", "1.2亿元", "2"),           # 60 steps → cap
    # "加分累计不超过N分": the cap in either order
    ("每一件建议被采纳加0.5分,加分累计不超过2分。", "2", "3件", "1.5"),
    ("每一件建议被采纳加0.5分,加分累计不超过2分。", "2", "6件", "2"),
    # each thing of a kind to have something, counted in the same counter
    ("每所学校均建有图书室,1所学校未建扣1分", "3", "2所学校未建", "1"),
    ("每个村都设有公示栏(少1个村扣0.5)", "2", "少3个村", "0.5"),
    ("每台电脑应安装杀毒软件;少1台电脑扣0.2分", "1", "少2台电脑", "0.6"),
    # deductions written without 分
    ("资料缺失的每份扣0.5;台账不全的每处扣1", "4", None, None),
    # a bound repeated by (不含)
    ("覆盖率达到100%得6分;每低1个百分点扣0.2分;覆盖率低于60%(不含)的不得分", "6", "90%", "4"),
    ("覆盖率达到100%得6分;每低1个百分点扣0.2分;覆盖率低于60%(不含)的不得分", "6", "59%", "0"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), CASES)
def test_hand_scores(text: str, weight: str, actual: str | None, hand: str | None) -> None:
    assert _outcome(text, weight, actual) == (None if hand is None else Decimal(hand))


def test_measure_score_reads_as_count_score_and_round_trips() -> None:
    rule = parse_rule_text("每完成1000亩,加0.1分,以3分为限。")
    assert isinstance(rule, CountScore)
    assert (rule.unit, rule.per, rule.points, rule.cap) == ("亩", Decimal(1000), Decimal("0.1"), Decimal(3))
    assert rule_from_mapping(rule.to_dict()).to_dict() == rule.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "引进资金5万元以上的加1分,在此基础上每增5万元加1分,最高5分",  # a threshold before the step
        "每新建经济林50亩加8分,每发展林下经济50亩加6分,最高15分",  # two amounts
        "每完成1000亩,加0.1分;未完成任务的扣1分",  # a deduction beside it
        "覆盖率达到100%得6分;每低1个百分点扣0.2分;覆盖率低于60%(含)的不得分",  # (含) against 低于: contradicts
        "室外活动器材,1套1分,无0分",  # what none scores is not the count's full marks (a cap of 0 was read)
    ],
)
def test_near_misses_not_read_as_such(text: str) -> None:
    rule = parse_rule_text(text)
    if rule is not None:
        assert not (isinstance(rule, CountScore) and (rule.unit in ("元", "亩") or rule.cap == 0))
        if "(含)" in text:
            # never the (不含) reading: 60% exactly may not score by the step
            outcome = rule.apply(Inputs(weight=Decimal(6), actual=parse_quantity("60%")))
            assert outcome.score is None or outcome.score == 0


def test_measure_actual_with_words_of_another_thing_is_refused() -> None:
    rule = parse_rule_text("每新增植树造林50公顷,得1分,最高得5分。")
    assert rule is not None
    outcome = rule.apply(Inputs(weight=Decimal(5), actual=parse_quantity("未新增植树造林150公顷")))
    assert outcome.score is None


def test_bare_points_leave_a_decimal_written_with_a_full_stop() -> None:
    from medaid.evaluation.ruletext.score_spellings import bare_points, redundant_bounds

    assert bare_points("每有1人扣0。5分.") == "每有1人扣0。5分."  # "0。5" is 0.5, read by count_spelling
    assert bare_points("每处扣1;每项扣0.5") == "每处扣1分;每项扣0.5分"
    assert bare_points("每低1个百分点扣1个百分点") == "每低1个百分点扣1个百分点"
    assert redundant_bounds("低于50%(含)的不得分") == "低于50%(含)的不得分"
    assert redundant_bounds("超过3天(不含)的") == "超过3天的"  # texts are simplified by normalize first
