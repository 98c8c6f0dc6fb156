"""核查: cases of 依申请救助 — import a county's 台账 of past cases, list them, show one and its history,
take a step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medaid.cli.base import emit_json, format_option, group, progress, workspace_argument
from medaid.cli.case_common import ACTOR, one_record, parse_at
from medaid.money import yuan_text
from medaid.vocab import CASE_ACTIONS, CASE_STATES

if TYPE_CHECKING:
    from medaid.services.case_list import CaseList

STATES_HELP = "，".join(f"{code} {label}" for code, label in CASE_STATES.items())
STEP_ACTIONS = {code: label for code, label in CASE_ACTIONS.items() if code != "open"}


@group("cases", section="核查", example="medaid cases list 工作区 --state publicised")
def cases_group() -> None:
    """依申请救助案件：导入历史案件台账，查看案件及其办理记录，办理各环节。

    办理环节为 申请 → 受理 → 审核 → 审批 → 公示 → 发放 → 归档；每一步记下办理人和时间，并写入审计日志。
    身份证号和姓名一律脱敏显示。
    """


@cases_group.command("import", example="medaid cases import 工作区 历史案件台账.xlsx")
@workspace_argument()
@click.argument("file", metavar="文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", metavar="工作表", help="读取 Excel 文件的这个工作表（默认：第一个表头相符的工作表）")
@ACTOR
@format_option("text", "json")
def import_command(directory: Path, file: Path, sheet: str | None, actor: str | None, fmt: str) -> None:
    """导入历史案件台账（CSV、XLSX 或 ODS），每行一件案件。

    每件案件按台账中的日期逐步登记（申请、受理、审核、审批、公示、发放、归档，或不予救助、撤回），
    办理记录和审计日志与逐步办理的案件相同。合格的行逐件登记，每件要么全部登记、要么都不登记；
    不合格的行写入 rejects/ 下的文件（行号、列、值、原因）。同一案件（申请人、申请日期、救助类别相同）
    重复导入不会重复登记。各列见 docs/cases.md“历史案件台账”。
    """
    from medaid.services.case_import import import_cases

    with progress() as bars:
        result = import_cases(directory, file, sheet=sheet, actor=actor, progress=bars)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    click.echo(
        f"{result.file}（历史案件台账）：读取 {result.rows_read} 行，新登记 {len(result.imported)} 件，"
        f"此前已导入 {result.unchanged} 件，不合格 {result.rejected} 行"
    )
    if result.imported:
        first, last = result.imported[0], result.imported[-1]
        click.echo(f"  案件编号 {first}" + (f" 至 {last}" if last != first else ""))
    if result.rejects_file:
        click.echo(f"  不合格的行见 {result.rejects_file}")
    for note in result.notes:
        click.echo(f"  注意：{note}")


@cases_group.command("list", example="medaid cases list 工作区 --state 公示中 --area 450222")
@workspace_argument()
@click.option("--state", default=None, metavar="状态", help=f"只列出某一状态（代码或中文）：{STATES_HELP}")
@click.option("--category", default=None, metavar="类别", help="只列出某一救助类别，如 因病致贫重病患者")
@click.option("--area", default=None, metavar="区划", help="只列出区划代码以此开头的案件，如 450222")
@click.option("--query", default=None, metavar="内容", help="案件编号，或脱敏身份证号的一部分（如 1234）")
@click.option("--limit", type=click.IntRange(0), default=500, show_default=True, help="最多列出的件数")
@ACTOR
@format_option("text", "json")
def list_command(directory: Path, state: str | None, category: str | None, area: str | None, query: str | None,
                 limit: int, actor: str | None, fmt: str) -> None:  # fmt: skip
    """列出案件（最新的在前）及各状态的件数，身份脱敏。"""
    from medaid.services.case_list import list_cases

    found = list_cases(directory, state=state, category=category, area=area, query=query, actor=actor, limit=limit)
    if fmt == "json":
        emit_json(found.to_dict())
        return
    _print_list(found)


def _print_list(found: CaseList) -> None:
    click.echo(f"共 {found.count} 件" + (f"（列出 {len(found.cases)} 件）" if len(found.cases) < found.count else ""))
    for c in found.cases:
        paid = f" 发放{yuan_text(c.amount_fen)}（{c.paid_on}）" if c.amount_fen is not None else ""
        warned = f" 预警{c.warning_id}" if c.warning_id is not None else ""
        click.echo(f"  {c.id:>6}. {c.id_masked} {c.name_masked} {c.category} {c.area or '—'} "
                   f"申请{c.applied_on} {CASE_STATES[c.state]}{paid}{warned}")  # fmt: skip
    counted = "，".join(f"{CASE_STATES[s]} {n}" for s, n in found.states.items() if n)
    if counted:
        click.echo(f"各状态：{counted}")


@cases_group.command("show", example="medaid cases show 工作区 7")
@one_record("case_id", "案件编号")
def show_command(directory: Path, case_id: int, actor: str | None, fmt: str) -> None:
    """显示一件案件及其办理记录：谁在何时做了什么、理由和备注（身份脱敏）。"""
    from medaid.services.cases import case_history, get_case

    case = get_case(directory, case_id, actor=actor)
    history = case_history(directory, case_id, actor=actor)
    if fmt == "json":
        emit_json(case.to_dict() | {"history": [e.to_dict() for e in history]})
        return
    click.echo(f"案件 {case.id}：{case.id_masked} {case.name_masked}，{case.category}，{CASE_STATES[case.state]}")
    click.echo(f"  区划 {case.area or '—'}，认定部门 {case.department or '—'}，申请日期 {case.applied_on}，"
               f"家庭 {case.household} 人，申报年收入 {yuan_text(case.income_fen)}")  # fmt: skip
    if case.warning_id is not None:
        click.echo(f"  由高额费用预警 {case.warning_id} 发起")
    if case.publicity:
        click.echo(f"  公示期 {case.publicity[0]} 至 {case.publicity[1]}")
    if case.amount_fen is not None:
        click.echo(f"  发放 {yuan_text(case.amount_fen)}，发放日期 {case.paid_on}")
    click.echo("办理记录：")
    for e in history:
        said = "".join(f"；{what}：{text}" for what, text in (("理由", e.reason), ("备注", e.note)) if text)
        click.echo(f"  {_shown_time(e.at)} {CASE_ACTIONS[e.action]} → {CASE_STATES[e.to_state]}"
                   f"（{e.actor}）{said}")  # fmt: skip


def _shown_time(at: dt.datetime) -> str:
    """A step's time; a step recorded afterwards with its day only (a historical case) shows the day."""
    return f"{at:%Y-%m-%d}" if at.time() == dt.time() else f"{at:%Y-%m-%d %H:%M}"


