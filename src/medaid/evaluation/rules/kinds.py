"""Several kinds of case, each counted and scored on its own: "少一项扣1分，错一项扣1分";
"行政处罚文书不合格每份扣5分；发生行政诉讼败诉案件一例扣5分"; "国家级每项加2分，省级每项加1分，最高5分";
a kind may be a one-off ("未建立信访台账扣2.5分") or a part with its own full marks and limit ("按时报送补贴
面积的得4分,有一次未达要求的扣1分,最多扣4分;按时下发补贴资金得4分,…").
The actual is read by rules/kind_actuals.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.case_kinds import CaseKind
from medaid.evaluation.rules.count_doubts import counted_doubt  # counts family (s9): a count no reading can trust
from medaid.evaluation.rules.count_vocab import plain, simplified
from medaid.evaluation.rules.count_words import content_chars
from medaid.evaluation.rules.counts import spec_decimal, spec_words
from medaid.evaluation.rules.kind_actuals import read_kinds
from medaid.evaluation.rules.occurrences import per_occurrence

__all__ = ["CaseKind", "PerKind", "per_kind_from_mapping"]


@dataclass(frozen=True)
class PerKind(Rule):
    """几类情形分别计数计分。``gain`` False: each case found takes its points from ``full`` (the weight when
    absent; the sum of the parts' own full marks when they have them), each kind at most its ``cap``, all at
    most ``cap``, down to 0; True: each one done adds its points, at most ``cap`` and the weight (above the
    weight only when the text writes its cap and a bonus is allowed). ``vetoes``: conditions that zero it."""

    kinds: tuple[CaseKind, ...]
    gain: bool = False
    full: Decimal | None = None
    cap: Decimal | None = None
    vetoes: tuple[str, ...] = ()
    clears: tuple[str, ...] = ()  # "未发生突发公共卫生事件的不扣分": an actual stating it clears every kind
    # "发生较大及以上事故的,该项不得分,倒扣10分": below zero when it happens; an actual that may name it is refused
    reverses: tuple[str, ...] = ()
    negative: bool = False  # counts family: the text allows a score below 0 ("扣完得负分", "该项可负分")

    kind = "per_kind"
    deducts_from_start = True
    label = "按各类情形计数计分"

    def params(self) -> dict[str, object]:
        return {"kinds": [k.to_dict() for k in self.kinds], "gain": self.gain,
                "full": None if self.full is None else float(self.full),
                "cap": None if self.cap is None else float(self.cap), "vetoes": list(self.vetoes),
                "clears": list(self.clears), "reverses": list(self.reverses),
                **({"negative": True} if self.negative else {})}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        if self.gain:
            return self.cap if self.cap is not None else self.declared_full
        return self.full if self.full is not None else self.declared_full

    def _moved(self, i: int, count: Decimal) -> tuple[Decimal, str] | str:
        kind = self.kinds[i]
        if count / kind.per != (count / kind.per).to_integral_value():
            return f"“{kind.what}”{fmt(count)}{kind.unit or ''}，不足每{fmt(kind.per)}的部分如何计分未写明"
        points = count / kind.per * kind.points
        limit = min(x for x in (kind.cap, kind.full, points) if x is not None)
        capped = f"（该类最多 {fmt(limit)} 分）" if limit < points else ""
        return limit, f"{kind.each()}，计 {fmt(limit)} 分{capped}"

    def _reversed(self, given: str) -> str | None:
        """The reverse deduction whose own words ("较大", "以上": words no kind has) the actual uses."""
        kinds = set().union(*(content_chars(k.text) for k in self.kinds))
        said = content_chars(simplified(given))
        return next((r for r in self.reverses if (content_chars(r) - kinds) & said), None)

    def apply(self, inputs: Inputs) -> Outcome:
        if (kinds := per_occurrence(self.kinds)) != self.kinds:  # faults family (s6, round 3): "一天扣5分"
            outcome = replace(self, kinds=kinds).apply(inputs)
            changed = "、".join(f"“{k.what}”" for k, o in zip(kinds, self.kinds, strict=True) if k != o)
            return replace(outcome, reason=f"{outcome.reason}（{changed}写作“一天/一次…扣N分”，按每次出现计）")
        full = self.full if self.full is not None else inputs.weight
        source, given = ("实际完成值", inputs.actual.text) if inputs.actual is not None else ("扣分说明", inputs.note)
        allowed = (ZERO, min(full, inputs.weight))
        if not given:
            return Outcome(None, "未填写实际完成值，无法按各类情形计数", allowed, needs_judgement=True)
        if (named := self._reversed(given)) is not None:
            why = f"评分标准写明“{named}”的倒扣分（得分低于0），{source}可能写到这一情形，需人工判断"
            return Outcome(None, why, allowed, needs_judgement=True)
        plan = inputs.target.text if inputs.target is not None else ""
        tally = read_kinds(given, self.kinds, self.vetoes, self.clears, self.text or "", plan)
        if tally.veto is not None:
            return Outcome(ZERO, f"{source}写明出现“{tally.veto}”，按评分标准该项不得分，得 0 分")
        if tally.why is not None:
            return Outcome(None, f"{source}：{tally.why}，需人工判断", allowed, needs_judgement=True)
        if (over := counted_doubt(self.text or "", self.kinds, tally.counts, given)) is not None:  # counts family (s9)
            return Outcome(None, f"{source}：{over}，需人工判断", allowed, needs_judgement=True)
        for i, kind in enumerate(self.kinds):  # "其中1件…" can be no more than the count it is part of
            if kind.within is not None and tally.counts.get(i, ZERO) > tally.counts.get(kind.within, ZERO):
                why = f"“{kind.what}”的数量多于其所属的“{self.kinds[kind.within].what}”"
                return Outcome(None, f"{source}：{why}，需人工判断", allowed, needs_judgement=True)
        parts: list[str] = []
        moved = ZERO
        for i, kind in enumerate(self.kinds):
            count = tally.total if tally.total is not None else tally.counts.get(i, ZERO)
            step = self._moved(i, count)
            if isinstance(step, str):
                return Outcome(None, step, allowed, needs_judgement=True)
            moved += step[0]
            if tally.total is not None:
                parts.append(f"共 {fmt(count)}{kind.unit or '处'}，各类{step[1]}")
                break
            shown = "" if i in tally.counts else "（未写明，按未出现计）"
            name = kind.what if [k.what for k in self.kinds].count(kind.what) == 1 else plain(kind.text)
            within = "" if kind.within is None else f"（其中属“{self.kinds[kind.within].what}”的，另加扣）"
            parts.append(f"“{name}”{fmt(count)}{'次' if kind.once else kind.unit or '处'}{shown}{within}，{step[1]}")
        capped = ""
        if self.cap is not None and moved > self.cap:
            moved, capped = self.cap, f"，合计最多 {fmt(self.cap)} 分"
        how = "；".join(parts) + capped + (f"（{'；'.join(tally.notes)}）" if tally.notes else "")
        if self.gain:
            score = moved if inputs.bonus_allowed and self.cap is not None else min(moved, inputs.weight)
            over = "" if score == moved else f"，超过分值按 {fmt(inputs.weight)} 分计"
            return Outcome(score, f"{source}：{how}；得分 {fmt(moved)}{over}")
        raw = full - moved
        score, floor = floored(raw, inputs.weight, self.negative)
        veto = ""
        if self.vetoes:
            veto = "；另有“" + "”“".join(self.vetoes) + f"”的该项不得分，{source}未写明，按未出现计"
        reason = f"{source}：{how}；得分 = {fmt(full)} − {fmt(moved)} = {fmt(raw)}{floor}{veto}"
        return Outcome(score, reason, below_zero=score < 0)


def per_kind_from_mapping(spec: Mapping[str, object], text: str | None) -> PerKind:
    """{type: per_kind, kinds: [{what: 少, points: 1, unit: 项}, {what: 错, points: 1, unit: 项}], full: 10}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("kinds")
    if not isinstance(raw, list) or len(raw) < (1 if spec.get("reverses") else 2):  # one kind beside "倒扣"
        raise RuleSpecError("per_kind 规则需要 kinds（至少两类情形），如 [{what: 少, points: 1, unit: 项}, …]")
    kinds: list[CaseKind] = []
    for item in raw:
        points = spec_decimal(item, "points", positive=True) if isinstance(item, Mapping) else None
        if not isinstance(item, Mapping) or not item.get("what") or points is None:
            raise RuleSpecError("per_kind 的每一类应写明 what（情形）和 points（每个的分数）")
        unit, words = item.get("unit"), item.get("words")
        within = item.get("within")
        kinds.append(CaseKind(str(item["what"]), points, spec_decimal(item, "per", positive=True) or Decimal(1),
                              str(unit) if unit else None, str(words) if words else "", bool(item.get("once", False)),
                              spec_decimal(item, "full"), spec_decimal(item, "cap"),
                              int(within) if isinstance(within, int) and 0 <= within < len(raw) else None))  # fmt: skip
    return PerKind(kinds=tuple(kinds), gain=bool(spec.get("gain", False)), full=spec_decimal(spec, "full"),
                   cap=spec_decimal(spec, "cap"), vetoes=spec_words(spec, "vetoes"), clears=spec_words(spec, "clears"),
                   reverses=spec_words(spec, "reverses"), negative=spec.get("negative") is True, text=text)  # fmt: skip
