"""Recompute vs actual (救助标准执行率, 应补/应退) and what-if simulation on hand-made data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medaid.analytics.simulate import overridden, simulate
from medaid.analytics.standards import standards
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
    changed = overridden(POLICY, change)
    assert changed.assistance["低保对象"].ratio == 8 * POLICY.assistance["低保对象"].ratio / 7
    with ws.connect(read_only=True) as con:
        result = simulate(con, POLICY, changed, 2023)
    before, after = result.by_category["低保对象"]
    # A's three claims and G's two claims: 400 元 each after insurance, 80% instead of 70%
    assert after - before == 5 * (32000 - 28000)
    assert result.people_affected == 2
    assert result.after["assistance"] - result.before["assistance"] == 20000
    assert result.before["basic"] == result.after["basic"]


def test_cli_settle_writes_the_top_up_and_refund_ledger_masked(tmp_path: Path):
    import subprocess
    import sys

    import openpyxl

    from tests.test_verification import A, B, C, D, E, F, G

    ws = make_workspace(tmp_path)
    out = tmp_path / "应补应退.xlsx"
    run = [sys.executable, "-c", "from medaid.cli import main; main()", "settle", str(ws.root), "--out", str(out)]
    done = subprocess.run(run, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(out).active.iter_rows()]
    cells = [v for row in rows for v in row if v is not None]
    assert "SA1" in cells and "SB1" in cells
    with ws.connect(read_only=True) as con:
        summary, _ = standards(con, POLICY, 2023)
    total = next(row for row in rows if row[0] == "合计")
    assert round(total[7] * 100) == summary.top_up_due and round(total[8] * 100) == summary.refund_due
    assert any(str(v).startswith("按政策参数重算：默认 2023-01-01 起") for v in cells)  # the basis is stated
    by_id = {row[0]: row for row in rows}
    assert by_id["SB1"][9] == "结算日不在救助对象名册内，已付救助应全部退回"
    text = " ".join(str(v) for v in cells)
    assert not any(p.id_number in text or p.name in text for p in (A, B, C, D, E, F, G))
