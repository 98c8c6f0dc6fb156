"""一、项目基本情况 （三）依申请救助办理情况: the cases' timeliness and outcomes (issue 15) in one paragraph
and one table, the way the seed reports write them (Liucheng: "依申请救助审批周期过长", 2021–2022 assistance paid in
2023; Hefei: 预警推送 → 认定 → 回访率).

Every number of the paragraph is printed by the function that prints it in the table (:func:`value_text`,
:func:`count_text`), from the same ``Value``: its value, its numerator and denominator (the counts), the day counts
a percentile is taken of. A metric without a value is left out of the paragraph and shown in the table with its
note ("政策文件未规定…"); a step the policy file sets no limit for is said to be untimed, never given a rate.

The same texts give the evidence of the 存在的问题 theme "cases" (:func:`case_evidence`) for the metrics no
indicator scores: a scored one is said by its deduction, or not called a problem when it got full marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.analytics.metrics import Value
from medaid.evaluation import case_metric_names as names
from medaid.evaluation.case_metric_names import CASE_METRICS, TIMED_STEPS, overdue_rate
from medaid.evaluation.scoring import ScoredNode
from medaid.reports.numbers import NBSP, grouped
from medaid.vocab import CASE_STEPS

__all__ = ["CASE_METRICS", "CaseSection", "case_evidence", "case_section", "count_text", "value_text"]

TITLE = "依申请救助办理情况"
HEADER = ("项目", "数值", "计算口径")


@dataclass(frozen=True)
class CaseSection:
    """The paragraph, the table's rows (项目, 数值, 计算口径) and the note under the table."""

    text: str
    rows: tuple[tuple[str, str, str], ...]
    note: str

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "rows": [list(r) for r in self.rows], "note": self.note}


def value_text(v: Value) -> str:
    """A case metric's value as the report prints it, to the decimals the score table shows ("38.5 天", "7.50%")."""
    if v.value is None:
        return "—"
    number = grouped(v.value, v.metric.decimals)
    return f"{number}%" if v.metric.unit == "%" else f"{number}{NBSP}{v.metric.unit}"


def count_text(n: int, unit: str) -> str:
    return f"{n:,}{NBSP}{unit}"


def _term(v: Value, which: str) -> int | None:
    """The numerator or the denominator as a whole count."""
    found: Decimal | None = getattr(v, which)
    return None if found is None else int(found)


def _pair(v: Value) -> tuple[int, int] | None:
    """(numerator, denominator) when both are known."""
    top, bottom = _term(v, "numerator"), _term(v, "denominator")
    return None if top is None or bottom is None else (top, bottom)


def _cases_of(v: Value) -> int | None:
    """How many cases a percentile is taken of: its day counts, else its denominator."""
    days = v.inputs.get("values")
    return len(days) if isinstance(days, list | tuple) else _term(v, "denominator")


def _present(values: dict[str, Value], name: str) -> Value | None:
    v = values.get(name)
    return v if v is not None and v.value is not None else None


def _step(name: str) -> str:
    return CASE_STEPS[name.removeprefix("overdue_rate_")]


def _untimed(v: Value) -> bool:
    """A step the policy file names no limit for (``without_limit`` passes and none timed)."""
    return v.value is None and (bool(v.inputs.get("without_limit")) or "未规定" in (v.note or ""))


UNITS = {  # what the terms of each metric count
    names.PAYMENT_MEDIAN_DAYS: "件", names.PAYMENT_P90_DAYS: "件", names.APPROVAL_MEDIAN_WORKING_DAYS: "件",
    names.APPROVAL_P90_WORKING_DAYS: "件", names.CROSS_YEAR_SHARE: "件", names.APPROVAL_RATE: "件",
    names.WARNING_CONVERSION: "条", names.WARNING_PAID: "条", names.VISIT_RATE: "人", names.VISIT_SATISFACTION: "人",
    **{overdue_rate(s): "个" for s in TIMED_STEPS},
}  # fmt: skip


def _terms(v: Value) -> str:
    """The counts behind a value, as the table's 计算口径 ends: "本期 3 ÷ 40", "本期 40 件"."""
    unit = UNITS.get(v.metric.name, "")
    if "values" in v.inputs or _term(v, "numerator") is None:
        n = _cases_of(v)
        return f"本期 {count_text(n, unit)}" if n is not None else ""
    top, bottom = _term(v, "numerator"), _term(v, "denominator")
    return f"本期 {top:,} ÷ {bottom:,}" if bottom is not None else ""


