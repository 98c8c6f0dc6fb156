"""Validate a staged file in one SQL pass: typed values, and for a bad row the first problem.

Every row gets either typed columns or ``err_col``/``err_value``/``err_reason`` saying
which column is wrong, what it held (身份证号 and names masked) and why, in Chinese.
Checks run in the order a person would fix them: empty required cells, then each
column's own form, then cross-column rules, then repeats of the natural key. The 身份证号
rules and money cells are not defined here: their SQL is rendered by ``ingest.idnumber`` and
``medaid.money`` from the same definitions as their Python functions; the SQL of each cell (trimmed,
typed, masked) is ``ingest.validate_sql``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from medaid import claimrules, vocab
from medaid.ingest import idnumber
from medaid.ingest.columns import Column, Table, Type
from medaid.ingest.limits import MAX_CELL_CHARS
from medaid.ingest.nearest import suggest
from medaid.ingest.staged import REJECT_COLUMNS, rejects_table
from medaid.ingest.validate_sql import masked, pre, q, raw, typed_rows
from medaid.money import yuan_text_sql

# full-width digits and signs some input methods type, read as their ASCII twins in dates and numbers
SHOWN_LONG = 20  # characters shown of a cell that is too long
MONEY_COLUMNS = ("total", "out_of_scope", "in_scope", "basic_paid", "critical_paid", "large_paid",
                 "assistance_paid", "tilted_paid", "other_paid", "fund_paid", "self_paid")  # fmt: skip


@dataclass(frozen=True)
class Check:
    condition: str  # SQL true when the row is bad
    column: str  # Chinese label of the column to fix
    value: str  # SQL giving the value to show (masked for personal data)
    reason: str  # SQL giving the Chinese reason


def too_long(r: str, label: str, value: str) -> Check:
    """A cell longer than Excel allows is no table's (strlen, in bytes, is free: it rules out almost every cell)."""
    return Check(
        f"strlen({r}) > {MAX_CELL_CHARS} AND length({r}) > {MAX_CELL_CHARS}",
        label,
        f"left({value}, {SHOWN_LONG}) || '…'",
        f"'单元格有 ' || length({r}) || ' 个字符，超过 Excel 单元格的上限 {MAX_CELL_CHARS} 个，"
        "可能是几行串成了一行，请检查该行'",
    )


def column_checks(column: Column, today: dt.date | None = None) -> list[Check]:
    """The column's own checks in order; ``today`` is the day of the import (身份证号 birth dates)."""
    r, label, t = raw(column.name), column.label, column.type
    value = masked(column.name, t)
    out: list[Check] = []
    if column.required:
        out.append(Check(f"{r} IS NULL", label, "''", q(f"{label}不能为空")))
    out.append(too_long(r, label, value))
    if t is Type.ID:
        check = f's."ck__{column.name}"'  # NULL exactly when the number is not of the form FORM
        rules = idnumber.problems_sql(pre(column.name), check=check, formed=f"{check} IS NOT NULL", today=today)
        out += [Check(f"{r} IS NOT NULL AND {condition}", label, value, reason) for condition, reason in rules]
    elif t is Type.MONEY or t is Type.INT:
        out += [
            Check(f"starts_with({r}, '=')", label, r, q("单元格是公式，请在 Excel 中复制后“选择性粘贴为数值”再导入")),
            Check(f"{r} IS NOT NULL AND {pre(column.name)} IS NULL", label, r, f"'“' || {r} || '”不是数字'"),
        ]
        if t is Type.INT and column.name == "year":
            out.append(Check(f"{pre(column.name)} NOT BETWEEN 1990 AND 2100", label, r, q("年度应为四位年份，如 2023")))
    elif t is Type.DATE:
        out.append(Check(f"{r} IS NOT NULL AND {pre(column.name)} IS NULL", label, r,
                         f"'日期“' || {r} || '”无法识别或不存在（应为 2023-01-31 或 2023/1/31）'"))  # fmt: skip
        if column.not_future:
            day = (today or dt.date.today()).isoformat()
            future = f"'{label}“' || {r} || '”晚于导入当天（{day}），{label}不能是将来的日期，请核对'"
            out.append(Check(f"{pre(column.name)} > DATE '{day}'", label, r, future))
    elif t in (Type.CATEGORY, Type.VISIT, Type.LEVEL, Type.DIRECTION, Type.BOOL):
        allowed = {
            Type.CATEGORY: "、".join(vocab.CATEGORIES),
            Type.VISIT: "、".join(vocab.VISIT_TYPES) + "，或医疗类别代码",
            Type.LEVEL: "、".join(vocab.HOSPITAL_LEVELS),
            Type.DIRECTION: "收入、支出",
            Type.BOOL: "是、否",
        }[t]
        out.append(Check(f"{r} IS NOT NULL AND {pre(column.name)} IS NULL", label, r,
                         f"'未知的{label}“' || {r} || '”（可填：{allowed}）'"))  # fmt: skip
    return out


