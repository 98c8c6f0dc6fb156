"""Reading the audit trail (审计日志): its entries, newest first, filtered by action, actor and date, and
the state of its hash chain. Nothing here changes or removes an entry (the trail is append-only).

The entries' details hold no personal data: services write masked values, counts and keyed hashes. As
a second line of defence, anything in a detail shaped like a 身份证号 is masked before it is shown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from medaid.errors import Location, MedaidError
from medaid.roles import ROLES
from medaid.services.audit_log import AuditLogCheck
from medaid.vocab import FINDING_STATES, REASONS, WARNING_STATES

MAX_LIMIT = 500
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")
DETAIL_LABELS: dict[str, str] = {
    "account": "账户", "role": "角色", "department": "认定部门", "area": "区划", "disabled": "停用",
    "password": "设置密码", "own": "本人修改", "before": "变更前", "after": "变更后", "client": "来源地址",
    "reason": "原因", "action": "操作", "target": "对象", "people": "人数", "outcome": "结果",
    "os_user": "系统用户", "year": "年度", "path": "指标", "score": "得分", "evidence": "佐证材料",
    "kind": "类型", "file": "文件", "files": "文件", "sha256": "SHA-256", "rows_read": "读取行数",
    "accepted": "接受", "rejected": "拒收", "month": "月份", "settlement_id": "结算编号", "from": "原状态",
    "to": "新状态", "note": "说明", "id": "编号", "section": "部分", "item": "第几项", "title": "标题",
    "checked": "已核对", "chars": "字数", "total": "总分", "grade": "等级", "error": "错误", "changed": "变更",
    "import_id": "导入批次", "new": "新增", "unchanged": "未变", "updated": "更新", "as_of": "截至",
    "by_department": "按部门", "over_threshold": "超过起付标准", "text": "内容", "value": "值", "name": "名称",
}  # fmt: skip
SIGN_IN_REASONS: dict[str, str] = {
    "unknown": "无此账户", "disabled": "账户已停用", "no_password": "未设密码", "password": "密码错误",
    "otp_missing": "未填动态验证码", "otp": "动态验证码错误", "locked": "账户已锁定",
}  # fmt: skip
RIGHT_LABELS: dict[str, str] = {
    "read": "查看", "read_follow_ups": "查看预警与核查发现", "import": "导入数据", "verify": "月度核查",
    "follow_up": "登记整改", "reveal": "查看未脱敏身份信息", "judge": "评分", "write": "撰写与生成报告",
    "audit_log": "查看审计日志", "accounts": "管理账户", "CSRF": "CSRF 令牌校验",
}  # fmt: skip
# values shown in words: roles, rights, the states of findings and warnings, reasons
VALUE_LABELS: dict[str, dict[str, str]] = {
    "role": ROLES,
    "from": FINDING_STATES | WARNING_STATES,
    "to": FINDING_STATES | WARNING_STATES,
    "reason": REASONS | SIGN_IN_REASONS,
    "action": RIGHT_LABELS,
    "outcome": {"allowed": "允许", "refused": "拒绝"},
}


def mask_ids(text: str) -> str:
    """Every 18-character 身份证号 in ``text`` shown as 4502**********1234."""
    return ID_NUMBER.sub(lambda m: m.group(1)[:4] + "*" * 10 + m.group(3)[-4:], text)


def _summary(value: object, key: str = "") -> str:
    """A detail in words: 账户：王评价；角色：评价人员 (keys and known values translated)."""
    if isinstance(value, dict):
        return "；".join(f"{DETAIL_LABELS.get(str(k), str(k))}：{_summary(v, str(k))}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_summary(v, key) for v in value) if value else "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "—"
    return VALUE_LABELS.get(key, {}).get(str(value), str(value))


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    actor: str
    action: str
    workspace: str
    detail: dict[str, object]

    @property
    def summary(self) -> str:
        return _summary(self.detail)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "at": self.at.isoformat(), "actor": self.actor, "action": self.action,
                "workspace": self.workspace, "detail": self.detail, "summary": self.summary}  # fmt: skip


@dataclass
class AuditPage:
    entries: list[AuditLine] = field(default_factory=list)
    total: int = 0  # entries matching the filters
    limit: int = 100
    offset: int = 0
    actions: list[str] = field(default_factory=list)  # every action in the trail (for the filter)
    check: AuditLogCheck | None = None  # the chain's state, when asked

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"total": self.total, "limit": self.limit, "offset": self.offset,
                                  "actions": self.actions, "entries": [e.to_dict() for e in self.entries]}  # fmt: skip
        if self.check is not None:
            out["chain"] = self.check.to_dict()
        return out


def _detail(text: str) -> dict[str, object]:
    try:
        found = json.loads(mask_ids(text))
    except ValueError:
        return {"text": mask_ids(text)}
    return found if isinstance(found, dict) else {"value": found}


def _day(value: dt.date | str | None, option: str) -> dt.date | None:
    from medaid.services.common import parse_date

    if value is None or isinstance(value, dt.date):
        return value
    return parse_date(value, option=option) if value.strip() else None


def audit_log(root: Path, *, action: str | None = None, actor: str | None = None,
              since: dt.date | str | None = None, until: dt.date | str | None = None, limit: int = 100,
              offset: int = 0, verify: bool = False) -> AuditPage:  # fmt: skip
    """Entries of the audit trail about this workspace or about accounts (sign-ins, refusals), newest first;
    ``verify``: walk the whole chain too (``medaid audit-log verify``)."""
    from sqlalchemy import ColumnElement, func, select

    from medaid.services.audit_log import verify_audit_log
    from medaid.services.common import workspace_key
    from medaid.store.app import session_for
    from medaid.store.audit_trail import AuditEntry
    from medaid.workspace import Workspace

    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise MedaidError(f"每页条数应为 1–{MAX_LIMIT}，起始位置不小于 0", where=Location(key="limit"),
                          fix="请调整 limit 与 offset")  # fmt: skip
    since, until = _day(since, "from"), _day(until, "to")
    if since is not None and until is not None and since > until:
        raise MedaidError(f"起始日期 {since} 晚于截止日期 {until}", where=Location(key="from"), fix="请对调两个日期")
    workspace = Workspace.open(root)
    # this workspace's entries and those about accounts: a shared server keeps other workspaces' too
    wanted: list[ColumnElement[bool]] = [AuditEntry.workspace.in_((workspace_key(workspace), ""))]
    if action:
        wanted.append(AuditEntry.action == action)
    if actor:
        wanted.append(AuditEntry.actor == actor)
    if since is not None:
        wanted.append(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        wanted.append(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    with session_for(workspace.root) as session:
        total = session.scalar(select(func.count()).select_from(AuditEntry).where(*wanted)) or 0
        rows = session.scalars(select(AuditEntry).where(*wanted).order_by(AuditEntry.id.desc())
                               .limit(limit).offset(offset))  # fmt: skip
        entries = [AuditLine(r.id, r.at, r.actor, r.action, r.workspace, _detail(r.detail)) for r in rows]
        actions = list(
            session.scalars(select(AuditEntry.action).where(wanted[0]).distinct().order_by(AuditEntry.action))
        )
    check = verify_audit_log(workspace.root) if verify else None
    return AuditPage(entries, total, limit, offset, actions, check)
