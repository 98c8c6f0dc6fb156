"""The synthetic data generator: same seed, same bytes; consistent rows; anomalies where the manifest says.

The amounts are checked against a one-settlement-at-a-time recomputation written here from
the policy YAML, independent of the generator's vectorised arithmetic.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from medaid import vocab
from medaid.demo.generate import Manifest, generate
from medaid.ingest.idnumber import is_valid
from medaid.policy.claim import Claim, YearToDate, settle
from medaid.policy.load import load_policy

POLICY = Path(__file__).resolve().parent.parent / "src/medaid/policy/params/default/2023-01-01.yaml"
FAR = "9999-12-31"
ENCODING = {"recipients_乡村振兴.csv": "gb18030"}
PAYMENTS = ("基本医保支付", "大病保险支付", "医疗救助支付", "倾斜救助支付")
PLATFORM = {"setl_id": "结算编号", "certno": "身份证号", "setl_time": "结算日期", "medfee_sumamt": "总费用",
            "inscp_scp_amt": "政策范围内费用", "hifp_pay": "基本医保支付", "hifmi_pay": "大病保险支付",
            "maf_pay": "医疗救助支付", "fixmedins_code": "机构编码", "med_type": "就诊类型"}  # fmt: skip


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate(out, 3000, seed=7)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=ENCODING.get(path.name, "utf-8-sig"), newline="") as handle:
        return list(csv.DictReader(handle))


def fen(text: str) -> int:
    return int(Decimal(text) * 100)


def bad_rows(manifest: Manifest, file: str) -> set[int]:
    return {b.row for b in manifest.bad_rows if b.file == file}


def valid(out: Path, manifest: Manifest, file: str) -> list[dict[str, str]]:
    skip = bad_rows(manifest, file)
    return [row for number, row in enumerate(read(out / file), start=2) if number not in skip]


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", 1500, seed=11)
    generate(tmp_path / "b", 1500, seed=11)
    generate(tmp_path / "c", 1500, seed=12)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert "manifest.json" in names and "settlements_platform.csv" in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "settlements.csv").read_bytes() != (tmp_path / "c" / "settlements.csv").read_bytes()


def test_scale_names_and_sizes() -> None:
    with pytest.raises(ValueError, match="规模"):
        generate(Path("unused"), "town")
    with pytest.raises(ValueError, match="规模"):
        generate(Path("unused"), 10)


def test_encodings_and_headers(made: tuple[Path, Manifest]) -> None:
    out, manifest = made
    raw = (out / "recipients_乡村振兴.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gb18030").startswith("身份证号,姓名,救助类别") and b"\r\n" in raw
    assert (out / "settlements.csv").read_bytes().startswith("\ufeff结算编号,身份证号".encode())
    with (out / "recipients_残联.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle))[:3] == ["证件号码", "姓名", "人员类别"]
    assert manifest.encodings["recipients_乡村振兴.csv"] == "gb18030"
    for name, rows in manifest.files.items():
        data = (out / name).read_bytes().decode(manifest.encodings[name])
        assert len(list(csv.reader(data.splitlines()))) - 1 == rows, name


def test_every_clean_settlement_keeps_the_invariants(made: tuple[Path, Manifest]) -> None:
    out, manifest = made
    rows = valid(out, manifest, "settlements.csv")
    assert len(rows) == manifest.valid_settlements
    anomalous = {i for ids in manifest.anomaly_ids.values() for i in ids}
    clean = [r for r in rows if r["结算编号"] not in anomalous]
    assert len(clean) == manifest.clean_settlements
    assert sum(fen(r["医疗救助支付"]) for r in clean) == manifest.clean_assistance_fen
    for visit, count in manifest.clean_by_visit.items():
        assert sum(r["就诊类型"] == visit for r in clean) == count
    assert {label: sum(fen(r[label]) for r in rows) for label in manifest.valid_totals_fen} == manifest.valid_totals_fen
    assert len({r["结算编号"] for r in rows}) == len(rows)
    for r in rows:
        paid = [fen(r[label]) for label in PAYMENTS]
        assert fen(r["总费用"]) >= fen(r["政策范围内费用"]) >= sum(paid) and min(paid) >= 0, r
        assert fen(r["个人自付"]) == fen(r["总费用"]) - sum(paid)
        assert "2023-01-01" <= r["结算日期"] <= "2023-12-31" and r["就诊类型"] in vocab.VISIT_TYPES
        assert is_valid(r["身份证号"]) and r["结算编号"].startswith("JS2023")
    shares = manifest.valid_by_visit
    assert 0.3 < shares["住院"] / manifest.valid_settlements < 0.4


def test_bad_rows_are_where_the_manifest_says(made: tuple[Path, Manifest]) -> None:
    out, manifest = made
    assert set(manifest.bad_row_counts["settlements.csv"]) == {
        "id_check_digit", "id_length", "impossible_date", "negative_amount", "text_in_number", "formula",
        "in_scope_above_total", "repeated_id",
    }  # fmt: skip
    seen_ids: dict[str, int] = {}
    for number, row in enumerate(read(out / "settlements.csv"), start=2):
        seen_ids.setdefault(row["结算编号"], number)
    for bad in manifest.bad_rows:
        rows = read(out / bad.file)
        row = rows[bad.row - 2]
        header = {"身份证号": "证件号码", "救助类别": "人员类别"} if bad.file == "recipients_残联.csv" else {}
        assert row[header.get(bad.column, bad.column)] == bad.value, bad
        match bad.kind:
            case "id_check_digit":
                assert len(bad.value) == 18 and not is_valid(bad.value)
            case "id_length":
                assert len(bad.value) != 18 and not is_valid(bad.value)
            case "impossible_date":
                assert bad.value.endswith("-02-30")
            case "negative_amount":
                assert Decimal(bad.value) < 0 < Decimal(row["总费用"])
            case "text_in_number":
                assert bad.value == "八百"
            case "formula":
                assert bad.value.startswith("=")
            case "in_scope_above_total":
                assert Decimal(bad.value) > Decimal(row["总费用"])
            case "repeated_id":
                assert seen_ids[bad.value] < bad.row
            case "unknown_category":
                assert vocab.canonical(bad.value, vocab.CATEGORIES, vocab.CATEGORY_ALIASES) is None
            case _:
                pytest.fail(bad.kind)


def test_lists_deaths_subsidies_and_fund_match_the_manifest(made: tuple[Path, Manifest]) -> None:
    out, manifest = made
    highest: dict[str, str] = {}
    for dept in ("民政", "乡村振兴", "残联"):
        rows = valid(out, manifest, f"recipients_{dept}.csv")
        counts: dict[str, int] = defaultdict(int)
        for r in rows:
            number, category = r.get("身份证号") or r["证件号码"], r.get("救助类别") or r["人员类别"]
            assert is_valid(number) and category in vocab.CATEGORIES
            counts[category] += 1
            if number not in highest or vocab.CATEGORY_RANK[category] < vocab.CATEGORY_RANK[highest[number]]:
                highest[number] = category
        assert counts == manifest.recipients[dept]
    assert len(highest) == manifest.registry_people
    assert {c: list(highest.values()).count(c) for c in manifest.registry} == manifest.registry
    assert len(read(out / "deaths.csv")) == manifest.deaths > 0
    policy = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    subsidies = read(out / "subsidies.csv")
    for r in subsidies:
        ratio = Decimal(str(policy["subsidy"][r["救助类别"]]["ratio"]))
        assert Decimal(r["资助金额"]) == Decimal(r["个人缴费标准"]) * ratio and highest[r["身份证号"]] == r["救助类别"]
    assert sum(fen(r["资助金额"]) for r in subsidies) == manifest.subsidy_fen
    fund = read(out / "fund.csv")
    spending: dict[str, int] = defaultdict(int)
    for r in fund:
        if r["方向"] == "支出":
            spending[r["科目"]] += fen(r["金额"])
    assert spending == manifest.fund_spending_fen
    # income excludes the 上年结余 (opening balance) line, as the metrics do
    income = sum(fen(r["金额"]) for r in fund if r["方向"] == "收入" and r["科目"] != "上年结余")
    assert income == manifest.fund_income_fen
    settled = valid(out, manifest, "settlements.csv") + platform_rows(out)
    month = "2023-05"
    paid = sum(fen(r["医疗救助支付"]) + fen(r.get("倾斜救助支付") or "0") for r in settled
               if r["结算日期"].startswith(month) and r["就诊类型"] == "住院")  # fmt: skip
    assert paid == sum(fen(r["金额"]) for r in fund if r["科目"] == "住院救助" and r["日期"].startswith(month))


def platform_rows(out: Path) -> list[dict[str, str]]:
    rows = []
    for r in read(out / "settlements_platform.csv"):
        row = {label: r[code] for code, label in PLATFORM.items()}
        row["结算日期"], row["就诊类型"] = row["结算日期"][:10], vocab.visit_type(row["就诊类型"]) or ""
        assert fen(r["fund_pay_sumamt"]) == sum(fen(r[k]) for k in ("hifp_pay", "hifmi_pay", "maf_pay"))
        assert fen(r["psn_part_amt"]) == fen(r["medfee_sumamt"]) - fen(r["fund_pay_sumamt"])
        rows.append(row)
    return rows


def test_amounts_and_findings_agree_with_a_one_by_one_recomputation(made: tuple[Path, Manifest]) -> None:
    out, manifest = made
    policy = load_policy(POLICY)
    level = {r["机构编码"]: r["医院等级"] for r in read(out / "institutions.csv")}
    spans: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for dept in ("民政", "乡村振兴", "残联"):
        for r in valid(out, manifest, f"recipients_{dept}.csv"):
            number, category = r.get("身份证号") or r["证件号码"], r.get("救助类别") or r["人员类别"]
            spans[number].append((r["生效日期"], r["终止日期"] or FAR, category))
    death = {r["身份证号"]: r["死亡日期"] for r in read(out / "deaths.csv")}
    kind_of = {i: kind for kind, ids in manifest.anomaly_ids.items() for i in ids}
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in valid(out, manifest, "settlements.csv") + platform_rows(out):
        if kind_of.get(r["结算编号"]) != "duplicate":
            by_person[r["身份证号"]].append(r)
    found: dict[str, int] = defaultdict(int)
    for number, rows in by_person.items():
        rows.sort(key=lambda r: (r["结算日期"], r["结算编号"]))
        ytd, cum_paid = YearToDate(), 0
        for r in rows:
            day = r["结算日期"]
            cover = [c for start, end, c in spans.get(number, []) if start <= day <= min(end, death.get(number, FAR))]
            category = min(cover, key=vocab.CATEGORY_RANK.__getitem__) if cover else None
            claim = Claim(r["就诊类型"], dt.date.fromisoformat(day), fen(r["总费用"]), fen(r["政策范围内费用"]),
                          category=category, hospital_level=level[r["机构编码"]],
                          referred=r.get("是否规范转诊") != "否")  # fmt: skip
            settled, ytd = settle(policy, claim, ytd)  # the one-claim path, independent of the batch
            basic, critical, assistance, tilted = settled.basic, settled.critical, settled.assistance, settled.tilted
            assist_rule = policy.assistance.get(category) if category else None
            actual = fen(r["医疗救助支付"])
            cum_paid += actual
            assert (fen(r["基本医保支付"]), fen(r["大病保险支付"])) == (basic, critical), r
            assert fen(r.get("倾斜救助支付") or "0") == tilted, r
            kind = kind_of.get(r["结算编号"])
            if kind is None:
                assert actual == assistance, r
            elif kind == "missed":
                assert actual == 0 and assistance >= 1000 and category
            elif kind == "above_annual_limit":
                assert category and assist_rule and assist_rule.annual_limit is not None
                assert actual > assistance and cum_paid > assist_rule.annual_limit * 100
            else:
                assert actual > 0 and category is None, r
                assert kind == "paid_non_recipient" if number not in spans else kind != "paid_non_recipient"
                if kind == "paid_after_death":
                    assert day > death[number]
                elif kind == "paid_before_validity":
                    assert day < min(s[0] for s in spans[number])
                elif kind == "paid_after_end":
                    assert day > max(s[1] for s in spans[number])
            if kind:
                found[kind] += 1
    duplicates = manifest.anomaly_ids["duplicate"]
    rows = {r["结算编号"]: r for r in valid(out, manifest, "settlements.csv")}
    for i in duplicates:
        same = [r for r in rows.values() if {k: v for k, v in r.items() if k != "结算编号"}
                == {k: v for k, v in rows[i].items() if k != "结算编号"}]  # fmt: skip
        assert len(same) == 2 and max(r["结算编号"] for r in same) == i
    assert found | {"duplicate": len(duplicates)} == manifest.anomalies
    assert all(count >= 2 for count in manifest.anomalies.values()), manifest.anomalies
