"""依申请救助 cases: the list, one case with its history and what the account may do now, registering an
application, bills, documents, each step of the workflow, the eligibility assessed, the printable 审批表
and 公示名单. Every call goes through the services (``services.cases``, ``case_steps``, ``case_list``,
``case_intake``, ``case_forms``), which check the role and the scope: a department or a township account
sees and handles (登记, 受理) only its own cases. A refusal answers 403 and is written to the audit trail.
Identities are masked in every answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from medaid.errors import Forbidden, MedaidError
from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of, scope_of
from medaid.web.errors import Refused

if TYPE_CHECKING:
    from medaid.services.case_intake import Caller

router = APIRouter(prefix="/api", tags=["依申请救助"])
# Cases are read by 医保经办, 部门, 财政 and 评价人员, and handled (登记, 受理 …) by 医保经办 and 部门; the
# services refine both (a 管理员 does not see cases; a limited account takes only 受理).
READ_RIGHT = Right.CASES
HANDLE_RIGHT = Right.HANDLE_CASES
READ = Depends(require(READ_RIGHT))
HANDLE = Depends(require(HANDLE_RIGHT))
CASE_ID = Path(ge=1, le=2**31 - 1, description="案件编号")
MONEY = r"^\s*-?[0-9][0-9,]*(\.[0-9]{1,2})?\s*$"


def caller(principal: Principal) -> Caller:
    from medaid.services.case_intake import Caller

    return Caller(principal.name, principal.role, scope_of(principal))


@contextmanager
def refusals_logged(request: Request, principal: Principal) -> Iterator[None]:
    """A service's refusal (a role, a scope) as the web's 403, written to the audit trail like any other."""
    try:
        yield
    except Forbidden as err:
        from medaid.services.accounts import log_refusal

        log_refusal(root_of(request), principal.name, "救助案件", f"{request.method} {request.url.path}")
        raise Refused(f"无权访问：{err.message}", err.fix) from err


def back_dated(at: str | None, principal: Principal | None = None, *, limited: bool = False) -> str | None:
    """A step's time given for a step entered afterwards (补录), read as the services read it
    (``case_intake.moment``: a time with a UTC offset becomes local time). Refused (403) to an account
    limited to an area or a department: the timeliness metrics count from it."""
    from medaid.services.case_intake import moment

    given = (at or "").strip()
    if not given:
        return None
    if limited or (principal is not None and scope_of(principal).limited):
        raise Forbidden("限于区划或部门的账户不能补录办理时间",
                        fix="请留空办理时间（按现在记录）；补录历史案件请由医保经办的全局账户办理")  # fmt: skip
    try:
        when = moment(given)
    except MedaidError:
        return given  # the service reads it again and says what is wrong with it
    return None if when is None else when.isoformat(sep=" ", timespec="seconds")


class MemberBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    relation: str = Field(max_length=8, description="与申请人关系：配偶、子女、父母、兄弟姐妹、祖父母、孙子女、其他")
    id_number: str = Field(max_length=32, description="身份证号（只以密文保存，回答中脱敏）")
    name: str = Field(max_length=64, description="姓名（只以密文保存，回答中脱敏）")


class BillBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: str = Field(max_length=20, description="票据日期，如 2026-03-01")
    total: str = Field(max_length=20, pattern=MONEY, description="总费用（元）")
    self_pay: str = Field(max_length=20, pattern=MONEY, description="个人自付（元）")
    in_scope: str | None = Field(default=None, max_length=20, description="政策范围内费用（元，可空）")
    hospital: str | None = Field(default=None, max_length=128, description="医院")


class ApplicationBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id_number: str = Field(max_length=32, description="申请人身份证号（只以密文保存，回答中脱敏）")
    name: str = Field(max_length=64, description="申请人姓名（只以密文保存，回答中脱敏）")
    category: str = Field(max_length=32, description="救助类别，如 因病致贫重病患者、低保边缘家庭成员")
    applied_on: str = Field(max_length=20, description="申请日期，如 2026-03-01")
    income: str = Field(max_length=20, pattern=MONEY, description="家庭近 12 个月收入（元）")
    assets: str = Field(default="0", max_length=20, pattern=MONEY, description="家庭金融资产（元）")
    assets_note: str | None = Field(default=None, max_length=500, description="其他财产说明")
    area: str | None = Field(default=None, max_length=12, description="区划代码（乡镇账户缺省为本区划）")
    department: str | None = Field(default=None, max_length=32, description="受理的认定部门（部门账户缺省为本部门）")
    warning_id: int | None = Field(default=None, ge=1, le=2**31 - 1, description="由高额费用预警发起时的预警编号")
    members: list[MemberBody] = Field(default_factory=list, max_length=20, description="共同生活的家庭成员")
    bills: list[BillBody] = Field(default_factory=list, max_length=200, description="按纸质票据录入的票据")
    at: str | None = Field(default=None, max_length=32, description="补录历史案件时的实际收件时间（留空：现在）")


class BillsBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bills: list[BillBody] = Field(default_factory=list, max_length=200, description="按纸质票据录入的票据")
    settlement_ids: list[str] = Field(default_factory=list, max_length=500,
                                      description="关联数据中的结算编号（申请人或其家庭成员的）")  # fmt: skip


class StepBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: str = Field(
        max_length=32, description="办理操作代码，如 accept、review、publish、pay（见案件详情的 actions）"
    )
    reason: str | None = Field(default=None, max_length=2000, description="理由（不予救助、异议、撤回等须填）")
    note: str | None = Field(default=None, max_length=2000, description="备注")
    days: int | None = Field(default=None, ge=1, le=60, description="公示天数（公示时，默认 7 天）")
    amount: str | None = Field(default=None, max_length=20, pattern=MONEY, description="救助金额（元，发放时必填）")
    basis: str | None = Field(default=None, max_length=2000, description="救助金额的计算依据（发放时）")
    paid_on: str | None = Field(default=None, max_length=20, description="发放日期（发放时，默认当天）")
    at: str | None = Field(default=None, max_length=32, description="补录历史案件时的实际办理时间（留空：现在）")


def _detail(request: Request, principal: Principal, case_id: int) -> dict[str, object]:
    from medaid.services.case_intake import choices
    from medaid.services.cases import case_history, get_case

    root, scope = root_of(request), scope_of(principal)
    case = get_case(root, case_id, actor=principal.name, role=principal.role, scope=scope)
    history = case_history(root, case_id, actor=principal.name, role=principal.role, scope=scope)
    return {"case": case.to_dict(), "history": [e.to_dict() for e in history],
            "actions": [c.to_dict() for c in choices(case.state, principal.role, scope)]}  # fmt: skip


@router.get("/cases", summary="依申请救助案件列表：按状态、类别、区划筛选，分页，并给出各状态件数")
def cases(
    request: Request,
    state: str | None = Query(default=None, max_length=16, description="状态代码或名称，如 applied、公示中"),
    category: str | None = Query(default=None, max_length=32, description="救助类别"),
    area: str | None = Query(default=None, max_length=12, description="区划代码前缀"),
    from_warning: bool | None = Query(default=None, description="只看由预警发起（true）或非预警（false）的案件"),
    q: str | None = Query(default=None, max_length=32, description="脱敏身份证号的片段或案件编号"),
    limit: int = Query(default=100, ge=1, le=1000, description="每页条数"),
    offset: int = Query(default=0, ge=0, le=10_000_000, description="从第几条起（0 起）"),
    principal: Principal = READ,
) -> dict[str, object]:
    from medaid.services.case_list import list_cases

    with refusals_logged(request, principal):
        found = list_cases(root_of(request), state=state, category=category, area=area, from_warning=from_warning,
                           query=q, actor=principal.name, role=principal.role, scope=scope_of(principal),
                           limit=limit, offset=offset)  # fmt: skip
    return found.to_dict() | {"limit": limit, "offset": offset}


@router.post("/cases", summary="登记申请（身份证号和姓名加密保存，回答中只有脱敏形式）")
def open_case(body: ApplicationBody, request: Request, principal: Principal = HANDLE) -> dict[str, object]:
    from medaid.services.case_intake import ApplicationForm, BillForm, MemberForm, open_application

    form = ApplicationForm(
        body.id_number, body.name, body.category, body.applied_on, body.income, body.assets, body.assets_note,
        body.area, body.department, body.warning_id,
        tuple(MemberForm(m.relation, m.id_number, m.name) for m in body.members),
        tuple(BillForm(b.date, b.total, b.self_pay, b.in_scope, b.hospital) for b in body.bills), body.at,
    )  # fmt: skip
    with refusals_logged(request, principal):
        form = replace(form, at=back_dated(body.at, principal))
        case = open_application(root_of(request), form, caller(principal))
    return case.to_dict()


@router.get("/cases/publicity-list", summary="公示名单（docx 或 pdf）：姓名脱敏，不含身份证号")
def publicity_list(
    request: Request,
    format: Literal["docx", "pdf"] = Query(default="pdf", description="docx（Word）或 pdf"),
    area: str | None = Query(default=None, max_length=12, description="区划代码前缀"),
    principal: Principal = READ,
) -> Response:
    from medaid.services.case_forms import FORMATS
    from medaid.services.case_forms import publicity_list as draw

    with refusals_logged(request, principal):
        name, content = draw(root_of(request), format, area=area, actor=principal.name, role=principal.role,
                             scope=scope_of(principal))  # fmt: skip
    return _download(name, content, FORMATS[format])


def _download(name: str, content: bytes, media: str) -> Response:
    from urllib.parse import quote

    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/cases/{case_id}", summary="一个案件：申请内容（脱敏）、办理记录（何人何时做了什么）、当前可做的操作")
def case(request: Request, case_id: int = CASE_ID, principal: Principal = READ) -> dict[str, object]:
    with refusals_logged(request, principal):
        return _detail(request, principal, case_id)


@router.post("/cases/{case_id}/assess", summary="按数据和政策文件试测算救助资格（不记录；审核通过时测算并记录）")
def assess(request: Request, case_id: int = CASE_ID, principal: Principal = HANDLE) -> dict[str, object]:
    from medaid.services.case_intake import assessment

    with refusals_logged(request, principal):
        return assessment(root_of(request), case_id, caller(principal))


@router.get("/cases/{case_id}/approval-form", summary="案件的审批表（docx 或 pdf，身份证号和姓名脱敏）")
def approval_form(
    request: Request,
    case_id: int = CASE_ID,
    format: Literal["docx", "pdf"] = Query(default="pdf", description="docx（Word）或 pdf"),
    principal: Principal = READ,
) -> Response:
    from medaid.services.case_forms import FORMATS
    from medaid.services.case_forms import approval_form as draw

    with refusals_logged(request, principal):
        name, content = draw(root_of(request), case_id, format, actor=principal.name, role=principal.role,
                             scope=scope_of(principal))  # fmt: skip
    return _download(name, content, FORMATS[format])


@router.post("/cases/{case_id}/bills", summary="补充票据：按纸质票据录入，或关联数据中的结算编号")
def bills(
    body: BillsBody, request: Request, case_id: int = CASE_ID, principal: Principal = HANDLE
) -> dict[str, object]:
    from medaid.services.case_intake import BillForm, add_paper_bills, bills_of
    from medaid.services.cases import add_bills

    forms = [BillForm(b.date, b.total, b.self_pay, b.in_scope, b.hospital) for b in body.bills]
    with refusals_logged(request, principal):
        if not body.settlement_ids:
            add_paper_bills(root_of(request), case_id, forms, caller(principal))
        else:  # settlements and paper bills in one transaction: a bad bill leaves nothing half-recorded
            add_bills(root_of(request), case_id, bills_of(forms), settlement_ids=body.settlement_ids,
                      actor=principal.name, role=principal.role, scope=scope_of(principal))  # fmt: skip
        return _detail(request, principal, case_id)


@router.post(
    "/cases/{case_id}/documents", summary="上传申请材料（multipart：kind 材料类别、file 文件），返回其 SHA-256"
)
async def documents(
    request: Request,
    case_id: int = CASE_ID,
    kind: str = Form(max_length=16, description="材料类别，如 申请书、收入证明"),
    file: UploadFile = File(description="扫描件或照片，每份不超过 20 MB"),  # noqa: B008
    principal: Principal = HANDLE,
) -> dict[str, object]:
    from starlette.concurrency import run_in_threadpool

    from medaid.services.cases import add_document

    content = await file.read()
    with refusals_logged(request, principal):
        found = await run_in_threadpool(add_document, root_of(request), case_id, kind, file.filename or "材料",
                                        content, actor=principal.name, role=principal.role,
                                        scope=scope_of(principal))  # fmt: skip
    return found.to_dict()


@router.get("/cases/{case_id}/documents/{document_id}", summary="打开一份申请材料（核对 SHA-256，记入审计日志）")
def document(
    request: Request,
    case_id: int = CASE_ID,
    document_id: int = Path(ge=1, le=2**31 - 1, description="材料编号"),
    principal: Principal = HANDLE,
) -> Response:
    from medaid.services.cases import document_content

    with refusals_logged(request, principal):
        name, content = document_content(root_of(request), case_id, document_id, actor=principal.name,
                                         role=principal.role, scope=scope_of(principal))  # fmt: skip
    return _download(name, content, "application/octet-stream")


@router.post("/cases/{case_id}/steps", summary="办理一步：受理、审核、审批、公示、异议、发放、归档、不予救助、撤回")
def steps(body: StepBody, request: Request, case_id: int = CASE_ID, principal: Principal = HANDLE) -> dict[str, object]:
    from medaid.services.case_intake import step

    with refusals_logged(request, principal):
        event = step(root_of(request), case_id, body.action, caller(principal), reason=body.reason,
                     note=body.note, days=body.days, amount=body.amount, basis=body.basis,
                     paid_on=body.paid_on, at=back_dated(body.at, principal))  # fmt: skip
        return {"event": event.to_dict()} | _detail(request, principal, case_id)
