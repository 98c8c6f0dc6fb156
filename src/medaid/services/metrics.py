"""Metrics computed from a workspace's data, each with its formula, inputs and queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.progress import SILENT, Progress

if TYPE_CHECKING:
    from medaid.analytics.metrics import Value


@dataclass
class MetricList:
    year: int
    values: list[Value] = field(default_factory=list)

    def to_dict(self) -> list[dict[str, object]]:
        return [v.to_dict() for v in self.values]


def compute_metrics(root: Path, *, year: int | None = None, progress: Progress = SILENT) -> MetricList:
    from medaid.analytics.binding import compute_all
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    return MetricList(chosen, compute_all(workspace, chosen, progress=progress))  # a step per metric
