"""The ``medaid`` command. Each command is a thin shell over the core packages."""

from __future__ import annotations

import sys

import click

from medaid import __version__
from medaid.cli.accounts import accounts_group
from medaid.cli.data import demo_data_command, import_command, init_command, registry_command
from medaid.cli.demo import demo
from medaid.cli.evaluate import evaluate_command, metrics_command
from medaid.cli.evaluation import audit_command, frameworks_command, rule_command, score_command
from medaid.cli.policy import calc_command, policy_group, settle_command, simulate_command, subsidy_command
from medaid.cli.report import report_command
from medaid.cli.survey import survey_command
from medaid.cli.verify import verify_command
from medaid.cli.warnings import warnings_group
from medaid.errors import MedaidError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medaid", help="显示版本并退出")
@click.help_option("-h", "--help", help="显示帮助并退出")
def cli() -> None:
    """medaid：城乡医疗救助与预算绩效评价工具。"""


cli.add_command(score_command)
cli.add_command(audit_command)
cli.add_command(frameworks_command)
cli.add_command(rule_command)
cli.add_command(demo)
cli.add_command(init_command)
cli.add_command(import_command)
cli.add_command(registry_command)
cli.add_command(demo_data_command)
cli.add_command(verify_command)
cli.add_command(metrics_command)
cli.add_command(evaluate_command)
cli.add_command(warnings_group)
cli.add_command(calc_command)
cli.add_command(subsidy_command)
cli.add_command(policy_group)
cli.add_command(settle_command)
cli.add_command(simulate_command)
cli.add_command(survey_command)
cli.add_command(report_command)
cli.add_command(accounts_group)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(130)
    except MedaidError as err:
        click.echo(f"错误：{err.message}", err=True)
        sys.exit(2)
    except Exception as err:  # a bug: say so plainly instead of a traceback
        click.echo(
            f"内部错误：{type(err).__name__}: {err}。这是 medaid 的缺陷，请连同输入文件报告给维护者。",
            err=True,
        )
        sys.exit(3)
