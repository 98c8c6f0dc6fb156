"""YAML text → plain data with the line of every mapping key and sequence item."""

from __future__ import annotations

from pathlib import Path

import yaml

from medaid.errors import Location, MedaidError
from medaid.suggest import yaml_syntax
from medaid.typed_yaml.core import Document, KeyPath, Problem, TypedFileError, key_path


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, file: str | None) -> None:
        self.loader = loader
        self.file = file
        self.lines: dict[KeyPath, int] = {}

    def build(self, node: yaml.Node, path: KeyPath) -> object:
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)  # merge keys (<<: *anchor)
            out: dict[str, object] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Refused(Problem("键应为文字", Location(file=self.file, line=line, key=key_path(path))))
                key = str(key_node.value)  # as written: 1, 2023-01-01 and yes stay texts
                here = (*path, key)
                if key in out:
                    what = f"键“{key}”重复（第 {self.lines[here]} 行已有）"
                    raise _Refused(Problem(what, Location(file=self.file, line=line, key=key_path(here)), "请删去一处"))
                self.lines[here] = line
                out[key] = self.build(value_node, here)
            return out
        if isinstance(node, yaml.SequenceNode):
            items: list[object] = []
            for i, item in enumerate(node.value):
                self.lines[(*path, i)] = item.start_mark.line + 1
                items.append(self.build(item, (*path, i)))
            return items
        try:
            return self.loader.construct_object(node)
        except ValueError:  # a YAML date that is no date (2023-13-01)
            where = Location(file=self.file, line=node.start_mark.line + 1, key=key_path(path) or None)
            raise _Refused(Problem(f"“{node.value}”不是有效日期", where, "请写成 2023-06-01 这样的日期")) from None


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.what)
        self.problem = problem


def parse(text: str, *, file: str | None = None, error: type[MedaidError] = TypedFileError) -> Document:
    """YAML text → :class:`Document`; a syntax error names its line."""
    loader = yaml.SafeLoader(text)
    builder = _Builder(loader, file)
    try:
        node = loader.get_single_node()
        data = None if node is None else builder.build(node, ())
    except yaml.YAMLError as err:
        problem = Problem(*yaml_syntax(err, file))
        raise error(problem.what, where=problem.where, fix=problem.fix) from None
    except _Refused as refused:
        raise error(refused.problem.what, where=refused.problem.where, fix=refused.problem.fix) from None
    finally:
        loader.dispose()
    return Document(data, builder.lines, file, text)


def read(path: Path, *, error: type[MedaidError] = TypedFileError) -> Document:
    """A YAML file (UTF-8, with or without BOM) → :class:`Document`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise error("文件不是 UTF-8 编码", where=Location(file=str(path)), fix="请用 UTF-8 编码保存") from err
    except OSError as err:
        what = f"无法读取文件（{err.strerror or type(err).__name__}）"
        raise error(what, where=Location(file=str(path)), fix="请检查路径与权限") from err
    return parse(text, file=str(path), error=error)
