"""`medaid audit-log verify`: exit 0 on an intact chain, 1 naming the first broken entry."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from medaid.store.app import session_for
from medaid.store.audit_trail import append
from medaid.workspace import Workspace
from tests.test_cli_workflow import medaid


def test_verify_says_the_chain_holds_then_names_the_entry_changed(tmp_path: Path):
    root = Workspace.init(tmp_path / "ws", year=2023).root
    with session_for(root) as session:
        for i in range(3):
            append(session, actor="王评", action="评价人员评分", workspace="ws", detail={"score": str(i)})
    done = medaid("audit-log", "verify", str(root))
    assert done.returncode == 0 and "审计日志完整：共 3 条记录" in done.stdout
    with session_for(root) as session:
        session.execute(text("UPDATE audit_log SET actor = '李评' WHERE id = 2"))
    done = medaid("audit-log", "verify", str(root), "--format", "json")
    assert done.returncode == 1 and json.loads(done.stdout) == {
        "checked": 1, "broken": 2, "why": "第 2 条记录的内容与其哈希不符（记录被改动过）", "ok": False,
    }  # fmt: skip
    assert "在第 2 条处断开" in medaid("audit-log", "verify", str(root)).stdout
