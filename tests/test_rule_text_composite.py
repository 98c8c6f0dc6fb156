"""Texts made of parts, each a requirement with its own marks, added up (issue 13, composite family): numbered
"(1)…(2)…", "①…②…", "1、…2、…", "一是…二是…", or sentences each stating its marks ("得N分", "(N分)", "记N分").
Each row is a text written the way tables write them (not copied from the corpus), the weight, the explanation
and the score worked by hand — None where it must be refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import Inputs
from medaid.evaluation.rules.composite import Composite
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

LEDGER = "(1)建立工作台账得2分,台账不全的每缺1项扣0.5分;(2)按时报送统计报表得1分,未按时报送不得分。"
INSURED = "(1)参保率达95%以上得3分,每低1个百分点扣0.5分;(2)待遇按时足额发放得2分,未按时足额发放不得分。"
VETOED = ("1、完成年度建设任务得2分,每少完成1个百分点扣0.1分。2、档案资料齐全规范得1分,缺1项扣0.2分。"
          "3、出现弄虚作假的,本项不得分。")  # fmt: skip
BOARD = "宣传栏按季度更新(1分),每少更新1次扣0.25分;群众知晓率≥85%(1分),每降低1个百分点扣0.1分。"
MEETING = "按时召开例会记1分,无例会不记分;建立值班制度记1分,未建立不记分;"

# text, weight, explanation, hand score (None: refused), how
# fmt: off
CASES = [
    (LEDGER, "3", "台账缺2项，按时报送统计报表", "2", "2 − 1 = 1；1"),
    (LEDGER, "3", "台账缺5项，按时报送统计报表", "1", "扣完为止 0；1"),
    (LEDGER, "3", "台账缺2项", None, "第2部分未写明"),
    (LEDGER, "3", "台账缺2项，按时报送统计报表，工作扎实", None, "“工作扎实”说不到任何一部分"),
    (LEDGER, "4", "台账缺2项，按时报送统计报表", None, "分值不是合计 3 分"),
    (INSURED, "5", "参保率93%，待遇按时足额发放", "4", "低2个百分点扣1分：2；2"),
    (INSURED, "5", "参保率90%，待遇未按时足额发放", "0.5", "低5个百分点扣2.5分：0.5；0"),
    (INSURED, "5", "参保率96%；待遇按时足额发放", "5", "3；2"),
    ("(1)參保率達95%以上得3分,每低1個百分點扣0.5分;(2)待遇按時足額發放得2分,未按時足額發放不得分。", "5",
     "參保率94%，待遇按時足額發放", "4.5", "繁体：2.5；2"),
    ("一是参保率达95%以上得3分,每低1个百分点扣0.5分;二是待遇按时足额发放得2分,未按时足额发放不得分。", "5",
     "参保率94%，待遇按时足额发放", "4.5", "一是/二是"),
    ("①参保率达95%以上得3分,每低1个百分点扣0.5分;②待遇按时足额发放得2分,未按时足额发放不得分。", "5",
     "参保率95%，待遇未按时足额发放", "3", "①②"),
    (INSURED, "5", "参保率93%，待遇基本按时发放", None, "“基本”：是否符合未写明"),
    (INSURED, "5", "工作开展较好", None, "说不到任何一部分"),
    (VETOED, "3", "完成年度建设任务的98%，档案资料齐全规范", "2.8", "1.8；1；否决情形未提及"),
    (VETOED, "3", "完成年度建设任务的98%，档案资料缺2项", "2.4", "1.8；0.6"),
    (VETOED, "3", "完成年度建设任务的98%，档案资料齐全规范，出现弄虚作假", "0", "整项否决"),
    (VETOED, "3", "完成年度建设任务的98%，档案资料齐全规范，存在弄虚作假问题", "0", "整项否决（存在…问题）"),
    (VETOED, "3", "完成年度建设任务的98%，档案资料齐全规范，未发现弄虚作假", "2.8", "否决情形写明未出现"),
    (VETOED, "3", "完成年度建设任务的98%，档案资料齐全规范，无弄虚作假", "2.8", "否决情形写明无"),
    (BOARD, "2", "宣传栏少更新1次，群众知晓率80%", "1.25", "0.75；0.5"),
    (BOARD, "2", "宣传栏按季度更新，群众知晓率90%", "2", "1；1"),
    (MEETING, "2", "按时召开例会，未建立值班制度", "1", "1；0"),
    (MEETING, "2", "未按时召开例会，建立值班制度", "1", "0；1"),
    (MEETING, "2", "基本按时召开例会，建立值班制度", None, "“基本”"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "expected", "how"), CASES, ids=[c[4] for c in CASES])
def test_each_part_is_scored_from_what_is_said_of_it_and_added_up(text, weight, note, expected, how):
    trial = try_rule(text, weight=weight, note=note)
    assert trial.rule is not None and trial.rule.kind == "composite", text
    assert trial.outcome is not None
    got = trial.outcome.score
    assert got == (None if expected is None else Decimal(expected)), (how, trial.outcome.reason)
    assert "部分" in trial.outcome.reason


def test_the_reason_names_each_part_its_marks_and_what_was_read_for_it():
    outcome = try_rule(INSURED, weight="5", note="参保率93%，待遇按时足额发放").outcome
    assert outcome is not None
    for words in ("第1部分", "（3分）", "第2部分", "（2分）", "参保率93%", "合计 2 + 2 = 4 分"):
        assert words in outcome.reason, words


def test_a_refusal_says_which_part_lacks_what():
    outcome = try_rule(LEDGER, weight="3", note="台账缺2项").outcome
    assert outcome is not None and outcome.score is None
    assert "第2部分" in outcome.reason and "未写明" in outcome.reason


def test_parts_that_hold_score_all_or_nothing_parts_only():
    rule = parse_rule_text(MEETING)
    assert isinstance(rule, Composite)
    assert rule.apply(Inputs(weight=Decimal(2), holds=(2,))).score == Decimal(1)
    ledger = parse_rule_text(LEDGER)
    assert isinstance(ledger, Composite)
    # a part with deductions of its own scores its marks when it holds in full, and nothing settles it otherwise
    assert ledger.apply(Inputs(weight=Decimal(3), holds=(1, 2))).score == Decimal(3)
    assert ledger.apply(Inputs(weight=Decimal(3), holds=(2,))).score is None


@pytest.mark.parametrize("text", [LEDGER, INSURED, VETOED, BOARD, MEETING])
def test_the_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert isinstance(rule, Composite)
    assert round_trips(rule)


@pytest.mark.parametrize(
    "text",
    [
        "优秀得3分;良好得2分;合格得1分。",  # grades of one requirement: not parts
        "完成得3分,基本完成得2分,未完成得1分。",  # grades cut at commas
        "1个乡镇0.5分,满分3分",  # a count and the whole's marks
        "成灾率达标(1分);面积准确有记录(1分);隐瞒不报不给分,每突破1项指标扣1分。",  # a clause of the whole
    ],
)
def test_texts_that_are_not_parts_are_not_read_as_parts(text):
    assert not isinstance(parse_rule_text(text), Composite)
