"""Follow-up visits (回访) through the services, on a fresh workspace with recipient lists imported.

Hefei's report: "完成困难群体回访工作，回访人数1461人，回访率100%" — a plan that visits all recipients,
and a visit rate of visited ÷ planned. Liucheng's: 满意度 from a survey on 非常满意/满意/一般/不满意. A county
clerk plans visits for the 民政 recipients on a day (all of them) or a sample of the survey's size, drawn with a
recorded seed that anyone can redo; records each visit's outcome, needs and satisfaction; the rates come out
as counted by hand. Finance reads only; a department sees its own people; nothing personal is kept in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text

from medaid.cases.visits import Frame, Outcome
from medaid.errors import Forbidden, MedaidError
from medaid.services.audit_log import verify_audit_log
from medaid.services.follow_ups import Scope
from medaid.services.visits import check_draw, list_plans, plan_progress, plan_visits, record_visit, visit_metrics
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.survey.stats import sample_size
from medaid.workspace import Workspace
from tests.case_support import P, visits_county

CLERK = {"actor": "医保经办·王", "role": "clerk"}
FINANCE = {"actor": "财政·陈", "role": "finance"}
CANLIAN = {"actor": "残联·周", "role": "department", "scope": Scope(department="残联")}
TOWNSHIP = {"actor": "乡镇经办·黄", "role": "clerk", "scope": Scope(area="450222102")}
AS_OF = dt.date(2026, 3, 31)
SPRING = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
TODAY = dt.date(2026, 5, 20)
MINZHENG = Frame("recipients", AS_OF, department="民政局")  # an alias: stored as 民政


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace with the lists of case_support.recipients_csv imported, once for the module."""
    return visits_county(tmp_path_factory.mktemp("visits"))


@pytest.fixture
def ws(county: Path, tmp_path: Path) -> Path:
    """A copy of the county for one test: what it records is seen by no other test."""
    return Path(shutil.copytree(county, tmp_path / "ws"))


def audit(root: Path, action: str) -> list[dict[str, object]]:
    with session_for(root) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [{"actor": e.actor, **json.loads(e.detail)} for e in rows]


def masked(i: int) -> str:
    return P[i].id_number[:4] + "*" * 10 + P[i].id_number[-4:]


def test_a_plan_for_all_recipients_of_a_department_takes_the_whole_frame(ws: Path):
    small = Frame("recipients", AS_OF, department="民政局", category="低保")
    plan = plan_visits(ws, "2026年二季度低保对象回访", SPRING, small, **CLERK)
    # P0–P5 only: P8's validity ended before the day, P9 died before it, P6/P7 are 残联's, P10… are 特困
    assert (plan.method, plan.frame_size, plan.planned, plan.seed) == ("all", 6, 6, None)
    assert plan.frame == {"population": "recipients", "as_of": "2026-03-31", "department": "民政",
                          "category": "低保对象", "area": None}  # fmt: skip
    assert plan.frame_text == "救助对象名册（2026-03-31 在册），认定部门 民政，救助类别 低保对象"
    progress = plan_progress(ws, plan.id, **CLERK)
    assert sorted(t.id_masked for t in progress.targets) == sorted(masked(i) for i in range(6))
    assert {t.departments for t in progress.targets} == {"民政"} and progress.targets[0].name_masked.endswith("*")
    assert progress.tally.visit_rate.as_dict() == {"numerator": 0, "denominator": 6, "value": 0.0}
    [entry] = audit(ws, "回访计划")
    assert (entry["actor"], entry["plan"], entry["frame_size"], entry["planned"], entry["method"]) == (
        "医保经办·王",
        plan.id,
        6,
        6,
        "all",
    )
    assert [p.name for p in list_plans(ws, **FINANCE)] == ["2026年二季度低保对象回访"]


