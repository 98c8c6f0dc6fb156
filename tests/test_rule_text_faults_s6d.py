"""Round 4 of session 6 (faults family): probes of the adversarial review. A statement of how a listed thing is
("无X问题", "X无问题", "X不全", "X未完善") never says the fault "未建立X"/"无X" (X exists): refused unless a
clause speaks of that quality; "A和B都没有" is 无A、无B; a rate with a decimal point keeps it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import rule_score, trial_score

_LEDGER = "未建立工作台账扣2分;无会议记录扣1分"
_DUTY = "未签订目标责任书扣2分;未开展考核扣2分"
_QUALITY = "台账不全扣1分;未建立工作台账扣2分"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        (_LEDGER, "3", "工作台账和会议记录都没有", "0"),  # C28
        (_LEDGER, "3", "工作台账与会议记录均没有", "0"),
        (_LEDGER, "3", "会议记录和工作台账都无", "0"),
        (_LEDGER, "3", "无工作台账问题，会议记录缺失", None),  # C33: 2, refused
        (_LEDGER, "3", "无会议记录问题，工作台账未建立", None),  # C39
        (_DUTY, "4", "目标责任书无问题，考核未开展", None),  # C40
        (_DUTY, "4", "目标责任书没有问题；考核未开展", None),
        (_LEDGER, "3", "工作台账存在问题", None),
        (_LEDGER, "3", "工作台账、会议记录均未完善", None),  # C29
        (_LEDGER, "3", "工作台账不完善，会议记录齐全", None),
        (_LEDGER, "3", "工作台账未建立，会议记录不全", None),  # C7
        (_LEDGER, "3", "工作台账未建立，会议记录不规范", None),
        (_LEDGER, "3", "会议记录不完整", None),
        (_LEDGER, "3", "均无问题", "3"),  # a denial of every fault
        (_LEDGER, "3", "工作台账、会议记录均未建立", "0"),
        (_QUALITY, "3", "工作台账已建立但不全", "2"),  # the list speaks of 不全: read
    ],
)
def test_quality_statements(text: str, weight: str, actual: str, hand: str | None) -> None:
    assert trial_score(text, weight, actual=actual) == (None if hand is None else Decimal(hand))


@pytest.mark.parametrize(
    ("text", "target", "actual", "hand"),
    [
        ("投诉率不达标扣2分;未建立台账扣1分", "≤5%", "投诉率4.9%，台账已建立", "3"),  # C37b (decimal kept)
        ("投诉率不达标扣2分;未建立台账扣1分", "≤5%", "投诉率5.1%", "1"),
        ("投诉率不达标扣2分;未建立台账扣1分", "≤5%", "投诉率4.9%，台账未建立", "2"),
        ("建制率不达标扣2分;未建立台账扣1分", "≥80%", "建制率8.5%，台账已建立", "1"),  # C38b
        ("建制率不达标扣2分;未建立台账扣1分", "≥80%", "建制率79.5%，台账已建立", "1"),
        ("建制率不达标扣2分;未建立台账扣1分", "≥80%", "建制率80.5%，台账未建立", "2"),
    ],
)
def test_decimal_rates(text: str, target: str, actual: str, hand: str) -> None:
    assert rule_score(text, "3", target=target, actual=actual) == Decimal(hand)


def test_decimal_rate_alone_never_misread() -> None:
    # "投诉率4.9%" alone: below the standard; the other clause unspoken — read or refused, never 1
    assert trial_score("投诉率不达标扣2分;未建立台账扣1分", "3", target="≤5%", actual="投诉率4.9%") in (
        None,
        Decimal(3),
    )
