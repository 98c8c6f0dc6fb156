"""Many scalar Ibis expressions evaluated together: one query per shared table, not one per expression.

The metrics are written one by one (``metric_defs``), each a scalar over the year's tables, so
that each keeps its own query as provenance. Evaluated one by one, the 27 metrics would scan the
year's settlements, joined with the registry, some twenty times. Here the expressions are
regrouped before they run:

- a reduction over filters of a relation that another reduction also reads becomes a reduction
  of that relation with the filters as its ``where`` (``count(*) FILTER (WHERE …)``), so that all
  the reductions of one relation run as a single aggregate (one scan, several results);
- values of a one-row table (a column of an aggregate such as the fund's totals) run as a single
  ``select`` of that table;
- an expression that fits neither (it reads several tables) runs on its own, as before; an
  integer literal (the planned funds of the settings) needs no query.

A filter is never pushed into a table as stored (its scan may prune by the filter), nor when its
predicate holds a subquery, a window or an impure function. The rewrite is plain Ibis, so the
grouped queries run on every backend the expressions run on (DuckDB, PySpark). The results are
those of running each expression alone: ``FILTER (WHERE p)`` on an aggregate counts exactly the
rows ``WHERE p`` would keep (tests/test_metric_scans.py checks every metric against its expressions
run alone).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ibis.expr.operations as ops
import ibis.expr.types as ir

UNSAFE = (ops.Reduction, ops.WindowFunction, ops.Analytic, ops.ScalarSubquery, ops.InSubquery,
          ops.ExistsSubquery, ops.Impure)  # fmt: skip


@dataclass
class Query:
    """One query of the plan: ``select`` or aggregate ``relation``, or one expression alone."""

    relation: ops.Relation | None  # None: ``alone`` runs by itself
    aggregate: bool = True  # False: a select of a one-row table
    columns: dict[ops.Value, str] = field(default_factory=dict)  # value → its column in the result
    alone: ir.Value | None = None

    def table(self) -> ir.Table:
        assert self.relation is not None, "Query.table: a grouped query"
        values = {name: op.to_expr() for op, name in self.columns.items()}
        rel = self.relation.to_expr()
        return rel.aggregate(**values) if self.aggregate else rel.select(**values)


@dataclass
class Plan:
    queries: list[Query]
    slots: list[tuple[int, ops.Value | None]]  # per expression: its query and the value it reads there

    def run(self, each: Callable[[int], None] = lambda _index: None) -> list[Any]:
        """The Python value of every expression, in order; ``each(i)`` after query i has run."""
        results: list[dict[ops.Value | None, Any]] = []
        for index, query in enumerate(self.queries):
            if query.relation is None:
                assert query.alone is not None, "Plan.run: an expression run alone"
                results.append({None: _alone(query.alone)})
            else:
                row = query.table().to_pyarrow()
                results.append({op: row.column(name)[0].as_py() for op, name in query.columns.items()})
            each(index)
        return [results[q][op] for q, op in self.slots]


def _alone(expr: ir.Value) -> Any:
    op = expr.op()
    if isinstance(op, ops.Literal) and (op.value is None or op.dtype.is_integer()):
        return op.value  # a number the settings give (e.g. the planned funds): no query
    return _python(expr.to_pyarrow())


def _python(arrow: Any) -> Any:
    """A scalar's value, or the first value of a column, as ``expr.to_pyarrow()`` gives them."""
    return arrow[0].as_py() if hasattr(arrow, "__len__") and not hasattr(arrow, "as_py") else arrow.as_py()


def _pushable(filtered: ops.Filter) -> bool:
    """Whether a filter's predicates may move into the ``where`` of a reduction over its parent."""
    parent = filtered.parent
    if isinstance(parent, ops.PhysicalTable) or not any(isinstance(c, ops.Relation) for c in parent.__children__):
        return False  # a table as stored: keep the filter where its scan can use it
    return not any(p.find(UNSAFE, filter=ops.Value) for p in filtered.predicates)


