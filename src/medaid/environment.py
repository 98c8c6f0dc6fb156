"""Every ``MEDAID_*`` environment variable in one typed model, with defaults and Chinese help
(listed in docs/settings.md, generated from here). :func:`environment` reads them when asked —
never at import time — and refuses a bad value naming the variable and what is allowed."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr

from medaid import typed_yaml
from medaid.settings import DEFAULT_SPARK_MASTER, Engine, SettingsError, SparkMaster, info
from medaid.typed_yaml import Document, Invalid, Problem

_HEX = re.compile(r"^[0-9a-fA-F]*$")
_SIZE = re.compile(r"^\s*\d+(\.\d+)?\s*(b|bytes?|[kmgt]i?b?|%)\s*$", re.IGNORECASE)


def _key(value: object) -> object:
    text = str(value).strip()
    if not _HEX.match(text):
        raise Invalid("不是十六进制密钥", "请恢复正确的密钥（64 个十六进制字符），或删除该变量而使用密钥文件")
    if len(text) != 64:
        raise Invalid("长度不对（应为 64 个十六进制字符）", "请恢复正确的密钥，或删除该变量而使用密钥文件")
    return text


def _size(value: object) -> object:
    if not _SIZE.match(str(value)):
        raise Invalid(f"“{value}”不是内存大小", "应写成 3GB、512MB 这样的大小；或删除该变量")
    return str(value).strip()


class Environment(BaseModel):
    """Every ``MEDAID_*`` environment variable medaid reads (an empty value counts as unset)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Annotated[SecretStr, BeforeValidator(_key)] | None = Field(
        default=None,
        alias="MEDAID_KEY",
        json_schema_extra=info(
            "64 个十六进制字符", "个人信息密钥；设置后代替工作区的密钥文件", default="不设置（用密钥文件）", secret=True
        ),
    )
    app_url: str | None = Field(
        default=None,
        alias="MEDAID_APP_URL",
        json_schema_extra=info(
            "数据库地址（SQLAlchemy URL）",
            "应用数据库（账户、预警跟踪、审计日志），如 postgresql+psycopg://medaid@db/medaid",
            default="sqlite:///工作区/app.sqlite",
        ),
    )
    duckdb_memory: Annotated[str, BeforeValidator(_size)] | None = Field(
        default=None,
        alias="MEDAID_DUCKDB_MEMORY",
        json_schema_extra=info("内存大小，如 3GB", "分析库 DuckDB 可用的内存上限", default="DuckDB 默认（内存的 80%）"),
    )
    duckdb_threads: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        alias="MEDAID_DUCKDB_THREADS",
        json_schema_extra=info(
            "正整数",
            "分析库 DuckDB 使用的线程数",
            default="DuckDB 默认（CPU 核数）",
            hint="请写正整数，如 2；或删除该变量",
        ),
    )
    engine: Engine | None = Field(
        default=None,
        alias="MEDAID_ENGINE",
        json_schema_extra=info(
            "duckdb 或 spark",
            "分析引擎；设置后代替 medaid.yaml 的 engine",
            default="medaid.yaml 的 engine（duckdb）",
        ),
    )
    spark_master: SparkMaster | None = Field(
        default=None,
        alias="MEDAID_SPARK_MASTER",
        json_schema_extra=info(
            "Spark 地址",
            "Spark 集群（local[2]、spark://主机:7077、yarn、k8s://…）或 Spark Connect 地址 sc://主机:15002；"
            "设置后代替 medaid.yaml 的 spark.master",
            default=f"medaid.yaml 的 spark.master（{DEFAULT_SPARK_MASTER}）",
        ),
    )
    spark_tables: str | None = Field(
        default=None,
        alias="MEDAID_SPARK_TABLES",
        json_schema_extra=info(
            "目录地址",
            "集群读取结算明细 Parquet 文件的目录（hdfs://、s3a://、file://）；设置后代替 medaid.yaml 的 spark.tables",
            default="medaid.yaml 的 spark.tables（不设置：随作业发送）",
        ),
    )
    lock_timeout: Annotated[int, Field(ge=0)] = Field(
        default=300,
        alias="MEDAID_LOCK_TIMEOUT",
        json_schema_extra=info(
            "秒数（0 不等待）",
            "工作区正被另一个命令写入时，最多等待多少秒再放弃",
            default="300",
            hint="请写不小于 0 的整数，如 600",
        ),
    )
    xlsx_max_mb: Annotated[int, Field(ge=1)] = Field(
        default=1024,
        alias="MEDAID_XLSX_MAX_MB",
        json_schema_extra=info(
            "正整数（MB）",
            "一个 Excel 文件解压后的总大小上限；超过即拒绝读取（防止压缩炸弹耗尽内存）",
            default="1024",
            hint="请写正整数，如 2048",
        ),
    )
    xlsx_max_ratio: Annotated[int, Field(ge=1)] = Field(
        default=100,
        alias="MEDAID_XLSX_MAX_RATIO",
        json_schema_extra=info(
            "正整数（倍）",
            "一个 Excel 文件解压后与压缩前大小之比的上限；正常导出的表格远低于此值",
            default="100",
            hint="请写正整数，如 200",
        ),
    )
    web_max_upload_mb: Annotated[int, Field(ge=1, le=10240)] = Field(
        default=200,
        alias="MEDAID_WEB_MAX_UPLOAD_MB",
        json_schema_extra=info(
            "正整数（MB）",
            "网页版（medaid serve）一次请求（上传的文件）的大小上限；超过即答 413，不读取",
            default="200",
            hint="请写 1–10240 的整数，如 500",
        ),
    )
    web_idle_minutes: Annotated[int, Field(ge=1, le=1440)] = Field(
        default=30,
        alias="MEDAID_WEB_IDLE_MINUTES",
        json_schema_extra=info(
            "分钟数",
            "网页版闲置多少分钟后自动退出登录",
            default="30",
            hint="请写 1–1440 的整数，如 15",
        ),
    )
    test_pg_url: str | None = Field(
        default=None,
        alias="MEDAID_TEST_PG_URL",
        json_schema_extra=info(
            "数据库地址",
            "（开发者）测试用的空 PostgreSQL 库；make unit 自动设置",
            default="不设置（跳过 PostgreSQL 测试）",
        ),
    )


