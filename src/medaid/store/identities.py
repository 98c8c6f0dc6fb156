"""Plain 身份证号 and names for a role allowed to see them: decrypted from ``persons``
(SM4-GCM) with the workspace key. Callers authorise and log first (``accounts``)."""

from __future__ import annotations

import duckdb

from medaid.store.crypto import KeyRing


def reveal(con: duckdb.DuckDBPyConnection, key: KeyRing, person_keys: set[str]) -> dict[str, tuple[str, str | None]]:
    """person_key → (身份证号, 姓名) for the given people."""
    if not person_keys:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE wanted_keys (person_key VARCHAR)")
    con.executemany("INSERT INTO wanted_keys VALUES (?)", [(k,) for k in sorted(person_keys)])
    rows = con.execute(
        "SELECT p.person_key, p.id_cipher, p.name_cipher FROM persons p JOIN wanted_keys USING (person_key)"
    ).fetchall()
    con.execute("DROP TABLE wanted_keys")
    return {k: (key.decrypt(bytes(i)), None if n is None else key.decrypt(bytes(n))) for k, i, n in rows}
