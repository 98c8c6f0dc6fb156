"""The tables a key rotation (``store.keys.rekey_store``) changes: every table with a ``person_key``
(the bulk tables' Parquet files among them, rewritten through ``store.bulk``), and the ciphertext
columns it re-encrypts; a column it does not know is refused rather than left under the old key."""

from __future__ import annotations

import duckdb

from medaid.store import bulk
from medaid.store.crypto import KeyRingError

CIPHER_COLUMNS = frozenset({("persons", "id_cipher"), ("persons", "name_cipher")})


class KeyRotationError(KeyRingError):
    """The key cannot be changed, or a change cannot be completed."""


def person_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the store with a ``person_key`` column, ``persons`` first; the bulk tables (Parquet
    files the store records, ``store.bulk``) among them."""
    rows = con.execute(
        "SELECT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t "
        "USING (database_name, schema_name, table_name) WHERE c.column_name = 'person_key' "
        "AND c.database_name = current_database() AND c.schema_name = 'main' AND NOT t.temporary "
        "ORDER BY c.table_name <> 'persons', c.table_name"
    ).fetchall()
    found = [str(r[0]) for r in rows]
    return [*found[:1], *sorted([*found[1:], *(t for t in bulk.TABLES if t not in found)])]


def rekey_table(con: duckdb.DuckDBPyConnection, table: str, written: list[bulk.Written]) -> int:
    """Every row of ``table`` to its person's new key; refused when a row's person is not in ``persons``."""
    keyed = int(con.execute(f"SELECT count(person_key) FROM {table}").fetchall()[0][0])
    if table in bulk.TABLES:  # Parquet files: rewritten, recorded in this transaction
        done, files = bulk.rekey(con, table, "__keymap")
        written.extend([files] if files is not None else [])
    else:
        changed = con.execute(
            f"UPDATE {table} SET person_key = m.new_key FROM __keymap m WHERE {table}.person_key = m.old_key"
        ).fetchall()
        done = int(changed[0][0]) if changed else 0
    if done != keyed:
        raise KeyRotationError(
            f"{table} 表有 {keyed - done} 行的人员不在 persons 表中，无法换钥",
            fix="这些行的身份证号无从得知，换钥后将无法关联到人；请先重新导入相应文件修复数据。本次没有修改任何数据",
        )
    return done


def refuse_unknown_ciphers(con: duckdb.DuckDBPyConnection) -> None:
    """Every ciphertext column must be one this medaid re-encrypts: none is left under the old key."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND ends_with(column_name, '_cipher')"
    ).fetchall()
    unknown = sorted({(str(t), str(c)) for t, c in rows} - CIPHER_COLUMNS)
    if unknown:
        listed = "、".join(f"{t}.{c}" for t, c in unknown)
        raise KeyRotationError(
            f"工作区中有本版本 medaid 不认识的加密列：{listed}，无法换钥",
            fix="请用创建这些列的 medaid 版本换钥。本次没有修改任何数据",
        )


__all__ = ["CIPHER_COLUMNS", "KeyRotationError", "person_tables", "refuse_unknown_ciphers", "rekey_table"]
