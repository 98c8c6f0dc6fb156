"""The people of an import: each 身份证号 hashed to its ``person_key``, new people stored encrypted.

Two steps, so that a row rejected after the hashing (a settlement in conflict) stores nobody:
:func:`key_people` hashes every distinct 身份证号 of the good rows into TEMP TABLE ``keymap``;
:func:`store_people` then stores, once each, the people that the rows still good refer to.
Each distinct person is hashed once and encrypted at most once, in batches
(``ingest.pseudonymise``: in worker processes when there are many). Both work in rounds of
``PEOPLE_CHUNK`` people, so that a province's list of millions is never held in Python at once.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from medaid.ingest import idnumber, pseudonymise
from medaid.ingest.pseudonymise import Pseudonymiser
from medaid.progress import Task
from medaid.store.crypto import KeyRing

PEOPLE_CHUNK = 100_000  # people hashed or encrypted per round: bounds memory on a province's list
# ``idnumber.mask`` in SQL, for the numbers of good rows (normalised already: ASCII digits and X)
MASKED_SQL = (
    "CASE WHEN length(id_number) > 8 THEN left(id_number, 4) || repeat('*', length(id_number) - 8) || "
    "right(id_number, 4) ELSE repeat('*', length(id_number)) END"
)


def _rounds(count: int) -> range:
    return range(1, count + 1, PEOPLE_CHUNK)


def key_people(
    con: duckdb.DuckDBPyConnection,
    ring: KeyRing,
    *,
    has_name: bool,
    task: Task,
    share: float,
    pool_at: int | None = None,
) -> None:
    """TEMP TABLE ``keymap`` (rn, id_number, person_key, name) of the good rows' distinct people.
    ``pool_at``: the people from which the hashing runs in worker processes (default ``HASH_POOL_AT``)."""
    name_sql = "max(name)" if has_name else "NULL"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE people_in AS SELECT row_number() OVER (ORDER BY id_number) AS rn, id_number, "
        f"{name_sql} AS name FROM checked WHERE err_reason IS NULL GROUP BY id_number"
    )
    con.execute("CREATE OR REPLACE TEMP TABLE keymap (rn BIGINT, id_number VARCHAR, person_key VARCHAR, name VARCHAR)")
    count = int(con.execute("SELECT count(*) FROM people_in").fetchall()[0][0])
    step = share * PEOPLE_CHUNK / count if count else 0.0
    threshold = pseudonymise.HASH_POOL_AT if pool_at is None else pool_at
    with Pseudonymiser(ring, expected=count, pool_at=threshold) as pseudonymiser:
        for first in _rounds(count):
            last = first + PEOPLE_CHUNK - 1
            chunk = con.sql(
                f"SELECT rn, id_number, name FROM people_in WHERE rn BETWEEN {first} AND {last}"
            ).to_arrow_table()
            keys = pseudonymiser.person_keys(chunk.column("id_number").to_pylist())
            keyed = chunk.append_column("person_key", pa.array(keys, pa.string()))
            con.register("__keys", keyed.select(["rn", "id_number", "person_key", "name"]))
            con.execute("INSERT INTO keymap SELECT * FROM __keys")
            con.unregister("__keys")
            task.advance(min(step, share))
    con.execute("DROP TABLE people_in")


def store_people(
    con: duckdb.DuckDBPyConnection,
    ring: KeyRing,
    *,
    task: Task,
    share: float,
    pool_at: int | None = None,
    rejected_since: bool = True,
) -> None:
    """Store the people of the rows still good that the store does not know, and the names of known
    people stored without one (a 死亡名单 has no names; a later 救助对象 list brings them).
    ``pool_at``: the values (numbers and names) from which the encryption runs in worker processes
    (default ``SEAL_POOL_AT``). ``rejected_since``: rows were rejected after :func:`key_people` (settlements
    in conflict), so ``keymap`` is filtered again on the rows still good; False skips that pass over ``checked``."""
    still_good = (
        " AND k.id_number IN (SELECT id_number FROM checked WHERE err_reason IS NULL)" if rejected_since else ""
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE people_new AS SELECT row_number() OVER (ORDER BY k.rn) AS n, k.id_number, "
        "k.person_key, k.name, p.person_key IS NOT NULL AS known FROM keymap k "
        "LEFT JOIN persons p USING (person_key) "
        f"WHERE (p.person_key IS NULL OR (p.name_cipher IS NULL AND k.name IS NOT NULL)){still_good}"
    )
    row = con.execute("SELECT count(*), count(*) FILTER (WHERE NOT known), count(name) FROM people_new").fetchall()
    count, new, named = (int(v) for v in row[0])
    step = share * PEOPLE_CHUNK / count if count else 0.0
    with Pseudonymiser(ring, expected=new + named, pool_at=pool_at) as pseudonymiser:
        for first in _rounds(count):
            last = first + PEOPLE_CHUNK - 1
            fresh = con.sql(
                f"SELECT id_number, person_key, name, known, {MASKED_SQL} AS id_masked FROM people_new "
                f"WHERE n BETWEEN {first} AND {last} ORDER BY n"
            ).to_arrow_table()
            _store(con, pseudonymiser, fresh)
            task.advance(min(step, share))
    con.execute("DROP TABLE people_new")


def _store(con: duckdb.DuckDBPyConnection, pseudonymiser: Pseudonymiser, fresh: pa.Table) -> None:
    """Insert new people and add names to known ones, each in one statement; every number and name
    of the round encrypted in one batch. ``fresh``: the round's rows of ``people_new`` with ``id_masked``;
    the keys and masked numbers go from it to the store as Arrow columns, never as Python objects."""
    known = fresh.column("known")
    new, named = fresh.filter(pc.invert(known)), fresh.filter(known)
    numbers = new.column("id_number").to_pylist()
    names = [m or None for m in new.column("name").to_pylist()]
    added = named.column("name").to_pylist()
    assert all(isinstance(n, str) for n in numbers) and all(isinstance(m, str) for m in added)
    sealed = pseudonymiser.encrypt_all([*numbers, *names, *added])
    id_ciphers, name_ciphers, added_names = (
        sealed[: len(numbers)],
        sealed[len(numbers) : 2 * len(numbers)],
        sealed[2 * len(numbers) :],
    )
    if numbers:
        arrow = pa.table(
            {
                "person_key": new.column("person_key"),
                "id_cipher": pa.array(id_ciphers, pa.binary()),
                "name_cipher": pa.array(name_ciphers, pa.binary()),
                "id_masked": new.column("id_masked"),
                "name_masked": pa.array([idnumber.mask_name(m) if m else None for m in names], pa.string()),
            }
        )
        con.register("__persons", arrow)
        con.execute("INSERT INTO persons SELECT * FROM __persons")
        con.unregister("__persons")
    if added:
        arrow = pa.table(
            {
                "person_key": named.column("person_key"),
                "name_cipher": pa.array(added_names, pa.binary()),
                "name_masked": pa.array([idnumber.mask_name(m) for m in added], pa.string()),
            }
        )
        con.register("__names", arrow)
        con.execute(
            "UPDATE persons SET name_cipher = n.name_cipher, name_masked = n.name_masked FROM __names n "
            "WHERE persons.person_key = n.person_key"
        )
        con.unregister("__names")
