"""`medaid audit 评价报告.docx` as a user runs it: exit codes, the JSON of contract 5 and the
Chinese text with the paragraph of each finding and what was not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medaid.cli import cli
from medaid.evaluation import load_framework
from medaid.evaluation.catalog import resolve
from tests.published_reports import Table, report_of, write_docx
from tests.test_cli_workflow import medaid


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory) -> Path:
    """The Liucheng report in Word, with a subtotal mistyped in its text and a table it cannot read."""
    report = report_of(load_framework(resolve("seeds/liucheng_2023")))
    report.replace("（二）过程（35 分，得 34 分）", "（二）过程（35 分，得 33 分）")
    report.blocks.insert(2, Table(["项目", "数值"], [["救助人次", "37841人次"]]))
    return write_docx(report, tmp_path_factory.mktemp("cli") / "评价报告.docx")


def test_audit_json_of_a_word_report_has_the_contract_keys_and_exit_code_one(report_docx):
    result = CliRunner().invoke(cli, ["audit", str(report_docx), "--format", "json"])
    assert result.exit_code == 1  # the report has errors
    data = json.loads(result.output)
    assert {"findings", "computed", "claimed", "unread"} <= set(data)
    assert data["computed"] == {"total": 90.3, "grade": "优"}
    assert data["claimed"] == {"total": 93.6, "grade": "优秀"}
    for finding in data["findings"]:
        assert {"severity", "kind", "path", "claimed", "expected", "message"} <= set(finding)
    text = next(f for f in data["findings"] if f["kind"] == "text")
    assert text["path"] == ["过程"] and text["location"] == {"paragraph": 6}  # title, summary, 四、, 投入 ×2, then 过程
    assert (text["claimed"], text["expected"]) == (33, 34)
    assert data["unread"] == [
        {
            "what": "（表头：项目、数值）",
            "why": "表头不是评分表的表头（一级指标、二级指标……、分值、得分），未读取",
            "location": {"table": 1},
        }
    ]


def test_audit_text_of_a_word_report_is_chinese_with_the_paragraph_and_the_unread(report_docx):
    result = CliRunner().invoke(cli, ["audit", str(report_docx)])
    assert result.exit_code == 1
    assert "[正文数字与评分表不符] 过程：正文第 6 段称“过程”得分 33 分，评分表为 34 分" in result.output
    assert "【未读取】以下 1 处未能读取，未作核对（不作猜测）：" in result.output
    assert "第 1 个表格（表头：项目、数值）——表头不是评分表的表头" in result.output
    assert "〔第 3 个表格第" in result.output  # a finding of the score table names its row


def test_a_broken_word_file_exits_two_with_the_json_error_shape(tmp_path):
    path = tmp_path / "坏.docx"
    path.write_bytes(b"PK but not really")
    done = medaid("audit", str(path), "--format", "json")
    assert done.returncode == 2
    error = json.loads(done.stdout or done.stderr)["error"]
    assert "无法读取 Word 文件" in error["message"] and error["location"]["file"] == str(path)
    assert "另存为" in error["hint"]
