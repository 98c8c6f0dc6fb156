"""A case's amount at 发放, on a worked example published by a medical-security bureau, to the fen.

重庆市渝北区医疗保障局 (2023-10-30, tests/scenarios/yubei_2023_low_income_margin_inpatient.yaml): a 低保边缘家庭成员
in a 二级 hospital, total 52 000 元, in scope 50 000 元; 基本医保 (50 000 − 300) × 70 % = 34 790 元; 医疗救助
(50 000 − 34 790) × 70 % = 10 647 元; 倾斜救助 [(50 000 − 34 790 − 10 647) − 3 000] × 60 % = 937.80 元. Here the
insurance paid its part when the bill was settled (the data's 基本医保 34 790 元, no assistance: the person was not
recognised yet); recognised through a case, the person gets the assistance of that bill as 追溯救助 at 发放, with the
engine's trace: 10 647.00 + 937.80 = 11 584.80 元, the bureau's figures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from medaid.cases.model import Application, Declaration, Person
from medaid.services import case_steps as steps
from medaid.services.cases import get_case, link_settlements, open_case
from medaid.services.imports import import_file
from medaid.store import app
from medaid.workspace import Workspace
from tests.test_cases_retroactive import A
from tests.test_cases_service import Assessment
from tests.test_warnings import SET, write

SCENARIO = Path(__file__).parent / "scenarios" / "yubei_2023_low_income_margin_inpatient.yaml"
CAT = "低保边缘家庭成员"
CLERK = {"actor": "医保经办·王", "role": "clerk"}
# the window is the county's, for the test: the 12 months before the month of application
WINDOW = {"months": 12, "anchor": "application_month", "source": "测试认定办法（测民发〔2023〕1号）第十条",
          "date": "2023-06-01"}  # fmt: skip


@pytest.fixture(autouse=True)
def _no_shared_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(app.ENV_URL, raising=False)


@pytest.fixture
def county(tmp_path: Path) -> Path:
    scenario = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    policy = dict(scenario["policy"])  # the bureau's parameters, as the scenario test reads them
    policy["eligibility"] = {CAT: {"source": "测试认定办法（测民发〔2023〕1号）", "income_multiple": 1.5,
                                   "household": True, "retroactive": WINDOW}}  # fmt: skip
    path = tmp_path / "渝北.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    root = Workspace.init(tmp_path / "ws", region="重庆市渝北区", year=2023).root
    settings = (root / "medaid.yaml").read_text(encoding="utf-8")
    (root / "medaid.yaml").write_text(settings.replace("policy: null", f"policy: {path}"), encoding="utf-8")
    (claim,) = scenario["claims"]
    row = (f"YB1,{A.id_number},{A.name},{claim['visit_type']},{claim['hospital_level']},{claim['date']},"
           f"{claim['total']},{claim['in_scope']},34790.00,0,,0,0")  # fmt: skip
    import_file(root, "settlements", write(tmp_path / "s.csv", SET, [row]))
    return root


def test_the_amount_paid_is_the_bureaus_worked_example_to_the_fen(county: Path) -> None:
    application = Application(Person(A.id_number, A.name), CAT, dt.date(2023, 7, 10),
                              Declaration(income_fen=1_200_000), area="500112001")  # fmt: skip
    case = open_case(county, application, at=dt.datetime(2023, 7, 10, 9), **CLERK)
    link_settlements(county, case.id, ["YB1"], **CLERK)
    steps.accept_case(county, case.id, at=dt.datetime(2023, 7, 11, 9), **CLERK)
    steps.review_case(county, case.id, Assessment(True), at=dt.datetime(2023, 7, 20, 9), **CLERK)
    steps.approve_case(county, case.id, at=dt.datetime(2023, 7, 27, 9), **CLERK)
    steps.publish_case(county, case.id, at=dt.datetime(2023, 7, 28, 9), **CLERK)
    steps.pay_case(county, case.id, at=dt.datetime(2023, 8, 7, 10), **CLERK)
    paid = get_case(county, case.id)
    assert paid.state == "paid" and paid.amount_fen == 1_064_700 + 93_780
    trace = paid.amount_trace
    assert trace is not None
    (bill,) = trace["bills"]  # type: ignore[misc]
    assert bill["settlement_id"] == "YB1" and bill["amount_fen"] == 1_158_480
    layers = {step["layer"]: step["amount_fen"] for step in bill["trace"]}
    assert layers["医疗救助"] == 1_064_700 and layers["倾斜救助"] == 93_780
