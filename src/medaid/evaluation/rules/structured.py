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

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules.adjustments import AddDeduct, add_deduct_from_mapping
from medaid.evaluation.rules.amount_kinds import AmountKinds, amount_kinds_from_mapping  # numbers family (s9)
from medaid.evaluation.rules.band_requirements import RequiredBands, required_bands_from_mapping  # bands family
from medaid.evaluation.rules.bands import Banded
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
from medaid.evaluation.rules.count_asides import CurrencyAside, currency_aside_from_mapping  # counts (s9)
from medaid.evaluation.rules.count_doubling import DoubledCases, doubled_cases_from_mapping  # counts family (s9)
from medaid.evaluation.rules.count_gains import MeasuredGains, measured_gains_from_mapping  # counts family (s9)
from medaid.evaluation.rules.count_grades import GradeDeductions, grade_deductions_from_mapping  # counts (s9)
from medaid.evaluation.rules.count_nets import NetCounts, net_counts_from_mapping  # counts family (s9)
from medaid.evaluation.rules.count_periods import PeriodCount, period_count_from_mapping  # counts family (s9)
from medaid.evaluation.rules.counts import CountScore, count_score_from_mapping, spec_words
from medaid.evaluation.rules.deduction import PerPoint
from medaid.evaluation.rules.deduction_sum import DeductionSum, deduction_sum_from_mapping  # steps family
from medaid.evaluation.rules.direction import Directional
from medaid.evaluation.rules.either_bounds import EitherBounds, either_bounds_from_mapping  # lists (s9)
from medaid.evaluation.rules.floored_ratio import FlooredProportional, floored_from_mapping  # formulas family
from medaid.evaluation.rules.formulas import Formula, formula_from_mapping
from medaid.evaluation.rules.frequency_levels import FrequencyLevels, frequency_levels_from_mapping  # lists (s9)
from medaid.evaluation.rules.gated import GatedChecklist, gated_from_mapping  # lists family
from medaid.evaluation.rules.group_bands import GroupBands, group_bands_from_mapping  # bands family
from medaid.evaluation.rules.items import EachItem, each_item_from_mapping  # steps and bonus family
from medaid.evaluation.rules.judged import Checklist, Judgement, Level, Manual, Qualitative
from medaid.evaluation.rules.kind_choices import KindChoice, kind_choice_from_mapping  # numbers family (s9)
from medaid.evaluation.rules.kind_levels import KindLevels, kind_levels_from_mapping  # numbers family (s8)
from medaid.evaluation.rules.kinds import PerKind, per_kind_from_mapping
from medaid.evaluation.rules.levels import YesNo, levels_from_spec, yes_no_from_spec
from medaid.evaluation.rules.listed_average import ListedAverage, listed_average_from_mapping  # formulas family
from medaid.evaluation.rules.listed_subjects import SubjectsBound, subjects_bound_from_mapping  # lists (s9)
from medaid.evaluation.rules.parts import StepSum, step_sum_from_mapping  # steps and bonus family
from medaid.evaluation.rules.per_unit_scores import PerUnitStandard, per_unit_from_mapping  # numbers family
from medaid.evaluation.rules.periods import PeriodParts, period_parts_from_mapping  # faults family
from medaid.evaluation.rules.point_shortfalls import PointShortfallBands, point_shortfall_from_mapping  # bands family
from medaid.evaluation.rules.prerequisites import Prerequisite, prerequisite_from_mapping  # numbers family (s9)
from medaid.evaluation.rules.price_scores import PriceScore, price_score_from_mapping  # numbers family
from medaid.evaluation.rules.rank_parts import RankParts, rank_parts_from_mapping  # bands family
from medaid.evaluation.rules.ranks import Ranked, ranked_from_mapping
from medaid.evaluation.rules.rate_floor import RateFlooredProportional, rate_floored_from_mapping  # formulas family
from medaid.evaluation.rules.reference_bands import ReferenceBands, reference_bands_from_mapping  # bands family
from medaid.evaluation.rules.shares import ElementShares, element_shares_from_mapping  # lists family
from medaid.evaluation.rules.status_shares import StatusShares, status_shares_from_mapping  # formulas family
from medaid.evaluation.rules.structured_fields import (
    RuleSpecError as RuleSpecError,
)
from medaid.evaluation.rules.structured_fields import (
    band,
    number,
    per_point,
    positive,
    required,
    text_option,
)
from medaid.evaluation.rules.thing_steps import ThingSteps, thing_steps_from_mapping  # numbers family (s9)
from medaid.evaluation.rules.threshold_ranks import ThresholdRanked, threshold_ranked_from_mapping  # bands family
from medaid.evaluation.rules.unweighted import Unweighted
from medaid.evaluation.rules.wrappers import (  # lists family (s9)
    NotAssessed,
    StatedFull,
    not_assessed_from_mapping,
    stated_full_from_mapping,
)

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
    KindLevels.kind: KindLevels.label,  # numbers family (s8): several kinds around written levels, steps both ways
    ListedAverage.kind: ListedAverage.label,  # formulas family: the mean of the scores listed for each thing
    PriceScore.kind: PriceScore.label,  # numbers family: 基准价 ÷ 报价 × the points
    PerUnitStandard.kind: PerUnitStandard.label,  # numbers family: a standard per unit × the units
    Prerequisite.kind: Prerequisite.label,  # numbers family (s9): a requirement that, unmet, takes all the marks
    ThingSteps.kind: ThingSteps.label,  # numbers family (s9): a step for each thing, added up
    AmountKinds.kind: AmountKinds.label,  # numbers family (s9): kinds of a fault, each deducted per its amount
    KindChoice.kind: KindChoice.label,  # numbers family (s9): one rule per kind of unit, the actual names it
    NotAssessed.kind: NotAssessed.label,  # lists family (s9): a unit without the task left out (缺项)
    StatedFull.kind: StatedFull.label,  # lists family (s9): full marks in a bracket after a 不得分 clause
    FrequencyLevels.kind: FrequencyLevels.label,  # lists family (s9): levels by how often a thing is done
    SubjectsBound.kind: SubjectsBound.label,  # lists family (s9): one bound each listed thing must reach
    EitherBounds.kind: EitherBounds.label,  # lists family (s9): a bound kept, and other measures scoring 0
    DoubledCases.kind: DoubledCases.label,  # counts family (s9): counted deductions, a condition doubling a case
    PeriodCount.kind: PeriodCount.label,  # counts family (s9): periods short of a rate, counted
    NetCounts.kind: NetCounts.label,  # counts family (s9): cases earned less cases taken
    MeasuredGains.kind: MeasuredGains.label,  # counts family (s9): amounts of several kinds, each per step
    GradeDeductions.kind: GradeDeductions.label,  # counts family (s9): deductions by grade
    CurrencyAside.kind: CurrencyAside.label,  # counts family (s9): a bonus with another in a foreign currency
}


