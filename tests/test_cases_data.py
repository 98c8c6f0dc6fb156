"""A case takes its bills from the workspace's settlements, and keeps the high-cost warning it came from.

On a small generated county: a clerk links an applicant's settlements to the application (amounts to
the fen as the export gave them), is refused a settlement that is not the household's, one that is not
in the data, or one already linked; a case opened from a warning keeps the link, and only the warning's
person can be its applicant.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from medaid.cases.model import Application, Bill, Declaration, Person
from medaid.errors import MedaidError
from medaid.policy.params import default_dir
from medaid.services import case_steps as steps
from medaid.services.case_list import list_cases
from medaid.services.cases import get_case, link_settlements, open_case, open_from_warning
from medaid.store.app import AppWarning, session_for
from medaid.workspace import Workspace
from tests.case_support import generated_county

CLERK = {"actor": "医保经办·王", "role": "clerk"}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_county(tmp_path_factory.mktemp("cases-data"), seed=5)


@pytest.fixture
def ws(county: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(county / "ws", tmp_path / "ws"))


def fen(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def bills_by_person(county: Path) -> dict[tuple[str, str], list[dict[str, str]]]:
    with (county / "data" / "settlements.csv").open(encoding="utf-8-sig", newline="") as handle:
        people: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for row in csv.DictReader(handle):
            people[(row["身份证号"], row["姓名"])].append(row)
    return people


def applying(person: Person) -> Application:
    return Application(applicant=person, category="低保边缘", applied_on=dt.date(2024, 1, 8),
                       declaration=Declaration(income_fen=1_800_000), area="459901")  # fmt: skip


def test_settlements_of_the_applicant_become_the_bills_to_the_fen(county: Path, ws: Path):
    people = bills_by_person(county)
    (number, name), rows = next((p, r) for p, r in sorted(people.items()) if len(r) >= 2)
    (other, _), others = next((p, r) for p, r in sorted(people.items()) if p[0] != number)
    case = open_case(ws, applying(Person(number, name)), **CLERK)
    linked = link_settlements(ws, case.id, [rows[0]["结算编号"], rows[1]["结算编号"]], **CLERK)
    assert [(b.settlement_id, b.day.isoformat(), b.total_fen, b.in_scope_fen, b.self_pay_fen) for b in linked.bills] == [
        (r["结算编号"], r["结算日期"], fen(r["总费用"]), fen(r["政策范围内费用"]), fen(r["个人自付"])) for r in rows[:2]
    ]  # fmt: skip
    assert all(b.hospital for b in linked.bills)
    with pytest.raises(MedaidError, match=f"结算 {others[0]['结算编号']} 不是申请人或其家庭成员的"):
        link_settlements(ws, case.id, [others[0]["结算编号"]], **CLERK)
    with pytest.raises(MedaidError, match="数据中没有结算 JS209900000001"):
        link_settlements(ws, case.id, ["JS209900000001"], **CLERK)
    with pytest.raises(MedaidError, match=f"结算 {rows[0]['结算编号']} 已在案件 {case.id} 的票据中"):
        link_settlements(ws, case.id, [rows[0]["结算编号"]], **CLERK)
    assert other != number


def test_a_case_opened_from_a_warning_keeps_the_link(county: Path, ws: Path):
    people = sorted(bills_by_person(county))
    (number, name), (stranger, stranger_name) = people[0], people[1]
    ring = Workspace.open(ws).key()
    now = dt.datetime(2023, 12, 31, 18, 0)
    with session_for(ws) as session:
        warning = AppWarning(workspace_year=2023, as_of=dt.date(2023, 12, 31), person_key=ring.person_key(number),
                             id_masked=number[:4] + "**********" + number[-4:], name_masked=name[0] + "*", group="一般人群",
                             departments="", amount_fen=5_210_000, threshold_fen=3_000_000, reason="12个月自付超过阈值",
                             state="pushed", created_at=now, updated_at=now)  # fmt: skip
        session.add(warning)
        session.flush()
        warning_id = warning.id
    with pytest.raises(MedaidError, match=f"不是预警 {warning_id} 的对象"):
        open_from_warning(ws, warning_id, applying(Person(stranger, stranger_name)), **CLERK)
    with pytest.raises(MedaidError, match="没有编号为 999 的高额费用预警"):
        open_from_warning(ws, 999, applying(Person(number, name)), **CLERK)
    case = open_from_warning(ws, warning_id, applying(Person(number, name)), **CLERK)
    plain = open_case(ws, applying(Person(stranger, stranger_name)), **CLERK)
    assert case.warning_id == warning_id and case.to_dict()["warning_id"] == warning_id and plain.warning_id is None
    linked, unlinked = ({c.id for c in list_cases(ws, from_warning=f).cases} for f in (True, False))
    assert case.id in linked and plain.id not in linked and plain.id in unlinked and case.id not in unlinked


def test_a_department_sees_only_its_own_warnings_when_opening_a_case(county: Path, ws: Path):
    """A 民政 account cannot probe a 乡村振兴 warning (answered exactly as a missing one, no masked ID) nor link
    a case to it; the 乡村振兴 account can, and a wrong applicant is refused without the warning's masked ID."""
    from medaid.services.follow_ups import Scope

    people = sorted(bills_by_person(county))
    (number, name), (stranger, stranger_name) = people[0], people[1]
    ring = Workspace.open(ws).key()
    now = dt.datetime(2023, 12, 31, 18, 0)
    masked = number[:4] + "**********" + number[-4:]
    with session_for(ws) as session:
        warning = AppWarning(workspace_year=2023, as_of=dt.date(2023, 12, 31), person_key=ring.person_key(number),
                             id_masked=masked, name_masked=name[0] + "*", group="一般人群", departments="乡村振兴",
                             amount_fen=5_210_000, threshold_fen=3_000_000, reason="12个月自付超过阈值",
                             state="pushed", created_at=now, updated_at=now)  # fmt: skip
        session.add(warning)
        session.flush()
        warning_id = warning.id
    civil = {"actor": "民政·李", "role": "department", "scope": Scope(department="民政局")}
    answers = []
    for wid, person in ((warning_id, Person(stranger, stranger_name)), (warning_id, Person(number, name)),
                        (warning_id + 1000, Person(number, name))):  # fmt: skip
        with pytest.raises(MedaidError) as refused:
            open_from_warning(ws, wid, applying(person), **civil)
        answers.append(str(refused.value).replace(str(wid), "N"))
        assert masked not in str(refused.value)
    assert answers[0] == answers[1] == answers[2] and "没有编号为 N 的高额费用预警" in answers[0]
    # an area account: the person's 区划 as the warnings page finds it must be within the account's area
    from medaid.analytics.warning_push import areas

    region = areas(Workspace.open(ws), [ring.person_key(number)])[ring.person_key(number)]
    assert region is not None and not region.startswith("110")
    elsewhere = {"actor": "乡镇·黄", "role": "clerk", "scope": Scope(area="110101")}
    with pytest.raises(MedaidError, match=f"没有编号为 {warning_id} 的高额费用预警"):
        open_from_warning(ws, warning_id, applying(Person(number, name)), **elsewhere)
    assert list_cases(ws).cases == []  # nothing was opened
    rural = {"actor": "乡村振兴·覃", "role": "department", "scope": Scope(department="乡村振兴局")}
    with pytest.raises(MedaidError, match=f"不是预警 {warning_id} 的对象") as wrong:
        open_from_warning(ws, warning_id, applying(Person(stranger, stranger_name)), **rural)
    assert masked not in str(wrong.value)
    case = open_from_warning(ws, warning_id, applying(Person(number, name)), **rural)
    assert case.warning_id == warning_id and case.to_dict()["department"] == "乡村振兴"


