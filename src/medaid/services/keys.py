"""Changing a workspace's key (``medaid key rotate DIR``), safe against a crash at any point.

The steps, each durable before the next:

1. the new key is written beside the key file as ``medaid.key.rotating`` (0600, flushed);
2. the store is re-keyed in ONE DuckDB transaction together with the new key's fingerprint
   (``store.keys.rekey_store``): from that commit on, the store belongs to the new key; then the
   store file is copied afresh (``engine.rewrite``), so that the old ciphertexts do not linger in
   its freed blocks;
3. the app database in one SQLAlchemy transaction: the workspace's ``warnings.person_key`` (and those
   of the unassigned warnings stored before 0.18, ``store.warnings_store``) re-keyed through the store's
   people, and the workspace's cases, household members, documents and visit targets re-sealed from
   their own ciphertexts (``store.app_keys``); then a SQLite app database is rewritten (VACUUM), so
   that the old ciphertexts do not linger in its freed pages;
4. the old key is kept as ``medaid.key.retired-<its fingerprint's first 8 characters>`` (0600):
   backups made before the rotation still need it; then ``medaid.key.rotating`` is renamed over
   ``medaid.key`` (atomic) and the folder flushed.

A crash leaves ``medaid.key.rotating`` behind; :func:`finish_rotation` (or :func:`rotate_key`
run again) completes the change: before step 2 committed, the unused new key is discarded and
nothing has changed; after it, steps 3 and 4 are done again, skipping what was already done.
Before step 1, every ciphertext of the app database's rows is opened with the old key and checked
(person_key, SHA-256): a row that would stop the rotation half-way is refused while nothing has changed.

The key must be in a key file inside the workspace: with ``MEDAID_KEY`` set, medaid cannot
replace the key the operator holds; a key file elsewhere (``key_file: /somewhere/medaid.key``) may
be shared by other workspaces, which a rotation would lock out. Both are refused, with how to
move the key into the workspace first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location
from medaid.store import engine
from medaid.store.keys import KeyRotationError

if TYPE_CHECKING:
    from medaid.store.crypto import KeyRing

OUTCOMES = {
    "rotated": "已更换密钥",
    "finished": "已完成上次中断的换钥",
    "discarded": "上次换钥在改动数据之前中断：已丢弃未用的新密钥，数据和密钥均未改变",
    "nothing": "没有未完成的换钥",
}


@dataclass
class RotationResult:
    """What a rotation did: people re-encrypted, rows re-keyed per table, warnings re-keyed."""

    outcome: str  # a key of OUTCOMES
    key_file: Path
    people: int = 0
    tables: dict[str, int] = field(default_factory=dict)  # DuckDB table → rows re-keyed
    app_warnings: int = 0  # app-database warnings re-keyed
    app_warnings_other: int = 0  # warnings of people not in this store (another workspace's): left as they are
    app_rows: dict[str, int] = field(default_factory=dict)  # app-database table → rows re-sealed (store.app_keys)
    app_file: Path | None = None  # a SQLite app database that could not be rewritten (in use): old pages may remain
    fingerprint: str | None = None  # of the key in force afterwards
    retired_key: Path | None = None  # the old key, kept for the backups made before the rotation

    @property
    def message(self) -> str:
        text = OUTCOMES[self.outcome]
        if self.outcome == "rotated":
            from medaid.store.schema import LABELS

            rows = "，".join(f"{LABELS.get(t, t)} {n} 行" for t, n in self.tables.items() if t != "persons" and n)
            text += f"：{self.people} 人的身份证号和姓名已用新密钥重新加密；{rows or '无其他数据'}；"
            text += f"应用数据库预警 {self.app_warnings} 条{self._app_text()}"
        elif self.outcome == "finished":
            text += f"：应用数据库预警 {self.app_warnings} 条{self._app_text()}已改用新密钥"
        if self.outcome in ("rotated", "finished"):
            text += f"。新密钥已写入 {self.key_file}，旧密钥从此不能再打开本工作区"
        if self.app_file is not None:
            text += (f"；应用数据库 {self.app_file} 正被其他程序使用，未能压缩，旧密文可能仍留在其空闲页中："
                     f"请停止使用它的程序（如 medaid serve）后运行 sqlite3 {self.app_file} 'VACUUM'")  # fmt: skip
        if self.retired_key is not None:
            text += (f"；旧密钥保留为 {self.retired_key}：换钥前做的备份仍需用它读取，请把它与那些备份一起保管到"
                     "工作区以外，销毁那些备份后即可删除它")  # fmt: skip
        return text

    def _app_text(self) -> str:
        from medaid.store.app_keys import LABELS

        return "".join(f"、{LABELS.get(t, t)} {n} 条" for t, n in self.app_rows.items() if n)

    def to_dict(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "message": self.message,
            "key_file": str(self.key_file),
            "people": self.people,
            "tables": dict(self.tables),
            "app_warnings": self.app_warnings,
            "app_warnings_other": self.app_warnings_other,
            "app_rows": dict(self.app_rows),
            "app_file_not_compacted": str(self.app_file) if self.app_file else None,
            "fingerprint": self.fingerprint,
            "retired_key": str(self.retired_key) if self.retired_key else None,
        }


def rotate_key(root: Path) -> RotationResult:
    """A new key for the workspace at ``root``: every ciphertext re-encrypted and every person_key
    recomputed (store and app database), the new key file swapped in. An earlier rotation left
    unfinished is completed instead (and, if it had changed nothing, a new one is made)."""
    from medaid.store.app_keys import refuse_unknown_columns
    from medaid.store.crypto import KeyRing, read_key_file, write_key_file
    from medaid.store.keys import check_key, fingerprint, rekey_store, rotating_path, stored_fingerprint
    from medaid.store.schema import workspace_id
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    key_path = workspace.key_path
    _refuse_environment_key(key_path)
    _refuse_outside_key(workspace.root, key_path)
    refuse_unknown_columns()
    if rotating_path(key_path).exists():
        earlier = finish_rotation(root)
        if earlier.outcome == "finished":
            return earlier
    old = read_key_file(key_path)
    with workspace.connect() as con:  # held to the end of the store's step: no other writer in between
        check_key(con, old, key_path=key_path)  # a wrong key is refused before anything is written
        space = workspace_id(con)
        _check_app(workspace.root, old, space)  # a row the app step could not move is refused now
        keep = _app_keys(workspace.root, space)
        new = write_key_file(rotating_path(key_path), KeyRing.generate())
        try:
            counts, mapping = rekey_store(con, old, new, keep=keep)
        except BaseException:
            if stored_fingerprint(con) != fingerprint(new):  # rolled back: the new key encrypted nothing
                rotating_path(key_path).unlink(missing_ok=True)
            raise
        con.execute("FORCE CHECKPOINT")  # the write-ahead log folded into the store file
    engine.rewrite(workspace.store_path, workspace.scratch())  # the old key's ciphertexts out of the freed blocks
    rekeyed, resealed, busy = _rekey_app(workspace.root, mapping, old, new, space)
    retired = _retire(key_path)
    _swap(rotating_path(key_path), key_path)
    return RotationResult("rotated", key_path, counts.pop("persons", 0), counts, rekeyed,
                          len(keep) - len(mapping), resealed, busy, fingerprint(new), retired)  # fmt: skip


def finish_rotation(root: Path) -> RotationResult:
    """Complete a rotation a crash interrupted (``medaid.key.rotating`` present); idempotent.

    The store still under the old key: the unused new key is discarded ("discarded"). The store
    under the new key: the app database's warnings not yet re-keyed are (old → new found by
    decrypting the people with the new key and hashing with both), and its cases, documents and
    visit targets still under the old key re-sealed; then the new key file is swapped in
    ("finished"). No rotation pending: "nothing".
    """
    from medaid.store.crypto import read_key_file
    from medaid.store.keys import fingerprint, known_keys, old_to_new, rotating_path, stored_fingerprint
    from medaid.store.schema import workspace_id
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    key_path = workspace.key_path
    staged = rotating_path(key_path)
    if not staged.exists():
        return RotationResult("nothing", key_path)
    _refuse_environment_key(key_path)
    new = read_key_file(staged)
    with workspace.connect() as con:
        stored = stored_fingerprint(con)
        if stored != fingerprint(new):
            old_print = fingerprint(read_key_file(key_path)) if key_path.exists() else None
            if stored is not None and stored != old_print:
                raise KeyRotationError(
                    "无法完成上次中断的换钥：工作区的密钥指纹既不是旧密钥的，也不是新密钥的",
                    where=Location(file=str(staged)),
                    fix=f"请勿删除 {key_path} 和 {staged}；请从备份恢复工作区及其密钥文件后重试。本次没有修改任何数据",
                )
            staged.unlink()  # the store never changed: the new key encrypted nothing
            return RotationResult("discarded", key_path, fingerprint=stored)
        space = workspace_id(con)
        keys = _app_keys(workspace.root, space)
        pending = keys - known_keys(con, keys)  # warnings not yet under the new key
        if pending and not key_path.exists():
            raise KeyRotationError(
                f"无法完成上次中断的换钥：找不到旧密钥文件 {key_path}，应用数据库中的预警无法改用新密钥",
                where=Location(file=str(key_path)),
                fix=f"请从备份恢复旧密钥文件后重新运行 medaid key rotate 工作区；切勿删除 {staged}",
            )
        old = read_key_file(key_path) if key_path.exists() else None  # None: every app row must be the new key's
        mapping = old_to_new(con, old, new, pending) if pending and old is not None else {}
        other = len(pending) - len(mapping)
    engine.rewrite(workspace.store_path, workspace.scratch())  # if the crash came before the rotation's own
    rekeyed, resealed, busy = _rekey_app(workspace.root, mapping, old, new, space)
    retired = _retire(key_path)
    _swap(staged, key_path)
    return RotationResult("finished", key_path, app_warnings=rekeyed, app_warnings_other=other, app_rows=resealed,
                          app_file=busy, retired_key=retired, fingerprint=fingerprint(new))  # fmt: skip


def _refuse_environment_key(key_path: Path) -> None:
    from medaid.environment import variable_set
    from medaid.store.crypto import ENV_VAR

    if variable_set(ENV_VAR):
        raise KeyRotationError(
            f"设置了环境变量 {ENV_VAR}，不能自动更换密钥：medaid 无法替你改写环境变量中的密钥",
            where=Location(key=ENV_VAR),
            fix=f"请改用密钥文件换钥：1. 把当前密钥（{ENV_VAR} 的值）写入 {key_path}，并运行 chmod 600 {key_path}；"
            f"2. 删除环境变量 {ENV_VAR}；3. 重新运行 medaid key rotate 工作区；"
            f"4. 若仍要用环境变量，把新密钥文件的内容设为 {ENV_VAR}。本次没有修改任何数据",
        )


def _refuse_outside_key(root: Path, key_path: Path) -> None:
    """A key file outside the workspace may be another workspace's too: rotating it would lock that one out."""
    if key_path.resolve().parent == root.resolve():
        return
    inside = root / "medaid.key"
    raise KeyRotationError(
        f"密钥文件 {key_path} 不在工作区内，可能还被其他工作区使用：换钥会使那些工作区无法再读取",
        where=Location(file=str(key_path)),
        fix=f"请先把密钥复制到工作区：cp {key_path} {inside} && chmod 600 {inside}，把 medaid.yaml 的 key_file "
        "改为 medaid.key，再运行 medaid key rotate 工作区。本次没有修改任何数据",
    )


