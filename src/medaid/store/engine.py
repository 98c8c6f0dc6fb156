"""The one engine factory: every DuckDB connection and every Ibis backend is made here.

No other module calls ``duckdb.connect`` or ``ibis.<backend>.connect``: the scale work
plugs Spark in here, by setting, without touching the analytics that run on it.

- :func:`connect` opens the analytics store (a DuckDB file) or an in-memory database,
  bounded by ``MEDAID_DUCKDB_MEMORY`` and ``MEDAID_DUCKDB_THREADS``.
- :func:`backend` wraps a connection as the Ibis backend the analytics build their
  expressions on.
- :func:`analytics` is the backend a computation over a workspace runs on, by setting
  (``engine`` in medaid.yaml, ``MEDAID_ENGINE``): DuckDB as :func:`backend`, or Spark
  (``MEDAID_SPARK_MASTER``: local mode, a standalone, YARN or Kubernetes cluster, or a Spark
  Connect server) reading the same tables as Parquet (:mod:`medaid.store.spark`). Results to be
  kept come back as Arrow and are written to the DuckDB store as before.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from medaid.errors import Location, MedaidError
from medaid.progress import WAITING
from medaid.store.scratch import replace_durably

if TYPE_CHECKING:
    from ibis.backends import BaseBackend
    from ibis.backends.duckdb import Backend

    from medaid.settings import Settings
    from medaid.store.spark import Cluster


class EngineError(MedaidError):
    """The analytics engine cannot be started with these settings."""


def _config(threads: int | None, memory: str | None) -> dict[str, str | bool | int | float | list[str]]:
    from medaid.environment import environment
    from medaid.settings import SettingsError

    config: dict[str, str | bool | int | float | list[str]] = {}
    try:
        env = environment(only=("MEDAID_DUCKDB_MEMORY", "MEDAID_DUCKDB_THREADS"))  # read now, checked
    except SettingsError as err:
        raise EngineError(err.what, where=err.where, fix=err.fix) from None
    memory = memory or env.duckdb_memory
    if memory:
        config["memory_limit"] = memory
    threads = threads if threads is not None else env.duckdb_threads
    if threads is not None:
        config["threads"] = threads
    return config


def connect(
    path: Path | None = None,
    *,
    read_only: bool = False,
    threads: int | None = None,
    memory: str | None = None,
    temp_directory: Path | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection: the store file at ``path``, or an in-memory database when None.

    ``temp_directory``: where DuckDB spills what does not fit in memory — a private directory
    (``store.scratch``) whenever the data concern people."""
    config = _config(threads, memory)
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    try:
        if path is None:
            return duckdb.connect(":memory:", config=config)
        kept = _SHARED.get(path.resolve())
        if kept is not None:
            return kept.connect(path, config)
        return _waiting_for_the_lock(path, read_only, config)
    except duckdb.InvalidInputException as err:
        raise EngineError(
            f"DuckDB 设置无效（{str(err).splitlines()[0]}）",
            where=Location(key="MEDAID_DUCKDB_MEMORY"),
            fix="MEDAID_DUCKDB_MEMORY 应写成 3GB、512MB 这样的大小；或删除该变量",
        ) from err


LOCKED = "Could not set lock"  # DuckDB: another process has the file (one writer, or several readers)
KEEP_OPEN_SECONDS = 2.0  # a served store stays open this long after its last request (see share_connections)

# One process that both reads and writes the store at once (the web server: a page is read while an upload
# imports) must open every connection alike: DuckDB refuses a read-only connection to a file this process
# already has open for writing ("different configuration"). ``share_connections`` makes every connection of
# the process to that store a read-write one; connections of one process share one database and see each
# other's commits.
#
# Opening the file is the dear part of a small request (about 15 ms on a city store: the catalogue is read
# and the buffer cache starts empty). A server that is the store's only user (one worker) keeps one idle
# connection open while requests come: DuckDB then hands each request's connection the database already
# open (under a millisecond). It lets the file go once no request has come for KEEP_OPEN_SECONDS, so that a
# command run beside the server (an import from cron) gets its turn. Several worker processes share the
# file by turns, one request at a time, as before.


class _Kept:
    """The idle connection that keeps one served store open (``linger`` > 0), or none (0)."""

    def __init__(self, linger: float) -> None:
        self.linger = linger
        self.keeper: duckdb.DuckDBPyConnection | None = None
        self.last = 0.0
        self.lock = threading.Lock()

    def connect(self, path: Path, config: dict[str, str | bool | int | float | list[str]]) -> duckdb.DuckDBPyConnection:
        if self.linger > 0:
            with self.lock:
                if self.keeper is None:
                    self.keeper = _waiting_for_the_lock(path, False, config)
                    self._release_later(self.linger)
                self.last = time.monotonic()
        return _waiting_for_the_lock(path, False, config)  # the same configuration: the open database is shared

    def _release_later(self, seconds: float) -> None:
        timer = threading.Timer(seconds, self._release_if_idle)
        timer.daemon = True
        timer.start()

    def _release_if_idle(self) -> None:
        with self.lock:
            if self.keeper is None:
                return
            idle = time.monotonic() - self.last
            if idle < self.linger:
                self._release_later(self.linger - idle)
                return
            self.keeper.close()  # requests still running keep the database until their connections close
            self.keeper = None


_SHARED: dict[Path, _Kept] = {}


def share_connections(path: Path, *, keep_open: bool = False) -> None:
    """From now on, open the store at ``path`` read-write even when asked read-only (a server; see above);
    ``keep_open``: this process is the store's only server, so keep the file open while it is busy."""
    _SHARED.setdefault(path.resolve(), _Kept(KEEP_OPEN_SECONDS if keep_open else 0.0))


