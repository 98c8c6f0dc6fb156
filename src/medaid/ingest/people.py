"""The people of an import: each 身份证号 hashed to its ``person_key``, new people stored encrypted.

Two steps, so that a row rejected after the hashing (a settlement in conflict) stores nobody:
:func:`key_people` hashes every distinct 身份证号 of the good rows into TEMP TABLE ``keymap``;
:func:`store_people` then stores, once each, the people that the rows still good refer to.
Both work in rounds of ``PEOPLE_CHUNK`` people, so that a province's list of millions is
never held in Python at once.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from medaid.ingest import idnumber
from medaid.progress import Task
from medaid.store.crypto import KeyRing

PEOPLE_CHUNK = 100_000  # people hashed or encrypted per round: bounds memory on a province's list


def _rounds(count: int) -> range:
    return range(1, count + 1, PEOPLE_CHUNK)


def key_people(con: duckdb.DuckDBPyConnection, ring: KeyRing, *, has_name: bool, task: Task, share: float) -> None:
    """TEMP TABLE ``keymap`` (rn, id_number, person_key, name) of the good rows' distinct people."""
    name_sql = "max(name)" if has_name else "NULL"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE people_in AS SELECT row_number() OVER (ORDER BY id_number) AS rn, id_number, "
        f"{name_sql} AS name FROM checked WHERE err_reason IS NULL GROUP BY id_number"
    )
    con.execute("CREATE OR REPLACE TEMP TABLE keymap (rn BIGINT, id_number VARCHAR, person_key VARCHAR, name VARCHAR)")
    count = int(con.execute("SELECT count(*) FROM people_in").fetchall()[0][0])
    step = share * PEOPLE_CHUNK / count if count else 0.0
    for first in _rounds(count):
        last = first + PEOPLE_CHUNK - 1
        chunk = con.sql(
            f"SELECT rn, id_number, name FROM people_in WHERE rn BETWEEN {first} AND {last}"
        ).to_arrow_table()
        numbers = chunk.column("id_number").to_pylist()
        keyed = chunk.append_column("person_key", pa.array([ring.person_key(n) for n in numbers], pa.string()))
        con.register("__keys", keyed.select(["rn", "id_number", "person_key", "name"]))
        con.execute("INSERT INTO keymap SELECT * FROM __keys")
        con.unregister("__keys")
        task.advance(min(step, share))
    con.execute("DROP TABLE people_in")


def store_people(con: duckdb.DuckDBPyConnection, ring: KeyRing, *, task: Task, share: float) -> None:
    """Store the people of the rows still good that the store does not know, and the names of known
    people stored without one (a 死亡名单 has no names; a later 救助对象 list brings them)."""
    count = int(con.execute("SELECT coalesce(max(rn), 0) FROM keymap").fetchall()[0][0])
    step = share * PEOPLE_CHUNK / count if count else 0.0
    for first in _rounds(count):
        fresh = con.execute(
            "SELECT k.id_number, k.person_key, k.name, p.person_key IS NOT NULL AS known FROM keymap k "
            "LEFT JOIN persons p USING (person_key) WHERE k.rn BETWEEN ? AND ? "
            "AND (p.person_key IS NULL OR (p.name_cipher IS NULL AND k.name IS NOT NULL)) "
            "AND k.id_number IN (SELECT id_number FROM checked WHERE err_reason IS NULL)",
            [first, first + PEOPLE_CHUNK - 1],
        ).fetchall()
        _store(con, ring, fresh)
        task.advance(min(step, share))


def _store(con: duckdb.DuckDBPyConnection, ring: KeyRing, fresh: list[tuple[object, ...]]) -> None:
    """Insert new people and add names to known ones, each in one statement."""
    fields = ("person_key", "id_cipher", "name_cipher", "id_masked", "name_masked")
    new_rows: dict[str, list[object]] = {name: [] for name in fields}
    named: dict[str, list[object]] = {"person_key": [], "name_cipher": [], "name_masked": []}
    for number, key, name, known in fresh:
        assert isinstance(number, str) and isinstance(key, str)
        if known:
            assert isinstance(name, str)
            named["person_key"].append(key)
            named["name_cipher"].append(ring.encrypt(name))
            named["name_masked"].append(idnumber.mask_name(name))
            continue
        new_rows["person_key"].append(key)
        new_rows["id_cipher"].append(ring.encrypt(number))
        new_rows["name_cipher"].append(ring.encrypt(name) if isinstance(name, str) and name else None)
        new_rows["id_masked"].append(idnumber.mask(number))
        new_rows["name_masked"].append(idnumber.mask_name(name) if isinstance(name, str) and name else None)
    if new_rows["person_key"]:
        types = {"id_cipher": pa.binary(), "name_cipher": pa.binary()}
        arrow = pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in new_rows.items()})
        con.register("__persons", arrow)
        con.execute("INSERT INTO persons SELECT * FROM __persons")
        con.unregister("__persons")
    if named["person_key"]:
        arrow = pa.table({"person_key": pa.array(named["person_key"], pa.string()),
                          "name_cipher": pa.array(named["name_cipher"], pa.binary()),
                          "name_masked": pa.array(named["name_masked"], pa.string())})  # fmt: skip
        con.register("__names", arrow)
        con.execute(
            "UPDATE persons SET name_cipher = n.name_cipher, name_masked = n.name_masked FROM __names n "
            "WHERE persons.person_key = n.person_key"
        )
        con.unregister("__names")
