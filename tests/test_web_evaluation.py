"""The evaluator's workbench on the web: the evaluation every reading role sees, judgments with reasons
and evidence, the report's draft text, and the report files made and downloaded.

Runs on the county of tests/web_support.py (SQLite, and PostgreSQL when MEDAID_TEST_PG_URL names a
server). Judgments are recorded on indicators no other test judges; the docx is the only report made.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder
from sqlalchemy import func, select

from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from tests.web_support import ACCOUNTS

READERS = ("admin", "clerk", "evaluator", "finance")
JUDGED = "产出/产出时效/资助参保资金及时拨付"  # pending in the county: judged here only


def last_entry(root: Path) -> int:
    with session_for(root) as session:
        return session.scalar(select(func.max(AuditEntry.id))) or 0


def entries_since(root: Path, since: int, action: str) -> list[tuple[str, dict[str, object]]]:
    with session_for(root) as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.detail)
                               .where(AuditEntry.id > since, AuditEntry.action == action))  # fmt: skip
        return [(actor, json.loads(detail)) for actor, detail in rows]


def leaf(data: dict[str, object], path: str) -> dict[str, object]:
    wanted = path.split("/")

    def walk(nodes: object) -> dict[str, object] | None:
        for node in nodes if isinstance(nodes, list) else []:
            if node["path"] == wanted:
                return node  # type: ignore[no-any-return]
            found = walk(node.get("children"))
            if found is not None:
                return found
        return None

    found = walk(data["indicators"])
    assert found is not None, path
    return found


# --- the evaluation -----------------------------------------------------------------------------


def steady(data: dict[str, object]) -> dict[str, object]:
    """An evaluation's JSON without the SQL of its metrics (it names in-memory tables afresh each time)."""
    return data | {"metrics": [{k: v for k, v in m.items() if k != "queries"} for m in data["metrics"]]}  # type: ignore[attr-defined]


def test_every_reading_role_gets_the_workspace_evaluation_as_medaid_evaluate_gives_it(browsers, web_county):
    from medaid.services.evaluation import evaluate_workspace

    expected = steady(jsonable_encoder(evaluate_workspace(web_county.root).to_dict()))
    for role in READERS:
        answer = browsers[role].get("/api/evaluation")
        assert answer.status_code == 200, (role, answer.text)
        assert steady(answer.json()) == expected, role
    assert browsers["department"].get("/api/evaluation").status_code == 403
    assert browsers[None].get("/api/evaluation").status_code == 401


