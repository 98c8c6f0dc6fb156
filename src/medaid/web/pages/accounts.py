"""Accounts (账户管理, administrators) and changing one's own password (修改密码, anyone signed in)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import ROLES, Right
from medaid.vocab import DEPARTMENTS
from medaid.web.auth import Principal, require, root_of, signed_in
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
ACCOUNTS = Depends(require(Right.ACCOUNTS))
SIGNED_IN = Depends(signed_in)


@router.get("/accounts", response_class=HTMLResponse)
def accounts(request: Request, principal: Principal = ACCOUNTS) -> Response:
    from medaid.services.accounts import list_accounts

    return page(request, "accounts.html.j2", title="账户管理", accounts=list_accounts(root_of(request)), roles=ROLES,
                departments=DEPARTMENTS)  # fmt: skip


@router.get("/password", response_class=HTMLResponse)
def password(request: Request, principal: Principal = SIGNED_IN) -> Response:
    return page(request, "accounts_password.html.j2", title="修改密码")
