"""``medaid rule --file``: an evaluator tries a whole column of 评分标准 against their actuals in one run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from medaid.cli import cli

TABLE = """评分标准,分值,指标值,实际完成值,扣分说明
"100%完成得6分，每低于1个百分点扣1分，扣完为止",6,,96.2%,
"得5分，每发现1例扣0.5分，发现3例及以上不得分",5,,2例,
视情况而定,3,,,
"""


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def run(*args: str) -> tuple[int, str]:
    """As a user runs it: errors are printed in Chinese with where and how to fix, exit code 2."""
    done = subprocess.run([sys.executable, "-c", "from medaid.cli import main; main()", *args],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def test_each_row_is_scored_with_its_reason_and_an_unread_text_makes_the_exit_code_1(tmp_path: Path):
    table = tmp_path / "评分标准.csv"
    table.write_text(TABLE, encoding="utf-8-sig")  # as Excel saves a CSV
    code, out = invoke("rule", "--file", str(table), "--format", "json")
    assert code == 1
    rows = json.loads(out)
    assert [(r["row"], r["understood"], r.get("score")) for r in rows] == [
        (2, True, 2.2),
        (3, True, 4.0),
        (4, False, None),
    ]
    assert "3.8个百分点" in rows[0]["reason"]
    code, out = invoke("rule", "--file", str(table))
    assert "第 3 行" in out and "得分：4" in out and "共 3 条，识别 2 条，未识别 1 条" in out


def test_a_yaml_table_names_its_keys_and_an_unknown_key_is_refused_with_its_path(tmp_path: Path):
    table = tmp_path / "rules.yaml"
    table.write_text("rules:\n  - {text: 达到90%得10分，否则不得分, weight: 10, actual: 92%}\n", encoding="utf-8")
    code, out = invoke("rule", "--file", str(table), "--format", "json")
    assert code == 0 and json.loads(out)[0]["score"] == 10
    table.write_text("rules:\n  - {text: 达到90%得10分, weight: 10, actaul: 92%}\n", encoding="utf-8")
    code, out = run("rule", "--file", str(table))
    assert code == 2 and "actaul" in out


def test_a_table_without_a_weight_column_or_with_a_bad_weight_names_the_row(tmp_path: Path):
    table = tmp_path / "t.csv"
    table.write_text("评分标准,实际完成值\n每低于1个百分点扣1分,96%\n", encoding="utf-8")
    code, out = run("rule", "--file", str(table))
    assert code == 2 and "缺少“分值”列" in out and "t.csv" in out, out
    table.write_text("评分标准,分值\n每低于1个百分点扣1分,六\n", encoding="utf-8")
    code, out = run("rule", "--file", str(table))
    assert code == 2 and "分值“六”无效" in out and "第 2 行" in out, out


def test_the_file_and_a_single_text_are_not_given_together():
    code, out = run("rule", "每低于1个百分点扣1分", "--weight", "6", "--file", "x.csv")
    assert code == 2 and "--file" in out
