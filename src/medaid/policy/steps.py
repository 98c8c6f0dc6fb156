"""The parameters of each yearly layer's function in fen and basis points, and the function in words.

Amounts are integer fen; ratios are basis points (1 = 0.01 %). A layer with a yearly
threshold, ratio segments or an annual limit is a function of the year-to-date base:
what a claim gets is f(cumulative after it) − f(cumulative before it), each rounded
half-up to the fen, so rounding never accumulates over a year of claims. The functions
themselves are written once, in the kernel (``kernel.linear``, ``kernel.segmented``), which
``rules`` feeds with these parameters; ``describe`` is what the one-claim trace says of them.
元 → fen is ``medaid.money``'s; basis points are this module's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from medaid.money import to_fen, yuan_text
from medaid.policy.model import Assistance, Critical, Tilt

BP = 10_000


def bp(ratio: Decimal) -> int:
    """A ratio as integer basis points, rounded half-up: 0.70 → 7000."""
    return int((ratio * BP).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class Linear:
    """ratio × (cumulative − threshold), within an annual limit: 医疗救助, 倾斜救助."""

    threshold: int  # fen
    ratio: int  # basis points
    limit: int | None  # fen

    @staticmethod
    def of(layer: Assistance) -> Linear:
        return Linear(to_fen(layer.threshold), bp(layer.ratio),
                      None if layer.annual_limit is None else to_fen(layer.annual_limit))  # fmt: skip

    def describe(self) -> str:
        limit = "不设限额" if self.limit is None else f"年度限额 {yuan_text(self.limit, unit=False)} 元"
        return f"（年内累计 − 起付标准 {yuan_text(self.threshold, unit=False)} 元）× {self.ratio / 100:g}%，{limit}"


@dataclass(frozen=True)
class Segmented:
    """大病保险: ratios by segment on the cumulative amount or on the excess over the threshold."""

    threshold: int  # fen
    basis: str  # "cumulative" | "excess"
    segments: tuple[tuple[int | None, int], ...]  # (upper bound in fen or None, basis points)
    cap: int | None

    @staticmethod
    def of(critical: Critical, tilt: Tilt | None = None) -> Segmented:
        factor = tilt.threshold_factor if tilt else Decimal(1)
        add = bp(tilt.ratio_add) if tilt else 0
        cap = critical.cap
        if tilt is not None and tilt.cap_given:
            cap = tilt.cap
        return Segmented(
            threshold=to_fen(critical.threshold * factor),
            basis=critical.basis,
            segments=tuple(
                (None if s.upto is None else to_fen(s.upto), min(BP, bp(s.ratio) + add)) for s in critical.segments
            ),
            cap=None if cap is None else to_fen(cap),
        )

    def describe(self) -> str:
        parts = []
        for upto, ratio in self.segments:
            parts.append(f"{'以上' if upto is None else f'至 {yuan_text(upto, unit=False)} 元'} {ratio / 100:g}%")
        basis = "按年内累计金额分段" if self.basis == "cumulative" else "按超过起付线的部分分段"
        cap = "不封顶" if self.cap is None else f"封顶 {yuan_text(self.cap, unit=False)} 元"
        return f"起付线 {yuan_text(self.threshold, unit=False)} 元，{basis}：{'；'.join(parts)}，{cap}"
