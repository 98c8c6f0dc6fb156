"""Deductions per amount of several kinds of one fault (numbers family, s9): "全年性抛荒,每连片抛荒5亩或零星抛荒30亩的,
扣2分,扣分不封顶", "每连片抛荒5亩扣2分,每零星抛荒30亩扣1分".

Each kind is counted from zero in its own step (5亩 of 连片抛荒, 30亩 of 零星抛荒), and the deductions are added:
score = weight − Σ amountᵢ ÷ sizeᵢ × pointsᵢ, a part of a step counting in proportion (whole steps only is the other
reading, given as an alternative). A deduction past the weight stops at 0, unless the text says "扣分不封顶": then the
rest is not this row's to settle and the case is refused.

The actual (or the 扣分说明) must account for every kind: "连片抛荒10亩，无零星抛荒", "零星抛荒90亩、连片抛荒0亩", or
deny the fault as a whole ("全年没有稻田抛荒": the words common to the kinds, 抛荒, denied). Refused, saying what to
write: a kind not mentioned or mentioned twice, an amount in another unit, a bound or approximation ("约10亩",
"10亩以上"), any other words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import simplified


@dataclass(frozen=True)
class AmountKind:
    """One kind: its name ("连片抛荒"), the step's size and unit (5亩) and points (2)."""

    name: str
    size: Decimal
    unit: str
    points: Decimal

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "size": float(self.size), "unit": self.unit, "points": float(self.points)}


_LEAD = r"(?:全年性|全年|本年度|本年|当年|年内|今年)?"
_NONE = r"(?:无|没有|未发生|未出现|未有|不存在)"


def _common(names: list[str]) -> str:
    """The words every kind ends with ("抛荒" of 连片抛荒 and 零星抛荒); "" when fewer than two characters."""
    size = 0
    while size < min(len(n) for n in names) and len({n[len(n) - size - 1] for n in names}) == 1:
        size += 1
    return names[0][len(names[0]) - size :] if size >= 2 else ""


def _plain_object(what: str, names: list[str], common: str, text: str = "") -> bool:
    """Whether the words between the denial and the fault only name where it would be, all of it ("没有耕地抛荒", or
    the place the rule text itself names), not one kind ("没有连片抛荒"), an extent that leaves smaller faults
    possible ("没有大面积抛荒"), nor one kind of land ("无旱地抛荒", "无基本农田抛荒", "没有水田抛荒": the rest of
    the land is not spoken of; s9 fix)."""
    if not what:
        return True
    if any(n[: -len(common)] and n[: -len(common)] in what for n in names):
        return False
    return what in _ALL_LAND or (len(what) >= 2 and what in text)


_ALL_LAND = ("耕地", "土地", "田地")  # s9 fix: words for all the land a fault of land could be on


