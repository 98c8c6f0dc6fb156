"""跨年度支付: settlements carry the day the care ended, and the metrics count the aided ones of an earlier year.

Liucheng 2023 (seeds/001) lost points because assistance for 2021 and 2022 was paid in 2023
("存在跨年度支付上年救助待遇的情况"). The settlement's service date (出院日期 / 就诊日期, the
platform's enddate 结束日期) answers it; without that column there is no answer, never a zero.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from medaid.analytics.binding import compute_all
from medaid.analytics.metric_defs import NO_SERVICE_DATE
from medaid.analytics.metrics import Value
from medaid.demo.generate import generate
from medaid.demo.people import make_people
from medaid.ingest.columns import SETTLEMENTS, match_headers
from medaid.services.demo import IMPORT_ORDER
from medaid.services.imports import import_file
from medaid.store.schema import SCHEMA_VERSION
from medaid.workspace import Workspace
from tests.old_store import back_to_version_4

P = make_people(4, seed=41)
BASE = "结算编号,身份证号,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"
CROSS_YEAR = ("cross_year_payments", "cross_year_amount")


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


def stored(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    with ws.connect(read_only=True) as con:
        return con.execute(sql).fetchall()


def rejects(path: Path | None) -> dict[int, dict[str, str]]:
    assert path is not None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {int(r["行号"]): r for r in csv.DictReader(handle)}


def service_dates(ws: Workspace) -> dict[str, dt.date | None]:
    return dict(stored(ws, "SELECT settlement_id, service_date FROM settlements"))


def cross_year(ws: Workspace) -> dict[str, Value]:
    return {v.metric.name: v for v in compute_all(ws, 2023, list(CROSS_YEAR))}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", region="示例县", year=2023)


# ---- which header is the service date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "chosen"),
    [
        (["出院日期"], "出院日期"),
        (["enddate"], "enddate"),
        (["结束日期"], "结束日期"),
        (["就诊日期"], "就诊日期"),  # an outpatient export: the visit's day
        (["入院日期"], "入院日期"),  # only the start of the stay: better than nothing
        (["begndate"], "begndate"),
        (["入院日期", "出院日期"], "出院日期"),  # the day the care ended wins, wherever it stands
        (["begndate", "enddate"], "enddate"),
        (["就诊日期", "入院日期"], "就诊日期"),
        (["开始日期", "结束日期"], "结束日期"),
        (["结算日期"], None),
    ],
)
def test_the_service_date_is_the_day_the_care_ended_else_the_day_it_began(headers, chosen):
    found = match_headers(SETTLEMENTS, ["结算编号", *headers]).columns.get("service_date")
    assert (None if found is None else ["结算编号", *headers][found]) == chosen


# ---- import -------------------------------------------------------------------------------------


def test_a_local_export_with_出院日期_imports_the_date_and_an_empty_cell_as_null(ws, tmp_path):
    file = write(tmp_path / "s.csv", BASE + ",出院日期", [
        f"S1,{P[0].id_number},住院,二级,2023-03-05,1000.00,800.00,500.00,0,210.00,2023-03-01",
        f"S2,{P[1].id_number},门诊,一级,2023-04-02,200.00,200.00,100.00,0,70.00,2023/4/2",
        f"S3,{P[2].id_number},门诊,一级,2023-04-03,200.00,200.00,100.00,0,70.00,",
    ])  # fmt: skip
    summary = import_file(ws.root, "settlements", file)
    assert (summary.new, summary.rejected) == (3, 0)
    assert service_dates(ws) == {"S1": dt.date(2023, 3, 1), "S2": dt.date(2023, 4, 2), "S3": None}


def test_a_platform_export_with_enddate_imports_the_date(ws, tmp_path):
    header = "setl_id,certno,med_type,setl_time,medfee_sumamt,inscp_scp_amt,hifp_pay,hifmi_pay,maf_pay,begndate,enddate"
    file = write(tmp_path / "p.csv", header + ",fixmedins_code", [
        f"P1,{P[0].id_number},21,2023-01-06 09:30:00,1000.00,800.00,500.00,0,210.00,2022-12-20,2022-12-28 10:00:00,H1",
        f"P2,{P[1].id_number},11,2023-02-01 08:00:00,200.00,200.00,100.00,0,70.00,2023-02-01,2023-02-01,H1",
    ])  # fmt: skip
    write(tmp_path / "i.csv", "机构编码,机构名称,医院等级", ["H1,县人民医院,二级"])
    import_file(ws.root, "institutions", tmp_path / "i.csv")
    summary = import_file(ws.root, "settlements", file)
    assert (summary.new, summary.rejected) == (2, 0)
    assert service_dates(ws) == {"P1": dt.date(2022, 12, 28), "P2": dt.date(2023, 2, 1)}


def test_the_careful_reader_keeps_each_rows_service_date_and_line(ws, tmp_path):
    """A blank line and a quoted line break make DuckDB's fast read inexact: the careful reader numbers the lines."""
    file = tmp_path / "careful.csv"
    file.write_text(
        f"{BASE},出院日期\n"
        f"S1,{P[0].id_number},住院,二级,2023-03-05,1000.00,800.00,500.00,0,210.00,2023-03-01\n"
        "\n"
        f'"S2",{P[1].id_number},住院,二级,2023-03-06,1000.00,800.00,500.00,0,210.00,"2023-03-07"\n'
        f'S3,{P[2].id_number},"住院",二级,2023-03-09,1000.00,800.00,500.00,0,210.00,2023-03-08\n',
        encoding="utf-8",
    )
    summary = import_file(ws.root, "settlements", file)
    assert (summary.new, summary.rejected) == (2, 1)
    assert service_dates(ws) == {"S1": dt.date(2023, 3, 1), "S3": dt.date(2023, 3, 8)}
    assert rejects(summary.rejects_file)[4]["列"] == "出院日期"  # line 4: after the blank line 3


