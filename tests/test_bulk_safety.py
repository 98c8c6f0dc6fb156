"""The bulk tables' files are never lost by a write's error path (store.bulk, bulk_life): an exception that
arrives after COMMIT returned (a Ctrl-C, a signal) removes no recorded file; a recorded file missing on
disk is said in Chinese with how to recover; rows without their key or a required column, or with a
repeated key, are refused before they are written; the folders that gain an entry are flushed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pytest

from medaid.services.imports import import_file
from medaid.store import bulk, bulk_life, keys
from medaid.store.crypto import KeyRing
from medaid.workspace import Workspace, WorkspaceError
from tests.old_store import back_to_version_4
from tests.test_bulk_tables import FIRST, SECOND, files, recorded, rows, write


class InterruptedAfterCommit:
    """A store connection whose COMMIT succeeds and then raises KeyboardInterrupt, as a Ctrl-C handled at
    the first bytecode after the call returned does."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self.committed = False

    def execute(self, sql: str, *args: Any) -> Any:
        out = self._con.execute(sql, *args)
        if sql.strip().upper() == "COMMIT" and not self.committed:
            self.committed = True
            raise KeyboardInterrupt
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def __enter__(self) -> InterruptedAfterCommit:
        return self

    def __exit__(self, *exc: object) -> None:
        self._con.close()


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.init(tmp_path / "ws", region="示例县", year=2023)
    import_file(workspace.root, "settlements", write(tmp_path / "first.csv", FIRST))
    return workspace


def assert_every_recorded_file_is_there(root: Path) -> None:
    listed = recorded(root)  # connects: would raise WorkspaceError for a missing one
    assert listed and all((root / f).is_file() for f in listed)
    assert sorted(files(root)) == sorted(listed)  # and the files it replaced are gone


def test_an_import_interrupted_after_its_commit_keeps_what_it_recorded(ws: Workspace, tmp_path: Path, monkeypatch):
    before = recorded(ws.root)
    opened: list[InterruptedAfterCommit] = []
    real = Workspace.connect

    def connect(self: Workspace, *, read_only: bool = False) -> Any:
        con = real(self, read_only=read_only)
        if read_only:
            return con
        opened.append(InterruptedAfterCommit(con))
        return opened[-1]

    monkeypatch.setattr(Workspace, "connect", connect)
    with pytest.raises(KeyboardInterrupt):
        import_file(ws.root, "settlements", write(tmp_path / "second.csv", SECOND))
    monkeypatch.undo()

    assert any(c.committed for c in opened)
    stored = {r[0]: r[3] for r in rows(ws.root)}  # the commit happened: the new rows are read
    assert stored == {"S1": "二级", "S2": "二级", "S3": "三级", "S4": "二级", "S5": "二级"}
    assert_every_recorded_file_is_there(ws.root)
    assert set(before) - set(recorded(ws.root))  # February was rewritten: its old file is no longer the table


def test_a_rotation_interrupted_after_its_commit_keeps_the_new_files(ws: Workspace):
    old = ws.key()
    new = KeyRing.generate()
    before = recorded(ws.root)
    with Workspace.connect(ws) as con:
        wrapped = InterruptedAfterCommit(con)
        with pytest.raises(KeyboardInterrupt):
            keys.rekey_store(wrapped, old, new)  # type: ignore[arg-type]
        assert wrapped.committed
        assert keys.stored_fingerprint(con) == keys.fingerprint(new)
        people = {r[0] for r in con.execute("SELECT person_key FROM persons").fetchall()}
        stored = {r[0] for r in con.execute("SELECT DISTINCT person_key FROM settlements").fetchall()}
    assert stored and stored <= people  # the settlements read, under the new keys
    assert not set(before) & set(recorded(ws.root))
    assert_every_recorded_file_is_there(ws.root)


def test_a_migration_interrupted_after_its_commit_keeps_the_moved_rows(ws: Workspace):
    before = rows(ws.root)
    back_to_version_4(ws.root)
    with duckdb.connect(str(ws.store_path)) as con:
        wrapped = InterruptedAfterCommit(con)
        with pytest.raises(KeyboardInterrupt):
            bulk.migrate(wrapped)  # type: ignore[arg-type]
        assert wrapped.committed and not bulk.has_table(con, "settlements")
    assert rows(ws.root) == before
    assert_every_recorded_file_is_there(ws.root)


