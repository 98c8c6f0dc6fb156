"""Per-step deductions: "每低于1个百分点扣1分" (per case found: ``cases``)."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Direction, Partial, PerPoint, Rule
from medaid.evaluation.ruletext.common import NUM, POINTS, deduction_caps, residual, unexplained

# --- per percentage point ---------------------------------------------------------------

_PER_POINT = re.compile(
    r"每(低于|少于|减少|下降|降低|不足|高于|超过|超出|增加|上升|多于|提高|延迟|推迟|少|差|缺|超|多)"
    rf"(目标值|目标|指标值|标准值|标准)?{NUM}?(百分点|%|个工作日|工作日|天|日|人次|人|次|户|家|个|项|件)?"
    rf"[^扣;。]{{0,8}}?扣(?:减|除)?{NUM}分"
)
_BELOW = {"低于", "少于", "减少", "下降", "降低", "不足", "少", "差", "缺"}
_DELAY = {"延迟", "推迟"}


def _reference(before: str) -> re.Match[str] | None:
    match = re.search(rf"以{NUM}%为标准", before)
    if match:
        return match
    for pattern in (rf"[≤≥<>=]{NUM}%?", rf"{NUM}%", rf"完成{NUM}%"):
        match = re.search(pattern, before)
        if match:
            return match
    return None


def per_point(text: str) -> Rule | None:
    """ "100%完成得6分，每低于1个百分点扣1分，扣完为止" and its kin.

    Limits are understood too: "低于80%不得分", "最多扣3分", "最低得2分",
    "扣完3分为止". Any other score left in the text makes it not understood.
    """
    match = _PER_POINT.search(text)
    if match is None or "每发现" in text[: match.start() + 3]:
        return None
    word, against, step_text, unit, points = match.groups()
    step = Decimal(step_text) if step_text else Decimal(1)
    if step <= 0:
        return None
    below = word in _BELOW
    spans = [match.span()]
    before = text[: match.start()]
    full_match = POINTS.search(before)
    full = Decimal(full_match.group(1)) if full_match else None
    if full_match:
        spans.append(full_match.span())
    min_score: Decimal | None = None
    zero_beyond: Decimal | None = None
    full, max_deduction = deduction_caps(text, full, spans)
    for limit in re.finditer(rf"最低(?:得)?{NUM}分", text):
        min_score = Decimal(limit.group(1))
        spans.append(limit.span())
    words = r"低于|不足|小于|少于" if below else r"高于|超过|大于|超出"
    for limit in re.finditer(rf"(?:{words}){NUM}%?(?:的)?,?(?:不得分|得0分|计0分)", text):
        zero_beyond = Decimal(limit.group(1))
        spans.append(limit.span())
    ceil = re.search(r"不足\d*(?:\.\d+)?(?:百分点|%)?(?:的)?(?:按|以)\d*(?:\.\d+)?(?:百分点|%)?计(?:算)?", text)
    if ceil:
        spans.append(ceil.span())
    raw_unit = unit if unit not in (None, "百分点", "%") else None
    on_completion = bool(against and "目标" in against) or "完成目标任务量" in before
    reference: Decimal | None = None
    if word in _DELAY:
        reference = ZERO
    elif not on_completion and raw_unit is None:
        found = _reference(before)
        if found:
            reference = Decimal(found.group(1))
            spans.append(found.span())
    if unexplained(residual(text, spans)):
        return None
    return PerPoint(
        direction=Direction.BELOW if below else Direction.ABOVE,
        step=step,
        points=Decimal(points),
        reference=reference,
        full=full,
        partial=Partial.CEIL if ceil else Partial.LINEAR,
        on_completion=on_completion,
        unit=raw_unit,
        zero_beyond=zero_beyond,
        max_deduction=max_deduction,
        min_score=min_score,
        explicit_reading=bool(ceil),
    )
