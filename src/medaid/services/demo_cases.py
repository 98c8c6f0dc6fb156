"""The demo county's year of 依申请救助, run through the services a county uses (``services.demo`` calls these).

The high-cost warnings are pushed on each push day of the year (the policy's cadence; none: each month's last
day), as a county pushes them, so a warning is known when it is made and a case can come from it. The 台账 of
the year's applications is generated (``medaid.demo.cases``) into the data folder and imported as a county's
clerk imports a 历史案件台账 (``services.case_import``); the departments (民政 first) record what they found
on the warnings (已认定 when a case from the warning was approved, 未认定 when refused, and 未认定 for a few
others they checked); then the year's 回访: every paid case, and a sample of the 特困人员 drawn with the survey's size.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medaid.cases.visits import Outcome
    from medaid.demo.cases import Applicant, Warned
    from medaid.services.demo import PipelineResult

DEMO_CLERK = "演示经办"  # the county's 医保经办, who imports the 台账 and records the visits
DEMO_DEPARTMENT = "演示部门经办"  # the department's clerk who follows a warning up (民政 when it is among them)
VISITOR = "乡镇医保专干（演示）"
OTHERS_CHECKED = 6  # warnings without a case the departments checked and recorded as 未认定
NEEDS = ("医疗费用负担重", "慢特病证待办理", "政策咨询", "护理照料")
APPROVED = frozenset({"approved", "publicised", "paid", "archived"})


@dataclass
class CaseYear:
    """What the demo's year of cases did."""

    ledger: Path | None = None
    imported: int = 0
    rejected: int = 0
    from_warnings: int = 0
    followed: int = 0  # warnings the department recorded as 已认定 or 未认定
    visits_planned: int = 0
    visits_done: int = 0


def push_days(root: Path, year: int) -> list[dt.date]:
    """The days a county pushes warnings in ``year``: its policy's cadence, or each month's last day."""
    from medaid.analytics.warning_rule import effective, next_push
    from medaid.analytics.warning_rule import push_days as cadence_days
    from medaid.workspace import Workspace

    settings = Workspace.open(root).settings
    month_ends = set(cadence_days("monthly", year))
    out = []
    for day in cadence_days("ten_days", year):  # every day any cadence may push on
        cadence = effective(settings, day).cadence
        if (cadence is None and day in month_ends) or (cadence is not None and next_push(cadence, day) == day):
            out.append(day)
    return out


def _stored(root: Path) -> Callable[[list[str]], set[str]]:
    """Which of these settlement numbers are in the workspace's data."""
    from medaid.workspace import Workspace

    def stored(ids: list[str]) -> set[str]:
        with Workspace.open(root).connect(read_only=True) as con:
            rows = con.execute("SELECT settlement_id FROM settlements WHERE settlement_id IN (SELECT unnest(?))", [ids])
            return {str(r[0]) for r in rows.fetchall()}

    return stored


def _warned(root: Path, year: int, people: list[Applicant]) -> dict[str, Warned]:
    """The warning of each applicant warned in ``year`` (by 身份证号), matched by the workspace's keyed hash."""
    from sqlalchemy import select

    from medaid.demo.cases import Warned
    from medaid.ingest.idnumber import normalize
    from medaid.services.common import workspace_key
    from medaid.store.app import AppWarning, session_for
    from medaid.store.warnings_store import of_workspace
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    ring = workspace.key()
    number_of = {ring.person_key(normalize(p.id_number)): p.id_number for p in people}
    query = select(AppWarning.id, AppWarning.person_key, AppWarning.as_of).where(
        of_workspace(workspace_key(workspace)), AppWarning.workspace_year == year
    )
    with session_for(root) as session:
        found = session.execute(query).all()
    return {number_of[k]: Warned(int(i), d) for i, k, d in found if k in number_of}


def import_year_of_cases(root: Path, data_dir: Path, year: int, seed: int) -> CaseYear:
    """Write the year's 台账 into ``data_dir`` and import it; then the department follows up the warnings."""
    from medaid.cases.calendar import default_calendar
    from medaid.demo.cases import LEDGER_FILE, applicants, ledger, write_ledger
    from medaid.demo.parameters import load_policy
    from medaid.services.case_import import import_cases

    if not (data_dir / "settlements.csv").exists():  # not the generator's files: no 台账 to make
        return CaseYear()
    people = applicants(data_dir, _stored(root))
    rows = ledger(people, _warned(root, year, people), year=year, seed=seed,
                  working=default_calendar().is_working_day, policy=load_policy())  # fmt: skip
    if not rows:
        return CaseYear()
    path = write_ledger(data_dir / LEDGER_FILE, rows)
    done = import_cases(root, path, actor=DEMO_CLERK, today=dt.date(year, 12, 31))
    out = CaseYear(path, len(done.imported), done.rejected)
    out.from_warnings, out.followed = _follow_warnings(root, year, seed)
    return out


