"""发放's amount (依申请救助, issue 15): computed by the policy engine, or entered by hand and compared with it.

The engine's amount is the case's 追溯救助 (``services.retroactive``, one settlement path, recorded once in the
audit trail): the applicant's settlements of the workspace dated in the category's window before
recognition (the day of 审批, 以作出确认决定之日为准), each settled under the policy file in force on its
date. "Still due" is exactly what that path pays: a bill that already got medical assistance (医疗救助 or
倾斜救助 paid in the data) or that was settled retroactively before is skipped with its reason and counts
0; so a case whose bills were all assisted is paid 0. The case's linked settlements are each told in the
trace (paid, skipped and why, or outside the window). Bills entered by hand carry no insurance payments,
which the engine needs: a case with such bills is refused without an amount (the clerk enters one).

An amount given by the clerk (historical cases, manual) is kept as given; the trace says so, with the
engine's figure and the difference when the engine can compute one. The bills the engine would have paid are
recorded as settled by that payment all the same (audit entry 追溯救助 with ``method: by_hand``, in the payment's
transaction): the safer of the two choices, since a later engine payment or ``cases retro --settle`` (another
case of the person, a re-import) then counts them in the year-to-date and never pays them again, whereas only
refusing a later settle of the same case would leave the person's other cases open to paying them twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.money import yuan_text

if TYPE_CHECKING:
    from medaid.cases.retroactive import RetroResult
    from medaid.services.cases import Desk
    from medaid.store.cases import Case

ENGINE = "政策引擎计算"
BY_HAND = "经办人手工填写"


def recognised_on(case: Case) -> dt.date:
    """The day of recognition: the last 审批通过 of the case."""
    approved = [e.at.date() for e in case.events if e.action == "approve"]
    if not approved:
        raise MedaidError(f"案件 {case.id} 没有审批记录，无法确定认定日期", where=Location(key="案件编号"),
                          fix="请先完成审批，再发放")  # fmt: skip
    return approved[-1]


def _linked(case: Case, result: RetroResult | None) -> list[dict[str, object]]:
    """Each settlement linked to the case, and what the engine did with it."""
    paid = {} if result is None else {b.settlement_id: b.amount for b in result.bills}
    skipped = {} if result is None else dict(result.skipped)
    out: list[dict[str, object]] = []
    for bill in case.bills:
        sid = bill.settlement_id
        if sid is None:
            continue
        if sid in paid:
            status = f"计入：{yuan_text(paid[sid])}"
        elif sid in skipped:
            status = f"未计入：{skipped[sid]}"
        else:
            status = "未计入：不是申请人本人在追溯期限内、认定日前的结算"
        out.append({"settlement_id": sid, "amount_fen": paid.get(sid, 0), "status": status})
    return out


def _entered(case: Case) -> list[dict[str, object]]:
    return [{"bill_id": b.id, "date": b.bill_date.isoformat(), "self_pay_fen": b.self_pay_fen}
            for b in case.bills if b.settlement_id is None]  # fmt: skip


def _engine_trace(case: Case, recognised: dt.date, result: RetroResult) -> dict[str, object]:
    found = result.to_dict()
    found.pop("person_key", None)  # the keyed hash is in the audit trail's entry, not repeated here
    return {"category": case.category, "applied_on": case.applied_on.isoformat(),
            "recognised_on": recognised.isoformat(), "window": found["window"], "rule": found["rule"],
            "amount_fen": result.total, "bills": found["bills"], "skipped": found["skipped"],
            "linked": _linked(case, result), "entered_bills": _entered(case)}  # fmt: skip


def engine_amount(d: Desk, case: Case, actor: str) -> tuple[int, dict[str, object]]:
    """The amount the policy engine computes, settled once (recorded in ``d``'s session, so it commits with the
    payment), and its trace."""
    from medaid.cases.retroactive import RetroactiveError
    from medaid.services.retroactive import settle_retroactive

    entered = _entered(case)
    if entered:
        raise MedaidError(f"案件 {case.id} 有 {len(entered)} 张手工录入的票据，政策引擎无法计算其救助金额"
                          "（手工票据没有基本医保、大病保险等支付信息）", where=Location(key="救助金额"),
                          fix="请按政策计算后填写救助金额（元）并写明计算依据；或改为关联数据中的结算编号")  # fmt: skip
    recognised = recognised_on(case)
    try:
        result = settle_retroactive(d.root, case.person_key, category=case.category, applied_on=case.applied_on,
                                    recognised_on=recognised, actor=actor, case_id=case.id,
                                    session=d.session)  # fmt: skip
    except RetroactiveError as err:  # no window for the category, no policy in force on a bill's day
        also = "由经办人填写救助金额（元）并写明计算依据"
        fix = f"{err.fix}；或{also}" if err.fix else f"请{also}"
        raise RetroactiveError(f"发放金额无法由政策引擎计算：{err.what}", where=err.where, fix=fix) from err
    return result.total, {"method": ENGINE, **_engine_trace(case, recognised, result)}


def hand_trace(d: Desk, case: Case, actor: str, amount_fen: int, given: dict[str, object]) -> dict[str, object]:
    """The trace of an amount entered by hand: who entered it, what they wrote, and the engine's figure with the
    difference — or why the engine has none. The bills the engine would pay are recorded as settled by this
    payment (in ``d``'s session, with it), so no later payment or ``cases retro --settle`` pays them again."""
    from medaid.cases.retroactive import SettledMeanwhile
    from medaid.services.retroactive import settle_retroactive

    trace: dict[str, object] = {"method": BY_HAND, "entered_by": actor, "amount_fen": amount_fen, "given": given,
                                "entered_bills": _entered(case)}  # fmt: skip
    try:
        recognised = recognised_on(case)
        result = settle_retroactive(d.root, case.person_key, category=case.category, applied_on=case.applied_on,
                                    recognised_on=recognised, actor=actor, case_id=case.id, session=d.session,
                                    by_hand=amount_fen)  # fmt: skip
    except SettledMeanwhile:
        raise  # recorded by another clerk meanwhile: the payment rolls back
    except MedaidError as err:  # nothing computed, nothing recorded
        trace.update(engine_fen=None, difference_fen=None, engine_note=f"政策引擎无法计算：{err.what}")
        return trace
    difference = amount_fen - result.total
    note = "与政策引擎计算一致" if difference == 0 else (
        f"手工金额比政策引擎计算的 {yuan_text(result.total)}{'多' if difference > 0 else '少'} "
        f"{yuan_text(abs(difference))}")  # fmt: skip
    if trace["entered_bills"]:
        note += f"（政策引擎未计入手工录入的 {len(case.bills) - len(_linked(case, None))} 张票据）"
    trace.update(engine_fen=result.total, difference_fen=difference, engine_note=note,
                 engine=_engine_trace(case, recognised, result))  # fmt: skip
    return trace
