"""Bands against named references whose values the explanation gives (bands family): "能繁母猪季度末存栏量不低于
正常保有量的95%,当季得8分;低于正常保有量的95%,但不低于最低保有量的,得5分;低于最低保有量的,不得分" with
"正常保有量2万头，最低保有量1.8万头；季度末存栏1.96万头".

Each band is one or more bounds "<comparator> <reference>(的N%)" joined by 但/且; the explanation (or the actual
with the explanation) must write each reference by its name with a quantity ("正常保有量2万头", "最低保有量为1.8
万头"), and exactly one other quantity in the same unit, the value (a quantity in brackets, "(95%为1.9万头)", is
the writer's own arithmetic and is passed over). An actual that is a quantity is the value itself. A value in no
band or in two, a reference not written or written twice, or units that differ: left to the evaluator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.note_bounds import counted_alike
from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import Quantity, parse_quantity, same_unit
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_OPS = {"ge": "不低于", "gt": "高于", "le": "不高于", "lt": "低于"}
_QUANTITY = r"\d+(?:\.\d+)?(?:%|‰|[万亿千百]?[^\d\s,，;；。、()（）:：%‰]{0,3})"


@dataclass(frozen=True)
class Bound:
    """``op`` (ge/gt/le/lt) ``share`` % of the reference ``ref``."""

    op: str
    ref: str
    share: Decimal = HUNDRED

    def holds(self, value: Decimal, refs: Mapping[str, Decimal]) -> bool:
        limit = refs[self.ref] * self.share / HUNDRED
        return {"ge": value >= limit, "gt": value > limit, "le": value <= limit, "lt": value < limit}[self.op]

    def describe(self, refs: Mapping[str, Decimal] | None = None, unit: str = "") -> str:
        said = _OPS[self.op] + self.ref + ("" if self.share == HUNDRED else f"的{fmt(self.share)}%")
        if refs is None or self.share == HUNDRED:
            return said
        return f"{said}（即 {fmt(refs[self.ref] * self.share / HUNDRED)}{unit}）"


@dataclass(frozen=True)
class RefBand:
    bounds: tuple[Bound, ...]
    points: Decimal


def _found(ref: str, written: str) -> list[Quantity]:
    out = []
    for match in re.finditer(rf"{re.escape(ref)}(?:为|是|达|:|：)?({_QUANTITY})", written):
        quantity = parse_quantity(match.group(1))
        if quantity is not None and quantity.value is not None:
            out.append(quantity)
    return out


@dataclass(frozen=True)
class ReferenceBands(Rule):
    """Bands whose bounds are shares of named references (module docstring)."""

    bands: tuple[RefBand, ...]

    kind = "reference_bands"
    label = "分档计分（对照说明所列基准）"

    def params(self) -> dict[str, object]:
        return {
            "bands": [
                {
                    "bounds": [{"op": b.op, "ref": b.ref, "share": float(b.share)} for b in band.bounds],
                    "points": float(band.points),
                }
                for band in self.bands
            ]
        }

    def full_marks(self) -> Decimal | None:
        return self.declared_full or max(b.points for b in self.bands)

    def _references(self) -> list[str]:
        return sorted({b.ref for band in self.bands for b in band.bounds}, key=len, reverse=True)

    def apply(self, inputs: Inputs) -> Outcome:
        written = " ".join(x for x in (inputs.actual.text if inputs.actual else None, inputs.note) if x)
        refs: dict[str, Decimal] = {}
        units: set[str] = set()
        rest = re.sub(r"[(（][^()（）]*[)）]", "", written)  # the writer's own arithmetic in brackets
        for ref in self._references():
            found = _found(ref, rest)
            if len(found) != 1:
                how = "未写明" if not found else "写了不止一个"
                return Outcome(None, f"评分标准按“{ref}”分档，说明{how}“{ref}”的数值（如“{ref}2万头”），需人工判断",
                               needs_judgement=True)  # fmt: skip
            refs[ref] = found[0].value or ZERO
            units.add(found[0].unit)
            rest = re.sub(rf"{re.escape(ref)}(?:为|是|达|:|：)?{_QUANTITY}", "", rest)
        if len(units) != 1:
            return Outcome(None, "说明所列基准的单位不一致，无法分档，需人工判断", needs_judgement=True)
        unit = units.pop()
        actual = inputs.actual if inputs.actual is not None and inputs.actual.value is not None else None
        if actual is None:
            quantities = (parse_quantity(t) for t in re.findall(_QUANTITY, rest))
            values = [
                q
                for q in quantities
                if q is not None and q.value is not None and (q.unit == unit or same_unit(q.unit, unit))
            ]
            if len(values) != 1:
                return Outcome(
                    None,
                    f"说明“{written}”中除基准外未写明唯一的以“{unit}”计的实际数值，需人工判断",
                    needs_judgement=True,
                )
            actual = values[0]
        if not (actual.unit == unit or same_unit(actual.unit, unit)) or not counted_alike(actual.unit, unit):
            return Outcome(None, f"实际“{actual.text}”与基准单位“{unit}”不同，无法分档", needs_judgement=True)
        value = actual.value or ZERO
        holding = [band for band in self.bands if all(b.holds(value, refs) for b in band.bounds)]
        shown = "，".join(f"{ref} {fmt(v)}{unit}" for ref, v in refs.items())
        if len(holding) != 1:
            how = "不在任何一档" if not holding else "同时落在几档"
            return Outcome(None, f"实际 {actual.text}（{shown}）{how}，需人工判断", needs_judgement=True)
        band = holding[0]
        said = "，且".join(b.describe(refs, unit) for b in band.bounds)
        return Outcome(band.points, f"说明所列基准：{shown}；实际 {actual.text}，{said}，得 {fmt(band.points)} 分")


def reference_bands_from_mapping(spec: Mapping[str, object], text: str | None) -> ReferenceBands:
    """{type: reference_bands, bands: [{bounds: [{op: ge, ref: 正常保有量, share: 95}], points: 8}, …]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("bands")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError("reference_bands 规则需要两档以上 bands，每档 bounds（op、ref、share）与 points")
    bands = []
    for item in raw:
        if not isinstance(item, Mapping) or not isinstance(item.get("bounds"), list) or "points" not in item:
            raise RuleSpecError("reference_bands 的每档需要 bounds 与 points")
        bounds = []
        for b in item["bounds"]:
            if not isinstance(b, Mapping) or b.get("op") not in _OPS or not isinstance(b.get("ref"), str):
                raise RuleSpecError("reference_bands 的界限需要 op（ge/gt/le/lt）与 ref（基准名称）")
            bounds.append(Bound(op=str(b["op"]), ref=str(b["ref"]), share=Decimal(str(b.get("share", 100)))))
        bands.append(RefBand(bounds=tuple(bounds), points=Decimal(str(item["points"]))))
    return ReferenceBands(bands=tuple(bands), text=text)
