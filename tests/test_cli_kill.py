"""kill -9 at the worst moment: while an import holds people's data in clear (a GBK file's UTF-8
copy; the uncommitted people of a UTF-8 file, with the default and a small DuckDB memory so that
DuckDB may spill), or once an unmasked ledger is complete but not yet logged. Afterwards every
table is as it was, no valid 身份证号 is in clear in the workspace (outside the owner-only scratch
space) or in the temp directory, and the next command removes what the killed one left.

The moment is made exact: the command runs with a hook that pauses it inside the named function
and writes a marker file; the test kills it as soon as the marker appears.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medaid.demo.generate import generate
from medaid.services.imports import import_file
from medaid.store.scratch import SCRATCH
from medaid.workspace import Workspace
from tests.test_security import clear_ids, ids_in_tables

MEDAID = str(Path(sys.executable).with_name("medaid"))
TABLES = ("persons", "recipients", "deaths", "settlements", "subsidies", "fund", "registry_snapshots", "imports",
          "verification_runs", "verification_findings")  # fmt: skip

# `medaid ARGS…` with MEDAID_TEST_PAUSE="module:function:before|after": the function, when called,
# writes the file MEDAID_TEST_MARKER and sleeps (before or after doing its work) until killed.
HOOK = """
import importlib, os, pathlib, sys, time
module, name, when = os.environ["MEDAID_TEST_PAUSE"].split(":")
target = importlib.import_module(module)
original = getattr(target, name)
def pause():
    pathlib.Path(os.environ["MEDAID_TEST_MARKER"]).write_text("paused")
    time.sleep(600)
def paused(*args, **kwargs):
    if when == "before":
        pause()
    result = original(*args, **kwargs)
    pause()
    return result
setattr(target, name, paused)
from medaid.cli import main
main()
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "data"
    generate(folder, 20_000, seed=17)
    return folder


def counts(root: Path) -> dict[str, int]:
    with Workspace.open(root).connect(read_only=True) as con:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES}


def workspace(tmp_path: Path, data: Path) -> Path:
    root = Workspace.init(tmp_path / "ws", year=2023).root
    import_file(root, "institutions", data / "institutions.csv")
    return root


def killed_at(tmp_path: Path, pause: str, args: list[str], env: dict[str, str]) -> None:
    """Run ``medaid args`` until it pauses at ``pause``, then SIGKILL it."""
    marker = tmp_path / "paused"
    command = [sys.executable, "-c", HOOK, *args]
    env = {**os.environ, **env, "MEDAID_TEST_PAUSE": pause, "MEDAID_TEST_MARKER": str(marker)}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    start = time.monotonic()
    try:
        while not marker.exists():
            if process.poll() is not None:
                raise AssertionError(f"the command ended before it paused: {process.stderr.read()!r}")  # type: ignore[union-attr]
            assert time.monotonic() - start < 120, "the command never paused"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == -signal.SIGKILL


def private_files(root: Path) -> list[Path]:
    return [p for p in (root / SCRATCH).rglob("*") if p.is_file()]


def owner_only(root: Path) -> bool:
    return all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in (root / SCRATCH).rglob("*"))


def after_the_kill(root: Path, before: dict[str, int], temp: Path, *, stored: tuple[str, ...] = ()) -> None:
    """``stored``: tables the killed command may have committed to before the moment (not compared)."""
    scratch = root / SCRATCH
    assert [f for f in clear_ids(root) if scratch not in f[0].parents] == []  # only in the private space …
    assert clear_ids(temp) == [] and list(temp.iterdir()) == []  # … never in the temp directory
    done = subprocess.run([MEDAID, "registry", str(root)], capture_output=True, text=True, check=False,
                          env={**os.environ, "TMPDIR": str(temp)})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert private_files(root) == []  # the next command removed what the killed one left
    assert clear_ids(root) == [] and clear_ids(temp) == []
    after = counts(root)
    assert {t: n for t, n in after.items() if t not in stored} == {t: n for t, n in before.items() if t not in stored}
    with Workspace.open(root).connect(read_only=True) as con:
        assert ids_in_tables(con) == []  # the store's strings are compressed: read through SQL