def _days(values: dict[str, Value], median: str, p90: str, what: str, targets: dict[str, tuple[str, str]]) -> str:
    """ "…中位数为 38.5 天、第 90 百分位数为 95.0 天", with what is known, and the 指标值 of an indicator one of them
    is bound to (the limit the framework sets)."""
    m, p = _present(values, median), _present(values, p90)
    said = [f"中位数为 {value_text(m)}"] if m else []
    said += [f"第 90 百分位数为 {value_text(p)}"] if p else []
    limit = next((targets[k] for k in (p90, median) if k in targets), None)
    bound = f"（“{limit[0]}”指标值为 {limit[1]}）" if limit else ""
    return f"{what}{'、'.join(said)}{bound}" if said else ""


def _payment(values: dict[str, Value], year: str, targets: dict[str, tuple[str, str]]) -> list[str]:
    m = _present(values, names.PAYMENT_MEDIAN_DAYS) or _present(values, names.PAYMENT_P90_DAYS)
    n = _cases_of(m) if m else None
    paid = f"{year}发放依申请救助 {count_text(n, '件')}，" if n is not None else ""
    days = _days(values, names.PAYMENT_MEDIAN_DAYS, names.PAYMENT_P90_DAYS, "自申请至发放的天数", targets)
    out = [paid + days] if days else []
    share = _present(values, names.CROSS_YEAR_SHARE)
    if share is not None:
        pair = _pair(share)
        if pair is not None and pair[0] == 0:
            out.append(f"发放且有票据的 {count_text(pair[1], '件')}均未跨年支付（跨年支付占比 {value_text(share)}）")
        elif pair is not None:
            top, bottom = pair
            out.append(f"发放且有票据的 {count_text(bottom, '件')}中，{count_text(top, '件')}为跨年支付"
                       f"（发放年度晚于最晚一张票据的年度），占 {value_text(share)}")  # fmt: skip
        else:
            out.append(f"跨年支付占比为 {value_text(share)}")
    return out


def _approval(values: dict[str, Value], targets: dict[str, tuple[str, str]]) -> list[str]:
    m = _present(values, names.APPROVAL_MEDIAN_WORKING_DAYS) or _present(values, names.APPROVAL_P90_WORKING_DAYS)
    n = _cases_of(m) if m else None
    days = _days(values, names.APPROVAL_MEDIAN_WORKING_DAYS, names.APPROVAL_P90_WORKING_DAYS,
                 "自申请至审批通过的工作日数", targets)  # fmt: skip
    out = []
    if days:
        approved = f"审批通过 {count_text(n, '件')}，" if n is not None else ""
        out.append(approved + days)
    rate = _present(values, names.APPROVAL_RATE)
    if rate is not None:
        pair = _pair(rate)
        terms = f"（已作决定 {count_text(pair[1], '件')}，审批通过 {count_text(pair[0], '件')}）" if pair else ""
        out.append(f"审批通过率为 {value_text(rate)}{terms}")
    return out


def _overdue(values: dict[str, Value]) -> list[str]:
    timed, untimed = [], []
    for step in TIMED_STEPS:
        v = values.get(overdue_rate(step))
        if v is None:
            continue
        if v.value is not None:
            timed.append(f"“{CASE_STEPS[step]}”环节 {value_text(v)}{_late(v)}")
        elif _untimed(v):
            untimed.append(f"“{CASE_STEPS[step]}”")
    out = [f"各环节逾期率：{'、'.join(timed)}"] if timed else []
    if untimed:
        out.append(f"政策文件未规定{'、'.join(untimed)}环节的办理时限，不计算逾期率")
    return out


def _warnings(values: dict[str, Value]) -> list[str]:
    out = []
    conversion = _present(values, names.WARNING_CONVERSION)
    if conversion is not None:
        pair = _pair(conversion)
        terms = (
            f"推送高额费用预警 {count_text(pair[1], '条')}，据以登记救助申请 {count_text(pair[0], '条')}，"
            if pair
            else ""
        )
        out.append(f"{terms}预警登记申请率为 {value_text(conversion)}")
    paid = _present(values, names.WARNING_PAID)
    if paid is not None:
        top = _term(paid, "numerator")
        terms = f"登记申请的预警中已发放救助 {count_text(top, '条')}，" if top is not None else ""
        out.append(f"{terms}预警转化案件发放率为 {value_text(paid)}")
    return out


def _visits(values: dict[str, Value]) -> list[str]:
    out = []
    rate = _present(values, names.VISIT_RATE)
    if rate is not None:
        out.append(f"{_visited(rate)}回访率为 {value_text(rate)}")
    happy = _present(values, names.VISIT_SATISFACTION)
    if happy is not None:
        pair = _pair(happy)
        terms = f"回访中回答满意度的 {count_text(pair[1], '人')}中满意 {count_text(pair[0], '人')}，" if pair else ""
        out.append(f"{terms}回访满意率为 {value_text(happy)}")
    return out


