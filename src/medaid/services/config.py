"""``medaid config show|check DIR``: the effective settings of a workspace and a check of them.

:func:`show_config` lists every setting — the keys of ``medaid.yaml`` and the ``MEDAID_*``
environment variables — with its value and where it came from (the file, the environment or
the default); secrets only as set / not set, passwords in database addresses masked.
:func:`check_config` validates ``medaid.yaml`` and the environment, resolves the framework and
the policy the workspace names, and checks the key file (present, readable, owner-only). Both
read only: nothing in the workspace is created or changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from medaid import typed_yaml
from medaid.environment import (
    ENV_VARIABLES,
    Environment,
    environment,
    environment_problems,
    unknown_variables,
)
from medaid.errors import Location, MedaidError
from medaid.settings import (
    DEFAULT_SPARK_MASTER,
    REPORT_KEYS,
    BudgetFile,
    ReportInfo,
    Settings,
    SettingsError,
    SparkFile,
    WarningsFile,
    WorkspaceFile,
    field_help,
)
from medaid.store.app import default_url
from medaid.workspace import SETTINGS_FILE

NOT_A_WORKSPACE = "请先运行 medaid init 创建工作区"
SOURCES = {"file": "medaid.yaml", "environment": "环境变量", "default": "默认值"}
Source = Literal["file", "environment", "default"]
Severity = Literal["error", "warning"]
_PASSWORD = re.compile(r"(://[^:/@]+:)[^@]*@")


def _plain(value: object) -> object:
    """JSON-friendly: money as float 元, dates as text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class ConfigEntry:
    key: str  # "year", "warnings.threshold", "MEDAID_DUCKDB_THREADS"
    value: object  # the effective value; a secret is "已设置" / "未设置"
    source: Source
    kind: str  # the type in words (Chinese)
    help: str

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "value": _plain(self.value), "source": self.source,
                "source_label": SOURCES[self.source], "type": self.kind, "help": self.help}  # fmt: skip


@dataclass(frozen=True)
class ConfigView:
    root: Path
    entries: tuple[ConfigEntry, ...]

    def get(self, key: str) -> ConfigEntry | None:
        return next((e for e in self.entries if e.key == key), None)

    def to_dict(self) -> dict[str, object]:
        return {"root": str(self.root), "settings": [e.to_dict() for e in self.entries]}


@dataclass(frozen=True)
class ConfigProblem:
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    hint: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"severity": self.severity, "message": self.message, "location": self.location.to_dict(),
                "hint": self.hint}  # fmt: skip


