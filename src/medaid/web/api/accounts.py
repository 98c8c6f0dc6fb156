"""Accounts (账户管理): the administrator adds accounts, changes roles, scopes and passwords, unlocks, resets
the second factor; anyone signed in changes their own password. Every change is an entry of the audit
trail (the accounts service writes it)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from medaid.roles import Right
from medaid.web.auth import COOKIE, Principal, require, root_of, signed_in

router = APIRouter(prefix="/api", tags=["账户管理"])
ACCOUNTS = Depends(require(Right.ACCOUNTS))
SIGNED_IN = Depends(signed_in)
NAME = Path(max_length=100, description="账户名")
EVERY_AREA = "全部"  # what the form shows for no area scope
ROLE_HELP = "角色：admin 管理员、clerk 医保经办、evaluator 评价人员、finance 财政、department 部门"
Role = Literal["admin", "clerk", "evaluator", "finance", "department"]


class NewAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="账户名（使用者的姓名或工号）")
    role: Role = Field(description=ROLE_HELP)
    password: str = Field(min_length=1, max_length=200, description="初始密码（至少 8 位，含三类字符）")
    department: str | None = Field(default=None, max_length=50, description="认定部门（部门角色必填）")
    area: str | None = Field(default=None, max_length=12, description="区划代码前缀（可选；“全部”或不填表示全部区划）")

    @field_validator("area")
    @classmethod
    def _every(cls, value: str | None) -> str | None:
        return None if value is None or value.strip() == EVERY_AREA else value


class AccountChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = Field(default=None, description=f"新{ROLE_HELP}")
    department: str | None = Field(default=None, max_length=50, description="认定部门（部门角色）")
    area: str | None = Field(default=None, max_length=12, description="区划代码前缀；“全部”或空字符串表示全部区划")
    disabled: bool | None = Field(default=None, description="停用（true）或启用（false）")

    @field_validator("area")
    @classmethod
    def _every(cls, value: str | None) -> str | None:
        return "" if value is not None and value.strip() == EVERY_AREA else value


class NewPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=1, max_length=200, description="新密码")


class OwnPassword(BaseModel):
    model_config = ConfigDict(extra="forbid")

    old: str = Field(min_length=1, max_length=200, description="原密码")
    new: str = Field(min_length=1, max_length=200, description="新密码（至少 8 位，含三类字符）")


@router.get("/accounts", summary="全部账户：角色、部门、区划、二次验证与锁定状态（管理员）")
def accounts(request: Request, principal: Principal = ACCOUNTS) -> dict[str, object]:
    from medaid.services.accounts import list_accounts

    return {"accounts": [a.to_dict() for a in list_accounts(root_of(request))]}


@router.post("/accounts", summary="新建账户（管理员）")
def add(body: NewAccount, request: Request, principal: Principal = ACCOUNTS) -> dict[str, object]:
    from medaid.services.accounts import add_account

    return add_account(root_of(request), body.name, body.role, password=body.password, department=body.department,
                       area=body.area, actor=principal.name).to_dict()  # fmt: skip


@router.patch("/accounts/{name}", summary="修改账户的角色、部门、区划，或停用/启用（管理员）")
def change(body: AccountChange, request: Request, name: str = NAME,
           principal: Principal = ACCOUNTS) -> dict[str, object]:  # fmt: skip
    from medaid.services.accounts import update_account

    return update_account(root_of(request), name, role=body.role, department=body.department, area=body.area,
                          disabled=body.disabled, actor=principal.name).to_dict()  # fmt: skip


@router.post("/accounts/{name}/unlock", summary="解除账户锁定（管理员）")
def unlock(request: Request, name: str = NAME, principal: Principal = ACCOUNTS) -> dict[str, object]:
    from medaid.services.accounts import unlock_account

    return unlock_account(root_of(request), name, actor=principal.name).to_dict()


@router.post("/accounts/{name}/password", summary="重设账户密码（管理员；该账户须重新登录）")
def password(body: NewPassword, request: Request, name: str = NAME,
             principal: Principal = ACCOUNTS) -> dict[str, object]:  # fmt: skip
    from medaid.services.accounts import set_password

    set_password(root_of(request), name, body.password, actor=principal.name)
    return {"account": name, "password_changed": True}


@router.post("/accounts/{name}/totp-reset", summary="重置二次验证（手机丢失时；管理员）")
def totp_reset(request: Request, name: str = NAME, principal: Principal = ACCOUNTS) -> dict[str, object]:
    from medaid.services.accounts import reset_totp

    return reset_totp(root_of(request), name, actor=principal.name).to_dict()


@router.post("/session/password", summary="修改本人密码（须输入原密码）")
def own_password(body: OwnPassword, request: Request, principal: Principal = SIGNED_IN) -> dict[str, object]:
    from medaid.services.own_account import change_own_password

    change_own_password(root_of(request), principal.name, body.old, body.new, keep_token=request.cookies.get(COOKIE))
    return {"account": principal.name, "password_changed": True}
