"""``medaid cases`` as a user runs it: import a 台账, list, show a case's history, take steps; Chinese text and
JSON, exit codes, and no identity ever printed. The operations themselves are tested through the services
(test_cases_import, test_cases_service)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medaid.cli import cli
from medaid.cli.cases import cases_group
from medaid.workspace import Workspace
from tests.test_cases_import import BAD, GOOD, PEOPLE, write_csv
from tests.test_cli_workflow import Done, medaid


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The group as the root registers it (a no-op once it is in ``medaid.cli``'s list)."""
    monkeypatch.setitem(cli.commands, "cases", cases_group)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Workspace.init(tmp_path / "ws", year=2024).root


def no_identity(done: Done) -> bool:
    text = done.stdout + done.stderr
    return not any(number in text or name in text for name, number in PEOPLE)


def imported(ws: Path, tmp_path: Path) -> Done:
    path = write_csv(tmp_path / "台账.csv", [*GOOD, BAD["B-02"][0]])
    return medaid("cases", "import", str(ws), str(path), "--as", "医保经办·王")


def test_import_says_what_was_recorded_and_where_the_rejects_are(ws: Path, tmp_path: Path):
    done = imported(ws, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "读取 6 行，新登记 5 件，此前已导入 0 件，不合格 1 行" in done.stdout
    assert "案件编号 1 至 5" in done.stdout and "不合格的行见" in done.stdout and no_identity(done)
    again = medaid("cases", "import", str(ws), str(tmp_path / "台账.csv"), "--format", "json")
    shape = json.loads(again.stdout)
    assert again.returncode == 0 and (shape["imported"], shape["unchanged"], shape["rejected"]) == (0, 5, 1)


def test_list_and_show_mask_identities(ws: Path, tmp_path: Path):
    imported(ws, tmp_path)
    listed = medaid("cases", "list", str(ws))
    assert listed.returncode == 0 and "共 5 件" in listed.stdout and "已归档" in listed.stdout and no_identity(listed)
    assert "4502**********" in listed.stdout and "发放5,230.50元（2023-03-30）" in listed.stdout
    only = json.loads(medaid("cases", "list", str(ws), "--state", "不予救助", "--format", "json").stdout)
    assert only["count"] == 1 and only["cases"][0]["state"] == "rejected"
    shown = medaid("cases", "show", str(ws), "1")
    assert shown.returncode == 0 and no_identity(shown)
    assert "  2023-03-16 公示 → 公示中（医保经办·王）；备注：历史台账补录" in shown.stdout
    assert "公示期 2023-03-16 至 2023-03-22" in shown.stdout
    data = json.loads(medaid("cases", "show", str(ws), "2", "--format", "json").stdout)
    assert [e["action"] for e in data["history"]] == ["open", "accept", "fail_review"]
    assert data["history"][-1]["reason"] == "家庭人均收入超过低保标准的2倍" and data["id_masked"].startswith("4502")


def test_steps_are_taken_or_refused_with_the_reason(ws: Path, tmp_path: Path):
    imported(ws, tmp_path)  # case 5 is applied only (2024-06-01)
    done = medaid("cases", "step", str(ws), "5", "受理", "--at", "2024-06-03 09:30", "--note", "材料齐全")
    assert done.returncode == 0, done.stderr
    assert "案件 5：受理 → 已受理，待审核（" in done.stdout and "2024-06-03 09:30" in done.stdout
    refused = medaid("cases", "step", str(ws), "5", "approve")
    assert refused.returncode == 2 and "当前为“已受理，待审核”，不能审批通过" in refused.stderr
    assert "当前可做：审核通过、审核不通过、撤回申请" in refused.stderr
    reason = medaid("cases", "step", str(ws), "5", "fail_review", "--format", "json")
    assert reason.returncode == 2 and "须写明理由" in json.loads(reason.stdout)["error"]["message"]
    closed = medaid("cases", "step", str(ws), "5", "withdraw", "--reason", "申请人撤回", "--format", "json")
    assert closed.returncode == 0 and json.loads(closed.stdout)["to_state"] == "withdrawn"
    unknown = medaid("cases", "step", str(ws), "1", "付款")
    assert unknown.returncode == 2 and "未知的办理操作“付款”" in unknown.stderr and "pay（发放）" in unknown.stderr
    missing = medaid("cases", "show", str(ws), "99")
    assert missing.returncode == 2 and "没有编号为 99 的救助案件" in missing.stderr


def test_a_step_s_time_and_amount_are_checked(ws: Path):
    bad_time = medaid("cases", "step", str(ws), "1", "accept", "--at", "2024-13-01")
    assert bad_time.returncode == 2 and "--at" in bad_time.stderr and "日期“2024-13-01”无效" in bad_time.stderr
    bad_amount = medaid("cases", "step", str(ws), "1", "pay", "--amount", "很多")
    assert bad_amount.returncode == 2 and "--amount" in bad_amount.stderr and "不是金额" in bad_amount.stderr


def test_a_file_missing_a_column_is_refused_with_exit_two(ws: Path, tmp_path: Path):
    path = tmp_path / "台账.csv"
    path.write_text("姓名,申请日期\n韦秀兰,2023-03-01\n", encoding="utf-8")
    done = medaid("cases", "import", str(ws), str(path))
    assert done.returncode == 2 and "台账编号" in done.stderr and "身份证号" in done.stderr