def environment(tmp_path: Path, memory: str | None) -> tuple[Path, dict[str, str]]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    return temp, {"TMPDIR": str(temp)} | ({"MEDAID_DUCKDB_MEMORY": memory} if memory else {})


MEMORY = pytest.mark.parametrize("memory", [None, "32MB"], ids=["default-memory", "small-memory"])


@MEMORY
def test_a_gbk_import_killed_while_its_utf8_copy_exists(tmp_path: Path, data: Path, memory: str | None):
    root = workspace(tmp_path, data)
    before = counts(root)
    temp, env = environment(tmp_path, memory)
    source = data / "recipients_乡村振兴.csv"
    assert source.read_bytes().decode("gb18030")  # a GBK file: it is transcoded before DuckDB reads it
    killed_at(tmp_path, "medaid.ingest.encoding:_transcode:after", ["import", str(root), "recipients",
              str(source)], env)  # fmt: skip
    assert clear_ids(root / SCRATCH) and owner_only(root)  # the clear copy was there, in the private space
    after_the_kill(root, before, temp)


@MEMORY
def test_a_utf8_import_killed_with_its_people_stored_but_not_committed(tmp_path: Path, data: Path, memory: str | None):
    root = workspace(tmp_path, data)
    before = counts(root)
    temp, env = environment(tmp_path, memory)
    killed_at(tmp_path, "medaid.ingest.load:store_people:after", ["import", str(root), "settlements",
              str(data / "settlements.csv")], env)  # fmt: skip
    spilled = [p for p in private_files(root) if p.suffix == ".tmp" and p.stat().st_size]
    assert (spilled or not memory) and owner_only(root)  # a small memory spills, into the private space
    after_the_kill(root, before, temp)


def test_an_unmasked_export_killed_once_complete_but_not_logged(tmp_path: Path, data: Path):
    root = workspace(tmp_path, data)
    for kind, name in (("recipients", "recipients_民政.csv"), ("settlements", "settlements.csv")):
        import_file(root, kind, data / name)
    subprocess.run([MEDAID, "accounts", "add", str(root), "张核查", "--role", "clerk"], check=True,
                   capture_output=True)  # fmt: skip
    before = counts(root)
    temp, env = environment(tmp_path, None)
    out = root / "ledgers" / "台账.xlsx"
    killed_at(tmp_path, "medaid.store.accounts:log_access:before", ["verify", str(root), "--month",
              "2023-12", "--format", "xlsx", "--out", str(out), "--unmasked", "--as", "张核查"], env)  # fmt: skip
    assert [p.name for p in private_files(root)] == [".台账.xlsx.part"]  # complete, in the private space only
    assert clear_ids(root / SCRATCH)  # identities in clear: the scan sees inside a workbook
    assert not out.exists()  # never a half-written ledger in place …
    logged = subprocess.run([MEDAID, "accounts", "log", str(root), "--format", "json"], capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert "张核查" not in logged  # … nor a log entry saying it was written
    # the month's run itself may be stored before the export: it holds no identity
    after_the_kill(root, before, temp, stored=("verification_runs", "verification_findings"))


def test_a_calculation_without_a_workspace_killed_leaves_its_copy_only_until_the_next_one(tmp_path: Path, data: Path):
    """No workspace, no scratch space in it: the GBK list's UTF-8 copy is in an owner-only folder under
    $TMPDIR named by the process; the next command without a workspace removes it."""
    temp, env = environment(tmp_path, None)
    source = data / "recipients_乡村振兴.csv"
    command = ["subsidy", "--policy", "default", "--recipients", str(source), "--year", "2023"]
    killed_at(tmp_path, "medaid.ingest.encoding:_transcode:after", command, env)
    [left] = list(temp.iterdir())
    assert stat.S_IMODE(left.stat().st_mode) == 0o700 and clear_ids(left)  # the copy, private to its owner
    done = subprocess.run([MEDAID, *command], capture_output=True, text=True, check=False, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    assert list(temp.iterdir()) == []  # removed by the next one, whose own folder is gone too
