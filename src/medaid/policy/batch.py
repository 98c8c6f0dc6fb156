"""A year of claims through the layers at once: the numpy kernel (``kernel``) over Arrow.

The kernel computes every layer as f(cumulative after) − f(cumulative before), exactly as
the one-claim path (a batch of one with the person's year-to-date totals), so the result
equals settling the claims one by one, to the fen. On DuckDB the claims are split into
buckets of whole persons (hash of the person key, about ``BUCKET_ROWS`` claims each); each
bucket is read sorted by person, date and settlement id into Arrow, settled
(``stream.settle_sorted``) and appended to a temporary table on the claims' own connection,
so the Python side holds one bucket at a time and DuckDB the rest (spilling what does not fit
its memory limit); the rows are put in date order when the result is read. Claims that fit one
bucket are not copied: DuckDB reads the Arrow table the kernel filled in place, and when the
result is wanted in date order that bucket is read in date order and the persons are grouped in
numpy (``stream.settle_in_date_order``), so the rows are stored in date order and no sort of
every column follows. On PySpark the
same kernel runs on each partition of claims partitioned by person (``kernel_spark``) and the
result stays a Spark table. Either way the rows come in (settle_date, settlement_id) order
unless the caller asks for none (``ordered=False``). docs/decisions/0019-settlement-kernel.md
says why.

The result reads a temporary table, whose name says nothing and which a query cannot read
again; ``origin`` gives, for such a table, what it holds instead — the claims query the
kernel settled and the policies it applied — so that a number computed from it can say where
it came from (``analytics.metrics`` writes it as the number's provenance).
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir
import pyarrow as pa

from medaid import __version__
from medaid.policy.model import Policy
from medaid.policy.rules import Rules, compile_rules
from medaid.policy.stream import LAYERS, SORT_KEY, settle_in_date_order, settle_sorted

BATCH_ROWS = 1 << 17  # claims the kernel settles at a time (whole person-years): its working memory
BUCKET_ROWS = 1 << 21  # claims a bucket holds, about: what the Python side holds at once (~0.5 GiB)
THREADS = min(2, os.cpu_count() or 1)  # as DuckDB's two threads (MEDAID_DUCKDB_THREADS)
ORDER = ["settle_date", "settlement_id"]


def settle_batch(
    claims: ir.Table, policy: Policy | Sequence[Policy], *, ordered: bool = True, batch_rows: int = BATCH_ROWS,
    bucket_rows: int = BUCKET_ROWS,
) -> ir.Table:  # fmt: skip
    """Claims with columns settlement_id, person_key, settle_date, visit_type, hospital_level,
    category, total, in_scope, referred (fen), and optionally basic_paid / critical_paid (a
    layer the insurance system settled, taken as given where not null) → the same with basic,
    critical, assistance, tilted, supplementary and out-of-pocket amounts, ordered by
    (settle_date, settlement_id) (on DuckDB below one bucket: stored in that order, which DuckDB
    keeps when it reads the table, so the expression has no ORDER BY of its own).

    ``ordered=False``: the same rows in no stated order (on DuckDB, as the kernel settled them:
    person by person). For a caller that joins or aggregates the result, which would otherwise
    pay a sort of every column it reads (DuckDB keeps an ORDER BY inside a subquery).

    Several policies (a parameter that changes mid-year): each claim uses the one in force on
    its date, while the year's cumulative amounts run on across the change.
    """
    policies = tuple(sorted([policy] if isinstance(policy, Policy) else list(policy), key=lambda p: p.valid_from))
    rules = compile_rules(policies)
    backend = claims._find_backend(use_default=True)
    if backend.name == "pyspark":
        from medaid.policy.kernel_spark import settle_on_spark

        result, in_order = settle_on_spark(backend, claims, rules), False
    else:
        result, in_order = _on_duckdb(backend, claims, rules, batch_rows, bucket_rows, ordered)
    _ORIGINS[result.op()] = Origin(claims, policies)
    return result.order_by(ORDER) if ordered and not in_order else result


KERNEL = "src/medaid/policy/kernel.py"  # the layer rules, written once
RULES = "src/medaid/policy/rules.py"  # the policies as the kernel's parameter arrays


@dataclass(frozen=True, eq=False)
class Origin:
    """What a settled table holds: the rows of ``claims``, each settled by the kernel under ``policies``."""

    claims: ir.Table
    policies: tuple[Policy, ...]  # by valid_from

    def query(self) -> str:
        """The claims query, compiled for the claims' own engine: it can be run again."""
        return str(ibis.to_sql(self.claims))

    def kernel(self) -> dict[str, object]:
        """The kernel and the policy files (each with its SHA-256), as a metric's inputs cite them."""
        return {
            "kernel": f"medaid {__version__} 政策引擎结算内核（{KERNEL}，参数数组 {RULES}）",
            "policies": [
                {"region": p.region, "valid_from": p.valid_from.isoformat(), "source": p.source, "file": p.file,
                 "sha256": p.digest} for p in self.policies
            ],
        }  # fmt: skip

    def describe(self, name: str) -> str:
        """How the table called ``name`` in a query came about, in SQL comments (Chinese: a user reads it)."""
        lines = [f"-- {name}：下列理赔查询（claims）所得的每一行，经 medaid {__version__} 政策引擎的结算内核",
                 f"-- （{KERNEL}，参数数组 {RULES}）按政策文件结算：同一人同一年的理赔按结算日期、结算编号依次累计，",
                 f"-- 得到 claims 的各列加 {'、'.join(LAYERS)}（单位：分）。政策文件："]  # fmt: skip
        lines += [f"--   {p.region} {p.valid_from.isoformat()} 起（{p.source}）：{p.file}，SHA-256 {p.digest}"
                  for p in self.policies]  # fmt: skip
        return "\n".join([*lines, "-- claims：", self.query().strip() + ";"])


