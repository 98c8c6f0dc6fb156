"""Bulk writes at once (store.bulk_life): a server's imports take turns (each its own import id, no raw
DuckDB error), two processes' imports wait for each other, and a request that opened its connection
before an import's COMMIT still reads the files the import replaced, which go after a grace period."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from medaid.ingest.load import load_file
from medaid.services.imports import import_file
from medaid.store import bulk, bulk_life
from medaid.workspace import Workspace
from tests.test_bulk_tables import FIRST, SECOND, files, line, write
from tests.test_cli_kill import MEDAID


def many(tmp_path: Path, n: int, rows: int = 3000) -> Path:
    return write(tmp_path / f"{n}.csv", [line(f"C{n}-{i}", i % 4, f"2023-0{1 + i % 9}-05") for i in range(rows)])


def stored(ws: Workspace) -> tuple[int, int, list[int]]:
    with ws.connect(read_only=True) as con:
        count, distinct = con.execute("SELECT count(*), count(DISTINCT settlement_id) FROM settlements").fetchall()[0]
        ids = [int(r[0]) for r in con.execute("SELECT import_id FROM imports ORDER BY import_id").fetchall()]
    return int(count), int(distinct), ids


def listed(ws: Workspace) -> list[str]:
    with ws.connect(read_only=True) as con:
        return sorted(str(p.relative_to(ws.root)) for p in bulk.bulk_files(con, "settlements"))


def test_two_imports_at_once_in_a_server_both_succeed_in_turn(tmp_path: Path):
    """A served workspace shares one database between threads: the second import waits for the first
    (was: DuckDB's duplicate-key error on import_id); every file on disk is recorded."""
    ws = Workspace.serve(Workspace.init(tmp_path / "ws", year=2023).root)
    sources = [many(tmp_path, n) for n in (1, 2)]
    outcomes: list[object] = []

    def run(source: Path) -> None:
        try:
            outcomes.append(load_file(ws, "settlements", source).new)
        except Exception as err:  # the test says which error it was
            outcomes.append(repr(err))

    threads = [threading.Thread(target=run, args=(s,)) for s in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [3000, 3000]
    assert stored(ws) == (6000, 6000, [1, 2])
    assert sorted(files(ws.root)) == listed(ws)


def test_an_import_that_waits_too_long_for_another_says_so_in_chinese(tmp_path: Path, monkeypatch):
    ws = Workspace.serve(Workspace.init(tmp_path / "ws", year=2023).root)
    monkeypatch.setenv("MEDAID_LOCK_TIMEOUT", "1")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with bulk_life.turn(ws.root):  # another import of this process, still running
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(bulk_life.BulkBusyError) as refused:
            load_file(ws, "settlements", write(tmp_path / "a.csv", FIRST))
    finally:
        release.set()
        holder.join()
    assert "另一个导入正在进行" in refused.value.what and "稍后重试" in refused.value.fix
    assert refused.value.where is not None and refused.value.where.file == str(ws.root)
    assert not (ws.root / bulk.TABLES_DIR).exists() or not files(ws.root)  # nothing written
    assert stored(ws) == (0, 0, [])


def test_two_import_processes_at_once_wait_for_each_other(tmp_path: Path):
    root = Workspace.init(tmp_path / "ws", year=2023).root
    commands = [[MEDAID, "import", str(root), "settlements", str(many(tmp_path, n, 2000))] for n in (1, 2)]
    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    done = [(p.wait(timeout=300), *p.communicate()) for p in running]
    for code, out, err in done:
        assert code == 0, (out, err)
    ws = Workspace.open(root)
    assert stored(ws) == (4000, 4000, [1, 2])
    assert sorted(files(root)) == listed(ws)


def test_a_request_open_before_an_import_commits_still_reads_the_files_it_replaced(tmp_path: Path, monkeypatch):
    """In a server process the replaced files outlive the COMMIT by GRACE_SECONDS (a timer removes them):
    a request that opened its connection before reads on; a later one reads the new files."""
    monkeypatch.setattr(bulk_life, "GRACE_SECONDS", 60.0)
    ws = Workspace.serve(Workspace.init(tmp_path / "ws", year=2023).root)
    load_file(ws, "settlements", write(tmp_path / "first.csv", FIRST))
    before = set(files(ws.root))
    with ws.connect(read_only=True) as request:  # a page being read while an upload imports
        load_file(ws, "settlements", write(tmp_path / "second.csv", SECOND))  # February rewritten
        [february] = [p for p in before if "month=2" in p]
        assert february not in listed(ws) and (ws.root / february).exists()  # unrecorded, kept
        old = request.execute("SELECT settlement_id, hospital_level FROM settlements ORDER BY 1").fetchall()
        bulk.sweep(request)  # an import's sweep in the same process keeps it too
        assert (ws.root / february).exists()
    assert [r[0] for r in old] == ["S1", "S2", "S3", "S4"] and dict(old)["S3"] == "二级"
    with ws.connect(read_only=True) as later:
        assert later.execute("SELECT hospital_level FROM settlements WHERE settlement_id = 'S3'").fetchall() == [
            ("三级",)
        ]

    monkeypatch.setattr(bulk_life, "GRACE_SECONDS", 0.2)  # the next import's files go after 0.2 s
    load_file(ws, "settlements", write(tmp_path / "third.csv", [*FIRST[:2], line("S3", 2, "2023-02-20")]))
    retired = set(files(ws.root)) - set(listed(ws))
    assert retired  # the first February file (60 s) and the second (0.2 s)
    deadline = time.monotonic() + 10
    while (ws.root / next(p for p in retired if p != february)).exists():
        assert time.monotonic() < deadline, "the grace timer never removed the replaced file"
        time.sleep(0.05)
    assert (ws.root / february).exists()  # still within its 60 s

    # the server ends before the timer: the next command (another process) removes what is left
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from medaid.workspace import "
                    "Workspace; Workspace.open(Path(sys.argv[1]))", str(ws.root)], check=True)  # fmt: skip
    assert sorted(files(ws.root)) == listed(ws)


def test_a_command_removes_the_files_it_replaced_at_once(tmp_path: Path):
    ws = Workspace.init(tmp_path / "ws", year=2023)
    import_file(ws.root, "settlements", write(tmp_path / "first.csv", FIRST))
    import_file(ws.root, "settlements", write(tmp_path / "second.csv", SECOND))
    assert sorted(files(ws.root)) == listed(ws)
