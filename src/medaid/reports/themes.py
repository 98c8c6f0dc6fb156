"""存在的问题 grouped into a few themes, each with its evidence numbers, and one specific
recommendation per theme — the way a finished report (Liucheng: 监管留痕、部门协同、
政策宣传) writes them, rather than one copy per deduction.

A deduction joins the theme of its data metric, else of the words in its name, else of
its dimension. The data add evidence of their own only for what the framework does not
score (a metric no indicator is bound to): the verification ledger, the fund's balance,
the one-stop rate, the survey's sample, the 依申请救助 steps done late, paid across years or
not visited (``case_section.case_evidence``). So a figure the table scored in full is never
called a problem, and a figure a deduction states is not stated twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from medaid.analytics.metrics import Value
from medaid.analytics.runs import YearFindings
from medaid.evaluation.audit import AuditReport
from medaid.evaluation.case_metric_names import CASE_METRICS
from medaid.evaluation.findings import Severity
from medaid.evaluation.numbers import fmt
from medaid.evaluation.scoring import ScoredNode, Source
from medaid.evaluation.survey_metrics import AWARENESS, SATISFACTION
from medaid.money import to_yuan
from medaid.reports.case_section import case_evidence
from medaid.reports.numbers import grouped, yuan_texts
from medaid.survey.summary import SurveyResult
from medaid.vocab import REASONS


@dataclass(frozen=True)
class Spec:
    key: str
    title: str  # the problem, as a heading
    advice_title: str  # the recommendation, as a heading
    generic: str  # the recommendation when the evidence suggests nothing more specific
    metrics: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


SPECS: tuple[Spec, ...] = (
    Spec("fund", "基金收支平衡与预算执行存在风险", "科学测算资金需求，加强基金运行监测",
         "按救助对象规模和上年支出科学测算资金需求，按月监测基金收支与结余",
         ("fund_arrival_rate", "budget_execution_rate", "spending_progress", "current_balance",
          "cumulative_balance", "rollover_balance_rate", "months_of_coverage", "fund_income", "fund_spending"),
         ("资金到位", "预算执行", "结余", "可支撑", "支出进度")),
    Spec("volume", "救助人次与支出未达到年度目标", "据实设定年度目标，做到应救尽救",
         "对照实际完成值复核年度目标的测算依据，排查符合条件而未获救助的人员",
         ("assistance_visits", "assistance_visits_inpatient", "assistance_visits_outpatient", "assistance_people",
          "assistance_amount", "subsidy_people", "subsidy_amount"),
         ("人次", "人数", "支出金额", "救助金额")),
    Spec("ledger", "救助对象核查与部门名单同步不到位", "按月核查结算数据，推进部门名单动态同步",
         "每月将上月全量结算与民政、乡村振兴、残联等部门名单比对，形成核查台账并跟踪整改",
         ("verified_months",), ("台账", "核查", "精准", "质量控制")),
    Spec("payment", "待遇结算与救助标准执行有待规范", "规范一站式结算，严格执行救助标准",
         "规范一站式结算和救助待遇支付，严格按政策文件执行起付线、救助比例和年度限额",
         ("one_stop_settlement_rate", "standard_compliance_rate", "subsidy_completion_rate",
          "key_recipient_assistance_ratio", "recipient_self_pay_ratio", "cross_year_payments", "cross_year_amount"),
         ("结算", "救助标准", "资助参保", "拨付", "及时", "跨年", "负担")),
    Spec("cases", "依申请救助办理时效有待提高", "压缩审批时限，杜绝跨年支付",
         "按政策文件规定的时限办理依申请救助的受理、审核、审批和发放，年末前清理在途案件，并对救助对象及时回访",
         CASE_METRICS, ("依申请", "救助审", "办结", "回访", "逾期")),
    Spec("service", "政策宣传与群众满意度有待提升", "加强政策宣传，改进经办服务",
         "采用群众喜闻乐见的方式解读申请流程、认定程序和所需材料，分析群众反映的问题并改进经办服务",
         (SATISFACTION, AWARENESS), ("知晓", "宣传", "满意")),
    Spec("management", "项目决策与绩效管理有待加强", "完善绩效目标和管理制度",
         "科学设置绩效目标，做到指标明确、可衡量并与预算相匹配；健全并执行资金管理、经办和档案制度",
         (), ("立项", "目标", "指标", "制度", "预算编制", "分配", "档案", "合规")),
    Spec("table", "评分表存在数字不一致", "复核评分表后再行报送",
         "逐项复核评分表的分值、得分与合计，确保得分率、等级与评分标准一致"),
    Spec("other", "其他失分事项", "针对失分事项逐项整改", "查明失分原因，制定整改措施并跟踪落实"),
)  # fmt: skip
BY_KEY = {s.key: s for s in SPECS}
# The words of 依申请救助 are matched first: "城乡医疗救助审核、审批、资金发放及时" is about the cases, not about
# payment's "及时", and "回访人数" is no 救助人数 (volume's "人数"). "救助审", not "审批": an approval of another
# programme ("困难企业职工办理特殊及慢性病审批") is no case of 依申请救助.
WORD_ORDER: tuple[Spec, ...] = (BY_KEY["cases"], *(s for s in SPECS if s.key != "cases"))


@dataclass
class Evidence:
    problems: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def spec_of(node: ScoredNode) -> Spec:
    ind = node.indicator
    for spec in SPECS:
        if ind.metric and ind.metric in spec.metrics:
            return spec
    for spec in WORD_ORDER:
        if any(w in ind.name for w in spec.words):
            return spec
    return BY_KEY["management"] if ind.path and ind.path[0] in ("决策", "过程") else BY_KEY["other"]


def _lost(node: ScoredNode) -> Decimal:
    return (node.indicator.weight or Decimal(0)) - (node.score or Decimal(0))


def _deduction(node: ScoredNode) -> str:
    ind = node.indicator
    head = f"{ind.name}得 {fmt(node.score)} 分（满分 {fmt(ind.weight)} 分，扣 {fmt(_lost(node))} 分）"
    if node.source is Source.RULE and ind.actual is not None:
        target = f"，指标值 {ind.target.text}" if ind.target else ""
        return f"{head}：实际完成值 {ind.actual.text}{target}"
    if node.source in (Source.JUDGED, Source.OVERRIDE) and ind.judgment is not None:
        return f"{head}：{ind.judgment.reason.rstrip('。')}"
    if ind.note:
        return f"{head}：{ind.note.rstrip('。')}"
    return head


def _value(values: dict[str, Value], name: str, scored: set[str]) -> Decimal | None:
    """A metric's value when the framework does not score it (else the deduction, or full marks, says it)."""
    v = values.get(name)
    return None if v is None or name in scored else v.value


