"""Faults family, fix round s8e: a zero level stated for N or more things missing never applies to fewer than N,
and a number of an unqualified measure is never compared with clauses of several qualified measures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.compared_clauses import compared_statement
from tests.rule_checks import trial_score

# (text, weight, 扣分说明, hand score; None = refused)
MISSING = [
    ("缺2项，不得分", 2, "缺1项", None),  # only two missing is scored; one missing is unstated
    ("缺2项，不得分", 2, "1项不符合", None),  # one thing unmet, not the one clause
    ("缺2项，不得分", 2, "缺2项", "0"),
    ("缺2项，不得分", 2, "全部符合", "2"),
    ("缺2项，不得分", 2, "无缺项", "2"),
    ("缺两项扣1分", 3, "缺一项", None),
    ("少2个，不得分", 2, "少1个", None),
    ("缺3个科室，不得分", 2, "缺2个科室", None),  # fewer than three: unstated
    ("缺3个科室，不得分", 2, "缺3个科室", "0"),
    ("缺3个科室，不得分", 2, "缺4个科室", "0"),
    ("缺3个科室，不得分", 2, "科室齐全", "2"),
    ("缺1项，不得分", 2, "缺1项", "0"),
    ("缺2項，不得分", 2, "缺1項", None),  # traditional characters
    # a count clause inside a list of other faults: never named by its words with fewer missing
    ("1.辅助科室缺2个科室，不得分；2.未建立台账扣1分", 2, "辅助科室缺1个", None),
    ("1.辅助科室缺2个科室，不得分；2.未建立台账扣1分", 2, "辅助科室缺1个科室，已建立台账", None),
    ("1.辅助科室缺2个科室，不得分；2.未建立台账扣1分", 2, "辅助科室缺3个科室", "0"),
    ("必备科室缺1个科室，不得分 辅助科室缺2个科室，不得分", 1, "必备科室齐全，辅助科室缺核医学科1个", "1"),
    ("必备科室缺1个科室，不得分 辅助科室缺2个科室，不得分", 1, "必备科室缺神经外科1个，辅助科室齐全", "0"),
]

NUMBERED = "1.门诊差错率超过1%扣1分;2.住院差错率超过2%扣2分"
MEASURES = [
    (NUMBERED, 5, "差错率2.5%", None),  # 门诊 or 住院?
    (NUMBERED, 5, "2.5%", None),
    (NUMBERED, 5, "投诉率3%", None),  # another measure
    (NUMBERED, 5, "门诊差错率2.5%", "4"),  # the other fault unmentioned: not happened
    (NUMBERED, 5, "门诊差错率2.5%，住院差错率1.5%", "4"),
    (NUMBERED, 5, "全年门诊差错率为2.5%", "4"),
    (NUMBERED, 5, "住院差错率3%", "3"),
    (NUMBERED, 5, "门诊差错率0.5%，住院差错率3%", "3"),
    (NUMBERED, 5, "门诊差错率2.5%，住院差错率未超过2%", "4"),  # the second said not to happen
    (NUMBERED, 5, "住院差错率没有超过2%，门诊差错率0.8%", "5"),
    (NUMBERED, 5, "住院差错率未超过3%", None),  # not over 3% is not "not over 2%"
    ("1.門診差錯率超過1%扣1分;2.住院差錯率超過2%扣2分", 5, "差錯率2.5%", None),
    ("1.人均经费低于2元扣1分；2.未建立台账扣1分", 5, "经费人均1.5元，台账已建立", "4"),
    ("1.门诊处方合格率低于90%扣2分；2.住院病历合格率低于95%扣3分", 5, "合格率85%", None),
    ("1.门诊处方合格率低于90%扣2分；2.住院病历合格率低于95%扣3分", 5, "门诊处方合格率85%，住院病历合格率96%", "3"),
]


@pytest.mark.parametrize(("text", "weight", "note", "score"), MISSING + MEASURES)
def test_scores_or_refuses(text: str, weight: int, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else Decimal(score)), (text, note, got)


def test_unnumbered_form_gives_no_wrong_number() -> None:
    for note in ("差错率2.5%", "2.5%"):
        assert trial_score("门诊差错率超过1%扣1分；住院差错率超过2%扣2分", 5, note=note) is None


def test_negated_bound_leaves_a_lower_bound_of_one_measure_open() -> None:
    """ "差错率未超过3%" denies "超过3%" but says nothing of "超过1%": no clause is decided."""
    assert compared_statement("差错率未超过3%", ["差错率超过1%", "差错率超过3%"]) == ({}, True)
    assert compared_statement("差错率2%", ["门诊差错率超过1%", "住院差错率超过2%"]) == ({}, True)
    assert compared_statement("门诊差错率2%", ["门诊差错率超过1%", "住院差错率超过2%"]) == ({1: True}, False)
