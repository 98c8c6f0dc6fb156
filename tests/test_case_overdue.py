"""Overdue lists for the dashboard (issue 15 item 2): open cases whose waiting step is late or due soon, on the
working-day calendar, scoped as the list of cases, with a year the calendar does not know listed, not guessed.

The workspace's policy: the national template with 受理 5 working days, 审核 10 working days and 公示 7 calendar
days (from the approval). Today is Friday 2026-03-20; March 2026 has no holiday and no 调休.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medaid.cases.model import Application, Declaration, Person
from medaid.ingest.idnumber import check_char
from medaid.policy.params import default_dir
from medaid.services import case_steps as steps
from medaid.services.case_overdue import LATE, SOON, UNKNOWN, overdue_cases
from medaid.services.cases import open_case
from medaid.services.follow_ups import Scope
from medaid.store import app
from medaid.store.accounts import AccessDenied
from medaid.workspace import Workspace
from tests.test_cases_service import Assessment

CLERK = {"actor": "医保经办·王", "role": "clerk"}
TODAY = dt.date(2026, 3, 20)
STEPS = "steps: {受理: 5, 审核: 10, 公示: {days: 7, unit: calendar}}"


@pytest.fixture(autouse=True)
def _no_shared_server(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = Workspace.init(tmp_path / "ws", year=2026).root
    template = (default_dir() / "default" / "2023-01-01.yaml").read_text(encoding="utf-8")
    assert "steps: {审核: 10}" in template
    (root / "policy.yaml").write_text(template.replace("steps: {审核: 10}", STEPS), encoding="utf-8")
    settings = (root / "medaid.yaml").read_text(encoding="utf-8")
    (root / "medaid.yaml").write_text(settings.replace("policy: null", f"policy: {root / 'policy.yaml'}"),
                                      encoding="utf-8")  # fmt: skip
    return root


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9))


def case(root: Path, n: int, applied: dt.date, *, upto: str = "applied", step_day: dt.date | None = None,
         department: str | None = None, area: str = "450222101") -> int:  # fmt: skip
    """A case applied on ``applied``, taken along the main path to ``upto``, its steps on ``step_day``."""
    first17 = f"450222196503{n:02d}201"
    application = Application(Person(first17 + check_char(first17), "韦秀兰"), "因病致贫", applied,
                              Declaration(income_fen=2_436_000), area=area, department=department)  # fmt: skip
    case_id = open_case(root, application, at=at(applied), **CLERK).id
    day = at(step_day or applied)
    path = {"accepted": lambda: steps.accept_case(root, case_id, at=day, **CLERK),
            "reviewed": lambda: steps.review_case(root, case_id, Assessment(True), at=day, **CLERK),
            "approved": lambda: steps.approve_case(root, case_id, at=day, **CLERK),
            "publicised": lambda: steps.publish_case(root, case_id, at=day, **CLERK)}  # fmt: skip
    for state, move in path.items():
        if upto == "applied":
            break
        move()
        if state == upto:
            break
    return case_id


def test_late_and_due_soon_on_the_working_day_calendar(ws: Path):
    late = case(ws, 1, dt.date(2026, 3, 2))  # 受理 due Mon 03-09; 03-10..03-20 is 9 working days
    soon = case(ws, 2, dt.date(2026, 3, 16))  # 受理 due Mon 03-23: 1 working day left
    later = case(ws, 3, dt.date(2026, 3, 19))  # 受理 due Thu 03-26: 4 working days left, not listed
    review = case(ws, 4, dt.date(2026, 2, 27), upto="accepted", step_day=dt.date(2026, 3, 2))  # 审核 due 03-16
    publish = case(ws, 5, dt.date(2026, 3, 2), upto="approved", step_day=dt.date(2026, 3, 10))  # 公示 due 03-17
    waiting_pay = case(ws, 6, dt.date(2026, 2, 2), upto="publicised", step_day=dt.date(2026, 2, 3))  # no limit
    found = overdue_cases(ws, today=TODAY)
    listed = {c.case_id: c for c in found.cases}
    assert set(listed) == {late, soon, review, publish} and later not in listed and waiting_pay not in listed
    assert [c.case_id for c in found.cases] == [late, review, publish, soon]  # latest first, then due soon
    assert (listed[late].status, listed[late].step, listed[late].due, listed[late].days_late, listed[late].unit) == (
        LATE, "受理", dt.date(2026, 3, 9), 9, "个工作日")  # fmt: skip
    assert (listed[review].step, listed[review].entered_on, listed[review].due, listed[review].days_late) == (
        "审核", dt.date(2026, 3, 2), dt.date(2026, 3, 16), 4)  # fmt: skip
    assert (listed[publish].step, listed[publish].due, listed[publish].days_late, listed[publish].unit) == (
        "公示", dt.date(2026, 3, 17), 3, "天")  # fmt: skip
    assert (listed[soon].status, listed[soon].due, listed[soon].days_left) == (SOON, dt.date(2026, 3, 23), 1)
    assert "5 个工作日" in listed[late].rule and "依据" in listed[late].rule
    assert overdue_cases(ws, today=TODAY, soon=4).count(SOON) == 2  # 03-26 is 4 working days away
    due_today = overdue_cases(ws, today=dt.date(2026, 3, 9)).cases  # the others are 5 or more days away then
    assert [(c.case_id, c.status, c.days_left) for c in due_today] == [(late, SOON, 0)]
    shown = found.to_dict()
    assert shown["counts"] == {LATE: 3, SOON: 1, UNKNOWN: 0} and shown["today"] == "2026-03-20"
    first = shown["cases"][0]  # type: ignore[index]
    assert first["url"] == f"/cases/{late}" and first["due"] == "2026-03-09" and "韦" in first["name_masked"]


def test_scoped_as_the_list_of_cases(ws: Path):
    ours = case(ws, 1, dt.date(2026, 3, 2), department="民政局", area="450222102")
    theirs = case(ws, 2, dt.date(2026, 3, 2))
    minzheng = overdue_cases(ws, today=TODAY, role="department", scope=Scope(department="民政局"))
    assert [c.case_id for c in minzheng.cases] == [ours]
    township = overdue_cases(ws, today=TODAY, role="clerk", scope=Scope(area="450222101"))
    assert [c.case_id for c in township.cases] == [theirs]
    assert {c.case_id for c in overdue_cases(ws, today=TODAY, role="finance").cases} == {ours, theirs}
    with pytest.raises(AccessDenied, match="不能查看救助案件"):
        overdue_cases(ws, today=TODAY, role="admin")


def test_a_year_the_calendar_does_not_know_is_listed_with_the_reason(ws: Path, monkeypatch: pytest.MonkeyPatch):
    from medaid.cases import ledger

    # the steps are recorded "at" late December 2026: the ledger refuses a time after its clock, so set it there
    monkeypatch.setattr(ledger, "_now", lambda: dt.datetime(2026, 12, 30, 18))
    unknown = case(ws, 1, dt.date(2026, 12, 28), upto="accepted", step_day=dt.date(2026, 12, 29))  # 审核 in 2027
    found = overdue_cases(ws, today=dt.date(2026, 12, 30))
    listed = {c.case_id: c for c in found.cases}
    assert listed[unknown].status == UNKNOWN and listed[unknown].due is None and listed[unknown].step == "审核"
    assert "2027" in listed[unknown].rule and "holidays.yaml" in listed[unknown].rule
    assert found.to_dict()["counts"] == {LATE: 0, SOON: 0, UNKNOWN: 1}


def test_no_policy_in_force_on_the_application_day_is_listed_with_the_reason(ws: Path):
    folder = ws / "policies"
    folder.mkdir()
    text = (ws / "policy.yaml").read_text(encoding="utf-8")
    assert "valid_from: 2023-01-01" in text
    (folder / "2026-06-01.yaml").write_text(text.replace("valid_from: 2023-01-01", "valid_from: 2026-06-01"),
                                            encoding="utf-8")  # fmt: skip
    settings = (ws / "medaid.yaml").read_text(encoding="utf-8")
    (ws / "medaid.yaml").write_text(settings.replace(str(ws / "policy.yaml"), str(folder)), encoding="utf-8")
    before = case(ws, 1, dt.date(2026, 3, 2))  # no file in force yet on its application day
    after = case(ws, 2, dt.date(2026, 6, 1))  # 受理 due 2026-06-08 (5 working days)
    listed = {c.case_id: c for c in overdue_cases(ws, today=dt.date(2026, 6, 10)).cases}
    assert (listed[before].status, listed[before].step, listed[before].due) == (UNKNOWN, "受理", None)
    assert listed[before].rule.startswith("政策参数无法确定：2026-03-02 没有生效的政策参数文件")
    assert (listed[after].status, listed[after].due, listed[after].days_late) == (LATE, dt.date(2026, 6, 8), 2)


def test_the_dashboard_shows_the_list_to_roles_that_read_cases(browsers):
    for role in ("clerk", "finance", "evaluator"):
        page = browsers[role].get("/")
        assert page.status_code == 200 and "救助案件办理期限提醒" in page.text and "依申请救助案件逾期" in page.text
    assert "救助案件办理期限提醒" not in browsers["admin"].get("/").text  # no right to read cases
    found = browsers["clerk"].get("/api/dashboard/overdue", params={"soon": 5})
    assert found.status_code == 200 and found.json()["soon_days"] == 5
    assert set(found.json()["counts"]) == {LATE, SOON, UNKNOWN} and isinstance(found.json()["cases"], list)
    assert browsers["department"].get("/api/dashboard/overdue").status_code == 200  # its own cases
    assert browsers["admin"].get("/api/dashboard/overdue").status_code == 403


def test_accept_counts_from_the_application_day_on_the_page_the_list_and_the_metrics_alike(ws: Path):
    """An application dated Mon 03-02 typed in on Fri 03-20: 受理 (5 working days) was due Mon 03-09 on the case
    page, the dashboard's list and the 逾期率 alike; a 受理 recorded as done on Wed 03-04 (back-dated) starts
    审核 (10 working days) on that day."""
    from medaid.services.case_intake import waiting_deadline
    from medaid.services.case_metrics import case_metrics
    from medaid.services.cases import case_history, get_case

    first17 = "45022219650312201"
    application = Application(Person(first17 + check_char(first17), "韦秀兰"), "因病致贫", dt.date(2026, 3, 2),
                              Declaration(income_fen=2_436_000), area="450222101")  # fmt: skip
    typed = open_case(ws, application, at=at(TODAY), **CLERK).id
    page = waiting_deadline(ws, get_case(ws, typed), case_history(ws, typed), today=TODAY)
    assert page is not None and (page["entered_on"], page["due"], page["overdue"]) == ("2026-03-02", "2026-03-09", True)
    listed = {c.case_id: c for c in overdue_cases(ws, today=TODAY, **CLERK).cases}[typed]
    assert (listed.status, listed.entered_on, listed.due, listed.days_late) == (LATE, dt.date(2026, 3, 2),
                                                                                dt.date(2026, 3, 9), 9)  # fmt: skip
    rates = {m.name: m for m in case_metrics(ws, dt.date(2026, 3, 1), dt.date(2026, 3, 31), today=TODAY, **CLERK)}
    accept = rates["overdue_rate_accept"]
    assert (accept.numerator, accept.denominator, accept.value) == (1, 1, 100.0)

    first17 = "45022219650313201"
    application = Application(Person(first17 + check_char(first17), "韦秀兰"), "因病致贫", dt.date(2026, 3, 2),
                              Declaration(income_fen=2_436_000), area="450222101")  # fmt: skip
    other = open_case(ws, application, at=at(dt.date(2026, 3, 3)), **CLERK).id  # typed in the day after
    steps.accept_case(ws, other, at=at(dt.date(2026, 3, 4)), **CLERK)  # recorded later, its claimed day counts
    page = waiting_deadline(ws, get_case(ws, other), case_history(ws, other), today=TODAY)
    assert page is not None and (page["step"], page["entered_on"], page["due"]) == ("审核", "2026-03-04", "2026-03-18")
    listed = {c.case_id: c for c in overdue_cases(ws, today=TODAY, **CLERK).cases}[other]
    assert (listed.step, listed.entered_on, listed.due, listed.status) == ("审核", dt.date(2026, 3, 4),
                                                                           dt.date(2026, 3, 18), LATE)  # fmt: skip
    rates = {m.name: m for m in case_metrics(ws, dt.date(2026, 3, 1), dt.date(2026, 3, 31), today=TODAY, **CLERK)}
    # 受理: the first case still waiting and late, the second done on 03-04 within 03-09; 审核: the second, late
    assert (rates["overdue_rate_accept"].numerator, rates["overdue_rate_accept"].denominator) == (1, 2)
    assert (rates["overdue_rate_review"].numerator, rates["overdue_rate_review"].denominator) == (1, 1)
