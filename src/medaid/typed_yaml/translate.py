"""pydantic's errors in Chinese: each type mapped, the key path, the line, the nearest known key."""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from medaid.errors import Location
from medaid.suggest import nearest
from medaid.typed_yaml.core import Document, Invalid, Problem, key_path


@dataclass
class _Place:
    """What the model says about a place: its type, constraints, help, and the model above."""

    annotation: Any = None
    metadata: list[Any] = field(default_factory=list)
    info: FieldInfo | None = None
    parent: type[BaseModel] | None = None


def _unwrap(annotation: Any, metadata: list[Any]) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation


def _field(model: type[BaseModel], name: str) -> FieldInfo | None:
    for key, info in model.model_fields.items():
        if (info.alias or key) == name:
            return info
    return None


def _place(model: type[BaseModel], loc: tuple[str | int, ...]) -> _Place:
    place = _Place(annotation=model)
    for i, part in enumerate(loc):
        if part == "[key]":
            continue  # the dict step before it took the key type
        annotation = _unwrap(place.annotation, place.metadata)
        origin = get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = _field(annotation, str(part))
            if info is None:
                return _Place(parent=annotation)
            place = _Place(info.annotation, list(info.metadata), info, annotation)
        elif origin in (dict, Mapping) and len(get_args(annotation)) == 2:
            is_key = loc[i + 1 : i + 2] == ("[key]",)
            place = _Place(get_args(annotation)[0 if is_key else 1], info=place.info, parent=place.parent)
        elif origin in (list, tuple) and get_args(annotation):
            place = _Place(get_args(annotation)[0], info=place.info, parent=place.parent)  # the container's help
        else:
            return _Place(parent=place.parent)
    place.annotation = _unwrap(place.annotation, place.metadata)
    return place


def _shown(value: object, place: _Place) -> str:
    extra = place.info.json_schema_extra if place.info is not None else None
    if isinstance(extra, dict) and extra.get("secret"):
        return "（已隐藏）"
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "（键值对）"
    if isinstance(value, list | tuple):
        return "（列表）"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _allowed(place: _Place) -> list[str]:
    annotation = place.annotation
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation) if a != ""]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(m.value) for m in annotation]
    return []


def _bounds(place: _Place) -> str:
    found = {k: getattr(m, k) for m in place.metadata for k in ("ge", "gt", "le", "lt") if hasattr(m, k)}
    low = f"不小于 {found['ge']}" if "ge" in found else (f"大于 {found['gt']}" if "gt" in found else "")
    high = f"不大于 {found['le']}" if "le" in found else (f"小于 {found['lt']}" if "lt" in found else "")
    if "ge" in found and "le" in found:
        return f"应在 {found['ge']} 到 {found['le']} 之间"
    return "应" + "、".join(x for x in (low, high) if x) if low or high else ""


def _help(place: _Place) -> str:
    extra = place.info.json_schema_extra if place.info is not None else None
    return str(extra.get("hint", "")) if isinstance(extra, dict) else ""


_KINDS: dict[str, tuple[str, str]] = {  # error type → (what, fix); {v} the value shown
    "int": ("“{v}”不是整数", "请写整数"),
    "float": ("“{v}”不是数字", "请写数字"),
    "decimal": ("“{v}”不是数字", "请写数字"),
    "bool": ("“{v}”不是是/否", "请写 true 或 false"),
    "date": ("“{v}”不是日期", "请写成 2023-06-01 这样的日期"),
    "dict": ("这里应为键值对（映射）", "请按“键: 值”书写，每个键占一行或写成 {键: 值}"),
    "model": ("这里应为键值对（映射）", "请按“键: 值”书写，每个键占一行或写成 {键: 值}"),
    "list": ("这里应为列表", "请写成 [甲, 乙]，或每项一行、以“- ”开头"),
    "tuple": ("这里应为列表", "请写成 [甲, 乙]，或每项一行、以“- ”开头"),
    "string": ("“{v}”应为文字", "请写文字"),
    "finite": ("“{v}”不是有限的数", "请写数字"),
}


_NOUNS = {"int": "整数", "float": "数字", "decimal": "数字", "finite": "数字", "bool": "是/否", "date": "日期",
          "string": "文字"}  # fmt: skip


def translate(model: type[BaseModel], error: ErrorDetails, document: Document) -> Problem:
    """One pydantic error as a Chinese problem with file, line and key path."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, Invalid):
        loc = (*loc, *cause.at)
    place = _place(model, loc)
    path = tuple(p for p in loc if p != "[key]")
    where = Location(file=document.file, line=document.line(path), key=key_path(path) or None)
    shown, name = _shown(value, place), str(path[-1]) if path else ""
    what, fix = f"“{name}”的值“{shown}”无效" if path else "文件内容无效", "请对照文档改正"
    if kind == "extra_forbidden" and place.parent is not None:
        known = [info.alias or key for key, info in place.parent.model_fields.items()]
        guess = nearest(name, known)
        what = f"未知的键“{name}”" + (f"：是否应为 {guess}？" if guess else "")
        fix = "可用的键：" + "、".join(known)
        hook = getattr(place.parent, "unknown_key", None)  # a model keyed by a vocabulary explains its own
        if guess is None and callable(hook) and (hinted := hook(name)) is not None:
            what, fix = hinted
    elif kind == "missing":
        described = place.info.description if place.info is not None else None
        what = f"缺少“{name}”" + (f"（{described}）" if described else "")
        fix = _help(place) or "请补上这一项"
    elif kind in ("literal_error", "enum"):
        allowed = _allowed(place)
        guess = nearest(str(value), allowed)
        what = f"“{shown}”不是可用的值" + (f"：是否应为 {guess}？" if guess else "")
        fix = "可填：" + "、".join(allowed)
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        what, fix = f"{shown} 超出范围", "；".join(x for x in (_bounds(place), _help(place)) if x)
    elif kind in ("value_error", "assertion_error") and isinstance(cause, Exception):
        what = cause.what if isinstance(cause, Invalid) else str(cause)
        fix = (cause.fix if isinstance(cause, Invalid) else "") or _help(place)
    elif kind in ("too_short", "string_too_short"):
        what, fix = "不能为空", _help(place) or "请至少写一项"
    elif kind == "string_pattern_mismatch":
        what, fix = f"“{shown}”的格式不对", _help(place) or "请对照文档改正"
    else:
        family = next((k for k in _KINDS if kind.startswith(k)), None)
        if family is not None:
            what, fix = _KINDS[family][0].format(v=shown), _help(place) or _KINDS[family][1]
            if value is None and family in _NOUNS:
                what = f"这里应为{_NOUNS[family]}，不能为空"
            elif isinstance(value, Mapping | list | tuple) and family in _NOUNS:
                what = f"这里应为{_NOUNS[family]}，不是{'键值对' if isinstance(value, Mapping) else '列表'}"
            if family == "date" and isinstance(value, dt.datetime):
                what = f"“{shown}”含有时刻，应只写日期"
    if not path and kind in ("model_type", "model_attributes_type", "dict_type"):
        what = "文件内容应为键值对（映射）"
    return Problem(what, where, fix)
