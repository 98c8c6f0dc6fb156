"""The demo county's 依申请救助 台账 (历史案件台账, docs/cases.md): a year of applications, as a county keeps them.

People whose bills made them poor apply as 因病致贫重病患者 or 低保边缘家庭成员: in the demo they are people of the
generated settlements who were never assisted (no 医疗救助 nor 倾斜救助 in any row: on no department's list) and
paid a large 个人自付. The mix, seeded and the same for the same inputs: some cases opened from a high-cost warning
(预警编号: the warned person applies some working days after the push), most paid on time, some late at 审核
(past the 10 working days of the national template), some applied in the year before with that year's bills and
paid in this one (跨年支付, Liucheng), some refused with the reason, one or two withdrawn, and a few still open
on 31 December (one of them overdue at 审核). Steps fall on working days (``working``: the caller's calendar).

Pure: it reads the generated settlements file and writes the 台账; which settlements are in the workspace and who
was warned are the caller's (``services.demo``), which imports the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow.csv as pcsv

from medaid.demo.parameters import Policy
from medaid.money import to_yuan
from medaid.vocab import CATEGORIES

LEDGER_FILE = "依申请救助台账.csv"
HEADER = ("台账编号", "身份证号", "姓名", "救助类别", "区划代码", "认定部门", "预警编号", "家庭年收入", "申请日期",
          "受理日期", "审核日期", "审批日期", "公示开始日期", "公示结束日期", "发放日期", "救助金额", "归档日期",
          "不予救助原因", "撤回日期", "撤回原因", "结算单号", "费用发生日期", "医疗总费用", "个人自付费用")  # fmt: skip
SICK, EDGE = "因病致贫重病患者", "低保边缘家庭成员"
MIN_SELF_PAY = 500_000  # fen: who might apply at all (5 000 元 of 个人自付 in the year)
HIGH_SELF_PAY = 800_000  # fen: the template's 因病致贫重病患者 threshold (8 000 元): who is paid
REVIEW_DAYS = 10  # working days for 审核 (the national template's deadlines.steps.审核)
PUBLICITY_DAYS = 7
MAX_LINKED = 12  # settlements linked to one case at most (its latest before the application)
LAST_APPLICATION = (9, 30)  # month, day: a case decided within the year applied by then
LAST_WARNING = (8, 31)  # … and a case from a warning was warned by then
REFUSALS = (
    ("accepted_on", "申请材料不全，经一次性告知后申请人未在规定期限内补齐"),
    ("reviewed_on", "近12个月政策范围内个人负担医疗费用未达到认定标准（8000元）"),
    ("reviewed_on", "家庭人均收入高于当地低保标准的2倍，不符合因病致贫重病患者认定条件"),
    ("approved_on", "家庭经济状况核对发现家庭成员名下有非营运机动车辆，不符合认定条件"),
)
WITHDRAWALS = ("申请人已获商业保险理赔，主动撤回申请", "申请人户籍迁往外县，改在新户籍地申请")


@dataclass(frozen=True)
class Settlement:
    settlement_id: str
    day: dt.date
    self_pay_fen: int


@dataclass(frozen=True)
class Applicant:
    """Someone of the data who may apply, with their settlements in date order."""

    id_number: str
    name: str
    settlements: tuple[Settlement, ...]

    @property
    def self_pay_fen(self) -> int:
        return sum(s.self_pay_fen for s in self.settlements)

    def reached(self, fen: int) -> dt.date | None:
        """The day the year's 个人自付 reached ``fen`` (None: never)."""
        total = 0
        for s in self.settlements:
            total += s.self_pay_fen
            if total >= fen:
                return s.day
        return None


@dataclass(frozen=True)
class Warned:
    """A high-cost warning of the person: its number and the day it was pushed."""

    warning_id: int
    as_of: dt.date


def _fen(text: str | None) -> int | None:
    from medaid.money import MoneyError, to_fen

    try:
        return to_fen(text or "")
    except MoneyError:
        return None


