"""Vetoes with a limit of their own beside a per-case deduction: "每1处地块不到位扣2分。淹死或烧死树木10株以上的该项
不得分" — the item scores 0 once the actual states that many (rules/count_words.py reads the actual).

Reading conventions (docs/rules.md, "Counts and ranks"): the limit counts in a counter of its own (株, 户, 人…) or in
%; "N株及以上", "N株(含)以上" include N, "超过/多于/大于N株" do not; a bare "N株以上" is read as including N but not
explicitly, so an actual of exactly N is left to a judge. A limit below ("低于85%"), two conditions in one clause
("断档率高于5%、成活保存率低于85%") or a limit in the deduction's own counter (a cut-off, read by ``cases``) are not
read here.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER
from medaid.evaluation.ruletext.counts import VETO

_LIMIT = re.compile(
    rf"(?P<words>[^\d、]{{2,30}}?)(?P<word>超过|多于|大于)?(?P<n>\d+(?:\.\d+)?)(?P<unit>{COUNTER}|%)"
    r"(?P<suffix>及以上|\(含\)以上|以上)?"
)


def limit_vetoes(text: str, spans: list[tuple[int, int]], unit: str | None) -> tuple[str, ...] | None:
    """Each veto with a limit, written "words≥N株" ("≥?" for a bare 以上, ">" for 超过); the spans read are added.
    None when such a veto is not of a form read here."""
    found: list[str] = []
    for m in VETO.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in spans) or not re.search(r"\d", m.group("cond")):
            continue
        limit = _LIMIT.fullmatch(m.group("cond"))
        if limit is None or limit.group("unit") == unit or re.search(r"低于|少于|不足|以下|、", m.group("cond")):
            return None
        word, suffix = limit.group("word"), limit.group("suffix") or ""
        if (word and suffix) or (not word and not suffix):
            return None  # "超过10株以上": which? "10株的不得分": from 10 on, or at 10 only?
        sign = ">" if word else "≥" if suffix in ("及以上", "(含)以上") else "≥?"
        words = re.sub(r"^(?:发现|出现|有|若|如)+", "", limit.group("words"))
        found.append(f"{words}{sign}{limit.group('n')}{limit.group('unit')}")
        spans.append(m.span())
    return tuple(found)
