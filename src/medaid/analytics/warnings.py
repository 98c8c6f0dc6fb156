"""High-cost warnings (高额费用预警): who paid too much out of pocket this year.

For each person, from 1 January of the as-of date's year up to the as-of date, the in-scope
self-pay left after every layer (basic insurance, critical illness insurance, the
employees' large-amount subsidy, medical assistance and tilted assistance) is summed in
fen; refunds (冲红, negative rows) reduce it. The person's group is their registry category
on the as-of date (the latest registry snapshot), or 一般人群 when they are no recipient.
A warning is raised when the sum exceeds the group's threshold (``Settings.warning_groups``,
else ``Settings.warning_threshold``): Hefei screens "自付医疗费用超过1万人员". When the region's
policy file in force has a ``warning`` key, its rule applies instead (analytics.warning_rule): its
thresholds, its look-back (the calendar year, twelve months, or the largest single inpatient stay)
and its exclusions (groups, people already assisted).

Each warning goes to the departments that can act on it: a recipient's own identifying
departments from the registry; for 一般人群, 乡村振兴 (防止返贫监测对象) and 民政
(低保边缘家庭成员, 因病致贫重病患者).

The computation is one Ibis expression, so it runs on DuckDB here and on PySpark at scale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir

from medaid.analytics import warning_rule
from medaid.analytics.registry import latest_snapshot
from medaid.money import to_fen, yuan_text
from medaid.store import engine
from medaid.vocab import GENERAL_GROUP
from medaid.workspace import Settings, Workspace

GENERAL = GENERAL_GROUP
SEPARATOR = "、"  # how the registry joins departments
GENERAL_DEPARTMENTS: tuple[str, ...] = ("乡村振兴", "民政")
LAYERS = "基本医保、大病保险、职工大额补助、医疗救助、倾斜救助"


def year_start(as_of: dt.date) -> dt.date:
    return dt.date(as_of.year, 1, 1)


def thresholds_table(settings: Settings | Mapping[str, int]) -> ir.Table:
    """The per-group thresholds as a table (fen): the settings' groups, or a mapping group → fen;
    groups not listed use the default."""
    fen = settings if isinstance(settings, Mapping) else {g: to_fen(v) for g, v in settings.warning_groups.items()}
    groups = sorted(fen.items())
    return ibis.memtable(
        {"t_group": [g for g, _ in groups], "t_threshold": [v for _, v in groups]},
        schema={"t_group": "string", "t_threshold": "int64"},
    )


def high_cost(
    settlements: ir.Table,
    registry: ir.Table,
    persons: ir.Table | None,
    thresholds: ir.Table,
    as_of: dt.date,
    default_threshold: int,
    *,
    start: dt.date | None = None,
    per_stay: bool = False,
    exclude: tuple[str, ...] = (),
    exclude_assisted: bool = False,
) -> ir.Table:
    """One row per person over their group's threshold on ``as_of``; the expression, not its result.

    ``registry`` is one registry snapshot (person_key, category, departments, valid_from,
    valid_to); ``persons`` the masks (None: null masks); ``default_threshold`` is in fen.
    Columns: person_key, id_masked, name_masked, group, departments ('、'-joined), amount, threshold
    (fen), settlements, first_date, last_date. ``start``: the first day counted (default 1 January);
    ``per_stay``: the amount is the largest single inpatient settlement, not the sum; ``exclude``: groups
    never warned; ``exclude_assisted``: nobody who received 医疗救助 in the window is warned.
    """
    s = settlements.filter(settlements.settle_date.between(start or year_start(as_of), as_of))
    if per_stay:
        s = s.filter(s.visit_type == "住院")
    self_pay = (
        s.in_scope
        - s.basic_paid
        - s.critical_paid
        - s.large_paid.fill_null(0)
        - s.assistance_paid
        - s.tilted_paid.fill_null(0)
    )
    totals = (
        s.mutate(self_pay=self_pay)
        .group_by("person_key")
        .aggregate(
            amount=ibis._.self_pay.max() if per_stay else ibis._.self_pay.sum(),
            assisted=ibis._.assistance_paid.sum(),
            settlements=ibis._.count(),
            first_date=ibis._.settle_date.min(),
            last_date=ibis._.settle_date.max(),
        )
    )
    on_date = registry.filter(
        (registry.valid_from <= as_of) & (registry.valid_to.isnull() | (registry.valid_to >= as_of))
    )
    reg = on_date.select(r_person=on_date.person_key, category=on_date.category, r_departments=on_date.departments)
    j = totals.left_join(reg, totals.person_key == reg.r_person)
    j = j.mutate(
        group=j.category.fill_null(GENERAL),
        departments=j.r_departments.fill_null(SEPARATOR.join(GENERAL_DEPARTMENTS)),
    )
    j = j.left_join(thresholds, j.group == thresholds.t_group)
    j = j.mutate(threshold=j.t_threshold.fill_null(default_threshold))
    j = j.filter(j.amount > j.threshold)
    if exclude:
        j = j.filter(~j.group.isin(list(exclude)))
    if exclude_assisted:
        j = j.filter(j.assisted <= 0)
    if persons is None:  # the masks are looked up afterwards (compute): the engine sees no person but a key
        j = j.mutate(id_masked=ibis.null("string"), name_masked=ibis.null("string"))
    else:
        p = persons.select(p_person=persons.person_key, id_masked=persons.id_masked, name_masked=persons.name_masked)
        j = j.left_join(p, j.person_key == p.p_person)
    return j.select(
        "person_key", "id_masked", "name_masked", "group", "departments", "amount", "threshold", "settlements",
        "first_date", "last_date",
    ).order_by([ibis.desc("amount"), "person_key"])  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    """A person over the threshold on the as-of date, identities masked."""

    person_key: str
    id_masked: str
    name_masked: str | None
    group: str
    departments: tuple[str, ...]
    amount_fen: int
    threshold_fen: int
    settlements: int
    as_of: dt.date
    reason: str


def reason(row: Mapping[str, Any], as_of: dt.date, rule: warning_rule.Effective | None = None) -> str:
    """Why a person is warned, in words, with the amount, the threshold and the group (and the
    policy document when the rule is the policy file's)."""
    amount, threshold = int(row["amount"]), int(row["threshold"])
    start = rule.start(as_of) if rule is not None else year_start(as_of)
    what = "单次住院" if rule is not None and rule.look_back == "stay" else "累计"
    text = (
        f"{start}至{as_of}共{int(row['settlements'])}笔结算，经{LAYERS}后政策范围内个人自付{what}"
        f"{yuan_text(amount)}，超过{row['group']}预警线{yuan_text(threshold)}（超出{yuan_text(amount - threshold)}）"
    )
    return text + (f"（依据：{rule.source}）" if rule is not None and rule.source else "")


def departments_of(joined: str | None) -> tuple[str, ...]:
    parts = tuple(d.strip() for d in (joined or "").split(SEPARATOR) if d.strip())
    return parts or GENERAL_DEPARTMENTS


def compute(
    con: duckdb.DuckDBPyConnection, settings: Settings, as_of: dt.date, *, scratch: Path | None = None
) -> list[Candidate]:
    """Everyone over their threshold on ``as_of``: the expression on the engine the settings choose
    (``engine.analytics``; ``scratch``: the workspace's private scratch directory), then the masked
    identities of those found, from the store (the engine sees people only as person_key)."""
    snapshot = latest_snapshot(con)
    rule = warning_rule.effective(settings, as_of)
    start = rule.start(as_of)
    tables = {
        "settlements": f"SELECT * FROM settlements WHERE settle_date BETWEEN DATE '{start.isoformat()}' "
        f"AND DATE '{as_of.isoformat()}'",
        "registry_snapshots": f"SELECT * FROM registry_snapshots WHERE import_id = {snapshot or -1}",
    }
    with engine.analytics(con, settings, scratch=scratch, tables=tables) as backend:
        registry = backend.table("registry_snapshots")
        registry = registry.filter(registry.import_id == (snapshot if snapshot is not None else -1))
        expr = high_cost(backend.table("settlements"), registry, None, thresholds_table(rule.groups_fen), as_of,
                         rule.threshold_fen, start=start, per_stay=rule.look_back == "stay", exclude=rule.exclude,
                         exclude_assisted=rule.exclude_assisted)  # fmt: skip
        rows = expr.to_pyarrow().to_pylist()
    masks = _masks(con, [str(r["person_key"]) for r in rows])
    return [
        Candidate(
            person_key=str(r["person_key"]),
            id_masked=masks.get(str(r["person_key"]), ("", None))[0],
            name_masked=masks.get(str(r["person_key"]), ("", None))[1],
            group=str(r["group"]),
            departments=departments_of(r["departments"]),
            amount_fen=int(r["amount"]),
            threshold_fen=int(r["threshold"]),
            settlements=int(r["settlements"]),
            as_of=as_of,
            reason=reason(r, as_of, rule if rule.source else None),
        )
        for r in rows
    ]


def _masks(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, tuple[str, str | None]]:
    """person_key → (masked 身份证号, masked name) of the people named."""
    if not keys:
        return {}
    rows = con.execute(
        "SELECT p.person_key, p.id_masked, p.name_masked FROM persons p "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS k) wanted ON wanted.k = p.person_key",
        [keys],
    ).fetchall()
    return {str(k): (str(i or ""), n) for k, i, n in rows}


def areas(workspace: Workspace, person_keys: list[str]) -> dict[str, str | None]:
    """Each person's 区划: in the recipient lists (the latest import that gives one), else that of the
    institution of their latest settlement; None when neither is known."""
    if not person_keys:
        return {}
    with workspace.connect(read_only=True) as con:
        rows = con.execute(
            """
            WITH keys AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS person_key),
            listed AS (SELECT person_key, arg_max(region, import_id) AS region FROM recipients
                       WHERE coalesce(region, '') <> '' AND person_key IN (SELECT person_key FROM keys)
                       GROUP BY person_key),
            treated AS (SELECT s.person_key, arg_max(i.region, strftime(s.settle_date, '%Y-%m-%d') || s.settlement_id)
                        AS region FROM settlements s JOIN institutions i USING (institution_code)
                        WHERE coalesce(i.region, '') <> '' AND s.person_key IN (SELECT person_key FROM keys)
                        GROUP BY s.person_key)
            SELECT k.person_key, coalesce(l.region, t.region) FROM keys k
            LEFT JOIN listed l USING (person_key) LEFT JOIN treated t USING (person_key)
            """,
            [person_keys],
        ).fetchall()
    return {str(k): (str(a) if a else None) for k, a in rows}
