"""What the layout tests share: the fixtures' folder and how a fixture is loaded and audited."""

from __future__ import annotations

from pathlib import Path

from medaid.evaluation import audit, load_framework
from medaid.evaluation.model import Framework

LAYOUTS = Path(__file__).parent / "layouts"
BUDGET = ("预算执行率",)


def load_layout(name: str, partial: bool = False) -> Framework:
    framework = load_framework(LAYOUTS / name)
    framework.partial = framework.partial or partial  # the public excerpt was cut (README)
    return framework


def found(framework: Framework) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(f.severity.value, f.kind.value, f.path) for f in audit(framework).findings}
