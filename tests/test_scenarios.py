"""Worked examples published by local medical-security bureaus, reproduced to the fen.

Each file in tests/scenarios/ is a sentence-named scenario with its source, the policy
parameters the example states, the claims and the amounts it gives (元).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from medaid.policy.claim import Claim, YearToDate, settle
from medaid.policy.load import load_policy

HERE = Path(__file__).parent / "scenarios"
FILES = sorted(HERE.glob("*.yaml"))


def fen(value: object) -> int:
    return int(Decimal(str(value)) * 100)


@pytest.mark.parametrize("path", FILES, ids=[yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in FILES])
def test_published_worked_example(path: Path, tmp_path: Path):
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert scenario["source"]
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(yaml.safe_dump(scenario["policy"], allow_unicode=True), encoding="utf-8")
    policy = load_policy(policy_file)
    ytd = YearToDate()
    for spec, expected in zip(scenario["claims"], scenario["expected"], strict=True):
        claim = Claim(
            visit_type=spec["visit_type"],
            date=spec["date"] if isinstance(spec["date"], dt.date) else dt.date.fromisoformat(spec["date"]),
            total=fen(spec["total"]),
            in_scope=fen(spec["in_scope"]),
            category=spec.get("category"),
            hospital_level=spec.get("hospital_level"),
            referred=spec.get("referred", True),
            basic_paid=fen(spec["basic_paid"]) if "basic_paid" in spec else None,
            critical_paid=fen(spec["critical_paid"]) if "critical_paid" in spec else None,
            assistance_paid=fen(spec["assistance_paid"]) if "assistance_paid" in spec else None,
        )
        result, ytd = settle(policy, claim, ytd)
        got = {key: getattr(result, key) for key in expected}
        assert got == {key: fen(value) for key, value in expected.items()}
