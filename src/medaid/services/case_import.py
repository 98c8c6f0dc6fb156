"""Import historical cases (依申请救助) from a county's 台账: a CSV or a workbook, one row per case.

The file is read as every import reads it (``ingest.read.stage``: encodings, workbooks, a header below title
rows, total rows skipped); each row is checked (``cases.history_file``: 身份证号 check digit, dates in the
order of the steps, amounts, the workflow's own rules) and then recorded as a live case is: the application
and every step through ``cases.ledger``, with the day of the step as its time (``at``), so its history and
its audit trail are those of a case taken step by step. Each row is written in its own transaction: all its
steps or none. A bad row goes to ``rejects/`` (文件, 行号, 列, 值, 原因: 身份证号 and 姓名 masked) and never
stops the good ones. A row's 结算单号 are linked as the application service links them
(``services.case_data.settlement_bills``: in the data, the applicant's), with the amounts of the data; a bill
typed in is recorded as entered. A case already imported (same applicant, application day and 救助类别) is not recorded
twice: importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import MedaidError
from medaid.progress import SILENT, Progress
from medaid.services.cases import Actor, who
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    import duckdb
    from sqlalchemy.orm import Session

    from medaid.cases.history_file import HistoryRow
    from medaid.cases.model import Bill, Sealed
    from medaid.store.crypto import KeyRing

REJECT_HEADERS = ("文件", "行号", "列", "值", "原因")  # as every import's rejects file
LINK_FIX = ("结算单号须是本行申请人本人的、已导入工作区数据的结算，请核对；数据中没有的票据请删去该结算单号，"
            "改填费用发生日期、医疗总费用和个人自付费用，按纸质票据录入")  # fmt: skip


@dataclass
class CaseImport:
    """What an import of historical cases did."""

    file: str
    rows_read: int = 0
    imported: list[int] = field(default_factory=list)  # new case numbers, in the file's order
    unchanged: int = 0  # rows already imported before (same applicant, application day and category)
    rejected: int = 0
    rejects_file: Path | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "rows_read": self.rows_read, "imported": len(self.imported),
                "case_ids": self.imported, "unchanged": self.unchanged, "rejected": self.rejected,
                "rejects_file": None if self.rejects_file is None else str(self.rejects_file),
                "notes": self.notes}  # fmt: skip


@dataclass(frozen=True)
class _Reject:
    row: int
    column: str
    value: str
    reason: str


def _midnight(day: dt.date) -> dt.datetime:
    """A historical step is known by its day only."""
    return dt.datetime.combine(day, dt.time())


def _rows(path: Path, sheet: str | None, notes: list[str],
          units: dict[str, str]) -> Iterator[tuple[int, dict[str, str | None]] | _Reject]:  # fmt: skip
    """The file's rows as (row number, column → cell text), and the rows the reader itself refused; ``units``
    gets the unit an amount's header gives (“救助金额（万元）”)."""
    from medaid.cases.history_file import HISTORY
    from medaid.ingest.read import stage
    from medaid.store import engine, scratch

    with scratch.detached() as folder, engine.connect(temp_directory=folder / "duckdb") as con:
        staged = stage(con, path, HISTORY, scratch=folder, sheet=sheet, notes=notes)
        units.update(staged.units)
        known = set(staged.columns.values())
        ignored = [h for i, h in enumerate(staged.headers) if i not in known and str(h).strip()]
        if ignored:
            notes.append(
                f"未识别的列未导入：{'、'.join(map(str, ignored))}（可识别的列见 docs/cases.md“历史案件台账”）"
            )
        names = list(staged.columns)
        listed = ", ".join(f'"{n}"' for n in names)
        for row, *cells in con.execute(f"SELECT __row, {listed} FROM {staged.table} ORDER BY __row").fetchall():
            yield int(row), {n: None if c is None else str(c) for n, c in zip(names, cells, strict=True)}
        if staged.rejected:
            refused = con.execute(
                f"SELECT __row, err_col, err_value, err_reason FROM {staged.table}_rejects"
            ).fetchall()
            for row, column, value, reason in refused:
                yield _Reject(int(row), str(column or ""), str(value or ""), str(reason))


def _write_rejects(path: Path, file: str, rejects: list[_Reject]) -> None:
    from medaid.celltext import spreadsheet_safe

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REJECT_HEADERS)
        for r in sorted(rejects, key=lambda r: r.row):  # never let a spreadsheet run a cell
            writer.writerow((spreadsheet_safe(file), r.row, r.column, spreadsheet_safe(r.value), r.reason))


