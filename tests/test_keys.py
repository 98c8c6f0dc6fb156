"""The key is checked (a wrong key changes nothing) and can be changed, safely, on generated people."""

from __future__ import annotations

import hashlib
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.demo.people import make_people
from medaid.errors import MedaidError
from medaid.services import keys as key_service
from medaid.services.imports import import_file
from medaid.services.keys import finish_rotation, rotate_key
from medaid.services.verification import verify_month
from medaid.services.warnings import push_warnings
from medaid.store import app, bulk
from medaid.store.crypto import ENV_VAR, KeyRing, read_key_file, write_key_file
from medaid.store.keys import (
    FINGERPRINT_KEY,
    KeyRotationError,
    WrongKeyError,
    check_key,
    fingerprint,
    person_tables,
    rotating_path,
    stored_fingerprint,
)
from medaid.store.schema import LABELS
from medaid.store.scratch import SCRATCH
from medaid.workspace import Workspace

A, B, C, D, E, F = PEOPLE = make_people(6, seed=1010)
REC = "身份证号,姓名,救助类别,认定部门,生效日期,终止日期"
SET = "结算编号,身份证号,姓名,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"
SUB = "身份证号,年度,救助类别,个人缴费标准,资助金额"
TABLES = ("persons", "recipients", "deaths", "settlements", "replaced_settlements", "subsidies", "registry_intervals",
          "verification_findings")  # fmt: skip


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


@pytest.fixture(autouse=True)
def _own_key_and_app_database(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)  # the workspace's own SQLite app database
    monkeypatch.delenv(ENV_VAR, raising=False)  # the workspace's key file


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A workspace with people in every table that joins on person_key, and warnings in the app database."""
    data = tmp_path_factory.mktemp("data")
    ws = Workspace.init(tmp_path_factory.mktemp("template") / "ws", region="示例县", year=2023)
    import_file(ws.root, "recipients", write(data / "r.csv", REC, [
        f"{A.id_number},{A.name},低保对象,民政,2023-01-01,",
        f"{B.id_number},{B.name},特困人员,民政,2023-01-01,",
        f"{C.id_number},{C.name},低保边缘家庭成员,民政,2023-01-01,2023-04-30",
        f"{D.id_number},{D.name},低保对象,乡村振兴,2023-01-01,",
    ]))  # fmt: skip
    import_file(ws.root, "deaths", write(data / "d.csv", "身份证号,死亡日期", [f"{D.id_number},2023-06-15"]))
    import_file(ws.root, "settlements", write(data / "s.csv", SET, [
        f"SA1,{A.id_number},{A.name},住院,二级,2023-07-03,30100.00,30000.00,10000.00,0,0",
        f"SB1,{B.id_number},{B.name},门诊,一级,2023-07-10,1200.00,1000.00,600.00,0,280.00",
        f"SD1,{D.id_number},{D.name},门诊,一级,2023-07-05,300.00,250.00,150.00,0,100.00",
        f"SE1,{E.id_number},{E.name},住院,三级,2023-07-20,40100.00,40000.00,20000.00,0,0",
        f"SF1,{F.id_number},,门诊,一级,2023-07-07,100.00,80.00,40.00,0,30.00",  # a person with no name
    ]))  # fmt: skip
    import_file(ws.root, "settlements", write(data / "s2.csv", SET, [  # SA1 was B's: the old version is kept
        f"SA1,{B.id_number},{B.name},住院,二级,2023-07-03,30100.00,30000.00,10000.00,0,0",
    ]), replace=True, reason="医保系统更正")  # fmt: skip
    import_file(ws.root, "subsidies", write(data / "b.csv", SUB, [
        f"{A.id_number},2023,低保对象,350.00,315.00",
        f"{B.id_number},2023,特困人员,350.00,350.00",
    ]))  # fmt: skip
    verify_month(ws.root, "2023-07")
    push_warnings(ws.root, "2023-12-31", actor="测试")
    ring = ws.key()
    with ws.connect() as con:
        check_key(con, ring)  # a workspace made before init recorded it: the first check records it
    return ws.root


@pytest.fixture
def ws(template: Path, tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(template, root, ignore=shutil.ignore_patterns(SCRATCH))
    return Workspace.open(root)


def counts(ws: Workspace) -> dict[str, int]:
    with ws.connect(read_only=True) as con:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES}


def files(ws: Workspace) -> dict[str, str]:
    """Every file of the workspace by its SHA-256 (the scratch space aside)."""
    return {str(p.relative_to(ws.root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(ws.root.rglob("*")) if p.is_file() and SCRATCH not in p.parts}  # fmt: skip


def identities(ws: Workspace, ring: KeyRing) -> dict[str, tuple[str, str | None]]:
    """person_key → (身份证号, 姓名), every person decrypted with ``ring``."""
    with ws.connect(read_only=True) as con:
        rows = con.execute("SELECT person_key, id_cipher, name_cipher FROM persons").fetchall()
    return {k: (ring.decrypt(i), None if n is None else ring.decrypt(n)) for k, i, n in rows}


def rows(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but persons, person_key last, in one order."""
    with ws.connect(read_only=True) as con:
        found = {t: con.execute(f"SELECT * EXCLUDE (person_key), person_key FROM {t}").fetchall() for t in TABLES[1:]}
    return {t: sorted(rs, key=repr) for t, rs in found.items()}