@dataclass(frozen=True)
class AmountKinds(Rule):
    """每连片抛荒5亩或零星抛荒30亩的,扣2分 (module docstring)."""

    kinds: tuple[AmountKind, ...] = ()
    uncapped: bool = False

    kind = "amount_kinds"
    label = "分类按数量扣分"
    reads_note: ClassVar[bool] = True  # the 扣分说明 is read here, kind by kind (``actual_text.apply_rule``)

    def params(self) -> dict[str, object]:
        return {"kinds": [k.to_dict() for k in self.kinds], "uncapped": self.uncapped}

    def _amounts(self, said: str) -> dict[str, Decimal] | str:
        """Each kind's amount, or a Chinese reason why they cannot be read."""
        names = [k.name for k in self.kinds]
        common = _common(names)
        example = "，".join(f"{k.name}{fmt(k.size * 2)}{k.unit}" for k in self.kinds)
        ask = f"请写明各类的确切数量，如“{example}”或“无{names[-1]}”"
        whole = re.fullmatch(rf"{_LEAD}{_NONE}(?P<what>[\u4e00-\u9fa5]{{0,4}}?){common}(?:现象|情况|问题)?", said)
        if common and whole and _plain_object(whole.group("what"), names, common, simplified(self.text or "")):
            return dict.fromkeys(names, ZERO)
        amounts: dict[str, Decimal] = {}
        for clause in (c for c in re.split(r"[,，;；。、\s]+", said) if c):
            read = self._clause(clause)
            if isinstance(read, str):
                return f"实际情况“{said}”中“{clause}”{read}；{ask}"
            name, amount = read
            if name in amounts:
                return f"实际情况“{said}”中“{name}”写了多次，无法按类扣分；{ask}"
            amounts[name] = amount
        missing = [n for n in names if n not in amounts]
        if missing:
            return f"实际情况“{said}”未写明“{'”“'.join(missing)}”的数量，无法按类扣分；{ask}"
        return amounts

    def _clause(self, clause: str) -> tuple[str, Decimal] | str:
        for k in self.kinds:
            name = re.escape(k.name)
            if re.fullmatch(rf"{_LEAD}{_NONE}{_LEAD}{name}(?:现象|情况)?", clause):
                return k.name, ZERO
            found = re.fullmatch(
                rf"{_LEAD}{name}(?:面积)?(?:共|为|达|计)?(\d+(?:\.\d+)?)([\u4e00-\u9fa5]{{1,3}})", clause
            )
            if found is None:
                continue
            if found.group(2) != k.unit:
                return f"的单位不是“{k.unit}”"
            return k.name, Decimal(found.group(1))
        return "不是某一类的确切数量（或写有其他情况）"

    def apply(self, inputs: Inputs) -> Outcome:
        from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

        said = " ".join(x for x in ((inputs.actual.text if inputs.actual else None), inputs.note) if x)
        said = normalize_rule_text(re.sub(r"\s+", "", said)).rstrip("。") if said else ""
        if not said:
            return Outcome(None, "缺少实际情况：请写明各类的数量")
        amounts = self._amounts(said)
        if isinstance(amounts, str):
            return Outcome(None, amounts)
        parts, total, whole = [], ZERO, ZERO
        for k in self.kinds:
            amount = amounts[k.name]
            deduction = amount / k.size * k.points
            total += deduction
            whole += (amount // k.size) * k.points
            if amount == 0:
                parts.append(f"{k.name} 0{k.unit}，不扣分")
            else:
                parts.append(f"{k.name} {fmt(amount)}{k.unit} ÷ {fmt(k.size)}{k.unit} = {fmt(amount / k.size)} 档"
                             f"（按比例计），扣 {fmt(deduction)} 分")  # fmt: skip
        steps = "、".join(f"“每{k.name}{fmt(k.size)}{k.unit}扣{fmt(k.points)}分”" for k in self.kinds)
        rest = fmt(inputs.weight - total)
        how = f"按{steps}分别计：{'；'.join(parts)}；得分 = {fmt(inputs.weight)} − {fmt(total)} = {rest}"
        if total > inputs.weight and self.uncapped:
            return Outcome(None, f"{how}；评分标准写明“扣分不封顶”，应扣分数超过本项 {fmt(inputs.weight)} 分，"
                                 "超出部分是否从总分中扣除需人工判断")  # fmt: skip
        score = max(inputs.weight - total, ZERO)
        if total > inputs.weight:
            how += "，扣完为止，得 0 分"
        other = max(inputs.weight - whole, ZERO)
        alternatives = {"floor": other} if other != score else {}
        return Outcome(score, how, alternatives=alternatives)

    def reading_name(self, key: str) -> str:
        return "只计整档" if key == "floor" else key


def amount_kinds_from_mapping(spec: Mapping[str, object], text: str | None) -> AmountKinds:
    """{type: amount_kinds, kinds: [{name: 连片抛荒, size: 5, unit: 亩, points: 2}, …], uncapped: true}."""
    from medaid.evaluation.rules.formulas import spec_number
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("kinds")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError("amount_kinds 需要至少两类 kinds，如 [{name: 连片抛荒, size: 5, unit: 亩, points: 2}, …]")
    kinds = []
    for item in raw:
        if not isinstance(item, Mapping) or not item.get("name") or not item.get("unit"):
            raise RuleSpecError("kinds 的每一类需要 name（名称）、size（步长）、unit（单位）和 points（每步扣分）")
        size, points = spec_number(item, "size"), spec_number(item, "points")
        if size is None or size <= 0 or points is None or points <= 0:
            raise RuleSpecError("kinds 的每一类需要正数 size（步长）和 points（每步扣分）")
        kinds.append(AmountKind(str(item["name"]), size, str(item["unit"]), points))
    return AmountKinds(kinds=tuple(kinds), uncapped=bool(spec.get("uncapped", False)), text=text)
