"""Policy arithmetic and random draws of the synthetic programme data, vectorised with numpy.

Money is integer fen, ratios integer basis points (1/10000). Every layer is paid as the
entitlement on the person's cumulative amount to date minus the entitlement before this
settlement, rounded half-up on the cumulative amount, as the verifier computes it. The
cumulative runs over all the person's settlements of the year in (结算日期, 结算编号)
order; a layer pays only on the settlements where the person is a valid recipient.
- 基本医保: (政策范围内 − deductible) × ratio per settlement by visit type and level (基层
  as 一级), within the annual cap;
- 大病保险: on the cumulative 政策范围内 − 基本医保, segments by ``basis``; on a recipient's
  settlement the threshold × threshold_factor and ratios + ratio_add (cap null: the general cap);
- 医疗救助: ratio × (cumulative own pay − threshold) within the annual limit, own pay being
  政策范围内 − 基本医保 − 大病保险; 倾斜救助 likewise on own pay − 医疗救助.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from medaid.demo.parameters import BP, NO_LIMIT, Arr, Layer, Policy, half_up
from medaid.demo.population import institution_of

VISIT_SHARE = (0.35, 0.60, 0.05)
LEVEL_SHARE = ((0.10, 0.15, 0.50, 0.25), (0.55, 0.25, 0.15, 0.05), (0.10, 0.20, 0.40, 0.30))
MEDIAN = (8000.0, 150.0, 1500.0)  # 元, at a 二级 hospital
SIGMA = (0.95, 1.0, 1.0)
LOWEST = (300.0, 5.0, 30.0)
HIGHEST = (300_000.0, 20_000.0, 50_000.0)
LEVEL_FACTOR = (0.6, 0.8, 1.0, 1.8)


def group_cumsum(values: Arr, first: Arr) -> Arr:
    """Running totals that restart where ``first`` is true (rows sorted by person)."""
    total = np.cumsum(values)
    starts = np.flatnonzero(first)
    offset = total[starts] - values[starts]
    out: Arr = total - np.repeat(offset, np.diff(np.append(starts, len(values))))
    return out


def entitled(cum: Arr, threshold: Arr, ratio: Arr, limit: Arr) -> Arr:
    """Entitlement to date in fen: ratio × (cumulative − threshold), half-up, within the limit."""
    return np.minimum(half_up(ratio * np.maximum(cum - threshold, 0)), limit)


def critical_entitled(cum: Arr, recipient: Arr, p: Policy) -> Arr:
    lowered = (p.critical_threshold * p.recipient_factor + BP // 2) // BP
    threshold = np.where(recipient, lowered, p.critical_threshold)
    add = np.where(recipient, p.recipient_add, 0)
    scaled = np.zeros(len(cum), np.int64)
    for lower, upper, ratio in p.segments:
        if p.critical_excess:
            part = np.clip(cum - threshold - lower, 0, upper - lower)
        else:
            part = np.maximum(np.minimum(cum, upper) - np.maximum(threshold, lower), 0)
        scaled += (ratio + add) * part
    return np.minimum(half_up(scaled), np.where(recipient, p.recipient_cap, p.critical_cap))


@dataclass
class Claims:
    """Settlement rows sorted by person, then day, then tie (the order of 结算日期, 结算编号)."""

    person: Arr
    day: Arr  # 0 = 1 January of the year
    tie: Arr  # unique; the order of 结算编号 within a day
    visit: Arr  # index in VISITS
    level: Arr  # index in LEVELS
    inst: Arr  # index of the institution
    total: Arr  # fen
    in_scope: Arr
    category: Arr  # the person's highest category index, -1 when on no list
    eligible: Arr  # a valid recipient on the day
    basic: Arr
    critical: Arr
    assistance: Arr
    tilted: Arr
    kind: Arr  # 0 clean, else the index + 1 of the anomaly kind
    extra: Arr  # true for the repeated row of a duplicate


def first_rows(person: Arr) -> Arr:
    return np.concatenate(([True], person[1:] != person[:-1]))


def settle(c: Claims, p: Policy) -> Arr:
    """Fill the four layers in place; returns each row's own in-scope pay after basic and critical."""
    first = first_rows(c.person)
    raw = np.maximum(c.in_scope - p.deductible[c.visit, c.level], 0) * p.basic_ratio[c.visit, c.level]
    cum = group_cumsum(raw, first)
    c.basic = np.minimum(half_up(cum), p.basic_cap) - np.minimum(half_up(cum - raw), p.basic_cap)
    after = c.in_scope - c.basic
    cum = group_cumsum(after, first)
    c.critical = critical_entitled(cum, c.eligible, p) - critical_entitled(cum - after, c.eligible, p)
    own: Arr = after - c.critical
    cat = np.where(c.eligible, c.category, 0)
    c.assistance = layer(own, first, c.eligible, cat, p.assistance)
    c.tilted = layer(own - c.assistance, first, c.eligible, cat, p.tilted)
    return own


