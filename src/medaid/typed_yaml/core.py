"""The pieces every typed file shares: the base model, a problem, a parsed document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from medaid.errors import Location, MedaidError

KeyPath = tuple[str | int, ...]


class TypedFileError(MedaidError):
    """A typed file (YAML) is invalid; callers usually pass their own subclass of MedaidError."""


class Invalid(ValueError):
    """A model validator's refusal: Chinese ``what`` and ``fix``; ``at`` a key path below the
    validator's own place (e.g. ``(2, "upto")`` under ``critical.segments``)."""

    def __init__(self, what: str, fix: str = "", *, at: KeyPath = ()) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix
        self.at = at


class FileModel(BaseModel):
    """The base of every typed file: unknown keys are errors; numbers are accepted for texts."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: what, where, how to fix it (Chinese)."""

    what: str
    where: Location
    fix: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"message": self.what, "location": self.where.to_dict(), "hint": self.fix}


@dataclass(frozen=True)
class Document:
    """A YAML file as plain data, with the line (1-based) of every key and sequence item."""

    data: object
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    file: str | None = None
    text: str = ""

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return None


def key_path(path: KeyPath) -> str:
    """``("critical", "segments", 0, "upto")`` → ``critical.segments[0].upto``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
