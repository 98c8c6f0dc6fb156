"""Signing in to the web application: argon2id passwords with a policy, a second factor (TOTP) for
the roles that can reveal identities, a lock after five wrong attempts, sessions that end when
idle, and every step an entry of the audit trail. The same scenarios run on PostgreSQL when
MEDAID_TEST_PG_URL names a server."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import func, text

from medaid.errors import MedaidError
from medaid.services.accounts import (
    AccountLocked,
    OtpRequired,
    SignInFailed,
    add_account,
    confirm_totp,
    enrol_totp,
    list_accounts,
    log_refusal,
    session_of,
    set_password,
    sign_in,
    sign_out,
    unlock_account,
    update_account,
)
from medaid.store import accounts as store
from medaid.store import app
from medaid.store.accounts import Account, WebSession
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.store.passwords import PasswordRefused, check_policy
from medaid.workspace import Workspace
from tests.web_support import fresh_code

GOOD = "Medaid-2023"
PG_URL = os.environ.get("MEDAID_TEST_PG_URL", "")
# the accounts these tests make: on a shared PostgreSQL server only these are cleared before a run
NAMES = ("王评价", "李经办", "赵管理", "陈财政", "民政专员", "无此人")
SINCE: dict[Path, int] = {}  # the audit trail's last entry when a test began (a shared server keeps older ones)


@pytest.fixture(params=["sqlite", "postgresql"])
def root(request, tmp_path: Path, monkeypatch) -> Path:
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip(
                "没有可用的 PostgreSQL 服务器：设置 MEDAID_TEST_PG_URL=postgresql+psycopg://用户@主机/空库 后运行"
            )
        pytest.importorskip("psycopg", reason="未安装 PostgreSQL 驱动 psycopg")
        monkeypatch.setenv(app.ENV_URL, PG_URL)
        app.upgrade(PG_URL)
        engine = app.make_engine(PG_URL)
        with engine.begin() as con:  # a clean slate for our accounts: the server is shared by other tests
            names = {f"n{i}": n for i, n in enumerate(NAMES)}
            listed = ", ".join(f":{k}" for k in names)
            con.execute(text(f"DELETE FROM web_sessions WHERE account IN ({listed})"), names)
            con.execute(text(f"DELETE FROM accounts WHERE name IN ({listed})"), names)
        engine.dispose()
    made = Workspace.init(tmp_path / "ws", year=2023).root
    with session_for(made) as session:
        SINCE[made] = session.query(func.max(AuditEntry.id)).scalar() or 0
    return made


class Clock:
    """The clock of accounts (``store.accounts.now``), moved by hand."""

    def __init__(self) -> None:
        self.at = dt.datetime(2023, 11, 6, 9, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.at

    def forward(self, minutes: int) -> None:
        self.at += dt.timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch) -> Iterator[Clock]:
    moved = Clock()
    monkeypatch.setattr(store, "now", moved)
    yield moved


def entries(root: Path, actor: str) -> list[tuple[str, str]]:
    """(action, detail) of the audit trail's entries by ``actor`` in this test, oldest first."""
    with session_for(root) as session:
        rows = (session.query(AuditEntry).filter(AuditEntry.actor == actor, AuditEntry.id > SINCE[root])
                .order_by(AuditEntry.id))  # fmt: skip
        return [(e.action, e.detail) for e in rows]


def stored(root: Path, name: str) -> Account:
    with session_for(root) as session:
        account = session.query(Account).filter(Account.name == name).one()
        session.expunge(account)
        return account


# --- the password policy --------------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["Medaid-2023", "medaid2023!", "MEDAID2023x", "Abc12345", "救助abc123"],
    ids=["all four kinds", "lower digit symbol", "upper digit lower", "eight exactly", "Chinese as a symbol"],
)  # fmt: skip
def test_a_password_of_eight_characters_and_three_kinds_is_accepted(password: str):
    check_policy(password)


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Ab1!", "只有 4 个字符"),
        ("medaid2023", "缺少大写字母、符号"),
        ("MEDAIDMEDAID", "缺少小写字母、数字、符号"),
        ("", "只有 0 个字符，缺少大写字母、小写字母、数字、符号"),
    ],
    ids=["too short", "two kinds", "one kind", "empty"],
)
def test_a_weak_password_is_refused_saying_what_is_missing(password: str, missing: str):
    with pytest.raises(PasswordRefused, match=missing) as refused:
        check_policy(password)
    assert refused.value.fix == "密码须至少 8 个字符，且含大写字母、小写字母、数字、符号中的至少三类"


