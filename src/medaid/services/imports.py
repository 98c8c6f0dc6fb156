"""Importing programme data files into a workspace (contract 3).

Every file tried is an entry of the audit trail, written once its import is committed (the data
store and the app database are two databases, so the entry follows the import rather than sharing
its transaction): 数据导入 (kind, file, SHA-256, rows read, accepted and rejected, import id) or,
for a file that could not be imported at all (nothing of it went in), 数据导入失败 (kind, file, why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.progress import SILENT, Progress
from medaid.services.common import actor_name, os_user

if TYPE_CHECKING:
    import duckdb

    from medaid.ingest.conflicts import Replacement
    from medaid.ingest.load import ImportSummary
    from medaid.workspace import Workspace

# Tables whose import changes the merged registry (就高不重复, ended at death).
REGISTRY_KINDS = ("recipients", "deaths")
IMPORT_ACTION, IMPORT_FAILED_ACTION = "数据导入", "数据导入失败"  # the audit trail's actions


@dataclass(frozen=True)
class FailedFile:
    """A file that could not be imported at all (nothing of it went in)."""

    kind: str
    file: str
    error: MedaidError

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "file": self.file} | self.error.to_dict()


@dataclass
class ImportResult:
    """Every file of the command, in order: imported (each all or nothing) or failed, with why."""

    outcomes: list[ImportSummary | FailedFile] = field(default_factory=list)

    @property
    def files(self) -> list[ImportSummary]:
        return [o for o in self.outcomes if not isinstance(o, FailedFile)]

    @property
    def failed(self) -> list[FailedFile]:
        return [o for o in self.outcomes if isinstance(o, FailedFile)]

    @property
    def exit_code(self) -> int:
        return 2 if self.failed else 0  # bad input: a file could not be read

    @property
    def rejected(self) -> int:
        return sum(s.rejected for s in self.files)

    @property
    def new(self) -> int:
        return sum(s.new for s in self.files)

    def to_dict(self) -> list[dict[str, object]]:
        return [o.to_dict() for o in self.outcomes]


def _snapshot(con: duckdb.DuckDBPyConnection, import_id: int, kind: str) -> None:
    """After recipients or deaths: the merged registry as of this import, in the same transaction; only
    the people of the rows the import added or changed are merged again (``load.CHANGED_PEOPLE``)."""
    if kind in REGISTRY_KINDS:
        from medaid.analytics.registry import snapshot
        from medaid.ingest.load import CHANGED_PEOPLE

        snapshot(con, import_id, CHANGED_PEOPLE)


def _replacement(replace: bool, reason: str | None) -> Replacement | None:
    """``--replace`` needs ``--reason`` (it is logged with the replaced versions), and the other way round."""
    from medaid.ingest.conflicts import Replacement

    text = (reason or "").strip()
    if replace and not text:
        raise MedaidError("替换已导入的结算须写明原因", where=Location(key="--reason"),
                          fix='请加 --reason "原因"（如：医保系统更正后重新导出），原因与原版本一同留档')  # fmt: skip
    if text and not replace:
        raise MedaidError("--reason 只与 --replace 一起使用", where=Location(key="--reason"),
                          fix="要替换与已导入版本不同的结算时请同时加 --replace；否则请去掉 --reason")  # fmt: skip
    return Replacement(text, os_user()) if replace else None


def _audit(workspace: Workspace, outcome: ImportSummary | FailedFile, key: str, actor: str) -> None:
    """The file's entry in the audit trail; ``key``: the workspace's id (``schema.workspace_id``)."""
    from medaid.store.app import session_for
    from medaid.store.audit_trail import append

    if isinstance(outcome, FailedFile):
        action = IMPORT_FAILED_ACTION
        detail: dict[str, object] = {"kind": outcome.kind, "file": outcome.file, "error": outcome.error.message}
    else:
        action = IMPORT_ACTION
        detail = {"kind": outcome.kind, "file": outcome.file, "sha256": outcome.sha256,
                  "import_id": outcome.import_id, "rows_read": outcome.rows_read,
                  "accepted": outcome.rows_read - outcome.rejected, "rejected": outcome.rejected,
                  "new": outcome.new, "changed": outcome.changed, "unchanged": outcome.unchanged}  # fmt: skip
    with session_for(workspace.root) as session:
        append(session, actor=actor, action=action, workspace=key, detail=detail | {"os_user": os_user()})


def import_files(
    root: Path,
    kind: str,
    files: Sequence[Path],
    *,
    sheet: str | None = None,
    replace: bool = False,
    reason: str | None = None,
    progress: Progress = SILENT,
    actor: str | None = None,
) -> ImportResult:
    """Import files of one kind, in order. Each file is all or nothing (good rows in, bad rows to
    rejects/ with their reason); every file is tried, and the result says of each what happened.

    ``sheet``: the sheet to read from each workbook. ``replace`` with ``reason``: settlements stored
    with another person or amounts are replaced (the old versions kept, with the reason and the OS
    user) instead of rejected as conflicts. ``actor``: the account importing (default: the OS user),
    named in each file's audit-trail entry.
    """
    from medaid.ingest.load import load_file, table_for
    from medaid.store.schema import workspace_id
    from medaid.workspace import Workspace

    table = table_for(kind)  # an unknown kind is refused before anything is read
    replacement = _replacement(replace, reason)
    workspace = Workspace.open(root)
    workspace.key()  # and a wrong key before any file is read or anything written
    with workspace.connect(read_only=True) as con:
        key = workspace_id(con)  # named in every file's audit-trail entry
    result, who = ImportResult(), actor_name(actor)
    for path in map(Path, files):
        outcome: ImportSummary | FailedFile
        try:
            outcome = load_file(workspace, kind, path, sheet=sheet, replacement=replacement, after_load=_snapshot,
                                progress=progress)  # fmt: skip
        except MedaidError as err:  # this file is not in; the next ones are still tried
            outcome = FailedFile(table.kind, path.name, err)
        result.outcomes.append(outcome)
        _audit(workspace, outcome, key, who)
    return result


def import_file(
    root: Path,
    kind: str,
    path: Path,
    *,
    sheet: str | None = None,
    replace: bool = False,
    reason: str | None = None,
    progress: Progress = SILENT,
    actor: str | None = None,
) -> ImportSummary:
    """Import one file (see :func:`import_files`); the error of a file that cannot be read is raised."""
    outcome = import_files(root, kind, [path], sheet=sheet, replace=replace, reason=reason, progress=progress,
                           actor=actor).outcomes[0]  # fmt: skip
    if isinstance(outcome, FailedFile):
        raise outcome.error
    return outcome
