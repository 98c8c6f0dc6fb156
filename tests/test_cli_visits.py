"""``medaid visits`` and ``medaid cases retro`` as a user runs them: plan (all, a sample with its seed, paid
cases), list, record, progress with numerators and denominators, redo the draw; 追溯救助 of an approved case,
previewed then settled once. Chinese text and JSON, exit codes, and no identity ever printed. The operations
themselves are tested through the services (test_cases_visits, test_cases_retroactive)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from medaid.cli import cli
from medaid.cli.cases import cases_group
from medaid.cli.visits import visits_group
from medaid.services.imports import import_file
from medaid.store import app
from medaid.workspace import Workspace
from tests.case_support import P, visits_county
from tests.test_cases_import import HEADER
from tests.test_cases_retroactive import A, policies, policy  # noqa: F401  (the fixture)
from tests.test_cli_workflow import Done, medaid
from tests.test_warnings import SET, settle, write


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The groups as the root registers them (a no-op once they are in ``medaid.cli``'s list)."""
    monkeypatch.setitem(cli.commands, "visits", visits_group)
    monkeypatch.setitem(cli.commands, "cases", cases_group)
    monkeypatch.delenv(app.ENV_URL, raising=False)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return visits_county(tmp_path_factory.mktemp("cli_visits"))


@pytest.fixture
def ws(county: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(county, tmp_path / "ws"))


def no_identity(done: Done, people: list[tuple[str, str]] | None = None) -> bool:
    text = done.stdout + done.stderr
    pairs = people if people is not None else [(p.name, p.id_number) for p in P]
    return not any(number in text or name in text for name, number in pairs)


def plan(ws: Path, *extra: str) -> Done:
    return medaid("visits", "plan", str(ws), "春季回访", "--since", "2026-04-01", "--until", "2026-06-30",
                  "--as-of", "2026-03-31", "--as", "医保经办·王", *extra)  # fmt: skip


def test_a_plan_for_all_then_record_and_progress_give_rates_with_their_terms(ws: Path):
    made = plan(ws, "--department", "民政局", "--area", "450222101")
    assert made.returncode == 0, made.stderr
    assert "回访计划 1：春季回访，2026-04-01 至 2026-06-30" in made.stdout
    assert "全部回访，计划回访 3 人" in made.stdout and no_identity(made)  # P0–P2 (P8 ended, P9 dead)
    shape = json.loads(medaid("visits", "progress", str(ws), "1", "--format", "json").stdout)
    first, second = (t["id"] for t in shape["targets"][:2])
    visited = medaid("visits", "record", str(ws), "1", "--target", str(first), "--outcome", "已回访", "--visitor",
                     "李四", "--on", "2026-04-10", "--satisfaction", "满意", "--need", "护理照料", "--mode", "电话")  # fmt: skip
    assert visited.returncode == 0, visited.stderr
    assert f"回访计划 1 对象 {first}（" in visited.stdout and "已回访，共登记 1 次" in visited.stdout
    assert no_identity(visited)
    missed = medaid("visits", "record", str(ws), "1", "--target", str(second), "--outcome", "未联系上", "--visitor",
                    "李四", "--on", "2026-04-11")  # fmt: skip
    assert missed.returncode == 2 and "须写明原因" in missed.stderr  # refused, with what to fix
    medaid("visits", "record", str(ws), "1", "--target", str(second), "--outcome", "unreached", "--visitor", "李四",
           "--on", "2026-04-11", "--reason", "外出务工，电话无法接通")  # fmt: skip
    shown = medaid("visits", "progress", str(ws), "1")
    assert shown.returncode == 0 and no_identity(shown)
    assert "已回访 1，未联系上 1，拒绝回访 0，待回访 1" in shown.stdout
    assert "回访率：33.3%（1 ÷ 3）" in shown.stdout and "回访覆盖率：33.3%（1 ÷ 3）" in shown.stdout
    assert "回访满意率：100.0%（1 ÷ 1）" in shown.stdout and "护理照料 1 人" in shown.stdout
    counted = json.loads(medaid("visits", "progress", str(ws), "1", "--format", "json").stdout)["tally"]
    assert counted["visit_rate"] == {"numerator": 1, "denominator": 3, "value": 0.333333}
    listed = medaid("visits", "list", str(ws))
    assert (
        "共 1 个回访计划" in listed.stdout
        and "春季回访" in listed.stdout
        and "全部 计划 3 人（总体 3 人）" in listed.stdout
    )