def test_a_sample_has_the_survey_size_and_its_draw_can_be_redone_from_the_seed(ws: Path):
    kwargs = {"method": "sample", "margin": Decimal("0.10"), "confidence": Decimal("0.95"), "seed": "2026-Q2"}
    plan = plan_visits(ws, "特困人员抽样回访", SPRING, Frame("recipients", AS_OF, category="特困"), **kwargs, **CLERK)
    # frame: P6, P7 (残联 特困) and P10–P69 (民政 特困) = 62; Cochran ±10 % at 95 %: 96.04 / (1 + 95.04/62) → 38
    assert plan.frame_size == 62 and plan.planned == sample_size(0.10, 62, 0.95) == 38
    assert (plan.seed, plan.margin, plan.confidence) == ("2026-Q2", "0.10", "0.95")
    # the draw by hand: order the frame by SHA-256("2026-Q2:<身份证号>") and take the first 38
    with session_for(ws) as session:
        drawn = [k for (k,) in session.execute(text(
            "SELECT person_key FROM visit_targets WHERE plan_id = :p ORDER BY position"), {"p": plan.id})]  # fmt: skip
    with Workspace.open(ws).connect(read_only=True) as con:
        sql = "SELECT DISTINCT person_key FROM recipients WHERE category = '特困人员'"
        frame = [k for (k,) in con.execute(sql).fetchall()]
    ring = Workspace.open(ws).key()
    number = {ring.person_key(p.id_number): p.id_number for p in P}
    by_hand = sorted(frame, key=lambda k: hashlib.sha256(f"2026-Q2:{number[k]}".encode()).hexdigest())[:38]
    assert drawn == by_hand
    # the same seed on the same frame draws the same people; the check redoes it from the plan's record
    again = plan_visits(ws, "同一抽样再做一次", SPRING, Frame("recipients", AS_OF, category="特困"), **kwargs, **CLERK)
    assert [t.id_masked for t in plan_progress(ws, again.id).targets] == [
        t.id_masked for t in plan_progress(ws, plan.id).targets
    ]
    check = check_draw(ws, plan.id, **FINANCE)
    assert (check.same, check.frame_size_then, check.frame_size_now, check.redrawn) == (True, 62, 62, 38)
    other = plan_visits(ws, "另一种子", SPRING, Frame("recipients", AS_OF, category="特困"),
                        **{**kwargs, "seed": "another"}, **CLERK)  # fmt: skip
    assert {t.id_masked for t in plan_progress(ws, other.id).targets} != {
        t.id_masked for t in plan_progress(ws, plan.id).targets
    }
    # without a seed a new one is drawn at random, and kept
    fresh = plan_visits(ws, "随机种子", SPRING, MINZHENG, method="sample", **CLERK)
    assert fresh.seed and len(fresh.seed) == 16 and check_draw(ws, fresh.id).same
    assert fresh.planned == sample_size(0.05, fresh.frame_size) and audit(ws, "回访计划")[-1]["seed"] == fresh.seed


def visit(satisfaction: str | None = None, needs: tuple[str, ...] = (), **changes: object) -> Outcome:
    base: dict[str, object] = {"outcome": "已回访", "visited_on": dt.date(2026, 5, 12), "visitor": "黄志强",
                               "mode": "入户", "needs": needs, "satisfaction": satisfaction}  # fmt: skip
    return Outcome(**{**base, **changes})  # type: ignore[arg-type]


