"""Policy parameter files (contract 4): dated YAML per region, looked up by date.

This module reads what verification needs today — the 医疗救助 parameters by category
(threshold, ratio, annual limit) — and checks them; the full settlement chain reads the
same files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import yaml

from medaid.errors import Location, MedaidError
from medaid.ingest.vocab import CATEGORIES


class PolicyError(MedaidError):
    """A policy file is invalid."""


@dataclass(frozen=True)
class Assistance:
    """医疗救助 for one category: yearly threshold (元), ratio, yearly limit (元) shared by
    outpatient and inpatient care."""

    category: str
    threshold: Decimal
    ratio: Decimal
    annual_limit: Decimal | None


@dataclass(frozen=True)
class Policy:
    region: str
    valid_from: dt.date
    source: str
    assistance: dict[str, Assistance]
    file: str
    digest: str


def default_dir() -> Path:
    return Path(str(resources.files("medaid.policy") / "params"))


def _decimal(value: object, file: str, key: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except ArithmeticError as err:
        raise PolicyError(
            f"参数 {key} 应为数字，实际为“{value}”", where=Location(file=file, key=key), fix="请改为数字"
        ) from err
    if not number.is_finite():
        raise PolicyError(f"参数 {key} 不是有效数字", where=Location(file=file, key=key), fix="请改为数字")
    return number


def load_policy(path: Path) -> Policy:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as err:
        raise PolicyError(
            f"无法读取政策参数文件（{err}）", where=Location(file=file), fix="请检查文件路径与 YAML 格式"
        ) from err
    if not isinstance(raw, dict):
        raise PolicyError("政策参数文件内容不是键值对", where=Location(file=file), fix="格式见 DESIGN 契约 4")
    valid_from = raw.get("valid_from")
    if not isinstance(valid_from, dt.date):
        raise PolicyError("缺少或无法识别 valid_from（生效日期）", where=Location(file=file, key="valid_from"),
                          fix="请写成 2023-01-01")  # fmt: skip
    assistance: dict[str, Assistance] = {}
    for category, spec in (raw.get("assistance") or {}).items():
        key = f"assistance.{category}"
        if category not in CATEGORIES:
            raise PolicyError(f"未知的救助类别“{category}”", where=Location(file=file, key=key),
                              fix=f"可用：{'、'.join(CATEGORIES)}")  # fmt: skip
        if not isinstance(spec, dict) or "ratio" not in spec:
            raise PolicyError("应写明 threshold、ratio、annual_limit", where=Location(file=file, key=key),
                              fix="如 {threshold: 0, ratio: 0.7, annual_limit: 60000}")  # fmt: skip
        ratio = _decimal(spec["ratio"], file, f"{key}.ratio")
        if not Decimal(0) <= ratio <= Decimal(1):
            raise PolicyError(f"救助比例 {ratio} 不在 0–1 之间", where=Location(file=file, key=f"{key}.ratio"),
                              fix="比例请写小数，如 70% 写 0.7")  # fmt: skip
        limit = spec.get("annual_limit")
        assistance[category] = Assistance(
            category=category,
            threshold=_decimal(spec.get("threshold", 0), file, f"{key}.threshold"),
            ratio=ratio,
            annual_limit=None if limit is None else _decimal(limit, file, f"{key}.annual_limit"),
        )
    return Policy(
        region=str(raw.get("region") or ""),
        valid_from=valid_from,
        source=str(raw.get("source") or ""),
        assistance=assistance,
        file=file,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def policy_for(region_dir: Path, on: dt.date) -> Policy:
    """The file of a region in force on a date (the latest valid_from not after it)."""
    candidates = sorted(region_dir.glob("*.yaml"))
    policies = [load_policy(p) for p in candidates]
    in_force = [p for p in policies if p.valid_from <= on]
    if not in_force:
        raise PolicyError(f"{on} 没有生效的政策参数", where=Location(file=str(region_dir)),
                          fix="请添加 valid_from 不晚于该日期的参数文件")  # fmt: skip
    return max(in_force, key=lambda p: p.valid_from)


def default_policy(on: dt.date) -> Policy:
    return policy_for(default_dir() / "default", on)
