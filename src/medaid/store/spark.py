"""Spark as the analytics engine (``engine: spark``): the session, and the tables it reads.

Only :mod:`medaid.store.engine` calls this module (``engine.analytics``). The analytics then build
the same Ibis expressions they build on DuckDB, over an ``ibis.pyspark`` backend.

- :func:`session` (:mod:`medaid.store.spark_session`) starts Spark once per process; one master per process.
- :func:`views` gives one call its own Spark session (classic: ``newSession``, the process's SparkContext
  but views of its own; Spark Connect: a session of its own on the server, released at the end), so two
  calls or two workspaces served by one process never see each other's views, with the tables the call
  reads registered as views of the same names. The bulk table (settlements) is read from ``spark.tables``
  (``MEDAID_SPARK_TABLES``: Parquet on storage the cluster reads, HDFS or S3) for a call that reads a date
  interval, after its rows per month are checked against the files the store records. Otherwise, when
  the executors share this machine's files (local mode, a standalone cluster started here), Spark reads
  the workspace's own Parquet files of the months the call needs (:mod:`medaid.store.spark_tables`), and
  the small tables from a Parquet copy of the rows the call needs, made in the workspace's private scratch
  space (owner-only, removed when the call ends); for a cluster elsewhere the rows go with the job as Arrow.

Spark never sees a 身份证号, a name or their ciphertexts: ``persons`` is not among the tables it may
read (:data:`READABLE`), a query that names ``persons`` or a ``*_cipher`` column is refused (:func:`readable`),
and the other tables hold people only as ``person_key`` (a keyed hash).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from medaid.errors import Location
from medaid.store import bulk, spark_tables
from medaid.store import scratch as private
from medaid.store.engine import EngineError
from medaid.store.spark_session import Cluster, _connect, failure, session, stop_all

__all__ = ["BULK", "READABLE", "Cluster", "failure", "readable", "session", "shares_files", "stop_all", "views"]

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# The tables Spark may read: people appear in them only as person_key. ``claims`` is the
# temporary table of a batch settled from a file (services.policy), pseudonymised on the way.
READABLE = frozenset({"settlements", "subsidies", "fund", "deaths", "registry_snapshots", "verification_runs",
                      "claims"})  # fmt: skip
# The tables big enough to live on the cluster's storage (``spark.tables``: one directory each, Parquet,
# partitioned by year and month); the others are small and go from the store with the job.
BULK = frozenset(bulk.TABLES)


@contextlib.contextmanager
def views(
    con: duckdb.DuckDBPyConnection, cluster: Cluster, *, scratch: Path, tables: Mapping[str, str]
) -> Iterator[SparkSession]:
    """A Spark session of the call's own with each of ``tables`` (name → the DuckDB query giving its rows)
    registered as a view of that name; the views, the session and the workspace copies are released when
    the call ends. Classic Spark: ``newSession`` of the process's session (the SparkContext shared, temporary
    views of its own). Spark Connect: a session of its own on the server (its own session id), stopped at the
    end, which releases it on the server. Either way two calls at once never see each other's views."""
    readable(tables)
    own = _connect(cluster) if cluster.connect else session(cluster, scratch).newSession()
    folder = private.private_dir(scratch / f"spark-{uuid.uuid4().hex}")
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
        _release(own, cluster, tables)
        shutil.rmtree(folder, ignore_errors=True)


def _release(own: SparkSession, cluster: Cluster, tables: Mapping[str, str]) -> None:
    """Drop the call's views (classic: the session then holds nothing; its SparkContext is the process's and
    stays) or stop the call's Connect session (released on the server)."""
    with contextlib.suppress(Exception):
        if cluster.connect:
            own.stop()
        else:
            for name in tables:
                own.catalog.dropTempView(name)


# A query handed to Spark may not read people's identities: the persons table, or a ciphertext column.
_IDENTITY = re.compile(r"\bpersons\b|\w*_cipher\b", re.I)


def readable(tables: Mapping[str, str]) -> None:
    """Refuse tables Spark may not read (:data:`READABLE`) and queries that read ``persons`` or a
    ``*_cipher`` column, whatever name they are given: people reach Spark only as person_key."""
    wrong = sorted(set(tables) - READABLE)
    if wrong:
        raise ValueError(f"Spark may not read {wrong}: people reach it only as person_key")
    reading = sorted({m.group(0) for q in tables.values() for m in _IDENTITY.finditer(q)})
    if reading:
        raise ValueError(f"Spark may not read {reading}: people reach it only as person_key")


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
    if cluster.tables is not None and name in BULK and span is not None:  # any other filter: the rows go below
        path = f"{cluster.tables.rstrip('/')}/{name}"
        where = cluster.tables_where or Location()
        try:
            frame = own.read.parquet(path)
        except Exception as err:
            raise failure(err, f"Spark 读不到表 {name} 的 Parquet 文件：{path}", where,
                          "请把该表的 Parquet 目录放到这个地址下（见 docs/scale.md），"
                          "或删除该设置而由 medaid 把数据随作业发给集群") from None  # fmt: skip
        frame = spark_tables.within(spark_tables.checked(con, frame, name, span, where), name, span)
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
