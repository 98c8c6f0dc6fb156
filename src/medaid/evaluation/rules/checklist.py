"""Checklists (分项评分): items each worth their marks, or deductions from the full marks.

"1. …得3分。2. …得2分。"; "目标明确(1分),目标细化(1.5分)"; "…每项各2.5分";
"未建立台账扣2分；台账不全扣1分" (deductions). ``Inputs.holds`` lists the items that hold; without it a
description in words (the actual, else the explanation) says what holds or what was found (``statements``),
and when every item is worth the same, a count does ("符合3项", "有1项不符合", "全部符合").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.rules.answers import is_number
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, cap_note
from medaid.evaluation.rules.checklist_counts import all_or_none, every_outcome
from medaid.evaluation.rules.checklist_events import count_outcome
from medaid.evaluation.rules.checklist_found import found_outcome
from medaid.evaluation.rules.clause_lists import items_by_words
from medaid.evaluation.rules.clause_synonyms import in_text_words
from medaid.evaluation.rules.composite import as_parts
from medaid.evaluation.rules.denied_lists import dependents, spread_tail_denial
from medaid.evaluation.rules.item_overlap import items_by_overlap, swapped_qualifier
from medaid.evaluation.rules.levels import Level, Qualitative
from medaid.evaluation.rules.list_denials import spread_denials
from medaid.evaluation.rules.missing_counts import names_missing_count
from medaid.evaluation.rules.statements import NOT_NOW, counted, items_held, items_missing
from medaid.evaluation.rules.target_faults import note_beside, target_shortfall


def _item(number: int, name: str) -> str:
    return f"第{number}项（{name}）" if name else f"第{number}项"


@dataclass(frozen=True)
class Checklist(Rule):
    """分项评分：“1. ……的，得3分……2. ……的，得2分”；“目标明确(1分),目标细化(1.5分)”；
    扣分清单：“未建立台账扣2分；台账不全扣1分”。

    With ``Inputs.holds`` (the items that hold) the score is the sum of those items' marks, or, for a
    list of deductions, the full marks less the deductions of the items that do not hold. The items'
    marks must add up to the full marks (the text's or the weight). Without ``holds`` the evaluator scores
    it, within 0 and the items' sum; a list of deductions may also take an actual that names what was found.
    """

    items: tuple[Decimal, ...]
    names: tuple[str, ...] = ()
    deduct: bool = False  # items are deductions from the full marks
    full: Decimal | None = None  # deductions: the full marks the text gives ("…得满分" is None: the weight)
    zeroing: tuple[int, ...] = ()  # deductions: items after which the indicator scores 0 (不得分)
    open_items: tuple[int, ...] = ()  # items with rules of their own inside: not simply all or nothing
    either: bool = False  # the text does not say whether the items add up or are levels: the weight decides
    otherwise: str | None = None  # either: what the text scores 0 ("未完成不得分"), a level when they are levels
    required: bool = False  # deductions: the names are requirements ("每缺一项扣1分"), not faults

    kind = "checklist"
    label = "分项评分"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {"items": [float(x) for x in self.items]}
        if self.names:
            out["names"] = list(self.names)
        if self.deduct:
            out["deduct"] = True
            out["full"] = None if self.full is None else float(self.full)
            out["zeroing"] = list(self.zeroing)
        if self.open_items:
            out["open_items"] = list(self.open_items)
        if self.either:
            out["either"] = True
        if self.otherwise:
            out["otherwise"] = self.otherwise
        if self.required:
            out["required"] = True
        return out

    def full_marks(self) -> Decimal | None:
        if self.deduct:
            return self.full if self.full is not None else self.declared_full
        if self.either:
            return self.declared_full
        return sum(self.items, ZERO) if self.items else self.declared_full

    def _name(self, number: int) -> str:
        return _item(number, self.names[number - 1] if len(self.names) >= number else "")

    def _stated(self, weight: Decimal) -> Decimal:
        return self.declared_full if self.declared_full is not None else weight

    def _levels(self) -> Qualitative:
        levels = [Level(n, points=p) for n, p in zip(self.names, self.items, strict=True)]
        if self.otherwise:
            levels.append(Level(self.otherwise, points=ZERO))
        return Qualitative(levels=tuple(levels))

    def exclusive(self, weight: Decimal) -> bool:
        """Whether the items are levels of which one applies: their marks do not add up to the full
        marks, but the highest is the full marks (the only reading under which full marks are reachable)."""
        stated = self._stated(weight)
        total = sum(self.items, ZERO)
        return self.either and total != stated and max(self.items, default=ZERO) == stated

    def apply(self, inputs: Inputs) -> Outcome:
        if self.either and self.exclusive(inputs.weight) and len(self.names) == len(self.items):
            if inputs.holds is not None:
                return Outcome(None, "各项分值合计不等于满分而最高一项等于满分，应为互斥的等级：请填写实际等级，"
                               "不按符合的分项计分", needs_judgement=True)  # fmt: skip
            outcome = self._levels().apply(inputs)
            return Outcome(
                outcome.score,
                f"各项分值合计不等于满分、最高一项等于满分，按互斥等级计分：{outcome.reason}",
                allowed=outcome.allowed,
                needs_judgement=outcome.needs_judgement,
            )
        if inputs.holds is not None:
            bad = [i for i in inputs.holds if not 1 <= i <= len(self.items)]
            if bad:
                return Outcome(None, f"符合的分项 {bad} 超出本规则的 {len(self.items)} 项")
            return self._deduct_holds(inputs) if self.deduct else self._add_holds(inputs)
        said = inputs.actual.text if inputs.actual is not None else inputs.note
        if said and said.strip():
            described = self._described(inputs, said.strip())
            if not self.deduct and not self.either and (described is None or described.score is None):
                # items with rules or thresholds of their own ("每少一篇扣1分", "达80%以上的计2分"): as parts
                described = as_parts(self.text, inputs) or described
            if described is not None:
                where = "" if inputs.actual is not None else "（实际情况取自说明）"
                return Outcome(described.score, where + described.reason, described.allowed,
                               needs_judgement=described.needs_judgement)  # fmt: skip
        return self._judged(inputs)

    def _described(self, inputs: Inputs, text: str) -> Outcome | None:
        """The score a description in words (or a count) gives; None when it says nothing of the items."""
        equal = len(set(self.items)) == 1 and (not self.zeroing or len(self.zeroing) == len(self.items))
        if (
            equal
            and not self.either
            and (n := counted(text, len(self.items), "missed" if self.deduct else "held")) is not None
            and not (self.deduct and n != len(self.items) and names_missing_count(self.names))  # s8e: "缺1项"
        ):
            return self._by_count(inputs, text, n)
        # faults (s8): "两项均符合", "两项均不符合" whatever each item's marks
        if (every := all_or_none(self, text, inputs.weight)) is not None:
            return every_outcome(self, inputs, text, every)
        if (
            self.deduct
            and len(self.items) == 1
            and self.names
            and (short := target_shortfall(self.names[0], inputs.target, inputs.actual))
        ):  # faults (s8): "达不到要求不给分" against the target "小学≤1%;初中≤2%"
            if note_beside(inputs.note, inputs.actual):
                said = (f"“{self.names[0]}”可对照指标值判断，但扣分说明“{inputs.note}”另有所述，不能确定以何者为准："
                        "请只填写实际值，或直接填写是否达到要求")  # fmt: skip
                return Outcome(None, said, needs_judgement=True)
            outcome = self._deducted(inputs, [1] if short[0] else [], "")
            return Outcome(outcome.score, f"“{self.names[0]}”对照指标值：{short[1]}：{outcome.reason}")
        if inputs.actual is not None and is_number(inputs.actual):
            return self._count(inputs) if self.deduct else None
        if not self.deduct or self.required:
            text = in_text_words(text, self.names)  # faults (s7): the evaluator's synonyms in the table's words
            text = spread_denials(text)  # fix round s8: "制度、台账、档案均缺" denies each of the three
            text = spread_tail_denial(text)  # s9: "A、B及C均未提供" denies each of the three
            held, why = items_held(text, self.names)
            rest = ""
            # only what is missing said (each statement denies one item): the rest are met, for items as for deductions
            if why is not None and (missing := items_missing(text, self.names)) is not None:
                after, outright = dependents(text, self.names, missing)  # s9: "规划经批准" needs "制定规划"
                if after and (self.deduct or not outright):
                    return self._unsure(inputs, f"{self._names(after)}以被否定的分项为前提，未说明其情况")
                held, why = [i for i in range(1, len(self.names) + 1) if i not in missing + after], None  # "缺台账"
                needs = f"{self._names(after)}以被否定的分项为前提，随之不符合；其余" if after else "其中"
                rest = f"（{needs}未提及的分项视为符合）"
            # each statement matched to one item by the words they share; not for items with rules of their own
            if (
                why is not None
                and not self.open_items
                and not NOT_NOW.search(text)  # s9: "有上年度工作计划" is not "有年度工作计划"
                and not (by_words := items_by_words(text, self.names))[1]
            ):
                held, why = by_words[0], None
            if (
                why is not None
                and not (self.open_items or self.deduct)
                and (overlap := items_by_overlap(text, self.names)) is not None  # s9: "设有独立办公室"
            ):
                held, why, rest = overlap, None, "（各说法按与分项共有的词语对应到分项）"
            if why is None and (swap := swapped_qualifier(text, self.names, held)) is not None:  # s9 review
                why = f"{swap}（所说之物与分项所列不同）"
            if why is not None or len(self.names) != len(self.items):
                return None if why is None else self._unsure(inputs, f"实际情况“{why}”无法对应分项")
            outcome = self.apply(Inputs(inputs.weight, inputs.target, None, holds=tuple(held)))
            return Outcome(outcome.score, f"按实际情况“{text}”{rest}：{outcome.reason}", outcome.allowed,
                           needs_judgement=outcome.needs_judgement)  # fmt: skip
        return self._found(inputs, text)

    def _by_count(self, inputs: Inputs, text: str, held: int) -> Outcome:
        """Items of equal marks against how many hold ("符合2项", "缺1项", "全部符合")."""
        total, each, stated = len(self.items), self.items[0], self._stated(inputs.weight)
        said = f"实际“{text}”即 {total} 项中 {held} 项符合"
        if not self.deduct:
            if each * total != stated or (self.open_items and held < total):
                return self._unsure(inputs, f"{said}，但各项分值合计与满分不一致或有分项另有扣分规则")
            return Outcome(clamp(each * held, ZERO, inputs.weight), f"{said}，每项 {fmt(each)} 分：得分 = {held} × "
                           f"{fmt(each)} = {fmt(each * held)}（满分 {fmt(stated)} 分）")  # fmt: skip
        full = self.full if self.full is not None else stated
        if self.zeroing:
            score, how = (full, "均符合，得满分") if held == total else (ZERO, "有不符合的，不得分")
            return Outcome(min(score, inputs.weight), f"{said}，{how}（满分 {fmt(full)} 分）")
        raw, missed = full - (total - held) * each, total - held
        steps = f"得分 = {fmt(full)} − {missed} × {fmt(each)} = {fmt(raw)}{cap_note(raw, inputs.weight)}"
        return Outcome(clamp(raw, ZERO, inputs.weight), f"{said}，{missed} 项不符合、每项扣 {fmt(each)} 分：{steps}")

    def _names(self, items: list[int]) -> str:
        return "、".join(self._name(i) for i in items)

    def _unsure(self, inputs: Inputs, why: str) -> Outcome:
        outcome = self._judged(inputs)
        return Outcome(None, f"{why}；{outcome.reason}", allowed=outcome.allowed, needs_judgement=True)

    def _judged(self, inputs: Inputs) -> Outcome:
        if self.deduct:
            full = self.full if self.full is not None else self._stated(inputs.weight)
            cases = "、".join(f"{self._name(i)}扣 {fmt(x)} 分" for i, x in enumerate(self.items, 1))
            return Outcome(
                None,
                f"满分 {fmt(full)} 分，扣分情形：{cases}；需列明不扣分的分项（符合要求的项）或实际发现的情形",
                allowed=(ZERO, min(full, inputs.weight)),
                needs_judgement=True,
            )
        full = self.full_marks() or inputs.weight
        parts_ = " + ".join(fmt(x) for x in self.items)
        stated = self._stated(inputs.weight)
        off = "" if full == stated or self.either else f"（各分项合计 {fmt(full)} 分与满分 {fmt(stated)} 分不一致）"
        return Outcome(
            None,
            f"满分 {parts_} = {fmt(full)} 分{off}，由评价人员逐项判断（或列明符合的分项）"
            if len(self.items) > 1
            else f"满分 {fmt(full)} 分{off}，由评价人员判断是否符合",
            allowed=(ZERO, min(full, inputs.weight)),
            needs_judgement=True,
        )

    def _add_holds(self, inputs: Inputs) -> Outcome:
        holds = sorted(set(inputs.holds or ()))
        total, stated = sum(self.items, ZERO), self._stated(inputs.weight)
        if total != stated:
            return Outcome(
                None,
                f"各分项分值合计 {fmt(total)} 分与满分 {fmt(stated)} 分不一致，无法按符合的分项计分",
                needs_judgement=True,
            )
        unsure = [i for i in self.open_items if i not in holds]
        if unsure:
            return Outcome(
                None,
                f"{'、'.join(self._name(i) for i in unsure)}另有扣分规则，未全部符合时需人工判断",
                allowed=(ZERO, min(total, inputs.weight)),
                needs_judgement=True,
            )
        score = sum((self.items[i - 1] for i in holds), ZERO)
        got = "、".join(f"{self._name(i)} {fmt(self.items[i - 1])} 分" for i in holds) or "无"
        missed = [i for i in range(1, len(self.items) + 1) if i not in holds]
        lost = f"；{'、'.join(self._name(i) for i in missed)}不符合，不得分" if missed else ""
        return Outcome(
            clamp(score, ZERO, inputs.weight),
            f"按分项计分：符合{got}，合计 {fmt(score)} 分{lost}（满分 {fmt(total)} 分）",
        )

    def _deduct_holds(self, inputs: Inputs) -> Outcome:
        missed = [i for i in range(1, len(self.items) + 1) if i not in (inputs.holds or ())]
        outcome = self._deducted(inputs, missed, "不符合要求")
        return Outcome(outcome.score, f"按扣分清单计分（符合要求的分项不扣分）：{outcome.reason}")

    def _deducted(self, inputs: Inputs, found: list[int], how: str) -> Outcome:
        full = self.full if self.full is not None else self._stated(inputs.weight)
        zero = [i for i in found if i in self.zeroing]
        if zero:
            return Outcome(ZERO, f"{'、'.join(self._name(i) for i in zero)}{how}，不得分（满分 {fmt(full)} 分）")
        if not found:
            return Outcome(min(full, inputs.weight), f"各扣分情形均未发生，得满分 {fmt(full)} 分")
        lost = sum((self.items[i - 1] for i in found), ZERO)
        raw = full - lost
        steps = "、".join(f"{self._name(i)}{how}扣 {fmt(self.items[i - 1])} 分" for i in found)
        floor = "，扣完为止按 0 分计" if raw < 0 else ""
        return Outcome(
            clamp(raw, ZERO, inputs.weight),
            f"{steps}；得分 = {fmt(full)} − {fmt(lost)} = {fmt(raw)}{floor}",
        )

    def _found(self, inputs: Inputs, text: str) -> Outcome:
        """A list of faults against a description: what it names was found, nothing else (``checklist_found``)."""
        return found_outcome(self, inputs, text)

    def _count(self, inputs: Inputs) -> Outcome:
        """ "出现重复档案此项不得分" against "0份"/"1份" (``checklist_events``)."""
        return count_outcome(self, inputs)
