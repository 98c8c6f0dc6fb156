"""Roles and what each may do: the one table the web, the services and the tests read.

DESIGN contract 6: ``admin`` 管理员, ``clerk`` 医保经办, ``evaluator`` 评价人员, ``finance`` 财政
(read only), ``department`` 部门 (only its own 认定部门's warnings and findings). An account may
also have an area scope (区划). Accounts made by an older medaid map over in migration 0006:
verifier → clerk, viewer → finance.
"""

from __future__ import annotations

from enum import StrEnum

ROLES: dict[str, str] = {
    "admin": "管理员",
    "clerk": "医保经办",
    "evaluator": "评价人员",
    "finance": "财政",
    "department": "部门",
}
OLD_ROLES: dict[str, str] = {"verifier": "clerk", "viewer": "finance"}  # before 0.8 → now


class Right(StrEnum):
    """One thing a role may do. Reading is split so that a department sees only its own rows."""

    READ = "read"  # dashboard, metrics, registry (masked), evaluation, reports, policy calculator
    READ_FOLLOW_UPS = "read_follow_ups"  # warnings and verification findings (a department: its own)
    IMPORT = "import"  # upload lists and settlements
    VERIFY = "verify"  # run the monthly verification, push warnings
    FOLLOW_UP = "follow_up"  # record the follow-up of a warning or a finding (a department: its own)
    REVEAL = "reveal"  # see 身份证号 and names unmasked, with a reason (logged)
    JUDGE = "judge"  # judged scores with reasons and evidence
    WRITE = "write"  # the report's draft text, generating reports
    CASES = "cases"  # 依申请救助 cases: read them (a department or an area account: its own)
    HANDLE_CASES = "handle_cases"  # register applications, bills, documents; take the steps the workflow allows
    VISITS = "visits"  # plan follow-up visits (回访) and record their outcomes: the county's clerks
    AUDIT_LOG = "audit_log"  # read the audit trail
    ACCOUNTS = "accounts"  # manage accounts and roles


RIGHTS: dict[str, frozenset[Right]] = {
    "admin": frozenset({Right.READ, Right.READ_FOLLOW_UPS, Right.AUDIT_LOG, Right.ACCOUNTS}),
    "clerk": frozenset(
        {
            Right.READ,
            Right.READ_FOLLOW_UPS,
            Right.IMPORT,
            Right.VERIFY,
            Right.FOLLOW_UP,
            Right.REVEAL,
            Right.CASES,
            Right.HANDLE_CASES,
            Right.VISITS,
        }
    ),
    "evaluator": frozenset({Right.READ, Right.READ_FOLLOW_UPS, Right.JUDGE, Right.WRITE, Right.CASES}),
    "finance": frozenset({Right.READ, Right.READ_FOLLOW_UPS, Right.AUDIT_LOG, Right.CASES}),
    "department": frozenset({Right.READ_FOLLOW_UPS, Right.FOLLOW_UP, Right.CASES, Right.HANDLE_CASES}),
}
# Every role that can reveal personal data, or give itself that right, needs a second factor (TOTP).
TOTP_ROLES: tuple[str, ...] = ("admin", "clerk")
# Roles whose rows are limited to their own 认定部门.
DEPARTMENT_ROLES: tuple[str, ...] = ("department",)


def may(role: str, right: Right) -> bool:
    return right in RIGHTS.get(role, frozenset())


def role_label(role: str) -> str:
    return ROLES.get(role, role)


def roles_with(right: Right) -> list[str]:
    return [role for role, rights in RIGHTS.items() if right in rights]
