"""The merged recipient registry (救助对象名册) as the 救助对象 page and ``GET /api/registry`` show it.

From the latest registry snapshot (``analytics.registry``: one category per person at a time,
就高不重复, ended at death): each person's standing on the as-of date — the interval covering it,
else their latest — with 身份证号 and name masked; people by category and by 认定部门; the flow of
each month of the year (新增: the person's first validity starts; 退出: their last validity ends;
类别变更: a validity starts in another category than the one before); and, person by person, what
the last list import changed (``services.registry``). An account with an area sees only people
whose 区划 (the 区划 column of the recipient lists, latest import) starts with it; people whose
lists give no 区划 are outside every area.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medaid.services.follow_ups import EVERYTHING, Scope

STATUSES: dict[str, str] = {"current": "在册", "ended": "已退出", "pending": "未生效"}
SHOWN_CHANGES = 100  # people listed under "changed by the last import" (the counts cover all of them)


@dataclass(frozen=True)
class Person:
    id_masked: str
    name_masked: str | None
    category: str
    departments: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date | None
    since: dt.date  # the first day of the person's first validity
    status: str

    def to_dict(self) -> dict[str, object]:
        return {"id_masked": self.id_masked, "name_masked": self.name_masked, "category": self.category,
                "departments": list(self.departments), "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat() if self.valid_to else None, "since": self.since.isoformat(),
                "status": self.status, "status_label": STATUSES[self.status]}  # fmt: skip


@dataclass(frozen=True)
class MonthFlow:
    month: str  # 2023-07
    joined: int
    left: int
    changed: int


@dataclass
class LastChanges:
    """What the last list import changed, person by person (``before`` None: only one snapshot so far)."""

    before: int | None
    after: int | None
    counts: dict[str, int] = field(default_factory=dict)  # 新增 / 类别变更 / 退出
    shown: list[dict[str, object]] = field(default_factory=list)
    hidden_for_area: bool = False  # an area account: the person-by-person list does not know 区划


@dataclass
class RegistryView:
    snapshot: int | None
    as_of: dt.date
    year: int
    scope: str
    totals: dict[str, int] = field(default_factory=dict)  # status → people
    by_category: dict[str, int] = field(default_factory=dict)  # 在册, by category
    by_department: dict[str, int] = field(default_factory=dict)  # 在册, by 认定部门 (a person may count twice)
    months: list[MonthFlow] = field(default_factory=list)
    changes: LastChanges = field(default_factory=lambda: LastChanges(None, None))
    count: int = 0  # people matching the filters (``people`` holds at most ``limit`` of them)
    people: list[Person] = field(default_factory=list)
    filters: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"snapshot": self.snapshot, "as_of": self.as_of.isoformat(), "year": self.year, "scope": self.scope,
                "totals": self.totals, "by_category": self.by_category, "by_department": self.by_department,
                "months": [m.__dict__ for m in self.months], "changes": self.changes.__dict__, "count": self.count,
                "people": [p.to_dict() for p in self.people], "filters": self.filters}  # fmt: skip


# The people of snapshot $snap within the area $area, one row each: the validity covering $as_of, else the latest.
_PEOPLE = """
WITH snap AS (SELECT * FROM registry_snapshots WHERE import_id = $snap),
areas AS (SELECT person_key, arg_max(region, import_id) AS region FROM recipients
          WHERE coalesce(region, '') <> '' GROUP BY person_key),
