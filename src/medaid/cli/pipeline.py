"""The whole pipeline on a generated county: data → import → registry → verification →
warnings → metrics → scored framework. Used by ``medaid demo`` and the benchmarks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import click

from medaid.analytics.metrics import Value
from medaid.evaluation.audit import AuditReport
from medaid.workspace import Workspace

# Import order matters: institutions give settlements their hospital level; recipients and
# deaths make the registry that verification reads.
IMPORT_ORDER: tuple[tuple[str, str], ...] = (
    ("institutions", "institutions.csv"),
    ("recipients", "recipients_民政.csv"),
    ("recipients", "recipients_乡村振兴.csv"),
    ("recipients", "recipients_残联.csv"),
    ("deaths", "deaths.csv"),
    ("settlements", "settlements.csv"),
    ("settlements", "settlements_platform.csv"),
    ("subsidies", "subsidies.csv"),
    ("fund", "fund.csv"),
)


@dataclass
class PipelineResult:
    workspace: Workspace
    imported: int = 0
    rejected: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    ledger: Path | None = None
    warnings: int = 0
    total: Decimal | None = None
    grade: str | None = None
    audit: AuditReport | None = None  # the scored framework and its findings, for the reports
    metrics: list[Value] = field(default_factory=list)  # the figures computed from the data
    push_lists: list[Path] = field(default_factory=list)  # 预警推送名单, one per department (xlsx and csv)


def run_pipeline(
    data_dir: Path, work_dir: Path, *, year: int, month: str, framework: Path, echo: bool = True
) -> PipelineResult:
    from medaid.analytics.binding import bind, compute_all
    from medaid.analytics.runs import verify
    from medaid.analytics.verification import Month
    from medaid.analytics.warning_push import push
    from medaid.evaluation import audit, load_framework
    from medaid.ingest.load import import_file
    from medaid.policy.params import default_policy
    from medaid.reports.ledger_xlsx import write_ledger

    say = click.echo if echo else (lambda *_a, **_k: None)
    workspace = Workspace.init(work_dir, region="示例县", year=year, framework=str(framework))
    result = PipelineResult(workspace)
    for kind, name in IMPORT_ORDER:
        path = data_dir / name
        if not path.exists():
            continue
        summary = import_file(workspace, kind, path)
        result.imported += summary.new
        result.rejected += summary.rejected
        say(f"  导入 {name}：新增 {summary.new}，不合格 {summary.rejected}")
    # the demo has no budget document: take the planned amounts to be those that arrived
    with workspace.connect(read_only=True) as con:
        planned = con.execute(
            "SELECT subject, sum(amount) FROM fund WHERE direction = '收入' AND subject NOT LIKE '%利息%' "
            "AND subject NOT LIKE '%上年%' AND subject NOT LIKE '%期初%' GROUP BY subject"
        ).fetchall()
    workspace.settings.budget_planned = {str(s): Decimal(int(v)) / 100 for s, v in planned}
    (work_dir / "medaid.yaml").write_text(workspace.settings.to_yaml(), encoding="utf-8")
    period = Month.parse(month)
    with workspace.connect() as con:
        run = verify(con, period, default_policy(period.last))
    result.findings = {k: v for k, v in run.counts.items() if v}
    result.ledger = write_ledger(run, workspace.ledgers_dir / f"核查台账-{run.month}.xlsx", region="示例县")
    say(f"  {run.month} 核查：当月结算 {run.settlements} 笔，发现 {len(run.rows)} 笔 {result.findings}")
    pushed = push(workspace, dt.date(year, 12, 31))
    result.warnings = len(pushed.new)
    result.push_lists = list(pushed.files)
    say(f"  高额费用预警：新推送 {result.warnings} 人")
    result.metrics = compute_all(workspace, year)  # every figure, for the report's 项目基本情况, computed once
    binding = bind(load_framework(framework), workspace, year, computed=result.metrics)
    report = audit(binding.framework)
    result.total, result.grade, result.audit = report.scored.total, report.scored.grade, report
    say(f"  由数据填入 {len(binding.bound)} 项指标；评价总分 {result.total} 分，等级 {result.grade}")
    return result