def _service_after_settlement(table: Table) -> Check:
    """A settlement pays for care that has ended: its 出院日期 (就诊日期) cannot be after its 结算日期."""
    service, settled = table.column("service_date").label, table.column("settle_date").label
    shown = "strftime(t.service_date, '%Y-%m-%d')"
    reason = (f"'{service}“' || {shown} || '”晚于{settled}“' || strftime(t.settle_date, '%Y-%m-%d') || "
              f"'”：结算不会早于就诊结束，请核对这两个日期'")  # fmt: skip
    return Check("t.service_date > t.settle_date", service, shown, reason)


def cross_checks(table: Table, present: set[str]) -> list[Check]:
    """Rules across columns, by table."""
    if table.kind == "settlements":
        money = [c for c in MONEY_COLUMNS if c in present]
        parts = " + ".join(
            f"coalesce(t.{c}, 0)"
            for c in ("basic_paid", "critical_paid", "assistance_paid", "tilted_paid")
            if c in present
        )
        refund = "t.total < 0 AND " + " AND ".join(f"coalesce(t.{c}, 0) <= 0" for c in money)
        negative = " OR ".join(f"t.{c} < 0" for c in money)
        return [
            Check(f"NOT ({refund}) AND ({negative})", "金额", "''", q(claimrules.NEGATIVE)),
            Check("abs(t.in_scope) > abs(t.total)", "政策范围内费用", yuan_text_sql("t.in_scope", unit=False),
                  q(claimrules.IN_SCOPE_ABOVE_TOTAL)),
            Check(f"abs({parts}) > abs(t.in_scope)", "医疗救助支付", yuan_text_sql(f"({parts})", unit=False),
                  q(claimrules.PAID_ABOVE_IN_SCOPE)),
            *([_service_after_settlement(table)] if "service_date" in present else []),
        ]  # fmt: skip
    if table.kind == "recipients" and "valid_to" in present:
        return [
            Check("t.valid_to < t.valid_from", "终止日期", "CAST(t.valid_to AS VARCHAR)", q("终止日期早于生效日期"))
        ]
    if table.kind == "subsidies":
        return [
            Check(
                "t.amount < 0 OR t.premium < 0", "资助金额", yuan_text_sql("t.amount", unit=False), q("金额不能为负数")
            ),
            Check(
                "t.amount > t.premium", "资助金额", yuan_text_sql("t.amount", unit=False), q("资助金额大于个人缴费标准")
            ),
        ]
    if table.kind == "fund":
        return [
            Check(
                "t.amount < 0",
                "金额",
                yuan_text_sql("t.amount", unit=False),
                q("金额不能为负数，支出请在“方向”列填“支出”"),
            )
        ]
    return []


def key_columns(table: Table) -> list[str]:
    """The natural key in staged names (id_number stands for person_key)."""
    return ["id_number" if k == "person_key" else k for k in table.key if k != "entry_key"]


def labelled(items: list[tuple[str, Check]]) -> list[tuple[str, Check]]:
    """The same checks with the column label quoted as SQL text."""
    return [(cond, Check(c.condition, q(c.column), c.value, c.reason)) for cond, c in items]


