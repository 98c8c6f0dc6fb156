"""Importing programme data files into a workspace (contract 3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.progress import SILENT, Progress

if TYPE_CHECKING:
    import duckdb

    from medaid.ingest.load import ImportSummary

# Tables whose import changes the merged registry (就高不重复, ended at death).
REGISTRY_KINDS = ("recipients", "deaths")


@dataclass
class ImportResult:
    files: list[ImportSummary] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(s.rejected for s in self.files)

    @property
    def new(self) -> int:
        return sum(s.new for s in self.files)

    def to_dict(self) -> list[dict[str, object]]:
        return [s.to_dict() for s in self.files]


def _snapshot(con: duckdb.DuckDBPyConnection, import_id: int, kind: str) -> None:
    """After recipients or deaths: the merged registry as of this import, in the same transaction."""
    if kind in REGISTRY_KINDS:
        from medaid.analytics.registry import snapshot

        snapshot(con, import_id)


def import_files(root: Path, kind: str, files: Sequence[Path], *, progress: Progress = SILENT) -> ImportResult:
    """Import files of one kind, in order; good rows go in, bad rows to rejects/ with their reason."""
    from medaid.ingest.load import load_file, table_for
    from medaid.workspace import Workspace

    table_for(kind)  # an unknown kind is refused before anything is read
    workspace = Workspace.open(root)
    result = ImportResult()
    for path in files:
        result.files.append(load_file(workspace, kind, Path(path), after_load=_snapshot, progress=progress))
    return result


def import_file(root: Path, kind: str, path: Path, *, progress: Progress = SILENT) -> ImportSummary:
    """Import one file (see :func:`import_files`)."""
    return import_files(root, kind, [path], progress=progress).files[0]
