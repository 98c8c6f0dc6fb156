"""One formula while the target is met, another while it is not: "达到年度任务要求的,按达标率×50计分;未达到的,
按达标率×50×0.8计分"; "达到年度目标的,按完成率×分值计分;否则按完成率×分值×0.5计分"; "…;未达到的,不得分".

Reading conventions: the two formulas' own conditions are the target met ("达到/完成/实现 + 目标/任务/计划/指标/
要求/标准") and not met (the same with 未/没有/不能, or 否则/其余/反之); both formulas name the same value and not
the target; the row's target chooses (``rules.expressions.Expression.otherwise``), and the missed-target
formula may not score more at the target than the met one (else refused when scored).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.arithmetic import ACTUAL, TARGET, ExpressionError, parse, variables
from medaid.evaluation.rules.expressions import Expression

# "Ⅲ类以上水质比例达到年度任务书要求的", "未达到的", "否则": a formula's own condition of meeting the target
_MET_OWN = re.compile(
    r"^(?P<subject>[^,;。]*?)(?P<neg>未|没有|未能|不能)?(?:达到|完成|实现)(?P<what>[\u4e00-\u9fa5]{0,16}?)(?:的|者|时)?,?$"
)
_TARGET_WORDS = re.compile(r"目标|任务|计划|指标|要求|标准")


_UNMET_ZERO = re.compile(r"^(?P<own>[^,;。]*?)(?:的|者|时)?,?(?:该项|本项)?(?:不得分|不计分|得0分|计0分|为0分|0分)$")


def unmet_zero(clauses: list[str], formula: str) -> tuple[str, re.Match[str]] | None:
    """ "未达到的,不得分" beside a formula for the target met: the formula "0" while it is not met."""
    other = next(c for c in clauses if c != formula)
    m = _UNMET_ZERO.match(other)
    if m is None:
        return None
    zero = re.match(r"^(?P<own>.*)(?P<expr>)$", f"{m.group('own')},")
    return (other, zero) if zero is not None else None


def met_or_not(text: str, formulas: list[tuple[str, re.Match[str]]], capped: bool) -> Expression | None:
    """ "达到年度任务要求的,按比例×50计分;未达到的,按比例×50×0.8计分": one formula while the target is met,
    another while it is not, over one named value."""
    from medaid.evaluation.ruletext.expressions import OTHER, formula_words  # the one formula reader's words

    sides: dict[bool, str] = {}
    names: set[str] = set()
    kinds: set[str] = set()
    whats: set[str] = set()
    for _, m in formulas:
        own = m.group("own").rstrip(",")
        cond = _MET_OWN.match(own)
        if cond is not None:
            met = cond.group("neg") is None
            if cond.group("what"):
                if not _TARGET_WORDS.search(cond.group("what")):
                    return None
                whats.add(cond.group("what"))
        elif OTHER.fullmatch(own):
            met = False
        else:
            return None
        if met in sides:
            return None
        if not m.group("expr") and not met:
            sides[met] = "0"  # "未达到的,不得分"
            continue
        read = formula_words(m.group("expr").rstrip("。;,"))
        if read is None:
            return None
        canonical, name, kind = read
        try:
            tree = parse(canonical)
        except ExpressionError:
            return None
        if ACTUAL not in variables(tree) or TARGET in variables(tree):
            return None
        sides[met] = canonical
        names.add(name)
        kinds.add(kind)
    if len(whats) > 1 or len(names) != 1 or len(kinds) != 1 or set(sides) != {True, False}:
        return None
    name = names.pop()
    return Expression(
        expression=sides[True],
        otherwise=sides[False],
        name=name,
        value_kind=kinds.pop(),
        capped=capped,
        text=text,
        read_as=f"达到指标值时按“{sides[True]}”计分，未达到时"
        + ("不得分" if sides[False] == "0" else f"按“{sides[False]}”计分")
        + f"（实际值为{name}）",
    )
