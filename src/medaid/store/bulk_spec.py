"""What a bulk table is (``store.bulk``): its columns in stored order, its key, the date it is partitioned
by, and the columns a write must never leave empty (those that were NOT NULL in the store file's table
before schema 5: the Parquet layout enforces nothing, so :func:`check` refuses such rows before a write);
and the store's table ``bulk_files`` that records which files are each table."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from medaid.errors import Location, MedaidError

FILES = "bulk_files"
FILES_DDL = (
    f"CREATE TABLE IF NOT EXISTS {FILES} (table_name VARCHAR NOT NULL, year INTEGER NOT NULL, "
    "month INTEGER NOT NULL, file VARCHAR NOT NULL, rows BIGINT NOT NULL, PRIMARY KEY (table_name, file))"
)


class BadRowsError(MedaidError):
    """Rows a write would store lack their key or a required column, or repeat a key."""


@dataclass(frozen=True)
class Bulk:
    """A bulk table: its columns (name, type) in stored order, its key, the date it is partitioned by,
    and the columns (besides the key) that every row must fill."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: str
    date: str
    required: tuple[str, ...] = ()

    def names(self) -> str:
        return ", ".join(c for c, _ in self.columns)

    def typed(self, source: str = "") -> str:
        """The columns cast to their stored types (from ``source``, an alias and a dot, or none)."""
        return ", ".join(f"CAST({source}{c} AS {t}) AS {c}" for c, t in self.columns)


_MONEY = ("total", "out_of_scope", "in_scope", "basic_paid", "critical_paid", "large_paid", "assistance_paid",
          "tilted_paid", "other_paid", "fund_paid", "self_paid")  # fmt: skip
_SETTLEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("settlement_id", "VARCHAR"), ("person_key", "VARCHAR"), ("visit_type", "VARCHAR"),
    ("hospital_level", "VARCHAR"), ("institution_code", "VARCHAR"), ("settle_date", "DATE"),
    *((m, "BIGINT") for m in _MONEY),
    ("referred", "BOOLEAN"), ("out_of_area", "BOOLEAN"), ("one_stop", "BOOLEAN"),
    ("import_id", "INTEGER"), ("source_row", "INTEGER"), ("service_date", "DATE"),
)  # fmt: skip
SETTLEMENTS = Bulk(
    "settlements", _SETTLEMENT_COLUMNS, key="settlement_id", date="settle_date",
    required=("person_key", "visit_type", "settle_date", "total", "in_scope", "basic_paid", "critical_paid",
              "assistance_paid", "tilted_paid", "import_id", "source_row"),
)  # fmt: skip
TABLES: dict[str, Bulk] = {SETTLEMENTS.name: SETTLEMENTS}


def check(con: duckdb.DuckDBPyConnection, spec: Bulk, rows: str) -> None:
    """Refuse rows without their key or a required column, or repeating a key, before they are written:
    the Parquet files enforce no constraint (the store file's table did, before schema 5)."""
    empty = ", ".join(f"count(*) FILTER (WHERE {c} IS NULL)" for c in (spec.key, *spec.required))
    [(repeated, *nulls)] = con.execute(
        f"SELECT count({spec.key}) - count(DISTINCT {spec.key}), {empty} FROM ({rows})"
    ).fetchall()
    lacking = [f"{c}（{n} 行为空）" for c, n in zip((spec.key, *spec.required), nulls, strict=True) if n]
    if repeated or lacking:
        said = "、".join([*([f"{spec.key} 重复 {repeated} 次"] if repeated else []), *lacking])
        raise BadRowsError(
            f"{spec.name} 表将写入的数据不完整：{said}，已拒绝写入",
            where=Location(file=f"tables/{spec.name}"),
            fix="本次没有修改任何数据。这说明导入的检查有遗漏或工作区数据已损坏：请保留输入文件并报告此问题，"
            "必要时从备份恢复整个工作区",
        )


__all__ = ["FILES", "FILES_DDL", "SETTLEMENTS", "TABLES", "BadRowsError", "Bulk", "check"]