def _follow_warnings(root: Path, year: int, seed: int) -> tuple[int, int]:
    """The departments record their findings (民政 when the warning is among its): 已认定 for a warning whose case
    was approved, 未认定 for one refused, and 未认定 for a few other warnings of people on no list that they checked
    (Hefei: many warnings, few identified). Returns (cases opened from a warning, warnings followed up)."""
    from sqlalchemy import select

    from medaid.analytics.warning_push import follow_up
    from medaid.analytics.warnings import SEPARATOR
    from medaid.services.common import workspace_key
    from medaid.store.app import AppWarning, session_for
    from medaid.store.cases import Case
    from medaid.store.warnings_store import of_workspace
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    key = workspace_key(workspace)
    with session_for(root) as session:
        linked = session.execute(
            select(Case.warning_id, Case.state).where(Case.workspace == key, Case.warning_id.is_not(None))
        ).all()
        columns = (AppWarning.id, AppWarning.group, AppWarning.as_of, AppWarning.departments)
        warnings = session.execute(
            select(*columns).where(of_workspace(key), AppWarning.workspace_year == year).order_by(AppWarning.id)
        ).all()
    cases = {int(w): str(state) for w, state in linked if w is not None}
    rng, checked = random.Random(f"{seed}:预警认定"), 0
    followed: list[tuple[int, str, str, str]] = []
    for warning_id, group, as_of, departments in warnings:
        state = cases.get(int(warning_id))
        department = "民政" if "民政" in departments else departments.split(SEPARATOR)[0]  # who it was pushed to
        if state in APPROVED:
            followed.append((int(warning_id), department, "confirmed", "已受理因病致贫重病患者认定申请并审批通过"))
        elif state == "rejected":
            followed.append((int(warning_id), department, "rejected", "经入户核查，家庭人均收入高于认定标准"))
        elif (
            state is None
            and group == "一般人群"
            and as_of.month < 11
            and checked < OTHERS_CHECKED
            and rng.random() < 0.2
        ):
            checked += 1
            followed.append((int(warning_id), department, "rejected", "本人表示已有商业保险赔付，暂不申请救助"))
    for warning_id, department, state, note in followed:
        follow_up(workspace, warning_id, state, note, actor=DEMO_DEPARTMENT, department=department)
    return len(linked), len(followed)


def visit_the_year(root: Path, year: int, seed: int) -> tuple[int, int]:
    """The year's 回访 (planned, visited): every paid case, and a sample of the 特困人员 on the lists on 30 June.
    Each plan's visits are recorded in one transaction (the ledger's ``record_visit``, as ``services.visits``
    records one): the county types in its visit sheets at once."""
    from medaid.cases.visit_ledger import find_plan
    from medaid.cases.visit_ledger import record_visit as record
    from medaid.cases.visits import Frame
    from medaid.services.cases import desk
    from medaid.services.visits import SCALE, plan_visits

    plans = (
        (f"{year}年依申请救助对象回访", (dt.date(year, 10, 9), dt.date(year, 12, 29)),
         Frame("paid_cases", dt.date(year, 9, 30)), "all"),
        (f"{year}年特困人员抽样回访", (dt.date(year, 7, 3), dt.date(year, 12, 29)),
         Frame("recipients", dt.date(year, 6, 30), category="特困人员"), "sample"),
    )  # fmt: skip
    rng, planned, visited = random.Random(f"{seed}:回访"), 0, 0
    for name, period, frame, method in plans:
        made = plan_visits(root, name, period, frame, method=method, seed=f"{seed}", actor=DEMO_CLERK,
                           at=dt.datetime.combine(period[0], dt.time(9)))  # fmt: skip
        planned += made.planned
        with desk(root) as d:
            plan = find_plan(d.session, d.workspace, made.id)
            if plan is None:  # just made
                continue
            for target in plan.targets:
                outcome = _outcome(period, rng)
                record(d.session, plan, target, outcome, SCALE, actor=DEMO_CLERK, role="clerk", today=period[1],
                       at=dt.datetime.combine(outcome.visited_on, dt.time(10)))  # fmt: skip
                visited += outcome.outcome == "已回访"
    return planned, visited


def _outcome(period: tuple[dt.date, dt.date], rng: random.Random) -> Outcome:
    """One visit: most visited and satisfied, some not reached or refusing, a few needs found."""
    from medaid.cases.visits import Outcome

    day = period[0] + dt.timedelta(days=rng.randrange((period[1] - period[0]).days))
    mode = "入户" if rng.random() < 0.6 else "电话"
    draw = rng.random()
    if draw < 0.06:
        return Outcome("未联系上", day, VISITOR, "电话", reason="外出务工，电话无法接通")
    if draw < 0.08:
        return Outcome("拒绝回访", day, VISITOR, mode, reason="本人表示不需要回访")
    needs = tuple(rng.sample(NEEDS, 1)) if rng.random() < 0.2 else ()
    satisfaction = rng.choices(("非常满意", "满意", "一般", "不满意", None), (55, 33, 8, 2, 2))[0]
    return Outcome("已回访", day, VISITOR, mode, needs=needs, satisfaction=satisfaction)


def push_through_the_year(root: Path, year: int, result: PipelineResult) -> None:
    """High-cost warnings pushed on each push day of the year, as a county pushes them."""
    from medaid.services.warnings import push_warnings

    for day in push_days(root, year):
        pushed = push_warnings(root, day, actor="medaid 演示")
        result.warnings += len(pushed.new)
        result.push_lists = list(pushed.files)  # each push's lists stay in DIR/warnings/; the reports get the last
        result.pushes += 1


def cases_and_visits(root: Path, data_dir: Path, year: int, result: PipelineResult) -> None:
    """The year's 依申请救助 台账 imported, the warnings followed up, and the year's 回访; seeded by the data's seed."""
    import json

    seed = year
    manifest = data_dir / "manifest.json"
    if manifest.exists():
        seed = int(json.loads(manifest.read_text(encoding="utf-8")).get("seed", year))
    cases = import_year_of_cases(root, data_dir, year, seed)
    result.cases_imported, result.cases_rejected = cases.imported, cases.rejected
    result.cases_from_warnings, result.warnings_followed = cases.from_warnings, cases.followed
    result.visits_planned, result.visits_done = visit_the_year(root, year, seed)
