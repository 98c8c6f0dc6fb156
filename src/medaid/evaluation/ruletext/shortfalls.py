"""Conditions measured against the indicator's target: "未完成计划数的扣3分", "比下达任务低5%以内(含5%)的扣2分,
低5%-10%的扣4分,低超过10%的扣6分", and a deviation around 100 %: "预算完成率超出正负10%不得分".

- **Not meeting the target, with a deduction** (``unmet_deduction``): "(如)未完成/未达到/完不成/达不到 (下达的)
  (年度)计划数/目标(值)/任务(数)/指标 的(,)(该项)扣N分" alone: met scores the full marks (the weight), not met
  the full marks less N (never below 0). The actual is compared with the target, as for "完成得满分,未完成
  不得分".
- **Bands of a shortfall below the target** (``shortfall_bands``): "比(较)<target word>低/少/不足 + a bound in %"
  ("5%以内(含5%)", "5%-10%", "超过10%", "10%以上"), each with what it scores (扣N分, 得N分, 不得分); the parts
  after the first may leave the reference out ("低5%-10%的扣4分"). The shortfall is (target − actual) ÷ target:
  the bands are shares of the target, so the value is the completion ratio (``Banded.relative``), and meeting
  the target scores the full marks (or what "完成任务得N分" says). A shortfall of a percentage target is
  refused at scoring (``Banded.counted``): "低5%" may be 5 points or 5 % of it. An end of a range written with
  no mark ("5%-10%") goes to the range only when no other part claims it ("5%以内(含5%)" claims 5 %, "超过10%"
  leaves 10 % to the range); a gap or an overlap that remains is refused at scoring.
- **A deviation around 100 %** (``deviation_band``): a completion or execution rate (完成率, 执行率, 到位率,
  支出率, 实现率) "超出/超过 正负(±)N% 不得分", or "(控制)在正负N%以内得满分/得N分(,否则/超出不得分)": full marks
  (or N) within [100 − N, 100 + N], 0 outside; "超出" leaves the bound itself inside. A deviation of any other
  value (from a target that is not 100 %) or in 百分点 beside a target is not read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, ZERO
from medaid.evaluation.rules import Band, Banded, Rule
from medaid.evaluation.rules.yes_no import YesNo
from medaid.evaluation.ruletext.conditions import Condition, read_condition
from medaid.evaluation.ruletext.outcomes import Effect, scored_parts

_N = r"\d+(?:\.\d+)?"
_TASK = (
    r"(?:上级|省|市|县|区)?(?:下达|核定|确定)?(?:的)?(?:年度|全年|当年|本年度)?[\u4e00-\u9fa5]{0,4}?"
    r"(?:计划数|计划|目标值|目标任务|目标数|目标|任务数|任务量|任务|指标值|指标数|指标)"
)
_BENIGN = re.compile(r"扣完为止|扣完即止|扣至(?:0|零)分为止|最低(?:为|得)?(?:0|零)分")
_UNMET = re.compile(
    rf"(?:如|若|凡)?(?:(?:未能?|没有|不能)(?:全部|按时|按期|如期)?(?:完成|达到|实现)|完不成|达不到){_TASK}(?:的|者)?"
    rf",?(?:该项|本项|此项)?(?:扣除|扣减|扣|减)(?P<n>{_N})分"
)


def _clean(text: str) -> str:
    return _BENIGN.sub("", text).strip(" ,;。")


def unmet_deduction(text: str) -> Rule | None:
    """ "未完成计划数的扣3分": the target met scores the full marks, not met the full marks less N."""
    found = _UNMET.fullmatch(_clean(text))
    if found is None:
        return None
    deduct = Decimal(found.group("n"))
    return YesNo(deduct=deduct) if deduct > 0 else None


# --- bands of a shortfall below the target ---------------------------------------------------------------

_BELOW = r"(?:低于|低|少于|少|不足|减少|下降)"
_SUBJECT = r"(?:如|若|凡)?(?:实际)?(?:完成|完成数|完成值|完成量)?"
_HEAD = re.compile(rf"^(?:{_SUBJECT}(?:比|较){_TASK}{_BELOW}|{_SUBJECT}{_BELOW}(?:{_TASK})?)")
# The first part names the reference: "比下达任务低", "较年度计划少", "完成数低于计划数"
_NAMED = re.compile(rf"^{_SUBJECT}(?:(?:比|较){_TASK}{_BELOW}|{_BELOW}{_TASK})")
_MET = re.compile(rf"^(?:全部|足额|按时)?(?:完成|达到){_TASK}(?:的|者)?$")
_Span = tuple[Decimal | None, Decimal | None, bool, bool]


def _shortfall(condition: str, first: bool) -> tuple[Condition, bool] | None:
    """The shortfall a part names ("比下达任务低5%以内(含5%)" → ≤ 5) and whether it is a range with no mark."""
    head = _HEAD.match(condition)
    if head is None or (first and not _NAMED.match(condition)):
        return None
    rest = re.sub(r"(?:的|者|时|是)$", "", condition[head.end() :])
    read = read_condition(rest)
    if read is None or not read.numeric or read.other or read.relative or read.unit != "%" or read.subject:
        return None
    if "百分点" in rest:
        return None  # points below a target: not a share of it
    return read, read.soft


def _ratio_band(span: _Span, effect: Effect, top: Decimal | None) -> Band | None:
    """A band of the shortfall as a band of the completion ratio, with what it scores."""
    low, high, low_in, high_in = span
    bounds = {
        "low": None if high is None else HUNDRED - high,
        "low_inclusive": high_in,
        "high": HUNDRED if low is None else HUNDRED - low,
        "high_inclusive": False if low is None else low_in,
    }
    match effect.kind:
        case "minus" if effect.value is not None:
            if top is not None:
                return Band(points=max(ZERO, top - effect.value), **bounds)  # type: ignore[arg-type]
            return Band(full=True, minus=effect.value, **bounds)  # type: ignore[arg-type]
        case "zero":
            return Band(points=ZERO, **bounds)  # type: ignore[arg-type]
        case "points" if effect.value is not None:
            return Band(points=effect.value, **bounds)  # type: ignore[arg-type]
    return None


def _contains(span: _Span, value: Decimal) -> bool:
    low, high, low_in, high_in = span
    if low is not None and (value < low or (value == low and not low_in)):
        return False
    return not (high is not None and (value > high or (value == high and not high_in)))


def _settle(spans: list[tuple[_Span, bool, bool]]) -> list[_Span]:
    """A range written with no mark ("5%-10%") keeps an end no other part holds ("超过10%" leaves 10 % to it)
    and yields one another part holds with a mark ("5%以内(含5%)"); an end held without a mark stays as read
    (two bands: refused at scoring), as in ``bands.settle``."""

    def settled(i: int, value: Decimal, default: bool) -> bool:
        holders = [j for j, (s, _, _) in enumerate(spans) if j != i and _contains(s, value)]
        if not holders:
            return True
        return False if any(spans[j][2] for j in holders) else default

    out: list[_Span] = []
    for i, (span, soft, _) in enumerate(spans):
        low, high, low_in, high_in = span
        if soft and low is not None and high is not None:
            low_in, high_in = settled(i, low, low_in), settled(i, high, high_in)
        out.append((low, high, low_in, high_in))
    return out


def shortfall_bands(text: str) -> Rule | None:
    """ "比下达任务低5%以内(含5%)的扣2分,低5%-10%的扣4分,低超过10%的扣6分" (module docstring)."""
    if "每" in text:
        return None
    parts = scored_parts(_clean(text))
    if not parts or len(parts) < 2:
        return None
    top: Decimal | None = None
    met_full = False
    spans: list[tuple[_Span, bool, bool]] = []
    effects: list[Effect] = []
    for number, part in enumerate(parts):
        condition = part.condition.strip(" ,;。")
        if number == 0 and _MET.match(condition) and part.effect.kind in ("full", "points"):
            top, met_full = part.effect.value, True
            continue
        read = _shortfall(condition, first=not spans)
        if read is None:
            return None
        c, soft = read
        if c.low is None and c.high is None:
            return None
        low = c.low if c.low is not None and c.low > 0 else None
        span: _Span = (low, c.high, c.low_inclusive if low is not None else False, c.high_inclusive)
        spans.append((span, soft, c.marked))
        effects.append(part.effect)
    if len(spans) < 2 and not met_full:
        return None
    bands = [Band(low=HUNDRED, points=top) if top is not None else Band(low=HUNDRED, full=True)]
    for settled, effect in zip(_settle(spans), effects, strict=True):
        band = _ratio_band(settled, effect, top)
        if band is None:
            return None
        bands.append(band)
    return Banded(bands=tuple(bands), relative=True, counted=True)


# --- a deviation around 100 % -----------------------------------------------------------------------------

_RATE = r"[\u4e00-\u9fa5]{0,10}?(?:完成率|执行率|到位率|支出率|实现率|支付率|拨付率)"
_PLUSMINUS = r"(?:正负|±|\+/-|\+-)"
_DEVIATION = r"(?:的)?(?:偏差|偏离|偏离度|误差)?(?:率)?"
_ZERO = r"(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分)"
_FAULT = re.compile(rf"(?P<rate>{_RATE}){_DEVIATION}(?:超出|超过|大于|高于){_PLUSMINUS}(?P<n>{_N})%(?:的|者)?,?{_ZERO}")
_WITHIN = re.compile(
    rf"(?P<rate>{_RATE}){_DEVIATION}(?:在|控制在|保持在)?{_PLUSMINUS}(?P<n>{_N})%(?:以内|之内|内)(?:的|者)?,?"
    rf"(?:该项|本项)?(?:(?P<full>(?:得|计|给)满分)|(?:得|计|给|赋)(?P<points>{_N})分)"
    rf"(?:[,;](?:否则|超出(?:的)?|超过(?:的)?|反之)(?:的)?,?{_ZERO})?"
)


def deviation_band(text: str) -> Rule | None:
    """ "预算完成率超出正负10%不得分" (module docstring)."""
    body = _clean(text)
    fault, within = _FAULT.fullmatch(body), _WITHIN.fullmatch(body)
    found = fault or within
    if found is None:
        return None
    size = Decimal(found.group("n"))
    if not ZERO < size < HUNDRED:
        return None
    points = Decimal(within.group("points")) if within and within.group("points") else None
    inside = {"low": HUNDRED - size, "high": HUNDRED + size, "low_inclusive": True, "high_inclusive": True}
    keep = Band(points=points, **inside) if points is not None else Band(full=True, **inside)  # type: ignore[arg-type]
    below = Band(high=HUNDRED - size, high_inclusive=False, points=ZERO)
    above = Band(low=HUNDRED + size, low_inclusive=False, points=ZERO)
    return Banded(bands=(below, keep, above), on_completion=True)
