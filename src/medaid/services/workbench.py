"""The evaluator's workbench (评价工作台): the workspace's evaluation as rows of its indicator tree, each
score with where it came from (the data, the survey, an evaluator, or still pending), the audit's
findings, and judgments recorded from the web with their uploaded evidence.

An evaluation takes seconds (every metric is computed, as a report needs them), and pages are read far
more often than the data change: the evaluation is kept until the store, the settings, the kept surveys
or the judgments change.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from medaid.errors import MedaidError

if TYPE_CHECKING:
    from medaid.services.drafts import Drafts
    from medaid.services.evaluation import Evaluation
    from medaid.services.judgments import JudgmentList, JudgmentResult

SURVEY_METRICS = ("satisfaction_rate", "policy_awareness_rate")  # filled by the survey (survey/indicators.py)
ORIGINS: dict[str, str] = {
    "data": "数据计算",
    "survey": "问卷调查",
    "judged": "评价人员评分",
    "override": "评价人员调整",
    "pending": "待评价人员评分",
    "rule": "按评分标准",
    "stated": "填报得分",
    "sum": "下级合计",
    "missing": "缺少得分",
}
SEVERITY_LABELS = {"error": "错误", "warning": "提示", "info": "说明"}
CLI_HINT = "。用 medaid judge"  # how a pending finding's message ends (evaluation/judged_checks.py)
MAX_NAME = 120  # characters of an evidence file's name kept


@dataclass(frozen=True)
class Row:
    """One indicator of the tree, as the page shows it (numbers from the evaluation's JSON)."""

    path: tuple[str, ...]
    weight: float | None
    score: float | None
    rate: float | None
    source: str  # a key of ORIGINS
    reason: str
    leaf: bool
    target: str = ""
    actual: str = ""
    rule: str = ""
    basis: str = ""  # the metric or survey behind the actual
    allowed: tuple[float, float] | None = None  # what the rule leaves to an evaluator
    judgment: dict[str, object] | None = None
    automatic: float | None = None  # the rule's score that a judgment overrides

    @property
    def level(self) -> int:
        return len(self.path)

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def key(self) -> str:
        """The path as the judge service reads it."""
        return "/".join(self.path)

    @property
    def anchor(self) -> str:
        """The row's id in the page (names may hold spaces and any punctuation)."""
        return "ind-" + hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:12]

    @property
    def origin(self) -> str:
        return ORIGINS.get(self.source, self.source)

    @property
    def pending(self) -> bool:
        return self.source == "pending"

    def to_dict(self) -> dict[str, object]:
        return {"path": list(self.path), "level": self.level, "weight": self.weight, "score": self.score,
                "rate": self.rate, "source": self.source, "origin": self.origin, "reason": self.reason,
                "leaf": self.leaf, "target": self.target, "actual": self.actual, "rule": self.rule,
                "basis": self.basis, "allowed": list(self.allowed) if self.allowed else None,
                "judgment": self.judgment, "automatic": self.automatic}  # fmt: skip


@dataclass
class Workbench:
    """The page's view of an evaluation (``error``: why there is none, e.g. no framework set)."""

    evaluation: Evaluation | None
    data: dict[str, object] = field(default_factory=dict)  # evaluation.to_dict(): the JSON twin
    rows: list[Row] = field(default_factory=list)
    findings: list[dict[str, object]] = field(default_factory=list)
    drafts: Drafts | None = None
    history: JudgmentList | None = None  # every judgment of the year, oldest first
    error: str | None = None

    @property
    def pending(self) -> list[Row]:
        return [r for r in self.rows if r.pending]

    @property
    def total_weight(self) -> float:
        return sum(r.weight or 0 for r in self.rows if r.level == 1)

    @property
    def bands(self) -> list[tuple[str, str]]:
        """Each grade and its range of the total, highest first: (优, 90 分（含）以上)."""
        given: list[dict[str, float]] = self.data.get("bands") or []  # type: ignore[assignment]
        bands = sorted(given, key=lambda b: -float(b["min"]))
        lows = [f"{float(b['min']):g}" for b in bands]
        out: list[tuple[str, str]] = []
        for i, band in enumerate(bands):
            span = f"{lows[i]} 分（含）以上" if i == 0 else f"{lows[i]}（含）– {lows[i - 1]} 分"
            out.append((str(band["grade"]), span))
        return out


def evaluation(root: Path, *, year: int | None = None, fresh: bool = False) -> Evaluation:
    """The workspace evaluated with every metric (as a report needs them), kept while its data are the same
    (services.state); ``fresh``: evaluate again whatever the state (the workbench's 重新计分)."""
    from medaid.services.evaluation import evaluate_workspace
    from medaid.services.state import cached

    return cached(root, "evaluation", year, lambda: evaluate_workspace(root, year=year, all_metrics=True),
                  refresh=fresh)  # fmt: skip


