"""Draft paragraphs for 存在的问题 and 改进建议, from what the evaluation found.

Each draft comes from one finding — a deduction, an inconsistency in the table, a survey
that cannot carry its rate — in the register of the seed reports, and is marked as a
draft for the evaluator to rewrite. Edited texts are kept in a YAML file beside the
report and used as they are on the next render; a paragraph still equal to its draft
stays marked as a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import Field

from medaid import typed_yaml
from medaid.analytics.metrics import Value
from medaid.analytics.runs import YearFindings
from medaid.errors import InputFileError
from medaid.evaluation.audit import AuditReport
from medaid.evaluation.findings import Severity
from medaid.evaluation.numbers import fmt
from medaid.evaluation.scoring import ScoredNode
from medaid.money import to_yuan
from medaid.survey.summary import SurveyResult
from medaid.typed_yaml import FileModel, Text
from medaid.vocab import REASONS

DRAFT_MARK = "【草稿，请评价人员修改】"


@dataclass
class Narrative:
    problems: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"存在的问题": self.problems, "改进建议": self.suggestions}


def drafts(report: AuditReport, survey: SurveyResult | None = None) -> Narrative:
    """Draft paragraphs, most points lost first."""
    out = Narrative()
    lost: list[tuple[Decimal, ScoredNode]] = []
    for node in report.scored.walk():
        weight, score = node.indicator.weight, node.score
        if not node.children and weight is not None and score is not None and score < weight:
            lost.append((weight - score, node))
    for deducted, node in sorted(lost, key=lambda pair: -pair[0]):
        ind = node.indicator
        why = (ind.note or node.reason).rstrip("。；;，, ")
        out.problems.append(
            f"{ind.name}扣 {fmt(deducted)} 分（满分 {fmt(ind.weight)} 分，得 {fmt(node.score)} 分）：{why}。"
        )
        out.suggestions.append(f"针对{ind.name}失分，建议{_suggestion(ind.name)}。")
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        listed = "；".join(f.message for f in errors[:5])
        more = f"等 {len(errors)} 处" if len(errors) > 5 else ""
        out.problems.append(f"评分表存在数字不一致：{listed}{more}。")
        out.suggestions.append("建议复核评分表的分值、得分与合计，确保得分率、等级与评分标准一致后再行报送。")
    if survey is not None:
        for warning in survey.warnings:
            out.problems.append(f"满意度调查：{warning}。")
        if survey.warnings:
            out.suggestions.append(
                f"建议扩大满意度调查样本（按 ±{survey.margin * 100:g} 个百分点的精度需约 {survey.needed} 份有效答卷），"
                "结合政策宣传、业务办理等日常工作开展调查，并对问卷反映的问题进行原因分析。"
            )
    return out


def data_drafts(out: Narrative, figures: dict[str, Value], found: YearFindings | None) -> None:
    """Drafts from the programme data: what the monthly verification found (or that none
    was kept), a fund deficit and a 资助参保 shortfall. They add to the deductions."""
    if found is not None and not found.months:
        out.problems.append(f"{found.year}年未按月开展医疗救助结算与救助对象名单的核查，未形成核查台账。")
        out.suggestions.append("建议每月将医疗救助结算与民政、乡村振兴、残联等部门名单比对，形成核查台账并跟踪整改。")
    elif found is not None and found.counts:
        parts = "、".join(f"{REASONS.get(k, k)} {n} 笔" for k, n in sorted(found.counts.items(), key=lambda kv: -kv[1]))
        total = sum(found.counts.values())
        out.problems.append(
            f"{found.year}年按月核查（{len(found.months)} 个月）发现结算与救助对象名单不符 {total} 笔：{parts}；"
            f"涉及应退金额 {to_yuan(found.refund)} 元、应补金额 {to_yuan(found.top_up)} 元。"
        )
        out.suggestions.append(
            f"建议对核查台账所列 {total} 笔逐笔复核：应退的及时追回，应补的及时补发；加强与各部门名单的动态同步，"
            "在结算前校验救助资格与年度限额。"
        )
    current, cumulative = figures.get("current_balance"), figures.get("cumulative_balance")
    if current is not None and current.value is not None and current.value < 0:
        deficit = f"当年基金收不抵支，当期收支差为 {current.value:.2f} 元"
        if cumulative is not None and cumulative.value is not None and cumulative.value < 0:
            deficit += f"，累计结余为 {cumulative.value:.2f} 元，已无结余可用"
        out.problems.append(deficit + "，存在支付风险。")
        out.suggestions.append(
            "建议科学测算年度资金需求，及时申请拨付各级补助资金，按月监测基金收支与结余，防范支付风险。"
        )
    rate = figures.get("subsidy_completion_rate")
    if rate is not None and rate.value is not None and rate.value < 100:
        out.problems.append(
            f"资助参保完成率为 {rate.value:.2f}%，部分应资助对象未获资助参保（{rate.metric.formula}）。"
        )
        out.suggestions.append("建议比对资助参保名单与救助对象名单，对应资助未资助的人员及时补办资助参保。")


def _suggestion(name: str) -> str:
    """A first suggestion by the indicator's theme, for the evaluator to sharpen."""
    themes = (
        (("知晓", "宣传"), "加大政策宣传力度，采用群众喜闻乐见的方式解读申请流程、认定程序和所需材料"),
        (("满意",), "分析群众反映的问题，缩短审批周期，改进服务态度与办事流程"),
        (("台账", "核查", "档案", "资料"), "建立并按月更新核查台账，规范档案资料的收集、整理与归档"),
        (("及时", "时效", "进度"), "明确各环节办理时限，按月跟踪资金支付与审批进度"),
        (("目标", "指标"), "科学设置绩效目标，做到指标明确、可衡量并与预算相匹配"),
        (("资金", "预算", "结余", "执行"), "加强预算执行监控，合理安排资金，防范结余过多或超支"),
        (("标准", "精准", "对象"), "加强部门间数据比对，确保救助对象认定精准、救助标准执行到位"),
    )
    for words, text in themes:
        if any(w in name for w in words):
            return text
    return "查明失分原因，制定整改措施并跟踪落实"


