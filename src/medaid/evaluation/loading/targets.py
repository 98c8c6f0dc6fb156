"""A row's target and actual as exports split them, joined into one text each.

- 指标性质 (=, ＝, ﹦, ≥, ≤, >, <, 定量, 定性; or 正向/反向 with 指标方向 大于等于/小于等于/等于)
  + 指标值 + 度量单位/计量单位: "≥" "95" "%" → "≥95%"; "正向" "大于等于" "1" "次" → "≥1次".
  正向 (more is better) with 小于等于, 反向 with 大于等于, or a 指标性质 that contradicts the sign
  written in the 指标值 is refused: the row keeps no target, and the reason is returned.
- 定性 with a grading scale as its 指标值 ("优良中低差", "好、较好、一般、较差、差"): the target is
  the top grade; a lower grade is left to the evaluator (no fractions are invented).
- 调整指标值, when filled, is the target; else 指标值; else 年初指标值.
- A bare number takes the row's unit (度量单位), or "%" under a header that says "(%)"; a bare
  actual takes the unit written in its target ("≥50个" → "50" is 50个), unless that unit has a
  multiplier (万元: "90" could be 90 元 or 90 万元) or is a percentage (0.95 may be 95%).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity

SIGNS = {"=": "=", "≥": "≥", "≤": "≤", ">": ">", "<": "<", ">=": "≥", "<=": "≤", "≧": "≥", "≦": "≤"}
DIRECTIONS = {
    "大于等于": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "小于等于": "≤", "不高于": "≤",
    "不超过": "≤", "不大于": "≤", "等于": "=", "大于": ">", "高于": ">", "小于": "<", "低于": "<",
}  # fmt: skip
POLARITIES = {"正向": ("≥", ">"), "反向": ("≤", "<")}  # each with the signs it allows besides "="
GRADES = ("优", "良", "中", "低", "差", "好", "较好", "一般", "较差", "优秀", "良好", "合格", "不合格")
_SCALE_SPLIT = re.compile(r"[、/，,；;\s]+")
_WRITTEN_UNIT = re.compile(r"\d\s*([^\d\s]+)$")
_MULTIPLIED = ("万", "亿", "千")
_NUMBERING = re.compile(r"^指标\s*\d+\s*[:：.．、]?\s*")


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Joined:
    """The joined target and actual of a row, and why a target was refused (column, reason)."""

    target: str | None
    actual: str | None
    refused: tuple[str, str] | None = None


def _bare(text: str) -> bool:
    """A number without a unit ("95", "≥95"): the row's unit applies to it."""
    quantity = parse_quantity(text)
    return quantity is not None and quantity.value is not None and not quantity.unit


def _unit_word(unit: str) -> str:
    unit = norm(unit)
    return "%" if unit in {"%", "百分比", "百分率"} else unit


def grading_scale(text: str) -> tuple[str, ...] | None:
    """ "优良中低差" → (优, 良, 中, 低, 差); "好、较好、一般、较差、差" likewise; None if not a scale."""
    value = norm(text)
    parts = [p for p in _SCALE_SPLIT.split(text.strip()) if p] if _SCALE_SPLIT.search(text.strip()) else list(value)
    if len(parts) >= 3 and all(p in GRADES for p in parts):
        return tuple(parts)
    return None


_FAMILIES = (("≥", ">"), ("≤", "<"), ("=",))


@dataclass(frozen=True)
class _Sign:
    """What a row's 指标性质 and 指标方向 say: the sign to put before a bare 指标值, the signs a
    指标值 may already carry, whether it is qualitative, and a refusal (column, reason)."""

    sign: str | None = None
    accepts: tuple[str, ...] = ()
    qualitative: bool = False
    refused: tuple[str, str] | None = None


