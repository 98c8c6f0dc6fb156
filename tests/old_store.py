"""A workspace's store put back in the layout of schema 4 (medaid 0.15): settlements a table in the
DuckDB file, no Parquet files, no ``bulk_files``. The migration tests start from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from medaid.store.bulk import FILES, SETTLEMENTS, TABLES_DIR

# the table as schema 4 made it (store/schema.py of medaid 0.15.0)
SETTLEMENTS_4 = """CREATE TABLE settlements (
    settlement_id VARCHAR PRIMARY KEY, person_key VARCHAR NOT NULL, visit_type VARCHAR NOT NULL,
    hospital_level VARCHAR, institution_code VARCHAR, settle_date DATE NOT NULL, total BIGINT NOT NULL,
    out_of_scope BIGINT, in_scope BIGINT NOT NULL, basic_paid BIGINT NOT NULL, critical_paid BIGINT NOT NULL,
    large_paid BIGINT, assistance_paid BIGINT NOT NULL, tilted_paid BIGINT NOT NULL, other_paid BIGINT,
    fund_paid BIGINT, self_paid BIGINT, referred BOOLEAN, out_of_area BOOLEAN, one_stop BOOLEAN,
    import_id INTEGER NOT NULL, source_row INTEGER NOT NULL, service_date DATE
)"""


def back_to_version_4(root: Path) -> None:
    """The store of the workspace at ``root`` as medaid 0.15 would have left it, with the same rows."""
    with duckdb.connect(str(root / "store.duckdb")) as con:
        files = [str(root / r[0]) for r in con.execute(f"SELECT file FROM {FILES} WHERE table_name = 'settlements'"
                                                       ).fetchall()]  # fmt: skip
        con.execute(SETTLEMENTS_4)
        if files:
            con.execute(f"INSERT INTO settlements SELECT {SETTLEMENTS.names()} FROM read_parquet(?)", [files])
        con.execute(f"DROP TABLE {FILES}")
        con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    shutil.rmtree(root / TABLES_DIR)
