"""Where a condition's bounds lie: the words of a bound (不低于, 超过, ≤…) and the span one or two bounds make,
with the reading conventions of ``conditions`` (以上/以下/以内/不低于/不超过/达到 include the number, 超过/高于/
低于/不足/未达到 do not; "(含)" and "(不含)" say it for the bound they follow (or the bound whose number they
name); an unmarked range includes its lower end only, and a range with one end marked keeps the other end to the
half-open convention the mark chooses: "10%—20%(不含)" is [10 %, 20 %), "80%-90%(含)" is (80 %, 90 %])."""

from __future__ import annotations

import re
from decimal import Decimal

_GE = ("大于或等于", "大于等于", "不低于", "不少于", "不小于", "至少", "达到", "≥", ">=")
_GT = ("超过", "高于", "大于", "多于", "超出", ">")
_LE = ("小于或等于", "小于等于", "不高于", "不超过", "不大于", "不多于", "≤", "<=")
_LT = ("未达到", "没有达到", "达不到", "低于", "小于", "少于", "不足", "不满", "未满", "不到", "<")
PRE = {w: op for op, words in (("ge", _GE), ("gt", _GT), ("le", _LE), ("lt", _LT)) for w in words}
PRE_WORDS = "|".join(re.escape(w) for w in sorted(PRE, key=len, reverse=True))


def inclusive(mark: str | None, default: bool) -> bool:
    return default if not mark else not mark.startswith("(不")


Span = tuple[Decimal | None, Decimal | None, bool, bool]  # low, high, low_inclusive, high_inclusive
_BELOW_SIGNS = ("≤", "<=", "<")
_ABOVE_SIGNS = ("≥", ">=", ">")


def two_bounds(kind: str, groups: dict[str, str | None], a: Decimal, b: Decimal) -> Span | None:
    """The span of a condition with two bounds."""
    mark1, mark2 = groups.get("m1"), groups.get("m2")
    if kind == "range":
        written = (Decimal(groups.get("n1") or a), Decimal(groups.get("n2") or b))  # before 万 is applied
        return _range(mark1, mark2, a, b, written)
    if kind == "sandwich":
        c1, c2 = groups["c1"] or "", groups["c2"] or ""
        if c1 in _BELOW_SIGNS and c2 in _BELOW_SIGNS and a < b:
            return a, b, c1 != "<", c2 != "<"
        if c1 in _ABOVE_SIGNS and c2 in _ABOVE_SIGNS and a > b:
            return b, a, c2 != ">", c1 != ">"
        return None
    if kind == "both":
        op1, op2 = PRE[groups["p1"] or ""], PRE[groups["p2"] or ""]
        if op1 in ("ge", "gt") and op2 in ("le", "lt") and a < b:
            return a, b, op1 == "ge", op2 == "le"
        return None
    # "over_under": "90%(含)以上不足100%"; "80%及以上100%以下": 及 marks the lower end included, the bare
    # 以下 then leaves the upper one out
    below = groups["p2"] or ""
    plain = below == "以下" and groups.get("and1") == "及"
    high_in = inclusive(groups.get("m9"), not plain) if "以" in below else False
    return (a, b, inclusive(mark1 or groups.get("m8"), True), high_in) if a < b else None


def _mark_number(mark: str | None) -> Decimal | None:
    """The number a mark names ("(不含16周岁)": 16); None for a bare "(含)"."""
    found = re.search(r"\d+(?:\.\d+)?", mark or "")
    return Decimal(found.group(0)) if found else None


def _range(
    mark1: str | None, mark2: str | None, a: Decimal, b: Decimal, written: tuple[Decimal, Decimal]
) -> Span | None:
    """ "A-B" with its marks. Unmarked, the range is [A, B). A mark speaks of the bound it follows, or of the bound
    whose number it names ("80%-90%(含80%)"). When one end only is marked, the other end follows the half-open
    convention the mark chooses: "10%—20%(不含)" and "80%(含)-90%" keep [A, B); "80%-90%(含)" and "80%(不含)-90%"
    shift it to (A, B]. A mark naming a number that is neither bound is not read."""
    if a >= b:
        return None
    low_mark: str | None = None
    high_mark: str | None = None
    for mark, own in ((mark1, "low"), (mark2, "high")):
        if not mark:
            continue
        named = _mark_number(mark)
        end = own if named is None else "low" if named == written[0] else "high" if named == written[1] else None
        if end is None or (low_mark if end == "low" else high_mark) is not None:
            return None
        if end == "low":
            low_mark = mark
        else:
            high_mark = mark
    if low_mark and high_mark:
        return a, b, inclusive(low_mark, True), inclusive(high_mark, False)
    if high_mark:
        high_in = inclusive(high_mark, False)
        return a, b, not high_in, high_in
    if low_mark:
        low_in = inclusive(low_mark, True)
        return a, b, low_in, not low_in
    return a, b, True, False


def one_bound(kind: str, groups: dict[str, str | None], a: Decimal) -> Span | None:
    """The span of a condition with one bound."""
    if kind == "equal":
        return a, a, True, True
    if kind == "bare":
        return a, None, True, False
    post = groups.get("post") or ""
    mark = groups.get("m9") or groups.get("m1")
    up = "以上" in post
    down = bool(post) and not up
    if kind == "pre":
        op = PRE[groups["p1"] or ""]
        if (up and op != "ge") or (down and op not in ("le", "lt")):
            return None  # "超过95%以上", "低于90%以上": not a bound we can read
        if op in ("ge", "gt"):
            return a, None, inclusive(mark, op == "ge"), False
        return None, a, True, inclusive(mark, op == "le")
    if up:
        return a, None, inclusive(mark, True), False
    return None, a, True, inclusive(mark, True)
