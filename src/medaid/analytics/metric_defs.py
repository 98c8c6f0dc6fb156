"""The metrics medaid computes from programme data, each under its one name.

Money is summed in fen. "Assistance" is 医疗救助 plus 倾斜救助. A settlement is a
recipient's when the merged registry covers its date.

The tables several metrics read (the year's claims, the fund's totals, the settled year) are
built once per :class:`Sources` (``per_run``), and ``metrics.compute_many`` computes the metrics
that read one table in one query.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from medaid.analytics.metrics import Metric, Sources, per_run
from medaid.analytics.standards import TOLERANCE, compared

NO_OPENING = "缺少上年结余：请在基金收支中加一行科目为“上年结余”的收入，或在 medaid.yaml 的 budget.opening_balance 填写"
KEY_CATEGORIES = ("特困人员", "孤儿", "低保对象", "返贫致贫人口")  # 重点救助对象
SUBSIDY_CATEGORIES = (
    "特困人员",
    "孤儿",
    "低保对象",
    "返贫致贫人口",
    "防止返贫监测对象",
)  # 资助参保 (国办发〔2021〕42号)
OPENING_WORDS = ("上年结余", "上年结转", "期初")
INTEREST_WORDS = ("利息",)


@per_run
def claims(src: Sources) -> ir.Table:
    """Settlements with the registry category on their date (null for non-recipients)."""
    s, r = src.settlements, src.registry
    reg = r.select(r_person=r.person_key, category=r.category, r_from=r.valid_from,
                   r_to=r.valid_to.fill_null(ibis.date(9999, 12, 31)))  # fmt: skip
    j = s.left_join(reg, [s.person_key == reg.r_person, s.settle_date >= reg.r_from, s.settle_date <= reg.r_to])
    return j.mutate(
        aid=j.assistance_paid + j.tilted_paid,
        self_after_insurance=j.in_scope - j.basic_paid - j.critical_paid - j.large_paid.fill_null(0),
    )


@per_run
def aided(src: Sources) -> ir.Table:
    c = claims(src)
    return c.filter(c.aid > 0)


@per_run
def fund_totals(src: Sources) -> ir.Table:
    """One row: 上年结余, 当年收入, 筹集的财政资金 (收入 less 利息), 当年支出 — all in fen."""
    f = src.fund
    is_opening = ibis.or_(*[f.subject.contains(w) for w in OPENING_WORDS])
    is_interest = ibis.or_(*[f.subject.contains(w) for w in INTEREST_WORDS])
    income_line = (f.direction == "收入") & ~is_opening
    totals = f.aggregate(
        opening=f.amount.sum(where=is_opening),
        income=f.amount.sum(where=income_line).fill_null(0),
        raised=f.amount.sum(where=income_line & ~is_interest).fill_null(0),
        spending=f.amount.sum(where=(f.direction == "支出") & ~is_opening).fill_null(0),
    )
    return totals.mutate(opening=totals.opening.fill_null(ibis.literal(src.opening_balance, "int64")))


def income(src: Sources) -> Any:
    return fund_totals(src).income


def raised(src: Sources) -> Any:
    return fund_totals(src).raised


def spending(src: Sources) -> Any:
    return fund_totals(src).spending


def available(src: Sources) -> Any:
    t = fund_totals(src)
    return t.opening + t.income


def balance(src: Sources) -> Any:
    t = fund_totals(src)
    return t.opening + t.income - t.spending


def current_balance(src: Sources) -> Any:
    t = fund_totals(src)
    return t.income - t.spending


def planned(src: Sources) -> Any:
    total = sum(src.planned.values()) if src.planned else None
    return ibis.literal(total, "int64")


def _eligible(src: Sources) -> Any:
    r = src.registry
    start, end = ibis.date(src.year, 1, 1), ibis.date(src.year, 12, 31)
    covering = r.filter(
        r.category.isin(SUBSIDY_CATEGORIES) & (r.valid_from <= end) & (r.valid_to.fill_null(end) >= start)
    )
    return covering.person_key.nunique()


def _visits(visit: str | None) -> Any:
    def count(src: Sources) -> Any:
        a = aided(src)
        return (a if visit is None else a.filter(a.visit_type == visit)).count()

    return count


def _people(visit: str | None) -> Any:
    def count(src: Sources) -> Any:
        a = aided(src)
        return (a if visit is None else a.filter(a.visit_type == visit)).person_key.nunique()

    return count


@per_run
def _key_inpatient(src: Sources) -> ir.Table:
    c = claims(src)
    return c.filter(c.category.isin(KEY_CATEGORIES) & (c.visit_type == "住院"))


@per_run
def _recipients(src: Sources) -> ir.Table:
    c = claims(src)
    return c.filter(c.category.notnull())


@per_run
def _checked(src: Sources) -> ir.Table:
    """Settlements the policy is checked on: a recipient's, or any with assistance paid."""
    table = compared(src.settlements, src.registry, src.policies, src.year, ordered=False)  # counted, not listed
    return table.filter(table.category.notnull() | (table.paid_assistance != 0))