def _fen(amount: str) -> int:
    from medaid.money import MoneyError, to_fen

    try:
        return to_fen(amount)
    except MoneyError as err:
        raise click.BadParameter(f"{err}", param_hint="'--amount'") from err


@cases_group.command("step", example="medaid cases step 工作区 7 refuse --reason 家庭人均收入超过低保标准的2倍")
@workspace_argument()
@click.argument("case_id", metavar="案件编号", type=click.IntRange(1))
@click.argument("action", metavar="操作")
@click.option("--reason", default=None, metavar="理由", help="理由：不予救助、撤回、异议及其处理须写明")
@click.option("--note", default=None, metavar="备注", help="备注，记入办理记录")
@click.option(
    "--at", "at", default=None, metavar="时间", help="实际办理时间（补录时），如 2024-03-05 或 2024-03-05 09:30"
)
@click.option("--days", type=click.IntRange(1), default=None, help="公示天数（默认 7 天）")
@click.option("--amount", default=None, metavar="金额", help="发放的救助金额（元），如 5230.50")
@ACTOR
@format_option("text", "json")
def step_command(directory: Path, case_id: int, action: str, reason: str | None, note: str | None, at: str | None,
                 days: int | None, amount: str | None, actor: str | None, fmt: str) -> None:  # fmt: skip
    """办理一个环节。操作写代码或中文：{actions}。

    审核通过时按数据和政策文件测算救助资格；测算为不符合条件而审核通过的，须写 --reason。
    发放不写 --amount 时由政策引擎计算救助金额（追溯救助）；写 --amount 时按所写金额发放，
    并记下与政策引擎计算结果的差额。发放在公示期满、异议处理完毕后办理。
    """
    from medaid.services import case_steps

    code = next((c for c, label in STEP_ACTIONS.items() if action.strip() in (c, label)), action.strip())
    when = parse_at(at)
    if code == "review":
        event = case_steps.review_case(directory, case_id, reason=reason, note=note, actor=actor, at=when)
    else:
        fen = None if amount is None else _fen(amount)
        trace: dict[str, object] | None = None if fen is None else {"source": "命令行录入", "amount": amount}
        event = case_steps.take(directory, case_id, code, actor=actor, reason=reason, note=note, publicity_days=days,
                                amount_fen=fen, trace=trace, at=when)  # fmt: skip
    if fmt == "json":
        emit_json(event.to_dict())
        return
    click.echo(f"案件 {event.case_id}：{CASE_ACTIONS[event.action]} → {CASE_STATES[event.to_state]}"
               f"（{event.actor}，{_shown_time(event.at)}）")  # fmt: skip