def _fund(out: Evidence, values: dict[str, Value], scored: set[str]) -> None:
    current, balance = _value(values, "current_balance", scored), _value(values, "cumulative_balance", scored)
    months = _value(values, "months_of_coverage", scored)
    spending = values.get("fund_spending")
    if current is not None and current < 0:
        said = yuan_texts(current, balance) if balance is not None else yuan_texts(current)
        text = f"当年基金收不抵支，当期收支差为 {said[0]}"
        out.problems.append(text + (f"，年末累计结余 {said[1]}" if balance is not None else ""))
        gap = yuan_texts(-current)[0]
        if spending is not None and spending.value is not None:
            out.advice.append(f"以当年支出 {yuan_texts(spending.value)[0]} 为基数测算下年资金需求，"
                              f"及时申请拨付各级补助资金，弥补 {gap} 的当期收支缺口")  # fmt: skip
        else:
            out.advice.append(f"及时申请拨付各级补助资金，弥补 {gap} 的当期收支缺口")
    execution = _value(values, "budget_execution_rate", scored)
    if execution is not None and execution > 100:
        out.problems.append(f"当年基金支出为计划安排资金的 {grouped(execution)}%，超出预算安排")
    if months is not None and months < 1:
        out.problems.append(f"年末累计结余仅可支撑 {grouped(months)} 个月的支出")
        out.advice.append("按月监测基金收支与结余，结余可支撑月数低于 1 个月时提前预警，防范支付风险")


def _ledger(out: Evidence, found: YearFindings | None) -> None:
    if found is None:
        return
    if not found.months:
        out.problems.append(f"{found.year}年未按月将医疗救助结算与救助对象名单比对，未形成核查台账")
        out.advice.append("每月将上月全量结算与民政、乡村振兴、残联等部门名单比对，形成核查台账并跟踪整改")
        return
    if len(found.months) < 12:
        out.problems.append(f"{found.year}年仅有 {len(found.months)} 个月形成核查台账")
        out.advice.append(f"补齐其余 {12 - len(found.months)} 个月的核查，此后每月核查并留存台账")
    if found.counts:
        total = sum(found.counts.values())
        parts = "、".join(f"{REASONS.get(k, k)} {n} 笔" for k, n in sorted(found.counts.items(), key=lambda kv: -kv[1]))
        refund, top_up = yuan_texts(to_yuan(found.refund), to_yuan(found.top_up))
        out.problems.append(f"核查台账（{len(found.months)} 个月）列出结算与救助对象名单不符 {total} 笔：{parts}，"
                            f"涉及应退金额 {refund}、应补金额 {top_up}")  # fmt: skip
        out.advice.append(f"对核查台账所列 {total} 笔逐笔复核，应退的 {refund} 及时追回、应补的 {top_up} 及时补发，"
                          "并在结算前校验救助资格与年度限额")  # fmt: skip


