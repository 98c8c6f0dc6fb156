"""A base rule with bonus items beside it (bands family, session 6 round 2).

Tables write a base rule on one quantity and then one or more bonus items, each on another thing the evaluator
must report: "能按时完成的,记15分…超额完成的,每增加1000亩,加0.05分,以2分为限。接受省委托代建标准农田的单位,每完成1000亩,
加0.1分,以2分为限", "分管领导参加不少于4次,每少1次扣1.25分。加分项:县主要领导参加1次加2.5分", "完成任务的得满分,完不成
的按比例计分,经过验收达到全覆盖的加10分". Each item is a subject in words and either a count ("每完成1000亩", "1次",
"1人") with the points per count, or a condition ("…的,再加2分") with its points; an item may have its own cap
("以2分为限") and the items together an overall cap ("该项设有加分项(最多加5分)", "加分不超过5分").

At scoring, the actual in words (or the explanation) is cut into statements; each statement is matched to the items
by the words only that item's subject has (not the base's, not another item's): a statement matching no item is
the base's, one matching one item is that item's, one matching two is refused unless it denies both without a
number ("无人被安排训练或参赛"). An item's statement gives its count (one number in the item's counter) or denies it
(未/无/没有…); an item the actual does not write adds nothing, and the reason says so. The base is scored by its own
rule on the base's statements (or on a numeric actual), "超额完成N<unit>" there being the excess over the target.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity, comparable
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.bonus_item_statements import (
    DENIES,
    STATEMENT,
    BonusItem,
    condition_outcome,
    excess_total,
    item_keys,
    item_points,
    restates_target,
    step_points,
)
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.levels import Qualitative


@dataclass(frozen=True)
class BaseWithBonusItems(Rule):
    kind = "base_bonus_items"
    label = "基本计分加加分项"

    base: Rule
    items: tuple[BonusItem, ...]
    base_text: str = ""
    most: Decimal | None = None  # the items together
    beyond: BonusItem | None = None  # "多完成1人加1分": a step on the base quantity past the target

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {
            "base": self.base.to_dict(),
            "base_text": self.base_text,
            "items": [item.to_dict() for item in self.items],
        }
        if self.most is not None:
            out["most"] = float(self.most)
        if self.beyond is not None:
            out["beyond"] = self.beyond.to_dict()
        return out

    def full_marks(self) -> Decimal | None:
        return self.declared_full or self.base.full_marks()

    def keys(self) -> list[frozenset[str]]:
        subjects = [item.subject for item in self.items]
        return [
            item_keys(s, self.base_text + "".join(o for j, o in enumerate(subjects) if j != i))
            for i, s in enumerate(subjects)
        ]

    def apply(self, inputs: Inputs) -> Outcome:
        from medaid.evaluation.actual_text import apply_rule

        numeric = inputs.actual is not None and inputs.actual.value is not None
        words = inputs.note if numeric else inputs.actual.text if inputs.actual is not None else inputs.note
        if inputs.actual is not None and not numeric and inputs.note:
            words = f"{inputs.actual.text}；{inputs.note}"
        statements = [s for s in STATEMENT.split(simplified(words or "")) if s.strip()]
        keys = self.keys()
        found: dict[int, str] = {}
        base_words: list[str] = []
        for statement in statements:
            hits = [i for i, k in enumerate(keys) if sum(ch in statement for ch in k) >= min(2, len(k))]
            if not hits:
                base_words.append(statement)
                continue
            if len(hits) > 1 and not (DENIES.search(statement) and not re.search(r"\d", statement)):
                names = "、".join(f"“{self.items[i].subject}”" for i in hits)
                return Outcome(None, f"实际情况“{statement}”同时对应加分项{names}，无法确定各项数量；"
                                     "请分项写明各加分项的数量")  # fmt: skip
            for i in hits:
                if i in found:
                    return Outcome(None, f"加分项“{self.items[i].subject}”在实际情况中写了两处（“{found[i]}”、"
                                         f"“{statement}”），无法确定其数量；请只写一处")  # fmt: skip
                found[i] = statement
        base_words = [w for w in base_words if not restates_target(w, inputs.target)]
        base_inputs = inputs
        said = ""
        if not numeric:
            excess = excess_total(base_words, inputs.target)
            if isinstance(excess, Outcome):
                return excess
            if excess is not None:
                base_inputs = dataclasses.replace(inputs, actual=excess[0], note=None)
                said = excess[1]
            else:
                base_inputs = dataclasses.replace(inputs, actual=None, note="，".join(base_words) or None)
        if isinstance(self.base, Qualitative) and not numeric:
            base = condition_outcome(self.base, base_words, inputs.weight)
        else:
            base = apply_rule(self.base, dataclasses.replace(base_inputs, bonus_allowed=True))
        if base.score is None:
            return Outcome(None, f"基本计分（“{self.base_text}”）：{base.reason}")
        if numeric and not words:
            if inputs.bonus_allowed or base.score < inputs.weight:
                shown = inputs.actual.describe() if inputs.actual else ""
                listed = "、".join(f"“{i.subject}”" for i in self.items)
                return Outcome(None, f"实际只填写数值 {shown}，未写明各加分项（{listed}）的情况，无法确定是否加分；"
                                     "请在实际完成情况或扣分说明中写明各加分项的数量或是否达到")  # fmt: skip
            head = f"基本计分（“{self.base_text}”）：{base.reason}，得满分 {fmt(base.score)} 分"
            return Outcome(inputs.weight, f"{head}；加分项不论是否达到，评价框架不允许超过分值，"
                                          f"按 {fmt(inputs.weight)} 分计")  # fmt: skip
        if not inputs.bonus_allowed and base.score >= inputs.weight:
            # only the cap at the weight decides: the reason says no bonus was earned (bands, s6 round 4)
            head = f"基本计分（“{self.base_text}”）：{said}{base.reason}，得满分 {fmt(base.score)} 分"
            return Outcome(inputs.weight, f"{head}；加分项不论是否达到，评价框架不允许超过分值，"
                                          f"按 {fmt(inputs.weight)} 分计")  # fmt: skip
        added = ZERO
        parts: list[str] = []
        if self.beyond is not None:
            over = self._beyond(self.beyond, inputs, base_inputs.actual, base_words)
            if isinstance(over, Outcome):
                return over
            added += over[0]
            parts.append(over[1])
        for i, item in enumerate(self.items):
            got = item_points(item, found.get(i))
            if isinstance(got, Outcome):
                return got
            added += got[0]
            parts.append(got[1])
        shown_add = fmt(added)
        if self.most is not None and added > self.most:
            shown_add = f"{fmt(added)}，加分项合计最多加 {fmt(self.most)} 分，按 {fmt(self.most)} 分计"
            added = self.most
        if base.score <= ZERO and added > ZERO:
            return Outcome(None, f"基本计分为 0 分而加分项加 {fmt(added)} 分，评分标准未写明此时加分项是否计分；"
                                 "请由评价人员判断")  # fmt: skip
        total = base.score + added
        head = f"基本计分（“{self.base_text}”）：{said}{base.reason}，得 {fmt(base.score)} 分；"
        reason = f"{head}加分项：{'；'.join(parts)}；加分 {shown_add}；合计 {fmt(total)} 分"
        if total > inputs.weight and not inputs.bonus_allowed:
            return Outcome(inputs.weight, f"{reason}，评价框架不允许超过分值，按 {fmt(inputs.weight)} 分计")
        return Outcome(total, reason)

    def _beyond(
        self, beyond: BonusItem, inputs: Inputs, actual: Quantity | None, words: list[str]
    ) -> tuple[Decimal, str] | Outcome:
        """The step past the target on the base quantity ("多完成1人加1分"): the actual the base was scored on."""
        from medaid.evaluation.actual_text import read_actual

        if actual is None or actual.value is None:
            reading = read_actual("，".join(words), inputs.target, self.base)
            actual = reading.actual if reading is not None else None
        target = inputs.target
        if target is not None and target.comparator in (Comparator.LE, Comparator.LT):
            return Outcome(None, f"指标值 {target.describe()} 越低越好，“超额”加分的方向不明；请由评价人员判断")
        if actual is None or target is None or target.value is None:
            return Outcome(None, "超额加分需要指标值与实际完成值，实际情况未写明可比的完成数；请写明实际完成数")
        value = comparable(target, actual)
        if value.value is None or value.unit != target.unit:
            return Outcome(
                None, f"实际完成值 {actual.describe()} 与指标值 {target.describe()} 单位不同，无法计超额加分"
            )
        over = value.value - target.value
        if over <= ZERO:
            return ZERO, f"超额部分：实际 {value.describe()} 未超过指标值 {target.describe()}，不加分"
        return step_points(
            beyond, over, f"超额部分：实际 {value.describe()} 超过指标值 {fmt(over)}{target.unit}", target.unit
        )


def _item_from(raw: object) -> BonusItem:
    from medaid.evaluation.rules.structured import RuleSpecError

    if not isinstance(raw, Mapping) or not isinstance(raw.get("subject"), str) or "points" not in raw:
        raise RuleSpecError("base_bonus_items 的每个加分项需要 subject 与 points")
    size, most = raw.get("size"), raw.get("most")
    return BonusItem(
        subject=str(raw["subject"]),
        points=Decimal(str(raw["points"])),
        size=Decimal(str(size)) if size is not None else None,
        unit=str(raw.get("unit") or ""),
        most=Decimal(str(most)) if most is not None else None,
    )


def base_bonus_items_from_mapping(spec: Mapping[str, object], text: str | None) -> BaseWithBonusItems:
    """{type: base_bonus_items, base: {type: step_bonus, …}, base_text: …, items: [{subject, points, size, unit,
    most}], most: 5}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    base, items = spec.get("base"), spec.get("items")
    if not isinstance(base, Mapping) or not isinstance(items, list) or not items:
        raise RuleSpecError("base_bonus_items 规则需要 base（基本计分规则）与 items（加分项列表）")
    read = [_item_from(raw) for raw in items]
    beyond = spec.get("beyond")
    most = spec.get("most")
    return BaseWithBonusItems(
        base=rule_from_mapping(base),
        items=tuple(read),
        base_text=str(spec.get("base_text") or ""),
        most=Decimal(str(most)) if most is not None else None,
        beyond=_item_from(beyond) if beyond is not None else None,
        text=text,
    )
