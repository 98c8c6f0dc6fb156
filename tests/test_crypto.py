"""Personal data at rest: keyed hash to join, SM4-GCM to keep, key outside the store."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from medaid.demo.people import make_people
from medaid.store.crypto import ENV_VAR, KeyRingError, create_key_file, load_key


@pytest.fixture(autouse=True)
def _no_key_in_the_environment(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_key_file_is_owner_only_and_never_overwritten(tmp_path):
    path = tmp_path / "medaid.key"
    create_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(KeyRingError, match="不会覆盖"):
        create_key_file(path)


def test_hash_joins_and_ciphertext_round_trips(tmp_path):
    ring = create_key_file(tmp_path / "k")
    person = make_people(1, seed=3)[0]
    key = ring.person_key(person.id_number)
    assert key == load_key(tmp_path / "k").person_key(person.id_number)  # stable across loads
    assert len(key) == 64 and person.id_number not in key
    blob = ring.encrypt(person.name)
    assert person.name.encode() not in blob
    assert ring.encrypt(person.name) != blob  # a fresh nonce each time
    assert ring.decrypt(blob) == person.name


def test_another_key_gives_other_hashes_and_cannot_decrypt(tmp_path):
    one = create_key_file(tmp_path / "a")
    two = create_key_file(tmp_path / "b")
    id_number = make_people(1, seed=4)[0].id_number
    assert one.person_key(id_number) != two.person_key(id_number)
    with pytest.raises(Exception):  # noqa: B017 - the GCM tag check refuses, whatever its class
        two.decrypt(one.encrypt("张三"))


def test_key_from_the_environment_and_clear_errors(tmp_path, monkeypatch):
    with pytest.raises(KeyRingError, match="找不到密钥文件"):
        load_key(tmp_path / "missing")
    monkeypatch.setenv(ENV_VAR, "ab" * 32)
    assert load_key(tmp_path / "missing").secret == bytes.fromhex("ab" * 32)
    monkeypatch.setenv(ENV_VAR, "not hex")
    with pytest.raises(KeyRingError, match="不是十六进制"):
        load_key(tmp_path / "missing")


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620, 0o644, 0o660, 0o666], ids=lambda m: f"{m:04o}")
def test_a_key_file_others_may_read_or_write_is_refused(tmp_path: Path, mode: int):
    path = tmp_path / "medaid.key"
    create_key_file(path)
    path.chmod(mode)
    with pytest.raises(KeyRingError, match=f"{mode:04o}") as refused:
        load_key(path)
    assert f"chmod 600 {path}" in refused.value.fix
    assert refused.value.where.file == str(path)


def test_an_owner_only_key_file_and_the_environment_are_accepted(tmp_path: Path, monkeypatch):
    path = tmp_path / "medaid.key"
    ring = create_key_file(path)
    path.chmod(0o400)
    assert load_key(path) == ring
    path.chmod(0o644)
    monkeypatch.setenv(ENV_VAR, "cd" * 32)  # MEDAID_KEY is used, and the file's mode does not matter
    assert load_key(path).secret == bytes.fromhex("cd" * 32)


def test_the_secret_never_shows_in_a_repr(tmp_path: Path):
    ring = create_key_file(tmp_path / "k")
    assert ring.secret.hex() not in repr(ring) and str(ring.secret) not in repr(ring)