# The settled tables of live results, by the table's operation (dropped with it).
_ORIGINS: weakref.WeakKeyDictionary[ops.Node, Origin] = weakref.WeakKeyDictionary()


def origin(table: ops.Node) -> Origin | None:
    """What a table a settled result reads holds (None: not a settled table)."""
    return _ORIGINS.get(table)


def _name(kind: str) -> str:
    return f"medaid_{kind}_{uuid.uuid4().hex}"


def _drop(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a temporary table or a registered Arrow table now (a closed connection took both with it)."""
    with contextlib.suppress(duckdb.Error):
        con.execute(f'DROP TABLE IF EXISTS "{name}"')
    with contextlib.suppress(duckdb.Error):
        con.unregister(name)


# Settled tables nothing refers to any more, dropped by the next batch on their connection. A finalizer only
# notes them: it may run in any thread, in the middle of another query on the same connection, where a
# statement of its own could close that query's pending result.
# The list is only read or changed under ``_UNUSED_LOCK``, as two requests of a server may settle at once;
# re-entrant, as a collection inside the lock can run a finalizer in the same thread.
_UNUSED: list[tuple[weakref.ref[duckdb.DuckDBPyConnection], str]] = []
_UNUSED_LOCK = threading.RLock()


def _note_unused(con: weakref.ref[duckdb.DuckDBPyConnection], name: str) -> None:
    with _UNUSED_LOCK:
        _UNUSED.append((con, name))


def _drop_unused(con: duckdb.DuckDBPyConnection) -> None:
    """Drop this connection's settled tables that nothing refers to; forget those of closed connections."""
    global _UNUSED
    with _UNUSED_LOCK:  # take the whole list (a name noted meanwhile lands in it or in the next one)
        noted, _UNUSED = _UNUSED, []
    keep = []
    for owner, name in noted:
        held = owner()
        if held is con:
            _drop(con, name)
        elif held is not None:
            keep.append((owner, name))
    if keep:
        with _UNUSED_LOCK:
            _UNUSED.extend(keep)


def _on_duckdb(backend: Any, claims: ir.Table, rules: Rules, batch_rows: int, bucket_rows: int, ordered: bool
               ) -> tuple[ir.Table, bool]:  # fmt: skip
    """The claims settled bucket by bucket into a temporary table of ``backend``'s connection (unordered);
    claims that fit one bucket stay the Arrow table they were settled in, registered with the connection,
    read in (settle_date, settlement_id) order when ``ordered`` (DuckDB reads a table in its stored order).
    Also whether the table is in that order."""
    con: duckdb.DuckDBPyConnection = backend.con
    _drop_unused(con)
    backend._run_pre_execute_hooks(claims)  # in-memory tables the query reads
    source = backend.compile(claims)
    scratch = None
    if not isinstance(claims.op(), ops.DatabaseTable | ops.InMemoryTable):  # a query: evaluated once
        scratch = _name("claims")
        con.execute(f'CREATE TEMP TABLE "{scratch}" AS {source}')
        source = f'SELECT * FROM "{scratch}"'
    try:
        counted = int(con.execute(f"SELECT count(*) FROM ({source})").fetchall()[0][0])
        buckets = max(1, -(-counted // max(1, bucket_rows)))
        name = _name("settled")
        if buckets == 1:  # held by Python anyway while it is settled: DuckDB reads the Arrow table in place
            con.register(name, _bucket(con, source, rules, batch_rows, (0, 1), by_date=ordered))
            return _referred(backend, con, name), ordered
        zero = ", ".join(f"0::BIGINT AS {layer}" for layer in LAYERS)
        con.execute(f'CREATE TEMP TABLE "{name}" AS SELECT *, {zero} FROM ({source}) LIMIT 0')
        view = _name("bucket")
        for bucket in range(buckets):
            settled = _bucket(con, source, rules, batch_rows, (bucket, buckets))
            con.register(view, settled)
            try:
                con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM "{view}"')
            finally:
                con.unregister(view)
            del settled
    finally:
        if scratch is not None:
            _drop(con, scratch)
    return _referred(backend, con, name), False


def _referred(backend: Any, con: duckdb.DuckDBPyConnection, name: str) -> ir.Table:
    """The settled table as an expression; the table is dropped once nothing refers to the expression."""
    result: ir.Table = backend.table(name)
    weakref.finalize(result.op(), _note_unused, weakref.ref(con), name)
    return result


def _bucket(con: duckdb.DuckDBPyConnection, source: str, rules: Rules, batch_rows: int, which: tuple[int, int],
            *, by_date: bool = False) -> pa.Table:  # fmt: skip
    """One bucket of whole persons, read sorted by person, date and settlement id, settled (``by_date``: read
    and left in date and settlement id order, the persons grouped in numpy)."""
    bucket, buckets = which
    chosen = f"WHERE hash(person_key) % {buckets} = {bucket}" if buckets > 1 else ""
    key, settle = (ORDER, settle_in_date_order) if by_date else (SORT_KEY, settle_sorted)
    table = con.sql(f"SELECT * FROM ({source}) {chosen} ORDER BY {', '.join(key)}").to_arrow_table()
    return settle(table, rules, batch_rows, THREADS)
