"""Write docs/cli.md from the commands' --help (run: python scripts/cli_reference.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medaid.cli import cli

HEADER = "# `medaid` command reference\n\nGenerated from `--help` by `scripts/cli_reference.py`; do not edit by hand.\n"


def render() -> str:
    parts = [HEADER]
    ctx = click.Context(cli, info_name="medaid", terminal_width=100, max_content_width=100)
    parts.append("## medaid\n\n```text\n" + cli.get_help(ctx) + "\n```\n")
    for name in sorted(cli.list_commands(ctx)):
        command = cli.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
        parts.append(f"## medaid {name}\n\n```text\n" + command.get_help(sub) + "\n```\n")
    return "\n".join(parts)


def main() -> None:
    target = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
    target.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
