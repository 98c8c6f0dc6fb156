"""The generator pays every layer with the policy engine's batch (``policy.batch``), so the
demo county is paid exactly as medaid recomputes it: the only differences verification
finds are the findings the generator injects on purpose.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pyarrow as pa

from medaid.demo.distributions import Claims
from medaid.demo.parameters import LEVELS, VISITS, Arr
from medaid.policy.batch import settle_batch
from medaid.policy.model import Policy
from medaid.store import engine
from medaid.vocab import CATEGORIES

LAYERS = ("basic", "critical", "assistance", "tilted")


def _claims_table(c: Claims, rows: Arr, year: int) -> pa.Table:
    """The claims at ``rows`` in the engine's columns; ``row`` carries each one's index back."""
    day = c.day[rows].astype("timedelta64[D]") + np.datetime64(f"{year}-01-01")
    category = c.category[rows]
    counted = c.eligible[rows] & (category >= 0)  # only claims made while a recipient have a category
    return pa.table({
        "row": pa.array(rows.astype(np.int64)),
        "settlement_id": pa.array(c.tie[rows].astype(np.int64)),  # unique; the order of 结算编号 within a day
        "person_key": pa.array(c.person[rows].astype(np.int64)),
        "settle_date": pa.array(day.astype("datetime64[D]"), pa.date32()),
        "visit_type": pa.array(VISITS).take(pa.array(c.visit[rows].astype(np.int64))),
        "hospital_level": pa.array(LEVELS).take(pa.array(c.level[rows].astype(np.int64))),
        "category": pa.array(CATEGORIES).take(pa.array(np.maximum(category, 0).astype(np.int64), mask=~counted)),
        "total": pa.array(c.total[rows]), "in_scope": pa.array(c.in_scope[rows]),
        "referred": pa.array(c.referred[rows] != 0),
    })  # fmt: skip


def _run(table: pa.Table, policy: Policy) -> pa.Table:
    con = engine.connect(threads=2)
    try:
        con.register("claims_arrow", table)
        backend = engine.backend(con)
        return settle_batch(backend.table("claims_arrow"), policy, ordered=False).select("row", *LAYERS).to_pyarrow()
    finally:
        con.close()


def settle(c: Claims, policy: Policy, year: int) -> Arr:
    """Fill the four layers of every claim in place; returns each one's in-scope own pay after
    基本医保 and 大病保险 (what a wrongly paid 医疗救助 is reckoned on)."""
    result = _run(_claims_table(c, np.arange(len(c.person)), year), policy)
    row = result.column("row").to_numpy()
    for name in LAYERS:
        values = np.zeros(len(c.person), np.int64)
        values[row] = result.column(name).to_numpy()
        setattr(c, name, values)
    own: Arr = c.in_scope - c.basic - c.critical
    return own


def assistance_without_limit(c: Claims, policy: Policy, year: int, people: Arr) -> Arr:
    """医疗救助 the policy would give the claims of ``people`` if its annual limits were lifted
    (what a payment beyond the limit looks like); 0 for everyone else."""
    unlimited = {k: dataclasses.replace(v, annual_limit=None) for k, v in policy.assistance.items()}
    rows = np.flatnonzero(np.isin(c.person, people))
    out = np.zeros(len(c.person), np.int64)
    if len(rows):
        result = _run(_claims_table(c, rows, year), dataclasses.replace(policy, assistance=unlimited))
        out[result.column("row").to_numpy()] = result.column("assistance").to_numpy()
    return out
