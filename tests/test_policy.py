"""The policy engine: parameter files, step functions and the one-claim path."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medaid.policy.claim import Claim, YearToDate, settle
from medaid.policy.load import PolicyError, load_policy
from medaid.policy.model import Critical, Segment
from medaid.policy.params import default_policy
from medaid.policy.steps import Linear, Segmented, half_up

DAY = dt.date(2023, 6, 1)
POLICY = default_policy(DAY)


def test_a_low_income_inpatient_stay_through_every_layer():
    """低保对象在二级医院住院总费用5万元、政策范围内4.5万元（全国默认模板参数）。"""
    result, _ = settle(POLICY, Claim("住院", DAY, 5_000_000, 4_500_000, category="低保对象", hospital_level="二级"))
    assert result.basic == 3_337_500  # (45000 − 500) × 75%
    assert result.critical == 268_125  # tilt: threshold 7500, excess 4125 × 65%
    assert result.assistance == 626_063  # (11625 − 2681.25) × 70% = 6260.625 → 6260.63
    assert result.tilted == 0  # 2683.12 left, under the 5000 threshold
    assert result.out_of_pocket_in_scope == 268_312
    assert result.out_of_pocket_total == 768_312
    assert [s.layer for s in result.trace] == ["基本医保", "大病保险", "医疗救助", "倾斜救助"]


def test_an_ordinary_insured_person_gets_no_assistance_and_no_tilt():
    result, _ = settle(POLICY, Claim("住院", DAY, 5_000_000, 4_500_000, hospital_level="二级"))
    assert result.assistance == 0 and result.tilted == 0
    assert result.critical == 0  # 11625 is under the ordinary threshold of 15000


def test_layers_paid_by_the_insurance_system_are_taken_as_given():
    claim = Claim("住院", DAY, 5_000_000, 4_500_000, category="低保对象", hospital_level="二级",
                  basic_paid=3_000_000, critical_paid=100_000)  # fmt: skip
    result, _ = settle(POLICY, claim)
    assert (result.basic, result.critical) == (3_000_000, 100_000)
    assert result.assistance == half_up((4_500_000 - 3_000_000 - 100_000) * 7000, 10_000)


def test_not_referred_loses_basic_ratio_and_assistance_does_not_cover_the_loss(tmp_path: Path):
    text = Path(POLICY.file).read_text(encoding="utf-8")
    text = text.replace("annual_cap: 200000", "annual_cap: 200000\n  referral_cut: 0.10")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    policy = load_policy(path)
    referred, _ = settle(policy, Claim("住院", DAY, 1_000_000, 1_000_000, category="低保对象", hospital_level="二级"))
    not_referred, _ = settle(policy, Claim("住院", DAY, 1_000_000, 1_000_000, category="低保对象",
                                           hospital_level="二级", referred=False))  # fmt: skip
    assert referred.basic - not_referred.basic == 95_000  # (10000 − 500) × 10 points
    assert not_referred.assistance == referred.assistance  # the loss is the person's own
    assert not_referred.out_of_pocket_in_scope == referred.out_of_pocket_in_scope + 95_000


def test_segments_on_the_cumulative_amount_and_on_the_excess():
    critical = Critical(Decimal(12000), "cumulative", (Segment(Decimal(30000), Decimal("0.6")),
                        Segment(Decimal(100000), Decimal("0.65")), Segment(None, Decimal("0.75"))), None)  # fmt: skip
    on_cumulative = Segmented.of(critical)
    assert on_cumulative(5_000_000) == half_up((3_000_000 - 1_200_000) * 6000 + (5_000_000 - 3_000_000) * 6500, 10_000)
    on_excess = Segmented.of(Critical(Decimal(12000), "excess", critical.segments, None))
    assert on_excess(5_000_000) == half_up(3_000_000 * 6000 + 800_000 * 6500, 10_000)


def test_an_annual_limit_is_shared_across_claims():
    layer = Linear(threshold=0, ratio=7000, limit=8_000_000)
    assert layer(20_000_000) == 8_000_000
    assert layer(10_000_000) - layer(9_000_000) == 700_000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("ratio: 0.70, annual_limit: 80000}", "ratio: 1.70, annual_limit: 80000}"),
        ("低保对象: {threshold: 0", "低保户: {threshold: 0"),
        (
            "segments: [{upto: 100000, ratio: 0.60}, {ratio: 0.70}]",
            "segments: [{ratio: 0.70}, {upto: 100000, ratio: 0.60}]",
        ),
    ],
)
def test_invalid_parameters_are_refused_with_the_key(tmp_path: Path, change, message):
    text = Path(POLICY.file).read_text(encoding="utf-8")
    assert change in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(change, message, 1), encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    assert "p.yaml" in err.value.message


CATEGORIES = [None, "特困人员", "低保对象", "低保边缘家庭成员", "因病致贫重病患者", "防止返贫监测对象"]
claims = st.builds(
    lambda visit, level, in_scope, extra, day, referred: Claim(
        visit, dt.date(2023, 1, 1) + dt.timedelta(days=day), in_scope + extra, in_scope, hospital_level=level,
        referred=referred),
    st.sampled_from(["住院", "门诊", "门诊慢特病"]),
    st.sampled_from(["一级", "二级", "三级"]),
    st.integers(min_value=0, max_value=50_000_000),
    st.integers(min_value=0, max_value=5_000_000),
    st.integers(min_value=0, max_value=364),
    st.booleans(),
)  # fmt: skip
# the default parameters with 10 ratio points lost when not referred, so that the properties cover the loss
WITH_CUT = replace(POLICY, basic=replace(POLICY.basic, referral_cut=Decimal("0.10")))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CATEGORIES), st.lists(claims, min_size=1, max_size=12))
def test_no_layer_pays_more_than_is_left_and_limits_hold_over_a_year(category, sequence):
    ytd = YearToDate()
    paid_assistance = paid_tilted = 0
    for claim in sequence:
        claim = replace(claim, category=category)
        result, ytd = settle(WITH_CUT, claim, ytd)
        left = claim.in_scope
        for amount in (result.basic, result.critical, result.assistance, result.tilted):
            assert 0 <= amount <= left
            left -= amount
        assert result.out_of_pocket_in_scope == left >= 0
        paid_assistance += result.assistance
        paid_tilted += result.tilted
    if category:
        assert paid_assistance <= POLICY.assistance[category].annual_limit * 100
        if category in POLICY.tilted:
            assert paid_tilted <= POLICY.tilted[category].annual_limit * 100


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CATEGORIES), claims, st.integers(min_value=0, max_value=10_000_000))
def test_amounts_are_monotone_in_the_bill(category, claim, more):
    small = Claim(claim.visit_type, claim.date, claim.total, claim.in_scope, category=category,
                  hospital_level=claim.hospital_level)  # fmt: skip
    big = Claim(claim.visit_type, claim.date, claim.total + more, claim.in_scope + more, category=category,
                hospital_level=claim.hospital_level)  # fmt: skip
    a, _ = settle(POLICY, small)
    b, _ = settle(POLICY, big)
    assert b.basic >= a.basic and b.critical >= a.critical and b.assistance >= a.assistance
    assert b.basic + b.critical + b.assistance + b.tilted >= a.basic + a.critical + a.assistance + a.tilted
    assert b.out_of_pocket_total >= a.out_of_pocket_total - 1  # never pays more than the rise


def test_a_refund_reverses_its_claim_to_the_fen():
    claim = Claim("住院", DAY, 5_000_000, 4_500_000, category="低保对象", hospital_level="二级")
    first, ytd = settle(POLICY, claim)
    refund = Claim("住院", DAY, -5_000_000, -4_500_000, category="低保对象", hospital_level="二级")
    back, after = settle(POLICY, refund, ytd)
    assert (back.basic, back.critical, back.assistance, back.tilted) == (
        -first.basic, -first.critical, -first.assistance, -first.tilted)  # fmt: skip
    assert after.critical_base == 0 and after.assistance_base == 0


def test_cli_calc_follows_contract_4(tmp_path: Path):
    import json
    import subprocess
    import sys

    claim = tmp_path / "claim.yaml"
    claim.write_text("category: 低保对象\nvisit_type: 住院\nhospital_level: 二级\ndate: 2023-06-01\n"
                     "total: 50000\nin_scope: 45000\nreferred: true\n", encoding="utf-8")  # fmt: skip
    run = [sys.executable, "-c", "from medaid.cli import main; main()"]
    done = subprocess.run([*run, "calc", "--policy", "default", "--claim", str(claim), "--format", "json"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {
        "basic",
        "critical",
        "assistance",
        "tilted",
        "out_of_pocket_in_scope",
        "out_of_pocket_total",
        "trace",
    } <= set(data)
    assert data["assistance"] == 6260.63 and data["out_of_pocket_total"] == 7683.12
    assert all(step["formula"] for step in data["trace"])


def test_cli_subsidy_counts_a_person_once_at_the_highest_category(tmp_path: Path):
    import json
    import subprocess
    import sys

    from medaid.demo.people import make_people

    a, b, c = make_people(3, seed=41)
    names = tmp_path / "r.csv"
    names.write_text(
        "身份证号,姓名,救助类别,认定部门,生效日期,终止日期\n"
        f"{a.id_number},{a.name},低保对象,民政,2023-01-01,\n"
        f"{a.id_number},{a.name},特困人员,民政,2023-03-01,\n"  # the same person: counted once, as 特困
        f"{b.id_number},{b.name},防止返贫监测对象,乡村振兴,2023-01-01,\n"
        f"{c.id_number},{c.name},低保对象,民政,2022-01-01,2022-12-31\n",  # not in 2023
        encoding="utf-8",
    )
    run = [sys.executable, "-c", "from medaid.cli import main; main()"]
    done = subprocess.run([*run, "subsidy", "--policy", "hefei_yaohai", "--recipients", str(names), "--year", "2023",
                           "--format", "json"], capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["by_category"] == {
        "特困人员": {"people": 1, "amount": 380.0},
        "防止返贫监测对象": {"people": 1, "amount": 190.0},
    }
    assert data["total"] == 570.0


def test_cli_settle_a_file_with_categories(tmp_path: Path):
    import json
    import subprocess
    import sys

    from medaid.demo.people import make_people

    (a,) = make_people(1, seed=43)
    path = tmp_path / "s.csv"
    path.write_text(
        "结算编号,身份证号,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付,救助类别\n"
        f"S1,{a.id_number},住院,二级,2023-06-01,50000,45000,0,0,0,低保对象\n"
        f"S2,{a.id_number},住院,二级,2023-06-02,50000,45000,0,0,0,\n",
        encoding="utf-8",
    )
    out = tmp_path / "settled.csv"
    run = [sys.executable, "-c", "from medaid.cli import main; main()"]
    done = subprocess.run([*run, "settle", str(path), "--policy", "default", "--out", str(out), "--format", "json"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["claims"] == 2 and data["totals"]["assistance"] == 6260.63  # only the claim with a category
    assert a.id_number not in out.read_text(encoding="utf-8-sig")


def test_the_policies_in_force_during_a_year(tmp_path: Path, monkeypatch):
    from medaid.policy import params

    region = tmp_path / "params" / "示例县"
    region.mkdir(parents=True)
    base = Path(POLICY.file).read_text(encoding="utf-8")
    for date in ("2022-01-01", "2023-01-01", "2023-07-01", "2024-01-01"):
        (region / f"{date}.yaml").write_text(
            base.replace("valid_from: 2023-01-01", f"valid_from: {date}"), encoding="utf-8"
        )
    monkeypatch.setattr(params, "default_dir", lambda: tmp_path / "params")
    chosen = params.resolve_year("示例县", 2023)
    assert [str(p.valid_from) for p in chosen] == ["2023-01-01", "2023-07-01"]
    assert str(params.resolve("示例县", dt.date(2023, 8, 1)).valid_from) == "2023-07-01"
