"""The policies of a span as lookup arrays for the settlement kernel (``kernel``).

Text values become small integer codes over a fixed vocabulary taken from the policies
themselves, so that the parameters are compiled once and every Arrow batch is coded the
same way: visit types and hospital levels the rules name (a level the rules do not name
codes as "unknown"), categories any layer names (0 = no category, the last code = a
category no layer names). Each parameter is an array indexed by period (the policy in
force, by date) and code; the basic rule of a (visit, level) is ``Basic.rule``'s, the
same lookup as the one-claim path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from medaid.money import to_fen
from medaid.policy.model import LEVEL_ALIASES, Assistance, Policy
from medaid.policy.steps import Linear, Segmented, bp

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
NO_LIMIT = 10**15
EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


@dataclass(frozen=True)
class Rules:
    """Parameters by [period, ...]; periods in order of ``valid_from``."""

    starts: I64  # day number from which each later period is in force
    visits: tuple[str, ...]  # code = index; len(visits) = a visit no rule names
    levels: tuple[str, ...]  # "" stands for a missing level; len(levels) = unknown
    categories: tuple[str, ...]  # code = index + 1; 0 = none; len + 1 = a category no layer names
    deductible: I64  # [period, visit, level]
    ratio: I64
    per_year: Bools
    per_year_visits: tuple[int, ...]  # visit codes with a yearly deductible in some period
    cut: I64  # [period] basis points lost when not referred
    cap: I64  # [period] basic annual cap
    seg_threshold: I64  # [period, tilted]
    seg_excess: Bools  # [period, tilted]
    seg_upto: I64  # [period, tilted, segment]
    seg_ratio: I64
    seg_cap: I64
    assistance: I64  # [period, category, (threshold, ratio, limit)]
    tilted: I64
    supplementary: list[list[tuple[Bools, int, int]]]  # per period: (applies by category, in bp, out bp)

    @property
    def periods(self) -> int:
        return len(self.cut)


def _linear_table(layers: Sequence[dict[str, Assistance]], categories: tuple[str, ...]) -> I64:
    table = np.zeros((len(layers), len(categories) + 2, 3), np.int64)
    table[:, :, 2] = NO_LIMIT  # no layer: ratio 0, so nothing is paid
    for period, by_category in enumerate(layers):
        for code, name in enumerate(categories, start=1):
            if name in by_category:
                fn = Linear.of(by_category[name])
                table[period, code] = (fn.threshold, fn.ratio, NO_LIMIT if fn.limit is None else fn.limit)
    return table


def _segments(policies: Sequence[Policy]) -> dict[str, npt.NDArray[np.int64] | Bools]:
    functions = [
        [Segmented.of(p.critical), Segmented.of(p.critical, p.critical.recipients)] if p.critical else [None, None]
        for p in policies
    ]
    width = max([len(f.segments) for pair in functions for f in pair if f is not None] + [1])
    shape = (len(policies), 2)
    out: dict[str, npt.NDArray[np.int64] | Bools] = {
        "seg_threshold": np.zeros(shape, np.int64), "seg_excess": np.zeros(shape, np.bool_),
        "seg_upto": np.full((*shape, width), NO_LIMIT, np.int64), "seg_ratio": np.zeros((*shape, width), np.int64),
        "seg_cap": np.full(shape, NO_LIMIT, np.int64),
    }  # fmt: skip
    for period, pair in enumerate(functions):
        for tilted, fn in enumerate(pair):
            if fn is None:  # no 大病保险 in this period: every ratio 0
                continue
            out["seg_threshold"][period, tilted] = fn.threshold
            out["seg_excess"][period, tilted] = fn.basis == "excess"
            for k, (upto, ratio) in enumerate(fn.segments):
                out["seg_upto"][period, tilted, k] = NO_LIMIT if upto is None else upto
                out["seg_ratio"][period, tilted, k] = ratio
            out["seg_cap"][period, tilted] = NO_LIMIT if fn.cap is None else fn.cap
    return out


def compile_rules(policies: Sequence[Policy]) -> Rules:
    """Lookup arrays for policies in force one after another (sorted here by ``valid_from``)."""
    ordered = sorted(policies, key=lambda p: p.valid_from)
    visits = tuple(sorted({v for p in ordered if p.basic for v, _ in p.basic.rules}))
    levels = tuple(sorted({lv for p in ordered if p.basic for _, lv in p.basic.rules} | set(LEVEL_ALIASES)))
    named = {c for p in ordered for c in (*p.assistance, *p.tilted)}
    named |= {c for p in ordered for extra in p.supplementary for c in extra.categories}
    categories = tuple(sorted(named))
    shape = (len(ordered), len(visits) + 1, len(levels) + 1)
    deductible, ratio, per_year = np.zeros(shape, np.int64), np.zeros(shape, np.int64), np.zeros(shape, np.bool_)
    for period, p in enumerate(ordered):
        for i, visit in enumerate(visits):
            for j, level in enumerate(levels):
                rule = p.basic.rule(visit, level or None) if p.basic else None
                if rule is not None:
                    deductible[period, i, j], ratio[period, i, j] = to_fen(rule.deductible), bp(rule.ratio)
                    per_year[period, i, j] = rule.per == "year"
    supplementary: list[list[tuple[Bools, int, int]]] = []
    for p in ordered:
        extras = []
        for extra in p.supplementary:
            applies = np.ones(len(categories) + 2, np.bool_)
            applies[0] = False  # no category: no supplementary layer
            if extra.categories:
                applies[:] = False
                applies[[categories.index(c) + 1 for c in extra.categories]] = True
            extras.append((applies, bp(extra.in_scope_ratio), bp(extra.out_of_scope_ratio)))
        supplementary.append(extras)
    return Rules(
        starts=np.array([day_number(p.valid_from) for p in ordered[1:]], np.int64),
        visits=visits, levels=levels, categories=categories,
        deductible=deductible, ratio=ratio, per_year=per_year,
        per_year_visits=tuple(int(v) for v in np.flatnonzero(per_year.any(axis=(0, 2)))),
        cut=np.array([bp(p.basic.referral_cut) if p.basic else 0 for p in ordered], np.int64),
        cap=np.array([to_fen(p.basic.annual_cap) if p.basic and p.basic.annual_cap is not None else NO_LIMIT
                      for p in ordered], np.int64),
        assistance=_linear_table([p.assistance for p in ordered], categories),
        tilted=_linear_table([p.tilted for p in ordered], categories),
        supplementary=supplementary,
        **_segments(ordered),  # type: ignore[arg-type]
    )  # fmt: skip