def _levels(raw: object) -> tuple[Level, ...]:
    """Levels as fractions of the weight when every value is ≤ 1, else as points; or the list ``to_dict`` writes."""
    return levels_from_spec(raw)


# The types read by a function of their own module from the spec and the text: one line each.
_FROM_MAPPING: dict[str, Callable[[Mapping[str, object], str | None], Rule]] = {
    "per_point": per_point,
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
    "kind_levels": kind_levels_from_mapping,  # numbers family (s8): several kinds around written levels
    "listed_average": listed_average_from_mapping,
    "price_score": price_score_from_mapping,
    "per_unit_standard": per_unit_from_mapping,
    "prerequisite": prerequisite_from_mapping,  # numbers family (s9): a requirement beside the scoring
    "thing_steps": thing_steps_from_mapping,  # numbers family (s9): a step for each thing
    "amount_kinds": amount_kinds_from_mapping,  # numbers family (s9): kinds of a fault per amount
    "kind_choice": kind_choice_from_mapping,  # numbers family (s9): one rule per kind of unit
    "not_assessed": not_assessed_from_mapping,  # lists family (s9)
    "doubled_cases": doubled_cases_from_mapping,  # counts family (s9)
    "period_count": period_count_from_mapping,  # counts family (s9)
    "net_counts": net_counts_from_mapping,  # counts family (s9)
    "measured_gains": measured_gains_from_mapping,  # counts family (s9)
    "grade_deductions": grade_deductions_from_mapping,  # counts family (s9)
    "currency_aside": currency_aside_from_mapping,  # counts family (s9)
    "stated_full": stated_full_from_mapping,  # lists family (s9)
    "frequency_levels": frequency_levels_from_mapping,  # lists family (s9)
    "subjects_bound": subjects_bound_from_mapping,  # lists family (s9)
    "either_bounds": either_bounds_from_mapping,  # lists family (s9)
}