def test_the_workbench_shows_the_tree_its_sources_and_pending_indicators(browsers):
    page = browsers["finance"].get("/evaluation", headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.text
    for words in (
        "指标体系与得分",
        "待评价人员评分",
        "数据计算",
        "问卷调查",
        "审核发现",
        "90 分（含）以上",
        "评分记录",
    ):
        assert words in html, words
    assert 'data-api="/api/judgments"' not in html  # finance reads; only an evaluator judges
    assert "medaid judge 工作区" not in html  # the CLI's hint is replaced by where to score on the page
    mine = browsers["evaluator"].get("/evaluation", headers={"Accept": "text/html"}).text
    assert 'data-api="/api/judgments"' in mine and f'value="{JUDGED}"' in mine


def test_a_workspace_without_a_framework_says_so_rather_than_failing(tmp_path):
    from medaid.services.workbench import workbench
    from medaid.services.workspaces import init_workspace

    bare = init_workspace(tmp_path / "ws", region="空县", year=2023).root
    settings = bare / "medaid.yaml"
    kept = [line for line in settings.read_text(encoding="utf-8").splitlines() if not line.startswith("framework:")]
    settings.write_text("\n".join([*kept, "framework: null", ""]), encoding="utf-8")
    found = workbench(bare)
    assert found.evaluation is None and "未设置评价框架" in (found.error or "")


def test_an_evaluator_judges_with_a_reason_and_evidence_kept_with_its_sha256(browsers, web_county):
    root = web_county.root
    since = last_entry(root)
    files = [("files", ("抽查记录.txt", "抽查 20 户，1 户拨付超过时限".encode(), "text/plain")),
             ("files", ("../../拨付凭证.csv", b"month,paid\n2023-06,1\n", "text/csv"))]  # fmt: skip
    answer = browsers["evaluator"].post(
        "/api/judgments", data={"path": JUDGED, "score": "0.5", "reason": "抽查 20 户，1 户拨付超过时限"}, files=files
    )
    assert answer.status_code == 200, answer.text
    judged = answer.json()
    assert judged["path"] == JUDGED.split("/") and judged["score"] == 0.5 and judged["actor"] == ACCOUNTS["evaluator"]
    kept = {e["name"]: e for e in judged["evidence"]}
    assert set(kept) == {"抽查记录.txt", "拨付凭证.csv"}  # a name, never a path
    for name, content in (("抽查记录.txt", files[0][1][1]), ("拨付凭证.csv", files[1][1][1])):
        assert kept[name]["sha256"] == hashlib.sha256(content).hexdigest()
        assert (root / kept[name]["stored"]).read_bytes() == content
    logged = entries_since(root, since, "评价人员评分")
    assert [(actor, detail["path"], detail["score"]) for actor, detail in logged] == [
        (ACCOUNTS["evaluator"], JUDGED.split("/"), "0.5")
    ]
    assert sorted(logged[0][1]["evidence"]) == sorted(e["sha256"] for e in kept.values())  # type: ignore[arg-type]
    scored = leaf(browsers["finance"].get("/api/evaluation").json(), JUDGED)
    assert scored["source"] == "judged" and scored["score"] == 0.5
    history = browsers["finance"].get("/api/judgments", params={"history": "true"}).json()["judgments"]
    assert history[-1]["path"] == JUDGED.split("/") and history[-1]["reason"] == "抽查 20 户，1 户拨付超过时限"
    assert not list((root / ".medaid-tmp").glob("*/evidence-*"))  # the uploads' private copies are gone


@pytest.mark.parametrize("role", ["finance", "clerk", "admin", "department"])
def test_only_an_evaluator_may_judge(browsers, web_county, role):
    answer = browsers[role].post("/api/judgments", data={"path": JUDGED, "score": "1", "reason": "越权"})
    assert answer.status_code == 403
    assert "无权" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"path": JUDGED, "score": "2"}, "缺少评分理由"),
        ({"path": JUDGED, "score": "2", "reason": "   "}, "缺少评分理由"),
        ({"path": JUDGED, "score": "9", "reason": "超出分值"}, "超出"),
        ({"path": JUDGED, "score": "很好", "reason": "不是数字"}, "不是数字"),
        ({"path": "产出/没有这个指标", "score": "1", "reason": "路径不对"}, "没有这个指标"),
    ],
)
def test_a_judgment_that_cannot_be_recorded_is_refused_with_why(browsers, form, words):
    answer = browsers["evaluator"].post("/api/judgments", data=form)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert words in error["message"] + error["hint"]


def test_recompute_is_for_evaluators_and_gives_the_same_shape(browsers):
    fresh = browsers["evaluator"].post("/api/evaluation/recompute")
    assert fresh.status_code == 200
    assert steady(fresh.json()) == steady(browsers["finance"].get("/api/evaluation").json())
    assert browsers["finance"].post("/api/evaluation/recompute").status_code == 403


# --- the report's draft text ----------------------------------------------------------------------


def drafts_file(root: Path) -> Path:
    return next((root / "reports").glob("*-文字稿.yaml"))


def test_drafts_are_read_by_every_reader_and_edited_by_an_evaluator(browsers, web_county):
    root = web_county.root
    drafts = browsers["finance"].get("/api/drafts").json()
    assert drafts["themes"], "the county has problems to write about"
    first = drafts["themes"][0]["problem"]
    assert (
        first["item"] == 1 and first["section_label"] == "存在的问题" and first["state"] in ("draft", "edited", "own")
    )
    assert browsers["department"].get("/api/drafts").status_code == 403
    since = last_entry(root)
    text = "救助人次未达到年度目标，应复核目标的测算依据。"
    saved = browsers["evaluator"].put("/api/drafts/problems/1", json={"title": "救助人次未达目标", "text": text})
    assert saved.status_code == 200, saved.text
    assert (saved.json()["text"], saved.json()["state"]) == (text, "edited")
    assert text in drafts_file(root).read_text(encoding="utf-8")
    logged = entries_since(root, since, "报告文稿修改")
    assert len(logged) == 1 and logged[0][0] == ACCOUNTS["evaluator"]
    assert logged[0][1]["sha256"] == hashlib.sha256(text.encode()).hexdigest() and logged[0][1]["item"] == 1
    again = browsers["finance"].get("/api/drafts").json()["themes"][0]["problem"]
    assert (again["title"], again["text"], again["state"]) == ("救助人次未达目标", text, "edited")
    assert browsers["finance"].put("/api/drafts/problems/1", json={"title": "x", "text": "y"}).status_code == 403


