"""The report's cover from `medaid init` options and `medaid config set`, and a survey kept in
the workspace with `medaid survey … --into` that fills its indicators in `evaluate` and `report`."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from docx import Document

from tests.test_cli_workflow import medaid
from tests.test_metrics import FRAMEWORK
from tests.test_metrics import make_workspace as metrics_workspace
from tests.test_survey import HEADERS, LEAD, text_row, write_csv


def test_the_cover_comes_from_init_options_and_config_set(tmp_path: Path):
    root = tmp_path / "ws"
    done = medaid("init", str(root), "--region", "甲县", "--year", "2023", "--unit", "甲县医疗保障局",
                  "--project-type", "社保基金")  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = medaid("config", "set", str(root), "report.organiser", "某大学公共管理学院")
    assert done.returncode == 0 and "已设置 report.organiser：— → 某大学公共管理学院" in done.stdout
    report = yaml.safe_load((root / "medaid.yaml").read_text(encoding="utf-8"))["report"]
    assert (report["unit"], report["project_type"], report["organiser"]) == (
        "甲县医疗保障局",
        "社保基金",
        "某大学公共管理学院",
    )
    shown = medaid("config", "show", str(root)).stdout
    assert "report.unit" in shown and "甲县医疗保障局" in shown


def test_config_set_changes_one_key_and_keeps_the_users_comments_and_order(tmp_path: Path):
    root = tmp_path / "ws"
    medaid("init", str(root), "--region", "甲县", "--year", "2023")
    settings = root / "medaid.yaml"
    text = settings.read_text(encoding="utf-8").replace("year: 2023", "year: 2023  # 评价年度，次年三月前不改")
    settings.write_text("# 甲县医保局 张三 维护\n" + text, encoding="utf-8")
    assert medaid("config", "set", str(root), "year", "2024").returncode == 0
    assert medaid("config", "set", str(root), "warnings.threshold", "60000").returncode == 0
    after = settings.read_text(encoding="utf-8")
    assert after.startswith("# 甲县医保局 张三 维护\n") and "year: 2024  # 评价年度，次年三月前不改" in after
    assert "threshold: 60000" in after and after.index("region:") < after.index("year:") < after.index("warnings:")
    assert yaml.safe_load(after)["year"] == 2024  # a number, as the model reads it, not the text "2024"


def test_config_set_refuses_an_unknown_key_and_a_bad_value_and_leaves_the_file(tmp_path: Path):
    root = tmp_path / "ws"
    medaid("init", str(root), "--year", "2023")
    before = (root / "medaid.yaml").read_bytes()
    wrong = medaid("config", "set", str(root), "report.unti", "甲")
    assert wrong.returncode == 2 and "是否应为 report.unit？" in wrong.stderr
    bad = medaid("config", "set", str(root), "year", "二〇二三")
    assert bad.returncode == 2 and "year" in bad.stderr and "不是整数" in bad.stderr
    assert (root / "medaid.yaml").read_bytes() == before


def test_a_survey_kept_in_the_workspace_fills_its_indicator_in_evaluate_and_report(tmp_path: Path):
    root = metrics_workspace(tmp_path).root
    framework = tmp_path / "f.yaml"
    with_rule = FRAMEWORK.replace("    score: 8\n    note: 问卷\n", "    target: ≥90%\n    rule: 按实际值×分值计算\n")
    assert with_rule != FRAMEWORK
    framework.write_text(with_rule, encoding="utf-8")
    medaid("config", "set", str(root), "framework", str(framework))
    rows = [text_row(i, "满意", "满意", "满意", knows="知道" if i % 4 else "不知道") for i in range(40)]
    answers = write_csv(tmp_path / "问卷星导出.csv", LEAD + HEADERS, rows)
    kept = medaid("survey", str(answers), "--into", str(root), "--sent", "50")
    assert kept.returncode == 0, kept.stderr
    assert "答卷已存入工作区" in kept.stdout and (root / "surveys" / "2023" / "答卷.csv").exists()
    evaluated = json.loads(medaid("evaluate", str(root), "--format", "json").stdout)
    awareness = next(n for n in evaluated["indicators"] if n["name"] == "政策知晓率")
    assert awareness["actual"]["text"] == "75.00%", awareness  # 30 of 40 answer 知道 to both questions
    assert evaluated["total"] == 77.5, evaluated["total_reason"]  # 40 + 30 + 0 + 10 × 75%
    out = tmp_path / "报告.docx"
    done = medaid("report", str(root), "--out", str(out))
    assert done.returncode == 0, done.stderr
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert any(t.startswith("政策知晓率为 75.00%") for t in texts)  # 附件2
    assert any(t.startswith("政策知晓率：满分 10 分，实际完成值 75.00%") for t in texts)  # 绩效分析
