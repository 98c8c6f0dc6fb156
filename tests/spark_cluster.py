"""Spark for the tests, started as rarely as possible (a JVM takes seconds to tens of seconds here).

- :func:`local_spark`: the session's one Spark in local mode (``LOCAL``), the very session the engine
  factory uses with ``MEDAID_SPARK_MASTER=local[2]`` (``store.spark.session`` keeps one per process and
  master). A session-scoped fixture: every test module that imports it shares the one JVM, which stops
  when the test session ends. A test that wants views or settings of its own takes ``.newSession()``.
- :func:`standalone`: a standalone cluster on this machine, one master and one worker started from the
  pyspark package's own scripts (bin/spark-class), bound to 127.0.0.1 on free ports, small in memory,
  and torn down whatever happens (their process groups are killed).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from medaid.store.scratch import private_dir

LOCAL = "local[2]"  # the one local master of the tests: another would stop this JVM and start one more
QUICK = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"  # the tests' JVMs live a minute: a quick start, not peak speed
START_SECONDS = 120  # the machine may be shared: a JVM can take a while to come up


@pytest.fixture(scope="session")
def local_spark() -> Iterator[Any]:
    """The process's Spark session on ``LOCAL``, started once for the test session (see the module)."""
    from medaid.errors import Location
    from medaid.store import spark

    before = os.environ.get("PYSPARK_SUBMIT_ARGS")
    os.environ["PYSPARK_SUBMIT_ARGS"] = f"--driver-java-options '{QUICK}' pyspark-shell"  # read as the JVM starts
    try:
        session = spark.session(spark.Cluster(LOCAL, None, Location()))
    finally:
        _restore("PYSPARK_SUBMIT_ARGS", before)
    yield session
    spark.stop_all()


def _restore(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@dataclass(frozen=True)
class Cluster:
    master: str  # spark://127.0.0.1:PORT
    conf_dir: Path  # SPARK_CONF_DIR for a driver: spark-defaults.conf sized for this worker
    logs: Path

    def driver_environment(self) -> dict[str, str]:
        """What a medaid command needs to run on this cluster."""
        return {"MEDAID_ENGINE": "spark", "MEDAID_SPARK_MASTER": self.master, "SPARK_CONF_DIR": str(self.conf_dir),
                "SPARK_LOCAL_IP": "127.0.0.1"}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _spark_class() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent / "bin" / "spark-class"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def _alive_workers(ui_port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=2) as reply:
            return int(json.load(reply).get("aliveworkers", 0))
    except (OSError, ValueError):
        return 0


@contextlib.contextmanager
def standalone(folder: Path, *, cores: int = 2, memory: str = "1g") -> Iterator[Cluster]:
    """A master and a worker (``cores``, ``memory``) until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    port, ui, worker_ui = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_DAEMON_MEMORY": "256m",
        "SPARK_NO_DAEMONIZE": "1",
        "SPARK_DAEMON_JAVA_OPTS": QUICK,
        "SPARK_LOCAL_DIRS": str(private_dir(folder / "local")),  # the executors' shuffle files: in the test's folder
    }
    env.pop("SPARK_HOME", None)  # spark-class finds the package it belongs to
    conf = folder / "conf"
    conf.mkdir(exist_ok=True)
    (conf / "spark-defaults.conf").write_text(
        "spark.executor.memory 512m\nspark.executor.cores 2\nspark.cores.max 2\nspark.sql.shuffle.partitions 2\n"
        f"spark.driver.extraJavaOptions {QUICK}\nspark.executor.extraJavaOptions {QUICK}\n",
        encoding="utf-8",
    )
    started: list[subprocess.Popen[bytes]] = []
    try:
        for name, args in (
            ("master", ["org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                        "--webui-port", str(ui)]),
            ("worker", ["org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port",
                        str(worker_ui), "--cores", str(cores), "--memory", memory, "--work-dir",
                        str(folder / "work"), f"spark://127.0.0.1:{port}"]),
        ):  # fmt: skip
            with (folder / f"{name}.log").open("wb") as log:
                started.append(subprocess.Popen([str(_spark_class()), *args], stdout=log, stderr=subprocess.STDOUT,
                                                env=env, start_new_session=True))  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while _alive_workers(ui) < 1:
            if time.monotonic() > deadline or any(p.poll() is not None for p in started):
                logs = "\n".join(
                    (folder / f"{n}.log").read_text(errors="replace")[-2000:] for n in ("master", "worker")
                )
                raise RuntimeError(f"the standalone Spark cluster did not come up:\n{logs}")
            time.sleep(0.5)
        yield Cluster(f"spark://127.0.0.1:{port}", conf, folder)
    finally:
        for process in reversed(started):
            _stop(process)
