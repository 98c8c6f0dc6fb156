"""The printable forms of 依申请救助 cases (services.case_forms, reports.case_forms): the 审批表 of one case and
the 公示名单, in Word and PDF, on a fresh workspace. The 审批表 holds the application, the household, the bills,
the eligibility and every step with who and when, identities masked; the 公示名单 holds a masked name and no
身份证号 at all, and only the cases in 公示 in the caller's scope."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from medaid.cases.model import Application, Bill, Declaration, Member, Person
from medaid.errors import Forbidden, MedaidError
from medaid.ingest.idnumber import check_char
from medaid.services import case_steps as steps
from medaid.services.case_forms import approval_form, publicity_list
from medaid.services.cases import open_case
from medaid.services.follow_ups import Scope
from medaid.workspace import Workspace


def id_number(first17: str) -> str:
    return first17 + check_char(first17)


APPLICANT = Person(id_number("45022219650312201"), "韦秀兰")
SPOUSE = Person(id_number("45022219630507301"), "覃建国")
OTHER = Person(id_number("45022219700101501"), "莫志强")
CLERK = {"actor": "医保经办·王", "role": "clerk"}
DAY = dt.datetime(2026, 3, 2, 9, 30)


class Assessment:
    def __init__(self, eligible: bool) -> None:
        self.eligible = eligible

    def as_dict(self) -> dict[str, object]:
        return {"eligible": self.eligible, "self_pay_fen": 4_830_000, "income_per_person_fen": 812_000,
                "reasons": ["近12个月政策范围内个人负担 48,300.00 元，达到标准"], "policy": "测试政策"}  # fmt: skip


def at(days: int) -> dt.datetime:
    return DAY + dt.timedelta(days=days)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = Workspace.init(tmp_path / "ws", year=2026).root
    settings = (root / "medaid.yaml").read_text(encoding="utf-8")
    (root / "medaid.yaml").write_text(re.sub(r"^region:.*$", "region: 示例县", settings, flags=re.M), encoding="utf-8")
    return root


def published(ws: Path, person: Person, *, area: str, department: str | None = None) -> int:
    application = Application(
        applicant=person, category="因病致贫", applied_on=DAY.date(),
        declaration=Declaration(income_fen=2_436_000, assets_fen=150_000, assets_note="自住房一处"),
        members=(Member(SPOUSE, "配偶"),) if person == APPLICANT else (),
        bills=(Bill(dt.date(2025, 11, 20), total_fen=6_210_055, self_pay_fen=3_100_000, in_scope_fen=5_800_000,
                    hospital="柳州市人民医院"),),
        area=area, department=department,
    )  # fmt: skip
    case = open_case(ws, application, at=at(0), **CLERK)
    steps.accept_case(ws, case.id, note="材料齐全", at=at(1), **CLERK)
    steps.review_case(ws, case.id, Assessment(True), at=at(3), **CLERK)
    steps.approve_case(ws, case.id, at=at(5), **CLERK)
    steps.publish_case(ws, case.id, days=7, at=at(6), **CLERK)
    return case.id


def docx_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def ids_in(text: str) -> list[str]:
    return re.findall(r"(?<![0-9X])[0-9]{17}[0-9X](?![0-9X])", text)


def test_the_publicity_list_shows_a_masked_name_and_no_id_number(ws: Path):
    first = published(ws, APPLICANT, area="450222101", department="民政")
    published(ws, OTHER, area="450222102", department="残联")
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        name, content = publicity_list(ws, fmt, today=dt.date(2026, 3, 9), **CLERK)
        assert name.endswith(f".{fmt}") and "公示名单" in name
        text = read(content)
        assert "示例县医疗救助对象公示名单" in text and "2026 年 3 月 9 日" in text
        assert "韦**" in text and "莫**" in text and "2026-03-08至2026-03-14" in text.replace(" ", "")
        assert "韦秀兰" not in text and "覃建国" not in text and "莫志强" not in text
        assert ids_in(text) == [] and re.search(r"\d{2,6}\*{4,}", text) is None  # no ID, not even a masked one
        assert "身份证号" not in text.replace("不公布身份证号", "")  # no such column
    # a department account lists only its own cases; a case leaving 公示 leaves the list
    mine = pdf_text(publicity_list(ws, "pdf", role="department", scope=Scope(department="民政"))[1])
    assert "韦**" in mine and "莫**" not in mine
    steps.pay_case(ws, first, 1_234_567, {"依据": "测试"}, at=at(14), **CLERK)
    after = docx_text(publicity_list(ws, "docx", **CLERK)[1])
    assert "韦**" not in after and "莫**" in after


def test_the_approval_form_holds_the_case_and_its_history_masked(ws: Path):
    case_id = published(ws, APPLICANT, area="450222101", department="民政")
    steps.pay_case(ws, case_id, 1_234_567, {"依据": "测试"}, paid_on=dt.date(2026, 3, 16), at=at(14), **CLERK)
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        name, content = approval_form(ws, case_id, fmt, **CLERK)
        assert name == f"医疗救助审批表-案件{case_id}.{fmt}"
        text = read(content).replace(" ", "")
        assert "示例县医疗救助审批表" in text and f"案件编号{case_id}" in text
        assert "韦**" in text and "覃**" in text and "配偶" in text
        assert re.search(r"4502\*{8,}\d{3}[0-9X]", text)  # the masked 身份证号
        assert "韦秀兰" not in text and "覃建国" not in text and ids_in(text) == []
        assert "62,100.55元" in text and "31,000.00元" in text and "柳州市人民医院" in text
        assert "符合条件" in text and "48,300.00元" in text
        for label in ("登记申请", "受理", "审核通过", "审批通过", "公示", "发放"):
            assert label in text
        assert "医保经办·王（医保经办）" in text and "材料齐全" in text and "2026-03-0309:30" in text
        assert "12,345.67元" in text and "2026-03-16" in text and "审批人（签字）" in text


def test_forms_check_the_format_role_and_scope(ws: Path):
    case_id = published(ws, APPLICANT, area="450222101", department="民政")
    with pytest.raises(MedaidError, match="不支持的格式"):
        approval_form(ws, case_id, "xlsx", **CLERK)
    with pytest.raises(Forbidden):
        approval_form(ws, case_id, "pdf", role="admin")
    with pytest.raises(Forbidden):
        approval_form(ws, case_id, "pdf", role="department", scope=Scope(department="残联"))
    with pytest.raises(Forbidden):
        publicity_list(ws, "pdf", role="admin")