Known = dict[tuple[str, dt.date, str], tuple[int, str]]  # (person key, application day, category) → (case, state)


def _known(root: Path, workspace: str) -> Known:
    """The cases already in the workspace, by what identifies a historical case, read once."""
    from sqlalchemy import select

    from medaid.store.app import session_for
    from medaid.store.cases import Case
    from medaid.store.warnings_store import adopt

    wanted = select(Case.person_key, Case.applied_on, Case.category, Case.id, Case.state)
    with session_for(root) as session:
        adopt(session, root, workspace)  # the unassigned warnings of the workspace's own file (decision 0024)
        rows = session.execute(wanted.where(Case.workspace == workspace)).all()
    return {(str(k), d, str(c)): (int(i), str(s)) for k, d, c, i, s in rows}


def _already(h: HistoryRow, case_id: int, state: str) -> None:
    """A case imported before: nothing to do when it is where the row says; RowError when it has moved on or
    the row has (an imported case is never rewritten)."""
    from medaid.cases.history_file import LABELS, RowError
    from medaid.vocab import CASE_STATES

    if state != h.final_state:
        raise RowError(LABELS["reference"], h.reference,
                       f"该案件已导入（案件 {case_id}，当前为“{CASE_STATES[state]}”），与本行的办理进度"
                       f"（“{CASE_STATES[h.final_state]}”）不同；已导入的案件不会被改写，后续环节请用 "
                       f"medaid cases step 工作区 {case_id} 操作 --at 日期 补录")  # fmt: skip


def _check_warning(session: Session, h: HistoryRow, applicant: Sealed, workspace: str) -> None:
    """The row's 预警编号 must be a warning of the workspace and of the applicant (same keyed hash); RowError
    naming the column (another workspace's warning is answered as a missing one)."""
    from medaid.cases.history_file import LABELS, RowError
    from medaid.store.warnings_store import find

    if h.warning_id is None:
        return
    warning, number = find(session, h.warning_id, workspace), str(h.warning_id)
    if warning is None:
        raise RowError(LABELS["warning_id"], number,
                       f"没有编号为 {number} 的高额费用预警（用 medaid warnings list 工作区 查看）")  # fmt: skip
    if warning.person_key != applicant.person_key:
        raise RowError(LABELS["warning_id"], number,
                       f"申请人（{applicant.id_masked}）不是预警 {number} 的对象（{warning.id_masked}）")  # fmt: skip


def _linked(root: Path, person_key: str, h: HistoryRow, con: duckdb.DuckDBPyConnection) -> tuple[Bill, ...]:
    """The bills of the row's 结算单号, from the data as the application service takes them: each must be in the
    workspace's data and the applicant's; RowError naming the column otherwise."""
    from medaid.cases.history_file import LABELS, RowError
    from medaid.services.case_data import settlement_bills

    if not h.settlement_ids:
        return ()
    try:
        return tuple(settlement_bills(root, list(h.settlement_ids), {person_key}, con=con))
    except MedaidError as err:
        raise RowError(LABELS["settlements"], "、".join(h.settlement_ids), f"{err.what}：{LINK_FIX}") from err


def _record(session: Session, ring: KeyRing, workspace: str, h: HistoryRow, me: Actor, file: str,
            linked: tuple[Bill, ...] = ()) -> int | None:  # fmt: skip
    """Record one historical case and its steps in ``session``, with the bills ``linked`` from the data; None
    when it was imported before."""
    from dataclasses import replace

    from sqlalchemy import select

    from medaid.cases.history_file import Recorded
    from medaid.cases.ledger import act, open_case
    from medaid.cases.model import Payment, seal
    from medaid.store.cases import Case

    app = h.application
    sealed = seal(ring, app.applicant, where="申请人")
    before = session.scalars(select(Case).where(Case.workspace == workspace, Case.person_key == sealed.person_key,
                                                Case.applied_on == app.applied_on,
                                                Case.category == app.category)).first()  # fmt: skip
    if before is not None:
        _already(h, before.id, before.state)
        return None
    _check_warning(session, h, sealed, workspace)
    note = f"历史台账补录：{file} 第 {h.row} 行，台账编号 {h.reference}"
    app = replace(app, bills=(*linked, *app.bills))
    case = open_case(session, ring, app, workspace=workspace, actor=me.name, role=me.role, applicant=sealed,
                     warning_id=h.warning_id, at=_midnight(app.applied_on))  # fmt: skip
    for step in h.steps:
        payment = None
        if step.amount_fen is not None:
            trace: dict[str, object] = {"source": "历史台账", "file": file, "row": h.row, "reference": h.reference}
            payment = Payment(step.amount_fen, trace, step.day)
        act(session, case, step.action, actor=me.name, role=me.role, today=step.day, reason=step.reason, note=note,
            assessment=Recorded(h.reference) if step.action == "review" else None,
            publicity_days=step.publicity_days or 7, payment=payment, at=_midnight(step.day))  # fmt: skip
    return case.id


