"""Framework files shipped with medaid: templates, seed transcriptions and examples."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from medaid.errors import InputFileError, Location

GROUPS = {"templates": "模板", "seeds": "评价报告转录", "examples": "示例"}


@dataclass(frozen=True)
class Entry:
    id: str  # e.g. "seeds/liucheng_2023"
    group: str
    path: Path
    title: str
    kind: str | None
    claimed_total: object
    claimed_grade: object

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "group": self.group, "title": self.title, "kind": self.kind,
                "claimed": {"total": self.claimed_total, "grade": self.claimed_grade}}  # fmt: skip


def frameworks_dir() -> Path:
    return Path(str(resources.files("medaid.evaluation") / "frameworks"))


def entries() -> list[Entry]:
    out: list[Entry] = []
    root = frameworks_dir()
    for group in GROUPS:
        for path in sorted((root / group).glob("*.yaml")):
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            claimed = raw.get("claimed") or {}
            out.append(
                Entry(
                    id=f"{group}/{path.stem}",
                    group=group,
                    path=path,
                    title=str(raw.get("title", path.stem)),
                    kind=raw.get("kind"),
                    claimed_total=claimed.get("total"),
                    claimed_grade=claimed.get("grade"),
                )
            )
    return out


def find(name: str) -> Path | None:
    """The shipped file for an id ("seeds/liucheng_2023") or a unique stem ("liucheng_2023")."""
    stem = name.removesuffix(".yaml")
    root = frameworks_dir()
    if "/" in stem:
        group, _, rest = stem.partition("/")
        path = root / group / f"{rest}.yaml"
        return path if group in GROUPS and path.is_file() else None
    matches = [p for group in GROUPS for p in (root / group).glob(f"{stem}.yaml")]
    return matches[0] if len(matches) == 1 else None


def resolve(file: str) -> Path:
    """A path, or the id of a shipped framework (see ``medaid frameworks``)."""
    path = Path(file)
    if path.exists():
        return path
    shipped = find(file)
    if shipped is not None:
        return shipped
    raise InputFileError(
        "文件不存在，也不是内置评价框架的名称",
        where=Location(file=file),
        fix="请检查路径，或用 medaid frameworks 查看内置框架名称",
    )
