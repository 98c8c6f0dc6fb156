"""High-cost warnings per workspace (store/warnings_store.py, migration 0010): two workspaces sharing one app
database (``MEDAID_APP_URL``) each push, list, follow up, count and open cases from their own warnings only;
the same person may be warned in both; an app database of revision 0009 keeps its warnings, their events and
the cases opened from them, each warning given the workspace the database says it is of.

The two workspaces hold the same data under the same key (the second was made with the first's key file), so
that the same person has the same keyed hash in both: the old unique key (person, year) would make them collide.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.cases.model import Application, Declaration, Person
from medaid.errors import MedaidError
from medaid.services.cases import open_from_warning
from medaid.services.common import workspace_key
from medaid.services.warnings import follow_warning, list_warnings, push_warnings, warning_events, warning_rate
from medaid.services.warnings_view import warning_history, warnings_page
from medaid.store import app
from medaid.store.warnings_store import AppWarning, unassigned
from medaid.workspace import Workspace
from tests.conftest import _pg_url
from tests.test_warnings import JUNE, B, make_workspace, ws_mask

CLERK = {"actor": "医保经办·王", "role": "clerk"}


def twin(tmp: Path) -> tuple[Path, Path]:
    """Two 2023 workspaces of the same data and the same key, in tmp/a/ws and tmp/b/ws."""
    first = make_workspace(tmp / "a").root
    (tmp / "b" / "ws").mkdir(parents=True)
    shutil.copy2(Workspace.open(first).key_path, tmp / "b" / "ws" / Workspace.open(first).key_path.name)
    second = make_workspace(tmp / "b").root
    assert workspace_key(Workspace.open(first)) != workspace_key(Workspace.open(second))
    return first, second


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """One app database for both workspaces: a SQLite file outside them, or the test PostgreSQL server (whose
    other rows are other runs' workspaces: every assertion here is about this run's two)."""
    url = f"sqlite:///{(tmp_path / 'shared.sqlite').as_posix()}"
    if request.param == "postgresql":
        url = _pg_url() or ""
        if not url:
            pytest.skip("没有可用的 PostgreSQL 服务器（MEDAID_TEST_PG_URL）：只在 SQLite 上测试")
        pytest.importorskip("psycopg", reason="未安装 PostgreSQL 驱动 psycopg")
    monkeypatch.setenv(app.ENV_URL, url)
    yield url


def test_two_workspaces_keep_their_warnings_apart(shared: str, tmp_path: Path):
    a, b = twin(tmp_path)
    pushed_a = push_warnings(a, JUNE)
    pushed_b = push_warnings(b, JUNE)
    assert len(pushed_a.new) == len(pushed_b.new) == 3  # b's people are new to b, though a warned them first
    assert set(pushed_a.new).isdisjoint(pushed_b.new)
    assert push_warnings(a, JUNE).unchanged == 3  # a second push of a finds a's own warnings
    engine = app.make_engine(shared)
    try:
        with app.Session(engine) as session:
            people = {w.id: (w.workspace, w.person_key) for w in session.scalars(select(AppWarning))}
    finally:
        engine.dispose()
    keys = {s: workspace_key(Workspace.open(s)) for s in (a, b)}
    assert {people[i][0] for i in pushed_a.new} == {keys[a]} and {people[i][0] for i in pushed_b.new} == {keys[b]}
    assert {people[i][1] for i in pushed_a.new} == {people[i][1] for i in pushed_b.new}  # the same three people

    assert {w.id for w in list_warnings(a).warnings} == set(pushed_a.new)
    assert {w.id for w in list_warnings(b).warnings} == set(pushed_b.new)
    page = warnings_page(a)
    assert page.total == 3 and {w.id for w in page.warnings} == set(pushed_a.new)

    theirs = pushed_b.new[0]
    with pytest.raises(MedaidError, match=f"找不到编号为 {theirs} 的预警"):
        follow_warning(a, theirs, "confirmed", note="不是本工作区的")
    assert warning_events(a, theirs) == []
    with pytest.raises(MedaidError, match=f"找不到编号为 {theirs} 的预警"):
        warning_history(a, theirs, actor="admin")
    # by 身份证号: a's warning of B, though b has one of the same person
    done = follow_warning(a, B.id_number, "confirmed", note="已认定")
    assert done.id in pushed_a.new and done.id_masked == ws_mask(B)
    assert warning_rate(a, year=2023).conversion.confirmed == 1
    assert warning_rate(b, year=2023).conversion.confirmed == 0
    assert {w.state for w in list_warnings(b).warnings} == {"pushed"}
    assert [e.to_state for e in warning_events(b, done.id)] == []


def test_a_case_opens_from_the_workspace_own_warning_only(shared: str, tmp_path: Path):
    a, b = twin(tmp_path)
    mine, theirs = push_warnings(a, JUNE), push_warnings(b, JUNE)
    target = next(w for w in theirs.warnings if w.id_masked == ws_mask(B))
    applying = Application(applicant=Person(B.id_number, B.name), category="低保边缘", applied_on=dt.date(2023, 7, 3),
                           declaration=Declaration(income_fen=1_800_000), area="459901")  # fmt: skip
    with pytest.raises(MedaidError, match=f"没有编号为 {target.id} 的高额费用预警"):
        open_from_warning(a, target.id, applying, **CLERK)
    own = next(w for w in mine.warnings if w.id_masked == ws_mask(B))
    case = open_from_warning(a, own.id, applying, **CLERK)
    assert case.warning_id == own.id


Push = tuple[str, str, str, int]  # (workspace, as-of date, logged at, new warnings) of a 预警推送 entry


def _legacy_0009(url: str, path: Path, made: list[tuple[int, str]], cases: list[tuple[int, str, int]],
                 followed: list[tuple[str, int]], pushes: list[Push]) -> None:  # fmt: skip
    """An app database of revision 0009 with the warnings (id, as-of date: made at 09:00 that day, person key
    k<id>), an event of each, the cases (id, workspace, warning id), and 预警认定 (workspace, warning id) and
    预警推送 entries of the audit trail."""
    app.upgrade(url, "0009")
    con = sqlite3.connect(path)
    for n, as_of in made:
        when = f"{as_of} 09:00:00.000000"
        con.execute(
            'INSERT INTO warnings (id, workspace_year, as_of, person_key, id_masked, name_masked, "group", '
            "departments, amount_fen, threshold_fen, reason, state, created_at, updated_at) VALUES "
            "(?, 2023, ?, ?, ?, '张*', '一般人群', '民政', 3000000, 2600000, '测试', 'pushed', ?, ?)",
            (n, as_of, f"k{n}", f"4599**********000{n}", when, when),
        )
        con.execute("INSERT INTO warning_events (warning_id, from_state, to_state, note, actor, at) "
                    "VALUES (?, NULL, 'pushed', '首次推送', '王', ?)", (n, when))  # fmt: skip
    for case_id, workspace, warning_id in cases:
        con.execute(
            "INSERT INTO cases (id, workspace, state, category, person_key, id_cipher, name_cipher, id_masked, "
            "name_masked, applied_on, warning_id, income_fen, assets_fen, opened_by, opened_at, updated_at) VALUES "
            "(?, ?, 'applied', '其他', 'k', x'00', x'00', 'm', 'n', '2023-11-03', ?, 0, 0, '王', ?, ?)",
            (case_id, workspace, warning_id, "2023-11-03 09:00:00.000000", "2023-11-03 09:00:00.000000"),
        )
    entries = [(w, "预警认定", f'{{"id": {i}}}', "2023-11-01 09:00:00.000000") for w, i in followed]
    entries += [(w, "预警推送", f'{{"as_of": "{d}", "new": {n}}}', f"{at}.000000") for w, d, at, n in pushes]
    for i, (workspace, action, detail, at) in enumerate(entries):
        con.execute("INSERT INTO audit_log (at, actor, action, workspace, detail, previous, hash) "
                    "VALUES (?, '王', ?, ?, ?, '0', ?)", (at, action, workspace, detail, f"h{i}"))  # fmt: skip
    con.commit()
    con.close()


def test_migration_0010_on_a_shared_database_assigns_what_the_database_tells(tmp_path: Path):
    path = tmp_path / "shared.sqlite"
    url = f"sqlite:///{path.as_posix()}"
    made = [(1, "2023-06-30"), (2, "2023-06-30"), (3, "2023-07-31"), (4, "2023-08-31"), (5, "2023-09-30"),
            (6, "2023-10-31")]  # fmt: skip
    pushes = [
        ("A", "2023-06-30", "2023-06-30 09:00:03", 2),  # made 1 and 2
        ("B", "2023-06-30", "2023-06-30 09:00:01", 5),  # not them: five new
        ("A", "2023-07-31", "2023-07-31 09:00:01", 1),
        ("B", "2023-07-31", "2023-07-31 09:00:02", 1),  # 3?
        ("A", "2023-08-31", "2023-08-31 11:00:00", 1),
    ]  # two hours after 4 was made: not its push
    followed = [("B", 1), ("B", 3), ("B", 5), ("B", 99)]
    cases = [(1, "A", 5), (2, "A", 6)]
    _legacy_0009(url, path, made, cases, followed, pushes)
    app.upgrade(url)
    assert app.current_revision(url) == "0010"
    con = sqlite3.connect(path)
    try:
        # 1, 2: A's push (B's follow-up of 1 does not change that); 3: two pushes fit, B followed it up;
        # 4: no push, nothing else; 5: a case of A and a follow-up of B; 6: a case of A
        assert con.execute("SELECT id, workspace FROM warnings ORDER BY id").fetchall() == [
            (1, "A"), (2, "A"), (3, "B"), (4, None), (5, None), (6, "A")]  # fmt: skip
        assert con.execute("SELECT warning_id, count(*) FROM warning_events GROUP BY warning_id").fetchall() == [
            (n, 1) for n in range(1, 7)]  # fmt: skip
        assert con.execute("SELECT id, warning_id FROM cases ORDER BY id").fetchall() == [(1, 5), (2, 6)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    engine = app.make_engine(url)
    try:
        with app.Session(engine) as session:
            assert unassigned(session) == 2
    finally:
        engine.dispose()


def test_migration_0010_on_a_workspace_own_file_keeps_everything_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv(app.ENV_URL, raising=False)
    root = Workspace.init(tmp_path / "ws", year=2023).root
    path = root / app.APP_FILE
    assert not path.exists()
    key = workspace_key(Workspace.open(root))
    made = [(1, "2023-06-30"), (2, "2023-06-30"), (3, "2023-07-31")]
    _legacy_0009(app.url_for(root), path, made, [(1, key, 2)], [], [])
    listed = list_warnings(root, year=2023).warnings  # migrates to 0010 and adopts the unassigned warnings
    assert sorted(w.id for w in listed) == [1, 2, 3]
    assert [e.note for e in warning_events(root, 3)] == ["首次推送"]
    done = follow_warning(root, 1, "confirmed", note="已认定")
    assert done.state == "confirmed" and [e.to_state for e in warning_events(root, 1)] == ["pushed", "confirmed"]
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT DISTINCT workspace FROM warnings").fetchall() == [(key,)]
        assert con.execute("SELECT warning_id FROM cases").fetchall() == [(2,)]


def test_an_unassigned_warning_on_a_shared_database_is_reported_not_taken(shared: str, tmp_path: Path):
    a, b = twin(tmp_path)
    push_warnings(a, JUNE)
    before = list_warnings(a).unassigned
    now = dt.datetime(2023, 6, 30, 9, 0)
    engine = app.make_engine(shared)
    try:
        with app.Session(engine) as session, session.begin():
            session.add(AppWarning(workspace=None, workspace_year=2023, as_of=JUNE, person_key="旧", group="一般人群",
                                   id_masked="4599**********0000", name_masked="张*", departments="民政",
                                   amount_fen=3_000_000, threshold_fen=2_600_000, reason="0.18 之前推送",
                                   state="pushed", created_at=now, updated_at=now))  # fmt: skip
    finally:
        engine.dispose()
    found = list_warnings(a)
    assert found.unassigned == before + 1 and len(found.warnings) == 3  # not adopted: the database is shared
    assert found.note is not None and f"另有 {before + 1} 条预警不属于任何工作区" in found.note
    assert found.to_dict()["unassigned"] == before + 1
    assert list_warnings(b).warnings == [] and warning_rate(a, year=2023).conversion.pushed == 3


def _down_to_0009(url: str) -> None:
    """The app database back at revision 0009, as before 0.18 (foreign keys off, as ``app.upgrade`` does)."""
    from alembic import command
    from alembic.config import Config

    engine = app.make_engine(url)
    try:
        with app._script_location() as location, engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
            with connection.begin():
                config = Config()
                config.set_main_option("script_location", str(location))
                config.attributes["connection"] = connection
                command.downgrade(config, "0009")
    finally:
        engine.dispose()


def test_migration_0010_gives_pushed_warnings_back_to_the_workspaces_that_pushed_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    url = f"sqlite:///{(tmp_path / 'shared.sqlite').as_posix()}"
    monkeypatch.setenv(app.ENV_URL, url)
    a, b = make_workspace(tmp_path / "a").root, make_workspace(tmp_path / "b").root  # two keys: no collision at 0009
    pushed_a, pushed_b = push_warnings(a, JUNE), push_warnings(b, dt.date(2023, 7, 31))
    follow_warning(b, pushed_b.new[0], "confirmed", note="已认定")
    _down_to_0009(url)
    assert app.current_revision(url) == "0009"
    app.upgrade(url)
    assert {w.id for w in list_warnings(a).warnings} == set(pushed_a.new)
    assert {w.id for w in list_warnings(b).warnings} == set(pushed_b.new)
    assert list_warnings(a).unassigned == 0
    assert [e.to_state for e in warning_events(b, pushed_b.new[0])] == ["pushed", "confirmed"]
