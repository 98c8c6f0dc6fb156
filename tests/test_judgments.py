"""Judged scores as app state: an evaluator scores what needs judgment, or overrides an automatic
score, with a reason and evidence; evaluate and report use them and show who did what and why."""

from __future__ import annotations

import hashlib
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from medaid.evaluation import FindingKind, Severity
from medaid.evaluation.judging import JudgmentError
from medaid.services.evaluation import evaluate_workspace
from medaid.services.judgments import JudgeError, judge, list_judgments
from medaid.services.workspaces import init_workspace
from medaid.store import app
from tests.test_metrics import make_workspace

PRECISION = "产出/产出质量/救助对象精准度"  # 定性: needs an evaluator
BUDGET = ("过程", "资金管理", "预算执行率")  # scored from the fund data


@pytest.fixture(autouse=True)
def _own_app_database(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = make_workspace(tmp_path).root  # 柳城-like fund figures: 预算执行率 is computed from data
    (root / "medaid.yaml").write_text(
        (root / "medaid.yaml")
        .read_text(encoding="utf-8")
        .replace("framework: null", "framework: templates/financial_common"),
        encoding="utf-8",
    )
    return root


def test_init_without_a_framework_gives_a_workspace_that_evaluates(tmp_path: Path):
    made = init_workspace(tmp_path / "new", region="示例县", year=2023)
    assert made.framework == "templates/financial_common"
    result = evaluate_workspace(made.root)  # was: refused, "请用 --framework 指定评价框架"
    pending = [f for f in result.report.findings if f.kind is FindingKind.PENDING]
    assert pending and all(f.severity is Severity.INFO for f in pending)
    assert any("medaid judge" in f.message and "救助对象精准度" in f.message for f in pending)
    assert not any(
        f.kind is FindingKind.MISSING_SCORE and "救助对象精准度" in f.message for f in result.report.findings
    )


def test_a_judged_score_is_kept_with_reason_who_when_and_evidence(ws: Path, tmp_path: Path):
    evidence = tmp_path / "抽查记录.pdf"
    evidence.write_bytes(b"%PDF-1.4 sample")
    done = judge(ws, PRECISION, score="3.5", reason="抽查20户，1户身份信息与名单不符", evidence=[evidence],
                 actor="评价组王某")  # fmt: skip
    record = done.record
    assert record.path == ("产出", "产出质量", "救助对象精准度") and record.score == Decimal("3.5")
    assert record.actor == "评价组王某" and done.weight == 4 and done.replaced is None
    (kept,) = record.evidence
    assert kept.sha256 == hashlib.sha256(b"%PDF-1.4 sample").hexdigest() and kept.name == "抽查记录.pdf"
    stored = ws / kept.stored
    assert stored.read_bytes() == b"%PDF-1.4 sample" and stat.S_IMODE(stored.stat().st_mode) == 0o600
    result = evaluate_workspace(ws)
    node = next(n for n in result.report.scored.walk() if n.indicator.path == record.path)
    assert node.score == Decimal("3.5") and node.source.value == "judged"
    assert "抽查20户" in node.reason and "评价组王某" in node.reason
    assert not any(f.kind is FindingKind.PENDING and f.path == record.path for f in result.report.findings)
    data = result.to_dict()
    assert data["judgments"][0]["evidence"][0]["sha256"] == kept.sha256


def test_an_automatic_score_may_be_overridden_with_a_reason_shown_as_a_note(ws: Path):
    before = evaluate_workspace(ws)
    automatic = next(n for n in before.report.scored.walk() if n.indicator.path == BUDGET)
    assert automatic.source.value == "rule" and automatic.score is not None
    judge(
        ws, "/".join(BUDGET), score=str(automatic.score - 1), reason="年中追加预算未及时下达，酌情扣1分", actor="李评"
    )
    after = evaluate_workspace(ws)
    node = next(n for n in after.report.scored.walk() if n.indicator.path == BUDGET)
    assert node.source.value == "override" and node.score == automatic.score - 1
    (note,) = [f for f in after.report.findings if f.kind is FindingKind.OVERRIDE]
    assert note.severity is Severity.INFO and "酌情扣1分" in note.message and "李评" in note.message
    assert not after.report.errors or all(f.path != BUDGET for f in after.report.errors)


def test_a_judgment_is_refused_without_a_reason_out_of_range_or_off_the_tree(ws: Path):
    with pytest.raises(JudgeError, match="缺少评分理由"):
        judge(ws, PRECISION, score="3", reason="  ")
    with pytest.raises(JudgmentError, match=r"评分 4\.5 分超出 0–4 分的范围"):
        judge(ws, PRECISION, score="4.5", reason="超过分值")
    with pytest.raises(JudgeError, match="不是数字"):
        judge(ws, PRECISION, score="三", reason="x")
    with pytest.raises(JudgmentError, match="评价框架中没有指标“产出/产出质量/救助对象精准”"):
        judge(ws, "产出/产出质量/救助对象精准", score="3", reason="路径少一字")
    with pytest.raises(JudgmentError, match="不是末级指标"):
        judge(ws, "产出/产出质量", score="3", reason="一个分支不是末级指标")
    assert list_judgments(ws).judgments == []  # nothing was stored


def test_the_latest_judgment_counts_and_the_history_stays(ws: Path):
    first = judge(ws, PRECISION, score="3", reason="初评", actor="甲")
    second = judge(ws, PRECISION, score="3.5", reason="复核后调整", actor="乙")
    assert second.replaced is not None and second.replaced.id == first.record.id
    current = list_judgments(ws)
    assert [(j.score, j.actor) for j in current.judgments] == [(Decimal("3.5"), "乙")]
    assert [j.reason for j in list_judgments(ws, history=True).judgments] == ["初评", "复核后调整"]


def test_a_judgment_of_an_indicator_the_framework_no_longer_has_is_reported_not_applied(ws: Path, tmp_path: Path):
    judge(ws, PRECISION, score="3", reason="x")
    other = tmp_path / "other.yaml"
    other.write_text("title: 另一框架\nindicators:\n  - {name: 产出, weight: 100, rule: 达到目标值得满分, target: ≥1人, "
                     "actual: 2人}\n", encoding="utf-8")  # fmt: skip
    result = evaluate_workspace(ws, framework=str(other))
    assert [s.path for s in result.stale] == [("产出", "产出质量", "救助对象精准度")] and result.judgments == []


def test_the_report_carries_the_judged_score_and_the_override_note(ws: Path, tmp_path: Path):
    from medaid.services.reports import build

    judge(ws, PRECISION, score="3.5", reason="抽查20户有1户身份信息不符", actor="王评")
    judge(ws, "/".join(BUDGET), score="1", reason="执行进度明显滞后，酌情给分", actor="王评")
    report, _, _ = build(str(ws), drafts=tmp_path / "稿.yaml")
    notes = " ".join(p.text for p in report.notes)
    assert "执行进度明显滞后，酌情给分" in notes and "王评" in notes
    analysis = " ".join(report.explanations.values())
    assert "抽查20户有1户身份信息不符（王评，" in analysis


def test_a_score_with_more_than_two_decimals_is_refused_not_rounded(ws: Path):
    with pytest.raises(JudgeError, match="超过两位小数"):
        judge(ws, PRECISION, score="3.555", reason="精确到千分位")
    assert list_judgments(ws).judgments == []


def test_the_evaluation_json_says_which_year_and_framework_it_evaluated(ws: Path):
    data = evaluate_workspace(ws).to_dict()
    assert data["evaluated"] == {"year": 2023, "framework": "templates/financial_common"}
