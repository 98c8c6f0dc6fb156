"""Review fixes of 依申请救助 (issue 15): settlements and paper bills added in one transaction (N1), and
back-dated steps (补录, S6): only an unlimited clerk may give a step's time, never in the future; the
history and the audit trail keep the real recording time beside it; a time with a UTC offset is converted
to local time (the app database keeps naive local times).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.cases.model import Application, Bill, Declaration, Person
from medaid.errors import Forbidden, MedaidError
from medaid.services import case_steps as steps
from medaid.services.cases import add_bills, case_history, get_case, open_case
from medaid.services.follow_ups import Scope
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.web.api.cases import back_dated
from medaid.workspace import Workspace
from tests.case_support import generated_county

CLERK = {"actor": "医保经办·王", "role": "clerk"}
TOWNSHIP = {"actor": "乡镇经办·黄", "role": "clerk", "scope": Scope(area="459901")}
DEPARTMENT = {"actor": "民政·李", "role": "department", "scope": Scope(department="民政局")}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_county(tmp_path_factory.mktemp("bills-one-transaction"), seed=7)


def applying(number: str, name: str) -> Application:
    return Application(applicant=Person(number, name), category="低保边缘", applied_on=dt.date(2024, 1, 8),
                       declaration=Declaration(income_fen=1_800_000), area="459901")  # fmt: skip


def test_settlements_and_paper_bills_are_added_together_or_not_at_all(county: Path):
    with (county / "data" / "settlements.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    ws = county / "ws"
    case = open_case(ws, applying(row["身份证号"], row["姓名"]), **CLERK)
    bad = Bill(dt.date(2024, 1, 5), total_fen=80_000, self_pay_fen=90_000)  # 个人自付 over the total
    with pytest.raises(MedaidError, match="个人自付大于总费用"):
        add_bills(ws, case.id, [bad], settlement_ids=[row["结算编号"]], **CLERK)
    assert get_case(ws, case.id).bills == ()  # the good settlement before it was not kept either
    good = Bill(dt.date(2024, 1, 5), total_fen=80_000, self_pay_fen=30_000)
    done = add_bills(ws, case.id, [good], settlement_ids=[row["结算编号"]], **CLERK)  # the retry is accepted
    assert [b.settlement_id for b in done.bills] == [row["结算编号"], None]


def audit_of(root: Path, case_id: int) -> list[dict[str, object]]:
    with session_for(root) as session:
        rows = session.execute(select(AuditEntry.at, AuditEntry.detail).where(AuditEntry.action == "救助案件"))
        return [{"logged": at, **json.loads(d)} for at, d in rows if json.loads(d)["case"] == case_id]


def test_only_an_unlimited_clerk_back_dates_never_into_the_future_and_the_real_time_is_kept(tmp_path: Path):
    from medaid.ingest.idnumber import check_char

    ws = Workspace.init(tmp_path / "ws", year=2026).root
    person = Person("45022219650312201" + check_char("45022219650312201"), "韦秀兰")
    application = Application(applicant=person, category="因病致贫", applied_on=dt.date(2026, 3, 2),
                              declaration=Declaration(income_fen=2_436_000), area="459901", department="民政")  # fmt: skip
    claimed = dt.datetime(2026, 3, 2, 9, 30)
    with pytest.raises(Forbidden, match="部门账户不能补录办理时间"):
        open_case(ws, application, at=claimed, actor="民政·李", role="department")
    case = open_case(ws, application, at=claimed, **CLERK)
    with pytest.raises(Forbidden, match="限于区划或部门的医保经办账户不能补录办理时间"):
        steps.accept_case(ws, case.id, at=claimed + dt.timedelta(days=1), **TOWNSHIP)
    with pytest.raises(MedaidError, match="晚于现在"):
        steps.accept_case(ws, case.id, at=dt.datetime.now() + dt.timedelta(hours=2), **CLERK)
    steps.accept_case(ws, case.id, at=claimed + dt.timedelta(days=1), **CLERK)
    history = case_history(ws, case.id)
    assert [(e.at, e.back_dated) for e in history] == [(claimed, True), (claimed + dt.timedelta(days=1), True)]
    assert all(e.recorded_at.date() == dt.date.today() for e in history)
    assert history[0].to_dict()["recorded_at"].startswith(dt.date.today().isoformat())
    trail = audit_of(ws, case.id)
    assert [(t["at"], t["back_dated"]) for t in trail] == [(claimed.isoformat(), True),
                                                          ((claimed + dt.timedelta(days=1)).isoformat(), True)]  # fmt: skip
    assert all(str(t["recorded_at"]).startswith(dt.date.today().isoformat()) for t in trail)
    # a step taken now is not back-dated
    now = open_case(ws, application, **TOWNSHIP)
    steps.accept_case(ws, now.id, **TOWNSHIP)
    assert [e.back_dated for e in case_history(ws, now.id)] == [False, False]


@pytest.fixture
def shanghai() -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available here")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_time_with_a_utc_offset_is_converted_to_local_time(shanghai: None):
    assert back_dated("2026-03-02T01:30+00:00") == "2026-03-02 09:30:00"  # UTC 01:30 is 09:30 in Beijing
    assert back_dated("2026-03-02T09:30+08:00") == "2026-03-02 09:30:00"
    assert back_dated("2026-03-02T09:30") == "2026-03-02 09:30:00"  # no offset: already local
    assert back_dated("  ") is None and back_dated(None) is None
    assert back_dated("昨天") == "昨天"  # left to the services, which say what is wrong with it
    with pytest.raises(Forbidden, match="限于区划或部门的账户不能补录办理时间"):
        back_dated("2026-03-02T09:30", limited=True)
