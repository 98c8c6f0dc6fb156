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
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.formulas import Formula
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
