"""The demo: a fictional county generated and run through the whole pipeline, and the shipped
transcriptions of the five real reports audited. Also the data generator on its own.

The pipeline is the sequence of services a county's team runs in a year: init → import →
verify → warnings (each push day) → 依申请救助 cases and 回访 → evaluate → report. Tests and benchmarks
call it too.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.progress import SILENT, Progress

if TYPE_CHECKING:
    from medaid.demo.generate import Manifest
    from medaid.evaluation import AuditReport, ScoredFramework
    from medaid.services.evaluation import Evaluation

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
DEMO_REGION = "示例县"
DEMO_QUESTIONNAIRE = "generic"  # the Liucheng questions without a place name (survey/templates/generic.yaml)
COUNTY_FRAMEWORK = "examples/county_2023_financial"
REPORT_FILES = {"docx": "评价报告.docx", "pdf": "评价报告.pdf", "xlsx": "评分表.xlsx"}


def generate_data(
    directory: Path, scale: str | int = "county", *, seed: int = 2023, year: int = 2023, policy: Path | None = None,
    progress: Progress = SILENT,
) -> Manifest:  # fmt: skip
    """Fictional programme data files, paid by the policy engine, with known anomalies and bad rows."""
    from medaid.demo.generate import generate, size_of
    from medaid.errors import Location, MedaidError

    try:
        size_of(scale)
    except ValueError as err:
        raise MedaidError(str(err), where=Location(key="--scale"), fix="如 --scale county 或 --scale 20000") from err
    from medaid.demo.survey import write_survey
    from medaid.survey.model import load_questionnaire, template

    with progress.task(f"生成演示数据（{scale}）", total=None):
        manifest = generate(directory, scale, seed=seed, year=year, policy=policy)
        form = load_questionnaire(template(DEMO_QUESTIONNAIRE))
        write_survey(directory, seed, year, [(q.number, q.text, q.kind, q.options) for q in form.questions])
        return manifest


@dataclass
class ImportLine:
    file: str
    new: int
    rejected: int


@dataclass
class PipelineResult:
    root: Path
    imports: list[ImportLine] = field(default_factory=list)
    month: str = ""
    settlements_verified: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    ledger: Path | None = None
    warnings: int = 0
    push_lists: list[Path] = field(default_factory=list)  # 预警推送名单 of the last push: xlsx and csv per department
    pushes: int = 0  # push days of the year
    warnings_followed: int = 0  # warnings the department recorded as 已认定 or 未认定
    cases_imported: int = 0  # 依申请救助 cases of the year's 台账
    cases_rejected: int = 0
    cases_from_warnings: int = 0
    visits_planned: int = 0
    visits_done: int = 0
    evaluation: Evaluation | None = None

    @property
    def imported(self) -> int:
        return sum(i.new for i in self.imports)

    @property
    def rejected(self) -> int:
        return sum(i.rejected for i in self.imports)

    @property
    def audit(self) -> AuditReport | None:
        return None if self.evaluation is None else self.evaluation.report

    @property
    def total(self) -> Decimal | None:
        return None if self.audit is None else self.audit.scored.total

    @property
    def grade(self) -> str | None:
        return None if self.audit is None else self.audit.scored.grade


def _enter_budget(root: Path, data_dir: Path) -> None:
    """The budget document's planned grants into medaid.yaml (budget.planned), as a clerk enters them."""
    import yaml

    from medaid.demo.generate import BUDGET_FILE
    from medaid.money import yuan
    from medaid.workspace import SETTINGS_FILE, Workspace

    path = data_dir / BUDGET_FILE
    if not path.exists():
        return
    planned = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("planned") or {}
    workspace = Workspace.open(root)
    workspace.settings.budget_planned = {str(k): yuan(v) for k, v in planned.items()}
    (root / SETTINGS_FILE).write_text(workspace.settings.to_yaml(), encoding="utf-8")


DEMO_EVALUATOR = "演示评价人员"
JUDGMENTS_FILE = "judgments.yaml"  # in medaid.demo: the fictional evaluator's judgments, each with its reason


def demo_judgments() -> list[tuple[str, str, str]]:
    """(indicator path, score, reason) of the demo evaluator, as `medaid judge` would record them."""
    from importlib.resources import files

    import yaml

    entries = yaml.safe_load(files("medaid.demo").joinpath(JUDGMENTS_FILE).read_text(encoding="utf-8"))
    return [(str(e["指标"]), str(e["得分"]), str(e["理由"])) for e in entries]


def _describe_project(root: Path) -> None:
    """The report cover's particulars, as `medaid init` options would set them."""
    from medaid.settings import DEFAULT_PROJECT
    from medaid.workspace import SETTINGS_FILE, Workspace

    workspace = Workspace.open(root)
    workspace.settings.report = {"project": DEFAULT_PROJECT, "project_type": "社保基金", "unit": "示例县医疗保障局",
                                 "department": "示例县医疗保障局", "organiser": "示例评价机构（虚构）"}  # fmt: skip
    (root / SETTINGS_FILE).write_text(workspace.settings.to_yaml(), encoding="utf-8")


