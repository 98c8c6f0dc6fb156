"""What an actual says of a count rule (counts family; split out of rules/count_reading.py, which re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Count:
    """What an actual says: the count (None: not read), how it was read or why not, and the vetoes
    ("弄虚作假的不得分") it says happened or did not."""

    value: Decimal | None
    how: str
    veto: str | None = None
    cleared: tuple[str, ...] = ()