def with_dibao(ws: Path) -> None:
    """The workspace's policy: the national template with a local 低保标准 (800 元/人·月), which it leaves out."""
    template = (default_dir() / "default" / "2023-01-01.yaml").read_text(encoding="utf-8")
    line = "  dibao_monthly: {amount: 800, source: 测试用低保标准, date: 2023-01-01}\n"
    policy, found = re.subn(r"^standards:.*\n", lambda m: m.group(0) + line, template, count=1, flags=re.M)
    assert found == 1
    (ws / "policy.yaml").write_text(policy, encoding="utf-8")
    settings = (ws / "medaid.yaml").read_text(encoding="utf-8")
    (ws / "medaid.yaml").write_text(settings.replace("policy: null", f"policy: {ws / 'policy.yaml'}"), encoding="utf-8")


def test_review_assesses_eligibility_from_the_data_and_the_entered_bills(county: Path, ws: Path):
    with_dibao(ws)
    people = bills_by_person(county)
    (number, name), _ = max(people.items(), key=lambda p: sum(Decimal(r["个人自付"]) for r in p[1]))
    # in-scope 800.00 of which the funds paid 500.00 (1 000.00 − 个人自付 500.00): 300.00 in-scope self-pay
    paper = Bill(dt.date(2023, 12, 1), total_fen=100_000, self_pay_fen=50_000, in_scope_fen=80_000,
                 hospital="省外某医院")  # fmt: skip
    poor = open_case(ws, Application(applicant=Person(number, name), category="因病致贫", applied_on=dt.date(2024, 1, 8),
                                     declaration=Declaration(income_fen=1_000_000), bills=(paper,)), **CLERK)  # fmt: skip
    steps.accept_case(ws, poor.id, **CLERK)
    steps.review_case(ws, poor.id, **CLERK)  # no assessment given: computed from the data and the policy
    assessed = get_case(ws, poor.id).eligibility
    assert assessed is not None and assessed["eligible"] is True and assessed["category"] == "因病致贫重病患者"
    counted = [str(s) for s in assessed["settlement_ids"]]  # type: ignore[attr-defined]
    assert sum(s.startswith("手工票据#") for s in counted) == 1  # the paper bill counts, as the applicant's
    assert any(s.startswith("JS") for s in counted) and int(str(assessed["self_pay_fen"])) > 50_000
    rich = open_case(ws, Application(applicant=Person(number, name), category="因病致贫", applied_on=dt.date(2024, 1, 8),
                                     declaration=Declaration(income_fen=900_000_000)), **CLERK)  # fmt: skip
    steps.accept_case(ws, rich.id, **CLERK)
    with pytest.raises(MedaidError, match="资格测算结果为不符合条件，审核通过须写明理由"):
        steps.review_case(ws, rich.id, **CLERK)


