"""Synthetic programme data files (contract 3) with injected anomalies whose counts are known.

``generate(out_dir, "county" | "city" | "province" | 2000)`` writes recipients_民政.csv,
recipients_乡村振兴.csv (GB18030, CRLF), recipients_残联.csv (aliased headers 证件号码,
人员类别), deaths.csv, institutions.csv, settlements.csv, settlements_platform.csv (national
platform field codes; county and numeric scales only), subsidies.csv, fund.csv and
manifest.json, all UTF-8 with BOM unless said. Same seed, same bytes. Nobody in them is
real: 身份证号 come from ``medaid.demo.people.make_id`` in the block 4599xx, which does not exist.

What the files promise (money in the manifest is integer fen):
- settlements_platform.csv holds every settlement of about 1 % of the people (clean ones,
  without 倾斜救助), so cumulative amounts never span the two files; 结算编号 are unique
  across both and increase with the order amounts accumulate in (结算日期, then 结算编号);
- fund.csv: monthly 住院救助 = Σ(医疗救助支付 + 倾斜救助支付) of the 住院 rows of both
  settlement files (bad rows excluded), 门诊救助 likewise for 门诊 and 门诊慢特病,
  资助参保 = Σ 资助金额 of the people whose 生效日期 falls in the month (January for those
  valid before the year); the planned grants are 86 % of spending, as in Liucheng, less
  interest; all arrive but 40 % of the last 县级配套 batch (资金到位不及时);
- budget.yaml: the planned grants by source (元), as a budget document (预算批复) states them,
  in the shape of medaid.yaml's ``budget.planned``;
- 出院日期 (settlements.csv) and enddate (settlements_platform.csv): a stay ends 1–5 days before its
  settlement, a visit on its day, all within the year, except ``cross_year_payments`` aided January
  stays of settlements.csv that ended in December of the year before (跨年度支付, ``cross_year_ids``).
"""

from __future__ import annotations

import calendar
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from medaid.demo.anomalies import KINDS, REASON_OF
from medaid.demo.distributions import day_strings
from medaid.demo.files import RECIPIENT_FILES, BadRow, Run, write_recipients, write_small_files
from medaid.demo.fund import write_fund, write_subsidies
from medaid.demo.parameters import DEFAULT_POLICY, NEVER, VISITS, load_policy
from medaid.demo.population import institutions
from medaid.demo.settlements import write_settlements
from medaid.demo.year import build
from medaid.money import to_yuan
from medaid.vocab import CATEGORIES, REASONS

__all__ = ["SCALES", "BadRow", "Manifest", "generate", "size_of"]

SCALES = {"county": 40_000, "city": 1_000_000, "province": 10_000_000}
BUDGET_FILE = "budget.yaml"


