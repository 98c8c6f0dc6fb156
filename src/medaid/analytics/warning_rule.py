"""The high-cost warning rule in force: from the region's policy file, else the workspace settings.

A policy file's ``warning`` key (medaid.policy.case_keys) says the threshold (an amount, or a share
of 居民人均可支配收入 written in the same file's ``standards``), the thresholds of some groups, the
look-back (``calendar_year``: 1 January to the as-of date; ``12_months``: the twelve months up to
the as-of date; ``stay``: one inpatient stay), the cadence of pushes (``ten_days``: the 10th, 20th
and last day of each month; ``monthly``: the last day of each month; ``quarterly``: the last day of
each quarter) and who is never warned. When the policy file in force has no ``warning`` key, the
rule is that of the workspace's ``warnings`` settings, as before: year to date, no cadence.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from medaid.dates import twelve_months_from
from medaid.errors import Location, MedaidError
from medaid.money import to_fen, yuan_text
from medaid.policy.model import Policy, Standards, Threshold, WarningRule
from medaid.policy.params import policy_in_force
from medaid.workspace import Settings

WINDOW_WORDS = {"calendar_year": "当年累计", "12_months": "近12个月累计", "stay": "单次住院"}
CADENCE_WORDS = {"ten_days": "每旬", "monthly": "每月", "quarterly": "每季度"}


class WarningRuleError(MedaidError):
    """The warning rule of a policy file cannot be applied."""


@dataclass(frozen=True)
class Effective:
    """The rule a computation applies, thresholds in fen."""

    threshold_fen: int
    groups_fen: dict[str, int] = field(default_factory=dict)
    look_back: str = "calendar_year"
    cadence: str | None = None
    exclude: tuple[str, ...] = ()
    exclude_assisted: bool = False
    source: str | None = None  # the policy file's document; None: the workspace settings

    def start(self, as_of: dt.date) -> dt.date:
        return window_start(self.look_back, as_of)

    def to_dict(self) -> dict[str, object]:
        return {"threshold_fen": self.threshold_fen, "groups_fen": dict(self.groups_fen),
                "look_back": self.look_back, "cadence": self.cadence, "exclude": list(self.exclude),
                "exclude_assisted": self.exclude_assisted, "source": self.source}  # fmt: skip


def window_start(look_back: str, as_of: dt.date) -> dt.date:
    """The first settlement date the look-back counts on ``as_of``."""
    if look_back == "12_months":
        return twelve_months_from(as_of)
    return dt.date(as_of.year, 1, 1)  # calendar_year, and the stays settled this year


def threshold_fen(threshold: Threshold, standards: Standards, *, file: str = "") -> int:
    """A threshold in fen: the amount, or the share of the file's 居民人均可支配收入 (half-up)."""
    if threshold.amount is not None:
        return to_fen(threshold.amount)
    income = standards.disposable_income
    if threshold.share_of_income is None or income is None:
        raise WarningRuleError("预警线无法计算：没有金额，也没有居民人均可支配收入", where=Location(file=file),
                               fix="请在政策文件 standards 下写 disposable_income")  # fmt: skip
    return to_fen(income.amount * threshold.share_of_income)


def of_policy(rule: WarningRule, policy: Policy) -> Effective:
    def fen(t: Threshold) -> int:
        return threshold_fen(t, policy.standards, file=policy.file)

    source = rule.source.describe()
    income = policy.standards.disposable_income
    if income is not None and (rule.threshold.share_of_income is not None
                               or any(g.share_of_income is not None for g in rule.groups.values())):  # fmt: skip
        source += f"；居民人均可支配收入 {income.amount} 元（{income.year or ''}年，{income.source.describe()}）"
    return Effective(
        threshold_fen=fen(rule.threshold),
        groups_fen={g: fen(t) for g, t in rule.groups.items()},
        look_back=rule.look_back,
        cadence=rule.cadence,
        exclude=rule.exclude,
        exclude_assisted=rule.exclude_assisted,
        source=source,
    )


def of_settings(settings: Settings) -> Effective:
    return Effective(
        threshold_fen=to_fen(settings.warning_threshold),
        groups_fen={g: to_fen(v) for g, v in settings.warning_groups.items()},
    )


def effective(settings: Settings, as_of: dt.date) -> Effective:
    """The rule in force on ``as_of``: the policy file's ``warning`` key, else the settings'."""
    policy = policy_in_force(settings.policy or "default", as_of)
    if policy is None or policy.warning is None:
        return of_settings(settings)
    return of_policy(policy.warning, policy)


def push_days(cadence: str, year: int) -> list[dt.date]:
    """The days of a year the cadence pushes on."""
    out: list[dt.date] = []
    for month in range(1, 13):
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        if cadence == "ten_days":
            out += [dt.date(year, month, 10), dt.date(year, month, 20), last]
        elif cadence == "monthly" or (cadence == "quarterly" and month % 3 == 0):
            out.append(last)
    return out


def next_push(cadence: str | None, on: dt.date) -> dt.date | None:
    """The first push day on or after ``on`` (None: the rule has no cadence)."""
    if cadence is None:
        return None
    days = push_days(cadence, on.year) + push_days(cadence, on.year + 1)[:1]
    return next(d for d in days if d >= on)


def describe(rule: Effective) -> str:
    """The rule in words (Chinese), for the warning page and the push lists."""
    parts = [f"{WINDOW_WORDS[rule.look_back]}政策范围内个人自付超过{yuan_text(rule.threshold_fen)}"]
    parts += [f"{g}{yuan_text(v)}" for g, v in sorted(rule.groups_fen.items())]
    if rule.cadence is not None:
        parts.append(f"{CADENCE_WORDS[rule.cadence]}推送")
    if rule.exclude:
        parts.append("不含" + "、".join(rule.exclude))
    if rule.exclude_assisted:
        parts.append("不含已获医疗救助的人")
    return "；".join(parts) + (f"（依据：{rule.source}）" if rule.source else "（依据：工作区设置 warnings）")