def _check_file(rows: list[HistoryRow]) -> tuple[list[HistoryRow], list[_Reject]]:
    """Repeats inside the file: a 台账编号, or the same applicant, day and category, counts once (the first)."""
    from medaid.ingest.idnumber import normalize

    seen_ref: dict[str, int] = {}
    seen_case: dict[tuple[str, dt.date, str], int] = {}
    kept: list[HistoryRow] = []
    out: list[_Reject] = []
    for h in rows:
        app = h.application
        natural = (normalize(app.applicant.id_number), app.applied_on, app.category)
        if h.reference in seen_ref:
            out.append(_Reject(h.row, "台账编号", h.reference, f"与第 {seen_ref[h.reference]} 行重复（台账编号相同）"))
        elif natural in seen_case:
            first = seen_case[natural]
            said = f"与第 {first} 行是同一案件（申请人、申请日期和救助类别相同），请删去重复的行"
            out.append(_Reject(h.row, "身份证号", "", said))
        else:
            seen_ref[h.reference], seen_case[natural] = h.row, h.row
            kept.append(h)
    return kept, out


def import_cases(root: Path, path: Path, *, sheet: str | None = None, actor: str | None = None, role: str = "clerk",
                 scope: Scope = EVERYTHING, progress: Progress = SILENT,
                 today: dt.date | None = None) -> CaseImport:  # fmt: skip
    """Import the historical cases of ``path`` into the workspace at ``root`` (see the module's doc)."""
    from medaid.cases.history_file import LABELS, RowError, read_row, shown
    from medaid.errors import Forbidden, Location
    from medaid.ingest.idnumber import normalize
    from medaid.services.common import workspace_key
    from medaid.store.app import session_for
    from medaid.workspace import Workspace

    me = who(actor, role, scope)
    if me.role != "clerk" or me.scope.limited:
        raise Forbidden("只有县级医保经办账户可以导入历史案件", where=Location(key="--role"),
                        fix="历史案件要补录受理以后的各环节，这些环节由不限区划和部门的医保经办办理")  # fmt: skip
    workspace = Workspace.open(root)
    key, ring, day = workspace_key(workspace), workspace.key(), today or dt.date.today()
    result = CaseImport(path.name)
    rejects: list[_Reject] = []
    read: list[HistoryRow] = []
    units: dict[str, str] = {}
    with progress.task(f"读取 {path.name}", total=None):
        for item in _rows(path, sheet, result.notes, units):
            if isinstance(item, _Reject):
                rejects.append(item)
                continue
            row, cells = item
            try:
                read.append(read_row(row, cells, units, day))
            except RowError as err:
                column = next((n for n, label in LABELS.items() if label == err.column), "")
                rejects.append(_Reject(row, err.column, shown(column, err.value), err.reason))
    result.rows_read = len(read) + len(rejects)
    kept, repeated = _check_file(read)
    rejects += repeated
    known = _known(root, key)
    with progress.task("登记历史案件", total=len(kept)) as task, workspace.connect(read_only=True) as con:
        for h in kept:
            task.advance()
            app = h.application
            person_key = ring.person_key(normalize(app.applicant.id_number))
            before = known.get((person_key, app.applied_on, app.category))
            try:
                if before is not None:  # the common case of a re-import: no transaction at all
                    _already(h, *before)
                    made = None
                else:
                    linked = _linked(root, person_key, h, con)
                    with session_for(root) as session:
                        made = _record(session, ring, key, h, me, path.name, linked)
            except RowError as err:
                rejects.append(_Reject(h.row, err.column, err.value, err.reason))
            except MedaidError as err:
                rejects.append(
                    _Reject(h.row, err.where.key or "", "", err.what + (f"（{err.fix}）" if err.fix else ""))
                )
            else:
                if made is None:
                    result.unchanged += 1
                else:
                    result.imported.append(made)
    result.rejected = len(rejects)
    if rejects:
        stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
        result.rejects_file = workspace.rejects_dir / f"cases-{stamp}-{path.stem}.csv"
        _write_rejects(result.rejects_file, path.name, rejects)
    return result