def _retire(key_path: Path) -> Path | None:
    """Keep the old key beside the new one (0600), named by its fingerprint: a rotation finished after a
    crash keeps the same copy. None when there is no old key file any more (a finished rotation)."""
    from medaid.store.crypto import read_key_file
    from medaid.store.keys import fingerprint

    if not key_path.exists():
        return None
    old = read_key_file(key_path)
    retired = key_path.with_name(f"{key_path.name}.retired-{fingerprint(old)[:8]}")
    if not retired.exists():
        from medaid.store.crypto import write_key_file

        write_key_file(retired, old)
    return retired


def _app_keys(root: Path, space: str) -> set[str]:
    """The person_keys of the workspace's warnings in the app database (and of the unassigned ones)."""
    from sqlalchemy import select

    from medaid.store.app import AppWarning, session_for
    from medaid.store.app_keys import warnings_of
    from medaid.store.warnings_store import adopt

    with session_for(root) as session:
        adopt(session, root, space)
        return set(session.scalars(select(AppWarning.person_key).where(warnings_of(space)).distinct()))


def _check_app(root: Path, old: KeyRing, space: str) -> None:
    """Every app-database ciphertext of the workspace opens with ``old`` and matches; writes nothing."""
    from medaid.store.app import session_for
    from medaid.store.app_keys import reseal

    with session_for(root) as session:
        reseal(session, old, None, space)


