"""A key rotation moves the app database's own personal data too: the cases of 依申请救助 (applicant,
household, documents), the people of follow-up visits, and keeps 追溯救助 "settled once" and the draws
of visit samples checkable. Every keyed-looking column of the app database must be one it moves."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import Column, Integer, LargeBinary, MetaData, String, Table, select

from medaid.cases.model import Application, Declaration, Member, Person
from medaid.cases.visits import Frame
from medaid.demo.people import make_people
from medaid.services import keys as key_service
from medaid.services.audit_log import verify_audit_log
from medaid.services.cases import add_document, document_content, get_case, open_case
from medaid.services.imports import import_file
from medaid.services.keys import finish_rotation, rotate_key
from medaid.services.retroactive import settle_retroactive
from medaid.services.visits import check_draw, plan_progress, plan_visits
from medaid.store import app, app_keys
from medaid.store.app import Base, session_for
from medaid.store.cases import Case, CaseDocument, CaseMember
from medaid.store.crypto import ENV_VAR, KeyRing, read_key_file
from medaid.store.keys import KeyRotationError, fingerprint, rotating_path, stored_fingerprint
from medaid.store.visits import VisitTarget
from medaid.workspace import Workspace
from tests.test_cases_retroactive import APPLIED, CAT, RECOGNISED, policy
from tests.test_warnings import SET, settle, write

P = make_people(24, seed=1511)
A, OUTSIDER = P[0], P[23]  # A: in the data and the applicant; OUTSIDER: a household member in no list
CLERK = {"actor": "医保经办·王", "role": "clerk"}
AS_OF = dt.date(2023, 12, 31)
PERIOD = (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
SCAN = b"%PDF-1.4 \xe8\xaf\x8a\xe6\x96\xad\xe8\xaf\x81\xe6\x98\x8e " + bytes(range(256)) * 4
SAMPLE = {"method": "sample", "margin": Decimal("0.20"), "confidence": Decimal("0.90"), "seed": "换钥-2023"}
MODELS = (Case, CaseMember, VisitTarget)


@pytest.fixture(autouse=True)
def _own_key_and_app_database(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    folder = tmp_path / "policy"
    folder.mkdir()
    policy(folder, "2022-01-01", "{threshold: 1000, ratio: 0.5, annual_limit: 3000}")
    return folder


@pytest.fixture
def ws(tmp_path: Path, policies: Path) -> Workspace:
    """A case (applicant A, a member in no list, a document), a sampled visit plan, A's 追溯救助 settled."""
    ws = Workspace.init(tmp_path / "ws", region="测试县", year=2023)
    rows = [f"{p.id_number},{p.name},低保对象,民政,2023-01-01,,450222101" for p in P[:20]]
    import_file(ws.root, "recipients", write(tmp_path / "r.csv", "身份证号,姓名,救助类别,认定部门,生效日期,终止日期,区划",
                                             rows))  # fmt: skip
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", SET, [
        settle("S1", A, "2022-11-10", "10000.01", "6000.00"),
        settle("S2", A, "2023-03-01", "3000.00", "1000.00"),
    ]))  # fmt: skip
    case = open_case(ws.root, Application(applicant=Person(A.id_number, A.name), category="因病致贫",
                                          applied_on=dt.date(2023, 10, 15),
                                          declaration=Declaration(income_fen=2_400_000),
                                          members=(Member(Person(OUTSIDER.id_number, OUTSIDER.name), "配偶"),),
                                          area="450222101"), **CLERK)  # fmt: skip
    add_document(ws.root, case.id, "诊断证明", "诊断证明.pdf", SCAN, **CLERK)
    plan_visits(ws.root, "低保对象抽样回访", PERIOD, Frame("recipients", AS_OF), **SAMPLE, **CLERK)
    paid = settle_retroactive(ws.root, key_of(ws, "S1"), actor="经办员甲", case_id=case.id, **retro(policies))
    assert paid.total > 0
    return ws


def retro(policies: Path) -> dict[str, object]:
    return {"category": CAT, "applied_on": APPLIED, "recognised_on": RECOGNISED, "policy": str(policies)}


def key_of(ws: Workspace, sid: str) -> str:
    with ws.connect(read_only=True) as con:
        return str(con.execute("SELECT person_key FROM settlements WHERE settlement_id = ?", [sid]).fetchone()[0])