def test_outcomes_make_the_visit_rate_the_satisfaction_rate_and_the_needs_counted_by_hand(ws: Path):
    plan = plan_visits(ws, "低保对象回访", SPRING, Frame("recipients", AS_OF, department="民政", category="低保"),
                       **CLERK)  # fmt: skip
    t = [x.id for x in plan_progress(ws, plan.id).targets]
    record_visit(ws, plan.id, t[0], visit("非常满意", ("医疗费用负担重", "chronic_card"), needs_text="慢阻肺未办证"),
                 today=TODAY, **CLERK)  # fmt: skip
    record_visit(ws, plan.id, t[1], visit("满意", ("未参保或断缴",), mode="电话"), today=TODAY, **CLERK)
    record_visit(ws, plan.id, t[2], visit("一般"), today=TODAY, **CLERK)
    record_visit(ws, plan.id, t[3], visit(None, note="老人听力差，未答满意度"), today=TODAY, **CLERK)
    record_visit(ws, plan.id, t[4], visit(outcome="未联系上", reason="外出务工，电话停机"), today=TODAY, **CLERK)
    record_visit(ws, plan.id, t[5], visit(outcome="refused", reason="本人表示不需要"), today=TODAY, **CLERK)
    tally = plan_progress(ws, plan.id, **FINANCE).tally
    assert tally.outcomes == {"visited": 4, "unreached": 1, "refused": 1, "pending": 0}
    assert tally.visit_rate.as_dict() == {"numerator": 4, "denominator": 6, "value": round(4 / 6, 6)}
    assert tally.coverage is not None and tally.coverage.as_dict()["denominator"] == 6  # all: ÷ frame = ÷ planned
    # 满意率 = (非常满意 + 满意) ÷ visited people who answered = 2 ÷ 3; the one who did not answer is not counted
    assert tally.satisfaction_rate.as_dict() == {"numerator": 2, "denominator": 3, "value": round(2 / 3, 6)}
    assert tally.answers == {"非常满意": 1, "满意": 1, "一般": 1, "不满意": 0}
    assert tally.as_dict()["needs"] == {"未参保或断缴": 1, "医疗费用负担重": 1, "慢特病证待办理": 1, "待申请医疗救助": 0,
                                        "基本生活困难": 0, "护理照料": 0, "政策咨询": 0, "其他": 0}  # fmt: skip
    # a second attempt reaches the one not reached: the latest record is the outcome, the first is kept
    after = record_visit(ws, plan.id, t[4], visit("不满意", visited_on=dt.date(2026, 5, 19), mode="电话"),
                         today=TODAY, **CLERK)  # fmt: skip
    assert [v.outcome for v in after.visits] == ["unreached", "visited"] and after.to_dict()[
        "outcome_label"
    ] == "已回访"
    progress = plan_progress(ws, plan.id)
    assert progress.tally.visit_rate.numerator == 5 and progress.tally.satisfaction_rate.as_dict()["denominator"] == 4
    assert progress.satisfaction is not None and progress.satisfaction.method == "wilson"  # the survey's interval
    assert progress.to_dict()["satisfaction_interval"]["n"] == 4  # type: ignore[index]
    # every record is in the audit trail, masked, and the trail still verifies
    trail = audit(ws, "回访")
    assert [(e["target"], e["outcome"], e["satisfaction"]) for e in trail] == [
        (t[0], "visited", "非常满意"), (t[1], "visited", "满意"), (t[2], "visited", "一般"), (t[3], "visited", None),
        (t[4], "unreached", None), (t[5], "refused", None), (t[4], "visited", "不满意")]  # fmt: skip
    assert trail[0]["needs"] == ["medical_cost", "chronic_card"] and trail[1]["mode"] == "phone"
    assert all(str(e["person"]).count("*") == 10 for e in trail)
    assert verify_audit_log(ws).broken is None


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (visit(outcome="未联系上"), "“未联系上”须写明原因"),
        (visit("满意", outcome="拒绝回访", reason="不愿意"), "“拒绝回访”时不能登记需求或满意度"),
        (visit("基本满意"), "满意度“基本满意”不在选项中"),
        (visit(needs=("看病难",)), "未知的需求类别“看病难”"),
        (visit(mode="上门"), "未知的回访方式“上门”"),
        (visit(visitor="  "), "未填写回访人"),
        (visit(visited_on=dt.date(2026, 5, 21)), "晚于今天"),
        (visit(visited_on=dt.date(2026, 3, 30)), "早于计划“低保对象回访”的开始日期"),
    ],
)
def test_an_incomplete_or_inconsistent_visit_is_refused_and_nothing_is_recorded(ws: Path, outcome: Outcome,
                                                                                message: str):  # fmt: skip
    plan = plan_visits(ws, "低保对象回访", SPRING, Frame("recipients", AS_OF, category="低保"), **CLERK)
    target = plan_progress(ws, plan.id).targets[0].id
    with pytest.raises(MedaidError, match=message) as refused:
        record_visit(ws, plan.id, target, outcome, today=TODAY, **CLERK)
    assert refused.value.fix
    assert plan_progress(ws, plan.id).tally.outcomes["pending"] == 6 and audit(ws, "回访") == []


