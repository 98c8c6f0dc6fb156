"""Scopes: a department's account (民政, 乡村振兴, 残联…) sees and follows up only the findings and
warnings of its own 认定部门's people, an area account only its 区划; a filter is a value, never SQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.services.follow_ups import Scope, finding_history, follow_finding, list_findings
from medaid.services.warnings import follow_warning, list_warnings, push_warnings
from medaid.store.accounts import AccessDenied
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace
from tests.test_follow_ups import build_county

COUNTY = "459901"  # the generated county's 区划


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_county(tmp_path_factory.mktemp("scopes"))


@pytest.fixture
def ws(county: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(county, tmp_path / "ws"))


def logged(root: Path, action: str) -> list[dict[str, object]]:
    with session_for(root) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [{"actor": e.actor, **json.loads(e.detail)} for e in rows]


@pytest.mark.parametrize("department", ["民政", "乡村振兴"])
def test_a_department_sees_only_the_findings_of_its_own_people(county: Path, department: str):
    everything = list_findings(county)
    mine = list_findings(county, scope=Scope(department))
    assert 0 < mine.count < everything.count
    assert all(department in f.found.row.departments for f in mine.findings)
    expected = {f.found.row.settlement_id for f in everything.findings if department in f.found.row.departments}
    assert {f.found.row.settlement_id for f in mine.findings} == expected
    assert not any(f.found.row.reason == "non_recipient" for f in mine.findings)  # on no list: the clerks' own
    assert list_findings(county, scope=Scope(department + "局")).count == mine.count  # 民政局 is 民政


def test_a_department_without_findings_sees_none_but_its_warnings(county: Path):
    assert list_findings(county, scope=Scope("残联")).count == 0
    warnings = list_warnings(county, scope=Scope("残联")).warnings
    assert warnings and all("残联" in w.departments for w in warnings)
    assert len(warnings) < len(list_warnings(county).warnings)


def test_an_area_scope_narrows_findings_and_warnings_by_区划(county: Path):
    inside = list_findings(county, scope=Scope(area=COUNTY))
    assert inside.count > 0 and all((f.found.area or "").startswith(COUNTY) for f in inside.findings)
    assert list_findings(county, scope=Scope(area="4599")).count == list_findings(county).count
    assert list_findings(county, scope=Scope(area="4598")).count == 0
    assert list_warnings(county, scope=Scope(area="4598")).warnings == []
    assert 0 < len(list_warnings(county, scope=Scope(area=COUNTY)).warnings) <= len(list_warnings(county).warnings)
    both = list_findings(county, scope=Scope("民政", COUNTY))
    assert both.count == list_findings(county, scope=Scope("民政")).count


def test_a_department_follows_up_its_own_finding_and_is_refused_another_departments(ws: Path):
    findings = list_findings(ws).findings
    theirs = next(f.found for f in findings if f.found.row.departments == ("乡村振兴",))
    mine = next(f.found for f in findings if "民政" in f.found.row.departments)
    civil = Scope("民政")
    with pytest.raises(AccessDenied, match="不在本账户的范围（认定部门 民政）内：其认定部门为乡村振兴"):
        follow_finding(ws, theirs.month, theirs.row.settlement_id, theirs.row.reason, "dismissed", "不是我们的",
                       actor="民政王", scope=civil)  # fmt: skip
    with pytest.raises(AccessDenied):
        finding_history(ws, theirs.row.settlement_id, theirs.row.reason, scope=civil)
    with pytest.raises(AccessDenied):
        follow_finding(ws, mine.month, mine.row.settlement_id, mine.row.reason, "in_progress", "核对中",
                       scope=Scope(area="4598"))  # fmt: skip
    assert logged(ws, "核查整改") == []
    followed = follow_finding(ws, mine.month, mine.row.settlement_id, mine.row.reason, "in_progress",
                              "已核对名单，正在办理", actor="民政王", scope=civil)  # fmt: skip
    assert followed.state == "in_progress"
    assert [h.actor for h in finding_history(ws, mine.row.settlement_id, mine.row.reason, scope=civil)] == ["民政王"]
    assert [e["actor"] for e in logged(ws, "核查整改")] == ["民政王"]


def test_a_department_follows_up_its_own_warning_and_is_refused_another_departments(ws: Path):
    warnings = list_warnings(ws).warnings
    theirs = next(w for w in warnings if "残联" not in w.departments)
    mine = next(w for w in warnings if "残联" in w.departments)
    disabled = Scope("残联")
    with pytest.raises(AccessDenied, match=f"预警 {theirs.id} 不在本账户的范围（认定部门 残联）内"):
        follow_warning(ws, theirs.id, "confirmed", note="已认定", actor="残联李", scope=disabled)
    assert next(w for w in list_warnings(ws).warnings if w.id == theirs.id).state == "pushed"
    done = follow_warning(ws, mine.id, "confirmed", note="已认定为重度残疾人", actor="残联李", scope=disabled)
    assert done.state == "confirmed"
    assert logged(ws, "预警认定") == [{"actor": "残联李", "id": mine.id, "from": "pushed", "to": "confirmed",
                                      "note": "已认定为重度残疾人"}]  # fmt: skip


def test_every_push_is_an_entry_with_the_counts_per_department(ws: Path):
    [first] = logged(ws, "预警推送")
    assert first["as_of"] == "2023-12-31" and first["new"] == first["over_threshold"] > 0
    by_department = first["by_department"]
    assert isinstance(by_department, dict) and set(by_department) >= {"民政", "乡村振兴", "残联"}
    again = push_warnings(ws, "2023-12-31", actor="张经办")
    assert again.new == []
    assert logged(ws, "预警推送")[-1] | {"unchanged": None} == {
        "actor": "张经办", "as_of": "2023-12-31", "over_threshold": len(again.warnings), "new": 0,
        "updated": 0, "by_department": {}, "unchanged": None,
    }  # fmt: skip


TRICKS = ["' OR 1=1 --", "2023-12' OR '1'='1", "'; DROP TABLE verification_findings; --", "%", "民政' OR 'a'='a",
          "\\", "\x00"]  # fmt: skip


@pytest.mark.parametrize("trick", TRICKS)
@pytest.mark.parametrize("where", ["month", "reason", "state", "department", "query"])
def test_a_filter_value_that_looks_like_sql_matches_nothing(county: Path, trick: str, where: str):
    assert list_findings(county, **{where: trick}).count == 0


@pytest.mark.parametrize("trick", TRICKS)
def test_a_scope_or_state_that_looks_like_sql_matches_nothing(county: Path, trick: str):
    assert list_findings(county, scope=Scope(trick)).count == 0
    assert list_findings(county, scope=Scope(area=trick)).count == 0
    assert list_warnings(county, scope=Scope(trick)).warnings == []
    assert list_warnings(county, scope=Scope(area=trick)).warnings == []
    assert list_warnings(county, state=trick).warnings == []
    with Workspace.open(county).connect(read_only=True) as con:  # and nothing was dropped
        assert con.execute("SELECT count(*) FROM verification_findings").fetchall()[0][0] == 11