def _chain(relation: ops.Relation) -> list[ops.Relation]:
    """The relation, then each relation under the filters that may be pushed down from it."""
    chain = [relation]
    while isinstance(relation, ops.Filter) and _pushable(relation):
        relation = relation.parent
        chain.append(relation)
    return chain


def _reductions(value: ops.Value) -> list[ops.Reduction]:
    """The reductions of a scalar expression that are not inside a table of it."""
    found: list[ops.Reduction] = value.find(ops.Reduction, filter=ops.Value)
    return found


def _home(reduction: ops.Reduction) -> ops.Relation | None:
    rels = reduction.relations
    return next(iter(rels)) if len(rels) == 1 and "where" in type(reduction).__argnames__ else None


def _onto(reduction: ops.Reduction, chain: list[ops.Relation], depth: int) -> ops.Value:
    """``reduction`` over ``chain[depth]``, the filters above it moved into its ``where``."""
    if depth == 0:
        return reduction
    target = chain[depth]
    moved = {rel: target for rel in chain[:depth]}
    predicates = [p.replace(moved) for rel in chain[:depth] if isinstance(rel, ops.Filter) for p in rel.predicates]
    rebased: ops.Reduction = reduction.replace(moved)
    if rebased.where is not None:
        predicates.append(rebased.where)
    where = functools.reduce(ops.And, predicates)
    if isinstance(rebased, ops.CountDistinct):  # the same count (nulls are not counted), and DuckDB
        # counts the distinct values of one column instead of grouping every row by (value, filter)
        nothing = ops.Literal(None, rebased.arg.dtype.copy(nullable=True))
        return rebased.copy(arg=ops.IfElse(where, rebased.arg, nothing), where=None)
    if isinstance(rebased, ops.CountStar):  # Ibis writes it SUM(CAST(p AS BIGINT)) on PySpark: null, not 0,
        # when p holds on no row
        return ops.Coalesce((rebased.copy(where=where), ops.Literal(0, rebased.dtype)))
    return rebased.copy(where=where)


def plan(exprs: Sequence[ir.Value]) -> Plan:
    """Group ``exprs`` into as few queries as their tables allow."""
    values = [e.op() for e in exprs]
    chains: dict[ops.Reduction, list[ops.Relation]] = {}
    for value in values:
        if value.shape.is_scalar():
            for reduction in _reductions(value):
                home = _home(reduction)
                if home is not None:
                    chains[reduction] = _chain(home)
    shared = Counter(rel for chain in chains.values() for rel in chain)
    queries: list[Query] = []
    grouped: dict[tuple[bool, ops.Relation], int] = {}
    slots: list[tuple[int, ops.Value | None]] = []
    for expr, value in zip(exprs, values, strict=True):
        key, folded = _fold(value, chains, shared)
        if key is None:
            queries.append(Query(None, alone=expr))
            slots.append((len(queries) - 1, None))
            continue
        if key not in grouped:
            grouped[key] = len(queries)
            queries.append(Query(key[1], aggregate=key[0]))
        query = queries[grouped[key]]
        query.columns.setdefault(folded, f"v{len(query.columns)}")
        slots.append((grouped[key], folded))
    return Plan(queries, slots)


def _fold(
    value: ops.Value, chains: dict[ops.Reduction, list[ops.Relation]], shared: Counter[ops.Relation]
) -> tuple[tuple[bool, ops.Relation] | None, ops.Value]:
    """The query an expression joins — (aggregate?, relation) — and the expression as it is computed there."""
    if not value.shape.is_scalar():
        rels = value.relations
        return ((False, next(iter(rels))) if len(rels) == 1 else None), value
    reductions = _reductions(value)
    if not reductions or any(r not in chains for r in reductions):
        return None, value
    moved: dict[ops.Node, ops.Node] = {}
    targets = set()
    for reduction in reductions:
        chain = chains[reduction]
        depth = max(i for i, rel in enumerate(chain) if i == 0 or shared[rel] > 1)
        moved[reduction] = _onto(reduction, chain, depth)
        targets.add(chain[depth])
    if len(targets) != 1:
        return None, value
    folded: ops.Value = value.replace(moved, filter=ops.Value)
    return (True, targets.pop()), folded