def test_clerks_plan_and_record_finance_reads_only_and_a_department_sees_its_own_people(ws: Path):
    plan = plan_visits(ws, "全部救助对象回访", SPRING, Frame("recipients", AS_OF), **CLERK)
    assert plan.frame_size == plan.planned == 68  # P0–P7 and P10–P69
    targets = {t.id_masked: t.id for t in plan_progress(ws, plan.id).targets}
    with pytest.raises(Forbidden, match="财政账户不能登记回访"):
        record_visit(ws, plan.id, targets[masked(0)], visit("满意"), today=TODAY, **FINANCE)
    with pytest.raises(Forbidden, match="财政账户不能制定回访计划"):
        plan_visits(ws, "财政的计划", SPRING, MINZHENG, **FINANCE)
    with pytest.raises(Forbidden, match="部门账户不能登记回访"):
        record_visit(ws, plan.id, targets[masked(6)], visit("满意"), today=TODAY, **CANLIAN)
    # 残联 sees P6 and P7 only, and the rates over them (the frame within its scope: the plan took all of it)
    record_visit(ws, plan.id, targets[masked(6)], visit("满意"), today=TODAY, **CLERK)
    mine = plan_progress(ws, plan.id, **CANLIAN)
    assert sorted(t.id_masked for t in mine.targets) == sorted([masked(6), masked(7)]) and mine.scope == "认定部门 残联"
    assert (mine.tally.visit_rate.as_dict()["value"], mine.tally.coverage.as_dict()["denominator"]) == (0.5, 2)  # type: ignore[union-attr]
    # a township clerk records in its own 区划 only (P3–P5, P6, P7 are in 450222102)
    record_visit(ws, plan.id, targets[masked(3)], visit("满意"), today=TODAY, **TOWNSHIP)
    with pytest.raises(Forbidden, match="不在本账户的范围"):
        record_visit(ws, plan.id, targets[masked(0)], visit("满意"), today=TODAY, **TOWNSHIP)
    # … and a township plan is drawn within its 区划, which the plan records
    own = plan_visits(ws, "乡镇回访", SPRING, Frame("recipients", AS_OF), **TOWNSHIP)
    assert (own.frame["area"], own.planned) == ("450222102", 5)
    with pytest.raises(Forbidden, match="超出本账户的范围"):
        plan_visits(ws, "越界", SPRING, Frame("recipients", AS_OF, area="450222101"), **TOWNSHIP)
    assert plan_progress(ws, plan.id, **FINANCE).tally.visit_rate.numerator == 2  # finance reads everything


def test_a_plan_for_paid_cases_visits_their_applicants(ws: Path):
    from medaid.cases.model import Application, Declaration, Person
    from medaid.services import case_steps as steps
    from medaid.services.cases import open_case

    class Assessment:
        def as_dict(self) -> dict[str, object]:
            return {"eligible": True}

    at = dt.datetime(2026, 1, 5, 9)
    paid = []
    for i in (70, 71, 72):
        app = Application(Person(P[i].id_number, P[i].name), "因病致贫", dt.date(2026, 1, 5), Declaration(1_200_000),
                          area="450222101", department="民政")  # fmt: skip
        case = open_case(ws, app, at=at, **CLERK)
        if i == 72:  # still in 审核: not in the frame
            break
        steps.accept_case(ws, case.id, at=at, **CLERK)
        steps.review_case(ws, case.id, Assessment(), at=at, **CLERK)
        steps.approve_case(ws, case.id, at=at, **CLERK)
        steps.publish_case(ws, case.id, at=at, **CLERK)
        steps.pay_case(ws, case.id, 300_000, {"rule": "测试"}, paid_on=dt.date(2026, 2, 1), at=at + dt.timedelta(days=10),
                       **CLERK)  # fmt: skip
        paid.append(case.id)
    plan = plan_visits(ws, "依申请救助对象回访", SPRING, Frame("paid_cases", AS_OF), **CLERK)
    targets = plan_progress(ws, plan.id, **CLERK).targets
    assert plan.frame_size == plan.planned == 2 and sorted(t.case_id or 0 for t in targets) == paid
    assert {t.id_masked for t in targets} == {masked(70), masked(71)}
    assert plan.to_dict()["population_label"] == "已发放的依申请救助案件"


def test_personal_data_of_visited_people_is_never_stored_in_clear(ws: Path):
    plan = plan_visits(ws, "低保对象回访", SPRING, Frame("recipients", AS_OF, category="低保"), **CLERK)
    for target in plan_progress(ws, plan.id).targets:
        record_visit(ws, plan.id, target.id, visit("满意", note="家中整洁"), today=TODAY, **CLERK)
    raw = b"".join(p.read_bytes() for p in ws.glob("app.sqlite*"))  # the file, when the database is SQLite
    assert raw or os.environ.get("MEDAID_APP_URL")
    with session_for(ws) as session:
        for table in ("visit_plans", "visit_targets", "visit_records", "audit_log"):
            for row in session.execute(text(f"SELECT * FROM {table}")):  # the four names above
                raw += b"".join(bytes(v) if isinstance(v, bytes) else str(v).encode() for v in row)
    assert masked(0).encode() in raw
    for person in P[:6]:
        for value in (person.id_number, person.name):
            for encoding in ("utf-8", "utf-16-le", "gb18030"):
                assert value.encode(encoding) not in raw, (value, encoding)


