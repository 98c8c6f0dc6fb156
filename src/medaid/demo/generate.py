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
  valid before the year); income (grants and interest) is 86 % of spending, as in Liucheng.
"""

from __future__ import annotations

import calendar
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from medaid.demo import anomalies as an
from medaid.demo import distributions as ds
from medaid.demo.distributions import CHUNK, NEVER, Arr
from medaid.ingest.vocab import CATEGORIES

SCALES = {"county": 40_000, "city": 1_000_000, "province": 10_000_000}
SETTLEMENT_HEADER = (
    "结算编号", "身份证号", "姓名", "就诊类型", "医院等级", "机构编码", "结算日期", "总费用", "政策范围内费用",
    "基本医保支付", "大病保险支付", "医疗救助支付", "倾斜救助支付", "个人自付", "是否规范转诊", "是否异地",
    "是否一站式结算",
)  # fmt: skip
PLATFORM_HEADER = (
    "setl_id", "certno", "psn_name", "med_type", "setl_time", "medfee_sumamt", "fulamt_ownpay_amt", "inscp_scp_amt",
    "hifp_pay", "hifmi_pay", "hifob_pay", "maf_pay", "oth_pay", "fund_pay_sumamt", "psn_part_amt", "fixmedins_code",
)  # fmt: skip
MED_TYPES = ("11", "14", "21", "24", "13")  # 普通门诊, 门诊慢特病, 普通住院, 急诊转住院, 急诊
RECIPIENT_FILES = {  # department: (file, encoding, 认定部门 as written, id header, category header)
    "民政": ("recipients_民政.csv", "utf-8-sig", "民政", "身份证号", "救助类别"),
    "乡村振兴": ("recipients_乡村振兴.csv", "gb18030", "乡村振兴局", "身份证号", "救助类别"),
    "残联": ("recipients_残联.csv", "utf-8-sig", "残疾人联合会", "证件号码", "人员类别"),
}
RECIPIENT_COLUMNS = ("身份证号", "姓名", "救助类别", "认定部门", "生效日期", "终止日期", "区划")
INCOME = (  # (month-day, subject, permille of the subject's total, 备注); the last of a subject takes the rest
    ("03-28", "中央补助", 600, "提前下达{y}年中央财政医疗救助补助资金"),
    ("05-30", "自治区补助", 500, "提前下达{y}年自治区财政医疗救助补助资金"),
    ("07-13", "中央补助", 400, "下达{y}年第二批中央财政医疗救助补助资金"),
    ("08-08", "县级配套", 400, "{y}年城乡医疗救助县级配套资金（第一批）"),
    ("08-17", "县级配套", 300, "{y}年城乡医疗救助县级配套资金（第二批）"),
    ("09-22", "自治区补助", 500, "下达{y}年第三批自治区财政医疗救助补助资金"),
    ("12-19", "县级配套", 300, "{y}年城乡医疗救助县级配套资金（第三批）"),
)


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int  # 1-based; the header is row 1
    column: str  # the column's label in columns.py (the 残联 file's header may be an alias)
    kind: str
    value: str


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

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"


def size_of(scale: str | int) -> int:
    count = scale if isinstance(scale, int) else SCALES.get(scale)
    if count is None or count < 1000:
        raise ValueError(f"规模应为 county、city、province 或不少于 1000 的结算条数，实际为“{scale}”")
    return count


def money(fen: Arr) -> pa.Array:
    """Fen as decimal(18, 2), which CSV writes as 元 with two decimals."""
    words = np.zeros((len(fen), 2), np.int64)
    words[:, 0], words[:, 1] = fen, np.where(fen < 0, -1, 0)
    return pa.Array.from_buffers(pa.decimal128(18, 2), len(fen), [None, pa.py_buffer(words.tobytes())])


def _repeat(text: str, count: int) -> pa.Array:
    return pa.array([text]).take(np.zeros(count, np.int64))


Insert = tuple[int, list[str]]  # (after which row of the part, cells)
Part = tuple[list[pa.Array], list[Insert]]


def write_csv(path: Path, header: Iterable[str], parts: Iterable[Part], encoding: str = "utf-8-sig") -> list[int]:
    """Write columns part by part; each insert (after local row index, cells) becomes a row of its own.

    Returns the row numbers (the header is row 1) of the inserted rows, in order.
    """
    eol = "\r\n" if encoding == "gb18030" else "\n"
    options = pcsv.WriteOptions(include_header=False, quoting_style="none", eol=eol)
    row, inserted = 1, []
    with path.open("wb") as out:
        out.write((",".join(header) + eol).encode(encoding))

        def put(table: pa.Table) -> None:
            buffer = io.BytesIO()
            pcsv.write_csv(table, buffer, options)
            data = buffer.getvalue()
            out.write(data if encoding != "gb18030" else data.decode("utf-8").encode(encoding))

        for columns, inserts in parts:
            table = pa.Table.from_arrays(columns, names=[str(i) for i in range(len(columns))])
            at = 0
            for after, cells in inserts:
                put(table.slice(at, after + 1 - at))
                row += after + 2 - at
                at = after + 1
                out.write((",".join(cells) + eol).encode("utf-8" if encoding == "utf-8-sig" else encoding))
                inserted.append(row)
            put(table.slice(at))
            row += table.num_rows - at
    return inserted


@dataclass
class Run:
    """What the file writers share: the year's data and the labels its indexes stand for."""

    out: Path
    rng: np.random.Generator
    year: int
    policy: ds.Policy
    y: an.Year
    regions: pa.Array  # 区划 by county
    codes: pa.Array  # 机构编码 by institution
    dates: pa.Array  # ISO date by day of the year
    files: dict[str, int]
    bad: list[BadRow]


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
    p = ds.load_policy(policy or ds.DEFAULT_POLICY)
    days = 366 if calendar.isleap(year) else 365
    with_platform = isinstance(scale, int) or scale == "county"
    y = an.build(rng, n, p, (days, year), with_platform)
    regions = pa.array([f"4599{k + 1:02d}" for k in range(y.counties)])
    codes = pa.array([i[0] for i in ds.institutions(y.counties)])
    run = Run(out_dir, rng, year, p, y, regions, codes, pa.array(ds.day_strings(year, 0, days)), {}, [])
    _settlement_files(run, n, with_platform)
    by_department = _recipient_files(run, days)
    _small_files(run)
    subsidies, subsidy_fen, subsidy_month = _subsidies(run)
    income, spending = _fund(run, subsidy_month)
    manifest = _manifest(run, str(scale), seed, by_department, (subsidies, subsidy_fen), (income, spending))
    (out_dir / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def _chunks(make: Callable[[int, int], list[pa.Array]], rows: int, inserts: list[Insert]) -> Iterator[Part]:
    """Columns CHUNK rows at a time, each with the inserts that follow its rows."""
    for s in range(0, max(rows, 1), CHUNK):
        e = min(s + CHUNK, rows)
        yield make(s, e), [(at - s, r) for at, r in inserts if s <= at < e or (s == 0 and at < 0)]


def _settlement_columns(run: Run, rows: Arr) -> list[pa.Array]:
    b = run.y.b
    number = pc.utf8_lpad(pc.cast(pa.array(b["number"][rows] + 1), pa.string()), width=8, padding="0")
    person = b["person"][rows]
    paid = [b[k][rows] for k in ("basic", "critical", "assistance", "tilted")]
    yes_no = pa.array(["否", "是", None], pa.string())
    return [
        pc.binary_join_element_wise(f"JS{run.year}", number, ""),
        run.y.ids.take(person),
        run.y.names.take(person),
        pa.array(ds.VISITS).take(b["visit"][rows]),
        pa.array(ds.LEVELS).take(b["level"][rows]),
        run.codes.take(b["inst"][rows]),
        run.dates.take(b["day"][rows]),
        money(b["total"][rows]),
        money(b["in_scope"][rows]),
        *(money(x) for x in paid),
        money(b["total"][rows] - paid[0] - paid[1] - paid[2] - paid[3]),
        *(yes_no.take(b[k][rows]) for k in ("referred", "out_of_area", "one_stop")),
    ]


def _platform_columns(run: Run, rows: Arr) -> list[pa.Array]:
    """The national platform's fields; setl_time grows with 结算编号 within a day."""
    b, size = run.y.b, len(rows)
    cols = _settlement_columns(run, rows)
    visit, chance = b["visit"][rows], run.rng.random(size)
    code = np.where(visit == 0, np.where(chance < 0.05, 3, 2), np.where(visit == 2, 1, np.where(chance < 0.1, 4, 0)))
    tie = b["tie"][rows].astype(np.int64)
    seconds = b["day"][rows].astype(np.int64) * 86_400 + 8 * 3600 + tie * 36_000 // (len(b["tie"]) + 1)
    stamp = pa.array(np.datetime64(f"{run.year}-01-01T00:00:00", "s") + seconds.astype("timedelta64[s]"))
    fund = b["basic"][rows] + b["critical"][rows] + b["assistance"][rows]
    zero = money(np.zeros(size, np.int64))
    return [
        *cols[:3], pa.array(MED_TYPES).take(code), pc.strftime(stamp, format="%Y-%m-%d %H:%M:%S"), cols[7],
        money(b["total"][rows] - b["in_scope"][rows]), *cols[8:11], zero, cols[11], zero, money(fund),
        money(b["total"][rows] - fund), cols[5],
    ]  # fmt: skip


def _settlement_files(run: Run, n: int, with_platform: bool) -> None:
    """settlements.csv with its bad rows; settlements_platform.csv."""
    b, rng, year = run.y.b, run.rng, run.year
    file_rows = np.flatnonzero(~b["platform"])
    plan = an.bad_plan(rng, len(file_rows), an.SETTLEMENT_BAD, max(1, n // 10_000))
    anchors = np.array([file_rows[at] if at >= 0 else -1 for at, _, _ in plan], np.int64)
    everything = np.arange(len(b["person"]))
    b["number"] = everything + np.searchsorted(anchors, everything, side="left")

    def cells(at: int) -> dict[str, str]:
        values = [col[0].as_py() for col in _settlement_columns(run, file_rows[at : at + 1])]
        return {h: "" if v is None else str(v) for h, v in zip(SETTLEMENT_HEADER, values, strict=True)}

    inserts: list[Insert] = []
    for i, (at, kind, _) in enumerate(plan):
        row = cells(int(rng.integers(0, len(file_rows))))
        row["结算编号"], row["结算日期"] = f"JS{year}{anchors[i] + i + 2:08d}", cells(max(at, 0))["结算日期"]
        earlier = cells(int(rng.integers(0, at + 1)))["结算编号"] if kind == "repeated_id" else ""
        an.corrupt(kind, row, year, rng, earlier)
        inserts.append((at, [row[h] for h in SETTLEMENT_HEADER]))
    parts = _chunks(lambda s, e: _settlement_columns(run, file_rows[s:e]), len(file_rows), inserts)
    _record(run, "settlements.csv", plan, inserts, write_csv(run.out / "settlements.csv", SETTLEMENT_HEADER, parts))
    run.files["settlements.csv"] = len(file_rows) + len(plan)
    if with_platform:
        rows = np.flatnonzero(b["platform"])
        parts = _chunks(lambda s, e: _platform_columns(run, rows[s:e]), len(rows), [])
        write_csv(run.out / "settlements_platform.csv", PLATFORM_HEADER, parts)
        run.files["settlements_platform.csv"] = len(rows)


def _record(run: Run, file: str, plan: list[tuple[int, str, str]], inserts: list[Insert], numbers: list[int]) -> None:
    header = SETTLEMENT_HEADER if file == "settlements.csv" else RECIPIENT_COLUMNS
    for (_, kind, label), (_, cells), number in zip(plan, inserts, numbers, strict=True):
        run.bad.append(BadRow(file, number, label, kind, cells[header.index(label)]))


def _recipient_files(run: Run, days: int) -> dict[str, dict[str, int]]:
    """The three departments' lists, each with bad rows made of people kept for them."""
    y, rng = run.y, run.rng
    reg, reserved = y.reg, y.reserved
    lowest = int(reg.valid_from.min())
    dates = pa.array(ds.day_strings(run.year, lowest, days))
    out: dict[str, dict[str, int]] = {}
    for d, (dept, (file, encoding, written, id_header, cat_header)) in enumerate(RECIPIENT_FILES.items()):
        first, second = np.flatnonzero(reg.department == d), np.flatnonzero(reg.second_department == d)
        who = np.concatenate((first, second))
        cats = np.concatenate((reg.category[first], reg.second_category[second]))
        order = np.argsort(who, kind="stable")
        who, cats = who[order], cats[order]
        open_end = reg.valid_to[who] == NEVER
        columns = [
            y.ids.take(who), y.names.take(who), pa.array(CATEGORIES).take(cats), _repeat(written, len(who)),
            dates.take(reg.valid_from[who] - lowest),
            dates.take(pa.array(np.where(open_end, 0, reg.valid_to[who] - lowest), mask=open_end)),
            run.regions.take(y.county[who]),
        ]  # fmt: skip
        plan = an.bad_plan(rng, len(who), an.RECIPIENT_BAD[dept], an.recipient_bad_each(reg.count))
        inserts: list[Insert] = []
        for at, kind, _ in plan:
            start = dates[int(rng.integers(0, len(dates)))].as_py()
            person = [y.ids[reserved].as_py(), y.names[reserved].as_py(), CATEGORIES[int(cats[0])], written, start]
            row = dict(zip(RECIPIENT_COLUMNS, [*person, "", run.regions[int(y.county[reserved])].as_py()], strict=True))
            reserved += 1
            an.corrupt(kind, row, run.year, rng)
            inserts.append((at, list(row.values())))
        header = [id_header, "姓名", cat_header, "认定部门", "生效日期", "终止日期", "区划"]
        parts = _chunks(lambda s, e: [col.slice(s, e - s) for col in columns], len(who), inserts)  # noqa: B023
        _record(run, file, plan, inserts, write_csv(run.out / file, header, parts, encoding))
        run.files[file] = len(who) + len(plan)
        counts = np.bincount(cats, minlength=len(CATEGORIES))
        out[dept] = {c: int(k) for c, k in zip(CATEGORIES, counts, strict=True) if k}
    return out


def _small_files(run: Run) -> None:
    """deaths.csv and institutions.csv."""
    death = run.y.death
    dead = np.flatnonzero(death < NEVER)
    write_csv(
        run.out / "deaths.csv", ["身份证号", "死亡日期"], [([run.y.ids.take(dead), run.dates.take(death[dead])], [])]
    )
    rows = ds.institutions(run.y.counties)
    columns = [pa.array([r[i] for r in rows]) for i in range(4)]
    write_csv(run.out / "institutions.csv", ["机构编码", "机构名称", "医院等级", "区划"], [(columns, [])])
    run.files |= {"deaths.csv": len(dead), "institutions.csv": len(rows)}


def _subsidies(run: Run) -> tuple[dict[str, int], int, Arr]:
    """subsidies.csv: a row per recipient whose highest category the policy subsidises."""
    reg, p = run.y.reg, run.policy
    amount = np.array([p.subsidy.get(c, -1) for c in CATEGORIES], np.int64)[reg.category]
    who = np.flatnonzero(amount >= 0)
    columns = [
        run.y.ids.take(who), run.y.names.take(who), _repeat(str(run.year), len(who)),
        pa.array(CATEGORIES).take(reg.category[who]), money(np.full(len(who), p.premium, np.int64)), money(amount[who]),
    ]  # fmt: skip
    header = ["身份证号", "姓名", "年度", "救助类别", "个人缴费标准", "资助金额"]
    write_csv(run.out / "subsidies.csv", header, [(columns, [])])
    run.files["subsidies.csv"] = len(who)
    people = np.bincount(reg.category[who], minlength=len(CATEGORIES))
    by_category = {c: int(k) for c, k in zip(CATEGORIES, people, strict=True) if k}
    month = _months(run)[np.maximum(reg.valid_from[who], 0)]
    return by_category, int(amount[who].sum()), _monthly(month, amount[who])


def _months(run: Run) -> Arr:
    return np.array([int(day[5:7]) - 1 for day in run.dates.to_pylist()], np.int64)


def _monthly(month: Arr, fen: Arr) -> Arr:
    return np.rint(np.bincount(month, weights=fen.astype(np.float64), minlength=12)).astype(np.int64)


def _fund(run: Run, subsidy_month: Arr) -> tuple[int, dict[str, int]]:
    """fund.csv: grants and interest, and spending by month and subject."""
    b = run.y.b
    month, paid, inpatient = _months(run)[b["day"]], b["assistance"] + b["tilted"], b["visit"] == 0
    spend = {
        "住院救助": _monthly(month[inpatient], paid[inpatient]),
        "门诊救助": _monthly(month[~inpatient], paid[~inpatient]),
        "资助参保": subsidy_month,
    }
    total = sum(int(v.sum()) for v in spend.values())
    income, interest = total * 86 // 100, total * 27 // 10_000
    subjects = {"中央补助": (income - interest) * 644 // 1000, "自治区补助": (income - interest) * 111 // 1000}
    subjects["县级配套"] = income - interest - sum(subjects.values())
    left = dict(subjects)
    pending = {s: sum(1 for item in INCOME if item[1] == s) for s in subjects}
    # 上年结余: about a fifth of a year's spending (Liucheng 2023: 487.90 of 2649.26 万元)
    rows: list[tuple[str, int, str, int, str]] = [(f"{run.year}-01-01", 0, "上年结余", total // 5, "上年滚存结余")]
    for day, subject, share, note in INCOME:
        pending[subject] -= 1
        amount = left[subject] if pending[subject] == 0 else subjects[subject] * share // 1000
        left[subject] -= amount
        rows.append((f"{run.year}-{day}", 0, subject, amount, note.format(y=run.year)))
    for q, day in enumerate(("03-21", "06-21", "09-21", "12-21")):
        rows.append((f"{run.year}-{day}", 0, "利息收入", interest // 4 + (interest % 4 if q == 3 else 0), "专户利息"))
    for m in range(12):
        last = f"{run.year}-{m + 1:02d}-{calendar.monthrange(run.year, m + 1)[1]:02d}"
        rows += [(last, 1, s, int(v[m]), f"{run.year}年{m + 1}月{s}支出") for s, v in spend.items() if v[m]]
    rows.sort(key=lambda r: (r[0], r[1]))
    columns = [
        pa.array([r[0] for r in rows]), pa.array(["支出" if r[1] else "收入" for r in rows]),
        pa.array([r[2] for r in rows]), money(np.array([r[3] for r in rows], np.int64)), pa.array([r[4] for r in rows]),
    ]  # fmt: skip
    write_csv(run.out / "fund.csv", ["日期", "方向", "科目", "金额", "备注"], [(columns, [])])
    run.files["fund.csv"] = len(rows)
    return income, {k: int(v.sum()) for k, v in spend.items()}


def _manifest(
    run: Run,
    scale: str,
    seed: int,
    recipients: dict[str, dict[str, int]],
    subsidies: tuple[dict[str, int], int],
    fund: tuple[int, dict[str, int]],
) -> Manifest:
    b, reg, death = run.y.b, run.y.reg, run.y.death
    labels = {"总费用": "total", "政策范围内费用": "in_scope", "基本医保支付": "basic", "大病保险支付": "critical",
              "医疗救助支付": "assistance", "倾斜救助支付": "tilted"}  # fmt: skip
    f = {k: b[k][~b["platform"]] for k in ("kind", "visit", "number", *labels.values())}
    clean = f["kind"] == 0
    ids = {k: [f"JS{run.year}{x + 1:08d}" for x in f["number"][f["kind"] == i + 1]] for i, k in enumerate(an.KINDS)}
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
        clean_by_visit={v: int((f["visit"][clean] == i).sum()) for i, v in enumerate(ds.VISITS)},
        valid_settlements=len(f["kind"]),
        valid_by_visit={v: int((f["visit"] == i).sum()) for i, v in enumerate(ds.VISITS)},
        valid_totals_fen={label: int(f[k].sum()) for label, k in labels.items()},
        platform_rows=int(b["platform"].sum()), platform_assistance_fen=int(b["assistance"][b["platform"]].sum()),
        subsidies=subsidies[0], subsidy_fen=subsidies[1], fund_income_fen=fund[0], fund_spending_fen=fund[1],
    )  # fmt: skip
