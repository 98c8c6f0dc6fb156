"""How the registry snapshots are stored (schema 6): each interval once, with the snapshots that hold it.

A snapshot of the merged registry is taken after every import of recipients or deaths
(``analytics.registry.snapshot``). Most of a registry does not change from one import to the
next, so an interval is stored once, in ``registry_intervals``, with ``from_import`` (the first
snapshot that holds it) and ``until_import`` (the first snapshot that no longer holds it; NULL
while the latest one does); ``registry_snapshot_ids`` lists the snapshots. The view
``registry_snapshots`` gives every snapshot's rows with the columns the table of that name had
before (import_id, person_key, category, departments, valid_from, valid_to), so that its readers
did not change. Before schema 6 each snapshot was a full copy of the registry: an import wrote
the whole registry again, and the store grew by a registry per list imported (decision 0023).
"""

from __future__ import annotations

import duckdb

INTERVALS, IDS, VIEW = "registry_intervals", "registry_snapshot_ids", "registry_snapshots"
NO_END = 2147483647  # INTEGER's largest: an interval still in the latest snapshot, in the view's join

DDL: tuple[str, ...] = (
    f"""CREATE TABLE IF NOT EXISTS {INTERVALS} (
        person_key VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        departments VARCHAR NOT NULL,
        valid_from DATE NOT NULL,
        valid_to DATE,
        from_import INTEGER NOT NULL,
        until_import INTEGER
    )""",
    f"CREATE TABLE IF NOT EXISTS {IDS} (import_id INTEGER PRIMARY KEY)",
)

VIEW_SQL = f"""CREATE OR REPLACE VIEW {VIEW} AS
    SELECT s.import_id, i.person_key, i.category, i.departments, i.valid_from, i.valid_to
    FROM {IDS} s JOIN {INTERVALS} i
      ON i.from_import <= s.import_id AND s.import_id < coalesce(i.until_import, {NO_END})"""

# The intervals of a store from before schema 6 (one full copy of the registry per snapshot): each row
# once per run of consecutive snapshots that hold it, from the run's first to the snapshot after its last.
_FROM_COPIES = f"""
WITH ids AS (
    SELECT import_id, row_number() OVER (ORDER BY import_id) AS seq FROM (SELECT DISTINCT import_id FROM main.{VIEW})
),
numbered AS (
    SELECT r.person_key, r.category, r.departments, r.valid_from, r.valid_to, ids.import_id, ids.seq,
           ids.seq - row_number() OVER (PARTITION BY r.person_key, r.category, r.departments, r.valid_from,
                                        r.valid_to ORDER BY ids.seq) AS run
    FROM main.{VIEW} r JOIN ids USING (import_id)
),
runs AS (
    SELECT person_key, category, departments, valid_from, valid_to, min(import_id) AS from_import,
           max(seq) AS last_seq
    FROM numbered GROUP BY person_key, category, departments, valid_from, valid_to, run
)
SELECT r.person_key, r.category, r.departments, r.valid_from, r.valid_to, r.from_import, n.import_id
FROM runs r LEFT JOIN ids n ON n.seq = r.last_seq + 1
"""


def _is_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = ? AND NOT temporary",
        [name],
    ).fetchall()
    return bool(found[0][0])


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Make the view ``registry_snapshots``; in a store from before schema 6, first turn its table of full
    copies into intervals, in one transaction (a kill midway leaves the table as it was)."""
    for statement in DDL:
        con.execute(statement)
    if not _is_table(con, VIEW):
        con.execute(VIEW_SQL)
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DELETE FROM {INTERVALS}")
        con.execute(f"DELETE FROM {IDS}")
        con.execute(f"INSERT INTO {IDS} SELECT DISTINCT import_id FROM main.{VIEW}")
        con.execute(f"INSERT INTO {INTERVALS} {_FROM_COPIES}")
        con.execute(f"DROP TABLE main.{VIEW}")
        con.execute(VIEW_SQL)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


__all__ = ["DDL", "IDS", "INTERVALS", "NO_END", "VIEW", "VIEW_SQL", "migrate"]
