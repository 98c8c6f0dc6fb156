"""Counted deductions, a case of which is deducted twice under a condition (counts family, s9): "…未及时整改落实的,一次
扣5分,…一次扣2分,跨月未整改翻倍扣分,20分扣完为止".

``inner`` is the rest of the text (``PerKind`` or ``PerCase``). The actual (or, without one, the explanation) must say
whether the condition held whenever anything is deducted:
- "均未跨月", "没有跨月": it did not; the statement is set aside and the rest is scored by ``inner``;
- "…未及时整改1次，且跨月仍未整改": it held for the one case the statement before it names (in the same sentence):
  that case's deduction is taken again. A statement before it of more than one case, or none, is refused (which of
  them did it hold for?).
- said nowhere while something is deducted: refused (the deduction may be twice as large).
The score is the full marks less every deduction; below zero it is 0 when the text floors it (扣完为止), else refused.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import simplified

_DENIED = re.compile(r"(?:未|没有|没|无|不|非)$")
# Words before the key that deny the condition held ("避免跨月", "险些被上级通报": a near miss did not happen).
_DENIED_BEFORE = re.compile(r"避免|免于|免遭|防止|未出现|没有出现|未发生|没有发生|不存在|险些|差点|几乎")
# Words before the key that leave it open (a hedge, a plan, a forecast, a question): refused.
_OPEN_BEFORE = re.compile(r"可能|或|将|拟|预计|预期|计划|是否|疑似|如|若|待|尚待|估计|恐|担心|前")
# The only words allowed before the key of a condition that held: "且跨月仍未整改", "已被上级通报".
_HELD_BEFORE = re.compile(r"(?:且|并|已|已经|均|都|也|亦|又|还|仍|被|曾|其中|该次|此次|后)*")
# After the key (and the rest of the condition): a denial "的情况没有", "0次", "：无", "经核查不属实".
_DENIED_AFTER = re.compile(
    r"(?:的)?(?:情况|情形|现象|问题)?[:：]?(?:均|都|并|也)?(?:没有|无|未发生|未出现|不存在|(?:0|零)(?:次|起|处|例|件|项)"
    r"|(?:经)?(?:核查|核实|调查|查实)?(?:不属实|不成立))"
)
# After the key: what a condition that held may add ("批评", "后已整改": it was rectified only after the month).
_HELD_AFTER = re.compile(r"(?:批评|通报批评|(?:后|之后)(?:才|方)?(?:已|已经)?(?:整改|完成整改)(?:到位|完毕)?)?")
_ONE_CASE = re.compile(
    r"^[^\d一二两三四五六七八九十]*(?:1|一)(?:次|起|例|件|处|项|个|宗|条)[^\d一二两三四五六七八九十]*$"
)


def condition_key(condition: str) -> str:
    """The words a statement about the condition holds: "跨月" of "跨月未整改", "市领导指出" of "被市领导指出"."""
    key = re.split(r"未|没有|不|仍", re.sub(r"^(?:被|如|若|凡|如果)", "", condition))[0]
    return key if len(key) >= 2 else ""


def _condition_state(segment: str, at: int, key: str, condition: str) -> bool | None:
    """Whether a statement holding ``key`` says the condition held (True), did not (False), or leaves it open (None).

    Held only when nothing but a joining word comes before the key ("且跨月仍未整改", "被上级通报") and nothing but the
    rest of the condition (or "批评", "后已整改") after it; a clear denial before ("未跨月", "避免跨月", "险些被…")
    or after ("…的情况没有", "…0次", "…经核查不属实") is "not held"; anything else (a hedge, a plan, a question, a
    count, another word) is open.
    """
    before = segment[:at].strip(",;。，；、 ")
    after = segment[at + len(key) :].strip(",;。，；、 ")
    if _DENIED.search(re.sub(r"(?:均|都|并|皆|也|亦|被|曾)+$", "", before)) or _DENIED_BEFORE.search(before):
        return None if _OPEN_BEFORE.search(before) else False
    if _OPEN_BEFORE.search(before):
        return None
    rest = condition[condition.find(key) + len(key) :] if key in condition else ""
    tail = re.sub(r"^(?:仍|还|均|都|也|一直|持续)", "", after)
    if rest and tail.startswith(rest):
        tail = tail[len(rest) :]
    elif rest and rest.startswith("未") and tail.startswith("仍" + rest):
        tail = tail[len(rest) + 1 :]
    tail = tail.removeprefix("的")
    if _DENIED_AFTER.fullmatch(tail):
        return False
    if not _HELD_BEFORE.fullmatch(before) or not _HELD_AFTER.fullmatch(tail):
        return None
    return True


@dataclass(frozen=True)
class DoubledCases(Rule):
    """计数扣分，另有情形“翻倍扣分”（模块说明）。"""

    inner: Rule
    condition: str  # "跨月未整改"
    clause: str  # the clause as written: "跨月未整改翻倍扣分"
    floor: bool = True  # the text floors the score at 0 (扣完为止)

    kind = "doubled_cases"
    label = "计数扣分（另有情形加倍扣分）"
    deducts_from_start = True

    def params(self) -> dict[str, object]:
        return {"inner": self.inner.to_dict(), "condition": self.condition, "clause": self.clause,
                "floor": self.floor}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.inner.full_marks()

    def _with(self, inputs: Inputs, text: str) -> Inputs:
        if inputs.actual is not None:
            return dataclasses.replace(inputs, actual=parse_quantity(text))
        return dataclasses.replace(inputs, note=text)

    def apply(self, inputs: Inputs) -> Outcome:
        written = inputs.actual.text if inputs.actual is not None else inputs.note
        lead = f"（评分标准“{self.clause}”：{self.condition}的，该次扣分加倍）"
        key = condition_key(self.condition)
        if not written or not key:
            return Outcome(None, lead + "未填写实际情况")
        segments = [s for s in re.split(r"(?<=[,;。，；])", simplified(written)) if s.strip(",;。，；")]
        held: list[str] = []  # the statement of the one case the condition held for
        kept: list[str] = []
        said = False
        for i, segment in enumerate(segments):
            at = segment.find(key)
            if at < 0:
                kept.append(segment)
                continue
            said = True
            state = _condition_state(segment, at, key, self.condition)
            if state is False:
                continue
            if state is None:
                return Outcome(None, lead + f"“{segment.strip(',;。，；')}”未明确写明{self.condition}是否属实（含推测、"
                                            "计划、未核实或其他说法），无法确定是否加倍扣分")  # fmt: skip
            before = segments[i - 1] if i and not segments[i - 1].endswith((";", "。", "；")) else ""
            case = before.strip(",;。，；")
            if not case or not _ONE_CASE.match(case):
                return Outcome(None, lead + f"“{segment.strip(',;。，；')}”未写明是哪一次情形（须紧接在写明1次情形的"
                                            "说明之后），无法确定加倍扣哪一次的分")  # fmt: skip
            held.append(case)
        out = self.inner.apply(self._with(inputs, "".join(kept).strip(",;。，；") or "无"))
        if out.score is None:
            return dataclasses.replace(out, reason=lead + out.reason)
        full = self.inner.full_marks() or inputs.weight
        deducted = full - out.score
        if deducted == ZERO:
            return dataclasses.replace(out, reason=lead + out.reason)
        if not said:
            return Outcome(None, lead + f"实际情况未写明是否{self.condition}，扣分可能加倍，需写明；" + out.reason)
        if not held:
            return dataclasses.replace(out, reason=lead + f"实际情况写明没有“{self.condition}”，不加倍；" + out.reason)
        if out.score <= ZERO:
            return Outcome(None, lead + "未加倍时已扣完，加倍部分无法确定；" + out.reason)
        again = ZERO
        for case in held:
            one = self.inner.apply(self._with(inputs, case))
            if one.score is None or one.score >= full:
                return Outcome(None, lead + f"无法单独读出“{case}”的扣分：{one.reason}")
            again += full - one.score
        raw = out.score - again
        how = (f"{out.reason}；其中“{'、'.join(held)}”{self.condition}，该次扣分加倍，再扣 {fmt(again)} 分，"
               f"得分 = {fmt(out.score)} − {fmt(again)} = {fmt(raw)}")  # fmt: skip
        if raw < ZERO:
            if not self.floor:
                return Outcome(None, lead + how + "，低于 0 分而评分标准未写明扣完为止")
            return Outcome(ZERO, lead + how + "，扣完为止按 0 分计")
        return Outcome(raw, lead + how)


def doubled_cases_from_mapping(spec: Mapping[str, object], text: str | None) -> DoubledCases:
    """``{type: doubled_cases, inner: {…}, condition: 跨月未整改, clause: 跨月未整改翻倍扣分, floor: true}``."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner, condition = spec.get("inner"), str(spec.get("condition") or "")
    if not isinstance(inner, Mapping) or not condition:
        raise RuleSpecError("doubled_cases 规则需要 inner（其余评分标准的写法）和 condition（加倍扣分的情形）")
    return DoubledCases(inner=rule_from_mapping(inner), condition=condition,
                        clause=str(spec.get("clause") or condition), floor=spec.get("floor") is not False,
                        text=text)  # fmt: skip
