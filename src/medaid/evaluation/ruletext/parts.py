"""Several per-step rules in one text, one a sentence, each for its own subject with its own marks
(``rules.parts``): "新植树木成活率在90%以上得15分,每下降1个百分点扣0.5分,直至扣完为止;新植树木保存率在90%以上
得15分,每下降1个百分点扣0.5分,直至扣完为止".

Every sentence (split at 。 and ;, numbering "1." / "(1)" aside) must be a per-step deduction read by
``deductions.per_point`` with full marks of its own written as a number, and must begin with its subject (the
words before 在/达到/≥/不低于/a number/每/得): the subjects must differ and none may hold another, so that an
actual's labels ("成活率86%，保存率80%") pick one part each.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import PerPoint, Rule
from medaid.evaluation.rules.items import item_core
from medaid.evaluation.rules.parts import Part, StepSum
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.step_parts import full_in_words

_NUMBERING = re.compile(r"^(?:\(?\d{1,2}\)|\d{1,2}[.、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])")
_SUBJECT = re.compile(r"^([\u4e00-\u9fa5()]{2,20}?)(?=在|达到|达|≥|不低于|不少于|\d|每|得|为)")


def step_sum(text: str) -> Rule | None:
    """ "A率…得15分,每下降1个百分点扣0.5分;B率…得15分,每下降…" (module docstring)."""
    text = full_in_words(text)  # "得100%分" is full marks
    pieces = [_NUMBERING.sub("", p.strip(", ")) for p in re.split(r"[。;]", text)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return None
    parts: list[Part] = []
    for piece in pieces:
        subject = _SUBJECT.match(piece)
        rule = per_point(piece)
        if subject is None or not isinstance(rule, PerPoint) or not isinstance(rule.full, Decimal):
            return None
        if rule.reference is None and rule.from_zero:
            return None  # "每少更新1次扣0.25分": a count of faults, not a value labelled with the subject
        parts.append(Part(subject.group(1), rule.full, rule))
    cores = [item_core(p.name) for p in parts]
    if any(a in b for i, a in enumerate(cores) for j, b in enumerate(cores) if i != j):
        return None  # "成活率" and "新植树木成活率": an actual's label could pick either
    return StepSum(parts=tuple(parts))
