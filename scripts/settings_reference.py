"""Write docs/settings.md from the settings models (run: python scripts/settings_reference.py)."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from medaid.environment import SCRIPT_VARIABLES, Environment
from medaid.settings import WorkspaceFile, field_help

HEADER = """# Settings reference

Generated from the models in `src/medaid/settings.py` and `src/medaid/environment.py` by
`scripts/settings_reference.py`; do not edit by hand (`tests/test_settings.py` fails when this
file is stale).

Every setting medaid reads is here: the keys of a workspace's `medaid.yaml` (written by
`medaid init`) and the `MEDAID_*` environment variables. An unknown key in `medaid.yaml` is an
error naming the file, the line and the nearest known key; a bad environment value is an error
naming the variable and what is allowed. `medaid config show DIR` prints the effective value of
each setting and where it came from (the file, the environment or the default; secrets only as
set or not set); `medaid config check DIR` lists every problem, including a key file that others
can read.
"""


def _model(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) in (Union, types.UnionType):
        return next((m for a in get_args(annotation) if (m := _model(a)) is not None), None)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _default(model: type[BaseModel], name: str, info: dict[str, Any]) -> str:
    if "default_text" in info:
        return str(info["default_text"])
    default = model.model_fields[name].default
    return "—" if default is None else str(default)


def _rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        nested = _model(field.annotation)
        if nested is not None:
            rows.extend(_rows(nested, key + "."))
            continue
        info = field_help(model, name)
        rows.append((f"`{key}`", str(info.get("kind", "")), _default(model, name, info), str(info.get("help", ""))))
    return rows


def _table(rows: list[tuple[str, str, str, str]], first: str) -> str:
    lines = [f"| {first} | type | default | help |", "| --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render() -> str:
    parts = [HEADER]
    parts.append("## `medaid.yaml` (workspace settings)\n\n" + _table(_rows(WorkspaceFile), "key"))
    parts.append("## Environment variables\n\n" + _table(_rows(Environment), "variable"))
    script = [(f"`{name}`", "文字", default, help_text) for name, (default, help_text) in SCRIPT_VARIABLES.items()]
    parts.append(
        "## Script variables\n\nRead by the developer scripts, not by medaid itself.\n\n" + _table(script, "variable")
    )
    return "\n".join(parts)


def main() -> None:
    target = Path(__file__).resolve().parent.parent / "docs" / "settings.md"
    target.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
