"""The batch (Ibis windows over a year of claims) equals settling claims one by one, to the fen."""

from __future__ import annotations

import datetime as dt

import duckdb
import ibis
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from medaid.policy.batch import settle_batch
from medaid.policy.claim import Claim, YearToDate, settle
from medaid.policy.params import default_policy, load_policy, regions

POLICY = default_policy(dt.date(2023, 6, 1))
FULIANG = load_policy(regions()["fuliang"][0])
LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary", "out_of_pocket_in_scope", "out_of_pocket_total")

claim = st.fixed_dictionaries(
    {
        "person": st.sampled_from(["甲", "乙", "丙"]),
        "category": st.sampled_from([None, "特困人员", "低保对象", "低保边缘家庭成员", "因病致贫重病患者"]),
        "visit_type": st.sampled_from(["住院", "门诊", "门诊慢特病"]),
        "hospital_level": st.sampled_from(["一级", "二级", "三级", "基层", None]),
        "day": st.integers(min_value=0, max_value=364),
        "in_scope": st.integers(min_value=0, max_value=30_000_000),
        "extra": st.integers(min_value=0, max_value=3_000_000),
        "refund": st.booleans(),
        "referred": st.booleans(),
    }
)


def one_by_one(rows: list[dict], policy) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    ytd: dict[str, YearToDate] = {}
    for r in sorted(rows, key=lambda r: (r["settle_date"], r["settlement_id"])):
        result, ytd[r["person_key"]] = settle(policy, Claim(
            r["visit_type"], r["settle_date"], r["total"], r["in_scope"], category=r["category"],
            hospital_level=r["hospital_level"], referred=r["referred"]), ytd.get(r["person_key"], YearToDate()))  # fmt: skip
        out[r["settlement_id"]] = {k: getattr(result, k) for k in LAYERS}
    return out


def batch(rows: list[dict], policy) -> dict[str, dict[str, int]]:
    con = duckdb.connect()
    table = pa.Table.from_pylist(rows, schema=pa.schema([
        ("settlement_id", pa.string()), ("person_key", pa.string()), ("settle_date", pa.date32()),
        ("visit_type", pa.string()), ("hospital_level", pa.string()), ("category", pa.string()),
        ("total", pa.int64()), ("in_scope", pa.int64()), ("referred", pa.bool_())]))  # fmt: skip
    con.register("claims", table)
    result = settle_batch(ibis.duckdb.from_connection(con).table("claims"), policy).to_pyarrow().to_pylist()
    return {r["settlement_id"]: {k: r[k] for k in LAYERS} for r in result}


def rows_of(drawn: list[dict]) -> list[dict]:
    rows = []
    for i, d in enumerate(drawn):
        sign = -1 if d["refund"] and i % 3 == 2 else 1
        rows.append({
            "settlement_id": f"S{i:04d}", "person_key": d["person"], "settle_date": dt.date(2023, 1, 1) + dt.timedelta(days=d["day"]),
            "visit_type": d["visit_type"], "hospital_level": d["hospital_level"], "category": d["category"],
            "total": sign * (d["in_scope"] + d["extra"]), "in_scope": sign * d["in_scope"], "referred": d["referred"],
        })  # fmt: skip
    return rows


@settings(max_examples=60, deadline=None)
@given(st.lists(claim, min_size=1, max_size=25))
def test_batch_equals_one_by_one_to_the_fen(drawn):
    rows = rows_of(drawn)
    assert batch(rows, POLICY) == one_by_one(rows, POLICY)


@settings(max_examples=30, deadline=None)
@given(st.lists(claim, min_size=1, max_size=15))
def test_batch_equals_one_by_one_with_a_supplementary_layer(drawn):
    rows = rows_of(drawn)
    assert batch(rows, FULIANG) == one_by_one(rows, FULIANG)


claims_with_given = st.lists(st.tuples(claim, st.one_of(st.none(), st.integers(0, 20_000_000)),
                           st.one_of(st.none(), st.integers(0, 2_000_000))), min_size=1, max_size=15)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(claims_with_given)
