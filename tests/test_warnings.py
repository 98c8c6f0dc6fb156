"""High-cost warnings (高额费用预警) on hand-made data with known answers."""

from __future__ import annotations

import csv
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from medaid.analytics.warning_push import conversion_rate
from medaid.analytics.warnings import compute
from medaid.demo.people import make_people
from medaid.errors import MedaidError
from medaid.services.imports import import_file
from medaid.services.warnings import follow_warning, list_warnings, push_warnings, warning_events, warning_rate
from medaid.store import app
from medaid.workspace import SETTINGS_FILE, Workspace

A, B, C, D, E, F, G, H = PEOPLE = make_people(8, seed=77)
REC = "身份证号,姓名,救助类别,认定部门,生效日期,终止日期"
SET = (
    "结算编号,身份证号,姓名,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,"
    "职工大额支付,医疗救助支付,倾斜救助支付"
)
JUNE = dt.date(2023, 6, 30)
JULY = dt.date(2023, 7, 31)


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


def settle(sid: str, p, date: str, in_scope: str, basic: str, critical="0", large="", assist="0", tilted="0") -> str:
    total = in_scope if in_scope.startswith("-") else str(Decimal(in_scope) + 100)
    return (
        f"{sid},{p.id_number},{p.name},住院,二级,{date},{total},{in_scope},{basic},{critical},{large},{assist},{tilted}"
    )


@pytest.fixture(autouse=True)
def _no_shared_server(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)  # the tests use the workspace's own SQLite file


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path)


def make_workspace(tmp_path: Path) -> Workspace:
    """The hand-made data of these tests (also used by the command-line tests)."""
    ws = Workspace.init(tmp_path / "ws", region="示例县", year=2023)
    ws.settings.warning_groups.update({"一般人群": Decimal(26000), "特困人员": Decimal(5000)})
    (ws.root / SETTINGS_FILE).write_text(ws.settings.to_yaml(), encoding="utf-8")
    ws = Workspace.open(ws.root)
    import_file(ws.root, "recipients", write(tmp_path / "r.csv", REC, [
        f"{A.id_number},{A.name},低保对象,民政,2023-01-01,",
        f"{B.id_number},{B.name},防止返贫监测对象,乡村振兴,2023-01-01,",
        f"{B.id_number},{B.name},防止返贫监测对象,残联,2023-01-01,",
        f"{C.id_number},{C.name},低保对象,民政,2023-01-01,",
        f"{G.id_number},{G.name},低保对象,民政,2023-01-01,2023-03-31",  # ended before the as-of date
        f"{H.id_number},{H.name},特困人员,民政,2023-01-01,",
    ]))  # fmt: skip
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", SET, [
        settle("SA1", A, "2023-03-01", "30000.00", "18000.00", assist="3000.00"),  # 9 000.00: under
        # B: 6 000.01 after all five layers + 4 000.00 = 10 000.01, just over 10 000
        settle("SB1", B, "2023-02-01", "15000.00", "6000.00", "1000.00", "500.00", "1000.00", "499.99"),
        settle("SB2", B, "2023-05-01", "6000.00", "2000.00"),
        settle("SC1", C, "2023-04-01", "25000.00", "15000.00"),  # exactly 10 000.00: not over
        settle("SD1", D, "2023-02-10", "40000.00", "12000.00"),  # 28 000.00 …
        settle("SD2", D, "2023-02-20", "-3000.00", "-1000.00"),  # … refund −2 000.00: 26 000.00, not over
        settle("SE1", E, "2023-01-15", "36500.00", "10000.00"),  # 26 500.00 > 26 000 (一般人群)
        settle("SE0", E, "2022-12-30", "90000.00", "10000.00"),  # last year: not counted
        settle("SE9", E, "2023-08-02", "90000.00", "10000.00"),  # after the as-of date: not counted
        settle("SF1", F, "2023-03-03", "25000.00", "10000.00"),  # 15 000.00: over 10 000 but 一般人群 26 000
        settle("SG1", G, "2023-02-02", "22000.00", "10000.00"),  # 12 000.00, 一般人群 on the as-of date
        settle("SH1", H, "2023-06-01", "10000.00", "4000.00"),  # 6 000.00 > 特困人员 5 000
    ]))  # fmt: skip
    return ws


def test_who_is_over_the_threshold_with_group_departments_and_reason(ws):
    with ws.connect() as con:
        found = {c.id_masked: c for c in compute(con, ws.settings, JUNE)}
    assert set(found) == {ws_mask(B), ws_mask(E), ws_mask(H)}
    b, e, h = found[ws_mask(B)], found[ws_mask(E)], found[ws_mask(H)]
    assert (b.group, b.amount_fen, b.threshold_fen, b.departments) == ("防止返贫监测对象", 1_000_001, 1_000_000,
                                                                       ("乡村振兴", "残联"))  # fmt: skip
    assert (e.group, e.amount_fen, e.threshold_fen, e.departments) == ("一般人群", 2_650_000, 2_600_000,
                                                                       ("乡村振兴", "民政"))  # fmt: skip
    assert (h.group, h.amount_fen, h.threshold_fen, h.departments) == ("特困人员", 600_000, 500_000, ("民政",))
    assert "2023-01-01至2023-06-30共2笔结算" in b.reason
    assert "10,000.01元" in b.reason and "防止返贫监测对象预警线10,000.00元" in b.reason and "超出0.01元" in b.reason
    assert "一般人群预警线26,000.00元" in e.reason


