"""The layer rules, written once: 基本医保 → 大病保险 → 医疗救助 → 倾斜救助 → supplementary, in numpy.

Claims arrive sorted by person-year, then by date and settlement id (``first`` marks the
first claim of each person-year), with the person-year's opening bases (zero in a batch of
whole years; the person's year-to-date totals at the desk, a batch of one). Every yearly
layer is f(cumulative after the claim) − f(cumulative before it), each rounded half-up to
the fen, f being ``linear`` or ``segmented`` (the only statement of the layer functions; ``steps``
holds their parameters); the parameters come per claim from ``rules`` (the policy in force
on its date, its visit, level and category). No Python loop runs per claim: only per
segment of 大病保险, per visit type with a yearly deductible and per supplementary layer.
A batch of one (the desk) runs the same functions on the claim's numpy scalars rather than on
arrays of one, whose every numpy call would cost more than its arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import cast

import numpy as np

from medaid.policy.rules import I64, Bools, Rules
from medaid.policy.steps import BP


@dataclass(frozen=True)
class Claims:
    """Coded claims sorted by person-year, date and settlement id (see ``arrow.code``)."""

    first: Bools  # the first claim of a person-year
    period: I64  # index of the policy in force on the claim's date
    visit: I64
    level: I64
    category: I64  # 0: no category
    total: I64
    in_scope: I64
    referred: Bools
    basic_paid: I64 | None = None  # taken as given where ``*_given``
    basic_given: Bools | None = None
    critical_paid: I64 | None = None
    critical_given: Bools | None = None
    assistance_paid: I64 | None = None
    assistance_given: Bools | None = None


@dataclass(frozen=True)
class Opening:
    """Each person-year's bases before its first claim here (arrays by person-year)."""

    basic_raw: I64  # fen × BP
    in_scope: I64  # [person-year, visit code]: in-scope amounts so far, for yearly deductibles
    critical_base: I64
    assistance_base: I64
    tilted_base: I64


@dataclass(frozen=True)
class Settled:
    """Per claim: the layers (fen) and the bases each adds to the year-to-date totals."""

    basic: I64
    critical: I64
    assistance: I64
    tilted: I64
    supplementary: I64
    out_of_pocket_in_scope: I64
    out_of_pocket_total: I64
    raw: I64  # basic raw added (fen × BP)
    lost: I64  # what referral would have added to basic
    excluded: I64  # the loss for want of a referral, kept out of assistance
    critical_base: I64
    assistance_base: I64
    tilted_base: I64


def _where(condition: Bools, a: I64 | int, b: I64 | int) -> I64:
    """``np.where``; on one claim's scalars (a batch of one), a choice."""
    if isinstance(condition, np.ndarray):
        return np.where(condition, a, b)
    return a if condition else b


def _max(a: I64, b: I64 | int) -> I64:
    """``np.maximum``; on scalars, the larger."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.maximum(a, b)
    return a if a >= b else b


def _min(a: I64, b: I64 | int) -> I64:
    """``np.minimum``; on scalars, the smaller."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.minimum(a, b)
    return a if a <= b else b


def half_up(numerator: I64, denominator: int) -> I64:
    """Integer division rounded half away from zero, as ``medaid.money.half_up``: (2|n| + d) // 2d,
    which is (|n| + d/2) // d for an even d; on arrays computed in place (one new array, not seven)."""
    if not isinstance(numerator, np.ndarray):  # one claim's scalar
        rounded = (2 * abs(numerator) + denominator) // (2 * denominator)
        return -rounded if numerator < 0 else rounded
    out: I64 = np.abs(numerator)
    if denominator % 2 == 0:
        out += denominator // 2
        out //= denominator
    else:
        out *= 2
        out += denominator
        out //= 2 * denominator
    np.negative(out, out=out, where=numerator < 0)
    return out


