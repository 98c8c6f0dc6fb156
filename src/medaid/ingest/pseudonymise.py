"""The people of an import pseudonymised in batches, in worker processes when there are many.

HMAC-SM3 (the ``person_key`` people are joined on) and SM4-GCM (the ciphertexts of 身份证号 and
names) cost a few microseconds per value in ``cryptography``, in Python: at city scale (a million
values) they were the largest part of an import after validation. :class:`Pseudonymiser` does
them for a whole batch at once (``KeyRing.person_keys``, ``KeyRing.encrypt_all``: one key set-up
per batch) and, from a threshold on, in a pool of worker processes, one per available core,
``CHUNK`` values at a time: ``SEAL_POOL_AT`` values to encrypt (about 7 µs each), ``HASH_POOL_AT``
numbers to hash (about 2 µs each: a pool pays for its start only on a province's list). Below
them no process is started: a small import stays as fast as before.

Workers are started with ``spawn``: a fresh interpreter that imports this module (and, as
multiprocessing does, the main module: a script that imports must keep its work under
``if __name__ == "__main__":``, as the CLI, the web server, the benchmarks and pytest do). Nothing
of the importing process is forked (DuckDB's threads, its open store, the rows in memory), and
nothing is left in ``$TMPDIR``, even after a kill -9. The key is handed to each worker by the
pool's initializer: it travels pickled through the pipe that starts the worker (never through a
file, an argument list, the environment or a log), and it ends with the worker when the pool is
shut down at the end of the step. The results come back in the order of the values
(``Executor.map``), whichever worker computed them, so that the person keys, and which ciphertext
belongs to whom, do not depend on the pool.

A worker that dies (killed, out of memory) stops the import with a Chinese error; the import's
transaction is then rolled back by its caller. A worker whose importing process dies (kill -9)
ends within ``ORPHAN_CHECK`` seconds instead of waiting on its queue with the key in memory.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TypeVar

from medaid.errors import MedaidError
from medaid.store.crypto import KeyRing

SEAL_POOL_AT = 200_000  # values to encrypt in one step of an import from which workers pay for their start
HASH_POOL_AT = 1_000_000  # numbers to hash in one step from which they do
CHUNK = 50_000  # values a worker takes at a time
START_METHOD = "spawn"  # a fresh interpreter per worker: nothing of the importing process is forked

T = TypeVar("T")
R = TypeVar("R")

_ring: KeyRing | None = None  # a worker's key, set by the pool's initializer
ORPHAN_CHECK = 0.2  # seconds between a worker's looks at whether the importing process still lives


class PseudonymiseError(MedaidError):
    """A worker process pseudonymising people stopped."""


def available_cores() -> int:
    """The cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start(secret: bytes, parent: int) -> None:
    """A worker's initializer: its key, and a watch that ends it as soon as the importing process is
    gone (killed with -9, a worker would otherwise wait on its queue for ever, the key in memory)."""
    global _ring
    _ring = KeyRing(secret)
    threading.Thread(target=_end_with, args=(parent,), daemon=True, name="medaid-orphan-watch").start()


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK)
    os._exit(1)


def _worker_ring() -> KeyRing:
    if _ring is None:  # never expected: the initializer runs first
        raise RuntimeError("worker started without its key")
    return _ring


def _keys(numbers: list[str]) -> list[str]:
    return _worker_ring().person_keys(numbers)


def _sealed(texts: list[str | None]) -> list[bytes | None]:
    return _worker_ring().encrypt_all(texts)


class Pseudonymiser:
    """Keyed hashes and ciphertexts of batches of values, for one step of one import.

    ``expected``: how many values the step will give in all (its people, or their numbers and names);
    from ``pool_at`` on (by default ``SEAL_POOL_AT``), and with more than one worker, a process pool
    is started on first use and shut down when the ``with`` block ends. ``chunk``: values per task
    (by default ``CHUNK``); ``workers``: by default the available cores.
    """

    def __init__(
        self,
        ring: KeyRing,
        *,
        expected: int,
        pool_at: int | None = None,
        chunk: int | None = None,
        workers: int | None = None,
    ) -> None:
        self._ring = ring
        self._chunk = max(1, CHUNK if chunk is None else chunk)
        self._workers = workers if workers is not None else available_cores()
        self._pooled = expected >= (SEAL_POOL_AT if pool_at is None else pool_at) and self._workers > 1
        self._pool: ProcessPoolExecutor | None = None

    @property
    def pooled(self) -> bool:
        return self._pooled

    def __enter__(self) -> Pseudonymiser:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def person_keys(self, numbers: Sequence[str]) -> list[str]:
        """``KeyRing.person_key`` of each (normalised) 身份证号, in order."""
        return self._run(_keys, self._ring.person_keys, list(numbers))

    def encrypt_all(self, texts: Sequence[str | None]) -> list[bytes | None]:
        """``KeyRing.encrypt`` of each text, in order; None stays None."""
        return self._run(_sealed, self._ring.encrypt_all, list(texts))

    def _run(
        self, remote: Callable[[list[T]], list[R]], local: Callable[[list[T]], list[R]], values: list[T]
    ) -> list[R]:
        if not self._pooled or len(values) < 2:
            return local(values)
        size = min(self._chunk, -(-len(values) // self._workers))  # every worker busy, none with too much
        pieces = [values[i : i + size] for i in range(0, len(values), size)]
        try:
            return [out for piece in self._executor().map(remote, pieces) for out in piece]
        except BrokenProcessPool:
            self.close()
            raise PseudonymiseError(
                "加密身份证号和姓名的工作进程意外退出（可能内存不足或被终止），本次导入未写入任何数据",
                fix="请关闭其他占用内存的程序后重新导入；"
                "如仍失败，请设置环境变量 MEDAID_DUCKDB_MEMORY 调低内存上限后重试",
            ) from None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context(START_METHOD),
                initializer=_start,
                initargs=(self._ring.secret, os.getpid()),
            )
        return self._pool


__all__ = ["CHUNK", "HASH_POOL_AT", "SEAL_POOL_AT", "PseudonymiseError", "Pseudonymiser", "available_cores"]
