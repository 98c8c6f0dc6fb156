"""The analytics store's tables (DuckDB). Money is integer fen; people are ``person_key``.

``persons`` holds the only copy of a 身份证号 and a name, as SM4-GCM ciphertext beside
their masks; every other table joins on the keyed hash.
"""

from __future__ import annotations

import uuid

import duckdb

from medaid.store import bulk, registry_store

# 2: persons keeps no birth date or gender in clear (they are inside the ID's ciphertext; docs/security.md)
# 3: replaced_settlements keeps each settlement an import replaced (--replace --reason; ingest/conflicts.py)
# 4: settlements (and replaced_settlements) keep the service date, 出院日期 / 就诊日期 (跨年度支付)
# 5: settlements are Parquet files partitioned by year and month beside the store (store.bulk), not a table in it
# 6: the registry snapshots are stored once per interval, with the snapshots that hold it (registry_intervals,
#    registry_snapshot_ids); registry_snapshots is a view of the same columns (store.registry_store)
SCHEMA_VERSION = 6

# the tables as people name them (messages about the store: a key rotation's counts)
LABELS: dict[str, str] = {
    "persons": "人员",
    "recipients": "救助对象",
    "deaths": "死亡名单",
    "institutions": "定点医疗机构",
    "settlements": "结算明细",
    "replaced_settlements": "被替换的结算",
    "subsidies": "资助参保",
    "fund": "基金收支",
    "registry_intervals": "名册快照",
    "registry_snapshot_ids": "名册快照批次",
    "verification_runs": "核查批次",
    "verification_findings": "核查发现",
    "imports": "导入记录",
}

_SETTLEMENT_COLUMNS = ", ".join(f"{name} {kind}" for name, kind in bulk.SETTLEMENTS.columns)
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS persons (
        person_key VARCHAR PRIMARY KEY,
        id_cipher BLOB NOT NULL,
        name_cipher BLOB,
        id_masked VARCHAR NOT NULL,
        name_masked VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS recipients (
        person_key VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        department VARCHAR NOT NULL,
        valid_from DATE NOT NULL,
        valid_to DATE,
        region VARCHAR,
        import_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL,
        PRIMARY KEY (person_key, category, department, valid_from)
    )""",
    """CREATE TABLE IF NOT EXISTS deaths (
        person_key VARCHAR PRIMARY KEY,
        death_date DATE NOT NULL,
        import_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS institutions (
        institution_code VARCHAR PRIMARY KEY,
        institution_name VARCHAR NOT NULL,
        hospital_level VARCHAR NOT NULL,
        region VARCHAR,
        import_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL
    )""",
    bulk.FILES_DDL,  # the Parquet files that are the bulk tables (settlements): store.bulk
    # a settlement as it was before an import replaced it, with that import, the reason, who and when
    f"""CREATE TABLE IF NOT EXISTS replaced_settlements ({_SETTLEMENT_COLUMNS},
        replaced_by INTEGER, reason VARCHAR, os_user VARCHAR, replaced_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS subsidies (
        person_key VARCHAR NOT NULL,
        year INTEGER NOT NULL,
        category VARCHAR NOT NULL,
        premium BIGINT NOT NULL,
        amount BIGINT NOT NULL,
        import_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL,
        PRIMARY KEY (person_key, year)
    )""",
    """CREATE TABLE IF NOT EXISTS fund (
        entry_key VARCHAR PRIMARY KEY,
        entry_date DATE NOT NULL,
        direction VARCHAR NOT NULL,
        subject VARCHAR NOT NULL,
        amount BIGINT NOT NULL,
        note VARCHAR,
        import_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL
    )""",
    *registry_store.DDL,  # the registry snapshots as intervals; the view registry_snapshots is made after _migrate
    """CREATE TABLE IF NOT EXISTS verification_runs (
        run_id INTEGER PRIMARY KEY,
        month VARCHAR NOT NULL,
        fingerprint VARCHAR NOT NULL,
        inputs VARCHAR NOT NULL,
        settlements INTEGER NOT NULL,
        findings INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS verification_findings (
        run_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        settlement_id VARCHAR NOT NULL,
        person_key VARCHAR NOT NULL,
        settle_date DATE NOT NULL,
        visit_type VARCHAR NOT NULL,
        category VARCHAR,
        assistance_paid BIGINT NOT NULL,
        reason VARCHAR NOT NULL,
        amount BIGINT NOT NULL,
        detail VARCHAR NOT NULL,
        PRIMARY KEY (run_id, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS imports (
        import_id INTEGER PRIMARY KEY,
        kind VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_new INTEGER NOT NULL,
        rows_changed INTEGER NOT NULL,
        rows_unchanged INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        imported_at TIMESTAMP NOT NULL
    )""",
)


def version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of a store (None: not a medaid store yet)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" not in tables:
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(row[0][0]) if row else None


def current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store is at this version of medaid with its identity set (nothing to write)."""
    if version(con) != SCHEMA_VERSION:
        return False
    return bool(con.execute("SELECT count(*) FROM meta WHERE key = 'workspace_id'").fetchall()[0][0])


# version 4: columns added to an older store's tables (NULL in its rows: what was imported had no such column)
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("settlements", "service_date", "DATE"),
    ("replaced_settlements", "service_date", "DATE"),
)


def _migrate(con: duckdb.DuckDBPyConnection) -> bool:
    """Bring an older store up to date (each step idempotent); True when personal data was dropped."""
    for table, column, kind in ADDED_COLUMNS:
        if table not in bulk.TABLES or bulk.has_table(con, table):  # a bulk table still in the file (before 5)
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                         "WHERE table_name = 'persons'").fetchall()}  # fmt: skip
    dropped = False
    for clear in ("birth_date", "gender"):  # version 1 kept these beside the mask: they narrowed an ID
        if clear in columns:
            con.execute(f"ALTER TABLE persons DROP COLUMN {clear}")
            dropped = True
    registry_store.migrate(con)  # version 6: registry snapshots as intervals, behind a view of the same name
    return bulk.migrate(con) or dropped  # version 5: settlements out of the file into Parquet


def create(con: duckdb.DuckDBPyConnection) -> bool:
    """Make the tables, or bring an older store up to this version. True when columns holding personal
    data were dropped, or a bulk table moved out to Parquet: their values stay in the file's freed blocks
    until it is rewritten (``engine.rewrite``), which the caller must do once this connection is closed."""
    for statement in DDL:
        con.execute(statement)
    dropped = _migrate(con)
    con.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [str(SCHEMA_VERSION)],
    )
    # the workspace's identity in a shared app database (judgments of several workspaces on one server)
    con.execute("INSERT INTO meta VALUES ('workspace_id', ?) ON CONFLICT (key) DO NOTHING", [uuid.uuid4().hex])
    return dropped


def workspace_id(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchall()
    if not row:
        raise LookupError("workspace_id missing: the store was not created by schema.create")
    return str(row[0][0])
