"""Settlements as Parquet files partitioned by year and month (store.bulk, schema 5): an import merges on
the key and rewrites only the files it must; the COMMIT is the switch, so a kill -9 midway leaves the
workspace as it was; an older store is migrated and reads the same; the files are owner-only and
plain Parquet that Spark reads."""

from __future__ import annotations

import hashlib
import shutil
import stat
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from medaid.demo.people import make_people
from medaid.services.imports import import_file
from medaid.store import bulk
from medaid.store.schema import SCHEMA_VERSION
from medaid.workspace import Workspace
from tests.old_store import back_to_version_4
from tests.test_cli_kill import MEDAID, killed_at

P = make_people(4, seed=57)
HEADER = "结算编号,身份证号,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"


def line(number: str, who: int, day: str, level: str = "二级", assistance: str = "210.00") -> str:
    return f"{number},{P[who].id_number},住院,{level},{day},1000.00,800.00,500.00,0,{assistance}"


FIRST = [line("S1", 0, "2023-01-05"), line("S2", 1, "2023-02-10"), line("S3", 2, "2023-02-20"),
         line("S4", 3, "2023-03-15")]  # fmt: skip
# S3's level corrected (no conflict: no money changes), S5 new in April
SECOND = [*FIRST[:2], line("S3", 2, "2023-02-20", level="三级"), FIRST[3], line("S5", 0, "2023-04-01")]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def rows(root: Path) -> list[tuple[object, ...]]:
    with Workspace.open(root).connect(read_only=True) as con:
        return con.execute("SELECT * FROM settlements ORDER BY settlement_id").fetchall()