spans AS (
    SELECT s.*, p.id_masked, p.name_masked,
           min(s.valid_from) OVER w AS since,
           lag(s.category) OVER (PARTITION BY s.person_key ORDER BY s.valid_from) AS category_before,
           row_number() OVER (PARTITION BY s.person_key ORDER BY s.valid_from DESC) AS from_last,
           row_number() OVER (PARTITION BY s.person_key ORDER BY
               (s.valid_from <= $as_of AND coalesce(s.valid_to, DATE '9999-12-31') >= $as_of) DESC,
               s.valid_from DESC) AS pick
    FROM snap s JOIN persons p USING (person_key) LEFT JOIN areas a USING (person_key)
    WHERE starts_with(coalesce(a.region, ''), $area)
    WINDOW w AS (PARTITION BY s.person_key)
),
people AS (
    SELECT *, CASE WHEN valid_from > $as_of THEN 'pending'
                   WHEN valid_to IS NOT NULL AND valid_to < $as_of THEN 'ended' ELSE 'current' END AS status
    FROM spans WHERE pick = 1
)
"""


def _as_of(year: int) -> dt.date:
    return min(dt.date.today(), dt.date(year, 12, 31))


def _filters(category: str | None, department: str | None, status: str | None,
             query: str | None) -> tuple[str, dict[str, Any]]:  # fmt: skip
    from medaid.ingest.idnumber import mask, normalize

    clauses: list[str] = ["TRUE"]
    params: dict[str, Any] = {}
    if category:
        clauses.append("category = $category")
        params["category"] = category
    if department:
        clauses.append("list_contains(string_split(departments, '、'), $department)")
        params["department"] = Scope(department).department_name
    if status:
        clauses.append("status = $status")
        params["status"] = status
    text = (query or "").strip()
    if text:
        number = normalize(text)
        if len(number) == 18 and "*" not in text:  # a whole 身份证号 is masked first: never searched in clear
            clauses.append("id_masked = $masked")
            params["masked"] = mask(number)
        else:
            clauses.append("(contains(id_masked, $text) OR contains(coalesce(name_masked, ''), $text))")
            params["text"] = text
    return " AND ".join(clauses), params


def _shown(query: str | None) -> str | None:
    """The query as the answer repeats it: a whole 身份证号 by its mask (never echoed in clear)."""
    from medaid.ingest.idnumber import mask, normalize

    text = (query or "").strip()
    return mask(text) if len(normalize(text)) == 18 and "*" not in text else (text or None)


def _months(con: Any, base: dict[str, Any], year: int) -> list[MonthFlow]:
    rows = con.execute(
        f"""{_PEOPLE}
        SELECT month, sum(joined), sum(left_), sum(changed) FROM (
            SELECT strftime(valid_from, '%Y-%m') AS month, 1 AS joined, 0 AS left_, 0 AS changed
              FROM spans WHERE valid_from = since
            UNION ALL SELECT strftime(valid_to, '%Y-%m'), 0, 1, 0 FROM spans
              WHERE from_last = 1 AND valid_to IS NOT NULL
            UNION ALL SELECT strftime(valid_from, '%Y-%m'), 0, 0, 1 FROM spans
              WHERE category_before IS NOT NULL AND category_before <> category
        ) WHERE month LIKE $year GROUP BY month""",
        base | {"year": f"{year}-%"},
    ).fetchall()  # fmt: skip
    found = {str(m): (int(j), int(e), int(c)) for m, j, e, c in rows}
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    return [MonthFlow(m, *found.get(m, (0, 0, 0))) for m in months]


def _last_changes(root: Path, scope: Scope) -> LastChanges:
    from medaid.services.registry import registry_changes

    if scope.area_code is not None:
        return LastChanges(None, None, hidden_for_area=True)
    found = registry_changes(root)
    counts: dict[str, int] = {}
    for change in found.changes:
        counts[change.change] = counts.get(change.change, 0) + 1
    return LastChanges(found.before, found.after, counts, found.to_dict()[:SHOWN_CHANGES])


def registry_view(
    root: Path,
    *,
    category: str | None = None,
    department: str | None = None,
    status: str | None = None,
    query: str | None = None,
    scope: Scope = EVERYTHING,
    limit: int = 50,
    offset: int = 0,
) -> RegistryView:
    """The registry within ``scope``'s area, and the people matching the filters (``query``: part of a masked
    身份证号 or name, or a whole 身份证号, masked before it is compared), ``limit`` of them from ``offset``."""
    from medaid.analytics.registry import latest_snapshot
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    year = workspace.settings.year or dt.date.today().year
    as_of = _as_of(year)
    filters = {"category": category, "department": department, "status": status, "query": _shown(query)}
    view = RegistryView(None, as_of, year, scope.describe(), filters={k: v for k, v in filters.items() if v})
    with workspace.connect(read_only=True) as con:
        snapshot = latest_snapshot(con)
        if snapshot is None:
            return view
        view.snapshot = snapshot
        base: dict[str, Any] = {"snap": snapshot, "area": scope.area_code or "", "as_of": as_of}
        totals = con.execute(f"{_PEOPLE} SELECT status, count(*) FROM people GROUP BY status", base).fetchall()
        view.totals = {s: 0 for s in STATUSES} | {str(s): int(n) for s, n in totals}
        view.by_category = _counts(con, f"{_PEOPLE} SELECT category, count(*) FROM people WHERE status = 'current' "
                                   "GROUP BY 1 ORDER BY 2 DESC, 1", base)  # fmt: skip
        view.by_department = _counts(con, f"{_PEOPLE} SELECT d, count(*) FROM people, "
                                     "unnest(string_split(departments, '、')) AS t(d) WHERE status = 'current' "
                                     "GROUP BY 1 ORDER BY 2 DESC, 1", base)  # fmt: skip
        view.months = _months(con, base, year)
        where, params = _filters(category, department, status, query)
        view.count = int(
            con.execute(f"{_PEOPLE} SELECT count(*) FROM people WHERE {where}", base | params).fetchall()[0][0]
        )
        rows = con.execute(
            f"""{_PEOPLE} SELECT id_masked, name_masked, category, departments, valid_from, valid_to, since, status
            FROM people WHERE {where} ORDER BY valid_from DESC, id_masked LIMIT $limit OFFSET $offset""",
            base | params | {"limit": max(limit, 0), "offset": max(offset, 0)},
        ).fetchall()  # fmt: skip
    view.people = [Person(str(i), n, str(c), tuple(x for x in str(d or "").split("、") if x), f, t, s, str(st))
                   for i, n, c, d, f, t, s, st in rows]  # fmt: skip
    view.changes = _last_changes(root, scope)
    return view


def _counts(con: Any, sql: str, params: dict[str, Any]) -> dict[str, int]:
    return {str(k): int(n) for k, n in con.execute(sql, params).fetchall()}