def test_a_text_written_before_the_scores_changed_is_flagged_until_checked(browsers, web_county):
    path = drafts_file(web_county.root)
    browsers["evaluator"].put("/api/drafts/suggestions/2", json={"title": "科学测算资金需求", "text": "建议按实测算。"})
    body = path.read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(body)
    data["改进建议"][1]["原稿"] = "一段按旧的评分结果写的草稿。"  # as if the scores changed since
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    item = browsers["finance"].get("/api/drafts").json()["themes"][1]["suggestion"]
    assert item["state"] == "stale" and "可能已过时" in item["note"]
    assert browsers["finance"].get("/api/drafts").json()["stale"] >= 1
    checked = browsers["evaluator"].put("/api/drafts/suggestions/2",
                                        json={"title": "科学测算资金需求", "text": "建议按实测算。", "checked": True})  # fmt: skip
    assert checked.json()["state"] == "own"
    assert "一段按旧的评分结果写的草稿" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "body", "status"),
    [
        ("/api/drafts/problems/99", {"title": "t", "text": "x"}, 400),
        ("/api/drafts/problems/1", {"title": "", "text": "x"}, 400),
        ("/api/drafts/elsewhere/1", {"title": "t", "text": "x"}, 400),
        ("/api/drafts/problems/1", {"title": "t", "text": "x", "extra": 1}, 400),
    ],
)
def test_a_draft_edit_that_does_not_fit_is_refused(browsers, url, body, status):
    answer = browsers["evaluator"].put(url, json=body)
    assert answer.status_code == status, answer.text
    assert set(answer.json()["error"]) == {"message", "location", "hint"}


# --- report files -----------------------------------------------------------------------------


def test_an_evaluator_makes_the_word_report_which_anyone_reading_downloads(browsers, web_county):
    from docx import Document

    root = web_county.root
    browsers["evaluator"].put("/api/drafts/problems/1", json={"title": "救助人次未达目标", "text": "印进报告的文字。"})
    since = last_entry(root)
    made = browsers["evaluator"].post("/api/reports", json={"formats": ["docx"]})
    assert made.status_code == 200, made.text
    files = made.json()["files"]
    assert [f["format"] for f in files] == ["docx"]
    name = files[0]["name"]
    assert (
        name.endswith("年绩效评价报告.docx")
        and files[0]["sha256"] == hashlib.sha256((root / "reports" / name).read_bytes()).hexdigest()
    )
    listed = {f["name"]: f for f in browsers["finance"].get("/api/reports").json()["files"]}
    assert listed[name]["sha256"] == files[0]["sha256"] and listed[name]["size"] == files[0]["size"]
    download = browsers["finance"].get(f"/api/reports/files/{name}")
    assert download.status_code == 200 and download.content == (root / "reports" / name).read_bytes()
    assert "attachment" in download.headers["content-disposition"]
    text = "\n".join(p.text for p in Document(str(root / "reports" / name)).paragraphs)
    assert "印进报告的文字。" in text  # the workbench's draft is the report's text
    logged = entries_since(root, since, "报告生成")
    assert len(logged) == 1 and logged[0][0] == ACCOUNTS["evaluator"]
    assert logged[0][1]["files"] == [{"name": name, "sha256": files[0]["sha256"]}]
    page = browsers["finance"].get("/reports", headers={"Accept": "text/html"}).text
    assert name in page and 'id="report-form"' not in page  # finance reads, does not generate


@pytest.mark.parametrize(
    "name",
    [
        "..%2Fmedaid.key",
        "%2E%2E%2Fmedaid.yaml",
        "medaid.key",
        "app.sqlite",
        "%2Fetc%2Fpasswd",
        "示例县2023年绩效评价报告-文字稿.yaml",
    ],
)
def test_only_a_generated_report_can_be_downloaded(browsers, name):
    answer = browsers["finance"].get(f"/api/reports/files/{name}")
    assert answer.status_code == 404
    assert set(answer.json()["error"]) == {"message", "location", "hint"}


def test_report_generation_is_refused_to_readers_and_for_unknown_formats(browsers):
    assert browsers["finance"].post("/api/reports", json={"formats": ["docx"]}).status_code == 403
    assert browsers["evaluator"].post("/api/reports", json={"formats": ["exe"]}).status_code == 400
    assert browsers["evaluator"].post("/api/reports", json={"formats": []}).status_code == 400
