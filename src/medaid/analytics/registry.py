"""The recipient registry merged across departments (就高不重复).

One person, one category at a time: where several lists cover the same days, the highest
category wins (``vocab.CATEGORIES`` order); validity runs from 生效日期 to 终止日期 and
ends at death. The merged registry is stored as a snapshot after every import of
recipients or deaths, so two imports can be compared (new, changed category, ended); each
interval is stored once with the snapshots that hold it (``store.registry_store``), and a
snapshot recomputes only the people whose rows the import added or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from medaid.store.registry_store import IDS, INTERVALS
from medaid.vocab import CATEGORY_RANK

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

OPEN_END = "DATE '9999-12-31'"


def _rank_sql(column: str) -> str:
    whens = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in CATEGORY_RANK.items())
    return f"(CASE {column} {whens} ELSE 99 END)"


def merged_sql(people: str | None = None) -> str:
    """SQL for the merged registry: person_key, category, departments, valid_from, valid_to.
    ``people``: a query of person_key, the people to merge (None: everyone); each person's
    intervals depend only on that person's rows. A person with one row (after death ends it) has
    that row as the one interval; the others are cut into pieces at every start and end, each piece
    takes the highest category covering it, and consecutive pieces of one category are joined."""
    end = f"least(coalesce(r.valid_to, {OPEN_END}), coalesce(d.death_date, {OPEN_END}))"
    only = f" AND r.person_key IN ({people})" if people is not None else ""
    return f"""
    WITH listed AS (
        SELECT r.person_key, r.category, {_rank_sql("r.category")} AS rank, r.department,
               r.valid_from, {end} AS valid_to
        FROM recipients r LEFT JOIN deaths d USING (person_key)
        WHERE {end} >= r.valid_from{only}
    ),
    people AS (
        SELECT person_key, count(*) AS n, any_value(category) AS category, any_value(department) AS department,
               any_value(valid_from) AS valid_from, any_value(valid_to) AS valid_to
        FROM listed GROUP BY person_key
    ),
    rec AS (SELECT * FROM listed WHERE person_key IN (SELECT person_key FROM people WHERE n > 1)),
    bounds AS (
        SELECT person_key, valid_from AS b FROM rec
        UNION SELECT person_key, valid_to + INTERVAL 1 DAY FROM rec WHERE valid_to < {OPEN_END}
    ),
    pieces AS (
        SELECT person_key, CAST(b AS DATE) AS piece_from,
               CAST(lead(b) OVER (PARTITION BY person_key ORDER BY b) - INTERVAL 1 DAY AS DATE) AS piece_to
        FROM bounds
    ),
    covered AS (
        SELECT p.person_key, p.piece_from, coalesce(p.piece_to, {OPEN_END}) AS piece_to,
               arg_min(r.category, r.rank) AS category,
               list_sort(list_distinct(list(r.department))) AS departments
        FROM pieces p JOIN rec r
          ON r.person_key = p.person_key AND r.valid_from <= p.piece_from
         AND r.valid_to >= coalesce(p.piece_to, {OPEN_END})
        GROUP BY p.person_key, p.piece_from, p.piece_to
    ),
    marked AS (
        SELECT *, CASE WHEN lag(piece_to) OVER w = piece_from - INTERVAL 1 DAY AND lag(category) OVER w = category
                       THEN 0 ELSE 1 END AS starts
        FROM covered WINDOW w AS (PARTITION BY person_key ORDER BY piece_from)
    ),
    islands AS (
        SELECT *, sum(starts) OVER (PARTITION BY person_key ORDER BY piece_from) AS island FROM marked
    )
    SELECT person_key, category,
           array_to_string(list_sort(list_distinct(flatten(list(departments)))), '、') AS departments,
           min(piece_from) AS valid_from,
           nullif(max(piece_to), {OPEN_END}) AS valid_to
    FROM islands GROUP BY person_key, island, category
    UNION ALL  -- a person listed once (most people): that one interval, as the pieces above would give it
    SELECT person_key, category, department, valid_from, nullif(valid_to, {OPEN_END}) FROM people WHERE n = 1
    """


INTERVAL_COLUMNS = "person_key, category, departments, valid_from, valid_to"


def snapshot(con: duckdb.DuckDBPyConnection, import_id: int, people: str | None = None) -> int:
    """Store the merged registry as of this import; returns the number of intervals.

    ``people``: a query of person_key, the people whose recipients or deaths rows this import added or
    changed (None: everyone). Only they are merged again; the intervals of the others stay as the
    previous snapshot holds them. An interval that is no longer merged is ended at this snapshot
    (``until_import``), a new one starts at it (``from_import``). A snapshot of an empty registry is
    not recorded (as before schema 6, when it had no rows)."""
    only = f" AND person_key IN ({people})" if people is not None else ""
    current = f"SELECT {INTERVAL_COLUMNS} FROM {INTERVALS} WHERE until_import IS NULL{only}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE registry_merged AS {merged_sql(people)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE registry_ended AS {current} EXCEPT SELECT * FROM registry_merged")
    con.execute(
        f"UPDATE {INTERVALS} SET until_import = {int(import_id)} FROM registry_ended e "
        f"WHERE {INTERVALS}.until_import IS NULL AND {INTERVALS}.person_key = e.person_key "
        f"AND {INTERVALS}.valid_from = e.valid_from"
    )  # within one snapshot a person has one interval from a day
    con.execute(
        f"INSERT INTO {INTERVALS} SELECT *, {int(import_id)}, NULL FROM "
        f"(SELECT * FROM registry_merged EXCEPT {current})"
    )
    con.execute("DROP TABLE registry_merged")
    con.execute("DROP TABLE registry_ended")
    count = int(con.execute(f"SELECT count(*) FROM {INTERVALS} WHERE until_import IS NULL").fetchall()[0][0])
    if count:
        con.execute(f"INSERT INTO {IDS} VALUES (?)", [import_id])
    return count


def latest_snapshot(con: duckdb.DuckDBPyConnection) -> int | None:
    row = con.execute(f"SELECT max(import_id) FROM {IDS}").fetchall()[0]
    return int(row[0]) if row and row[0] is not None else None


def snapshot_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every stored snapshot, oldest first."""
    return [int(r[0]) for r in con.execute(f"SELECT import_id FROM {IDS} ORDER BY 1").fetchall()]


