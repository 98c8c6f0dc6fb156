"""High-cost warnings (高额费用预警): pushed to departments, followed up, converted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.services.common import actor_name, parse_date

if TYPE_CHECKING:
    from medaid.analytics.warning_push import Conversion, PushResult
    from medaid.store.app import EventRecord, WarningRecord

WARNINGS_DIR = "warnings"  # the push lists, in the workspace


def push_warnings(root: Path, as_of: str | dt.date, *, actor: str | None = None) -> PushResult:
    """Everyone over their threshold on the as-of date: new ones stored as 已推送, amounts updated,
    and one push list per department (xlsx and csv, identities masked) in DIR/warnings/."""
    from medaid.analytics.warning_push import push
    from medaid.reports.push_list import list_stem, write_push_list
    from medaid.workspace import Workspace

    day = as_of if isinstance(as_of, dt.date) else parse_date(as_of, option="--as-of")
    workspace = Workspace.open(root)
    result = push(workspace, day, actor=actor_name(actor))
    folder = workspace.root / WARNINGS_DIR
    for department, listed in result.to_push().items():
        stem = list_stem(folder, department, day)
        result.files += write_push_list(listed, stem, department=department, as_of=day,
                                        region=workspace.settings.region)  # fmt: skip
    return result


def follow_warning(
    root: Path, warning: int | str, state: str, *, note: str | None = None, actor: str | None = None
) -> WarningRecord:
    """A department's finding on a warning (by id or masked 身份证号): 已认定 or 未认定, logged."""
    from medaid.analytics.warning_push import follow_up
    from medaid.workspace import Workspace

    return follow_up(Workspace.open(root), warning, state, note, actor=actor_name(actor))


@dataclass
class WarningList:
    warnings: list[WarningRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"count": len(self.warnings), "warnings": [w.to_dict() for w in self.warnings]}


def list_warnings(root: Path, *, state: str | None = None, year: int | None = None) -> WarningList:
    from medaid.analytics import warning_push
    from medaid.workspace import Workspace

    return WarningList(warning_push.list_warnings(Workspace.open(root), state=state, year=year))


@dataclass(frozen=True)
class WarningRate:
    year: int
    conversion: Conversion

    def to_dict(self) -> dict[str, object]:
        c = self.conversion
        return {"year": self.year, "pushed": c.pushed, "confirmed": c.confirmed, "rate": c.rate}


def warning_rate(root: Path, *, year: int | None = None) -> WarningRate:
    """预警转化率: recognised after a push ÷ pushed."""
    from medaid.analytics.warning_push import conversion
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    return WarningRate(chosen, conversion(workspace, chosen))


def warning_events(root: Path, warning_id: int) -> list[EventRecord]:
    """The audit log of one warning: pushed, amounts updated, followed up — who, when, why."""
    from medaid.analytics.warning_push import events
    from medaid.workspace import Workspace

    return events(Workspace.open(root), warning_id)
