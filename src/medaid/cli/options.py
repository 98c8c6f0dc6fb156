"""Options shared by the commands."""

from __future__ import annotations

import click

help_option = click.help_option("-h", "--help", help="显示帮助并退出")
