"""The numpy kernel gives exactly the amounts of the former Ibis-window batch (tests/policy_reference.py),
column by column, on thousands of generated claims under varied parameters: several policies in a
year, yearly deductibles, referral cuts, caps reached, refunds, year boundaries, categories no
layer names, levels and visits no rule names, layers given by the insurance system."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import duckdb
import ibis
import numpy as np
import pyarrow as pa
import pytest

from medaid.policy.batch import settle_batch
from medaid.policy.model import Assistance, BasicRule, Critical, Policy, Segment, Supplementary, Tilt
from medaid.policy.params import default_policy, load_policy, regions
from medaid.policy.rules import compile_rules
from medaid.policy.stream import SORT_KEY, settle_stream
from tests.policy_reference import settle_reference

DEFAULT = default_policy(dt.date(2023, 6, 1))
FULIANG = load_policy(regions()["fuliang"][0])
LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary", "out_of_pocket_in_scope", "out_of_pocket_total")
CATEGORIES = [
    None,
    "特困人员",
    "低保对象",
    "低保边缘家庭成员",
    "因病致贫重病患者",
    "防止返贫监测对象",
    "孤儿",
    "其他人员",
]
LEVELS = ["一级", "二级", "三级", "基层", "未定级", None, "特级"]
VISITS = ["门诊", "住院", "门诊慢特病", "急诊"]


def _variant() -> Policy:
    """Another region's year: yearly outpatient deductible, referral cut, cumulative segments, caps that bind."""
    assert DEFAULT.basic is not None and DEFAULT.critical is not None
    rules = dict(DEFAULT.basic.rules)
    rules[("门诊", "一级")] = BasicRule(deductible=Decimal(300), ratio=Decimal("0.55"), per="year")
    rules[("门诊", "二级")] = BasicRule(deductible=Decimal(500), ratio=Decimal("0.45"), per="year")
    rules[("住院", "基层")] = BasicRule(deductible=Decimal(100), ratio=Decimal("0.90"))
    basic = dataclasses.replace(DEFAULT.basic, rules=rules, annual_cap=Decimal(60000), referral_cut=Decimal("0.15"))
    critical = Critical(threshold=Decimal(12000), basis="cumulative",
                        segments=(Segment(Decimal(50000), Decimal("0.55")), Segment(Decimal(150000), Decimal("0.65")),
                                  Segment(None, Decimal("0.75"))),
                        cap=Decimal(100000), recipients=Tilt(Decimal("0.5"), Decimal("0.10"), Decimal(150000), True))  # fmt: skip
    assistance = dict(DEFAULT.assistance)
    assistance["低保对象"] = Assistance("低保对象", Decimal(1000), Decimal("0.80"), Decimal(15000))
    assistance["因病致贫重病患者"] = Assistance("因病致贫重病患者", Decimal(5000), Decimal("0.5"), None)
    tilted = {"特困人员": Assistance("特困人员", Decimal(2000), Decimal("0.5"), Decimal(8000)),
              "防止返贫监测对象": Assistance("防止返贫监测对象", Decimal(0), Decimal("0.3"), None)}  # fmt: skip
    extra = Supplementary("补充保险", Decimal("0.5"), Decimal("0.2"), ("特困人员", "孤儿"))
    return dataclasses.replace(DEFAULT, valid_from=dt.date(2023, 7, 1), basic=basic, critical=critical,
                               assistance=assistance, tilted=tilted, supplementary=(extra,))  # fmt: skip


