"""The report's text follows its numbers.

The demo county (the generated county ``make demo`` writes, scored with the fictional
example framework) is evaluated once for the module. Every data-scored indicator's
explanation states the value shown in 实际完成值 and the score given; nothing of the
example file's own claims (its scores, notes, total) reaches the report; the survey kept
in the workspace fills its indicators, so the body, the table, the total and 附件2 agree.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from medaid.evaluation import audit, load_framework
from medaid.evaluation.catalog import find
from medaid.evaluation.findings import FindingKind
from medaid.evaluation.numbers import fmt
from medaid.evaluation.scoring import Source
from medaid.reports.document import EvaluationReport, build_report
from medaid.reports.model import Para

GOLDEN = Path(__file__).parent / "golden" / "demo_county_report.json"
EXAMPLE = "examples/county_2023_financial"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[EvaluationReport, Path]:
    """The demo county as `make demo` makes it: data, pipeline, survey, judgments, reports."""
    from medaid.services.demo import COUNTY_FRAMEWORK, county_reports, generate_data, run_pipeline
    from medaid.services.reports import build

    root = tmp_path_factory.mktemp("county")
    generate_data(root / "data", "county", seed=2023, year=2023)
    result = run_pipeline(root / "data", root / "workspace", year=2023, month="2023-12", framework=COUNTY_FRAMEWORK)
    folder = county_reports(root / "reports", result)
    report, _, _ = build(str(result.root), evaluation=result.evaluation, out=folder / "评价报告.json")
    return report, folder


def test_each_data_scored_explanation_states_the_actual_shown_and_the_score(county):
    report, _ = county
    leaves = [n for n in report.audit.scored.walk() if not n.children]
    data = [n for n in leaves if n.source is Source.RULE and n.indicator.metric]
    assert len(data) >= 10
    shown = {cell.row: cell.text for cell in report.sheet.cells if cell.col == report.sheet.levels + 3}  # 实际完成值
    rows = {node.indicator.path: i for i, node in enumerate(report.sheet.rows)}
    for node in data:
        actual = node.indicator.actual
        assert actual is not None
        assert shown[rows[node.indicator.path]] == actual.text
        text = report.explanations[node.indicator.path]
        assert f"实际完成值 {actual.text}" in text, text
        assert re.search(rf"(得(满分)? {re.escape(fmt(node.score))} 分|= {re.escape(fmt(node.score))})。$", text), text
    judged = [n for n in leaves if n.source is Source.JUDGED]
    assert judged and all("评价人员评分" in report.explanations[n.indicator.path] for n in judged)
    assert all(n.source in (Source.RULE, Source.JUDGED) for n in leaves)  # nothing taken from the example's file


def test_no_claim_of_the_example_file_reaches_the_report(county):
    _, folder = county
    example = load_framework(find(EXAMPLE))
    notes = [n.note for n in example.walk() if n.note]
    texts = [p.text for p in Document(str(folder / "评价报告.docx")).paragraphs]
    body = "\n".join(texts)
    assert notes and not [n for n in notes if n in body]
    for phrase in ("原报告", "所载总分", "复核为", "7800人", "32416人次", "94.60%", "2.13个月", "未形成核查台账"):
        assert phrase not in body, phrase
    for guidance in ("docs/", "如按柳城写法", "spending_progress", "（虚构示例）绩效评价报告", "年示例县"):
        assert guidance not in body, guidance


def test_the_survey_kept_in_the_workspace_fills_its_indicators_and_annex(county):
    report, _ = county
    survey = report.survey
    assert survey is not None and survey.satisfaction is not None and survey.awareness is not None
    by_metric = {n.indicator.metric: n for n in report.audit.scored.walk() if n.indicator.metric}
    satisfaction = by_metric["satisfaction_rate"]
    assert satisfaction.indicator.actual is not None
    assert satisfaction.indicator.actual.text == f"{survey.satisfaction.value * 100:.2f}%"
    annex = [b.text for b in report.parts[-1].blocks if isinstance(b, Para)]
    assert any(t.startswith(f"综合满意度为 {survey.satisfaction.value * 100:.2f}%") for t in annex)
    leaves = sum((n.score or Decimal(0) for n in report.audit.scored.walk() if not n.children), Decimal(0))
    assert report.total == leaves


def test_the_ledger_answers_the_quality_control_indicator(county):
    report, _ = county
    node = next(n for n in report.audit.scored.walk() if n.indicator.metric == "verified_months")
    assert node.indicator.actual is not None and node.indicator.actual.text == "12个月"
    assert "核查台账月数" in report.explanations[node.indicator.path]


def _normalised(data: dict[str, object]) -> dict[str, object]:
    """The report JSON without what changes from day to day (dates) or machine to machine."""
    text = json.dumps({"total": data["total"], "grade": data["grade"], "report": data["report"]},
                      ensure_ascii=False, indent=1, sort_keys=True)  # fmt: skip
    text = re.sub(r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD", text)
    return dict(json.loads(text))


def test_the_demo_county_report_json_matches_its_golden_snapshot(county):
    """A change to any sentence or number of the demo report shows here; refresh on purpose with
    MEDAID_UPDATE_GOLDEN=1 and read the diff."""
    report, _ = county
    now = _normalised(report.to_dict())
    if os.environ.get("MEDAID_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert now == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_a_report_of_an_evaluation_file_reviews_only_the_total_that_file_states(tmp_path: Path):
    report = build_report(audit(load_framework(find("seeds/liucheng_2023"))))
    assert (
        "《柳城县2023年城乡医疗救助项目财政绩效评价》所载总分为 93.6 分，按评分表逐项复核为 90.3 分。" in report.summary
    )
    own = tmp_path / "表.yaml"
    own.write_text("title: 某县评价\nindicators:\n  - {name: 决策, weight: 40, score: 30}\n"
                   "  - {name: 产出, weight: 60, score: 60}\n", encoding="utf-8")  # fmt: skip
    assert not any("复核" in t for t in build_report(audit(load_framework(own))).summary)


def test_a_typed_note_stating_another_score_is_a_finding_not_report_text(tmp_path: Path):
    table = tmp_path / "表.yaml"
    table.write_text(
        "title: 某县评价\nindicators:\n"
        "  - {name: 资助参保完成率, weight: 60, unit: '%', target: '=100%', actual: '100%',"
        " rule: '100%完成得60分，每低于1个百分点扣1分', score: 60,"
        " note: '实际资助参保7800人 ÷ 应资助8000人 = 97.50%，得57.5分'}\n"
        "  - {name: 制度, weight: 40, score: 40, note: 制度健全，得40分}\n",
        encoding="utf-8",
    )
    checked = audit(load_framework(table))
    notes = [f for f in checked.findings if f.kind is FindingKind.NOTE]
    assert [(f.path[-1], f.claimed, f.expected) for f in notes] == [
        ("资助参保完成率", Decimal("57.5"), Decimal("60")),
        ("资助参保完成率", Decimal("97.50"), Decimal("100")),
    ]
    report = build_report(checked)
    explained = report.explanations[("资助参保完成率",)]
    assert "7800" not in explained and explained.endswith("得满分 60 分。")
    assert report.explanations[("制度",)] == "制度：满分 40 分，得 40 分。制度健全，得40分。"  # beside an entered score


def test_medaids_own_word_and_pdf_reports_of_the_county_audit_clean_with_the_same_total(county):
    from medaid.services.evaluation import audit_file

    report, folder = county
    for name in ("评价报告.docx", "评价报告.pdf"):
        read = audit_file(str(folder / name)).report
        assert read.findings == [], (name, [f.message for f in read.findings])
        assert read.scored.total == report.total and read.scored.framework.claimed_total == report.total
        assert read.scored.framework.claimed_grade == report.grade
    word, pdf = (audit_file(str(folder / name)).report for name in ("评价报告.docx", "评价报告.pdf"))
    assert (
        len(pdf.unread) == len(word.unread) == 11
    )  # 主要业务数据, 依申请救助办理情况 and the nine answer tables, each once
    page = pdf.unread[0].place
    assert (
        page.page is not None and page.printed is not None and int(page.printed) < page.page
    )  # "— N —" after the cover


@pytest.mark.parametrize("ref", ["seeds/liucheng_2023", "seeds/hefei_yaohai_2023",
                                 "seeds/fuliang_2021_self_medical_assistance", EXAMPLE])  # fmt: skip
def test_medaids_report_of_an_evaluation_file_adds_no_finding_of_its_own(ref: str, tmp_path: Path):
    """A seed's table keeps its own contradictions (they are its findings); medaid's report of it,
    read back from Word and from PDF, states the same total and adds none."""
    from medaid.services.evaluation import audit_file
    from medaid.services.reports import generate_report

    source = audit_file(ref).report
    own = {(f.kind, f.path) for f in source.findings}
    for fmt_ in ("docx", "pdf"):
        made = generate_report(ref, fmt=fmt_, out=tmp_path / f"报告.{fmt_}", layout="report")
        read = audit_file(str(made.path)).report
        assert read.scored.total == source.scored.total == made.total
        assert {(f.kind, f.path) for f in read.findings} <= own, [f.message for f in read.findings]