def test_a_service_date_after_the_settlement_is_refused_at_its_row_and_column(ws, tmp_path):
    file = write(tmp_path / "s.csv", BASE + ",出院日期", [
        f"S1,{P[0].id_number},住院,二级,2023-03-05,1000.00,800.00,500.00,0,210.00,2023-03-01",
        f"S2,{P[1].id_number},住院,二级,2023-03-05 08:00:00,1000.00,800.00,500.00,0,210.00,2023-03-06",
        f"S3,{P[2].id_number},门诊,一级,2023-03-05,200.00,200.00,100.00,0,70.00,2023-03-05 17:00:00",  # same day
        f"S4,{P[3].id_number},门诊,一级,2023-03-05,200.00,200.00,100.00,0,70.00,2023-02-30",
    ])  # fmt: skip
    summary = import_file(ws.root, "settlements", file)
    assert (summary.new, summary.rejected) == (2, 2)
    refused = rejects(summary.rejects_file)
    assert set(refused) == {3, 5}
    assert refused[3]["列"] == "出院日期" and refused[3]["值"] == "2023-03-06"
    assert refused[3]["原因"] == "出院日期“2023-03-06”晚于结算日期“2023-03-05”：结算不会早于就诊结束，请核对这两个日期"
    assert refused[5]["列"] == "出院日期" and "无法识别或不存在" in refused[5]["原因"]
    assert set(service_dates(ws)) == {"S1", "S3"}


def test_a_service_date_brought_later_completes_a_stored_settlement_without_a_conflict(ws, tmp_path):
    rows = [
        f"S1,{P[0].id_number},住院,二级,2023-01-05,1000.00,800.00,500.00,0,210.00",
        f"S2,{P[1].id_number},住院,二级,2023-03-05,1000.00,800.00,500.00,0,210.00",
    ]
    import_file(ws.root, "settlements", write(tmp_path / "old.csv", BASE, rows))
    assert service_dates(ws) == {"S1": None, "S2": None}
    dated = write(tmp_path / "new.csv", BASE + ",出院日期", [rows[0] + ",2022-12-30", rows[1] + ",2023-03-02"])
    summary = import_file(ws.root, "settlements", dated)
    assert (summary.conflicts, summary.rejected, summary.changed) == (0, 0, 2)
    assert service_dates(ws) == {"S1": dt.date(2022, 12, 30), "S2": dt.date(2023, 3, 2)}


# ---- an older store -----------------------------------------------------------------------------


def test_a_version_3_store_is_upgraded_and_keeps_working(ws, tmp_path):
    line = f"S1,{P[0].id_number},住院,二级,2023-01-05,1000.00,800.00,500.00,0,{{}}"
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", BASE, [line.format("210.00")]))
    back_to_version_4(ws.root)  # settlements in the DuckDB file, as before schema 5 (tests/old_store.py)
    with duckdb.connect(str(ws.store_path)) as con:  # the store as medaid left it before schema 4
        for table in ("settlements", "replaced_settlements"):
            con.execute(f"ALTER TABLE {table} DROP COLUMN service_date")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")

    reopened = Workspace.open(ws.root)

    version = stored(reopened, "SELECT value FROM meta WHERE key = 'schema_version'")
    assert version == [(str(SCHEMA_VERSION),)] and SCHEMA_VERSION >= 5
    assert service_dates(reopened) == {"S1": None}
    assert cross_year(reopened)["cross_year_payments"].value is None
    # a corrected export with the date replaces it; the old version is kept, its columns by name
    corrected = write(tmp_path / "c.csv", BASE + ",出院日期", [line.format("250.00") + ",2022-12-31"])
    summary = import_file(reopened.root, "settlements", corrected, replace=True, reason="平台更正后重新导出")
    assert (summary.replaced, summary.rejected) == (1, 0)
    assert service_dates(reopened) == {"S1": dt.date(2022, 12, 31)}
    kept = stored(reopened, "SELECT assistance_paid, service_date, reason FROM replaced_settlements")
    assert kept == [(21000, None, "平台更正后重新导出")]
    values = cross_year(reopened)
    assert values["cross_year_payments"].value == 1 and values["cross_year_amount"].value == Decimal("250.00")


# ---- the metrics --------------------------------------------------------------------------------


