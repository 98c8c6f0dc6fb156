"""Several formulas in one text, one a sentence, each for its own subject with its own marks: "重点(精品)工程完成率
达到100%,得10分,低于100%,得分=任务完成率×10分;造林成活率达95%,得10分,低于95%,得分=造林成活率×10分".

Every sentence (split at 。 and ;, numbering "1." / "(1)" aside) must be a written formula read by
``formulas.formula`` whose full marks are written as a number (``×10分``, "得10分"), and must begin with its
subject (the words before 达到/达/≥/不低于/为/a number). The subjects must differ and none may hold another, so
that an actual's labels ("重点工程完成率90%，造林成活率95%") pick one part each. The parts are added up
(``rules.parts.StepSum``, shared with the step readings): the row's weight must be their marks' sum, and
each part's value is read from the actual or the explanation by its label — never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.formulas import Formula, FormulaValue
from medaid.evaluation.rules.items import item_core
from medaid.evaluation.rules.parts import Part, StepSum

_NUMBERING = re.compile(r"^(?:\(?\d{1,2}\)|\d{1,2}[.、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])")
_SUBJECT = re.compile(r"^([\u4e00-\u9fa5()]{2,24}?(?:率|度|比例))(?=在|达到|达|≥|不低于|不少于|为|\d)")


def formula_sum(text: str) -> Rule | None:
    """ "A率达到100%,得10分,低于100%,得分=A率×10分;B率…" (module docstring)."""
    from medaid.evaluation.ruletext.formulas import formula  # the single-formula reader reads each part

    pieces = [_NUMBERING.sub("", p.strip(", ")) for p in re.split(r"[。;]", text)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or "×" not in text:
        return None
    parts: list[Part] = []
    for piece in pieces:
        subject = _SUBJECT.match(piece)
        rule = formula(piece)
        if subject is None or not isinstance(rule, Formula) or not isinstance(rule.points, Decimal):
            return None
        name = re.sub(r"\([^()]*\)", "", subject.group(1))  # "重点(精品)工程完成率": as an actual writes it
        parts.append(Part(name, rule.points, rule))
    cores = [item_core(p.name) for p in parts]
    if any(a in b for i, a in enumerate(cores) for j, b in enumerate(cores) if i != j):
        return None  # "成活率" and "造林成活率": an actual's label could pick either
    return StepSum(parts=tuple(parts))


# "儿童健康管理率达到目标值(抽查的儿童保健覆盖率/85%×10计算得分)": the goal restated, then how it is scored, in
# parentheses. The family: a subject of up to 20 characters, 达到/完成/达 and 目标值/目标/指标值/任务, then one
# parenthesized formula (a / or ×, ending in 计算得分/计分/得分/计算) and nothing else. The goal says no more than the
# formula (which gives full marks where the rate reaches its divisor), so the formula alone is read — when the goal
# names no rate, or the rate the formula divides. When the goal names another rate ("儿童健康管理率达到目标值(抽查的
# 儿童保健覆盖率/85%×10…)") the row's actual is taken for the formula's rate only when the row's target is the
# formula's divisor (≥85%): then both say the same goal; any other target is refused when scored.
_GOAL_THEN_FORMULA = re.compile(
    r"(?P<goal>[\u4e00-\u9fa5]{0,20}?)(?:达到|完成|达)(?:年度)?(?:目标值|目标|指标值|任务)[,:]?"
    r"\((?P<inner>[^()]*[×/][^()]*(?:计算得分|计分|得分|计算))\)。?"
)


def goal_then_formula(text: str) -> Rule | None:
    """ "A率达到目标值(B率/85%×10计算得分)" → the formula in parentheses, when it reads as one."""
    from medaid.evaluation.ruletext.formulas import formula

    goal = _GOAL_THEN_FORMULA.fullmatch(text)
    if goal is None:
        return None
    rate = re.search(r"[\u4e00-\u9fa5]{2,12}(?:率|度)$", goal.group("goal"))
    read = formula(goal.group("inner"))
    if rate is not None and rate.group(0)[-4:] not in goal.group("inner"):
        # "A率达到目标值(抽查的B率/85%×10)": is the row's actual A or B? Taken for B only when the row's target
        # is the formula's divisor (checked when scored, ``Formula.rate_at_target``); a ratio or an interpolated
        # formula has no such divisor and is refused
        read = _as_rate_formula(read)
        if read is None or read.value is not FormulaValue.RATE or read.low != 0 or read.unit != "%":
            return None
        if read.full_from is not None or read.zero_below is not None or read.full_when_met:
            return None
        return replace(read, rate_at_target=True)
    return read


_RATE_OVER = re.compile(r"实际值/(?P<den>\d+(?:\.\d+)?)%×(?P<points>\d+(?:\.\d+)?)")


def _as_rate_formula(read: Rule | None) -> Formula | None:
    """The formula "率/85%×10" as a ``Formula`` (the arithmetic reader gives it as the expression "实际值/85%×10")."""
    from medaid.evaluation.rules.expressions import Expression

    if isinstance(read, Formula):
        return read
    if not isinstance(read, Expression) or read.value_kind != "rate" or read.exempt or read.vetoes:
        return None
    if read.otherwise is not None or read.most is not None or read.zero_below is not None or read.full_from is not None:
        return None
    if read.full_when_met or read.lower_better or read.capped or read.cap_value:
        return None
    over = _RATE_OVER.fullmatch(read.expression)
    if over is None or Decimal(over.group("den")) <= 0:
        return None
    return Formula(high=Decimal(over.group("den")), points=Decimal(over.group("points")), text=read.text)
