"""A deadline that runs into a year the working-day calendar does not know yet.

Today is late in 2026 and the 国务院办公厅 notice for 2027 may not be entered: a case accepted on
2026-12-29 waits for 审核, whose 10 working days end in 2027. The case page must still open and say
why the date cannot be given and how to add the year — never a guessed date, never a crash. A case
accepted on 2026-12-01 has its date inside 2026.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medaid.cases import ledger
from medaid.cases.model import Application, Declaration, Person
from medaid.ingest.idnumber import check_char
from medaid.services import case_steps as steps
from medaid.services.case_intake import waiting_deadline
from medaid.services.cases import case_history, get_case, open_case
from medaid.workspace import Workspace

CLERK = {"actor": "医保经办·王", "role": "clerk"}


def accepted_on(root: Path, first17: str, day: dt.date) -> dict[str, object] | None:
    """Open a case the day before ``day``, accept it on ``day``, and give what its page shows for 审核."""
    applied = Application(
        applicant=Person(first17 + check_char(first17), "韦秀兰"), category="因病致贫",
        applied_on=day - dt.timedelta(days=1), declaration=Declaration(income_fen=2_436_000, assets_fen=0),
        area="450222101",
    )  # fmt: skip
    opened = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(9))
    case_id = open_case(root, applied, at=opened, **CLERK).id
    steps.accept_case(root, case_id, at=dt.datetime.combine(day, dt.time(9)), **CLERK)
    return waiting_deadline(root, get_case(root, case_id), case_history(root, case_id), today=dt.date(2026, 12, 30))


def test_a_deadline_in_an_unknown_year_is_shown_as_unknown_with_the_fix(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    # the steps are recorded "at" late December 2026: the ledger refuses a time after its clock, so set it there
    monkeypatch.setattr(ledger, "_now", lambda: dt.datetime(2026, 12, 30, 18))
    root = Workspace.init(tmp_path / "ws", year=2026).root

    late = accepted_on(root, "45022219650312201", dt.date(2026, 12, 29))
    assert late is not None and late["due"] is None and late["step"] == "审核"
    assert "2027" in str(late["unknown"]) and "holidays.yaml" in str(late["unknown"])

    early = accepted_on(root, "45022219700101301", dt.date(2026, 12, 1))
    assert early is not None and early["due"] == "2026-12-15" and "unknown" not in early
