"""The metrics of 依申请救助 cases (issue 15 item 5), on cases built through the services with their dates.

Ten cases of 2022–2023 under a policy file whose ``deadlines`` give 受理 5 and 审核 3 working days and 发放 10
working days after the publication (审批, 公示 and 归档 have none): late ones, deadlines across weekends, 清明
(2023-04-05), 国庆 (2023-09-29..10-06 with the 调休 working Saturday and Sunday 2023-10-07/08) and the Spring
Festival, cross-year payments, rejections at 审核, 审批 and on an objection, a withdrawal, cases from warnings.
Every expected figure is computed by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from medaid.cases.case_metrics import CaseMetric, percentile_inc
from medaid.cases.deadlines import due
from medaid.cases.model import Application, Bill, Declaration, Person
from medaid.cases.visits import Frame, Outcome
from medaid.ingest.idnumber import check_char
from medaid.policy.load import load_policy
from medaid.policy.params import default_dir
from medaid.services import case_steps as steps
from medaid.services.case_metrics import case_metrics
from medaid.services.cases import open_case, open_from_warning
from medaid.services.follow_ups import Scope
from medaid.services.visits import plan_progress, plan_visits, record_visit, visit_metrics
from medaid.store.accounts import AccessDenied
from medaid.store.app import AppWarning, session_for
from medaid.workspace import Workspace

D = dt.date
CLERK = {"actor": "医保经办·王", "role": "clerk"}
SOURCE = "测试县依申请救助办理时限（测试医保〔2023〕1号）"


class Assessment:
    def as_dict(self) -> dict[str, object]:
        return {"eligible": True, "reasons": ["测试"]}


def person(n: int) -> Person:
    first17 = f"45022219700101{n:03d}"
    return Person(first17 + check_char(first17), f"测试{n}")


def at(day: D) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0))


def application(n: int, applied_on: D, *bill_days: D) -> Application:
    bills = tuple(Bill(b, total_fen=1_000_000, self_pay_fen=500_000) for b in bill_days)
    return Application(applicant=person(n), category="因病致贫", applied_on=applied_on,
                       declaration=Declaration(income_fen=1_000_000), bills=bills)  # fmt: skip


def walk(root: Path, case_id: int, **days: D) -> None:
    """The main path, each step on its day (accept, review, approve, publish, pay, archive), as far as given."""
    actions = {
        "accept": lambda d: steps.accept_case(root, case_id, at=at(d), **CLERK),
        "review": lambda d: steps.review_case(root, case_id, Assessment(), at=at(d), **CLERK),
        "approve": lambda d: steps.approve_case(root, case_id, at=at(d), **CLERK),
        "publish": lambda d: steps.publish_case(root, case_id, at=at(d), **CLERK),
        "pay": lambda d: steps.pay_case(root, case_id, 100_000, {"rule": "测试"}, at=at(d), **CLERK),
        "archive": lambda d: steps.archive_case(root, case_id, at=at(d), **CLERK),
    }
    for action, day in days.items():
        actions[action](day)


def warning(root: Path, n: int, as_of: D) -> int:
    ring = Workspace.open(root).key()
    number = person(n).id_number
    now = at(as_of)
    with session_for(root) as session:
        row = AppWarning(workspace_year=as_of.year, as_of=as_of, person_key=ring.person_key(number),
                         id_masked=number[:4] + "**********" + number[-4:], name_masked="测*", group="一般人群",
                         departments="", amount_fen=5_000_000, threshold_fen=3_000_000, reason="测试", state="pushed",
                         created_at=now, updated_at=now)  # fmt: skip
        session.add(row)
        session.flush()
        return int(row.id)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Workspace.init(tmp_path_factory.mktemp("case-metrics") / "ws", year=2023).root
    template = (default_dir() / "default" / "2023-01-01.yaml").read_text(encoding="utf-8")
    block = (f"deadlines:\n  source: {SOURCE}\n  date: 2023-01-01\n"
             "  steps: {受理: 5, 审核: 3, 发放: 10}\n")  # fmt: skip
    policy, found = re.subn(r"^deadlines:.*?\n(?=\S)", block, template, count=1, flags=re.M | re.S)
    assert found == 1
    (root / "policy.yaml").write_text(policy, encoding="utf-8")
    settings = (root / "medaid.yaml").read_text(encoding="utf-8")
    (root / "medaid.yaml").write_text(settings.replace("policy: null", f"policy: {root / 'policy.yaml'}"),
                                      encoding="utf-8")  # fmt: skip
    # A: applied Wed 09-27; 受理 due 10-10 across 国庆 (09-28, then 10-07 and 10-08 调休, 10-09, 10-10): done that day,
    # on time; 审核 due 10-13, done Mon 10-16: late; 发放 due 10-31, paid 10-25. 28 days. Bills 2022-12 and 2023-08.
    a = open_case(root, application(1, D(2023, 9, 27), D(2022, 12, 20), D(2023, 8, 1)), at=at(D(2023, 9, 27)), **CLERK)
    walk(root, a.id, accept=D(2023, 10, 10), review=D(2023, 10, 16), approve=D(2023, 10, 17),
         publish=D(2023, 10, 17), pay=D(2023, 10, 25), archive=D(2023, 10, 26))  # fmt: skip
    # B: applied Fri 03-03; 受理 due Fri 03-10 (weekend skipped), done Mon 03-13: late; 审核 due 03-16, done 03-14;
    # published 03-15, 发放 due 03-29, paid 04-03: late. 31 days. Bills of 2022 only: cross-year.
    b = open_case(root, application(2, D(2023, 3, 3), D(2022, 11, 20), D(2022, 12, 15)), at=at(D(2023, 3, 3)), **CLERK)
    walk(root, b.id, accept=D(2023, 3, 13), review=D(2023, 3, 14), approve=D(2023, 3, 15), publish=D(2023, 3, 15),
         pay=D(2023, 4, 3))  # fmt: skip
    # C: applied 2022-06-01, its steps of 2022 are outside the period; published Mon 2023-01-30, 发放 due 02-13
    # (after the Spring Festival), paid 02-10: on time. 254 days. Bills 2021 and 2022: cross-year.
    c = open_case(root, application(3, D(2022, 6, 1), D(2021, 12, 1), D(2022, 5, 1)), at=at(D(2022, 6, 1)), **CLERK)
    walk(root, c.id, accept=D(2022, 6, 2), review=D(2022, 6, 6), approve=D(2022, 6, 7), publish=D(2023, 1, 30),
         pay=D(2023, 2, 10))  # fmt: skip
    # D: applied Mon 04-03, accepted 04-04; 审核 due 04-10 (04-05 清明 skipped): 审核不通过 on 04-10, on time.
    d = open_case(root, application(4, D(2023, 4, 3), D(2023, 3, 1)), at=at(D(2023, 4, 3)), **CLERK)
    walk(root, d.id, accept=D(2023, 4, 4))
    steps.fail_review(root, d.id, "家庭人均收入超过标准", at=at(D(2023, 4, 10)), **CLERK)
    # E: withdrawn before 受理: neither decided nor a 受理 pass.
    e = open_case(root, application(5, D(2023, 5, 4), D(2023, 4, 1)), at=at(D(2023, 5, 4)), **CLERK)
    steps.withdraw_case(root, e.id, "申请人书面撤回", at=at(D(2023, 5, 8)), **CLERK)
    # F: from warning 1 (2023-06-30): paid 07-14, 11 days, not archived.
    w1, w2 = warning(root, 6, D(2023, 6, 30)), warning(root, 7, D(2023, 6, 30))
    warning(root, 8, D(2023, 9, 30))  # pushed, no case
    warning(root, 9, D(2022, 6, 30))  # pushed before the period
    f = open_from_warning(root, w1, application(6, D(2023, 7, 3), D(2023, 6, 10)), at=at(D(2023, 7, 3)), **CLERK)
    walk(root, f.id, accept=D(2023, 7, 4), review=D(2023, 7, 5), approve=D(2023, 7, 6), publish=D(2023, 7, 6),
         pay=D(2023, 7, 14))  # fmt: skip
    # G: from warning 2, applied Wed 12-20, still waiting for 受理 due Wed 12-27: late on 12-31.
    open_from_warning(root, w2, application(7, D(2023, 12, 20), D(2023, 12, 1)), at=at(D(2023, 12, 20)), **CLERK)
    # H: approved, then an upheld objection rejects it: the 发放 pass is interrupted.
    h = open_case(root, application(10, D(2023, 8, 1), D(2023, 7, 1)), at=at(D(2023, 8, 1)), **CLERK)
    walk(root, h.id, accept=D(2023, 8, 2), review=D(2023, 8, 3), approve=D(2023, 8, 4), publish=D(2023, 8, 4))
    steps.record_objection(root, h.id, "群众反映有车辆", at=at(D(2023, 8, 7)), **CLERK)
    steps.overturn_case(root, h.id, "核实有营运车辆", at=at(D(2023, 8, 8)), **CLERK)
    # I: 审批不通过.
    i = open_case(root, application(11, D(2023, 11, 1), D(2023, 10, 1)), at=at(D(2023, 11, 1)), **CLERK)
    walk(root, i.id, accept=D(2023, 11, 2), review=D(2023, 11, 3))
    steps.deny_case(root, i.id, "不符合条件", at=at(D(2023, 11, 6)), **CLERK)
    # J: accepted Fri 12-29, waiting for 审核 due 2024-01-04 (01-01 holiday): not due within the period.
    j = open_case(root, application(12, D(2023, 12, 28), D(2023, 12, 1)), at=at(D(2023, 12, 28)), **CLERK)
    walk(root, j.id, accept=D(2023, 12, 29))
    # 回访 of the cases paid by 10-31 (A, B, C, F), planned for November: 满意, 一般, not reached, not yet visited
    plan = plan_visits(root, "2023年依申请救助回访", (D(2023, 11, 1), D(2023, 11, 30)),
                       Frame("paid_cases", D(2023, 10, 31)), **CLERK)  # fmt: skip
    targets = [t.id for t in plan_progress(root, plan.id, **CLERK).targets]
    assert len(targets) == 4
    for target, (outcome, answer, reason) in zip(targets, (("visited", "满意", None), ("visited", "一般", None),
                                                             ("未联系上", None, "电话停机")), strict=False):  # fmt: skip
        record_visit(root, plan.id, target, Outcome(outcome, D(2023, 11, 20), "回访员", "phone", satisfaction=answer,
                                                    reason=reason), today=D(2023, 11, 20), **CLERK)  # fmt: skip
    return root


def by_name(root: Path, **kw: Any) -> dict[str, CaseMetric]:
    return {m.name: m for m in case_metrics(root, D(2023, 1, 1), D(2023, 12, 31), **kw)}


def test_the_deadlines_of_the_cases_cross_weekends_holidays_and_adjusted_working_days(ws: Path) -> None:
    rules = load_policy(ws / "policy.yaml").deadlines
    assert due("受理", D(2023, 9, 27), rules) == D(2023, 10, 10)  # 09-28, 10-07 (Sat), 10-08 (Sun), 10-09, 10-10
    assert due("受理", D(2023, 3, 3), rules) == D(2023, 3, 10)
    assert due("审核", D(2023, 4, 4), rules) == D(2023, 4, 10)  # 04-06, 04-07, 04-10: 清明 skipped
    assert due("发放", D(2023, 1, 30), rules) == D(2023, 2, 13)
    assert due("受理", D(2023, 12, 20), rules) == D(2023, 12, 27)
    assert due("审核", D(2023, 12, 29), rules) == D(2024, 1, 4)
    assert due("审批", D(2023, 12, 29), rules) is None


def test_percentile_inc_is_excels() -> None:
    assert percentile_inc([11, 28, 31, 254], 0.5) == 29.5  # MEDIAN
    assert percentile_inc([11, 28, 31, 254], 0.9) == pytest.approx(187.1)  # rank 2.7: 31 + 0.7 × 223
    assert percentile_inc([5], 0.9) == 5 and percentile_inc([1, 2, 3, 4, 5], 0.25) == 2
    with pytest.raises(ValueError):
        percentile_inc([], 0.5)


def test_days_from_application_to_payment_for_the_cases_paid_in_the_period(ws: Path) -> None:
    found = by_name(ws)
    median, p90 = found["application_to_payment_median_days"], found["application_to_payment_p90_days"]
    # paid in 2023: A 28, B 31, C 254 (applied 2022), F 11
    assert sorted(median.values) == [11, 28, 31, 254] and median.denominator == 4
    assert median.value == 29.5 and p90.value == pytest.approx(187.1) and median.unit == "天"
    assert "paid_on BETWEEN :start AND :end" in median.queries[0].sql


def test_cross_year_payments_count_on_the_latest_bill(ws: Path) -> None:
    share = by_name(ws)["cross_year_payment_share"]
    # B (latest bill 2022-12-15) and C (2022-05-01) of A, B, C, F; A has a 2022 bill too, but its latest is of 2023
    assert (share.numerator, share.denominator, share.value) == (2, 4, 50.0)


def test_overdue_rate_per_step_and_none_where_the_policy_sets_no_limit(ws: Path) -> None:
    found = by_name(ws)
    accept, review, pay = found["overdue_rate_accept"], found["overdue_rate_review"], found["overdue_rate_pay"]
    # 受理 done in 2023: A, B (late), D, F, H, I, J, and G still waiting past 12-27 (late): 2 of 8
    assert (accept.numerator, accept.denominator, accept.value) == (2, 8, 25.0)
    # 审核: A (late), B, D, F, H, I; J's is due in 2024, C's was done in 2022: 1 of 6
    assert (review.numerator, review.denominator) == (1, 6) and review.value == pytest.approx(100 / 6)
    # 发放: A, B (late), C, F; H's publication ended with an upheld objection: 1 of 4
    assert (pay.numerator, pay.denominator, pay.value) == (1, 4, 25.0)
    for step in ("approve", "publicise", "archive"):
        free = found[f"overdue_rate_{step}"]
        assert free.value is None and free.note is not None and "未规定" in free.note
    assert any(SOURCE in key and "2023-01-01" in key and "policy.yaml" in key for key in accept.policy)
    # every step here was recorded now with its 2023 day (补录): the passes done in the period are all back-dated
    assert (accept.extra["back_dated"], review.extra["back_dated"], pay.extra["back_dated"]) == (7, 6, 4)
    # on 12-26 G's 受理 (due 12-27) is not late yet and not counted
    early = by_name(ws, today=D(2023, 12, 26))["overdue_rate_accept"]
    assert (early.numerator, early.denominator) == (1, 7)


def test_approval_rate_and_conversion_from_warnings(ws: Path) -> None:
    found = by_name(ws)
    approval = found["case_approval_rate"]
    # applied in 2023: approved or later A, B, F; rejected D, H, I; E withdrawn, G and J undecided, C of 2022
    assert (approval.numerator, approval.denominator, approval.value) == (3, 6, 50.0)
    conversion, paid = found["warning_conversion_rate"], found["warning_paid_rate"]
    # warnings of 2023: three, two with a case (F, G), one of them paid (F)
    assert (conversion.numerator, conversion.denominator) == (2, 3) and conversion.value == pytest.approx(200 / 3)
    assert (paid.numerator, paid.denominator, paid.value) == (1, 2, 50.0)


def test_the_queries_rerun_on_the_app_database_give_the_figures(ws: Path) -> None:
    from sqlalchemy import text

    found = by_name(ws)
    with session_for(ws) as session:
        for metric in (found["case_approval_rate"], found["warning_conversion_rate"]):
            top, bottom = (session.execute(text(q.sql), q.params).scalar_one() for q in metric.queries)
            assert (top, bottom) == (metric.numerator, metric.denominator)
        rows = session.execute(text(found["cross_year_payment_share"].queries[0].sql),
                               found["cross_year_payment_share"].queries[0].params).all()  # fmt: skip
        assert len(rows) == 4
    shown = found["application_to_payment_median_days"].to_dict()
    assert shown["queries"][0]["params"]["start"] == "2023-01-01" and shown["value"] == 29.5  # type: ignore[index]


def test_visit_metrics_are_those_of_the_visits_module(ws: Path) -> None:
    found = by_name(ws)
    visits = {m.name: m for m in visit_metrics(ws, D(2023, 1, 1), D(2023, 12, 31), **CLERK)}
    # 4 planned, 2 visited; of the 2 who answered, 1 satisfied (满意; 一般 is not)
    assert (found["visit_rate"].numerator, found["visit_rate"].denominator, found["visit_rate"].value) == (2, 4, 50.0)
    satisfied = found["visit_satisfaction_rate"]
    assert (satisfied.numerator, satisfied.denominator, satisfied.value) == (1, 2, 50.0)
    for name in ("visit_rate", "visit_satisfaction_rate"):
        assert (found[name].numerator, found[name].denominator) == (visits[name].numerator, visits[name].denominator)
        assert found[name].queries[0].sql == visits[name].queries[0]


def test_only_whole_workspace_readers_see_the_metrics(ws: Path) -> None:
    with pytest.raises(AccessDenied):
        case_metrics(ws, D(2023, 1, 1), D(2023, 12, 31), actor="乡镇", role="clerk", scope=Scope(area="450222101"))
    with pytest.raises(Exception, match="早于开始日期"):
        case_metrics(ws, D(2023, 12, 31), D(2023, 1, 1), **CLERK)


def test_working_days_from_application_to_approval(ws: Path) -> None:
    found = by_name(ws)
    median, p90 = (
        found["application_to_approval_median_working_days"],
        found["application_to_approval_p90_working_days"],
    )
    # approved in 2023: A 09-27 → 10-17: 09-28, 10-07, 10-08, 10-09..13, 10-16, 10-17 = 10; B 03-03 → 03-15: 8;
    # F 07-03 → 07-06: 3; H 08-01 → 08-04: 3 (rejected later, but approved); C was approved in 2022, I denied
    assert sorted(median.values) == [3, 3, 8, 10] and median.unit == "个工作日"
    assert median.value == 5.5 and p90.value == pytest.approx(9.4)  # rank 2.7: 8 + 0.7 × 2


# --- the metrics in an evaluation: bound by name to a framework's indicators -----------------------------------

FRAMEWORK = """\
title: 测试县依申请救助时效评价
indicators:
  - name: 产出
    weight: 3
    children:
      - name: 依申请救助审批办结时限
        weight: 1
        unit: 个工作日
        target: "≤20个工作日"
        rule: ≤20个工作日得满分，每超过1个工作日扣0.1分，扣完为止
        metric: application_to_approval_p90_working_days
      - name: 依申请救助跨年度发放占比
        weight: 1
        unit: "%"
        target: "=0%"
        rule: =0%得满分，每高于1个百分点扣0.1分，扣完为止
        metric: cross_year_payment_share
      - name: 救助对象回访率
        weight: 1
        unit: "%"
        target: "=100%"
        rule: 100%完成得1分，每低于1个百分点扣0.01分，扣完为止
        metric: visit_rate