def test_an_account_keeps_only_an_argon2id_hash_and_its_creation_is_logged_without_the_password(root: Path):
    made = add_account(root, "王评价", "evaluator", password=GOOD, actor="赵管理")
    assert made.has_password and not made.totp_required and made.to_dict()["role_label"] == "评价人员"
    hashed = stored(root, "王评价").password_hash
    assert hashed is not None and hashed.startswith("$argon2id$") and GOOD not in hashed
    assert "password_hash" not in made.to_dict() and "totp_secret" not in made.to_dict()
    [(action, detail)] = entries(root, "赵管理")
    assert action == "账户创建" and '"password":true' in detail and GOOD not in detail
    with pytest.raises(PasswordRefused, match="缺少大写字母、符号"):
        add_account(root, "陈财政", "finance", password="weakpass1")


# --- signing in -------------------------------------------------------------------------------


def test_a_right_password_opens_a_session_and_a_wrong_one_says_only_that_something_is_wrong(root: Path):
    add_account(root, "王评价", "evaluator", password=GOOD)
    signed = sign_in(root, "王评价", GOOD, client="10.0.0.7")
    assert signed.account.name == "王评价" and not signed.must_enrol_totp and signed.token != signed.csrf
    found = session_of(root, signed.token)
    assert found is not None and found.account.role == "evaluator" and found.csrf == signed.csrf
    with session_for(root) as session:  # only the token's SHA-256 is kept
        assert session.get(WebSession, signed.token) is None and session.query(WebSession).count() >= 1
    for name, password in (("王评价", "Wrong-2023"), ("无此人", GOOD)):
        with pytest.raises(SignInFailed, match="账户名或密码错误"):
            sign_in(root, name, password, client="10.0.0.8")
    assert [a for a, _ in entries(root, "王评价")] == ["登录", "登录失败"]
    assert '"reason":"password"' in entries(root, "王评价")[1][1]
    assert entries(root, "无此人") == [("登录失败", '{"client":"10.0.0.8","reason":"unknown"}')]


def test_five_wrong_attempts_lock_the_account_for_fifteen_minutes(root: Path, clock: Clock):
    add_account(root, "王评价", "evaluator", password=GOOD)
    for _ in range(5):
        with pytest.raises(SignInFailed, match="账户名或密码错误"):
            sign_in(root, "王评价", "Wrong-2023")
    with pytest.raises(AccountLocked, match="账户已锁定，请于 09:15 后再试或请管理员解锁"):
        sign_in(root, "王评价", GOOD)  # the right password, but locked
    assert next(a for a in list_accounts(root) if a.name == "王评价").locked_until == dt.datetime(2023, 11, 6, 9, 15)
    clock.forward(15)
    assert sign_in(root, "王评价", GOOD).account.locked_until is None
    assert stored(root, "王评价").failed_logins == 0  # success starts the count again
    reasons = [d for a, d in entries(root, "王评价") if a == "登录失败"]
    assert len(reasons) == 6 and '"reason":"locked"' in reasons[-1]


def test_an_administrator_unlocks_at_once(root: Path, clock: Clock):
    add_account(root, "王评价", "evaluator", password=GOOD)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(root, "王评价", "Wrong-2023")
    assert unlock_account(root, "王评价", actor="赵管理").locked_until is None
    assert sign_in(root, "王评价", GOOD).account.name == "王评价"
    assert ("账户解锁", '{"account":"王评价"}') in entries(root, "赵管理")


