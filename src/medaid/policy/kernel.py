"""The layer rules, written once: 基本医保 → 大病保险 → 医疗救助 → 倾斜救助 → supplementary, in numpy.

Claims arrive sorted by person-year, then by date and settlement id (``first`` marks the
first claim of each person-year), with the person-year's opening bases (zero in a batch of
whole years; the person's year-to-date totals at the desk, a batch of one). Every yearly
layer is f(cumulative after the claim) − f(cumulative before it), each rounded half-up to
the fen, f being ``linear`` or ``segmented`` (the only statement of the layer functions; ``steps``
holds their parameters); the parameters come per claim from ``rules`` (the policy in force
on its date, its visit, level and category). No Python loop runs per claim: only per
segment of 大病保险, per visit type with a yearly deductible and per supplementary layer.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def half_up(numerator: I64, denominator: int) -> I64:
    """Integer division rounded half away from zero, as ``medaid.money.half_up``."""
    rounded: I64 = (2 * np.abs(numerator) + denominator) // (2 * denominator)
    return np.where(numerator < 0, -rounded, rounded)


class _Running:
    """Cumulative sums within person-years, from their opening balances."""

    def __init__(self, first: Bools) -> None:
        self.first = first
        self.one = len(first) == 1  # a batch of one (the desk): its opening plus the claim
        self.group = np.zeros(1, np.int64) if self.one else np.cumsum(first) - 1

    def after(self, values: I64, opening: I64) -> I64:
        if self.one:
            return values + opening
        total = np.cumsum(values)
        start = (total - values)[self.first]
        out: I64 = total + (opening - start)[self.group]
        return out


def linear(cumulative: I64, table: I64) -> I64:
    """Per-claim parameters (threshold, ratio, limit): min(half_up(max(c − t, 0) × r), limit)."""
    value = half_up(np.maximum(cumulative - table[:, 0], 0) * table[:, 1], BP)
    out: I64 = np.minimum(value, table[:, 2])
    return out


def segmented(cumulative: I64, threshold: I64, excess: Bools, upto: I64, ratio: I64, cap: I64) -> I64:
    """大病保险 on per-claim parameters: segments (upto, ratio) from the threshold or above it."""
    amount = np.where(excess, np.maximum(cumulative - threshold, 0), np.maximum(cumulative, 0))
    lower = np.where(excess, 0, threshold)
    raw = np.zeros(len(cumulative), np.int64)
    for k in range(upto.shape[1]):
        top = np.minimum(amount, upto[:, k])
        raw += np.maximum(top - lower, 0) * ratio[:, k]
        lower = np.maximum(lower, upto[:, k])
    out: I64 = np.minimum(half_up(raw, BP), cap)
    return out


def _basic(rules: Rules, c: Claims, running: _Running, opening: Opening) -> tuple[I64, I64, I64]:
    """(basic paid, raw added, lost for want of a referral)."""
    deductible = rules.deductible[c.period, c.visit, c.level]
    ratio = rules.ratio[c.period, c.visit, c.level]
    sign = np.where(c.in_scope < 0, -1, 1)
    eligible = sign * np.maximum(np.abs(c.in_scope) - deductible, 0)
    if rules.per_year_visits:
        per_year = rules.per_year[c.period, c.visit, c.level]
        for v in rules.per_year_visits:
            this = c.visit == v
            cum = running.after(np.where(this, c.in_scope, 0), opening.in_scope[:, v])
            yearly = np.maximum(cum - deductible, 0) - np.maximum(cum - c.in_scope - deductible, 0)
            eligible = np.where(this & per_year, yearly, eligible)
    applied = np.where(c.referred, ratio, np.maximum(ratio - rules.cut[c.period], 0))
    raw, raw_referred = eligible * applied, eligible * ratio
    if c.basic_paid is not None and c.basic_given is not None:
        raw = np.where(c.basic_given, c.basic_paid * BP, raw)
        raw_referred = np.where(c.basic_given, c.basic_paid * BP, raw_referred)
    cum = running.after(raw, opening.basic_raw)
    cap = rules.cap[c.period]
    entitled_before = np.minimum(half_up(cum - raw, BP), cap)
    paid = np.minimum(half_up(cum, BP), cap) - entitled_before
    lost = np.minimum(half_up(cum - raw + raw_referred, BP), cap) - entitled_before - paid
    if c.basic_paid is not None and c.basic_given is not None:
        paid = np.where(c.basic_given, c.basic_paid, paid)
        lost = np.where(c.basic_given, 0, lost)
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
            parts.append(np.where(chosen, value, 0))
        out.append(parts)
    return out


def settle(rules: Rules, c: Claims, opening: Opening | None = None) -> Settled:
    """Every claim of whole person-years (or of their continuation after ``opening``)."""
    n = len(c.in_scope)
    running = _Running(c.first)
    groups = int(running.group[-1]) + 1 if n else 0
    if opening is None:
        zero = np.zeros(groups, np.int64)
        opening = Opening(zero, np.zeros((groups, len(rules.visits) + 1), np.int64), zero, zero, zero)
    basic, raw, lost = _basic(rules, c, running, opening)
    critical_base = c.in_scope - basic
    cum = running.after(critical_base, opening.critical_base)
    tilt = (c.category != 0).astype(np.int64)
    key = (c.period, tilt)
    seg = (rules.seg_threshold[key], rules.seg_excess[key], rules.seg_upto[key], rules.seg_ratio[key],
           rules.seg_cap[key])  # fmt: skip
    critical = segmented(cum, *seg) - segmented(cum - critical_base, *seg)
    if c.critical_paid is not None and c.critical_given is not None:
        critical = np.where(c.critical_given, c.critical_paid, critical)
    own = critical_base - critical
    excluded = np.maximum(np.minimum(lost, np.maximum(own, 0)), np.minimum(own, 0))
    has_category = c.category != 0
    assistance_base = np.where(has_category, own - excluded, 0)
    cum = running.after(assistance_base, opening.assistance_base)
    table = rules.assistance[c.period, c.category]
    assistance = linear(cum, table) - linear(cum - assistance_base, table)
    if c.assistance_paid is not None and c.assistance_given is not None:
        assistance = np.where(c.assistance_given & has_category, c.assistance_paid, assistance)
    tilted_base = np.where(has_category, assistance_base - assistance, 0)
    cum = running.after(tilted_base, opening.tilted_base)
    table = rules.tilted[c.period, c.category]
    tilted = linear(cum, table) - linear(cum - tilted_base, table)
    in_scope_left = c.in_scope - basic - critical - assistance - tilted
    supplementary = np.zeros(n, np.int64)
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
