"""The cadence of warning pushes (issue 15 item 3): with ``warning.cadence`` in the policy file a push
is made on a push day only, or off-cycle when a clerk says so; without it, any day, as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.analytics import warning_rule
from medaid.analytics.warning_push import WarningError, check_cadence, last_push
from medaid.services.warnings import push_warnings, warning_events
from medaid.store import app
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import SETTINGS_FILE, Workspace
from tests.test_cli_accounts import medaid
from tests.test_warning_rules import policy_file
from tests.test_warnings import make_workspace

RULE = """\
warning:
  source: 测试预警办法（测医保发〔2023〕2号）
  threshold: {amount: 10000}
  cadence: %s
"""


@pytest.fixture(autouse=True)
def _no_shared_server(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)


def with_cadence(tmp_path: Path, cadence: str) -> Workspace:
    ws = make_workspace(tmp_path)
    path = policy_file(tmp_path, RULE % cadence)
    settings = dataclasses.replace(ws.settings, policy=str(path))
    (ws.root / SETTINGS_FILE).write_text(settings.to_yaml(), encoding="utf-8")
    return Workspace.open(ws.root)


@pytest.mark.parametrize(("cadence", "day", "before", "after"), [
    ("ten_days", dt.date(2023, 2, 15), dt.date(2023, 2, 10), dt.date(2023, 2, 20)),
    ("ten_days", dt.date(2023, 3, 1), dt.date(2023, 2, 28), dt.date(2023, 3, 10)),
    ("monthly", dt.date(2024, 2, 10), dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
    ("quarterly", dt.date(2023, 1, 5), dt.date(2022, 12, 31), dt.date(2023, 3, 31)),
    ("quarterly", dt.date(2023, 11, 30), dt.date(2023, 9, 30), dt.date(2023, 12, 31)),
])  # fmt: skip
def test_push_days_around_a_date(cadence, day, before, after):
    assert (last_push(cadence, day), warning_rule.next_push(cadence, day)) == (before, after)
    rule = warning_rule.Effective(threshold_fen=1, cadence=cadence, source="某文（文号）")
    with pytest.raises(WarningError) as caught:
        check_cadence(rule, day)
    assert f"上一个推送日为 {before}，下一个推送日为 {after}" in caught.value.what
    assert "依据：某文（文号）" in caught.value.what and "--off-cycle" in caught.value.fix
    check_cadence(rule, before)  # a push day passes
    check_cadence(dataclasses.replace(rule, cadence=None), day)  # no cadence: any day


def test_a_push_between_push_days_is_refused_and_nothing_is_stored(tmp_path):
    ws = with_cadence(tmp_path, "monthly")
    with pytest.raises(WarningError, match="2023-06-15 不是推送日：预警规则为每月推送"):
        push_warnings(ws.root, "2023-06-15", actor="经办员")
    with app.session_for(ws.root) as session:
        assert list(session.scalars(select(app.AppWarning))) == []
    done = push_warnings(ws.root, "2023-06-30", actor="经办员")  # the month's last day is a push day
    assert len(done.new) == 5


def test_off_cycle_push_is_recorded(tmp_path):
    ws = with_cadence(tmp_path, "quarterly")
    done = push_warnings(ws.root, dt.date(2023, 6, 15), actor="经办员", off_cycle=True)
    assert done.new
    assert warning_events(ws.root, done.new[0])[0].note.startswith("非推送日临时推送：")
    with app.session_for(ws.root) as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "预警推送")).one()
    detail = json.loads(entry.detail)
    assert (detail["cadence"], detail["off_cycle"]) == ("quarterly", True)


def test_without_a_warning_key_any_day_is_pushed_as_before(tmp_path):
    ws = make_workspace(tmp_path)
    done = push_warnings(ws.root, "2023-06-15", actor="经办员")
    assert len(done.new) == 3
    with app.session_for(ws.root) as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "预警推送")).one()
    assert "cadence" not in json.loads(entry.detail)


def test_command_line_refuses_in_chinese_and_takes_off_cycle(tmp_path):
    ws = with_cadence(tmp_path, "ten_days")
    refused = medaid("warnings", "push", str(ws.root), "--as-of", "2023-06-15")
    assert refused.returncode != 0
    assert "不是推送日" in refused.stderr and "下一个推送日为 2023-06-20" in refused.stderr
    done = medaid("warnings", "push", str(ws.root), "--as-of", "2023-06-15", "--off-cycle", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] == 5
