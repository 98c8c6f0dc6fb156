"""回访 walked through the pages in a real browser (Debian's chromium, driven by Playwright, as in
tests/test_web_browser.py): the county clerk makes a sample plan of 民政's recipients, records a visit (phone,
满意, two needs) and a missed one (with its reason), and reads the rates with their terms; the finance bureau
reads the same plan without any form. Identities stay masked. Screenshots go to test-artefacts/screenshots/."""

from __future__ import annotations

import re

import pytest

from tests.test_web_browser import CHROMIUM, Person
from tests.web_case_support import (  # noqa: F401  (the fixtures case_app, case_county, chromium)
    case_app_fixture,
    case_county_fixture,
    chromium_fixture,
)
from tests.web_support import YEAR, live_server

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="没有 /usr/bin/chromium：make test 会安装 Debian 的 chromium"
)
CLEAR_ID = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")


def record(person: Person, row: int, outcome: str, **fields: str) -> None:
    page = person.page
    cell = page.locator("table.visit-targets tbody tr").nth(row).locator("details.step")
    cell.locator("summary").click()
    form = cell.locator("form")
    form.locator("[name=outcome]").select_option(label=outcome)
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if name in ("mode", "satisfaction"):
            field.select_option(label=value)
        elif name == "needs":
            for label in value.split("、"):
                form.locator("label.check", has_text=label).locator("input").check()
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_a_visit_plan_from_the_form_to_its_rates_in_the_browser(case_county, case_app, chromium):
    with live_server(case_app) as base:
        clerk = Person(chromium, base, case_county, "clerk")
        clerk.sign_in()
        clerk.open("/visits")
        page = clerk.page
        if page.locator("#plan-box").get_attribute("open") is None:
            page.locator("#plan-box > summary").click()
        form = page.locator("form#visit-plan")
        form.locator("[name=name]").fill("民政对象三季度抽样回访")
        form.locator("[name=period_from]").fill(f"{YEAR}-07-01")
        form.locator("[name=period_until]").fill(f"{YEAR}-09-30")
        form.locator("[name=as_of]").fill(f"{YEAR}-06-30")
        form.locator("[name=department]").select_option(label="民政")
        form.locator("[name=method]").select_option(label="抽样回访")
        form.locator("[name=margin]").fill("0.2")
        form.locator("[name=seed]").fill("browser")
        clerk.shot("30-回访计划")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        plan_url = page.url.removeprefix(base)
        assert re.fullmatch(r"/visits/[0-9]+", plan_url), plan_url
        planned = int(page.locator(".tiles .tile").first.locator(".value").inner_text())
        assert planned > 2 and "种子 browser" in page.locator("p.sub").inner_text()
        record(clerk, 0, "已回访", visitor="李四", mode="电话", satisfaction="满意", needs="护理照料、政策咨询")
        record(clerk, 1, "未联系上", visitor="李四", reason="外出务工，电话无法接通")
        rates = page.locator("table.rates").inner_text()
        assert f"（1 ÷ {planned}）" in rates and "100.0%（1 ÷ 1）" in rates
        assert "护理照料 1 人" in page.locator("section.card").first.inner_text()
        rows = page.locator("table.visit-targets tbody tr")
        assert "已回访" in rows.nth(0).inner_text() and "未联系上" in rows.nth(1).inner_text()
        assert CLEAR_ID.search(page.content()) is None
        clerk.shot("31-回访进度")
        clerk.close()

        finance = Person(chromium, base, case_county, "finance")
        finance.sign_in()
        finance.open(plan_url)
        assert finance.page.locator("form[data-visit-record]").count() == 0
        assert f"（1 ÷ {planned}）" in finance.page.locator("table.rates").inner_text()
        finance.open("/visits")
        assert finance.page.locator("form#visit-plan").count() == 0
        finance.close()
