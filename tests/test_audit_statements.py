"""What a report's text says of one indicator — its score, its 满分 and 扣分, its 实际完成值, the
survey's rates — is checked against its score table (contract 5, kind ``text``).

A small Word report is written here: a score table (一级指标 … 评分说明, a 合计 row) and paragraphs
stating each leaf in the forms medaid's own reports and real reports use. Clean, it audits with no
finding; with one slip of the author in one sentence, exactly that slip is found, in its paragraph.
medaid's own demo report (a small county) audits clean too, from Word and from PDF, and a leaf's
sentence or the annex's 综合满意度 changed in it is found.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from medaid.evaluation import audit, audit_dict, load_framework
from medaid.evaluation.findings import FindingKind, Severity
from medaid.evaluation.loading.source import SourceText
from medaid.evaluation.loading.statements import read_statements
from medaid.evaluation.published import Place, StatementKind, same_quantity

HEADER = ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "指标值", "实际完成值", "得分", "评分说明"]
RATE_RULE = "按实际值×分值计算"
FULL_RULE = "达到指标值得满分，未达到按完成比例计分"
ROWS = [
    ["产出", "产出数量", "医疗救助人次", "30", FULL_RULE, "≥20000人次", "21313人次", "30", "达到指标值"],
    ["产出", "产出成本", "医疗救助支出金额", "20", FULL_RULE, "≥1500万元", "17,134,168.08元", "20", "达到指标值"],
    ["效益", "满意度", "受助对象满意度", "25", RATE_RULE, "≥90%", "84.07%", "21.02", "25 × 84.07%"],
    ["效益", "社会效益", "政策知晓率", "25", RATE_RULE, "≥90%", "80.00%", "20", "25 × 80%"],
    ["合计", "", "", "100", "", "", "", "91.02", ""],
]
SATISFACTION, KNOWLEDGE = ("效益", "满意度", "受助对象满意度"), ("效益", "社会效益", "政策知晓率")
VISITS, SPENDING = ("产出", "产出数量", "医疗救助人次"), ("产出", "产出成本", "医疗救助支出金额")

# One paragraph per form (the title is paragraph 1).
PARAGRAPHS = [
    "某县2023年城乡医疗救助项目绩效评价报告",
    "经评价，该项目综合得分为 91.02 分，评价等级为“优”。",
    "受助对象满意度得 21.02 分（满分 25 分，扣 3.98 分）：实际完成值 84.07%，指标值 ≥90%。",
    "政策知晓率：满分 25 分，实际完成值 80.00%，按实际值×分值计算，得 20 分。",
    "医疗救助人次：满分 30 分，实际完成值 21,313人次，指标值 ≥20000人次。达到指标值，得满分 30 分。",
    "医疗救助支出金额：满分 20 分，评价人员评分 20 分。理由：支出符合规定。",
    "医疗救助支出金额（20分）得20分，实际完成值为1713.42万元。",
    "受助对象满意度：满分 25 分，低于指标值 90%，每低于1个百分点扣 0.5 分（最多扣 10 分），扣 3.98 分。",
    "政策知晓率指标得20分。",
    "问卷有效答卷 120 份。综合满意度为 84.07%（120 人）。",
    "政策知晓率为 80%。",
    "原报告所载医疗救助人次得 25 分。",  # cites another document: read as nothing
]

# Each slip: the words as written, as mistyped, and the indicator the finding is about.
SLIPS = {
    "a score with its 满分 and 扣分": (
        "得 21.02 分（满分 25 分，扣 3.98 分）",
        "得 23.02 分（满分 25 分，扣 1.98 分）",
        SATISFACTION,
    ),
    "满分 − 扣分 ≠ 得分": (
        "得 21.02 分（满分 25 分，扣 3.98 分）",
        "得 21.02 分（满分 25 分，扣 4.98 分）",
        SATISFACTION,
    ),
    "a score closing its sentence": ("按实际值×分值计算，得 20 分", "按实际值×分值计算，得 22 分", KNOWLEDGE),
    "a 满分 unlike the weight": ("政策知晓率：满分 25 分", "政策知晓率：满分 20 分", KNOWLEDGE),
    "a score in a later sentence": ("达到指标值，得满分 30 分", "达到指标值，得 28 分", VISITS),
    "full marks of another weight": ("得满分 30 分", "得满分 35 分", VISITS),
    "an evaluator's score": ("评价人员评分 20 分", "评价人员评分 18 分", SPENDING),
    "a score after the weight": ("（20分）得20分", "（20分）得19分", SPENDING),
    "a deduction alone": ("扣 3.98 分。", "扣 2.98 分。", SATISFACTION),
    "a score after 指标": ("政策知晓率指标得20分", "政策知晓率指标得21分", KNOWLEDGE),
    "a count": ("实际完成值 21,313人次", "实际完成值 21,331人次", VISITS),
    "an amount in 万元": ("实际完成值为1713.42万元", "实际完成值为1713.52万元", SPENDING),
    "a percentage": ("实际完成值 84.07%，指标值", "实际完成值 84.7%，指标值", SATISFACTION),
    "the survey's 综合满意度": ("综合满意度为 84.07%", "综合满意度为 84.70%", SATISFACTION),
    "the survey's 政策知晓率": ("政策知晓率为 80%", "政策知晓率为 81%", KNOWLEDGE),
}


def write_report(path: Path, paragraphs: list[str], rows: list[list[str]] = ROWS) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    for row, values in zip(table.rows, [HEADER, *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(str(path))
    return path


def _slipped(old: str, new: str) -> tuple[list[str], int]:
    """The paragraphs with the first one holding ``old`` changed, and its number."""
    number = next(i for i, text in enumerate(PARAGRAPHS) if old in text)
    paragraphs = list(PARAGRAPHS)
    paragraphs[number] = paragraphs[number].replace(old, new, 1)
    return paragraphs, number + 1


def test_a_report_whose_sentences_agree_with_its_table_audits_clean(tmp_path):
    report = audit(load_framework(write_report(tmp_path / "r.docx", PARAGRAPHS)))
    assert report.findings == [], [f.message for f in report.findings]
    statements = report.scored.framework.published.statements
    read = Counter(s.kind for s in statements)
    assert read[StatementKind.LEAF] == 7 and read[StatementKind.ACTUAL] == 6
    assert [(u.place.to_dict(), u.what) for u in report.unread] == [
        ({"paragraph": 12}, "“原报告所载医疗救助人次得 25 分。”")
    ]


@pytest.mark.parametrize(("old", "new", "path"), SLIPS.values(), ids=SLIPS.keys())
def test_one_slip_in_one_sentence_is_exactly_one_finding_in_its_paragraph(tmp_path, old, new, path):
    paragraphs, number = _slipped(old, new)
    report = audit(load_framework(write_report(tmp_path / "r.docx", paragraphs)))
    assert [(f.kind, f.path, f.severity) for f in report.findings] == [(FindingKind.TEXT, path, Severity.ERROR)], [
        f.message for f in report.findings
    ]
    finding = audit_dict(report)["findings"][0]
    assert finding["location"] == {"paragraph": number}
    assert f"正文第 {number} 段" in finding["message"] and "原文" in finding["message"]


def test_the_messages_say_what_the_text_and_the_table_state(tmp_path):
    def finding(old: str, new: str) -> tuple[object, object, str]:
        paragraphs, _ = _slipped(old, new)
        (found,) = audit(load_framework(write_report(tmp_path / "r.docx", paragraphs))).findings
        return found.claimed, found.expected, found.message

    claimed, expected, message = finding(*SLIPS["a score with its 满分 and 扣分"][:2])
    assert (claimed, expected) == (Decimal("23.02"), Decimal("21.02"))
    assert "“受助对象满意度”得分 23.02 分，评分表为 21.02 分" in message
    claimed, expected, message = finding(*SLIPS["满分 − 扣分 ≠ 得分"][:2])
    assert (claimed, expected) == (Decimal("21.02"), Decimal("20.02")) and "25 − 4.98 = 20.02" in message
    claimed, expected, message = finding(*SLIPS["a deduction alone"][:2])
    assert (claimed, expected) == (Decimal("22.02"), Decimal("21.02")) and "满分 25 分、扣 2.98 分" in message
    claimed, expected, message = finding(*SLIPS["a 满分 unlike the weight"][:2])
    assert (claimed, expected) == (Decimal(20), Decimal(25)) and "满分 20 分，评分表分值为 25 分" in message
    claimed, expected, message = finding(*SLIPS["an amount in 万元"][:2])
    assert (claimed, expected) == ("1713.52万元", "17,134,168.08元")
    assert "“医疗救助支出金额”实际完成值 1713.52万元，评分表为 17,134,168.08元" in message
    claimed, expected, message = finding(*SLIPS["the survey's 综合满意度"][:2])
    assert (claimed, expected) == ("84.70%", "84.07%") and "“受助对象满意度”实际完成值 84.70%" in message


@pytest.mark.parametrize(
    ("stated", "table", "same"),
    [
        ("21,313人次", "21313人次", True),
        ("1713.42万元", "17,134,168.08元", True),  # to the 0.01 万元 it states
        ("1713.43万元", "17,134,168.08元", False),
        ("84.07%", "84.07%", True),
        ("84.1%", "84.07%", True),  # to the 0.1% it states
        ("84.08%", "84.07%", False),
        ("0.8407", "84.07%", True),  # a bare fraction beside a percentage
        ("12987人", "96.2%", None),  # not one quantity: not compared
        ("1588人", "1588人次", None),
    ],
)
def test_a_stated_value_is_the_tables_at_the_coarser_precision(stated, table, same):
    assert same_quantity(stated, table) is same


@pytest.fixture
def table(tmp_path):
    """The framework of a report with ``rows`` as its score table."""
    return lambda rows: load_framework(write_report(tmp_path / "r.docx", [], rows))


def _paragraphs(*texts: str) -> list[SourceText]:
    return [SourceText(text, Place(paragraph=i)) for i, text in enumerate(texts, start=1)]


def test_what_names_no_indicator_or_names_it_ambiguously_is_unread_never_guessed(table):
    two = [*ROWS[:3], ["效益", "满意度", "服务满意度", "25", RATE_RULE, "≥90%", "80.00%", "20", ""], ROWS[4]]
    texts = _paragraphs(
        "群众获得感得 4 分（满分 5 分，扣 1 分）。",  # no indicator of the table
        "综合满意度为 84.07%。",  # two indicators are named with 满意度
        "医疗救助人次：满分 30 分，实际完成值 96.2%。",  # the table's 实际完成值 is a count
        "项目社会效益指标得 8 分。",  # 社会效益 is a 二级指标, but here inside a longer word
        "按报告，医疗救助人次得 25 分。",  # cites another document
    )
    statements, unread = read_statements(table(two), texts, flowing=False)
    assert [(s.kind, s.path, s.weight, s.score) for s in statements] == [(StatementKind.LEAF, VISITS, 30, None)]
    why = {u.place.paragraph: u.why for u in unread}
    assert set(why) == {1, 2, 3, 4, 5}
    assert "对不上" in why[1] and "有 2 个名称含“满意度”" in why[2] and "21313人次" in why[3]
    assert "对不上" in why[4] and "引述" in why[5]


def test_scores_after_the_sentence_of_a_parent_or_that_disagree_are_not_taken_for_its_score(table):
    """After "产出：满分 50 分。" the paragraph goes on to the children; a leaf's paragraph stating
    two different scores does not say which is the leaf's."""
    texts = _paragraphs(
        "产出：满分 50 分。人次达到目标，得 30 分；金额达到目标，得 20 分。",
        "医疗救助人次：满分 30 分。核查机制健全，得 20 分；台账完整，得 10 分。",
    )
    statements, unread = read_statements(table(ROWS), texts, flowing=False)
    assert [(s.path, s.weight, s.score) for s in statements] == [(("产出",), 50, None), (VISITS, 30, None)]
    assert [(u.place.paragraph, u.why) for u in unread] == [
        (2, "“医疗救助人次”的满分之后先后写了几个不同的得分，未能确定哪个是它的得分")
    ]


