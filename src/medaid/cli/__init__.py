"""The ``medaid`` command: parse, call one service, render — in Chinese, click's own words included.

Importing this package loads click and the command definitions only; each command imports
the services (and through them DuckDB, Ibis, python-docx, …) when it runs, so ``medaid
--help`` answers at once.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Sequence

import click

from medaid import __version__
from medaid.cli.accounts import accounts_group
from medaid.cli.audit_log import audit_log_group
from medaid.cli.base import BAD_INPUT, INTERNAL, Group, WaitNotice
from medaid.cli.cases import cases_group
from medaid.cli.config import config_group
from medaid.cli.data import demo_data_command, import_command, init_command, registry_command
from medaid.cli.demo import demo
from medaid.cli.evaluate import evaluate_command, judge_command, judgments_command, metrics_command
from medaid.cli.evaluation import audit_command, frameworks_command, rule_command, score_command
from medaid.cli.findings import findings_group
from medaid.cli.keys import key_group
from medaid.cli.policy import calc_command, policy_group, settle_command, simulate_command, subsidy_command
from medaid.cli.report import report_command
from medaid.cli.serve import serve_command
from medaid.cli.survey import survey_command
from medaid.cli.verify import verify_command
from medaid.cli.visits import visits_group
from medaid.cli.warnings import warnings_group
from medaid.errors import MedaidError, from_os_error
from medaid.progress import WAITING

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="medaid")
@click.option("--debug", is_flag=True, help="出错时显示完整的调用栈（报告缺陷时附上）")
def cli(debug: bool) -> None:
    """medaid：城乡医疗救助与预算绩效评价工具。

    退出码：0 正常；1 发现问题（审核错误、核查发现、设置问题）；2 输入或用法错误；3 内部错误；130 已中断。
    加 --format json 的命令出错时在标准输出给出 {"error": {"message", "location", "hint"}}。
    """


# in workflow order: 准备 → 导入 → 核查 → 评价 → 报告 → 管理
for each in (
    init_command, config_group, frameworks_command, policy_group, demo_data_command, demo,
    import_command, registry_command,
    verify_command, findings_group, warnings_group, cases_group, visits_group,
    calc_command, subsidy_command, settle_command, simulate_command,
    metrics_command, evaluate_command, judge_command, judgments_command, survey_command, score_command,
    audit_command, rule_command,
    report_command,
    accounts_group, key_group, audit_log_group, serve_command,
):  # fmt: skip
    cli.add_command(each)


def _wants_json(args: Sequence[str]) -> bool:
    """--format json (or --format=json) anywhere on the line: errors are then JSON too."""
    return any(
        a == "--format=json" or (a == "--format" and nxt == "json")
        for a, nxt in zip(args, [*args[1:], ""], strict=True)
    )


def _sentence(text: str) -> str:
    """Click ends some sentences with an English full stop after our Chinese words."""
    text = text.replace("。 ", "。")
    return text[:-1] + "。" if text.endswith(".") else text


def _fail(message: str, *, code: int, as_json: bool, hint: str = "") -> None:
    if as_json:
        shape = {"error": {"message": message, "location": {}, "hint": hint}}
        click.echo(json.dumps(shape, ensure_ascii=False, indent=2))
    else:
        click.echo(f"错误：{message}", err=True)
        if hint:
            click.echo(f"提示：{hint}", err=True)
    sys.exit(code)


def _bad_input(err: MedaidError, *, as_json: bool) -> None:
    """Exit 2 with every problem: what, where and how to fix it."""
    if as_json:
        click.echo(json.dumps(err.to_dict(), ensure_ascii=False, indent=2))
        sys.exit(BAD_INPUT)
    for problem in err.all_problems:
        place = problem.where.describe()
        click.echo(f"错误：{place}：{problem.what}" if place else f"错误：{problem.what}", err=True)
        if problem.fix:
            click.echo(f"提示：{problem.fix}", err=True)
    sys.exit(BAD_INPUT)


def _internal(err: BaseException, *, debug: bool, as_json: bool) -> None:
    if debug:
        traceback.print_exception(err)
    _fail(f"内部错误：{type(err).__name__}: {err}", code=INTERNAL, as_json=as_json,
          hint="这是 medaid 的缺陷，请加 --debug 重新运行，并把输出连同输入文件报告给维护者")  # fmt: skip


def main(args: Sequence[str] | None = None) -> None:
    """The console entry point: every error is Chinese, in one shape, with a documented exit code."""
    argv = list(sys.argv[1:] if args is None else args)
    as_json, debug = _wants_json(argv), "--debug" in argv
    argv = [a for a in argv if a != "--debug"]  # accepted anywhere on the line, not only before the command
    WAITING.notify = WaitNotice()
    try:
        # without standalone mode click returns the code of a ctx.exit() (help, version, findings) instead of exiting
        code = cli.main(argv, prog_name="medaid", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.NoArgsIsHelpError as asked:
        click.echo(asked.ctx.get_help() if asked.ctx else cli.get_help(click.Context(cli)))
        sys.exit(0)
    except click.ClickException as err:
        hint = ""
        if isinstance(err, click.UsageError) and err.ctx is not None:
            hint = f"用“{err.ctx.command_path} -h”查看用法"
        _fail(_sentence(err.format_message()), code=BAD_INPUT, as_json=as_json, hint=hint)
    except click.exceptions.Abort:
        _fail("已取消。", code=130, as_json=as_json)
    except (MedaidError, OSError) as raised:
        user_error = raised if isinstance(raised, MedaidError) else from_os_error(raised)
        if user_error is None:  # not about a path the user gave: a defect
            _internal(raised, debug=debug, as_json=as_json)
            return
        if debug:
            traceback.print_exc()
        _bad_input(user_error, as_json=as_json)
    except KeyboardInterrupt:
        _fail("已中断。", code=130, as_json=as_json)
    except Exception as err:  # a defect of medaid: say so plainly; the traceback on request
        _internal(err, debug=debug, as_json=as_json)
    sys.exit(code if isinstance(code, int) else 0)
