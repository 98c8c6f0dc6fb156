"""Amounts of several kinds, each earning points per step (counts family, s9): "每新建成连片经济林50亩加8分,新发展林下
经济50亩加6分,加分最高不超过15分".

Each part is what is done (``words``), its step (``per`` in ``unit``) and its points; ``each`` is False for a part
written without 每 ("新发展林下经济50亩加6分"), which says what one step earns and not what more of them earn. The
actual (or, without one, the explanation) states amounts, each beside the words of exactly one part ("新建连片经济林
100亩", "林下经济50亩"); a part not named earned nothing. A part with 每 earns its points for each whole step; a
part without earns its points for exactly one step. The total is at most ``cap``. Refused: part of a step ("70亩":
whole steps or in proportion? not said), more than one step of a part without 每, words of no part or of two, a
negation or hedge, a score past the weight where no bonus is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_hedges import HEDGES
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.count_words import NEGATIONS

# The leading verb of a part's words ("新建成" of "新建成连片经济林", "硬化" of "硬化村内道路"), longest first; the rest
# is its noun, which a statement must name whole (连片经济林, not 经济林 or 连片林: a qualifier of the text left out is
# another thing). Verbs of one group mean the same deed ("新建" for "新建成"); a verb without 新 is not a new one.
_VERB_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"新建成", "新建", "新建设", "新营造", "新造"}),
    frozenset({"新发展", "新增"}),
    frozenset({"新修", "新修建", "新修通", "新建成", "新建"}),
    frozenset({"硬化", "新硬化", "完成硬化"}),
)
_OTHER_VERBS = {"新种植", "新栽植", "种植", "栽植", "修建", "建成", "改造", "实施"}
_VERBS = sorted({v for g in _VERB_GROUPS for v in g} | _OTHER_VERBS, key=len, reverse=True)


def _verb_noun(words: str) -> tuple[str, str]:
    """ "新建成连片经济林" → ("新建成", "连片经济林"); words with no known leading verb are all noun."""
    for verb in _VERBS:
        if words.startswith(verb) and len(words) > len(verb) + 1:
            return verb, words[len(verb) :]
    return "", words


def _names_part(said: str, words: str) -> bool:
    """Whether a statement's words ("连片经济林新建") name the part ``words`` ("新建成连片经济林"): its noun whole
    and its verb or one of the same meaning, nothing else."""
    verb, noun = _verb_noun(words)
    if noun not in said:
        return False
    rest = said.replace(noun, "", 1)
    return rest == verb or any(rest in g and verb in g for g in _VERB_GROUPS)


@dataclass(frozen=True)
class GainPart:
    words: str
    per: Decimal
    points: Decimal
    each: bool = True


@dataclass(frozen=True)
class MeasuredGains(Rule):
    """几类完成量各按每若干单位加分，合计封顶（模块说明）。"""

    parts: tuple[GainPart, ...]
    unit: str
    cap: Decimal

    kind = "measured_gains"
    label = "按各类完成量加分"

    def params(self) -> dict[str, object]:
        return {"parts": [{"words": p.words, "per": float(p.per), "points": float(p.points), "each": p.each}
                          for p in self.parts], "unit": self.unit, "cap": float(self.cap)}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.cap

    def _reading(self) -> str:
        parts = "；".join(f"{p.words}{'每' if p.each else ''}{fmt(p.per)}{self.unit}加 {fmt(p.points)} 分"
                         for p in self.parts)  # fmt: skip
        return f"读作：{parts}；合计最高 {fmt(self.cap)} 分"

    def apply(self, inputs: Inputs) -> Outcome:
        written = inputs.actual.text if inputs.actual is not None else inputs.note
        if not written:
            return Outcome(None, f"未填写各类完成量（{self._reading()}）")
        text = simplified(written).replace(" ", "")
        if HEDGES.search(text):
            return Outcome(None, f"“{written}”写法含糊，需人工判断（{self._reading()}）")
        amounts: dict[int, Decimal] = {}
        for statement in (s for s in re.split(r"[,;。，；]", text) if s):
            found = re.fullmatch(rf"(?P<words>\D*?)(?P<n>\d+(?:\.\d+)?)(?P<scale>万)?{re.escape(self.unit)}", statement)
            if found is None or any(c in NEGATIONS for c in found.group("words")):
                return Outcome(None, f"“{statement}”不是以{self.unit}计的完成量（{self._reading()}）")
            said = found.group("words")
            named = [i for i, p in enumerate(self.parts) if said and _names_part(said, p.words)]
            if len(named) != 1 or named[0] in amounts:
                which = "对应多类" if len(named) > 1 else "重复写了同一类" if named else "对应不到任何一类"
                return Outcome(None, f"“{statement}”{which}（{self._reading()}）")
            amounts[named[0]] = Decimal(found.group("n")) * (10000 if found.group("scale") else 1)
        total, hows = ZERO, []
        for i, amount in sorted(amounts.items()):
            part = self.parts[i]
            steps = amount / part.per
            if steps != steps.to_integral_value() or (not part.each and steps > 1):
                why = "不足一档的部分按整档还是按比例计未写明" if steps != steps.to_integral_value() else (
                    f"评分标准未写“每”，{fmt(part.per)}{self.unit}以上是否逐档加分未写明")  # fmt: skip
                return Outcome(None, f"{part.words}{fmt(amount)}{self.unit}：{why}，需人工判断（{self._reading()}）")
            total += steps * part.points
            hows.append(f"{part.words}{fmt(amount)}{self.unit}，{fmt(steps)} × {fmt(part.points)} = "
                        f"{fmt(steps * part.points)} 分")  # fmt: skip
        score = min(total, self.cap)
        how = f"{self._reading()}；" + ("；".join(hows) or "未写明任何一类完成量，不加分") + f"；合计 {fmt(total)} 分"
        if score < total:
            how += f"，最高 {fmt(self.cap)} 分"
        if score > inputs.weight and not inputs.bonus_allowed:
            return Outcome(None, f"{how}，超过本项分值 {fmt(inputs.weight)} 分，而本表不允许加分")
        if score > inputs.weight:
            how += f"，超过本项分值 {fmt(inputs.weight)} 分（本表允许加分）"
        return Outcome(score, f"{how}；得分 {fmt(score)}")


def measured_gains_from_mapping(spec: Mapping[str, object], text: str | None) -> MeasuredGains:
    """``{type: measured_gains, unit: 亩, cap: 15, parts: [{words: 新建连片经济林, per: 50, points: 8}]}``."""
    from medaid.evaluation.rules.structured import RuleSpecError
    from medaid.evaluation.rules.structured_fields import number

    raw, cap = spec.get("parts"), number(spec, "cap")
    if not isinstance(raw, list) or not raw or cap is None or not all(isinstance(p, Mapping) for p in raw):
        raise RuleSpecError(
            "measured_gains 规则需要 parts（各类的 words 名称、per 每档数量、points 每档加分）和 cap（加分上限）"
        )
    parts = []
    for p in raw:
        per, points = number(p, "per"), number(p, "points")
        if per is None or per <= 0 or points is None:
            raise RuleSpecError("measured_gains 的每一类需要 per（每档数量）和 points（每档加分）")
        parts.append(GainPart(words=str(p.get("words") or ""), per=per, points=points, each=p.get("each") is not False))
    return MeasuredGains(parts=tuple(parts), unit=str(spec.get("unit") or ""), cap=cap, text=text)
