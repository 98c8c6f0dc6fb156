"""The shape every medaid command shares: Chinese metavars, the workflow sections of
``medaid --help`` with one example per command, ``--format``, JSON output, exit codes and
progress bars on stderr.

Exit codes: 0 ok, 1 findings (audit errors, ledger findings, configuration problems),
2 bad input or usage, 3 internal error (a defect of medaid; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from medaid.cli import zh
from medaid.cli.helpformat import ZhHelpFormatter, short_help, wrap
from medaid.progress import SILENT, Progress

zh.install()  # before any command is defined: click names some types when they are made

SECTIONS: tuple[str, ...] = ("准备", "导入", "核查", "评价", "报告", "管理")
OK, FINDINGS, BAD_INPUT, INTERNAL = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


class Context(click.Context):
    formatter_class = ZhHelpFormatter


def _epilog(example: str) -> str:
    # \b keeps click from re-wrapping the example onto one line with the heading
    return "\b\n示例：\n  " + example


class Command(click.Command):
    """A command with Chinese usage words, its workflow section and one example."""

    context_class = Context

    def __init__(self, *args: Any, section: str = "", example: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        if example and "epilog" not in kwargs:
            kwargs["epilog"] = _epilog(example)
        super().__init__(*args, **kwargs)
        self.section = section
        self.example = example


class Group(click.Group):
    """A group whose help lists its commands by workflow section (准备 → 导入 → … → 管理)."""

    command_class = Command
    context_class = Context

    def __init__(self, *args: Any, section: str = "", example: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        if example and "epilog" not in kwargs:
            kwargs["epilog"] = _epilog(example)
        super().__init__(*args, **kwargs)
        self.section = section
        self.example = example

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order they were added: the order of the workflow

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, self.commands[name]) for name in self.list_commands(ctx) if not self.commands[name].hidden]
        if not commands:
            return
        sections = [s for s in SECTIONS if any(getattr(c, "section", "") == s for _, c in commands)]
        if not sections:
            sections = [""]
        column = max(len(name) for name, _ in commands) + 2
        for section in sections:
            rows = [(n, c) for n, c in commands if getattr(c, "section", "") == section or section == ""]
            with formatter.section(section or "命令"):
                pad = " " * (formatter.current_indent + column)
                for name, cmd in rows:
                    lines = wrap(short_help(cmd), formatter.width - len(pad))
                    formatter.write(f"{'':>{formatter.current_indent}}{name.ljust(column)}{lines[0]}\n")
                    formatter.write("".join(f"{pad}{line}\n" for line in lines[1:]))
                    example = getattr(cmd, "example", "")
                    if example:
                        formatter.write(f"{pad}例：{example}\n")


def command(name: str, *, section: str = "", example: str = "", **kwargs: Any) -> Callable[[F], Command]:
    """``@command("init", section="准备", example="medaid init 工作区 --year 2023")``."""
    return click.command(name, cls=Command, section=section, example=example, **kwargs)


def group(name: str, *, section: str = "", example: str = "", **kwargs: Any) -> Callable[[F], Group]:
    return click.group(name, cls=Group, section=section, example=example, **kwargs)


def workspace_argument(name: str = "directory") -> Callable[[F], F]:
    return click.argument(name, metavar="工作区", type=click.Path(file_okay=False, exists=True, path_type=Path))


def format_option(*choices: str) -> Callable[[F], F]:
    """--format with the given choices, text first."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
                        help="输出格式")  # fmt: skip


def year_option(help_text: str = "年度（默认取工作区设置）") -> Callable[[F], F]:
    return click.option("--year", type=click.IntRange(1990, 2100), default=None, help=help_text)


def emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def done(code: int) -> None:
    """End the command with ``code`` (1: findings) once its output is written."""
    if code:
        raise click.exceptions.Exit(code)


@contextmanager
def progress() -> Iterator[Progress]:
    """Progress bars on stderr while a service runs; silent (and rich never imported) when stderr
    is not a terminal, so pipes, files and tests see only the result."""
    if not sys.stderr.isatty():
        yield SILENT
        return
    from medaid.cli.bars import RichProgress

    with RichProgress() as bars:
        yield bars


class WaitNotice:
    """Says on stderr that a command is waiting for another to release the workspace: on a terminal
    as one line kept up to date, otherwise once and then every half minute."""

    EVERY = 30.0

    def __init__(self) -> None:
        self.last = -self.EVERY

    def __call__(self, message: str) -> None:
        import time

        now = time.monotonic()
        if sys.stderr.isatty():
            click.echo("\r" + message, err=True, nl=False)
        elif now - self.last >= self.EVERY:
            click.echo(message, err=True)
        else:
            return
        self.last = now
