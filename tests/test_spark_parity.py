"""Spark as the engine a user chooses (``MEDAID_ENGINE=spark``): the same operations through the engine
factory give the same results as on DuckDB, on a small generated county.

verify, metrics, warnings, settle (a workspace's year and a file) and simulate run on Spark in local
mode; ``medaid verify`` runs on a standalone cluster started here from the pyspark package's own
scripts. Spark needs a Java runtime; `make test` installs one when the machine has none.
``copy_to_spark`` (used by tests/test_cross_year.py) puts a store's tables into a session by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by `make test`")

from medaid.analytics import warnings as high_cost  # noqa: E402
from medaid.analytics.binding import source_tables  # noqa: E402
from medaid.analytics.verification import Month, ledger_tables  # noqa: E402
from medaid.demo.generate import generate  # noqa: E402
from medaid.errors import Location, MedaidError  # noqa: E402
from medaid.services.demo import IMPORT_ORDER  # noqa: E402
from medaid.services.imports import import_file  # noqa: E402
from medaid.services.metrics import compute_metrics  # noqa: E402
from medaid.services.policy import settle_file, settle_workspace, simulate  # noqa: E402
from medaid.services.verification import verify_month  # noqa: E402
from medaid.settings import Settings  # noqa: E402
from medaid.store import bulk, engine, scratch, spark, spark_session, spark_tables  # noqa: E402
from medaid.workspace import Workspace  # noqa: E402
from tests.spark_cluster import LOCAL, free_port, local_spark, standalone  # noqa: E402, F401

TABLES = ("settlements", "subsidies", "fund", "deaths", "registry_snapshots", "verification_runs")
MONTH = "2023-12"  # the whole year to date: missed, above the annual limit, a duplicate
SPARK_ENV = {"MEDAID_ENGINE": "spark", "MEDAID_SPARK_MASTER": LOCAL}  # the session's one local[2] session

if shutil.which("java") is None:
    pytest.skip("no Java runtime: `make test` installs openjdk", allow_module_level=True)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A generated county (about 2,000 settlements with every kind of injected finding), imported."""
    root = tmp_path_factory.mktemp("spark-county")
    generate(root / "data", 2000, seed=11)
    workspace = Workspace.init(root / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        import_file(workspace.root, kind, root / "data" / name)
    return workspace, root / "data"


@pytest.fixture
def on_spark(monkeypatch, request):
    """Run what follows on Spark (local mode, the session's one Spark) through the engine factory, as a user
    chooses it."""
    request.getfixturevalue("local_spark")  # started once for the test session

    def switch(on: bool) -> None:
        for name, value in SPARK_ENV.items():
            if on:
                monkeypatch.setenv(name, value)
            else:
                monkeypatch.delenv(name, raising=False)

    return switch


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


def test_the_settings_choose_the_engine_and_the_environment_overrides_the_file(monkeypatch):
    for name in ("MEDAID_ENGINE", "MEDAID_SPARK_MASTER", "MEDAID_SPARK_TABLES"):
        monkeypatch.delenv(name, raising=False)
    assert engine.choice(Settings()) is None  # DuckDB by default
    chosen = engine.choice(Settings(engine="spark"))
    assert chosen is not None and (chosen.master, chosen.tables) == ("local[*]", None)
    file = Settings(engine="spark", spark_master="yarn", spark_tables="hdfs:///medaid/省")
    chosen = engine.choice(file)
    assert chosen is not None and (chosen.master, chosen.tables, chosen.where.key) == ("yarn", "hdfs:///medaid/省",
                                                                                     "spark.master")  # fmt: skip
    monkeypatch.setenv("MEDAID_SPARK_MASTER", "spark://10.0.0.5:7077")
    chosen = engine.choice(file)
    assert chosen is not None and (chosen.master, chosen.where.key) == ("spark://10.0.0.5:7077", "MEDAID_SPARK_MASTER")
    monkeypatch.setenv("MEDAID_ENGINE", "duckdb")
    assert engine.choice(file) is None
    monkeypatch.setenv("MEDAID_ENGINE", "spark")
    monkeypatch.setenv("MEDAID_SPARK_MASTER", "http://10.0.0.5")
    with pytest.raises(MedaidError) as err:
        engine.choice(None)
    assert err.value.where.key == "MEDAID_SPARK_MASTER" and "不是 Spark 集群地址" in err.value.message


def test_engine_spark_in_medaid_yaml_is_read_and_checked(tmp_path: Path):
    workspace = Workspace.init(tmp_path / "ws", year=2023)
    path = workspace.root / "medaid.yaml"
    text = path.read_text(encoding="utf-8")
    assert "engine: duckdb" in text
    path.write_text(text.replace("engine: duckdb", "engine: spark").replace("  master: null", "  master: local[2]"),
                    encoding="utf-8")  # fmt: skip
    settings = Workspace.open(workspace.root).settings
    assert (settings.engine, settings.spark_master) == ("spark", "local[2]")
    path.write_text(text.replace("engine: duckdb", "engine: sprak"), encoding="utf-8")
    with pytest.raises(MedaidError) as err:
        Workspace.open(workspace.root)
    assert err.value.where.key == "engine" and "是否应为 spark" in err.value.message


@pytest.mark.parametrize("case", ["unreachable", "no_java", "connect"])
def test_spark_that_cannot_start_is_a_chinese_error_saying_where_and_how(monkeypatch, tmp_path: Path, case):
    monkeypatch.setenv("MEDAID_ENGINE", "spark")
    where = "MEDAID_SPARK_MASTER"
    if case == "unreachable":
        monkeypatch.setenv("MEDAID_SPARK_MASTER", f"spark://127.0.0.1:{free_port()}")  # nobody listens there
        words = "连接不上 Spark 集群"
    elif case == "no_java":
        monkeypatch.setenv("MEDAID_SPARK_MASTER", "local[1]")
        monkeypatch.delenv("JAVA_HOME", raising=False)
        monkeypatch.setattr(spark.shutil, "which", lambda _name: None)
        words = "没有 Java 运行环境"
    else:
        if __import__("importlib").util.find_spec("grpc") is not None:
            pytest.skip("Spark Connect's client is installed here: the missing-component error cannot be shown")
        monkeypatch.setenv("MEDAID_SPARK_MASTER", "sc://127.0.0.1:15002")
        words = "Spark Connect"
    workspace = Workspace.init(tmp_path / "ws", year=2023)
    with pytest.raises(MedaidError) as err:
        _start(workspace)
    assert words in err.value.message and err.value.where.key == where and err.value.fix
    assert "Exception" not in err.value.message and "\tat " not in err.value.message  # no Java stack


def _start(workspace: Workspace) -> None:
    with workspace.connect(read_only=True) as con, engine.analytics(con, workspace.settings, scratch=workspace.scratch(),
                                                                    tables=("settlements",)):  # fmt: skip
        pass


def _ledger(run) -> list[dict]:
    return [r.to_dict() for r in run.rows]


def test_verify_gives_the_same_ledger_on_spark(county, on_spark):
    workspace, _ = county
    on_duckdb = verify_month(workspace.root, MONTH).run
    on_spark(True)
    on_cluster = verify_month(workspace.root, MONTH).run
    assert {r.reason for r in on_duckdb.rows} == {"missed", "above_annual_limit", "duplicate"}
    assert _ledger(on_cluster) == _ledger(on_duckdb)
    assert on_cluster.same_as == on_duckdb.run_id  # the same inputs: the same fingerprint


def test_metrics_are_the_same_on_spark(county, on_spark):
    workspace, _ = county
    on_duckdb = {v.metric.name: v.value for v in compute_metrics(workspace.root, year=2023).values}
    on_spark(True)
    on_cluster = {v.metric.name: v.value for v in compute_metrics(workspace.root, year=2023).values}
    assert on_cluster == on_duckdb
    assert sum(v is not None for v in on_duckdb.values()) >= 10


def test_warnings_are_the_same_on_spark_and_spark_sees_no_identity(county, on_spark, monkeypatch, tmp_path: Path):
    workspace, _ = county
    settings = dataclasses.replace(workspace.settings, warning_threshold=Decimal(2000))
    as_of = dt.date(2023, 9, 30)
    with workspace.connect(read_only=True) as con:
        on_duckdb = high_cost.compute(con, settings, as_of, scratch=workspace.scratch())
    on_spark(True)
    seen: list[dict[str, str]] = []
    views = spark.views

    def watched(con, cluster, *, scratch, tables):
        seen.append(dict(tables))
        return views(con, cluster, scratch=scratch, tables=tables)

    monkeypatch.setattr(spark, "views", watched)

    def on_cluster() -> list[high_cost.Candidate]:
        with workspace.connect(read_only=True) as con:
            return high_cost.compute(con, settings, as_of, scratch=workspace.scratch())

    assert on_duckdb and on_cluster() == on_duckdb  # the workspace's files; the registry: a copy in its scratch
    assert all(c.id_masked for c in on_duckdb)  # the masks come from the store, after Spark
    assert seen and all("persons" not in tables for tables in seen)
    with monkeypatch.context() as elsewhere:  # a cluster that cannot read this machine's files: rows sent as Arrow
        elsewhere.setattr(spark, "shares_files", lambda _cluster: False)
        assert on_cluster() == on_duckdb
    with monkeypatch.context() as stored:  # settlements as Parquet partitioned by year and month
        tables = tmp_path / "tables"
        tables.mkdir()
        with workspace.connect(read_only=True) as con:
            con.execute(f"COPY (SELECT *, year(settle_date) AS year, month(settle_date) AS month "
                        f"FROM settlements) TO '{tables / 'settlements'}' (FORMAT parquet, "
                        "PARTITION_BY (year, month))")  # fmt: skip
        stored.setenv("MEDAID_SPARK_TABLES", tables.as_uri())
        assert on_cluster() == on_duckdb
        stored.setenv("MEDAID_SPARK_TABLES", (tmp_path / "nowhere").as_uri())
        with pytest.raises(MedaidError) as err:
            on_cluster()
        assert err.value.where.key == "MEDAID_SPARK_TABLES" and "读不到表 settlements" in err.value.message


def test_a_filter_on_the_date_is_read_as_an_interval_and_anything_else_is_not():
    con = __import__("duckdb").connect()
    con.execute("CREATE TABLE settlements (settle_date DATE, institution_code VARCHAR)")

    def span(where: str) -> tuple[dt.date | None, dt.date | None] | None:
        found = spark_tables.span_of(con, "settlements", f"SELECT * FROM settlements {where}".strip())
        return None if found is None else (found.first, found.last)

    d = dt.date
    assert span("") == (None, None)
    assert span("WHERE year(settle_date) = 2023") == (d(2023, 1, 1), d(2023, 12, 31))
    assert span("WHERE settle_date BETWEEN DATE '2023-01-01' AND DATE '2023-06-30'") == (d(2023, 1, 1), d(2023, 6, 30))
    assert span("WHERE settle_date <= DATE '2023-06-30'") == (None, d(2023, 6, 30))
    for other in ("WHERE month(settle_date) = 3",  # twelve pieces, not one interval
                  "WHERE year(settle_date) = 2023 AND institution_code = 'x'",  # another column
                  "WHERE year(settle_date) = 2023 OR settle_date IS NULL",  # a NULL date kept
                  "WHERE settle_date >= DATE '1850-01-01'",  # a bound before the calendar
                  "WHERE year(settle_date) = 1800",  # nothing on the calendar
                  "WHERE year(settle_date) = 2023 LIMIT 3"):  # fmt: skip
        assert span(other) is None, other
    assert spark_tables.span_of(con, "settlements", "SELECT * REPLACE (1 AS x) FROM settlements") is None


def test_spark_reads_the_workspace_files_of_the_months_it_needs(county, on_spark, monkeypatch, tmp_path: Path):
    workspace, _ = county
    on_spark(True)
    cluster = engine.choice()
    assert cluster is not None and spark.shares_files(cluster)
    copied: list[Path] = []
    with workspace.connect(read_only=True) as con:
        snapshot = con.execute("SELECT max(import_id) FROM registry_snapshots").fetchall()[0][0]
        root = bulk.root_of(con)
        for month, tables in ((Month(2023, 6), ledger_tables(Month(2023, 6), snapshot)),  # verify June
                              (Month(2023, 12), source_tables(con, 2023)),  # the year's metrics
                              (Month(2024, 3), ledger_tables(Month(2024, 3), snapshot))):  # fmt: skip  # no file
            query = tables["settlements"]
            expected = con.execute(f"SELECT count(*), sum(fund_paid) FROM ({query})").fetchall()[0]
            needed = {str(root / f) for y, m, f in bulk.recorded(con, "settlements") if (y, m) <= (month.year, month.month)
                      and y == month.year}  # fmt: skip
            with spark.views(con, cluster, scratch=workspace.scratch(), tables=tables) as own:
                copied += list(workspace.scratch().rglob("settlements.parquet"))
                frame = own.table("settlements")
                files = {f.removeprefix("file://") for f in frame.inputFiles()}
                found = frame.selectExpr("count(*)", "sum(fund_paid)").collect()[0]
                assert frame.columns == [c for c, _ in bulk.SETTLEMENTS.columns]
            assert (found[0], found[1]) == expected, month
            assert files == needed, month  # the workspace's own files of those months, no other, no copy
    assert not copied
    tables = tmp_path / "tables"  # on the cluster's storage: partitioned by year and month
    tables.mkdir()
    with workspace.connect(read_only=True) as con:
        con.execute(f"COPY (SELECT *, year(settle_date) AS year, month(settle_date) AS month "
                    f"FROM settlements) TO '{tables / 'settlements'}' (FORMAT parquet, PARTITION_BY (year, month))")  # fmt: skip
        monkeypatch.setenv("MEDAID_SPARK_TABLES", tables.as_uri())
        cluster = engine.choice()
        assert cluster is not None
        with spark.views(con, cluster, scratch=workspace.scratch(), tables=ledger_tables(Month(2023, 2), 1)) as own:
            frame = own.table("settlements")
            plan = str(frame._jdf.queryExecution().executedPlan().toString())
            assert frame.columns == [c for c, _ in bulk.SETTLEMENTS.columns]  # not year, month
            assert frame.count() == con.execute("SELECT count(*) FROM settlements WHERE settle_date <= DATE "
                                                "'2023-02-28'").fetchall()[0][0]  # fmt: skip
    pruned = plan.split("PartitionFilters: [", 1)[1].split("]", 1)[0]
    assert "year" in pruned and "month" in pruned  # Spark skips the other months' directories


YEAR = "SELECT * FROM settlements WHERE year(settle_date) = 2023"
SPRING = "SELECT * FROM settlements WHERE settle_date BETWEEN DATE '2023-01-01' AND DATE '2023-03-31'"


def test_two_calls_at_once_each_see_their_own_views(county, on_spark):
    workspace, _ = county
    on_spark(True)
    cluster = engine.choice()
    assert cluster is not None
    both_registered = threading.Barrier(2)
    seen: dict[str, tuple[int, int]] = {}
    failed: list[BaseException] = []

    def call(query: str) -> None:
        try:
            with workspace.connect(read_only=True) as con:
                expected = con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
                with spark.views(con, cluster, scratch=workspace.scratch(), tables={"settlements": query}) as own:
                    both_registered.wait(timeout=120)  # each call's view registered before either reads
                    seen[query] = (own.table("settlements").count(), expected)
        except BaseException as err:
            failed.append(err)
            both_registered.abort()

    threads = [threading.Thread(target=call, args=(q,)) for q in (YEAR, SPRING)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed, failed
    assert seen[SPRING][0] == seen[SPRING][1] < seen[YEAR][0] == seen[YEAR][1]


def test_each_spark_connect_call_has_a_session_of_its_own_released_at_the_end(monkeypatch, tmp_path: Path):
    class Remote:  # stands in for a Spark Connect session (grpc is not needed to follow the code path)
        stopped = False

        def stop(self) -> None:
            self.stopped = True

    made: list[Remote] = []
    monkeypatch.setattr(spark, "_connect", lambda _cluster: made.append(Remote()) or made[-1])
    monkeypatch.setattr(spark, "_register", lambda *_args: None)
    cluster = spark.Cluster("sc://127.0.0.1:15002", None, Location(key="spark.master"))
    con = __import__("duckdb").connect()
    with (
        spark.views(con, cluster, scratch=tmp_path, tables={"settlements": YEAR}) as first,
        spark.views(con, cluster, scratch=tmp_path, tables={"settlements": SPRING}) as second,
    ):
        assert first is not second and not first.stopped and not second.stopped
    assert len(made) == 2 and all(r.stopped for r in made)


@pytest.mark.parametrize("tables", [{"settlements": "SELECT * FROM persons"}, {"persons": "SELECT 1"},
                                    {"claims": "SELECT person_key, id_cipher FROM staged"},
                                    {"settlements": "SELECT s.* FROM settlements s JOIN main.persons p USING (person_key)"}])  # fmt: skip
def test_spark_refuses_a_query_that_reads_identities(tables, tmp_path: Path):
    cluster = spark.Cluster(LOCAL, None, Location())
    con = __import__("duckdb").connect()
    with pytest.raises(ValueError, match="person_key"), spark.views(con, cluster, scratch=tmp_path, tables=tables):
        pass
    spark.readable({"settlements": YEAR, "registry_snapshots": "SELECT * FROM registry_snapshots WHERE import_id = 3"})


def test_a_second_master_in_one_process_is_refused_and_the_first_keeps_running(request):
    session = request.getfixturevalue("local_spark")
    with pytest.raises(MedaidError) as err:
        spark.session(spark.Cluster("local[1]", None, Location(key="spark.master")))
    assert "不能同时再用 local[1]" in err.value.message and err.value.where.key == "spark.master"
    assert session.range(5).count() == 5  # not stopped


def test_spark_shuffle_files_go_to_a_private_directory_of_the_process(request, monkeypatch, tmp_path: Path):
    session = request.getfixturevalue("local_spark")
    local_dir = Path(session.sparkContext.getConf().get("spark.local.dir"))
    assert local_dir.is_dir() and local_dir.stat().st_mode & 0o777 == 0o700
    assert local_dir.name.startswith(f"medaid-{os.getpid()}-")  # removed at exit, or by the next process after a crash
    assert session.sparkContext.pythonExec == sys.executable  # the workers' Python, set without PYSPARK_PYTHON
    monkeypatch.setattr(spark_session, "_LOCAL_DIRS", [])
    work = scratch.process_dir(tmp_path / "ws")
    assert spark_session._local_dir(spark.Cluster(LOCAL, None, Location()), work) == work / "spark-local"
    assert spark_session._local_dir(spark.Cluster("yarn", None, Location()), work) is None  # the cluster's own


def test_a_copy_on_the_cluster_that_differs_from_the_store_is_refused(county, on_spark, monkeypatch, tmp_path: Path):
    workspace, _ = county
    on_spark(True)
    tables = tmp_path / "tables"
    with workspace.connect(read_only=True) as con:
        root = bulk.root_of(con)
        for _year, _month, file in bulk.recorded(con, "settlements"):  # exactly the recorded files
            target = tables / Path(file).relative_to(bulk.TABLES_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / file, target)
        monkeypatch.setenv("MEDAID_SPARK_TABLES", tables.as_uri())
        cluster = engine.choice()
        assert cluster is not None and cluster.tables is not None

        def count(query: str) -> tuple[int, int]:
            with spark.views(con, cluster, scratch=workspace.scratch(), tables={"settlements": query}) as own:
                return own.table("settlements").count(), con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]

        found, expected = count(SPRING)
        assert found == expected > 0
        june = tables / "settlements" / "year=2023" / "month=6"
        shutil.copy(next(june.glob("*.parquet")), june / "superseded.parquet")  # a file a later import replaced
        with pytest.raises(MedaidError) as err:
            count(YEAR)
        assert "集群上的结算明细与工作区记录不一致" in err.value.message and "2023 年 6 月" in err.value.message
        assert err.value.where.key == "MEDAID_SPARK_TABLES" and "bulk_files" in err.value.fix
        assert count(SPRING)[0] == expected  # June is not read for January to March
        other = "SELECT * FROM settlements WHERE institution_code IS NOT NULL"  # not a date interval: rows sent
        found, expected = count(other)
        assert found == expected > 0
        shutil.rmtree(june)
        (tables / "settlements").rename(tables / "by-year")
        (tables / "settlements" / "region=340100").mkdir(parents=True)
        (tables / "by-year").rename(tables / "settlements" / "region=340100" / "x")
        shutil.move(
            tables / "settlements" / "region=340100" / "x" / "year=2023", tables / "settlements" / "region=340100"
        )
        with pytest.raises(MedaidError) as err:
            count(SPRING)
        assert "region=" in err.value.message


def test_settle_and_simulate_are_the_same_on_spark(county, on_spark, tmp_path: Path):
    workspace, data = county
    override = tmp_path / "override.yaml"
    override.write_text("assistance:\n  低保对象: {ratio: 0.8}\n", encoding="utf-8")

    def run() -> tuple[dict, dict, dict, list[dict]]:
        year = settle_workspace(workspace.root, year=2023).to_dict()
        what_if = simulate(workspace.root, override, year=2023).to_dict()
        batch = settle_file(data / "settlements.csv", year=2023)
        return year, what_if, batch.to_dict(), batch.rows

    on_duckdb = run()
    on_spark(True)
    on_cluster = run()
    assert on_duckdb[1]["people_affected"] > 0 and on_duckdb[0]["checked"] > 0
    assert on_cluster[:3] == on_duckdb[:3]
    assert on_cluster[3] == on_duckdb[3]  # row by row, the 身份证号 given back after Spark saw only a hash


@pytest.fixture(scope="module")
def spark_cluster(tmp_path_factory):
    """One standalone cluster (a master and a 2-core, 1 GB worker) for the module, stopped at its end."""
    with standalone(tmp_path_factory.mktemp("spark-cluster")) as cluster:
        yield cluster


def test_medaid_verify_runs_on_a_standalone_cluster(county, spark_cluster):
    workspace, _ = county
    on_duckdb = verify_month(workspace.root, MONTH).run
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDAID_")} | spark_cluster.driver_environment()
    start = time.monotonic()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("medaid")), "verify", str(workspace.root), "--month", MONTH,
         "--format", "json"],  # the command users type
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    seconds = time.monotonic() - start
    assert done.returncode == 1, done.stderr[-3000:]  # 1: findings
    result = json.loads(done.stdout)
    assert result["findings"] == [r.to_dict() for r in on_duckdb.rows]
    assert result["same_as"] == on_duckdb.run_id
    print(f"medaid verify {MONTH} on {spark_cluster.master}: {seconds:.1f} s, {len(result['findings'])} findings")
