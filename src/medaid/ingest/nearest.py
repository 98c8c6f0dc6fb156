"""An unknown word in a vocabulary column names the nearest valid one, as policy files and the calculator do."""

from __future__ import annotations

import duckdb

from medaid import vocab
from medaid.ingest.columns import Column, Type

VOCABULARIES = {Type.CATEGORY: vocab.Vocabulary.CATEGORY, Type.VISIT: vocab.Vocabulary.VISIT_TYPE,
                Type.LEVEL: vocab.Vocabulary.HOSPITAL_LEVEL}  # fmt: skip
SUGGESTED = 200  # distinct unknown words per column given the nearest valid one (a garbage column keeps the list)


def suggest(con: duckdb.DuckDBPyConnection, columns: list[Column]) -> None:
    """An unknown category, visit type or hospital level names the nearest valid word (低包对象 → 低保对象),
    as the policy files and the calculator do: one vocabulary, one message."""
    for column in columns:
        vocabulary = VOCABULARIES.get(column.type)
        if vocabulary is None:
            continue
        rows = con.execute(
            "SELECT DISTINCT err_value FROM checked WHERE err_col = ? AND starts_with(err_reason, '未知的') "
            f"ORDER BY 1 LIMIT {SUGGESTED}",
            [column.label],
        ).fetchall()
        for (value,) in rows:
            what, fix = vocab.unknown(vocabulary, value)
            con.execute(
                "UPDATE checked SET err_reason = ? "
                "WHERE err_col = ? AND err_value = ? AND starts_with(err_reason, '未知的')",
                [f"{what}（{fix}）", column.label, value],
            )
