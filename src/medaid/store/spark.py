"""Spark as the analytics engine (``engine: spark``): the session, and the tables it reads.

Only :mod:`medaid.store.engine` calls this module (``engine.analytics``). The analytics then build
the same Ibis expressions they build on DuckDB, over an ``ibis.pyspark`` backend.

- :func:`session` starts Spark (or joins a Spark Connect server) once per process and master. Before
  anything starts, a missing pyspark or Java and a master nobody answers at are errors in Chinese that
  say what, where and how to fix, never a Java stack trace.
- :func:`views` gives one call its own Spark session (``newSession``: the process's SparkContext,
  but views of its own, so two workspaces served by one process never see each other's tables) with
  the tables the call reads registered as views of the same names. The bulk table (settlements) is
  read from ``spark.tables`` (``MEDAID_SPARK_TABLES``: Parquet on storage the cluster reads, HDFS or
  S3) when that is given. Otherwise, when the executors share this machine's files (local mode, a
  standalone cluster started here), Spark reads the workspace's own Parquet files of the months the
  call needs (:mod:`medaid.store.spark_tables`), and the small tables from a Parquet copy of the rows
  the call needs, made in the workspace's private scratch space (owner-only, removed when the call
  ends); for a cluster elsewhere the rows go with the job as Arrow.

Spark never sees a 身份证号, a name or their ciphertexts: ``persons`` is not among the tables it may
read (:data:`READABLE`), and the other tables hold people only as ``person_key`` (a keyed hash).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import sys
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from medaid.errors import Location
from medaid.store import bulk, spark_tables
from medaid.store.engine import EngineError
from medaid.store.scratch import private_dir

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# The tables Spark may read: people appear in them only as person_key. ``claims`` is the
# temporary table of a batch settled from a file (services.policy), pseudonymised on the way.
READABLE = frozenset({"settlements", "subsidies", "fund", "deaths", "registry_snapshots", "verification_runs",
                      "claims"})  # fmt: skip
# The tables big enough to live on the cluster's storage (``spark.tables``: one directory each, Parquet,
# partitioned by region, year and month); the others are small and go from the store with the job.
BULK = frozenset(bulk.TABLES)
CONNECT_PORT = 15002  # Spark Connect's default
STANDALONE_PORT = 7077
PROBE_SECONDS = 5.0
INSTALL = "pip install 'pyspark>=3.5,<5' 'pandas>=2.2,<3'"


@dataclass(frozen=True)
class Cluster:
    """Where Spark runs (``master``) and reads the tables (``tables``: None, the workspace's own)."""

    master: str
    tables: str | None
    where: Location  # the setting that named the master (for errors)
    tables_where: Location | None = None  # the setting that named the tables' directory

    @property
    def connect(self) -> bool:
        return self.master.startswith("sc://")

    @property
    def on_this_machine(self) -> bool:
        """local mode, or a standalone master at the loopback address (executors share this file system)."""
        hosts = [h.rsplit(":", 1)[0] for h in _hosts(self.master)]
        return self.master.startswith("local") or (bool(hosts) and all(h in _LOOPBACK for h in hosts))


_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_LOCK = threading.Lock()
_STARTED: dict[str, SparkSession] = {}  # master → the process's session


def _hosts(master: str) -> list[str]:
    """host:port of each master a spark:// or sc:// address names (a standby master after a comma)."""
    for scheme, port in (("spark://", STANDALONE_PORT), ("sc://", CONNECT_PORT)):
        if master.startswith(scheme):
            hosts = master[len(scheme) :].split("/", 1)[0].split(",")
            return [h if ":" in h.lstrip("[").split("]")[-1] else f"{h}:{port}" for h in hosts if h]
    return []


def _answers(host_port: str) -> bool:
    host, port = host_port.rsplit(":", 1)
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_SECONDS):
            return True
    except (OSError, ValueError):
        return False


