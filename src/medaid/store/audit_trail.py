"""The audit trail (DESIGN contract 6): an append-only, hash-chained (SM3) log in the app database.

Each entry's hash is SM3 over the previous entry's hash and the entry's own fields in a
canonical JSON form, so changing, removing or reordering any entry breaks the chain from
there on; :func:`verify` names the first entry that no longer follows. The chain shows
tampering — it does not prevent it: whoever can write the database can also rewrite the
whole chain, so a copy of the last hash kept elsewhere (a printed report, a second
server) closes that gap (docs/security.md).

What is logged: each unmasked look at identities (allowed or refused, with ``access_log``)
and each evaluator's judgment. The web application (issue 12) adds its own actions here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from sqlalchemy import DateTime, Integer, String, Text, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from medaid.store.app import Base

GENESIS = "0" * 64  # the "previous hash" of the first entry
LOCK_KEY = int.from_bytes(b"auditlog", "big")  # PostgreSQL's advisory lock of the chain's end


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    workspace: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    previous: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


def _digest(previous: str, entry_id: int, at: dt.datetime, actor: str, action: str, workspace: str,
            detail: str) -> str:  # fmt: skip
    body = json.dumps([entry_id, at.isoformat(), actor, action, workspace, detail], ensure_ascii=False,
                      separators=(",", ":"))  # fmt: skip
    h = hashes.Hash(hashes.SM3())
    h.update(previous.encode("ascii"))
    h.update(body.encode("utf-8"))
    return h.finalize().hex()


def append(session: Session, *, actor: str, action: str, workspace: str, detail: dict[str, object]) -> AuditEntry:
    """Add one entry at the end of the chain (in the caller's transaction). Writers take turns: two
    processes appending at once never read the same last entry (:func:`_take_the_end`)."""
    _take_the_end(session)
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    previous = last.hash if last is not None else GENESIS
    entry_id = (last.id if last is not None else 0) + 1
    at = dt.datetime.now().replace(microsecond=0)
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    digest = _digest(previous, entry_id, at, actor, action, workspace, text)
    entry = AuditEntry(id=entry_id, at=at, actor=actor, action=action, workspace=workspace, detail=text,
                       previous=previous, hash=digest)  # fmt: skip
    session.add(entry)
    session.flush()
    return entry


def _take_the_end(session: Session) -> None:
    """Hold the chain's end until the caller's transaction ends. PostgreSQL: an advisory transaction lock.
    SQLite: its one write lock, taken now by an update that changes nothing, rather than at the insert
    after the last entry was read (the driver begins a transaction only before a write). Another
    writer waits for it (the busy timeout, 5 s), then reads the entry this one added."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    elif dialect == "sqlite":
        session.execute(text("UPDATE audit_log SET id = id WHERE id < 0"))


@dataclass(frozen=True)
class Broken:
    """The first entry that does not follow the chain, and why (Chinese)."""

    entry: int
    why: str


def verify(session: Session) -> tuple[int, Broken | None]:
    """How many entries were checked, and the first broken one (None: the chain holds)."""
    previous, expected_id, checked = GENESIS, 1, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        if entry.id != expected_id:
            return checked, Broken(expected_id, f"第 {expected_id} 条记录缺失（下一条是第 {entry.id} 条）")
        if entry.previous != previous:
            return checked, Broken(entry.id, f"第 {entry.id} 条记录所记的上一条哈希与第 {entry.id - 1} 条不符")
        if entry.hash != _digest(previous, entry.id, entry.at, entry.actor, entry.action, entry.workspace,
                                 entry.detail):  # fmt: skip
            return checked, Broken(entry.id, f"第 {entry.id} 条记录的内容与其哈希不符（记录被改动过）")
        previous, expected_id, checked = entry.hash, expected_id + 1, checked + 1
    return checked, None