step_command.help = (step_command.help or "").replace(
    "{actions}", "、".join(f"{c}（{label}）" for c, label in STEP_ACTIONS.items())
)


@cases_group.command("retro", example="medaid cases retro 工作区 7 --settle")
@workspace_argument()
@click.argument("case_id", metavar="案件编号", type=click.IntRange(1))
@click.option("--settle", is_flag=True, help="办理并记录追溯救助（默认只测算，不记录）")
@click.option(
    "--policy", default=None, metavar="政策", help="政策参数文件、各日期政策文件的文件夹或内置地区（默认取工作区设置）"
)
@ACTOR
@format_option("text", "json")
def retro_command(directory: Path, case_id: int, settle: bool, policy: str | None, actor: str | None,
                  fmt: str) -> None:  # fmt: skip
    """追溯救助：案件审批通过（认定）后，对认定前政策规定期限内未获医疗救助的费用，按费用发生日的政策测算。

    加 --settle 则办理并写入审计日志（每笔结算只追溯一次，已追溯的自动跳过），须为不限区划和部门的医保经办；
    已发放或已归档的案件在发放时已结算，不能再办理。已追溯或已获医疗救助的结算仍计入当年的起付标准和年度限额。
    """
    from medaid.services.case_retro import case_retroactive

    result = case_retroactive(directory, case_id, settle=settle, policy=policy, actor=actor)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    done = "已办理追溯救助" if settle else "追溯救助测算（未记录）"
    click.echo(f"案件 {result.case_id}：{result.id_masked} {result.name_masked}，{result.category}，{done}")
    click.echo(f"  申请日期 {result.applied_on}，认定日期 {result.recognised_on}；追溯期间 {result.window[0]} 至 "
               f"{result.window[1]}（{result.rule}）")  # fmt: skip
    for bill in result.bills:
        policy_of = bill["policy"]
        file = policy_of.get("file") if isinstance(policy_of, dict) else None
        click.echo(f"  结算 {bill['settlement_id']}（{bill['settle_date']}）：{yuan_text(int(str(bill['amount_fen'])))}"
                   f"，政策文件 {file}")  # fmt: skip
    for skipped in result.skipped:
        click.echo(f"  跳过 {skipped['settlement_id']}：{skipped['reason']}")
    click.echo(f"合计 {yuan_text(result.total_fen)}，共 {len(result.bills)} 笔")
