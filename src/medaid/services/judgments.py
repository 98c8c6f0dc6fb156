"""Judged scores: an evaluator scores an indicator that needs judgment, or overrides an
automatic score, always with a reason, optionally with evidence files kept in the workspace
with their SHA-256. Stored in the app database (who, when, why); ``evaluate`` and ``report``
apply the latest judgment of each indicator.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError

if TYPE_CHECKING:
    from medaid.store.judgments import EvidenceFile, JudgmentRecord

EVIDENCE_DIR = "evidence"
SCORE_PLACES = Decimal("0.01")  # as the app database keeps them (Numeric(10, 2)) and reports print them


class JudgeError(MedaidError):
    """A judged score cannot be recorded as given."""


@dataclass
class JudgmentResult:
    record: JudgmentRecord
    weight: Decimal | None
    replaced: JudgmentRecord | None = None  # the judgment it supersedes, if any

    def to_dict(self) -> dict[str, object]:
        return self.record.to_dict() | {
            "weight": None if self.weight is None else float(self.weight),
            "replaces": None if self.replaced is None else self.replaced.id,
        }


@dataclass
class JudgmentList:
    year: int
    judgments: list[JudgmentRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"year": self.year, "judgments": [j.to_dict() for j in self.judgments]}


def _score(text: str | Decimal) -> Decimal:
    from medaid.evaluation.numbers import to_decimal

    value = to_decimal(text)
    if value is None:
        raise JudgeError(f"得分“{text}”不是数字", where=Location(key="--score"), fix="请写数字，如 --score 4.5")
    if value != value.quantize(SCORE_PLACES):  # scores are kept, shown and added with two decimals
        raise JudgeError(f"得分“{text}”超过两位小数", where=Location(key="--score"), fix="请写到分的百分位，如 4.55")
    return value


def _keep(workspace_root: Path, files: Sequence[Path]) -> list[EvidenceFile]:
    """Copy each evidence file into DIR/evidence/<sha256>/<name> (owner-only); same content kept once."""
    from medaid.store.judgments import EvidenceFile

    kept: list[EvidenceFile] = []
    for source in files:
        path = Path(source)
        if not path.is_file():
            raise JudgeError("佐证材料文件不存在", where=Location(file=str(path)), fix="请检查 --evidence 的路径")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        folder = workspace_root / EVIDENCE_DIR / digest
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = folder / path.name
        if not target.exists():
            temp = folder / f".{path.name}.part"
            shutil.copyfile(path, temp)
            temp.chmod(0o600)
            temp.replace(target)
        kept.append(EvidenceFile(path.name, target.relative_to(workspace_root).as_posix(), digest, path.stat().st_size))
    return kept


def judge(
    root: Path,
    path: str | Sequence[str],
    *,
    score: str | Decimal,
    reason: str,
    evidence: Sequence[Path] = (),
    actor: str | None = None,
    framework: str | None = None,
    year: int | None = None,
) -> JudgmentResult:
    """Record an evaluator's score of one indicator (leaf) of the workspace's framework."""
    from medaid.evaluation import load_framework
    from medaid.evaluation.catalog import resolve
    from medaid.evaluation.judging import check_judgment, parse_path
    from medaid.services.common import actor_name, workspace_key
    from medaid.services.evaluation import framework_ref
    from medaid.services.workspaces import year_of
    from medaid.store.app import session_for
    from medaid.store.judgments import current, record
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    why = " ".join(reason.split())
    if not why:
        raise JudgeError(
            "缺少评分理由", where=Location(key="--reason"), fix="请用 --reason 写明给分（或调整得分）的理由"
        )
    steps = parse_path(path) if isinstance(path, str) else tuple(path)
    value = _score(score)
    indicator = check_judgment(load_framework(resolve(framework_ref(workspace, framework))), steps, value)
    files = _keep(workspace.root, evidence)
    key = workspace_key(workspace)
    with session_for(workspace.root) as session:
        before = current(session, key, chosen).get(indicator.path)
        stored = record(session, workspace=key, year=chosen, path=indicator.path, score=value, reason=why,
                        actor=actor_name(actor), evidence=files)  # fmt: skip
    return JudgmentResult(stored, indicator.weight, before)


def list_judgments(root: Path, *, year: int | None = None, history: bool = False) -> JudgmentList:
    """The judgments in force (or every one, oldest first, with ``history``)."""
    from medaid.services.common import workspace_key
    from medaid.services.workspaces import year_of
    from medaid.store import judgments
    from medaid.store.app import session_for
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    key = workspace_key(workspace)
    with session_for(workspace.root) as session:
        found = (
            judgments.history(session, key, chosen)
            if history
            else list(judgments.current(session, key, chosen).values())
        )
    return JudgmentList(chosen, found)


APP_FILE = "app.sqlite"  # as medaid.store.app (not imported here: it imports SQLAlchemy)
ENV_URL = "MEDAID_APP_URL"


def none_judged(root: Path, year: int) -> bool:
    """True when the workspace's own SQLite app database holds no judgment of ``year`` at all (so none of
    this workspace): read with the standard library, so a report of a workspace nobody judged does not
    import SQLAlchemy (nor open the store for the workspace's key).

    False whenever that cannot be told so cheaply — the app database is a server's (``MEDAID_APP_URL``,
    or a server of this process started with another), it does not exist yet (the ordinary path creates
    it), or it cannot be read as expected (an older schema: the ordinary path migrates it first)."""
    import sqlite3
    import sys
    from contextlib import closing

    from medaid.environment import environment

    file = root / APP_FILE
    store = sys.modules.get("medaid.store.app")  # loaded: asking it which database is free
    if store is not None:
        if store.url_for(root) != store.default_url(root):
            return False
    elif environment(only=(ENV_URL,)).app_url:
        return False
    if not file.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)) as con:
            found = con.execute("SELECT 1 FROM judgments WHERE year = ? LIMIT 1", (year,))
            return found.fetchone() is None
    except sqlite3.Error:
        return False
