"""The workspace key is checked, and can be changed.

The store keeps the key's fingerprint in ``meta`` (``key_fingerprint``): HMAC-SM3 keyed with
the whole secret over a fixed label. It is one-way (it reveals nothing of the key) and hashes
no 身份证号 (nobody can test an ID number against it). A key whose fingerprint differs is
refused before anything is read or written (:func:`check_key`); a store from an older medaid,
with no fingerprint yet, is checked against one stored ciphertext instead, and then given one.

Changing the key (:func:`rekey_store`) re-encrypts every ciphertext and recomputes every
``person_key`` of every table in one transaction, with the new fingerprint. The service
``services.keys`` orders it with the key files and the app database so that a crash at any
point can be completed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac

from medaid.errors import Location
from medaid.store import bulk
from medaid.store.crypto import ENV_VAR, KeyRing, KeyRingError, read_key_file
from medaid.store.key_tables import CIPHER_COLUMNS as CIPHER_COLUMNS
from medaid.store.key_tables import KeyRotationError as KeyRotationError
from medaid.store.key_tables import person_tables as person_tables
from medaid.store.key_tables import refuse_unknown_ciphers, rekey_table

FINGERPRINT_KEY = "key_fingerprint"  # the row of ``meta``
FINGERPRINT_LABEL = b"medaid key fingerprint v1"
ROTATING_SUFFIX = ".rotating"  # the new key, beside the key file, while a rotation is under way
CHUNK = 100_000  # people decrypted, hashed and encrypted per round: bounds memory on a province
UNCHANGED = "本次没有读取或修改任何数据"


class WrongKeyError(KeyRingError):
    """The key is not the one the workspace's personal data were encrypted with."""


def fingerprint(ring: KeyRing) -> str:
    """The key's fingerprint (hex, 64 characters): one-way, and no hash of any ID number."""
    mac = hmac.HMAC(ring.secret, hashes.SM3())
    mac.update(FINGERPRINT_LABEL)
    return mac.finalize().hex()


def rotating_path(key_path: Path) -> Path:
    """Where a rotation keeps the new key until it is swapped in: ``medaid.key.rotating``."""
    return key_path.with_name(key_path.name + ROTATING_SUFFIX)


def stored_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The store's key fingerprint; None for a store from an older medaid (or not a store)."""
    if not bulk.has_table(con, "meta"):
        return None
    row = con.execute("SELECT value FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchall()
    return str(row[0][0]) if row else None


def record_fingerprint(con: duckdb.DuckDBPyConnection, ring: KeyRing) -> None:
    """Write ``ring``'s fingerprint into the store (a new workspace at init; inside a rotation)."""
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [FINGERPRINT_KEY, fingerprint(ring)],
    )


def verify_against_persons(con: duckdb.DuckDBPyConnection, ring: KeyRing, *, key_path: Path | None = None) -> None:
    """Refuse ``ring`` unless it opens one stored person (the GCM tag) and hashes that ID to the
    stored ``person_key``; reads one row and writes nothing. A store with no people passes."""
    if not bulk.has_table(con, "persons"):
        return
    row = con.execute("SELECT person_key, id_cipher FROM persons ORDER BY person_key LIMIT 1").fetchall()
    if not row:
        return
    person_key, blob = row[0]
    try:
        opened = ring.person_key(ring.decrypt(bytes(blob))) == person_key
    except (InvalidTag, ValueError):
        opened = False
    if not opened:
        raise _wrong_key(key_path)


