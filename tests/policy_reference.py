"""The Ibis-window batch that settled claims before the numpy kernel (``policy.kernel``), kept as an
independent reference: tests/test_policy_kernel.py checks that the kernel gives exactly its amounts.

Each layer is f(cumulative after) − f(cumulative before) with running sums per person-year
ordered by (settle_date, settlement_id), written as Ibis window expressions. ``at`` evaluates
the kernel's own layer function (``kernel.linear``, ``kernel.segmented``) at one cumulative
amount, for hand-worked cases (tests/test_policy.py): the layer functions are written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np

from medaid.money import to_fen
from medaid.policy import kernel
from medaid.policy.model import LEVEL_ALIASES, Assistance, Policy
from medaid.policy.steps import BP, Linear, Segmented, bp

NO_LIMIT = 10**15


def at(function: Linear | Segmented, cumulative: int) -> int:
    """The kernel's layer function with ``function``'s parameters, at one year-to-date amount (fen)."""
    one = np.array([cumulative], np.int64)
    if isinstance(function, Linear):
        limit = NO_LIMIT if function.limit is None else function.limit
        return int(kernel.linear(one, np.array([[function.threshold, function.ratio, limit]], np.int64))[0])
    upto = np.array([[NO_LIMIT if u is None else u for u, _ in function.segments]], np.int64)
    ratio = np.array([[r for _, r in function.segments]], np.int64)
    cap = np.array([NO_LIMIT if function.cap is None else function.cap], np.int64)
    excess = np.array([function.basis == "excess"])
    return int(kernel.segmented(one, np.array([function.threshold], np.int64), excess, upto, ratio, cap)[0])


def half_up(numerator: Any, denominator: int) -> Any:
    """Integer division rounded half away from zero, as ``medaid.money.half_up``."""
    up = (numerator * 2 + denominator) // (denominator * 2)
    down = -((-numerator * 2 + denominator) // (denominator * 2))
    return ibis.cases((numerator < 0, down), else_=up)


def linear(cumulative: Any, function: Linear) -> Any:
    value = half_up(ibis.greatest(cumulative - function.threshold, 0) * function.ratio, BP)
    return value if function.limit is None else ibis.least(value, function.limit)


def segmented(cumulative: Any, function: Segmented) -> Any:
    if function.basis == "excess":
        amount, lower = ibis.greatest(cumulative - function.threshold, 0), 0
    else:
        amount, lower = ibis.greatest(cumulative, 0), function.threshold
    raw: Any = ibis.literal(0, "int64")
    for upto, ratio in function.segments:
        top = amount if upto is None else ibis.least(amount, upto)
        raw = raw + ibis.greatest(top - lower, 0) * ratio
        if upto is not None:
            lower = max(lower, upto)
    value = half_up(raw, BP)
    return value if function.cap is None else ibis.least(value, function.cap)


def by_category(category: Any, cumulative: Any, amount: Any, layers: dict[str, Assistance]) -> Any:
    """A yearly layer whose parameters depend on the claim's category: f(after) − f(before)."""
    paid: Any = ibis.literal(0, "int64")
    for name, layer in layers.items():
        fn = Linear.of(layer)
        paid = ibis.cases((category == name, linear(cumulative, fn) - linear(cumulative - amount, fn)), else_=paid)
    return paid


def _basic_params(policies: Sequence[Policy]) -> ir.Table:
    rows = []
    for period, policy in enumerate(policies):
        rules = policy.basic.rules if policy.basic else {}
        levels = [(v, lvl, r) for (v, lvl), r in rules.items()]
        fallback = [(v, alias, r) for (v, lvl), r in rules.items() if lvl == "一级" for alias in LEVEL_ALIASES]
        known = {(v, lvl) for v, lvl, _ in levels}
        rows += [(period, *row) for row in levels + [row for row in fallback if (row[0], row[1]) not in known]]
    return ibis.memtable(
        {
            "b_period": [period for period, *_ in rows],
            "b_visit": [v for _, v, _, _ in rows],
            "b_level": [lvl for _, _, lvl, _ in rows],
            "b_deductible": [to_fen(r.deductible) for *_, r in rows],
            "b_ratio": [bp(r.ratio) for *_, r in rows],
            "b_per_year": [r.per == "year" for *_, r in rows],
        },
        schema={"b_period": "int64", "b_visit": "string", "b_level": "string", "b_deductible": "int64",
                "b_ratio": "int64", "b_per_year": "boolean"},
    )  # fmt: skip


def pick(period: Any, values: list[Any]) -> Any:
    """The value of the policy in force: one expression per period, chosen by the claim's date."""
    if len(values) == 1:
        return values[0]
    return ibis.cases(*[(period == i, v) for i, v in enumerate(values)], else_=values[0])


