"""Load a validated file into the workspace store, all or nothing.

Good rows are merged on their natural key (re-importing a file changes nothing; settlements, a
bulk table, get new Parquet files only for the rows that are new or changed: ``store.bulk``);
bad rows go to a rejects file with file, row, column, value and reason; the whole import
runs in one transaction, so a failure midway leaves the store as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from medaid.celltext import spreadsheet_safe
from medaid.errors import InputFileError, Location
from medaid.ingest.columns import KIND_WORDS, NOT_STORED, TABLES, Table
from medaid.ingest.conflicts import Replacement, resolve
from medaid.ingest.limits import check_regular
from medaid.ingest.people import key_people, store_people
from medaid.ingest.read import stage
from medaid.ingest.validate import validate
from medaid.progress import SILENT, Progress
from medaid.store import bulk, bulk_life
from medaid.store.crypto import load_key
from medaid.store.keys import check_key
from medaid.workspace import Workspace

REJECT_HEADERS = ("文件", "行号", "列", "值", "原因")

# Called inside the import's transaction once the good rows are in, when rows were added or
# changed: (connection, import id, table kind). The registry snapshot is taken here, so that an
# import and the merged registry it changes are committed together or not at all.
AfterLoad = Callable[[duckdb.DuckDBPyConnection, int, str], None]
# In ``after_load``: the people (person_key) of the rows the import added or changed, for a table with people.
CHANGED_PEOPLE = "SELECT DISTINCT person_key FROM classified WHERE status <> 'same'"


@dataclass
class ImportSummary:
    kind: str
    label: str
    file: str
    rows_read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    conflicts: int = 0  # settlements stored with another person or amounts, rejected (in ``rejected``)
    replaced: int = 0  # such settlements replaced (--replace), kept in replaced_settlements (in ``changed``)
    import_id: int | None = None
    rejects_file: Path | None = None
    notes: list[str] = field(default_factory=list)
    sha256: str | None = None  # of the file read (the one recorded in ``imports``); not in to_dict

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "file": self.file,
            "rows_read": self.rows_read,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "conflicts": self.conflicts,
            "replaced": self.replaced,
            "import_id": self.import_id,
            "rejects_file": str(self.rejects_file) if self.rejects_file else None,
            "notes": self.notes,
        }


def table_for(kind: str) -> Table:
    name = KIND_WORDS.get(kind, kind)
    if name not in TABLES:
        known = "、".join(f"{t.kind}（{t.label}）" for t in TABLES.values())
        raise InputFileError(f"未知的数据类型“{kind}”", fix=f"可导入：{known}")
    return TABLES[name]


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# shares of an import's progress bar (percent) by stage: reading, checking, people, storing
READ_SHARE, CHECK_SHARE, PEOPLE_SHARE, STORE_SHARE = 30.0, 15.0, 35.0, 15.0


def _incoming_sql(table: Table, import_id: int) -> str:
    """The rows to store, in the stored table's column order."""
    skip = {"id_number", "name"} | NOT_STORED.get(table.kind, frozenset())
    stored = [c.name for c in table.columns if c.name not in skip]
    person = "k.person_key, " if any(c.name == "id_number" for c in table.columns) else ""
    join = "JOIN keymap k USING (id_number) " if person else ""
    if table.kind == "fund":
        basis = "c.entry_date, c.direction, c.subject, c.amount, coalesce(c.note, '')"
        occurrence = f"row_number() OVER (PARTITION BY {basis} ORDER BY c.__row)"
        entry = f"md5(concat_ws('|', {basis}, {occurrence})) AS entry_key, "
        listed = ", ".join(f"c.{n}" for n in stored)
        return (
            f"SELECT {entry}{listed}, {import_id} AS import_id, c.__row AS source_row "
            "FROM checked c WHERE c.err_reason IS NULL"
        )
    cols: list[str] = []
    for n in stored:
        if table.kind == "settlements" and n == "hospital_level":
            cols.append("coalesce(c.hospital_level, i.hospital_level) AS hospital_level")
        elif table.kind == "settlements" and n == "tilted_paid":
            cols.append("coalesce(c.tilted_paid, 0) AS tilted_paid")
        else:
            cols.append(f"c.{n}")
    extra = "LEFT JOIN institutions i USING (institution_code) " if table.kind == "settlements" else ""
    return (
        f"SELECT {person}{', '.join(cols)}, {import_id} AS import_id, c.__row AS source_row "
        f"FROM checked c {join}{extra}WHERE c.err_reason IS NULL"
    )