def remap(found: dict[str, list[tuple[object, ...]]], moved: dict[str, str]) -> dict[str, list[tuple[object, ...]]]:
    """The same rows with each person_key replaced by its new one."""
    return {t: sorted(((*r[:-1], moved[str(r[-1])]) for r in rs), key=repr) for t, rs in found.items()}


def warning_keys(ws: Workspace) -> dict[int, str]:
    with app.session_for(ws.root) as session:
        return {i: k for i, k in session.execute(select(app.AppWarning.id, app.AppWarning.person_key))}


# the key is checked


def test_the_fingerprint_is_one_way_and_per_key():
    one, two = KeyRing.generate(), KeyRing.generate()
    assert fingerprint(one) == fingerprint(KeyRing(one.secret)) != fingerprint(two)
    assert len(fingerprint(one)) == 64 and one.secret.hex() not in fingerprint(one)
    assert fingerprint(one) not in {one.person_key(p.id_number) for p in PEOPLE}


def test_a_wrong_key_is_refused_and_nothing_changes(ws: Workspace):
    before_counts, before_files = counts(ws), files(ws)
    with ws.connect() as con, pytest.raises(WrongKeyError, match="密钥与工作区不符") as refused:
        check_key(con, KeyRing.generate(), key_path=ws.key_path)
    assert "没有读取或修改任何数据" in refused.value.fix and "MEDAID_KEY" in refused.value.fix
    assert refused.value.where.file == str(ws.key_path)
    assert counts(ws) == before_counts and files(ws) == before_files
    ring = ws.key()
    with ws.connect(read_only=True) as con:
        check_key(con, ring)  # the right key passes


def test_an_older_store_is_checked_against_a_ciphertext_then_given_its_fingerprint(ws: Workspace):
    ring = ws.key()
    with ws.connect() as con:
        con.execute("DELETE FROM meta WHERE key = ?", [FINGERPRINT_KEY])
        with pytest.raises(WrongKeyError):
            check_key(con, KeyRing.generate())
        assert stored_fingerprint(con) is None  # a refused key records nothing
    with ws.connect(read_only=True) as con:
        check_key(con, ring)  # verified; a read-only connection writes nothing
        assert stored_fingerprint(con) is None
    with ws.connect() as con:
        check_key(con, ring)
        assert stored_fingerprint(con) == fingerprint(ring)


def test_an_empty_older_store_takes_the_first_key(tmp_path: Path):
    ws = Workspace.init(tmp_path / "ws")
    with ws.connect() as con:
        con.execute("DELETE FROM meta WHERE key = ?", [FINGERPRINT_KEY])
    ring = ws.key()
    with ws.connect() as con:
        check_key(con, ring)  # no one encrypted yet: nothing to check against
        assert stored_fingerprint(con) == fingerprint(ring)


def test_a_new_workspace_records_its_key_fingerprint(tmp_path: Path):
    ws = Workspace.init(tmp_path / "ws")
    ring = ws.key()
    with ws.connect(read_only=True) as con:
        assert stored_fingerprint(con) == fingerprint(ring)


def test_the_workspace_refuses_a_wrong_key_file(ws: Workspace):
    ws.key_path.unlink()
    write_key_file(ws.key_path, KeyRing.generate())
    with pytest.raises(WrongKeyError):
        ws.key()


# the key is changed


