"""An actual or an explanation written in words (扣分说明/评分说明) against the faults, items and levels of a rule
text: negations and opposites of the faults, statements that every item holds, partial statements, quantifiers
("任何一个…" against "各…均…"), events, causes, dates, and what must be refused (docs/rules.md, "How an actual
or an explanation speaks of levels, items and faults").

The texts are written the way real tables word these rules, not copied from the corpus; each case's score is
worked by hand from the Chinese alone. ``None``: refused (no number), never a guess."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _score(text: str, weight: str, actual: str | None = None, note: str | None = None) -> tuple[Decimal | None, str]:
    rule = parse_rule_text(text)
    assert rule is not None, text
    assert round_trips(rule)
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note))
    assert outcome.reason
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= Decimal(weight)
    return outcome.score, outcome.reason


# (rule text, weight, explanation (扣分说明), score by hand; None: refused)
# fmt: off
FAULTS = [
    # negation is one word: 不/未/没有; 按时/及时/按期 are one word; 齐全/完整 are the opposites of 不全/不完整
    ("档案资料不完整、不规范的扣2分;未按时报送的扣1分。", 3, "档案资料完整规范，按时报送", "3"),
    ("档案资料不完整、不规范的扣2分;未按时报送的扣1分。", 3, "档案资料完整规范，但没有及时报送", "2"),
    ("档案资料不完整、不规范的扣2分;未按时报送的扣1分。", 3, "档案资料不完整,且未按期报送", "0"),
    ("档案资料不完整、不规范的扣2分;未按时报送的扣1分。", 3, "档案资料完整", None),  # 规范 left unsaid
    ("檔案資料不完整、不規範的扣2分；未按時報送的扣1分", 3, "資料完整規範，按時報送", "3"),  # traditional
    # any one of its subjects ↔ every one
    ("任一乡镇未建立管理台账的扣3分;台账记录不及时的扣1分", 4, "各乡镇均已建立管理台账，记录及时", "4"),
    ("任一乡镇未建立管理台账的扣3分;台账记录不及时的扣1分", 4, "一个乡镇未建立管理台账", "1"),
    ("任一乡镇未建立管理台账的扣3分;台账记录不及时的扣1分", 4, "部分乡镇建立了台账", None),  # partial is not all
    ("县或任一乡镇未制定实施方案的扣2分,未开展督查的扣1分", 3, "县和各乡镇均制定了实施方案,开展了督查", "3"),
    ("县、任何一个乡镇没有工作方案的不得分。", 2, "县和各乡镇均有工作方案", "2"),
    ("县、任何一个乡镇没有工作方案的不得分。", 2, "县有工作方案，其中一个乡镇没有", "0"),  # 没有: the fault's object
    ("县、任何一个乡镇没有工作方案的不得分。", 2, "县有工作方案，其中一个乡镇没有方案", "0"),
    ("县、任何一个乡镇没有工作方案的不得分。", 2, "县有工作方案", None),  # the 乡镇 not said
    # events: 未发现/未发生/无, a count of an event, a negation said of every listed item
    ("发现挪用资金扣5分，发生安全事故扣5分", 10, "未发现挪用，未发生安全事故", "10"),
    ("发现挪用资金扣5分，发生安全事故扣5分", 10, "发现挪用资金1起，未发生安全事故", "5"),
    ("发现挪用资金扣5分，发生安全事故扣5分", 10, "发现0起挪用资金，无安全事故", "10"),
    ("按规定将补助资金发放到户,发现截留扣2分,发现挪用扣2分", 4, "已按规定发放到户，未发现截留、挪用", "4"),
    ("按规定将补助资金发放到户,发现截留扣2分,发现挪用扣2分", 4, "未发现截留，发现挪用", "2"),
    # causes: named by a cause with its effect, denied by a negated effect
    ("因审核把关不严或信息不实导致错发的扣2分", 2, "未因审核问题导致错发", "2"),
    ("因审核把关不严或信息不实导致错发的扣2分", 2, "因信息不实导致错发", "0"),
    ("因审核把关不严或信息不实导致错发的扣2分", 2, "未发生错发", "2"),
    # a fault is denied whole, and a statement must speak of some fault
    ("重复发放扣2分;设立宣传栏、但内容不符合要求扣2分", 4, "未发放", None),  # not the fault's denial
    ("重复发放扣2分;设立宣传栏、但内容不符合要求扣2分", 4, "未重复发放", "4"),
    ("重复发放扣2分;设立宣传栏、但内容不符合要求扣2分", 4, "已设立", None),  # says nothing of the faults
    ("重复发放扣2分;设立宣传栏、但内容不符合要求扣2分", 4, "已设立,内容符合要求,无重复发放", "4"),
    # the object said before its verb; what is not named, said of the rest
    ("未制定实施方案扣2分；未建立工作台账扣1分；资料不齐全扣1分", 4, "实施方案已制定，台账已建立，资料齐全", "4"),
    ("未制定实施方案扣2分；未建立工作台账扣1分；资料不齐全扣1分", 4, "方案未制定", "2"),
    ("未制定实施方案扣2分；未建立工作台账扣1分；资料不齐全扣1分", 4, "台账未建立，其余符合要求", "3"),
    ("未制定实施方案扣2分；未建立工作台账扣1分；资料不齐全扣1分", 4, "实施方案、工作台账均已建立", None),  # 方案: 制定
    ("未制定实施方案扣2分；未建立工作台账扣1分；资料不齐全扣1分", 4, "其余符合要求", None),  # the rest of what?
    # a fault in two parts said as a whole
    ("只建档,不随访的扣2分;只随访,不建档的扣3分;既不建档也不随访的扣5分。", 5, "只建档，没有随访", "3"),
    # a date the fault's text holds, how it was checked, what clears every fault
    ("6月底前完成整改,未开始整改扣4分,整改不到位扣2分", 6, "6月底前未开始整改", "2"),
    ("未建立台账扣2分；台账不全扣1分", 3, "经查，台账健全完整", "3"),
    ("未建立台账扣2分；台账不全扣1分", 3, "经核查,未发现上述问题", "3"),
    ("未建立台账扣2分；台账不全扣1分", 3, "无扣分情形", "3"),
    ("未建立台账扣2分；台账不全扣1分", 3, "无", "3"),  # an explanation "无": nothing to deduct
    ("未建立台账扣2分；台账不全扣1分", 3, "部分台账不全", None),  # 部分 names no fault of its own
    # a deduction the explanation states must be the named faults'
    ("未建立台账扣2分；台账不全扣1分", 3, "台账不全，扣1分", "2"),
    ("未建立台账扣2分；台账不全扣1分", 3, "台帐不全（扣1分）", "2"),
    ("未建立台账扣2分；台账不全扣1分", 3, "台账不全，扣2分", None),
    ("未建立台账扣2分；台账不全扣1分", 3, "扣1分", None),
    ("未建立台账扣2分；台账不全扣1分", 3, "不扣分", "3"),
    ("未建立台账扣2分；台账不全扣1分", 3, "台账基本齐全", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "hand"), FAULTS, ids=[f"{f[0][:14]}|{f[2]}" for f in FAULTS])
def test_an_explanation_names_or_denies_the_faults(text, weight, note, hand):
    score, reason = _score(text, str(weight), note=note)
    assert score == (None if hand is None else Decimal(hand)), reason


def test_a_bare_none_as_the_actual_does_not_clear_the_faults():
    # "无" typed as the actual may say that the fault happened (无台账) or that none did
    score, _ = _score("未建立台账扣2分；台账不全扣1分", "3", actual="无")
    assert score is None


# (rule text, weight, actual, score by hand; None: refused)
# fmt: off
REQUIREMENTS = [
    # joined requirements with their 否则: a denial of one, or of a part of one, is 否
    ("各乡镇均建立工作台账并按月更新的得3分，否则不得分", 3, "均建立台账并按月更新", "3"),
    ("各乡镇均建立工作台账并按月更新的得3分，否则不得分", 3, "建立台账但未按月更新", "0"),
    ("各乡镇均建立工作台账并按月更新的得3分，否则不得分", 3, "个别乡镇未建立台账", "0"),  # partial failure: not met
    ("各乡镇均建立工作台账并按月更新的得3分，否则不得分", 3, "部分乡镇建立了台账", None),  # partial: never all
    ("各乡镇均建立工作台账并按月更新的得3分，否则不得分", 3, "均建立台账", None),  # 按月更新 unsaid
    ("经现场查看,入户时佩戴工作证并出示告知书的得2分,否则不得分", 2, "入户时均佩戴工作证，出示了告知书", "2"),
    ("经现场查看,入户时佩戴工作证并出示告知书的得2分,否则不得分", 2, "有的村入户时未出示告知书", "0"),
    ("重点项目资金管理规范,未发现违规使用的,得4分,否则不得分。", 4, "发现2起违规使用", "0"),
    ("发现问题按时整改到位的得2分,否则不得分", 2, "无需整改", None),  # 无需 negates nothing
    # a quality before or after its verb; a list that is all there
    ("资金到位及时得2分，不及时不得分", 2, "资金已按时到位", "2"),
    ("资金到位及时得2分，不及时不得分", 2, "资金到位", None),  # 及时 unsaid
    ("①有年度工作计划（1分）；②有工作总结（1分）；③有工作台帐（1分）", 3, "计划、总结、台账齐全", "3"),
    ("①有年度工作计划（1分）；②有工作总结（1分）；③有工作台帐（1分）", 3, "有工作计划和总结，无台账", "2"),
    ("①有年度工作计划（1分）；②有工作总结（1分）；③有工作台帐（1分）", 3, "资料齐全", None),
    # levels that the description denies all of
    ("按要求报送申请材料的得1分,通过评审的得3分。", 3, "未报送申请材料,未通过评审", "0"),
    ("按要求报送申请材料的得1分,通过评审的得3分。", 3, "未报送", None),  # 通过评审 not said
    ("按要求报送申请材料的得1分,通过评审的得3分。", 3, "已报送,未通过评审", None),  # leaves out 按要求
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), REQUIREMENTS,
                         ids=[f"{r[0][:14]}|{r[2]}" for r in REQUIREMENTS])  # fmt: skip
def test_an_actual_meets_or_denies_joined_requirements(text, weight, actual, hand):
    score, reason = _score(text, str(weight), actual=actual)
    assert score == (None if hand is None else Decimal(hand)), reason


# (rule text, weight, explanation, score by hand; None: refused)
# fmt: off
ITEMS = [
    ("春季免疫、秋季免疫、免疫档案整理三项工作任务,任何一项任务未完成,扣2分。", 6, "三项工作任务全部完成", "6"),
    ("春季免疫、秋季免疫、免疫档案整理三项工作任务,任何一项任务未完成,扣2分。", 6, "秋季免疫未完成,其余两项完成", "4"),
    ("春季免疫、秋季免疫、免疫档案整理三项工作任务,任何一项任务未完成,扣2分。", 6, "两项未完成,仅春季免疫完成", "2"),
    ("春季免疫、秋季免疫、免疫档案整理三项工作任务,任何一项任务未完成,扣2分。", 6, "秋季免疫未完成,其余三项完成", None),
    ("春季免疫、秋季免疫、免疫档案整理三项工作任务,任何一项任务未完成,扣2分。", 6, "一项未完成,仅春季免疫完成", None),
    ("春季免疫、秋季免疫、免疫档案整理三项工作任务,任何一项任务未完成,扣2分。", 6, "秋季免疫部分完成,其余两项完成", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "hand"), ITEMS, ids=[i[2] for i in ITEMS])
def test_an_explanation_says_which_items_hold(text, weight, note, hand):
    score, reason = _score(text, str(weight), note=note)
    assert score == (None if hand is None else Decimal(hand)), reason


# --- rewritten explanations: the same score or a refusal, never another number ----------------------------


@functools.cache
def _s2t() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("s2t").convert
    return convert


def _traditional(text: str) -> str:
    return _s2t()(text)


REWRITES = {
    "semicolons": lambda t: t.replace("，", "；").replace(",", ";"),
    "full-width": lambda t: t.replace(",", "，").replace(";", "；"),
    "没有": lambda t: t.replace("未", "没有"),
    "未": lambda t: t.replace("没有", "未"),
    "经查": lambda t: "经查，" + t,
    "已": lambda t: t.replace("已", ""),
    "traditional": _traditional,
    "spaces": lambda t: t.replace("，", "， "),
}


def _corpus_words() -> list[tuple[str, str, str | None, str | None, Decimal | None]]:
    from tests.corpus_cases import load

    out = []
    for entry in load():
        if entry.shape not in ("yes_no", "checklist", "levels", "per_case") or not entry.mechanical:
            continue
        for case in entry.cases:
            said = case.actual or case.explanation
            if said and not any(ch.isdigit() for ch in said):
                out.append((entry.text, str(entry.weight), case.actual, case.explanation, case.score))
    return out


WORDED = [(t, str(w), None, n, Decimal(h) if h is not None else None) for t, w, n, h in FAULTS + ITEMS]
WORDED += [(t, str(w), a, None, Decimal(h) if h is not None else None) for t, w, a, h in REQUIREMENTS]


@pytest.mark.parametrize("how", sorted(REWRITES))
def test_a_rewritten_explanation_scores_the_same_or_is_refused(how):
    from medaid.evaluation.actual_text import apply_rule

    rewrite = REWRITES[how]
    rules = {}
    for text, weight, actual, note, hand in WORDED + _corpus_words():
        rule = rules.setdefault(text, parse_rule_text(text))
        if hand is None or rule is None:
            continue
        said, explained = actual and rewrite(actual), note and rewrite(note)
        outcome = apply_rule(rule, Inputs(weight=Decimal(weight), actual=parse_quantity(said), note=explained))
        assert outcome.score is None or outcome.score == hand, f"{how}: {text} | {said or explained} → {outcome}"
