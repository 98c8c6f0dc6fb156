"""Personal data at rest (GB/T 39786-2021 level 3 expectations for 身份证号).

People are joined on a keyed hash of the ID number (HMAC-SM3); the ID number and the
name are kept only as SM4-GCM ciphertext. The key lives outside the stores: a key file
made by ``medaid init`` with owner-only permissions, or the environment variable
``MEDAID_KEY`` (64 hex characters). Losing the key loses re-identification, never the
analysis: hashes still join, ciphertexts can no longer be read.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from medaid.errors import MedaidError

ENV_VAR = "MEDAID_KEY"
KEY_BYTES = 32  # 16 for SM4, 16 for HMAC-SM3's own key derivation input
NONCE_BYTES = 12
TAG_BYTES = 16


class KeyRingError(MedaidError):
    """The key ring cannot be opened."""


@dataclass(frozen=True)
class KeyRing:
    """The workspace secret: one half keys HMAC-SM3, the other SM4-GCM."""

    secret: bytes

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

    def encrypt(self, text: str) -> bytes:
        """nonce ‖ ciphertext ‖ tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        encryptor = Cipher(algorithms.SM4(self._cipher_key), modes.GCM(nonce)).encryptor()
        body = encryptor.update(text.encode("utf-8")) + encryptor.finalize()
        return nonce + body + encryptor.tag

    def decrypt(self, blob: bytes) -> str:
        nonce, body, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
        decryptor = Cipher(algorithms.SM4(self._cipher_key), modes.GCM(nonce, tag)).decryptor()
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")


def create_key_file(path: Path) -> KeyRing:
    """Make a new key file readable by its owner only; refuse to overwrite one."""
    if path.exists():
        raise KeyRingError(
            "密钥文件已存在，不会覆盖",
            fix="如需更换密钥，请先备份并移走旧密钥文件；换钥后旧数据中的姓名、身份证号将无法解密",
        )
    secret = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret.hex() + "\n")
    return KeyRing(secret)


def load_key(path: Path) -> KeyRing:
    """From ``MEDAID_KEY`` when set, else from the key file."""
    from medaid.environment import environment
    from medaid.settings import SettingsError

    try:
        secret_text = environment(only=(ENV_VAR,)).key  # 64 hex characters, checked by the settings model
    except SettingsError as err:
        raise KeyRingError(err.what, where=err.where, fix=err.fix) from None
    if secret_text is not None:
        return KeyRing(bytes.fromhex(secret_text.get_secret_value()))
    if not path.exists():
        raise KeyRingError(
            f"找不到密钥文件 {path}",
            fix=f"请恢复备份的密钥文件，或设置环境变量 {ENV_VAR}；没有密钥无法导入新数据",
        )
    raw = path.read_text(encoding="ascii")
    where = f"密钥文件 {path}"
    try:
        secret = bytes.fromhex(raw.strip())
    except ValueError as err:
        raise KeyRingError(f"{where} 的内容不是十六进制密钥", fix="请恢复正确的密钥") from err
    if len(secret) != KEY_BYTES:
        raise KeyRingError(f"{where} 的长度不对（应为 {KEY_BYTES * 2} 个十六进制字符）", fix="请恢复正确的密钥")
    return KeyRing(secret)