def settle_reference(claims: ir.Table, policy: Policy | Sequence[Policy]) -> ir.Table:
    """Claims with columns settlement_id, person_key, settle_date, visit_type, hospital_level,
    category, total, in_scope, referred (fen), and optionally basic_paid / critical_paid (a
    layer the insurance system settled, taken as given where not null) → the same with basic,
    critical, assistance, tilted, supplementary and out-of-pocket amounts.

    Several policies (a parameter that changes mid-year): each claim uses the one in force on
    its date, while the year's cumulative amounts run on across the change.
    """
    policies = sorted([policy] if isinstance(policy, Policy) else list(policy), key=lambda p: p.valid_from)
    year = claims.settle_date.year()
    period: Any = ibis.literal(0, "int64")
    for later in policies[1:]:
        period = period + (claims.settle_date >= later.valid_from).cast("int64")
    c = claims.mutate(p_year=year, level_key=claims.hospital_level.fill_null(""), period=period)
    params = _basic_params(policies)
    c = c.left_join(
        params, [c.period == params.b_period, c.visit_type == params.b_visit, c.level_key == params.b_level]
    )
    w_person = ibis.cumulative_window(group_by=[c.person_key, c.p_year], order_by=[c.settle_date, c.settlement_id])
    w_visit = ibis.cumulative_window(group_by=[c.person_key, c.p_year, c.visit_type],
                                     order_by=[c.settle_date, c.settlement_id])  # fmt: skip
    deductible = c.b_deductible.fill_null(0)
    cum_in_scope = c.in_scope.sum().over(w_visit)
    per_year = ibis.greatest(cum_in_scope - deductible, 0) - ibis.greatest(cum_in_scope - c.in_scope - deductible, 0)
    sign = ibis.cases((c.in_scope < 0, -1), else_=1)
    per_admission = sign * ibis.greatest(c.in_scope.abs() - deductible, 0)
    eligible = ibis.cases((c.b_per_year.fill_null(False), per_year), else_=per_admission)
    cut = pick(c.period, [bp(p.basic.referral_cut) if p.basic else 0 for p in policies])
    ratio = c.b_ratio.fill_null(0)
    applied = ibis.cases((c.referred.fill_null(True), ratio), else_=ibis.greatest(ratio - cut, 0))
    raw, raw_referred = eligible * applied, eligible * ratio
    given: Any = ibis.literal(False)
    if "basic_paid" in claims.columns:  # settled by the insurance system: taken as given, as in the one-claim path
        given = c.basic_paid.notnull()
        raw = ibis.cases((given, c.basic_paid * BP), else_=raw)
        raw_referred = ibis.cases((given, c.basic_paid * BP), else_=raw_referred)
    c = c.mutate(raw=raw, raw_referred=raw_referred, given_basic=given)
    c = c.mutate(cum_raw=c.raw.sum().over(w_person))
    cap = pick(c.period, [to_fen(p.basic.annual_cap) if p.basic and p.basic.annual_cap is not None else NO_LIMIT
                          for p in policies])  # fmt: skip

    def entitled(cum: Any) -> Any:
        return ibis.least(half_up(cum, BP), cap)

    computed = entitled(c.cum_raw) - entitled(c.cum_raw - c.raw)
    lost = entitled(c.cum_raw - c.raw + c.raw_referred) - entitled(c.cum_raw - c.raw) - computed
    if "basic_paid" in claims.columns:
        c = c.mutate(basic=ibis.cases((c.given_basic, c.basic_paid), else_=computed),
                     lost=ibis.cases((c.given_basic, 0), else_=lost))  # fmt: skip
    else:
        c = c.mutate(basic=computed, lost=lost)
    c = c.mutate(critical_base=c.in_scope - c.basic)
    c = c.mutate(cum_critical=c.critical_base.sum().over(w_person))
    by_period: list[Any] = []
    for p in policies:
        if p.critical is None:
            by_period.append(ibis.literal(0, "int64"))
            continue
        plain, tilted_fn = Segmented.of(p.critical), Segmented.of(p.critical, p.critical.recipients)
        general = segmented(c.cum_critical, plain) - segmented(c.cum_critical - c.critical_base, plain)
        tilt = segmented(c.cum_critical, tilted_fn) - segmented(c.cum_critical - c.critical_base, tilted_fn)
        by_period.append(ibis.cases((c.category.notnull(), tilt), else_=general))
    critical = pick(c.period, by_period)
    if "critical_paid" in claims.columns:
        critical = ibis.cases((c.critical_paid.notnull(), c.critical_paid), else_=critical)
    c = c.mutate(critical=critical)
    own = c.critical_base - c.critical
    # what was lost for want of a referral is the person's own, never more than their own pay (as ``claim``)
    excluded = ibis.greatest(ibis.least(c.lost, ibis.greatest(own, 0)), ibis.least(own, 0))
    c = c.mutate(assistance_base=ibis.cases((c.category.notnull(), own - excluded), else_=0))
    c = c.mutate(cum_assist=c.assistance_base.sum().over(w_person))
    c = c.mutate(assistance=pick(c.period, [by_category(c.category, c.cum_assist, c.assistance_base, p.assistance)
                                            for p in policies]))  # fmt: skip
    c = c.mutate(tilted_base=ibis.cases((c.category.notnull(), c.assistance_base - c.assistance), else_=0))
    c = c.mutate(cum_tilted=c.tilted_base.sum().over(w_person))
    c = c.mutate(tilted=pick(c.period, [by_category(c.category, c.cum_tilted, c.tilted_base, p.tilted)
                                        for p in policies]))  # fmt: skip
    c = c.mutate(out_of_pocket_in_scope=c.in_scope - c.basic - c.critical - c.assistance - c.tilted)
    extras: list[Any] = []
    for p in policies:
        supplementary: Any = ibis.literal(0, "int64")
        for extra in p.supplementary:
            applies = c.category.isin(extra.categories) if extra.categories else c.category.notnull()
            value = half_up(c.out_of_pocket_in_scope * bp(extra.in_scope_ratio)
                            + (c.total - c.in_scope) * bp(extra.out_of_scope_ratio), BP)  # fmt: skip
            supplementary = supplementary + ibis.cases((applies, value), else_=0)
        extras.append(supplementary)
    supplementary = pick(c.period, extras)
    c = c.mutate(supplementary=supplementary)
    c = c.mutate(out_of_pocket_total=c.total - c.basic - c.critical - c.assistance - c.tilted - c.supplementary)
    keep = [*claims.columns, "basic", "critical", "assistance", "tilted", "supplementary", "out_of_pocket_in_scope",
            "out_of_pocket_total"]  # fmt: skip
    return c.select(*keep).order_by(["settle_date", "settlement_id"])
