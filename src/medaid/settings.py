"""All settings in one typed place: the workspace file ``medaid.yaml`` and every ``MEDAID_*``
environment variable, with defaults and Chinese help (docs/settings.md is generated from here
by scripts/settings_reference.py, and a test fails when it is stale).

- :class:`WorkspaceFile` is the model of ``medaid.yaml``; :class:`Settings` is what the rest of
  medaid reads (``settings.region``, ``.year``, ``.warning_threshold`` …), made from the file by
  :meth:`Settings.from_file`. An unknown key is an error naming the file, the line and the
  nearest known key.
- The ``MEDAID_*`` environment variables are in :mod:`medaid.environment`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, Field, JsonValue

from medaid import typed_yaml, vocab
from medaid.errors import MedaidError
from medaid.typed_yaml import FileModel, Invalid, Text, Yuan

KEY_FILE = "medaid.key"
# 高额费用预警: year-to-date in-scope self-pay after all layers above this many 元
# (the threshold Hefei's 2023 report screens with: "自付医疗费用超过1万人员").
DEFAULT_WARNING_THRESHOLD = Decimal(10000)


class SettingsError(MedaidError):
    """medaid.yaml or an environment variable is invalid."""


def info(kind: str, help_text: str, *, default: str | None = None, **extra: JsonValue) -> dict[str, JsonValue]:
    """What docs/settings.md and ``medaid config show`` print about a setting."""
    return {"kind": kind, "help": help_text, **({"default_text": default} if default is not None else {}), **extra}


Amount = Annotated[Yuan, Field(ge=0, json_schema_extra={"hint": "金额以元为单位"})]


def _year(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, bool):
        raise Invalid(f"“{str(value).lower()}”不是年份", "请写四位年份，如 2023")
    return value


def _group(value: object) -> object:
    """A warning group: 一般人群 or a category (aliases give the canonical name)."""
    text = str(value).strip()
    if text == vocab.GENERAL_GROUP:
        return text
    found = vocab.lookup(vocab.Vocabulary.CATEGORY, text)
    if found is None:
        what, fix = vocab.unknown(vocab.Vocabulary.CATEGORY, text)
        raise Invalid(what.replace("救助类别", "预警人群"), f"{fix}，或 {vocab.GENERAL_GROUP}")
    return found


Group = Annotated[str, BeforeValidator(_group)]


class WarningsFile(FileModel):
    threshold: Amount = Field(
        default=DEFAULT_WARNING_THRESHOLD,
        json_schema_extra=info(
            "金额（元）",
            "高额费用预警线：年内经各项报销后政策范围内个人自付超过此数即预警；政策文件有 warning 键时以政策文件为准",
        ),
    )
    groups: dict[Group, Amount] | None = Field(
        default=None,
        json_schema_extra=info("映射：人群 → 金额（元）", "按人群另设预警线，如 {特困人员: 5000}", default="无"),
    )


class BudgetFile(FileModel):
    planned: dict[Text, Amount] | None = Field(
        default=None,
        json_schema_extra=info("映射：资金来源 → 金额（元）", "计划安排的各级资金，预算执行率等指标用", default="无"),
    )
    opening_balance: Amount | None = Field(
        default=None, json_schema_extra=info("金额（元）", "上年结余，基金收支文件中没有期初余额时填写", default="无")
    )


DEFAULT_PROJECT = "城乡医疗救助项目"  # 项目名称 when medaid.yaml gives none


class ReportInfo(FileModel):
    """The report's cover: the project's particulars, as a finished report prints them."""

    project: Text | None = Field(
        default=None, json_schema_extra=info("文字", "项目名称，印在封面和标题", default=DEFAULT_PROJECT)
    )
    project_type: Text | None = Field(
        default=None, json_schema_extra=info("文字", "项目类型，如“社保基金”", default="无")
    )
    unit: Text | None = Field(
        default=None, json_schema_extra=info("文字", "项目单位，如“某县医疗保障局”", default="无")
    )
    department: Text | None = Field(default=None, json_schema_extra=info("文字", "主管部门", default="无"))
    organiser: Text | None = Field(
        default=None, json_schema_extra=info("文字", "评价组织机构，如受托的第三方机构", default="无")
    )
    date: Text | None = Field(
        default=None, json_schema_extra=info("文字", "报告日期，如“2024年7月”", default="生成报告的年月")
    )


REPORT_KEYS = ("project", "project_type", "unit", "department", "organiser", "date")

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
DEFAULT_SPARK_MASTER = "local[*]"  # Spark on this machine, every core
# local, local[4], local[*], spark://host:7077 (several hosts for a standby master), yarn,
# k8s://https://host:443, or a Spark Connect server sc://host:15002
_MASTER = re.compile(r"^(local(\[(\*|\d+)(,\d+)?\])?|yarn|spark://[^/\s]+|k8s://\S+|sc://[^/\s]+(/\S*)?)$")


def spark_master(value: object) -> object:
    """A Spark master URL or a Spark Connect address, as Spark writes them (checked before Spark starts)."""
    text = str(value).strip()
    if text and not _MASTER.match(text):
        raise Invalid(
            f"“{text}”不是 Spark 集群地址",
            "应写成 local[2]、spark://主机:7077、yarn、k8s://https://主机:443 或 Spark Connect 地址 sc://主机:15002",
        )
    return text or None


SparkMaster = Annotated[str, BeforeValidator(spark_master)]


class SparkFile(FileModel):
    """Where Spark runs and reads the tables (``engine: spark``); MEDAID_SPARK_MASTER and
    MEDAID_SPARK_TABLES override these."""

    master: SparkMaster | None = Field(
        default=None,
        json_schema_extra=info(
            "Spark 地址",
            "Spark 集群：local[2]、spark://主机:7077、yarn、k8s://…，或 Spark Connect 地址 sc://主机:15002",
            default=DEFAULT_SPARK_MASTER,
        ),
    )
    tables: Text | None = Field(
        default=None,
        json_schema_extra=info(
            "目录地址",
            "集群读取结算明细 Parquet 文件的目录，如 hdfs:///medaid/某省（其下 settlements/ 按地区、年、月分区）",
            default="不设置：由 medaid 把所需数据随作业发给集群",
        ),
    )


class WorkspaceFile(FileModel):
    """``medaid.yaml``: the settings of one workspace (written by ``medaid init``)."""

    region: Text | None = Field(
        default=None, json_schema_extra=info("文字", "地区名称，用于报告和台账标题", default="空")
    )
    year: Annotated[int, BeforeValidator(_year), Field(ge=1990, le=2100)] | None = Field(
        default=None, json_schema_extra=info("整数（1990–2100）", "评价年度；命令不写 --year 时使用", default="无")
    )
    framework: Text | None = Field(
        default=None, json_schema_extra=info("文字", "评价框架：文件路径或内置名称（medaid frameworks）", default="无")
    )
    policy: Text | None = Field(
        default=None,
        json_schema_extra=info("文字", "政策参数：文件路径或内置地区（medaid policy list）", default="default"),
    )
    key_file: Text | None = Field(
        default=None,
        json_schema_extra=info(
            "文字（路径）", "个人信息密钥文件，相对工作区；设置 MEDAID_KEY 时不用", default=KEY_FILE
        ),
    )
    warnings: WarningsFile | None = Field(default=None, json_schema_extra=info("映射", "高额费用预警"))
    budget: BudgetFile | None = Field(default=None, json_schema_extra=info("映射", "预算安排"))
    report: ReportInfo | None = Field(default=None, json_schema_extra=info("映射", "报告封面"))
    engine: Engine | None = Field(
        default=None,
        json_schema_extra=info(
            "duckdb 或 spark", "分析引擎：duckdb 在本机计算；spark 在 Spark 集群上计算（见 spark）", default="duckdb"
        ),
    )
    spark: SparkFile | None = Field(default=None, json_schema_extra=info("映射", "Spark 集群（engine: spark 时）"))


@dataclass
class Settings:
    """The workspace settings other modules read (and the pipeline edits before saving)."""

    region: str = ""
    year: int | None = None
    framework: str | None = None
    policy: str | None = None  # a policy file or shipped region (medaid policy list); default: the national template
    key_file: str = KEY_FILE
    warning_threshold: Decimal = DEFAULT_WARNING_THRESHOLD
    warning_groups: dict[str, Decimal] = field(default_factory=dict)  # group → threshold (元)
    budget_planned: dict[str, Decimal] = field(default_factory=dict)  # 计划安排的各级资金 (元) by source
    opening_balance: Decimal | None = None  # 上年结余 (元), when the fund file has no such line
    report: dict[str, str] = field(default_factory=dict)  # the report's cover (ReportInfo's keys)
    engine: Engine = "duckdb"  # MEDAID_ENGINE overrides (store.engine.choice)
    spark_master: str | None = None  # MEDAID_SPARK_MASTER overrides; default DEFAULT_SPARK_MASTER
    spark_tables: str | None = None  # MEDAID_SPARK_TABLES overrides; default: the workspace's own tables

    def key_path(self, root: Path) -> Path:
        """The key file of the workspace at ``root`` (``key_file`` is relative to it unless absolute)."""
        path = Path(self.key_file)
        return path if path.is_absolute() else root / path

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
            "report": {k: self.report.get(k) for k in REPORT_KEYS},
            "engine": self.engine,
            "spark": {"master": self.spark_master, "tables": self.spark_tables},
        }
        header = "# medaid 工作区设置。修改后下次运行生效。\n"
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    @staticmethod
    def from_model(spec: WorkspaceFile) -> Settings:
        warnings, budget, spark = (
            spec.warnings or WarningsFile(),
            spec.budget or BudgetFile(),
            spec.spark or SparkFile(),
        )
        return Settings(
            region=spec.region or "",
            year=spec.year,
            framework=spec.framework or None,
            policy=spec.policy or None,
            key_file=spec.key_file or KEY_FILE,
            warning_threshold=warnings.threshold,
            warning_groups=dict(warnings.groups or {}),
            budget_planned=dict(budget.planned or {}),
            opening_balance=budget.opening_balance,
            report={k: v for k, v in (spec.report or ReportInfo()).model_dump().items() if v},
            engine=spec.engine or "duckdb",
            spark_master=spark.master or None,
            spark_tables=spark.tables or None,
        )

    @staticmethod
    def from_file(path: Path) -> Settings:
        """Read medaid.yaml; SettingsError naming the file, the line and the key."""
        return Settings.from_model(typed_yaml.load(path, WorkspaceFile, error=SettingsError))


# --- environment variables ---------------------------------------------------------------


def field_help(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The help of one field (kind, help, default_text, secret), by field name or alias."""
    for key, info in model.model_fields.items():
        if name in (key, info.alias):
            extra = info.json_schema_extra
            return dict(extra) if isinstance(extra, dict) else {}
    return {}
