"""What a workspace's pages are computed from, and a cache that keeps each result until that changes.

A page is read far more often than the data change. The data are: the store file (imports,
verification runs), the settings, the kept surveys, and in the app database the judged scores, the
follow-ups of findings and of warnings, the cases and the 回访; and the day (a waiting step becomes
late). Signing in, a refused request or an export changes none of them, so none of them renews the
cache. Requests that arrive while a result is being computed wait for that one computation instead of
starting their own.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
KEPT = 64  # results kept per process (the least recently used goes first)

_results: OrderedDict[Hashable, tuple[tuple[object, ...], object]] = OrderedDict()
_locks: dict[Hashable, threading.Lock] = {}
_guard = threading.Lock()


def data_version(root: Path) -> tuple[object, ...]:
    """A value that changes whenever the data a page shows may have changed."""
    from sqlalchemy import func, select

    from medaid.store.app import AppWarning, WarningEvent, session_for
    from medaid.store.cases import CaseBill, CaseEvent
    from medaid.store.follow_ups import FindingFollowUp
    from medaid.store.judgments import JudgmentRow
    from medaid.store.visits import VisitPlan, VisitRecord

    marks: list[object] = []
    for name in ("store.duckdb", "store.duckdb.wal", "medaid.yaml", "surveys"):
        path = root / name
        stat = path.stat() if path.exists() else None
        marks.append((stat.st_mtime_ns, stat.st_size) if stat else None)
    # Each change of a warning appends a WarningEvent (a push, an amount updated, a follow-up): the latest
    # event and the latest warning stand for them all, and a maximum of a primary key is read from its index.
    # Over every workspace of a shared app database: another workspace's push renews this one's results too (a
    # computation more, never a stale page), and no store is opened for the workspace's key on every request.
    # Likewise a case's every change appends a CaseEvent (opened, each step, an objection), its bills a CaseBill,
    # and 回访 a VisitPlan or a VisitRecord: the case metrics an evaluation binds are computed from them.
    columns = (JudgmentRow.id, FindingFollowUp.id, WarningEvent.id, AppWarning.id, CaseEvent.id, CaseBill.id,
               VisitPlan.id, VisitRecord.id)  # fmt: skip
    with session_for(root) as session:  # one query: the latest of each
        marks.extend(session.execute(select(*(select(func.max(c)).scalar_subquery() for c in columns))).one())
    marks.append(dt.date.today())  # a case step still waiting becomes overdue with the day, nothing else changing
    return tuple(marks)


def cached(root: Path, name: str, key: Hashable, compute: Callable[[], T], *, refresh: bool = False) -> T:
    """``compute()`` for (workspace, name, key), kept while :func:`data_version` stays the same;
    ``refresh``: compute again whatever the version (a user's 重新计分)."""
    slot = (str(root.resolve()), name, key)
    version = data_version(root)
    with _guard:
        lock = _locks.setdefault(slot, threading.Lock())
    with lock:  # one computation per slot at a time; the others wait for it and take its result
        with _guard:
            kept = _results.get(slot)
            if kept is not None and kept[0] == version and not refresh:
                _results.move_to_end(slot)
                return kept[1]  # type: ignore[return-value]
        result = compute()
        with _guard:
            _results[slot] = (version, result)
            _results.move_to_end(slot)
            while len(_results) > KEPT:
                _results.popitem(last=False)
        return result
