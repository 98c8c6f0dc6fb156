"""A county of its own for the 依申请救助 web tests: the shared web county, with a local 低保标准 in its
policy (the national template leaves it out, and 审核 needs it to assess eligibility). Built once per
test session (kept here rather than in conftest.py), with a signed-in browser for each role. The fixtures at the end
wrap these functions; a test module imports the ones it uses (``from tests.web_case_support import
case_county_fixture``) and names them in its tests as ``case_county`` and so on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web_support import ACCOUNTS, County, build_county, client_for

DIBAO = "  dibao_monthly: {amount: 800, source: 测试用低保标准, date: 2023-01-01}\n"
_BUILT: dict[str, Any] = {}


def with_dibao(ws: Path) -> None:
    """The workspace's policy: the national template with a local 低保标准 (800 元/人·月)."""
    from medaid.policy.params import default_dir

    template = (default_dir() / "default" / "2023-01-01.yaml").read_text(encoding="utf-8")
    policy, found = re.subn(r"^standards:.*\n", lambda m: m.group(0) + DIBAO, template, count=1, flags=re.M)
    assert found == 1
    (ws / "policy.yaml").write_text(policy, encoding="utf-8")
    settings = (ws / "medaid.yaml").read_text(encoding="utf-8")
    assert "policy: null" in settings
    (ws / "medaid.yaml").write_text(settings.replace("policy: null", f"policy: {ws / 'policy.yaml'}"), encoding="utf-8")


def county(factory: pytest.TempPathFactory) -> County:
    """The county (built on the first call of the test session)."""
    if "county" not in _BUILT:
        built = build_county(factory.mktemp("web-cases"), None)
        with_dibao(built.root)
        _BUILT["county"] = built
    found: County = _BUILT["county"]
    return found


def app(factory: pytest.TempPathFactory) -> Any:
    """The web application serving the county."""
    from medaid.web.app import create_app

    if "app" not in _BUILT:
        _BUILT["app"] = create_app(county(factory).root)
    return _BUILT["app"]


def browsers(factory: pytest.TempPathFactory) -> dict[str | None, Any]:
    """A signed-in client for each role (the CSRF header set), and an anonymous one (key None)."""
    if "browsers" not in _BUILT:
        served = app(factory)
        found: dict[str | None, Any] = {
            role: client_for(served, county(factory), name) for role, name in ACCOUNTS.items()
        }
        found[None] = client_for(served)
        _BUILT["browsers"] = found
    clients: dict[str | None, Any] = _BUILT["browsers"]
    return clients


def post_without_csrf(client: Any, url: str, body: dict[str, Any]) -> Any:
    """POSTs the JSON body with the client's CSRF header left out (put back afterwards); the answer."""
    token = client.headers.pop("X-CSRF-Token")
    try:
        return client.post(url, json=body)
    finally:
        client.headers["X-CSRF-Token"] = token


@pytest.fixture(name="case_county")
def case_county_fixture(tmp_path_factory: pytest.TempPathFactory) -> County:
    return county(tmp_path_factory)


@pytest.fixture(name="case_app")
def case_app_fixture(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return app(tmp_path_factory)


@pytest.fixture(name="case_browsers")
def case_browsers_fixture(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, Any]:
    return browsers(tmp_path_factory)


@pytest.fixture(name="chromium", scope="module")
def chromium_fixture() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (the browser tests skip where it is missing)."""
    from playwright.sync_api import sync_playwright

    from tests.test_web_browser import CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()
