"""追溯救助 of a case's applicant: once the case is approved (认定), the bills of the policy's window before it,
computed (preview) or settled once and recorded (``services.retroactive``). The applicant's keyed hash never
leaves the service: faces get the case number, the masked identity and the amounts.

Settling is the county's: a 医保经办 account limited to no area or department (the rule of
``services.case_import``'s import of historical cases, and of the workflow, where limited accounts take only
受理). A case already paid or archived is refused: its 发放 is its settlement (the engine's, or the clerk's
amount, which records the same bills), and a later 追溯 of the person goes through a new case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from medaid.errors import Location, MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope

RECOGNISED = frozenset({"approved", "publicised", "paid", "archived"})  # 审批通过 and after: the person is recognised
SETTLERS = frozenset({"clerk"})  # only a 医保经办 pays, and only one limited to no area or department
PAID = frozenset({"paid", "archived"})  # 发放 settled the case's bills (by the engine, or by hand: recorded too)


class NotRecognised(MedaidError):
    """The case is not approved yet: its applicant is not recognised, nothing is retroactive."""


class NothingToSettle(MedaidError):
    """A settlement that found no bill to pay: each was settled before, assisted in the data, or there is none."""


@dataclass(frozen=True)
class CaseRetro:
    """What retroactive assistance a case's applicant gets: the window, each bill with its amount and trace."""

    case_id: int
    id_masked: str
    name_masked: str
    category: str
    applied_on: dt.date
    recognised_on: dt.date
    window: tuple[dt.date, dt.date]
    rule: str
    total_fen: int
    bills: tuple[dict[str, object], ...]
    skipped: tuple[dict[str, object], ...]
    settled: bool  # recorded now (False: a preview)
    settled_before: tuple[dict[str, object], ...] = ()  # of the skipped: settled retroactively before, when and how
    can_settle: bool = False  # the account may settle what is due now (a county clerk, a case not paid yet)

    def to_dict(self) -> dict[str, object]:
        return {"case_id": self.case_id, "id_masked": self.id_masked, "name_masked": self.name_masked,
                "category": self.category, "applied_on": self.applied_on.isoformat(),
                "recognised_on": self.recognised_on.isoformat(), "window": [d.isoformat() for d in self.window],
                "rule": self.rule, "total_fen": self.total_fen, "bills": list(self.bills),
                "skipped": list(self.skipped), "settled": self.settled,
                "settled_before": list(self.settled_before), "can_settle": self.can_settle}  # fmt: skip


def case_retroactive(root: Path, case_id: int, *, settle: bool = False, policy: str | None = None,
                     actor: str | None = None, role: str = "clerk",
                     scope: Scope = EVERYTHING) -> CaseRetro:  # fmt: skip
    """The 追溯救助 of case ``case_id``'s applicant: a preview, or (``settle``) settled once and recorded."""
    from medaid.roles import role_label
    from medaid.services.case_payment import recognised_on as payment_recognised_on
    from medaid.services.cases import desk, fetch, who
    from medaid.services.retroactive import retroactive_due, settle_retroactive
    from medaid.store.accounts import AccessDenied
    from medaid.vocab import CASE_STATES

    me = who(actor, role, scope)
    if settle and (me.role not in SETTLERS or me.scope.limited):
        who_ = f"{role_label(me.role)}账户" + ("（限定区划或部门）" if me.scope.limited else "")
        raise AccessDenied(f"{who_}不能办理追溯救助", where=Location(key="追溯救助"),
                           fix="追溯救助由不限区划和部门的医保经办办理；本账户可查看测算（不记录）")  # fmt: skip
    with desk(root) as d:
        case = fetch(d, case_id, me)
        if case.state not in RECOGNISED:
            raise NotRecognised(f"案件 {case_id} 尚未审批通过（{CASE_STATES[case.state]}），申请人未经认定",
                              where=Location(key="案件编号"),
                              fix="追溯救助在审批通过（认定）后计算；请先办完审核、审批")  # fmt: skip
        if settle and case.state in PAID:
            raise MedaidError(f"案件 {case_id}（{CASE_STATES[case.state]}）已在发放时结算追溯救助，不能再次办理",
                              where=Location(key="案件编号"),
                              fix="可查看测算（不办理、不记录）；同一人新的费用请新建案件"
                                  "（已结算的票据自动跳过）")  # fmt: skip
        recognised_on = payment_recognised_on(case)
        person, category, applied_on = case.person_key, case.category, case.applied_on
        shown = (case.id_masked, case.name_masked)
        paid = case.state in PAID
    if settle:
        result = settle_retroactive(root, person, category=category, applied_on=applied_on,
                                    recognised_on=recognised_on, actor=me.name, case_id=case_id,
                                    policy=policy)  # fmt: skip
    else:
        result = retroactive_due(root, person, category=category, applied_on=applied_on,
                                 recognised_on=recognised_on, policy=policy)  # fmt: skip
    if settle and not result.bills:  # nothing recorded: say why rather than answer "settled, 0 元"
        first = sorted(result.skipped, key=lambda s: s[0] not in result.settled_before)[:1]
        why = "".join(f"（结算 {sid}：{reason}）" for sid, reason in first)
        raise NothingToSettle(f"案件 {case_id} 没有可办理的追溯救助，本次未记录{why}", where=Location(key="案件编号"),
                              fix="每笔结算只追溯一次：追溯期间内的费用已追溯救助、已获医疗救助，或没有费用；"
                                  "测算结果列出已追溯的结算和未计入的原因")  # fmt: skip
    before: tuple[dict[str, object], ...] = tuple(
        {"settlement_id": sid, "how": how} for sid, how in result.settled_before.items()
    )
    may = me.role in SETTLERS and not me.scope.limited and not paid and not settle and bool(result.bills)
    return CaseRetro(case_id, shown[0], shown[1], category, applied_on, recognised_on, (result.start, result.end),
                     result.rule, result.total, tuple(b.to_dict() for b in result.bills),
                     tuple({"settlement_id": s, "reason": r} for s, r in result.skipped), settle, before,
                     may)  # fmt: skip
