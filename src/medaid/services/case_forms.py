"""Printable forms of 依申请救助 cases, for the CLI and the web: the 审批表 of one case and the 公示名单.

Each checks the caller's role and scope through ``services.cases`` (a department or a township gets
only its own cases) and hands back (file name, bytes). Identities stay masked: the 审批表 shows masked
身份证号 and names, the 公示名单 a masked name and no 身份证号 (``medaid.reports.case_forms``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medaid.errors import Location, MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope

FORMATS: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _format(fmt: str) -> str:
    found = fmt.strip().lower().lstrip(".")
    if found not in FORMATS:
        raise MedaidError(f"不支持的格式“{fmt}”", where=Location(key="格式"), fix="可选：docx（Word）、pdf")
    return found


def _region(root: Path) -> str:
    from medaid.workspace import Workspace

    return Workspace.open(root).settings.region or ""


def approval_form(root: Path, case_id: int, fmt: str, *, actor: str | None = None, role: str = "clerk",
                  scope: Scope = EVERYTHING) -> tuple[str, bytes]:  # fmt: skip
    """审批表 of one case as docx or pdf: masked identities, every step with who and when."""
    from medaid.reports.case_forms import approval_form as draw
    from medaid.reports.case_forms import render_form
    from medaid.services.cases import case_history, get_case

    kind = _format(fmt)
    case = get_case(root, case_id, actor=actor, role=role, scope=scope)
    events = case_history(root, case_id, actor=actor, role=role, scope=scope)
    content = render_form(draw(case, events, region=_region(root)), kind)
    return f"医疗救助审批表-案件{case_id}.{kind}", content


def publicity_list(root: Path, fmt: str, *, area: str | None = None, actor: str | None = None,
                   role: str = "clerk", scope: Scope = EVERYTHING,
                   today: dt.date | None = None) -> tuple[str, bytes]:  # fmt: skip
    """公示名单 of the cases in 公示 (in the caller's scope, under ``area`` when given): masked names, no ID."""
    from medaid.reports.case_forms import publicity_list as draw
    from medaid.reports.case_forms import render_form
    from medaid.services.case_list import list_cases

    kind = _format(fmt)
    day = today or dt.date.today()
    found = list_cases(root, state="publicised", area=area, actor=actor, role=role, scope=scope, limit=None)
    cases = sorted(found.cases, key=lambda c: c.id)
    content = render_form(draw(cases, region=_region(root), today=day), kind)
    return f"医疗救助公示名单-{day.isoformat()}.{kind}", content
