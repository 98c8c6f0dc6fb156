"""Pages: Jinja2 templates in Chinese, with the navigation each role may see."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from medaid.roles import Right


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str
    right: Right


NAV: tuple[NavItem, ...] = (
    NavItem("/", "工作台", Right.READ),
    NavItem("/upload", "数据导入", Right.IMPORT),
    NavItem("/registry", "救助对象", Right.READ),
    NavItem("/verification", "核查台账", Right.READ_FOLLOW_UPS),
    NavItem("/warnings", "高额费用预警", Right.READ_FOLLOW_UPS),
    NavItem("/cases", "依申请救助", Right.CASES),
    NavItem("/visits", "回访", Right.CASES),
    NavItem("/evaluation", "绩效评价", Right.READ),
    NavItem("/reports", "评价报告", Right.READ),
    NavItem("/rules", "评分标准试算", Right.READ),
    NavItem("/policy", "政策计算", Right.READ),
    NavItem("/audit-log", "审计日志", Right.AUDIT_LOG),
    NavItem("/accounts", "账户管理", Right.ACCOUNTS),
)


def _yuan(value: object) -> str:
    if value is None:
        return "—"
    return f"{float(value):,.2f}"  # type: ignore[arg-type]


def _number(value: object, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{float(value):,.{places}f}"  # type: ignore[arg-type]


def json_block(data: object) -> str:
    """Data for a page's script, inside ``<script type="application/json">``: never executed (the CSP
    allows no inline script), and ``<`` escaped so no text in it can close the element."""
    import json

    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("medaid.web", "templates"), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.filters["yuan"] = _yuan
    env.filters["number"] = _number
    env.filters["json_block"] = json_block
    return env


def page(request: Request, template: str, *, title: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page for the signed-in account (or the login page when nobody is)."""
    principal = getattr(request.state, "principal", None)
    nav = [item for item in NAV if principal is not None and principal.may(item.right)]
    if principal is not None and principal.must_enrol_totp:
        nav = []
    html = environment().get_template(template).render(
        request=request, title=title, principal=principal, nav=nav, path=request.url.path,
        workspace=request.app.state.served, **context,
    )  # fmt: skip
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str, hint: str) -> HTMLResponse:
    titles = {403: "无权访问", 404: "未找到", 400: "请求有误", 413: "文件过大", 500: "服务器错误"}
    return page(request, "error.html.j2", title=titles.get(status, "出错了"), status=status, status_code=status,
                message=message, hint=hint)  # fmt: skip