def _upsert(con: duckdb.DuckDBPyConnection, table: Table, summary: ImportSummary) -> bulk.Written | None:
    """Store TEMP TABLE ``incoming``: new rows added, changed rows replaced, the same rows left. A bulk
    table (``store.bulk``) gets new Parquet files for what changed; the caller settles them after COMMIT."""
    stored_cols = [r[0] for r in con.execute(f"DESCRIBE {table.kind}").fetchall()]
    data_cols = [c for c in stored_cols if c not in (*table.key, "import_id", "source_row")]
    on = " AND ".join(f"t.{k} = n.{k}" for k in table.key)
    differs = " OR ".join(f"t.{c} IS DISTINCT FROM n.{c}" for c in data_cols) or "false"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE classified AS
        SELECT n.*,
               CASE WHEN t.{table.key[0]} IS NULL THEN 'new' WHEN {differs} THEN 'changed' ELSE 'same' END AS status
        FROM incoming n LEFT JOIN {table.kind} t ON {on}"""
    )  # fmt: skip
    counts = dict(con.execute("SELECT status, count(*) FROM classified GROUP BY status").fetchall())
    summary.new, summary.changed, summary.unchanged = (
        counts.get("new", 0),
        counts.get("changed", 0),
        counts.get("same", 0),
    )
    keys = ", ".join(table.key)
    columns = ", ".join(stored_cols)
    written: bulk.Written | None = None
    if table.kind in bulk.TABLES:  # merged on the key: only the files holding a changed row are rewritten
        if summary.new or summary.changed:
            written = bulk.store(
                con,
                table.kind,
                f"SELECT {columns} FROM classified WHERE status <> 'same'",
                f"SELECT {keys} FROM classified WHERE status = 'changed'" if summary.changed else None,
            )
    else:
        con.execute(
            f"DELETE FROM {table.kind} WHERE ({keys}) IN (SELECT ({keys}) FROM classified WHERE status = 'changed')"
        )
        con.execute(f"INSERT INTO {table.kind} ({columns}) SELECT {columns} FROM classified WHERE status <> 'same'")
    if table.kind == "settlements":
        missing = con.execute("SELECT count(*) FROM incoming WHERE hospital_level IS NULL").fetchall()[0]
        if missing and missing[0]:
            summary.notes.append(
                f"{missing[0]} 条结算没有医院等级，且机构编码在定点医疗机构表中找不到；请先导入定点医疗机构"
            )
    return written


def _unit_notes(table: Table, units: dict[str, str]) -> list[str]:
    """Say which columns were read in 万元 because their header says so: a plain number there is 10,000 元."""
    wan = [table.column(name).label for name, unit in units.items() if unit != "元"]
    return [f"{'、'.join(wan)}按表头所注的万元读取（单元格自带单位的除外）"] if wan else []


def _write_rejects(con: duckdb.DuckDBPyConnection, path: Path, file: str) -> int:
    rows = con.execute(
        "SELECT __row, err_col, err_value, err_reason FROM checked WHERE err_reason IS NOT NULL ORDER BY __row"
    ).fetchall()
    if not rows:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REJECT_HEADERS)
        for row, column, value, reason in rows:  # never let a spreadsheet run a cell
            writer.writerow((spreadsheet_safe(file), row, column, spreadsheet_safe(value), reason))
    return len(rows)


def load_file(
    workspace: Workspace,
    kind: str,
    path: Path,
    *,
    sheet: str | None = None,
    replacement: Replacement | None = None,
    after_load: AfterLoad | None = None,
    progress: Progress = SILENT,
) -> ImportSummary:
    """Import one file; raises InputFileError for a file that cannot be read at all.

    ``sheet``: the sheet of a workbook to read (by default the first whose header fits the table).
    ``replacement``: leave to replace stored settlements that the file brings with another person or
    amounts (``ingest.conflicts``); without it such rows are rejected.
    """
    table = table_for(kind)
    if replacement is not None and table.kind != "settlements":
        raise InputFileError(
            f"只有结算明细会与已导入的版本冲突，{table.label}不需要替换",
            where=Location(key="--replace"),
            fix="请去掉 --replace 和 --reason：其他数据重新导入时按内容自动更新",
        )
    summary = ImportSummary(table.kind, table.label, path.name)
    ring = load_key(workspace.key_path)
    check_regular(path)  # a FIFO would hang the digest below; a folder is no file
    digest = summary.sha256 = file_digest(path)
    with (
        workspace.connect() as con,
        progress.task(f"导入 {path.name}：读取", total=100) as task,
        bulk_life.turn(workspace.root),  # a server's imports one at a time: each its own import id
    ):
        # a wrong key is refused before anything is written (an older store's fingerprint is recorded here)
        check_key(con, ring, key_path=workspace.key_path)
        bulk.sweep(con)  # what an earlier import killed midway wrote and never recorded
        # read before the transaction (TEMP tables only): a malformed CSV's strict read fails alone (csvread)
        staged = stage(con, path, table, scratch=workspace.scratch(), sheet=sheet, notes=summary.notes)
        summary.rows_read = staged.rows
        task.advance(READ_SHARE)
        written: bulk.Written | None = None
        con.execute("BEGIN TRANSACTION")
        try:
            task.describe(f"导入 {path.name}：检查 {staged.rows} 行")
            validate(con, table, staged.table, staged.columns, units=staged.units)
            summary.notes.extend(_unit_notes(table, staged.units))
            task.advance(CHECK_SHARE)
            row = con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchall()[0]
            import_id = int(row[0]) if row else 1
            people = "id_number" in staged.columns
            if people:
                task.describe(f"导入 {path.name}：登记人员（身份证号加密）")
                key_people(con, ring, has_name="name" in staged.columns, task=task, share=PEOPLE_SHARE / 2)
            con.execute(f"CREATE OR REPLACE TEMP TABLE incoming AS {_incoming_sql(table, import_id)}")
            if table.kind == "settlements":
                conflicts = resolve(con, import_id, replacement)
                summary.replaced, summary.conflicts = (conflicts, 0) if replacement else (0, conflicts)
            if people:
                # keymap holds the good rows' people; only conflicts (not replaced) reject rows after it
                store_people(con, ring, task=task, share=PEOPLE_SHARE / 2, rejected_since=summary.conflicts > 0)
            task.describe(f"导入 {path.name}：写入")
            written = _upsert(con, table, summary)
            task.advance(STORE_SHARE)
            # written in the scratch space (removed after a kill), put in rejects/ once the import is committed
            temp_rejects = workspace.scratch() / f"{import_id}-{table.kind}-{path.stem}.csv.part"
            summary.rejected = _write_rejects(con, temp_rejects, path.name)
            seen = con.execute(
                "SELECT count(*) FROM imports WHERE sha256 = ? AND kind = ?", [digest, table.kind]
            ).fetchall()[0]
            if summary.new or summary.changed or not (seen and seen[0]):
                con.execute(
                    "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [import_id, table.kind, path.name, digest, summary.rows_read, summary.new, summary.changed,
                     summary.unchanged, summary.rejected, dt.datetime.now()],
                )  # fmt: skip
                summary.import_id = import_id
                if after_load is not None and (summary.new or summary.changed):
                    after_load(con, import_id, table.kind)
            else:
                summary.notes.append("该文件此前已导入，内容无变化")
            con.execute("COMMIT")
        except BaseException:
            bulk.undo(con, [written])  # rolled back; files removed unless recorded (a Ctrl-C after COMMIT)
            raise
        if written is not None:
            written.settle()
    if summary.rejected:
        final = workspace.rejects_dir / f"{summary.import_id or 'repeat'}-{table.kind}-{path.stem}.csv"
        final.parent.mkdir(parents=True, exist_ok=True)
        temp_rejects.replace(final)
        summary.rejects_file = final
    return summary


__all__ = ["CHANGED_PEOPLE", "ImportSummary", "Location", "load_file", "table_for"]
