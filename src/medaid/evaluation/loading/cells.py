"""One table cell as the readers compare it: its text (``clean``), its header key (``key``) and
the bracketed suffixes exported headers carry (``header_key``: "全年预算数(A)", "执行率(%)",
"得分(20分*执行率)")."""

from __future__ import annotations

import re
import unicodedata

_EMPTY = {"", "——", "—", "-", "/", "－", "無", "无"}
_SUFFIX = re.compile(r"\(([^()]*)\)$")


def clean(cell: object) -> str:
    """A cell's text; a dash, a slash or 无 is an empty cell."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    return "" if unicodedata.normalize("NFKC", text) in _EMPTY else text


def key(cell: object) -> str:
    """A header or label cell compared without spaces and width differences ("一级\\n指标" → 一级指标)."""
    return "".join(unicodedata.normalize("NFKC", clean(cell)).split())


def header_key(cell: object) -> tuple[str, tuple[str, ...]]:
    """A header cell without its trailing bracketed parts, and those parts in order:
    "全年预算数（A）" → ("全年预算数", ("A",)); "预算执行情况（万元）（20分）" → ("预算执行情况", ("万元", "20分")).
    A bracket inside the name stays ("指标(目标)值")."""
    text = key(cell)
    suffixes: list[str] = []
    while (match := _SUFFIX.search(text)) and match.start() > 0:
        suffixes.insert(0, match.group(1))
        text = text[: match.start()]
    return text, tuple(suffixes)


_POINTS = re.compile(r"^(\d+(?:\.\d+)?)分")


def suffix_points(suffixes: tuple[str, ...]) -> str | None:
    """The points a header suffix gives: "(20分)" and "(20分*执行率)" → "20"."""
    for suffix in suffixes:
        match = _POINTS.match(suffix)
        if match:
            return match.group(1)
    return None
