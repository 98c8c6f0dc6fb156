"""Affirm family, session 6, round 4: wrong numbers of the adversarial review made refusals or right scores.

A condition written as a denial with "否则不得分" ("未发生安全事故得5分,否则不得分") is met only by a denial of the
same thing; a narrower ("重大"), hedged ("明显") or partial ("违规" of "违规违纪") denial is refused, as the event-level
reading ("…,发生安全事故不得分") already does. "无X问题" says X exists and is in order: never "未建立X". A count denied or
bounded ("未发生一次以上事故") is not a count of what happened. Scores worked by hand from the Chinese alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

ACCIDENT = "未发生安全事故得5分,否则不得分"
DISCIPLINE = "未发现任何违规违纪行为得3分,否则不得分"
LEDGER = "建立工作台账得3分,未建立不得分"
EVENT = "无事故得20分,发生一次不得分"

# (wording, weight, actual): the review's probes and further variants, each refused
# fmt: off
REFUSED = [
    (ACCIDENT, 5, "未发生重大安全事故"),  # A3
    (ACCIDENT, 5, "未发生重特大安全事故"),  # A42
    (DISCIPLINE, 3, "未发现严重违规违纪行为"),  # A21
    (DISCIPLINE, 3, "未发现明显违规违纪行为"),  # A43
    (DISCIPLINE, 3, "未发现违规行为"),  # A22
    (DISCIPLINE, 3, "未发现违纪行为"),  # A58
    (LEDGER, 3, "无工作台账问题"),  # A55
    (EVENT, 20, "未发生一次以上事故"),  # A29
    # variants: other wording, traditional characters, other narrowing words
    ("全年未发生安全生产事故的，得4分；否则不得分", 4, "全年未发生较大安全生产事故"),
    ("未發生安全事故得5分，否則不得分", 5, "未發生重大安全事故"),
    ("无违规违纪行为得3分,有则不得分", 3, "无严重违规违纪行为"),
    ("未发现违规违纪问题计2分，发现问题不计分", 2, "未发现重大违规违纪问题"),
    ("杜绝一切违规违纪行为得3分,否则不得分", 3, "未发现违纪行为"),
    (EVENT, 20, "未发生重大事故"),
    (EVENT, 20, "未发生2次以上事故"),
    (EVENT, 20, "发生3次以下事故"),
    ("按时建立台账得3分,未建立不得分", 3, "台账无问题"),
    (LEDGER, 3, "工作台账方面无异常"),
]

# (wording, weight, actual, score worked by hand): what the same texts still read
SCORED = [
    (ACCIDENT, 5, "全年未发生任何安全事故", "5"),
    (ACCIDENT, 5, "未发生安全事故", "5"),
    (ACCIDENT, 5, "发生重大安全事故1起", "0"),
    (DISCIPLINE, 3, "未发现违规违纪行为", "3"),
    ("全年未发生安全生产事故的，得4分；否则不得分", 4, "全年未发生安全生产事故", "4"),
    ("无违规违纪行为得3分,有则不得分", 3, "未发现违规违纪行为", "3"),
    ("杜绝一切违规违纪行为得3分,否则不得分", 3, "未发现违规违纪行为", "3"),
    ("杜绝一切违规违纪行为得3分,否则不得分", 3, "发现违规违纪行为1起", "0"),
    ("杜绝一切违规违纪行为得3分,否则不得分", 3, "发生违规违纪行为", "0"),
    ("资金使用无问题得2分，发现问题不得分", 2, "资金使用无问题", "2"),
    (LEDGER, 3, "已建立工作台账", "3"),
    (EVENT, 20, "0次", "20"),
    (EVENT, 20, "发生1次事故", "0"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual"), REFUSED)
def test_refused(text: str, weight: int, actual: str) -> None:
    assert trial_score(text, weight, actual=actual) is None


@pytest.mark.parametrize(("text", "weight", "actual", "score"), SCORED)
def test_scored(text: str, weight: int, actual: str, score: str) -> None:
    assert trial_score(text, weight, actual=actual) == Decimal(score)
