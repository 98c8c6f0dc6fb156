"""Per-case deductions: "…执行得5分，每发现1例超标准执行扣0.5分，扣完为止", with a cut-off
("发现3例及以上不得分", "超过3例不得分") or a cap ("最多扣2分", "扣完2分为止").

Reading of a cut-off (docs/rules.md):
- "N例及以上", "N例（含）以上", "N例以上（含N例）", "达到/满/不少于N例": from N on, N included;
- "超过/多于/大于N例", "N例以上（不含N例）": above N, N excluded;
- "N例以上" alone: read as including N (《民法典》第一千二百五十九条, as "以上" is read in
  bands), but marked as not explicit, so the audit only warns when a stated score
  follows the other reading;
- "N例不得分" with neither word: not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import PerCase, Rule
from medaid.evaluation.ruletext.common import NUM, POINTS, deduction_caps, residual, unexplained

_COUNTER = r"(?:处|例|项|次|起|笔|条|个|件)"
_PER_CASE = re.compile(rf"(?:每(?:发现|出现|有)?|有|发现)(\d+(?:\.\d+)?)?{_COUNTER}([^扣;。]{{0,24}}?)扣{NUM}分")
# Words in a per-case clause's middle that belong to a cut-off, not to the deduction.
_NOT_DEDUCTION = re.compile(r"不得分|得0分|以上|(?:超过|多于|大于)\d")
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CUT_OFF = re.compile(
    r"(?:发现|出现|有|累计|问题)?"
    r"(超过|多于|大于|高于|超出|达到|满|不少于|不低于)?"
    rf"(\d+|[{''.join(_NUMERALS)}]){_COUNTER}"
    r"(及以上|\(含\)以上|以上\(含[^)]*\)|以上\(不含[^)]*\)|以上)?"
    r"(?:的)?,?(?:则)?(?:该项|此项|本项)?(?:不得分|得0分|计0分|不计分)"
)
_EXCLUSIVE_WORDS = {"超过", "多于", "大于", "高于", "超出"}


def _cut_off(text: str) -> tuple[re.Match[str], Decimal, bool, bool] | None:
    """The cut-off clause, its count, whether the count is included and whether the text says so."""
    match = _CUT_OFF.search(text)
    if match is None:
        return None
    word, number, suffix = match.groups()
    count = Decimal(_NUMERALS[number]) if number in _NUMERALS else Decimal(number)
    if word in _EXCLUSIVE_WORDS or (suffix or "").startswith("以上(不含"):
        return match, count, False, True
    if suffix in ("及以上", "(含)以上") or (suffix or "").startswith("以上(含") or (word and not suffix):
        return match, count, True, True
    if suffix == "以上":
        return match, count, True, False
    return None  # "发现3例不得分": neither 以上 nor 超过 — not understood


def per_case(text: str) -> Rule | None:
    """ "…执行得5分，每发现1例超标准执行扣0.5分，扣完为止" and its limits.

    Any other score, bonus or deduction left in the text makes it not understood.
    """
    match = next((m for m in _PER_CASE.finditer(text) if not _NOT_DEDUCTION.search(m.group(2))), None)
    if match is None:
        return None
    per, _, points = match.groups()
    spans = [match.span()]
    full_match = POINTS.search(text[: match.start()])
    full = Decimal(full_match.group(1)) if full_match else None
    if full_match:
        spans.append(full_match.span())
    full, max_deduction = deduction_caps(text, full, spans)
    cut_off = _cut_off(text)
    zero_cases: Decimal | None = None
    inclusive, explicit, wording = True, True, None
    if cut_off is not None:
        found, zero_cases, inclusive, explicit = cut_off
        spans.append(found.span())
        wording = found.group(0)
    elif re.search(rf"{_COUNTER}[^;。]{{0,6}}(?:不得分|得0分|计0分)", text):
        return None  # a cut-off of a wording not listed above
    if unexplained(residual(text, spans)):
        return None
    return PerCase(
        points=Decimal(points),
        per=Decimal(per) if per else Decimal(1),
        full=full,
        zero_cases=zero_cases,
        zero_inclusive=inclusive,
        zero_wording=wording,
        max_deduction=max_deduction,
        explicit_reading=explicit,
    )
