"""`medaid accounts` at the command line: a password only from standard input, the five roles, a
department and an area scope, a new password, unlocking, changing and disabling — each an entry of
the audit trail under the operating-system user."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medaid.cli import main
from medaid.services.accounts import sign_in
from medaid.services.common import os_user
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace
from tests.test_cli_workflow import Done


def medaid(*args: str, stdin: str | None = None) -> Done:
    with CliRunner().isolation(input=stdin) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = int(done.code or 0)
        return Done(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def test_accounts_are_made_changed_and_unlocked_at_the_command_line(tmp_path: Path):
    ws = str(Workspace.init(tmp_path / "ws", year=2023).root)
    made = medaid("accounts", "add", ws, "李经办", "--role", "clerk", "--password-stdin", stdin="Medaid-2023\n")
    assert made.returncode == 0 and "已创建账户：李经办\t医保经办" in made.stdout and "二次验证待绑定" in made.stdout
    assert sign_in(Path(ws), "李经办", "Medaid-2023").must_enrol_totp  # the one trailing line break was dropped
    weak = medaid("accounts", "add", ws, "陈财政", "--role", "finance", "--password-stdin", stdin="weak\n")
    assert weak.returncode == 2 and "密码须至少 8 个字符" in weak.stderr
    dept = medaid("accounts", "add", ws, "民政专员", "--role", "department", "--department", "民政局", "--area",
                  "450102", "--format", "json")  # fmt: skip
    assert dept.returncode == 0 and json.loads(dept.stdout)["department"] == "民政"
    missing = medaid("accounts", "add", ws, "某部门", "--role", "department")
    assert missing.returncode == 2 and "部门角色须指定认定部门" in missing.stderr and "--department" in missing.stderr

    assert medaid("accounts", "passwd", ws, "李经办").returncode == 2  # never as an argument
    assert medaid("accounts", "passwd", ws, "李经办", "--password-stdin", stdin="Medaid-2024\n").returncode == 0
    assert sign_in(Path(ws), "李经办", "Medaid-2024").account.name == "李经办"
    changed = medaid("accounts", "set", ws, "民政专员", "--role", "finance", "--area", "", "--disable")
    assert changed.returncode == 0 and "财政" in changed.stdout and "已停用" in changed.stdout
    assert "全部区划" in changed.stdout and "部门 民政" not in changed.stdout
    unlocked = medaid("accounts", "unlock", ws, "李经办")
    assert unlocked.returncode == 0 and "已解锁" in unlocked.stdout
    listed = medaid("accounts", "list", ws).stdout.splitlines()
    assert listed[0].startswith("李经办\t医保经办\t全部区划\t有密码\t二次验证待绑定")
    assert listed[1] == "民政专员\t财政\t全部区划\t无网页密码\t已停用"

    with session_for(Path(ws)) as session:
        mine = session.query(AuditEntry).filter(AuditEntry.actor == os_user()).order_by(AuditEntry.id)
        assert [e.action for e in mine] == ["账户创建", "账户创建", "密码重设", "账户变更", "账户解锁"]
