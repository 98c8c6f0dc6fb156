"""People pseudonymised in batches: the worker processes give exactly what the one-by-one path gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import medaid.ingest.pseudonymise as pseudonymise
from medaid.demo.people import make_people
from medaid.ingest.pseudonymise import PseudonymiseError, Pseudonymiser
from medaid.services.imports import import_file
from medaid.store.crypto import ENV_VAR, NONCE_BYTES, KeyRing
from medaid.workspace import Workspace

PEOPLE = make_people(40, seed=14)  # valid 身份证号 (check characters included) and names


def _die(values: list[str]) -> list[str]:
    """A worker that stops as a killed or out-of-memory process does."""
    os._exit(3)


def test_pooled_hashes_and_ciphertexts_are_those_of_the_one_by_one_path():
    ring = KeyRing.generate()
    numbers = [p.id_number for p in PEOPLE]
    texts = [*numbers, None, *(p.name for p in PEOPLE)]
    with Pseudonymiser(ring, expected=len(texts), pool_at=1, chunk=7, workers=2) as pooled:
        assert pooled.pooled
        keys = pooled.person_keys(numbers)
        sealed = pooled.encrypt_all(texts)
    assert keys == [ring.person_key(n) for n in numbers]  # the same keys, in the order of the numbers
    assert sealed[len(numbers)] is None
    assert [ring.decrypt(blob) if blob is not None else None for blob in sealed] == texts
    nonces = [blob[:NONCE_BYTES] for blob in sealed if blob is not None]
    assert len(set(nonces)) == len(nonces)  # each value its own nonce, across workers too
    assert all(p.id_number.encode() not in blob for p, blob in zip(PEOPLE, sealed, strict=False) if blob)


def test_a_small_batch_starts_no_process(monkeypatch):
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker process was started for a small batch")

    monkeypatch.setattr(pseudonymise, "ProcessPoolExecutor", no_pool)
    ring = KeyRing.generate()
    numbers = [p.id_number for p in PEOPLE]
    with Pseudonymiser(ring, expected=len(numbers), workers=2) as small:  # far below SEAL_POOL_AT
        assert not small.pooled
        assert small.person_keys(numbers) == [ring.person_key(n) for n in numbers]
    with Pseudonymiser(ring, expected=10**9, pool_at=1, workers=1) as one_core:  # one core: no pool either
        assert [ring.decrypt(b) for b in one_core.encrypt_all(numbers) if b] == numbers


def test_a_worker_that_dies_stops_the_batch_with_a_chinese_error():
    ring = KeyRing.generate()
    numbers = [p.id_number for p in PEOPLE]
    with (
        Pseudonymiser(ring, expected=len(numbers), pool_at=1, chunk=5, workers=2) as pooled,
        pytest.raises(PseudonymiseError) as err,
    ):
        pooled._run(_die, ring.person_keys, numbers)
    assert "工作进程意外退出" in err.value.message and "未写入任何数据" in err.value.message


# a process that starts a pool, says its workers' ids, and waits to be killed
HOLDS_A_POOL = """
import time
from medaid.ingest.pseudonymise import Pseudonymiser
from medaid.store.crypto import KeyRing
pooled = Pseudonymiser(KeyRing.generate(), expected=4, pool_at=1, chunk=1, workers=2)
pooled.person_keys(["1", "2", "3", "4"])
print(*[p.pid for p in pooled._pool._processes.values()], flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits for its new parent


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_importing_process_is_killed():
    with subprocess.Popen([sys.executable, "-c", HOLDS_A_POOL], stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None
            workers = [int(pid) for pid in holder.stdout.readline().split()]
            assert len(workers) == 2 and all(_running(pid) for pid in workers)
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in workers)  # no worker left with the key in memory


REC_HEADER = "身份证号,姓名,救助类别,认定部门,生效日期,终止日期,区划"


def _import_people(root: Path, data: Path) -> list[tuple[object, ...]]:
    """A death list (people without names) then a recipients list (their names and new people);
    the stored people, deciphered, by key."""
    deaths = data / "deaths.csv"
    deaths.write_text("身份证号,死亡日期\n" + "".join(f"{p.id_number},2023-05-01\n" for p in PEOPLE[:10]), "utf-8")
    recipients = data / "recipients.csv"
    rows = "".join(f"{p.id_number},{p.name},低保对象,民政,2023-01-01,,一镇\n" for p in PEOPLE[5:])
    recipients.write_text(f"{REC_HEADER}\n{rows}", "utf-8")
    workspace = Workspace.init(root, region="示例县", year=2023)
    import_file(workspace.root, "deaths", deaths)
    import_file(workspace.root, "recipients", recipients)
    ring = workspace.key()
    with workspace.connect(read_only=True) as con:
        stored = con.execute(
            "SELECT person_key, id_cipher, name_cipher, id_masked, name_masked FROM persons ORDER BY person_key"
        ).fetchall()
        registered = con.execute("SELECT person_key, category FROM recipients ORDER BY ALL").fetchall()
    assert len(registered) == len(PEOPLE) - 5
    return [(key, ring.decrypt(i), ring.decrypt(n) if n else None, im, nm) for key, i, n, im, nm in stored]


def test_an_import_through_the_pool_stores_the_same_people_as_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, KeyRing.generate().secret.hex())  # both workspaces under one key
    (tmp_path / "data").mkdir()
    alone = _import_people(tmp_path / "alone", tmp_path / "data")
    monkeypatch.setattr(pseudonymise, "SEAL_POOL_AT", 1)  # every step through the workers, several tasks each
    monkeypatch.setattr(pseudonymise, "HASH_POOL_AT", 1)
    monkeypatch.setattr(pseudonymise, "CHUNK", 4)
    monkeypatch.setattr(pseudonymise, "available_cores", lambda: 2)
    started: list[int] = []
    real = pseudonymise.ProcessPoolExecutor

    def counted(*args: object, **kwargs: object) -> object:
        started.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pseudonymise, "ProcessPoolExecutor", counted)
    pooled = _import_people(tmp_path / "pooled", tmp_path / "data")
    assert started  # the pool did the work
    assert pooled == alone
    assert len(alone) == len(PEOPLE)
    assert sum(1 for row in alone if row[2] is None) == 5  # died before any list named them
    assert {row[1] for row in alone} == {p.id_number for p in PEOPLE}
