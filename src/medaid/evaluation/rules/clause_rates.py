"""A rate written in an actual against a clause "…率不达标" of a list, its standard the row's target (faults
family): "建制率85%" against "职代会和厂务公开建制率不达标扣2分" with the target "≥80%"."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import Quantity, compares
from medaid.evaluation.rules.clause_words import Clause, ClauseSaid, share

_SHORT_OF = re.compile(r"(?:不|无)达标|达不到|(?:不|无)达到(?:目标|要求|标准)?$")
_LESS = re.compile(r"结余|投诉|超支|差错|发生|失误|违规|事故|死亡|流失|辍学|空置|闲置")


def rate_said(word: str, clauses: list[Clause], target: Quantity | None) -> ClauseSaid | None:
    """ "建制率85%" against "职代会和厂务公开建制率不达标" with the row's target "≥80%": the one clause of a rate
    short of its standard, the standard being the target (one percentage, its comparator written when the
    rate is one of less-is-better)."""
    found = re.fullmatch(r"(?P<name>\D+?)(?:为|是|达|达到)?(?P<v>\d+(?:\.\d+)?)%", word)
    if found is None or target is None or target.value is None or not target.is_percent:
        return None
    if len(re.findall(r"\d+(?:\.\d+)?", target.text)) != 1:
        return None  # "调处率100%,成功率98%以上": which standard is this rate's?
    name = found.group("name")
    if _LESS.search(name) and target.comparator is None:
        return None  # less is better: "≤" must be written
    hits = [i for i, c in enumerate(clauses) if _SHORT_OF.search(c.text) and share(name, c.text) >= 2 / 3]
    if len(hits) != 1:
        return None
    value = Decimal(found.group("v"))
    met = compares(value, target.comparator, target.value)
    how = f"“{word}”对照指标值{target.describe()}{'达标' if met else '未达标'}"
    return ClauseSaid(frozenset(hits), how=how) if met else ClauseSaid(found={hits[0]: None}, how=how)
