"""评分标准试算 in the browser: anyone signed in pastes a rule text (or uploads a table of them) and sees how
medaid reads it, the numbers it used and the score — the same answers as ``medaid rule`` and ``--file``."""

from __future__ import annotations

from medaid.services.evaluation import try_rule

STEPS = "资助参保率达到100%得5分，每降低1个百分点扣1分，扣完为止。"
TABLE = (
    "评分标准,分值,指标值,实际完成值,扣分说明\n"
    f"{STEPS},5,100%,97.5%,\n"
    "每发现1例重复救助扣1分，扣完为止,5,,,发现重复救助2例\n"
    "工作成效由评价组酌情打分,5,,,\n"
    "参照上年度做法执行,5,,,\n"
)


def test_an_evaluator_tries_a_rule_and_sees_the_reading_the_numbers_and_the_score(browsers):
    answer = browsers["evaluator"].post("/api/rules/try", json={"text": STEPS, "weight": "5", "target": "100%",
                                                                "actual": "97.5%"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    tried = answer.json()
    assert tried == try_rule(STEPS, weight="5", target="100%", actual="97.5%").to_dict()  # the CLI's answer
    assert tried["understood"] and tried["score"] == 2.5 and "97.5%" in tried["reason"] and "2.5" in tried["reason"]


def test_a_rule_not_understood_is_said_so_never_guessed_and_bad_input_names_the_field(browsers):
    clerk = browsers["clerk"]
    vague = clerk.post("/api/rules/try", json={"text": "参照上年度做法执行", "weight": "5"}).json()
    assert vague["understood"] is False and "不会猜测" in vague["message"]
    judged = clerk.post("/api/rules/try", json={"text": "工作成效由评价组酌情打分", "weight": "5"}).json()
    assert judged["understood"] and judged["score"] is None and "酌情" in judged["reason"]  # left to a person
    bad = clerk.post("/api/rules/try", json={"text": STEPS, "weight": "五分", "actual": "97%"})
    assert bad.status_code == 400 and "分值“五分”无效" in bad.json()["error"]["message"]
    holds = clerk.post("/api/rules/try", json={"text": STEPS, "weight": "5", "holds": "第一项"})
    assert holds.status_code == 400 and "符合项“第一项”" in holds.json()["error"]["message"]


def test_a_table_saved_by_excel_in_gbk_is_tried_row_by_row_with_a_summary(browsers):
    files = {"file": ("评分标准.csv", TABLE.encode("gb18030"), "text/csv")}
    answer = browsers["clerk"].post("/api/rules/table", files=files)
    assert answer.status_code == 200, answer.text
    tried = answer.json()
    assert [r["row"] for r in tried["rows"]] == [2, 3, 4, 5]
    assert [r.get("score") for r in tried["rows"]] == [2.5, 3.0, None, None]  # 酌情: left to a person
    assert tried["summary"] == {"rows": 4, "understood": 3, "scored": 2} and tried["name"] == "评分标准.csv"


def test_a_table_of_another_kind_or_with_a_bad_cell_is_refused_naming_file_row_and_column(browsers):
    finance = browsers["finance"]
    word = finance.post("/api/rules/table", files={"file": ("评分标准.docx", b"PK\x03\x04", "application/zip")})
    assert word.status_code == 400 and "不支持的文件类型“.docx”" in word.json()["error"]["message"]
    bad = "评分标准,分值,允许加分\n每发现1例扣1分,5,也许\n".encode()
    refused = finance.post("/api/rules/table", files={"file": ("表.csv", bad, "text/csv")}).json()["error"]
    assert "允许加分“也许”应为 是 或 否" in refused["message"]
    assert refused["location"] == {"file": "表.csv", "row": 2, "column": "允许加分"}


def test_the_page_is_in_the_menu_of_every_role_that_reads_evaluations_and_loads_its_script(browsers):
    for role in ("clerk", "evaluator", "finance", "admin"):
        shown = browsers[role].get("/rules")
        assert shown.status_code == 200 and "评分标准试算" in shown.text and "/static/rules.js" in shown.text
        assert 'href="/rules"' in browsers[role].get("/").text
    department = browsers["department"]  # a department's account follows up its own findings only
    assert department.get("/rules").status_code == 403 and 'href="/rules"' not in department.get("/warnings").text
