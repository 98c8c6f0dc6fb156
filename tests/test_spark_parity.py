"""The same Ibis expressions on PySpark (local mode) give the same results as on DuckDB.

Runs the monthly verification and every metric on both engines over the same data. Spark
needs a Java runtime; `make test` installs one when the machine has none.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by `make test`")

import ibis  # noqa: E402

from medaid.analytics.binding import sources  # noqa: E402
from medaid.analytics.metric_defs import METRICS  # noqa: E402
from medaid.analytics.metrics import Sources, compute  # noqa: E402
from medaid.analytics.registry import latest_snapshot  # noqa: E402
from medaid.analytics.verification import Month, ledger  # noqa: E402
from medaid.policy.params import default_policy  # noqa: E402
from medaid.store import engine  # noqa: E402
from tests import test_metrics, test_verification  # noqa: E402

TABLES = ("settlements", "subsidies", "fund", "deaths", "registry_snapshots", "verification_runs")

if shutil.which("java") is None:
    pytest.skip("no Java runtime: `make test` installs openjdk", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("medaid-parity")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield ibis.pyspark.connect(session)
    session.stop()


def copy_to_spark(spark_backend, workspace) -> None:
    """The store's tables as Spark temporary views of the same names and types."""
    session = spark_backend._session
    with workspace.connect(read_only=True) as con:
        for table in TABLES:
            schema = _spark_schema(con, table)
            rows = con.sql(f"SELECT * FROM {table}").fetchall()
            session.createDataFrame(rows, schema).createOrReplaceTempView(table)


def _spark_schema(con, table: str):
    from pyspark.sql import types as T

    mapping = {"VARCHAR": T.StringType(), "BIGINT": T.LongType(), "INTEGER": T.IntegerType(), "DATE": T.DateType(),
               "BOOLEAN": T.BooleanType(), "BLOB": T.BinaryType(), "TIMESTAMP": T.TimestampType()}  # fmt: skip
    fields = [T.StructField(name, mapping[kind]) for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()]
    return T.StructType(fields)


def _rows(table) -> list[tuple]:
    return sorted((tuple(sorted(r.items())) for r in table.to_pylist()), key=repr)


def test_verification_ledger_is_the_same_on_spark(spark, tmp_path: Path):
    workspace = test_verification.make_workspace(tmp_path)
    copy_to_spark(spark, workspace)
    month = Month.parse("2023-07")
    policy = default_policy(month.last)
    with workspace.connect(read_only=True) as con:
        snapshot = latest_snapshot(con)
        duck = engine.backend(con)
        reg = duck.table("registry_snapshots")
        on_duckdb = ledger(duck.table("settlements"), reg.filter(reg.import_id == snapshot), duck.table("deaths"),
                           policy, month).to_pyarrow()  # fmt: skip
    sreg = spark.table("registry_snapshots")
    on_spark = ledger(spark.table("settlements"), sreg.filter(sreg.import_id == snapshot), spark.table("deaths"),
                      policy, month).to_pyarrow()  # fmt: skip
    assert on_duckdb.num_rows == 7
    assert _rows(on_spark) == _rows(on_duckdb)


def test_every_metric_is_the_same_on_spark(spark, tmp_path: Path):
    workspace = test_metrics.make_workspace(tmp_path)
    copy_to_spark(spark, workspace)
    with workspace.connect(read_only=True) as con:
        src, inputs = sources(con, workspace, 2023)
        on_duckdb = {m.name: compute(m, src, inputs).value for m in METRICS}
    snapshot = inputs["registry_snapshot"]
    sreg = spark.table("registry_snapshots")
    settlements, subsidies, fund = spark.table("settlements"), spark.table("subsidies"), spark.table("fund")
    runs = spark.table("verification_runs")
    spark_src = Sources(
        year=2023,
        settlements=settlements.filter(settlements.settle_date.year() == 2023),
        subsidies=subsidies.filter(subsidies.year == 2023),
        fund=fund.filter(fund.entry_date.year() == 2023),
        registry=sreg.filter(sreg.import_id == snapshot),
        planned=src.planned,
        opening_balance=src.opening_balance,
        policies=src.policies,
        runs=runs.filter(runs.month.startswith("2023-")),
    )
    on_spark = {m.name: compute(m, spark_src, inputs).value for m in METRICS}
    assert on_spark == on_duckdb
    assert on_duckdb["rollover_balance_rate"] is not None


def test_batch_settlement_is_the_same_on_spark(spark, tmp_path: Path):
    from medaid.analytics.standards import claims_of
    from medaid.policy.batch import settle_batch

    workspace = test_verification.make_workspace(tmp_path)
    copy_to_spark(spark, workspace)
    policy = default_policy(dt.date(2023, 12, 31))
    with workspace.connect(read_only=True) as con:
        snapshot = latest_snapshot(con)
        duck = engine.backend(con)
        reg = duck.table("registry_snapshots")
        on_duckdb = settle_batch(claims_of(duck.table("settlements"), reg.filter(reg.import_id == snapshot), 2023),
                                 policy).to_pyarrow()  # fmt: skip
    sreg = spark.table("registry_snapshots")
    on_spark = settle_batch(claims_of(spark.table("settlements"), sreg.filter(sreg.import_id == snapshot), 2023),
                            policy).to_pyarrow()  # fmt: skip
    assert on_duckdb.num_rows == 11
    assert _rows(on_spark) == _rows(on_duckdb)
