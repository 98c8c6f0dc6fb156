"""The year's people, lists, deaths and settlements, with the findings injected."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from medaid.demo.anomalies import death_days, heavy_rows, inject, pick, service_days, wanted
from medaid.demo.bad_rows import RECIPIENT_BAD, recipient_bad_each
from medaid.demo.distributions import draw_claims
from medaid.demo.engine import assistance_without_limit, settle
from medaid.demo.parameters import NEVER, VISITS, Arr, Policy
from medaid.demo.population import make_people
from medaid.demo.registry import Registry, make_registry
from medaid.vocab import CATEGORIES


@dataclass
class Year:
    """The year's people and settlements; settlement columns in file order (结算日期, then tie).

    ``b["service"]`` is the day the care ended (negative: the year before), ``b["cross_year"]`` marks
    the 跨年度支付 (``anomalies.service_days``)."""

    reg: Registry
    ids: pa.Array
    names: pa.Array
    county: Arr
    death: Arr
    counties: int
    reserved: int  # the first of the people kept for bad recipient rows
    b: dict[str, Arr]


def build(rng: np.random.Generator, n: int, p: Policy, when: tuple[int, int], with_platform: bool) -> Year:
    """People, lists, deaths and settled claims with the findings injected; ``when`` = (days, year)."""
    days, year = when
    counties, recipients = min(99, max(1, round(n / 100_000))), n // 3
    reg = make_registry(rng, recipients, days)
    others = max(10, round(recipients * 0.3))
    people = recipients + others + recipient_bad_each(recipients) * sum(len(k) for k in RECIPIENT_BAD.values())
    young = np.zeros(people, np.bool_)
    young[:recipients] = reg.category == CATEGORIES.index("孤儿")
    ids, names, county = make_people(rng, people, counties, young, year)
    stable = (reg.valid_from < 0) & (reg.valid_to == NEVER) & p.assistance.present[reg.category]
    dead = pick(rng, stable, max(3 * wanted("paid_after_death", n), round(recipients * 0.005)))
    pool = stable & ~p.tilted.present[reg.category]
    pool[dead] = False
    heavy = pick(rng, pool, wanted("above_annual_limit", n))
    c = draw_claims(rng, n, (recipients, others, county, counties), days, heavy_rows(rng, heavy, days))
    death, after_death = death_days(rng, c, dead, wanted("paid_after_death", n), people, days)
    valid_from, valid_to = np.full(people, NEVER, np.int64), np.full(people, NEVER, np.int64)
    valid_from[:recipients], valid_to[:recipients] = reg.valid_from, reg.valid_to
    category = np.full(people, -1, np.int8)
    category[:recipients] = reg.category
    c.category = category[c.person]
    c.eligible = (c.day >= valid_from[c.person]) & (c.day <= valid_to[c.person]) & (c.day <= death[c.person])
    inpatient = c.visit == VISITS.index("住院")
    c.referred = np.where(inpatient, rng.random(len(c.person)) < 0.9, 2).astype(np.int8)
    own = settle(c, p.engine, year)
    unlimited = assistance_without_limit(c, p.engine, year, heavy)
    used = np.zeros(people, np.bool_)
    used[dead], used[heavy] = True, True
    context = {"used": used, "valid_from": valid_from, "valid_to": valid_to, "heavy": heavy, "after_death": after_death}
    low = np.array([p.assistance.ratio[CATEGORIES.index("低保对象")]])
    c = inject(rng, c, own, p.assistance, unlimited, context | {"low_ratio": low}, n)
    del own, unlimited, context
    platform = np.zeros(people, np.bool_)
    if with_platform:
        # the platform's export has no referral field (read as referred): its people were always referred
        marked = (c.kind > 0) | (c.tilted > 0) | (c.referred == 0)
        flagged = np.bincount(c.person, marked.astype(np.float64), minlength=people) > 0
        count = np.bincount(c.person, minlength=people)
        order = rng.permutation(np.flatnonzero(~used & ~flagged & (count > 0)))
        platform[order[: int(np.searchsorted(np.cumsum(count[order]), n // 100)) + 1]] = True
    order = np.lexsort((c.extra, c.tie, c.day))
    b: dict[str, Arr] = {}
    for name in list(vars(c)):
        b[name] = getattr(c, name)[order]
        setattr(c, name, None)
    del c, order
    repeated = np.flatnonzero(b["extra"])  # each right after its original
    for flag, share in (("out_of_area", 0.02), ("one_stop", 0.96)):
        b[flag] = (rng.random(len(b["person"])) < share).astype(np.int8)
        b[flag][repeated] = b[flag][repeated - 1]
    b["platform"] = platform[b["person"]]
    b["service"], b["cross_year"] = service_days(b, n, VISITS.index("住院"))
    return Year(reg, ids, names, county, death, counties, recipients + others, b)
