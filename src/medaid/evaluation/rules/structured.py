"""The project's own rule syntax: a YAML mapping with ``type`` and parameters.

```yaml
rule: {type: per_point, direction: below, reference: 100%, step: 1, points: 1, full: 6}
rule: {type: per_case, points: 0.5, full: 5, zero_cases: 3, zero_inclusive: true}
rule: {type: banded, bands: [{low: 90%, points: 10}, {high: 90%}]}
rule: {type: qualitative, levels: {优: 1.0, 良: 0.8, 中: 0.6, 差: 0}}
rule: {type: proportional}
```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, to_decimal
from medaid.evaluation.rules.adjustments import AddDeduct, add_deduct_from_mapping
from medaid.evaluation.rules.band_requirements import RequiredBands, required_bands_from_mapping  # bands family
from medaid.evaluation.rules.bands import Band, Banded
from medaid.evaluation.rules.base import Rule
from medaid.evaluation.rules.base_bonus_items import BaseWithBonusItems, base_bonus_items_from_mapping  # bands family
from medaid.evaluation.rules.bonus import StepBonus, step_bonus_from_mapping
from medaid.evaluation.rules.cases import PerCase
from medaid.evaluation.rules.checklist_spec import checklist_from_spec
from medaid.evaluation.rules.completion import (
    BudgetExecution,
    FullIfMet,
    Proportional,
    RateTimesWeight,
)
from medaid.evaluation.rules.composite import Composite, composite_from_mapping  # composite family
from medaid.evaluation.rules.counts import CountScore, count_score_from_mapping, spec_words
from medaid.evaluation.rules.deduction import Direction, Partial, PerPoint
from medaid.evaluation.rules.deduction_sum import DeductionSum, deduction_sum_from_mapping  # steps family
from medaid.evaluation.rules.direction import Directional
from medaid.evaluation.rules.floored_ratio import FlooredProportional, floored_from_mapping  # formulas family
from medaid.evaluation.rules.formulas import Formula, formula_from_mapping
from medaid.evaluation.rules.gated import GatedChecklist, gated_from_mapping  # lists family
from medaid.evaluation.rules.group_bands import GroupBands, group_bands_from_mapping  # bands family
from medaid.evaluation.rules.items import EachItem, each_item_from_mapping  # steps and bonus family
from medaid.evaluation.rules.judged import Checklist, Judgement, Level, Manual, Qualitative
from medaid.evaluation.rules.kinds import PerKind, per_kind_from_mapping
from medaid.evaluation.rules.levels import YesNo, levels_from_spec, yes_no_from_spec
from medaid.evaluation.rules.listed_average import ListedAverage, listed_average_from_mapping  # formulas family
from medaid.evaluation.rules.parts import StepSum, step_sum_from_mapping  # steps and bonus family
from medaid.evaluation.rules.per_unit_scores import PerUnitStandard, per_unit_from_mapping  # numbers family
from medaid.evaluation.rules.periods import PeriodParts, period_parts_from_mapping  # faults family
from medaid.evaluation.rules.point_shortfalls import PointShortfallBands, point_shortfall_from_mapping  # bands family
from medaid.evaluation.rules.price_scores import PriceScore, price_score_from_mapping  # numbers family
from medaid.evaluation.rules.rank_parts import RankParts, rank_parts_from_mapping  # bands family
from medaid.evaluation.rules.ranks import Ranked, ranked_from_mapping
from medaid.evaluation.rules.rate_floor import RateFlooredProportional, rate_floored_from_mapping  # formulas family
from medaid.evaluation.rules.reference_bands import ReferenceBands, reference_bands_from_mapping  # bands family
from medaid.evaluation.rules.shares import ElementShares, element_shares_from_mapping  # lists family
from medaid.evaluation.rules.status_shares import StatusShares, status_shares_from_mapping  # formulas family
from medaid.evaluation.rules.threshold_ranks import ThresholdRanked, threshold_ranked_from_mapping  # bands family
from medaid.evaluation.rules.unweighted import Unweighted

RULE_TYPES: dict[str, str] = {
    FullIfMet.kind: FullIfMet.label,
    Proportional.kind: Proportional.label,
    RateTimesWeight.kind: RateTimesWeight.label,
    BudgetExecution.kind: BudgetExecution.label,
    PerPoint.kind: PerPoint.label,
    Directional.kind: Directional.label,
    PerCase.kind: PerCase.label,
    CountScore.kind: CountScore.label,
    PerKind.kind: PerKind.label,
    Ranked.kind: Ranked.label,
    Banded.kind: Banded.label,
    Qualitative.kind: Qualitative.label,
    Judgement.kind: Judgement.label,
    Checklist.kind: Checklist.label,
    YesNo.kind: YesNo.label,
    Manual.kind: Manual.label,
    Unweighted.kind: Unweighted.label,
    Formula.kind: Formula.label,
    StepBonus.kind: StepBonus.label,
    AddDeduct.kind: AddDeduct.label,
    EachItem.kind: EachItem.label,  # steps and bonus family: one rule for several items
    StepSum.kind: StepSum.label,  # steps and bonus family: several steps in one text
    DeductionSum.kind: DeductionSum.label,  # steps family: several deductions from one full marks
    Composite.kind: Composite.label,  # composite family: parts each with its own marks, added up
    ElementShares.kind: ElementShares.label,  # lists family: 得分要素 each adding a value (业绩值)
    GatedChecklist.kind: GatedChecklist.label,  # lists family: items that score only with a prerequisite item
    PeriodParts.kind: PeriodParts.label,  # faults family: a threshold for each period, the parts met added
    ThresholdRanked.kind: ThresholdRanked.label,  # bands family: a threshold, and ranks among those short of it
    RequiredBands.kind: RequiredBands.label,  # bands family: bands with a requirement beside the value
    GroupBands.kind: GroupBands.label,  # bands family: bands chosen by the group the unit belongs to
    ReferenceBands.kind: ReferenceBands.label,  # bands family: bands against named references the explanation writes
    PointShortfallBands.kind: PointShortfallBands.label,  # bands family: shortfall below the target in 百分点
    BaseWithBonusItems.kind: BaseWithBonusItems.label,  # bands family: a base rule and bonus items beside it
    RankParts.kind: RankParts.label,  # bands family: parts, one by rank, matched to the actual by words
    FlooredProportional.kind: FlooredProportional.label,  # formulas family: the ratio with a floor
    RateFlooredProportional.kind: RateFlooredProportional.label,  # formulas family: a floor on the rate
    StatusShares.kind: StatusShares.label,  # formulas family: a coefficient for each status of the things counted
    ListedAverage.kind: ListedAverage.label,  # formulas family: the mean of the scores listed for each thing
    PriceScore.kind: PriceScore.label,  # numbers family: 基准价 ÷ 报价 × the points
    PerUnitStandard.kind: PerUnitStandard.label,  # numbers family: a standard per unit × the units
}


class RuleSpecError(ValueError):
    """A structured rule is malformed; the message is Chinese and names the key."""


def _number(spec: Mapping[str, object], key: str, *, default: Decimal | None = None) -> Decimal | None:
    if key not in spec or spec[key] is None:
        return default
    raw = spec[key]
    text = str(raw).strip().rstrip("%") if isinstance(raw, str) else raw
    value = to_decimal(text)
    if value is None:
        raise RuleSpecError(f"规则参数 {key} 应为数字，实际为“{raw}”")
    return value


def _positive(spec: Mapping[str, object], key: str) -> Decimal:
    value = _number(spec, key, default=Decimal(1)) or Decimal(0)
    if value <= 0:
        raise RuleSpecError(f"规则参数 {key} 应为正数")
    return value


def _required(spec: Mapping[str, object], key: str) -> Decimal:
    value = _number(spec, key)
    if value is None:
        raise RuleSpecError(f"规则缺少参数 {key}")
    return value


def _band(item: object) -> Band:
    if not isinstance(item, Mapping):
        raise RuleSpecError("bands 的每一档应为键值对，如 {low: 90%, points: 10}")
    return Band(
        low=_number(item, "low"),
        high=_number(item, "high"),
        low_inclusive=bool(item.get("low_inclusive", True)),
        high_inclusive=bool(item.get("high_inclusive", False)),
        points=_number(item, "points"),
        minus=_number(item, "minus", default=ZERO) or ZERO,
        full=bool(item.get("full", False)),
        fraction=_number(item, "fraction"),
    )


def _levels(raw: object) -> tuple[Level, ...]:
    """Levels as fractions of the weight when every value is ≤ 1, else as points; or the list ``to_dict`` writes."""
    return levels_from_spec(raw)


def _text_option(spec: Mapping[str, object], key: str) -> str | None:
    return str(spec[key]) if spec.get(key) else None


def _per_point(spec: Mapping[str, object], text: str | None) -> PerPoint:
    """ "每低于1个百分点扣1分" and its kin: the keys of ``PerPoint.params``."""
    direction = str(spec.get("direction", "both" if spec.get("two_sided") is True else "below"))
    partial = str(spec.get("partial", "linear"))
    if direction not in {d.value for d in Direction}:
        raise RuleSpecError("direction 应为 below（每低于）、above（每高于）或 both（与目标每相差）")
    if "two_sided" in spec and bool(spec["two_sided"]) != (direction == "both"):
        raise RuleSpecError("two_sided: true 只能与 direction: both 同用")
    if partial not in {p.value for p in Partial}:
        raise RuleSpecError("partial 应为 linear（按比例）、floor（按整档）或 ceil（不足一档按一档）")
    return PerPoint(
        direction=Direction(direction),
        step=_positive(spec, "step"),
        points=_required(spec, "points"),
        reference=_number(spec, "reference"),
        full=_number(spec, "full"),
        partial=Partial(partial),
        on_completion=bool(spec.get("on_completion", False)),
        unit=_text_option(spec, "unit"),
        from_zero=bool(spec.get("from_zero", False)),
        word=_text_option(spec, "word"),
        zero_beyond=_number(spec, "zero_beyond"),
        zero_inclusive=bool(spec.get("zero_inclusive", False)),
        zero_distance=_number(spec, "zero_distance"),
        points_share=bool(spec.get("points_share", False)),
        hundred=bool(spec.get("hundred", True)),
        max_deduction=_number(spec, "max_deduction"),
        min_score=_number(spec, "min_score"),
        full_if_none=_text_option(spec, "full_if_none"),
        # steps and bonus family: "亩均…每少于100公斤" (per 亩) and "扣分不封顶"
        per=_text_option(spec, "per"),
        uncapped=bool(spec.get("uncapped", False)),
        when_unmet=bool(spec.get("when_unmet", False)),
        vetoes=spec_words(spec, "vetoes"),
        full_when=spec_words(spec, "full_when"),
        explicit_reading="partial" in spec,  # the file states how part of a step counts
        negative=spec.get("negative") is True,  # counts family: the text allows a score below 0
        text=text,
    )


# The types read by a function of their own module from the spec and the text: one line each.
_FROM_MAPPING: dict[str, Callable[[Mapping[str, object], str | None], Rule]] = {
    "per_point": _per_point,
    "count_score": count_score_from_mapping,
    "per_kind": per_kind_from_mapping,
    "ranked": ranked_from_mapping,
    "checklist": checklist_from_spec,
    "yes_no": yes_no_from_spec,
    "formula": formula_from_mapping,
    "step_bonus": step_bonus_from_mapping,
    "add_deduct": add_deduct_from_mapping,
    "each_item": each_item_from_mapping,
    "step_sum": step_sum_from_mapping,
    "deduction_sum": deduction_sum_from_mapping,
    "composite": composite_from_mapping,
    "element_shares": element_shares_from_mapping,
    "gated_checklist": gated_from_mapping,
    "period_parts": period_parts_from_mapping,
    "threshold_ranked": threshold_ranked_from_mapping,
    "point_shortfall_bands": point_shortfall_from_mapping,
    "reference_bands": reference_bands_from_mapping,
    "required_bands": required_bands_from_mapping,
    "rank_parts": rank_parts_from_mapping,
    "base_bonus_items": base_bonus_items_from_mapping,
    "group_bands": group_bands_from_mapping,
    "proportional_floor": floored_from_mapping,
    "proportional_rate_floor": rate_floored_from_mapping,
    "status_shares": status_shares_from_mapping,
    "listed_average": listed_average_from_mapping,
    "price_score": price_score_from_mapping,
    "per_unit_standard": per_unit_from_mapping,
}


def rule_from_mapping(spec: Mapping[str, object]) -> Rule:
    """Build a rule from the structured syntax; raises RuleSpecError with a Chinese message."""
    kind = str(spec.get("type", "")).strip()
    text = str(spec["text"]) if spec.get("text") else None
    match kind:
        case "full_if_met":
            return FullIfMet(text=text)
        # formulas family: full marks stated in the text ("本项满分10分,按完成比例计分", ``stated_marks``)
        case "proportional" if spec.get("stated_full") is not None:
            return Proportional(reference=_text_option(spec, "reference"), beyond=bool(spec.get("beyond", False)),
                                stated_full=_number(spec, "stated_full"), text=text)  # fmt: skip
        case "rate_times_weight" if spec.get("stated_full") is not None:  # formulas family (``stated_marks``)
            return RateTimesWeight(stated_full=_number(spec, "stated_full"), text=text)
        case "proportional":
            return Proportional(reference=_text_option(spec, "reference"), beyond=bool(spec.get("beyond", False)),
                                text=text)  # fmt: skip
        case "rate_times_weight":
            return RateTimesWeight(text=text)
        case "budget_execution":
            return BudgetExecution(text=text)
        case "directional":
            reverse = spec.get("reverse")
            if reverse is not None and not isinstance(reverse, bool):
                raise RuleSpecError("reverse 应为 true（反向指标）、false（正向指标），或不写（按指标值的 ≥、≤ 判断）")
            return Directional(
                reverse=reverse,
                reference=_number(spec, "reference"),
                unit=str(spec.get("unit") or ""),
                full=_number(spec, "full"),
                capped=bool(spec.get("capped", False)),
                gap=bool(spec.get("gap", False)),
                text=text,
            )
        case "per_case":
            zero_cases = _number(spec, "zero_cases")
            inclusive = spec.get("zero_inclusive")
            if zero_cases is not None and not isinstance(inclusive, bool):
                raise RuleSpecError(
                    "zero_cases 需同时写明 zero_inclusive: true（含本数，如“3例及以上不得分”）"
                    "或 false（不含本数，如“超过3例不得分”）"
                )
            return PerCase(
                points=_required(spec, "points"),
                per=_positive(spec, "per"),
                full=_number(spec, "full"),
                zero_cases=zero_cases,
                zero_inclusive=bool(inclusive) if zero_cases is not None else True,
                max_deduction=_number(spec, "max_deduction"),
                unit=str(spec["unit"]) if spec.get("unit") else None,
                what=str(spec.get("what") or ""),
                subject=str(spec.get("subject") or ""),
                vetoes=spec_words(spec, "vetoes"),
                share=bool(spec.get("share", False)),
                clears=spec_words(spec, "clears"),  # counts family: requirements restated for none found
                total=_number(spec, "total"),  # counts family: the items the text lists ("2分×4项")
                limits=spec_words(spec, "limits"),  # counts family: vetoes with a limit ("淹死树木≥10株")
                norm=str(spec.get("norm") or ""),  # counts family: the plan of times missed ("每月至少开展1次巡查")
                fault=str(spec.get("fault") or ""),  # counts family: which things counted are cases ("不完整")
                negative=spec.get("negative") is True,  # counts family: the text allows a score below 0
                text=text,
            )
        case "bare_rate":  # counts family: "2分/基", the way the points go read from the actual
            from medaid.evaluation.rules.bare_rates import bare_rate_from_mapping

            return bare_rate_from_mapping(spec, text)
        case "banded":
            bands = spec.get("bands")
            if not isinstance(bands, list) or not bands:
                raise RuleSpecError("banded 规则需要 bands 列表")
            return Banded(
                bands=tuple(_band(b) for b in bands),
                on_completion=bool(spec.get("on_completion", False)),
                relative=bool(spec.get("relative", False)),
                unit=str(spec.get("unit", "%")),
                counted=bool(spec.get("counted", False)),  # conditions family: "比下达任务低5%以内"
                text=text,
            )
        case "qualitative":
            return Qualitative(levels=_levels(spec.get("levels")), text=text)
        case "judgement":
            return Judgement(
                full=_number(spec, "full"),
                low=_number(spec, "low", default=ZERO) or ZERO,
                high=_number(spec, "high"),
                high_inclusive=bool(spec.get("high_inclusive", False)),
                fail=_number(spec, "fail"),
                text=text,
            )
        case "manual":
            return Manual(text=text)
        case "unweighted":
            return Unweighted(text=text)
        case _ if kind in _FROM_MAPPING:
            return _FROM_MAPPING[kind](spec, text)
        case _:
            known = "、".join(f"{k}（{v}）" for k, v in RULE_TYPES.items())
            raise RuleSpecError(f"未知的规则类型“{kind}”，可用：{known}")
