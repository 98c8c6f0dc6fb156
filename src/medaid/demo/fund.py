"""subsidies.csv (资助参保) and fund.csv, the programme account's income and spending."""

from __future__ import annotations

import calendar

import numpy as np
import pyarrow as pa

from medaid.demo.files import Run, money, repeat, write_csv
from medaid.demo.parameters import Arr
from medaid.vocab import CATEGORIES

# The county's budget (预算批复) plans the grants below; the last 县级配套 batch arrives only in part by
# year end (资金到位不及时, as evaluations often find): so 各级资金到位率 is below 100 %, computed
# against a plan that is not the arrivals themselves.
LATE_SUBJECT, LATE_PERMILLE = "县级配套", 600  # the share of its last batch that arrives in the year
INCOME = (  # (month-day, subject, permille of the subject's total, 备注); the last of a subject takes the rest
    ("03-28", "中央补助", 600, "提前下达{y}年中央财政医疗救助补助资金"),
    ("05-30", "自治区补助", 500, "提前下达{y}年自治区财政医疗救助补助资金"),
    ("07-13", "中央补助", 400, "下达{y}年第二批中央财政医疗救助补助资金"),
    ("08-08", "县级配套", 400, "{y}年城乡医疗救助县级配套资金（第一批）"),
    ("08-17", "县级配套", 300, "{y}年城乡医疗救助县级配套资金（第二批）"),
    ("09-22", "自治区补助", 500, "下达{y}年第三批自治区财政医疗救助补助资金"),
    ("12-19", "县级配套", 300, "{y}年城乡医疗救助县级配套资金（第三批）"),
)


def write_subsidies(run: Run) -> tuple[dict[str, int], int, Arr]:
    """subsidies.csv: a row per recipient whose highest category the policy subsidises."""
    reg, p = run.y.reg, run.policy
    amount = np.array([p.subsidy.get(c, -1) for c in CATEGORIES], np.int64)[reg.category]
    who = np.flatnonzero(amount >= 0)
    columns = [
        run.y.ids.take(who), run.y.names.take(who), repeat(str(run.year), len(who)),
        pa.array(CATEGORIES).take(reg.category[who]), money(np.full(len(who), p.premium, np.int64)), money(amount[who]),
    ]  # fmt: skip
    header = ["身份证号", "姓名", "年度", "救助类别", "个人缴费标准", "资助金额"]
    write_csv(run.out / "subsidies.csv", header, [(columns, [])])
    run.files["subsidies.csv"] = len(who)
    people = np.bincount(reg.category[who], minlength=len(CATEGORIES))
    by_category = {c: int(k) for c, k in zip(CATEGORIES, people, strict=True) if k}
    month = months(run)[np.maximum(reg.valid_from[who], 0)]
    return by_category, int(amount[who].sum()), monthly(month, amount[who])


def months(run: Run) -> Arr:
    return np.array([int(day[5:7]) - 1 for day in run.dates.to_pylist()], np.int64)


def monthly(month: Arr, fen: Arr) -> Arr:
    return np.rint(np.bincount(month, weights=fen.astype(np.float64), minlength=12)).astype(np.int64)


def write_fund(run: Run, subsidy_month: Arr) -> tuple[int, dict[str, int], dict[str, int]]:
    """fund.csv: grants and interest, and spending by month and subject.

    Returns the income that arrived (fen), spending by subject and the planned grants by subject."""
    b = run.y.b
    month, paid, inpatient = months(run)[b["day"]], b["assistance"] + b["tilted"], b["visit"] == 0
    spend = {
        "住院救助": monthly(month[inpatient], paid[inpatient]),
        "门诊救助": monthly(month[~inpatient], paid[~inpatient]),
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
    arrived = 0
    for day, subject, share, note in INCOME:
        pending[subject] -= 1
        amount = left[subject] if pending[subject] == 0 else subjects[subject] * share // 1000
        left[subject] -= amount
        if pending[subject] == 0 and subject == LATE_SUBJECT:
            amount = amount * LATE_PERMILLE // 1000
        arrived += amount
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
    return arrived + interest, {k: int(v.sum()) for k, v in spend.items()}, subjects