def people(ws: Workspace, ring: KeyRing) -> dict[tuple[str, int], tuple[str, str, str | None]]:
    """(table, row id) → (person_key, 身份证号, 姓名) of every sealed app row, decrypted with ``ring``."""
    out: dict[tuple[str, int], tuple[str, str, str | None]] = {}
    with session_for(ws.root) as session:
        for model in MODELS:
            for i, key, number, name in session.execute(
                select(model.id, model.person_key, model.id_cipher, model.name_cipher)
            ):
                out[model.__tablename__, i] = (key, ring.decrypt(number), None if name is None else ring.decrypt(name))
    return out


def ciphertexts(ws: Workspace) -> list[bytes]:
    with session_for(ws.root) as session:
        found = [bytes(c) for m in MODELS for c in session.scalars(select(m.id_cipher))]
        return found + [bytes(c) for c in session.scalars(select(CaseDocument.content))]


def app_bytes(ws: Workspace) -> bytes:
    """The SQLite app database's file and its write-ahead log, as they are on disk."""
    return b"".join(p.read_bytes() for p in ws.root.glob(f"{app.APP_FILE}*") if p.is_file())


def targets(ws: Workspace, plan_id: int = 1) -> list[str]:
    return [t.id_masked for t in plan_progress(ws.root, plan_id, **CLERK).targets]


def test_rotation_re_seals_cases_documents_and_visit_targets(ws: Workspace):
    old = ws.key()
    before, case_before, drawn = people(ws, old), get_case(ws.root, 1, **CLERK), targets(ws)
    old_blobs = ciphertexts(ws)
    assert {t for t, _ in before} == {"cases", "case_members", "visit_targets"} and len(drawn) < 20

    result = rotate_key(ws.root)

    new = ws.key()
    after = people(ws, new)
    assert {k: v[1:] for k, v in after.items()} == {k: v[1:] for k, v in before.items()}  # same people, in clear
    assert all(key == new.person_key(number) != old.person_key(number) for key, number, _ in after.values())
    assert result.app_rows == {"cases": 1, "case_members": 1, "case_documents": 1, "visit_targets": len(drawn)}
    assert "救助案件 1 条" in result.message and "回访对象" in result.message
    assert get_case(ws.root, 1, **CLERK) == case_before  # the same masked identities, household, bills
    name, content = document_content(ws.root, 1, 1, **CLERK)
    assert (name, hashlib.sha256(content).hexdigest()) == ("诊断证明.pdf", hashlib.sha256(SCAN).hexdigest())
    assert targets(ws) == drawn
    assert verify_audit_log(ws.root).broken is None
    stored = app_bytes(ws)  # the old key's ciphertexts are not left in the SQLite file's freed pages
    assert old_blobs and not [b for b in old_blobs if b in stored]
    with pytest.raises(InvalidTag):  # the old key opens nothing any more
        old.decrypt(ciphertexts(ws)[0])


def test_the_draw_of_a_sample_is_still_checkable_after_a_rotation(ws: Workspace):
    assert check_draw(ws.root, 1, **CLERK).same
    rotate_key(ws.root)
    assert check_draw(ws.root, 1, **CLERK).same


def test_retroactive_assistance_stays_settled_once_after_a_rotation(ws: Workspace, policies: Path):
    rotate_key(ws.root)
    again = settle_retroactive(ws.root, key_of(ws, "S1"), actor="经办员乙", **retro(policies))
    assert again.bills == [] and {s for s, _ in again.skipped} >= {"S1", "S2"}


def test_an_interrupted_app_step_is_rolled_back_then_finished(ws: Workspace, monkeypatch):
    old = ws.key()
    before = people(ws, old)

    checked = app_keys._reseal_documents

    def crash(session: object, old: KeyRing | None, new: KeyRing | None, workspace: str) -> int:
        if new is None:  # the check before the store changes goes through
            return checked(session, old, new, workspace)  # type: ignore[arg-type]
        raise RuntimeError("killed while re-sealing the documents")

    with monkeypatch.context() as patched:  # after the store's commit: the people re-sealed, then the app step dies
        patched.setattr(app_keys, "_reseal_documents", crash)
        with pytest.raises(RuntimeError):
            rotate_key(ws.root)
    assert people(ws, old) == before  # all of the app database still under the old key
    new = read_key_file(rotating_path(ws.key_path))

    result = finish_rotation(ws.root)

    assert result.outcome == "finished" and result.app_rows["case_documents"] == 1 and ws.key() == new
    assert {k: v[1:] for k, v in people(ws, new).items()} == {k: v[1:] for k, v in before.items()}
    assert document_content(ws.root, 1, 1, **CLERK)[1] == SCAN


