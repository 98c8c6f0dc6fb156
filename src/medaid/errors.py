"""Domain errors. Each says what happened, where, and how to fix it, in Chinese.

The CLI and the web app show them in one shape (``to_dict``); the core raises them and never
prints.
"""

from __future__ import annotations

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
            parts.append(f"选项 {self.key}" if self.key.startswith("--") else f"字段 {self.key}")
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
