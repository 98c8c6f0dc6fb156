"""Run the monthly verification on a workspace and keep each run with its inputs'
fingerprint, so that a month's ledger can be produced again later exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from medaid.analytics.registry import latest_snapshot
from medaid.analytics.verification import REASONS, Month, detail, ledger, ledger_tables
from medaid.errors import MedaidError
from medaid.money import yuan_float
from medaid.policy.params import Policy
from medaid.store import engine

if TYPE_CHECKING:
    from medaid.settings import Settings


class VerificationError(MedaidError):
    """Verification cannot run on this workspace."""


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger, identities masked."""

    seq: int
    settlement_id: str
    id_masked: str | None
    name_masked: str | None
    settle_date: dt.date
    visit_type: str
    category: str | None
    assistance_paid: int  # fen
    reason: str
    amount: int  # fen: 应补 for missed, 应退 otherwise
    detail: str
    person_key: str | None = None  # the keyed hash, to reveal identities for a role allowed to
    departments: tuple[str, ...] = ()  # the person's 认定部门 in the run's registry snapshot (none: on no list)

    def to_dict(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "settlement_id": self.settlement_id,
            "id_masked": self.id_masked,
            "name_masked": self.name_masked,
            "settle_date": self.settle_date.isoformat(),
            "visit_type": self.visit_type,
            "category": self.category,
            "assistance_paid": yuan_float(self.assistance_paid),
            "reason": self.reason,
            "reason_label": REASONS[self.reason],
            "amount": yuan_float(self.amount),
            "detail": self.detail,
            "departments": list(self.departments),
        }


@dataclass
class Run:
    run_id: int
    month: str
    fingerprint: str
    inputs: dict[str, object]
    settlements: int
    created_at: dt.datetime
    rows: list[LedgerRow] = field(default_factory=list)
    same_as: int | None = None  # an earlier run with the same inputs

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(REASONS, 0)
        for row in self.rows:
            out[row.reason] += 1
        return out


def _inputs(con: duckdb.DuckDBPyConnection, month: Month, policy: Policy) -> dict[str, object]:
    def imports(table: str) -> list[int]:
        return [int(r[0]) for r in con.execute(f"SELECT DISTINCT import_id FROM {table} ORDER BY 1").fetchall()]

    return {
        "month": str(month),
        "policy": {"file": policy.file.rsplit("/", 1)[-1], "sha256": policy.digest},
        "registry_snapshot": latest_snapshot(con),
        "settlement_imports": imports("settlements"),
        "recipient_imports": imports("recipients"),
        "death_imports": imports("deaths"),
    }


def verify(
    con: duckdb.DuckDBPyConnection,
    month: Month,
    policy: Policy,
    *,
    settings: Settings | None = None,
    scratch: Path | None = None,
) -> Run:
    """Compute the ledger of ``month`` on the engine the settings choose (``engine.analytics``; the
    workspace's ``settings`` and private ``scratch``) and store it in the store as a new run."""
    snapshot = latest_snapshot(con)
    if snapshot is None:
        raise VerificationError(
            "尚未导入救助对象名单，无法核查", fix="请先运行 medaid import 工作区 recipients 名单文件"
        )
    inputs = _inputs(con, month, policy)
    fingerprint = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    with engine.analytics(con, settings, scratch=scratch, tables=ledger_tables(month, snapshot)) as backend:
        registry = backend.table("registry_snapshots")
        registry = registry.filter(registry.import_id == snapshot)
        expr = ledger(backend.table("settlements"), registry, backend.table("deaths"), policy, month)
        rows = expr.to_pyarrow().to_pylist()
    counted = con.execute(
        "SELECT count(*) FROM settlements WHERE settle_date BETWEEN ? AND ?", [month.first, month.last]
    ).fetchall()[0][0]
    earlier = con.execute("SELECT max(run_id) FROM verification_runs WHERE fingerprint = ?", [fingerprint]).fetchall()[
        0
    ][0]
    run_id = int(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM verification_runs").fetchall()[0][0])
    now = dt.datetime.now().replace(microsecond=0)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "INSERT INTO verification_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [run_id, str(month), fingerprint, json.dumps(inputs, ensure_ascii=False), counted, len(rows), now],
        )
        stored = [
            (run_id, i, r["settlement_id"], r["person_key"], r["settle_date"], r["visit_type"], r["category"],
             r["assistance_paid"], r["reason"], r["amount"], detail(r))
            for i, r in enumerate(rows, start=1)
        ]  # fmt: skip
        if stored:
            con.executemany("INSERT INTO verification_findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", stored)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return load_run(con, run_id, same_as=earlier)


