"""Who is on which list, and what goes wrong: verification findings and rows the importer rejects.

Recipients: a primary list by department and category (``PRIMARY``); 10 % are also on a
second department's list with a lower category (``SECOND``) and the same validity, so the
registry keeps the first. 8 % become valid mid-year, 6 % others end mid-year (终止日期,
inclusive); 0.5 % of those valid all year die (deaths.csv), their lists left unchanged.

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

Bad rows, each with one problem, are a fixed share too: per kind in settlements.csv
max(1, settlements // 10000); per kind in each recipients file max(1, recipients // 3000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pyarrow as pa

from medaid.demo.distributions import (
    NEVER,
    Arr,
    Claims,
    Layer,
    Policy,
    draw_claims,
    half_up,
    layer,
    make_people,
    settle,
)
from medaid.ingest.idnumber import CHECK_CHARS
from medaid.ingest.vocab import CATEGORIES

DEPARTMENTS = ("民政", "乡村振兴", "残联")
PRIMARY = (
    ("民政", "特困人员", 5.0),
    ("民政", "孤儿", 0.6),
    ("民政", "低保对象", 40.0),
    ("民政", "低保边缘家庭成员", 8.0),
    ("民政", "因病致贫重病患者", 4.0),
    ("乡村振兴", "返贫致贫人口", 3.0),
    ("乡村振兴", "防止返贫监测对象", 30.0),
    ("残联", "其他", 9.4),
)
# A second list, in another department, with a lower category (the registry keeps the first).
SECOND = {
    "特困人员": ("残联", "其他"),
    "孤儿": ("残联", "其他"),
    "低保对象": ("乡村振兴", "防止返贫监测对象"),
    "低保边缘家庭成员": ("乡村振兴", "防止返贫监测对象"),
    "因病致贫重病患者": ("残联", "其他"),
    "返贫致贫人口": ("民政", "低保边缘家庭成员"),
    "防止返贫监测对象": ("民政", "因病致贫重病患者"),
}


@dataclass(frozen=True)
class Registry:
    """People 0 … count-1 are recipients. Both lists of a person share the same validity."""

    count: int
    department: Arr
    category: Arr  # the highest category
    second_department: Arr  # -1 when on one list only
    second_category: Arr
    valid_from: Arr  # day index (negative: before the year)
    valid_to: Arr  # inclusive day index, NEVER when open


def make_registry(rng: np.random.Generator, count: int, days: int) -> Registry:
    weights = np.array([w for _, _, w in PRIMARY])
    pick = rng.choice(len(PRIMARY), size=count, p=weights / weights.sum())
    department = np.array([DEPARTMENTS.index(d) for d, _, _ in PRIMARY])[pick]
    category = np.array([CATEGORIES.index(c) for _, c, _ in PRIMARY])[pick]
    second_dept = np.full(len(CATEGORIES), -1)
    second_cat = np.full(len(CATEGORIES), -1)
    for name, (dept, cat) in SECOND.items():
        second_dept[CATEGORIES.index(name)], second_cat[CATEGORIES.index(name)] = (
            DEPARTMENTS.index(dept),
            CATEGORIES.index(cat),
        )
    twice = (rng.random(count) < 0.10) & (second_dept[category] >= 0)
    valid_from = rng.integers(-7 * 365, 0, count)
    mid_year = rng.random(count) < 0.08
    valid_from[mid_year] = rng.integers(31, days - 31, int(mid_year.sum()))
    valid_to = np.full(count, NEVER, np.int64)
    ending = ~mid_year & (rng.random(count) < 0.06)
    valid_to[ending] = rng.integers(31, days - 31, int(ending.sum()))
    return Registry(
        count,
        department,
        category,
        np.where(twice, second_dept[category], -1),
        np.where(twice, second_cat[category], -1),
        valid_from,
        valid_to,
    )


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
SETTLEMENT_BAD = (
    ("id_check_digit", "身份证号"),
    ("id_length", "身份证号"),
    ("impossible_date", "结算日期"),
    ("negative_amount", "医疗救助支付"),
    ("text_in_number", "总费用"),
    ("formula", "医疗救助支付"),
    ("in_scope_above_total", "政策范围内费用"),
    ("repeated_id", "结算编号"),
)
RECIPIENT_BAD = {
    "民政": (("unknown_category", "救助类别"), ("id_check_digit", "身份证号"), ("impossible_date", "生效日期")),
    "乡村振兴": (("unknown_category", "救助类别"), ("id_length", "身份证号")),
    "残联": (("unknown_category", "救助类别"), ("id_check_digit", "身份证号")),
}
UNKNOWN_CATEGORIES = ("低保对像", "监测对像", "特因人员")
MIN_ASSISTANCE = 1000  # fen: a missed settlement is worth at least 10 元
MIN_OWN = 5000  # fen: own pay of a wrongly paid settlement


def recipient_bad_each(recipients: int) -> int:
    return max(1, recipients // 3000)


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
    context: dict[str, Arr],
    settlements: int,
) -> Claims:
    """Apply the findings to settled claims (sorted by person); returns them with duplicates added.

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
    first = np.concatenate(([True], c.person[1:] != c.person[:-1]))
    unlimited = layer(own, first, c.eligible, cat, rule, limit=False)
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


