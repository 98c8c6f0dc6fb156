"""核查 with the policy engine: calc, subsidy, settle, simulate; 准备: policy list|show."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import command, emit_json, format_option, group, progress, year_option
from medaid.money import yuan_text
from medaid.services.policy import LAYER_LABELS


@command("calc", section="核查", example="medaid calc --policy default --claim 结算.yaml")
@click.option("--policy", required=True, help="政策参数文件，或内置地区名（见 medaid policy list）")
@click.option("--claim", "claim_file", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="一次结算（YAML）：category、visit_type、hospital_level、date、total、in_scope 等")  # fmt: skip
@format_option("text", "json")
def calc_command(policy: str, claim_file: Path, fmt: str) -> None:
    """计算器：一次结算经基本医保、大病保险、医疗救助、倾斜救助后的金额，附每步公式和参数。"""
    from medaid.services.policy import calc

    result = calc(policy, claim_file)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    p, settled = result.policy, result.result
    click.echo(f"政策：{p.region}（{p.valid_from} 起）{p.source}")
    for step in settled.trace:
        click.echo(f"  {step.layer}：{yuan_text(step.amount)} — {step.formula}")
    click.echo(f"  政策范围内个人自付：{yuan_text(settled.out_of_pocket_in_scope)}；"
               f"个人负担合计：{yuan_text(settled.out_of_pocket_total)}")  # fmt: skip


@command("subsidy", section="核查", example="medaid subsidy --policy default --recipients 救助对象.csv --year 2023")
@click.option("--policy", required=True, help="政策参数文件，或内置地区名")
@click.option("--recipients", "recipients_file", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path), help="救助对象名单（契约 3）")  # fmt: skip
@click.option("--year", type=click.IntRange(1990, 2100), required=True, help="资助参保年度")
@format_option("text", "json")
def subsidy_command(policy: str, recipients_file: Path, year: int, fmt: str) -> None:
    """资助参保测算：名单中当年在册的人按最高类别计一次，按政策的比例或定额计算资助金额。"""
    from medaid.services.policy import subsidy

    result = subsidy(policy, recipients_file, year)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    total = result.total
    click.echo(f"{year} 年资助参保测算（{result.policy.region}）：合计 {total.total:,.2f} 元")
    for category, entry in total.by_category.items():
        click.echo(f"  {category}：{entry['people']} 人，{entry['amount']:,.2f} 元")
    for category, people in total.not_covered.items():
        click.echo(f"  {category}：{people} 人（本政策不资助）")
    if result.rejected_rows:
        click.echo(f"  名单中 {result.rejected_rows} 行不合格，未计入（用 medaid import 可查看原因）")


@group("policy", section="准备", example="medaid policy show 柳城 --date 2023-06-30")
def policy_group() -> None:
    """内置政策参数：按地区、生效日期列出或显示。"""


@policy_group.command("list", example="medaid policy list")
@format_option("text", "json")
def policy_list(fmt: str) -> None:
    """列出内置地区及其参数文件。"""
    from medaid.services.policy import list_policies

    found = list_policies()
    if fmt == "json":
        emit_json([e.to_dict() for e in found])
        return
    for e in found:
        click.echo(f"  {e.region_dir:<14} {e.policy.valid_from} 起  {e.policy.region}  {e.policy.source[:60]}")


@policy_group.command("show", example="medaid policy show default --date 2023-06-30")
@click.argument("name", metavar="地区或文件")
@click.option("--date", "on", default=None, help="日期（默认今天），选出当日生效的文件，如 2023-06-30")
def policy_show(name: str, on: str | None) -> None:
    """显示一个地区（或文件）的参数原文。"""
    from medaid.services.policy import show_policy

    click.echo(show_policy(name, on).text)


@command("settle", section="核查", example="medaid settle 工作区 --out 应补应退明细.xlsx")
@click.argument("target", metavar="工作区或结算文件", type=click.Path(exists=True, path_type=Path))
@click.option("--policy", default=None, help="政策参数文件或内置地区（默认取工作区设置或全国模板）")
@year_option()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="逐笔结果：文件模式为 CSV，工作区模式为应补应退明细 xlsx")  # fmt: skip
@format_option("text", "json")
def settle_command(target: Path, policy: str | None, year: int | None, out: Path | None, fmt: str) -> None:
    """按政策批量结算。目标为工作区时重算全年并与实际支付比较（救助标准执行率、应补、应退）；
    为结算明细文件（可含“救助类别”列）时逐笔计算各层金额。"""
    from medaid.services.policy import settle_file, settle_workspace

    if target.is_dir():
        with progress() as bars:
            checked = settle_workspace(target, policy=policy, year=year, out=out, progress=bars)
        if fmt == "json":
            emit_json(checked.to_dict())
            return
        s = checked.standards
        rate = "—" if s.rate is None else f"{s.rate:.2f}%"
        click.echo(f"{s.year} 年按{checked.policies[-1].region}政策重算：核对 {s.checked} 笔，"
                   f"符合标准 {s.compliant} 笔，救助标准执行率 {rate}")  # fmt: skip
        click.echo(f"  超标准支付 {s.over_standard} 笔，应退 {yuan_text(s.refund_due)}；"
                   f"少付 {s.under_standard} 笔，应补 {yuan_text(s.top_up_due)}")  # fmt: skip
        if out is not None:
            click.echo(f"应补应退明细见 {out}")
        return
    with progress() as bars:
        batch = settle_file(target, policy=policy, year=year, out=out, progress=bars)
    if fmt == "json":
        emit_json(batch.to_dict())
        return
    click.echo(f"按{batch.policy.region}政策结算 {len(batch.rows)} 笔（不合格 {batch.rejected_rows} 行未计入）：")
    for key, value in batch.totals.items():
        click.echo(f"  {LAYER_LABELS[key]}：{yuan_text(value)}")
    for note in batch.notes:
        click.echo(f"注意：{note}")
    if out is not None:
        click.echo(f"逐笔结果见 {out}")


@command("simulate", section="核查", example="medaid simulate 工作区 --override 提高低保比例.yaml")
@click.argument("directory", metavar="工作区", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--override", "override_file", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="要改变的参数（契约 4 的部分内容），如 assistance: {低保对象: {ratio: 0.8}}")  # fmt: skip
@click.option("--policy", default=None, help="基准政策（默认取工作区设置，再默认全国模板）")
@year_option()
@format_option("text", "json")
def simulate_command(directory: Path, override_file: Path, policy: str | None, year: int | None, fmt: str) -> None:
    """政策测算（What-if）：改变参数后重跑一年，比较各层支出、各类别救助、受影响人数和基金可支撑月数。"""
    from medaid.services.policy import simulate

    with progress() as bars:
        result = simulate(directory, override_file, policy=policy, year=year, progress=bars)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    s = result.simulation
    click.echo(f"{s.year} 年政策测算（{override_file.name}）：")
    for layer, before, after, change in s.layer_rows():
        click.echo(f"  {LAYER_LABELS[layer]}：{_change(before, after, change)}")
    for category, before, after, change in s.category_rows():
        click.echo(f"  {category} 救助：{_change(before, after, change)}")
    click.echo(f"  受影响人数：{s.people_affected} 人；基金可支撑月数：{s.months_before} → {s.months_after}")


def _change(before: int, after: int, change: int) -> str:
    sign = "+" if change >= 0 else "−"
    moved = f"{sign}{yuan_text(abs(change), unit=False)}"
    return f"{yuan_text(before, unit=False)} → {yuan_text(after, unit=False)} 元（{moved}）"
