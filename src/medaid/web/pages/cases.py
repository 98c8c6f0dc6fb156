"""依申请救助 pages: the list of cases (``GET /api/cases``) and one case (``GET /api/cases/{id}``) with its
history, the steps the account may take now and the forms for them. The forms post to the JSON API with
the CSRF token (static/cases.js, static/medaid.js); refusals are the API's, logged the same way. A recognised
case shows its 追溯救助: the preview, what was settled before, and for an account that may settle (the service's
``SETTLERS`` limited to no area or department) the button posting to ``/api/cases/{id}/retroactive/settle``."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from medaid.services.case_retro import PAID, RECOGNISED
from medaid.vocab import CASE_DOCUMENTS, CASE_STATES, DEPARTMENTS
from medaid.web.api.cases import CASE_ID, HANDLE_RIGHT, READ, caller, refusals_logged
from medaid.web.auth import Principal, root_of, scope_of
from medaid.web.pages.verification import link
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
PAGE = 50  # cases shown per page
CATEGORIES = ("因病致贫重病患者", "低保边缘家庭成员")
RELATIONS = ("配偶", "子女", "父母", "兄弟姐妹", "祖父母", "孙子女", "其他")
CLOSED_STATES = ("archived", "rejected", "withdrawn")


@router.get("/cases", response_class=HTMLResponse)
def cases(
    request: Request,
    state: str | None = Query(default=None, max_length=16),
    category: str | None = Query(default=None, max_length=32),
    area: str | None = Query(default=None, max_length=12),
    q: str | None = Query(default=None, max_length=32),
    offset: int = Query(default=0, ge=0, le=10_000_000),
    principal: Principal = READ,
) -> Response:
    from medaid.services.case_list import list_cases

    with refusals_logged(request, principal):
        found = list_cases(root_of(request), state=state, category=category, area=area, query=q, actor=principal.name,
                           role=principal.role, scope=scope_of(principal), limit=PAGE, offset=offset)  # fmt: skip
    filters: dict[str, object] = {"state": state, "category": category, "area": area, "q": q}
    state_links = {s: link("/cases", filters, state=s) for s in CASE_STATES}
    pages = {"previous": link("/cases", filters, offset=max(offset - PAGE, 0)) if offset else None,
             "next": link("/cases", filters, offset=offset + PAGE) if offset + PAGE < found.count else None,
             "first": offset + 1 if found.count else 0, "last": min(offset + PAGE, found.count)}  # fmt: skip
    scope = scope_of(principal)
    return page(request, "cases.html.j2", title="依申请救助", found=found, rows=[c.to_dict() for c in found.cases],
                filters=filters, states=CASE_STATES, state_links=state_links, pages=pages,
                can_open=principal.may(HANDLE_RIGHT), categories=CATEGORIES, departments=DEPARTMENTS,
                relations=RELATIONS, scope=scope.describe(), limited=scope.limited,
                can_back_date=principal.role == "clerk" and not scope.limited,
                publicity=found.states.get("publicised", 0))  # fmt: skip


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case(request: Request, case_id: int = CASE_ID, principal: Principal = READ) -> Response:
    from medaid.services.case_intake import choices, waiting_deadline
    from medaid.services.cases import case_history, get_case

    root, me = root_of(request), caller(principal)
    with refusals_logged(request, principal):
        found = get_case(root, case_id, actor=me.actor, role=me.role, scope=me.scope)
        history = case_history(root, case_id, actor=me.actor, role=me.role, scope=me.scope)
    handles = principal.may(HANDLE_RIGHT)
    retro = _retro(request, principal, case_id, found.state) if found.state in RECOGNISED else None
    actions = [a.to_dict() for a in choices(found.state, me.role, me.scope)]
    open_ = found.state not in CLOSED_STATES
    return page(request, "case.html.j2", title=f"救助案件 {case_id}", c=found.to_dict(),
                history=[e.to_dict() for e in history], actions=actions,
                deadline=waiting_deadline(root, found, history), can_handle=handles,
                can_add=handles and found.state in ("applied", "accepted"), can_upload=handles and open_,
                documents=CASE_DOCUMENTS, closed=not open_, retro=retro,
                can_back_date=me.role == "clerk" and not me.scope.limited)  # fmt: skip


def _retro(request: Request, principal: Principal, case_id: int, state: str) -> dict[str, object]:
    """The 追溯救助 preview of a recognised case's applicant (nothing recorded), its bills settled before apart,
    and whether this account may settle it now (a paid case was settled at 发放); what stops it, if anything."""
    from medaid.errors import MedaidError
    from medaid.services.case_retro import case_retroactive

    try:
        found = case_retroactive(root_of(request), case_id, actor=principal.name, role=principal.role,
                                 scope=scope_of(principal))  # fmt: skip
    except MedaidError as err:  # a policy without a window, a bill before every policy file: said, not a 500
        return {"error": err.message}
    before = {s["settlement_id"] for s in found.settled_before}
    others = [s for s in found.skipped if s["settlement_id"] not in before]
    return found.to_dict() | {"skipped": others, "paid": state in PAID}