def claims(n: int, seed: int, *, given: bool = False) -> pa.Table:
    rng = np.random.default_rng(seed)
    person = rng.integers(0, max(1, n // 12), n)
    start = dt.date(2022, 11, 1).toordinal()
    day = [dt.date.fromordinal(start + int(d)) for d in rng.integers(0, 450, n)]
    inpatient = rng.random(n) < 0.4
    in_scope = np.where(inpatient, rng.lognormal(np.log(1_500_000), 1.2, n), rng.lognormal(np.log(20_000), 1.0, n))
    in_scope = np.minimum(in_scope, 60_000_000).astype(np.int64)
    refund = rng.random(n) < 0.04
    in_scope = np.where(refund, -in_scope, in_scope)
    total = in_scope + np.sign(in_scope) * rng.integers(0, 300_000, n)
    columns = {
        "settlement_id": pa.array([f"S{i:05d}" for i in rng.permutation(n)]),
        "person_key": pa.array([f"P{p}" for p in person]),
        "settle_date": pa.array(day, pa.date32()),
        "visit_type": pa.array(rng.choice(np.array(VISITS, object), n, p=[0.45, 0.4, 0.1, 0.05]).tolist()),
        "hospital_level": pa.array([LEVELS[i] for i in rng.integers(0, len(LEVELS), n)], pa.string()),
        "category": pa.array([CATEGORIES[i] if rng.random() < 0.8 else CATEGORIES[p % len(CATEGORIES)]
                              for i, p in zip(rng.integers(0, len(CATEGORIES), n), person, strict=True)],
                             pa.string()),
        "total": pa.array(total), "in_scope": pa.array(in_scope),
        "referred": pa.array([None if r < 0.1 else bool(r < 0.75) for r in rng.random(n)], pa.bool_()),
    }  # fmt: skip
    if given:
        basic = np.abs(in_scope) * rng.integers(3, 9, n) // 10 * np.sign(in_scope)
        columns["basic_paid"] = pa.array(basic, mask=rng.random(n) < 0.5)
        columns["critical_paid"] = pa.array(np.abs(in_scope) // 20 * np.sign(in_scope), mask=rng.random(n) < 0.6)
    return pa.table(columns)


def _both(table: pa.Table, policies: list[Policy]) -> tuple[pa.Table, pa.Table]:
    con = duckdb.connect()
    con.register("claims", table)
    t = ibis.duckdb.from_connection(con).table("claims")
    return settle_batch(t, policies, batch_rows=700).to_pyarrow(), settle_reference(t, policies).to_pyarrow()


@pytest.mark.parametrize(
    ("policies", "seed", "given"),
    [([DEFAULT], 1, False), ([DEFAULT, _variant()], 2, False), ([_variant()], 3, True), ([FULIANG], 4, False),
     ([DEFAULT, _variant()], 5, True), ([dataclasses.replace(_variant(), valid_from=dt.date(2023, 1, 1)),
                                         dataclasses.replace(DEFAULT, valid_from=dt.date(2023, 3, 15))], 6, False)],
)  # fmt: skip
def test_the_kernel_gives_the_amounts_of_the_ibis_batch_column_by_column(policies, seed, given):
    kernel, reference = _both(claims(3000, seed, given=given), policies)
    assert kernel.num_rows == reference.num_rows == 3000
    assert kernel.column_names == reference.column_names
    for name in kernel.column_names:
        assert kernel.column(name).to_pylist() == reference.column(name).to_pylist(), name
    paid = {name: sum(kernel.column(name).to_pylist()) for name in ("critical", "assistance", "tilted")}
    assert all(paid.values()) or policies == [FULIANG]  # the layers are exercised, not all zero


def test_small_chunks_and_threads_give_the_same_amounts():
    table = claims(400, 7)
    kernel, reference = _both(table, [DEFAULT, _variant()])
    con = duckdb.connect()
    con.register("claims", table)
    t = ibis.duckdb.from_connection(con).table("claims")
    for rows in (1, 3, 50):
        small = settle_batch(t, [DEFAULT, _variant()], batch_rows=rows).to_pyarrow()
        assert small.to_pylist() == kernel.to_pylist() == reference.to_pylist()


def test_buckets_of_whole_persons_give_the_same_amounts_and_order():
    """Large inputs are settled in buckets of whole persons (hash of the person key) appended to a
    temporary table: any number of buckets gives the rows of one, in (settle_date, settlement_id) order;
    a query (not a table) as input is evaluated once into a temporary table, dropped afterwards."""
    table = claims(600, 10, given=True)
    keys = table.column("person_key").to_pylist()
    table = table.set_column(1, "person_key", pa.array([None if k in ("P3", "P17") else k for k in keys], pa.string()))
    con = duckdb.connect()
    con.register("claims", table)
    backend = ibis.duckdb.from_connection(con)
    t = backend.table("claims")
    expected = settle_reference(t, [DEFAULT, _variant()]).to_pyarrow().to_pylist()
    for bucket_rows in (1, 7, 150, 599, 600):  # 600, 86, 4, 2 buckets, and one read in date order
        got = settle_batch(t, [DEFAULT, _variant()], batch_rows=40, bucket_rows=bucket_rows).to_pyarrow()
        assert got.to_pylist() == expected, bucket_rows
    one = settle_batch(t, [DEFAULT, _variant()], batch_rows=40)  # stored in date order: read as it is stored
    assert "ORDER BY" not in str(ibis.to_sql(one)) and one.to_pyarrow().to_pylist() == expected
    del one
    query = t.filter(t.total > 0)
    got = settle_batch(query, [DEFAULT, _variant()], bucket_rows=100).to_pyarrow().to_pylist()
    assert got == settle_reference(query, [DEFAULT, _variant()]).to_pyarrow().to_pylist()
    assert 0 < len(got) < 600
    temporary = "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name LIKE 'medaid_%'"
    kept = settle_batch(t, [DEFAULT], bucket_rows=100)
    assert con.execute(temporary).fetchall() == [(1,)]  # the settled rows only: the claims' copy is gone
    del kept, got
    again = settle_batch(t, [DEFAULT], bucket_rows=100)
    assert con.execute(temporary).fetchall() == [(1,)]  # the next batch dropped the one nothing refers to
    del again


def test_unordered_results_hold_the_same_rows_and_are_dropped_when_unused():
    """``ordered=False``: the rows of the ordered result, every column, in the kernel's order (one bucket:
    the Arrow table the kernel filled, registered with the connection; several: a temporary table)."""
    table = claims(500, 11, given=True)
    con = duckdb.connect()
    con.register("claims", table)
    t = ibis.duckdb.from_connection(con).table("claims")
    expected = sorted(settle_reference(t, [DEFAULT, _variant()]).to_pyarrow().to_pylist(),
                      key=lambda r: r["settlement_id"])  # fmt: skip
    for bucket_rows in (10_000, 120):  # one bucket, five buckets
        got = settle_batch(t, [DEFAULT, _variant()], ordered=False, batch_rows=60, bucket_rows=bucket_rows)
        rows = got.to_pyarrow().to_pylist()
        assert sorted(rows, key=lambda r: r["settlement_id"]) == expected, bucket_rows
        assert rows != expected  # in the kernel's order (person by person), not the date order
        totals = got.aggregate(n=got.count(), basic=got.basic.sum()).to_pyarrow().to_pylist()[0]
        assert totals == {"n": 500, "basic": sum(r["basic"] for r in expected)}
    views = "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'medaid_settled_%'"
    tables = "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'medaid_settled_%'"
    assert con.execute(views).fetchall() == [(1,)]  # the one-bucket result, unused once ``got`` was rebound
    assert con.execute(tables).fetchall() == [(1,)]  # the five-bucket result, ``got``
    del got
    again = settle_batch(t, [DEFAULT], ordered=False)
    assert con.execute(tables).fetchall() == [(0,)]  # both dropped by the next batch on the connection
    assert con.execute(views).fetchall() == [(1,)]  # ``again``
    del again


def test_a_stream_cut_inside_a_person_year_carries_the_person_over():
    """Spark's path (``stream.settle_stream`` on each partition): batches sorted by person that end
    anywhere give the amounts of the whole."""
    policies = [DEFAULT, _variant()]
    table = claims(400, 9, given=True)
    con = duckdb.connect()
    con.register("claims", table)
    t = ibis.duckdb.from_connection(con).table("claims")
    expected = {r["settlement_id"]: r for r in settle_reference(t, policies).to_pyarrow().to_pylist()}
    by_person = table.sort_by([(k, "ascending") for k in SORT_KEY])
    rules = compile_rules(policies)
    for rows in (1, 3, 50, 1000):
        settled = pa.Table.from_batches(list(settle_stream(by_person.to_batches(max_chunksize=rows), rules)))
        assert settled.num_rows == 400
        assert {r["settlement_id"]: r for r in settled.to_pylist()} == expected


def test_no_claims_give_no_rows_with_the_layer_columns():
    empty = claims(10, 8).slice(0, 0)
    kernel, reference = _both(empty, [DEFAULT])
    assert kernel.num_rows == 0 and kernel.column_names == reference.column_names


def test_the_kernels_rounding_is_the_money_helper_on_every_sign():
    from medaid.money import half_up as money_half_up
    from medaid.policy.kernel import half_up

    numerators = np.arange(-30_001, 30_002, 7, dtype=np.int64)
    for denominator in (10_000, 7, 2, 1):  # even denominators take the shorter path
        expected = [money_half_up(int(n), denominator) for n in numerators]
        assert half_up(numerators, denominator).tolist() == expected, denominator
    assert numerators[0] == -30_001  # computed in place: the input is left as it was
