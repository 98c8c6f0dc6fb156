"""Personal data at rest (GB/T 39786-2021 level 3 expectations for 身份证号).

People are joined on a keyed hash of the ID number (HMAC-SM3); the ID number and the
name are kept only as SM4-GCM ciphertext. The key lives outside the stores: a key file
made by ``medaid init`` with owner-only permissions, or the environment variable
``MEDAID_KEY`` (64 hex characters). A key file that group or others may read or write is
refused. Losing the key loses re-identification, never the analysis: hashes still join,
ciphertexts can no longer be read. The store keeps the key's fingerprint, so that a wrong
key is refused before anything is read or written (``store.keys``).
"""

from __future__ import annotations

import os
import secrets
import shlex
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from medaid.errors import Location, MedaidError

ENV_VAR = "MEDAID_KEY"
KEY_BYTES = 32  # 16 for SM4, 16 for HMAC-SM3's own key derivation input
NONCE_BYTES = 12
TAG_BYTES = 16
OPEN_TO_OTHERS = 0o077  # any permission for group or others, as ssh checks a private key


class KeyRingError(MedaidError):
    """The key ring cannot be opened."""


@dataclass(frozen=True)
class KeyRing:
    """The workspace secret: one half keys HMAC-SM3, the other SM4-GCM."""

    secret: bytes = field(repr=False)  # never in a traceback or a log

    @staticmethod
    def generate() -> KeyRing:
        """A new random key."""
        return KeyRing(secrets.token_bytes(KEY_BYTES))

    @property
    def _hash_key(self) -> bytes:
        return self.secret[:16]

    @property
    def _cipher_key(self) -> bytes:
        return self.secret[16:32]

    def person_key(self, id_number: str) -> str:
        """The keyed hash people are joined on (hex, 64 characters)."""
        mac = hmac.HMAC(self._hash_key, hashes.SM3())
        mac.update(id_number.encode("utf-8"))
        return mac.finalize().hex()

    def person_keys(self, id_numbers: Sequence[str]) -> list[str]:
        """:meth:`person_key` of each number, in order: the keyed state is set up once for the batch."""
        keyed = hmac.HMAC(self._hash_key, hashes.SM3())
        out: list[str] = []
        for number in id_numbers:
            mac = keyed.copy()
            mac.update(number.encode("utf-8"))
            out.append(mac.finalize().hex())
        return out

    def encrypt(self, text: str) -> bytes:
        """nonce ‖ ciphertext ‖ tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        encryptor = Cipher(algorithms.SM4(self._cipher_key), modes.GCM(nonce)).encryptor()
        body = encryptor.update(text.encode("utf-8")) + encryptor.finalize()
        return nonce + body + encryptor.tag

    def encrypt_all(self, texts: Sequence[str | None]) -> list[bytes | None]:
        """:meth:`encrypt` of each text, in order (None stays None): one key schedule and one draw of
        random nonces for the batch, each value still with its own nonce."""
        sm4 = algorithms.SM4(self._cipher_key)
        nonces = secrets.token_bytes(NONCE_BYTES * len(texts))
        out: list[bytes | None] = []
        for i, text in enumerate(texts):
            if text is None:
                out.append(None)
                continue
            nonce = nonces[i * NONCE_BYTES : (i + 1) * NONCE_BYTES]
            encryptor = Cipher(sm4, modes.GCM(nonce)).encryptor()
            body = encryptor.update(text.encode("utf-8")) + encryptor.finalize()
            out.append(nonce + body + encryptor.tag)
        return out

    def decrypt(self, blob: bytes) -> str:
        nonce, body, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
        decryptor = Cipher(algorithms.SM4(self._cipher_key), modes.GCM(nonce, tag)).decryptor()
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")


def create_key_file(path: Path) -> KeyRing:
    """Make a new key file readable by its owner only; refuse to overwrite one."""
    if path.exists():
        raise KeyRingError(
            "密钥文件已存在，不会覆盖",
            fix="如需更换密钥，请运行 medaid key rotate 工作区（旧数据随之重新加密）；不要手工替换密钥文件",
        )
    return write_key_file(path, KeyRing.generate())


def write_key_file(path: Path, ring: KeyRing) -> KeyRing:
    """Write ``ring`` to a new file readable and writable by its owner only (0600), flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(ring.secret.hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return ring


def load_key(path: Path) -> KeyRing:
    """From ``MEDAID_KEY`` when set, else from the key file (:func:`read_key_file`)."""
    from medaid.environment import environment
    from medaid.settings import SettingsError

    try:
        secret_text = environment(only=(ENV_VAR,)).key  # 64 hex characters, checked by the settings model
    except SettingsError as err:
        raise KeyRingError(err.what, where=err.where, fix=err.fix) from None
    if secret_text is not None:
        return KeyRing(bytes.fromhex(secret_text.get_secret_value()))
    return read_key_file(path)


def read_key_file(path: Path) -> KeyRing:
    """The key in ``path``, whatever ``MEDAID_KEY`` says. Refused, as ssh refuses a private key,
    when group or others may read or write the file: a key others can read protects nothing."""
    if not path.exists():
        raise KeyRingError(
            f"找不到密钥文件 {path}",
            fix=f"请恢复备份的密钥文件，或设置环境变量 {ENV_VAR}；没有密钥无法导入新数据",
        )
    with path.open("rb") as handle:  # the mode of the file read, not of a path that may change in between
        mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
        if os.name == "posix" and mode & OPEN_TO_OTHERS:
            raise KeyRingError(
                f"密钥文件权限过宽（{mode:04o}）：同组或其他用户可以读取或改写，拒绝使用",
                where=Location(file=str(path)),
                fix=f"请运行 chmod 600 {shlex.quote(str(path))} 使其仅本人可读写后重试；"
                "若密钥可能已被他人读取，修正权限后请更换密钥（medaid key rotate 工作区）",
            )
        raw = handle.read()
    where = f"密钥文件 {path}"
    try:
        secret = bytes.fromhex(raw.decode("ascii").strip())
    except ValueError as err:  # UnicodeDecodeError included
        raise KeyRingError(f"{where} 的内容不是十六进制密钥", fix="请恢复正确的密钥") from err
    if len(secret) != KEY_BYTES:
        raise KeyRingError(f"{where} 的长度不对（应为 {KEY_BYTES * 2} 个十六进制字符）", fix="请恢复正确的密钥")
    return KeyRing(secret)
