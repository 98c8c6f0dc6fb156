"""All settings in one typed place: medaid.yaml, the MEDAID_* variables, the generated
reference, and ``medaid config show|check`` (services.config)."""

from __future__ import annotations

import importlib.util
import os
from decimal import Decimal
from pathlib import Path

import pytest

from medaid.workspace import SETTINGS_FILE, Workspace

# The variables medaid reads (medaid.environment.ENV_VARIABLES, spelled out so that these tests
# can run, and fail, without the module).
ENV_VARIABLES = (
    "MEDAID_KEY",
    "MEDAID_APP_URL",
    "MEDAID_DUCKDB_MEMORY",
    "MEDAID_DUCKDB_THREADS",
    "MEDAID_ENGINE",
    "MEDAID_SPARK_MASTER",
    "MEDAID_SPARK_TABLES",
    "MEDAID_LOCK_TIMEOUT",
    "MEDAID_XLSX_MAX_MB",
    "MEDAID_XLSX_MAX_RATIO",
    "MEDAID_WEB_MAX_UPLOAD_MB",
    "MEDAID_WEB_IDLE_MINUTES",
    "MEDAID_TEST_PG_URL",
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for name in [n for n in os.environ if n.startswith("MEDAID_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", region="示例县", year=2023, framework="templates/financial_common")


def test_settings_reference_in_docs_is_current():
    spec = importlib.util.spec_from_file_location("settings_reference", ROOT / "scripts" / "settings_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/settings.md is stale: run python scripts/settings_reference.py"
    for name in ENV_VARIABLES:
        assert f"`{name}`" in current


def test_every_medaid_variable_in_the_code_is_in_the_model():
    import re

    used = set()
    for path in [*(ROOT / "src").rglob("*.py"), ROOT / "Makefile", *(ROOT / "scripts").glob("*")]:
        used |= set(re.findall(r"\bMEDAID_[A-Z0-9_]+", path.read_text(encoding="utf-8")))
    from medaid.environment import ENV_VARIABLES as MODEL_VARIABLES
    from medaid.environment import SCRIPT_VARIABLES

    assert set(MODEL_VARIABLES) == set(ENV_VARIABLES)
    assert used <= {*ENV_VARIABLES, *SCRIPT_VARIABLES}, used - {*ENV_VARIABLES, *SCRIPT_VARIABLES}


def test_the_workspace_file_round_trips_and_keeps_the_settings_api(ws: Workspace):
    ws.settings.warning_groups.update({"特困人员": Decimal(5000)})
    ws.settings.budget_planned = {"中央": Decimal("1234.5")}
    ws.settings.opening_balance = Decimal(300)
    (ws.root / SETTINGS_FILE).write_text(ws.settings.to_yaml(), encoding="utf-8")
    again = Workspace.open(ws.root).settings
    assert again == ws.settings
    assert (again.region, again.year, again.framework, again.policy, again.key_file) == (
        "示例县", 2023, "templates/financial_common", None, "medaid.key")  # fmt: skip
    assert again.warning_threshold == Decimal(10000) and again.warning_groups == {"特困人员": Decimal(5000)}


@pytest.mark.parametrize(
    ("change", "into", "line", "key", "words"),
    [
        ("warnings:", "warning:", 7, "warning", "未知的键“warning”：是否应为 warnings？"),
        ("  threshold: 10000.0", "  threshhold: 10000.0", 8, "warnings.threshhold", "是否应为 threshold？"),
        ("year: 2023", "year: 1800", 3, "year", "应在 1990 到 2100 之间"),
        ("year: 2023", "year: 二〇二三", 3, "year", "不是整数"),
        ("  threshold: 10000.0", "  threshold: -1", 8, "warnings.threshold", "应不小于 0"),
        ("  groups: {}", "  groups: {特困人员: 很多}", 9, "warnings.groups.特困人员", "不是金额"),
    ],
)
def test_a_bad_workspace_file_names_the_line_and_the_nearest_key(ws: Workspace, change, into, line, key, words):
    """Before, unknown keys were ignored: a misspelt `warning:` silently kept the default threshold."""
    from medaid.errors import MedaidError

    path = ws.root / SETTINGS_FILE
    text = path.read_text(encoding="utf-8")
    assert change in text
    path.write_text(text.replace(change, into, 1), encoding="utf-8")
    with pytest.raises(MedaidError) as err:
        Workspace.open(ws.root)
    assert (err.value.where.file, err.value.where.line, err.value.where.key) == (str(path), line, key)
    assert words in err.value.message


def test_the_environment_is_read_when_asked_and_checked(monkeypatch):
    from medaid.environment import EnvironmentVariableError, environment

    assert environment().duckdb_threads is None
    monkeypatch.setenv("MEDAID_DUCKDB_THREADS", "2")
    monkeypatch.setenv("MEDAID_DUCKDB_MEMORY", "3GB")
    monkeypatch.setenv("MEDAID_APP_URL", "  ")  # empty counts as unset
    env = environment()
    assert (env.duckdb_threads, env.duckdb_memory, env.app_url) == (2, "3GB", None)
    monkeypatch.setenv("MEDAID_DUCKDB_THREADS", "abc")
    with pytest.raises(EnvironmentVariableError) as err:
        environment()
    assert err.value.where.key == "MEDAID_DUCKDB_THREADS" and "MEDAID_DUCKDB_THREADS" in err.value.message
    assert "不是整数" in err.value.message and "正整数" in err.value.fix
    assert environment(only=("MEDAID_DUCKDB_MEMORY",)).duckdb_memory == "3GB"  # another's bad value does not stop it


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("MEDAID_DUCKDB_THREADS", "abc", "不是整数"),
        ("MEDAID_DUCKDB_THREADS", "0", "应不小于 1"),
        ("MEDAID_DUCKDB_MEMORY", "lots", "不是内存大小"),
    ],
)
def test_a_bad_engine_variable_is_a_user_error_naming_it(monkeypatch, name, value, words):
    from medaid.errors import MedaidError
    from medaid.store import engine

    monkeypatch.setenv(name, value)
    with pytest.raises(MedaidError) as err:
        engine.connect()
    assert err.value.where.key == name and words in err.value.message


def test_a_bad_key_variable_names_it_and_never_shows_it(monkeypatch, tmp_path: Path):
    from medaid.store.crypto import KeyRingError, load_key

    secret = "ab" * 31
    monkeypatch.setenv("MEDAID_KEY", secret)
    with pytest.raises(KeyRingError) as err:
        load_key(tmp_path / "missing")
    assert "MEDAID_KEY" in err.value.message and "64 个十六进制字符" in err.value.message
    assert secret not in err.value.message
    monkeypatch.setenv("MEDAID_KEY", "cd" * 32)
    assert load_key(tmp_path / "missing").secret == bytes.fromhex("cd" * 32)


def test_the_app_database_address_comes_from_the_model(monkeypatch, tmp_path: Path):
    from medaid.store.app import url_for

    assert url_for(tmp_path) == f"sqlite:///{(tmp_path / 'app.sqlite').resolve().as_posix()}"
    monkeypatch.setenv("MEDAID_APP_URL", " postgresql+psycopg://medaid@db/medaid ")
    assert url_for(tmp_path) == "postgresql+psycopg://medaid@db/medaid"


def test_unknown_variables_are_named_with_the_nearest_known_one():
    from medaid.environment import unknown_variables

    environ = {"MEDAID_DUCKDB_THREAD": "2", "MEDAID_PG_PORT": "5432", "MEDAID_SOMETHING": "x", "PATH": "/bin"}
    assert unknown_variables(environ) == [("MEDAID_DUCKDB_THREAD", "MEDAID_DUCKDB_THREADS"), ("MEDAID_SOMETHING", None)]


# --- medaid config show|check ---------------------------------------------------------------


def test_show_config_says_where_each_value_came_from(ws: Workspace, monkeypatch):
    from medaid.services.config import show_config

    monkeypatch.setenv("MEDAID_KEY", "ab" * 32)
    monkeypatch.setenv("MEDAID_APP_URL", "postgresql+psycopg://medaid:s3cret@db/medaid")
    view = show_config(ws.root)
    by_key = {e.key: e for e in view.entries}
    assert (by_key["year"].value, by_key["year"].source) == (2023, "file")
    assert (by_key["policy"].value, by_key["policy"].source) == ("default", "default")
    assert (by_key["MEDAID_KEY"].value, by_key["MEDAID_KEY"].source) == ("已设置", "environment")
    assert by_key["MEDAID_APP_URL"].value == "postgresql+psycopg://medaid:***@db/medaid"
    assert by_key["MEDAID_DUCKDB_THREADS"].source == "default"
    data = view.to_dict()
    text = str(data)
    assert "ab" * 32 not in text and "s3cret" not in text
    assert {"key", "value", "source", "help"} <= set(data["settings"][0])  # type: ignore[index]
    assert {e.key for e in view.entries} >= {"warnings.threshold", "budget.opening_balance", *ENV_VARIABLES}


def test_check_config_of_a_fresh_workspace_is_clean(ws: Workspace):
    from medaid.services.config import check_config

    check = check_config(ws.root)
    assert check.ok and check.problems == () and check.to_dict()["errors"] == 0


def test_check_config_lists_every_problem(ws: Workspace, monkeypatch):
    from medaid.services.config import check_config

    path = ws.root / SETTINGS_FILE
    text = path.read_text(encoding="utf-8").replace("framework: templates/financial_common", "framework: 无此框架")
    path.write_text(text.replace("policy: null", "policy: 无此地区"), encoding="utf-8")
    ws.key_path.chmod(0o640)
    monkeypatch.setenv("MEDAID_DUCKDB_THREADS", "abc")
    monkeypatch.setenv("MEDAID_DUCKDB_THREAD", "2")
    check = check_config(ws.root)
    found = {(p.severity, p.location.key or p.location.file): p for p in check.problems}
    assert not check.ok
    assert found[("error", "framework")].location.line == 4
    assert found[("error", "policy")].location.line == 5
    assert found[("error", "MEDAID_DUCKDB_THREADS")].hint
    assert "是否应为 MEDAID_DUCKDB_THREADS" in found[("warning", "MEDAID_DUCKDB_THREAD")].message
    key_error = found[("error", str(ws.key_path))]  # refused as ssh refuses it (was: only a warning)
    assert "0640" in key_error.message and "chmod 600" in key_error.hint
    assert check.to_dict()["warnings"] == 1


def test_check_config_refuses_a_missing_key_file_and_an_unknown_key(ws: Workspace):
    from medaid.services.config import check_config

    ws.key_path.unlink()
    path = ws.root / SETTINGS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("region:", "regoin:"), encoding="utf-8")
    check = check_config(ws.root)
    messages = [p.message for p in check.problems]
    assert any("未知的键“regoin”：是否应为 region？" in m for m in messages)
    path.write_text(path.read_text(encoding="utf-8").replace("regoin:", "region:"), encoding="utf-8")
    check = check_config(ws.root)
    assert [p.message for p in check.problems] == [f"找不到密钥文件 {ws.key_path}"]
    assert check_config(ws.root / "nowhere").problems[0].message.startswith("找不到 medaid.yaml")


def test_a_warning_group_is_a_category_or_the_general_group(tmp_path):
    """Was: a misspelled group (低包对象) was accepted and silently fell back to the default threshold."""
    from medaid.settings import Settings, SettingsError

    path = tmp_path / "medaid.yaml"
    path.write_text("year: 2023\nwarnings:\n  groups:\n    低保: 6000\n    一般人群: 20000\n", encoding="utf-8")
    assert set(Settings.from_file(path).warning_groups) == {"低保对象", "一般人群"}  # the alias, canonical
    path.write_text("year: 2023\nwarnings:\n  groups:\n    低包对象: 5000\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="未知的预警人群“低包对象”：是否应为 低保对象？") as err:
        Settings.from_file(path)
    assert err.value.where.line == 4