def test_a_failed_commit_is_rolled_back_and_its_files_removed_with_the_real_error(ws: Workspace, tmp_path: Path):
    before = files(ws.root)
    with ws.connect() as con:
        con.execute("BEGIN TRANSACTION")
        written = bulk.store(con, "settlements", "SELECT * REPLACE ('SX' AS settlement_id) FROM settlements LIMIT 1")
        assert written.new and all(p.is_file() for p in written.new)
        with pytest.raises(ZeroDivisionError):  # the real error, not the ROLLBACK's
            try:
                raise ZeroDivisionError
            except BaseException:
                bulk.undo(con, [written])
                bulk.undo(con, [written])  # again: no transaction left, still quiet
                raise
    assert files(ws.root) == before
    assert not any(bulk_life.kept(p) for p in written.new)


def test_a_recorded_file_missing_is_said_in_chinese_with_how_to_restore(ws: Workspace):
    lost = recorded(ws.root)[1]
    (ws.root / lost).unlink()
    with pytest.raises(WorkspaceError) as missing:
        Workspace.open(ws.root).connect(read_only=True)
    assert "结算明细文件缺失" in missing.value.what and lost in missing.value.what
    assert missing.value.where.file == str(ws.root / lost)
    assert "tables/" in missing.value.fix and "备份" in missing.value.fix
    with duckdb.connect(str(ws.store_path), read_only=True) as con, pytest.raises(bulk.MissingFileError):
        bulk.bulk_files(con, "settlements")  # Spark's list of files refuses it too


@pytest.mark.parametrize(
    ("rows_sql", "said"),
    [
        ("SELECT * REPLACE (NULL AS settlement_id) FROM settlements LIMIT 1", "settlement_id（1 行为空）"),
        (
            "SELECT * REPLACE ('SX' AS settlement_id, NULL AS person_key) FROM settlements LIMIT 1",
            "person_key（1 行为空）",
        ),
        ("SELECT * REPLACE ('SX' AS settlement_id, NULL AS in_scope) FROM settlements LIMIT 2", "in_scope（2 行为空）"),
        (
            "SELECT * FROM settlements UNION ALL SELECT * FROM settlements WHERE settlement_id < 'S3'",
            "settlement_id 重复 2 次",
        ),
    ],
)
def test_rows_without_their_key_or_a_required_column_are_refused_before_writing(
    ws: Workspace, rows_sql: str, said: str
):
    before = files(ws.root)
    with ws.connect() as con:
        con.execute("BEGIN TRANSACTION")
        with pytest.raises(bulk.BadRowsError, match=said) as refused:
            bulk.store(con, "settlements", rows_sql)
        bulk.undo(con, [])
    assert "没有修改任何数据" in refused.value.fix
    assert files(ws.root) == before


def test_a_stored_row_without_a_key_is_never_dropped_silently_by_a_rewrite(ws: Workspace, tmp_path: Path, monkeypatch):
    with ws.connect() as con, monkeypatch.context() as patched:  # as an older medaid could have stored it
        patched.setattr(bulk, "check", lambda *args: None)
        con.execute("BEGIN TRANSACTION")
        written = bulk.store(
            con,
            "settlements",
            "SELECT * REPLACE (NULL AS settlement_id) FROM settlements "
            "WHERE settlement_id = 'S2' UNION ALL SELECT * FROM settlements WHERE settlement_id = "
            "'S3'",
            "SELECT 'S3'",
        )  # fmt: skip (February's file rewritten: the keyless row in it)
        con.execute("COMMIT")
        written.settle()
    before = rows(ws.root)
    assert [r[0] for r in before] == ["S1", "S2", "S3", "S4", None]
    with ws.connect() as con:  # S3 corrected: February's files rewritten without S3, keeping the rest
        con.execute("BEGIN TRANSACTION")
        with pytest.raises(bulk.BadRowsError, match="settlement_id（1 行为空）"):
            bulk.store(con, "settlements", "SELECT * REPLACE ('三级' AS hospital_level) FROM settlements "
                       "WHERE settlement_id = 'S3'", "SELECT 'S3'")  # fmt: skip
        bulk.undo(con, [])
    assert rows(ws.root) == before  # the keyless row still there, nothing written


def test_a_first_import_flushes_every_folder_that_gained_an_entry(tmp_path: Path, monkeypatch):
    ws = Workspace.init(tmp_path / "ws", region="示例县", year=2023)
    opened: list[Path] = []
    real = os.open

    def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        opened.append(Path(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(bulk_life.os, "open", spy)
    import_file(ws.root, "settlements", write(tmp_path / "first.csv", FIRST))
    monkeypatch.undo()
    table = ws.root.resolve() / bulk.TABLES_DIR / "settlements"
    for folder in (table / "year=2023" / "month=1", table / "year=2023", table, table.parent, table.parent.parent):
        assert folder in opened