"""


def test_the_year_values_are_the_case_metrics_for_the_evaluation(ws: Path) -> None:
    from decimal import Decimal

    from medaid.evaluation.case_metric_names import CASE_METRICS
    from medaid.services.case_metrics import year_values

    values = {v.metric.name: v for v in year_values(ws, 2023, today=D(2024, 3, 1))}
    assert sorted(values) == sorted(CASE_METRICS)  # one vocabulary: every name the binding knows, and no other
    p90 = values["application_to_payment_p90_days"]
    assert p90.value == Decimal("187.1") and p90.text() == "187.1天" and p90.inputs["values"] == [28, 31, 254, 11]
    approval = values["application_to_approval_p90_working_days"]
    assert approval.text() == "9.4个工作日" and approval.denominator == 4
    share = values["cross_year_payment_share"]
    assert (share.numerator, share.denominator, share.text()) == (Decimal(2), Decimal(4), "50.00%")
    assert "paid_on BETWEEN :start AND :end" in share.queries[0] and ":start = 2023-01-01" in share.queries[0]
    assert share.inputs["period"] == "2023-01-01 至 2023-12-31"
    assert any(SOURCE in p for p in values["overdue_rate_accept"].inputs["policy"])  # type: ignore[attr-defined]
    assert values["overdue_rate_approve"].value is None and "未规定" in (values["overdue_rate_approve"].note or "")


def test_a_framework_binds_the_case_metrics_and_scores_them(ws: Path, tmp_path: Path) -> None:
    from medaid.analytics.binding import bind
    from medaid.evaluation import audit, load_framework
    from medaid.services.case_metrics import year_values

    path = tmp_path / "时效.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    binding = bind(load_framework(path), Workspace.open(ws), 2023, computed=year_values(ws, 2023))
    assert {(p[-1], a) for p, _, a in binding.bound} == {
        ("依申请救助审批办结时限", "9.4个工作日"), ("依申请救助跨年度发放占比", "50.00%"), ("救助对象回访率", "50.00%")
    }  # fmt: skip
    scores = {n.indicator.name: n.score for n in audit(binding.framework).scored.walk() if not n.children}
    # 9.4 ≤ 20: full; 50 points above 0 %: 1 − 5 → 0; 50 points below 100 %: 1 − 0.5
    assert scores == {"依申请救助审批办结时限": 1, "依申请救助跨年度发放占比": 0, "救助对象回访率": 0.5}


def test_without_the_cases_values_the_indicators_say_how_to_fill_them(ws: Path, tmp_path: Path) -> None:
    from medaid.analytics.binding import bind
    from medaid.evaluation import load_framework
    from medaid.evaluation.case_metric_names import HOW_TO_FILL_CASES

    path = tmp_path / "时效.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    binding = bind(load_framework(path), Workspace.open(ws), 2023, computed=[])
    assert binding.bound == [] and {w for _, _, w in binding.unavailable} == {HOW_TO_FILL_CASES}
    # as the evaluation gives them: a year without cases has values without a number, each saying why and how
    from medaid.services.case_metrics import year_values

    empty = bind(load_framework(path), Workspace.open(ws), 2021, computed=year_values(ws, 2021))
    assert empty.bound == [] and len(empty.unavailable) == 3
    assert all(w.endswith(f"（{HOW_TO_FILL_CASES}）") and len(w) > len(HOW_TO_FILL_CASES) + 2
               for _, _, w in empty.unavailable)  # fmt: skip


def test_the_templates_bind_the_approval_time_limit_to_the_cases() -> None:
    from medaid.evaluation import load_framework
    from medaid.evaluation.catalog import resolve

    for ref, name in (("templates/self_evaluation", "依申请救助审批办结时限"),
                      ("templates/department_overall", "依申请医疗救助审批办结时限"),
                      ("examples/county_2023_financial", "依申请救助审批办结时限")):  # fmt: skip
        leaf = next(n for n in load_framework(resolve(ref)).walk() if n.name == name)
        assert leaf.metric == "application_to_approval_p90_working_days" and leaf.target is not None
        assert leaf.target.text == "≤20个工作日"


def test_a_step_recorded_more_than_a_day_after_its_day_is_back_dated() -> None:
    from medaid.cases.case_metrics import step_spans

    def row(action: str, source: str | None, target: str, day: str, recorded: str) -> tuple[object, ...]:
        return (1, "2023-03-01", "accepted", action, source, target, day, recorded)

    spans = step_spans([row("apply", None, "applied", "2023-03-01 09:00:00", "2023-03-01 09:00:00"),
                        row("accept", "applied", "accepted", "2023-03-02 10:00:00", "2023-03-03 09:00:00")])  # fmt: skip
    assert [(s.step, s.back_dated) for s in spans] == [("accept", False), ("review", False)]  # within a day
    spans = step_spans([row("apply", None, "applied", "2023-03-01 09:00:00", "2023-03-01 09:00:00"),
                        row("accept", "applied", "accepted", "2023-03-02 10:00:00", "2023-03-03 10:00:01")])  # fmt: skip
    assert spans[0].back_dated


def test_the_pages_cache_renews_when_a_case_or_a_visit_changes(tmp_path: Path) -> None:
    """The web keeps an evaluation while ``data_version`` stays the same: a case step, a bill or a visit renews it."""
    from medaid.services.state import data_version

    root = Workspace.init(tmp_path / "ws", year=2023).root
    first = data_version(root)
    case = open_case(root, application(1, D(2023, 3, 1), D(2023, 2, 1)), at=at(D(2023, 3, 1)), **CLERK)
    opened = data_version(root)
    steps.accept_case(root, case.id, at=at(D(2023, 3, 2)), **CLERK)
    accepted = data_version(root)
    walk(root, case.id, review=D(2023, 3, 3), approve=D(2023, 3, 6), publish=D(2023, 3, 6), pay=D(2023, 3, 20))
    plan_visits(root, "回访", (D(2023, 4, 1), D(2023, 4, 30)), Frame("paid_cases", D(2023, 3, 31)), **CLERK)
    assert len({first, opened, accepted, data_version(root)}) == 4
    assert data_version(root) == data_version(root)  # nothing changed: the same version, the cache is used


def test_a_rate_is_rounded_half_up_from_its_counts_not_from_a_float() -> None:
    from decimal import Decimal

    from medaid.services.case_metrics import _value

    # 23 ÷ 160 = 14.375 %: the float 14.374999… would round down; the counts give 14.38 %
    rate = CaseMetric("case_approval_rate", "依申请救助审批通过率", "%", "通过 ÷ 决定", 23 / 160 * 100, 23, 160, ())
    assert _value(rate, D(2023, 1, 1), D(2023, 12, 31)).value == Decimal("14.38")
    median = CaseMetric("application_to_payment_median_days", "申请至发放天数（中位数）", "天", "中位数", 29.5, None, 4,
                        (), values=(11, 28, 31, 254), extra={"percentile": 0.5})  # fmt: skip
    assert _value(median, D(2023, 1, 1), D(2023, 12, 31)).text() == "29.5天"