def check_key(con: duckdb.DuckDBPyConnection, ring: KeyRing, *, key_path: Path | None = None) -> None:
    """Refuse (WrongKeyError) a key that is not this store's, before anything else is read or written.

    Reads the store's fingerprint and compares. A store without one (from an older medaid) is
    checked against one stored ciphertext (:func:`verify_against_persons`); then, and only then,
    this function WRITES: it records the fingerprint, when ``con`` is writable (autocommitted
    unless the caller has a transaction open). On a read-only connection it writes nothing and
    the same check is made next time. ``key_path``: the key file used, to say which key was
    refused and whether a rotation was left unfinished (MEDAID_KEY, when set, is named instead).
    """
    stored = stored_fingerprint(con)
    if stored is not None:
        if stored != fingerprint(ring):
            raise _wrong_key(key_path, stored=stored)
        return
    verify_against_persons(con, ring, key_path=key_path)
    if not _read_only(con):
        record_fingerprint(con, ring)


def _wrong_key(key_path: Path | None, *, stored: str | None = None) -> WrongKeyError:
    from medaid.environment import variable_set

    if variable_set(ENV_VAR):
        where, source = Location(key=ENV_VAR), f"环境变量 {ENV_VAR} 中的密钥"
    elif key_path is not None:
        where, source = Location(file=str(key_path)), "这个密钥文件"
    else:
        where, source = None, "所给的密钥"
    if key_path is not None and stored is not None and _rotating_fingerprint(key_path) == stored:
        return WrongKeyError(
            "密钥与工作区不符：上次更换密钥没有完成（工作区已改用新密钥，密钥文件还是旧的）",
            where=where,
            fix=f"请重新运行 medaid key rotate 工作区 完成换钥（新密钥在 {rotating_path(key_path)}，切勿删除）；"
            f"{UNCHANGED}",
        )
    return WrongKeyError(
        f"密钥与工作区不符：{source}不是加密本工作区个人信息所用的密钥",
        where=where,
        fix=f"{UNCHANGED}。请找回创建本工作区时生成的密钥文件（默认为工作区中的 medaid.key，或 medaid.yaml 中 key_file "
        f"指向的文件；可从备份恢复，权限须为 600）；若设置了环境变量 {ENV_VAR}，请确认其值与该密钥文件的内容一致，"
        "或删除该变量而使用密钥文件",
    )


def _rotating_fingerprint(key_path: Path) -> str | None:
    try:
        return fingerprint(read_key_file(rotating_path(key_path)))
    except (KeyRingError, OSError):
        return None


