"""The shapes of Chinese scoring-rule text that medaid understands, one function each.

Each function takes a normalized text and returns a rule, or None when the text is not
of its shape. Reading conventions, stated once here:
- "以上/以下/以内" include the number itself, "超过/低于/不满/大于/小于" do not
  (the convention of Chinese law, 《民法典》第一千二百五十九条);
- in a range "70%（含）-90%" the side marked 含 is inclusive; unmarked ranges
  include their lower end only;
- per-point deductions count part of a step proportionally unless the text says
  otherwise (see ``Partial``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import (
    Band,
    Banded,
    BudgetExecution,
    Checklist,
    Direction,
    FullIfMet,
    Judgement,
    Level,
    Partial,
    PerCase,
    PerPoint,
    Proportional,
    Qualitative,
    RateTimesWeight,
    Rule,
)

NUM = r"(-?\d+(?:\.\d+)?)"
_POINTS = re.compile(rf"(?:得|计){NUM}分")
_FULL_WORDS = ("得满分", "计满分", "得基本分", "满分")
_ZERO_WORDS = ("不得分", "得0分", "计0分", "不计分")
_TIMES_WEIGHT = re.compile(rf"按(?:照)?\(?(?:分值×[^,;。()\-]*|[^,;。()\-]*×分值)(?:-{NUM})?\)?(?:计算)?(?:得分)?")


def header_full(text: str) -> tuple[Decimal | None, str]:
    """ "预算完成率(5分):…" and "三公经费变动率8分:…" state full marks in front."""
    match = re.match(rf"^[^:;。]{{0,30}}?\(?{NUM}分\)?:", text)
    if match:
        return Decimal(match.group(1)), text[match.end() :]
    return None, text


def _first_points(text: str) -> Decimal | None:
    match = _POINTS.search(text)
    return Decimal(match.group(1)) if match else None


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


# --- the 预算执行率 row of the self-evaluation table -----------------------------------


def budget_execution(text: str) -> Rule | None:
    if re.fullmatch(r"(?:按)?预算执行率(?:计分|得分|×分值|计算)?(?:=执行率×分值)?", text):
        return BudgetExecution()
    return None


# --- per percentage point ---------------------------------------------------------------

_PER_POINT = re.compile(
    rf"每(低于|少于|减少|下降|降低|不足|高于|超过|超出|增加|上升|多于|提高)"
    rf"(目标值|目标|指标值|标准值|标准)?{NUM}?(百分点|%)?[^扣;。]{{0,8}}?扣(?:减|除)?{NUM}分"
)
_BELOW = {"低于", "少于", "减少", "下降", "降低", "不足"}


def _reference(before: str) -> Decimal | None:
    match = re.search(rf"以{NUM}%为标准", before)
    if match:
        return Decimal(match.group(1))
    for pattern in (rf"[≤≥<>=]{NUM}%?", rf"{NUM}%", rf"完成{NUM}%"):
        match = re.search(pattern, before)
        if match:
            return Decimal(match.group(1))
    return None


def per_point(text: str) -> Rule | None:
    """ "100%完成得6分，每低于1个百分点扣1分，扣完为止" and its kin."""
    match = _PER_POINT.search(text)
    if match is None or "每发现" in text[: match.start() + 3]:
        return None
    word, against, step, unit, points = match.groups()
    before = text[: match.start()]
    full = _first_points(before)
    finish = re.search(rf"扣完{NUM}分为止", text)
    if finish:
        full = Decimal(finish.group(1))
    if full is None and any(w in before for w in _FULL_WORDS):
        full = None
    on_completion = bool(against and "目标" in against) or "完成目标任务量" in before
    reference = None if on_completion else _reference(before)
    partial = Partial.CEIL if re.search(r"不足\d*(?:百分点|%)?(?:的)?按\d*(?:百分点|%)?计", text) else Partial.LINEAR
    return PerPoint(
        direction=Direction.BELOW if word in _BELOW else Direction.ABOVE,
        step=Decimal(step) if step else Decimal(1),
        points=Decimal(points),
        reference=reference,
        full=full,
        partial=partial,
        on_completion=on_completion or (reference is None and unit is None and against is not None),
    )


# --- per case found -----------------------------------------------------------------------

_PER_CASE = re.compile(
    rf"(?:每(?:发现|出现|有)?|有|发现)(\d+(?:\.\d+)?)?(?:处|例|项|次|起|笔|条|个)[^扣;。]{{0,24}}?扣{NUM}分"
)


def per_case(text: str) -> Rule | None:
    """ "…执行得5分，每发现1例超标准执行扣0.5分，扣完为止"."""
    match = _PER_CASE.search(text)
    if match is None:
        return None
    per, points = match.groups()
    full = _first_points(text[: match.start()])
    return PerCase(points=Decimal(points), per=Decimal(per) if per else Decimal(1), full=full)


# --- bands ----------------------------------------------------------------------------------

_INCL = r"(\(含\d*%?\)|\(含本数\))?"
_RANGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("between", re.compile(rf"{NUM}%?{_INCL}(?:-|至|到){NUM}%?{_INCL}(?:之间)?")),
    ("at_least", re.compile(rf"(?:达到|≥|>=)?{NUM}%?{_INCL}(?:及)?以上{_INCL}")),
    ("at_least", re.compile(rf"(?:达到|≥|>=){NUM}%?{_INCL}")),
    ("above", re.compile(rf"(?:大于|高于|超过|>){NUM}%?")),
    ("at_most", re.compile(rf"(?:≤|<=){NUM}%?|{NUM}%?(?:\(含\))?(?:及)?以下")),
    ("below", re.compile(rf"(?:低于|小于|不足|不满|<){NUM}%?")),
    ("equal", re.compile(rf"={NUM}%?")),
    ("else", re.compile(r"否则|其他情况|其余")),
)


def _range(kind: str, m: re.Match[str]) -> Band:
    g = m.groups()
    if kind == "between":
        low, low_mark, high, high_mark = Decimal(g[0]), g[1], Decimal(g[2]), g[3]
        if low_mark or high_mark:
            return Band(low=low, high=high, low_inclusive=bool(low_mark), high_inclusive=bool(high_mark))
        return Band(low=low, high=high)
    if kind == "at_least":
        return Band(low=Decimal(g[0]))
    if kind == "above":
        return Band(low=Decimal(g[0]), low_inclusive=False)
    if kind == "at_most":
        value = g[0] if g[0] is not None else g[1]
        return Band(high=Decimal(value), high_inclusive=True)
    if kind == "below":
        return Band(high=Decimal(g[0]))
    if kind == "equal":
        return Band(low=Decimal(g[0]), high=Decimal(g[0]), high_inclusive=True)
    return Band()


_OUTCOME = re.compile(rf"{_TIMES_WEIGHT.pattern}|(?:得|计){NUM}分|不得分|不计分|得满分|计满分")


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
    """Pair each range in the text with the outcome that follows it."""
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
            pending = payload  # type: ignore[assignment]
            continue
        if pending is None:
            continue
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
    if len(bands) < 2:
        return None
    on_completion = "完成目标任务量" in text or ("完成率" in text and "实际完成率" not in text)
    return Banded(bands=tuple(bands), on_completion=on_completion)


# --- rate × weight, proportional, full-if-met --------------------------------------------


def rate_times_weight(text: str) -> Rule | None:
    """ "按实际值×分值计算", "按分值乘以满意度计算得分" as the whole rule."""
    if _TIMES_WEIGHT.search(text) and not re.search(r"得\d|计\d|以上|以下|低于", text):
        return RateTimesWeight()
    return None


_PROPORTIONAL = re.compile(
    r"按(?:照)?(?:实际)?完成(?:比例|率|值占目标值的比重|值占指标值的比重|情况占比)"
    r"|按比例(?:计分|得分|计算)|按完成比例"
)


def proportional(text: str) -> Rule | None:
    """ "定量指标达到指标值得满分，未达到按完成比例计分"; "没有完成的，按实际完成值占目标值的比重计算得分"."""
    if _PROPORTIONAL.search(text):
        return Proportional()
    return None


def full_if_met(text: str) -> Rule | None:
    """ "达到目标值得满分" (and "完成或超额完成目标值得基本分" alone)."""
    if re.fullmatch(
        r"(?:达到|完成|完成或超额完成)(?:目标值|指标值|目标|年度目标)(?:的)?,?得(?:满分|基本分)"
        r"(?:[,;]?(?:未达到|未完成|没有完成)(?:的)?,?(?:不得分|得0分))?",
        text,
    ):
        return FullIfMet()
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
    raw = _LEVEL.findall(text)
    if len(raw) < 2:
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
    full = _first_points(text)
    span = re.search(rf"按{NUM}-{NUM}分(\(不含{NUM}分\))?", text)
    fail = re.search(r"未达到[^,;。]*?(?:得0分|不得分)", text)
    return Judgement(
        full=full,
        low=Decimal(span.group(1)) if span else ZERO,
        high=Decimal(span.group(2)) if span else None,
        high_inclusive=bool(span and not span.group(3)),
        fail=ZERO if fail else None,
    )
