"""A workspace: one folder per programme and year, with its settings, store and key.

```
DIR/
  medaid.yaml      settings (region, year, framework, thresholds), checked on open
  store.duckdb     the analytics store (embedded DuckDB)
  medaid.key       the key for personal data (owner-only); or MEDAID_KEY in the environment
  rejects/         rows refused at import, one CSV per import
  ledgers/         verification ledgers (核查台账), one folder per run
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import yaml

from medaid.errors import Location, MedaidError
from medaid.store import schema
from medaid.store.crypto import KeyRing, create_key_file, load_key

SETTINGS_FILE = "medaid.yaml"
STORE_FILE = "store.duckdb"
KEY_FILE = "medaid.key"

# 高额费用预警: year-to-date in-scope self-pay after all layers above this many 元
# (the threshold Hefei's 2023 report screens with: "自付医疗费用超过1万人员").
DEFAULT_WARNING_THRESHOLD = Decimal(10000)


class WorkspaceError(MedaidError):
    """A workspace cannot be made or opened."""


@dataclass
class Settings:
    region: str = ""
    year: int | None = None
    framework: str | None = None
    policy: str | None = None  # a policy file or shipped region (medaid policy list); default: the national template
    key_file: str = KEY_FILE
    warning_threshold: Decimal = DEFAULT_WARNING_THRESHOLD
    warning_groups: dict[str, Decimal] = field(default_factory=dict)  # group → threshold (元)
    budget_planned: dict[str, Decimal] = field(default_factory=dict)  # 计划安排的各级资金 (元) by source
    opening_balance: Decimal | None = None  # 上年结余 (元), when the fund file has no such line

    def to_yaml(self) -> str:
        data: dict[str, object] = {
            "region": self.region,
            "year": self.year,
            "framework": self.framework,
            "policy": self.policy,
            "key_file": self.key_file,
            "warnings": {
                "threshold": float(self.warning_threshold),
                "groups": {k: float(v) for k, v in self.warning_groups.items()},
            },
            "budget": {
                "planned": {k: float(v) for k, v in self.budget_planned.items()},
                "opening_balance": None if self.opening_balance is None else float(self.opening_balance),
            },
        }
        header = "# medaid 工作区设置。修改后下次运行生效。\n"
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    @staticmethod
    def from_file(path: Path) -> Settings:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            raise WorkspaceError(
                f"设置文件格式错误：{err}", where=Location(file=str(path)), fix="请检查缩进与冒号"
            ) from err
        if not isinstance(raw, dict):
            raise WorkspaceError(
                "设置文件内容不是键值对", where=Location(file=str(path)), fix="请参照 medaid init 生成的文件"
            )
        warnings = raw.get("warnings") or {}
        settings = Settings(
            region=str(raw.get("region") or ""),
            year=_year(raw.get("year"), path),
            framework=str(raw["framework"]) if raw.get("framework") else None,
            policy=str(raw["policy"]) if raw.get("policy") else None,
            key_file=str(raw.get("key_file") or KEY_FILE),
        )
        if "threshold" in warnings:
            settings.warning_threshold = _money(warnings["threshold"], path, "warnings.threshold")
        for group, value in (warnings.get("groups") or {}).items():
            settings.warning_groups[str(group)] = _money(value, path, f"warnings.groups.{group}")
        budget = raw.get("budget") or {}
        for source, value in (budget.get("planned") or {}).items():
            settings.budget_planned[str(source)] = _money(value, path, f"budget.planned.{source}")
        if budget.get("opening_balance") is not None:
            settings.opening_balance = _money(budget["opening_balance"], path, "budget.opening_balance")
        return settings


def _year(value: object, path: Path) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int) and 1990 <= value <= 2100:
        return value
    raise WorkspaceError(f"年度“{value}”无效", where=Location(file=str(path), key="year"), fix="请写四位年份，如 2023")


def _money(value: object, path: Path, key: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except ArithmeticError as err:
        raise WorkspaceError(
            f"“{value}”不是金额", where=Location(file=str(path), key=key), fix="请写元为单位的数字"
        ) from err
    if not number.is_finite() or number < 0:
        raise WorkspaceError(
            f"“{value}”不是有效金额", where=Location(file=str(path), key=key), fix="请写不小于 0 的数字"
        )
    return number


@dataclass
class Workspace:
    root: Path
    settings: Settings

    @property
    def store_path(self) -> Path:
        return self.root / STORE_FILE

    @property
    def key_path(self) -> Path:
        path = Path(self.settings.key_file)
        return path if path.is_absolute() else self.root / path

    @property
    def rejects_dir(self) -> Path:
        return self.root / "rejects"

    @property
    def ledgers_dir(self) -> Path:
        return self.root / "ledgers"

    def key(self) -> KeyRing:
        return load_key(self.key_path)

    def connect(self, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """The store. MEDAID_DUCKDB_MEMORY (e.g. 3GB) and MEDAID_DUCKDB_THREADS bound DuckDB."""
        config: dict[str, str | bool | int | float | list[str]] = {}
        if memory := os.environ.get("MEDAID_DUCKDB_MEMORY"):
            config["memory_limit"] = memory
        if threads := os.environ.get("MEDAID_DUCKDB_THREADS"):
            config["threads"] = int(threads)
        return duckdb.connect(str(self.store_path), read_only=read_only, config=config)

    @staticmethod
    def init(root: Path, *, region: str = "", year: int | None = None, framework: str | None = None) -> Workspace:
        """Make a workspace folder with settings, store and key; refuse to overwrite one."""
        if (root / SETTINGS_FILE).exists():
            raise WorkspaceError(
                "这里已经是一个工作区", where=Location(file=str(root)), fix="请换一个文件夹，或直接使用现有工作区"
            )
        root.mkdir(parents=True, exist_ok=True)
        settings = Settings(region=region, year=year, framework=framework)
        workspace = Workspace(root, settings)
        if not workspace.key_path.exists():
            create_key_file(workspace.key_path)
        with workspace.connect() as con:
            schema.create(con)
        (root / SETTINGS_FILE).write_text(settings.to_yaml(), encoding="utf-8")
        return workspace

    @staticmethod
    def open(root: Path) -> Workspace:
        path = root / SETTINGS_FILE
        if not path.exists():
            raise WorkspaceError(
                "不是 medaid 工作区（找不到 medaid.yaml）",
                where=Location(file=str(root)),
                fix="请先运行 medaid init 创建工作区",
            )
        workspace = Workspace(root, Settings.from_file(path))
        with workspace.connect() as con:
            schema.create(con)  # brings an older store up to the current tables
        return workspace
