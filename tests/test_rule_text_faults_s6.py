"""Statements of an actual against lists of clauses (faults family, session 6): denials of events shared by
several kinds ("无非访"), statements that all was done ("工作均已开展"), counts written in words ("缺1份责任状"),
rates against the row's target ("建制率85%"), and lists of faults read statement by statement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.clause_cover import read_clause_statement
from tests.rule_checks import rule_score


def _score(text: str, weight: str, actual: str | None = None, note: str | None = None,
           target: str | None = None) -> Decimal | None:  # fmt: skip
    return rule_score(text, weight, actual=actual, note=note, target=target)


_PETITIONS = "进京上访扣6分/批次，赴省上访扣4分/批次，到市上访扣2分/批次"
_STRANDED = ("有人员在京滞留,属地单位没有及时到场接回的扣4分/批次;有人员在省滞留,属地单位没有及时到场接回的扣2分/批次;"
             "有人员在市滞留,属地单位没有及时到场接回的扣1分/批次。")  # fmt: skip
_WORK = "未开展隐患排查工作,每次扣1分;未开展应急演练工作每次扣1分。"
_DUTIES = ("1、未制定年度培训计划的扣2分;2、未签订安全承诺书的,每缺1份扣1分;"
           "3、合同中存在转包内容的每有1份扣0.5分;4、未按季度开展检查的,每缺一次扣1分.")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        # a denial of the thing several kinds share clears them all; of the things of some, those
        (_PETITIONS, "6", "全年无上访", "6"),
        (_PETITIONS, "6", "未发生上访", "6"),
        (_PETITIONS, "6", "赴省上访1批次", "2"),
        # all done, said of every kind; of one kind by its subject; a count of one kind by its words
        (_STRANDED, "4", "各批次滯留人員均及時到場接回", "4"),
        (_STRANDED, "4", "在省滞留没有及时到场接回1批次", "2"),
        (_STRANDED, "4", "在京滞留未及时接回1批次；在市滞留未及时接回2批次", "0"),
        (_WORK, "5", "两项工作都已开展", "5"),
        (_WORK, "5", "各项工作均已开展", "5"),
        # counts written in words: 缺N份 of the kind counted in 份 that names the thing; N次 of the one in 次
        (_DUTIES, "5", "缺2份承诺书", "3"),
        (_DUTIES, "5", "季度检查缺1次，1份合同存在转包内容", "3.5"),
        # near misses: a quality the kind asks, not said; an event's own mark left out; a count of no kind
        (_STRANDED, "4", "各批次滞留人员均已到场接回", None),
        ("超范围使用1次扣1分，违规报销1次扣2分。", "4", "范围使用2次", None),
        (_WORK, "5", "工作均已开展，发生事故1起", None),
    ],
)
def test_statements_against_kinds_of_case(text: str, weight: str, actual: str, hand: str | None) -> None:
    assert _score(text, weight, actual) == (None if hand is None else Decimal(hand))


@pytest.mark.parametrize(
    ("text", "weight", "actual", "target", "hand"),
    [
        # each statement read against the list: restated done, named, a denial of all
        ("未建立工作机制,扣2分;有违规收费或乱收费扣3分。", "5", "已建立工作机制，无违规收费、乱收费", None, "5"),
        ("未建立工作机制,扣2分;有违规收费或乱收费扣3分。", "5", "未建立工作机制", None, "3"),
        ("没有培训扣4分,无培训记录扣2分。", "4", "已培训，无培训记录", None, "2"),
        ("未明確負責人、聯絡員的不得分。", "3", "均已明确", None, "3"),
        ("抽查科室未严格执行制度或不符合规定给予报销的,分别扣1分。", "2", "抽查科室均无问题", None, "2"),
        # a rate against the row's target (one percentage): short of it names the clause
        ("参保覆盖率不达标扣2分,未开展宣传扣1分", "3", "覆盖率92%，已开展宣传", "≥90%", "3"),
        ("参保覆盖率不达标扣2分,未开展宣传扣1分", "3", "覆盖率88%，已开展宣传", "≥90%", "1"),
        ("参保覆盖率不达标扣2分,未开展宣传扣1分", "3", "覆盖率88%，未开展宣传", "90%以上", "0"),
        # near misses: a denial of one alternative; what is done said of one object of three; a count of a
        # fault the text does not count; a less-is-better rate without its comparator; two standards
        ("未建立工作机制,扣2分;有违规收费或乱收费扣3分。", "5", "已建立工作机制，无违规收费", None, None),
        ("未明确负责人、联络员和专班的不得分。", "3", "已明确负责人", None, None),
        ("抽查科室未严格执行制度或不符合规定给予报销的,分别扣1分。", "2", "3个科室未严格执行制度", None, None),
        ("投诉率不达标扣2分,未开展回访扣1分", "3", "投诉率3%，已开展回访", "5%", None),
        ("参保覆盖率不达标扣2分,未开展宣传扣1分", "3", "覆盖率92%，已开展宣传", "覆盖率95%,续保率90%", None),
    ],
)
def test_fault_lists_read_statement_by_statement(
    text: str, weight: str, actual: str, target: str | None, hand: str | None
) -> None:
    assert _score(text, weight, actual, target=target) == (None if hand is None else Decimal(hand))


def test_a_statement_is_read_once_or_not_at_all() -> None:
    kinds = ["进京上访", "赴省上访", "到市上访"]
    said = read_clause_statement("无上访", kinds)
    assert said is not None and said.cleared == {0, 1, 2}
    assert read_clause_statement("无越级访", kinds) is None  # a thing no clause states
    # "无房户" against "有危房户或无房户": the clause's term named, or 房户 denied?
    assert read_clause_statement("无房户", ["未实现集中供养", "有危房户或无房户"]) is None


def test_words_that_only_look_negated_are_no_negation() -> None:
    # "四不放过" is a principle's name: "已主动进行四不放过程序" never names "未主动进行四不放过程序"
    said = read_clause_statement("已主动进行四不放过程序", ["性质严重,未主动进行四不放过程序"])
    assert said is None or not said.found
    said = read_clause_statement("无故拖延办理2次", ["无故拖延办理的每次", "未按时受理的每次"], ["次", "次"])
    assert said is not None and said.found == {0: Decimal(2)}
    # a circumstance beside a fault that scores 0 is read too, or the description is refused
    assert (
        _score("性质严重,未主动进行“四不放过”程序本项不得分", "10", "发生重大未遂事故1起，未进行四不放过程序") is None
    )
