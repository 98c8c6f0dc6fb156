"""Identities are masked in every export unless an account whose role has the right asks,
and every such look is logged: who, what, which file, how many people."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from medaid.demo.generate import generate
from medaid.errors import MedaidError
from medaid.ingest.idnumber import is_valid
from medaid.services.accounts import access_log, add_account, list_accounts
from medaid.services.demo import IMPORT_ORDER
from medaid.services.imports import import_file
from medaid.services.verification import export_ledger
from medaid.store.accounts import AccessDenied
from medaid.workspace import Workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("accounts")
    generate(root / "data", 3000, seed=5)
    workspace = Workspace.init(root / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        import_file(workspace.root, kind, root / "data" / name)
    for name, role in (("张核查", "clerk"), ("李查看", "finance")):
        add_account(workspace.root, name, role)
    return workspace.root


def ledger_ids(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)["核查台账"]
    return [str(r[2].value) for r in sheet.iter_rows(min_row=5) if r[2].value]


def test_a_ledger_is_masked_by_default(ws: Path, tmp_path: Path):
    out = tmp_path / "masked.xlsx"
    export = export_ledger(ws, "2023-12", out=out)
    assert export.path == out and not export.unmasked
    ids = ledger_ids(out)
    assert ids and all("*" in i and not is_valid(i) for i in ids)


def runs(ws: Path) -> int:
    with Workspace.open(ws).connect(read_only=True) as con:
        return int(con.execute("SELECT count(*) FROM verification_runs").fetchall()[0][0])


def test_a_finance_account_may_not_export_identities_the_refusal_is_logged_and_nothing_is_stored(
    ws: Path, tmp_path: Path
):
    out = tmp_path / "plain.xlsx"
    before, logged = runs(ws), len(access_log(ws).entries)
    with pytest.raises(AccessDenied, match="角色为财政，无权查看未脱敏的身份证号和姓名"):
        export_ledger(ws, "2023-12", out=out, unmasked=True, account="李查看")
    assert not out.exists()
    with pytest.raises(AccessDenied, match="没有名为“王某”的账户"):
        export_ledger(ws, "2023-12", out=out, unmasked=True, account="王某")
    with pytest.raises(MedaidError, match="未脱敏导出须指明账户"):
        export_ledger(ws, "2023-12", out=out, unmasked=True)
    assert not out.exists() and runs(ws) == before  # was: a refused export still stored a verification run
    refused = access_log(ws).to_dict()[logged:]
    assert [(e["account"], e["outcome"], e["people"]) for e in refused] == [
        ("李查看", "refused", 0),
        ("王某", "refused", 0),
        ("（未指明账户）", "refused", 0),
    ]
    assert all(e["os_user"] for e in refused)


def test_a_clerk_exports_identities_and_the_look_is_logged(ws: Path, tmp_path: Path):
    out = tmp_path / "plain.xlsx"
    export = export_ledger(ws, "2023-12", out=out, unmasked=True, account="张核查")
    assert export.unmasked
    ids = ledger_ids(out)
    assert ids and all(is_valid(i) for i in ids)  # whole, valid 身份证号 (generated people)
    assert "未脱敏" in openpyxl.load_workbook(out)["核查台账"]["A1"].value
    log = [e for e in access_log(ws).to_dict() if e["outcome"] == "allowed"]
    assert [(e["account"], e["target"], e["people"]) for e in log] == [("张核查", str(out), len(set(ids)))]
    assert log[0]["os_user"]  # the operating-system user who ran it
    assert [(a.name, a.role, a.role_label) for a in list_accounts(ws)] == [("张核查", "clerk", "医保经办"),
                                                                          ("李查看", "finance", "财政")]  # fmt: skip


def test_accounts_refuse_an_unknown_role_and_a_duplicate(ws: Path):
    with pytest.raises(MedaidError, match="账户“张核查”已存在"):
        add_account(ws, "张核查", "admin")
    with pytest.raises(MedaidError, match="未知的角色“boss”"):
        add_account(ws, "赵某", "boss")
