"""Domain errors. Each says what happened, where, and how to fix it, in Chinese.

The CLI and the web app show them in one shape (``to_dict``); the core raises them and never
prints.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file and, within it, a row/column or a YAML path/line."""

    file: str | None = None
    row: int | None = None
    column: str | None = None
    path: tuple[str, ...] = ()
    key: str | None = None
    line: int | None = None

    def describe(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(f"文件 {self.file}")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.row is not None:
            parts.append(f"表格第 {self.row} 行")
        if self.column:
            parts.append(f"“{self.column}”列")
        if self.path:
            parts.append("指标 " + " / ".join(self.path))
        if self.key:
            parts.append(_key_words(self.key))
        return "，".join(parts)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.file:
            out["file"] = self.file
        if self.line is not None:
            out["line"] = self.line
        if self.row is not None:
            out["row"] = self.row
        if self.column:
            out["column"] = self.column
        if self.path:
            out["path"] = list(self.path)
        if self.key:
            out["key"] = self.key
        return out


def _key_words(key: str) -> str:
    """How a key is named to a user: a command-line option, an environment variable or a file's key."""
    if key.startswith("--"):
        return f"选项 {key}"
    if key.startswith("MEDAID_"):
        return f"环境变量 {key}"
    return f"字段 {key}"


class MedaidError(Exception):
    """A user-facing error: what went wrong, where, and how to fix it."""

    def __init__(self, what: str, *, where: Location | None = None, fix: str = "") -> None:
        self.what = what
        self.where = where or Location()
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        place = self.where.describe()
        text = f"{place}：{self.what}" if place else self.what
        if self.fix:
            text += ("" if text.endswith(("。", "？", "！")) else "。") + self.fix
        return text

    @property
    def all_problems(self) -> list[MedaidError]:
        """Every problem found at once (a file with several mistakes), this one first."""
        found = [p for p in getattr(self, "problems", ()) if isinstance(p, MedaidError)]
        return found or [self]

    def to_dict(self) -> dict[str, object]:
        """The one error shape of the CLI's ``--format json`` and of the web API (DESIGN, "Settings");
        when a file has several mistakes, ``problems`` lists each in the same shape."""
        shape: dict[str, object] = {"message": self.what, "location": self.where.to_dict(), "hint": self.fix}
        if len(self.all_problems) > 1:
            shape["problems"] = [
                {"message": p.what, "location": p.where.to_dict(), "hint": p.fix} for p in self.all_problems
            ]
        return {"error": shape}


class InputFileError(MedaidError):
    """A file cannot be read or does not have the expected shape."""


class FrameworkError(MedaidError):
    """An evaluation file (framework) is invalid."""


# what the operating system said, in the words of the user's task
_OS_REASONS = {
    errno.ENOENT: ("路径不存在", "请检查路径，或先创建其所在的文件夹"),
    errno.ENOTDIR: ("路径中有一段不是文件夹（同名文件已存在）", "请换一个路径，或移走同名的文件"),
    errno.EEXIST: ("已存在同名的文件或文件夹", "请换一个路径，或移走同名的文件"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "请写文件的路径"),
    errno.EACCES: ("没有读写权限", "请换一个有权限的位置，或请管理员调整权限"),
    errno.EPERM: ("没有读写权限", "请换一个有权限的位置，或请管理员调整权限"),
    errno.ENOSPC: ("磁盘空间不足", "请清理磁盘后重试"),
    errno.EROFS: ("文件系统只读", "请换一个可写的位置"),
}


def from_os_error(err: OSError) -> MedaidError | None:
    """A file the user named cannot be read or written: a user error naming the path, or None
    when the operating system's error is not about a path (then it is a defect of medaid)."""
    path = err.filename2 or err.filename
    if path is None or err.errno not in _OS_REASONS:
        return None
    what, fix = _OS_REASONS[err.errno]
    return MedaidError(what, where=Location(file=str(path)), fix=fix)


class Forbidden(MedaidError):
    """An account may not do what it asked (the web answers 403)."""
