"""The high-cost warning rule as dated policy (issue 15 item 3): threshold, look-back, cadence and
exclusions from the region's policy file, on the hand-made data of test_warnings (known answers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from pathlib import Path

import pytest

from medaid.analytics import warning_rule
from medaid.analytics.warnings import compute
from medaid.policy.load import PolicyError, load_policy, load_policy_with_override, policy_mapping
from medaid.policy.params import default_policy, policy_in_force
from medaid.workspace import Settings, Workspace
from tests.test_warnings import JUNE, D, E, F, G, H, make_workspace, ws_mask

HEAD = """\
region: 示例县
valid_from: 2023-01-01
source: 测试用政策文件
"""
INCOME = """\
standards:
  disposable_income: {amount: 36883, year: 2022, source: 国家统计局《2022年居民收入和消费支出情况》, date: 2023-01-17}
"""


def policy_file(tmp_path: Path, body: str, name: str = "p.yaml", *, extra: str = "") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + extra + textwrap.dedent(body), encoding="utf-8")
    return path


def found(ws: Workspace, policy: Path) -> dict[str, tuple[str, int, int]]:
    settings = dataclasses.replace(ws.settings, policy=str(policy))
    with ws.connect() as con:
        return {c.id_masked: (c.group, c.amount_fen, c.threshold_fen) for c in compute(con, settings, JUNE)}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path)


def test_fixed_threshold_with_excluded_groups_and_people_already_assisted(ws, tmp_path):
    path = policy_file(tmp_path, """\
        warning:
          source: 测试规则（文号）
          threshold: {amount: 10000}
          exclude: [特困人员]
          exclude_assisted: true
    """)  # fmt: skip
    # B: 10 000.01 over 10 000 but received 医疗救助 (1 000.00); H: 特困人员 excluded; C: exactly 10 000.00
    assert found(ws, path) == {
        ws_mask(D): ("一般人群", 2_600_000, 1_000_000),
        ws_mask(E): ("一般人群", 2_650_000, 1_000_000),
        ws_mask(F): ("一般人群", 1_500_000, 1_000_000),
        ws_mask(G): ("一般人群", 1_200_000, 1_000_000),
    }


def test_share_of_income_over_twelve_months_with_a_group_threshold(ws, tmp_path):
    path = policy_file(tmp_path, """\
        warning:
          source: 测试规则（文号）
          threshold: {share_of_income: 0.5}
          groups: {特困: {amount: 5000}}
          look_back: 12_months
    """, extra=INCOME)  # fmt: skip
    # 36 883 × 50 % = 18 441.50 元; the twelve months from 2022-07-01 count E's 80 000.00 of 2022-12-30
    rows = found(ws, path)
    assert rows == {
        ws_mask(D): ("一般人群", 2_600_000, 1_844_150),
        ws_mask(E): ("一般人群", 10_650_000, 1_844_150),
        ws_mask(H): ("特困人员", 600_000, 500_000),
    }
    settings = dataclasses.replace(ws.settings, policy=str(path))
    with ws.connect() as con:
        e = next(c for c in compute(con, settings, JUNE) if c.id_masked == ws_mask(E))
    assert "2022-07-01至2023-06-30共2笔结算" in e.reason and "依据：测试规则（文号）" in e.reason
    assert "居民人均可支配收入 36883 元（2022年" in e.reason


def test_one_stay_is_the_largest_single_inpatient_settlement(ws, tmp_path):
    path = policy_file(tmp_path, """\
        warning: {source: 测试规则, threshold: {amount: 27000}, look_back: stay}
    """)  # fmt: skip
    # D: one stay of 28 000.00 (its refund of −2 000.00 is another row); the sum, 26 000.00, would not warn
    assert found(ws, path) == {ws_mask(D): ("一般人群", 2_800_000, 2_700_000)}


def test_without_a_warning_key_the_workspace_settings_apply_as_before(ws):
    rule = warning_rule.effective(ws.settings, JUNE)
    assert rule.source is None and rule.threshold_fen == 1_000_000 and rule.look_back == "calendar_year"
    assert rule.groups_fen == {"一般人群": 2_600_000, "特困人员": 500_000}
    assert default_policy(JUNE).warning is None
    assert warning_rule.effective(Settings(policy="default"), dt.date(2022, 6, 30)).source is None  # no file in force


def test_the_hefei_preset_and_its_source():
    rule = warning_rule.effective(Settings(policy="hefei_yaohai"), JUNE)
    assert (rule.threshold_fen, rule.look_back, rule.cadence) == (1_000_000, "calendar_year", None)
    assert rule.source is not None and "瑶海区" in rule.source
    assert "当年累计政策范围内个人自付超过10,000.00元" in warning_rule.describe(rule)
    assert policy_in_force("hefei_yaohai", dt.date(2022, 1, 1)) is None


@pytest.mark.parametrize(("as_of", "start"), [
    (dt.date(2023, 6, 30), dt.date(2022, 7, 1)),
    (dt.date(2024, 2, 29), dt.date(2023, 3, 1)),
    (dt.date(2023, 12, 31), dt.date(2023, 1, 1)),
])  # fmt: skip
def test_twelve_months_window(as_of, start):
    assert warning_rule.window_start("12_months", as_of) == start
    assert warning_rule.window_start("calendar_year", as_of) == dt.date(as_of.year, 1, 1)


def test_cadence_of_pushes():
    assert len(warning_rule.push_days("ten_days", 2024)) == 36
    assert warning_rule.push_days("quarterly", 2023) == [dt.date(2023, 3, 31), dt.date(2023, 6, 30),
                                                         dt.date(2023, 9, 30), dt.date(2023, 12, 31)]  # fmt: skip
    assert warning_rule.push_days("monthly", 2024)[1] == dt.date(2024, 2, 29)
    assert warning_rule.next_push("ten_days", dt.date(2023, 2, 21)) == dt.date(2023, 2, 28)
    assert warning_rule.next_push("quarterly", dt.date(2023, 12, 31)) == dt.date(2023, 12, 31)
    assert warning_rule.next_push("monthly", dt.date(2023, 12, 31)) == dt.date(2023, 12, 31)
    assert warning_rule.next_push(None, dt.date(2023, 5, 5)) is None


def test_a_share_needs_the_income_in_the_same_file(tmp_path):
    path = policy_file(tmp_path, """\
        warning: {source: 测试规则, threshold: {share_of_income: 0.5}}
    """)  # fmt: skip
    with pytest.raises(PolicyError, match=r"standards\.disposable_income") as err:
        load_policy(path)
    assert err.value.where.line == 4


def test_a_warning_without_its_source_or_with_two_thresholds_is_refused(tmp_path):
    with pytest.raises(PolicyError, match="source"):
        load_policy(policy_file(tmp_path, "warning: {threshold: {amount: 10000}}\n"))
    with pytest.raises(PolicyError, match="之一"):
        load_policy(policy_file(tmp_path, "warning: {source: x, threshold: {amount: 1, share_of_income: 0.5}}\n"))
    with pytest.raises(PolicyError, match="look_back"):
        load_policy(policy_file(tmp_path, "warning: {source: x, threshold: {amount: 1}, look_back: 1年}\n"))
    with pytest.raises(PolicyError, match=r"推送周期|cadence"):
        load_policy(policy_file(tmp_path, "warning: {source: x, threshold: {amount: 1}, cadense: monthly}\n"))


def test_an_override_changes_the_warning_key_by_key(tmp_path):
    base = policy_in_force("hefei_yaohai", JUNE)
    assert base is not None
    over = tmp_path / "o.yaml"
    over.write_text("warning: {cadence: ten_days, exclude: [低保]}\n", encoding="utf-8")
    changed = load_policy_with_override(base, over)
    assert changed.warning is not None and base.warning is not None
    assert (changed.warning.cadence, changed.warning.exclude) == ("ten_days", ("低保对象",))
    assert changed.warning.threshold == base.warning.threshold and changed.warning.source == base.warning.source
    written = policy_mapping(changed)["warning"]
    assert isinstance(written, dict) and written["cadence"] == "ten_days" and written["exclude"] == ["低保对象"]


def test_group_aliases_merge_in_an_override_and_two_spellings_are_refused(tmp_path):
    base = policy_file(
        tmp_path, "warning: {source: x, threshold: {amount: 10000}, groups: {特困人员: {amount: 5000}}}\n"
    )
    over = tmp_path / "o.yaml"
    over.write_text("warning:\n  groups:\n    特困: {amount: 6000}\n", encoding="utf-8")
    changed = load_policy_with_override(load_policy(base), over)
    assert changed.warning is not None and list(changed.warning.groups) == ["特困人员"]
    assert changed.warning.groups["特困人员"].amount == 6000
    two = "warning: {source: x, threshold: {amount: 1}, groups: {特困人员: {amount: 5}, 特困: {amount: 6}}}\n"
    with pytest.raises(PolicyError, match="是同一人群（特困人员）"):
        load_policy(policy_file(tmp_path, two, "two.yaml"))
