"""Signing in and out, the second factor, and the one open route (``/api/health``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from medaid import __version__
from medaid.web.auth import COOKIE, Principal, root_of, signed_in
from medaid.web.errors import NotSignedIn, WebError

router = APIRouter(prefix="/api", tags=["登录"])


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="账户名")
    password: str = Field(min_length=1, max_length=200, description="密码")
    otp: str | None = Field(default=None, max_length=12, description="动态验证码（医保经办、管理员须填）")


class TotpCode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=6, max_length=8, description="验证器显示的 6 位动态验证码")


@router.get("/health", summary="服务状态（无须登录）")
def health(request: Request) -> dict[str, object]:
    return {"status": "ok", "version": __version__}


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, principal: Principal = Depends(signed_in)) -> JSONResponse:  # noqa: B008
    """The API's OpenAPI description, for a signed-in user (a script signs in first, as a browser does)."""
    return JSONResponse(request.app.openapi())


@router.post("/session", summary="登录：成功后设置会话 Cookie")
def sign_in(credentials: Credentials, request: Request, response: Response) -> dict[str, object]:
    from medaid.services.accounts import SignInFailed
    from medaid.services.accounts import sign_in as start

    client = request.client.host if request.client else None
    try:
        signed = start(root_of(request), credentials.name, credentials.password, credentials.otp, client=client)
    except SignInFailed as err:
        raise WebError(401, err.what, hint=err.fix) from None
    response.set_cookie(COOKIE, signed.token, httponly=True, secure=request.app.state.secure_cookies,
                        samesite="strict", path="/")  # fmt: skip
    return {"account": signed.account.to_dict(), "csrf": signed.csrf, "must_enrol_totp": signed.must_enrol_totp}


@router.get("/session", summary="当前登录的账户与 CSRF 令牌")
def current(principal: Principal = Depends(signed_in)) -> dict[str, object]:  # noqa: B008
    return {"account": principal.to_dict(), "csrf": principal.csrf}


@router.delete("/session", summary="退出登录")
def sign_out(request: Request, response: Response, principal: Principal = Depends(signed_in)) -> dict[str, object]:  # noqa: B008
    from medaid.services.accounts import sign_out as end

    token = request.cookies.get(COOKIE)
    if token is None:  # pragma: no cover - signed_in needs the cookie
        raise NotSignedIn()
    end(root_of(request), token)
    response.delete_cookie(COOKIE, path="/")
    return {"signed_out": principal.name}


@router.post("/totp/enrolment", summary="生成二次验证密钥与二维码（在本机生成）")
def enrol(request: Request, principal: Principal = Depends(signed_in)) -> dict[str, object]:  # noqa: B008
    from medaid.services.accounts import enrol_totp

    enrolment = enrol_totp(root_of(request), principal.name)
    return {"uri": enrolment.uri, "secret": enrolment.secret, "qr_svg": enrolment.qr_svg}


@router.post("/totp", summary="输入动态验证码，启用二次验证")
def confirm(code: TotpCode, request: Request, principal: Principal = Depends(signed_in)) -> dict[str, object]:  # noqa: B008
    from medaid.services.accounts import confirm_totp

    account = confirm_totp(root_of(request), principal.name, code.code)
    return {"account": account.to_dict()}
