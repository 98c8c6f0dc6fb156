"""A county served on the web, and a signed-in browser for each role — shared by the web tests.

The workspace is built once per test session and per app database (SQLite, and PostgreSQL when
``MEDAID_TEST_PG_URL`` names a server): a generated county with its lists and settlements imported,
two months verified, warnings pushed, the demo survey kept and a few judgments recorded. Tests that
change state (follow-ups, judgments) do so on rows they pick themselves.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyotp
from fastapi.testclient import TestClient

from medaid.roles import ROLES, TOTP_ROLES

BASE_URL = "https://testserver"  # the session cookie is Secure: it is sent over HTTPS only
PASSWORD = "Medaid-2023!"
YEAR = 2023
MONTHS = ("2023-06", "2023-12")
DEPARTMENT = "民政"
# one account per role; the department account belongs to 民政
ACCOUNTS: dict[str, str] = {role: f"web-{role}" for role in ROLES}


@dataclass
class County:
    root: Path
    data: Path
    app_url: str | None  # None: the workspace's own SQLite file
    totp: dict[str, str] = field(default_factory=dict)  # account → TOTP secret
    steps: dict[str, int] = field(default_factory=dict)  # account → the TOTP step its last code had

    def otp(self, name: str) -> str | None:
        secret = self.totp.get(name)
        return fresh_code(secret, self.steps, name) if secret else None


def fresh_code(secret: str, used: dict[str, int], name: str) -> str:
    """A code the server takes: of the current step or the next, and later than the step ``name``
    used last (a code is good once); waits for the next step when both are used."""
    totp = pyotp.TOTP(secret)
    while True:
        now = totp.timecode(dt.datetime.now(tz=dt.UTC))
        step = max(now, used.get(name, now - 1) + 1)
        if step <= now + 1:
            used[name] = step
            return totp.generate_otp(step)
        time.sleep(1)


@contextmanager
def app_database(url: str | None) -> Iterator[None]:
    """``MEDAID_APP_URL`` set to ``url`` (or unset) for the duration."""
    before = os.environ.get("MEDAID_APP_URL")
    if url:
        os.environ["MEDAID_APP_URL"] = url
    else:
        os.environ.pop("MEDAID_APP_URL", None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MEDAID_APP_URL", None)
        else:
            os.environ["MEDAID_APP_URL"] = before


def clean_postgresql(url: str) -> None:
    """A fresh schema on the shared test server: every table of earlier runs dropped."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def build_county(folder: Path, app_url: str | None) -> County:
    from medaid.demo.survey import SENT, SURVEY_FILE
    from medaid.services.accounts import add_account, confirm_totp, enrol_totp
    from medaid.services.demo import COUNTY_FRAMEWORK, DEMO_QUESTIONNAIRE, IMPORT_ORDER, demo_judgments, generate_data
    from medaid.services.imports import import_files
    from medaid.services.judgments import judge
    from medaid.services.survey import store_survey
    from medaid.services.verification import verify_month
    from medaid.services.warnings import push_warnings
    from medaid.services.workspaces import init_workspace

    if app_url:
        clean_postgresql(app_url)
    data = folder / "data"
    generate_data(data, 2000, seed=11, year=YEAR)
    with app_database(app_url):
        root = init_workspace(folder / "ws", region="示例县", year=YEAR, framework=COUNTY_FRAMEWORK).root
        for kind, name in IMPORT_ORDER:
            if (data / name).exists():
                import_files(root, kind, [data / name])
        for month in MONTHS:
            verify_month(root, month)
        push_warnings(root, dt.date(YEAR, 12, 31), actor="测试")
        store_survey(root, data / SURVEY_FILE, year=YEAR, questionnaire=DEMO_QUESTIONNAIRE, sent=SENT)
        for indicator, score, reason in demo_judgments()[:3]:
            judge(root, indicator, score=score, reason=reason, actor="测试评价人员", year=YEAR)
        county = County(root, data, app_url)
        for role, name in ACCOUNTS.items():
            add_account(root, name, role, password=PASSWORD, department=DEPARTMENT if role == "department" else None)
            if role in TOTP_ROLES:
                enrolment = enrol_totp(root, name)
                county.totp[name] = enrolment.secret
                confirm_totp(root, name, county.otp(name) or "")
    return county


def client_for(app: object, county: County | None = None, name: str | None = None) -> TestClient:
    """A browser: anonymous, or signed in as ``name`` with the CSRF header set."""
    client = TestClient(app, base_url=BASE_URL)  # type: ignore[arg-type]
    if county is not None and name is not None:
        answer = client.post("/api/session", json={"name": name, "password": PASSWORD, "otp": county.otp(name)})
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]
    return client


@contextmanager
def live_server(app: object) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
