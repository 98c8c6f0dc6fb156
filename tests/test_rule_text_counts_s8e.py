"""Counts family, session 8 (second fix round): a count of faults never earns points per fault.

"满足要求，得1分；缺1项，得0.5分" states what ONE missing item leaves (0.5), not 0.5 for each missing item: read so,
"缺2项" earned 1, more missing scoring more. A count that scores ("完成1项得0.5分") is read only for things done or
present; clauses of one fault with no 每 are levels by the count of faults (``rules/fault_levels.py``), any count the
text does not state refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.count_vocab import counts_faults
from medaid.evaluation.rules.fault_levels import FaultLevels
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, trial_score

D = Decimal


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        # the defect: one missing item's level is no score per missing item
        ("满足要求，得1分；缺1项，得0.5分", 1, "缺2项", None),
        ("满足要求，得1分；缺1项，得0.5分", 1, "缺1项", D("0.5")),
        ("满足要求，得1分；缺1项，得0.5分", 1, "均满足", D(1)),
        ("满足要求，得1分；缺1项，得0.5分", 1, "无缺项", D(1)),
        ("满足要求，得1分；缺1项，得0.5分", 1, "满足要求", D(1)),
        # variants: other fault words, counters, punctuation, clause order, traditional characters
        ("缺1个科室，得0.5分", 1, "缺2个科室", None),
        ("缺1个科室，得0.5分", 1, "缺1个科室", D("0.5")),
        ("资料齐全的计3分;少1份计2分", 3, "少1份", D(2)),
        ("资料齐全的计3分;少1份计2分", 3, "少2份", None),
        ("资料齐全的计3分;少1份计2分", 3, "资料齐全", D(3)),
        ("1项不符合得0.5分，全部符合得1分", 1, "2项不符合", None),
        ("1项不符合得0.5分，全部符合得1分", 1, "1项不符合", D("0.5")),
        ("1项不符合得0.5分，全部符合得1分", 1, "全部符合", D(1)),
        ("全部落实得2分，1项未落实得1分", 2, "2项未落实", None),
        ("全部落实得2分，1项未落实得1分", 2, "1项未落实", D(1)),
        ("滿足要求，得1分；缺1項，得0.5分", 1, "缺2項", None),
        ("每漏报1例得0.5分，最高2分", 2, "漏报3例", None),  # 每 with points per fault: not read at all
        ("每缺1项得0分", 1, "缺2项", None),
        # near misses that must be refused: a bare count, another fault, a hedge
        ("满足要求，得1分；缺1项，得0.5分", 1, "1项", None),
        ("满足要求，得1分；缺1项，得0.5分", 1, "1项未完成", None),
        ("满足要求，得1分；缺1项，得0.5分", 1, "基本满足", None),
        ("满足要求，得1分；缺1项，得0.5分", 1, "均不满足", None),
        # counts of things done keep scoring per thing
        ("完成1项得0.5分，最高2分", 2, "完成3项", D("1.5")),
        ("每开展1次得2.5分,最高10分", 10, "开展3次", D("7.5")),
        ("每上报1例不良事件得1分，最高5分", 5, "上报3例", D(3)),
        ("每配备1名专职人员得1分，最高3分", 3, "配备2名", D(2)),
    ],
)
def test_a_count_of_faults_earns_no_points_per_fault(text: str, weight: int, note: str, score: Decimal | None) -> None:
    assert trial_score(text, weight, note=note) == score


def test_levels_by_a_count_of_faults_round_trip_and_never_rise() -> None:
    rule = parse_rule_text("满足要求，得1分；缺1项，得0.5分")
    assert isinstance(rule, FaultLevels)
    assert round_trips(rule)
    # scores rising with the count, or a level above the full marks: not read as levels
    assert not isinstance(parse_rule_text("满足要求，得1分；缺1项，得0.5分；缺2项，得0.8分"), FaultLevels)
    assert not isinstance(parse_rule_text("满足要求，得1分；缺1项，得2分"), FaultLevels)


@pytest.mark.parametrize(
    ("words", "fault"),
    [("缺", True), ("；缺失，", True), ("不符合", True), ("有未落实的", True), ("检查发现漏报", True), ("錯報", True),
     ("完成", False), ("上报不良事件", False), ("无偿献血", False), ("未成年人", False), ("超额完成", False),
     ("配备专业人员", False)],
)  # fmt: skip
def test_the_words_of_a_fault_counted(words: str, fault: bool) -> None:
    assert counts_faults(words) is fault