ENV_VARIABLES: tuple[str, ...] = tuple(f.alias or n for n, f in Environment.model_fields.items())
# Read by scripts, not by medaid: listed in docs/settings.md and never reported as unknown.
SCRIPT_VARIABLES: dict[str, tuple[str, str]] = {
    "MEDAID_PG_DIR": ("/tmp/medaid-pg-test", "scripts/pg-test-server.sh：测试用 PostgreSQL 的数据目录"),
    "MEDAID_PG_PORT": ("54329", "scripts/pg-test-server.sh：测试用 PostgreSQL 的端口"),
    "MEDAID_TEST_ARTEFACTS": ("test-artefacts", "（开发者）测试产物的目录：网页走查的截图在其 screenshots/ 下"),
}


class EnvironmentVariableError(SettingsError):
    """An environment variable has a value medaid cannot use."""


def _given(environ: Mapping[str, str] | None, names: Iterable[str]) -> dict[str, str]:
    source = os.environ if environ is None else environ
    return {name: source[name] for name in names if source.get(name, "").strip()}


def variable_set(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a variable is given (a non-empty value), whatever it holds."""
    return bool(_given(environ, (name,)))


def environment_problems(environ: Mapping[str, str] | None = None) -> list[Problem]:
    """Every bad variable, each named (for ``medaid config check``)."""
    found = typed_yaml.problems(Environment, Document(_given(environ, ENV_VARIABLES)))
    return found


def environment(environ: Mapping[str, str] | None = None, *, only: Iterable[str] | None = None) -> Environment:
    """The variables, read now from ``environ`` (default: the process environment).

    ``only`` checks just those variables (a component reads its own and is not stopped by
    another's bad value). A bad value raises EnvironmentVariableError naming the variable.
    """
    data = _given(environ, ENV_VARIABLES if only is None else only)
    found = environment_problems(data)
    if found:
        raise EnvironmentVariableError(found[0].what, where=found[0].where, fix=found[0].fix)
    return Environment.model_validate(data)


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[tuple[str, str | None]]:
    """``MEDAID_*`` variables medaid does not know, each with the nearest known name (a typo?)."""
    source = os.environ if environ is None else environ
    known = [*ENV_VARIABLES, *SCRIPT_VARIABLES]
    out: list[tuple[str, str | None]] = []
    for name in sorted(n for n in source if n.startswith("MEDAID_") and n not in known):
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        out.append((name, close[0] if close else None))
    return out
