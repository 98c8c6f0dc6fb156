"""Identities are masked in every export unless an account whose role has the right asks,
and every such look is logged: who, what, which file, how many people."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from medaid.cli import cli
from medaid.cli.pipeline import IMPORT_ORDER
from medaid.demo.generate import generate
from medaid.ingest.idnumber import is_valid
from medaid.ingest.load import import_file
from medaid.store.accounts import AccessDenied
from medaid.workspace import Workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("accounts")
    generate(root / "data", 3000, seed=5)
    workspace = Workspace.init(root / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        import_file(workspace, kind, root / "data" / name)
    run = CliRunner()
    for name, role in (("张核查", "verifier"), ("李查看", "viewer")):
        assert run.invoke(cli, ["accounts", "add", str(workspace.root), name, "--role", role]).exit_code == 0
    return workspace.root


def ledger_ids(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["核查台账"]
    return [str(r[2].value) for r in sheet.iter_rows(min_row=5) if r[2].value]


def test_a_ledger_is_masked_by_default(ws: Path, tmp_path: Path):
    out = tmp_path / "masked.xlsx"
    result = CliRunner().invoke(cli, ["verify", str(ws), "--month", "2023-12", "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    ids = ledger_ids(out)
    assert ids and all("*" in i and not is_valid(i) for i in ids)


def test_a_viewer_may_not_export_identities_and_nothing_is_written(ws: Path, tmp_path: Path):
    out = tmp_path / "plain.xlsx"
    result = CliRunner().invoke(cli, ["verify", str(ws), "--month", "2023-12", "--format", "xlsx", "--out", str(out),
                                      "--unmasked", "--as", "李查看"])  # fmt: skip
    assert isinstance(result.exception, AccessDenied)
    assert "角色为查看员，无权查看未脱敏的身份证号和姓名" in str(result.exception) and not out.exists()
    unknown = CliRunner().invoke(cli, ["verify", str(ws), "--month", "2023-12", "--format", "xlsx", "--out", str(out),
                                       "--unmasked", "--as", "王某"])  # fmt: skip
    assert isinstance(unknown.exception, AccessDenied) and "没有名为“王某”的账户" in str(unknown.exception)
    missing = CliRunner().invoke(cli, ["verify", str(ws), "--month", "2023-12", "--unmasked"])
    assert missing.exit_code == 2 and "--as" in missing.output


def test_a_verifier_exports_identities_and_the_look_is_logged(ws: Path, tmp_path: Path):
    out = tmp_path / "plain.xlsx"
    result = CliRunner().invoke(cli, ["verify", str(ws), "--month", "2023-12", "--format", "xlsx", "--out", str(out),
                                      "--unmasked", "--as", "张核查"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "未脱敏，已记入访问日志" in result.output
    ids = ledger_ids(out)
    assert ids and all(is_valid(i) for i in ids)  # whole, valid 身份证号 (generated people)
    title = openpyxl.load_workbook(out)["核查台账"]["A1"].value
    assert "未脱敏" in title
    log = json.loads(CliRunner().invoke(cli, ["accounts", "log", str(ws), "--format", "json"]).output)
    assert [(e["account"], e["target"], e["people"]) for e in log] == [("张核查", str(out), len(set(ids)))]
    listed = json.loads(CliRunner().invoke(cli, ["accounts", "list", str(ws), "--format", "json"]).output)
    assert listed == [{"name": "张核查", "role": "verifier"}, {"name": "李查看", "role": "viewer"}]


def test_accounts_refuse_an_unknown_role_and_a_duplicate(ws: Path):
    duplicate = CliRunner().invoke(cli, ["accounts", "add", str(ws), "张核查", "--role", "admin"])
    assert "账户“张核查”已存在" in str(duplicate.exception)
    unknown = CliRunner().invoke(cli, ["accounts", "add", str(ws), "赵某", "--role", "boss"])
    assert unknown.exit_code == 2
