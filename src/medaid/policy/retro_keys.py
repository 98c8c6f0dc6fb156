"""The retroactive window (追溯救助) of a category's eligibility rule, as a typed value.

A person recognised through a case (依申请认定, e.g. 因病致贫重病患者) is assisted once for the
bills incurred before recognition within a window the policy names: 《济南市因病致贫重病患者认定办法
（试行）》 says "身份认定一次有效，针对自申请之月前12个月产生的个人负担费用，由医保部门按规定落实
医疗救助待遇". The window belongs to the category's eligibility rule (``eligibility.<类别>.retroactive``
in the policy file, read by medaid.policy.case_keys), so two categories may have two windows.

:class:`RetroactiveRule` is an :class:`~medaid.policy.model.EligibilityRule` that also carries the
window; :func:`window_of` finds it in a policy (None: the category is not assisted retroactively).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from medaid.policy.model import EligibilityRule, Policy, Source

ANCHORS = {"application_month": "申请之月前", "recognition": "认定之日前"}


@dataclass(frozen=True)
class Retroactive:
    """Bills of the ``months`` before the anchor are settled once under the category's parameters."""

    months: int
    anchor: str  # application_month: the whole months before the month of application; recognition: before it
    source: Source

    def span(self, applied_on: dt.date, recognised_on: dt.date) -> tuple[dt.date, dt.date]:
        """The first and the last bill date of the window (both included); never on or after recognition."""
        end = dt.date(applied_on.year, applied_on.month, 1) if self.anchor == "application_month" else recognised_on
        start = _months_before(end, self.months)
        return start, min(end, recognised_on) - dt.timedelta(days=1)

    def describe(self) -> str:
        return f"{ANCHORS[self.anchor]}{self.months}个月（依据：{self.source.describe()}）"


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class RetroactiveRule(EligibilityRule):
    """An eligibility rule with its retroactive window."""

    retroactive: Retroactive | None = None


def window_of(policy: Policy, category: str) -> Retroactive | None:
    """The retroactive window of ``category`` in ``policy`` (None: none written)."""
    rule = policy.eligibility.get(category)
    return rule.retroactive if isinstance(rule, RetroactiveRule) else None
