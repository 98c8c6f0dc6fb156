"""What goes wrong: the verification findings injected into the settled claims.

Findings (one kind per person, never two on one row; counts are settlements):
- ``missed``: a valid recipient, entitled to at least 10 元, 医疗救助支付 set to 0;
- ``paid_non_recipient``: someone on no list paid as a 低保对象 would be;
- ``paid_before_validity`` / ``paid_after_end`` / ``paid_after_death``: a recipient paid, at
  the category's ratio on the settlement's own in-scope pay, on a day outside validity;
- ``above_annual_limit``: a recipient (category without 倾斜救助) with five large 三级
  stays, paid without the annual limit; every settlement whose cumulative 医疗救助支付
  exceeds the limit counts;
- ``duplicate``: the person's last settlement repeated under a new 结算编号.
Counts are proportional to the settlements (``RATES``), at least 2 each, fewer only when
too few candidates exist. People chosen for one kind are never used for another.

Besides the findings, ``service_days`` picks the 跨年度支付 of the year: correctly paid January
stays whose 出院日期 is in December of the year before (metric ``cross_year_payments``; the
monthly verification, which looks at 结算日期, finds nothing in them).
"""

from __future__ import annotations

import numpy as np

from medaid.demo.distributions import Claims
from medaid.demo.parameters import NEVER, Arr, Layer, half_up

RATES = {  # share of the settlements; the order is that of KINDS
    "missed": 0.001,
    "paid_non_recipient": 0.0005,
    "paid_before_validity": 0.0004,
    "paid_after_end": 0.0004,
    "paid_after_death": 0.0002,
    "above_annual_limit": 0.0001,  # people, each with several settlements over the limit
    "duplicate": 0.0005,
}
KINDS = tuple(RATES)
CROSS_YEAR_RATE = 0.0002  # share of the settlements paid in January for a stay that ended in December before
STAY_DAYS = 5  # a stay ends 1 to STAY_DAYS days before its settlement (never before 1 January)
DECEMBER_DAYS = 10  # a cross-year stay ends in the last DECEMBER_DAYS days of the year before
# the verification reason (medaid.vocab.REASONS) each injected kind must be found under
REASON_OF = {kind: kind.removeprefix("paid_") for kind in KINDS}
MIN_ASSISTANCE = 1000  # fen: a missed settlement is worth at least 10 元
MIN_OWN = 5000  # fen: own pay of a wrongly paid settlement


def wanted(kind: str, settlements: int) -> int:
    return max(2, round(settlements * RATES[kind]))


def pick(rng: np.random.Generator, mask: Arr, k: int) -> Arr:
    """Up to k indexes where mask is true, in increasing order."""
    found = np.flatnonzero(mask)
    return np.sort(rng.choice(found, size=min(k, len(found)), replace=False))


def one_per_person(rng: np.random.Generator, rows: Arr, person: Arr, k: int) -> Arr:
    """Up to k of the candidate rows, at most one per person."""
    order = rng.permutation(rows)
    _, first = np.unique(person[order], return_index=True)
    return np.sort(order[np.sort(first)][:k])


def heavy_rows(rng: np.random.Generator, people: Arr, days: int) -> dict[str, Arr]:
    """Five 住院 stays at 三级 hospitals of 150 000–300 000 元 for each person."""
    person = np.repeat(people, 5)
    total = np.rint(rng.uniform(150_000, 300_000, len(person)) * 100).astype(np.int64)
    return {
        "person": person,
        "day": rng.integers(0, days, len(person)),
        "visit": np.zeros(len(person), np.int64),
        "level": np.full(len(person), 3, np.int64),
        "total": total,
        "in_scope": np.rint(total * rng.uniform(0.85, 0.95, len(person))).astype(np.int64),
    }


def death_days(rng: np.random.Generator, c: Claims, dead: Arr, k: int, people: int, days: int) -> tuple[Arr, Arr]:
    """Death day per person (NEVER if alive) and the k dead people with one settlement after death.

    ``c`` is sorted by person and not yet settled. Others die on or after their last settlement.
    """
    death = np.full(people, NEVER, np.int64)
    last = np.flatnonzero(np.append(c.person[1:] != c.person[:-1], True))
    has_prev = np.concatenate(([False], c.person[last[1:]] == c.person[last[1:] - 1]))
    prev_day = np.where(has_prev, c.day[np.maximum(last - 1, 0)], 0)
    who, last_day = c.person[last], c.day[last]
    is_dead = np.isin(who, dead)
    fits = is_dead & (last_day > prev_day) & (c.in_scope[last] >= 20_000)
    chosen = pick(rng, fits, k)
    death[dead] = rng.integers(0, days, len(dead))
    later = is_dead.copy()
    later[chosen] = False
    death[who[later]] = np.minimum(last_day[later] + rng.geometric(1 / 30, int(later.sum())) - 1, days - 1)
    death[who[chosen]] = rng.integers(prev_day[chosen], last_day[chosen])
    return death, who[chosen]