def test_a_disabled_account_or_one_without_a_password_cannot_sign_in(root: Path):
    add_account(root, "王评价", "evaluator", password=GOOD)
    add_account(root, "陈财政", "finance")  # made at the command line without --password-stdin
    signed = sign_in(root, "王评价", GOOD)
    update_account(root, "王评价", disabled=True, actor="赵管理")
    assert session_of(root, signed.token) is None  # the open session ends with the account
    for name in ("王评价", "陈财政"):
        with pytest.raises(SignInFailed, match="账户名或密码错误"):
            sign_in(root, name, GOOD)
    assert [d for a, d in entries(root, "陈财政")] == ['{"client":null,"reason":"no_password"}']


def test_the_last_enabled_administrator_stays(tmp_path: Path):
    root = Workspace.init(tmp_path / "ws", year=2023).root  # SQLite: a shared server may hold other admins
    add_account(root, "赵管理", "admin", password=GOOD)
    for change in ({"disabled": True}, {"role": "finance"}):
        with pytest.raises(MedaidError, match="不能停用或改变“赵管理”：这是最后一个可用的管理员账户"):
            update_account(root, "赵管理", actor="赵管理", **change)
    add_account(root, "李经办", "admin")
    assert update_account(root, "赵管理", disabled=True, actor="李经办").disabled


# --- the second factor --------------------------------------------------------------------------


def test_a_clerk_enrols_a_second_factor_and_then_needs_the_code(root: Path):
    add_account(root, "李经办", "clerk", password=GOOD)
    first = sign_in(root, "李经办", GOOD)
    assert first.must_enrol_totp and first.account.totp_required  # only the enrolment page until then
    enrolment = enrol_totp(root, "李经办")
    assert enrolment.uri.startswith("otpauth://totp/medaid:") and "issuer=medaid" in enrolment.uri
    assert enrolment.qr_svg.startswith("<svg") and "<script" not in enrolment.qr_svg
    with pytest.raises(MedaidError, match="动态验证码不正确"):
        confirm_totp(root, "李经办", "000000" if pyotp.TOTP(enrolment.secret).now() != "000000" else "111111")
    used: dict[str, int] = {}
    confirmed_with = fresh_code(enrolment.secret, used, "李经办")
    assert confirm_totp(root, "李经办", confirmed_with).totp_confirmed
    found = session_of(root, first.token)
    assert found is not None and not found.must_enrol_totp
    sealed = stored(root, "李经办").totp_secret
    assert sealed is not None and enrolment.secret not in sealed  # SM4-GCM under the workspace key

    with pytest.raises(OtpRequired, match="需要动态验证码"):  # the password was right: the form asks for the code
        sign_in(root, "李经办", GOOD)
    with pytest.raises(SignInFailed, match="账户名或密码错误") as wrong:
        sign_in(root, "李经办", GOOD, otp="12345x")
    assert not isinstance(wrong.value, OtpRequired)
    with pytest.raises(SignInFailed, match="账户名或密码错误"):
        sign_in(root, "李经办", "Wrong-2023", otp=pyotp.TOTP(enrolment.secret).now())
    with pytest.raises(SignInFailed, match="账户名或密码错误"):
        sign_in(root, "李经办", GOOD, otp=confirmed_with)  # a code is good once, even within its 90 seconds
    code = fresh_code(enrolment.secret, used, "李经办")
    signed = sign_in(root, "李经办", GOOD, otp=code)
    assert not signed.must_enrol_totp
    with pytest.raises(SignInFailed, match="账户名或密码错误"):
        sign_in(root, "李经办", GOOD, otp=code)  # seen over a shoulder, or replayed from a log
    actions = [a for a, _ in entries(root, "李经办")]
    assert actions == ["登录", "二次验证启用", "登录失败", "登录失败", "登录失败", "登录失败", "登录", "登录失败"]
    with pytest.raises(MedaidError, match="已启用二次验证"):
        enrol_totp(root, "李经办")  # a second enrolment would let a stolen session replace the phone


# --- sessions -----------------------------------------------------------------------------------


