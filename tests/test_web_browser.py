"""The walk a county's team takes in a real browser (Debian's chromium, driven by Playwright; nothing is
downloaded): a 医保经办 clerk signs in with a second factor, uploads settlements with bad rows and downloads
the rejects, follows up a verification finding; an evaluator judges an indicator with a reason and an
evidence file, generates the report and downloads the Word file; the finance bureau reads the audit log,
which holds every step. Screenshots of the main pages are written to test-artefacts/screenshots/."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from medaid.ingest.idnumber import is_valid
from tests.web_support import ACCOUNTS, PASSWORD, County, live_server

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(os.environ.get("MEDAID_TEST_ARTEFACTS", Path(__file__).resolve().parents[1] / "test-artefacts"))
SHOTS = ARTEFACTS / "screenshots"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="没有 /usr/bin/chromium：make test 会安装 Debian 的 chromium"
)

BAD_ROWS = (
    "JS2023WALK0001,12345,张三,住院,二级,H45990100034,2023-12-20,5000.00,4000.00,2000.00,0.00,0.00,0.00,3000.00,是,否,是,2023-12-18",
    "JS2023WALK0002,459901200205271589,李四,住院,二级,H45990100034,2023-13-45,5000.00,4000.00,2000.00,0.00,0.00,0.00,3000.00,是,否,是,2023-12-18",
)


def settlements_with_bad_rows(county: County, folder: Path) -> Path:
    """Thirty rows the county already has, and two bad ones (an ID too short, a date that does not exist)."""
    lines = (county.data / "settlements.csv").read_text(encoding="utf-8-sig").splitlines()
    path = folder / "十二月结算.csv"
    path.write_text("\n".join([*lines[:31], *BAD_ROWS]) + "\n", encoding="utf-8")
    return path


def tokens18(text: str) -> list[str]:
    return re.findall(r"(?<![0-9X])[0-9]{17}[0-9X](?![0-9X])", text)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


class Person:
    """One user at one browser: signs in, looks, acts; console errors (a CSP violation among them) are kept."""

    def __init__(self, chromium, base: str, county: County, role: str) -> None:
        self.context = chromium.new_context(
            accept_downloads=True, locale="zh-CN", viewport={"width": 1366, "height": 900}
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.base, self.county, self.name = base, county, ACCOUNTS[role]

    def sign_in(self) -> None:
        page = self.page
        page.goto(self.base + "/")
        assert page.url.startswith(self.base + "/login")  # not signed in: sent to the login page
        page.fill("input[name=name]", self.name)
        page.fill("input[name=password]", PASSWORD)
        code = self.county.otp(self.name)
        if code:
            page.fill("input[name=otp]", code)
        page.click("form#login button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        page.wait_for_load_state("networkidle")

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_timeout(300)  # charts finish their animation
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        assert self.errors == [], self.errors  # no script error, no blocked resource
        self.context.close()


def test_a_clerk_an_evaluator_and_the_finance_bureau_walk_through_a_county(web_county, web_app, chromium, tmp_path):
    if web_county.app_url:
        pytest.skip("浏览器走查只在 SQLite 上运行一次（PostgreSQL 由其他网页测试覆盖）")
    upload = settlements_with_bad_rows(web_county, tmp_path)
    with live_server(web_app) as base:
        # --- the clerk: second factor, upload, rejects, a finding followed up ---
        clerk = Person(chromium, base, web_county, "clerk")
        clerk.sign_in()
        page = clerk.page
        assert page.locator("h1").inner_text() == "工作台"
        clerk.shot("01-工作台")

        clerk.open("/upload")
        page.select_option("select[name=kind]", "settlements")
        page.set_input_files("input[name=file]", str(upload))
        page.click("#upload-form button[type=submit]")
        report = page.locator("#upload-report")
        report.wait_for(state="visible", timeout=60_000)
        assert report.locator("[data-field=rejected]").inner_text().strip() == "2"
        with page.expect_download() as download:
            report.locator("a[data-field-href=rejects_url]").click()
        rejects = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert "身份证号" in rejects and "结算日期" in rejects  # each bad row named by its column and why
        assert not [t for t in tokens18(rejects) if is_valid(t)]  # the rejects are masked too
        clerk.shot("02-数据导入")

        clerk.open("/verification?state=open")
        follow = page.locator("details:has(form[data-api='/api/verification/follow-ups'])").first
        follow.locator("summary").click()  # 登记整改
        row_form = follow.locator("form")
        settlement = row_form.locator("input[name=settlement_id]").input_value()
        row_form.locator("select[name=state]").select_option("in_progress")
        row_form.locator("[name=note]").fill("已电话通知医院，待退回多付的救助金")
        with page.expect_navigation():
            row_form.locator("button[type=submit]").click()
        clerk.open(f"/verification?query={settlement}")
        assert "整改中" in page.locator("main table").first.inner_text()
        clerk.shot("03-核查台账")
        clerk.open("/warnings")
        clerk.shot("04-高额费用预警")
        clerk.open("/registry")
        clerk.shot("05-救助对象")
        clerk.close()

        # --- the evaluator: a judged score with its reason and evidence, the report in Word ---
        evaluator = Person(chromium, base, web_county, "evaluator")
        evaluator.sign_in()
        page = evaluator.page
        evaluator.open("/evaluation")
        judge = page.locator("tr.pending form.judge").first  # a pending indicator's form is open
        evidence = tmp_path / "抽查记录.txt"
        evidence.write_text("抽查 20 户，1 户身份信息不符。", encoding="utf-8")
        judge.locator("input[name=score]").fill("1")
        judge.locator("textarea[name=reason]").fill("抽查20户有1户身份信息不符，酌情扣分")
        judge.locator("input[name=files]").set_input_files(str(evidence))
        with page.expect_navigation():
            judge.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        assert "抽查记录.txt" in page.locator("main").inner_text()
        evaluator.shot("06-绩效评价")

        evaluator.open("/reports")
        for box in page.locator("#report-form input[name=formats]").all():
            box.set_checked(box.get_attribute("value") == "docx")
        page.click("#report-form button[type=submit]")
        link = page.locator("a[href$='.docx']").first
        link.wait_for(timeout=120_000)
        with page.expect_download() as download:
            link.click()
        assert Path(download.value.path()).read_bytes()[:2] == b"PK"  # a Word file is a zip
        evaluator.shot("07-评价报告")
        evaluator.open("/policy")
        evaluator.shot("08-政策计算")

        evaluator.open("/rules")  # 评分标准试算: the form comes filled with an example
        page.click("#rule-form button[type=submit]")
        page.locator("#rule-result").wait_for(state="visible")
        assert (
            page.locator("#rule-score").inner_text() == "2.5" and "97.5%" in page.locator("#rule-reason").inner_text()
        )
        table = tmp_path / "评分标准.csv"
        table.write_bytes("评分标准,分值,实际完成值,扣分说明\n每发现1例重复救助扣1分，扣完为止,5,,发现2例\n参照上年度做法,5,,\n"
                          .encode("gb18030"))  # fmt: skip
        page.set_input_files("#table-form input[name=file]", str(table))
        page.click("#table-form button[type=submit]")
        page.locator("#table-result").wait_for(state="visible")
        assert "共 2 行，读懂 1 行，计出得分 1 行" in page.locator("#table-summary").inner_text()
        evaluator.shot("08b-评分标准试算")
        evaluator.close()

        # --- the finance bureau reads the audit log: every step is there ---
        finance = Person(chromium, base, web_county, "finance")
        finance.sign_in()
        finance.open("/audit-log")
        text = finance.page.locator("main").inner_text()
        for action in ("登录", "数据导入", "核查整改", "评分", "报告生成"):
            assert action in text, action
        assert "链完整" in text
        finance.shot("09-审计日志")
        finance.close()

        admin = Person(chromium, base, web_county, "admin")
        admin.sign_in()
        admin.open("/accounts")
        admin.shot("10-账户管理")
        admin.close()