def test_batch_equals_one_by_one_when_insurance_layers_are_given(drawn):
    rows = rows_of([d for d, _, _ in drawn])
    for row, (_, basic, critical) in zip(rows, drawn, strict=True):
        row["basic_paid"] = (
            None if basic is None else min(basic, abs(row["in_scope"])) * (1 if row["in_scope"] >= 0 else -1)
        )
        row["critical_paid"] = critical if critical is None or row["in_scope"] >= 0 else -critical
    con = duckdb.connect()
    table = pa.Table.from_pylist(rows, schema=pa.schema([
        ("settlement_id", pa.string()), ("person_key", pa.string()), ("settle_date", pa.date32()),
        ("visit_type", pa.string()), ("hospital_level", pa.string()), ("category", pa.string()),
        ("total", pa.int64()), ("in_scope", pa.int64()), ("referred", pa.bool_()),
        ("basic_paid", pa.int64()), ("critical_paid", pa.int64())]))  # fmt: skip
    con.register("claims", table)
    got = settle_batch(ibis.duckdb.from_connection(con).table("claims"), POLICY).to_pyarrow().to_pylist()
    batch_result = {r["settlement_id"]: {k: r[k] for k in LAYERS} for r in got}
    expected: dict[str, dict[str, int]] = {}
    ytd: dict[str, YearToDate] = {}
    for r in sorted(rows, key=lambda r: (r["settle_date"], r["settlement_id"])):
        result, ytd[r["person_key"]] = settle(POLICY, Claim(
            r["visit_type"], r["settle_date"], r["total"], r["in_scope"], category=r["category"],
            hospital_level=r["hospital_level"], referred=r["referred"], basic_paid=r["basic_paid"],
            critical_paid=r["critical_paid"]), ytd.get(r["person_key"], YearToDate()))  # fmt: skip
        expected[r["settlement_id"]] = {k: getattr(result, k) for k in LAYERS}
    assert batch_result == expected


def _mid_year_policies(tmp_path_factory) -> list:
    from pathlib import Path

    base = Path(POLICY.file).read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("policies")
    (folder / "2023-01-01.yaml").write_text(base, encoding="utf-8")
    later = (base.replace("valid_from: 2023-01-01", "valid_from: 2023-07-01")
             .replace("低保对象: {threshold: 0, ratio: 0.70, annual_limit: 80000}",
                      "低保对象: {threshold: 1000, ratio: 0.80, annual_limit: 60000}")
             .replace("threshold: 15000", "threshold: 12000")
             .replace("annual_cap: 200000", "annual_cap: 150000"))  # fmt: skip
    assert later != base
    (folder / "2023-07-01.yaml").write_text(later, encoding="utf-8")
    return [load_policy(folder / "2023-01-01.yaml"), load_policy(folder / "2023-07-01.yaml")]


MID_YEAR: list = []


@settings(max_examples=40, deadline=None)
@given(st.lists(claim, min_size=1, max_size=20))
def test_a_parameter_that_changes_mid_year_applies_from_its_date(tmp_path_factory, drawn):
    if not MID_YEAR:
        MID_YEAR.extend(_mid_year_policies(tmp_path_factory))
    early, late = MID_YEAR
    rows = rows_of(drawn)
    expected: dict[str, dict[str, int]] = {}
    ytd: dict[str, YearToDate] = {}
    for r in sorted(rows, key=lambda r: (r["settle_date"], r["settlement_id"])):
        in_force = late if r["settle_date"] >= late.valid_from else early
        result, ytd[r["person_key"]] = settle(in_force, Claim(
            r["visit_type"], r["settle_date"], r["total"], r["in_scope"], category=r["category"],
            hospital_level=r["hospital_level"], referred=r["referred"]), ytd.get(r["person_key"], YearToDate()))  # fmt: skip
        expected[r["settlement_id"]] = {k: getattr(result, k) for k in LAYERS}
    assert batch(rows, [late, early]) == expected


def test_settled_tables_noted_unused_are_dropped_safely_from_several_threads():
    """Was: ``while _UNUSED: _UNUSED.pop()`` raced between two requests settling at once (IndexError)."""
    import threading
    import weakref

    from medaid.policy import batch as batch_module

    connections = [duckdb.connect() for _ in range(4)]
    for con in connections:
        for i in range(200):
            con.execute(f'CREATE TEMP TABLE "medaid_settled_t{i}" AS SELECT 1 AS x')
    errors: list[BaseException] = []

    def work(con: duckdb.DuckDBPyConnection) -> None:
        try:
            for i in range(200):
                batch_module._note_unused(weakref.ref(con), f"medaid_settled_t{i}")
                batch_module._drop_unused(con)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(con,)) for con in connections]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for con in connections:  # each connection's noted tables are dropped, by its own thread or a later batch
        batch_module._drop_unused(con)
        left = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'medaid_settled_t%'")
        assert left.fetchall() == [(0,)]
    assert not [name for _, name in batch_module._UNUSED if name.startswith("medaid_settled_t")]