def write_budget(path: Path, planned: dict[str, int], year: int) -> None:
    """The planned grants by source in 元, as medaid.yaml's ``budget.planned`` takes them."""
    lines = [f"# {year}年城乡医疗救助资金预算批复（虚构）：计划安排的各级资金（元）", "planned:"]
    lines += [f"  {source}: {to_yuan(fen)}" for source, fen in planned.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Manifest:
    scale: str
    seed: int
    year: int
    files: dict[str, int]  # data rows per file, bad rows included
    encodings: dict[str, str]
    recipients: dict[str, dict[str, int]]  # department → category → valid rows
    registry: dict[str, int]  # category → distinct people at their highest category
    registry_people: int
    deaths: int
    anomalies: dict[str, int]  # kind → settlements in settlements.csv
    anomaly_ids: dict[str, list[str]]  # kind → 结算编号
    bad_rows: list[BadRow]
    bad_row_counts: dict[str, dict[str, int]]  # file → kind → rows
    clean_settlements: int  # rows of settlements.csv neither bad nor an anomaly
    clean_assistance_fen: int
    clean_by_visit: dict[str, int]
    valid_settlements: int  # rows of settlements.csv that are not bad: clean ones and anomalies
    valid_by_visit: dict[str, int]
    valid_totals_fen: dict[str, int]  # column label → sum over the valid rows of settlements.csv
    platform_rows: int
    platform_assistance_fen: int
    subsidies: dict[str, int]  # category → people
    subsidy_fen: int
    fund_income_fen: int
    fund_spending_fen: dict[str, int]  # subject → year total
    budget_planned_fen: dict[str, int]  # fund source → planned grants (budget.yaml)
    # 跨年度支付: settlements of settlements.csv paid this year for a stay that ended the year before
    cross_year_payments: int
    cross_year_ids: list[str]  # 结算编号
    cross_year_amount_fen: int  # their 医疗救助 + 倾斜救助

    def anomaly_labels(self) -> dict[str, int]:
        """Injected anomalies by the verification reason they must be found under (Chinese)."""
        return {REASONS[REASON_OF[kind]]: count for kind, count in self.anomalies.items()}

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"


def size_of(scale: str | int) -> int:
    count = scale if isinstance(scale, int) else SCALES.get(scale)
    if count is None or count < 1000:
        raise ValueError(f"规模应为 county、city、province 或不少于 1000 的结算条数，实际为“{scale}”")
    return count


def generate(
    out_dir: Path, scale: str | int = "county", *, seed: int = 2023, year: int = 2023, policy: Path | None = None
) -> Manifest:
    """Write the programme data files of a fictional county, city or province into ``out_dir``.

    scale: "county" (≈ 40 000 settlements), "city" (≈ 1 000 000), "province" (≈ 10 000 000) or a
    count of at least 1000. policy: a contract-4 YAML (default: the national default template).
    """
    n = size_of(scale)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    p = load_policy(policy or DEFAULT_POLICY)
    days = 366 if calendar.isleap(year) else 365
    with_platform = isinstance(scale, int) or scale == "county"
    y = build(rng, n, p, (days, year), with_platform)
    regions = pa.array([f"4599{k + 1:02d}" for k in range(y.counties)])
    codes = pa.array([i[0] for i in institutions(y.counties)])
    run = Run(out_dir, rng, year, p, y, regions, codes, pa.array(day_strings(year, 0, days)), {}, [])
    write_settlements(run, n, with_platform)
    by_department = write_recipients(run, days)
    write_small_files(run)
    subsidies, subsidy_fen, subsidy_month = write_subsidies(run)
    income, spending, planned = write_fund(run, subsidy_month)
    write_budget(out_dir / BUDGET_FILE, planned, year)
    manifest = _manifest(run, str(scale), seed, by_department, (subsidies, subsidy_fen), (income, spending, planned))
    (out_dir / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def _manifest(
    run: Run,
    scale: str,
    seed: int,
    recipients: dict[str, dict[str, int]],
    subsidies: tuple[dict[str, int], int],
    fund: tuple[int, dict[str, int], dict[str, int]],
) -> Manifest:
    b, reg, death = run.y.b, run.y.reg, run.y.death
    labels = {"总费用": "total", "政策范围内费用": "in_scope", "基本医保支付": "basic", "大病保险支付": "critical",
              "医疗救助支付": "assistance", "倾斜救助支付": "tilted"}  # fmt: skip
    f = {k: b[k][~b["platform"]] for k in ("kind", "visit", "number", "cross_year", *labels.values())}
    clean = f["kind"] == 0
    ids = {k: [f"JS{run.year}{x + 1:08d}" for x in f["number"][f["kind"] == i + 1]] for i, k in enumerate(KINDS)}
    bad_counts: dict[str, dict[str, int]] = {}
    for row in run.bad:
        bad_counts.setdefault(row.file, {})
        bad_counts[row.file][row.kind] = bad_counts[row.file].get(row.kind, 0) + 1
    return Manifest(
        scale=scale, seed=seed, year=run.year, files=run.files,
        encodings={name: RECIPIENT_FILES["乡村振兴"][1] if "乡村振兴" in name else "utf-8-sig" for name in run.files},
        recipients=recipients,
        registry={c: int(k) for c, k in zip(CATEGORIES, np.bincount(reg.category, minlength=8), strict=True) if k},
        registry_people=reg.count, deaths=int((death < NEVER).sum()),
        anomalies={k: len(v) for k, v in ids.items()}, anomaly_ids=ids,
        bad_rows=sorted(run.bad, key=lambda r: (r.file, r.row)), bad_row_counts=bad_counts,
        clean_settlements=int(clean.sum()), clean_assistance_fen=int(f["assistance"][clean].sum()),
        clean_by_visit={v: int((f["visit"][clean] == i).sum()) for i, v in enumerate(VISITS)},
        valid_settlements=len(f["kind"]),
        valid_by_visit={v: int((f["visit"] == i).sum()) for i, v in enumerate(VISITS)},
        valid_totals_fen={label: int(f[k].sum()) for label, k in labels.items()},
        platform_rows=int(b["platform"].sum()), platform_assistance_fen=int(b["assistance"][b["platform"]].sum()),
        subsidies=subsidies[0], subsidy_fen=subsidies[1], fund_income_fen=fund[0], fund_spending_fen=fund[1],
        budget_planned_fen=fund[2],
        cross_year_payments=int(f["cross_year"].sum()),
        cross_year_ids=[f"JS{run.year}{x + 1:08d}" for x in f["number"][f["cross_year"]]],
        cross_year_amount_fen=int((f["assistance"] + f["tilted"])[f["cross_year"]].sum()),
    )  # fmt: skip
