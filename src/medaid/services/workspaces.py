"""Creating and opening a workspace: one folder per programme and year."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medaid.errors import Location, MedaidError
from medaid.workspace import Workspace

# `medaid init` without --framework: the common financial evaluation (财政评价) template, so that a
# new workspace can be evaluated at once.
DEFAULT_FRAMEWORK = "templates/financial_common"


@dataclass(frozen=True)
class InitResult:
    root: Path
    key_file: Path
    region: str
    year: int | None
    framework: str
    key_from_environment: bool = False  # MEDAID_KEY was set: the key is the operator's, no key file was made

    def to_dict(self) -> dict[str, object]:
        return {"root": str(self.root), "key_file": str(self.key_file), "region": self.region, "year": self.year,
                "framework": self.framework, "key_from_environment": self.key_from_environment}  # fmt: skip


def init_workspace(
    root: Path,
    *,
    region: str = "",
    year: int | None = None,
    framework: str | None = None,
    report: dict[str, str] | None = None,
) -> InitResult:
    """Make a workspace folder with settings, store and key, evaluated with ``framework``
    (default: the common financial template). Refuses an unknown framework before making anything."""
    from medaid.evaluation.catalog import resolve

    chosen = framework or DEFAULT_FRAMEWORK
    resolve(chosen)
    if year is not None and not 1990 <= year <= 2100:
        raise MedaidError(f"年度“{year}”无效", where=Location(key="year"), fix="请写四位年份，如 2023")
    from medaid.environment import variable_set
    from medaid.store.crypto import ENV_VAR

    workspace = Workspace.init(root, region=region, year=year, framework=chosen, report=report)
    return InitResult(workspace.root, workspace.key_path, region, year, chosen, variable_set(ENV_VAR))


def year_of(workspace: Workspace, year: int | None) -> int:
    """The year asked for, else the workspace's; an error saying how to give one otherwise."""
    chosen = year if year is not None else workspace.settings.year
    if chosen is None:
        raise MedaidError(
            "未指定年度",
            where=Location(file=str(workspace.root / "medaid.yaml"), key="year"),
            fix="请用 --year 指定年度，或在 medaid.yaml 中填写 year",
        )
    return chosen
