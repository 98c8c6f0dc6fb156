"""One rule written once for several items, each with its own marks: "重大动物疫病免疫密度(12分×2项,即牲畜口蹄疫
和禽流感)…每低1个百分点扣2分", "土地治理项目和产业化经营项目…各占1分…每少落实1个百分点扣0.1分", "本项满分16分,
其中COD、氨氮分别为8分…".

A row whose weight is one item's marks is that item: its one value is scored by the rule. A row whose weight
is all the items' marks is scored only when the actual (or, without one, the explanation) states each item's
value, labelled with the item's name ("土地治理项目落实96%，产业化经营项目落实100%"): the sum of the items'
scores. Anything else — another weight, a value that names no item or two, an item without its value — is
refused with the reason: which value belongs to which item is never guessed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_CLAUSE = re.compile(r"[,，;；。、\s]+")
_VALUE = re.compile(r"^(?P<label>[^\d]*?)(?:为|达到|达|是|:|：)?(?P<value>\d+(?:\.\d+)?[^\d]*)$")


def item_core(name: str) -> str:
    """An item's name as an actual may write it: "产业化经营项目中的自筹资金落实情况" → "产业化经营项目"."""
    name = re.sub(r"^(?:各|每个|每项)", "", name)
    name = re.split(r"中的|的", name)[0]
    return re.sub(r"\([^)]*\)$", "", name) or name


def _matches(label: str, name: str) -> bool:
    core = item_core(name)
    return len(label) >= 2 and (core in label or label in core)


def added_up(scored: Iterable[tuple[str, Quantity, Outcome]], lead: str, head: str, weight: Decimal) -> Outcome:
    """The sum of labelled parts, each (name, value, its outcome) — taken one by one, so the first part without a
    score refuses the whole, naming it — at most the weight; the reason shows each part's value and reason."""
    shown: list[str] = []
    scores: list[Decimal] = []
    for name, value, outcome in scored:
        if outcome.score is None:
            return Outcome(None, f"{head}；{name}：{outcome.reason}")
        scores.append(outcome.score)
        shown.append(f"{name} {value.describe()}：{outcome.reason}")
    total = sum(scores, ZERO)
    reason = lead + "；".join(shown) + f"。合计 {' + '.join(fmt(s) for s in scores)} = {fmt(total)} 分"
    return Outcome(min(total, weight), reason)


def labelled_values(text: str, names: tuple[str, ...]) -> dict[str, Quantity] | str:
    """Each item's value from "土地治理项目落实96%，产业化经营项目落实100%", or why it cannot be read."""
    found: dict[str, Quantity] = {}
    for clause in _CLAUSE.split(text.replace("（", "(").replace("）", ")")):
        numbers = re.findall(r"\d+(?:\.\d+)?", clause)
        if not numbers:
            continue
        match = _VALUE.match(clause)
        if len(numbers) != 1 or match is None:
            return f"“{clause}”不是一项的一个数值"
        label = match.group("label")
        owners = [n for n in names if _matches(label, n)]
        if len(owners) != 1 or owners[0] in found:
            return f"“{clause}”对应不到唯一一项（{'、'.join(names)}）"
        quantity = parse_quantity(match.group("value"))
        if quantity is None or quantity.value is None:
            return f"“{clause}”中的数值无法读取"
        found[owners[0]] = quantity
    missing = [n for n in names if n not in found]
    if missing:
        return f"未写明{'、'.join(missing)}的实际值"
    return found


@dataclass(frozen=True)
class EachItem(Rule):
    """(12分×2项,即牲畜口蹄疫和禽流感)…每低1个百分点扣2分 — the same rule for each item, each of ``each`` points.

    ``count`` items, named in ``names`` when the text names them; ``rule`` scores one item out of ``each``.
    """

    rule: Rule
    each: Decimal
    count: int
    names: tuple[str, ...] = ()

    kind = "each_item"
    label = "各项同一规则"

    def params(self) -> dict[str, object]:
        inner = {k: v for k, v in self.rule.to_dict().items() if k not in ("label", "text", "full_marks")}
        return {"each": float(self.each), "count": self.count, "names": list(self.names), "rule": inner}

    def reading(self) -> str:
        return self.rule.reading()

    def reading_name(self, key: str) -> str:
        return self.rule.reading_name(key)

    def _one(self, inputs: Inputs, actual: Quantity | None) -> Outcome:
        return self.rule.apply(dataclasses.replace(inputs, weight=self.each, actual=actual, stated=None))

    def apply(self, inputs: Inputs) -> Outcome:
        items = f"{self.count}项（{'、'.join(self.names)}）" if self.names else f"{self.count}项"
        head = f"评分标准对{items}各按同一规则计分，每项 {fmt(self.each)} 分"
        if inputs.weight == self.each:
            actual = inputs.actual
            if actual is not None and actual.value is None and self.names:
                return Outcome(None, f"{head}；本行分值 {fmt(inputs.weight)} 分为其中一项，实际“{actual.text}”"
                                     "未写明一个数值，无法计分")  # fmt: skip
            outcome = self._one(inputs, actual)
            return dataclasses.replace(
                outcome, reason=f"{head}；本行分值 {fmt(inputs.weight)} 分即其中一项：{outcome.reason}"
            )
        if inputs.weight != self.each * self.count:
            total = fmt(self.each * self.count)
            return Outcome(None, f"{head}；本行分值 {fmt(inputs.weight)} 分既不是一项的 {fmt(self.each)} 分，"
                                 f"也不是{self.count}项合计 {total} 分，无法确定按哪几项计分")  # fmt: skip
        return self._all(inputs, head)

    def _all(self, inputs: Inputs, head: str) -> Outcome:
        written, source = (inputs.actual.text, "实际") if inputs.actual is not None else (inputs.note, "说明")
        if not written:
            return Outcome(None, f"{head}；本行为{self.count}项合计，缺少各项的实际完成值")
        if not self.names:
            return Outcome(
                None, f"{head}；评分标准未列出各项名称，无法把“{written}”中的数值对应到各项，需写明每项的实际值"
            )
        values = labelled_values(written, self.names)
        if isinstance(values, str):
            return Outcome(None, f"{head}；本行为{self.count}项合计，{source}“{written}”：{values}，需写明每项的实际值")
        scored = ((name, values[name], self._one(inputs, values[name])) for name in self.names)
        return added_up(scored, f"{head}；各项实际值取自{source}“{written}”。", head, inputs.weight)


def each_item_from_mapping(spec: Mapping[str, object], text: str | None) -> EachItem:
    """{type: each_item, each: 12, count: 2, names: [牲畜口蹄疫, 禽流感], rule: {type: per_point, …}}."""
    from medaid.evaluation.rules.formulas import spec_number
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    each, inner, names = spec_number(spec, "each"), spec.get("rule"), spec.get("names") or []
    count = spec.get("count")
    if each is None or each <= 0 or not isinstance(count, int) or count < 2:
        raise RuleSpecError("each_item 需要正数 each（每项分值）和不少于 2 的整数 count（项数）")
    if not isinstance(inner, Mapping):
        raise RuleSpecError("each_item 需要 rule（每项的计分规则），如 {type: per_point, …}")
    if not isinstance(names, list) or (names and len(names) != count):
        raise RuleSpecError("names 应为各项名称的列表，个数与 count 相同")
    return EachItem(
        rule=rule_from_mapping(inner), each=each, count=count, names=tuple(str(n) for n in names), text=text
    )
