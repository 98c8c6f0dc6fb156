"""The policy the generator pays by (contract 4, read by the policy engine) and the units it counts in.

Money is integer fen, ratios integer basis points (1/10000); day indexes count from
1 January of the year (``NEVER``: an open 终止日期 or someone alive). The layers are paid by
the policy engine itself (``demo.engine``); this module keeps the few numbers the
generator needs beside it: the premium and subsidy per category for the fund files, and
医疗救助/倾斜救助 by category index to choose whom the injected findings touch and how much
a wrong payment is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from medaid.errors import MedaidError
from medaid.money import to_fen
from medaid.policy import model
from medaid.policy.load import load_policy as load_engine_policy
from medaid.policy.steps import BP, bp
from medaid.policy.subsidy import amount_for
from medaid.vocab import CATEGORIES

Arr = npt.NDArray[Any]
NO_LIMIT = 10**13  # fen: a limit that is never reached
NEVER = 1 << 30  # day index of an open 终止日期 or of someone alive
VISITS = ("住院", "门诊", "门诊慢特病")
LEVELS = ("基层", "一级", "二级", "三级")
DEFAULT_POLICY = Path(__file__).resolve().parent.parent / "policy" / "params" / "default" / "2023-01-01.yaml"


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
    engine: model.Policy  # what every layer is paid by
    premium: int  # fen
    subsidy: dict[str, int]  # 资助金额 in fen by category
    assistance: Layer
    tilted: Layer


def _layer(rules: dict[str, model.Assistance]) -> Layer:
    n = len(CATEGORIES)
    present, threshold = np.zeros(n, np.bool_), np.zeros(n, np.int64)
    ratio, limit = np.zeros(n, np.int64), np.full(n, NO_LIMIT, np.int64)
    for category, rule in rules.items():
        i = CATEGORIES.index(category)
        present[i], threshold[i], ratio[i] = True, to_fen(rule.threshold), bp(rule.ratio)
        if rule.annual_limit is not None:
            limit[i] = to_fen(rule.annual_limit)
    return Layer(present, threshold, ratio, limit)


def load_policy(path: Path = DEFAULT_POLICY) -> Policy:
    """A contract-4 file as the engine reads it, with the generator's view beside it."""
    engine = load_engine_policy(path)
    if engine.premium is None:
        raise MedaidError(f"政策文件 {path} 未写个人缴费标准（premium.individual），无法生成资助参保与基金数据",
                          fix="请在政策文件中写 premium: {individual: 380}")  # fmt: skip
    subsidy = {category: to_fen(amount) for category in engine.subsidy
               if (amount := amount_for(engine, category)) is not None}  # fmt: skip
    return Policy(engine, to_fen(engine.premium), subsidy, _layer(engine.assistance), _layer(engine.tilted))
