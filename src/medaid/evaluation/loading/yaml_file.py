"""Read an evaluation file in YAML (contract 1), keeping line numbers for messages."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.build import LINE, Builder
from medaid.evaluation.loading.text import read_text
from medaid.evaluation.model import Framework
from medaid.suggest import yaml_syntax

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present


class _LineLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader that records the line of every mapping under ``__line__``."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    mapping: dict[Hashable, Any] = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_yaml_framework(path: Path) -> Framework:
    text = read_text(path)
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as err:
        what, where, fix = yaml_syntax(err, str(path))
        raise InputFileError(what, where=where, fix=fix) from err
    if not isinstance(raw, dict):
        raise InputFileError(
            "文件内容不是评价文件",
            where=Location(file=str(path)),
            fix="评价文件应以 title:、indicators: 等字段开头，见 docs/formats.md",
        )
    return Builder(file=str(path)).framework(raw)