def _read_only(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    return bool(row and row[0][0])


def _people(con: duckdb.DuckDBPyConnection) -> Iterator[pa.Table]:
    """The stored people in rounds of ``CHUNK`` (person_key, id_cipher, name_cipher), in a fixed order."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE __people AS "
        "SELECT row_number() OVER (ORDER BY person_key) AS rn, person_key FROM persons"
    )
    count = int(con.execute("SELECT count(*) FROM __people").fetchall()[0][0])
    for first in range(1, count + 1, CHUNK):
        yield con.sql(
            "SELECT p.person_key, p.id_cipher, p.name_cipher FROM __people r JOIN persons p USING (person_key) "
            f"WHERE r.rn BETWEEN {first} AND {first + CHUNK - 1} ORDER BY r.rn"
        ).to_arrow_table()
    con.execute("DROP TABLE __people")


def _decrypt(ring: KeyRing, blob: object) -> str:
    try:
        if not isinstance(blob, bytes | bytearray | memoryview):
            raise ValueError("not a ciphertext")
        return ring.decrypt(bytes(blob))
    except (InvalidTag, ValueError) as err:
        raise KeyRotationError(
            "persons 表中有无法用当前密钥解密的记录（数据可能已损坏）",
            fix="本次没有修改任何数据；请从备份恢复 store.duckdb 后重试",
        ) from err


def rekey_store(
    con: duckdb.DuckDBPyConnection, old: KeyRing, new: KeyRing, *, keep: Iterable[str] = ()
) -> tuple[dict[str, int], dict[str, str]]:
    """Move the store from ``old`` to ``new`` in ONE transaction, opened and committed here:
    every ciphertext re-encrypted, every ``person_key`` of every table recomputed, the new
    fingerprint recorded. Each person is decrypted, hashed and encrypted once.

    Returns the rows changed per table (``persons`` = people) and old → new for the keys in
    ``keep`` (the app database's, re-keyed next). Refuses, changing nothing, a key that is not
    the store's, a ciphertext that does not open, and rows whose person is not in ``persons``.
    """
    written: list[bulk.Written] = []  # the bulk tables' new files, settled once committed
    con.execute("BEGIN TRANSACTION")
    try:
        check_key(con, old)
        refuse_unknown_ciphers(con)
        tables = person_tables(con)
        con.execute("CREATE OR REPLACE TEMP TABLE __keymap (old_key VARCHAR, new_key VARCHAR)")
        for chunk in _people(con):
            old_keys = chunk.column("person_key").to_pylist()
            numbers = [_decrypt(old, b) for b in chunk.column("id_cipher").to_pylist()]
            names = [None if b is None else _decrypt(old, b) for b in chunk.column("name_cipher").to_pylist()]
            fresh = pa.table({
                "old_key": pa.array(old_keys, pa.string()),
                "new_key": pa.array([new.person_key(n) for n in numbers], pa.string()),
                "id_cipher": pa.array([new.encrypt(n) for n in numbers], pa.binary()),
                "name_cipher": pa.array([None if n is None else new.encrypt(n) for n in names], pa.binary()),
            })  # fmt: skip
            con.register("__fresh", fresh)
            con.execute(
                "UPDATE persons SET person_key = f.new_key, id_cipher = f.id_cipher, name_cipher = f.name_cipher "
                "FROM __fresh f WHERE persons.person_key = f.old_key"
            )
            con.execute("INSERT INTO __keymap SELECT old_key, new_key FROM __fresh")
            con.unregister("__fresh")
        counts = {"persons": int(con.execute("SELECT count(*) FROM __keymap").fetchall()[0][0])}
        for table in tables[1:]:
            counts[table] = rekey_table(con, table, written)
        mapping = _mapping_for(con, set(keep))
        con.execute("DROP TABLE __keymap")
        record_fingerprint(con, new)
        con.execute("COMMIT")
    except BaseException:
        bulk.undo(con, written)  # rolled back; files removed unless recorded (a Ctrl-C after COMMIT)
        raise
    for files in written:
        files.settle()  # the files under the old keys removed
    return counts, mapping


def _mapping_for(con: duckdb.DuckDBPyConnection, keys: set[str]) -> dict[str, str]:
    con.register("__wanted", pa.table({"old_key": pa.array(sorted(keys), pa.string())}))
    rows = con.execute("SELECT m.old_key, m.new_key FROM __keymap m JOIN __wanted USING (old_key)").fetchall()
    con.unregister("__wanted")
    return {str(o): str(n) for o, n in rows}


def old_to_new(con: duckdb.DuckDBPyConnection, old: KeyRing, new: KeyRing, keys: Iterable[str]) -> dict[str, str]:
    """For a store already under ``new``: old → new for those of ``keys`` that are old-space keys of
    stored people (each person decrypted with ``new`` and hashed with both). Reads only."""
    given = set(keys)
    wanted = given - known_keys(con, given)  # those already new-space keys are done
    mapping: dict[str, str] = {}
    if not wanted:
        return mapping
    for chunk in _people(con):
        for new_key, blob in zip(chunk.column("person_key").to_pylist(), chunk.column("id_cipher").to_pylist(),
                                 strict=True):  # fmt: skip
            old_key = old.person_key(_decrypt(new, blob))
            if old_key in wanted:
                mapping[old_key] = str(new_key)
        if len(mapping) == len(wanted):
            break
    return mapping


def known_keys(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` that are stored people's keys now."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    con.register("__known", pa.table({"person_key": pa.array(wanted, pa.string())}))
    found = con.execute("SELECT person_key FROM persons JOIN __known USING (person_key)").fetchall()
    con.unregister("__known")
    return {str(r[0]) for r in found}
