"""The life of a bulk table's Parquet files on disk (``store.bulk``), and whose turn it is to write them.

A file is *pending* from the moment a write makes it until its transaction commits (it is then
*recorded* in ``bulk_files``) or rolls back (it is removed). A recorded file that a later write replaces
is *unrecorded* at that write's COMMIT, and then removed:

- at once, in a process that does not serve the workspace (a command: it has no other connection open);
- in a server process (:func:`serve`), only after ``GRACE_SECONDS``: a request of the same process that
  opened its connection before the COMMIT still reads the files its view lists. A timer removes them;
  if the process ends first, the next command that opens the workspace does (``bulk.sweep``: another
  process's readers cannot outlive the write lock it took). Personal data therefore stay on disk at most
  ``GRACE_SECONDS`` after the COMMIT while the server runs, and otherwise until the next command.

Writers take turns (:func:`turn`): DuckDB keeps one writing process per file, but the threads of a
server share one database, and two imports at once would each take the next import id, the same one.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from medaid.errors import Location, MedaidError
from medaid.progress import WAITING
from medaid.store.bulk_spec import FILES
from medaid.store.scratch import PRIVATE_DIR, PRIVATE_FILE

GRACE_SECONDS = 600.0  # a replaced file outlives its COMMIT this long in a server process (see above)
_PENDING: set[Path] = set()  # files this process has written and not yet committed or abandoned
_RETIRED: dict[Path, float] = {}  # replaced files kept for this process's readers: path → monotonic deadline
_SERVED: set[Path] = set()  # the workspace folders this process serves
_TURNS: dict[Path, threading.RLock] = {}  # one writer at a time per workspace folder in this process
_GUARD = threading.Lock()


class BulkBusyError(MedaidError):
    """Another write to the same workspace in this process did not finish in time."""


def serve(root: Path) -> None:
    """This process serves the workspace at ``root``: requests may read while an import commits."""
    _SERVED.add(root.resolve())


def kept(path: Path) -> bool:
    """Whether an unrecorded file must stay: being written, or replaced lately for this process's readers."""
    with _GUARD:
        deadline = _RETIRED.get(path)
        return path in _PENDING or (deadline is not None and time.monotonic() < deadline)


@contextlib.contextmanager
def turn(root: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Wait for this process's other writers to the workspace at ``root`` (saying so), up to ``timeout``
    seconds (None: MEDAID_LOCK_TIMEOUT); then write. Re-entrant in one thread."""
    if timeout is None:
        from medaid.environment import environment

        timeout = float(environment(only=("MEDAID_LOCK_TIMEOUT",)).lock_timeout)
    with _GUARD:
        lock = _TURNS.setdefault(root.resolve(), threading.RLock())
    start = time.monotonic()
    while not lock.acquire(timeout=min(1.0, max(0.0, timeout - (time.monotonic() - start)))):
        waited = time.monotonic() - start
        if waited >= timeout:
            raise BulkBusyError(
                f"另一个导入正在进行，等待 {waited:.0f} 秒后仍未结束",
                where=Location(file=str(root)),
                fix="请稍后重试（本次没有修改任何数据），或用环境变量 MEDAID_LOCK_TIMEOUT 设置更长的等待（秒）",
            )
        WAITING.notify(f"另一个导入正在进行，等待中（已等待 {waited:.0f} 秒）……")
    try:
        yield
    finally:
        lock.release()


@dataclass
class Written:
    """What a write changed on disk: new files (recorded in the open transaction) and the files they replace."""

    root: Path
    new: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)

    def pending(self, paths: list[Path]) -> None:
        """``paths`` are written: no sweep removes them until :meth:`settle` or :meth:`abandon`."""
        self.new = paths
        with _GUARD:
            _PENDING.update(paths)

    def settle(self) -> None:
        """The transaction committed: the replaced files are no longer the table; remove them, at once or,
        in a server process, after ``GRACE_SECONDS`` (its requests opened before the COMMIT read them)."""
        with _GUARD:
            _PENDING.difference_update(self.new)
            if self.replaced and self.root.resolve() in _SERVED:
                deadline = time.monotonic() + GRACE_SECONDS
                _RETIRED.update(dict.fromkeys(self.replaced, deadline))
                timer = threading.Timer(GRACE_SECONDS, _expire)
                timer.daemon = True
                timer.start()
                return
        for path in self.replaced:
            path.unlink(missing_ok=True)

    def abandon(self, keep: Collection[Path] = ()) -> None:
        """The transaction did not commit: the new files were never the table; remove them but those in
        ``keep`` (recorded after all, or not known to be unrecorded: a later ``bulk.sweep`` decides)."""
        for path in self.new:
            if path not in keep:
                path.unlink(missing_ok=True)
        with _GUARD:
            _PENDING.difference_update(self.new)


def flush(paths: list[Path]) -> None:
    """The files and their folders on disk before the transaction that records them commits; owner-only
    whatever the umask (the month folders are DuckDB's)."""
    for path in paths:
        path.chmod(PRIVATE_FILE)
        handle = os.open(path, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
    if os.name == "posix":
        made = {p.parent for p in paths} | {p.parent.parent for p in paths}  # DuckDB's month and year folders
        for folder in made:
            folder.chmod(PRIVATE_DIR)
        # and where a new year folder, the table folder or tables/ (a first import) is an entry
        for folder in made | {p.parents[i] for p in paths for i in (2, 3, 4)}:
            handle = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


def undo(con: duckdb.DuckDBPyConnection, written: Iterable[Written | None]) -> None:
    """After an exception in a write's transaction: roll it back (a refused COMMIT has ended it already),
    then remove the new files it wrote, but never one ``bulk_files`` lists. The exception may have come
    after COMMIT returned (a Ctrl-C, a signal): the write then committed, and its replaced files go instead."""
    try:
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("ROLLBACK")
    finally:
        for files in written:
            if files is None:
                continue
            try:
                mine = [str(p.relative_to(files.root)) for p in (*files.new, *files.replaced)]
                listed = {files.root / str(r[0]) for r in con.execute(
                    f"SELECT file FROM {FILES} WHERE list_contains(?, file)", [mine]).fetchall()}  # fmt: skip
            except duckdb.Error:  # the store cannot say: keep them all, the next sweep decides
                files.abandon(keep=files.new)
                continue
            if (files.new or files.replaced) and listed == set(files.new):
                files.settle()  # committed after all
            else:
                files.abandon(keep=listed)


def _expire() -> None:
    """Remove the replaced files whose grace is over (a timer of :meth:`Written.settle`)."""
    now = time.monotonic()
    with _GUARD:
        due = [p for p, deadline in _RETIRED.items() if deadline <= now]
        for path in due:
            del _RETIRED[path]
    for path in due:
        path.unlink(missing_ok=True)


__all__ = ["GRACE_SECONDS", "BulkBusyError", "Written", "flush", "kept", "serve", "turn", "undo"]
