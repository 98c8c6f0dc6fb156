"""Random draws of the synthetic programme data, vectorised with numpy.

Money is integer fen. The claims are drawn here; every layer is then paid by the policy
engine (``demo.engine``), over the person's settlements of the year in (结算日期, 结算编号)
order, counting towards assistance only the settlements made while a valid recipient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from medaid.demo.parameters import Arr
from medaid.demo.population import institution_of

VISIT_SHARE = (0.35, 0.60, 0.05)
LEVEL_SHARE = ((0.10, 0.15, 0.50, 0.25), (0.55, 0.25, 0.15, 0.05), (0.10, 0.20, 0.40, 0.30))
MEDIAN = (8000.0, 150.0, 1500.0)  # 元, at a 二级 hospital
SIGMA = (0.95, 1.0, 1.0)
LOWEST = (300.0, 5.0, 30.0)
HIGHEST = (300_000.0, 20_000.0, 50_000.0)
LEVEL_FACTOR = (0.6, 0.8, 1.0, 1.8)


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
    referred: Arr  # 住院: 1 referred (转诊), 0 not; 2 for other visits (not applicable)
    basic: Arr
    critical: Arr
    assistance: Arr
    tilted: Arr
    kind: Arr  # 0 clean, else the index + 1 of the anomaly kind
    extra: Arr  # true for the repeated row of a duplicate


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
    flags = {
        "eligible": np.zeros(rows, np.bool_),
        "referred": np.full(rows, 2, np.int8),
        "kind": np.zeros(rows, np.int8),
        "extra": np.zeros(rows, np.bool_),
    }
    return Claims(**cols, category=np.zeros(rows, np.int8), **money, **flags)


def day_strings(year: int, first: int, last: int) -> list[str]:
    """ISO dates of the day indexes first … last-1 (0 = 1 January of ``year``)."""
    start = dt.date(year, 1, 1)
    return [(start + dt.timedelta(days=d)).isoformat() for d in range(first, last)]