def run_pipeline(
    data_dir: Path, work_dir: Path, *, year: int, month: str, framework: str, progress: Progress = SILENT
) -> PipelineResult:
    """A year of a county: init, import every file, verify a month, push warnings, evaluate with every metric."""
    from medaid.demo.survey import SENT as SURVEY_SENT
    from medaid.demo.survey import SURVEY_FILE
    from medaid.services.evaluation import evaluate_workspace
    from medaid.services.imports import import_files
    from medaid.services.judgments import judge
    from medaid.services.survey import store_survey
    from medaid.services.verification import export_ledger, verify_month
    from medaid.services.workspaces import init_workspace

    root = init_workspace(work_dir, region=DEMO_REGION, year=year, framework=framework).root
    result = PipelineResult(root)
    for kind, name in IMPORT_ORDER:
        path = data_dir / name
        if path.exists():
            summary = import_files(root, kind, [path], progress=progress).files[0]
            result.imports.append(ImportLine(name, summary.new, summary.rejected))
    _enter_budget(root, data_dir)
    _describe_project(root)
    for m in range(1, int(month[5:7])):  # the months before: each verified as the clerk does monthly
        verify_month(root, f"{year}-{m:02d}", progress=progress)
    ledger = export_ledger(root, month, out=root / "ledgers" / f"核查台账-{month}.xlsx", progress=progress)
    result.month, result.ledger = ledger.run.month, ledger.path
    result.settlements_verified = ledger.run.settlements
    result.findings = {k: v for k, v in ledger.run.counts.items() if v}
    from medaid.services.demo_cases import cases_and_visits, push_through_the_year

    push_through_the_year(root, year, result)
    cases_and_visits(root, data_dir, year, result)
    survey = data_dir / SURVEY_FILE
    if survey.exists():
        store_survey(root, survey, year=year, questionnaire=DEMO_QUESTIONNAIRE, sent=SURVEY_SENT)
    if framework == COUNTY_FRAMEWORK:
        for indicator, score, reason in demo_judgments():
            judge(root, indicator, score=score, reason=reason, actor=DEMO_EVALUATOR, year=year)
    result.evaluation = evaluate_workspace(root, year=year, all_metrics=True, progress=progress)
    return result


def county_reports(folder: Path, county: PipelineResult, *, progress: Progress = SILENT) -> Path:
    """The county's report in Word and PDF and its 评分表 workbook, with the ledger and push lists beside them."""
    from medaid.services.reports import generate_report_set

    generate_report_set(str(county.root), folder, REPORT_FILES, evaluation=county.evaluation, progress=progress)
    for ledger in [county.ledger, *county.push_lists]:  # 核查台账 and the 预警推送名单 of each department
        if ledger is not None and ledger.suffix == ".xlsx":
            shutil.copy2(ledger, folder / ledger.name)
    return folder


@dataclass
class SeedAudit:
    id: str
    report: AuditReport
    claimed_total: object
    claimed_grade: object


@dataclass(frozen=True)
class DemoAccount:
    """A web account of the demo county; its password is shown once, by ``medaid demo``, and kept nowhere."""

    name: str
    role: str
    password: str
    department: str | None = None


# one account per role; the department account is 民政's (the department that recognises most warnings)
DEMO_ACCOUNTS: tuple[tuple[str, str, str | None], ...] = (
    ("演示管理员", "admin", None),
    ("演示经办", "clerk", None),
    ("演示评价", "evaluator", None),
    ("演示财政", "finance", None),
    ("演示民政", "department", "民政"),
)


def _demo_password() -> str:
    """Twelve random characters of four kinds (the password rule needs three)."""
    import secrets

    return f"Md{secrets.token_hex(4)}-{secrets.randbelow(90) + 10}"


def demo_accounts(root: Path) -> list[DemoAccount]:
    """One web account per role on the demo county, each with a fresh random password."""
    from medaid.services.accounts import add_account

    made = []
    for name, role, department in DEMO_ACCOUNTS:
        password = _demo_password()
        add_account(root, name, role, password=password, department=department, actor="medaid 演示")
        made.append(DemoAccount(name, role, password, department))
    return made


@dataclass
class DemoResult:
    out: Path
    seeds: list[SeedAudit]
    example: ScoredFramework
    county: PipelineResult
    reports: Path
    accounts: list[DemoAccount] = field(default_factory=list)


def run_demo(out: Path, *, progress: Progress = SILENT) -> DemoResult:
    """Audit the five seed transcriptions, score the example table, and run a generated county end to end."""

    from medaid.evaluation import audit, audit_dict, load_framework, score_framework, scored_dict
    from medaid.evaluation.catalog import entries, resolve

    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    for entry in entries():
        if entry.group == "seeds":
            report = audit(load_framework(entry.path))
            (out / f"audit-{entry.path.stem}.json").write_text(
                json.dumps(audit_dict(report), ensure_ascii=False, indent=2), encoding="utf-8"
            )
            seeds.append(SeedAudit(entry.path.stem, report, entry.claimed_total, entry.claimed_grade))
    example = score_framework(load_framework(resolve(COUNTY_FRAMEWORK)))
    (out / "score-county_2023_financial.json").write_text(
        json.dumps(scored_dict(example), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    root = out / "county"
    if root.exists():
        shutil.rmtree(root)  # the demo's own output from an earlier run
    generate_data(root / "data", "county", seed=2023, year=2023, progress=progress)
    county = run_pipeline(root / "data", root / "workspace", year=2023, month="2023-12",
                          framework=COUNTY_FRAMEWORK, progress=progress)  # fmt: skip
    reports = county_reports(root / "reports", county, progress=progress)
    return DemoResult(out, seeds, example, county, reports, demo_accounts(county.root))
