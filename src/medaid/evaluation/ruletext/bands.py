"""Banded tables: "达到90%得10分，否则…", "=0，计5分；0-10%（含），计4分…".

Reading conventions: "以上/以下/以内" include the number itself, "超过/低于/不满/大于/小于"
do not (《民法典》第一千二百五十九条); in a range "70%（含）-90%" the side marked 含 is
inclusive, "(不含)" exclusive; unmarked ranges include their lower end only.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Band, Banded, Rule
from medaid.evaluation.ruletext.common import NUM, STEPWISE, TIMES_WEIGHT

# --- bands ----------------------------------------------------------------------------------

# "(含)", "(含90%)", "(含本数)" include the bound; "(不含)", "(不含90%)" exclude it.
_MARK = r"(\((?:不)?含[^)]*\))?"
_RANGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("two_sided", re.compile(rf"{NUM}%?(≤|<=|<)[^,;。\d]{{0,12}}?(≤|<=|<){NUM}%?")),
    ("between", re.compile(rf"{NUM}%?{_MARK}(?:-|至|到){NUM}%?{_MARK}(?:之间)?")),
    ("not_below", re.compile(rf"(?:不低于|不少于|不小于){NUM}%?")),
    ("not_above", re.compile(rf"(?:不超过|不高于|不大于|不多于){NUM}%?")),
    ("at_least", re.compile(rf"(?:达到|≥|>=)?{NUM}%?{_MARK}(?:及)?以上{_MARK}")),
    ("at_least", re.compile(rf"(?:达到|≥|>=){NUM}%?{_MARK}")),
    ("above", re.compile(rf"(?<!不)(?:大于|高于|超过|>){NUM}%?")),
    ("at_most", re.compile(rf"(?:≤|<=){NUM}%?|{NUM}%?{_MARK}(?:及)?以下")),
    ("below", re.compile(rf"(?<!不)(?:低于|小于|不足|不满|<){NUM}%?")),
    ("equal", re.compile(rf"={NUM}%?")),
    ("bare", re.compile(rf"{NUM}%(?:完成)?(?:的)?,?(?=(?:得|计)\d)")),
    ("else", re.compile(r"否则|其他情况|其余")),
)


def _inclusive(mark: str | None, default: bool) -> bool:
    if not mark:
        return default
    return not mark.startswith("(不")


def _range(kind: str, m: re.Match[str]) -> Band:
    g = m.groups()
    if kind == "two_sided":
        return Band(low=Decimal(g[0]), high=Decimal(g[3]), low_inclusive="=" in g[1] or g[1] == "≤",
                    high_inclusive="=" in g[2] or g[2] == "≤")  # fmt: skip
    if kind == "between":
        low, low_mark, high, high_mark = Decimal(g[0]), g[1], Decimal(g[2]), g[3]
        if low_mark or high_mark:  # "0-10%（含）" is (0, 10]; "70%（含）-90%" is [70, 90)
            return Band(low=low, high=high, low_inclusive=_inclusive(low_mark, False),
                        high_inclusive=_inclusive(high_mark, False))  # fmt: skip
        return Band(low=low, high=high)
    if kind == "not_below":
        return Band(low=Decimal(g[0]))
    if kind == "not_above":
        return Band(high=Decimal(g[0]), high_inclusive=True)
    if kind == "at_least":
        marks = [x for x in g[1:] if x]
        return Band(low=Decimal(g[0]), low_inclusive=_inclusive(marks[0] if marks else None, True))
    if kind == "above":
        return Band(low=Decimal(g[0]), low_inclusive=False)
    if kind == "at_most":
        value = g[0] if g[0] is not None else g[1]
        return Band(high=Decimal(value), high_inclusive=_inclusive(g[2] if len(g) > 2 else None, True))
    if kind == "below":
        return Band(high=Decimal(g[0]))
    if kind == "equal":
        return Band(low=Decimal(g[0]), high=Decimal(g[0]), high_inclusive=True)
    if kind == "bare":
        return Band(low=Decimal(g[0]))
    return Band()


_OUTCOME = re.compile(rf"{TIMES_WEIGHT.pattern}|(?:得|计){NUM}分|不得分|不计分|得满分|计满分")


def _outcome(m: re.Match[str]) -> dict[str, object]:
    text = m.group(0)
    if "×" in text:
        minus = re.search(rf"-{NUM}", text)
        return {"minus": Decimal(minus.group(1)) if minus else ZERO}
    if text in ("不得分", "不计分"):
        return {"points": ZERO}
    if "满分" in text:
        return {"full": True}
    return {"points": Decimal(re.findall(NUM, text)[0])}


def _else_band(previous: list[Band]) -> Band | None:
    """The complement of one open band ("达到90%得10分，否则…" → below 90)."""
    if len(previous) != 1:
        return None
    only = previous[0]
    if only.high is None and only.low is not None:
        return Band(high=only.low, high_inclusive=not only.low_inclusive)
    if only.low is None and only.high is not None:
        return Band(low=only.high, low_inclusive=not only.high_inclusive)
    return None


def banded(text: str) -> Rule | None:
    """Pair each range in the text with the outcome that follows it.

    Every outcome must follow a range and every range must lead to an outcome; texts that
    also deduct or add per step ("每超过1个百分点加0.5分") are left to other shapes.
    """
    if STEPWISE.search(text) or re.search(r"加\d|加分|奖励", text):
        return None
    events: list[tuple[int, str, object]] = []
    taken: list[tuple[int, int]] = []
    for m in _OUTCOME.finditer(text):
        events.append((m.start(), "outcome", _outcome(m)))
        taken.append(m.span())
    for kind, pattern in _RANGE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            events.append((m.start(), "range", (kind, m)))
            taken.append(m.span())
    events.sort(key=lambda e: e[0])
    bands: list[Band] = []
    pending: tuple[str, re.Match[str]] | None = None
    for _, what, payload in events:
        if what == "range":
            if pending is not None:
                return None  # two ranges in a row: a condition this shape cannot read
            pending = payload  # type: ignore[assignment]
            continue
        if pending is None:
            return None  # a score with no range before it
        kind, m = pending
        pending = None
        band = _else_band(bands) if kind == "else" else _range(kind, m)
        if band is None:
            return None
        outcome = payload
        assert isinstance(outcome, dict)
        bands.append(
            Band(
                low=band.low,
                high=band.high,
                low_inclusive=band.low_inclusive,
                high_inclusive=band.high_inclusive,
                points=outcome.get("points"),
                minus=outcome.get("minus", ZERO),
                full=bool(outcome.get("full", False)),
            )
        )
    if len(bands) < 2 or pending is not None:
        return None
    on_completion = "完成目标任务量" in text or ("完成率" in text and "实际完成率" not in text)
    return Banded(bands=tuple(bands), on_completion=on_completion)