def test_an_idle_session_ends_after_thirty_minutes_and_signing_out_ends_it_at_once(root: Path, clock: Clock):
    add_account(root, "王评价", "evaluator", password=GOOD)
    signed = sign_in(root, "王评价", GOOD)
    clock.forward(29)
    assert session_of(root, signed.token) is not None  # used: the idle time starts again
    clock.forward(29)
    assert session_of(root, signed.token) is not None
    clock.forward(31)
    assert session_of(root, signed.token) is None
    with session_for(root) as session:
        assert session.query(WebSession).filter(WebSession.account == "王评价").count() == 0
    again = sign_in(root, "王评价", GOOD)
    sign_out(root, again.token)
    assert session_of(root, again.token) is None and session_of(root, "no-such-token") is None
    assert entries(root, "王评价")[-1] == ("退出登录", "{}")


def test_a_session_in_use_all_day_still_ends_after_twelve_hours(root: Path, clock: Clock):
    add_account(root, "王评价", "evaluator", password=GOOD)
    signed = sign_in(root, "王评价", GOOD)
    for _ in range(11 * 60 // 20):  # used every 20 minutes: never idle
        clock.forward(20)
        assert session_of(root, signed.token) is not None
    clock.forward(20 + 60)  # 12 h 20 min after signing in, 20 minutes after last use
    assert session_of(root, signed.token) is None
    assert session_of(root, sign_in(root, "王评价", GOOD).token) is not None  # signing in again opens a new one


def test_a_new_password_ends_the_other_sessions(root: Path):
    add_account(root, "王评价", "evaluator", password=GOOD)
    mine, other = sign_in(root, "王评价", GOOD), sign_in(root, "王评价", GOOD)
    set_password(root, "王评价", "Medaid-2024", actor="王评价", keep_token=mine.token)
    assert session_of(root, mine.token) is not None and session_of(root, other.token) is None
    assert sign_in(root, "王评价", "Medaid-2024").account.name == "王评价"
    assert ("密码重设", '{"account":"王评价","own":true}') in entries(root, "王评价")


def test_a_refused_request_is_logged(root: Path):
    log_refusal(root, "陈财政", "导入", "/api/imports")
    assert entries(root, "陈财政") == [("拒绝访问", '{"action":"导入","target":"/api/imports"}')]


# --- roles, departments and areas -----------------------------------------------------------------


def test_a_department_account_needs_its_department_and_other_roles_have_none(root: Path):
    with pytest.raises(MedaidError, match="部门角色须指定认定部门"):
        add_account(root, "民政专员", "department")
    with pytest.raises(MedaidError, match="未知的认定部门“教育局”"):
        add_account(root, "民政专员", "department", department="教育局")
    with pytest.raises(MedaidError, match="不能指定部门“民政”"):
        add_account(root, "陈财政", "finance", department="民政")
    with pytest.raises(MedaidError, match="区划“45A”无效"):
        add_account(root, "陈财政", "finance", area="45A")
    made = add_account(root, "民政专员", "department", department="民政局", area="450102")
    assert (made.department, made.area, made.role_label) == ("民政", "450102", "部门")  # the alias is canonical
    moved = update_account(root, "民政专员", role="finance", area="", actor="赵管理")
    assert (moved.role, moved.department, moved.area) == ("finance", None, None)
    [(action, detail)] = entries(root, "赵管理")
    assert action == "账户变更" and '"before":{"area":"450102","department":"民政"' in detail


def test_the_migration_maps_the_old_roles(tmp_path: Path):
    url = app.default_url(tmp_path)
    app.upgrade(url, "0005")
    engine = app.make_engine(url)
    with engine.begin() as con:
        for name, role in (("张核查", "verifier"), ("李查看", "viewer"), ("赵管理", "admin")):
            con.execute(text("INSERT INTO accounts (name, role, created_at) VALUES (:n, :r, '2023-01-01 00:00:00')"),
                        {"n": name, "r": role})  # fmt: skip
    app.upgrade(url)
    with engine.connect() as con:
        rows = con.execute(text("SELECT name, role, password_hash, totp_confirmed FROM accounts ORDER BY id"))
        assert [tuple(r) for r in rows] == [("张核查", "clerk", None, 0), ("李查看", "finance", None, 0),
                                            ("赵管理", "admin", None, 0)]  # fmt: skip
    engine.dispose()
