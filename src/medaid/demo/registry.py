"""Who is on which list: the recipients of the three departments and their validity.

Recipients: a primary list by department and category (``PRIMARY``); 10 % are also on a
second department's list with a lower category (``SECOND``) and the same validity, so the
registry keeps the first. 8 % become valid mid-year, 6 % others end mid-year (终止日期,
inclusive); 0.5 % of those valid all year die (deaths.csv), their lists left unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from medaid.demo.parameters import NEVER, Arr
from medaid.vocab import CATEGORIES

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