def _sign(nature: str, direction: str) -> _Sign:
    n, d = norm(nature), norm(direction)
    sign: str | None = SIGNS.get(n)
    if n and sign is None and n not in POLARITIES and n not in {"定性", "定量"}:
        return _Sign(refused=("指标性质", f"指标性质“{nature}”不是 =、≥、≤、定量、定性、正向或反向之一"))
    if d:
        said = DIRECTIONS.get(d) or SIGNS.get(d)
        if said is None:
            return _Sign(refused=("指标方向", f"指标方向“{direction}”不是大于等于、小于等于、等于之一"))
        if sign is not None and said != sign:
            return _Sign(refused=("指标方向", f"指标性质“{nature}”与指标方向“{direction}”矛盾"))
        sign = said
    if n in POLARITIES:
        allowed = POLARITIES[n]
        if sign is None:  # 正向 alone: ≥ before a bare number, and a written =, ≥ or > agrees
            return _Sign(allowed[0], (*allowed, "="))
        if sign not in (*allowed, "="):
            why = f"指标性质“{nature}”（{'越高越好' if n == '正向' else '越低越好'}）与指标方向“{direction}”矛盾"
            return _Sign(refused=("指标方向", why))
    accepts = next((f for f in _FAMILIES if sign in f), ()) if sign else ()
    return _Sign(sign, accepts, n == "定性")


def _fraction(text: str, unit: str, numeric: bool) -> bool:
    """A number an XLSX cell formatted as a percentage gives (0.95 for 95%): left bare, so that it
    is read as a fraction beside a percentage target."""
    quantity = parse_quantity(text)
    return numeric and unit == "%" and quantity is not None and quantity.value is not None and quantity.value <= 1


def join(values: dict[str, str], percent: frozenset[str], numeric: frozenset[str] = frozenset()) -> Joined:
    """The target and actual of one row from its cells (field → text); ``numeric`` names the
    fields whose cell was a number (not text) in the sheet."""
    value = values.get("adjusted_target") or values.get("target") or values.get("initial_target") or ""
    unit = _unit_word(values.get("unit", ""))
    actual = values.get("actual") or None
    said = _sign(values.get("nature", ""), values.get("direction", ""))
    sign = said.sign
    if actual and _bare(actual) and not _fraction(actual, unit or "%" * ("actual" in percent), "actual" in numeric):
        if "actual" in percent:
            actual += "%"
        elif unit:
            actual += unit
    if said.refused is not None:
        return Joined(None, actual, said.refused)
    if not value:
        return Joined(None, actual)
    scale = grading_scale(value) if said.qualitative or not sign else None
    if scale is not None:
        return Joined(scale[0], actual)
    target = value
    if _bare(value) and not _fraction(value, unit or "%" * ("target" in percent), "target" in numeric):
        target += "%" if "target" in percent and not unit else unit
    quantity = parse_quantity(target)
    if sign is not None and quantity is not None and quantity.value is not None:
        written = quantity.comparator.value if quantity.comparator else None
        if written is None:
            target = sign + target
        elif written not in said.accepts:
            return Joined(
                None,
                actual,
                (
                    "指标性质",
                    f"指标性质“{values.get('nature') or values.get('direction')}”与指标值“{value}”中的符号矛盾",
                ),
            )
    if actual and _bare(actual) and not unit:
        written_unit = _WRITTEN_UNIT.search(norm(target))
        word = written_unit.group(1) if written_unit else ""
        if word and _unit_word(word) != "%" and not word.startswith(_MULTIPLIED):
            actual += word
    return Joined(target, actual)


def strip_numbering(name: str) -> str:
    """ "指标1：全县参合人数" → "全县参合人数"; "指标1工程资金金额" → "工程资金金额"."""
    match = _NUMBERING.match(name)
    rest = name[match.end() :].strip() if match else name
    return rest if rest else name


def is_placeholder(name: str) -> bool:
    """A template's empty line: "指标2：", "……", "指标1：/"."""
    text = norm(name)
    match = _NUMBERING.match(text)
    if match:
        text = text[match.end() :]
    return not text.replace(".", "").replace("/", "").replace("…", "")


def coefficient(text: str) -> Decimal | None:
    """A 得分系数 as a fraction of the weight: "0.95" or "95%"; None if it is not one."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.value is None or quantity.comparator:
        return None
    if quantity.is_percent:
        value = quantity.value / 100
    elif not quantity.unit:
        value = quantity.value
    else:
        return None
    return value if 0 <= value <= 1 else None
