"""Evaluators' judgments: a leaf whose rule needs a person waits for one (pending), a
judgment scores it (judged), or adjusts a rule's automatic score (override) with its
reason, who and when. Judgments are attached to a copy of the framework by path."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from medaid.evaluation import (
    Evidence,
    Judgment,
    JudgmentError,
    Source,
    apply_judgments,
    audit,
    audit_dict,
    check_judgment,
    find_indicator,
    load_framework,
    parse_path,
    score_framework,
    scored_dict,
)

FRAMEWORK = """
title: 评价人员评分
kind: financial
indicators:
  - name: 产出
    weight: 60
    children:
      - name: 项目产出
        weight: 60
        children:
          - name: 医疗救助实际资助参保
            weight: 6
            target: 13500人
            actual: 12987人
            rule: 100%完成得6分，每低于1个百分点，扣1分，扣完为止
          - name: 救助对象精准度
            weight: 4
            rule: 达到设定的质量标准得4分，否则按1-3分酌情给分
          - name: 项目质量控制
            weight: 50
            rule: 1. 建立质量管控制度的，得40分。2. 按规定检查的，得10分。
  - name: 效益
    weight: 40
    children:
      - name: 政策知晓率
        weight: 40
        actual: 77.5%
        rule: 政策知晓率达到90%得40分，否则按实际知晓率*分值计算