def layer(amount: Arr, first: Arr, eligible: Arr, cat: Arr, rule: Layer, *, limit: bool = True) -> Arr:
    # only claims made while a recipient count towards assistance thresholds and limits (as the policy engine)
    amount = np.where(eligible, amount, 0)
    cum = group_cumsum(amount, first)
    cap = rule.limit[cat] if limit else np.full(len(cat), NO_LIMIT, np.int64)
    paid = entitled(cum, rule.threshold[cat], rule.ratio[cat], cap)
    paid -= entitled(cum - amount, rule.threshold[cat], rule.ratio[cat], cap)
    return np.where(eligible & rule.present[cat], paid, 0)


def draw_claims(
    rng: np.random.Generator,
    n: int,
    people: tuple[int, int, Arr, int],
    days: int,
    extra: dict[str, Arr],
) -> Claims:
    """n settlements (15 % by people on no list) plus ``extra`` rows, sorted by person, day, tie; unpaid.

    people: (recipients, non-recipients, county of each person, counties).

    Visit mix and hospital level by ``VISIT_SHARE``/``LEVEL_SHARE``; 总费用 lognormal by visit
    type (``MEDIAN``, ``SIGMA``) times ``LEVEL_FACTOR``, clipped; 政策范围内费用 75–95 % of it.
    """
    recipients, others, county, counties = people
    outside = round(n * 0.15)
    liking, outsiders = rng.gamma(0.7, 1.0, recipients), rng.gamma(1.0, 1.0, others)
    person = np.concatenate((
        rng.choice(recipients, size=n - outside, p=liking / liking.sum()),
        recipients + rng.choice(others, size=outside, p=outsiders / outsiders.sum()),
    )).astype(np.int32)  # fmt: skip
    visit = rng.choice(3, size=n, p=VISIT_SHARE).astype(np.int8)
    chance, level = rng.random(n), np.zeros(n, np.int8)
    for v, shares in enumerate(LEVEL_SHARE):
        level[visit == v] = np.searchsorted(np.cumsum(shares)[:-1], chance[visit == v], side="right")
    noise = rng.standard_normal(n)
    yuan = np.exp(np.log(np.take(MEDIAN, visit)) + np.take(SIGMA, visit) * noise) * np.take(LEVEL_FACTOR, level)
    total = np.rint(np.clip(yuan, np.take(LOWEST, visit), np.take(HIGHEST, visit)) * 100).astype(np.int64)
    in_scope = np.rint(total * rng.uniform(0.75, 0.95, n)).astype(np.int64)
    cols: dict[str, Arr] = {"person": person, "day": rng.integers(0, days, n, dtype=np.int32), "visit": visit}
    cols["level"] = level
    cols |= {"total": total, "in_scope": in_scope}
    cols = {k: np.concatenate((v, extra[k].astype(v.dtype))) for k, v in cols.items()}
    cols["inst"] = institution_of(rng, county[cols["person"]], cols["level"], counties).astype(np.int32)
    cols["tie"] = rng.permutation(len(cols["person"])).astype(np.int32)
    order = np.lexsort((cols["tie"], cols["day"], cols["person"]))
    cols = {k: v[order] for k, v in cols.items()}
    rows = len(order)
    money = {k: np.zeros(rows, np.int64) for k in ("basic", "critical", "assistance", "tilted")}
    flags = {"eligible": np.zeros(rows, np.bool_), "kind": np.zeros(rows, np.int8), "extra": np.zeros(rows, np.bool_)}
    return Claims(**cols, category=np.zeros(rows, np.int8), **money, **flags)


def day_strings(year: int, first: int, last: int) -> list[str]:
    """ISO dates of the day indexes first … last-1 (0 = 1 January of ``year``)."""
    start = dt.date(year, 1, 1)
    return [(start + dt.timedelta(days=d)).isoformat() for d in range(first, last)]
