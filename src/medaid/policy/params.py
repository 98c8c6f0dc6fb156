"""Policy parameter files (contract 4): dated YAML per region, looked up by date."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from medaid.errors import Location
from medaid.policy.load import PolicyError, load_policy
from medaid.policy.model import Assistance, Policy

__all__ = ["Assistance", "Policy", "PolicyError", "default_dir", "default_policy", "load_policy", "policy_for",
           "policy_in_force", "regions", "resolve", "resolve_span", "resolve_year"]  # fmt: skip


def default_dir() -> Path:
    return Path(str(resources.files("medaid.policy") / "params"))


def regions() -> dict[str, list[Path]]:
    """Shipped regions and their files, oldest first."""
    return {d.name: sorted(d.glob("*.yaml")) for d in sorted(default_dir().iterdir()) if d.is_dir()}


def policy_for(region_dir: Path, on: dt.date) -> Policy:
    """The file of a region in force on a date (the latest valid_from not after it)."""
    policies = [load_policy(p) for p in sorted(region_dir.glob("*.yaml"))]
    in_force = [p for p in policies if p.valid_from <= on]
    if not in_force:
        raise PolicyError(f"{on} 没有生效的政策参数", where=Location(file=str(region_dir)),
                          fix="请添加 valid_from 不晚于该日期的参数文件")  # fmt: skip
    return max(in_force, key=lambda p: p.valid_from)


def default_policy(on: dt.date) -> Policy:
    return policy_for(default_dir() / "default", on)


def resolve(name: str, on: dt.date) -> Policy:
    """A policy file, or a shipped region (see ``medaid policy list``) in force on a date."""
    path = Path(name)
    if path.is_file():
        return load_policy(path)
    region = default_dir() / name
    if region.is_dir():
        return policy_for(region, on)
    raise PolicyError("找不到政策参数文件或地区", where=Location(file=name), fix="用 medaid policy list 查看内置地区")


def policy_in_force(name: str, on: dt.date) -> Policy | None:
    """Like :func:`resolve`, but None when a shipped region has no file in force on ``on`` (a broken
    file, or a name that is neither a file nor a region, is still an error)."""
    path = Path(name)
    region = default_dir() / name
    if not path.is_file() and region.is_dir():
        policies = [load_policy(p) for p in sorted(region.glob("*.yaml"))]
        in_force = [p for p in policies if p.valid_from <= on]
        return max(in_force, key=lambda p: p.valid_from) if in_force else None
    return resolve(name, on)


def resolve_year(name: str, year: int) -> list[Policy]:
    """Every file of a region in force during a year (a mid-year change gives two), or one file."""
    return resolve_span(name, dt.date(year, 1, 1), dt.date(year, 12, 31))


def resolve_span(name: str, start: dt.date, end: dt.date) -> list[Policy]:
    """Every file of a region in force from ``start`` to ``end``, oldest first, or one file."""
    path = Path(name)
    if path.is_file():
        return [load_policy(path)]
    region = default_dir() / name
    if not region.is_dir():
        return [resolve(name, end)]
    policies = sorted((load_policy(p) for p in region.glob("*.yaml")), key=lambda p: p.valid_from)
    first = [p for p in policies if p.valid_from <= start][-1:]
    during = [p for p in policies if start < p.valid_from <= end]
    chosen = first + during
    if not chosen:
        raise PolicyError(f"{start} 至 {end} 没有生效的政策参数", where=Location(file=str(region)),
                          fix="请添加 valid_from 不晚于该期间末的参数文件")  # fmt: skip
    return chosen
