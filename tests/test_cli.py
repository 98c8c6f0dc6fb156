"""The medaid command as a user runs it: outputs, exit codes and Chinese errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from medaid.cli import cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from medaid.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_score_json_gives_the_tree_with_reasons():
    done = run("score", "examples/county_2023_financial", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == 91 and data["grade"] == "优"
    leaves = []

    def collect(node):
        if "children" in node:
            for child in node["children"]:
                collect(child)
        else:
            leaves.append(node)

    for node in data["indicators"]:
        collect(node)
    assert leaves and all(leaf["reason"] for leaf in leaves)
    by_name = {leaf["name"]: leaf for leaf in leaves}
    assert by_name["政策知晓率"]["score"] == 8.2
    assert by_name["政策知晓率"]["rule"]["type"] == "banded"
    assert "77.5" not in by_name["政策知晓率"]["reason"]


def test_score_text_is_chinese_and_shows_the_total():
    done = run("score", "examples/county_2023_financial")
    assert done.returncode == 0
    assert "总分 91.00 分，等级：优" in done.stdout
    assert "各项得分依据" in done.stdout


def test_score_fills_leaves_without_a_score_from_rule_and_actual(write):
    path = write(
        "e.yaml",
        """
        title: 未填得分
        indicators:
          - name: 政策知晓率
            weight: 100
            actual: 77.5%
            rule: 政策知晓率达到90%得10分，否则按实际知晓率*分值计算
        """,
    )
    data = json.loads(run("score", str(path), "--format", "json").stdout)
    assert data["total"] == 77.5 and data["grade"] == "中"


def test_audit_exit_code_is_one_with_errors_and_zero_without(write):
    done = run("audit", "seeds/liucheng_2023", "--format", "json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["computed"] == {"total": 90.3, "grade": "优"}
    assert data["claimed"] == {"total": 93.6, "grade": "优秀"}
    ok = run("audit", "examples/county_2023_financial")
    assert ok.returncode == 0, ok.stdout
    assert "未发现数字上的矛盾" in ok.stdout


def test_audit_text_reads_like_a_finding_list():
    done = run("audit", "seeds/liucheng_2023")
    assert "【错误】" in done.stdout
    assert "医疗救助实际资助参保" in done.stdout and "应得 2.2 分，填报 5.5 分" in done.stdout


def test_frameworks_lists_templates_seeds_and_examples():
    done = run("frameworks", "--format", "json")
    ids = {e["id"] for e in json.loads(done.stdout)}
    assert {
        "templates/self_evaluation",
        "templates/financial_common",
        "templates/department_overall",
        "seeds/liucheng_2023",
        "seeds/hefei_yaohai_2023",
        "examples/county_2023_financial",
    } <= ids


def test_rule_trial_explains_a_rule_text():
    result = CliRunner().invoke(
        cli, ["rule", "100%完成得6分，每低于1个百分点，扣1分，扣完为止", "--weight", "6", "--actual", "96.2%"]
    )
    assert result.exit_code == 0
    assert "按百分点扣分" in result.output and "2.2" in result.output
    unknown = CliRunner().invoke(cli, ["rule", "视情况而定", "--weight", "5"])
    assert unknown.exit_code == 1 and "未能识别" in unknown.output


def test_bad_file_gets_a_chinese_error_and_exit_code_two(tmp_path: Path):
    done = run("score", str(tmp_path / "无此文件.yaml"))
    assert done.returncode == 2
    assert done.stderr.startswith("错误：") and "无此文件.yaml" in done.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nindicators:\n  - name: 产出\n    score: 五\n", encoding="utf-8")
    done = run("audit", str(bad))
    assert done.returncode == 2
    assert "得分“五”不是数字" in done.stderr and "缺少分值" in done.stderr


def test_demo_writes_its_outputs(tmp_path: Path):
    done = run("demo", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "汇总" in done.stdout
    assert (tmp_path / "out" / "score-county_2023_financial.json").exists()
    assert (tmp_path / "out" / "audit-liucheng_2023.json").exists()


def test_cli_reference_in_docs_and_the_readme_command_list_are_current():
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("cli_reference", root / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/cli.md is stale: run python scripts/cli_reference.py"
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme == module.readme(readme), "README.md's command list is stale: run python scripts/cli_reference.py"
    for name, command in cli.commands.items():  # every subcommand of every group is in the reference
        assert f"## medaid {name}\n" in current
        for sub in getattr(command, "commands", {}):
            assert f"## medaid {name} {sub}\n" in current
