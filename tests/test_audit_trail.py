"""The audit trail: every judgment and every look at identities is an entry of one SM3 hash
chain in the app database; changing, removing or reordering an entry is found, and the first
broken entry named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from medaid.services.audit_log import verify_audit_log
from medaid.store.app import session_for
from medaid.store.audit_trail import GENESIS, AuditEntry, append
from medaid.workspace import Workspace


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = Workspace.init(tmp_path / "ws", year=2023).root
    with session_for(root) as session:
        for i in range(5):
            append(session, actor="王评", action="评价人员评分", workspace="ws",
                   detail={"path": ["产出", f"指标{i}"], "score": str(i)})  # fmt: skip
    return root


def test_an_untouched_chain_verifies_and_starts_from_the_genesis(root: Path):
    assert verify_audit_log(root).to_dict() == {"checked": 5, "broken": None, "why": "", "ok": True}
    with session_for(root) as session:
        first = session.get(AuditEntry, 1)
        assert first is not None and first.previous == GENESIS and len(first.hash) == 64


@pytest.mark.parametrize(
    ("tamper", "entry", "words"),
    [
        ("UPDATE audit_log SET detail = replace(detail, '\"3\"', '\"9\"') WHERE id = 4", 4, "内容与其哈希不符"),
        ("UPDATE audit_log SET actor = '李评' WHERE id = 2", 2, "内容与其哈希不符"),
        ("DELETE FROM audit_log WHERE id = 3", 3, "缺失"),
        ("UPDATE audit_log SET previous = hash WHERE id = 5", 5, "上一条哈希"),
    ],
    ids=["score changed", "actor changed", "entry removed", "link rewritten"],
)
def test_a_changed_removed_or_relinked_entry_is_named(root: Path, tamper: str, entry: int, words: str):
    with session_for(root) as session:
        session.execute(text(tamper))
    checked = verify_audit_log(root)
    assert checked.broken == entry and words in checked.why and checked.checked == entry - 1
    assert checked.exit_code == 1


def test_a_judgment_and_a_refused_reveal_are_entries_of_the_chain(tmp_path: Path):
    from medaid.store.accounts import log_access
    from medaid.store.judgments import record

    root = Workspace.init(tmp_path / "ws", year=2023).root
    with session_for(root) as session:
        record(session, workspace="ws", year=2023, path=("产出", "救助对象精准度"), score=Decimal(3),
               reason="抽查有误", actor="王评", evidence=[])  # fmt: skip
        log_access(session, "张三", "核查台账未脱敏导出", "台账.xlsx", 0, outcome="refused", os_user="root")
        entries = session.query(AuditEntry).order_by(AuditEntry.id).all()
        assert [(e.actor, e.action) for e in entries] == [("王评", "评价人员评分"), ("张三", "核查台账未脱敏导出")]
        assert entries[1].previous == entries[0].hash and '"outcome":"refused"' in entries[1].detail
    assert verify_audit_log(root).broken is None


def _append_from_threads(root: Path, threads: int, each: int) -> None:
    """``threads`` writers at once, each with its own sessions, as the web's workers and a CLI would be."""
    from concurrent.futures import ThreadPoolExecutor

    def writer(n: int) -> None:
        for i in range(each):
            with session_for(root, migrate=False) as session:
                append(session, actor=f"经办{n}", action="测试并发", workspace="ws", detail={"i": i})

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(writer, range(threads)))  # re-raises what a writer raised


def test_eight_writers_at_once_never_take_the_same_entry_number(tmp_path: Path):
    root = Workspace.init(tmp_path / "ws", year=2023).root
    with session_for(root):
        pass  # migrated once, before the writers start
    _append_from_threads(root, threads=8, each=20)
    assert verify_audit_log(root).to_dict() == {"checked": 160, "broken": None, "why": "", "ok": True}


def test_writers_at_once_on_postgresql_keep_one_chain(tmp_path: Path, monkeypatch):
    """The advisory lock: the shared server's chain holds whatever other tests append meanwhile."""
    import os

    from medaid.store import app

    url = os.environ.get("MEDAID_TEST_PG_URL", "")
    if not url:
        pytest.skip("没有可用的 PostgreSQL 服务器：设置 MEDAID_TEST_PG_URL=postgresql+psycopg://用户@主机/空库 后运行")
    pytest.importorskip("psycopg", reason="未安装 PostgreSQL 驱动 psycopg")
    monkeypatch.setenv(app.ENV_URL, url)
    root = Workspace.init(tmp_path / "ws", year=2023).root
    app.upgrade(url)
    with session_for(root) as session:
        before = session.query(AuditEntry).count()
    _append_from_threads(root, threads=8, each=5)
    checked = verify_audit_log(root)
    assert checked.broken is None and checked.checked >= before + 40
