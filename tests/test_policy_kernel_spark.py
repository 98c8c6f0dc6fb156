"""On PySpark the settlement kernel runs per partition (mapInArrow) and gives the amounts of DuckDB
and of the former Ibis-window batch, to the fen, on generated claims with a mid-year change."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is installed by `make test`")

import duckdb
import ibis
import pyarrow.parquet as pq

from medaid.policy.batch import settle_batch
from tests.policy_reference import settle_reference
from tests.test_policy_kernel import DEFAULT, _variant, claims

if shutil.which("java") is None:
    pytest.skip("no Java runtime: `make test` installs openjdk", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # the workers run the kernel: this Python, with medaid. PySpark reads the worker's Python from
    # PYSPARK_PYTHON when the context starts (the spark.pyspark.python setting does not reach local mode)
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("medaid-kernel")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "3")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield ibis.pyspark.connect(session)
    session.stop()
    if before is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = before


def test_the_kernel_on_spark_gives_the_amounts_of_duckdb_and_of_the_ibis_batch(spark, tmp_path: Path):
    table = claims(2000, 21, given=True)
    policies = [DEFAULT, _variant()]
    pq.write_table(table, tmp_path / "claims.parquet")
    spark._session.read.parquet(str(tmp_path / "claims.parquet")).createOrReplaceTempView("kernel_claims")
    on_spark = settle_batch(spark.table("kernel_claims"), policies).to_pyarrow()
    con = duckdb.connect()
    con.register("claims", table)
    local = ibis.duckdb.from_connection(con).table("claims")
    on_duckdb = settle_batch(local, policies).to_pyarrow()
    reference = settle_reference(local, policies).to_pyarrow()
    assert on_spark.num_rows == 2000
    for name in on_duckdb.column_names:
        assert on_spark.column(name).to_pylist() == on_duckdb.column(name).to_pylist() == \
            reference.column(name).to_pylist(), name  # fmt: skip
