"""追溯救助: a person recognised through a case is assisted once for the bills before recognition.

The window is the category's ``eligibility.<类别>.retroactive`` in the policy file in force on the
recognition date (medaid.policy.retro_keys; e.g. 济南: the 12 months before the month of application).

Which bills: the person's settlements dated within the window (and before the recognition date) that
got no medical assistance — 医疗救助支付 and 倾斜救助支付 both zero or empty, so a bill assisted under
any category is never assisted again — and that were not settled retroactively before (``done``, the
settlement ids the caller's record holds: "settled once"). A refund row (冲红, negative amounts) in
the window is selected like any other, so it takes back what its bill got.

How: in date order (then settlement id), each bill goes through the policy engine's one-claim path
(medaid.policy.claim.settle) with the recognised category, under the policy file in force on the
bill's date, across a change of policy file within the year. What the insurance system paid (基本医保,
大病保险 with the employees' 大额补助) is taken as given. The amount of a bill is its 医疗救助 plus 倾斜救助,
in fen; its trace names the policy file, its date and document.

The year-to-date (the yearly 起付标准 and 年度限额 of the category, reset on 1 January) is that of every
bill of the window in the same calendar year before it — the ones paid now and the ones skipped:
- a bill settled retroactively before (``done``) goes through the same settlement as if paid now, and its
  amount is dropped: settling a year's bills in two runs (a settlement imported late, a second case) gives
  what one run gives, and a bill after the 年度限额 was reached gets 0;
- a bill already assisted in the data goes through it with the data's 医疗救助 as paid (taken as given,
  like the insurance layers): its in-scope self-pay counts towards the 起付标准 and the 年度限额 as the
  recognised category's rules count it, and the data's paid amount counts against the 年度限额 — the
  医疗救助 of the year (the data's paid amounts, then the amounts of the bills settled retroactively) never
  exceeds the 医疗救助 年度限额 of the file in force on the bill's date: a bill is cut to what is left. The
  data's 倾斜救助 counts against 倾斜救助's own 年度限额 the same way, the larger of what was paid and what
  these rules pay on the bill. So an assisted bill takes from each limit the larger of what was paid and
  what these rules pay on it.
  A bill both settled before and showing a payment in the data counts once, as settled before.
Bills of the year before the window are not counted (the person was not recognised then).

The window ends where the policy says. With ``anchor: application_month`` (济南: "针对自申请之月前12个月产生的
个人负担费用"; "被认定为因病致贫重病患者的，以作出审核确认决定之日为准") the bills from the first day of the
month of application to the day before recognition are in neither the retroactive window nor the
recognised person's ordinary assistance, and the text does not extend the window to them: they are
listed as skipped with that reason, so the clerk sees them, and are not paid. A region whose text says
"认定之日前" writes ``anchor: recognition``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import duckdb

from medaid.errors import Location, MedaidError
from medaid.money import to_fen, yuan_text
from medaid.policy.claim import Claim, YearToDate, settle
from medaid.policy.model import Assistance, Policy
from medaid.policy.retro_keys import Retroactive, window_of

__all__ = [
    "Bill",
    "RetroBill",
    "RetroResult",
    "RetroactiveError",
    "SettledMeanwhile",
    "bills_of",
    "in_force",
    "settle_bills",
    "window",
]

ASSISTANCE_LAYERS = ("医疗救助", "倾斜救助")
GAP = "申请当月起至认定日前的费用，不在追溯期限内（{rule}），政策未规定对其追溯救助"


class RetroactiveError(MedaidError):
    """Retroactive assistance cannot be computed (no window, no policy in force)."""


class SettledMeanwhile(RetroactiveError):
    """Another clerk settled some of the bills meanwhile: the caller's transaction must roll back."""


@dataclass(frozen=True)
class Bill:
    """One settlement of the person, amounts in fen (the workspace's ``settlements`` row)."""

    settlement_id: str
    settle_date: dt.date
    visit_type: str
    hospital_level: str | None
    total: int
    in_scope: int
    basic_paid: int
    critical_paid: int  # 大病保险 plus the employees' 大额补助
    assistance_paid: int  # 医疗救助 already paid
    referred: bool = True
    tilted_paid: int = 0  # 倾斜救助 already paid

    @property
    def assisted(self) -> int:
        """What the data paid of medical assistance on the bill: 医疗救助 plus 倾斜救助."""
        return self.assistance_paid + self.tilted_paid


