"""The registry snapshots stored as intervals (schema 6, store.registry_store): each snapshot gives the
rows a full copy of the merged registry gave, a snapshot merges only the people the import touched,
and a store of schema 5 (one full copy per snapshot) is migrated to the same snapshots."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from medaid.analytics.registry import merged_sql
from medaid.demo.people import make_people
from medaid.services.imports import import_file
from medaid.store import registry_store
from medaid.store.schema import SCHEMA_VERSION
from medaid.workspace import Workspace

P = make_people(8, seed=21)
HEADER = "身份证号,姓名,救助类别,认定部门,生效日期,终止日期,区划"
COLUMNS = "person_key, category, departments, valid_from, valid_to"


def listed(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def snapshots(root: Path) -> dict[int, list[tuple[object, ...]]]:
    """Every snapshot's rows, through the view readers use."""
    with Workspace.open(root).connect(read_only=True) as con:
        rows = con.execute(f"SELECT import_id, {COLUMNS} FROM registry_snapshots ORDER BY ALL").fetchall()
    found: dict[int, list[tuple[object, ...]]] = {}
    for import_id, *rest in rows:
        found.setdefault(int(import_id), []).append(tuple(rest))
    return found


def merged_now(root: Path) -> list[tuple[object, ...]]:
    """The merged registry computed afresh over everyone, as a full copy gave it."""
    with Workspace.open(root).connect(read_only=True) as con:
        return con.execute(f"SELECT {COLUMNS} FROM ({merged_sql()}) ORDER BY ALL").fetchall()


def imported(tmp_path: Path) -> tuple[Workspace, dict[int, list[tuple[object, ...]]]]:
    """Four lists and a death list, each checked against a full merge right after its import; returns the
    workspace and each snapshot as it was when taken."""
    ws = Workspace.init(tmp_path / "ws", year=2023)
    steps = [
        ("recipients", [f"{P[0].id_number},{P[0].name},低保对象,民政,2023-01-01,,一镇",
                        f"{P[1].id_number},{P[1].name},低保边缘家庭成员,民政,2023-01-01,,一镇",
                        f"{P[2].id_number},{P[2].name},特困人员,民政,2023-02-01,2023-08-31,一镇"]),
        ("recipients", [f"{P[0].id_number},{P[0].name},特困人员,民政,2023-03-01,2023-06-30,一镇",
                        f"{P[3].id_number},{P[3].name},监测对象,乡村振兴,2023-01-01,,二镇"]),
        ("deaths", [f"{P[1].id_number},2023-09-10"]),
        ("recipients", [f"{P[2].id_number},{P[2].name},特困人员,民政,2023-02-01,,一镇",  # end date removed
                        f"{P[4].id_number},{P[4].name},孤儿,民政,2023-04-01,,二镇"]),
        ("recipients", [f"{P[0].id_number},{P[0].name},低保对象,民政,2023-01-01,,一镇"]),  # nothing new
    ]  # fmt: skip
    taken: dict[int, list[tuple[object, ...]]] = {}
    for i, (kind, rows) in enumerate(steps):
        path = tmp_path / f"{i}.csv"
        if kind == "deaths":
            path.write_text("身份证号,死亡日期\n" + "\n".join(rows) + "\n", encoding="utf-8")
        else:
            listed(path, rows)
        summary = import_file(ws.root, kind, path)
        if summary.new or summary.changed:
            assert summary.import_id is not None
            now = snapshots(ws.root)
            taken[summary.import_id] = now[summary.import_id]
            assert taken[summary.import_id] == merged_now(ws.root)  # the latest: a full merge's rows
    return ws, taken


def test_each_snapshot_keeps_the_rows_a_full_copy_gave(tmp_path: Path):
    ws, taken = imported(tmp_path)

    assert snapshots(ws.root) == taken  # the earlier snapshots did not move when later ones were taken
    assert sorted(taken) == [1, 2, 3, 4]  # the fifth file changed nothing: no snapshot
    with ws.connect(read_only=True) as con:
        stored = con.execute(f"SELECT count(*) FROM {registry_store.INTERVALS}").fetchall()[0][0]
        ids = [r[0] for r in con.execute(f"SELECT import_id FROM {registry_store.IDS} ORDER BY 1").fetchall()]
        kept = con.execute(
            f"SELECT from_import, until_import FROM {registry_store.INTERVALS} WHERE person_key = ?",
            [ws.key().person_key(P[3].id_number)],
        ).fetchall()
    assert ids == [1, 2, 3, 4]
    assert stored < sum(len(rows) for rows in taken.values())  # each interval once, not once per snapshot
    assert kept == [(2, None)]  # P[3]'s 监测对象, untouched after the second list: stored once for three snapshots


