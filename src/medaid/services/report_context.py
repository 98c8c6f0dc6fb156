"""What a workspace report says about its own evaluation, read from the workspace: the
cover's particulars (medaid.yaml ``report``), the import log, the months verified, the
judgments recorded and the indicators whose data were missing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from medaid.reports.context import Context, ImportLine, JudgmentLine
from medaid.settings import DEFAULT_PROJECT
from medaid.store.schema import LABELS

if TYPE_CHECKING:
    import duckdb

    from medaid.services.evaluation import Evaluation
    from medaid.workspace import Workspace


def workspace_context(
    workspace: Workspace, evaluation: Evaluation, months: list[str], *, con: duckdb.DuckDBPyConnection | None = None
) -> Context:
    """``con``: a connection to the workspace's store already open (else one is opened)."""
    info = workspace.settings.report
    query = "SELECT kind, file_name, rows_read, rows_rejected, imported_at FROM imports ORDER BY import_id"
    if con is not None:
        rows = con.execute(query).fetchall()
    else:
        with workspace.connect(read_only=True) as own:
            rows = own.execute(query).fetchall()
    imports = tuple(ImportLine(LABELS.get(k, k), n, int(r), int(j), at) for k, n, r, j, at in rows)
    framework = evaluation.binding.framework
    judged = tuple(JudgmentLine(j.path, j.actor, j.at) for j in evaluation.judgments)
    unscored = {n.indicator.path for n in evaluation.report.scored.walk() if n.score is None}
    unavailable = tuple((path, why) for path, _, why in evaluation.binding.unavailable if path in unscored)
    return Context(
        workspace=True,
        region=workspace.settings.region,
        year=evaluation.year,
        project=info.get("project") or DEFAULT_PROJECT,  # settings.py: the one default
        project_type=info.get("project_type", ""),
        unit=info.get("unit", ""),
        department=info.get("department", ""),
        organiser=info.get("organiser", ""),
        report_date=info.get("date", ""),
        framework_title=framework.title,
        source_name=framework.title,
        claims_from_user=False,
        imports=imports,
        verified_months=tuple(months),
        judgments=judged,
        unavailable=unavailable,
        generated=dt.date.today(),
    )
