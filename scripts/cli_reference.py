"""Write docs/cli.md from every command's --help, and the README's command list from the
commands' examples (run: python scripts/cli_reference.py). The suite fails when either is stale."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from medaid.cli import cli
from medaid.cli.base import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
HEADER = """# `medaid` command reference

Generated from `--help` by `scripts/cli_reference.py`; do not edit by hand.

Exit codes of every command: 0 ok; 1 findings (audit errors, ledger findings, configuration
problems, a rule text not understood, a report whose table contradicts itself or has no total);
2 bad input or usage (a file or path that cannot be read or written included); 3 internal
error (a defect of medaid: run again with `--debug` for the traceback); 130 interrupted
(Ctrl-C). With `--format json`, an error is `{"error": {"message": …, "location": {…},
"hint": …}}` on standard output, with `problems` listing each when a file has several.
"""
README_START, README_END = "<!-- commands:start -->", "<!-- commands:end -->"


def _walk(command: click.Command, ctx: click.Context, path: list[str]) -> list[tuple[list[str], str]]:
    out = [(path, command.get_help(ctx))]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            child = sub.context_class(sub, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
            out += _walk(sub, child, [*path, name])
    return out


def render() -> str:
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    ctx = cli.context_class(cli, info_name="medaid", **settings)
    parts = [HEADER]
    for path, text in _walk(cli, ctx, ["medaid"]):
        parts.append(f"## {' '.join(path)}\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def readme_block() -> str:
    """Each command's example, by workflow section, for the README."""
    lines = [README_START, "```sh"]
    for section in SECTIONS:
        lines.append(f"# {section}")
        for command in cli.commands.values():
            if getattr(command, "section", "") == section:
                examples = [getattr(command, "example", "")]
                if isinstance(command, click.Group):
                    examples = [getattr(sub, "example", "") for sub in command.commands.values()]
                lines += [f".venv/bin/{e}" for e in examples if e]
    lines += ["```", README_END]
    return "\n".join(lines)


def readme(current: str) -> str:
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(current):
        raise SystemExit(f"README.md has no {README_START} … {README_END} block")
    return pattern.sub(lambda _: readme_block(), current)


def main() -> None:
    (ROOT / "docs" / "cli.md").write_text(render(), encoding="utf-8")
    path = ROOT / "README.md"
    path.write_text(readme(path.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write("wrote docs/cli.md and the command list of README.md\n")


if __name__ == "__main__":
    main()
