"""The contract-4 policy parameters the generator uses, and the units it counts in.

Money is integer fen, ratios integer basis points (1/10000); day indexes count from
1 January of the year (``NEVER``: an open 终止日期 or someone alive).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from medaid.ingest.vocab import CATEGORIES

Arr = npt.NDArray[Any]
BP = 10_000
NO_LIMIT = 10**13  # fen: a cap that is never reached
NEVER = 1 << 30  # day index of an open 终止日期 or of someone alive
VISITS = ("住院", "门诊", "门诊慢特病")
LEVELS = ("基层", "一级", "二级", "三级")
DEFAULT_POLICY = Path(__file__).resolve().parent.parent / "policy" / "params" / "default" / "2023-01-01.yaml"


def _fen(value: object) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value(ROUND_HALF_UP))


def _bp(value: object) -> int:
    return int((Decimal(str(value)) * BP).to_integral_value(ROUND_HALF_UP))


def half_up(scaled: Arr) -> Arr:
    """Basis-point-scaled non-negative amounts to fen, half-up."""
    return (scaled + BP // 2) // BP


@dataclass(frozen=True)
class Layer:
    """医疗救助 or 倾斜救助 by category index (``CATEGORIES`` order): fen and basis points."""

    present: Arr
    threshold: Arr
    ratio: Arr
    limit: Arr


@dataclass(frozen=True)
class Policy:
    premium: int
    subsidy: dict[str, int]  # 资助金额 in fen by category
    deductible: Arr  # fen by [visit, level]
    basic_ratio: Arr  # basis points by [visit, level]
    basic_cap: int
    critical_threshold: int
    critical_excess: bool  # basis "excess": segments on the part above the threshold
    segments: tuple[tuple[int, int, int], ...]  # (from, to, ratio) in fen, fen, bp
    critical_cap: int
    recipient_factor: int  # bp of the threshold for recipients
    recipient_add: int  # bp added to each segment's ratio for recipients
    recipient_cap: int
    assistance: Layer
    tilted: Layer


def _layer(rules: dict[str, Any] | None) -> Layer:
    n = len(CATEGORIES)
    present, threshold = np.zeros(n, np.bool_), np.zeros(n, np.int64)
    ratio, limit = np.zeros(n, np.int64), np.full(n, NO_LIMIT, np.int64)
    for category, rule in (rules or {}).items():
        i = CATEGORIES.index(category)
        present[i], threshold[i], ratio[i] = True, _fen(rule.get("threshold", 0)), _bp(rule["ratio"])
        if rule.get("annual_limit") is not None:
            limit[i] = _fen(rule["annual_limit"])
    return Layer(present, threshold, ratio, limit)


def load_policy(path: Path = DEFAULT_POLICY) -> Policy:
    """The parameters of contract 4 that the generator uses. 基层 settles as 一级."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    premium = _fen(data["premium"]["individual"])
    subsidy: dict[str, int] = {}
    for category, rule in (data.get("subsidy") or {}).items():
        ratio = _bp(rule.get("ratio", 0))
        subsidy[category] = _fen(rule["amount"]) if "amount" in rule else (premium * ratio + BP // 2) // BP
    basic: dict[str, Any] = data.get("basic") or {}
    deductible, basic_ratio = np.zeros((3, 4), np.int64), np.zeros((3, 4), np.int64)
    for v, visit in enumerate(VISITS):
        levels: dict[str, Any] = basic.get(visit) or {}
        for lv, level in enumerate(LEVELS):
            rule = levels.get(level) or levels.get("一级") or {}
            deductible[v, lv], basic_ratio[v, lv] = _fen(rule.get("deductible", 0)), _bp(rule.get("ratio", 0))
    critical: dict[str, Any] = data.get("critical") or {}
    segments: list[tuple[int, int, int]] = []
    lower = 0
    for segment in critical.get("segments") or []:
        upper = _fen(segment["upto"]) if segment.get("upto") is not None else NO_LIMIT
        segments.append((lower, upper, _bp(segment["ratio"])))
        lower = upper
    tilt: dict[str, Any] = critical.get("recipients") or {}
    cap = _fen(critical["cap"]) if critical.get("cap") is not None else NO_LIMIT
    return Policy(
        premium=premium,
        subsidy=subsidy,
        deductible=deductible,
        basic_ratio=basic_ratio,
        basic_cap=_fen(basic["annual_cap"]) if basic.get("annual_cap") is not None else NO_LIMIT,
        critical_threshold=_fen(critical.get("threshold", 0)),
        critical_excess=critical.get("basis", "excess") == "excess",
        segments=tuple(segments),
        critical_cap=cap,
        recipient_factor=_bp(tilt.get("threshold_factor", 1)),
        recipient_add=_bp(tilt.get("ratio_add", 0)),
        # contract 4: a tilt that writes `cap: null` removes the cap for recipients
        recipient_cap=(NO_LIMIT if tilt["cap"] is None else _fen(tilt["cap"])) if "cap" in tilt else cap,
        assistance=_layer(data.get("assistance")),
        tilted=_layer(data.get("tilted")),
    )