class _Running:
    """Cumulative sums within person-years, from their opening balances."""

    def __init__(self, first: Bools, one: bool) -> None:
        self.first = first
        self.one = one  # a batch of one (the desk): its opening plus the claim
        self.group = np.zeros(1, np.int64) if one else np.cumsum(first) - 1

    def after(self, values: I64, opening: I64) -> I64:
        if self.one:
            return values + opening
        total = np.cumsum(values)
        start = (total - values)[self.first]
        out: I64 = total + (opening - start)[self.group]
        return out


def linear(cumulative: I64, table: I64) -> I64:
    """Per-claim parameters (threshold, ratio, limit): min(half_up(max(c − t, 0) × r), limit)."""
    value = half_up(_max(cumulative - table[..., 0], 0) * table[..., 1], BP)
    return _min(value, table[..., 2])


def segmented(cumulative: I64, threshold: I64, excess: Bools, upto: I64, ratio: I64, cap: I64) -> I64:
    """大病保险 on per-claim parameters: segments (upto, ratio) from the threshold or above it."""
    amount = _where(excess, _max(cumulative - threshold, 0), _max(cumulative, 0))
    lower = _where(excess, 0, threshold)
    raw = cumulative * 0
    for k in range(upto.shape[-1]):
        top = _min(amount, upto[..., k])
        raw += _max(top - lower, 0) * ratio[..., k]
        lower = _max(lower, upto[..., k])
    return _min(half_up(raw, BP), cap)


def _basic(rules: Rules, c: Claims, running: _Running, opening: Opening) -> tuple[I64, I64, I64]:
    """(basic paid, raw added, lost for want of a referral)."""
    deductible = rules.deductible[c.period, c.visit, c.level]
    ratio = rules.ratio[c.period, c.visit, c.level]
    eligible = _where(c.in_scope < 0, -1, 1) * _max(abs(c.in_scope) - deductible, 0)
    if rules.per_year_visits:
        per_year = rules.per_year[c.period, c.visit, c.level]
        for v in rules.per_year_visits:
            this = c.visit == v
            cum = running.after(_where(this, c.in_scope, 0), opening.in_scope[..., v])
            yearly = _max(cum - deductible, 0) - _max(cum - c.in_scope - deductible, 0)
            eligible = _where(this & per_year, yearly, eligible)
    applied = _where(c.referred, ratio, _max(ratio - rules.cut[c.period], 0))
    raw, raw_referred = eligible * applied, eligible * ratio
    if c.basic_paid is not None and c.basic_given is not None:
        raw = _where(c.basic_given, c.basic_paid * BP, raw)
        raw_referred = _where(c.basic_given, c.basic_paid * BP, raw_referred)
    cum = running.after(raw, opening.basic_raw)
    cap = rules.cap[c.period]
    entitled_before = _min(half_up(cum - raw, BP), cap)
    paid = _min(half_up(cum, BP), cap) - entitled_before
    lost = _min(half_up(cum - raw + raw_referred, BP), cap) - entitled_before - paid
    if c.basic_paid is not None and c.basic_given is not None:
        paid = _where(c.basic_given, c.basic_paid, paid)
        lost = _where(c.basic_given, 0, lost)
    return paid, raw, lost


def supplementary_parts(rules: Rules, c: Claims, in_scope_left: I64) -> list[list[I64]]:
    """Per period, per supplementary layer of its policy: what the layer pays each claim (0 where
    the claim is of another period or of a category the layer leaves out)."""
    out: list[list[I64]] = []
    for period, extras in enumerate(rules.supplementary):
        parts = []
        for applies, in_bp, out_bp in extras:
            value = half_up(in_scope_left * in_bp + (c.total - c.in_scope) * out_bp, BP)
            chosen = applies[c.category] if rules.periods == 1 else applies[c.category] & (c.period == period)
            parts.append(_where(chosen, value, 0))
        out.append(parts)
    return out