"""

ACCURACY = ("产出", "项目产出", "救助对象精准度")
QUALITY = ("产出", "项目产出", "项目质量控制")
SUBSIDY = ("产出", "项目产出", "医疗救助实际资助参保")
AT = datetime.datetime(2024, 7, 1, 9, 30)


def judged(score: str, reason: str, by: str = "李评价", evidence: tuple[Evidence, ...] = ()) -> Judgment:
    return Judgment(score=Decimal(score), reason=reason, by=by, at=AT, evidence=evidence)


@pytest.fixture
def framework(write):
    return load_framework(write("f.yaml", FRAMEWORK))


def test_leaves_awaiting_a_judgment_are_pending_not_errors(framework):
    report = audit(framework)
    assert not [f for f in report.findings if f.kind.value == "missing_score"]
    pending = {f.path: f for f in report.findings if f.kind.value == "pending"}
    assert set(pending) == {ACCURACY, QUALITY}
    assert {f.severity.value for f in pending.values()} == {"info"}
    assert pending[ACCURACY].kind.label == "待评价人员评分"
    assert (
        'medaid judge 工作区 "产出/项目产出/救助对象精准度" --score 分数 --reason 理由 录入'
        in pending[ACCURACY].message
    )
    assert report.errors == []
    assert report.scored.total is None and report.scored.grade is None
    assert "2 项指标待评价人员评分" in report.scored.reason
    sources = {n.indicator.path: n.source for n in report.scored.walk()}
    assert sources[ACCURACY] is Source.PENDING and sources[("产出",)] is Source.PENDING


def test_judgments_score_pending_leaves_and_adjust_automatic_scores(framework):
    judgments = {
        ACCURACY: judged("2", "抽查发现3户认定材料不全"),
        QUALITY: judged("48", "未形成核查台账，扣2分", evidence=(Evidence("台账.xlsx", "ab" * 32),)),
        SUBSIDY: judged("3", "年中调整资助标准，酌情扣分"),
        ("产出", "旧指标"): judged("1", "指标已删除"),
    }
    attached, stale = apply_judgments(framework, judgments)
    assert stale == [("产出", "旧指标")]
    assert framework.walk()[2].judgment is None  # the original is not changed

    scored = score_framework(attached)
    nodes = {n.indicator.path: n for n in scored.walk()}
    assert (nodes[ACCURACY].score, nodes[ACCURACY].source) == (Decimal(2), Source.JUDGED)
    assert nodes[ACCURACY].reason == "评价人员评分 2 分：抽查发现3户认定材料不全（李评价，2024-07-01）"
    override = nodes[SUBSIDY]
    assert (override.score, override.source, override.automatic) == (Decimal(3), Source.OVERRIDE, Decimal("2.2"))
    assert "得分 = 6 − 3.8 = 2.2" in override.reason
    assert override.reason.endswith("评价人员调整为 3 分：年中调整资助标准，酌情扣分（李评价，2024-07-01）")
    assert Source.OVERRIDE.label == "评价人员调整" and Source.JUDGED.label == "评价人员评分"
    assert scored.total == Decimal(3) + 2 + 48 + 31  # 40 × 77.5% = 31

    report = audit(attached)
    assert report.errors == []
    [info] = [f for f in report.findings if f.kind.value == "override"]
    assert info.severity.value == "info" and info.path == SUBSIDY
    assert (info.claimed, info.expected) == (Decimal(3), Decimal("2.2"))
    for part in ("2.2", "3 分", "年中调整资助标准", "李评价", "2024-07-01"):
        assert part in info.message


def test_a_judgment_supersedes_the_score_stated_in_the_file(write):
    text = FRAMEWORK.replace(
        "rule: 达到设定的质量标准得4分，否则按1-3分酌情给分",
        "rule: 达到设定的质量标准得4分，否则按1-3分酌情给分\n            score: 1",
    )
    attached, _ = apply_judgments(load_framework(write("s.yaml", text)), {ACCURACY: judged("3", "复核后调整")})
    node = next(n for n in score_framework(attached).walk() if n.indicator.path == ACCURACY)
    assert (node.score, node.source) == (Decimal(3), Source.JUDGED)


# (path, score, what the audit reports): a judged score is still checked
OUT_OF_RANGE = [
    (ACCURACY, "5", {("score_range", ACCURACY), ("rule", ACCURACY)}),  # above the weight 4
    (ACCURACY, "0.5", {("rule", ACCURACY)}),  # below the rule's 1–4
    (SUBSIDY, "7", {("score_range", SUBSIDY)}),  # an override above the weight 6
]


@pytest.mark.parametrize(("path", "score", "errors"), OUT_OF_RANGE)
def test_judged_scores_are_checked_against_the_weight_and_the_rule(framework, path, score, errors):
    judgments = {ACCURACY: judged("2", "理由"), QUALITY: judged("50", "理由"), path: judged(score, "理由")}
    report = audit(apply_judgments(framework, judgments)[0])
    assert {(f.kind.value, f.path) for f in report.errors} == errors


def test_find_indicator_names_the_nearest_leaf_when_a_path_is_mistyped(framework):
    assert find_indicator(framework, ACCURACY).name == "救助对象精准度"
    with pytest.raises(JudgmentError) as err:
        find_indicator(framework, ("产出", "项目产出", "救助对象精确度"))
    assert "产出/项目产出/救助对象精确度" in err.value.message and "产出/项目产出/救助对象精准度" in err.value.message


def test_find_indicator_refuses_a_branch_and_lists_its_leaves(framework):
    with pytest.raises(JudgmentError) as err:
        find_indicator(framework, ("效益",))
    assert "不是末级指标" in err.value.message and "效益/政策知晓率" in err.value.message


@pytest.mark.parametrize(
    ("path", "score", "message"),
    [
        (ACCURACY, "4.5", "0–4 分"),  # above the weight
        (ACCURACY, "-1", "0–4 分"),
        (ACCURACY, "0.5", "1–4 分"),  # the rule allows 1–3 when not met, 4 when met
        (QUALITY, "51", "0–50 分"),
    ],
)
def test_check_judgment_refuses_a_score_outside_the_allowed_range(framework, path, score, message):
    with pytest.raises(JudgmentError) as err:
        check_judgment(framework, path, Decimal(score))
    assert message in err.value.message


def test_check_judgment_accepts_a_score_in_range(framework):
    assert check_judgment(framework, ACCURACY, Decimal(2)).path == ACCURACY
    assert check_judgment(framework, SUBSIDY, Decimal(3)).path == SUBSIDY  # an override may differ from 2.2


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("产出/项目产出/救助对象精准度", ACCURACY),
        ("产出 ／ 项目产出 ／ 救助对象精准度", ACCURACY),
        ("产出 › 项目产出 › 救助对象精准度", ACCURACY),
        ("产出>项目产出>救助对象精准度", ACCURACY),
        (" 效益 / 政策知晓率 ", ("效益", "政策知晓率")),
    ],
)
def test_parse_path(text, path):
    assert parse_path(text) == path


def test_parse_path_refuses_an_empty_path():
    with pytest.raises(JudgmentError):
        parse_path(" / ")


def test_json_shows_the_judgment_and_the_automatic_score(framework):
    judgments = {
        ACCURACY: judged("2", "材料不全", evidence=(Evidence("抽查记录.pdf", "cd" * 32),)),
        QUALITY: judged("50", "符合"),
        SUBSIDY: judged("3", "酌情"),
    }
    attached, _ = apply_judgments(framework, judgments)
    data = scored_dict(score_framework(attached))
    leaves = {tuple(n["path"]): n for n in _walk(data["indicators"])}
    assert leaves[ACCURACY]["source"] == "judged"
    assert leaves[ACCURACY]["judgment"] == {
        "score": 2,
        "reason": "材料不全",
        "by": "李评价",
        "at": "2024-07-01T09:30:00",
        "evidence": [{"name": "抽查记录.pdf", "sha256": "cd" * 32}],
    }
    assert leaves[SUBSIDY]["source"] == "override" and leaves[SUBSIDY]["automatic_score"] == 2.2
    assert "automatic_score" not in leaves[ACCURACY]
    report = audit_dict(audit(attached))
    assert {tuple(j["path"]): j["source"] for j in report["judgments"]} == {
        ACCURACY: "judged",
        QUALITY: "judged",
        SUBSIDY: "override",
    }
    json.dumps(data, ensure_ascii=False)
    json.dumps(report, ensure_ascii=False)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))
