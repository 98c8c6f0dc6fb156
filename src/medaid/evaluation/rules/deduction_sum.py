"""Several deductions taken from one full marks: "宣传培训每少一次扣0.5分，每缺一个行业扣1分，扣完为止";
"工作人员每少一人,扣1分,最多扣3分;院长非专职人员,扣2分"; "…每差额10%,扣1分;有冲抵或挪作他用的,扣2分;…每迟拨一个
月,扣1分,扣完为止".

Each part is a per-step deduction (with its own reference and cap, ``PerPoint``) or a fixed deduction for a
fault. The actual (or, without one, the explanation) must speak of every part, each statement of exactly one
part (``deduction_statements``): a number for a step ("宣传培训6次", "工作人员少2人"), or words saying it is met
("工作人员足额"); for a fault, that it happened or not ("有挪作他用", "无冲抵或挪用"). A part's reference is the
text's own number, or the one piece of a compound target in its unit ("≥8次，7个行业"), or, for a step, the plan a
pair of statements gives ("应巡查400户次，实巡查384户次"). The score is the full marks less the deductions added
up, never below zero. Anything else is refused with the reason: which statement belongs to which part is never
guessed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity, parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.deduction import PerPoint
from medaid.evaluation.rules.deduction_statements import DONE, PLANNED, assigned, fault_said, step_met, step_value
from medaid.evaluation.rules.step_things import other_thing
from medaid.evaluation.rules.steps import in_step_unit

_VETOED = Decimal(-1)  # a veto of misconduct happened: no score at all
_COUNTERS = ("个工作日", "个月", "个小时", "人次", "户次", "个", "次", "项", "份", "件", "篇", "家", "人", "户", "天")
_FULL_PLAN = Quantity(text="100%", value=HUNDRED, unit="%", comparator=Comparator.GE)


@dataclass(frozen=True)
class DeductedPart:
    """One thing deducted for: a step (``rule``) or a fault (``fault``, ``points``); ``names`` are the words a
    statement about it contains; ``wording`` is the part's text."""

    wording: str
    names: tuple[str, ...]
    rule: PerPoint | None = None
    fault: str | None = None
    points: Decimal | None = None
    plan: bool = False  # "未达到规定户次数,每下降2%": a percent step on the share of a plan a pair of statements gives
    judged: bool = False  # "检查中有扣分的,加倍扣减": must be said not to have happened; if it did, a person decides

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"wording": self.wording, "names": list(self.names)}
        if self.rule is not None:
            out["rule"] = {k: v for k, v in self.rule.to_dict().items() if k not in ("label", "text", "full_marks")}
        if self.fault is not None:
            out["fault"] = self.fault
            if self.points is not None:  # none: a veto ("弄虚作假的,不得分")
                out["points"] = float(self.points)
        if self.plan:
            out["plan"] = True
        if self.judged:
            out["judged"] = True
        return out


def _target_piece(target: Quantity | None, rule: PerPoint, shared: bool) -> Quantity | str | None:
    """The piece of a (compound) target in the step's unit: "≥8次，7个行业" gives 次 to "每少一次"."""
    if target is None:
        return None
    percent = rule.unit in (None, "%")
    found = []
    for piece in (p for p in _pieces(target.text) if p):
        q = parse_quantity(piece)
        if q is None or q.value is None:
            continue
        unit = q.unit if q.unit == "%" else _base_unit(q.unit)
        if (percent and unit == "%") or (not percent and rule.unit and unit and in_step_unit(unit, rule.unit, None)):
            found.append(parse_quantity(f"{q.comparator.value if q.comparator else ''}{fmt(q.value)}{unit}"))
    if shared and len(found) == 1 and found[0] is not None and found[0].value == rule.reference:
        return None  # "100%" beside five rates each "达100%": the target agrees with every part's own number
    if len(found) > 1 or (found and shared):
        return f"指标值“{target.text}”中与该项同单位的数值不止一处或不止一项可用，无法确定该项从哪个值起扣"
    return found[0] if found else None


def _pieces(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,，;；、]", text)]


def _base_unit(unit: str) -> str:
    """ "个行业" → "个": the counter, with what it counts left to the wording."""
    for base in (
        "个工作日",
        "个月",
        "个小时",
        "人次",
        "户次",
        "个",
        "次",
        "项",
        "份",
        "件",
        "篇",
        "家",
        "人",
        "户",
        "天",
    ):
        if unit.startswith(base):
            return base
    return unit


