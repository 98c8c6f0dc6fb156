"""What the commands of 依申请救助 (medaid cases) and 回访 (medaid visits) share: the acting clerk, a time
given with --at, and the options of a command that reads one record (a case, a plan)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import click

from medaid.cli.base import F, format_option, workspace_argument

ACTOR = click.option("--as", "--actor", "actor", default=None, help="经办人账户（默认当前系统用户）")


def one_record(name: str, metavar: str) -> Callable[[F], F]:
    """The workspace, the record's number (argument `name`), --as and --format text|json, in this order."""

    def apply(command: F) -> F:
        return workspace_argument()(
            click.argument(name, metavar=metavar, type=click.IntRange(1))(ACTOR(format_option("text", "json")(command)))
        )

    return apply


def parse_at(text: str | None) -> dt.datetime | None:
    """--at: a day (2024-03-05) or a day and time (2024-03-05 09:30)."""
    if text is None:
        return None
    from medaid.services.common import parse_date

    day, _, clock = text.strip().partition(" ")
    at = dt.datetime.combine(parse_date(day, option="--at"), dt.time())
    if clock.strip():
        try:
            hour, minute = (int(part) for part in clock.strip().split(":")[:2])
            return at.replace(hour=hour, minute=minute)
        except ValueError as err:
            raise click.BadParameter(f"时间“{clock}”无效，应写成 09:30", param_hint="'--at'") from err
    return at
