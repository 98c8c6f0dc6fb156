from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path: text is dedented; encoding defaults to UTF-8."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
        return path

    return _write


# --- the web application: one county per app database, built once per session (tests/web_support.py) ---


def _pg_url() -> str | None:
    import os

    return os.environ.get("MEDAID_TEST_PG_URL") or None


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def web_county(request, tmp_path_factory):
    from tests.web_support import build_county

    url = None
    if request.param == "postgresql":
        url = _pg_url()
        if not url:
            pytest.skip("没有可用的 PostgreSQL 服务器（MEDAID_TEST_PG_URL）：网页测试只在 SQLite 上运行")
    return build_county(tmp_path_factory.mktemp(f"web-{request.param}"), url)


@pytest.fixture(autouse=True)
def _web_app_database(request):
    """A web test talks to its county's app database (MEDAID_APP_URL set for that test only, so that the
    tests after it are not sent to the PostgreSQL server)."""
    if "web_county" not in request.fixturenames:
        yield
        return
    from tests.web_support import app_database

    county = request.getfixturevalue("web_county")
    with app_database(county.app_url):
        yield


@pytest.fixture(scope="session")
def web_app(web_county):
    """The app keeps the app database it starts with (store.app.keep_current), whatever runs after it."""
    from medaid.web.app import create_app
    from tests.web_support import app_database

    with app_database(web_county.app_url):
        return create_app(web_county.root)


@pytest.fixture(scope="session")
def browsers(web_app, web_county):
    """A signed-in client for each role, and an anonymous one (key None)."""
    from tests.web_support import ACCOUNTS, client_for

    out = {role: client_for(web_app, web_county, name) for role, name in ACCOUNTS.items()}
    out[None] = client_for(web_app)
    return out