def test_default_threshold_without_groups(ws):  # H: 6 000 is under the default 10 000
    ws.settings.warning_groups.clear()
    with ws.connect() as con:
        found = {c.id_masked: (c.group, c.amount_fen) for c in compute(con, ws.settings, JUNE)}
    assert found == {ws_mask(B): ("防止返贫监测对象", 1_000_001), ws_mask(D): ("一般人群", 2_600_000),
                     ws_mask(E): ("一般人群", 2_650_000), ws_mask(F): ("一般人群", 1_500_000),
                     ws_mask(G): ("一般人群", 1_200_000)}  # fmt: skip


def ws_mask(p) -> str:
    return p.id_number[:4] + "*" * 10 + p.id_number[-4:]


def test_push_twice_is_idempotent_and_updates_amounts(ws, tmp_path):
    first = push_warnings(ws.root, JUNE, actor="测试员")
    assert len(first.new) == 3 and first.updated == 0 and first.unchanged == 0
    assert first.by_department() == {"乡村振兴": 2, "民政": 2, "残联": 1}
    names = sorted(p.name for p in first.files)
    assert names == sorted(
        f"推送名单-{d}-2023-06-30.{x}" for d in ("乡村振兴", "民政", "残联") for x in ("xlsx", "csv")
    )
    again = push_warnings(ws.root, JUNE, actor="测试员")
    assert again.new == [] and again.updated == 0 and again.unchanged == 3
    assert len(list_warnings(ws.root).warnings) == 3
    import_file(ws.root, "settlements", write(tmp_path / "more.csv", SET, [
        settle("SB3", B, "2023-07-15", "3000.00", "2000.00"),  # B: +1 000.00
    ]))  # fmt: skip
    later = push_warnings(ws.root, JULY, actor="测试员")
    assert later.new == [] and later.updated == 1 and later.unchanged == 2 and later.files == []
    stored = {w.id_masked: w for w in list_warnings(ws.root).warnings}
    b = stored[ws_mask(B)]
    assert b.amount_fen == 1_100_001 and b.as_of == JUNE and b.state == "pushed" and "截至" not in b.reason
    log = warning_events(ws.root, b.id)
    assert [(e.from_state, e.to_state) for e in log] == [(None, "pushed"), ("pushed", "pushed")]
    assert log[1].note == "金额更新：10,000.01元 → 11,000.01元（截至2023-07-31）" and log[1].actor == "测试员"


def test_follow_up_changes_state_with_events_and_conversion(ws):
    pushed = push_warnings(ws.root, JUNE)
    by_mask = {w.id_masked: w for w in pushed.warnings}
    e_id = by_mask[ws_mask(E)].id
    done = follow_warning(ws.root, e_id, "confirmed", note="认定为低保边缘家庭成员", actor="民政张某")
    assert done.state == "confirmed"
    follow_warning(ws.root, ws_mask(H), "rejected", note="已享受特困供养", actor="民政李某")
    with pytest.raises(MedaidError, match="已是“已认定”"):
        follow_warning(ws.root, str(e_id), "confirmed")
    with pytest.raises(MedaidError, match="处理状态“pushed”无效"):
        follow_warning(ws.root, e_id, "pushed")
    with pytest.raises(MedaidError, match="找不到编号为 999 的预警"):
        follow_warning(ws.root, 999, "confirmed")
    log = warning_events(ws.root, e_id)
    assert [(e.from_state, e.to_state, e.note, e.actor) for e in log][1:] == [
        ("pushed", "confirmed", "认定为低保边缘家庭成员", "民政张某")
    ]
    assert {w.id_masked for w in list_warnings(ws.root, state="rejected").warnings} == {ws_mask(H)}
    result = warning_rate(ws.root, year=2023).conversion
    assert (result.pushed, result.confirmed) == (3, 1) and result.rate == pytest.approx(1 / 3)
    assert result.percent == "33.33%"
    assert warning_rate(ws.root, year=2022).conversion == (0, 0, 0.0)
    push_warnings(ws.root, JUNE)  # a later push keeps the follow-up state
    assert {w.id_masked: w.state for w in list_warnings(ws.root).warnings}[ws_mask(E)] == "confirmed"


def test_hefei_conversion_arithmetic():
    hefei = conversion_rate(20856, 56)
    assert hefei.rate == pytest.approx(0.002685, abs=5e-7)
    assert hefei.percent == "0.27%"
    assert conversion_rate(0, 0).rate == 0.0