def test_a_crash_after_the_app_step_finishes_without_re_sealing_twice(ws: Workspace, monkeypatch):
    def crash(*_args: object) -> None:
        raise RuntimeError("killed before the rename")

    with monkeypatch.context() as patched:
        patched.setattr(key_service, "_swap", crash)
        with pytest.raises(RuntimeError):
            rotate_key(ws.root)
    new = read_key_file(rotating_path(ws.key_path))
    resealed = people(ws, new)
    ws.key_path.unlink()  # the old key file lost: every app row is the new key's already, so it is not needed
    result = finish_rotation(ws.root)
    assert result.outcome == "finished" and not any(result.app_rows.values()) and people(ws, new) == resealed


def test_an_app_database_in_use_is_rotated_and_the_vacuum_left_to_do_is_said(ws: Workspace, monkeypatch):
    compact = app_keys.compact
    monkeypatch.setattr(app, "SQLITE_BUSY_SECONDS", 0.2)

    def held(url: str) -> bool:  # another program writing the file while the rotation rewrites it
        other = sqlite3.connect(ws.root / app.APP_FILE)
        other.execute("BEGIN IMMEDIATE")
        try:
            return compact(url)
        finally:
            other.rollback()
            other.close()

    monkeypatch.setattr(app_keys, "compact", held)
    result = rotate_key(ws.root)
    assert result.app_rows["cases"] == 1 and result.app_file == (ws.root / app.APP_FILE).resolve()
    assert "未能压缩" in result.message and "VACUUM" in result.message
    assert result.to_dict()["app_file_not_compacted"] == str(result.app_file)
    assert document_content(ws.root, 1, 1, **CLERK)[1] == SCAN  # the rotation itself is complete
    assert compact(app.default_url(ws.root))  # and the vacuum can be done once the file is free


def test_a_document_that_no_longer_matches_is_refused_before_anything_changes(ws: Workspace):
    ring = ws.key()
    with session_for(ws.root) as session:
        doc = session.get(CaseDocument, 1)
        assert doc is not None
        doc.content = ring.encrypt(base64.b64encode(b"changed afterwards").decode("ascii"))
    with ws.connect(read_only=True) as con:
        print_before = stored_fingerprint(con)
    with pytest.raises(KeyRotationError, match="SHA-256 不符") as refused:
        rotate_key(ws.root)
    assert "没有修改任何数据" in refused.value.fix and not rotating_path(ws.key_path).exists()
    with ws.connect(read_only=True) as con:
        assert stored_fingerprint(con) == print_before == fingerprint(ring)


def test_every_keyed_column_of_the_app_database_is_moved_by_a_rotation():
    """The guard: a table added later with a person_key, a ciphertext or encrypted bytes must be listed in
    store.app_keys.KEYED (and moved there), or every rotation is refused."""
    assert app_keys.keyed_columns(Base.metadata) == app_keys.KEYED
    extra = MetaData()
    Table("new_people", extra, Column("id", Integer, primary_key=True), Column("person_key", String(128)),
          Column("phone_enc", String(64)), Column("photo", LargeBinary))  # fmt: skip
    assert app_keys.keyed_columns(extra) == {("new_people", c) for c in ("person_key", "phone_enc", "photo")}
    with pytest.raises(KeyRotationError, match=re.escape("new_people.phone_enc、new_people.photo")):
        app_keys.refuse_unknown_columns(extra)


def test_a_rotation_with_an_unknown_keyed_column_is_refused(ws: Workspace, monkeypatch):
    before = people(ws, ws.key())
    monkeypatch.setattr(app_keys, "KEYED", app_keys.KEYED - {("visit_targets", "name_cipher")})
    with pytest.raises(KeyRotationError, match=re.escape("visit_targets.name_cipher")):
        rotate_key(ws.root)
    assert not rotating_path(ws.key_path).exists() and people(ws, ws.key()) == before
