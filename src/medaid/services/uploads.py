"""Importing a file uploaded in the browser (数据导入页, ``POST /api/imports``).

The upload is written, as it arrives, to a private file inside the workspace's scratch directory
(owner-only, never ``$TMPDIR``; removed when the request ends, and by the next process after a
crash), under the name the user's computer gave it, so that the imports list, the audit trail and
the rejects file name the file as the user knows it. Its type is checked by extension and by
content (CSV/TXT: UTF-8, GBK/GB18030 or UTF-16 text; XLSX: a zip holding the workbook parts; XLS
refused with the fix), then it is imported exactly as ``medaid import`` imports it
(``services.imports.import_files``, zip-bomb guard included), in the name of the signed-in account.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import secrets
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

from medaid.errors import InputFileError, Location, MedaidError

TEXT_SUFFIXES = frozenset({".csv", ".txt"})
SUFFIXES = TEXT_SUFFIXES | {".xlsx"}
SAMPLE = 64 << 10  # bytes looked at to tell text from anything else
SHOWN_REJECTS = 20  # rejected rows shown on the page (all of them are in the rejects file)
NAME_LENGTH = 120
KIND_ORDER = ("institutions", "recipients", "deaths", "settlements", "subsidies", "fund")  # the order to import
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass(frozen=True)
class UploadKind:
    """A table of contract 3 as the upload page offers it."""

    kind: str
    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "label": self.label, "required": list(self.required),
                "optional": list(self.optional)}  # fmt: skip


def upload_kinds() -> list[UploadKind]:
    from medaid.ingest.columns import TABLES

    tables = [TABLES[k] for k in KIND_ORDER if k in TABLES]
    return [UploadKind(t.kind, t.label, tuple(c.label for c in t.columns if c.required),
                       tuple(c.label for c in t.columns if not c.required)) for t in tables]  # fmt: skip


@dataclass(frozen=True)
class ImportLine:
    """One import of the workspace, as the imports table keeps it."""

    import_id: int
    kind: str
    label: str
    file: str
    rows_read: int
    new: int
    changed: int
    unchanged: int
    rejected: int
    imported_at: str
    has_rejects: bool

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class ImportsOverview:
    kinds: list[UploadKind] = field(default_factory=list)
    imports: list[ImportLine] = field(default_factory=list)  # latest first

    def to_dict(self) -> dict[str, object]:
        return {"kinds": [k.to_dict() for k in self.kinds], "imports": [i.to_dict() for i in self.imports]}


def _rejects_path(root: Path, import_id: int) -> Path | None:
    from medaid.workspace import Workspace

    folder = Workspace.open(root).rejects_dir
    found = sorted(folder.glob(f"{import_id}-*.csv")) if folder.is_dir() else []
    return found[0] if found else None


def imports_overview(root: Path) -> ImportsOverview:
    """What can be imported, and every import so far (latest first)."""
    from medaid.ingest.columns import TABLES
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    with workspace.connect(read_only=True) as con:
        rows = con.execute("SELECT import_id, kind, file_name, rows_read, rows_new, rows_changed, rows_unchanged, "
                           "rows_rejected, imported_at FROM imports ORDER BY import_id DESC").fetchall()  # fmt: skip
    folder = workspace.rejects_dir
    kept = {p.name.split("-", 1)[0] for p in folder.glob("*.csv")} if folder.is_dir() else set()
    lines = [ImportLine(int(i), str(k), TABLES[k].label if k in TABLES else str(k), str(f), int(r), int(n), int(c),
                        int(u), int(x), at.strftime("%Y-%m-%d %H:%M"), str(i) in kept)
             for i, k, f, r, n, c, u, x, at in rows]  # fmt: skip
    return ImportsOverview(upload_kinds(), lines)


def rejects_file(root: Path, import_id: int) -> Path | None:
    """The rejects file an import wrote (file, row, column, value masked, reason), None when it has none."""
    return _rejects_path(root, import_id)


@dataclass(frozen=True)
class RejectedRow:
    row: str
    column: str
    value: str  # as the rejects file has it: 身份证号 and names masked
    reason: str


@dataclass
class UploadReport:
    """What became of an uploaded file: counts, the rejected rows by column, and its rejects file."""

    kind: str
    label: str
    file: str
    rows_read: int
    new: int
    changed: int
    unchanged: int
    rejected: int
    conflicts: int
    import_id: int | None
    has_rejects: bool
    notes: list[str] = field(default_factory=list)
    by_column: dict[str, int] = field(default_factory=dict)
    first_rejects: list[RejectedRow] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.rows_read - self.rejected

    def to_dict(self) -> dict[str, object]:
        out = {k: v for k, v in self.__dict__.items() if k != "first_rejects"}
        rejects = f"/api/imports/{self.import_id}/rejects" if self.has_rejects and self.import_id else None
        return out | {"accepted": self.accepted, "rejects_url": rejects,
                      "first_rejects": [r.__dict__ for r in self.first_rejects]}  # fmt: skip


def _read_rejects(path: Path | None) -> tuple[dict[str, int], list[RejectedRow]]:
    if path is None or not path.is_file():
        return {}, []
    columns: Counter[str] = Counter()
    first: list[RejectedRow] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for cells in csv.DictReader(handle):
            column = cells.get("列") or "（整行）"
            columns[column] += 1
            if len(first) < SHOWN_REJECTS:
                first.append(RejectedRow(cells.get("行号", ""), column, cells.get("值", ""), cells.get("原因", "")))
    return dict(columns.most_common()), first


def _clean_name(given: str | None) -> str:
    """The file's own name (no folders, no control characters), as the user's computer gave it."""
    name = _UNSAFE.sub("_", (given or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if not name:
        raise MedaidError("请选择要上传的文件", where=Location(key="file"), fix="点击“选择文件”选一个 CSV 或 XLSX 文件")
    suffix = Path(name).suffix
    return name[: len(name) - len(suffix)][: NAME_LENGTH - len(suffix)] + suffix.lower()


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\0" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)  # a character cut at the end is fine
            return True
        except UnicodeDecodeError:
            continue
    return False


def _check_type(path: Path, name: str) -> None:
    """Extension AND content: a file is imported only when it is what its name says."""
    from medaid.ingest.archive_guard import check_ooxml

    suffix = Path(name).suffix.lower()
    where = Location(file=name)
    if suffix == ".xls":
        raise InputFileError("不接受旧版 Excel 文件（.xls）", where=where,
                             fix="请用 Excel 打开后“另存为”Excel 工作簿（.xlsx）或 CSV（UTF-8）再上传")  # fmt: skip
    if suffix not in SUFFIXES:
        raise InputFileError(f"不接受扩展名为“{suffix or '（无）'}”的文件", where=where,
                             fix="请上传 CSV（.csv、.txt，UTF-8 或 GBK 编码）或 Excel 工作簿（.xlsx）")  # fmt: skip
    with path.open("rb") as handle:
        head = handle.read(SAMPLE)
    if not head:
        raise InputFileError("上传的文件是空的", where=where, fix="请检查是否选错了文件")
    if suffix == ".xlsx":
        check_ooxml(path)
    elif head.startswith(b"PK\x03\x04"):
        raise InputFileError("文件名是文本文件，内容却是压缩文件（可能是 Excel 工作簿）", where=where,
                             fix="Excel 工作簿请保留 .xlsx 扩展名上传")  # fmt: skip
    elif not _looks_like_text(head):
        raise InputFileError("文件内容不是文本（既不是 UTF-8，也不是 GBK/GB18030 或带 BOM 的 UTF-16）", where=where,
                             fix="请用 Excel 或 WPS“另存为”CSV（UTF-8）后再上传")  # fmt: skip


def _as_named(err: MedaidError, path: Path, name: str) -> MedaidError:
    """The error as the user should read it: the uploaded file's name, never the server's scratch path."""
    if err.where.file is not None and Path(err.where.file).name == path.name:
        return InputFileError(err.what.replace(str(path), name), where=replace(err.where, file=name), fix=err.fix)
    return err


class Upload:
    """A file being uploaded: a private file in the workspace's scratch space, removed on exit.

    ``with Upload(root, name) as upload: upload.write(chunk)…; upload.import_as(kind, actor=…)``
    """

    def __init__(self, root: Path, name: str | None) -> None:
        self.root = root
        self.name = _clean_name(name)
        self.size = 0
        self._folder: Path | None = None
        self._handle: int | None = None

    @property
    def path(self) -> Path:
        if self._folder is None:
            raise RuntimeError("Upload used outside its with-block")
        return self._folder / self.name

    def open(self) -> Upload:
        """Make the private file (once); :meth:`__exit__` removes it."""
        from medaid.store.scratch import PRIVATE_FILE, private_dir
        from medaid.workspace import Workspace

        if self._folder is None:
            self._folder = private_dir(Workspace.open(self.root).scratch() / f"upload-{secrets.token_hex(8)}")
            self._handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        return self

    def __enter__(self) -> Upload:
        return self.open()

    def write(self, data: bytes) -> None:
        if self._handle is None:
            raise RuntimeError("Upload closed")
        view = memoryview(data)
        while view:
            view = view[os.write(self._handle, view) :]
        self.size += len(data)

    def _close(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def import_as(self, kind: str, *, actor: str) -> UploadReport:
        """Check the file's type, then import it as ``medaid import`` does; a file that cannot be imported at
        all raises its error (logged in the audit trail as 数据导入失败), naming the uploaded file."""
        from medaid.ingest.load import table_for
        from medaid.services.imports import FailedFile, import_files

        self._close()
        if not (kind or "").strip():
            raise MedaidError("请选择数据类型", where=Location(key="kind"),
                              fix="可导入：" + "、".join(f"{k.kind}（{k.label}）" for k in upload_kinds()))  # fmt: skip
        table = table_for(kind.strip())
        if self.size == 0:
            raise InputFileError("上传的文件是空的", where=Location(file=self.name), fix="请检查是否选错了文件")
        try:
            _check_type(self.path, self.name)
        except MedaidError as err:
            raise _as_named(err, self.path, self.name) from None
        outcome = import_files(self.root, table.kind, [self.path], actor=actor).outcomes[0]
        if isinstance(outcome, FailedFile):
            raise _as_named(outcome.error, self.path, self.name)
        by_column, first = _read_rejects(outcome.rejects_file)
        return UploadReport(outcome.kind, table.label, self.name, outcome.rows_read, outcome.new, outcome.changed,
                            outcome.unchanged, outcome.rejected, outcome.conflicts, outcome.import_id,
                            outcome.rejects_file is not None, list(outcome.notes), by_column, first)  # fmt: skip
