"""What a case takes from the workspace's data: its bills from settlements (``settlements`` of contract 3), and
its eligibility from them and the region's policy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    import duckdb

    from medaid.cases.eligibility import Eligibility
    from medaid.cases.model import Bill

ENTERED = "手工票据#"  # how a bill entered by hand is named among the settlements an assessment counts

# A linked settlement's 个人自付 as the bill shows it (the export's, else what the funds left to the patient,
# out-of-scope costs included); not the in-scope self-pay eligibility counts (``eligibility.SELF_PAY_SQL``)
SELF_PAY = ("COALESCE(self_paid, total - COALESCE(basic_paid, 0) - COALESCE(critical_paid, 0) - COALESCE(large_paid, 0)"
            " - COALESCE(assistance_paid, 0) - COALESCE(tilted_paid, 0) - COALESCE(other_paid, 0))")  # fmt: skip


def settlement_bills(root: Path, settlement_ids: list[str], people: set[str], *,
                     con: duckdb.DuckDBPyConnection | None = None) -> list[Bill]:  # fmt: skip
    """The bills of these settlements, in the order given; refused when one is not in the data or is not
    the applicant's or a household member's (``people``: their keyed hashes). ``con``: the workspace's store,
    already open (a file of many cases), else opened for this call."""
    from medaid.cases.model import Bill
    from medaid.workspace import Workspace

    wanted = [s.strip() for s in settlement_ids if s.strip()]
    if not wanted:
        raise MedaidError("没有给出结算编号", where=Location(key="结算编号"), fix="请填写一个或多个结算编号")
    if con is None:
        with Workspace.open(root).connect(read_only=True) as own:
            return settlement_bills(root, wanted, people, con=own)
    rows = con.execute(
        f"SELECT settlement_id, person_key, settle_date, total, in_scope, {SELF_PAY}, institution_code "
        "FROM settlements WHERE settlement_id IN (SELECT unnest(?))",
        [wanted],
    ).fetchall()
    found = {str(r[0]): r for r in rows}
    missing = [s for s in wanted if s not in found]
    if missing:
        raise MedaidError(f"数据中没有结算 {'、'.join(missing)}", where=Location(key="结算编号"),
                          fix="请核对结算编号；尚未导入的结算请先导入，或按纸质票据录入")  # fmt: skip
    others = [s for s in wanted if found[s][1] not in people]
    if others:
        raise MedaidError(f"结算 {'、'.join(others)} 不是申请人或其家庭成员的", where=Location(key="结算编号"),
                          fix="只能关联申请人本人及登记的家庭成员的结算；请核对结算编号或先登记家庭成员")  # fmt: skip
    return [Bill(day=found[s][2], total_fen=int(found[s][3]), self_pay_fen=max(int(found[s][5] or 0), 0),
                 in_scope_fen=None if found[s][4] is None else int(found[s][4]), hospital=found[s][6],
                 settlement_id=s) for s in wanted]  # fmt: skip


def assess_case(root: Path, case_id: int, *, actor: str | None = None, role: str = "clerk",
                scope: Scope = EVERYTHING) -> Eligibility:  # fmt: skip
    """审核's eligibility from the data and the region's policy in force on the application day
    (``medaid.cases.eligibility``): the household's settlements in the look-back, plus the bills entered by
    hand (counted as the applicant's, their 政策范围内个人负担 by ``eligibility.bill_self_pay``; one without its
    政策范围内费用 is unknown and named in the reasons), against the policy's thresholds for the category."""
    from medaid.cases.eligibility import SelfPayRow, assess, bill_self_pay, rows_for
    from medaid.policy.params import resolve
    from medaid.services.cases import desk, fetch, who
    from medaid.workspace import Workspace

    me = who(actor, role, scope)
    workspace = Workspace.open(root)
    with desk(root) as d:
        case = fetch(d, case_id, me)
        members = [case.person_key, *(m.person_key for m in case.members)]
        policy = resolve(workspace.settings.policy or "default", case.applied_on)
        category = case.category if case.category in policy.eligibility else None
        with workspace.connect(read_only=True) as con:
            rows = rows_for(con, policy, members, case.applied_on, category)
        entered = [SelfPayRow(f"{ENTERED}{b.id}", case.person_key, b.bill_date,
                              bill_self_pay(b.in_scope_fen, b.total_fen, b.self_pay_fen))
                   for b in case.bills if b.settlement_id is None]  # fmt: skip
        return assess(policy, applied_on=case.applied_on, members=members, income_fen=case.income_fen,
                      rows=[*rows, *entered], category=category)  # fmt: skip
