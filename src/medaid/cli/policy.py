"""``medaid calc``, ``medaid subsidy`` and ``medaid policy list|show``."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import click
import yaml

from medaid.cli.options import format_option, help_option
from medaid.errors import InputFileError, Location
from medaid.policy.model import Policy


def resolve_policy(name: str, on: dt.date) -> Policy:
    from medaid.policy.params import resolve

    return resolve(name, on)


def _fen(value: object, key: str, file: str) -> int:
    try:
        number = Decimal(str(value))
    except ArithmeticError as err:
        raise InputFileError(f"{key} 应为金额", where=Location(file=file, key=key), fix="请写元为单位的数字") from err
    return int((number * 100).to_integral_value())


@click.command("calc")
@help_option
@click.option("--policy", "policy_name", required=True, help="政策参数文件，或内置地区名（如 default）")
@click.option("--claim", "claim_file", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="一次结算（YAML）：category、visit_type、hospital_level、date、total、in_scope 等")  # fmt: skip
@format_option("text", "json")
def calc_command(policy_name: str, claim_file: Path, fmt: str) -> None:
    """计算器：一次结算经基本医保、大病保险、医疗救助、倾斜救助后的金额，附每步公式和参数。"""
    from medaid.policy.claim import Claim, YearToDate, settle

    file = str(claim_file)
    raw = yaml.safe_load(claim_file.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise InputFileError("结算文件内容不是键值对", where=Location(file=file), fix="见 DESIGN 契约 4 的示例")
    for key in ("visit_type", "total", "in_scope"):
        if key not in raw:
            raise InputFileError(
                f"缺少 {key}", where=Location(file=file, key=key), fix="见 docs/policy.md 的结算文件写法"
            )
    date = raw.get("date") or dt.date.today()
    if not isinstance(date, dt.date):
        raise InputFileError("date 应写成 2023-06-01", where=Location(file=file, key="date"), fix="请改正日期")
    given = {k: _fen(raw[k], k, file) for k in ("basic_paid", "critical_paid", "assistance_paid") if k in raw}
    claim = Claim(
        visit_type=str(raw["visit_type"]),
        date=date,
        total=_fen(raw["total"], "total", file),
        in_scope=_fen(raw["in_scope"], "in_scope", file),
        category=str(raw["category"]) if raw.get("category") else None,
        hospital_level=str(raw["hospital_level"]) if raw.get("hospital_level") else None,
        referred=bool(raw.get("referred", True)),
        **given,
    )
    ytd_spec = raw.get("year_to_date") or {}
    ytd = YearToDate(
        critical_base=_fen(ytd_spec.get("critical_base", 0), "year_to_date.critical_base", file),
        assistance_base=_fen(ytd_spec.get("assistance_base", 0), "year_to_date.assistance_base", file),
        tilted_base=_fen(ytd_spec.get("tilted_base", 0), "year_to_date.tilted_base", file),
    )
    policy = resolve_policy(policy_name, date)
    result, _ = settle(policy, claim, ytd)
    data = result.to_dict()
    data["policy"] = {"region": policy.region, "valid_from": policy.valid_from.isoformat(), "source": policy.source}
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"政策：{policy.region}（{policy.valid_from} 起）{policy.source}")
    for step in result.trace:
        click.echo(f"  {step.layer}：{step.amount / 100:,.2f} 元 — {step.formula}")
    in_scope, total = result.out_of_pocket_in_scope / 100, result.out_of_pocket_total / 100
    click.echo(f"  政策范围内个人自付：{in_scope:,.2f} 元；个人负担合计：{total:,.2f} 元")


@click.command("subsidy")
@help_option
@click.option("--policy", "policy_name", required=True, help="政策参数文件，或内置地区名")
@click.option("--recipients", "recipients_file", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path), help="救助对象名单（契约 3）")  # fmt: skip
@click.option("--year", type=int, required=True, help="资助参保年度")
@format_option("text", "json")
def subsidy_command(policy_name: str, recipients_file: Path, year: int, fmt: str) -> None:
    """资助参保测算：名单中当年在册的人按最高类别计一次，按政策的比例或定额计算资助金额。"""
    import duckdb

    from medaid.ingest.columns import TABLES
    from medaid.ingest.read import stage
    from medaid.ingest.validate import validate
    from medaid.policy.subsidy import subsidies

    policy = resolve_policy(policy_name, dt.date(year, 1, 1))
    with duckdb.connect() as con:
        staged = stage(con, recipients_file, TABLES["recipients"])
        validate(con, TABLES["recipients"], staged.table, staged.columns)
        rows = con.execute(
            "SELECT id_number, list(DISTINCT category) FROM checked WHERE err_reason IS NULL "
            "AND valid_from <= ? AND coalesce(valid_to, DATE '9999-12-31') >= ? GROUP BY id_number",
            [dt.date(year, 12, 31), dt.date(year, 1, 1)],
        ).fetchall()
        rejected = con.execute("SELECT count(*) FROM checked WHERE err_reason IS NOT NULL").fetchall()[0][0]
    total = subsidies(policy, {str(i): list(c) for i, c in rows})
    data = total.to_dict()
    data["rejected_rows"] = rejected
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{year} 年资助参保测算（{policy.region}）：合计 {total.total:,.2f} 元")
    for category, entry in total.by_category.items():
        click.echo(f"  {category}：{entry['people']} 人，{Decimal(entry['amount']):,.2f} 元")
    for category, people in total.not_covered.items():
        click.echo(f"  {category}：{people} 人（本政策不资助）")
    if rejected:
        click.echo(f"  名单中 {rejected} 行不合格，未计入（用 medaid import 可查看原因）")


@click.group("policy")
@help_option
def policy_group() -> None:
    """内置政策参数：按地区、生效日期列出或显示。"""


@policy_group.command("list")
@help_option
def policy_list() -> None:
    """列出内置地区及其参数文件。"""
    from medaid.policy.params import load_policy, regions

    for region, files in regions().items():
        for path in files:
            policy = load_policy(path)
            click.echo(f"  {region:<14} {policy.valid_from} 起  {policy.region}  {policy.source[:60]}")


@policy_group.command("show")
@help_option
@click.argument("name")
@click.option("--date", "on", default=None, help="日期（默认今天），选出当日生效的文件")
def policy_show(name: str, on: str | None) -> None:
    """显示一个地区（或文件）的参数原文。"""
    date = dt.date.fromisoformat(on) if on else dt.date.today()
    policy = resolve_policy(name, date)
    click.echo(Path(policy.file).read_text(encoding="utf-8"))


def _workspace_policy(workspace: object, name: str | None, year: int) -> list[Policy]:
    """The policies in force during the year (a mid-year change gives two), latest last."""
    from medaid.policy.params import resolve_year
    from medaid.workspace import Workspace

    assert isinstance(workspace, Workspace)
    return resolve_year(name or workspace.settings.policy or "default", year)


@click.command("settle")
@help_option
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.option("--policy", "policy_name", default=None, help="政策参数文件或内置地区（默认取工作区设置或全国模板）")
@click.option("--year", type=int, default=None, help="年度（默认取工作区设置）")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="逐笔结果：文件模式为 CSV，工作区模式为应补应退明细 xlsx")  # fmt: skip
@format_option("text", "json")
def settle_command(target: Path, policy_name: str | None, year: int | None, out: Path | None, fmt: str) -> None:
    """按政策批量结算。TARGET 为工作区时重算全年并与实际支付比较（救助标准执行率、应补、应退）；
    为结算明细文件（可含“救助类别”列）时逐笔计算各层金额。"""
    if target.is_dir():
        _settle_workspace(target, policy_name, year, out, fmt)
    else:
        _settle_file(target, policy_name, year, out, fmt)


def _settle_workspace(directory: Path, policy_name: str | None, year: int | None, out: Path | None, fmt: str) -> None:
    from medaid.analytics.standards import standards
    from medaid.workspace import Workspace

    workspace = Workspace.open(directory)
    chosen_year = year or workspace.settings.year or dt.date.today().year
    policies = _workspace_policy(workspace, policy_name, chosen_year)
    policy = policies[-1]
    with workspace.connect(read_only=True) as con:
        summary, differences = standards(con, policies, chosen_year)
        masked = dict(con.execute("SELECT person_key, id_masked FROM persons").fetchall()) if out else {}
    if out is not None:
        from medaid.reports.standards_xlsx import write_standards

        rows = differences.to_pylist()
        basis = "；".join(f"{p.region} {p.valid_from} 起（{p.source}）" for p in policies)
        title = f"{workspace.settings.region}{chosen_year}年医疗救助应补应退明细"
        write_standards(rows, masked, out, title=title, basis=basis)
    if fmt == "json":
        data = {
            **summary.to_dict(),
            "policy": policy.region,
            "valid_from": [p.valid_from.isoformat() for p in policies],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rate = "—" if summary.rate is None else f"{summary.rate:.2f}%"
    click.echo(f"{chosen_year} 年按{policy.region}政策重算：核对 {summary.checked} 笔，"
               f"符合标准 {summary.compliant} 笔，救助标准执行率 {rate}")  # fmt: skip
    click.echo(f"  超标准支付 {summary.over_standard} 笔，应退 {summary.refund_due / 100:,.2f} 元；"
               f"少付 {summary.under_standard} 笔，应补 {summary.top_up_due / 100:,.2f} 元")  # fmt: skip
    if out is not None:
        click.echo(f"应补应退明细见 {out}")


def _settle_file(path: Path, policy_name: str | None, year: int | None, out: Path | None, fmt: str) -> None:
    import csv

    import duckdb
    import ibis

    from medaid.ingest.columns import TABLES
    from medaid.ingest.read import stage
    from medaid.ingest.validate import validate
    from medaid.policy.batch import settle_batch

    layers = ("basic", "critical", "assistance", "tilted", "supplementary", "out_of_pocket_total")
    with duckdb.connect() as con:
        staged = stage(con, path, TABLES["settlements"])
        validate(con, TABLES["settlements"], staged.table, staged.columns)
        con.execute(
            "CREATE TABLE claims AS SELECT settlement_id, id_number AS person_key, settle_date, visit_type, "
            "CAST(hospital_level AS VARCHAR) AS hospital_level, CAST(category AS VARCHAR) AS category, total, "
            "in_scope, coalesce(CAST(referred AS BOOLEAN), true) AS referred FROM checked WHERE err_reason IS NULL"
        )
        rejected = con.execute("SELECT count(*) FROM checked WHERE err_reason IS NOT NULL").fetchall()[0][0]
        first = con.execute("SELECT min(settle_date) FROM claims").fetchall()[0][0]
        on = dt.date(year, 12, 31) if year else (first or dt.date.today())
        policy = resolve_policy(policy_name or "default", on)
        backend = ibis.duckdb.from_connection(con)
        rows = settle_batch(backend.table("claims"), policy).to_pyarrow().to_pylist()
    totals = {k: sum(r[k] for r in rows) for k in layers}
    if out is not None:
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            header = ["结算编号", "结算日期", "就诊类型", "救助类别", "基本医保", "大病保险", "医疗救助", "倾斜救助"]
            writer.writerow([*header, "补充保险", "个人负担"])
            for r in rows:
                writer.writerow([r["settlement_id"], r["settle_date"], r["visit_type"], r["category"] or "",
                                 *(f"{r[k] / 100:.2f}" for k in layers)])  # fmt: skip
    if fmt == "json":
        data = {"policy": policy.region, "claims": len(rows), "rejected_rows": rejected,
                "totals": {k: v / 100 for k, v in totals.items()}}  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    names = {"basic": "基本医保", "critical": "大病保险", "assistance": "医疗救助", "tilted": "倾斜救助",
             "supplementary": "补充保险", "out_of_pocket_total": "个人负担"}  # fmt: skip
    click.echo(f"按{policy.region}政策结算 {len(rows)} 笔（不合格 {rejected} 行未计入）：")
    for key, value in totals.items():
        click.echo(f"  {names[key]}：{value / 100:,.2f} 元")
    if out is not None:
        click.echo(f"逐笔结果见 {out}")


@click.command("simulate")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--override", "override_file", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="要改变的参数（契约 4 的部分内容），如 assistance: {低保对象: {ratio: 0.8}}")  # fmt: skip
@click.option("--policy", "policy_name", default=None, help="基准政策（默认取工作区设置，再默认全国模板）")
@click.option("--year", type=int, default=None, help="年度（默认取工作区设置）")
@format_option("text", "json")
def simulate_command(directory: Path, override_file: Path, policy_name: str | None, year: int | None, fmt: str) -> None:
    """政策测算（What-if）：改变参数后重跑一年，比较各层支出、各类别救助、受影响人数和基金可支撑月数。"""
    from medaid.analytics.simulate import LAYERS, overridden, simulate
    from medaid.workspace import Workspace

    workspace = Workspace.open(directory)
    chosen_year = year or workspace.settings.year or dt.date.today().year
    base = _workspace_policy(workspace, policy_name, chosen_year)[-1]
    changed = overridden(base, override_file)
    with workspace.connect(read_only=True) as con:
        result = simulate(con, base, changed, chosen_year)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    names = {"basic": "基本医保", "critical": "大病保险", "assistance": "医疗救助", "tilted": "倾斜救助",
             "supplementary": "补充保险"}  # fmt: skip
    click.echo(f"{chosen_year} 年政策测算（{override_file.name}）：")
    for layer in LAYERS:
        before, after = result.before[layer] / 100, result.after[layer] / 100
        click.echo(f"  {names[layer]}：{before:,.2f} → {after:,.2f} 元（{after - before:+,.2f}）")
    for category, (b, a) in result.by_category.items():
        click.echo(f"  {category} 救助：{b / 100:,.2f} → {a / 100:,.2f} 元（{(a - b) / 100:+,.2f}）")
    click.echo(
        f"  受影响人数：{result.people_affected} 人；基金可支撑月数：{result.months_before} → {result.months_after}"
    )
