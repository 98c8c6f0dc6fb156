"""Importing programme data files into a workspace (contract 3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import InputFileError, Location, MedaidError
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
    for path in map(Path, files):  # and a missing file before any other is loaded
        if not path.is_file():
            raise InputFileError("文件不存在" if not path.exists() else "这不是文件", where=Location(file=str(path)),
                                 fix="请检查路径；本次没有导入任何文件")  # fmt: skip
    workspace = Workspace.open(root)
    result = ImportResult()
    for path in map(Path, files):
        try:
            result.files.append(load_file(workspace, kind, path, after_load=_snapshot, progress=progress))
        except MedaidError as err:
            if result.files:  # each file is its own transaction: say what is already in
                done = "、".join(s.file for s in result.files)
                err.fix = (err.fix + "。" if err.fix else "") + f"此前的文件已导入：{done}；改正后只需重新导入其余文件"
            raise
    return result


def import_file(root: Path, kind: str, path: Path, *, progress: Progress = SILENT) -> ImportSummary:
    """Import one file (see :func:`import_files`)."""
    return import_files(root, kind, [path], progress=progress).files[0]
