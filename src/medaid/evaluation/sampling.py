"""The sample a survey needs: Cochran's formula with the finite-population correction.

n₀ = z² p(1 − p) / e² (p = 0.5 unless given: the largest n), and for a population of N,
n = n₀ / (1 + (n₀ − 1)/N) (Cochran, *Sampling Techniques*, 3rd ed., §4.4). At 95 %
confidence and ±5 %: n₀ = 1.959964² × 0.25 / 0.05² = 384.15 → 385 responses; 351 for
N = 4000; 174 for N = 317.

This is the one definition: the audit's sample check and ``medaid.survey`` use it.
z comes from ``statistics.NormalDist`` (standard library).
"""

from __future__ import annotations

import math
from statistics import NormalDist

CONFIDENCE = 0.95  # the confidence level evaluation reports use
MARGIN = 0.05  # ± 5 percentage points


def z_value(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError("置信水平应在 0 与 1 之间，如 0.95")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def cochran(
    margin: float, population: int | None = None, confidence: float = CONFIDENCE, p: float = 0.5
) -> tuple[float, float]:
    """(n₀, n): the sample for an unbounded population and, with the correction, for N."""
    if not 0 < margin < 1:
        raise ValueError("误差界应在 0 与 1 之间，如 0.05")
    z = z_value(confidence)
    n0 = z * z * p * (1 - p) / (margin * margin)
    n = n0 if population is None else n0 / (1 + (n0 - 1) / population)
    return n0, n


def sample_size(margin: float, population: int | None = None, confidence: float = CONFIDENCE, p: float = 0.5) -> int:
    """Responses needed for a proportion within ± margin (Cochran, with the FPC), rounded up."""
    return math.ceil(cochran(margin, population, confidence, p)[1] - 1e-9)