def applicants(data_dir: Path, stored: Callable[[list[str]], set[str]]) -> list[Applicant]:
    """People of settlements.csv never assisted, with at least MIN_SELF_PAY of 个人自付, by 身份证号; only their
    settlements ``stored`` says are in the workspace (a bad row of the file was rejected at import)."""
    names = ["结算编号", "身份证号", "姓名", "结算日期", "个人自付", "医疗救助支付", "倾斜救助支付"]
    options = pcsv.ConvertOptions(include_columns=names, column_types=dict.fromkeys(names, "string"))
    table = pcsv.read_csv(data_dir / "settlements.csv", convert_options=options).to_pydict()
    rows: dict[str, list[tuple[str, str, str, str]]] = {}
    assisted: set[str] = set()
    for sid, number, name, day, own, aid, tilt in zip(*(table[n] for n in names), strict=True):
        if (_fen(aid) or 0) != 0 or (_fen(tilt) or 0) != 0:
            assisted.add(number)
        elif number and name and (_fen(own) or 0) > 0:
            rows.setdefault(number, []).append((sid, day, own, name))
    wanted = {n: r for n, r in rows.items() if n not in assisted and sum(_fen(x[2]) or 0 for x in r) >= MIN_SELF_PAY}
    known = stored([r[0] for rs in wanted.values() for r in rs])
    out = []
    for number in sorted(wanted):
        first = {sid: (day, own) for sid, day, own, _ in reversed(wanted[number]) if sid in known}  # a repeat: once
        kept = [Settlement(sid, dt.date.fromisoformat(day), _fen(own) or 0) for sid, (day, own) in first.items()]
        kept.sort(key=lambda s: (s.day, s.settlement_id))
        if sum(s.self_pay_fen for s in kept) >= MIN_SELF_PAY:
            out.append(Applicant(number, wanted[number][0][3], tuple(kept)))
    return out


class _Days:
    """Working days by the caller's calendar, and the seeded draws of how long each step took."""

    def __init__(self, working: Callable[[dt.date], bool], rng: random.Random) -> None:
        self.working, self.rng = working, rng

    def on_or_after(self, day: dt.date) -> dt.date:
        while not self.working(day):
            day += dt.timedelta(days=1)
        return day

    def after(self, day: dt.date, low: int, high: int) -> dt.date:
        """``low``–``high`` working days after ``day`` (drawn)."""
        left = self.rng.randint(low, high)
        while left:
            day += dt.timedelta(days=1)
            left -= self.working(day)
        return day


@dataclass
class _Case:
    applicant: Applicant
    category: str
    applied: dt.date
    kind: str  # paid, late, cross, refused, withdrawn, open
    warning: Warned | None = None
    bill: tuple[dt.date, int, int] | None = None  # an entered bill: day, total, 个人自付 (fen)
    refusal: int = 1  # which of REFUSALS