def _check_prerequisites(cluster: Cluster) -> None:
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("pandas") is None:
        raise EngineError(
            "分析引擎设为 spark，但本机没有安装 pyspark（及其所需的 pandas）",
            where=cluster.where,
            fix=f"请在 medaid 所在的 Python 环境中安装：{INSTALL}；或把引擎改回 duckdb",
        )
    if cluster.connect and importlib.util.find_spec("grpc") is None:
        raise EngineError(
            f"Spark Connect 地址 {cluster.master} 需要 pyspark 的 connect 组件，本机没有安装",
            where=cluster.where,
            fix="请安装：pip install 'pyspark[connect]>=3.5,<5'；或改用 spark://、yarn 等集群地址",
        )
    if not cluster.connect and shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError(
            "分析引擎设为 spark，但本机没有 Java 运行环境（Spark 需要 Java 17 或更高版本）",
            where=cluster.where,
            fix="请安装 Java 17（如 apt-get install openjdk-17-jre-headless）或设置 JAVA_HOME；或把引擎改回 duckdb",
        )
    hosts = _hosts(cluster.master)
    if hosts and not any(_answers(h) for h in hosts):
        raise EngineError(
            f"连接不上 Spark {'Connect 服务' if cluster.connect else '集群'} {cluster.master}"
            f"（{'、'.join(hosts)} 无应答）",
            where=cluster.where,
            fix="请确认集群已启动、地址和端口正确、本机能访问该端口；或把引擎改回 duckdb",
        )


def failure(err: BaseException, what: str, where: Location, fix: str) -> EngineError:
    """A Spark or Py4J error as a user error: its first line, not the Java stack."""
    first = next((line.strip() for line in str(err).splitlines() if line.strip()), type(err).__name__)
    return EngineError(f"{what}（{first[:300]}）", where=where, fix=fix)


def session(cluster: Cluster) -> SparkSession:
    """The process's Spark session on ``cluster.master`` (started once; another master replaces it)."""
    _check_prerequisites(cluster)
    from pyspark.sql import SparkSession

    with _LOCK:
        found = _STARTED.get(cluster.master)
        if found is not None and _alive(found):
            return found
        for other in list(_STARTED.values()):
            with contextlib.suppress(Exception):
                other.stop()
        _STARTED.clear()
        active = SparkSession.getActiveSession()
        if active is not None and not cluster.connect:  # one SparkContext per process: a session on another master
            if active.sparkContext.master == cluster.master:
                _STARTED[cluster.master] = active
                return active
            active.stop()
        if cluster.on_this_machine:  # local mode's workers start from PYSPARK_PYTHON, not from the config
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        try:
            started: SparkSession = _builder(cluster).getOrCreate()
        except Exception as err:  # Py4J, PySparkRuntimeError, a JVM that exited: never their stack trace
            fix = "请检查集群地址、集群是否有空闲的核和内存（spark-defaults.conf），以及本机的 Java"
            raise failure(err, f"Spark 启动失败：{cluster.master}", cluster.where, fix) from None
        if not cluster.connect:
            started.sparkContext.setLogLevel("ERROR")
        _STARTED[cluster.master] = started
        return started


def _alive(found: SparkSession) -> bool:
    try:
        return found.sparkContext._jsc is not None  # stopped: None
    except Exception:
        return True  # Spark Connect: no SparkContext; the server keeps the session


def _builder(cluster: Cluster) -> Any:
    from pyspark.sql import SparkSession

    if cluster.connect:
        return SparkSession.builder.remote(cluster.master).appName("medaid")
    builder = (
        SparkSession.builder.master(cluster.master)
        .appName("medaid")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # medaid shows its own progress
        .config("spark.sql.session.timeZone", "UTC")
    )
    if cluster.master.startswith("local"):  # one task per core, not Spark's 200 per shuffle
        builder = builder.config("spark.sql.shuffle.partitions", str(_cores(cluster.master)))
    if cluster.on_this_machine:  # executors run here: the same Python (the settlement kernel), the loopback
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.pyspark.python", sys.executable)
        )
    return builder


