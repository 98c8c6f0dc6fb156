"""追溯救助 of a case's applicant, previewed: once the case is approved (认定), the bills of the policy's window
before it that got no 医疗救助, each with its amount under the policy in force on its date. Nothing is recorded
here (``medaid cases retro --settle`` records it). The service checks the role and the scope like the case
itself; the applicant is shown masked and the keyed hash never leaves the service."""

from __future__ import annotations

from fastapi import APIRouter, Request

from medaid.web.api.cases import CASE_ID, READ, refusals_logged
from medaid.web.auth import Principal, root_of, scope_of

router = APIRouter(prefix="/api", tags=["依申请救助"])


@router.get("/cases/{case_id}/retroactive", summary="追溯救助测算（不记录）：认定前政策规定期限内未获救助的费用及金额")
def retroactive(request: Request, case_id: int = CASE_ID, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.case_retro import NotRecognised, case_retroactive

    with refusals_logged(request, principal):
        try:
            found = case_retroactive(root_of(request), case_id, actor=principal.name, role=principal.role,
                                     scope=scope_of(principal))  # fmt: skip
        except NotRecognised as err:  # a preview of a case not yet approved: nothing due, and why
            return {"case_id": case_id, "recognised": False, "reason": err.what, "fix": err.fix}
    return found.to_dict() | {"recognised": True}