def test_a_sample_keeps_its_seed_and_check_redoes_the_draw(ws: Path):
    made = plan(ws, "--department", "民政", "--sample", "--margin", "5%", "--seed", "2026", "--format", "json")
    shape = json.loads(made.stdout)
    assert made.returncode == 0 and shape["method"] == "sample" and shape["seed"] == "2026"
    assert shape["frame_size"] == 66 and shape["planned"] == 57  # the survey's size: ±5 %, 95 %, N = 66
    checked = medaid("visits", "check", str(ws), str(shape["id"]))
    assert checked.returncode == 0, checked.stderr
    assert "总体当时 66 人、现在 66 人；计划 57 人、重做 57 人；抽出的对象相同" in checked.stdout
    again = json.loads(medaid("visits", "check", str(ws), str(shape["id"]), "--format", "json").stdout)
    assert again["same"] is True


def test_only_clerks_plan_and_a_wrong_plan_says_how_to_fix_it(ws: Path):
    empty = plan(ws, "--category", "孤儿")
    assert empty.returncode == 2 and "回访总体为空" in empty.stderr and "请核对" in empty.stderr
    wrong = medaid("visits", "progress", str(ws), "9")
    assert wrong.returncode == 2 and "没有编号为 9 的回访计划" in wrong.stderr
    bad = plan(ws, "--sample", "--margin", "五")
    assert bad.returncode == 2 and "误差界" in bad.stderr


RETRO_HEADER = list(HEADER)


@pytest.fixture
def recognised(tmp_path: Path, policies: Path) -> Path:  # noqa: F811
    """Person A's bills (test_cases_retroactive) and A's case: applied 2023-10-15, approved 2023-11-20."""
    root = Workspace.init(tmp_path / "retro", region="测试县", year=2023).root
    import_file(root, "settlements", write(tmp_path / "s.csv", SET, [
        settle("S1", A, "2022-11-10", "10000.01", "6000.00"), settle("S5", A, "2023-08-01", "6000.00", "3000.00"),
        settle("S7", A, "2023-10-20", "9000.00", "1000.00"),
    ]))  # fmt: skip
    ledger = tmp_path / "台账.csv"
    with ledger.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([RETRO_HEADER, ["R-1", A.name, A.id_number, "因病致贫重病患者", "450222101",
                                     "24360", "2023-10-15", "2023-10-16", "2023-11-10", "2023-11-20", "", "", "",
                                     "", "", "", "", ""]])  # fmt: skip
    done = medaid("cases", "import", str(root), str(ledger))
    assert done.returncode == 0 and "新登记 1 件" in done.stdout, done.stdout + done.stderr
    return root


def test_retro_previews_then_settles_once_and_names_no_one(recognised: Path, policies: Path):  # noqa: F811
    people = [(A.name, A.id_number)]
    shown = medaid("cases", "retro", str(recognised), "1", "--policy", str(policies))
    assert shown.returncode == 0, shown.stderr
    assert "追溯救助测算（未记录）" in shown.stdout and "认定日期 2023-11-20" in shown.stdout
    assert "追溯期间 2022-10-01 至 2023-09-30" in shown.stdout and "结算 S1（2022-11-10）" in shown.stdout
    assert "结算 S7" not in shown.stdout and no_identity(shown, people)  # in the month of application: outside,
    assert "跳过 S7：申请当月起至认定日前的费用，不在追溯期限内" in shown.stdout  # and told so
    settled = json.loads(medaid("cases", "retro", str(recognised), "1", "--policy", str(policies), "--settle",
                                "--format", "json").stdout)  # fmt: skip
    assert settled["settled"] is True and [b["settlement_id"] for b in settled["bills"]] == ["S1", "S5"]
    assert settled["total_fen"] == sum(b["amount_fen"] for b in settled["bills"]) > 0
    assert "person_key" not in json.dumps(settled)
    again = medaid("cases", "retro", str(recognised), "1", "--policy", str(policies))
    assert "合计 0.00元，共 0 笔" in again.stdout and "跳过 S1" in again.stdout
    twice = medaid("cases", "retro", str(recognised), "1", "--policy", str(policies), "--settle")
    assert twice.returncode != 0 and "没有可办理的追溯救助，本次未记录（结算 S1：已追溯救助：" in twice.stderr, (
        twice.stderr
    )


@pytest.mark.parametrize("path", [["visits"], *(["visits", c] for c in visits_group.commands), ["cases", "retro"]],
                         ids=" ".join)  # fmt: skip
def test_help_is_chinese(path: list[str], capsys: pytest.CaptureFixture[str]):
    from tests.test_cli_chinese import OWN, _english_words, _run

    code, text = _run([*path, "--help"], capsys)
    assert code == 0 and "用法：medaid" in text and "选项：" in text
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    names = {"visits", "retro"}  # the group's own names (the others are in OWN once it is registered)
    assert not (words & _english_words()) - OWN - names - set(visits_group.commands), text
