"""How medaid starts Spark (``engine: spark``): the checks before anything starts, the one session per process
and master, the call's own Spark Connect session, and where the executors on this machine put their files.

:mod:`medaid.store.spark` gives calls their views over these sessions; nothing else calls this module.

- :func:`session` starts Spark once per process (classic Spark: one SparkContext per process, so one master;
  a second master is refused, never swapped in under another thread's job). It is stopped at exit and when
  the server stops (:func:`stop_all`, through ``engine.stop``).
- Before anything starts, a missing pyspark or Java and a master nobody answers at are errors in Chinese that
  say what, where and how to fix, never a Java stack trace.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medaid.errors import Location
from medaid.store import scratch as private
from medaid.store.engine import EngineError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

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


def session(cluster: Cluster, work: Path | None = None) -> SparkSession:
    """The process's Spark session on ``cluster.master`` (classic Spark: started once, kept until
    :func:`stop_all`). One process has one SparkContext, so a second master is refused, never swapped in:
    stopping the first would kill the jobs other threads are running on it."""
    _check_prerequisites(cluster)
    from pyspark import SparkContext

    with _LOCK:
        found = _STARTED.get(cluster.master)
        if found is not None and _alive(found):
            return found
        running = SparkContext._active_spark_context  # started here, or by the program that imports medaid
        other = running.master if running is not None else next(iter(_STARTED), None)
        if other is not None and other != cluster.master:
            raise EngineError(
                f"本进程已在使用 Spark 集群 {other}，不能同时再用 {cluster.master}（一个进程只能连一个 Spark 集群）",
                where=cluster.where,
                fix="请让同一服务进程中的各工作区使用相同的 spark.master，或为另一个集群另起一个 medaid 进程；"
                "改了 medaid.yaml 中的 spark.master 后请重启服务",
            )
        try:
            started: SparkSession = _builder(cluster, _local_dir(cluster, work)).getOrCreate()
        except Exception as err:  # Py4J, PySparkRuntimeError, a JVM that exited: never their stack trace
            fix = "请检查集群地址、集群是否有空闲的核和内存（spark-defaults.conf），以及本机的 Java"
            raise failure(err, f"Spark 启动失败：{cluster.master}", cluster.where, fix) from None
        started.sparkContext.setLogLevel("ERROR")
        if cluster.on_this_machine:
            # The Python workers start from SparkContext.pythonExec, which pyspark takes from the PYSPARK_PYTHON
            # environment variable only (pyspark/core/context.py; spark.pyspark.python is read by spark-submit,
            # not by a session built in Python): set it on the context, not in the process's environment.
            started.sparkContext.pythonExec = sys.executable
        if not _STARTED:
            atexit.register(stop_all)
        _STARTED[cluster.master] = started
        return started


def _connect(cluster: Cluster) -> SparkSession:
    """A Spark Connect session of the call's own (its own session id on the server: views of its own),
    released by the caller (``stop``)."""
    _check_prerequisites(cluster)
    from pyspark.sql import SparkSession

    try:
        own: SparkSession = SparkSession.builder.remote(cluster.master).appName("medaid").create()
    except Exception as err:
        raise failure(err, f"连接 Spark Connect 服务失败：{cluster.master}", cluster.where,
                      "请确认 Spark Connect 服务已启动、地址和端口正确") from None  # fmt: skip
    return own


_LOCAL_DIRS: list[Path] = []  # the process's spark.local.dir (at most one: one SparkContext per process)


def _local_dir(cluster: Cluster, work: Path | None) -> Path | None:
    """Where executors on this machine put shuffle and spill files (person keys, amounts): a private directory
    of this process, removed when it ends and, after a crash, by the next process that cleans the same place.
    Inside the workspace's scratch space when the call has one (``work``: the workspace's process directory,
    :func:`medaid.store.scratch.process_dir`; ``scratch.clean`` removes it), else under the system's temporary
    folder (``scratch.clean_detached``). The session lives as long as the process, so the directory too.
    None for a cluster elsewhere (its own spark.local.dir, see docs/security.md)."""
    if not cluster.on_this_machine:
        return None
    if not _LOCAL_DIRS:
        if work is not None and work.parent.name == private.SCRATCH:  # the workspace's process directory
            folder = private.private_dir(work / "spark-local")
        else:  # work without a workspace: its folder is removed when the call ends, the session is not
            folder = Path(tempfile.mkdtemp(prefix=f"{private.DETACHED}{os.getpid()}-{int(time.time())}-spark"))
            atexit.register(shutil.rmtree, folder, True)
        _LOCAL_DIRS.append(folder)
    return _LOCAL_DIRS[0]


def _alive(found: SparkSession) -> bool:
    try:
        return found.sparkContext._jsc is not None  # stopped: None
    except Exception:
        return True  # Spark Connect: no SparkContext; the server keeps the session


def _builder(cluster: Cluster, local_dir: Path | None = None) -> Any:
    from pyspark.sql import SparkSession

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
    if local_dir is not None:  # shuffle and spill files: private, never left in /tmp after a crash
        builder = builder.config("spark.local.dir", str(local_dir))
    return builder


def _cores(master: str) -> int:
    """The cores of a local master: local → 1, local[4] → 4, local[*] → every core of this machine."""
    inside = master[len("local[") : -1].split(",")[0] if master.startswith("local[") else "1"
    return int(inside) if inside.isdigit() else os.cpu_count() or 1


def stop_all() -> None:
    """Stop the process's Spark sessions (a server shutting down, the end of a test module)."""
    with _LOCK:
        for started in _STARTED.values():
            with contextlib.suppress(Exception):
                started.stop()
        _STARTED.clear()