def test_a_name_holding_commas_or_quotes_is_read_whole(table):
    rows = [["产出", "产出时效", "审核、审批、资金发放及时", "50", "", "", "", "45", "超时 3 件"],
            ["效益", "服务", "“一站式”即时结算覆盖率", "50", "", "", "98.5%", "50", ""],
            ["合计", "", "", "100", "", "", "", "95", ""]]  # fmt: skip
    texts = _paragraphs(
        "审核、审批、资金发放及时：满分 50 分，超时 3 件，得 45 分。", "“一站式”即时结算覆盖率得满分 50 分。"
    )
    statements, unread = read_statements(table(rows), texts, flowing=False)
    assert [(s.path[-1], s.score, s.full) for s in statements] == [
        ("审核、审批、资金发放及时", 45, False),
        ("“一站式”即时结算覆盖率", 50, True),
    ]
    assert unread == []


def test_in_a_pdfs_running_text_a_heading_ends_a_leafs_paragraph(table):
    """A PDF's paragraphs run on: a leaf stating no score ends at the next heading, and a later
    score is not taken for it."""
    text = "医疗救助人次：满分 30 分，尚待评价人员评分（缺少佐证材料）。四、存在的问题（一）人次未达到目标。较上年减少，得 5 分。"
    statements, unread = read_statements(table(ROWS), [SourceText(text, Place(page=3))], flowing=True)
    assert [(s.kind, s.path, s.weight, s.score, s.place) for s in statements] == [
        (StatementKind.LEAF, VISITS, 30, None, Place(page=3))
    ]
    assert unread == []


