"""The recipient registry merged across departments (就高不重复).

One person, one category at a time: where several lists cover the same days, the highest
category wins (``vocab.CATEGORIES`` order); validity runs from 生效日期 to 终止日期 and
ends at death. The merged registry is stored as a snapshot after every import of
recipients or deaths, so two imports can be compared (new, changed category, ended).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from medaid.vocab import CATEGORY_RANK

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

OPEN_END = "DATE '9999-12-31'"


def _rank_sql(column: str) -> str:
    whens = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in CATEGORY_RANK.items())
    return f"(CASE {column} {whens} ELSE 99 END)"


def merged_sql() -> str:
    """SQL for the merged registry: person_key, category, departments, valid_from, valid_to."""
    end = f"least(coalesce(r.valid_to, {OPEN_END}), coalesce(d.death_date, {OPEN_END}))"
    return f"""
    WITH rec AS (
        SELECT r.person_key, r.category, {_rank_sql("r.category")} AS rank, r.department,
               r.valid_from, {end} AS valid_to
        FROM recipients r LEFT JOIN deaths d USING (person_key)
        WHERE {end} >= r.valid_from
    ),
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
    """


def snapshot(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    """Store the merged registry as of this import; returns the number of intervals."""
    con.execute(
        f"INSERT INTO registry_snapshots SELECT {import_id}, person_key, category, departments, valid_from, valid_to "
        f"FROM ({merged_sql()})"
    )
    row = con.execute("SELECT count(*) FROM registry_snapshots WHERE import_id = ?", [import_id]).fetchall()[0]
    return int(row[0]) if row else 0


def latest_snapshot(con: duckdb.DuckDBPyConnection) -> int | None:
    row = con.execute("SELECT max(import_id) FROM registry_snapshots").fetchall()[0]
    return int(row[0]) if row and row[0] is not None else None


def snapshot_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Every stored snapshot, oldest first."""
    return [int(r[0]) for r in con.execute("SELECT DISTINCT import_id FROM registry_snapshots ORDER BY 1").fetchall()]


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
