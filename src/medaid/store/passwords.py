"""Passwords and the second factor (TOTP) of web accounts.

Passwords are kept only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second
recommended choice: 64 MiB, 3 passes); a hash made with older parameters is replaced at the
next sign-in. A password has at least 8 characters and three of the four kinds of character
(GB/T 39786-2021 asks for "口令复杂度"). The TOTP secret (RFC 6238, 30 s, 6 digits, what every
authenticator app reads from a QR code) is kept as SM4-GCM ciphertext under the workspace key,
like a name; the QR code is drawn here as SVG, nothing goes over the network.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import io
import re
from dataclasses import dataclass
from functools import cache

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from medaid.errors import MedaidError
from medaid.store.crypto import KeyRing

MIN_LENGTH = 8
KINDS_NEEDED = 3
ISSUER = "medaid"
_KINDS: tuple[tuple[str, str], ...] = (
    ("大写字母", r"[A-Z]"),
    ("小写字母", r"[a-z]"),
    ("数字", r"[0-9]"),
    ("符号", r"[^A-Za-z0-9\s]"),
)
POLICY = f"密码须至少 {MIN_LENGTH} 个字符，且含大写字母、小写字母、数字、符号中的至少三类"


class PasswordRefused(MedaidError):
    """A new password does not meet the policy."""


def check_policy(password: str) -> None:
    """Refuse a password that is too short or has fewer than three kinds of character, saying what is missing."""
    missing = [label for label, pattern in _KINDS if not re.search(pattern, password)]
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"只有 {len(password)} 个字符")
    if len(_KINDS) - len(missing) < KINDS_NEEDED:
        problems.append(f"缺少{'、'.join(missing)}")
    if problems:
        raise PasswordRefused(f"密码不符合要求（{'，'.join(problems)}）", fix=POLICY)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    """The argon2id hash of a password that meets the policy (``$argon2id$…``)."""
    check_policy(password)
    return _hasher().hash(password)


def check_password(stored: str | None, password: str) -> tuple[bool, str | None]:
    """Whether ``password`` matches ``stored``, and a new hash when the stored one uses old parameters.
    Without a stored hash a dummy one is checked, so that an unknown account takes as long as a known one."""
    hasher = _hasher()
    try:
        ok = hasher.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False, None
    if stored is None:
        return False, None
    return ok, hasher.hash(password) if hasher.check_needs_rehash(stored) else None


@cache
def _dummy_hash() -> str:
    return _hasher().hash("medaid-no-such-account")


# --- the second factor ---------------------------------------------------------------------


@dataclass(frozen=True)
class TotpEnrolment:
    """What the enrolment page shows once: the secret (to type in), its otpauth URI and the QR code (SVG)."""

    secret: str
    uri: str
    qr_svg: str

    def to_dict(self) -> dict[str, object]:
        return {"secret": self.secret, "uri": self.uri, "qr_svg": self.qr_svg}


def new_totp(account: str) -> TotpEnrolment:
    """A new random secret (160 bits, base32) for ``account``, with its URI and QR code."""
    secret = pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", xmldecl=False, scale=4, border=4)
    return TotpEnrolment(secret, uri, buffer.getvalue().decode("utf-8"))


def seal(ring: KeyRing, secret: str) -> str:
    """The secret as SM4-GCM ciphertext (base64 text) for the ``totp_secret`` column."""
    return base64.b64encode(ring.encrypt(secret)).decode("ascii")


def unseal(ring: KeyRing, sealed: str) -> str:
    try:
        return ring.decrypt(base64.b64decode(sealed))
    except Exception as err:  # InvalidTag, a damaged column: the secret cannot be read with this key
        raise MedaidError(
            "二次验证密钥无法用本工作区的密钥解开",
            fix="请管理员为该账户重置二次验证（medaid accounts set 工作区 账户名 --reset-totp）后重新绑定",
        ) from err


def totp_step(secret: str, code: str, *, after: int | None = None) -> int | None:
    """The time step (30-second counter) whose 6-digit code ``code`` is: the current one, or the one
    just before or after (clock drift); None when it is none of them, or not later than ``after``,
    the step of the code last used — a code is good once (RFC 6238 §5.2)."""
    code = "".join(code.split())
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(dt.datetime.now(tz=dt.UTC))
    for step in (now - 1, now, now + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
