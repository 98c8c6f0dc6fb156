"""A deduction that starts from marks its text states ("记20分，每发现一处扣2分") is never clamped to a smaller
weight: the row's score is unknown and refused with the reason; a start at or below the weight is the text's own
full marks (the audit reports a difference as ``rule_weight``); "扣满N分为止" caps the deduction only."""

from __future__ import annotations

import pytest

from medaid.services.evaluation import try_rule


@pytest.mark.parametrize(
    "text",
    [
        "街巷内无乱搭乱建现象记20分，每新发现一处扣2分，扣完为止。",  # per_case
        "满分20分，少报一次扣1分，迟报一次扣0.5分。",  # per_kind
        "得20分，救助率每低于目标1个百分点扣1分。",  # per_point
    ],
)
def test_a_start_above_the_weight_is_refused_not_clamped(text):
    tried = try_rule(text, weight="10", target="100%", actual="3处" if "处" in text else "97%", note="少报1次")
    assert tried.rule is not None and tried.outcome is not None and tried.outcome.score is None
    assert "从 20 分起扣，超过本行分值 10 分" in tried.outcome.reason


def test_a_start_below_the_weight_is_the_texts_full_marks_and_a_cap_on_the_deduction_is_only_a_cap():
    below = try_rule("满分5分。每出现一例错误扣0.5分。", weight="8", actual="3例")
    assert below.outcome is not None and below.outcome.score == 3.5 and below.full_marks_differ
    capped = try_rule("每检查到一处扣1分，扣满10分为止。", weight="15", actual="12处")
    assert capped.outcome is not None and capped.outcome.score == 5 and not capped.full_marks_differ