def test_push_lists_mask_identities_and_carry_no_formulas(ws):
    result = push_warnings(ws.root, JUNE)
    xlsx = ws.root / "warnings" / "推送名单-民政-2023-06-30.xlsx"
    assert xlsx in result.files
    sheet = openpyxl.load_workbook(xlsx)["推送名单"]
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    text = " ".join(str(v) for v in cells)
    assert ws_mask(E) in text and ws_mask(H) in text and ws_mask(B) not in text  # B goes to 乡村振兴 and 残联
    assert not any(p.id_number in text or p.name in text for p in PEOPLE)
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert 26500.0 in cells and "预警编号" in cells
    raw = xlsx.with_suffix(".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["序号", "预警编号", "身份证号"] and len(rows) == 3
    assert not any(p.id_number in raw.decode("utf-8-sig") or p.name in raw.decode("utf-8-sig") for p in PEOPLE)


def test_push_refuses_a_date_outside_the_workspace_year(ws):
    with pytest.raises(MedaidError, match="不在工作区年度 2023 内"):
        push_warnings(ws.root, dt.date(2024, 1, 31))


def test_app_database_on_sqlite_from_a_fresh_workspace(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import inspect
    from sqlalchemy.exc import IntegrityError

    ws = Workspace.init(tmp_path / "fresh", year=2023)
    assert not (ws.root / app.APP_FILE).exists()
    assert push_warnings(ws.root, JUNE).warnings == []  # nothing imported: no warnings, but the database is made
    url = app.url_for(ws.root)
    assert url == f"sqlite:///{(ws.root / 'app.sqlite').resolve().as_posix()}"
    assert app.current_revision(url) == app.head_revision() == "0010"
    engine = app.make_engine(url)
    try:
        with engine.connect() as con:
            assert {"warnings", "warning_events", "accounts", "access_log", "audit_log", "alembic_version"} <= set(
                inspect(con).get_table_names()
            )
            assert compare_metadata(MigrationContext.configure(con), app.Base.metadata) == []  # models == migration
        now = dt.datetime(2023, 7, 1)
        row = {"workspace": "w", "workspace_year": 2023, "as_of": JUNE, "person_key": "k", "id_masked": "4599**********0000",
               "name_masked": "张*", "group": "一般人群", "departments": "民政", "amount_fen": 1, "threshold_fen": 0,
               "reason": "测试", "state": "pushed", "created_at": now, "updated_at": now}  # fmt: skip
        with pytest.raises(IntegrityError), app.Session(engine) as session, session.begin():
            session.add_all([app.AppWarning(**row), app.AppWarning(**row)])  # unique on (workspace, person, year)
        with pytest.raises(IntegrityError), app.Session(engine) as session, session.begin():
            session.add(app.AppWarning(**{**row, "state": "待定"}))
    finally:
        engine.dispose()
    app.upgrade(url)  # at head already: nothing to do


def test_app_url_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(app.ENV_URL, "postgresql+psycopg://medaid@db.example/medaid")
    assert app.url_for(tmp_path) == "postgresql+psycopg://medaid@db.example/medaid"
    sql = app.offline_sql("postgresql://medaid@db.example/medaid")  # no connection is made
    assert "CREATE TABLE warnings" in sql and '"group" VARCHAR(32) NOT NULL' in sql
    assert "uq_warnings_person_year UNIQUE (person_key, workspace_year)" in sql


def test_app_database_on_postgresql(ws, monkeypatch):
    """`make test` starts a throwaway server (scripts/pg-test-server.sh) and sets the URL."""
    url = os.environ.get("MEDAID_TEST_PG_URL", "")
    if not url:
        pytest.skip("没有可用的 PostgreSQL 服务器：设置 MEDAID_TEST_PG_URL=postgresql+psycopg://用户@主机/空库 后运行")
    pytest.importorskip("psycopg", reason="未安装 PostgreSQL 驱动 psycopg")
    # the fixture's imports logged themselves in the workspace's own file, before the switch to the server
    local = ws.root / "app.sqlite"
    before = local.stat().st_mtime_ns if local.exists() else None
    monkeypatch.setenv(app.ENV_URL, url)
    app.upgrade(url)
    assert app.current_revision(url) == app.head_revision() == "0010"
    engine = app.make_engine(url)
    with engine.begin() as con:  # a clean slate: the server is shared by the runs of this test
        con.exec_driver_sql("DELETE FROM warning_events")
        con.exec_driver_sql("DELETE FROM warnings")
    engine.dispose()
    first = push_warnings(ws.root, dt.date(2023, 6, 30))
    assert len(first.new) == 3
    again = push_warnings(ws.root, dt.date(2023, 6, 30))
    assert again.new == [] and again.unchanged == 3  # the unique key holds on PostgreSQL too
    follow_warning(ws.root, first.new[0], "confirmed", note="已认定")
    assert warning_rate(ws.root, year=2023).conversion.confirmed == 1
    assert (local.stat().st_mtime_ns if local.exists() else None) == before  # everything went to the server