def load_run(con: duckdb.DuckDBPyConnection, run_id: int, *, same_as: int | None = None) -> Run:
    """A stored run with its findings, joined to the masked identities (never the plain ones)."""
    found = con.execute(
        "SELECT run_id, month, fingerprint, inputs, settlements, created_at FROM verification_runs WHERE run_id = ?",
        [run_id],
    ).fetchall()
    if not found:
        raise VerificationError(f"找不到第 {run_id} 次核查", fix="用 medaid verify 工作区 --month 2023-07 生成核查台账")
    rid, month, fingerprint, inputs, settlements, created = found[0]
    rows = con.execute(
        f"WITH {_departments('?')} SELECT {_ROW_COLUMNS} FROM verification_findings f {_ROW_JOINS} "
        "WHERE f.run_id = ? ORDER BY f.seq",
        [run_id, run_id, run_id],  # the CTE names the run twice
    ).fetchall()
    return Run(
        run_id=rid,
        month=month,
        fingerprint=fingerprint,
        inputs=json.loads(inputs),
        settlements=settlements,
        created_at=created,
        rows=[_row(r) for r in rows],
        same_as=same_as,
    )


def _departments(runs: str) -> str:
    """A CTE: the person's 认定部门 as the run saw them — every department of the person in the run's
    registry snapshot — for the runs that the constant SQL ``runs`` selects (its values bound by the caller,
    twice: ``runs`` appears twice) — and only for the people those runs found something about."""
    return f"""snapshot_departments AS (
        SELECT v.run_id, g.person_key,
               list_sort(list_distinct(flatten(list(string_split(g.departments, '、'))))) AS departments
        FROM verification_runs v JOIN registry_snapshots g
          ON g.import_id = TRY_CAST(json_extract_string(v.inputs, '$.registry_snapshot') AS INTEGER)
        WHERE v.run_id IN ({runs})
          AND g.person_key IN (SELECT person_key FROM verification_findings WHERE run_id IN ({runs}))
        GROUP BY v.run_id, g.person_key
    )"""


_ROW_COLUMNS = (
    "f.seq, f.settlement_id, p.id_masked, p.name_masked, f.settle_date, f.visit_type, f.category, "
    "f.assistance_paid, f.reason, f.amount, f.detail, f.person_key, d.departments"
)
_ROW_JOINS = (
    "LEFT JOIN persons p ON p.person_key = f.person_key "
    "LEFT JOIN snapshot_departments d ON d.run_id = f.run_id AND d.person_key = f.person_key"
)


def _row(r: tuple[Any, ...]) -> LedgerRow:
    seq, sid, id_masked, name_masked, day, visit, category, paid, reason, amount, text, key, departments = r
    return LedgerRow(seq, sid, id_masked, name_masked, day, visit, category, paid, reason, amount, text, key,
                     tuple(d for d in (departments or ()) if d))  # fmt: skip


@dataclass(frozen=True)
class FindingQuery:
    """Which findings to list; every value is compared as a bound parameter, never written into SQL."""

    month: str | None = None  # None: the latest run of every month
    reason: str | None = None
    departments: tuple[str, ...] = ()  # each of them among the person's 认定部门
    area: str | None = None  # 区划 prefix
    text: str | None = None  # part of the settlement id or of the masked 身份证号
    settlement_id: str | None = None


