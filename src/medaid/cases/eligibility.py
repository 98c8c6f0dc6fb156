"""审核: whether an applicant's household meets a category's conditions, from data and the policy file.

The region's policy file says, per category (``eligibility``, medaid.policy.case_keys): the in-scope
self-pay the household must have borne over a look-back (an amount, a share of 居民人均可支配收入, or
the category's own 医疗救助起付标准), and the multiple of the 低保 line household income per person
must stay below (optionally after deducting that self-pay). Every figure of the result names the
policy key, its document (文号) and date, and the settlements counted, so a reviewer can trace it.

The self-pay of a settlement is what is left of its in-scope amount after every layer (basic
insurance, critical illness insurance, the employees' large-amount subsidy, medical assistance and
tilted assistance), as for the high-cost warnings; refunds (negative rows) reduce the sum. A bill
entered from paper has the same formula (:func:`bill_self_pay`): its 政策范围内费用 less what the funds
paid (its total less its 个人自付); one entered without its 政策范围内费用 is unknown: not counted, and
the reasons say so. :func:`self_pay_total` is a plain function over rows; :func:`settlement_rows`
fetches them from a workspace with DuckDB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

import duckdb

from medaid.dates import twelve_months_from
from medaid.errors import Location, MedaidError
from medaid.money import half_up, to_fen, yuan_text
from medaid.policy.model import EligibilityRule, Policy
from medaid.vocab import Vocabulary, lookup

__all__ = ["Eligibility", "EligibilityError", "Figure", "SelfPayRow", "assess", "bill_self_pay", "rows_for",
           "self_pay_total", "settlement_rows", "unknown_self_pay", "window"]  # fmt: skip

LOOK_BACK_WORDS = {"application_months": "申请之月前12个月", "12_months": "申请日前12个月", "calendar_year": "申请当年"}
MONTHS = Decimal(12)


class EligibilityError(MedaidError):
    """The policy file lacks what the assessment needs."""


@dataclass(frozen=True)
class SelfPayRow:
    settlement_id: str
    person_key: str
    settle_date: dt.date
    self_pay_fen: int | None  # None: a paper bill entered without its 政策范围内费用 (unknown, not counted)


@dataclass(frozen=True)
class Figure:
    """A threshold or limit in fen with where it comes from."""

    fen: int
    key: str  # the policy key path, e.g. eligibility.因病致贫重病患者.self_pay
    source: str  # the document (文号) and its date
    basis: str  # how it is computed, in words

    def to_dict(self) -> dict[str, object]:
        return {"fen": self.fen, "yuan": yuan_text(self.fen, unit=False), "key": self.key, "source": self.source,
                "basis": self.basis}  # fmt: skip


@dataclass(frozen=True)
class Eligibility:
    """The result of 审核 for one category (or the first category met)."""

    eligible: bool
    category: str | None
    applied_on: dt.date
    window: tuple[dt.date, dt.date] | None
    self_pay_fen: int | None
    settlement_ids: tuple[str, ...]
    self_pay_threshold: Figure | None
    income_per_person_fen: int | None
    income_limit: Figure | None
    reasons: tuple[str, ...]
    policy: str  # the policy file and its digest
    tried: tuple[str, ...] = field(default_factory=tuple)  # the categories tested, in order

    def as_dict(self) -> dict[str, object]:
        return {
            "eligible": self.eligible,
            "category": self.category,
            "applied_on": self.applied_on.isoformat(),
            "window": [d.isoformat() for d in self.window] if self.window else None,
            "self_pay_fen": self.self_pay_fen,
            "settlement_ids": list(self.settlement_ids),
            "self_pay_threshold": self.self_pay_threshold.to_dict() if self.self_pay_threshold else None,
            "income_per_person_fen": self.income_per_person_fen,
            "income_limit": self.income_limit.to_dict() if self.income_limit else None,
            "reasons": list(self.reasons),
            "policy": self.policy,
            "tried": list(self.tried),
        }


def window(look_back: str, applied_on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last settlement dates a look-back counts for an application."""
    if look_back == "application_months":  # the 12 whole months before the month of application
        first = dt.date(applied_on.year - 1, applied_on.month, 1)
        return first, dt.date(applied_on.year, applied_on.month, 1) - dt.timedelta(days=1)
    if look_back == "12_months":
        return twelve_months_from(applied_on), applied_on
    return dt.date(applied_on.year, 1, 1), applied_on  # calendar_year


def self_pay_total(
    rows: Iterable[SelfPayRow], members: Sequence[str], start: dt.date, end: dt.date
) -> tuple[int, tuple[str, ...]]:
    """The self-pay (fen) of ``members``' settlements from ``start`` to ``end`` and their ids, sorted; rows
    whose self-pay is unknown are left out (:func:`unknown_self_pay`)."""
    counted = [r for r in _in_window(rows, members, start, end) if r.self_pay_fen is not None]
    return sum(r.self_pay_fen or 0 for r in counted), tuple(sorted(r.settlement_id for r in counted))


