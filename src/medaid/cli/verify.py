"""核查: the monthly verification ledger (核查台账)."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import command, done, emit_json, format_option, progress, workspace_argument
from medaid.money import yuan_text

SHOWN = 50  # ledger lines printed in the terminal; the workbook has them all


@command("verify", section="核查", example="medaid verify 工作区 --month 2023-07 --format xlsx")
@workspace_argument()
@click.option("--month", required=True, help="核查月份，如 2023-07")
@format_option("text", "json", "xlsx")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="xlsx 输出文件")
@click.option(
    "--run", "run_id", type=click.IntRange(min=1), default=None, help="重新输出已保存的第 N 次核查（不重新计算）"
)
@click.option("--policy", default=None, help="政策参数文件或内置地区（默认取工作区设置，再默认全国模板）")
@click.option("--unmasked", is_flag=True, help="xlsx 中显示完整身份证号和姓名（须 --as 有权限的账户，并记入访问日志）")
@click.option("--as", "account", default=None, help="导出未脱敏台账的账户（管理员或核查员）")
def verify_command(directory: Path, month: str, fmt: str, out: Path | None, run_id: int | None,
                   policy: str | None, unmasked: bool, account: str | None) -> None:  # fmt: skip
    """核查某月结算与救助对象名单：应享未享、多享（非救助对象、资格生效前、终止后、死亡后、超年度限额）、重复结算。

    每次核查连同输入指纹保存在工作区，可用 --run 原样重新输出。发现问题时退出码为 1。
    """
    from medaid.errors import Location, MedaidError
    from medaid.services.verification import export_ledger, verify_month
    from medaid.vocab import REASONS

    if unmasked and fmt != "xlsx":
        raise MedaidError("--unmasked 只用于 --format xlsx", where=Location(key="--unmasked"),
                          fix="请加 --format xlsx，并用 --as 指明有权限的账户")  # fmt: skip
    with progress() as bars:
        if fmt == "xlsx":
            export = export_ledger(directory, month, out=out, run_id=run_id, policy=policy, unmasked=unmasked,
                                   account=account, progress=bars)  # fmt: skip
            click.echo(f"核查台账已写入 {export.path}" + ("（未脱敏，已记入访问日志）" if export.unmasked else ""))
            done(export.exit_code)
            return
        checked = verify_month(directory, month, policy=policy, run_id=run_id, progress=bars)
    if fmt == "json":
        emit_json(checked.to_dict())
        done(checked.exit_code)
        return
    run = checked.run
    click.echo(f"{run.month} 核查（第 {run.run_id} 次）：当月结算 {run.settlements} 笔，发现 {len(run.rows)} 笔")
    if run.same_as:
        click.echo(f"  输入与第 {run.same_as} 次核查相同，结果一致")
    for code, count in run.counts.items():
        if count:
            click.echo(f"  {REASONS[code]}：{count} 笔")
    for r in run.rows[:SHOWN]:
        click.echo(f"  {r.seq:>4}. {r.settlement_id} {r.id_masked} {r.name_masked or ''} {r.settle_date} "
                   f"{REASONS[r.reason]} {yuan_text(r.amount)} — {r.detail}")  # fmt: skip
    if len(run.rows) > SHOWN:
        click.echo(f"  ……其余 {len(run.rows) - SHOWN} 笔见 --format xlsx 输出的台账")
    done(checked.exit_code)
