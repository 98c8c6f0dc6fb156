"""Findings of the final review of the session-8 readings: one vocabulary for "a thing of the counted kind", and
reasons that say what the score used (every clause the count reaches, in the clause's own counter)."""

from __future__ import annotations

from medaid.evaluation.rules.count_vocab import of_kind
from medaid.services.evaluation import try_rule


def _outcome(text: str, weight: str, note: str):  # type: ignore[no-untyped-def]
    outcome = try_rule(text, weight=weight, target=None, actual=None, note=note, holds=None).outcome
    assert outcome is not None
    return outcome


def test_a_room_or_a_discipline_is_no_department():
    assert of_kind("康复科", "科室") and of_kind("骨科病区", "病区") and of_kind("食品经营许可证", "证件")
    assert not any(of_kind(t, "科室") for t in ("会议室", "档案室", "学科", "专科", "科室", "内科等"))
    assert not of_kind("社区", "病区")


def test_a_room_not_set_up_says_nothing_of_the_departments():
    assert _outcome("科室齐全，得2分；缺1个科室，不得分", "2", "会议室未设置").score is None
    assert _outcome("科室齐全，得2分；缺1个科室，不得分", "2", "档案室未设置").score is None
    assert _outcome("科室齐全，得2分；缺1个科室，不得分", "2", "康复科未设置").score == 0


def test_every_clause_the_count_reaches_is_said_to_have_happened():
    outcome = _outcome("必备科室缺1个科室，不得分 辅助科室缺2个科室，不得分", "2",
                       "必备科室缺内科1个，辅助科室缺儿科、眼科、皮肤科3个")  # fmt: skip
    assert outcome.score == 0
    assert "第1项“必备科室缺1个科室”（缺 1 个及以上）已出现" in outcome.reason
    assert "第2项“辅助科室缺2个科室”（缺 2 个及以上）已出现" in outcome.reason


def test_the_reason_counts_in_the_clause_s_own_counter():
    outcome = _outcome("医师齐全，得2分；缺1名医师，不得分", "2", "缺医师1名")
    assert outcome.score == 0
    assert "即缺 1 名" in outcome.reason and "缺 1 名及以上" in outcome.reason
    assert "即缺 0 名" in _outcome("医师齐全，得2分；缺1名医师，不得分", "2", "医师齐全").reason