def settle(rules: Rules, c: Claims, opening: Opening | None = None) -> Settled:
    """Every claim of whole person-years (or of their continuation after ``opening``).

    A batch of one (the desk) runs the same functions on the claim's numpy scalars, where numpy's
    call on an array of one would cost more than the arithmetic (``_where``, ``_max``, ``_min``,
    ``half_up`` take either), and gives arrays of one back."""
    n = len(c.in_scope)
    if n == 1:
        return _of_one(rules, c, opening)
    running = _Running(c.first, False)
    groups = int(running.group[-1]) + 1 if n else 0
    if opening is None:
        zero = np.zeros(groups, np.int64)
        opening = Opening(zero, np.zeros((groups, len(rules.visits) + 1), np.int64), zero, zero, zero)
    return _settle(rules, c, running, opening)


def _of_one(rules: Rules, c: Claims, opening: Opening | None) -> Settled:
    """One claim as scalars (its opening balances, or zero), settled by ``_settle``, as arrays of one."""
    one = Claims(*[None if v is None else v[0] for v in (getattr(c, name) for name in _CLAIMS)])  # type: ignore[arg-type]
    if opening is None:
        zero = cast(I64, np.int64(0))
        start = Opening(zero, np.zeros(len(rules.visits) + 1, np.int64), zero, zero, zero)
    else:
        start = Opening(opening.basic_raw[0], opening.in_scope[0], opening.critical_base[0],
                        opening.assistance_base[0], opening.tilted_base[0])  # fmt: skip
    settled = _settle(rules, one, _Running(one.first, True), start)
    rows = np.array([getattr(settled, name) for name in _SETTLED], np.int64).reshape(-1, 1)
    return Settled(*rows)  # each an array of one (a row of ``rows``)


_CLAIMS = tuple(f.name for f in fields(Claims))
_SETTLED = tuple(f.name for f in fields(Settled))


def _settle(rules: Rules, c: Claims, running: _Running, opening: Opening) -> Settled:
    basic, raw, lost = _basic(rules, c, running, opening)
    critical_base = c.in_scope - basic
    cum = running.after(critical_base, opening.critical_base)
    has_category = c.category != 0
    key = (c.period, _where(has_category, 1, 0))
    seg = (rules.seg_threshold[key], rules.seg_excess[key], rules.seg_upto[key], rules.seg_ratio[key],
           rules.seg_cap[key])  # fmt: skip
    critical = segmented(cum, *seg) - segmented(cum - critical_base, *seg)
    if c.critical_paid is not None and c.critical_given is not None:
        critical = _where(c.critical_given, c.critical_paid, critical)
    own = critical_base - critical
    excluded = _max(_min(lost, _max(own, 0)), _min(own, 0))
    assistance_base = _where(has_category, own - excluded, 0)
    cum = running.after(assistance_base, opening.assistance_base)
    table = rules.assistance[c.period, c.category]
    assistance = linear(cum, table) - linear(cum - assistance_base, table)
    if c.assistance_paid is not None and c.assistance_given is not None:
        assistance = _where(c.assistance_given & has_category, c.assistance_paid, assistance)
    tilted_base = _where(has_category, assistance_base - assistance, 0)
    cum = running.after(tilted_base, opening.tilted_base)
    table = rules.tilted[c.period, c.category]
    tilted = linear(cum, table) - linear(cum - tilted_base, table)
    in_scope_left = c.in_scope - basic - critical - assistance - tilted
    supplementary = c.total * 0
    for parts in supplementary_parts(rules, c, in_scope_left):
        for part in parts:
            supplementary += part
    return Settled(
        basic=basic, critical=critical, assistance=assistance, tilted=tilted, supplementary=supplementary,
        out_of_pocket_in_scope=in_scope_left,
        out_of_pocket_total=c.total - basic - critical - assistance - tilted - supplementary,
        raw=raw, lost=lost, excluded=excluded, critical_base=critical_base, assistance_base=assistance_base,
        tilted_base=tilted_base,
    )  # fmt: skip
