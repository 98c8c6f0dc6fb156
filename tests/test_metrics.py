"""Metrics from data, checked against the seed reports' own figures, and bound to a framework."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import ibis
import pytest

from medaid.analytics.binding import bind, compute_all
from medaid.demo.people import make_people
from medaid.evaluation import audit, load_framework
from medaid.services.imports import import_file
from medaid.workspace import Workspace

A, B, C, D = make_people(4, seed=31)

# Liucheng 2023 (seed 001): income 2273.18万 incl. 利息 61828.84 元, spending 2649.26万,
# 累计结余 111.82万 → 上年结余 = 111.82 + 2649.26 − 2273.18 = 487.90万.
FUND = [
    "2023-01-01,收入,上年结余,4879000.00,期初",
    "2023-03-28,收入,中央补助资金,14640000.00,桂财社〔2022〕140号",
    "2023-05-30,收入,自治区补助资金,2530000.00,桂财社〔2022〕130号",
    "2023-07-13,收入,县级配套资金,5500000.00,柳城财政〔2023〕9号",
    "2023-12-21,收入,利息收入,61828.84,",
    "2023-12-31,支出,住院救助,20421473.57,",
    "2023-12-31,支出,门诊救助,2608502.14,",
    "2023-12-31,支出,资助参保,3462630.00,",
]


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


def make_workspace(tmp_path: Path) -> Workspace:
    """The hand-made data of these tests (also used by the Spark parity test)."""
    ws = Workspace.init(tmp_path / "ws", region="柳城县", year=2023)
    settings = (ws.root / "medaid.yaml").read_text(encoding="utf-8")
    settings = settings.replace(
        "  planned: {}\n",
        "  planned:\n    中央补助资金: 14640000\n    自治区补助资金: 2530000\n    县级配套资金: 5500000\n",
    )
    (ws.root / "medaid.yaml").write_text(settings, encoding="utf-8")
    ws = Workspace.open(ws.root)
    import_file(ws.root, "fund", write(tmp_path / "f.csv", "日期,方向,科目,金额,备注", FUND))
    import_file(ws.root, "recipients", write(tmp_path / "r.csv", "身份证号,姓名,救助类别,认定部门,生效日期", [
        f"{A.id_number},{A.name},低保对象,民政,2023-01-01",
        f"{B.id_number},{B.name},特困人员,民政,2023-01-01",
        f"{C.id_number},{C.name},防止返贫监测对象,乡村振兴,2023-01-01",
    ]))  # fmt: skip
    import_file(ws.root, "subsidies", write(tmp_path / "sub.csv", "身份证号,年度,救助类别,个人缴费标准,资助金额", [
        f"{A.id_number},2023,低保对象,350,315",
        f"{B.id_number},2023,特困人员,350,350",
    ]))  # fmt: skip
    header = "结算编号,身份证号,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付,是否一站式结算,是否异地"
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", header, [
        f"S1,{A.id_number},住院,二级,2023-03-01,10000.00,9000.00,6000.00,0,2100.00,是,否",
        f"S2,{A.id_number},门诊,一级,2023-04-01,200.00,200.00,100.00,0,70.00,否,否",
        f"S3,{B.id_number},住院,三级,2023-05-01,20000.00,18000.00,10000.00,2000.00,5400.00,是,是",
        f"S4,{D.id_number},门诊,一级,2023-05-02,300.00,250.00,150.00,0,0,,否",
    ]))  # fmt: skip
    return ws


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path)


def test_fund_metrics_reproduce_liucheng_figures(ws):
    values = {v.metric.name: v for v in compute_all(ws, 2023)}
    assert values["fund_income"].value == Decimal("22731828.84")
    assert values["fund_spending"].value == Decimal("26492605.71")
    assert values["current_balance"].value == Decimal("-3760776.87")  # 当期收不抵支 376.08万
    assert values["cumulative_balance"].value == Decimal("1118223.13")  # 累计结余 111.82万
    assert values["rollover_balance_rate"].text() == "4.93%"  # 111.82 / 2267
    assert values["spending_progress"].text() == "95.95%"  # 2649.26 / 2761.08
    assert values["months_of_coverage"].text() == "0.51个月"  # under one month
    assert values["fund_arrival_rate"].text() == "100.00%"
    assert values["budget_execution_rate"].text() == "116.86%"  # against the planned 2267万 only


def test_assistance_and_subsidy_metrics(ws):
    values = {v.metric.name: v for v in compute_all(ws, 2023)}
    assert values["assistance_visits"].value == 3
    assert values["assistance_visits_inpatient"].value == 2
    assert values["assistance_people"].value == 2
    assert values["assistance_amount"].value == Decimal("7570")
    assert values["assistance_per_visit"].text() == "2,523.33元"
    assert values["subsidy_people"].value == 2
    assert values["subsidy_amount"].value == Decimal("665")
    assert values["subsidy_completion_rate"].text() == "66.67%"  # 2 of 3 eligible
    assert values["one_stop_settlement_rate"].text() == "66.67%"
    assert values["out_of_area_visits"].value == 1
    # 重点救助对象 inpatient: (2100 + 5400) / ((9000 − 6000) + (18000 − 10000 − 2000))
    assert values["key_recipient_assistance_ratio"].text() == "83.33%"
    # every value says how it was computed
    for v in values.values():
        assert v.metric.formula and v.queries and v.inputs["year"] == 2023


def test_missing_planned_budget_is_said_not_guessed(tmp_path):
    ws = make_workspace(tmp_path)
    settings = (ws.root / "medaid.yaml").read_text(encoding="utf-8")
    start = settings.index("  planned:")
    end = settings.index("  opening_balance")
    (ws.root / "medaid.yaml").write_text(settings[:start] + settings[end:], encoding="utf-8")
    values = {v.metric.name: v for v in compute_all(Workspace.open(ws.root), 2023)}
    assert values["fund_arrival_rate"].value is None and values["fund_income"].value is not None
    assert "分母为零或缺失" in (values["fund_arrival_rate"].note or "")


FRAMEWORK = """
title: 数据绑定示例
indicators:
  - name: 滚存结余率
    weight: 40
    metric: rollover_balance_rate
    rule: ≤15%得40分,每高于1个百分点,扣5分,扣完为止
  - name: 资金支出进度
    weight: 30
    metric: spending_progress
    rule: 截至年底预算支出进度达到90%及以上，得30分；70%（含）-90%的，按照分值乘以实际进度计算得分；低于70%的，得0分。
  - name: 可支撑月数
    weight: 20
    metric: months_of_coverage
    target: ≥1月
    rule: 达到目标值得满分
  - name: 政策知晓率
    weight: 10
    metric: policy_awareness_rate
    score: 8
    note: 问卷
