"""追溯救助 of a case's applicant: once the case is approved (认定), the bills of the policy's window before it
that got no 医疗救助, each with its amount under the policy in force on its date — previewed (nothing
recorded), or settled once and recorded in the audit trail (the web face of ``medaid cases retro --settle``).
The service checks the role and the scope like the case itself (settling: a 医保经办 limited to no area or
department); the applicant is shown masked and the keyed hash never leaves the service."""

from __future__ import annotations

from fastapi import APIRouter, Request

from medaid.web.api.cases import CASE_ID, HANDLE, READ, refusals_logged
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


@router.post(
    "/cases/{case_id}/retroactive/settle",
    summary="办理追溯救助并记入审计日志：按费用发生日的政策逐笔结算，每笔结算只追溯一次（不限区划和部门的医保经办）",
)
def settle(request: Request, case_id: int = CASE_ID, principal: Principal = HANDLE) -> dict[str, object]:
    from medaid.services.case_retro import case_retroactive
    from medaid.services.retroactive import RETRO_ACTION

    with refusals_logged(request, principal):
        found = case_retroactive(root_of(request), case_id, settle=True, actor=principal.name, role=principal.role,
                                 scope=scope_of(principal))  # fmt: skip
    recorded = {"action": RETRO_ACTION, "actor": principal.name, "bills": len(found.bills),
                "total_fen": found.total_fen}  # fmt: skip
    return found.to_dict() | {"recognised": True, "recorded": recorded}
