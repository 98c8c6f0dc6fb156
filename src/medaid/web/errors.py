"""One error shape for every answer (DESIGN, "Settings"): the CLI's JSON error.

``{"error": {"message": "…", "location": {…}, "hint": "…"}}`` with 400 for bad input, 401 without a
session, 403 for a refused role, 404 for what does not exist, 413 for an upload too large, 500 for a
defect of medaid (logged, never with personal data).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from medaid.errors import Forbidden, Location, MedaidError

log = logging.getLogger("medaid.web")


class WebError(Exception):
    """An answer other than 200, in the one shape."""

    redirect: str | None = None  # where a browser's page request is sent instead of an error page

    def __init__(self, status: int, message: str, *, hint: str = "", location: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint
        self.location = location or {}


class NotSignedIn(WebError):
    def __init__(self, message: str = "请先登录") -> None:
        super().__init__(401, message, hint="请在登录页输入账户名和密码（需要时还有动态验证码）")


class Refused(WebError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(403, message, hint=hint or "如需此权限，请联系管理员调整您的角色")


class MustEnrol(Refused):
    """A role that needs a second factor has not enabled one yet: only the enrolment page is open."""

    redirect = "/totp"

    def __init__(self) -> None:
        super().__init__("您的角色须先启用二次验证（动态验证码）",
                         "请打开“二次验证”页，用手机验证器扫描二维码后输入验证码")  # fmt: skip


class NotFound(WebError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(404, message, hint=hint)


def error_body(message: str, *, hint: str = "", location: dict[str, object] | None = None) -> dict[str, object]:
    return {"error": {"message": message, "location": location or {}, "hint": hint}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _page(request: Request, status: int, message: str, hint: str) -> Response:
    from medaid.web.render import render_error

    return render_error(request, status, message, hint)


def _answer(request: Request, status: int, message: str, hint: str, location: dict[str, object],
            redirect: str | None = None) -> Response:  # fmt: skip
    if _wants_html(request):
        if status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        if redirect:
            return RedirectResponse(redirect, status_code=303)
        return _page(request, status, message, hint)
    return JSONResponse(error_body(message, hint=hint, location=location), status_code=status)


def _location(where: Location) -> dict[str, object]:
    return where.to_dict()


def install(app: FastAPI) -> None:
    """Every error becomes the one shape (JSON), or a Chinese page for a browser's page request."""

    @app.exception_handler(WebError)
    async def web_error(request: Request, err: WebError) -> Response:
        return _answer(request, err.status, err.message, err.hint, err.location, err.redirect)

    @app.exception_handler(MedaidError)
    async def medaid_error(request: Request, err: MedaidError) -> Response:
        status = 403 if isinstance(err, Forbidden) else 400
        return _answer(request, status, err.message, err.fix, _location(err.where))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        first: dict[str, Any] = err.errors()[0] if err.errors() else {}
        path = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form")]
        message = f"请求中“{'.'.join(path) or '内容'}”无效：{_zh(first.get('type', ''))}"
        return _answer(request, 400, message, "请按接口说明（/api/openapi.json）填写", {"path": path})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        words = {404: "没有这个页面或接口", 405: "此地址不支持这种请求方法"}
        message = words.get(err.status_code, str(err.detail))
        return _answer(request, err.status_code, message, "请检查地址", {})

    @app.exception_handler(Exception)
    async def defect(request: Request, err: Exception) -> Response:
        log.exception("未处理的错误：%s %s", request.method, request.url.path)  # the path holds no personal data
        return _answer(
            request, 500, "服务器内部错误（medaid 的缺陷）", "请将时间和操作告知维护人员；服务器日志记有详情", {}
        )


def _zh(kind: str) -> str:
    words = {
        "missing": "缺少此项",
        "string_type": "应为文字",
        "int_parsing": "应为整数",
        "decimal_parsing": "应为数字",
        "float_parsing": "应为数字",
        "json_invalid": "不是有效的 JSON",
        "enum": "不是可选的值",
        "literal_error": "不是可选的值",
        "string_too_long": "太长",
        "string_too_short": "太短",
        "model_attributes_type": "应为 JSON 对象",
        "dict_type": "应为 JSON 对象",
        "extra_forbidden": "是未知的字段",
    }
    return words.get(kind, "格式不对")
