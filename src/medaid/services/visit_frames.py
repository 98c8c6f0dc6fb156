"""Who a follow-up visit plan may draw from (抽样框): read from the workspace's data or from the cases.

- ``recipients``: people on the recipient lists with a validity covering the as-of day (救助对象名册 as imported,
  contract 3), by 认定部门 and 救助类别 of those validities, and by 区划 (the person's latest listed 区划 starts
  with the area); people who died on or before that day are left out.
- ``paid_cases``: applicants of 依申请救助 cases paid on or before the as-of day (paid or archived), one per
  person (their latest case), by the case's 认定部门, category and 区划.

People come as the stores keep them — keyed hash, ciphertexts and masked forms — and are never decrypted here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from medaid.cases.visits import Candidate, Frame

if TYPE_CHECKING:
    from medaid.services.cases import Desk
    from medaid.store.visits import VisitPlan

_RECIPIENTS = """
WITH valid AS (
    SELECT person_key, category, department, region, import_id FROM recipients
    WHERE valid_from <= $as_of AND (valid_to IS NULL OR valid_to >= $as_of)
      AND ($category IS NULL OR category = $category) AND ($department IS NULL OR department = $department)
), people AS (
    SELECT person_key, list_sort(list_distinct(list(category))) AS categories,
           list_sort(list_distinct(list(department))) AS departments, arg_max(region, import_id) AS region
    FROM valid GROUP BY person_key
)
SELECT p.person_key, s.id_cipher, s.name_cipher, s.id_masked, s.name_masked, p.categories, p.departments, p.region
FROM people p JOIN persons s USING (person_key)
WHERE starts_with(coalesce(p.region, ''), $area)
  AND p.person_key NOT IN (SELECT person_key FROM deaths WHERE death_date <= $as_of)
ORDER BY p.person_key
"""


def candidates(d: Desk, frame: Frame) -> list[Candidate]:
    """The frame's people (see the module's docstring), in no particular order (the draw orders them)."""
    if frame.population == "paid_cases":
        return _paid_cases(d, frame)
    from medaid.workspace import Workspace

    params = {"as_of": frame.as_of, "category": frame.category, "department": frame.department,
              "area": frame.area or ""}  # fmt: skip
    with Workspace.open(d.root).connect(read_only=True) as con:
        rows = con.execute(_RECIPIENTS, params).fetchall()
    return [Candidate(str(r[0]), bytes(r[1]), None if r[2] is None else bytes(r[2]), str(r[3]),
                      None if r[4] is None else str(r[4]), tuple(r[5]), tuple(r[6]),
                      None if r[7] is None else str(r[7])) for r in rows]  # fmt: skip


def _paid_cases(d: Desk, frame: Frame) -> list[Candidate]:
    from sqlalchemy import select

    from medaid.store.cases import Case

    query = select(Case).where(Case.workspace == d.workspace, Case.state.in_(("paid", "archived")),
                               Case.paid_on <= frame.as_of).order_by(Case.id)  # fmt: skip
    latest: dict[str, Case] = {}
    for case in d.session.scalars(query):
        if frame.category and case.category != frame.category:
            continue
        if frame.department and case.department != frame.department:
            continue
        if frame.area and not (case.area or "").startswith(frame.area):
            continue
        latest[case.person_key] = case  # ordered by id: the latest case wins
    return [Candidate(c.person_key, c.id_cipher, c.name_cipher, c.id_masked, c.name_masked, (c.category,),
                      (c.department,) if c.department else (), c.area, c.id) for c in latest.values()]  # fmt: skip


def stored_frame(plan: VisitPlan) -> Frame:
    """The frame a plan was drawn from, as it recorded it."""
    f = json.loads(plan.frame)
    return Frame(str(f["population"]), dt.date.fromisoformat(str(f["as_of"])), f.get("department"),
                 f.get("category"), f.get("area"))  # fmt: skip