def _cores(master: str) -> int:
    """The cores of a local master: local → 1, local[4] → 4, local[*] → every core of this machine."""
    inside = master[len("local[") : -1].split(",")[0] if master.startswith("local[") else "1"
    return int(inside) if inside.isdigit() else os.cpu_count() or 1


@contextlib.contextmanager
def views(
    con: duckdb.DuckDBPyConnection, cluster: Cluster, *, scratch: Path, tables: Mapping[str, str]
) -> Iterator[SparkSession]:
    """A Spark session of the call's own with each of ``tables`` (name → the DuckDB query giving its rows)
    registered as a view of that name; the workspace copies are removed when the call ends."""
    wrong = sorted(set(tables) - READABLE)
    if wrong:
        raise ValueError(f"Spark may not read {wrong}: people reach it only as person_key")
    base = session(cluster)
    own = base.newSession() if not cluster.connect else base
    folder = private_dir(scratch / f"spark-{uuid.uuid4().hex}")
    try:
        for name, query in tables.items():
            _register(own, con, cluster, name, query, folder)
        yield own
    except EngineError:
        raise
    except Exception as err:
        if type(err).__module__.startswith(("pyspark", "py4j")):
            raise failure(err, "Spark 计算失败", cluster.where, "请检查集群状态和日志；或把引擎改回 duckdb") from None
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def shares_files(cluster: Cluster) -> bool:
    """Whether the executors read this machine's files (local mode, a standalone cluster started here)."""
    return cluster.on_this_machine


def _register(
    own: SparkSession, con: duckdb.DuckDBPyConnection, cluster: Cluster, name: str, query: str, folder: Path
) -> None:
    """The table ``name`` as a view of ``own``, read the cheapest way the cluster allows:

    - a bulk table (:data:`BULK`) from its directory under ``spark.tables`` when that is given, kept to the
      months the query needs by the partition columns;
    - a bulk table whose query keeps an interval of dates (``spark_tables.span_of``: the year, the year
      to a month's end), executors on this machine: straight from the workspace's files of those months;
    - else, executors on this machine: from a Parquet copy of the query's rows in ``folder``;
    - else (a cluster elsewhere): the query's rows sent with the job from here, as Arrow.
    """
    span = spark_tables.span_of(con, name, query) if name in BULK else None
    files = spark_tables.recorded_files(con, name) if span is not None and shares_files(cluster) else None
    if cluster.tables is not None and name in BULK:
        path = f"{cluster.tables.rstrip('/')}/{name}"
        try:
            frame = own.read.parquet(path)
        except Exception as err:
            raise failure(err, f"Spark 读不到表 {name} 的 Parquet 文件：{path}", cluster.tables_where or Location(),
                          "请把该表的 Parquet 目录放到这个地址下（见 docs/scale.md），"
                          "或删除该设置而由 medaid 把数据随作业发给集群") from None  # fmt: skip
        frame = spark_tables.within(frame, name, span) if span is not None else frame
        frame = frame.select(*(c for c, _ in bulk.TABLES[name].columns))  # not region, year, month
    elif span is not None and files is not None:
        frame = spark_tables.from_workspace(own, con, name, span, files)
    elif shares_files(cluster):
        target = folder / f"{name}.parquet"
        quoted = str(target).replace("'", "''")
        con.execute(f"COPY ({query}) TO '{quoted}' (FORMAT parquet)")
        frame = own.read.parquet(str(target))
    else:
        frame = own.createDataFrame(con.sql(query).to_arrow_table())
    frame.createOrReplaceTempView(name)


def stop_all() -> None:
    """Stop the process's Spark sessions (a server shutting down, the end of a test module)."""
    with _LOCK:
        for started in _STARTED.values():
            with contextlib.suppress(Exception):
                started.stop()
        _STARTED.clear()