def _late(v: Value) -> str:
    """ "（20 个中逾期 2 个）": the passes through a step counted and those late."""
    pair = _pair(v)
    return f"（{pair[1]:,} 个中逾期 {pair[0]:,} 个）" if pair else ""


def _visited(v: Value) -> str:
    pair = _pair(v)
    return f"计划回访 {count_text(pair[1], '人')}，已回访 {count_text(pair[0], '人')}，" if pair else ""


def targets_of(leaves: list[ScoredNode]) -> dict[str, tuple[str, str]]:
    """metric → (indicator, 指标值) of the case metrics bound to an indicator with a target."""
    return {n.indicator.metric: (n.indicator.name, n.indicator.target.text) for n in leaves
            if n.indicator.metric in CASE_METRICS and n.indicator.target is not None}  # fmt: skip


def case_section(values: dict[str, Value], leaves: list[ScoredNode], year: int | None) -> CaseSection | None:
    """The paragraph and the table, or None when no case metric has a value."""
    cases = [values[n] for n in CASE_METRICS if n in values]
    if not any(v.value is not None for v in cases):
        return None
    when = f"{year}年" if year else "评价期内"
    targets = targets_of(leaves)
    sentences = [
        "；".join(_payment(values, when, targets)),
        "；".join(_approval(values, targets)),
        "；".join(_overdue(values)),
        "；".join(_warnings(values)),
        "；".join(_visits(values)),
    ]
    text = "。".join(s for s in sentences if s) + "。"
    if not text.startswith(when):
        text = f"{when}，{text}"
    rows = []
    untimed = [v for v in cases if _untimed(v)]
    for v in cases:
        if v in untimed:  # the steps without a limit: one row, said once
            if v is untimed[0]:
                steps = "、".join(f"“{_step(u.metric.name)}”" for u in untimed)
                rows.append((f"{steps}环节逾期率", "—", f"政策文件未规定{steps}环节的办理时限，不计算逾期率"))
            continue
        terms = _terms(v) if v.value is not None else (v.note or "")
        how = v.metric.formula.rstrip("。") + (f"。{terms}" if terms else "")
        rows.append((v.metric.label, value_text(v), how))
    return CaseSection(text, tuple(rows), _note(cases))


def _note(cases: list[Value]) -> str:
    periods = list(dict.fromkeys(str(v.inputs["period"]) for v in cases if v.inputs.get("period")))
    policy = list(dict.fromkeys(str(p) for v in cases for p in _listed(v.inputs.get("policy"))))
    out = [f"统计期间：{'；'.join(periods)}"] if periods else []
    out += [f"办理时限依据：{'；'.join(policy)}"] if policy else []
    out.append("数据来源：依申请救助案件、高额费用预警和回访记录")
    return "。".join(out) + "。"


def _listed(found: object) -> list[object]:
    return list(found) if isinstance(found, list | tuple) else [found] if found else []


def case_evidence(values: dict[str, Value], scored: set[str]) -> tuple[list[str], list[str]]:
    """(problems, advice) of the "cases" theme from the case metrics no indicator scores: a step done late, a payment
    crossing years, a visit not made."""
    problems: list[str] = []
    advice: list[str] = []
    free = {n: v for n, v in values.items() if n in CASE_METRICS and n not in scored and v.value is not None}
    late = [v for s in TIMED_STEPS if (v := free.get(overdue_rate(s))) is not None and v.value is not None
            and v.value > 0]  # fmt: skip
    if late:
        said = [f"“{_step(v.metric.name)}”环节逾期率为 {value_text(v)}{_late(v)}" for v in late]
        problems.append("依申请救助" + "，".join(said))
        steps = "、".join(f"“{_step(v.metric.name)}”" for v in late)
        advice.append(f"对{steps}环节逾期的案件逐件查明原因，按政策文件规定的时限办理，到期前在经办系统中提醒")
    share = free.get(names.CROSS_YEAR_SHARE)
    if share is not None and share.value is not None and share.value > 0:
        pair = _pair(share)
        terms = f"发放且有票据的 {count_text(pair[1], '件')}中 {count_text(pair[0], '件')}为跨年支付，" if pair else ""
        problems.append(f"依申请救助{terms}跨年支付占比为 {value_text(share)}")
        advice.append("压缩依申请救助审批时限，年末前清理在途案件，做到当年申请、当年审批发放")
    visits = free.get(names.VISIT_RATE)
    if visits is not None and visits.value is not None and visits.value < 100:
        problems.append(f"{_visited(visits)}回访率为 {value_text(visits)}")
        pair = _pair(visits)
        missing = f"尚未回访的 {count_text(pair[1] - pair[0], '人')}" if pair else "尚未回访的救助对象"
        advice.append(f"对{missing}补充回访，记录回访结果和发现的需求")
    return problems, advice
