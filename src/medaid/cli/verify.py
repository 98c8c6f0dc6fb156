"""``medaid verify``: the monthly verification ledger (核查台账)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medaid.cli.options import help_option
from medaid.workspace import Workspace

if TYPE_CHECKING:
    from medaid.analytics.runs import Run


def _yuan(fen: int) -> str:
    return f"{Decimal(fen) / 100:,.2f}"


def _revealed(workspace: Workspace, run: Run, account: str, target: Path) -> dict[str, tuple[str, str | None]]:
    """Authorise and log the unmasked export first; then decrypt the ledger's people."""
    from medaid.store.accounts import authorize_reveal
    from medaid.store.app import session_for
    from medaid.store.identities import reveal

    keys = {r.person_key for r in run.rows if r.person_key}
    with session_for(workspace.root) as session:
        authorize_reveal(
            session, account, f"核查台账未脱敏导出（{run.month} 第 {run.run_id} 次）", str(target), len(keys)
        )
    with workspace.connect(read_only=True) as con:
        return reveal(con, workspace.key(), keys)


@click.command("verify")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--month", required=True, help="核查月份，如 2023-07")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "xlsx"]), default="text", show_default=True,
              help="输出格式")  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="xlsx 输出文件")
@click.option("--run", "run_id", type=int, default=None, help="重新输出已保存的第 N 次核查（不重新计算）")
@click.option("--policy", "policy_file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="政策参数文件（默认用内置全国模板）")  # fmt: skip
@click.option("--unmasked", is_flag=True, help="xlsx 中显示完整身份证号和姓名（须 --as 有权限的账户，并记入访问日志）")
@click.option("--as", "account", default=None, help="导出未脱敏台账的账户（管理员或核查员）")
def verify_command(directory: Path, month: str, fmt: str, out: Path | None, run_id: int | None,
                   policy_file: Path | None, unmasked: bool, account: str | None) -> None:  # fmt: skip
    """核查某月结算与救助对象名单：应享未享、多享（非救助对象、资格生效前、终止后、死亡后、超年度限额）、重复结算。

    每次核查连同输入指纹保存在工作区，可用 --run 原样重新输出。
    """
    from medaid.analytics.runs import load_run, verify
    from medaid.analytics.verification import REASONS, Month
    from medaid.policy.params import default_policy, load_policy

    if unmasked and (fmt != "xlsx" or not account):
        raise click.UsageError("--unmasked 只用于 --format xlsx，且须用 --as 指明有权限的账户")
    workspace = Workspace.open(directory)
    try:
        period = Month.parse(month)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--month") from err
    with workspace.connect() as con:
        if run_id is not None:
            run = load_run(con, run_id)
        else:
            policy = load_policy(policy_file) if policy_file else default_policy(period.last)
            run = verify(con, period, policy)
    if fmt == "json":
        data = {
            "run_id": run.run_id,
            "month": run.month,
            "fingerprint": run.fingerprint,
            "inputs": run.inputs,
            "settlements": run.settlements,
            "counts": run.counts,
            "findings": [r.to_dict() for r in run.rows],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if fmt == "xlsx":
        from medaid.reports.ledger_xlsx import write_ledger

        target = out or workspace.ledgers_dir / f"核查台账-{run.month}-第{run.run_id}次.xlsx"
        identities = None
        if unmasked and account:
            identities = _revealed(workspace, run, account, target)
        write_ledger(run, target, region=workspace.settings.region, identities=identities)
        click.echo(f"核查台账已写入 {target}" + ("（未脱敏，已记入访问日志）" if identities is not None else ""))
        return
    click.echo(f"{run.month} 核查（第 {run.run_id} 次）：当月结算 {run.settlements} 笔，发现 {len(run.rows)} 笔")
    if run.same_as:
        click.echo(f"  输入与第 {run.same_as} 次核查相同，结果一致")
    for code, count in run.counts.items():
        if count:
            click.echo(f"  {REASONS[code]}：{count} 笔")
    for r in run.rows[:50]:
        click.echo(
            f"  {r.seq:>4}. {r.settlement_id} {r.id_masked} {r.name_masked or ''} {r.settle_date} "
            f"{REASONS[r.reason]} {_yuan(r.amount)}元 — {r.detail}"
        )
    if len(run.rows) > 50:
        click.echo(f"  ……其余 {len(run.rows) - 50} 笔见 --format xlsx 输出的台账")