def bad_plan(
    rng: np.random.Generator, rows: int, kinds: tuple[tuple[str, str], ...], per_kind: int
) -> list[tuple[int, str, str]]:
    """(insert after data row index, kind, column label) for each bad row, sorted by position.

    -1 puts a row first; a repeated 结算编号 always follows the row it repeats."""
    plan = [
        (int(rng.integers(0 if kind == "repeated_id" else -1, rows)), kind, label)
        for kind, label in kinds
        for _ in range(per_kind)
    ]
    return sorted(plan, key=lambda item: item[0])


def corrupt(kind: str, cells: dict[str, str], year: int, rng: np.random.Generator, earlier_id: str = "") -> str:
    """Break one cell of a row (label → text) the way ``kind`` says; returns the new value."""
    label = dict(SETTLEMENT_BAD).get(kind) or dict(RECIPIENT_BAD["民政"]).get(kind, "")
    if kind in ("id_check_digit", "id_length"):
        number = cells["身份证号"]
        wrong = CHECK_CHARS[(CHECK_CHARS.index(number[17]) + 1 + int(rng.integers(0, 10))) % 11]
        cells["身份证号"] = number[:17] + wrong if kind == "id_check_digit" else number[:17]
        return cells["身份证号"]
    if kind == "impossible_date":
        label = "结算日期" if "结算日期" in cells else "生效日期"
        cells[label] = f"{year}-02-30"
    elif kind == "unknown_category":
        cells[label] = UNKNOWN_CATEGORIES[int(rng.integers(0, len(UNKNOWN_CATEGORIES)))]
    elif kind == "text_in_number":
        cells[label] = "八百"
    elif kind == "formula":
        cells[label] = "=SUM(A1:A3)"
    elif kind == "repeated_id":
        cells[label] = earlier_id
    elif kind == "in_scope_above_total":
        cells[label] = f"{Decimal(cells['总费用']) + Decimal('100.00'):.2f}"
    elif kind == "negative_amount":
        paid = max(Decimal(cells[label]), Decimal("35.00"))
        cells["个人自付"] = f"{Decimal(cells['个人自付']) + Decimal(cells[label]) + paid:.2f}"
        cells[label] = f"{-paid:.2f}"
    return cells[label]


@dataclass
class Year:
    """The year's people and settlements; settlement columns in file order (结算日期, then tie)."""

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
    own = settle(c, p)
    used = np.zeros(people, np.bool_)
    used[dead], used[heavy] = True, True
    context = {"used": used, "valid_from": valid_from, "valid_to": valid_to, "heavy": heavy, "after_death": after_death}
    low = np.array([p.assistance.ratio[CATEGORIES.index("低保对象")]])
    c = inject(rng, c, own, p.assistance, context | {"low_ratio": low}, n)
    del own, context
    platform = np.zeros(people, np.bool_)
    if with_platform:
        flagged = np.bincount(c.person, ((c.kind > 0) | (c.tilted > 0)).astype(np.float64), minlength=people) > 0
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
    for flag, share in (("referred", 0.9), ("out_of_area", 0.02), ("one_stop", 0.96)):
        b[flag] = (rng.random(len(b["person"])) < share).astype(np.int8)
        b[flag][repeated] = b[flag][repeated - 1]
    b["referred"] = np.where(b["visit"] == 0, b["referred"], 2)
    b["platform"] = platform[b["person"]]
    return Year(reg, ids, names, county, death, counties, recipients + others, b)