def by_category(con: duckdb.DuckDBPyConnection, import_id: int) -> dict[str, int]:
    """People per category in one snapshot, most first."""
    rows = con.execute(
        "SELECT category, count(DISTINCT person_key) FROM registry_snapshots WHERE import_id = ? "
        "GROUP BY category ORDER BY 2 DESC, 1",
        [import_id],
    ).fetchall()
    return {str(c): int(n) for c, n in rows}


def latest_registry(backend: BaseBackend, con: duckdb.DuckDBPyConnection) -> ir.Table:
    """The merged registry of the latest snapshot as an Ibis table (empty before any list is imported)."""
    registry = backend.table("registry_snapshots")
    snapshot = latest_snapshot(con)
    return registry.filter(registry.import_id == (snapshot if snapshot is not None else -1))


@dataclass(frozen=True)
class Change:
    person: str  # masked 身份证号
    name: str | None  # masked name
    change: str  # 新增 / 类别变更 / 退出
    before: str | None
    after: str | None


def changes(con: duckdb.DuckDBPyConnection, before: int, after: int) -> list[Change]:
    """What changed in the registry between two snapshots, person by person.

    Compares each person's latest interval: 新增 (not in the earlier registry),
    类别变更 (another category), 退出 (no longer listed, or an end date set or brought forward).
    """
    latest = """
        SELECT * FROM registry_snapshots WHERE import_id = ?
        QUALIFY row_number() OVER (PARTITION BY person_key ORDER BY valid_from DESC) = 1
    """
    rows = con.execute(
        f"""
        WITH a AS ({latest}), b AS ({latest})
        SELECT p.id_masked, p.name_masked,
               CASE WHEN a.person_key IS NULL THEN '新增'
                    WHEN b.person_key IS NULL THEN '退出'
                    WHEN a.category <> b.category THEN '类别变更'
                    WHEN b.valid_to IS NOT NULL AND (a.valid_to IS NULL OR b.valid_to < a.valid_to) THEN '退出'
               END AS change,
               CASE WHEN a.person_key IS NOT NULL THEN a.category || coalesce('（至' || a.valid_to || '）', '') END,
               CASE WHEN b.person_key IS NOT NULL THEN b.category || coalesce('（至' || b.valid_to || '）', '') END
        FROM a FULL JOIN b USING (person_key)
        JOIN persons p ON p.person_key = coalesce(a.person_key, b.person_key)
        WHERE change IS NOT NULL
        ORDER BY change, p.id_masked
        """,
        [before, after],
    ).fetchall()
    return [Change(*row) for row in rows]
