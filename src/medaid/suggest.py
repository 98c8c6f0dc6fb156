"""Helping a user fix what they typed: the nearest known word, and YAML syntax errors in Chinese.

Light on purpose (difflib and PyYAML's error types only): every reader of user files uses it,
the quick commands (``medaid audit``) included.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import yaml

from medaid.errors import Location

NEAREST_CUTOFF = 0.6  # difflib's ratio below which a guess would mislead more than help


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a misspelt word, or None when none is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=NEAREST_CUTOFF)
    return close[0] if close else None


_SYNTAX = (
    ("mapping values are not allowed", "这里不能出现“键: 值”（多半是缩进不对，或文字中的“: ”未加引号）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("'\\t'", "含有制表符（Tab）；YAML 只能用空格缩进"),
    ("expected <block end>", "缩进不一致"),
    ("undefined alias", "引用了未定义的锚点（*名称）"),
    ("expected ',' or '}'", "花括号 { } 未闭合或缺少逗号"),
    ("expected ',' or ']'", "方括号 [ ] 未闭合或缺少逗号"),
    ("quoted scalar", "引号未闭合"),
    ("single document", "文件只能包含一个 YAML 文档（不要用 --- 分隔多个）"),
    ("constructor", "不支持的 YAML 标签（如 !!python）"),
    ("duplicate anchor", "锚点（&名称）重复"),
)


def yaml_syntax(err: yaml.YAMLError, file: str | None) -> tuple[str, Location, str]:
    """What, where and how to fix a YAML syntax error, in Chinese (the parser's words are English)."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    text = f"{getattr(err, 'context', '') or ''} {getattr(err, 'problem', '') or ''}"
    what = next((chinese for english, chinese in _SYNTAX if english in text), "YAML 语法错误")
    fix = "请检查该行及上一行的缩进、冒号和引号（含“:”“#”等符号的文字请加引号）"
    return f"YAML 格式错误：{what}", Location(file=file, line=mark.line + 1 if mark else None), fix
