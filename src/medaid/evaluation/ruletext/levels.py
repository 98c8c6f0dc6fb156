"""Shapes an evaluator scores by judgement: numbered checklists, qualitative levels, met-or-judged."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Checklist, Judgement, Level, Qualitative, RateTimesWeight, Rule
from medaid.evaluation.ruletext.common import NUM, STEPWISE, TIMES_WEIGHT, first_points

# --- numbered checklists ---------------------------------------------------------------

_ITEM = re.compile(r"(?:^|(?<=[;。,:]))(\d{1,2})[.、](?!\d)")


def checklist(text: str) -> Rule | None:
    """ "1. …的，得3分。…2. …的，得2分。" — items scored by the evaluator."""
    starts = [m for m in _ITEM.finditer(text)]
    numbers = [int(m.group(1)) for m in starts]
    if len(starts) < 2 or numbers[:2] != [1, 2]:
        return None
    items: list[Decimal] = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        found = [Decimal(x) for x in re.findall(rf"(?:得|计){NUM}分", text[m.end() : end])]
        items.append(max(found) if found else ZERO)
    return Checklist(items=tuple(items))


def single_condition(text: str) -> Rule | None:
    """ "资金使用单位档案管理规范，各项档案资料完整的，得1分。" — one condition, judged."""
    found = re.findall(rf"(?:得|计){NUM}分", text)
    if len(found) == 1 and re.search(rf"的,?得{NUM}分[。;]?$", text) and "扣" not in text:
        return Checklist(items=(Decimal(found[0]),))
    return None


# --- qualitative ------------------------------------------------------------------------

_SCALES: dict[str, tuple[tuple[str, Decimal], ...]] = {
    "优良中低差": (("优", Decimal(1)), ("良", Decimal("0.8")), ("中", Decimal("0.6")),
                ("低", Decimal("0.4")), ("差", ZERO)),
    "优良中差": (("优", Decimal(1)), ("良", Decimal("0.8")), ("中", Decimal("0.6")), ("差", ZERO)),
    "好较好一般差": (("好", Decimal(1)), ("较好", Decimal("0.8")), ("一般", Decimal("0.6")),
                ("差", ZERO)),
}  # fmt: skip

_LEVEL = re.compile(rf"([^,;。:]+?)(?:的)?,?(?:(?:得|计){NUM}分|扣{NUM}分|(不得分|得满分|得一半|得半分))")


def qualitative(text: str) -> Rule | None:
    """ "定性，优良中低差"; "相符的得10分，基本相符的得6分，调整较大的扣10分"."""
    for key, scale in _SCALES.items():
        if key in text and ("定性" in text or len(text) <= len(key) + 6):
            return Qualitative(levels=tuple(Level(n, fraction=f) for n, f in scale))
    if STEPWISE.search(text):
        return None  # a per-step deduction no other shape understood
    if TIMES_WEIGHT.search(text):
        # "全部到位的，得3分；部分到位的，按分值乘以资金到位率计算得分；未到位的，不得分" is
        # rate × weight over the whole range; other mixes are not understood.
        if re.search(r"全部[^;。]*?得\d", text) and re.search(r"部分[^;。]*?×", text):
            return RateTimesWeight()
        return None
    raw = _LEVEL.findall(text)
    if len(raw) < 2 or any(re.search(r"\d", name) for name, *_ in raw):
        return None
    top: Decimal | None = None
    levels: list[Level] = []
    for name, got, lost, word in raw:
        name = re.sub(r"^(?:[,;。]|否则|其他)+", "", name)
        if not name:
            return None
        if got:
            levels.append(Level(name, points=Decimal(got)))
            top = Decimal(got) if top is None else max(top, Decimal(got))
        elif lost:
            if top is None:
                return None
            levels.append(Level(name, points=max(ZERO, top - Decimal(lost))))
        elif word == "得满分":
            levels.append(Level(name, fraction=Decimal(1)))
        elif word in ("得一半", "得半分"):
            levels.append(Level(name, fraction=Decimal("0.5")))
        else:
            levels.append(Level(name, points=ZERO) if top is not None else Level(name, fraction=ZERO))
    return Qualitative(levels=tuple(levels))


# --- met or judged ------------------------------------------------------------------------


def judgement(text: str) -> Rule | None:
    """ "…得5分，否则按0-5分（不含5分）酌情给分"; "是，得5分，否则酌情给分"."""
    if "酌情" not in text:
        return None
    full = first_points(text)
    span = re.search(rf"按{NUM}-{NUM}分(\(不含{NUM}分\))?", text)
    fail = re.search(r"未达到[^,;。]*?(?:得0分|不得分)", text)
    return Judgement(
        full=full,
        low=Decimal(span.group(1)) if span else ZERO,
        high=Decimal(span.group(2)) if span else None,
        high_inclusive=bool(span and not span.group(3)),
        fail=ZERO if fail else None,
    )