def test_rotation_re_encrypts_and_re_keys_everything(ws: Workspace):
    old = ws.key()
    before_people, before_counts, before_warnings = identities(ws, old), counts(ws), warning_keys(ws)
    before_rows = rows(ws)
    assert len(before_warnings) == 2 and sorted(person_tables_of(ws)) == sorted(TABLES)
    with ws.connect(read_only=True) as con:
        old_ciphers = [bytes(r[0]) for r in con.execute("SELECT id_cipher FROM persons").fetchall()]
    assert all(c in ws.store_path.read_bytes() for c in old_ciphers)  # the byte scan sees them

    result = rotate_key(ws.root)

    new = ws.key()
    assert new != old and stat.S_IMODE(ws.key_path.stat().st_mode) == 0o600
    assert not rotating_path(ws.key_path).exists()
    after_people = identities(ws, new)
    assert sorted(after_people.values(), key=str) == sorted(before_people.values(), key=str)
    assert all(k == new.person_key(i) for k, (i, _) in after_people.items())
    moved = {k: new.person_key(i) for k, (i, _) in before_people.items()}  # old key → new key
    assert set(moved.values()) == set(after_people)
    assert rows(ws) == remap(before_rows, moved) != before_rows
    assert warning_keys(ws) == {i: moved[k] for i, k in before_warnings.items()}
    assert counts(ws) == before_counts
    assert result.outcome == "rotated" and result.people == len(PEOPLE) == before_counts["persons"]
    assert result.tables == {t: n for t, n in before_counts.items() if t != "persons"}
    assert result.app_warnings == 2 and result.app_warnings_other == 0
    assert result.app_rows == dict.fromkeys(("cases", "case_members", "case_documents", "visit_targets"), 0)
    assert result.to_dict()["fingerprint"] == fingerprint(new) and "已更换密钥" in result.to_dict()["message"]
    assert "结算明细 5 行" in result.message and "settlements" not in result.message  # tables as people name them
    with ws.connect(read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    assert tables - {"meta", bulk.FILES} == set(LABELS) - set(bulk.TABLES)  # settlements: Parquet (store.bulk)
    stored_file = ws.store_path.read_bytes()  # the old ciphertexts are not left in the file's freed blocks
    assert old_ciphers and not [c for c in old_ciphers if c in stored_file]
    retired = result.retired_key  # the backups made before still need the old key: it is kept, owner-only
    assert retired is not None and read_key_file(retired) == old and stat.S_IMODE(retired.stat().st_mode) == 0o600
    assert str(retired) in result.message and retired.parent == ws.key_path.parent
    with ws.connect() as con, pytest.raises(WrongKeyError):
        check_key(con, old)
    assert finish_rotation(ws.root).outcome == "nothing"


def person_tables_of(ws: Workspace) -> list[str]:
    with ws.connect(read_only=True) as con:
        return person_tables(con)


def test_an_interrupted_rotation_is_finished(ws: Workspace, monkeypatch):
    old = ws.key()
    before_people, before_warnings = identities(ws, old), warning_keys(ws)

    def crash(*_args: object) -> int:
        raise RuntimeError("killed after the store's commit")

    with monkeypatch.context() as patched:
        patched.setattr(key_service, "_rekey_app", crash)
        with pytest.raises(RuntimeError):
            rotate_key(ws.root)
    staged = rotating_path(ws.key_path)
    new = read_key_file(staged)
    assert read_key_file(ws.key_path) == old  # the old key file is still in place …
    with ws.connect(read_only=True) as con:
        assert stored_fingerprint(con) == fingerprint(new)  # … but the store is the new key's
        with pytest.raises(WrongKeyError, match="上次更换密钥没有完成"):
            check_key(con, old, key_path=ws.key_path)
    assert warning_keys(ws) == before_warnings

    result = finish_rotation(ws.root)

    assert result.outcome == "finished" and result.app_warnings == 2 and not staged.exists()
    assert ws.key() == new
    moved = {k: new.person_key(i) for k, (i, _) in before_people.items()}
    assert warning_keys(ws) == {i: moved[k] for i, k in before_warnings.items()}
    assert finish_rotation(ws.root).outcome == "nothing"


def test_finishing_twice_after_the_app_database_changes_nothing_more(ws: Workspace, monkeypatch):
    def crash(*_args: object) -> None:
        raise RuntimeError("killed before the rename")

    with monkeypatch.context() as patched:
        patched.setattr(key_service, "_swap", crash)
        with pytest.raises(RuntimeError):
            rotate_key(ws.root)
    keys_then = warning_keys(ws)
    result = rotate_key(ws.root)  # run again: the interrupted rotation is completed, not a new one made
    assert result.outcome == "finished" and result.app_warnings == 0 and result.app_warnings_other == 0
    assert warning_keys(ws) == keys_then
    ring = ws.key()  # checked by the workspace too, once it does (issue 10)
    with ws.connect(read_only=True) as con:
        check_key(con, ring)


def test_a_rotation_killed_before_the_store_changed_is_discarded(ws: Workspace):
    before = files(ws)
    write_key_file(rotating_path(ws.key_path), KeyRing.generate())  # written, then the process died
    result = finish_rotation(ws.root)
    assert result.outcome == "discarded" and files(ws) == before
    write_key_file(rotating_path(ws.key_path), KeyRing.generate())
    assert rotate_key(ws.root).outcome == "rotated"  # the stale new key is dropped and a real rotation made
    ring = ws.key()  # checked by the workspace too, once it does (issue 10)
    with ws.connect(read_only=True) as con:
        check_key(con, ring)


def test_rotation_refuses_and_changes_nothing(ws: Workspace, monkeypatch):
    before = files(ws)
    monkeypatch.setenv(ENV_VAR, ws.key().secret.hex())
    with pytest.raises(KeyRotationError, match="MEDAID_KEY") as refused:
        rotate_key(ws.root)
    assert "密钥文件" in refused.value.fix and "chmod 600" in refused.value.fix
    monkeypatch.delenv(ENV_VAR)
    with ws.connect() as con:  # a settlement of nobody in persons: its new key cannot be computed
        con.execute("BEGIN TRANSACTION")
        added = bulk.store(con, "settlements", "SELECT * REPLACE ('SX1' AS settlement_id, repeat('0', 64) AS "
                           "person_key) FROM settlements LIMIT 1")  # fmt: skip
        con.execute("COMMIT")
        added.settle()
    orphaned = files(ws)
    with pytest.raises(KeyRotationError, match="settlements 表有 1 行"):
        rotate_key(ws.root)
    assert not rotating_path(ws.key_path).exists() and files(ws).keys() == orphaned.keys()
    ring = ws.key()
    with ws.connect(read_only=True) as con:
        check_key(con, ring)  # still the old key's store
    added_files = orphaned.keys() - before.keys()  # the settlement added: one more Parquet file, nothing else
    assert before.keys() <= orphaned.keys() and [k.split("/")[:2] for k in added_files] == [["tables", "settlements"]]


def test_rotation_refuses_a_wrong_key_and_takes_an_older_store(ws: Workspace):
    right = ws.key()
    ws.key_path.unlink()
    write_key_file(ws.key_path, KeyRing.generate())
    before = files(ws)
    with pytest.raises(WrongKeyError):
        rotate_key(ws.root)
    assert files(ws) == before and not rotating_path(ws.key_path).exists()
    ws.key_path.unlink()
    write_key_file(ws.key_path, right)
    with ws.connect() as con:  # a store from before the fingerprint: checked on a ciphertext, then rotated
        con.execute("DELETE FROM meta WHERE key = ?", [FINGERPRINT_KEY])
    assert rotate_key(ws.root).people == len(PEOPLE)
    new = read_key_file(ws.key_path)
    with ws.connect(read_only=True) as con:
        assert stored_fingerprint(con) == fingerprint(new) != fingerprint(right)


def test_rotation_refuses_a_key_file_outside_the_workspace(ws: Workspace, tmp_path: Path):
    """Another workspace may use the same key file: rotating it would lock that one out."""
    shared = tmp_path / "shared" / "medaid.key"
    shared.parent.mkdir()
    write_key_file(shared, ws.key())
    settings = ws.root / "medaid.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("key_file: medaid.key", f"key_file: {shared}"),
                        encoding="utf-8")  # fmt: skip
    before = files(ws)
    with pytest.raises(KeyRotationError, match="不在工作区内") as refused:
        rotate_key(ws.root)
    assert "cp " in refused.value.fix and files(ws) == before and read_key_file(shared) == ws.key()


