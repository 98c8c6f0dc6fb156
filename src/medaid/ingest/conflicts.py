"""A settlement already stored, brought again with another person or other amounts.

A 结算编号 names one settlement of the medical-insurance system, and a settlement does not
change: the same number with another person, date, visit type or amount is either a corrected
export or a mistake (another county's numbering, a shifted column, a wrong file). medaid does
not guess. Such a row is a conflict: it is rejected, its reason showing both versions and
where the stored one came from, and the good rows of the file are imported. When the user
knows the new version is right, ``medaid import --replace --reason "…"`` replaces the stored
one; the replaced version is kept in ``replaced_settlements`` with the import that replaced it,
the reason, the operating-system user and the time, in the same transaction.

The other columns (医院等级, 机构编码, 出院日期, the 是否… flags) are completed or corrected without
a conflict, as before: a level filled in once the institutions are imported, or a service date
brought by a later export, changes no money.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from medaid.ingest import idnumber
from medaid.ingest.columns import SETTLEMENTS, Type
from medaid.money import yuan_text

KEY = "settlement_id"
# the columns that make a settlement what it is; stored names (person_key for the 身份证号)
MONEY = tuple(c.name for c in SETTLEMENTS.columns if c.type is Type.MONEY)
COMPARED: tuple[str, ...] = ("person_key", "settle_date", "visit_type", *MONEY)
LABELS = {c.name: c.label for c in SETTLEMENTS.columns} | {"person_key": "人员"}


@dataclass(frozen=True)
class Replacement:
    """An import's leave to replace stored settlements: why, and who said so."""

    reason: str
    os_user: str


def _shown(column: str, value: object, person: tuple[object, object] | None = None) -> str:
    if column == "person_key":
        masked, name = person or (None, None)
        return f"{masked}（{name}）" if name else str(masked or "未知")
    if value is None:
        return "空"
    if isinstance(value, int):  # an amount, in fen
        return yuan_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _conflicts(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """The incoming settlements whose number is stored with other values, both versions side by side."""
    differs = " OR ".join(f"t.{c} IS DISTINCT FROM n.{c}" for c in COMPARED)
    pairs = ", ".join(f"t.{c}, n.{c}" for c in COMPARED)
    return con.execute(
        f"""SELECT n.source_row, n.{KEY}, i.file_name, i.import_id, t.source_row,
                   p.id_masked, p.name_masked, k.id_number, k.name, {pairs}
            FROM incoming n JOIN settlements t USING ({KEY})
            LEFT JOIN imports i ON i.import_id = t.import_id
            LEFT JOIN persons p ON p.person_key = t.person_key
            LEFT JOIN keymap k ON k.person_key = n.person_key
            WHERE {differs} ORDER BY n.source_row"""
    ).fetchall()  # fmt: skip


def _reason(row: tuple[object, ...]) -> str:
    _, number, file_name, import_id, old_row, old_mask, old_name, new_id, new_name, *values = row
    new_person = (
        idnumber.mask(str(new_id)) if new_id else None,
        idnumber.mask_name(str(new_name)) if new_name else None,
    )
    changes: list[str] = []
    for i, column in enumerate(COMPARED):
        old, new = values[2 * i], values[2 * i + 1]
        if old == new:
            continue
        if column == "person_key":
            changes.append(f"人员 {_shown(column, old, (old_mask, old_name))} → {_shown(column, new, new_person)}")
        else:
            changes.append(f"{LABELS[column]} {_shown(column, old)} → {_shown(column, new)}")
    source = f"第 {import_id} 次导入（{file_name} 第 {old_row} 行）" if import_id else "此前的导入"
    return (
        f"结算编号 {number} 已由{source}存入，内容不同：{'；'.join(changes)}。同一结算编号的结算不应改变，"
        '本行未导入；若新文件是更正后的版本，请加 --replace --reason "更正原因" 重新导入（原版本留档）'
    )


def resolve(con: duckdb.DuckDBPyConnection, import_id: int, replacement: Replacement | None) -> int:
    """Find the incoming settlements in conflict with stored ones and deal with them.

    Without ``replacement`` each is taken out of TEMP TABLE ``incoming`` and its row in ``checked``
    rejected with both versions in the reason. With it, the stored versions are copied to
    ``replaced_settlements`` and the upsert that follows replaces them. Returns how many.
    """
    rows = _conflicts(con)
    if not rows:
        return 0
    if replacement is not None:
        con.register("__replaced", pa.table({KEY: pa.array([r[1] for r in rows], pa.string())}))
        con.execute(
            # by name: a store upgraded to schema 4 has service_date after replaced_at, a new one before it
            f"INSERT INTO replaced_settlements BY NAME SELECT t.*, ? AS replaced_by, ? AS reason, ? AS os_user, "
            f"? AS replaced_at FROM settlements t "
            f"WHERE t.{KEY} IN (SELECT {KEY} FROM __replaced)",
            [import_id, replacement.reason, replacement.os_user, dt.datetime.now()],
        )
        con.unregister("__replaced")
        return len(rows)
    rejected = pa.table({
        "row": pa.array([r[0] for r in rows], pa.int64()),
        "number": pa.array([r[1] for r in rows], pa.string()),
        "reason": pa.array([_reason(r) for r in rows], pa.string()),
    })  # fmt: skip
    con.register("__conflicts", rejected)
    con.execute(
        f"UPDATE checked SET err_col = '{LABELS[KEY]}', err_value = c.number, err_reason = c.reason "
        "FROM __conflicts c WHERE checked.__row = c.row"
    )
    con.execute("DELETE FROM incoming WHERE source_row IN (SELECT row FROM __conflicts)")
    con.unregister("__conflicts")
    return len(rows)
