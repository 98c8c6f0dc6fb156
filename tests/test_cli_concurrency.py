"""Several commands on one workspace at once: the second writer waits for the first, readers wait
for writers (DuckDB keeps one writer or several readers per file), and every command finishes
with the right answer — none ends as an internal error (was: "Could not set lock … 内部错误")."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from medaid.demo.generate import generate
from medaid.services.imports import import_file
from medaid.workspace import Workspace

MEDAID = str(Path(sys.executable).with_name("medaid"))


def test_two_imports_and_a_registry_started_together_all_finish(tmp_path: Path):
    generate(tmp_path / "data", 20000, seed=13)
    workspace = Workspace.init(tmp_path / "ws", year=2023)
    import_file(workspace.root, "institutions", tmp_path / "data" / "institutions.csv")
    root = str(workspace.root)
    commands = [
        [MEDAID, "import", root, "settlements", str(tmp_path / "data" / "settlements.csv"), "--format", "json"],
        [MEDAID, "import", root, "recipients", str(tmp_path / "data" / "recipients_民政.csv"), "--format", "json"],
        [MEDAID, "registry", root, "--format", "json"],
        [MEDAID, "accounts", "add", root, "张三", "--role", "finance"],  # app state only: needs no write lock
    ]
    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    done = [(p.wait(timeout=300), *p.communicate()) for p in running]
    for (code, out, err), command in zip(done, commands, strict=True):
        assert code == 0, (command[1:3], out, err)
        assert "内部错误" not in err
    settlements, recipients = json.loads(done[0][1])[0], json.loads(done[1][1])[0]
    with Workspace.open(workspace.root).connect(read_only=True) as con:
        stored = dict(con.execute(
            "SELECT 'settlements', count(*) FROM settlements UNION ALL SELECT 'recipients', count(*) FROM recipients"
        ).fetchall())  # fmt: skip
    assert stored == {"settlements": settlements["new"], "recipients": recipients["new"]}
    registry = json.loads(done[2][1])  # before or after the recipients arrived, never half of them
    assert registry["import_id"] is None or sum(registry["by_category"].values()) > 0


def test_a_writer_that_waits_too_long_says_so(tmp_path: Path, monkeypatch):
    from medaid.store import engine

    workspace = Workspace.init(tmp_path / "ws", year=2023)
    monkeypatch.setenv("MEDAID_LOCK_TIMEOUT", "1")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
         "time.sleep(30)", str(workspace.store_path)], stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        try:
            engine.connect(workspace.store_path)
        except engine.EngineError as err:
            assert "工作区正被另一个命令使用" in err.what and "MEDAID_LOCK_TIMEOUT" in err.fix
        else:
            raise AssertionError("the second writer did not wait and give up")
    finally:
        holder.kill()
        holder.communicate()


# A process that tries to open the store each time it reads a line, and answers with the (system-wide)
# monotonic time of the try and whether the file was locked: its start-up (Python and DuckDB imported,
# slow on a loaded machine) is over before the timing that matters begins.
PROBE = """
import sys, time, duckdb
print("ready", flush=True)
for _ in sys.stdin:
    at = time.monotonic()
    try:
        duckdb.connect(sys.argv[1]).close()
        print(at, "open", flush=True)
    except duckdb.IOException as err:
        print(at, "locked" if sys.argv[2] in str(err) else repr(err), flush=True)
"""


def test_a_server_keeps_the_store_open_while_busy_and_lets_a_command_in_once_idle(tmp_path: Path, monkeypatch):
    """One worker keeps the store open between requests (opening it is the dear part of a small request);
    after KEEP_OPEN_SECONDS without a request another process may take the file. The margin is measured in
    the run: a try that came within KEEP_OPEN_SECONDS of the last request must find the file locked."""
    from medaid.store import engine

    linger = 0.5
    monkeypatch.setattr(engine, "KEEP_OPEN_SECONDS", linger)
    workspace = Workspace.init(tmp_path / "ws", year=2023)
    path = workspace.store_path
    monkeypatch.setattr(engine, "_SHARED", {})
    engine.share_connections(path, keep_open=True)
    probe = subprocess.Popen([sys.executable, "-c", PROBE, str(path), engine.LOCKED], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert probe.stdin is not None and probe.stdout is not None

    def try_the_file() -> tuple[float, str]:
        assert probe.stdin is not None and probe.stdout is not None
        probe.stdin.write("try\n")
        probe.stdin.flush()
        at, outcome = probe.stdout.readline().split(" ", 1)
        return float(at), outcome.strip()

    try:
        assert probe.stdout.readline().strip() == "ready"
        timely: list[str] = []
        for _ in range(20):  # a loaded machine may delay a try past the window: then try again
            last_request = time.monotonic()  # the kept connection is held until at least linger after this
            with workspace.connect(read_only=True) as con:  # a request
                assert con.execute("SELECT 1").fetchone() == (1,)
            at, outcome = try_the_file()
            if at < last_request + linger:
                timely.append(outcome)
                if len(timely) == 3:
                    break
        assert timely and set(timely) == {"locked"}, timely  # still kept: the next request is cheap
        with workspace.connect() as first, workspace.connect() as second:  # requests at once share the database
            first.execute("CREATE TABLE t AS SELECT 1 AS a")
            assert second.execute("SELECT a FROM t").fetchone() == (1,)
        deadline = time.monotonic() + 30
        while try_the_file()[1] != "open":
            assert time.monotonic() < deadline, "the idle server never let the store go"
            time.sleep(0.2)
    finally:
        probe.kill()
        probe.communicate()
