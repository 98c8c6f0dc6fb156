"""核查: follow-up visits (回访) — plan them (all recipients, a sample, or paid cases), list the plans, record
what each visit found, read a plan's progress and rates, redo a plan's draw."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medaid.cli.base import emit_json, format_option, group, workspace_argument
from medaid.cli.case_common import ACTOR, one_record, parse_at

if TYPE_CHECKING:
    from medaid.services.visits import PlanProgress


@group("visits", section="核查", example="medaid visits plan 工作区 2024年回访 --since 2024-03-01 --until 2024-06-30")
def visits_group() -> None:
    """回访：制定回访计划（全部或抽样），登记回访结果，查看回访率和满意率，复核抽样。

    回访计划和每条回访记录写入审计日志；身份证号和姓名一律脱敏显示。
    """


@visits_group.command("plan", example="medaid visits plan 工作区 2024年抽样回访 --since 2024-03-01 "
                                       "--until 2024-06-30 --sample --margin 0.05 --seed 2024")  # fmt: skip
@workspace_argument()
@click.argument("name", metavar="计划名称")
@click.option("--since", "period_from", required=True, metavar="日期", help="回访期间开始日期，如 2024-03-01")
@click.option("--until", "period_until", required=True, metavar="日期", help="回访期间结束日期，如 2024-06-30")
@click.option("--paid-cases", "paid_cases", is_flag=True,
              help="回访总体为已发放的依申请救助案件（默认：救助对象名册）")  # fmt: skip
@click.option("--as-of", "as_of", default=None, metavar="日期",
              help="名册在册或案件已发放的截止日期（默认：回访期间开始日期）")  # fmt: skip
@click.option("--department", default=None, metavar="部门", help="只回访某一认定部门的对象，如 民政")
@click.option("--category", default=None, metavar="类别", help="只回访某一救助类别的对象，如 低保对象")
@click.option("--area", default=None, metavar="区划", help="只回访区划代码以此开头的对象，如 450222")
@click.option("--sample", is_flag=True, help="抽样回访（默认：全部回访）")
@click.option("--margin", default="0.05", show_default=True, metavar="误差界", help="抽样的误差界，如 0.05 或 5%")
@click.option("--confidence", default="0.95", show_default=True, metavar="置信水平", help="抽样的置信水平")
@click.option("--seed", default=None, metavar="种子", help="抽样种子（不写则随机生成并记入计划）")
@ACTOR
@format_option("text", "json")
def plan_command(directory: Path, name: str, period_from: str, period_until: str, paid_cases: bool,
                 as_of: str | None, department: str | None, category: str | None, area: str | None, sample: bool,
                 margin: str, confidence: str, seed: str | None, actor: str | None, fmt: str) -> None:  # fmt: skip
    """制定回访计划：全部回访，或按误差界和置信水平抽样（样本量与满意度调查同一公式）。

    抽样按种子进行：总体中每人按 SHA-256（种子:身份证号，只在内存中解密）排序，取前 n 人；
    用 medaid visits check 可重做并比对。
    """
    from medaid.services.visit_forms import PlanForm, plan

    form = PlanForm(name, period_from, period_until, "paid_cases" if paid_cases else "recipients", as_of, department,
                    category, area, "sample" if sample else "all", margin, confidence, seed)  # fmt: skip
    made = plan(directory, form, actor=actor)
    if fmt == "json":
        emit_json(made.to_dict())
        return
    how = "全部回访" if made.method == "all" else f"抽样回访（误差界 {made.margin}，置信水平 {made.confidence}）"
    click.echo(f"回访计划 {made.id}：{made.name}，{made.period[0]} 至 {made.period[1]}")
    click.echo(f"  总体：{made.frame_text}，共 {made.frame_size} 人；{how}，计划回访 {made.planned} 人")
    if made.seed:
        click.echo(f"  抽样种子：{made.seed}（复核：medaid visits check {directory} {made.id}）")


@visits_group.command("list", example="medaid visits list 工作区")
@workspace_argument()
@ACTOR
@format_option("text", "json")
def list_command(directory: Path, actor: str | None, fmt: str) -> None:
    """列出回访计划（最新的在前）。"""
    from medaid.services.visits import list_plans

    plans = list_plans(directory, actor=actor)
    if fmt == "json":
        emit_json([p.to_dict() for p in plans])
        return
    click.echo(f"共 {len(plans)} 个回访计划")
    for p in plans:
        how = "全部" if p.method == "all" else "抽样"
        click.echo(f"  {p.id:>4}. {p.name} {p.period[0]} 至 {p.period[1]} {how} 计划 {p.planned} 人"
                   f"（总体 {p.frame_size} 人）{p.planned_by}")  # fmt: skip


@visits_group.command("record", example="medaid visits record 工作区 1 --target 3 --outcome 已回访 "
                                         "--visitor 李四 --satisfaction 满意 --need 护理照料")  # fmt: skip
@workspace_argument()
@click.argument("plan_id", metavar="计划编号", type=click.IntRange(1))
@click.option("--target", "target_id", required=True, type=click.IntRange(1), metavar="对象编号",
              help="回访对象的编号（见 medaid visits progress）")  # fmt: skip
@click.option("--outcome", required=True, metavar="结果", help="已回访、未联系上或拒绝回访（也可写代码）")
@click.option("--visitor", required=True, metavar="回访人", help="回访的工作人员")
@click.option("--on", "visited_on", default=None, metavar="日期", help="回访日期（默认今天）")
@click.option("--mode", default="入户", show_default=True, metavar="方式", help="入户（home）或电话（phone）")
@click.option("--need", "needs", multiple=True, metavar="需求", help="发现的需求，可写多次，如 --need 护理照料")
@click.option("--needs-text", default=None, metavar="说明", help="需求的文字说明")
@click.option("--satisfaction", default=None, metavar="满意度", help="非常满意、满意、一般或不满意；未作答不写")
@click.option("--reason", default=None, metavar="原因", help="未联系上或拒绝回访的原因（须写）")
@click.option("--note", default=None, metavar="备注", help="备注")
@click.option("--at", "at", default=None, metavar="时间", help="登记时间（补录时），如 2024-03-05 或 2024-03-05 09:30")
@ACTOR
@format_option("text", "json")
def record_command(directory: Path, plan_id: int, target_id: int, outcome: str, visitor: str, visited_on: str | None,
                   mode: str, needs: tuple[str, ...], needs_text: str | None, satisfaction: str | None,
                   reason: str | None, note: str | None, at: str | None, actor: str | None,
                   fmt: str) -> None:  # fmt: skip
    """登记一次回访的结果；同一对象可登记多次，以最后一次为准。"""
    from medaid.services.visit_forms import VisitForm, record

    day = visited_on or dt.date.today().isoformat()
    form = VisitForm(outcome, day, visitor, mode, needs, needs_text, satisfaction, reason, note)
    seen = record(directory, plan_id, target_id, form, actor=actor, at=parse_at(at))
    if fmt == "json":
        emit_json(seen.to_dict())
        return
    label = seen.to_dict()["outcome_label"]
    who = f"{seen.id_masked} {seen.name_masked or ''}".strip()
    click.echo(f"回访计划 {plan_id} 对象 {seen.id}（{who}）：{label}，共登记 {len(seen.visits)} 次")


def _rate(label: str, ratio: dict[str, object] | None) -> str:
    if ratio is None:
        return f"{label}：—（本范围内的总体人数未知）"
    value = ratio["value"]
    shown = "—" if value is None else f"{float(str(value)) * 100:.1f}%"
    return f"{label}：{shown}（{ratio['numerator']} ÷ {ratio['denominator']}）"


def _print_progress(progress: PlanProgress) -> None:
    p, counted = progress.plan, progress.tally.as_dict()
    click.echo(f"回访计划 {p.id}：{p.name}，{p.period[0]} 至 {p.period[1]}（{progress.scope}）")
    click.echo(f"  总体：{p.frame_text}，共 {p.frame_size} 人；计划回访 {p.planned} 人")
    outcomes = progress.tally.outcomes
    click.echo(f"  已回访 {outcomes['visited']}，未联系上 {outcomes['unreached']}，拒绝回访 {outcomes['refused']}，"
               f"待回访 {outcomes['pending']}")  # fmt: skip
    rates = (("回访率", counted["visit_rate"]), ("回访覆盖率", counted["coverage"]),
             ("回访满意率", counted["satisfaction_rate"]))  # fmt: skip
    for label, ratio in rates:
        if label == "回访覆盖率" and p.method != "all":
            continue  # a sample visits a share of the frame by design
        click.echo("  " + _rate(label, ratio if isinstance(ratio, dict) else None))
    if progress.satisfaction is not None:
        low, high = progress.satisfaction.low, progress.satisfaction.high
        click.echo(f"  回访满意率 95% 置信区间：{low * 100:.1f}% 至 {high * 100:.1f}%")
    needs = counted["needs"]
    if isinstance(needs, dict) and any(needs.values()):
        click.echo("  发现需求：" + "，".join(f"{k} {n} 人" for k, n in needs.items() if n))
    click.echo("对象：")
    for t in progress.targets:
        shown = t.to_dict()
        click.echo(f"  {t.id:>6}. {t.id_masked} {t.name_masked or ''} {t.area or '—'} {shown['outcome_label']}")


@visits_group.command("progress", example="medaid visits progress 工作区 1")
@one_record("plan_id", "计划编号")
def progress_command(directory: Path, plan_id: int, actor: str | None, fmt: str) -> None:
    """回访进度：各对象的回访结果，回访率、回访覆盖率和回访满意率（附分子、分母），发现的需求。"""
    from medaid.services.visits import plan_progress

    progress = plan_progress(directory, plan_id, actor=actor)
    if fmt == "json":
        emit_json(progress.to_dict())
        return
    _print_progress(progress)


@visits_group.command("check", example="medaid visits check 工作区 1")
@one_record("plan_id", "计划编号")
def check_command(directory: Path, plan_id: int, actor: str | None, fmt: str) -> None:
    """复核抽样：按计划记下的总体条件、日期和种子重做抽样，比对抽出的对象是否相同。"""
    from medaid.cli.base import done
    from medaid.services.visits import check_draw

    checked = check_draw(directory, plan_id, actor=actor)
    if fmt == "json":
        emit_json(checked.to_dict())
    else:
        verdict = "相同" if checked.same else "不同"
        click.echo(f"回访计划 {checked.plan_id}：总体当时 {checked.frame_size_then} 人、"
                   f"现在 {checked.frame_size_now} 人；计划 {checked.planned} 人、重做 {checked.redrawn} 人；"
                   f"抽出的对象{verdict}")  # fmt: skip
        if not checked.same:
            click.echo("  总体或抽样结果与计划不同：该日的名单或案件在制定计划后有变动，请核对")
    done(0 if checked.same else 1)
