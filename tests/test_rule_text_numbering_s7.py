"""A number with a dot at the start of a clause: an item number of a numbered list, or a decimal bound; and circled
item numbers (①), which NFKC would turn into a digit glued to the bound.

"90.4%-92%,1分;92%-95%,1.5分;超过95%,2分" starts with a decimal: medaid once read "90." as an item number and the
first band as [4%, 92%), so 90% scored 1 where the text gives nothing. A list numbered 1., 2., 3. whose items start
with a number ("1.95%以上得5分;2.90%-95%得3分") is still a list (``normalize.numbered_items``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import normalize_rule_text
from tests.rule_checks import trial_score

DECIMAL_BANDS = "90.4%-92%,1分;92%-95%,1.5分;超过95%,2分。"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (DECIMAL_BANDS, 2, "91%", "1"),
        (DECIMAL_BANDS, 2, "93%", "1.5"),
        (DECIMAL_BANDS, 2, "96%", "2"),
        ("85.5%-90%得1分;90%-95%得2分;95%以上得3分", 3, "87%", "1"),
        ("85.5%－90%得1分；90%－95%得2分；95%以上得3分", 3, "95%", "3"),
        ("①95%以上得5分;②90%-95%得3分;③90%以下不得分", 5, "92%", "3"),
        ("①95%以上得5分;②90%-95%得3分;③90%以下不得分", 5, "96%", "5"),
        ("1.95%(含)以上,得5分。2.90%(含)-95%,得3分。3.低于90%,不得分。", 5, "89%", "0"),
    ],
)
def test_a_decimal_bound_keeps_its_digits_and_a_numbered_list_its_numbers(text, weight, actual, score):
    assert trial_score(text, weight, actual=actual) == Decimal(score)


@pytest.mark.parametrize(
    "text",
    [
        "1.2%以下得3分;2.4%以下得2分;3.6%以下得1分",  # bounds of 2 %, 4 %, 6 % in a list, or 1.2 %, 2.4 %, 3.6 %
        "1.95%以上得5分;2.90%-95%得3分;3.90%以下不得分",
    ],
)
def test_a_list_whose_every_number_could_start_a_decimal_is_refused(text):
    assert trial_score(text, 5, actual="3%") is None


def test_a_circled_item_number_is_never_a_digit_of_the_bound():
    assert normalize_rule_text("①95%以上得5分;②90%以上得3分") == "(1)95%以上得5分;(2)90%以上得3分"


@pytest.mark.parametrize("actual", ["90%", "85%", "4.5%"])
def test_below_the_lowest_decimal_band_is_never_scored_as_the_band(actual):
    assert trial_score(DECIMAL_BANDS, 2, actual=actual) in (None, Decimal(0))


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("1.95%以上得5分;2.90%-95%得3分", "1、95%以上得5分;2、90%-95%得3分"),
        ("1.95%以上得3分;2.制定方案得2分", "1、95%以上得3分;2.制定方案得2分"),
        ("90.4%-92%,1分;92%-95%,1.5分", "90.4%-92%,1分;92%-95%,1.5分"),  # not a list: 90, then 1
        ("95%以上,2分;90%-95%,1.5分", "95%以上,2分;90%-95%,1.5分"),
        ("2.5分/处;3.5分/项", "2.5分/处;3.5分/项"),  # 2, 3 do not start at 1
    ],
)
def test_only_a_list_numbered_from_one_in_order_is_spelled_as_a_list(text, spelled):
    assert normalize_rule_text(text) == spelled