def _payment(out: Evidence, values: dict[str, Value], scored: set[str]) -> None:
    one_stop = _value(values, "one_stop_settlement_rate", scored)
    if one_stop is not None and one_stop < 100:
        out.problems.append(f"有救助支付的结算中一站式即时结算的比例为 {grouped(one_stop)}%")
        out.advice.append(f"查明未一站式即时结算的原因，将一站式结算率由 {grouped(one_stop)}% 提高到 100%")
    subsidy = _value(values, "subsidy_completion_rate", scored)
    if subsidy is not None and subsidy < 100:
        formula = values["subsidy_completion_rate"].metric.formula
        out.problems.append(f"资助参保完成率为 {grouped(subsidy)}%（{formula}），部分应资助对象未获资助参保")
        out.advice.append("比对资助参保名单与救助对象名单，对应资助未资助的人员及时补办资助参保")
    late = _value(values, "cross_year_payments", scored)
    if late is not None and late > 0:
        amount = values.get("cross_year_amount")
        paid = f"，救助金额 {yuan_texts(amount.value)[0]}" if amount is not None and amount.value is not None else ""
        out.problems.append(f"当年结算的救助中有 {int(late):,} 笔为上年就医的跨年度支付{paid}")
        out.advice.append("按月结算医疗救助待遇，年末前清理在途结算，避免跨年度支付")
    compliance = _value(values, "standard_compliance_rate", scored)
    if compliance is not None and compliance < 100:
        out.problems.append(f"按政策参数复算，救助金额与实际支付一致的结算占 {grouped(compliance)}%")
        out.advice.append("对复算不一致的结算逐笔核对起付线、救助比例和年度限额，按政策文件纠正")


def _service(out: Evidence, survey: SurveyResult | None) -> None:
    if survey is None:
        return
    out.problems += [w.rstrip("。") for w in survey.warnings]
    if survey.warnings:
        out.advice.append(
            f"扩大满意度调查样本（按 ±{survey.margin * 100:g} 个百分点的精度需约 {survey.needed} 份有效答卷）"
        )


def _table(out: Evidence, report: AuditReport) -> None:
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        kinds = "、".join(dict.fromkeys(f.kind.label for f in errors))
        out.problems.append(f"评分表存在 {len(errors)} 处数字不一致（{kinds}），逐项见“其他需要说明的问题”")


def _advice_from_deductions(spec: Spec, nodes: list[ScoredNode]) -> str | None:
    """A recommendation naming the indicators that lost points and what they fell short of."""
    short = [n for n in nodes if n.source is Source.RULE and n.indicator.actual and n.indicator.target]
    if not short:
        return None
    gaps = "、".join(f"{n.indicator.name}（现为 {n.indicator.actual.text}）"  # type: ignore[union-attr]
                     for n in short)  # fmt: skip
    return f"{spec.generic}，使{gaps}达到指标值"


def build_themes(report: AuditReport, values: dict[str, Value], found: YearFindings | None,
                 survey: SurveyResult | None) -> list[tuple[Spec, str, str]]:  # fmt: skip
    """(spec, problem paragraph, advice paragraph) for each theme with something to say, most points lost first."""
    evidence = {s.key: Evidence() for s in SPECS}
    lost: dict[str, Decimal] = dict.fromkeys(evidence, Decimal(0))
    leaves = [n for n in report.scored.walk() if not n.children]
    scored = {n.indicator.metric for n in leaves if n.indicator.metric and n.score is not None}
    members: dict[str, list[ScoredNode]] = {s.key: [] for s in SPECS}
    deductions = [n for n in leaves if n.indicator.weight is not None and n.score is not None and _lost(n) > 0]
    for node in sorted(deductions, key=lambda n: -_lost(n)):
        key = spec_of(node).key
        lost[key] += _lost(node)
        members[key].append(node)
        evidence[key].problems.append(_deduction(node))
    _fund(evidence["fund"], values, scored)
    _ledger(evidence["ledger"], found)
    _payment(evidence["payment"], values, scored)
    problems, advice = case_evidence(values, scored)
    evidence["cases"].problems += problems
    evidence["cases"].advice += advice
    _service(evidence["service"], survey)
    _table(evidence["table"], report)
    out = []
    for spec in sorted(SPECS, key=lambda s: -lost[s.key]):
        ev = evidence[spec.key]
        if not ev.problems:
            continue
        # the indicators short of their targets first, then what the unscored data suggest
        scored_advice = _advice_from_deductions(spec, members[spec.key])
        advice = [scored_advice, *ev.advice] if scored_advice else ev.advice or [spec.generic]
        out.append((spec, "；".join(ev.problems) + "。", "建议" + "；".join(advice) + "。"))
    return out