def _which(items: list[tuple[str, Check]]) -> str:
    """CASE giving the number of the first check whose condition holds (NULL when none): each condition
    is evaluated once per row, whatever the fields then taken from that check."""
    if not items:
        return "NULL"
    return "CASE " + " ".join(f"WHEN {cond} THEN {i}" for i, (cond, _) in enumerate(items)) + " END"


def _pick(field: str, items: list[tuple[str, Check]], which: str) -> str:
    """``field`` (reason, column or value) of check number ``which`` (:func:`_which`)."""
    if not items:
        return "NULL"
    return f"CASE {which} " + " ".join(f"WHEN {i} THEN {getattr(c, field)}" for i, (_, c) in enumerate(items)) + " END"


def _mark_duplicates(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """A repeat of the natural key among the rows whose cells are good (``__clean``) names the first
    one; a row already refused by a cross-column rule keeps that reason. The window sees only the key
    and the row number, so that a million wide rows are never sorted."""
    keys = key_columns(table)
    partition = ", ".join(f'"{k}"' for k in keys)
    label = "、".join(table.column(k).label for k in keys)
    con.execute(
        f"""UPDATE checked SET err_reason = '与第 ' || d.first || ' 行重复（{label}相同）',
               err_col = {q(label)}, err_value = ''
        FROM (SELECT * FROM (SELECT __row, row_number() OVER w AS n, min(__row) OVER w AS first
                             FROM checked WHERE __clean WINDOW w AS (PARTITION BY {partition} ORDER BY __row))
              WHERE n > 1) d
        WHERE checked.__row = d.__row AND checked.err_reason IS NULL"""
    )  # fmt: skip


def validate(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    staged: str,
    present: dict[str, int],
    *,
    units: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> None:
    """Create TEMP TABLE ``checked`` from ``staged``; ``today`` is the day of the check (by default today);
    ``units``: amount column → the unit its header gives (a plain number in “金额（万元）” is 万元).

    One pass over the staged rows (typed values, each column's checks, then the cross-column rules),
    then the repeats of the natural key among the rows left good. The rows the reader refused
    (``<staged>_rejects``, when there is one) join ``checked`` as bad rows.
    """
    today = today or dt.date.today()
    refused = rejects_table(staged)
    columns = [c for c in table.columns if c.name in present]
    typed_cols = ", ".join(f'{pre(c.name)} AS "{c.name}"' for c in columns)
    nulls = "".join(f', NULL AS "{c.name}"' for c in table.columns if c.name not in present)
    first = [(f"({c.condition})", c) for col in columns for c in column_checks(col, today)]
    cross = [(f"(err_reason IS NULL AND ({c.condition}))", c) for c in cross_checks(table, set(present))]
    keyed = bool(key_columns(table))
    clean = ", err_reason IS NULL AS __clean" if keyed else ""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE checked AS
        SELECT * EXCLUDE (err_reason, err_col, err_value, cross_reason, cross_col, cross_value),
               coalesce(err_reason, cross_reason) AS err_reason,
               coalesce(err_col, cross_col) AS err_col,
               coalesce(err_value, cross_value) AS err_value{clean}
        FROM (
            SELECT t.* EXCLUDE (__cross),
                   {_pick("reason", cross, "__cross")} AS cross_reason,
                   {_pick("column", labelled(cross), "__cross")} AS cross_col,
                   {_pick("value", cross, "__cross")} AS cross_value
            FROM (SELECT t.*, {_which(cross)} AS __cross FROM (
                  SELECT s.__row, {typed_cols}{nulls},
                         {_pick("reason", first, "__first")} AS err_reason,
                         {_pick("column", labelled(first), "__first")} AS err_col,
                         {_pick("value", first, "__first")} AS err_value
                  FROM (SELECT s.*, {_which(first)} AS __first
                        FROM ({typed_rows(staged, columns, units or {})}) s) s) t) t
        )"""
    )  # fmt: skip
    if keyed:
        _mark_duplicates(con, table)
        con.execute("ALTER TABLE checked DROP COLUMN __clean")
    suggest(con, columns)
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [refused]).fetchall()[0][0]
    if exists:
        listed = ", ".join(REJECT_COLUMNS)
        con.execute(f"INSERT INTO checked BY NAME SELECT {listed} FROM {refused}")