@pytest.mark.parametrize(
    ("name", "period", "frame", "options", "message"),
    [
        ("  ", SPRING, MINZHENG, {}, "回访计划须有名称"),
        ("回访", (SPRING[1], SPRING[0]), MINZHENG, {}, "回访期间 2026-06-30 至 2026-04-01 无效"),
        (
            "回访",
            SPRING,
            Frame("recipients", AS_OF, category="孤儿"),
            {},
            "回访总体为空：救助对象名册（2026-03-31 在册），救助类别 孤儿",
        ),
        ("回访", SPRING, Frame("recipients", dt.date(2023, 1, 1)), {}, "回访总体为空"),
        ("回访", SPRING, Frame("households", AS_OF), {}, "未知的回访总体“households”"),
        ("回访", SPRING, MINZHENG, {"method": "random"}, "未知的抽样方式“random”"),
        ("回访", SPRING, MINZHENG, {"method": "sample", "margin": Decimal("5")}, "误差界 5 或置信水平 0.95 无效"),
    ],
)
def test_a_plan_that_cannot_be_drawn_is_refused_with_the_fix_and_nothing_is_recorded(
    ws: Path, name: str, period: tuple[dt.date, dt.date], frame: Frame, options: dict[str, object], message: str
):
    with pytest.raises(MedaidError, match=message) as refused:
        plan_visits(ws, name, period, frame, **options, **CLERK)  # type: ignore[arg-type]
    assert refused.value.fix and list_plans(ws) == [] and audit(ws, "回访计划") == []


def test_the_metrics_over_a_period_are_the_plans_tallies_and_carry_their_queries(ws: Path):
    everyone = plan_visits(ws, "全部回访", SPRING, MINZHENG, **CLERK)  # 民政 on the day: P0–P5 and P10–P69 = 66
    sampled = plan_visits(ws, "抽样回访", SPRING, MINZHENG, method="sample", seed="s", **CLERK)
    plan_visits(ws, "下半年", (dt.date(2026, 7, 1), dt.date(2026, 9, 30)), MINZHENG, **CLERK)  # another period
    for plan, answers in ((everyone, ("非常满意", "不满意", None)), (sampled, ("满意", "一般"))):
        targets = plan_progress(ws, plan.id).targets
        for target, answer in zip(targets, answers, strict=False):
            record_visit(ws, plan.id, target.id, visit(answer, ("living",) if answer == "不满意" else ()),
                         today=TODAY, **CLERK)  # fmt: skip
        record_visit(ws, plan.id, targets[-1].id, visit(outcome="refused", reason="不在家"), today=TODAY, **CLERK)
    values = {m.name: m for m in visit_metrics(ws, dt.date(2026, 4, 1), dt.date(2026, 6, 30), **FINANCE)}
    planned = everyone.planned + sampled.planned
    assert everyone.planned == 66 and sampled.planned == sample_size(0.05, 66) == 57
    # by hand: 3 + 2 visited of 66 + 57 planned; the "all" plan covers 3 of its frame of 66; 满意率 (1 + 1) ÷ 4
    assert (values["visit_rate"].numerator, values["visit_rate"].denominator) == (5, planned)
    assert (values["visit_coverage"].numerator, values["visit_coverage"].denominator) == (3, 66)
    assert (values["visit_satisfaction_rate"].numerator, values["visit_satisfaction_rate"].denominator) == (2, 4)
    assert values["visit_satisfaction_rate"].value == 50.0 and values["visit_needs_found"].numerator == 1
    tallies = [plan_progress(ws, p.id).tally for p in (everyone, sampled)]
    assert (
        sum(t.visit_rate.numerator for t in tallies) == 5 and sum(t.visit_rate.denominator for t in tallies) == planned
    )
    numerator, denominator = values["visit_rate"].queries
    assert ":workspace" in numerator and "visit_records" in numerator and "visit_records" not in denominator
    assert (
        values["visit_satisfaction_rate"].formula == "回访中答“非常满意”或“满意”的人数 ÷ 回访中回答满意度的人数 × 100%"
    )
    with pytest.raises(Forbidden, match="回访指标按整个工作区计算"):
        visit_metrics(ws, dt.date(2026, 4, 1), dt.date(2026, 6, 30), **CANLIAN)
