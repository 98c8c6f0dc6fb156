"""Monthly verification of settlements against the merged registry (核查台账).

For the settlements of a month, with year-to-date amounts per person:
- ``missed`` 应享未享: a valid recipient on the settlement date got no assistance although
  the policy engine gives some (医疗救助 + 倾斜救助 on the year-to-date in-scope self-pay
  after the basic and critical insurance actually paid, within the annual limits);
- ``non_recipient``, ``before_validity``, ``after_end``, ``after_death`` 多享: assistance
  paid to someone not valid on the date;
- ``above_annual_limit`` 多享: year-to-date assistance above the category's annual limit;
- ``duplicate`` 重复结算: the same settlement again under another 结算编号.

The computation is one Ibis expression, so it runs on DuckDB here and on PySpark at scale.
Amounts are integer fen; entitlements are rounded half-up on cumulative amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from medaid.money import to_fen, yuan_text
from medaid.policy.model import Policy
from medaid.policy.steps import bp
from medaid.vocab import REASONS

__all__ = ["REASONS", "Month", "detail", "ledger", "ledger_tables"]

FAR = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @staticmethod
    def parse(text: str) -> Month:
        try:
            year, month = (int(x) for x in text.split("-", 1))
            dt.date(year, month, 1)
        except (ValueError, TypeError) as err:
            raise ValueError(f"月份“{text}”无效，应写成 2023-07") from err
        return Month(year, month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        nxt = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def params_table(policy: Policy) -> ir.Table:
    """The assistance parameters as a table: fen, basis points."""
    rows = list(policy.assistance.values())
    return ibis.memtable(
        {
            "p_category": [a.category for a in rows],
            "threshold": [to_fen(a.threshold) for a in rows],
            "ratio_bp": [bp(a.ratio) for a in rows],
            "annual_limit": [to_fen(a.annual_limit) if a.annual_limit is not None else 10**15 for a in rows],
        },
        schema={"p_category": "string", "threshold": "int64", "ratio_bp": "int64", "annual_limit": "int64"},
    )


def ledger_tables(month: Month, snapshot: int) -> dict[str, str]:
    """What :func:`ledger` reads, for the engine factory (``engine.analytics``): the year's settlements
    to the month's end, the registry snapshot used, the deaths."""
    return {
        "settlements": f"SELECT * FROM settlements WHERE settle_date BETWEEN DATE '{month.year:04d}-01-01' "
        f"AND DATE '{month.last.isoformat()}'",
        "registry_snapshots": f"SELECT * FROM registry_snapshots WHERE import_id = {int(snapshot)}",
        "deaths": "SELECT * FROM deaths",
    }