def test_init_over_a_store_whose_key_is_lost_or_another_is_refused(ws: Workspace, monkeypatch):
    """Was: init recorded the new key's fingerprint over the store's, and the next import doubled everyone."""
    (ws.root / "medaid.yaml").unlink()
    right = read_key_file(ws.key_path)
    ws.key_path.unlink()
    before = counts(ws)
    with pytest.raises(MedaidError, match="却没有它的密钥文件") as lost:
        Workspace.init(ws.root, year=2023)
    assert "恢复" in lost.value.fix and not ws.key_path.exists()
    monkeypatch.setenv(ENV_VAR, KeyRing.generate().secret.hex())
    with pytest.raises(WrongKeyError):
        Workspace.init(ws.root, year=2023)
    monkeypatch.delenv(ENV_VAR)
    write_key_file(ws.key_path, right)  # the key restored: init brings the settings back
    again = Workspace.init(ws.root, year=2023)
    assert counts(again) == before and again.key() == right


def test_init_with_the_key_in_the_environment_makes_no_key_file(tmp_path: Path, monkeypatch):
    ring = KeyRing.generate()
    monkeypatch.setenv(ENV_VAR, ring.secret.hex())
    made = Workspace.init(tmp_path / "ws", year=2023)
    assert not made.key_path.exists() and made.key() == ring
    with made.connect(read_only=True) as con:
        assert stored_fingerprint(con) == fingerprint(ring)
