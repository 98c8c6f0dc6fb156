"""One 依申请救助 case walked through the pages in a real browser (Debian's chromium, driven by Playwright, as in
tests/test_web_browser.py): the 民政 department's account registers an application and receives it (受理), the
county clerk reviews, approves and publishes it, downloads the 公示名单 (a masked name, no 身份证号) and pays.
Earlier steps are recorded as 补录 with their real times, as a paper file typed in afterwards is, so that the
publication period has ended by the payment. Screenshots go to test-artefacts/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medaid.ingest.idnumber import check_char
from tests.test_web_browser import CHROMIUM, Person, tokens18
from tests.web_case_support import (  # noqa: F401  (the fixtures case_app, case_county, chromium)
    case_app_fixture,
    case_county_fixture,
    chromium_fixture,
)
from tests.web_support import live_server

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="没有 /usr/bin/chromium：make test 会安装 Debian 的 chromium"
)


NUMBER = "45022219580109302" + check_char("45022219580109302")
NAME = "黄桂芬"


def ago(days: int) -> str:
    return (dt.datetime.combine(dt.date.today() - dt.timedelta(days=days), dt.time(9))).strftime("%Y-%m-%dT%H:%M")


def take(person: Person, label: str, *, reason: str = "", at: str | None = None, **fields: str) -> None:
    """Open the step's form on the case page, fill it and submit it; the page reloads."""
    page = person.page
    step = page.locator("details.step", has=page.locator(f"summary:text-is('{label}')"))
    if step.get_attribute("open") is None:
        step.locator("summary").first.click()
    form = step.locator("form")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    if reason:
        form.locator("[name=reason]").fill(reason)
    if at:
        form.locator("details.later summary").click()
        form.locator("[name=at]").fill(at)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def register(person: Person, base: str, *, at: str | None = None, shot: str | None = None) -> str:
    """Fill the application form on the cases page and submit it (``at``: 补录, a county clerk's only); the
    case page's address."""
    person.open("/cases")
    page = person.page
    page.locator("#open-case-box > summary").click()
    form = page.locator("form#case-open")
    form.locator("[name=id_number]").fill(NUMBER)
    form.locator("[name=name]").fill(NAME)
    form.locator("[name=applied_on]").fill((dt.date.today() - dt.timedelta(days=40)).isoformat())
    form.locator("[name=area]").fill("450222101")
    form.locator("[name=income]").fill("18000")
    form.locator("[name=bill_date]").first.fill((dt.date.today() - dt.timedelta(days=70)).isoformat())
    form.locator("[name=bill_total]").first.fill("58000")
    form.locator("[name=bill_self_pay]").first.fill("26000")
    if at:
        form.locator("details.later summary").click()
        form.locator("[name=at]").fill(at)
    if shot:
        person.shot(shot)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    case_url = page.url.removeprefix(base)
    assert case_url.startswith("/cases/") and "已申请，待受理" in page.locator(".tiles").inner_text()
    assert NAME not in page.content() and NUMBER not in page.content()  # masked on the page
    return case_url


def test_a_case_from_application_to_payment_in_the_browser(case_county, case_app, chromium, tmp_path):
    with live_server(case_app) as base:
        # the 民政 department registers an application and receives it (受理), now: it may not back-date
        department = Person(chromium, base, case_county, "department")
        department.sign_in()
        register(department, base, shot="20-登记申请")
        page = department.page
        take(department, "受理")
        assert "已受理，待审核" in page.locator(".tiles").inner_text()
        assert page.locator("details.step").count() == 0  # a department takes no step after 受理
        assert "web-department" in page.locator("table.history").inner_text()
        department.close()

        # the county's clerk types in a paper file afterwards (补录): each step at its real time
        clerk = Person(chromium, base, case_county, "clerk")
        clerk.sign_in()
        case_url = register(clerk, base, at=ago(40))
        take(clerk, "受理", at=ago(38))
        clerk.open(case_url)
        take(clerk, "审核通过", reason="入户核实：医疗费用负担重，家庭人均收入低", at=ago(35))
        take(clerk, "审批通过", at=ago(30))
        take(clerk, "公示", at=ago(25), days="7")
        assert "公示中" in clerk.page.locator(".tiles").inner_text()
        clerk.open("/cases?state=publicised")
        clerk.shot("21-救助案件列表")
        with clerk.page.expect_download() as download:
            clerk.page.locator("a[href='/api/cases/publicity-list?format=pdf']").click()
        text = pdf_text(Path(download.value.path()))
        assert "医疗救助对象公示名单" in text and NAME[0] + "**" in text
        assert NAME not in text and tokens18(text) == [] and NUMBER[-4:] not in text  # no ID number at all
        clerk.open(case_url)
        take(clerk, "发放", amount="15600.00", basis="政策范围内个人自付扣除起付线后按 60% 救助")
        tiles = clerk.page.locator(".tiles").inner_text()
        assert "已发放，待归档" in tiles and "15,600.00" in tiles
        history = clerk.page.locator("table.history").inner_text()
        for label in ("登记申请", "受理", "审核通过", "审批通过", "公示", "发放"):
            assert label in history
        assert "web-clerk" in history and "补录于" in history  # the real time of typing beside each step
        clerk.shot("22-救助案件")
        clerk.close()


def pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)