def ledger(settlements: ir.Table, registry: ir.Table, deaths: ir.Table, policy: Policy, month: Month) -> ir.Table:
    """One row per finding for the settlements of ``month``; the expression, not its result.

    What the policy gives (应享) comes from the policy engine's batch, with the basic and
    critical insurance actually paid taken as given.
    """
    from medaid.policy.batch import settle_batch

    params = params_table(policy)
    year_start = dt.date(month.year, 1, 1)
    s = settlements.filter(settlements.settle_date.between(year_start, month.last))
    reg = registry.select(
        r_person=registry.person_key,
        category=registry.category,
        r_from=registry.valid_from,
        r_to=registry.valid_to.fill_null(FAR),
    )
    spans = registry.group_by(s_person=registry.person_key).aggregate(
        first_from=registry.valid_from.min(), last_to=registry.valid_to.fill_null(FAR).max()
    )
    dead = deaths.select(d_person=deaths.person_key, death_date=deaths.death_date)
    j = s.left_join(reg, [s.person_key == reg.r_person, s.settle_date >= reg.r_from, s.settle_date <= reg.r_to])
    j = j.left_join(spans, j.person_key == spans.s_person)
    j = j.left_join(dead, j.person_key == dead.d_person)
    j = j.left_join(params, j.category == params.p_category)
    # only claims made while a recipient count towards the year's threshold and limit (as the policy engine)
    own = j.in_scope - j.basic_paid - j.critical_paid - j.large_paid.fill_null(0)
    self_pay = ibis.cases((j.r_person.notnull(), own), else_=0).name("self_pay")
    w = ibis.cumulative_window(group_by=j.person_key, order_by=[j.settle_date, j.settlement_id])
    j = j.mutate(self_pay=self_pay)
    j = j.mutate(cum_self=j.self_pay.sum().over(w), cum_paid=j.assistance_paid.sum().over(w))
    claims = j.select(
        "settlement_id", "person_key", "settle_date", "visit_type", "hospital_level", "category", "total", "in_scope",
        referred=j.referred.fill_null(True), basic_paid=j.basic_paid,
        critical_paid=j.critical_paid + j.large_paid.fill_null(0),
    )  # fmt: skip
    # 应享 matters only where nothing was paid: settle the year of just those people
    unpaid = (
        j.filter(j.r_person.notnull() & (j.assistance_paid + j.tilted_paid == 0) & (j.settle_date >= month.first))
        .select(u_person=j.person_key)
        .distinct()
    )
    claims = claims.semi_join(unpaid, claims.person_key == unpaid.u_person)
    settled = settle_batch(claims, policy, ordered=False)  # joined by settlement_id: no order needed
    due = settled.select(due_id=settled.settlement_id, entitled=settled.assistance + settled.tilted)
    j = j.left_join(due, j.settlement_id == due.due_id)
    entitled = j.entitled.fill_null(0)
    dup_key = [j.person_key, j.settle_date, j.institution_code, j.total, j.in_scope, j.basic_paid,
               j.critical_paid, j.assistance_paid]  # fmt: skip
    repeat = ibis.row_number().over(ibis.window(group_by=dup_key, order_by=j.settlement_id))
    j = j.mutate(entitled=entitled, repeat=repeat)
    paid = (j.assistance_paid + j.tilted_paid) > 0
    covered = j.r_person.notnull()
    reason = (
        ibis.cases(
            (j.repeat > 0, "duplicate"),
            (paid & j.death_date.notnull() & (j.settle_date > j.death_date), "after_death"),
            (paid & j.s_person.isnull(), "non_recipient"),
            (paid & ~covered & (j.settle_date < j.first_from), "before_validity"),
            (paid & ~covered, "after_end"),
            (paid & covered & (j.cum_paid > j.annual_limit.fill_null(10**15)), "above_annual_limit"),
            (covered & (j.assistance_paid == 0) & (j.tilted_paid == 0) & (j.entitled > 0), "missed"),
            else_=ibis.null("string"),
        )
    ).name("reason")
    over_limit = ibis.least(j.assistance_paid, j.cum_paid - j.annual_limit.fill_null(0))
    amount = ibis.cases(
        (reason == "missed", j.entitled),
        (reason == "above_annual_limit", over_limit),
        else_=j.assistance_paid + j.tilted_paid,
    ).name("amount")
    out = j.mutate(reason=reason, amount=amount)
    out = out.filter(out.reason.notnull() & out.settle_date.between(month.first, month.last))
    return out.select(
        "settlement_id", "person_key", "settle_date", "visit_type", "category", "assistance_paid", "reason",
        "amount", "self_pay", "cum_self", "cum_paid", "entitled", "death_date", "first_from", "last_to",
        "threshold", "ratio_bp", "annual_limit",
    ).order_by(["settle_date", "settlement_id"])  # fmt: skip


def detail(row: Mapping[str, Any]) -> str:
    """The reason of one finding in words, with the numbers it rests on."""

    def yuan(v: Any) -> str:
        return yuan_text(int(v or 0))

    code = str(row["reason"])
    if code == "missed":
        return (
            f"结算日为{row['category']}，年内政策范围内自付累计{yuan(row['cum_self'])}，起付标准{yuan(row['threshold'])}，"
            f"救助比例{int(row['ratio_bp'] or 0) / 100:g}%，应救助{yuan(row['amount'])}，实际未救助"
        )
    if code == "above_annual_limit":
        return f"年内累计医疗救助{yuan(row['cum_paid'])}，超过{row['category']}年度限额{yuan(row['annual_limit'])}"
    if code == "after_death":
        return f"死亡日期{row['death_date']}之后仍支付医疗救助{yuan(row['assistance_paid'])}"
    if code == "before_validity":
        return f"救助资格{row['first_from']}起生效，结算日之前支付医疗救助{yuan(row['assistance_paid'])}"
    if code == "after_end":
        return f"结算日不在救助资格有效期内（最后有效至{row['last_to']}），仍支付医疗救助{yuan(row['assistance_paid'])}"
    if code == "non_recipient":
        return f"不在任何部门的救助对象名单中，支付医疗救助{yuan(row['assistance_paid'])}"
    return "与另一结算的人员、日期、机构和各项金额完全相同"
