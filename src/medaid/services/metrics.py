"""Metrics computed from a workspace's data, each with its formula, inputs and queries: those of the programme data
and those of the 依申请救助 cases and 回访 (from the app database)."""

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
    from medaid.services.case_metrics import year_values
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    data = compute_all(workspace, chosen, progress=progress)  # a step per metric
    return MetricList(chosen, [*data, *year_values(workspace.root, chosen)])