def dated_workspace(tmp_path: Path) -> Workspace:
    """Two cross-year payments (a 2022 stay, a 2021 stay paid by 倾斜救助 too), one without a date, one
    cross-year settlement without assistance, and this year's care."""
    ws = Workspace.init(tmp_path / "ws", region="柳城县", year=2023)
    write(tmp_path / "i.csv", "机构编码,机构名称,医院等级", ["H1,县人民医院,二级"])
    import_file(ws.root, "institutions", tmp_path / "i.csv")
    header = BASE + ",倾斜救助支付,出院日期"
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", header, [
        f"S1,{P[0].id_number},住院,二级,2023-01-10,10000.00,9000.00,6000.00,0,2100.00,0,2022-12-28",
        f"S2,{P[1].id_number},住院,三级,2023-06-01,20000.00,18000.00,10000.00,2000.00,5000.00,400.00,2021-11-30",
        f"S3,{P[2].id_number},住院,二级,2023-02-01,5000.00,4500.00,3000.00,0,900.00,0,",
        f"S4,{P[3].id_number},住院,二级,2023-01-03,5000.00,4500.00,3000.00,0,0,0,2022-12-30",
        f"S5,{P[0].id_number},门诊,一级,2023-04-01,200.00,200.00,100.00,0,70.00,0,2023-04-01",
        f"S6,{P[1].id_number},住院,二级,2022-12-20,5000.00,4500.00,3000.00,0,900.00,0,2021-12-01",  # other year
    ]))  # fmt: skip
    return ws


def test_the_metrics_count_aided_settlements_whose_care_ended_in_an_earlier_year(tmp_path):
    values = cross_year(dated_workspace(tmp_path))
    payments, amount = values["cross_year_payments"], values["cross_year_amount"]
    assert payments.value == 2 and payments.text() == "2笔" and payments.note is None
    assert amount.value == Decimal("7500.00") and amount.text() == "7,500.00元"
    assert "出院日期" in payments.metric.formula


def test_without_any_service_date_there_is_no_value_and_the_note_says_why(ws, tmp_path):
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", BASE, [
        f"S1,{P[0].id_number},住院,二级,2023-01-10,10000.00,9000.00,6000.00,0,2100.00",
    ]))  # fmt: skip
    for value in cross_year(ws).values():
        assert value.value is None and value.note == NO_SERVICE_DATE
    assert "出院日期/就诊日期" in NO_SERVICE_DATE


def test_the_metrics_are_the_same_on_spark(tmp_path):
    """As tests/test_spark_parity.py does for every metric, here with values that are not null."""
    pytest.importorskip("pyspark", reason="pyspark is installed by `make test`")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: `make test` installs openjdk")
    import ibis
    from pyspark.sql import SparkSession

    from medaid.analytics.binding import sources
    from medaid.analytics.metric_defs import BY_NAME
    from medaid.analytics.metrics import Sources, compute
    from tests.test_spark_parity import copy_to_spark

    ws = dated_workspace(tmp_path)
    with ws.connect(read_only=True) as con:
        src, inputs = sources(con, ws, 2023)
        on_duckdb = {n: compute(BY_NAME[n], src, inputs).value for n in CROSS_YEAR}
    session = (
        SparkSession.builder.master("local[1]").appName("medaid-cross-year")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )  # fmt: skip
    try:
        spark = ibis.pyspark.connect(session)
        copy_to_spark(spark, ws)
        settlements = spark.table("settlements")
        of_year = Sources(**{**vars(src), "settlements": settlements.filter(settlements.settle_date.year() == 2023)})
        on_spark = {n: compute(BY_NAME[n], of_year, inputs).value for n in CROSS_YEAR}
    finally:
        session.stop()
    assert on_spark == on_duckdb == {"cross_year_payments": 2, "cross_year_amount": Decimal("7500.00")}


# ---- the demo county ----------------------------------------------------------------------------


def test_the_demo_countys_cross_year_payments_are_those_of_its_manifest(tmp_path):
    manifest = generate(tmp_path / "data", 6000, seed=7)
    ws = Workspace.init(tmp_path / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        import_file(ws.root, kind, tmp_path / "data" / name)
    values = cross_year(ws)
    assert manifest.cross_year_payments >= 2 and len(manifest.cross_year_ids) == manifest.cross_year_payments
    assert values["cross_year_payments"].value == manifest.cross_year_payments
    assert values["cross_year_amount"].value * 100 == manifest.cross_year_amount_fen
    found = stored(ws, "SELECT settlement_id FROM settlements WHERE year(service_date) < year(settle_date)")
    assert sorted(r[0] for r in found) == sorted(manifest.cross_year_ids)
    with (tmp_path / "data" / "settlements.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["结算编号"] in manifest.cross_year_ids:
                assert row["结算日期"].startswith("2023-01-") and row["出院日期"].startswith("2022-12-")
                assert row["就诊类型"] == "住院" and Decimal(row["医疗救助支付"]) > 0
    undated = stored(ws, "SELECT count(*) FROM settlements WHERE service_date IS NULL OR service_date > settle_date")
    assert undated == [(0,)]  # every settlement of both files has its date, none after its settlement