# medaid's own report of the demo county --------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo county (3000 people), as `make demo` makes it: its Word and PDF reports."""
    from medaid.services.demo import COUNTY_FRAMEWORK, county_reports, generate_data, run_pipeline

    root = tmp_path_factory.mktemp("demo")
    generate_data(root / "data", 3000, seed=3, year=2023)
    result = run_pipeline(root / "data", root / "workspace", year=2023, month="2023-12", framework=COUNTY_FRAMEWORK)
    return county_reports(root / "reports", result)


def _text_findings(path: Path):
    from medaid.services.evaluation import audit_file

    report = audit_file(str(path)).report
    return report, [f for f in report.findings if f.kind is FindingKind.TEXT or f.severity is Severity.ERROR]


@pytest.mark.parametrize("name", ["评价报告.docx", "评价报告.pdf"])
def test_medaids_own_demo_report_reads_every_leaf_and_audits_clean(demo, name):
    """Every leaf's score and every stated value is read, and agrees. (A county of 3000 people is
    far below the example's targets: the two ``target`` warnings say so, and are no error.)"""
    report, errors = _text_findings(demo / name)
    assert errors == [], [f.message for f in errors]
    assert {f.kind for f in report.findings} <= {FindingKind.TARGET}
    framework = report.scored.framework
    statements = framework.published.statements
    leaves = {n.path for n in framework.walk() if n.is_leaf}
    assert {s.path for s in statements if s.kind is StatementKind.LEAF and s.score is not None} == leaves
    annex = {s.path[-1] for s in statements if s.kind is StatementKind.ACTUAL and s.quote.startswith(("综合", "政策"))}
    assert annex == {"受助对象满意度", "政策知晓率"}