def files(root: Path) -> dict[str, str]:
    """The Parquet files on disk, by path under tables/, with their SHA-256."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / bulk.TABLES_DIR).rglob("*.parquet"))}  # fmt: skip


def recorded(root: Path) -> list[str]:
    with Workspace.open(root).connect(read_only=True) as con:
        return [str(p.relative_to(root)) for p in bulk.bulk_files(con, "settlements")]


def months(paths: object) -> list[str]:
    return sorted({"/".join(Path(str(p)).parts[2:4]) for p in paths})  # type: ignore[attr-defined]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.init(tmp_path / "ws", region="示例县", year=2023)
    import_file(workspace.root, "settlements", write(tmp_path / "first.csv", FIRST))
    return workspace


def test_an_empty_store_reads_a_typed_empty_table(tmp_path: Path):
    ws = Workspace.init(tmp_path / "ws")
    with ws.connect(read_only=True) as con:
        described = {r[0]: r[1] for r in con.execute("DESCRIBE settlements").fetchall()}
        assert con.execute("SELECT count(*) FROM settlements").fetchall() == [(0,)]
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    assert described == dict(bulk.SETTLEMENTS.columns)
    assert "settlements" not in tables and bulk.FILES in tables


def test_settlements_are_partitioned_by_month_owner_only_and_plain_parquet(ws: Workspace):
    stored = files(ws.root)
    assert months(stored) == ["year=2023/month=1", "year=2023/month=2", "year=2023/month=3"]
    assert sorted(stored) == sorted(recorded(ws.root))
    for path in (ws.root / bulk.TABLES_DIR).rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600)
    schema = pq.read_schema(ws.root / next(iter(stored)))  # types Spark reads: no DuckDB-only ones
    assert {str(schema.field(c).type) for c, _ in bulk.SETTLEMENTS.columns} == {"string", "date32[day]", "int64",
                                                                                "bool", "int32"}  # fmt: skip
    assert [r[0] for r in rows(ws.root)] == ["S1", "S2", "S3", "S4"]


def test_a_repeated_import_writes_nothing_and_a_change_rewrites_only_its_file(ws: Workspace, tmp_path: Path):
    before = files(ws.root)
    again = import_file(ws.root, "settlements", write(tmp_path / "again.csv", FIRST))
    assert (again.new, again.changed, again.unchanged) == (0, 0, 4)
    assert files(ws.root) == before  # not a byte written

    changed = import_file(ws.root, "settlements", write(tmp_path / "second.csv", SECOND))

    assert (changed.new, changed.changed, changed.unchanged, changed.conflicts) == (1, 1, 3, 0)
    after = files(ws.root)
    kept = {p: h for p, h in before.items() if "month=2" not in p}
    assert {p: h for p, h in after.items() if p in before} == kept  # January and March untouched
    [february] = [p for p in after if "month=2" in p]
    assert february not in before  # February's one file rewritten, with S2 and S3
    assert months(set(after) - set(before)) == ["year=2023/month=2", "year=2023/month=4"]
    assert sorted(after) == sorted(recorded(ws.root))
    levels = {r[0]: r[3] for r in rows(ws.root)}
    assert levels == {"S1": "二级", "S2": "二级", "S3": "三级", "S4": "二级", "S5": "二级"}


def test_a_replaced_settlement_moves_to_its_new_month_and_the_old_is_kept(ws: Workspace, tmp_path: Path):
    moved = [*FIRST[:3], line("S4", 3, "2023-05-02", assistance="300.00")]
    summary = import_file(ws.root, "settlements", write(tmp_path / "m.csv", moved), replace=True, reason="更正")
    assert (summary.replaced, summary.changed) == (1, 1)
    assert months(files(ws.root)) == ["year=2023/month=1", "year=2023/month=2", "year=2023/month=5"]
    with ws.connect(read_only=True) as con:
        assert con.execute("SELECT settle_date::VARCHAR, assistance_paid FROM settlements WHERE settlement_id = "
                           "'S4'").fetchall() == [("2023-05-02", 30000)]  # fmt: skip
        assert con.execute("SELECT assistance_paid, reason FROM replaced_settlements").fetchall() == [(21000, "更正")]


def test_a_month_of_many_files_is_merged_into_one(ws: Workspace, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(bulk, "COMPACT_AT", 3)
    for n in range(4):  # one new settlement in March each time
        import_file(ws.root, "settlements", write(tmp_path / f"{n}.csv", [line(f"M{n}", n, "2023-03-20")]))
        march = [p for p in files(ws.root) if "month=3" in p]
        assert len(march) < 3
    assert len(rows(ws.root)) == 8


def test_a_moved_workspace_reads_its_files_where_they_are_now(ws: Workspace, tmp_path: Path):
    before = rows(ws.root)
    moved = tmp_path / "elsewhere"
    shutil.move(ws.root, moved)
    assert rows(moved) == before


# ---- a kill -9 midway ---------------------------------------------------------------------------


@pytest.mark.parametrize("moment", ["before", "after"], ids=["files-written", "files-recorded-not-committed"])
def test_an_import_killed_after_writing_its_files_leaves_the_workspace_as_it_was(
    ws: Workspace, tmp_path: Path, moment: str
):
    before_rows, before_files = rows(ws.root), files(ws.root)
    second = write(tmp_path / "second.csv", SECOND)
    killed_at(tmp_path, f"medaid.store.bulk:_record:{moment}", ["import", str(ws.root), "settlements", str(second)],
              {})  # fmt: skip
    left = files(ws.root)
    assert set(before_files) < set(left)  # the new files were written and flushed …
    assert recorded(ws.root) == sorted(before_files)  # … but are not the table: the old ones are
    assert rows(ws.root) == before_rows
    assert files(ws.root) == before_files  # opening the workspace removed the orphans, nothing recorded
    with duckdb.connect(str(ws.store_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM imports WHERE kind = 'settlements'").fetchall() == [(1,)]
    done = subprocess.run([MEDAID, "import", str(ws.root), "settlements", str(second)], capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [r[0] for r in rows(ws.root)] == ["S1", "S2", "S3", "S4", "S5"]


# ---- an older store ----------------------------------------------------------------------------


def test_a_version_4_store_is_moved_to_parquet_and_reads_the_same(ws: Workspace, tmp_path: Path):
    before = rows(ws.root)
    back_to_version_4(ws.root)
    assert not (ws.root / bulk.TABLES_DIR).exists()

    reopened = Workspace.open(ws.root)

    with duckdb.connect(str(reopened.store_path), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [(str(SCHEMA_VERSION),)]
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "settlements" not in tables and SCHEMA_VERSION >= 5
    assert rows(ws.root) == before
    assert months(files(ws.root)) == ["year=2023/month=1", "year=2023/month=2", "year=2023/month=3"]
    again = import_file(ws.root, "settlements", write(tmp_path / "again.csv", FIRST))
    assert (again.new, again.changed, again.unchanged) == (0, 0, 4)


def test_a_migration_killed_midway_leaves_the_older_store_in_force(ws: Workspace, tmp_path: Path):
    before = rows(ws.root)
    back_to_version_4(ws.root)
    killed_at(tmp_path, "medaid.store.bulk:_record:after", ["registry", str(ws.root)], {})
    with duckdb.connect(str(ws.store_path), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("4",)]
        assert con.execute("SELECT count(*) FROM settlements").fetchall() == [(4,)]
    assert rows(ws.root) == before  # the next open migrates it, the orphans of the first try removed
    assert sorted(files(ws.root)) == recorded(ws.root)


# ---- Spark reads the same files ----------------------------------------------------------------


def test_spark_reads_the_recorded_files_as_duckdb_does(ws: Workspace, tmp_path: Path):
    pytest.importorskip("pyspark", reason="pyspark is installed by `make test`")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: `make test` installs openjdk")
    from pyspark.sql import SparkSession

    import_file(ws.root, "settlements", write(tmp_path / "second.csv", SECOND))  # a rewritten month, a new one
    with ws.connect(read_only=True) as con:
        listed = bulk.bulk_files(con, "settlements")
        expected = con.execute("SELECT settlement_id, person_key, settle_date, assistance_paid, hospital_level, "
                               "source_row FROM settlements ORDER BY settlement_id").fetchall()  # fmt: skip
    session = SparkSession.builder.master("local[1]").appName("medaid-bulk-test").getOrCreate()
    try:
        base = ws.root / bulk.TABLES_DIR / "settlements"
        frame = session.read.option("basePath", str(base)).parquet(*map(str, listed))
        found = [tuple(r) for r in frame.orderBy("settlement_id").select(
            "settlement_id", "person_key", "settle_date", "assistance_paid", "hospital_level", "source_row",
        ).collect()]  # fmt: skip
        months = sorted({(r["year"], r["month"]) for r in frame.select("year", "month").collect()})
    finally:
        session.stop()
    assert found == expected
    assert months == [(2023, 1), (2023, 2), (2023, 3), (2023, 4)]