@dataclass(frozen=True)
class MonthFinding:
    """A finding of the latest run of its month, with the 区划 it belongs to."""

    month: str
    run_id: int
    row: LedgerRow
    area: str | None  # the person's 区划 in the recipient lists, else that of the institution settled at


def _where(q: FindingQuery) -> tuple[str, list[object]]:
    clauses: list[tuple[str, list[object]]] = []
    if q.reason is not None:
        clauses.append(("f.reason = ?", [q.reason]))
    if q.settlement_id is not None:
        clauses.append(("f.settlement_id = ?", [q.settlement_id]))
    if q.departments:
        clauses.append(("list_has_all(coalesce(d.departments, []::VARCHAR[]), ?::VARCHAR[])", [list(q.departments)]))
    if q.area:
        clauses.append(("starts_with(coalesce(a.region, i.region, ''), ?)", [q.area]))
    if q.text:
        clauses.append(("(contains(lower(f.settlement_id), lower(?)) OR contains(coalesce(p.id_masked, ''), ?))",
                        [q.text, q.text]))  # fmt: skip
    return " AND ".join(["TRUE", *(c for c, _ in clauses)]), [v for _, values in clauses for v in values]


def latest_findings(con: duckdb.DuckDBPyConnection, q: FindingQuery) -> list[MonthFinding]:
    """The findings of the latest run of each month (or of ``q.month``) that match ``q``, latest month first."""
    month_clause, month_params = ("WHERE month = ?", [q.month]) if q.month is not None else ("", [])
    where, params = _where(q)
    rows = con.execute(
        f"""
        WITH latest AS (SELECT month, max(run_id) AS run_id FROM verification_runs {month_clause} GROUP BY month),
        {_departments("SELECT run_id FROM latest")},
        areas AS (
            SELECT person_key, arg_max(region, import_id) AS region FROM recipients
            WHERE coalesce(region, '') <> '' AND person_key IN (
                SELECT person_key FROM verification_findings WHERE run_id IN (SELECT run_id FROM latest))
            GROUP BY person_key
        )
        SELECT l.month, f.run_id, coalesce(a.region, i.region), {_ROW_COLUMNS}
        FROM verification_findings f JOIN latest l ON l.run_id = f.run_id {_ROW_JOINS}
        LEFT JOIN areas a ON a.person_key = f.person_key
        LEFT JOIN (SELECT settlement_id, institution_code FROM settlements WHERE settlement_id IN (
            SELECT settlement_id FROM verification_findings WHERE run_id IN (SELECT run_id FROM latest))
        ) s ON s.settlement_id = f.settlement_id
        LEFT JOIN institutions i ON i.institution_code = s.institution_code
        WHERE {where}
        ORDER BY l.month DESC, f.seq
        """,
        [*month_params, *params],
    ).fetchall()
    return [MonthFinding(str(r[0]), int(r[1]), _row(r[3:]), r[2] or None) for r in rows]


@dataclass
class YearFindings:
    """What the latest verification run of each month of a year found."""

    year: int
    months: list[str]  # months verified
    counts: dict[str, int]  # reason → settlements
    top_up: int  # fen, 应补 (missed)
    refund: int  # fen, 应退 (everything else)


def year_findings(con: duckdb.DuckDBPyConnection, year: int) -> YearFindings:
    """The latest run of each month of ``year``: its findings by reason and their amounts."""
    latest = con.execute(
        "SELECT month, max(run_id) FROM verification_runs WHERE month LIKE ? GROUP BY month ORDER BY month",
        [f"{year}-%"],
    ).fetchall()
    out = YearFindings(year, [m for m, _ in latest], {}, 0, 0)
    if not latest:
        return out
    ids = [r for _, r in latest]
    marks = ", ".join("?" * len(ids))
    rows = con.execute(
        f"SELECT reason, count(*), sum(amount) FROM verification_findings WHERE run_id IN ({marks}) GROUP BY reason",
        ids,
    ).fetchall()
    for reason, count, amount in rows:
        out.counts[str(reason)] = int(count)
        if reason == "missed":
            out.top_up += int(amount or 0)
        else:
            out.refund += int(amount or 0)
    return out
