"""The cover, 项目概况 and 绩效评价工作情况, filled from the workspace's settings and data.

What the evaluation rested on is stated as it happened: the files imported (with their
rows and rejects), the months verified, the indicators scored from data, from the survey
and by evaluators' judgments, and what could not be scored. Nothing here is template
guidance: every clause either states a fact of this evaluation or is left out.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from medaid.analytics.metrics import Value
from medaid.evaluation.numbers import fmt
from medaid.evaluation.scoring import ScoredFramework, Source
from medaid.reports.context import Context
from medaid.reports.model import Cover
from medaid.reports.numbers import count_text, yuan_text
from medaid.survey.summary import SurveyResult

# 《项目支出绩效评价管理办法》（财预〔2020〕10号）第四条: the principles every evaluation follows.
PRINCIPLES = "科学公正、统筹兼顾、激励约束、公开透明"
PRINCIPLES_SOURCE = "《项目支出绩效评价管理办法》（财预〔2020〕10号）"


def cover_of(context: Context, title: str) -> Cover:
    lines = [("项目名称", context.project), ("项目类型", context.project_type), ("项目单位", context.unit),
             ("主管部门", context.department), ("评价组织机构", context.organiser)]  # fmt: skip
    return Cover(title, tuple((k, v) for k, v in lines if v), context.date_text)


def _v(values: dict[str, Value], name: str) -> Decimal | None:
    v = values.get(name)
    return None if v is None else v.value


def overview(context: Context, values: dict[str, Value]) -> list[str]:
    """项目概况: who runs the project, and what the year's data show it did."""
    who = f"{context.project}由{context.unit}实施" if context.unit else ""
    if who and context.department and context.department != context.unit:
        who += f"，主管部门为{context.department}"
    year = f"{context.year}年" if context.year else "评价年度内"
    use = (f"{'项目' if who else context.region + year + context.project + '的'}资金用于资助困难群众参加城乡居民"
           "基本医疗保险，并对其经基本医保、大病保险支付后的政策范围内个人自付费用给予救助。")  # fmt: skip
    out = [f"{who}。{use}" if who else use]
    if not context.workspace:
        return out
    said = []
    people, amount = _v(values, "subsidy_people"), _v(values, "subsidy_amount")
    if people is not None and amount is not None:
        said.append(f"资助参保 {count_text(people, '人')}、金额 {yuan_text(amount)}")
    visits, helped, paid = (
        _v(values, "assistance_visits"),
        _v(values, "assistance_people"),
        _v(values, "assistance_amount"),
    )
    if visits is not None and helped is not None and paid is not None:
        said.append(f"医疗救助 {count_text(visits, '人次')}（{count_text(helped, '人')}），"
                    f"救助金额 {yuan_text(paid)}")  # fmt: skip
    income, spending, balance = _v(values, "fund_income"), _v(values, "fund_spending"), _v(values, "cumulative_balance")
    if income is not None and spending is not None:
        fund = f"基金当年收入 {yuan_text(income)}、支出 {yuan_text(spending)}"
        if balance is not None:
            fund += f"，年末累计结余 {yuan_text(balance)}"
        said.append(fund)
    if said:
        out.append(f"据导入的业务数据，{year}" + "；".join(said) + "。")
    return out


def _scored_by(scored: ScoredFramework, values: dict[str, Value]) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for node in scored.walk():
        if node.children:
            continue
        ind = node.indicator
        if node.source is Source.RULE and ind.metric and ind.metric in values:
            kinds["data"] += 1
        elif node.source is Source.RULE and ind.metric:
            kinds["survey"] += 1
        elif node.source is Source.RULE:
            kinds["rule"] += 1
        elif node.source in (Source.JUDGED, Source.OVERRIDE):
            kinds["judged"] += 1
        elif node.source is Source.PENDING or node.source is Source.MISSING:
            kinds["pending"] += 1
        else:
            kinds["file"] += 1
    return kinds


