"""Options shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

help_option = click.help_option("-h", "--help", help="显示帮助并退出")


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format with the given choices, text first."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True, help="输出格式"
    )