def _amount(policy: Policy, category: str, self_pay_fen: int) -> int:
    """What the county paid: the template's 医疗救助 rule of the category (起付标准, 比例, 年度限额) applied to the
    self-pay of the case's bills, half-up to the fen; an approximation of the engine's figure, as a 台账 records
    a sum decided at the time."""
    layer, i = policy.assistance, CATEGORIES.index(category)
    over = max(self_pay_fen - int(layer.threshold[i]), 0)
    return min((over * int(layer.ratio[i]) + 5_000) // 10_000, int(layer.limit[i]))


def ledger(people: Sequence[Applicant], warned: Mapping[str, Warned], *, year: int, seed: int,
           working: Callable[[dt.date], bool], policy: Policy) -> list[dict[str, str]]:  # fmt: skip
    """The 台账's rows (header → cell), in the order of the application days."""
    rng = random.Random(f"{seed}:依申请救助")
    days = _Days(working, rng)
    n = max(24, min(40, len(people) // 25))  # 3 000 settlements: 24 cases; the county: 40
    counts = {"warned": max(4, n // 4), "cross": max(2, n // 12), "refused": max(3, n // 10),
              "withdrawn": 1 if n < 40 else 2, "open": max(3, n // 15)}  # fmt: skip
    cases = _from_warnings(people, warned, counts["warned"], days, year)
    chosen = {c.applicant.id_number for c in cases}
    rest = [p for p in people if p.id_number not in chosen]
    low = [p for p in rest if p.self_pay_fen < HIGH_SELF_PAY][: counts["cross"] + counts["refused"]]
    for i, p in enumerate(low):
        category = rng.choice((SICK, SICK, EDGE))
        if i < counts["cross"]:  # the bills of the year before, typed in from paper
            billed = dt.date(year - 1, 7, 1) + dt.timedelta(days=rng.randrange(110))
            total = rng.randrange(3_000_000, 12_000_000)
            applied = days.on_or_after(dt.date(year - 1, 11, 1) + dt.timedelta(days=rng.randrange(45)))
            bill = (billed, total, total * rng.randrange(20, 36) // 100)
            cases.append(_Case(p, category, applied, "cross", bill=bill))
        else:
            applied = _applied(days, p, MIN_SELF_PAY, year)
            cases.append(_Case(p, category, applied, "refused", refusal=(0, 1, 1, 3)[i % 4]))
    high = sorted((p for p in rest if p.self_pay_fen >= HIGH_SELF_PAY),
                  key=lambda p: (p.reached(HIGH_SELF_PAY), p.id_number))  # fmt: skip
    early = [p for p in high if (p.reached(HIGH_SELF_PAY) or dt.date(year, 12, 31)) <= dt.date(year, *LAST_WARNING)]
    decided = _spread(early, max(n - len(cases) - counts["open"], 4))  # through the year, not its first weeks
    withdrawn = {len(decided) * (j + 1) // (counts["withdrawn"] + 1) for j in range(counts["withdrawn"])}
    for i, p in enumerate(decided):
        kind = "withdrawn" if i in withdrawn else "late" if rng.random() < 0.2 else "paid"
        _add_high(cases, p, kind, _applied(days, p, HIGH_SELF_PAY, year), warned, rng)
    taken = {p.id_number for p in decided}
    for p in [p for p in high if p.id_number not in taken][-counts["open"] :]:  # the year's last applications
        _add_high(cases, p, "open", days.after(dt.date(year, 11, 20), 0, 22), warned, rng)
    opened = [c for c in cases if c.kind == "open"]
    overdue = min(opened, key=lambda c: c.applied) if opened else None
    rows = [_row(c, days, policy, year, c is overdue) for c in cases]
    rows.sort(key=lambda r: (r["申请日期"], r["身份证号"]))
    for i, r in enumerate(rows, 1):
        r["台账编号"] = f"YSQ-{i:03d}"
    return rows


def _spread(seq: Sequence[Applicant], count: int) -> list[Applicant]:
    """``count`` of ``seq`` evenly spaced (all of it when shorter)."""
    return [seq[i * len(seq) // count] for i in range(count)] if len(seq) > count else list(seq)


def _add_high(cases: list[_Case], p: Applicant, kind: str, applied: dt.date, warned: Mapping[str, Warned],
              rng: random.Random) -> None:  # fmt: skip
    """A case of someone with a large self-pay; warned before applying, the case keeps the warning's number."""
    w = warned.get(p.id_number)
    category = rng.choice((SICK, SICK, SICK, EDGE))
    cases.append(_Case(p, category, applied, kind, w if w is not None and w.as_of <= applied else None))


def _from_warnings(people: Sequence[Applicant], warned: Mapping[str, Warned], count: int, days: _Days,
                   year: int) -> list[_Case]:  # fmt: skip
    """The department calls the warned person, who applies some working days after the push; one in five is
    refused (income above the limit)."""
    last = dt.date(year, *LAST_WARNING)
    ordered = sorted((p for p in people if p.id_number in warned and warned[p.id_number].as_of <= last),
                     key=lambda p: warned[p.id_number].warning_id)  # fmt: skip
    chosen = _spread(ordered, count)
    cases = []
    for i, p in enumerate(chosen):
        w = warned[p.id_number]
        kind = "refused" if i % 5 == 4 else "late" if i % 4 == 1 else "paid"
        cases.append(_Case(p, SICK, days.after(w.as_of, 3, 20), kind, w, refusal=2))
    return cases


def _applied(days: _Days, p: Applicant, fen: int, year: int) -> dt.date:
    """Some days after the year's self-pay reached ``fen`` (the bills that make someone apply); a case to be
    decided within the year applied by LAST_APPLICATION."""
    reached = max(p.reached(fen) or dt.date(year, 1, 1), dt.date(year, 1, 4))
    applied = days.after(reached, 2, 25)
    last = dt.date(year, *LAST_APPLICATION)
    if applied <= last:
        return applied
    while not days.working(last):  # the last working day by then
        last -= dt.timedelta(days=1)
    return last


def _row(c: _Case, days: _Days, policy: Policy, year: int, overdue: bool) -> dict[str, str]:
    rng, kind = days.rng, c.kind
    row = dict.fromkeys(HEADER, "")
    row |= {"身份证号": c.applicant.id_number, "姓名": c.applicant.name, "救助类别": c.category,
            "区划代码": c.applicant.id_number[:6], "认定部门": "民政",
            "预警编号": str(c.warning.warning_id) if c.warning else "",
            "家庭年收入": str(rng.randrange(6_000, 30_000)), "申请日期": c.applied.isoformat()}  # fmt: skip
    if c.bill is not None:
        row |= {"费用发生日期": c.bill[0].isoformat(), "医疗总费用": str(to_yuan(c.bill[1])),
                "个人自付费用": str(to_yuan(c.bill[2]))}  # fmt: skip
        self_pay = c.bill[2]
    else:
        linked = [s for s in c.applicant.settlements if s.day <= c.applied][-MAX_LINKED:]
        row["结算单号"] = "、".join(s.settlement_id for s in linked)
        self_pay = sum(s.self_pay_fen for s in linked)
    end = dt.date(year, 12, 31)
    steps: dict[str, dt.date] = {"受理日期": days.after(c.applied, 1, 4)}
    if kind == "open":
        if overdue:  # accepted, never reviewed: past its 10 working days on 31 December
            steps["受理日期"] = days.after(min(c.applied, dt.date(year, 11, 24)), 1, 2)
            row["申请日期"] = min(c.applied, dt.date(year, 11, 24)).isoformat()
        elif steps["受理日期"] > end or rng.random() < 0.4:
            del steps["受理日期"]
        return _dated(row, steps)
    late = kind == "late" or (kind == "cross" and rng.random() < 0.5)
    steps["审核日期"] = (
        days.after(steps["受理日期"], REVIEW_DAYS + 2, 28) if late else days.after(steps["受理日期"], 2, 9)
    )
    steps["审批日期"] = days.after(steps["审核日期"], 2, 6)
    if kind == "refused":
        column, reason = REFUSALS[c.refusal]
        keep = {"accepted_on": 1, "reviewed_on": 2, "approved_on": 3}[column]
        row["不予救助原因"] = reason
        return _dated(row, dict(list(steps.items())[:keep]))
    if kind == "withdrawn":
        row["撤回日期"], row["撤回原因"] = days.after(steps["受理日期"], 1, 5).isoformat(), rng.choice(WITHDRAWALS)
        return _dated(row, {"受理日期": steps["受理日期"]})
    publish = days.after(steps["审批日期"], 1, 3)
    if kind == "cross":  # the year's budget comes in January: paid from then, the year after the bills
        publish = max(publish, days.after(dt.date(year, 1, 3), 5, 30))
    steps["公示开始日期"], steps["公示结束日期"] = publish, publish + dt.timedelta(days=PUBLICITY_DAYS - 1)
    steps["发放日期"] = days.after(steps["公示结束日期"], 1, 10)
    archived = days.after(steps["发放日期"], 5, 20)
    if archived <= end:
        steps["归档日期"] = archived
    row["救助金额"] = str(to_yuan(max(_amount(policy, c.category, self_pay), 100_00)))
    return _dated(row, steps)


def _dated(row: dict[str, str], steps: Mapping[str, dt.date]) -> dict[str, str]:
    return row | {k: v.isoformat() for k, v in steps.items()}


def write_ledger(path: Path, rows: Sequence[Mapping[str, str]]) -> Path:
    """The 台账 as a county's clerk saves it from Excel: UTF-8 with BOM, one row per case."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([r[h] for h in HEADER] for r in rows)
    return path
