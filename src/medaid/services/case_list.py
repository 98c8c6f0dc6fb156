"""The list of cases (依申请救助) an account may see, filtered in SQL, with the count in each state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medaid.services.cases import desk, who
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.cases.records import CaseRecord


@dataclass
class CaseList:
    count: int  # cases matching every filter (the page holds at most ``limit`` of them)
    cases: list[CaseRecord] = field(default_factory=list)
    states: dict[str, int] = field(default_factory=dict)  # per state, over the cases matching the other filters

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "cases": [c.to_dict() for c in self.cases], "states": self.states}


def _conditions(workspace: str, scope: Scope, category: str | None, area: str | None, from_warning: bool | None,
                query: str | None) -> list[Any]:  # fmt: skip
    """The filters other than the state, as SQL conditions (every value a bound parameter)."""
    from sqlalchemy import or_

    from medaid.store.cases import Case
    from medaid.vocab import Vocabulary, lookup

    found: list[Any] = [Case.workspace == workspace]
    if scope.department_name is not None:
        found.append(Case.department == scope.department_name)
    for prefix in (scope.area_code, (area or "").strip() or None):
        if prefix is not None:
            found.append(Case.area.startswith(prefix, autoescape=True))
    if category and category.strip():
        found.append(Case.category == (lookup(Vocabulary.CATEGORY, category) or category.strip()))
    if from_warning is not None:
        found.append(Case.warning_id.is_not(None) if from_warning else Case.warning_id.is_(None))
    text = (query or "").strip()
    if text:
        number = [Case.id == int(text)] if text.isdigit() and len(text) < 10 else []
        found.append(or_(Case.id_masked.contains(text, autoescape=True), *number))
    return found


def list_cases(root: Path, *, state: str | None = None, category: str | None = None, area: str | None = None,
               from_warning: bool | None = None, query: str | None = None, actor: str | None = None,
               role: str = "clerk", scope: Scope = EVERYTHING, limit: int | None = 500,
               offset: int = 0) -> CaseList:  # fmt: skip
    """Cases of the workspace in the actor's scope, newest first. ``state``: a code or its label; ``category``:
    a 救助类别 (aliases accepted); ``area``: a 区划 prefix; ``from_warning``: only cases opened from a warning
    (True) or not (False); ``query``: part of a masked 身份证号, or a case number. A filter value that is no
    code matches nothing. ``limit`` None: all of them."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import selectinload

    from medaid.cases.records import CaseRecord
    from medaid.cases.workflow import READERS
    from medaid.roles import role_label
    from medaid.store.accounts import AccessDenied
    from medaid.store.cases import Case
    from medaid.vocab import CASE_STATES

    me = who(actor, role, scope)
    if me.role not in READERS:
        raise AccessDenied(f"{role_label(me.role)}账户不能查看救助案件",
                           fix="救助案件由医保经办、部门、财政和评价人员查看")  # fmt: skip
    given = (state or "").strip()
    wanted = next((code for code, label in CASE_STATES.items() if given in (code, label)), given) if given else None
    with desk(root) as d:
        where = _conditions(d.workspace, scope, category, area, from_warning, query)
        counted = d.session.execute(select(Case.state, func.count()).where(*where).group_by(Case.state))
        states = dict.fromkeys(CASE_STATES, 0) | {str(s): int(n) for s, n in counted}
        if wanted is not None:
            where.append(Case.state == wanted)
        total = states.get(wanted, 0) if wanted is not None else sum(states.values())
        loaded = (selectinload(Case.members), selectinload(Case.bills), selectinload(Case.documents))
        page = select(Case).where(*where).order_by(Case.id.desc()).offset(max(offset, 0)).options(*loaded)
        if limit is not None:
            page = page.limit(max(limit, 0))
        return CaseList(total, [CaseRecord.of(c) for c in d.session.scalars(page)], states)