@dataclass(frozen=True)
class DeductionSum(Rule):
    """A每少…扣…, B每缺…扣…, C的扣N分 — from one full marks, the deductions added up (module docstring)."""

    parts: tuple[DeductedPart, ...]
    full: Decimal | None = None
    uncapped: bool = False  # "扣分不封顶": a total past the full marks is not this item's to settle
    negative: bool = False  # counts family: the text allows a score below 0 ("扣完得负分", "该项可负分")

    kind = "deduction_sum"
    label = "多项扣分合计"

    def params(self) -> dict[str, object]:
        full = None if self.full is None else float(self.full)
        negative = {"negative": True} if self.negative else {}
        return {"full": full, "uncapped": self.uncapped, "parts": [p.to_dict() for p in self.parts], **negative}

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        shown = "；".join(f"第{i}项“{p.wording}”" for i, p in enumerate(self.parts, 1))
        head = f"评分标准从满分 {fmt(full)} 分中分{len(self.parts)}项扣分：{shown}"
        if full != inputs.weight:
            return Outcome(None, f"{head}；本行分值 {fmt(inputs.weight)} 分不是评分标准的满分 {fmt(full)} 分")
        written, source = (inputs.actual.text, "实际") if inputs.actual is not None else (inputs.note, "说明")
        if not written:
            return Outcome(None, f"{head}；缺少实际情况，需逐项写明（如“{self.parts[0].names[0]}…”）")
        said = assigned(written, self.parts)
        if isinstance(said, str):
            return Outcome(None, f"{head}；{source}中{said}，需逐项写明")
        vetoes = [p.points is None and p.rule is None and not p.judged for p in self.parts]
        unsaid = [p.fault for i, p in enumerate(self.parts) if i not in said and vetoes[i]]
        missing = [f"第{i + 1}项" for i in range(len(self.parts)) if i not in said and not vetoes[i]]
        if missing:
            return Outcome(None, f"{head}；{source}“{written}”未写明{'、'.join(missing)}的情况，需逐项写明")
        deductions: list[Decimal] = []
        lines: list[str] = []
        alternatives: dict[str, Decimal] = {}
        shared = {p.rule.unit or "%" for p in self.parts if p.rule is not None}
        for i, part in enumerate(self.parts):
            if i not in said:
                continue  # a veto of misconduct no statement speaks of: not happened
            got = self._part(part, said[i], inputs, full, len(shared) < sum(1 for p in self.parts if p.rule))
            if isinstance(got, str):
                return Outcome(None, f"{head}；第{i + 1}项按{source}“{'，'.join(said[i])}”：{got}")
            deduction, line, others = got
            if deduction is _VETOED:
                return Outcome(
                    ZERO, f"{head}；{source}“{'，'.join(said[i])}”即“{part.fault}”，按评分标准不得分，得 0 分"
                )
            deductions.append(deduction)
            lines.append(f"第{i + 1}项按“{'，'.join(said[i])}”：{line}，扣 {fmt(deduction)} 分")
            for key, value in others.items():
                alternatives[key] = alternatives.get(key, ZERO) + value - deduction
        total = sum(deductions, ZERO)
        if total > full and (self.uncapped or any(p.rule is not None and p.rule.uncapped for p in self.parts)):
            return Outcome(None, f"{head}；应扣 {fmt(total)} 分超过本项 {fmt(full)} 分，评分标准写明“扣分不封顶”，"
                                 "超出部分是否从总分中扣除需人工判断")  # fmt: skip
        score, tail = floored(full - total, inputs.weight, self.negative)
        if unsaid:
            tail += "；另有“" + "”“".join(str(v) for v in unsaid) + "”的不得分，实际未写明，按未出现计"
        reason = (f"{head}；各项实际情况取自{source}“{written}”。" + "；".join(lines)
                  + f"。合计扣 {' + '.join(fmt(d) for d in deductions)} = {fmt(total)} 分，"
                  f"得分 = {fmt(full)} − {fmt(total)} = {fmt(full - total)}{tail}")  # fmt: skip
        others = {k: floored(full - total - v, inputs.weight, self.negative)[0] for k, v in alternatives.items()}
        return Outcome(
            score, reason, alternatives={k: v for k, v in others.items() if v != score}, below_zero=score < 0
        )

    def _part(
        self, part: DeductedPart, statements: list[str], inputs: Inputs, full: Decimal, shared: bool
    ) -> tuple[Decimal, str, dict[str, Decimal]] | str:
        if part.rule is None:
            if len(statements) != 1:
                return "一项只能对应一句实际情况"
            happened = fault_said(statements[0], part.fault or "")
            if happened is None:
                return f"无法判断是否属于“{part.fault}”的情形"
            if not happened:
                return ZERO, f"未出现“{part.fault}”", {}
            if part.judged:
                return f"出现“{part.fault}”，该情形如何扣分需人工判断"
            if part.points is None:
                return _VETOED, "", {}
            return part.points, f"出现“{part.fault}”", {}
        rule = part.rule
        target = _target_piece(inputs.target, rule, shared)
        if isinstance(target, str):
            return target
        how = ""
        if len(statements) == 2:
            pair = _plan_pair(statements, rule, part)
            if isinstance(pair, str):
                return pair
            actual, target = pair
            if target is _FULL_PLAN:
                how = f"完成比例 = 实际数 ÷ 应达到的数 = {actual.text}（应达到的数即100%）；"
        elif len(statements) == 1:
            if (other := other_thing(statements[0], rule, part.wording)) is not None:
                return other  # counts family (s7 fix): "缺2名兼职人员" for "每缺1名专职人员"
            read = step_value(statements[0], rule, part.wording)
            if read is None:
                if step_met(statements[0], rule):
                    return ZERO, "达到要求，不扣分", {}
                return "未写明数值，也未写明达到要求"
            if isinstance(read, str):
                return read
            actual, distance = read
            if rule.from_zero and not distance and rule.reference is None and target is None:
                return (f"“{actual.text}”是完成数还是差额未写明（评分标准与指标值都没有应达到的数），"
                        "需写明差额（如“少2次”）或填写指标值")  # fmt: skip
        else:
            return "一项只能对应一句实际情况（或一对“应…，实…”）"
        outcome = rule.apply(dataclasses.replace(inputs, weight=full, target=target, actual=actual, note=None))
        if outcome.score is None:
            return outcome.reason
        others = {k: full - v for k, v in outcome.alternatives.items()}
        return full - outcome.score, _within(outcome.reason, how), others