def inject(
    rng: np.random.Generator,
    c: Claims,
    own: Arr,
    rule: Layer,
    unlimited: Arr,
    context: dict[str, Arr],
    settlements: int,
) -> Claims:
    """Apply the findings to settled claims (sorted by person); returns them with duplicates added.

    rule: 医疗救助 by category index; unlimited: what it would pay without its annual limit
    (the engine's, for the claims of the ``heavy`` people).

    context: ``used`` (bool per person, updated), ``valid_from``/``valid_to`` per person,
    ``heavy`` and ``after_death`` (people), ``low_ratio`` (the 低保对象 ratio, one element).
    """
    used, category = context["used"], c.category
    cat = np.maximum(category, 0)
    limit = np.where(category >= 0, rule.limit[cat], NEVER)
    ratio = np.where(category >= 0, rule.ratio[cat], context["low_ratio"][0])
    people = len(used)
    paid_so_far = np.bincount(c.person, weights=c.assistance, minlength=people).astype(np.int64)
    extra = half_up(own * ratio)
    room = paid_so_far[c.person] + extra < limit // 2
    free = ~used[c.person] & (c.kind == 0)

    def mark(kind: str, rows: Arr, amount: Arr | None) -> None:
        c.kind[rows] = KINDS.index(kind) + 1
        if amount is not None:
            c.assistance[rows] = amount[rows]
        used[c.person[rows]] = True

    zero = np.zeros(len(c.person), np.int64)
    candidates = free & c.eligible & (c.assistance >= MIN_ASSISTANCE) & (c.tilted == 0)
    mark("missed", one_per_person(rng, np.flatnonzero(candidates), c.person, wanted("missed", settlements)), zero)
    wrong = {
        "paid_non_recipient": category < 0,
        "paid_before_validity": (category >= 0) & (c.day < context["valid_from"][c.person]),
        "paid_after_end": (category >= 0) & (c.day > context["valid_to"][c.person]),
    }
    payable = (category < 0) | rule.present[cat]
    for kind, where in wrong.items():
        rows = np.flatnonzero(free & ~used[c.person] & where & payable & room & (own >= MIN_OWN))
        mark(kind, one_per_person(rng, rows, c.person, wanted(kind, settlements)), extra)
    dead = np.isin(c.person, context["after_death"])
    is_last = np.append(c.person[1:] != c.person[:-1], True)
    mark("paid_after_death", np.flatnonzero(dead & is_last), extra)
    heavy = np.isin(c.person, context["heavy"])
    mark("above_annual_limit", np.flatnonzero(heavy & (unlimited > c.assistance)), unlimited)
    last_rows = np.flatnonzero(is_last & free & ~used[c.person] & (c.assistance > 0) & room)
    originals = one_per_person(rng, last_rows, c.person, wanted("duplicate", settlements))
    used[c.person[originals]] = True
    return _with_duplicates(c, originals)


def _with_duplicates(c: Claims, originals: Arr) -> Claims:
    """The claims with a copy of each original appended (the order is no longer by person)."""
    fields = {name: np.concatenate((value, value[originals])) for name, value in vars(c).items()}
    fields["extra"][len(c.person) :] = True
    fields["kind"][len(c.person) :] = KINDS.index("duplicate") + 1
    return Claims(**fields)


def service_days(b: dict[str, Arr], settlements: int, inpatient: int) -> tuple[Arr, Arr]:
    """The day each settlement's care ended (0 = 1 January; negative: the year before), and the rows of
    the 跨年度支付 (bool). ``b`` holds the settlements in file order, ``inpatient`` the index of 住院.

    No random draw is made (the other data keep their bytes): a stay ends ``1 + tie % STAY_DAYS`` days
    before its settlement, within the year; an outpatient visit on its day. The cross-year rows are the
    clean, aided January stays of settlements.csv (a duplicate's original excepted: its copy must stay
    identical) with the smallest ``tie`` (a random permutation), ``max(2, CROSS_YEAR_RATE × settlements)``
    of them, ending ``1 + tie % DECEMBER_DAYS`` days before 1 January."""
    day, tie = b["day"].astype(np.int64), b["tie"].astype(np.int64)
    stay = b["visit"] == inpatient
    service = np.where(stay, np.maximum(day - 1 - tie % STAY_DAYS, 0), day)
    original = np.append(b["extra"][1:], False)
    aided = (b["assistance"] + b["tilted"]) > 0
    candidates = np.flatnonzero(stay & (day < 31) & (b["kind"] == 0) & ~b["extra"] & ~original & ~b["platform"] & aided)
    count = max(2, round(settlements * CROSS_YEAR_RATE))
    chosen = candidates[np.argsort(tie[candidates], kind="stable")[:count]]
    service[chosen] = -1 - tie[chosen] % DECEMBER_DAYS
    cross = np.zeros(len(day), np.bool_)
    cross[chosen] = True
    return service, cross
