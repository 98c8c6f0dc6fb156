"""Typed YAML files: read with the line of every key, validate with pydantic, speak Chinese.

A settings, policy, claim, questionnaire or drafts file is a pydantic model with
``extra="forbid"`` (:class:`FileModel`). :func:`load` reads the file with PyYAML's node tree
so that every mapping key and sequence item keeps its line, validates the data, and turns a
``pydantic.ValidationError`` into the caller's :class:`~medaid.errors.MedaidError` subclass
naming the file, the line, the key path (``assistance.低保对象.ratio``) and, for an unknown
key, the nearest known key at that place. No English text of pydantic or PyYAML reaches the
user: each error type is translated (:func:`translate`), with a Chinese fallback that still
names the key and the line.

Validators in the models raise :class:`Invalid` (a ``ValueError``) with a Chinese ``what``,
an optional ``fix`` and an optional ``at`` (a deeper key path than the validator's own).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from medaid.errors import MedaidError
from medaid.suggest import nearest
from medaid.typed_yaml.core import Document, FileModel, Invalid, KeyPath, Problem, TypedFileError, key_path
from medaid.typed_yaml.reading import parse, read
from medaid.typed_yaml.translate import translate
from medaid.typed_yaml.values import Fen, IsoDate, Number, Text, Yuan

__all__ = ["Document", "Fen", "FileModel", "Invalid", "IsoDate", "KeyPath", "Number", "Problem", "Text",
           "TypedFileError", "Yuan", "key_path", "load", "load_text", "nearest", "parse", "problems", "read",
           "translate", "validate", "validate_mapping"]  # fmt: skip

M = TypeVar("M", bound=BaseModel)


def problems(model: type[BaseModel], document: Document) -> list[Problem]:
    """Everything wrong with the document against the model, first line first; [] when valid."""
    try:
        model.model_validate({} if document.data is None else document.data)
    except ValidationError as err:
        found = [translate(model, e, document) for e in err.errors()]
        return sorted(found, key=lambda p: p.where.line if p.where.line is not None else 1 << 30)
    return []


def validate(model: type[M], document: Document, *, error: type[MedaidError] = TypedFileError) -> M:
    """The document as the model; otherwise ``error`` for the first problem, carrying every problem
    (``error.problems``: the CLI prints each, the JSON error lists them)."""
    try:
        return model.model_validate({} if document.data is None else document.data)
    except ValidationError:
        pass
    found = problems(model, document)
    first = found[0]
    more = f"（另有 {len(found) - 1} 处问题）" if len(found) > 1 else ""
    raised = error(first.what + more, where=first.where, fix=first.fix)
    if len(found) > 1:
        raised.problems = [error(p.what, where=p.where, fix=p.fix) for p in found]  # type: ignore[attr-defined]
    raise raised


def load(path: Path, model: type[M], *, error: type[MedaidError] = TypedFileError) -> M:
    """Read and validate a YAML file."""
    return validate(model, read(path, error=error), error=error)


def load_text(text: str, model: type[M], *, file: str | None = None, error: type[MedaidError] = TypedFileError) -> M:
    """Parse and validate YAML text."""
    return validate(model, parse(text, file=file, error=error), error=error)


def validate_mapping(
    model: type[M], data: Mapping[str, object], *, file: str | None = None, error: type[MedaidError] = TypedFileError
) -> M:
    """Validate data that did not come from a YAML file (a web form): locations name keys only."""
    return validate(model, Document(dict(data), {}, file), error=error)
