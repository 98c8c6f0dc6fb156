"""The merged recipient registry (救助对象名册) of a workspace: counts, and changes between imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medaid.analytics.registry import Change


@dataclass
class RegistrySummary:
    """People by category in the latest snapshot; ``import_id`` None when no list was imported."""

    import_id: int | None
    by_category: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"import_id": self.import_id, "by_category": self.by_category}


@dataclass
class RegistryChanges:
    """Person by person, what changed between the last two snapshots (before None: only one)."""

    before: int | None
    after: int | None
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> list[dict[str, object]]:
        return [dict(c.__dict__) for c in self.changes]


def registry_summary(root: Path) -> RegistrySummary:
    from medaid.analytics.registry import by_category, snapshot_ids
    from medaid.workspace import Workspace

    with Workspace.open(root).connect(read_only=True) as con:
        ids = snapshot_ids(con)
        if not ids:
            return RegistrySummary(None)
        return RegistrySummary(ids[-1], by_category(con, ids[-1]))


def registry_changes(root: Path) -> RegistryChanges:
    from medaid.analytics.registry import changes, snapshot_ids
    from medaid.workspace import Workspace

    with Workspace.open(root).connect(read_only=True) as con:
        ids = snapshot_ids(con)
        if len(ids) < 2:
            return RegistryChanges(None, ids[-1] if ids else None)
        return RegistryChanges(ids[-2], ids[-1], changes(con, ids[-2], ids[-1]))