PARAGRAPH_HINT = "每段一项，以“- ”开头；段中含有英文冒号加空格“: ”时请给整段加引号"


class DraftsFile(FileModel):
    """The drafts file (``*-文字稿.yaml``): the evaluator's texts of record."""

    problems: list[Text] | None = Field(default=None, alias="存在的问题", json_schema_extra={"hint": PARAGRAPH_HINT})
    suggestions: list[Text] | None = Field(default=None, alias="改进建议", json_schema_extra={"hint": PARAGRAPH_HINT})


class DraftsError(InputFileError):
    """The drafts file cannot be read back."""


DRAFTS_HEADER = "# 报告文字稿：可直接修改各段文字，下次生成报告时使用修改后的文字；未修改的段落仍标注为草稿。\n"


def read_drafts(path: Path) -> Narrative:
    """The texts kept in a drafts file; DraftsError naming the file, the line and the key."""
    spec = typed_yaml.load(path, DraftsFile, error=DraftsError)
    return Narrative(list(spec.problems or []), list(spec.suggestions or []))


def write_drafts(narrative: Narrative, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(narrative.to_dict(), allow_unicode=True, width=1000)
    path.write_text(DRAFTS_HEADER + body, encoding="utf-8")


def with_edits(generated: Narrative, path: Path | None) -> tuple[Narrative, set[str]]:
    """The texts to print and those still unedited drafts. The first render writes the
    drafts to ``path``; later renders read it back, so what the evaluator wrote is kept."""
    if path is None:
        return generated, set(generated.problems + generated.suggestions)
    if path.exists():
        kept = read_drafts(path)
    else:
        write_drafts(generated, path)
        kept = generated
    return kept, set(generated.problems + generated.suggestions)