@dataclass(frozen=True)
class RetroBill:
    settlement_id: str
    settle_date: dt.date
    assistance: int  # fen
    tilted: int  # fen
    policy_file: str
    policy_from: dt.date
    policy_source: str
    trace: tuple[tuple[str, int, str], ...]  # (layer, fen, formula)

    @property
    def amount(self) -> int:
        return self.assistance + self.tilted

    def to_dict(self) -> dict[str, object]:
        return {"settlement_id": self.settlement_id, "settle_date": self.settle_date.isoformat(),
                "amount_fen": self.amount, "assistance_fen": self.assistance, "tilted_fen": self.tilted,
                "policy": {"file": self.policy_file, "valid_from": self.policy_from.isoformat(),
                           "source": self.policy_source},
                "trace": [{"layer": s, "amount_fen": fen, "formula": text} for s, fen, text in self.trace]}  # fmt: skip


@dataclass
class RetroResult:
    person_key: str
    category: str
    applied_on: dt.date
    recognised_on: dt.date
    start: dt.date
    end: dt.date
    rule: str  # the window in words, with its document
    bills: list[RetroBill] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (settlement id, why not)
    settled_before: dict[str, str] = field(default_factory=dict)  # of those skipped: settled before, when and how

    @property
    def total(self) -> int:
        return sum(b.amount for b in self.bills)

    def to_dict(self) -> dict[str, object]:
        return {"person_key": self.person_key, "category": self.category, "applied_on": self.applied_on.isoformat(),
                "recognised_on": self.recognised_on.isoformat(), "window": [self.start.isoformat(),
                self.end.isoformat()], "rule": self.rule, "total_fen": self.total,
                "bills": [b.to_dict() for b in self.bills],
                "skipped": [{"settlement_id": s, "reason": r} for s, r in self.skipped]}  # fmt: skip


def in_force(policies: Sequence[Policy], on: dt.date) -> Policy:
    """The policy of ``policies`` in force on ``on`` (the latest valid_from not after it)."""
    found = [p for p in policies if p.valid_from <= on]
    if not found:
        files = "、".join(p.file for p in policies) or "（无）"
        raise RetroactiveError(f"{on} 没有生效的政策参数文件（已有：{files}）", where=Location(file=files),
                               fix="请添加 valid_from 不晚于该日期的政策参数文件")  # fmt: skip
    return max(found, key=lambda p: p.valid_from)


def window(policies: Sequence[Policy], category: str, applied_on: dt.date,
           recognised_on: dt.date) -> tuple[Retroactive, dt.date, dt.date]:  # fmt: skip
    """The window of ``category`` in the policy in force on the recognition date, and its first and last day."""
    if recognised_on < applied_on:
        raise RetroactiveError(f"认定日期 {recognised_on} 早于申请日期 {applied_on}", fix="请核对认定日期与申请日期")
    policy = in_force(policies, recognised_on)
    rule = window_of(policy, category)
    if rule is None:
        raise RetroactiveError(
            f"政策文件没有写{category}的追溯救助期限，无法追溯救助",
            where=Location(file=policy.file, key=f"eligibility.{category}.retroactive"),
            fix="请在政策文件 eligibility 下该类别写 retroactive: {months: 12, anchor: application_month, "
            "source: 依据文件及文号}",
        )
    start, end = rule.span(applied_on, recognised_on)
    return rule, start, end


BILLS_SQL = """
SELECT settlement_id, settle_date, visit_type, hospital_level, total, in_scope, coalesce(basic_paid, 0),
       coalesce(critical_paid, 0) + coalesce(large_paid, 0),
       coalesce(assistance_paid, 0), coalesce(referred, true), coalesce(tilted_paid, 0)
FROM settlements WHERE person_key = ? AND settle_date BETWEEN ? AND ?
ORDER BY settle_date, settlement_id
"""


def bills_of(con: duckdb.DuckDBPyConnection, person_key: str, start: dt.date, end: dt.date) -> list[Bill]:
    """The person's settlements from ``start`` to ``end`` (both included), in date order."""
    rows = con.execute(BILLS_SQL, [person_key, start, end]).fetchall()
    return [Bill(str(r[0]), r[1], str(r[2]), r[3], int(r[4]), int(r[5]), int(r[6]), int(r[7]), int(r[8]), bool(r[9]),
                 int(r[10])) for r in rows]  # fmt: skip


