"""settlements.csv with its bad rows, and settlements_platform.csv in the national platform's fields.

Both end with the day the care ended: 出院日期 in settlements.csv (the visit's day for 门诊), the platform's
enddate (结束日期) in settlements_platform.csv."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from medaid.demo.bad_rows import SETTLEMENT_BAD, bad_plan, corrupt
from medaid.demo.distributions import day_strings
from medaid.demo.files import Insert, Run, chunks, money, record, write_csv
from medaid.demo.parameters import LEVELS, VISITS, Arr

SETTLEMENT_HEADER = (
    "结算编号", "身份证号", "姓名", "就诊类型", "医院等级", "机构编码", "结算日期", "总费用", "政策范围内费用",
    "基本医保支付", "大病保险支付", "医疗救助支付", "倾斜救助支付", "个人自付", "是否规范转诊", "是否异地",
    "是否一站式结算", "出院日期",
)  # fmt: skip
PLATFORM_HEADER = (
    "setl_id", "certno", "psn_name", "med_type", "setl_time", "medfee_sumamt", "fulamt_ownpay_amt", "inscp_scp_amt",
    "hifp_pay", "hifmi_pay", "hifob_pay", "maf_pay", "oth_pay", "fund_pay_sumamt", "psn_part_amt", "fixmedins_code",
    "enddate",
)  # fmt: skip
MED_TYPES = ("11", "14", "21", "24", "13")  # 普通门诊, 门诊慢特病, 普通住院, 急诊转住院, 急诊
BEFORE = 31  # days of the year before that a service date may fall on (a stay that ended in December)


def service_dates(run: Run, rows: Arr) -> pa.Array:
    """ISO dates of the days the care ended (b["service"]: 0 = 1 January, negative the year before)."""
    days = pa.concat_arrays([pa.array(day_strings(run.year, -BEFORE, 0)), run.dates])
    return days.take(run.y.b["service"][rows] + BEFORE)


def settlement_columns(run: Run, rows: Arr) -> list[pa.Array]:
    b = run.y.b
    number = pc.utf8_lpad(pc.cast(pa.array(b["number"][rows] + 1), pa.string()), width=8, padding="0")
    person = b["person"][rows]
    paid = [b[k][rows] for k in ("basic", "critical", "assistance", "tilted")]
    yes_no = pa.array(["否", "是", None], pa.string())
    return [
        pc.binary_join_element_wise(f"JS{run.year}", number, ""),
        run.y.ids.take(person),
        run.y.names.take(person),
        pa.array(VISITS).take(b["visit"][rows]),
        pa.array(LEVELS).take(b["level"][rows]),
        run.codes.take(b["inst"][rows]),
        run.dates.take(b["day"][rows]),
        money(b["total"][rows]),
        money(b["in_scope"][rows]),
        *(money(x) for x in paid),
        money(b["total"][rows] - paid[0] - paid[1] - paid[2] - paid[3]),
        *(yes_no.take(b[k][rows]) for k in ("referred", "out_of_area", "one_stop")),
        service_dates(run, rows),
    ]


def platform_columns(run: Run, rows: Arr) -> list[pa.Array]:
    """The national platform's fields; setl_time grows with 结算编号 within a day."""
    b, size = run.y.b, len(rows)
    cols = settlement_columns(run, rows)
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
        money(b["total"][rows] - fund), cols[5], cols[-1],
    ]  # fmt: skip


def write_settlements(run: Run, n: int, with_platform: bool) -> None:
    """settlements.csv with its bad rows; settlements_platform.csv."""
    b, rng, year = run.y.b, run.rng, run.year
    file_rows = np.flatnonzero(~b["platform"])
    plan = bad_plan(rng, len(file_rows), SETTLEMENT_BAD, max(1, n // 10_000))
    anchors = np.array([file_rows[at] if at >= 0 else -1 for at, _, _ in plan], np.int64)
    everything = np.arange(len(b["person"]))
    b["number"] = everything + np.searchsorted(anchors, everything, side="left")

    def cells(at: int) -> dict[str, str]:
        values = [col[0].as_py() for col in settlement_columns(run, file_rows[at : at + 1])]
        return {h: "" if v is None else str(v) for h, v in zip(SETTLEMENT_HEADER, values, strict=True)}

    inserts: list[Insert] = []
    for i, (at, kind, _) in enumerate(plan):
        row = cells(int(rng.integers(0, len(file_rows))))
        row["结算编号"], row["结算日期"] = f"JS{year}{anchors[i] + i + 2:08d}", cells(max(at, 0))["结算日期"]
        row["出院日期"] = row["结算日期"]  # not the copied row's: a bad row is refused for its own problem only
        earlier = cells(int(rng.integers(0, at + 1)))["结算编号"] if kind == "repeated_id" else ""
        corrupt(kind, row, year, rng, earlier)
        inserts.append((at, [row[h] for h in SETTLEMENT_HEADER]))
    parts = chunks(lambda s, e: settlement_columns(run, file_rows[s:e]), len(file_rows), inserts)
    numbers = write_csv(run.out / "settlements.csv", SETTLEMENT_HEADER, parts)
    record(run, "settlements.csv", SETTLEMENT_HEADER, plan, inserts, numbers)
    run.files["settlements.csv"] = len(file_rows) + len(plan)
    if with_platform:
        rows = np.flatnonzero(b["platform"])
        parts = chunks(lambda s, e: platform_columns(run, rows[s:e]), len(rows), [])
        write_csv(run.out / "settlements_platform.csv", PLATFORM_HEADER, parts)
        run.files["settlements_platform.csv"] = len(rows)
