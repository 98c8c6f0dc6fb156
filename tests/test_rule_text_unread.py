"""Texts no single reading understood because of a clause that says nothing about the score (unread family).

A row's number ("(4)", "二、"), where the evidence is ("(以…为准)", "以…为依据。", "查阅相关台账。"), a sentence
that only names the task, other spellings of no marks ("不记分", "记零分") and a veto after a 0 ("并给予一票否决")
are read past; the rest is read as it would be alone. Texts written for these tests, not copied from the corpus.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext.normalize import normalize_rule_text
from medaid.services.evaluation import try_rule

# text, weight, target, actual, note, hand score
SCORED = [
    ("(4)按时上报季度报表得3分,未按时上报不记分(以县统计局收到时间为准)。", "3", None, None, "未按时上报", "0"),
    ("(4)按时上报季度报表得3分,未按时上报不记分(以县统计局收到时间为准)。", "3", None, None, "按时上报", "3"),
    ("二、年内召开专题会议研究工作得2分,未召开不得分。以会议记录为依据。", "2", None, "否", None, "0"),
    ("二、年内召开专题会议研究工作得2分,未召开不得分。以会议记录为依据。", "2", None, "是", None, "2"),
    ("查阅相关台账。达到95%得5分,每低1个百分点扣1分。", "5", "≥95%", "93%", None, "3"),
    ("群众满意率低于80%的记零分,并给予一票否决。", "2", "≥80%", "85%", None, "2"),
    ("群眾滿意率低於80%的記零分,並給予一票否決。", "2", "≥80%", "70%", None, "0"),
    ("做好信息报送工作记4分,全年未报送信息的不计分。", "4", None, None, "全年未报送信息", "0"),
    ("每完成一项得2分,否则不得分", "4", None, "1项", None, "2"),
    ("村干部要带头遵守制度。建立工作台账的得2分,未建立的不得分。", "2", None, "否", None, "0"),
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "score"), SCORED)
def test_a_rule_wrapped_in_clauses_that_do_not_score_is_read_as_the_rule(
    text: str, weight: str, target: str | None, actual: str | None, note: str | None, score: str
) -> None:
    outcome = try_rule(text, weight=weight, target=target, actual=actual, note=note).outcome
    assert outcome is not None and outcome.score == Decimal(score), outcome


def test_joint_conditions_leave_cases_unstated_and_are_refused() -> None:
    text = "完成植树任务且成活率达85%的得满分。完不成任务且成活率低于85%的不记分。"
    outcome = try_rule(text, weight="10", note="植树1000株,成活率80%").outcome
    assert outcome is None or outcome.score is None


@pytest.mark.parametrize(
    "text",
    [
        "5、6月份未报送报表的各扣1分",  # "5、6月" are months, not a row number
        "1、建立制度得1分;2、开展培训得2分",  # a list: the list readings own its numbers
        "一、二级医院达标得2分",  # "一、二级" is a range of grades
        "达标得2分(以85%为准)",  # a number in the evidence may be a target
        "2.5分,未完成扣1分",  # marks, not a row number
    ],
)
def test_numbers_that_belong_to_the_rule_are_kept(text: str) -> None:
    assert normalize_rule_text(text) == text


@pytest.mark.parametrize(
    ("wrapped", "bare"),
    [
        ("3、招商引资一家加3分。", "招商引资一家加3分。"),
        ("(2)每项加2分。", "每项加2分。"),
        ("积极参与科普活动记4分(以图片、总结上报县科协(科普办)为准);", "积极参与科普活动记4分;"),
        ("完成的得1分,反之,不得分。以各级表彰决定为依据。", "完成的得1分,反之,不得分。"),
        ("查阅相关资料。达到5%得1分", "达到5%得1分"),
    ],
)
def test_a_row_number_and_evidence_notes_are_taken_out_before_any_reading(wrapped: str, bare: str) -> None:
    assert normalize_rule_text(wrapped) == normalize_rule_text(bare)