def _claim(bill: Bill, category: str, assistance_paid: int | None) -> Claim:
    return Claim(visit_type=bill.visit_type, date=bill.settle_date, total=bill.total, in_scope=bill.in_scope,
                 category=category, hospital_level=bill.hospital_level, referred=bill.referred,
                 basic_paid=bill.basic_paid, critical_paid=bill.critical_paid,
                 assistance_paid=assistance_paid)  # fmt: skip


def settle_bills(
    bills: Sequence[Bill], policies: Sequence[Policy], *, person_key: str, category: str, applied_on: dt.date,
    recognised_on: dt.date, done: Mapping[str, str] | None = None,
) -> RetroResult:  # fmt: skip
    """Select the bills of the window that were neither assisted nor settled retroactively (``done``:
    settlement id → when and how) and settle each, in date order, under the policy of its date. The skipped
    bills of the window go through the same settlement for the year-to-date (see the module's doc)."""
    rule, start, end = window(policies, category, applied_on, recognised_on)
    result = RetroResult(person_key, category, applied_on, recognised_on, start, end, rule.describe())
    done = done or {}
    ytd, year = YearToDate(), None
    paid = tilted_paid = 0  # 医疗救助 and 倾斜救助 of the year so far (the data's or the engine's)
    for bill in sorted(bills, key=lambda b: (b.settle_date, b.settlement_id)):
        if end < bill.settle_date < recognised_on:
            result.skipped.append((bill.settlement_id, GAP.format(rule=rule.describe())))
            continue
        if not start <= bill.settle_date <= end:
            continue
        if bill.settle_date.year != year:  # the yearly 起付标准 and 年度限额 start again each calendar year
            ytd, year, paid, tilted_paid = YearToDate(), bill.settle_date.year, 0, 0
        policy = in_force(policies, bill.settle_date)
        given = bill.assistance_paid if bill.assisted and bill.settlement_id not in done else None
        settled, ytd = settle(policy, _claim(bill, category, given), ytd)
        if bill.settlement_id in done or given is not None:  # counted in the year-to-date, not paid again
            paid += settled.assistance
            tilted_paid += settled.tilted if given is None else max(settled.tilted, bill.tilted_paid)
            if bill.settlement_id in done:
                result.settled_before[bill.settlement_id] = done[bill.settlement_id]
            why = (f"已追溯救助：{done[bill.settlement_id]}" if bill.settlement_id in done else
                   f"已获医疗救助（医疗救助及倾斜救助支付 {yuan_text(bill.assisted)}），不再追溯")  # fmt: skip
            result.skipped.append((bill.settlement_id, why))
            continue
        steps = tuple((s.layer, s.amount, s.formula) for s in settled.trace if s.layer in ASSISTANCE_LAYERS)
        assistance, tilted = settled.assistance, settled.tilted
        limit = _limit(policy.assistance, category)
        if limit is not None and assistance > max(limit - paid, 0):  # the data paid more than these rules would
            assistance = max(limit - paid, 0)
            steps += (("医疗救助", assistance, f"本年已支付医疗救助 {yuan_text(paid)}（含数据中已支付的），"
                       f"年度限额 {yuan_text(limit)} 余 {yuan_text(assistance)}"),)  # fmt: skip
        paid += assistance
        limit = _limit(policy.tilted, category)
        if limit is not None and tilted > max(limit - tilted_paid, 0):  # the data's 倾斜救助 counts likewise
            tilted = max(limit - tilted_paid, 0)
            steps += (("倾斜救助", tilted, f"本年已支付倾斜救助 {yuan_text(tilted_paid)}（含数据中已支付的），"
                       f"年度限额 {yuan_text(limit)} 余 {yuan_text(tilted)}"),)  # fmt: skip
        tilted_paid += tilted
        if category not in policy.assistance:
            steps += (("医疗救助", 0, f"{policy.valid_from} 起适用的政策文件没有{category}的医疗救助参数，不予救助"),)
        result.bills.append(RetroBill(bill.settlement_id, bill.settle_date, assistance, tilted,
                                      policy.file, policy.valid_from, policy.source, steps))  # fmt: skip
    return result


def _limit(layers: Mapping[str, Assistance], category: str) -> int | None:
    """The category's 年度限额 of a layer (``policy.assistance`` or ``policy.tilted``) in fen (None: none, or no
    such layer)."""
    layer = layers.get(category)
    return None if layer is None or layer.annual_limit is None else to_fen(layer.annual_limit)