def back_to_version_5(root: Path, copies: dict[int, list[tuple[object, ...]]]) -> None:
    """The store as medaid 0.16 left it: registry_snapshots a table holding a full copy per snapshot."""
    with duckdb.connect(str(root / "store.duckdb")) as con:
        con.execute(f"DROP VIEW {registry_store.VIEW}")
        con.execute(f"DROP TABLE {registry_store.INTERVALS}")
        con.execute(f"DROP TABLE {registry_store.IDS}")
        con.execute(
            "CREATE TABLE registry_snapshots (import_id INTEGER NOT NULL, person_key VARCHAR NOT NULL, "
            "category VARCHAR NOT NULL, departments VARCHAR NOT NULL, valid_from DATE NOT NULL, valid_to DATE, "
            "PRIMARY KEY (import_id, person_key, valid_from))"
        )
        rows = [(i, *r) for i, rs in copies.items() for r in rs]
        con.executemany("INSERT INTO registry_snapshots VALUES (?, ?, ?, ?, ?, ?)", rows)
        con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def with_a_gap(copies: dict[int, list[tuple[object, ...]]]) -> dict[int, list[tuple[object, ...]]]:
    """The copies with a row that leaves at the second snapshot and comes back at the fourth."""
    back = ("k-gap", "孤儿", "民政", *copies[1][0][3:])
    return {i: [*rows, back] if i in (1, 4) else rows for i, rows in copies.items()}


def test_a_version_5_store_is_migrated_to_the_same_snapshots(tmp_path: Path):
    ws, taken = imported(tmp_path)
    copies = with_a_gap(taken)
    back_to_version_5(ws.root, copies)

    reopened = Workspace.open(ws.root)  # migrates

    assert {i: sorted(rows, key=repr) for i, rows in snapshots(reopened.root).items()} == {
        i: sorted(rows, key=repr) for i, rows in copies.items()
    }
    with reopened.connect(read_only=True) as con:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        gap = con.execute(
            f"SELECT from_import, until_import FROM {registry_store.INTERVALS} WHERE person_key = 'k-gap' ORDER BY 1"
        ).fetchall()
        kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    assert version == [(str(SCHEMA_VERSION),)] and SCHEMA_VERSION == 6
    assert gap == [(1, 2), (4, None)]  # in snapshot 1, out of 2 and 3, back in 4
    assert kinds[registry_store.VIEW] == "VIEW" and kinds[registry_store.INTERVALS] == "BASE TABLE"
    # the next list is snapshotted on the migrated intervals: still what a full merge gives
    summary = import_file(reopened.root, "recipients", listed(tmp_path / "later.csv", [
        f"{P[5].id_number},{P[5].name},低保对象,民政,2023-06-01,,一镇"]))  # fmt: skip
    assert summary.import_id is not None
    assert [r for r in snapshots(reopened.root)[summary.import_id] if r[0] != "k-gap"] == merged_now(reopened.root)


def test_a_migration_that_fails_midway_leaves_the_copies_as_they_were(tmp_path: Path, monkeypatch):
    ws, taken = imported(tmp_path)
    back_to_version_5(ws.root, taken)
    monkeypatch.setattr(registry_store, "VIEW_SQL", "CREATE VIEW registry_snapshots AS SELECT nothing_here")

    with pytest.raises(duckdb.Error):
        Workspace.open(ws.root)

    with duckdb.connect(str(ws.store_path), read_only=True) as con:
        rows = con.execute(f"SELECT import_id, {COLUMNS} FROM registry_snapshots ORDER BY ALL").fetchall()
        stored = con.execute(f"SELECT count(*) FROM {registry_store.INTERVALS}").fetchall()[0][0]
    assert rows == sorted((i, *r) for i, rs in taken.items() for r in rs) and stored == 0
    monkeypatch.undo()
    assert snapshots(Workspace.open(ws.root).root) == taken  # opened again: migrated


def test_the_view_survives_a_key_rotation(tmp_path: Path, monkeypatch):
    from medaid.services.keys import rotate_key
    from medaid.store import app
    from medaid.store.crypto import ENV_VAR

    monkeypatch.delenv(app.ENV_URL, raising=False)
    monkeypatch.delenv(ENV_VAR, raising=False)
    ws, taken = imported(tmp_path)
    old = ws.key()
    moved = {old.person_key(p.id_number): p.id_number for p in P}

    rotate_key(ws.root)  # re-keys registry_intervals and rewrites the store file

    new = ws.key()
    expected = {i: sorted(((new.person_key(moved[str(r[0])]), *r[1:]) for r in rows), key=repr)
                for i, rows in taken.items()}  # fmt: skip
    assert {i: sorted(rows, key=repr) for i, rows in snapshots(ws.root).items()} == expected