def work_sections(context: Context, scored: ScoredFramework, values: dict[str, Value],
                  survey: SurveyResult | None) -> list[tuple[str, list[str]]]:  # fmt: skip
    year = f"{context.year}年" if context.year else "评价年度"
    subject = f"{context.region}{year}{context.project}"
    scope = f"，范围为{year}1月1日至12月31日的资助参保、医疗救助结算和基金收支。" if context.workspace else "。"
    purpose = [
        f"评价目的：了解和掌握{subject}资金的使用绩效，分析资金管理和项目实施中存在的问题，"
        "为加强资金管理、完善救助政策和安排预算提供参考。",
        f"评价对象和范围：{subject}{scope}",
    ]
    dims = "、".join(f"{n.indicator.name}（{fmt(n.indicator.weight)} 分）" for n in scored.nodes)
    leaves = sum(1 for n in scored.walk() if not n.children)
    kinds = _scored_by(scored, values)
    counted = [(kinds["data"], "由业务数据计算"), (kinds["survey"], "由满意度调查计算"),
               (kinds["judged"], "由评价人员评分并写明理由"), (kinds["rule"], "按评分标准由所填实际完成值计算"),
               (kinds["file"], "采用评分表所填得分"),
               (kinds["pending"], "尚未计分")]  # fmt: skip
    how = "，".join(f"{n} 项{what}" for n, what in counted if n)
    system = [
        f"评价原则：遵循{PRINCIPLES}的原则（{PRINCIPLES_SOURCE}）。",
        f"评价指标体系：采用《{context.framework_title}》的指标、分值和评分标准，"
        f"设{dims}共 {len(scored.nodes)} 个一级指标、{leaves} 个末级指标，详见附件1。末级指标中，{how}。",
    ]
    methods = []
    if context.workspace:
        methods.append(
            "数据分析法：对导入的结算、资助参保和基金收支数据逐笔计算各项指标，每个数值列明计算方法，见表1。"
        )
    if context.verified_months:
        methods.append(
            f"比对核查法：将结算数据与各部门救助对象名单逐月比对，共核查 {len(context.verified_months)} 个月。"
        )
    if survey is not None:
        methods.append(f"问卷调查法：回收有效答卷 {survey.valid} 份，计算满意度和政策知晓率，见附件2。")
    if kinds["judged"]:
        methods.append("专家评议法：不能由数据计算的指标由评价人员对照评分标准评分，每项写明理由。")
    process = [_imports(context), *_process(context)]
    if survey is not None:
        sent = f"发放 {survey.sent} 份，" if survey.sent else ""
        fieldwork = f"问卷调查：以《{survey.title}》调查，{sent}回收有效答卷 {survey.valid} 份，分析见附件2。"
        process.insert(2 if context.verified_months else 1, fieldwork)
    if context.workspace:
        limits = ["本报告所用数据均由被评价单位提供，其真实性、准确性由提供单位负责；评价不是审计。"]
    else:
        limits = [f"本报告依据《{context.source_name}》所载的评分表编写，未使用业务数据复算指标值；评价不是审计。"]
    limits += [f"“{path[-1]}”未能由数据计算：{why}。" for path, why in context.unavailable]
    if kinds["pending"]:
        limits.append(f"有 {kinds['pending']} 项末级指标尚未计分，总分与等级在其计分后方能确定。")
    if survey is not None and survey.warnings:
        limits.append("满意度调查样本存在局限，见附件2。")
    return [("评价目的与评价对象", purpose), ("评价原则、评价指标体系与评价方法", system + methods),
            ("评价过程", [p for p in process if p]), ("评价局限性", limits)]  # fmt: skip


def _imports(context: Context) -> str:
    if not context.imports:
        return ""
    by_day: dict[str, list[str]] = {}
    for line in context.imports:
        rejected = f"，不合格 {line.rejected:,} 行已隔离" if line.rejected else ""
        by_day.setdefault(f"{line.at:%Y-%m-%d}", []).append(
            f"{line.kind}《{line.file_name}》{line.rows:,} 行{rejected}"
        )
    days = [f"{day} 导入 {len(files)} 个文件：" + "、".join(files) for day, files in by_day.items()]
    return "数据采集：" + "；".join(days) + "。"


def _process(context: Context) -> list[str]:
    out = []
    if context.verified_months:
        months = "、".join(f"{m[:4]}年{int(m[5:7])}月" for m in context.verified_months)
        out.append(f"核查：对 {months} 的结算开展核查，形成核查台账。")
    if context.judgments:
        who = "、".join(sorted({j.by for j in context.judgments}))
        first, last = min(j.at for j in context.judgments), max(j.at for j in context.judgments)
        when = f"{first:%Y-%m-%d}" if first.date() == last.date() else f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"
        out.append(f"评分：{when}，评价人员（{who}）对 {len(context.judgments)} 项指标评分。")
    source = "业务数据、满意度调查和评价人员的评分" if context.workspace else "评分表"
    out.append(f"撰写报告：{context.generated:%Y-%m-%d} 按评分结果撰写报告，各项得分与说明均来自{source}。")
    return out