def test_a_paper_bill_adds_its_in_scope_self_pay_to_the_fen_or_is_named_unknown(county: Path, ws: Path):
    """The reviewer's bill (total 10 000.00, in-scope 2 000.00, 个人自付 9 000.00) adds 1 000.00, not 9 000.00; the
    same bill without its in-scope amount adds nothing and the assessment says why."""
    from medaid.services.case_data import assess_case

    with_dibao(ws)
    people = bills_by_person(county)
    (number, name), _ = max(people.items(), key=lambda p: sum(Decimal(r["个人自付"]) for r in p[1]))

    def assessed(*bills: Bill) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        opened = open_case(ws, Application(applicant=Person(number, name), category="因病致贫",
                                           applied_on=dt.date(2024, 1, 8), declaration=Declaration(income_fen=1_000_000),
                                           bills=bills), **CLERK)  # fmt: skip
        found = assess_case(ws, opened.id, **CLERK)
        assert found.self_pay_fen is not None
        return found.self_pay_fen, found.settlement_ids, found.reasons

    base, ids, reasons = assessed()
    day = dt.date(2023, 12, 1)
    known, known_ids, _ = assessed(Bill(day, total_fen=1_000_000, self_pay_fen=900_000, in_scope_fen=200_000))
    assert known - base == 100_000 and len(known_ids) == len(ids) + 1
    unknown, unknown_ids, why = assessed(Bill(day, total_fen=1_000_000, self_pay_fen=900_000))
    assert (unknown, unknown_ids) == (base, ids) and not any("未填政策范围内费用" in r for r in reasons)
    assert any(re.search(r"另有1笔票据（手工票据#\d+）未填政策范围内费用", r) for r in why)