def _within(reason: str, how: str) -> str:
    """A step's reason as one part of the whole: without its own score line ("；得分 = 4 − 1 = 3")."""
    reason = re.sub(r"；得分 = [^；]*$", "", reason)
    return how + re.sub(r"，得满分 [\d.]+ 分$", "", reason)


def _plan_pair(statements: list[str], rule: PerPoint, part: DeductedPart) -> tuple[Quantity, Quantity] | str:
    """ "应巡查400户次，实巡查384户次": the done value and the plan; for a percent step on a plan
    (``plan``) the done share of the plan, in %."""
    plan_said = [s for s in statements if PLANNED.search(s)]
    done_said = [
        s for s in statements if s not in plan_said and (DONE.match(s) or re.search(r"实际?[\u4e00-\u9fa5]{0,6}\d", s))
    ]
    if len(plan_said) != 1 or len(done_said) != 1:
        return "一项写了两句，但不是一对“应…，实…”"
    values = []
    for s in (plan_said[0], done_said[0]):
        m = re.search(r"(\d+(?:\.\d+)?)([\u4e00-\u9fa5]{1,3})$", s)
        q = parse_quantity(f"{m.group(1)}{m.group(2)}") if m else None
        if q is None or q.value is None:
            return f"“{s}”不是一个数量"
        values.append(q)
    plan, done = values
    if plan.unit != done.unit or not plan.value:
        return f"“{plan_said[0]}”与“{done_said[0]}”单位不同或应达到的数为 0"
    assert plan.value is not None and done.value is not None
    if rule.unit in (None, "%"):
        if not part.plan:
            return "评分标准按百分比扣分，但未写明是相对应达到的数"
        share = done.value / plan.value * HUNDRED
        return Quantity(text=f"{fmt(share)}%", value=share, unit="%"), _FULL_PLAN
    return done, plan


def deduction_sum_from_mapping(spec: Mapping[str, object], text: str | None) -> DeductionSum:
    """{type: deduction_sum, full: 4, parts: [{wording: …, names: [宣传培训], rule: {type: per_point, …}},
    {wording: …, names: [院长], fault: 院长非专职人员, points: 2}]}."""
    from medaid.evaluation.rules.formulas import spec_number
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    raw = spec.get("parts")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError("deduction_sum 需要至少两项 parts")
    parts: list[DeductedPart] = []
    for item in raw:
        if not isinstance(item, Mapping) or not item.get("wording") or not isinstance(item.get("names"), list):
            raise RuleSpecError("parts 的每一项需要 wording（原文）和 names（实际情况据以对应的名称）")
        names = tuple(str(n) for n in item["names"])
        if isinstance(item.get("rule"), Mapping):
            inner = rule_from_mapping(item["rule"])
            if not isinstance(inner, PerPoint):
                raise RuleSpecError("deduction_sum 的扣分项 rule 须为 per_point")
            parts.append(DeductedPart(str(item["wording"]), names, rule=inner, plan=bool(item.get("plan", False))))
            continue
        points = spec_number(item, "points")
        if item.get("fault") and points is None:  # a veto ("弄虚作假的,不得分") or a case a person judges
            judged = bool(item.get("judged", False))
            parts.append(DeductedPart(str(item["wording"]), names, fault=str(item["fault"]), judged=judged))
            continue
        if not item.get("fault") or points is None or points <= 0:
            raise RuleSpecError("parts 的每一项需要 rule（按步长扣分），或 fault（情形）和正数 points（扣分）")
        parts.append(DeductedPart(str(item["wording"]), names, fault=str(item["fault"]), points=points))
    full = spec_number(spec, "full")
    uncapped, negative = bool(spec.get("uncapped", False)), spec.get("negative") is True
    return DeductionSum(parts=tuple(parts), full=full, uncapped=uncapped, negative=negative, text=text)
