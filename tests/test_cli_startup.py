"""``medaid --help``, ``medaid rule`` and ``medaid audit`` of a YAML file start at once: they load
none of the heavy libraries (the analytics engine, Arrow, charts, Word and PDF writers)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("ibis", "duckdb", "pyarrow", "matplotlib", "docx", "weasyprint")

PROBE = """
import json, sys
from medaid.cli import main
args = json.loads(sys.argv[1])
if args is not None:
    try:
        main(args)
    except SystemExit:
        pass
heavy = json.loads(sys.argv[2])
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def _loaded(args: list[str] | None) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_module():
    assert _loaded(None) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["rule", "100%完成得6分，每低于1个百分点扣1分，扣完为止", "--weight", "6", "--actual", "96.2%"],
        ["audit", "seeds/liucheng_2023"],
        ["audit", "seeds/liucheng_2023", "--format", "json"],
        ["score", "templates/financial_common"],
    ],
    ids=["help", "rule", "audit", "audit-json", "score"],
)
def test_light_commands_load_no_heavy_module(args):
    assert _loaded(args) == []


def test_only_the_command_line_tests_import_the_command_line():
    """Tests of the operations call the services (DESIGN, "Layers"); only tests/test_cli*.py use the face."""
    from pathlib import Path

    here = Path(__file__).parent
    users = sorted(p.name for p in here.glob("*.py") if "medaid.cli" in p.read_text(encoding="utf-8"))
    assert users and all(name.startswith("test_cli") for name in users), users
    benchmarks = here.parent / "benchmarks"
    assert not [p.name for p in benchmarks.glob("*.py") if "medaid.cli" in p.read_text(encoding="utf-8")]