def _tamper(source: Path, target: Path, changes: dict[str, str]) -> dict[str, int]:
    """A copy of the Word report with words changed inside their run; the paragraph of each change."""
    shutil.copy(source, target)
    document = Document(str(target))
    where: dict[str, int] = {}
    for number, paragraph in enumerate(document.paragraphs, start=1):
        for run in paragraph.runs:
            for old, new in changes.items():
                if old not in where and old in run.text:
                    run.text = run.text.replace(old, new, 1)
                    where[old] = number
    document.save(str(target))
    assert set(where) == set(changes)
    return where


def test_a_leaf_sentence_or_the_annexs_satisfaction_changed_in_medaids_report_is_found(demo, tmp_path):
    clean = Document(str(demo / "评价报告.docx"))
    annex = next(p.text for p in clean.paragraphs if p.text.startswith("综合满意度为 "))
    stated = re.match(r"综合满意度为 (\d+\.\d+)%", annex)
    assert stated is not None
    other = f"综合满意度为 {Decimal(stated[1]) + 1:.2f}%"
    leaf = "医疗救助人次得 0 分（满分 5 分，扣 5 分）"  # the reviewer's example
    where = _tamper(demo / "评价报告.docx", tmp_path / "改.docx", {
        leaf: "医疗救助人次得 2 分（满分 5 分，扣 3 分）", stated.group(): other,
    })  # fmt: skip
    _, errors = _text_findings(tmp_path / "改.docx")
    found = {(f.path[-1], f.location.paragraph if f.location else None, f.claimed) for f in errors}
    assert found == {
        ("医疗救助人次", where[leaf], Decimal(2)),
        ("受助对象满意度", where[stated.group()], other.removeprefix("综合满意度为 ")),
    }, [f.message for f in errors]