def _compliant(src: Sources) -> Any:
    checked = _checked(src)
    return checked.filter(checked.gap.abs() <= TOLERANCE).count()


@per_run
def _out_of_area(src: Sources) -> ir.Table:
    a = aided(src)
    return a.filter(a.out_of_area.fill_null(False))


METRICS: tuple[Metric, ...] = (
    Metric("assistance_visits", "救助人次", "人次", "医疗救助或倾斜救助支付大于0的结算笔数", _visits(None)),
    Metric("assistance_visits_inpatient", "住院救助人次", "人次", "住院结算中有救助支付的笔数", _visits("住院")),
    Metric("assistance_visits_outpatient", "门诊救助人次", "人次", "门诊结算中有救助支付的笔数", _visits("门诊")),
    Metric("assistance_visits_chronic", "门诊慢特病救助人次", "人次", "门诊慢特病结算中有救助支付的笔数",
           _visits("门诊慢特病")),
    Metric("assistance_people", "救助人数", "人", "获得医疗救助或倾斜救助的不重复人数", _people(None)),
    Metric("assistance_people_inpatient", "住院救助人数", "人", "获得住院救助的不重复人数", _people("住院")),
    Metric("assistance_people_outpatient", "门诊救助人数", "人", "获得门诊救助的不重复人数", _people("门诊")),
    Metric("assistance_amount", "救助金额", "元", "医疗救助支付与倾斜救助支付之和",
           lambda s: aided(s).aid.sum().fill_null(0), money=True),
    Metric("assistance_per_visit", "人次均救助", "元", "救助金额 ÷ 救助人次",
           lambda s: aided(s).aid.sum(), lambda s: aided(s).count(), money=True),
    Metric("subsidy_people", "资助参保人数", "人", "资助参保名单中当年的不重复人数",
           lambda s: s.subsidies.person_key.nunique(), needs="subsidies"),
    Metric("subsidy_amount", "资助参保金额", "元", "当年资助参保金额之和",
           lambda s: s.subsidies.amount.sum().fill_null(0), money=True, needs="subsidies"),
    Metric("subsidy_completion_rate", "资助参保完成率", "%",
           "资助参保人数 ÷ 当年在册的特困、孤儿、低保、返贫致贫、监测对象人数",
           lambda s: s.subsidies.person_key.nunique(), _eligible, scale=100, needs="subsidies"),
    Metric("fund_income", "基金收入", "元", "当年基金收入（不含上年结余）", income, money=True, needs="fund"),
    Metric("fund_spending", "基金支出", "元", "当年基金支出", spending, money=True, needs="fund"),
    Metric("fund_arrival_rate", "各级资金到位率", "%", "当年到位的财政补助资金（不含利息）÷ 计划安排的各级资金",
           raised, planned, scale=100, money=True, money_denominator=True, needs="fund"),
    Metric("budget_execution_rate", "预算执行率", "%", "当年基金支出 ÷ 计划安排的各级资金",
           spending, planned, scale=100, money=True, money_denominator=True, needs="fund"),
    Metric("spending_progress", "支出进度", "%", "当年基金支出 ÷（上年结余 + 当年收入）",
           spending, available, scale=100, money=True, money_denominator=True, needs="fund"),
    Metric("current_balance", "当期收支差", "元", "当年收入 − 当年支出", current_balance, money=True, needs="fund"),
    Metric("cumulative_balance", "累计结余", "元", "上年结余 + 当年收入 − 当年支出", balance, money=True,
           missing=NO_OPENING, needs="fund"),
    Metric("rollover_balance_rate", "滚存结余率", "%", "累计结余 ÷ 当年筹集的财政资金（不含利息）",
           balance, raised, scale=100, money=True, money_denominator=True, missing=NO_OPENING, needs="fund"),
    Metric("months_of_coverage", "可支撑月数", "个月", "累计结余 ÷ 月均支出（当年支出 ÷ 12）",
           lambda s: balance(s) * 12, spending, money=True, money_denominator=True, missing=NO_OPENING, needs="fund"),
    Metric("one_stop_settlement_rate", "一站式结算率", "%", "有救助支付的结算中“一站式”即时结算的比例",
           lambda s: aided(s).filter(aided(s).one_stop.fill_null(False)).count(),
           lambda s: aided(s).filter(aided(s).one_stop.notnull()).count(), scale=100),
    Metric("out_of_area_visits", "异地结算人次", "人次", "有救助支付的异地就医结算笔数",
           lambda s: _out_of_area(s).count()),
    Metric("out_of_area_amount", "异地结算救助金额", "元", "异地就医结算中的救助支付之和",
           lambda s: _out_of_area(s).aid.sum().fill_null(0), money=True),
    Metric("recipient_self_pay_ratio", "救助对象政策范围内自付比例", "%",
           "救助对象结算中（政策范围内费用 − 各项支付）÷ 政策范围内费用",
           lambda s: (_recipients(s).self_after_insurance - _recipients(s).aid).sum(),
           lambda s: _recipients(s).in_scope.sum(), scale=100, money=True, money_denominator=True),
    Metric("key_recipient_assistance_ratio", "重点救助对象年度限额内住院救助比例", "%",
           "特困、孤儿、低保、返贫致贫人员住院结算的救助支付 ÷ 经基本医保、大病保险后的政策范围内自付",
           lambda s: _key_inpatient(s).aid.sum(), lambda s: _key_inpatient(s).self_after_insurance.sum(), scale=100,
           money=True, money_denominator=True),
    Metric("standard_compliance_rate", "救助标准执行率", "%",
           "按政策重算的医疗救助与倾斜救助同实际支付相差不超过1分的结算 ÷ 救助对象或有救助支付的结算",
           _compliant, lambda s: _checked(s).count(), scale=100),
)  # fmt: skip