def unknown_self_pay(
    rows: Iterable[SelfPayRow], members: Sequence[str], start: dt.date, end: dt.date
) -> tuple[str, ...]:
    """The ids, sorted, of ``members``' bills from ``start`` to ``end`` whose in-scope self-pay is unknown."""
    return tuple(sorted(r.settlement_id for r in _in_window(rows, members, start, end) if r.self_pay_fen is None))


def _in_window(rows: Iterable[SelfPayRow], members: Sequence[str], start: dt.date, end: dt.date) -> list[SelfPayRow]:
    wanted = set(members)
    return [r for r in rows if r.person_key in wanted and start <= r.settle_date <= end]


def bill_self_pay(in_scope_fen: int | None, total_fen: int, self_pay_fen: int) -> int | None:
    """政策范围内个人负担 of a bill entered from paper, by :data:`SELF_PAY_SQL`'s formula: the in-scope amount less
    what the funds paid, that is the total less the 个人自付 (the funds pay in-scope costs only); never below 0
    nor above the in-scope amount or the 个人自付. None when the in-scope amount was not entered: the 个人自付
    alone may be out-of-scope costs (全自费, 乙类先行自付), so it is not counted in its place."""
    if in_scope_fen is None:
        return None
    funds = total_fen - self_pay_fen
    return max(0, min(in_scope_fen - funds, in_scope_fen, self_pay_fen))


SELF_PAY_SQL = """
SELECT settlement_id, person_key, settle_date,
       in_scope - basic_paid - critical_paid - coalesce(large_paid, 0) - assistance_paid
       - coalesce(tilted_paid, 0) AS self_pay
FROM settlements
WHERE person_key IN (SELECT unnest(?::VARCHAR[])) AND settle_date BETWEEN ? AND ?
ORDER BY settle_date, settlement_id
"""


def settlement_rows(
    con: duckdb.DuckDBPyConnection, members: Sequence[str], start: dt.date, end: dt.date
) -> list[SelfPayRow]:
    """The settlements of ``members`` (person keys) from ``start`` to ``end``, with their self-pay."""
    found = con.execute(SELF_PAY_SQL, [list(members), start, end]).fetchall()
    return [SelfPayRow(str(i), str(p), d, int(s)) for i, p, d, s in found]


def _self_pay_threshold(policy: Policy, rule: EligibilityRule) -> Figure | None:
    t, key = rule.self_pay, f"eligibility.{rule.category}.self_pay"
    if t is None:
        return None
    source = rule.source.describe()
    if t.amount is not None:
        return Figure(to_fen(t.amount), key, source, f"固定金额 {t.amount} 元")
    if t.share_of_income is not None:
        income = policy.standards.disposable_income
        if income is None:
            raise EligibilityError(
                "认定条件按居民人均可支配收入计算，但政策文件没有写当地居民人均可支配收入",
                where=Location(file=policy.file, key="standards.disposable_income"),
                fix="请在 standards 下写 disposable_income: {amount: …, year: …, source: …}",
            )
        year = f"{income.year}年，" if income.year else ""
        basis = f"居民人均可支配收入 {income.amount} 元（{year}{income.source.describe()}）× {t.share_of_income}"
        return Figure(to_fen(income.amount * t.share_of_income), key, source, basis)
    own = policy.assistance.get(rule.category)
    if own is None:
        raise EligibilityError(f"认定条件引用{rule.category}的医疗救助起付标准，但政策文件没有写",
                               where=Location(file=policy.file, key=f"assistance.{rule.category}.threshold"),
                               fix=f"请在 assistance 下写{rule.category}的 threshold")  # fmt: skip
    return Figure(to_fen(own.threshold), key, source, f"{rule.category}医疗救助年度起付标准 {own.threshold} 元")


def _income_limit(policy: Policy, rule: EligibilityRule) -> Figure | None:
    if rule.income_multiple is None:
        return None
    dibao = policy.standards.dibao_monthly
    if dibao is None:
        raise EligibilityError(
            "认定条件按低保标准的倍数计算，但政策文件没有写当地低保标准",
            where=Location(file=policy.file, key="standards.dibao_monthly"),
            fix="请在 standards 下写 dibao_monthly: {amount: …（元/人·月）, source: …, date: …}",
        )
    fen = to_fen(dibao.amount * MONTHS * rule.income_multiple)
    basis = f"低保标准 {dibao.amount} 元/人·月 × 12 × {rule.income_multiple}（{dibao.source.describe()}）"
    return Figure(fen, f"eligibility.{rule.category}.income_multiple", rule.source.describe(), basis)