def _rekey_app(root: Path, mapping: dict[str, str], old: KeyRing | None, new: KeyRing,
               space: str) -> tuple[int, dict[str, int], Path | None]:  # fmt: skip
    """In one transaction: warnings old → new (rows already under the new key are not in ``mapping``) and
    the workspace's cases, documents and visit targets re-sealed; then a SQLite file rewritten. Returns the
    warnings re-keyed, the rows re-sealed per table, and the SQLite file if it was in use and not rewritten."""
    from sqlalchemy import select, update

    from medaid.store.app import AppWarning, session_for, url_for
    from medaid.store.app_keys import compact, reseal, warnings_of

    changes: list[dict[str, object]] = []
    with session_for(root) as session:
        if mapping:
            rows = session.execute(select(AppWarning.id, AppWarning.person_key).where(warnings_of(space))).all()
            changes = [{"id": i, "person_key": mapping[k]} for i, k in rows if k in mapping]
        if changes:
            session.execute(update(AppWarning), changes)
        resealed = reseal(session, old, new, space)
    url = url_for(root)
    busy = None if compact(url) else Path(url.removeprefix("sqlite:///"))
    return len(changes), resealed, busy


def _swap(staged: Path, key_path: Path) -> None:
    """The new key file in place of the old, atomically, and the rename flushed to disk."""
    from medaid.store.scratch import replace_durably

    replace_durably(staged, key_path)
