"""``medaid config set DIR KEY VALUE``: change one setting of ``medaid.yaml``.

The file is validated as a whole after the change (the same typed model ``medaid init``
writes and every command reads), so a wrong value is refused with the key and what to
write, and the file is left as it was.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from medaid import typed_yaml
from medaid.errors import Location
from medaid.settings import REPORT_KEYS, Settings, SettingsError, WorkspaceFile
from medaid.store.scratch import replace_durably
from medaid.suggest import nearest
from medaid.workspace import SETTINGS_FILE

# The keys that take one value (maps such as budget.planned are edited in the file itself).
SETTABLE = ("region", "year", "framework", "policy", "warnings.threshold", "budget.opening_balance", "engine",
            "spark.master", "spark.tables",
            *(f"report.{k}" for k in REPORT_KEYS))  # fmt: skip


@dataclass(frozen=True)
class ConfigChange:
    key: str
    before: object
    after: object

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "before": self.before, "after": self.after}


def set_config(root: Path, key: str, value: str) -> ConfigChange:
    path = root / SETTINGS_FILE
    if key not in SETTABLE:
        guess = nearest(key, list(SETTABLE))
        raise SettingsError(
            f"不能用 config set 设置“{key}”" + (f"：是否应为 {guess}？" if guess else ""),
            where=Location(file=str(path), key=key),
            fix=f"可设置的项：{'、'.join(SETTABLE)}；映射类设置（如 budget.planned）请直接编辑 medaid.yaml",
        )
    if not path.is_file():
        raise SettingsError("不是 medaid 工作区（找不到 medaid.yaml）", where=Location(file=str(root)),
                            fix="请先运行 medaid init 创建工作区")  # fmt: skip
    document = typed_yaml.read(path, error=SettingsError)
    data = dict(document.data) if isinstance(document.data, dict) else {}
    parent: dict[str, object] = data
    *parents, last = key.split(".")
    for part in parents:
        child = parent.get(part)
        parent[part] = dict(child) if isinstance(child, dict) else {}
        parent = parent[part]  # type: ignore[assignment]
    before = parent.get(last)
    parent[last] = value
    spec = typed_yaml.validate(WorkspaceFile, typed_yaml.Document(data, document.lines, document.file, document.text),
                               error=SettingsError)  # fmt: skip
    text = _edited(document.text, key, _typed(spec, key)) if isinstance(document.data, dict) else None
    if text is None:
        text = Settings.from_model(spec).to_yaml()  # an empty file: written whole, with its header
    temp = path.with_name(f".{path.name}.part")
    temp.write_text(text, encoding="utf-8")
    replace_durably(temp, path)
    return ConfigChange(key, before, value)


def _typed(spec: WorkspaceFile, key: str) -> object:
    """The value as the model read it (2023, not "2023"; 50000 for "5万" is not taken: the model
    refuses what it cannot read), in the form YAML writes it."""
    value: object = spec
    for part in key.split("."):
        value = getattr(value, part, None) if value is not None else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _edited(text: str, key: str, value: object) -> str | None:
    """The file's text with one key changed in place: its comments, order and quoting kept
    (ruamel.yaml's round trip); None when the text cannot be edited so."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 1000
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        return None
    node = data
    *parents, last = key.split(".")
    for part in parents:
        child = node.get(part)
        if not isinstance(child, CommentedMap):
            child = CommentedMap()
            node[part] = child
        node = child
    node[last] = value
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
