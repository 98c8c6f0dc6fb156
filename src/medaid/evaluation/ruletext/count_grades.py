"""Deductions by grade (counts family, s9; ``rules.count_grades``): "一级减50分,二级减30分,三级20,四级减10。扣完得
负分。"

Reading: a sentence of clauses "N级(减|扣)M(分)", the grades in order from 一级, at least three, at least two with
their verb, the points falling as the grade falls (一级 the gravest): a bare number after a grade in such a list
("三级20") is its deduction, as its neighbours' are. A second sentence may only say how low the score goes
("扣完得负分", "扣完为止"). Not read: grades out of order or with rising points, fewer than three, a clause of another
kind, anything else left.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_grades import GradeDeductions
from medaid.evaluation.rules.count_vocab import cn_int

_CLAUSE = re.compile(r"^(?P<g>[一二三四五六七八九]|[1-9])级(?P<verb>减|扣)?(?P<n>\d+(?:\.\d+)?)(?P<fen>分)?$")
_REST = re.compile(r"^(?:扣完(?:可)?得负分|扣完为止|该项可负分|可倒扣|扣完可倒扣)?$")


def grade_deductions(text: str) -> Rule | None:
    """ "一级减50分,二级减30分,三级20,四级减10" (module docstring)."""
    sentences = [s for s in re.split(r"[。;]", text) if s.strip(" ,")]
    if not sentences or len(sentences) > 2 or (len(sentences) == 2 and not _REST.match(sentences[1].strip(" ,"))):
        return None
    found = [_CLAUSE.match(c) for c in sentences[0].split(",")]
    if len(found) < 3 or any(f is None for f in found):
        return None
    clauses = [f for f in found if f is not None]
    grades = [cn_int(f.group("g")) for f in clauses]
    points = [Decimal(f.group("n")) for f in clauses]
    if grades != [Decimal(i + 1) for i in range(len(clauses))] or sum(bool(f.group("verb")) for f in clauses) < 2:
        return None
    if any(a <= b for a, b in pairwise(points)):
        return None
    return GradeDeductions(grades=tuple(range(1, len(clauses) + 1)), points=tuple(points))
