"""Recompute vs actual (救助标准执行率, 应补/应退) and what-if simulation on hand-made data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medaid.analytics.simulate import simulate
from medaid.analytics.standards import standards
from medaid.policy.load import load_policy_with_override
from medaid.policy.params import default_policy
from tests.test_verification import make_workspace

POLICY = default_policy(dt.date(2023, 12, 31))


def test_recomputed_assistance_against_what_was_paid(tmp_path: Path):
    ws = make_workspace(tmp_path)
    with ws.connect(read_only=True) as con:
        summary, differences = standards(con, POLICY, 2023)
    gaps = {r["settlement_id"]: r["gap"] for r in differences.to_pylist()}
    assert gaps["SA1"] == 28000  # 低保对象 paid nothing: 70% × (1000 − 600) = 280 元 应补
    for settlement, paid in {"SB1": 270000, "SC1": 10000, "SD1": 10000, "SF1": 3000}.items():
        assert gaps[settlement] == -paid  # paid while not a recipient: all of it 应退
    assert "SA2" not in gaps and "SA3" not in gaps and "SG1" not in gaps  # paid to the standard
    assert summary.under_standard >= 1 and summary.over_standard >= 4
    assert summary.refund_due >= 270000 + 10000 + 10000 + 3000
    assert summary.rate is not None and 0 < summary.rate < 100


def test_what_if_a_higher_ratio_for_low_income_recipients(tmp_path: Path):
    ws = make_workspace(tmp_path)
    change = tmp_path / "override.yaml"
    change.write_text("assistance:\n  低保对象: {ratio: 0.8}\n", encoding="utf-8")
    changed = load_policy_with_override(POLICY, change)
    assert changed.assistance["低保对象"].ratio == 8 * POLICY.assistance["低保对象"].ratio / 7
    with ws.connect(read_only=True) as con:
        result = simulate(con, POLICY, changed, 2023)
    before, after = result.by_category["低保对象"]
    # A's three claims and G's two claims: 400 元 each after insurance, 80% instead of 70%
    assert after - before == 5 * (32000 - 28000)
    assert result.people_affected == 2
    assert result.after["assistance"] - result.before["assistance"] == 20000
    assert result.before["basic"] == result.after["basic"]
