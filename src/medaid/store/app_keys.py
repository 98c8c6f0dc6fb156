"""The app database's rows under the workspace key, and how a key rotation moves them (``services.keys``).

Besides ``warnings.person_key`` (mapped through the store's people, ``store.keys``; the workspace's warnings
and the unassigned ones, :func:`warnings_of`), the cases of
依申请救助 and the people of follow-up visits keep their own keyed hash and SM4-GCM ciphertexts
(``store.cases``, ``store.visits``), and a case's documents their bytes and uploaded file names encrypted.
A person entered on an application need not be in the store, so these rows are re-sealed from their own
ciphertexts: decrypted with the old key, hashed and encrypted with the new. A ciphertext opens with one
key only (SM4-GCM's tag), so a row already under the new key is recognised and skipped: re-sealing is
idempotent, and a rotation finished after a crash does only what is left. Only the workspace's own rows are touched
(several workspaces may share one app database server).

:data:`KEYED` lists every column of the app database whose value depends on the key. A column that looks
keyed (named ``person_key``, ``*_cipher`` or ``*_enc``, or binary) and is not listed is refused before
anything changes (:func:`refuse_unknown_columns`): a table added later is never left under the old key.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator

from cryptography.exceptions import InvalidTag
from sqlalchemy import ColumnElement, LargeBinary, MetaData, or_, select, update
from sqlalchemy.orm import Session

from medaid.store.app import AppWarning, Base
from medaid.store.cases import Case, CaseDocument, CaseMember
from medaid.store.crypto import KeyRing
from medaid.store.key_tables import KeyRotationError
from medaid.store.visits import VisitPlan, VisitTarget

SEALED: dict[str, type[Case] | type[CaseMember] | type[VisitTarget]] = {
    "cases": Case,
    "case_members": CaseMember,
    "visit_targets": VisitTarget,
}  # person_key, id_cipher, name_cipher: re-sealed from their own ciphertexts
PERSON_COLUMNS = ("person_key", "id_cipher", "name_cipher")
KEYED = frozenset({
    ("warnings", "person_key"),  # mapped through the store's people (services.keys)
    *((table, column) for table in SEALED for column in PERSON_COLUMNS),
    ("case_documents", "content"),  # base64 of the document's bytes, encrypted; their SHA-256 in clear
    ("case_documents", "name_cipher"),  # the uploaded file name, encrypted (re-encrypted with the content)
})  # fmt: skip
LABELS = {"cases": "救助案件", "case_members": "案件家庭成员", "case_documents": "申请材料",
          "visit_targets": "回访对象"}  # fmt: skip
CHUNK = 5_000  # rows read, re-sealed and written per round
UNCHANGED = "本次没有修改任何数据"


def warnings_of(workspace: str) -> ColumnElement[bool]:
    """The warnings a rotation of ``workspace`` re-keys: its own, and the unassigned ones (stored before 0.18 on a
    shared app database) of people in its store (only their keys are in the rotation's mapping)."""
    return or_(AppWarning.workspace == workspace, AppWarning.workspace.is_(None))


def keyed_columns(metadata: MetaData) -> set[tuple[str, str]]:
    """The columns of ``metadata`` that look keyed: ``person_key``, ``*_cipher``, ``*_enc``, or binary."""
    return {
        (table.name, column.name)
        for table in metadata.tables.values()
        for column in table.columns
        if column.name == "person_key"
        or column.name.endswith(("_cipher", "_enc"))
        or isinstance(column.type, LargeBinary)
    }


def refuse_unknown_columns(metadata: MetaData | None = None) -> None:
    """Every keyed-looking column of the app database must be one a rotation moves (:data:`KEYED`)."""
    unknown = sorted(keyed_columns(metadata if metadata is not None else Base.metadata) - KEYED)
    if unknown:
        listed = "、".join(f"{t}.{c}" for t, c in unknown)
        raise KeyRotationError(
            f"应用数据库中有换钥不认识的个人信息列：{listed}，换钥会把它们留在旧密钥下",
            fix="请用创建这些列的 medaid 版本换钥，或请开发者把它们加入 store.app_keys.KEYED 并实现其换钥。"
            f"{UNCHANGED}",
        )


def _of_workspace(table: str, workspace: str) -> ColumnElement[bool]:
    if table == "cases":
        return Case.workspace == workspace
    if table == "visit_targets":
        return VisitTarget.plan_id.in_(select(VisitPlan.id).where(VisitPlan.workspace == workspace))
    cases = select(Case.id).where(Case.workspace == workspace)
    return (CaseMember.case_id if table == "case_members" else CaseDocument.case_id).in_(cases)


def _open(blob: bytes, old: KeyRing | None, new: KeyRing | None, where: str) -> tuple[str, bool]:
    """The text of ``blob`` and whether it is already the new key's; KeyRotationError when neither key opens it."""
    for ring, done in ((new, True), (old, False)):
        if ring is None:
            continue
        try:
            return ring.decrypt(bytes(blob)), done
        except (InvalidTag, ValueError):
            continue
    if old is None:
        raise KeyRotationError(
            f"{where}仍是旧密钥加密的，而找不到旧密钥文件，无法完成上次中断的换钥",
            fix="请从备份恢复旧密钥文件 medaid.key 后重新运行 medaid key rotate 工作区；切勿删除 medaid.key.rotating",
        )
    raise KeyRotationError(f"{where}无法用本工作区的密钥解密（数据可能已损坏）",
                           fix=f"请从备份恢复应用数据库后重试。{UNCHANGED}")  # fmt: skip


def _rounds(session: Session, table: str, workspace: str) -> Iterator[list[tuple[int, str, bytes, bytes | None]]]:
    model = SEALED[table]
    last = 0
    while True:
        rows = session.execute(
            select(model.id, model.person_key, model.id_cipher, model.name_cipher)
            .where(_of_workspace(table, workspace), model.id > last).order_by(model.id).limit(CHUNK)
        ).all()  # fmt: skip
        if not rows:
            return
        yield [(int(i), str(k), bytes(c), None if n is None else bytes(n)) for i, k, c, n in rows]
        last = int(rows[-1][0])


def _reseal_people(session: Session, table: str, old: KeyRing | None, new: KeyRing | None, workspace: str) -> int:
    """Re-seal (or, with ``new`` None, only check) the people of ``table``; the rows changed."""
    done = 0
    for chunk in _rounds(session, table, workspace):
        changes: list[dict[str, object]] = []
        for row_id, key, id_blob, name_blob in chunk:
            where = f"{LABELS[table]}（{table} 表第 {row_id} 行）"
            number, already = _open(id_blob, old, new, f"{where}的身份证号")
            if already:
                continue
            assert old is not None  # _open refuses a row under the old key when there is no old key
            if old.person_key(number) != key:
                raise KeyRotationError(f"{where}的关联键与其身份证号不符（数据可能已损坏）",
                                       fix=f"请从备份恢复应用数据库后重试。{UNCHANGED}")  # fmt: skip
            name = None if name_blob is None else _open(name_blob, old, None, f"{where}的姓名")[0]
            if new is not None:
                changes.append({"id": row_id, "person_key": new.person_key(number), "id_cipher": new.encrypt(number),
                                "name_cipher": None if name is None else new.encrypt(name)})  # fmt: skip
        if changes:
            session.execute(update(SEALED[table]), changes)
        done += len(changes)
    return done


def _reseal_documents(session: Session, old: KeyRing | None, new: KeyRing | None, workspace: str) -> int:
    """Re-encrypt (or, with ``new`` None, only check) the documents, one at a time, each against its SHA-256."""
    ids = session.scalars(select(CaseDocument.id).where(_of_workspace("case_documents", workspace))
                          .order_by(CaseDocument.id)).all()  # fmt: skip
    done = 0
    for doc_id in ids:
        blob, digest, name, name_blob = session.execute(
            select(CaseDocument.content, CaseDocument.sha256, CaseDocument.file_name, CaseDocument.name_cipher)
            .where(CaseDocument.id == doc_id)
        ).one()  # fmt: skip
        where = f"申请材料“{name}”（case_documents 表第 {doc_id} 行）"
        text, already = _open(blob, old, new, where)
        if already:
            continue
        if hashlib.sha256(base64.b64decode(text)).hexdigest() != digest:
            fix = f"请从原件重新扫描上传该材料，或从备份恢复应用数据库后重试。{UNCHANGED}"
            raise KeyRotationError(f"{where}的内容与登记时的 SHA-256 不符（材料可能被改动过）", fix=fix)
        original = _open(name_blob, old, None, f"{where}的原文件名")[0]
        if new is not None:
            session.execute(update(CaseDocument).where(CaseDocument.id == doc_id)
                            .values(content=new.encrypt(text), name_cipher=new.encrypt(original)))  # fmt: skip
            done += 1
    return done


def reseal(session: Session, old: KeyRing | None, new: KeyRing | None, workspace: str) -> dict[str, int]:
    """The workspace's cases, household members, documents and visit targets moved from ``old`` to ``new``,
    in the caller's transaction; rows already under ``new`` are skipped (``old`` None: every row must be).
    With ``new`` None, nothing is written: every row is checked to open with ``old`` and to match its
    person_key or SHA-256, as a rotation checks before it changes the store. Returns the rows per table."""
    counts = {table: _reseal_people(session, table, old, new, workspace) for table in ("cases", "case_members")}
    counts["case_documents"] = _reseal_documents(session, old, new, workspace)
    counts["visit_targets"] = _reseal_people(session, "visit_targets", old, new, workspace)
    session.flush()
    return counts


def compact(url: str) -> bool:
    """A SQLite app database rewritten (VACUUM) and its write-ahead log emptied, so that the old key's
    ciphertexts do not linger in freed pages; a server database is left to its own vacuum. False when
    another program held the file past the busy timeout: the rotation stands, the caller says so."""
    if not url.startswith("sqlite"):
        return True
    from sqlalchemy.exc import OperationalError

    from medaid.store.app import make_engine

    engine = make_engine(url)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            con.exec_driver_sql("VACUUM")
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


__all__ = ["KEYED", "LABELS", "compact", "keyed_columns", "refuse_unknown_columns", "reseal"]
