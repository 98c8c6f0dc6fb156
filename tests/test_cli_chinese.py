"""The command line speaks Chinese — click's own words included — and fails in one shape.

Exit codes: 0 ok, 1 findings, 2 bad input or usage, 3 internal (DESIGN, "Settings").
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import click
import pytest

from medaid.cli import cli, main, zh


def _click_messages() -> set[str]:
    """Every message click marks for translation, read from the installed click's sources."""
    found: set[str] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found | {"required"}  # passed to _() through a variable


def test_every_message_of_the_installed_click_has_a_chinese_translation():
    missing = sorted(m for m in _click_messages() if m not in zh.CATALOG)
    assert missing == []


def _english_words() -> set[str]:
    """Words of click's messages: none of them may reach a user."""
    words: set[str] = set()
    for message in _click_messages():
        text = re.sub(r"\{[^}]*\}|%\([^)]*\)s", " ", message)
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return words - {"bash", "windows", "uuid", "deprecationwarning"} | {"integer", "float", "boolean", "directory"}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    out = capsys.readouterr()
    return int(done.value.code or 0), out.out + out.err


def _commands() -> list[list[str]]:
    paths: list[list[str]] = [[]]
    for name, command in cli.commands.items():
        paths.append([name])
        if isinstance(command, click.Group):
            paths += [[name, sub] for sub in command.commands]
    return paths


OWN = {
    "text",
    "json",
    "xlsx",
    "docx",
    "pdf",
    "html",
    "yaml",
    "csv",
    "auto",
    "report",
    "self",
    "admin",
    "clerk",
    "evaluator",
    "finance",
    "department",
    "confirmed",
    "rejected",
    "pushed",
    "county",
    "city",
    "province",
    "default",
    "medaid",
    "duckdb",
    "gbk",
    "what",
    "utf",
    "sha",
    "error",
    "message",
    "location",
    "hint",
    "format",
    "debug",
    "version",
    "help",
    "file",  # medaid rule --file: the option's name, not click's "File … does not exist"
}
OWN |= {word for path in _commands() for name in path for word in name.split("-")}  # our command names


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "medaid")
def test_help_of_every_command_has_no_english_word_of_click(path, capsys):
    code, text = _run([*path, "--help"], capsys)
    assert code == 0
    assert "用法：medaid" in text and "选项：" in text and "显示帮助并退出" in text
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    assert not (words & _english_words()) - OWN, text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["verify", "."], "缺少选项 '--month'"),
        (["frameworks", "--format", "xml"], "'--format' 的值无效：'xml' 不是可选值之一"),
        (["verify", "缺失的文件夹", "--month", "2023-07"], "文件夹 '缺失的文件夹' 不存在"),
        (["metrics", ".", "--year", "abc"], "'abc' 不是有效的整数"),
        (["frameworks", "--nope"], "没有选项 '--nope'"),
        (["nosuch"], "没有命令 'nosuch'"),
        (["rule", "x"], "缺少评分标准或 --weight"),
    ],
)
def test_usage_errors_are_chinese_with_exit_code_two(args, expected, capsys):
    code, text = _run(args, capsys)
    assert code == 2
    assert text.startswith("错误：") and expected in text and "查看用法" in text
    assert not {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} & _english_words() - OWN, text


def test_with_format_json_an_error_is_one_json_shape_on_stdout(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["verify", str(tmp_path), "--month", "2023-07", "--format", "json"])
    out = capsys.readouterr()
    assert done.value.code == 2 and out.err == ""
    error = json.loads(out.out)["error"]
    assert set(error) == {"message", "location", "hint"}
    assert "不是 medaid 工作区" in error["message"] and error["location"]["file"] == str(tmp_path)
    assert "medaid init" in error["hint"]
    with pytest.raises(SystemExit) as done:
        main(["frameworks", "--format=json", "--nope"])  # a usage error, too
    usage = json.loads(capsys.readouterr().out)["error"]
    assert done.value.code == 2 and "没有选项" in usage["message"] and "-h" in usage["hint"]


def test_an_internal_error_says_so_exit_three_and_debug_shows_the_traceback(monkeypatch, capsys):
    import medaid.services.evaluation as evaluation

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(evaluation, "audit_file", broken)
    code, text = _run(["audit", "seeds/liucheng_2023"], capsys)
    assert code == 3 and "内部错误：ZeroDivisionError" in text and "--debug" in text and "Traceback" not in text
    code, text = _run(["audit", "seeds/liucheng_2023", "--debug"], capsys)
    assert code == 3 and "Traceback (most recent call last)" in text


def test_exit_code_one_means_findings(capsys):
    code, _ = _run(["audit", "seeds/liucheng_2023"], capsys)  # the seed report's table contradicts itself
    assert code == 1
    code, _ = _run(["rule", "这不是评分标准", "--weight", "5"], capsys)  # not understood: said, not guessed
    assert code == 1
    code, _ = _run(["score", "seeds/liucheng_2023", "--no-reasons"], capsys)
    assert code == 0


def test_version_comes_from_one_place_and_the_changelog_agrees(capsys):
    from importlib.metadata import version

    import medaid

    code, text = _run(["--version"], capsys)
    assert code == 0 and text.strip() == f"medaid，版本 {medaid.__version__}"
    assert version("medaid") == medaid.__version__
    changelog = (Path(__file__).parents[1] / "CHANGELOG.md").read_text(encoding="utf-8")
    latest = re.search(r"^## (\d+\.\d+\.\d+)", changelog, re.MULTILINE)
    assert latest is not None and latest.group(1) == medaid.__version__
