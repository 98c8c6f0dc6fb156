"""The file of historical cases (历史案件台账): its columns, one row read into a case, and the steps it replays.

A county's 台账 of past applications has one row per case: who applied (身份证号, 姓名), for which 救助类别,
and the day of each step it went through (申请, 受理, 审核, 审批, 公示起止, 发放, 归档), with the amount paid,
or the reason it was refused (不予救助原因, at the last step dated) or withdrawn (撤回日期, 撤回原因). A row
may carry its bills: settlement numbers of the workspace's data (结算单号, looked up by the caller, which has
the data) and/or one bill typed in from paper (费用发生日期, 医疗总费用, 个人自付费用). A row
becomes :class:`HistoryRow` (everything checked, personal data still in clear: the caller seals it) and then
the list of :class:`Replay` steps the workflow takes, in order; the workflow's own :func:`check` is run on
them, so that a row the workflow would refuse is refused here, with its column and reason, before anything
is written. Pure: no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from medaid.cases.model import Application, Bill, Declaration, Person, check_application
from medaid.cases.workflow import Situation, WorkflowError, check
from medaid.dates import WRITTEN, read_date
from medaid.errors import MedaidError
from medaid.ingest.columns import Column, Table, Type
from medaid.ingest.idnumber import mask, mask_name, problem
from medaid.money import MoneyError, to_fen

HISTORY_KIND = "cases"
HISTORY_STEPS = ("accepted_on", "reviewed_on", "approved_on", "publicity_from", "paid_on", "archived_on")
STEP_OF_DATE = {"accepted_on": "accept", "reviewed_on": "review", "approved_on": "approve",
                "publicity_from": "publish", "paid_on": "pay", "archived_on": "archive"}  # fmt: skip
REFUSAL_AT = {"accepted_on": "refuse", "reviewed_on": "fail_review", "approved_on": "deny"}  # the last step dated
SEPARATORS = re.compile(r"[、;；,，\s]+")  # between the settlement numbers of one cell
IMPORT_ROLE = "clerk"  # the steps of a historical case are recorded as the county's 医保经办 took them


def _c(name: str, label: str, type_: Type, required: bool = False, *aliases: str) -> Column:
    return Column(name, label, type_, required, aliases)


HISTORY = Table(
    HISTORY_KIND,
    "历史案件台账",
    (
        _c("reference", "台账编号", Type.TEXT, True, "案件编号", "台账号", "登记编号"),
        _c("id_number", "身份证号", Type.ID, True, "申请人身份证号", "证件号码", "公民身份号码", "身份证号码"),
        _c("name", "姓名", Type.NAME, True, "申请人", "申请人姓名"),
        _c("category", "救助类别", Type.CATEGORY, True, "申请类别", "类别", "人员类别"),
        _c("area", "区划代码", Type.TEXT, False, "区划", "行政区划代码", "行政区划"),
        _c("department", "认定部门", Type.DEPARTMENT, False, "受理部门"),
        _c("warning_id", "预警编号", Type.INT, False),
        _c("income", "家庭年收入", Type.MONEY, False, "家庭收入", "家庭近12个月收入"),
        _c("assets", "家庭金融资产", Type.MONEY, False, "金融资产"),
        _c("applied_on", "申请日期", Type.DATE, True),
        _c("accepted_on", "受理日期", Type.DATE, False),
        _c("reviewed_on", "审核日期", Type.DATE, False),
        _c("approved_on", "审批日期", Type.DATE, False),
        _c("publicity_from", "公示开始日期", Type.DATE, False, "公示起始日期", "公示开始"),
        _c("publicity_until", "公示结束日期", Type.DATE, False, "公示截止日期", "公示结束"),
        _c("paid_on", "发放日期", Type.DATE, False),
        _c("amount", "救助金额", Type.MONEY, False, "发放金额"),
        _c("archived_on", "归档日期", Type.DATE, False),
        _c("refusal", "不予救助原因", Type.TEXT, False, "不予救助理由", "未通过原因"),
        _c("withdrawn_on", "撤回日期", Type.DATE, False),
        _c("withdrawal", "撤回原因", Type.TEXT, False),
        _c("settlements", "结算单号", Type.TEXT, False, "结算编号", "关联结算单号"),
        _c("bill_day", "费用发生日期", Type.DATE, False, "就诊日期", "出院日期"),
        _c("bill_total", "医疗总费用", Type.MONEY, False, "总费用"),
        _c("bill_self_pay", "个人自付费用", Type.MONEY, False, "个人负担费用", "自付金额"),
    ),
    ("reference",),
)
LABELS = {c.name: c.label for c in HISTORY.columns}


class RowError(Exception):
    """A row that cannot be imported: the column to fix (its Chinese label), the value shown, why."""

    def __init__(self, column: str, value: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


@dataclass(frozen=True)
class Replay:
    """One step of a historical case, as the workflow takes it: the action, its day, what it needs."""

    action: str
    day: dt.date
    reason: str | None = None
    publicity_days: int | None = None
    amount_fen: int | None = None


@dataclass(frozen=True)
class HistoryRow:
    row: int
    reference: str
    application: Application  # personal data in clear, until the caller seals it
    warning_id: int | None
    steps: tuple[Replay, ...]
    settlement_ids: tuple[str, ...] = ()  # 结算单号: the caller links them from the data (the applicant's only)

    @property
    def final_state(self) -> str:
        """The state the case ends in once every step is replayed."""
        state = "applied"
        for step in self.steps:
            state = _target(state, step.action)
        return state


def _target(state: str, action: str) -> str:
    from medaid.cases.workflow import MOVES

    return MOVES[action].target or state


def _text(cells: Mapping[str, str | None], name: str) -> str | None:
    value = cells.get(name)
    return None if value is None or not value.strip() else value.strip()


def _date(cells: Mapping[str, str | None], name: str) -> dt.date | None:
    text = _text(cells, name)
    if text is None:
        return None
    day = read_date(text[:10] if len(text) > 10 and text[10] in " T" else text)
    if day is None:
        raise RowError(LABELS[name], text, f"日期“{text}”无法识别或不存在（应写成 {WRITTEN}）")
    return day


def _fen(cells: Mapping[str, str | None], name: str, units: Mapping[str, str]) -> int | None:
    text = _text(cells, name)
    if text is None:
        return None
    if text.startswith("="):
        raise RowError(LABELS[name], text, "单元格是公式，请在 Excel 中复制后“选择性粘贴为数值”再导入")
    try:
        fen = to_fen(text, unit=units.get(name, "元"))
    except MoneyError as err:
        raise RowError(LABELS[name], text, str(err)) from err
    if fen < 0:
        raise RowError(LABELS[name], text, "金额不能为负数")
    return fen


def _person(cells: Mapping[str, str | None], today: dt.date) -> Person:
    number, name = _text(cells, "id_number") or "", _text(cells, "name") or ""
    for column, value in (("id_number", number), ("name", name)):
        if not value:
            raise RowError(LABELS[column], "", f"{LABELS[column]}不能为空")
    found = problem(number, today)
    if found is not None:
        raise RowError(LABELS["id_number"], mask(number), found)
    return Person(number, name)


def read_row(row: int, cells: Mapping[str, str | None], units: Mapping[str, str], today: dt.date) -> HistoryRow:
    """A row of the file as a case and its steps; RowError naming the first thing to fix."""
    reference = _text(cells, "reference")
    if reference is None:
        raise RowError(LABELS["reference"], "", "台账编号不能为空（用来识别同一案件，重复导入不会重复登记）")
    person = _person(cells, today)
    applied = _date(cells, "applied_on")
    if applied is None:
        raise RowError(LABELS["applied_on"], "", "申请日期不能为空")
    warning = _text(cells, "warning_id")
    if warning is not None and not (warning.isdigit() and len(warning) < 10):
        raise RowError(
            LABELS["warning_id"], warning, f"预警编号“{warning}”不是编号（应为 medaid warnings list 列出的数字）"
        )
    declaration = Declaration(_fen(cells, "income", units) or 0, _fen(cells, "assets", units) or 0)
    application = Application(person, _text(cells, "category") or "", applied, declaration,
                              bills=_entered_bill(cells, units, today), area=_text(cells, "area"),
                              department=_text(cells, "department"))  # fmt: skip
    try:
        application = check_application(application)
    except MedaidError as err:
        column = {"救助类别": "category", "认定部门": "department", "区划": "area"}.get(err.where.key or "", "")
        raise RowError(LABELS.get(column, err.where.key or ""), _text(cells, column) or "", err.what) from err
    steps = _steps(cells, applied, units, today)
    settlements = tuple(dict.fromkeys(s for s in SEPARATORS.split(_text(cells, "settlements") or "") if s))
    return HistoryRow(row, reference, application, int(warning) if warning else None, steps, settlements)


def _entered_bill(cells: Mapping[str, str | None], units: Mapping[str, str], today: dt.date) -> tuple[Bill, ...]:
    """The bill typed in from paper, when the row gives one: its day, total and 个人自付, all three."""
    day = _date(cells, "bill_day")
    total, self_pay = _fen(cells, "bill_total", units), _fen(cells, "bill_self_pay", units)
    if day is None and total is None and self_pay is None:
        return ()
    if day is None or total is None or self_pay is None:
        missing = next(
            n for n, v in (("bill_day", day), ("bill_total", total), ("bill_self_pay", self_pay)) if v is None
        )
        raise RowError(LABELS[missing], "", f"按纸质票据录入费用须同时填写费用发生日期、医疗总费用和个人自付费用，"
                       f"本行缺{LABELS[missing]}（数据中已有的结算请填结算单号）")  # fmt: skip
    if day > today:
        raise RowError(LABELS["bill_day"], day.isoformat(), f"费用发生日期 {day.isoformat()} 晚于导入当天"
                       f"（{today.isoformat()}）：请核对票据日期")  # fmt: skip
    if self_pay > total:
        raise RowError(LABELS["bill_self_pay"], _text(cells, "bill_self_pay") or "",
                       "个人自付费用大于医疗总费用：请按票据核对，个人自付不超过医疗总费用")  # fmt: skip
    return (Bill(day, total, self_pay),)


def _dated(cells: Mapping[str, str | None], applied: dt.date, today: dt.date) -> list[tuple[str, dt.date]]:
    """The steps' dates in the workflow's order: no gap, none before the one it follows, none in the future."""
    dated: list[tuple[str, dt.date]] = [("applied_on", applied)]
    gap: str | None = None
    for name in HISTORY_STEPS:
        day = _date(cells, name)
        if day is None:
            gap = gap or name
            continue
        if gap is not None:
            raise RowError(LABELS[name], day.isoformat(),
                           f"填写了{LABELS[name]}，但没有填写{LABELS[gap]}：历史案件须按 申请 → 受理 → 审核 → 审批 → "
                           "公示 → 发放 → 归档 逐步填写，不能跳过")  # fmt: skip
        last_name, last = dated[-1]
        if day < last:
            raise RowError(LABELS[name], day.isoformat(), f"{LABELS[name]} {day.isoformat()} 早于{LABELS[last_name]} "
                           f"{last.isoformat()}：各环节日期须按办理先后顺序，请核对")  # fmt: skip
        dated.append((name, day))
    for name, day in dated:
        if day > today:
            raise RowError(LABELS[name], day.isoformat(), f"{LABELS[name]} {day.isoformat()} 晚于导入当天"
                           f"（{today.isoformat()}）：历史案件的日期不能是将来的日期")  # fmt: skip
    return dated


def _steps(cells: Mapping[str, str | None], applied: dt.date, units: Mapping[str, str],
           today: dt.date) -> tuple[Replay, ...]:  # fmt: skip
    dated = _dated(cells, applied, today)
    names = {name for name, _ in dated}
    until = _date(cells, "publicity_until")
    amount = _fen(cells, "amount", units)
    steps: list[Replay] = []
    for name, day in dated[1:]:
        if name == "publicity_from":
            if until is None:
                raise RowError(LABELS["publicity_until"], "", "填写了公示开始日期，须同时填写公示结束日期")
            if until < day:
                raise RowError(LABELS["publicity_until"], until.isoformat(), "公示结束日期早于公示开始日期")
            steps.append(Replay("publish", day, publicity_days=(until - day).days + 1))
        elif name == "paid_on":
            if amount is None:
                raise RowError(LABELS["amount"], "", "填写了发放日期，须同时填写救助金额（元）")
            steps.append(Replay("pay", day, amount_fen=amount))
        else:
            steps.append(Replay(STEP_OF_DATE[name], day))
    if until is not None and "publicity_from" not in names:
        raise RowError(LABELS["publicity_from"], "", "填写了公示结束日期，须同时填写公示开始日期")
    if amount is not None and "paid_on" not in names:
        raise RowError(LABELS["paid_on"], "", "填写了救助金额，须同时填写发放日期")
    return _ending(cells, dated, steps, today)


def _ending(cells: Mapping[str, str | None], dated: list[tuple[str, dt.date]], steps: list[Replay],
            today: dt.date) -> tuple[Replay, ...]:  # fmt: skip
    """A refusal replaces the last step dated; a withdrawal follows it. Then the workflow checks the whole."""
    refusal, withdrawal = _text(cells, "refusal"), _text(cells, "withdrawal")
    withdrawn = _date(cells, "withdrawn_on")
    last_name, last = dated[-1]
    if refusal is not None:
        if withdrawn is not None:
            raise RowError(LABELS["refusal"], refusal, "同一案件不能既不予救助又撤回申请，请核对")
        action = REFUSAL_AT.get(last_name)
        if action is None:
            where = "只填写了申请日期" if last_name == "applied_on" else f"已填写{LABELS[last_name]}"
            raise RowError(LABELS["refusal"], refusal,
                           f"填写了不予救助原因，但{where}：不予救助的日期填在作出决定的环节（受理日期即不予受理，审核日期即审核不通过，审批日期即审批不通过）；公示后不予救助的案件"
                           "须登记异议，请用 medaid cases step 逐步办理")  # fmt: skip
        steps[-1] = Replay(action, last, reason=refusal)
    if withdrawn is not None or withdrawal is not None:
        if withdrawn is None or withdrawal is None:
            missing = "withdrawn_on" if withdrawn is None else "withdrawal"
            raise RowError(LABELS[missing], "", "撤回申请须同时填写撤回日期和撤回原因")
        if withdrawn < last or withdrawn > today:
            raise RowError(LABELS["withdrawn_on"], withdrawn.isoformat(),
                           f"撤回日期须在{LABELS[last_name]}（{last.isoformat()}）之后、导入当天之前")  # fmt: skip
        steps.append(Replay("withdraw", withdrawn, reason=withdrawal))
    _check_workflow(steps)
    return tuple(steps)


def _check_workflow(steps: list[Replay]) -> None:
    """Run the workflow's own check on every step: what it would refuse is refused now, before anything is written."""
    state, until = "applied", None
    for step in steps:
        try:
            state = check(0, state, step.action, IMPORT_ROLE, step.reason, Situation(0, until), step.day)
        except WorkflowError as err:
            column = "paid_on" if step.action == "pay" else "withdrawn_on" if step.action == "withdraw" else "reference"
            what = err.what.replace("案件 0 当前为", "按台账所填各环节，案件此时为")
            fix = f"（{err.fix}）" if err.fix and step.action == "pay" else ""
            raise RowError(LABELS[column], step.day.isoformat(), f"{what}{fix}") from err
        if step.action == "publish" and step.publicity_days is not None:
            until = step.day + dt.timedelta(days=step.publicity_days - 1)


def shown(name: str, value: str) -> str:
    """A cell as the rejects file may show it: 身份证号 and 姓名 masked."""
    if name == "id_number":
        return mask(value) if value else ""
    if name == "name":
        return mask_name(value)
    return value


@dataclass(frozen=True)
class Recorded:
    """The 审核 of a historical case as the file gives it: decided then, not assessed by medaid from data."""

    reference: str

    def as_dict(self) -> dict[str, object]:
        said = f"历史案件按台账补录（台账编号 {self.reference}）：审核结论以当时的审核为准，未按数据测算"
        return {"eligible": None, "source": "历史台账", "policy": None, "reasons": [said]}
