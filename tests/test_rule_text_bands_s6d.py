"""Bands family, session 6 round 4: the adversarial review's probes of bonus items beside a base (X10, X10b) and
further variants. A condition item listing categories is met only by a statement naming one of them by its own
words; another grade or rank of the same kind (副科级 for 副处以上, 中级职称 for 高级职称, 市级 for 省级) is refused.
When the base already has full marks and no bonus is allowed, the reason says only the cap decides."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.services.evaluation import try_rule
from tests.rule_checks import trial_score

MEMBERS = "当年发展新党员(4分),新党员中有高级职称、博士、副处以上职务的,再加2分"
SITES = "当年新建示范点(3分),示范点中有省级、国家级示范的,再加1分"


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        (MEMBERS, 4, "当年发展新党员2名，其中副科级1名"),  # X10
        (MEMBERS, 4, "当年发展新党员2名，其中中级职称1名"),  # X10b
        (MEMBERS, 4, "当年发展新党员2名，其中初级职称1名"),
    ],
)
def test_another_grade_of_a_listed_category_is_refused(text: str, weight: int, actual: str) -> None:
    assert trial_score(text, weight, actual=actual, bonus=True) is None


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (MEMBERS, 4, "当年发展新党员2名，其中博士1名", "6"),
        (MEMBERS, 4, "当年发展新党员2名，其中副处级1名", "6"),
        (MEMBERS, 4, "当年发展新党员2名，其中高级职称1名", "6"),
        (MEMBERS, 4, "当年发展新党员2名，无高级职称、博士或副处以上职务者", "4"),
        (SITES, 3, "当年新建示范点2个，其中省级示范1个", "4"),
        (SITES, 3, "当年新建示范点2个，其中市级示范1个", "3"),  # names none of the item's own words: not earned
    ],
)
def test_a_listed_category_earns_the_bonus(text: str, weight: int, actual: str, score: str) -> None:
    assert trial_score(text, weight, actual=actual, bonus=True) == Decimal(score)


@pytest.mark.parametrize("actual", ["当年发展新党员2名，其中博士1名", "当年发展新党员2名，其中副科级1名"])
def test_capped_at_the_weight_the_reason_names_no_bonus(actual: str) -> None:
    trial = try_rule(MEMBERS, weight="4", target=None, actual=actual, note=None, holds=None, bonus_allowed=False)
    assert trial.outcome is not None and trial.outcome.score == Decimal(4)
    assert "加 2 分" not in trial.outcome.reason
