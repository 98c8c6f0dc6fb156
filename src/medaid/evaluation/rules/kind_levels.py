"""Counts of several kinds, each around a level the text writes, with steps both ways (numbers family, session 8).

"新增投入过20万元的私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分,
扣完20分为止": the base is scored when every kind is at its level; each kind above or below it adds or takes its own
points per step. Score = base + Σ (countᵢ − levelᵢ) ÷ sizeᵢ × pointsᵢ, at least 0; above the weight only where the
framework allows a bonus (else the weight, said in the reason).

The counts are read from the actual in words or the 扣分说明: each kind's name directly before its count and unit
("私营企业4个、个体工商户28个"), once each. Refused, saying what to write: a kind not written or written twice, a
count in another unit, a bound or approximation beside a count (以上, 约…), a bare number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.wording import BOUND_AFTER_NUMBER


@dataclass(frozen=True)
class KindLevel:
    """One kind: its name, the level the text writes, the step's size and points (both ways), the unit."""

    name: str
    level: Decimal
    unit: str
    size: Decimal
    points: Decimal

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "level": float(self.level), "unit": self.unit, "size": float(self.size),
                "points": float(self.points)}  # fmt: skip


# s8 fix round: what may stand before the counts: this year's scope, then a verb of doing (新增, 引进…)
_LEAD_IN = re.compile(
    r"(?:本年度?|今年|全年|年内|当年|本期)?(?:实际|累计|共)?(?:新增|新增加|引进|引進|新建|建成|完成|招引|签约|簽約|发展|發展)?"
    r"(?:了|共)?"
)


def _lead_in(words: str, own: str) -> bool:
    """Whether the words before a count only say it was done this year: a lead-in, then the text's own words
    before its list ("新增投入过20万元的"), or the end of them."""
    return any(
        _LEAD_IN.fullmatch(words[:cut]) and (cut == len(words) or (own and own.endswith(words[cut:])))
        for cut in range(len(words), -1, -1)
    )


_APPROXIMATE = re.compile(r"(?:约|大约|近|将近|接近|超过|逾|不足|不到|至少|最多)$")


@dataclass(frozen=True)
class KindLevels(Rule):
    """新增私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分 (module
    docstring)."""

    base: Decimal = ZERO
    kinds: tuple[KindLevel, ...] = ()

    kind = "kind_levels"
    label = "分类加减分"
    deducts_from_start = True  # a base above the row's weight: the text's scale and the row disagree (refused)

    def full_marks(self) -> Decimal | None:
        return self.base

    def params(self) -> dict[str, object]:
        return {"base": float(self.base), "kinds": [k.to_dict() for k in self.kinds]}

    def _count(self, said: str, kind: KindLevel) -> Decimal | str:
        found = list(re.finditer(rf"{re.escape(kind.name)}(?:数)?(?:为|有|共)?(\d+(?:\.\d+)?)([\u4e00-\u9fa5]?)", said))
        if len(found) != 1:
            many = "写了多次" if found else "未写明"
            return (
                f"实际情况“{said}”中“{kind.name}”的数量{many}，无法按类加减分；"
                f"请写明各类的数量，如“{kind.name}4{kind.unit}”"
            )
        match = found[0]
        if match.group(2) != kind.unit:
            return f"实际情况“{said}”中“{match.group(0)}”的单位不是“{kind.unit}”，无法按类加减分"
        after = BOUND_AFTER_NUMBER.match(said[match.end() :])
        before = _APPROXIMATE.search(said[max(0, match.start(1) - 2) : match.start(1)])
        if after or before:
            return f"实际情况“{said}”中“{match.group(0)}”是界限或约数，不是确切数量；请写明确切的数量"
        return Decimal(match.group(1))

    def _other_words(self, said: str) -> str | None:
        """s8 fix round: words beside the counts that may change what they count ("（含上年结转1个）", "其中…",
        "均未达到投入20万元", "均为上年结转", "注销…", "计划…", "（上年数据）", "（未建成）"): the note must be the
        counts alone, each kind with its number and unit, with at most a lead-in saying they were done this year."""
        rest = said
        for kind in self.kinds:
            rest = re.sub(rf"{re.escape(kind.name)}(?:数)?(?:为|有|共)?\d+(?:\.\d+)?[\u4e00-\u9fa5]?", "|", rest)
        left = [w for w in re.split(r"[|,;。、\s]+", rest) if w]
        first = self.text.find(self.kinds[0].name) if self.text and self.kinds else -1
        own = re.split(r"[,;。]", self.text[:first])[-1] if self.text and first > 0 else ""  # "新增投入过20万元的"
        odd = [w for w in left if not _lead_in(w, own)]
        if not odd:
            return None
        return (
            f"实际情况“{said}”中除各类数量外还写有“{'”“'.join(odd)}”，可能改变所计的数量（结转、计划、未达标、其中等），"
            "无法按类加减分；请只写明本期各类的确切数量，如“"
            + "、".join(f"{k.name}{fmt(k.level)}{k.unit}" for k in self.kinds)
            + "”"
        )

    def apply(self, inputs: Inputs) -> Outcome:
        said = " ".join(x for x in ((inputs.actual.text if inputs.actual else None), inputs.note) if x)
        from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

        said = normalize_rule_text(re.sub(r"\s+", "", said)) if said else ""
        if not said:
            return Outcome(None, "缺少实际完成情况：请写明各类的数量")
        raw, steps = self.base, []
        if (other := self._other_words(said)) is not None:
            return Outcome(None, other)
        for kind in self.kinds:
            count = self._count(said, kind)
            if isinstance(count, str):
                return Outcome(None, count)
            change = (count - kind.level) / kind.size * kind.points
            raw += change
            verb = "加" if change >= 0 else "扣"
            steps.append(
                f"{kind.name} {fmt(count)}{kind.unit}（基准 {fmt(kind.level)}{kind.unit}，"
                f"{verb} {fmt(abs(change))} 分）"
            )
        score = max(raw, ZERO)
        text = f"读作：各类均达到所写数量得 {fmt(self.base)} 分，每类按其步长加减；" + "；".join(steps)
        text += f"；得分 = {fmt(raw)}"
        if raw < ZERO:
            text += "，扣完为止按 0 分计"
        if score > inputs.weight and not inputs.bonus_allowed:
            score = inputs.weight
            text += f"；评价框架不允许超过分值，按本项分值 {fmt(inputs.weight)} 分计"
        return Outcome(score, text)


def kind_levels_from_mapping(spec: Mapping[str, object], text: str | None) -> KindLevels:
    """{type: kind_levels, base: 20, kinds: [{name: 私营企业, level: 3, unit: 个, size: 1, points: 5}, …]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("kinds")
    if not isinstance(raw, list) or len(raw) < 2 or not all(isinstance(k, Mapping) for k in raw):
        raise RuleSpecError("kind_levels 需要两类以上的 kinds，每类写 name、level、unit、size、points")
    kinds = []
    for k in raw:
        try:
            kinds.append(KindLevel(str(k["name"]), Decimal(str(k["level"])), str(k["unit"]), Decimal(str(k["size"])),
                                   Decimal(str(k["points"]))))  # fmt: skip
        except (KeyError, ArithmeticError) as error:
            raise RuleSpecError("kinds 的每一类需写 name、level、unit、size、points") from error
    if any(k.size <= 0 for k in kinds):
        raise RuleSpecError("kinds 的 size（步长）应为正数")
    return KindLevels(base=Decimal(str(spec.get("base", 0))), kinds=tuple(kinds), text=text)