@dataclass(frozen=True)
class ConfigCheck:
    root: Path
    problems: tuple[ConfigProblem, ...]

    @property
    def ok(self) -> bool:
        """No error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)

    def to_dict(self) -> dict[str, object]:
        errors = sum(p.severity == "error" for p in self.problems)
        return {"root": str(self.root), "ok": self.ok, "errors": errors, "warnings": len(self.problems) - errors,
                "problems": [p.to_dict() for p in self.problems]}  # fmt: skip


def _masked(url: str) -> str:
    return _PASSWORD.sub(r"\1***@", url)


def _read_settings(root: Path) -> tuple[Settings, typed_yaml.Document]:
    path = root / SETTINGS_FILE
    if not path.is_file():
        raise SettingsError(
            "不是 medaid 工作区（找不到 medaid.yaml）",
            where=Location(file=str(root)),
            fix=NOT_A_WORKSPACE,
        )
    document = typed_yaml.read(path, error=SettingsError)
    return Settings.from_model(typed_yaml.validate(WorkspaceFile, document, error=SettingsError)), document


def _file_entries(settings: Settings, document: typed_yaml.Document) -> list[ConfigEntry]:
    values: dict[str, tuple[object, type[BaseModel]]] = {
        "region": (settings.region, WorkspaceFile), "year": (settings.year, WorkspaceFile),
        "framework": (settings.framework, WorkspaceFile), "policy": (settings.policy or "default", WorkspaceFile),
        "key_file": (settings.key_file, WorkspaceFile), "engine": (settings.engine, WorkspaceFile),
        "spark.master": (settings.spark_master or DEFAULT_SPARK_MASTER, SparkFile),
        "spark.tables": (settings.spark_tables, SparkFile),
        "warnings.threshold": (settings.warning_threshold, WarningsFile),
        "warnings.groups": (settings.warning_groups, WarningsFile),
        "budget.planned": (settings.budget_planned, BudgetFile),
        "budget.opening_balance": (settings.opening_balance, BudgetFile),
        **{f"report.{k}": (settings.report.get(k), ReportInfo) for k in REPORT_KEYS},
    }  # fmt: skip
    raw = document.data if isinstance(document.data, dict) else {}
    out: list[ConfigEntry] = []
    for key, (value, model) in values.items():
        given: object = raw
        for part in key.split("."):
            given = given.get(part) if isinstance(given, dict) else None
        info = field_help(model, key.split(".")[-1])
        source: Source = "file" if given not in (None, "", {}) else "default"
        out.append(ConfigEntry(key, value, source, str(info.get("kind", "")), str(info.get("help", ""))))
    return out


def _env_entries(root: Path, env: Environment) -> list[ConfigEntry]:
    out: list[ConfigEntry] = []
    for name, info in Environment.model_fields.items():
        variable = info.alias or name
        extra = field_help(Environment, variable)
        value = getattr(env, name)
        source: Source = "default" if value is None else "environment"
        shown: object = value
        if extra.get("secret"):
            shown = "已设置" if value is not None else "未设置"
        elif variable == "MEDAID_APP_URL":
            shown = _masked(value) if value else default_url(root)
        elif isinstance(value, str):
            shown = _masked(value)
        elif value is None:
            shown = extra.get("default_text")
        out.append(ConfigEntry(variable, shown, source, str(extra.get("kind", "")), str(extra.get("help", ""))))
    return out


def show_config(root: Path) -> ConfigView:
    """The effective settings of a workspace, each with where it came from.

    Raises SettingsError when medaid.yaml or an environment variable is invalid (see
    :func:`check_config` for every problem at once)."""
    settings, document = _read_settings(root)
    return ConfigView(root, tuple(_file_entries(settings, document) + _env_entries(root, environment())))


def _problem(err: MedaidError, severity: Severity = "error") -> ConfigProblem:
    return ConfigProblem(severity, err.what, err.where, err.fix)


def _check_file(root: Path, problems: list[ConfigProblem]) -> tuple[Settings, typed_yaml.Document] | None:
    path = root / SETTINGS_FILE
    if not path.is_file():
        problems.append(ConfigProblem("error", "找不到 medaid.yaml，这里不是 medaid 工作区", Location(file=str(root)),
                                      NOT_A_WORKSPACE))  # fmt: skip
        return None
    try:
        document = typed_yaml.read(path, error=SettingsError)
    except SettingsError as err:
        problems.append(_problem(err))
        return None
    found = typed_yaml.problems(WorkspaceFile, document)
    problems.extend(ConfigProblem("error", p.what, p.where, p.fix) for p in found)
    if found:
        return None
    return Settings.from_model(WorkspaceFile.model_validate(document.data or {})), document


def _at(document: typed_yaml.Document, key: str) -> Location:
    return Location(file=document.file, line=document.line((key,)), key=key)


def _check_framework(settings: Settings, document: typed_yaml.Document, problems: list[ConfigProblem]) -> None:
    from medaid.evaluation import load_framework
    from medaid.evaluation.catalog import resolve

    if not settings.framework:
        hint = "medaid evaluate / report 需用 --framework 指定；或在 medaid.yaml 中填写 framework"
        problems.append(ConfigProblem("warning", "未设置评价框架", _at(document, "framework"), hint))
        return
    try:
        path = resolve(settings.framework)
    except MedaidError as err:
        what = f"评价框架“{settings.framework}”：{err.what}"
        problems.append(ConfigProblem("error", what, _at(document, "framework"), err.fix))
        return
    try:
        load_framework(path)
    except MedaidError as err:  # the framework file itself is broken: its own file and line
        problems.append(ConfigProblem("error", f"评价框架“{settings.framework}”：{err.what}", err.where, err.fix))


def _check_policy(settings: Settings, document: typed_yaml.Document, problems: list[ConfigProblem]) -> None:
    from medaid.policy.params import default_dir, resolve_year

    name = settings.policy or "default"
    if not Path(name).is_file() and not (default_dir() / name).is_dir():
        what = f"政策参数“{name}”既不是文件，也不是内置地区"
        problems.append(ConfigProblem("error", what, _at(document, "policy"), "用 medaid policy list 查看内置地区"))
        return
    try:
        resolve_year(name, settings.year or dt.date.today().year)
    except MedaidError as err:  # a policy file is broken, or none is in force that year
        problems.append(ConfigProblem("error", f"政策参数“{name}”：{err.what}", err.where, err.fix))


def _check_key(root: Path, settings: Settings, problems: list[ConfigProblem]) -> None:
    """The key (MEDAID_KEY, else the key file: owner-only, readable) and that it is this workspace's."""
    from medaid.store import engine
    from medaid.store.crypto import load_key
    from medaid.store.keys import check_key
    from medaid.workspace import STORE_FILE

    path = settings.key_path(root)
    try:
        ring = load_key(path)
        store = root / STORE_FILE
        if store.exists():
            with engine.connect(store, read_only=True) as con:  # read only: nothing is recorded here
                check_key(con, ring, key_path=path)
    except MedaidError as err:
        problems.append(ConfigProblem("error", err.what, err.where, err.fix))


def check_config(root: Path) -> ConfigCheck:
    """Every problem with a workspace's settings: medaid.yaml, the environment, the framework and
    policy it names, the key file. Errors stop commands; warnings do not."""
    problems: list[ConfigProblem] = []
    read = _check_file(root, problems)
    env_problems = environment_problems()
    problems.extend(ConfigProblem("error", p.what, p.where, p.fix) for p in env_problems)
    for name, guess in unknown_variables():
        what = f"未知的环境变量 {name}" + (f"：是否应为 {guess}？" if guess else "")
        hint = "medaid 不读取此变量；请改名或删除" + (
            "" if guess else f"。medaid 读取的变量：{'、'.join(ENV_VARIABLES)}"
        )
        problems.append(ConfigProblem("warning", what, Location(key=name), hint))
    if read is not None:
        settings, document = read
        _check_framework(settings, document, problems)
        _check_policy(settings, document, problems)
        _check_key(root, settings, problems)
    return ConfigCheck(root, tuple(problems))
