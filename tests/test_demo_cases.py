"""The demo county's year of 依申请救助 (issue 15 item 7): warnings pushed through the year, a 台账 of the
year's applications imported as a county imports one (cases from warnings, late ones, ones paid in a later year
than their bills, refusals, withdrawals, cases still open on 31 December), the departments' findings on the
warnings, and the year's 回访 — so that the case metrics of 2023 have values."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from medaid.services.demo import COUNTY_FRAMEWORK, PipelineResult, generate_data, run_pipeline

YEAR = dt.date(2023, 1, 1), dt.date(2023, 12, 31)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PipelineResult]:
    """The pipeline on 3 000 settlements: the data folder and the result."""
    root = tmp_path_factory.mktemp("demo-cases")
    generate_data(root / "data", 3000, seed=3, year=2023)
    return root / "data", run_pipeline(root / "data", root / "ws", year=2023, month="2023-12",
                                       framework=COUNTY_FRAMEWORK)  # fmt: skip


def ledger_rows(data: Path) -> list[dict[str, str]]:
    with (data / "依申请救助台账.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def metrics(result: PipelineResult) -> dict[str, object]:
    from medaid.services.case_metrics import case_metrics

    return {m.name: m for m in case_metrics(result.root, *YEAR)}


def test_warnings_are_pushed_at_each_month_end_and_some_followed_up(county: tuple[Path, PipelineResult]):
    from medaid.services.warnings import list_warnings

    _, result = county
    assert result.pushes == 12  # the default policy gives no cadence: each month's last day
    pushed = list_warnings(result.root).warnings
    assert len(pushed) == result.warnings > 0
    assert {w.as_of.month for w in pushed} > {12} and all((w.as_of + dt.timedelta(days=1)).day == 1 for w in pushed)
    states = {w.state for w in pushed}
    assert {"confirmed", "rejected", "pushed"} <= states  # 已认定, 未认定, and many nobody has acted on yet
    assert sum(w.state != "pushed" for w in pushed) == result.warnings_followed


def test_the_year_s_ledger_is_imported_whole_with_every_kind_of_case(county: tuple[Path, PipelineResult]):
    from medaid.services.case_list import list_cases

    data, result = county
    rows = ledger_rows(data)
    assert result.cases_imported == len(rows) >= 24 and result.cases_rejected == 0
    states = list_cases(result.root).states
    assert states["paid"] + states["archived"] >= 10
    assert states["rejected"] >= 3 and states["withdrawn"] >= 1
    assert states["applied"] + states["accepted"] >= 1  # still open on 31 December
    from_warnings = list_cases(result.root, from_warning=True).cases
    assert len(from_warnings) == result.cases_from_warnings >= 4
    refused = [r for r in rows if r["不予救助原因"]]
    assert refused and all(r["受理日期"] for r in refused)  # each refused at a step, with its reason
    assert any(r["结算单号"] for r in rows) and any(r["费用发生日期"] for r in rows)  # linked, and from paper


def test_every_step_is_on_a_working_day_and_in_order(county: tuple[Path, PipelineResult]):
    from medaid.cases.calendar import default_calendar

    data, _ = county
    working = default_calendar().is_working_day
    steps = ("申请日期", "受理日期", "审核日期", "审批日期", "公示开始日期", "发放日期", "归档日期")
    for r in ledger_rows(data):
        days = [dt.date.fromisoformat(r[s]) for s in steps if r[s]]
        assert days == sorted(days) and all(working(d) for d in days), r["台账编号"]
        assert days[-1] <= YEAR[1]


def test_the_2023_case_metrics_have_values(county: tuple[Path, PipelineResult]):
    found = metrics(county[1])
    p90 = found["application_to_payment_p90_days"]
    assert p90.value is not None and p90.value >= found["application_to_payment_median_days"].value
    cross = found["cross_year_payment_share"]  # applied in late 2022 with 2022 bills, paid in 2023
    assert cross.value is not None and cross.value > 0 and cross.numerator >= 1
    review = found["overdue_rate_review"]  # 审核 past its 10 working days, or still waiting past them
    assert review.value is not None and 0 < review.value < 100
    assert 0 < found["case_approval_rate"].value < 100
    conversion = found["warning_conversion_rate"]
    assert conversion.value is not None and 0 < conversion.value < 100  # many warnings, a few cases
    visits = found["visit_rate"]
    assert visits.value is not None and 50 < visits.value < 100  # some not reached: realistic, not 100 %
    assert found["visit_satisfaction_rate"].value is not None


def test_the_year_s_visits_are_planned_and_recorded(county: tuple[Path, PipelineResult]):
    from medaid.services.visits import list_plans, plan_progress

    _, result = county
    plans = list_plans(result.root)
    assert {p.population for p in plans} == {"paid_cases", "recipients"}
    assert sum(p.planned for p in plans) == result.visits_planned > result.visits_done > 0
    outcomes = [t.visits[-1].outcome for p in plans for t in plan_progress(result.root, p.id).targets if t.visits]
    assert len(outcomes) == result.visits_planned and {"visited", "unreached"} <= set(outcomes)


def test_the_ledger_is_the_same_for_the_same_data_and_a_second_import_changes_nothing(
    county: tuple[Path, PipelineResult], tmp_path: Path
):
    from medaid.cases.calendar import default_calendar
    from medaid.demo.cases import applicants, ledger
    from medaid.demo.parameters import load_policy
    from medaid.services.case_import import import_cases

    data, result = county
    assert applicants(data, lambda ids: set()) == []  # none of their settlements stored: nobody to link
    people = applicants(data, set)  # every settlement stored
    again = [ledger(people, {}, year=2023, seed=3, working=default_calendar().is_working_day, policy=load_policy())
             for _ in range(2)]  # fmt: skip
    assert again[0] == again[1] and len(again[0]) >= 24
    repeat = import_cases(result.root, data / "依申请救助台账.csv", today=YEAR[1])
    assert (repeat.imported, repeat.unchanged, repeat.rejected) == ([], result.cases_imported, 0)