def _waiting_for_the_lock(
    path: Path, read_only: bool, config: dict[str, str | bool | int | float | list[str]]
) -> duckdb.DuckDBPyConnection:
    """Open the store; while another command holds it, wait (saying so) up to MEDAID_LOCK_TIMEOUT."""
    from medaid.environment import environment

    timeout = environment(only=("MEDAID_LOCK_TIMEOUT",)).lock_timeout
    start = time.monotonic()
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as err:
            if LOCKED not in str(err):
                raise
            waited = time.monotonic() - start
            if waited >= timeout:
                holder = re.search(r"PID (\d+)", str(err))
                raise EngineError(
                    f"工作区正被另一个命令使用{f'（进程 {holder.group(1)}）' if holder else ''}，"
                    f"等待 {waited:.0f} 秒后仍未释放",
                    where=Location(file=str(path)),
                    fix="请等那个命令结束后重试，或用环境变量 MEDAID_LOCK_TIMEOUT 设置更长的等待（秒）",
                ) from err
            WAITING.notify(f"工作区正被另一个命令使用，等待中（已等待 {waited:.0f} 秒）……")
            time.sleep(min(pause, max(0.0, timeout - waited)))
            pause = min(pause * 2, 1.0)


def rewrite(path: Path, folder: Path) -> None:
    """Copy the store at ``path`` into a fresh file and put it in place of the old one.

    DuckDB frees the blocks of a dropped column or of overwritten rows without clearing them: the
    birth dates of a store from before schema 2, or the ciphertexts under a key that was rotated
    away, stay readable in the file until it is rewritten. The copy holds only live data. It is
    made in ``folder`` (the private scratch space, on the same file system: the rename is atomic;
    a copy a kill interrupts is removed with the scratch space), under the write lock.
    """
    fresh = folder / f"{path.name}.rewrite"
    fresh.unlink(missing_ok=True)
    with connect(path, temp_directory=folder / "duckdb") as con:
        con.execute("FORCE CHECKPOINT")  # the write-ahead log into the file: nothing left to replay
        current = str(con.execute("SELECT current_database()").fetchall()[0][0])
        con.execute("ATTACH ? AS __fresh", [str(fresh)])
        con.execute(f'COPY FROM DATABASE "{current}" TO __fresh')
        con.execute("DETACH __fresh")
        replace_durably(fresh, path)  # still holding the old file's lock: no writer can slip in between


def backend(con: duckdb.DuckDBPyConnection) -> Backend:
    """The Ibis backend over a connection: the analytics build their expressions on it."""
    import ibis

    return ibis.duckdb.from_connection(con)


def choice(settings: Settings | None = None) -> Cluster | None:
    """The cluster the settings choose (None: DuckDB). MEDAID_ENGINE, MEDAID_SPARK_MASTER and
    MEDAID_SPARK_TABLES override ``engine``, ``spark.master`` and ``spark.tables`` of medaid.yaml."""
    from medaid.environment import environment
    from medaid.settings import DEFAULT_SPARK_MASTER, SettingsError
    from medaid.store.spark import Cluster

    try:
        env = environment(only=("MEDAID_ENGINE", "MEDAID_SPARK_MASTER", "MEDAID_SPARK_TABLES"))
    except SettingsError as err:
        raise EngineError(err.what, where=err.where, fix=err.fix) from None
    name = env.engine or (settings.engine if settings is not None else "duckdb")
    if name != "spark":
        return None
    file_master = settings.spark_master if settings is not None else None
    file_tables = settings.spark_tables if settings is not None else None
    master = env.spark_master or file_master or DEFAULT_SPARK_MASTER
    where = Location(key="MEDAID_SPARK_MASTER" if env.spark_master or not file_master else "spark.master")
    tables_where = Location(key="MEDAID_SPARK_TABLES" if env.spark_tables else "spark.tables")
    return Cluster(master, env.spark_tables or file_tables, where, tables_where)


@contextlib.contextmanager
def analytics(
    con: duckdb.DuckDBPyConnection,
    settings: Settings | None = None,
    *,
    scratch: Path | None = None,
    tables: Iterable[str] | Mapping[str, str],
) -> Iterator[BaseBackend]:
    """The Ibis backend a computation over the store ``con`` runs on, by setting (see :func:`choice`).

    ``tables``: the tables the computation reads (on Spark each becomes a view of the same name), or
    name → the DuckDB query that gives the rows Spark may see (a temporary table, pseudonymised).
    ``scratch``: the workspace's private scratch directory, where Spark's copies of the tables go
    (None: a private directory under the system's temporary folder, for work without a workspace).
    """
    cluster = choice(settings)
    if cluster is None:
        yield backend(con)
        return
    import ibis

    from medaid.store import scratch as private
    from medaid.store import spark

    queries = dict(tables) if isinstance(tables, Mapping) else {t: f"SELECT * FROM {t}" for t in tables}
    with contextlib.ExitStack() as stack:
        folder = scratch if scratch is not None else stack.enter_context(private.detached())
        session = stack.enter_context(spark.views(con, cluster, scratch=folder, tables=queries))
        yield ibis.pyspark.from_connection(session)


def stop() -> None:
    """Stop the analytics engine's sessions of this process (Spark's JVM and its executors), if one was started:
    a server shutting down. Nothing to do on DuckDB."""
    import sys

    started = sys.modules.get("medaid.store.spark")
    if started is not None:
        started.stop_all()
