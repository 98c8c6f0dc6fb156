"""A case of 依申请救助 from its application to its payment, through the services, on a fresh workspace.

A township clerk records an application (applicant, household, bills, declared income and assets),
the 民政 department's account receives it (受理) in its own area, the county clerk reviews it with an
eligibility assessment, approves it, publishes it, settles an objection, pays after the publication and
archives it. The history reproduces who did what and when; each step is in the hash-chained audit
trail, which still verifies; personal data is nowhere in the database in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from medaid.cases.model import Application, Bill, Declaration, Member, Person
from medaid.errors import Forbidden, MedaidError
from medaid.ingest.idnumber import check_char
from medaid.services import case_steps as steps
from medaid.services.audit_log import verify_audit_log
from medaid.services.case_list import list_cases
from medaid.services.cases import add_bills, add_document, case_history, document_content, get_case, open_case
from medaid.services.follow_ups import Scope
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace


def id_number(first17: str) -> str:
    return first17 + check_char(first17)


APPLICANT = Person(id_number("45022219650312201"), "韦秀兰")
SPOUSE = Person(id_number("45022219630507301"), "覃建国")
CHILD = Person(id_number("45022219920815401"), "覃小梅")
TOWNSHIP = {"actor": "乡镇经办·黄", "role": "clerk", "scope": Scope(area="450222101")}
MINZHENG = {"actor": "民政·李", "role": "department", "scope": Scope(department="民政局", area="450222")}
COUNTY = {"actor": "医保经办·王", "role": "clerk"}
FINANCE = {"actor": "财政·陈", "role": "finance"}
DAY = dt.datetime(2026, 3, 2, 9, 30)


class Assessment:
    """An eligibility assessment as ``medaid.cases.eligibility.assess`` gives it: stored as its JSON."""

    def __init__(self, eligible: bool) -> None:
        self.eligible = eligible

    def as_dict(self) -> dict[str, object]:
        return {"eligible": self.eligible, "self_pay_12m_fen": 4_830_000, "threshold_fen": 3_912_300,
                "income_per_person_fen": 812_000, "reasons": ["12个月政策范围内自付 48,300.00 元 ≥ 39,123.00 元"]}  # fmt: skip


def application(**changes: Any) -> Application:
    base = Application(
        applicant=APPLICANT, category="因病致贫", applied_on=dt.date(2026, 3, 2),
        declaration=Declaration(income_fen=2_436_000, assets_fen=150_000, assets_note="自住房一处"),
        members=(Member(SPOUSE, "配偶"), Member(CHILD, "子女")),
        bills=(Bill(dt.date(2025, 11, 20), total_fen=6_210_055, self_pay_fen=3_100_000, in_scope_fen=5_800_000,
                    hospital="柳州市人民医院"),),
        area="450222101",
    )  # fmt: skip
    return replace(base, **changes)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Workspace.init(tmp_path / "ws", year=2026).root


def at(days: int, hours: int = 0) -> dt.datetime:
    return DAY + dt.timedelta(days=days, hours=hours)


def audit(root: Path, action: str) -> list[dict[str, object]]:
    with session_for(root) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [{"actor": e.actor, **json.loads(e.detail)} for e in rows]


MAIN_PATH = ("applied", "accepted", "reviewed", "approved", "publicised", "paid", "archived")


def walk_to(root: Path, case_id: int, state: str) -> None:
    """Move a case along the main path, from where it is, until it reaches ``state``: each step ten minutes
    after the one before, the payment 8 days after the publication (its 7 days are over)."""

    def later(days: int = 0) -> dt.datetime | None:
        when = case_history(root, case_id)[-1].at + dt.timedelta(days=days, minutes=10)
        return None if when > dt.datetime.now() else when  # a step cannot be back-dated into the future

    steps_to = {"accepted": lambda: steps.accept_case(root, case_id, at=later(), **COUNTY),
                "reviewed": lambda: steps.review_case(root, case_id, Assessment(True), at=later(), **COUNTY),
                "approved": lambda: steps.approve_case(root, case_id, at=later(), **COUNTY),
                "publicised": lambda: steps.publish_case(root, case_id, at=later(), **COUNTY),
                "paid": lambda: steps.pay_case(root, case_id, 1_234_567, {"rule": "起付线以上 60%"}, at=later(8),
                                               **COUNTY),
                "archived": lambda: steps.archive_case(root, case_id, at=later(), **COUNTY)}  # fmt: skip
    start = MAIN_PATH.index(get_case(root, case_id).state)
    for reached in MAIN_PATH[start + 1 : MAIN_PATH.index(state) + 1]:
        steps_to[reached]()
        assert get_case(root, case_id).state == reached


def test_one_case_from_application_to_archive_with_its_history_and_audit_trail(ws: Path):
    case = open_case(ws, application(), **TOWNSHIP)
    assert (case.state, case.household, case.area, case.department) == ("applied", 3, "450222101", None)
    assert case.id_masked == "4502**********" + APPLICANT.id_number[-4:] and case.name_masked == "韦**"
    assert case.income_per_person_fen == 812_000 and case.bills[0].self_pay_fen == 3_100_000
    # the 民政 account receives applications of its area only when the case is its department's
    with pytest.raises(Forbidden, match="不在本账户的范围"):
        steps.accept_case(ws, case.id, at=at(1), **MINZHENG)
    case = open_case(ws, application(department="民政"), at=at(0), **COUNTY)
    with pytest.raises(Forbidden, match="不能补录办理时间"):  # only the county's clerk enters paper files afterwards
        steps.accept_case(ws, case.id, note="材料齐全", at=at(1), **MINZHENG)
    steps.accept_case(ws, case.id, note="材料齐全", at=at(1), **COUNTY)
    steps.review_case(ws, case.id, Assessment(True), at=at(5), **COUNTY)
    steps.approve_case(ws, case.id, at=at(8), **COUNTY)
    steps.publish_case(ws, case.id, at=at(9), **COUNTY)
    assert get_case(ws, case.id).publicity == (dt.date(2026, 3, 11), dt.date(2026, 3, 17))
    with pytest.raises(MedaidError, match="公示期至 2026-03-17 止，尚未期满，不能发放"):
        steps.pay_case(ws, case.id, 1_234_567, {}, at=at(15), **COUNTY)
    steps.record_objection(ws, case.id, "群众反映申请人家有两辆货车", at=at(12), **COUNTY)
    with pytest.raises(MedaidError, match="有 1 条异议尚未处理"):
        steps.pay_case(ws, case.id, 1_234_567, {}, at=at(17), **COUNTY)
    steps.dismiss_objection(ws, case.id, "入户核实：货车已于 2024 年转让，有过户记录", at=at(14), **COUNTY)
    trace = {"rule": "起付线以上 60%", "self_pay_fen": 3_100_000, "deductible_fen": 1_042_388}
    steps.pay_case(ws, case.id, 1_234_567, trace, paid_on=dt.date(2026, 3, 19), at=at(17), **COUNTY)
    steps.archive_case(ws, case.id, at=at(18), **COUNTY)

    done = get_case(ws, case.id, **FINANCE)  # finance reads
    assert (done.state, done.amount_fen, done.paid_on) == ("archived", 1_234_567, dt.date(2026, 3, 19))
    assert done.amount_trace is not None and done.amount_trace["given"] == trace
    assert (done.amount_trace["method"], done.amount_trace["entered_by"]) == ("经办人手工填写", "医保经办·王")
    assert done.eligibility == Assessment(True).as_dict() and done.to_dict()["amount"] == 12345.67
    history = case_history(ws, case.id, **FINANCE)
    assert [(e.action, e.actor, e.role, e.at, e.to_state) for e in history] == [
        ("open", "医保经办·王", "clerk", at(0), "applied"),
        ("accept", "医保经办·王", "clerk", at(1), "accepted"),
        ("review", "医保经办·王", "clerk", at(5), "reviewed"),
        ("approve", "医保经办·王", "clerk", at(8), "approved"),
        ("publish", "医保经办·王", "clerk", at(9), "publicised"),
        ("object", "医保经办·王", "clerk", at(12), "publicised"),
        ("dismiss_objection", "医保经办·王", "clerk", at(14), "publicised"),
        ("pay", "医保经办·王", "clerk", at(17), "paid"),
        ("archive", "医保经办·王", "clerk", at(18), "archived"),
    ]
    assert history[1].note == "材料齐全" and history[5].reason == "群众反映申请人家有两辆货车"
    assert history[7].detail == {"amount_fen": 1_234_567, "paid_on": "2026-03-19"}
    assert history[1].to_dict()["role_label"] == "医保经办" and history[8].to_dict()["to_state_label"] == "已归档"
    # every step was entered afterwards (补录): the history keeps the real recording time beside the claimed one
    assert all(e.back_dated and e.recorded_at.date() == dt.date.today() for e in history)
    # the audit trail has every step of this case, with who, and still verifies
    trail = [e for e in audit(ws, "救助案件") if e["case"] == case.id]
    assert [(e["action"], e["actor"], e["role"]) for e in trail] == [(e.action, e.actor, e.role) for e in history]
    assert all(e["applicant"] == case.id_masked for e in trail)
    check = verify_audit_log(ws)
    assert check.broken is None and check.checked >= len(history) + 1  # and the first case's 登记申请


def test_a_rejection_needs_a_reason_and_closes_the_case(ws: Path):
    case = open_case(ws, application(), at=at(0), **COUNTY)
    with pytest.raises(MedaidError, match="“不予受理”须写明理由"):
        steps.refuse_case(ws, case.id, "  ", **COUNTY)
    assert get_case(ws, case.id).state == "applied" and len(case_history(ws, case.id)) == 1  # nothing recorded
    steps.refuse_case(ws, case.id, "申请人已纳入特困供养，由特困渠道救助", **COUNTY)
    with pytest.raises(MedaidError) as refused:
        steps.accept_case(ws, case.id, **COUNTY)
    assert refused.value.what == f"案件 {case.id} 当前为“不予救助”，不能受理"
    assert refused.value.fix.startswith("案件状态为“不予救助”，已办结，不能再办理")
    for state, refuse in (("accepted", lambda c: steps.fail_review(ws, c, "家庭人均收入超过低保标准 2 倍",
                                                                   assessment=Assessment(False), **COUNTY)),
                          ("reviewed", lambda c: steps.deny_case(ws, c, "重复申请", **COUNTY))):  # fmt: skip
        other = open_case(ws, application(), at=at(0), **COUNTY)
        walk_to(ws, other.id, state)
        refuse(other.id)
        assert get_case(ws, other.id).state == "rejected"
    assert [c.state for c in list_cases(ws).cases] == ["rejected"] * 3
    assert list_cases(ws).cases[1].eligibility == Assessment(False).as_dict()  # kept with a failed review too


def test_review_needs_an_assessment_and_a_reason_to_pass_an_ineligible_applicant(ws: Path):
    case = open_case(ws, application(), at=at(0), **COUNTY)
    steps.accept_case(ws, case.id, **COUNTY)
    with pytest.raises(MedaidError, match="尚未测算救助资格"):
        steps.take(ws, case.id, "review", **COUNTY)
    with pytest.raises(MedaidError, match="资格测算结果为不符合条件，审核通过须写明理由"):
        steps.review_case(ws, case.id, Assessment(False), **COUNTY)
    steps.review_case(ws, case.id, Assessment(False), reason="有未导入的省外住院票据 3 张，见补充材料", **COUNTY)
    assert get_case(ws, case.id).state == "reviewed"


def test_an_upheld_objection_sends_the_case_back_or_rejects_it(ws: Path):
    back = open_case(ws, application(), at=at(0), **COUNTY)
    walk_to(ws, back.id, "publicised")
    with pytest.raises(MedaidError, match="没有待处理的异议"):
        steps.reopen_case(ws, back.id, "收入需重新核实", **COUNTY)
    steps.record_objection(ws, back.id, "邻居反映其子女在外务工收入未申报", at=at(3), **COUNTY)
    steps.reopen_case(ws, back.id, "核实属实：子女年收入 6 万元未申报，退回重新审核", at=at(4), **COUNTY)
    again = get_case(ws, back.id)
    assert again.state == "accepted" and again.publicity is None
    walk_to(ws, back.id, "archived")  # reviewed, approved and published again, then paid
    assert [e.action for e in case_history(ws, back.id)].count("publish") == 2

    gone = open_case(ws, application(), at=at(0), **COUNTY)
    walk_to(ws, gone.id, "publicised")
    steps.record_objection(ws, gone.id, "申请人名下有商铺两间", **COUNTY)
    steps.overturn_case(ws, gone.id, "核实属实，家庭财产超过规定", **COUNTY)
    assert get_case(ws, gone.id).state == "rejected"


def test_the_applicant_may_withdraw_until_the_payment(ws: Path):
    case = open_case(ws, application(), at=at(0), **COUNTY)
    walk_to(ws, case.id, "approved")
    steps.withdraw_case(ws, case.id, "申请人书面申请撤回：已获慈善救助", **COUNTY)
    assert get_case(ws, case.id).state == "withdrawn"
    paid = open_case(ws, application(), at=at(0), **COUNTY)
    walk_to(ws, paid.id, "paid")
    with pytest.raises(MedaidError, match="当前为“已发放，待归档”，不能撤回申请"):
        steps.withdraw_case(ws, paid.id, "申请人要求撤回", **COUNTY)


def test_roles_and_scope(ws: Path):
    mine = open_case(ws, application(department="民政"), **TOWNSHIP)
    elsewhere = open_case(ws, application(area="450225", department="民政"), at=at(0), **COUNTY)
    with pytest.raises(Forbidden, match="不在本账户的范围"):  # a township clerk registers in its own area
        open_case(ws, application(area="450225"), **TOWNSHIP)
    with pytest.raises(Forbidden, match="不在本账户的范围"):
        steps.accept_case(ws, elsewhere.id, **MINZHENG)
    steps.accept_case(ws, mine.id, **MINZHENG)
    with pytest.raises(Forbidden, match="部门账户不能审核通过"):
        steps.review_case(ws, mine.id, Assessment(True), **MINZHENG)
    with pytest.raises(Forbidden, match="限于本区划或本部门的账户不能审核通过"):  # the township's clerk neither
        steps.review_case(ws, mine.id, Assessment(True), **TOWNSHIP)
    steps.review_case(ws, mine.id, Assessment(True), **COUNTY)
    with pytest.raises(Forbidden, match="财政账户不能受理"):
        steps.accept_case(ws, elsewhere.id, **FINANCE)
    with pytest.raises(Forbidden, match="管理员账户不能查看救助案件"):
        list_cases(ws, actor="admin", role="admin")
    with pytest.raises(Forbidden, match="财政账户不能登记申请"):
        open_case(ws, application(), **FINANCE)
    assert [c.id for c in list_cases(ws, **MINZHENG).cases] == [mine.id]  # 450225 is not in 450222
    assert [c.id for c in list_cases(ws, **TOWNSHIP).cases] == [mine.id]
    assert {c.id for c in list_cases(ws, **FINANCE).cases} == {mine.id, elsewhere.id}
    listed = list_cases(ws, state="审核通过，待审批", **FINANCE)
    assert [c.id for c in listed.cases] == [mine.id] and listed.states["applied"] == 1
    with pytest.raises(Forbidden, match="不在本账户的范围"):
        case_history(ws, elsewhere.id, **TOWNSHIP)


def test_bills_and_documents_with_their_sha256(ws: Path):
    case = open_case(ws, application(), at=at(0), **COUNTY)
    with pytest.raises(MedaidError, match="个人自付大于总费用"):
        add_bills(ws, case.id, [Bill(dt.date(2026, 1, 5), total_fen=80_000, self_pay_fen=90_000)], **COUNTY)
    add_bills(ws, case.id, [Bill(dt.date(2026, 1, 5), total_fen=80_000, self_pay_fen=31_250, hospital="县医院")],
              **COUNTY)  # fmt: skip
    scan = b"%PDF-1.4 " + f"收入证明 {APPLICANT.name} {APPLICANT.id_number}".encode() + bytes(range(256))
    doc = add_document(ws, case.id, "收入证明", "/home/黄/扫描/收入证明.pdf", scan, **TOWNSHIP)
    neutral = f"收入证明-{doc.id}.pdf"  # the uploaded name only encrypted; the openers get it back
    assert (doc.file_name, doc.size, doc.sha256) == (neutral, len(scan), hashlib.sha256(scan).hexdigest())
    assert document_content(ws, case.id, doc.id, **COUNTY) == ("收入证明.pdf", scan)
    with pytest.raises(Forbidden, match="财政账户不能打开申请材料"):
        document_content(ws, case.id, doc.id, **FINANCE)
    with pytest.raises(MedaidError, match="材料类别“发票”无效"):
        add_document(ws, case.id, "发票", "a.pdf", b"x", **COUNTY)
    shown = get_case(ws, case.id)
    assert [b.self_pay_fen for b in shown.bills] == [3_100_000, 31_250] and shown.documents[0].sha256 == doc.sha256
    [material] = [e for e in audit(ws, "救助案件材料") if "document" in e and e["case"] == case.id]
    [looked] = [e for e in audit(ws, "查看救助案件材料") if e["case"] == case.id]
    assert material["sha256"] == looked["sha256"] == doc.sha256
    walk_to(ws, case.id, "reviewed")
    with pytest.raises(MedaidError, match="已过审核，不能再补充票据"):
        add_bills(ws, case.id, [Bill(dt.date(2026, 1, 6), total_fen=1, self_pay_fen=1)], **COUNTY)


def stored_bytes(root: Path) -> bytes:
    """Every value of the case tables and the audit trail, as bytes."""
    from sqlalchemy import text

    out = bytearray()
    with session_for(root) as session:
        for table in ("cases", "case_members", "case_bills", "case_documents", "case_events", "audit_log"):
            for row in session.execute(text(f"SELECT * FROM {table}")):  # the six names above
                for value in row:
                    out += bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode("utf-8")
    return bytes(out)


def test_personal_data_is_never_stored_in_clear(ws: Path):
    case = open_case(ws, application(), at=at(0), **COUNTY)
    add_document(ws, case.id, "身份证明", "id.png", f"{APPLICANT.id_number}{SPOUSE.name}".encode(), **COUNTY)
    scan = f"{APPLICANT.name}_{APPLICANT.id_number}_申请书.pdf"  # scans are named after the person
    doc = add_document(ws, case.id, "申请书", f"/扫描/{scan}", b"%PDF-1.4 x", **COUNTY)
    assert [d.file_name for d in get_case(ws, case.id, **FINANCE).documents] == ["身份证明-1.png", "申请书-2.pdf"]
    assert document_content(ws, case.id, doc.id, **COUNTY)[0] == scan  # those who may open it get the name
    walk_to(ws, case.id, "archived")
    raw = b"".join(p.read_bytes() for p in ws.glob("app.sqlite*"))  # the file, when the database is SQLite
    assert raw or os.environ.get("MEDAID_APP_URL")
    raw += stored_bytes(ws)  # every value of every table, on any database
    assert str(case.id).encode() in raw and case.id_masked.encode() in raw
    for person in (APPLICANT, SPOUSE, CHILD):
        for text in (person.id_number, person.name):
            for encoding in ("utf-8", "utf-16-le", "gb18030"):
                assert text.encode(encoding) not in raw, (text, encoding)
    assert get_case(ws, case.id).members == (("配偶", SPOUSE.id_number[:4] + "*" * 10 + SPOUSE.id_number[-4:], "覃**"),
                                             ("子女", CHILD.id_number[:4] + "*" * 10 + CHILD.id_number[-4:], "覃**"))  # fmt: skip


def test_an_application_is_checked_before_anything_is_stored(ws: Path):
    bad_id = Person(APPLICANT.id_number[:-1] + ("0" if APPLICANT.id_number[-1] != "0" else "1"), "韦秀兰")
    with pytest.raises(MedaidError, match="申请人的身份证号无效"):
        open_case(ws, application(applicant=bad_id), at=at(0), **COUNTY)
    with pytest.raises(MedaidError, match="家庭成员中有重复的人"):
        open_case(ws, application(members=(Member(APPLICANT, "配偶"),)), **COUNTY)
    with pytest.raises(MedaidError, match="未知的救助类别“因病返贫户”"):
        open_case(ws, application(category="因病返贫户"), at=at(0), **COUNTY)
    with pytest.raises(MedaidError, match="家庭收入金额“-1”无效"):
        open_case(ws, application(declaration=Declaration(income_fen=-1)), **COUNTY)
    assert list_cases(ws).count == 0


def test_steps_recorded_afterwards_keep_their_order_and_the_payment_its_day(ws: Path):
    case = open_case(ws, application(), at=at(3), **COUNTY)
    with pytest.raises(MedaidError) as refused:
        steps.accept_case(ws, case.id, at=at(2), **COUNTY)  # a day before the application was recorded
    assert refused.value.what == "“受理”的办理时间 2026-03-04 09:30 早于上一步（2026-03-05 09:30）"
    walk_to(ws, case.id, "publicised")
    until = get_case(ws, case.id).publicity
    assert until is not None
    with pytest.raises(MedaidError, match=f"发放日期 {until[1].isoformat()} 在公示期"):
        steps.pay_case(ws, case.id, 100, {}, paid_on=until[1], at=dt.datetime.combine(until[1], dt.time(23)) +
                       dt.timedelta(hours=2), **COUNTY)  # fmt: skip
    assert get_case(ws, case.id).state == "publicised" and get_case(ws, case.id).amount_fen is None


def test_through_the_services_every_illegal_step_is_refused_and_leaves_no_trace(ws: Path):
    """One case in each state; every action the workflow does not allow there is refused with the case's state,
    and neither the case, its history nor the audit trail changes."""
    from medaid.cases.workflow import MOVES, possible
    from medaid.vocab import CASE_ACTIONS, CASE_STATES

    cases: dict[str, int] = {}
    for state in ("applied", "accepted", "reviewed", "approved", "publicised", "paid", "archived"):
        cases[state] = open_case(ws, application(), at=at(0), **COUNTY).id
        walk_to(ws, cases[state], state)
    cases["rejected"] = open_case(ws, application(), at=at(0), **COUNTY).id
    steps.refuse_case(ws, cases["rejected"], "不属于救助范围", at=at(1), **COUNTY)
    cases["withdrawn"] = open_case(ws, application(), at=at(0), **COUNTY).id
    steps.withdraw_case(ws, cases["withdrawn"], "申请人撤回", at=at(1), **COUNTY)
    before = {s: len(case_history(ws, c)) for s, c in cases.items()}
    trail = verify_audit_log(ws).checked
    refused = 0
    for state, case_id in cases.items():
        assert get_case(ws, case_id).state == state
        for action in MOVES:
            if action in possible(state):
                continue
            with pytest.raises(MedaidError) as err:
                steps.take(ws, case_id, action, reason="理由", amount_fen=100, trace={}, **COUNTY)
            assert err.value.what == f"案件 {case_id} 当前为“{CASE_STATES[state]}”，不能{CASE_ACTIONS[action]}"
            refused += 1
    assert refused == 9 * 14 - 18
    assert {s: len(case_history(ws, c)) for s, c in cases.items()} == before
    assert verify_audit_log(ws).checked == trail
