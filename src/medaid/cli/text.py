"""Chinese plain-text rendering of scored trees and audits, for the terminal."""

from __future__ import annotations

import unicodedata

from medaid.evaluation import AuditReport, ScoredFramework, ScoredNode, Severity
from medaid.evaluation.numbers import fmt, fmt_pct


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, *, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def _score(value: object) -> str:
    return "—" if value is None else f"{value:.2f}"


def heading(scored: ScoredFramework) -> list[str]:
    fw = scored.framework
    kind = f"（{fw.kind.label}）" if fw.kind else ""
    lines = [f"{fw.title}{kind}"]
    if fw.file:
        lines.append(f"文件：{fw.file}")
    return lines


def total_line(scored: ScoredFramework) -> str:
    fw = scored.framework
    if scored.total is None:
        line = f"总分：{scored.reason}"
    elif scored.grade is None:
        line = f"总分 {_score(scored.total)} 分，超出 0–100 分的范围，不评定等级"
    else:
        line = f"总分 {_score(scored.total)} 分，等级：{scored.grade}"
    if fw.claimed_total is not None or fw.claimed_grade:
        line += f"（报告声明 {fmt(fw.claimed_total)} 分、{fw.claimed_grade or '未写等级'}）"
    return line


def score_text(scored: ScoredFramework, *, reasons: bool = True) -> str:
    lines = heading(scored)
    rows: list[tuple[str, str, str, str, str]] = []

    def add(node: ScoredNode, depth: int) -> None:
        ind = node.indicator
        rows.append(
            (
                "  " * depth + ind.name,
                fmt(ind.weight),
                _score(node.score),
                fmt_pct(node.rate),
                node.source.label,
            )
        )
        for child in node.children:
            add(child, depth + 1)

    for node in scored.nodes:
        add(node, 0)
    name_width = max([width("指标"), *(width(r[0]) for r in rows)]) + 2
    lines.append("")
    lines.append(pad("指标", name_width) + pad("分值", 8, right=True) + pad("得分", 9, right=True)
                 + pad("得分率", 10, right=True) + "  来源")  # fmt: skip
    for name, weight, score, rate, source in rows:
        lines.append(
            pad(name, name_width) + pad(weight, 8, right=True) + pad(score, 9, right=True)
            + pad(rate, 10, right=True) + "  " + source
        )  # fmt: skip
    lines.append("")
    lines.append(total_line(scored))
    if reasons:
        lines.append("")
        lines.append("各项得分依据：")
        for node in scored.walk():
            if node.indicator.is_leaf:
                path = " › ".join(node.indicator.path)
                lines.append(f"· {path}：{_score(node.score)} 分 — {node.reason}")
    return "\n".join(lines)


def audit_text(report: AuditReport) -> str:
    scored = report.scored
    lines = [f"一致性审核：{scored.framework.title}"]
    if scored.framework.file:
        lines.append(f"文件：{scored.framework.file}")
    lines.append("复核结果：" + total_line(scored))
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    lines.append(
        f"发现 {counts[Severity.ERROR]} 处错误、{counts[Severity.WARNING]} 处提示、{counts[Severity.INFO]} 条说明。"
    )
    for severity in Severity:
        items = [f for f in report.findings if f.severity is severity]
        if not items:
            continue
        lines.append("")
        lines.append(f"【{severity.label}】")
        for i, f in enumerate(items, 1):
            place = " › ".join(f.path) if f.path else "总体"
            said = f.location.describe() if f.location is not None else ""
            where = f"〔{said}〕" if said and said not in f.message else ""  # a text finding names its place
            lines.append(f"{i:>2}. [{f.kind.label}] {place}：{f.message}{where}")
    if report.unread:
        lines.append("")
        lines.append(f"【未读取】以下 {len(report.unread)} 处未能读取，未作核对（不作猜测）：")
        for i, u in enumerate(report.unread, 1):
            lines.append(f"{i:>2}. {u.describe()}")
    if not report.errors:
        lines.append("")
        lines.append("未发现数字上的矛盾。")
    return "\n".join(lines)