"""


def test_a_framework_scores_itself_from_the_data(ws, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    binding = bind(load_framework(path), ws, 2023)
    assert [(p[-1], a) for p, _, a in binding.bound] == [("滚存结余率", "4.93%"), ("资金支出进度", "95.95%"),
                                                          ("可支撑月数", "0.51个月")]  # fmt: skip
    assert [p[-1] for p, _, _ in binding.unavailable] == ["政策知晓率"]
    report = audit(binding.framework)
    scores = {n.indicator.name: n.score for n in report.scored.walk()}
    assert scores["滚存结余率"] == 40 and scores["资金支出进度"] == 30 and scores["可支撑月数"] == 0
    assert report.scored.total == Decimal(78)


def test_an_unknown_metric_name_is_refused_with_the_nearest_one(ws, tmp_path):
    """Was: explained as “需问卷调查” and the indicator left to a stale score."""
    from medaid.analytics.binding import BindingError

    path = tmp_path / "typo.yaml"
    path.write_text(FRAMEWORK.replace("metric: spending_progress", "metric: spending_progres"), encoding="utf-8")
    with pytest.raises(BindingError, match="未知的数据指标“spending_progres”：是否应为 spending_progress？") as err:
        bind(load_framework(path), ws, 2023)
    assert err.value.where.path == ("资金支出进度",) and err.value.where.file == str(path)


def test_a_survey_metric_says_it_is_filled_by_the_survey(ws, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    (unavailable,) = bind(load_framework(path), ws, 2023).unavailable
    assert unavailable[1] == "policy_awareness_rate" and "--survey" in unavailable[2]


def test_the_standard_compliance_rate_is_a_query_over_the_recomputed_year(ws):
    """Was: a binding with numerator=lambda s: None and no query."""
    from medaid.analytics.standards import standards
    from medaid.policy.params import resolve_year

    value = {v.metric.name: v for v in compute_all(ws, 2023)}["standard_compliance_rate"]
    with ws.connect(read_only=True) as con:
        summary, _ = standards(con, resolve_year("default", 2023), 2023)
    assert value.numerator == summary.compliant and value.denominator == summary.checked
    assert value.value == (Decimal(summary.compliant) / Decimal(summary.checked) * 100).quantize(Decimal("0.0001"))
    assert len(value.queries) == 2 and all("SELECT" in q for q in value.queries)
    assert value.inputs["policy"] and value.metric.label == "救助标准执行率"


def test_the_standard_compliance_rate_says_which_claims_the_kernel_settled_under_which_policies(ws):
    """Was: its queries read ``medaid_settled_<uuid>``, a temporary table gone with the connection."""
    from medaid.analytics.binding import sources
    from medaid.analytics.standards import claims_of
    from medaid.policy.params import resolve_year

    values = compute_all(ws, 2023)
    value = {v.metric.name: v for v in values}["standard_compliance_rate"]
    (policy,) = resolve_year("default", 2023)
    with ws.connect(read_only=True) as con:
        src, _ = sources(con, ws, 2023)
        claims_sql = str(ibis.to_sql(claims_of(src.settlements, src.registry, 2023)))
        rerun = con.sql(claims_sql).fetchall()  # the claims query runs again, on a connection of its own
        year = con.sql("SELECT count(*) FROM settlements WHERE year(settle_date) = 2023").fetchall()[0][0]
    assert len(rerun) == year > 0
    for query in value.queries:
        assert "medaid_" not in query and 'FROM "settled"' in query
        assert claims_sql.strip() + ";" in query
        assert "src/medaid/policy/kernel.py" in query and policy.file in query and policy.digest in query
    settlement = value.inputs["settlement"]
    assert isinstance(settlement, dict) and "src/medaid/policy/kernel.py" in str(settlement["kernel"])
    assert settlement["policies"] == [{"region": policy.region, "valid_from": "2023-01-01", "source": policy.source,
                                       "file": policy.file, "sha256": policy.digest}]  # fmt: skip
    others = [v for v in values if v is not value]
    assert all("settlement" not in v.inputs for v in others)  # the other metrics' provenance is unchanged
    assert "medaid_settled" not in json.dumps([v.to_dict() for v in values], ensure_ascii=False)


def test_a_year_without_data_has_no_metric_rather_than_zero(ws):
    """Was: a year with no settlement gave 0人次, 0元 and a 0 % completion rate, scored as such."""
    values = {v.metric.name: v for v in compute_all(ws, 2030)}
    for name in ("assistance_visits", "assistance_amount", "subsidy_completion_rate", "fund_income"):
        assert values[name].value is None and "2030 年没有" in (values[name].note or ""), name
    assert values["assistance_visits"].inputs["settlement_imports"] == []  # no import brought 2030's rows