def _text(quantity: object) -> str:
    return str(quantity.get("text", "")) if isinstance(quantity, dict) else ""


def _rule(node: dict[str, object]) -> str:
    rule = node.get("rule")
    if not isinstance(rule, dict):
        return ""
    return str(rule.get("text") or rule.get("label") or "")


def _rows(nodes: object, bound: dict[tuple[str, ...], str], labels: dict[str, str]) -> list[Row]:
    out: list[Row] = []
    for node in nodes if isinstance(nodes, list) else []:
        path = tuple(str(p) for p in node["path"])
        children = node.get("children")
        source, basis = str(node["source"]), ""
        metric = node.get("metric")
        if not children and isinstance(metric, str) and node.get("actual") is not None:
            if metric in SURVEY_METRICS:
                basis = str(node.get("note") or "满意度调查")
                source = "survey" if source == "rule" else source
            elif path in bound:
                basis = f"{labels.get(metric, metric)}：{bound[path]}"
                source = "data" if source == "rule" else source
        allowed = node.get("allowed")
        out.append(Row(path, node.get("weight"), node.get("score"), node.get("rate"), source, str(node["reason"]),
                       not children, _text(node.get("target")), _text(node.get("actual")), _rule(node), basis,
                       (allowed[0], allowed[1]) if isinstance(allowed, list) else None, node.get("judgment"),
                       node.get("automatic_score")))  # fmt: skip
        out += _rows(children, bound, labels)
    return out


def _finding(found: dict[str, object]) -> dict[str, object]:
    """A finding as the page shows it: its severity in words; a pending one says where to score it here
    (its message names the command of the CLI)."""
    text = str(found["message"])
    if found["kind"] == "pending" and CLI_HINT in text:
        text = text[: text.index(CLI_HINT)] + "。请在本页“指标体系与得分”表中评分。"
    return found | {"severity_label": SEVERITY_LABELS.get(str(found["severity"]), found["severity"]), "text": text}


def workbench(root: Path, *, year: int | None = None) -> Workbench:
    """The workbench of the workspace's year (or ``year``): its indicator rows, total, grade and findings,
    the report's draft text and every judgment recorded."""
    from medaid.services.drafts import read_drafts
    from medaid.services.judgments import list_judgments

    try:
        found = evaluation(root, year=year)
    except MedaidError as err:
        return Workbench(None, error=err.message)
    data = found.to_dict()
    bound = {tuple(b["path"]): str(b["actual"]) for b in data["bound"]}  # type: ignore[attr-defined]
    labels = {str(m["name"]): str(m["label"]) for m in data["metrics"]}  # type: ignore[attr-defined]
    findings = [_finding(f) for f in data["audit"]["findings"]]  # type: ignore[index]
    return Workbench(
        found,
        data,
        _rows(data["indicators"], bound, labels),
        findings,
        read_drafts(root, evaluation=found),
        list_judgments(root, year=found.year, history=True),
    )


# --- judgments with evidence uploaded through the web ------------------------------------------


@dataclass(frozen=True)
class Upload:
    """A file sent with a form: its name as the user's computer called it, and its content."""

    name: str
    content: BinaryIO


def safe_name(name: str) -> str:
    """A file name that is only a name: no folders, no control characters, not hidden, not too long."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:MAX_NAME]
    return base or "佐证材料"


def judge_with_uploads(root: Path, path: str, *, score: str, reason: str, uploads: Sequence[Upload],
                       actor: str) -> JudgmentResult:  # fmt: skip
    """Record an evaluator's score of one indicator with the evidence files a browser sent: each is written
    to a private folder of the workspace (owner-only) under its own name, kept by ``judge`` with its
    SHA-256, and the private copies removed whatever happens."""
    from medaid.services.judgments import judge
    from medaid.workspace import Workspace

    folder = Workspace.open(root).scratch() / f"evidence-{secrets.token_hex(8)}"
    folder.mkdir(mode=0o700)
    try:
        files: list[Path] = []
        for i, upload in enumerate(uploads):
            name = safe_name(upload.name)
            place = folder / str(i)  # two files of one name stay two files
            place.mkdir(mode=0o700)
            target = place / name
            with target.open("wb") as out:
                shutil.copyfileobj(upload.content, out)
            target.chmod(0o600)
            files.append(target)
        return judge(root, path, score=score, reason=reason, evidence=files, actor=actor)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