def _one(
    policy: Policy, rule: EligibilityRule, applied_on: dt.date, members: Sequence[str], income_fen: int,
    size: int, rows: Sequence[SelfPayRow],
) -> Eligibility:  # fmt: skip
    name, reasons, ok = rule.category, [], True
    start, end = window(rule.look_back, applied_on)
    counted = members if rule.household else members[:1]
    total, ids = self_pay_total(rows, counted, start, end)
    who = "家庭成员" if rule.household else "申请人"
    threshold = _self_pay_threshold(policy, rule)
    if threshold is not None:
        met = total >= threshold.fen
        ok &= met
        verdict = "达到" if met else "未达到"
        reasons.append(f"{LOOK_BACK_WORDS[rule.look_back]}（{start}至{end}）{who}{len(ids)}笔结算政策范围内个人负担"
                       f"{yuan_text(total)}，{verdict}{name}标准{yuan_text(threshold.fen)}")  # fmt: skip
    unknown = unknown_self_pay(rows, counted, start, end)
    if unknown:
        reasons.append(f"另有{len(unknown)}笔票据（{'、'.join(unknown)}）未填政策范围内费用，其政策范围内个人负担未知，"
                       "未计入上述金额；请按票据补录政策范围内费用后重新测算")  # fmt: skip
    limit = _income_limit(policy, rule)
    per_person = None
    if limit is not None:
        base = income_fen - total if rule.income_after_self_pay else income_fen
        per_person = half_up(base, size)
        met = per_person < limit.fen
        ok &= met
        after = "扣除个人负担医疗费用后" if rule.income_after_self_pay else ""
        reasons.append(f"家庭年收入{yuan_text(income_fen)}{after}按{size}人计人均{yuan_text(per_person)}，"
                       f"{'低于' if met else '不低于'}{name}收入上限{yuan_text(limit.fen)}")  # fmt: skip
    return Eligibility(ok, name, applied_on, (start, end), total, ids, threshold, per_person, limit,
                       tuple(reasons), f"{policy.file}（{policy.digest[:12]}）", (name,))  # fmt: skip


def assess(
    policy: Policy,
    *,
    applied_on: dt.date,
    members: Sequence[str],
    income_fen: int,
    rows: Iterable[SelfPayRow],
    size: int | None = None,
    category: str | None = None,
) -> Eligibility:
    """审核 of an application: ``members`` are person keys, the applicant first; ``income_fen`` the
    household's declared yearly income; ``size`` the household size (default: the members); ``rows``
    the members' settlements. With ``category`` only that category is tested; otherwise each
    category of the policy file in its order, and the first one met is the result."""
    if not members:
        raise EligibilityError("申请没有申请人", fix="请登记申请人及共同生活的家庭成员")
    people = size if size is not None else len(members)
    if people <= 0:
        raise EligibilityError(f"家庭人数 {people} 无效", fix="请写共同生活的家庭成员人数")
    rules = policy.eligibility
    if category is not None:
        category = lookup(Vocabulary.CATEGORY, category) or category  # aliases: 因病致贫 → 因病致贫重病患者
    if category is not None and category not in rules:
        known = "、".join(rules) or "无"
        raise EligibilityError(f"政策文件没有“{category}”的认定条件（已有：{known}）",
                               where=Location(file=policy.file, key="eligibility"),
                               fix=f"请在 eligibility 下写{category}的认定条件及依据文号")  # fmt: skip
    if not rules:
        raise EligibilityError(
            "政策文件没有写认定条件（eligibility）",
            where=Location(file=policy.file),
            fix="请按本地因病致贫重病患者、低保边缘家庭认定办法写 eligibility 及依据文号",
        )
    chosen = [rules[category]] if category is not None else list(rules.values())
    rows = list(rows)
    results = [_one(policy, r, applied_on, members, income_fen, people, rows) for r in chosen]
    tried = tuple(r.category for r in chosen)
    met = next((r for r in results if r.eligible), None)
    if met is not None:
        return _with_tried(met, tried)
    if len(results) == 1:
        return results[0]
    reasons = tuple(f"{r.category}：{'；'.join(r.reasons)}" for r in results)
    return Eligibility(False, None, applied_on, None, None, (), None, None, None, reasons, results[0].policy, tried)


def _with_tried(result: Eligibility, tried: tuple[str, ...]) -> Eligibility:
    return replace(result, tried=tried)


def rows_for(
    con: duckdb.DuckDBPyConnection, policy: Policy, members: Sequence[str], applied_on: dt.date,
    category: str | None = None,
) -> list[SelfPayRow]:  # fmt: skip
    """The members' settlements over every look-back :func:`assess` will use (one query)."""
    rules = [policy.eligibility[category]] if category in policy.eligibility else list(policy.eligibility.values())
    spans = [window(r.look_back, applied_on) for r in rules] or [window("application_months", applied_on)]
    return settlement_rows(con, members, min(s for s, _ in spans), max(e for _, e in spans))