def _verified_months(src: Sources) -> Any:
    assert src.runs is not None, "Sources.runs: the verification runs of the year"
    return src.runs.month.nunique()


# 是否形成核查台账: answered from the verification runs kept in the workspace (medaid verify --month).
METRICS += (
    Metric("verified_months", "核查台账月数", "个月",
           "该年度逐月核查后保存了核查台账的月份数", _verified_months, needs="runs", places=0),
)  # fmt: skip
BY_NAME = {m.name: m for m in METRICS}


# 跨年度支付 (Liucheng 2023 lost points for paying 2021–2022 assistance in 2023): an aided settlement of the
# year whose care ended (出院日期 / 就诊日期, ingest.columns ``service_date``) in an earlier year.
NO_SERVICE_DATE = (
    "结算明细没有出院日期/就诊日期列（当年的结算都没有该日期），无法判断跨年度支付："
    "请导入带出院日期、结束日期或就诊日期的结算明细"
)


@per_run
def _cross_year(src: Sources) -> ir.Table:
    """One row: ``dated`` settlements of the year with a service date; ``payments`` and ``amount`` (fen) of the
    aided ones among them whose service date is in an earlier year than their settlement date."""
    s = src.settlements
    aid = s.assistance_paid + s.tilted_paid
    earlier = (aid > 0) & (s.service_date.year() < s.settle_date.year())
    return s.aggregate(
        dated=s.service_date.count(), payments=s.count(where=earlier), amount=aid.sum(where=earlier).fill_null(0)
    )


def _dated(column: str) -> Any:
    """The column of ``_cross_year``, null when no settlement of the year has a service date (no data is not 0)."""

    def value(src: Sources) -> Any:
        t = _cross_year(src)
        return ibis.ifelse(t.dated > 0, t[column], ibis.null("int64"))

    return value


METRICS += (
    Metric("cross_year_payments", "跨年度支付笔数", "笔",
           "当年有救助支付（医疗救助 + 倾斜救助 > 0）的结算中，出院日期（门诊为就诊日期）早于结算日期所在年度的笔数",
           _dated("payments"), missing=NO_SERVICE_DATE),
    Metric("cross_year_amount", "跨年度支付金额", "元",
           "当年有救助支付的结算中，出院日期（门诊为就诊日期）早于结算日期所在年度的医疗救助与倾斜救助支付之和",
           _dated("amount"), money=True, missing=NO_SERVICE_DATE),
)  # fmt: skip
BY_NAME.update((m.name, m) for m in METRICS)  # with the metrics appended above