def rule_from_mapping(spec: Mapping[str, object]) -> Rule:
    """Build a rule from the structured syntax; raises RuleSpecError with a Chinese message."""
    kind = str(spec.get("type", "")).strip()
    text = str(spec["text"]) if spec.get("text") else None
    match kind:
        case "full_if_met":
            return FullIfMet(text=text)
        # numbers family (s8): "按B/A或A/B×该指标分值记分": the way of the ratio from the target's ≥/≤
        case "proportional" if spec.get("letters"):
            return Proportional(reference=text_option(spec, "reference"), beyond=bool(spec.get("beyond", False)),
                                stated_full=number(spec, "stated_full"), letters=True, text=text)  # fmt: skip
        # formulas family: full marks stated in the text ("本项满分10分,按完成比例计分", ``stated_marks``)
        case "proportional" if spec.get("stated_full") is not None:
            return Proportional(reference=text_option(spec, "reference"), beyond=bool(spec.get("beyond", False)),
                                stated_full=number(spec, "stated_full"), text=text)  # fmt: skip
        case "rate_times_weight" if spec.get("stated_full") is not None:  # formulas family (``stated_marks``)
            return RateTimesWeight(stated_full=number(spec, "stated_full"), text=text)
        case "proportional":
            return Proportional(reference=text_option(spec, "reference"), beyond=bool(spec.get("beyond", False)),
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
                reference=number(spec, "reference"),
                unit=str(spec.get("unit") or ""),
                full=number(spec, "full"),
                capped=bool(spec.get("capped", False)),
                gap=bool(spec.get("gap", False)),
                text=text,
            )
        case "per_case":
            zero_cases = number(spec, "zero_cases")
            inclusive = spec.get("zero_inclusive")
            if zero_cases is not None and not isinstance(inclusive, bool):
                raise RuleSpecError(
                    "zero_cases 需同时写明 zero_inclusive: true（含本数，如“3例及以上不得分”）"
                    "或 false（不含本数，如“超过3例不得分”）"
                )
            return PerCase(
                points=required(spec, "points"),
                per=positive(spec, "per"),
                full=number(spec, "full"),
                zero_cases=zero_cases,
                zero_inclusive=bool(inclusive) if zero_cases is not None else True,
                max_deduction=number(spec, "max_deduction"),
                unit=str(spec["unit"]) if spec.get("unit") else None,
                what=str(spec.get("what") or ""),
                subject=str(spec.get("subject") or ""),
                vetoes=spec_words(spec, "vetoes"),
                share=bool(spec.get("share", False)),
                clears=spec_words(spec, "clears"),  # counts family: requirements restated for none found
                total=number(spec, "total"),  # counts family: the items the text lists ("2分×4项")
                limits=spec_words(spec, "limits"),  # counts family: vetoes with a limit ("淹死树木≥10株")
                norm=str(spec.get("norm") or ""),  # counts family: the plan of times missed ("每月至少开展1次巡查")
                fault=str(spec.get("fault") or ""),  # counts family: which things counted are cases ("不完整")
                negative=spec.get("negative") is True,  # counts family: the text allows a score below 0
                text=text,
            )
        case "bare_rate":  # counts family: "2分/基", the way the points go read from the actual
            from medaid.evaluation.rules.bare_rates import bare_rate_from_mapping

            return bare_rate_from_mapping(spec, text)
        case "fault_levels":  # counts family (s8e): "满足要求,得1分;缺1项,得0.5分", levels by a count of faults
            from medaid.evaluation.rules.fault_levels import fault_levels_from_mapping

            return fault_levels_from_mapping(spec, text)
        case "banded":
            bands = spec.get("bands")
            if not isinstance(bands, list) or not bands:
                raise RuleSpecError("banded 规则需要 bands 列表")
            return Banded(
                bands=tuple(band(b) for b in bands),
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
                full=number(spec, "full"),
                low=number(spec, "low", default=ZERO) or ZERO,
                high=number(spec, "high"),
                high_inclusive=bool(spec.get("high_inclusive", False)),
                fail=number(spec, "fail"),
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
