"""Rates from survey responses with their uncertainty, and the sample a rate needs.

- Wilson score interval for a proportion (Wilson 1927): stays inside [0, 1] and keeps
  its coverage for small samples and rates near 100 %, where the normal ("Wald")
  interval does not — the case of the 48–51 answers seen in the seed reports.
- Sample size for a margin e at confidence 1 − α: n₀ = z² p(1 − p) / e² with the
  finite-population correction (Cochran). Its one definition is
  ``medaid.evaluation.sampling``, which the audit's sample check uses too; ``sample_size``
  and ``z_value`` are re-exported here for the survey package.
- A mean of answer weights (综合满意度) gets a normal interval, mean ± z·s/√n, with the
  same finite-population correction √((N − n)/(N − 1)).

z comes from ``statistics.NormalDist`` (standard library), through ``medaid.evaluation.sampling``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import fmean, stdev

from medaid.evaluation.sampling import sample_size, z_value

__all__ = ["Estimate", "fpc", "mean_rate", "proportion", "sample_size", "wilson", "z_value"]


def wilson(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for successes out of n."""
    if n <= 0:
        return (0.0, 1.0)
    z = z_value(confidence)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


def fpc(n: int, population: int | None) -> float:
    """The finite-population correction factor for the standard error."""
    if population is None or population <= 1 or n >= population:
        return 0.0 if population is not None and n >= population else 1.0
    return math.sqrt((population - n) / (population - 1))


@dataclass(frozen=True)
class Estimate:
    """A rate (0–1) from ``n`` responses and its confidence interval."""

    value: float
    n: int
    low: float
    high: float
    method: str  # "wilson" | "normal"

    @property
    def margin(self) -> float:
        """The larger distance from the value to an end of the interval."""
        return max(self.value - self.low, self.high - self.value)

    def to_dict(self) -> dict[str, object]:
        return {"value": round(self.value, 4), "n": self.n, "low": round(self.low, 4), "high": round(self.high, 4),
                "method": self.method}  # fmt: skip


def proportion(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    low, high = wilson(successes, n, confidence)
    return Estimate(successes / n if n else 0.0, n, low, high, "wilson")


def mean_rate(values: list[float], population: int | None = None, confidence: float = 0.95) -> Estimate:
    """The mean of per-respondent values in [0, 1]; Wilson when every value is 0 or 1."""
    n = len(values)
    if n == 0:
        return Estimate(0.0, 0, 0.0, 1.0, "normal")
    if all(v in (0.0, 1.0) for v in values):
        return proportion(int(sum(values)), n, confidence)
    mean = fmean(values)
    spread = stdev(values) if n > 1 else 0.0
    half = z_value(confidence) * spread / math.sqrt(n) * fpc(n, population)
    return Estimate(mean, n, max(0.0, mean - half), min(1.0, mean + half), "normal")


def percent_text(share: float) -> str:
    """A share as a report prints it: two decimals of a percentage, half-up (0.83125 → "83.13%").
    The share is read through its shortest repr, so 0.83125 is not taken as 0.831249999…"""
    from decimal import ROUND_HALF_UP, Decimal

    return f"{(Decimal(repr(share)) * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
