"""The workspace's generated report files (``reports/``): made from the web, listed with their SHA-256,
and handed out only by a name that is one of them (a name is never joined to a path as given).

Generating uses the workbench's evaluation (computed with every metric, kept while nothing changed), so
the files say what the workbench shows; the drafts file is the one the workbench edits. Each generation
is an entry of the audit trail (报告生成) with the files' names and SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from medaid.errors import Location, MedaidError
from medaid.services.reports import FORMATS

REPORTS_DIR = "reports"
GENERATE_ACTION = "报告生成"
FORMAT_LABELS: dict[str, str] = {
    "docx": "Word 报告",
    "pdf": "PDF 报告",
    "html": "网页版报告",
    "xlsx": "Excel 评分表",
    "json": "JSON 数据",
}
MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
_generating = threading.Lock()  # one generation at a time: two would write the same files
_digests: dict[tuple[str, int, int], str] = {}  # (path, mtime, size) → SHA-256


@dataclass(frozen=True)
class ReportEntry:
    name: str
    format: str
    size: int
    modified: dt.datetime
    sha256: str
    path: Path = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self.format]

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "format": self.format, "label": self.label, "size": self.size,
                "modified": self.modified.isoformat(timespec="seconds"), "sha256": self.sha256,
                "download": f"/api/reports/files/{self.name}"}  # fmt: skip


def _sha256(path: Path, mtime: int, size: int) -> str:
    key = (str(path), mtime, size)
    if key not in _digests:
        digest = hashlib.sha256()
        with path.open("rb") as source:
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
        _digests[key] = digest.hexdigest()
    return _digests[key]


def list_reports(root: Path) -> list[ReportEntry]:
    """The report files in the workspace's reports folder, newest first (half-written files left out)."""
    from medaid.workspace import Workspace

    folder = Workspace.open(root).root / REPORTS_DIR
    found: list[ReportEntry] = []
    for path in folder.iterdir() if folder.is_dir() else ():
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS or path.name.startswith(".") or path.is_symlink() or not path.is_file():
            continue
        stat = path.stat()
        found.append(ReportEntry(path.name, fmt, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime),
                                 _sha256(path, stat.st_mtime_ns, stat.st_size), path))  # fmt: skip
    return sorted(found, key=lambda e: (e.modified, e.name), reverse=True)


def report_file(root: Path, name: str) -> ReportEntry | None:
    """The generated report called ``name`` exactly, or None (any other name: a folder, ``..``, a key file)."""
    return next((e for e in list_reports(root) if e.name == name), None)


@dataclass
class Generated:
    files: list[ReportEntry]
    total: Decimal | None
    grade: str | None
    reason: str
    errors: int

    def to_dict(self) -> dict[str, object]:
        return {"files": [f.to_dict() for f in self.files], "total": None if self.total is None else float(self.total),
                "grade": self.grade, "reason": self.reason, "errors": self.errors}  # fmt: skip


def generate_reports(root: Path, formats: Sequence[str], *, actor: str) -> Generated:
    """The workspace's report in each of ``formats`` (docx, pdf, html, xlsx, json), written to ``reports/``."""
    from medaid.services.common import workspace_key
    from medaid.services.drafts import report_stem
    from medaid.services.reports import generate_report_set
    from medaid.services.workbench import evaluation
    from medaid.store.app import session_for
    from medaid.store.audit_trail import append
    from medaid.workspace import Workspace

    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if not wanted or unknown:
        raise MedaidError(f"无法生成格式“{'、'.join(unknown)}”" if unknown else "没有选择要生成的格式",
                          where=Location(key="formats"), fix=f"可选：{'、'.join(FORMATS)}")  # fmt: skip
    workspace = Workspace.open(root)
    with _generating:
        found = evaluation(workspace.root)
        stem = report_stem(workspace, found.year)
        names = {fmt: f"{stem}.{fmt}" for fmt in wanted}
        made = generate_report_set(str(workspace.root), workspace.root / REPORTS_DIR, names, evaluation=found)
        entries = [e for e in list_reports(workspace.root) if e.name in set(names.values())]
    first = made[0]
    detail = {"year": found.year, "files": [{"name": e.name, "sha256": e.sha256} for e in entries],
              "total": None if first.total is None else str(first.total), "grade": first.grade}  # fmt: skip
    with session_for(workspace.root) as session:
        append(session, actor=actor, action=GENERATE_ACTION, workspace=workspace_key(workspace), detail=detail)
    return Generated(entries, first.total, first.grade, first.reason, first.errors)
