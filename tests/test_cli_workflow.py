"""A county's year at the command line: each command as a user runs it, its text and JSON,
its exit code, and no identity ever printed. The operations themselves are tested through the
services in the other test files; these check the face."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from medaid.cli import main
from tests.test_metrics import FRAMEWORK
from tests.test_metrics import make_workspace as metrics_workspace
from tests.test_verification import A, B, C, D, E, F, G, make_workspace

PEOPLE = (A, B, C, D, E, F, G)


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def medaid(*args: str) -> Done:
    """The console entry point in this process (a subprocess per call would cost seconds each)."""
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = int(done.code or 0)
        return Done(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def no_identity(text: str) -> bool:
    return not any(p.id_number in text or p.name in text for p in PEOPLE)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path).root


def test_init_import_registry_print_a_summary_and_never_an_id_number(tmp_path: Path):
    from tests.test_ingest import P, recipients_file

    root = tmp_path / "ws"
    made = medaid("init", str(root), "--year", "2023")
    assert made.returncode == 0 and "templates/financial_common" in made.stdout  # the default framework
    path = recipients_file(tmp_path / "名单.csv")
    done = medaid("import", str(root), "recipients", str(path))
    assert done.returncode == 0, done.stderr
    assert "读取 10 行，新增 3" in done.stdout and "不合格 7" in done.stdout
    as_json = medaid("import", str(root), "救助对象", str(path), "--format", "json")
    assert json.loads(as_json.stdout)[0]["unchanged"] == 3
    registry = medaid("registry", str(root))
    assert "低保对象" in registry.stdout
    for output in (done.stdout, as_json.stdout, registry.stdout):
        assert not any(p.id_number in output for p in P)
    unknown = medaid("import", str(root), "名单", str(path))
    assert unknown.returncode == 2 and "未知的数据类型“名单”" in unknown.stderr


def test_verify_as_xlsx_json_and_text_masks_identities_and_exits_one_on_findings(ws: Path, tmp_path: Path):
    base = ["verify", str(ws), "--month", "2023-07"]
    out = tmp_path / "台账.xlsx"
    done = medaid(*base, "--format", "xlsx", "--out", str(out))
    assert done.returncode == 1, done.stderr  # findings: the month has one case of every reason
    cells = [c.value for row in openpyxl.load_workbook(out)["核查台账"].iter_rows() for c in row if c.value is not None]
    assert "应享未享" in cells and "重复结算" in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert no_identity(" ".join(str(v) for v in cells))
    as_json = medaid(*base, "--format", "json")
    assert as_json.returncode == 1 and json.loads(as_json.stdout)["counts"]["missed"] == 1
    assert no_identity(as_json.stdout)
    text = medaid(*base)
    assert "应享未享：1 笔" in text.stdout and "输入与第" in text.stdout and "{'" not in text.stdout
    bad = medaid("verify", str(ws), "--month", "2023-13", "--format", "json")
    assert bad.returncode == 2 and json.loads(bad.stdout)["error"]["location"]["key"] == "--month"


def test_warnings_push_follow_list_rate(tmp_path: Path):
    from tests.test_warnings import PEOPLE as WARNED
    from tests.test_warnings import make_workspace as warnings_workspace

    root = warnings_workspace(tmp_path).root  # the hand-made data of tests/test_warnings.py
    done = medaid("warnings", "push", str(root), "--as-of", "2023-06-30", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["new"] == 3 and data["over_threshold"] == 3
    assert not any(p.id_number in done.stdout or p.name in done.stdout for p in WARNED)
    first = data["warnings"][0]["id"]
    done = medaid(
        "warnings", "follow", str(root), str(first), "--state", "confirmed", "--note", "已认定", "--as", "民政张某"
    )
    assert done.returncode == 0 and "已登记为“已认定”" in done.stdout
    listed = medaid("warnings", "list", str(root), "--state", "confirmed")
    assert listed.returncode == 0 and "共 1 条预警" in listed.stdout
    rate = medaid("warnings", "rate", str(root), "--year", "2023")
    assert "推送共 3 人次，推送后认定 1 人次，转化率 33.33%" in rate.stdout
    bad = medaid("warnings", "push", str(root), "--as-of", "2023-13-01")
    assert bad.returncode == 2 and "日期“2023-13-01”无效" in bad.stderr
    again = medaid("warnings", "push", str(root), "--as-of", "2023/6/30")  # as people type dates
    assert "新推送 0 人" in again.stdout and "无变化 3 人" in again.stdout


def test_settle_writes_the_top_up_and_refund_ledger_masked(ws: Path, tmp_path: Path):
    from medaid.services.policy import settle_workspace

    out = tmp_path / "应补应退.xlsx"
    done = medaid("settle", str(ws), "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(out).active.iter_rows()]
    cells = [v for row in rows for v in row if v is not None]
    assert "SA1" in cells and "SB1" in cells
    summary = settle_workspace(ws).standards
    total = next(row for row in rows if row[0] == "合计")
    assert round(total[7] * 100) == summary.top_up_due and round(total[8] * 100) == summary.refund_due
    assert any(str(v).startswith("按政策参数重算：默认 2023-01-01 起") for v in cells)  # the basis is stated
    assert {row[0]: row for row in rows}["SB1"][9] == "结算日不在救助对象名册内，已付救助应全部退回"
    assert no_identity(" ".join(str(v) for v in cells))
    assert f"应补 {summary.top_up_due / 100:,.2f}元" in done.stdout


def test_evaluate_and_metrics(tmp_path: Path):
    root = metrics_workspace(tmp_path).root
    path = tmp_path / "f.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    done = medaid("evaluate", str(root), "--framework", str(path), "--format", "json")
    assert done.returncode == 1  # 政策知晓率: the file's own score 8 is not this workspace's; no survey, no judgment
    assert json.loads(done.stdout)["total"] is None
    judged = medaid("judge", str(root), "政策知晓率", "--score", "8", "--reason", "入户问卷知晓率八成",
                    "--framework", str(path), "--as", "王评")  # fmt: skip
    assert judged.returncode == 0, judged.stderr
    done = medaid("evaluate", str(root), "--framework", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == 78 and data["grade"] == "中"
    text = medaid("metrics", str(root)).stdout
    assert "滚存结余率：4.93%" in text and "可支撑月数：0.51个月" in text


def test_report_of_a_seed_with_a_survey_annex(tmp_path: Path):
    from tests.test_survey import HEADERS, LEAD, text_row, write_csv

    answers = write_csv(
        tmp_path / "answers.csv",
        LEAD + HEADERS,
        [text_row(i, *(["非常满意"] * 3 if i % 2 else ["一般"] * 3)) for i in range(51)],
    )
    out = tmp_path / "柳城.docx"
    done = medaid("report", "seeds/liucheng_2023", "--out", str(out), "--survey", str(answers), "--sent", "317")
    assert done.returncode == 1, done.stderr  # written, and the seed's own table contradicts itself: said
    assert "总分 90.30 分，等级 优" in done.stdout and (tmp_path / "柳城-文字稿.yaml").exists()
    assert "评分表有 6 处数字不一致，已列入报告" in done.stdout
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "附件2：满意度调查分析" in texts
    assert any("回收有效答卷 51 份，发放 317 份，回收率 16.09%" in t for t in texts)
    assert any(t.startswith("提示：综合满意度") for t in texts)
    doc = Document(str(out))
    assert len(doc.inline_shapes) == 10  # 各维度得分, then one chart per choice question (nine of ten)
    assert "图7 第6题 您对基本医疗保险个人缴费资助及时性的评价是？" in texts
    assert Decimal("90.3") == Decimal(done.stdout.split("总分 ")[1].split(" 分")[0])


def test_survey_json_and_text(tmp_path: Path):
    from tests.test_survey import HEADERS, LEAD, text_row, write_csv

    path = write_csv(
        tmp_path / "a.csv", LEAD + HEADERS, [text_row(i, "满意", "非常满意", "一般") for i in range(1, 31)]
    )
    out = medaid("survey", str(path), "--sent", "100", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["valid"] == 30 and data["response_rate"] == 0.3 and data["satisfaction"]["value"] == 0.8
    assert data["questions"][1]["awareness_rate"]["value"] == 1.0
    text = medaid("survey", str(path)).stdout
    assert "综合满意度：80.0%" in text and "第6题（30 人作答）" in text


def test_accounts_and_an_unmasked_ledger_at_the_command_line(ws: Path, tmp_path: Path):
    assert medaid("accounts", "add", str(ws), "张核查", "--role", "clerk").returncode == 0
    assert medaid("accounts", "add", str(ws), "李查看", "--role", "finance").returncode == 0
    out = tmp_path / "plain.xlsx"
    refused = medaid("verify", str(ws), "--month", "2023-07", "--format", "xlsx", "--out", str(out), "--unmasked",
                     "--as", "李查看")  # fmt: skip
    assert refused.returncode == 2 and "无权查看未脱敏的身份证号和姓名" in refused.stderr and not out.exists()
    wrong = medaid("verify", str(ws), "--month", "2023-07", "--unmasked", "--as", "张核查")
    assert wrong.returncode == 2 and "--unmasked 只用于 --format xlsx" in wrong.stderr
    done = medaid("verify", str(ws), "--month", "2023-07", "--format", "xlsx", "--out", str(out), "--unmasked",
                  "--as", "张核查")  # fmt: skip
    assert done.returncode == 1 and "未脱敏，已记入访问日志" in done.stdout
    log = json.loads(medaid("accounts", "log", str(ws), "--format", "json").stdout)
    assert [(e["account"], e["target"], e["outcome"]) for e in log] == [("李查看", str(out), "refused"),
                                                                        ("张核查", str(out), "allowed")]  # fmt: skip
    assert "已拒绝  李查看" in medaid("accounts", "log", str(ws)).stdout
    listed = medaid("accounts", "list", str(ws))
    assert "张核查\t医保经办" in listed.stdout
    duplicate = medaid("accounts", "add", str(ws), "张核查", "--role", "admin", "--format", "json")
    assert duplicate.returncode == 2 and "已存在" in json.loads(duplicate.stdout)["error"]["message"]


def test_policy_show_takes_a_date_as_people_type_it_and_refuses_a_bad_one():
    """Was: ``policy show --date 2023/01/01`` ended as 内部错误 (exit 3)."""
    shown = medaid("policy", "show", "default", "--date", "2023/01/01")
    assert shown.returncode == 0 and "valid_from: 2023-01-01" in shown.stdout
    bad = medaid("policy", "show", "default", "--date", "2023-02-30")
    assert bad.returncode == 2 and "日期“2023-02-30”无效" in bad.stderr and "内部错误" not in bad.stderr


def test_a_bad_engine_setting_is_an_input_error_naming_the_variable(ws: Path, monkeypatch):
    """Was: ``MEDAID_DUCKDB_THREADS=abc`` ended as 内部错误 (exit 3)."""
    monkeypatch.setenv("MEDAID_DUCKDB_THREADS", "abc")
    done = medaid("metrics", str(ws), "--format", "json")
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert "MEDAID_DUCKDB_THREADS" in json.dumps(error, ensure_ascii=False) and "abc" in error["message"]


def test_the_demo_prints_findings_with_their_chinese_labels(tmp_path: Path):
    """Was: the ledger's findings printed as a Python dict ({'missed': 6, …})."""
    import importlib

    from medaid.services.demo import PipelineResult

    demo = importlib.import_module("medaid.cli.demo")
    county = PipelineResult(tmp_path, month="2023-12", settlements_verified=900, findings={"missed": 6, "duplicate": 2})
    printed = "\n".join(demo.county_lines(county))
    assert "2023-12 核查：当月结算 900 笔，发现 8 笔（应享未享 6 笔，重复结算 2 笔）" in printed and "{'" not in printed


def test_calc_follows_contract_4(tmp_path: Path):

    claim = tmp_path / "claim.yaml"
    claim.write_text("category: 低保对象\nvisit_type: 住院\nhospital_level: 二级\ndate: 2023-06-01\n"
                     "total: 50000\nin_scope: 45000\nreferred: true\n", encoding="utf-8")  # fmt: skip
    done = medaid("calc", "--policy", "default", "--claim", str(claim), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {
        "basic",
        "critical",
        "assistance",
        "tilted",
        "out_of_pocket_in_scope",
        "out_of_pocket_total",
        "trace",
    } <= set(data)
    assert data["assistance"] == 6260.63 and data["out_of_pocket_total"] == 7683.12
    assert all(step["formula"] for step in data["trace"])


def test_subsidy_counts_a_person_once_at_the_highest_category(tmp_path: Path):

    from medaid.demo.people import make_people

    a, b, c = make_people(3, seed=41)
    names = tmp_path / "r.csv"
    names.write_text(
        "身份证号,姓名,救助类别,认定部门,生效日期,终止日期\n"
        f"{a.id_number},{a.name},低保对象,民政,2023-01-01,\n"
        f"{a.id_number},{a.name},特困人员,民政,2023-03-01,\n"  # the same person: counted once, as 特困
        f"{b.id_number},{b.name},防止返贫监测对象,乡村振兴,2023-01-01,\n"
        f"{c.id_number},{c.name},低保对象,民政,2022-01-01,2022-12-31\n",  # not in 2023
        encoding="utf-8",
    )
    done = medaid(
        "subsidy", "--policy", "hefei_yaohai", "--recipients", str(names), "--year", "2023", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["by_category"] == {
        "特困人员": {"people": 1, "amount": 380.0},
        "防止返贫监测对象": {"people": 1, "amount": 190.0},
    }
    assert data["total"] == 570.0


def test_settle_a_file_with_categories(tmp_path: Path):

    from medaid.demo.people import make_people

    (a,) = make_people(1, seed=43)
    path = tmp_path / "s.csv"
    path.write_text(
        "结算编号,身份证号,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付,救助类别\n"
        f"S1,{a.id_number},住院,二级,2023-06-01,50000,45000,0,0,0,低保对象\n"
        f"S2,{a.id_number},住院,二级,2023-06-02,50000,45000,0,0,0,\n",
        encoding="utf-8",
    )
    out = tmp_path / "settled.csv"
    done = medaid("settle", str(path), "--policy", "default", "--out", str(out), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["claims"] == 2 and data["totals"]["assistance"] == 6260.63  # only the claim with a category
    assert a.id_number not in out.read_text(encoding="utf-8-sig")


def test_calc_pays_the_same_for_aliases_and_refuses_an_unknown_category_with_the_nearest(tmp_path: Path):
    """Was: ``低保 / 住院治疗 / 二甲`` paid 0 everywhere, and any category was accepted unchecked."""
    canonical, alias, typo = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    body = "date: 2023-06-01\ntotal: 50000\nin_scope: 45000\n"
    canonical.write_text("category: 低保对象\nvisit_type: 住院\nhospital_level: 二级\n" + body, encoding="utf-8")
    alias.write_text("category: 低保\nvisit_type: 住院治疗\nhospital_level: 二甲\n" + body, encoding="utf-8")
    typo.write_text("category: 低包对象\nvisit_type: 住院\nhospital_level: 二级\n" + body, encoding="utf-8")
    one = json.loads(medaid("calc", "--policy", "default", "--claim", str(canonical), "--format", "json").stdout)
    two = json.loads(medaid("calc", "--policy", "default", "--claim", str(alias), "--format", "json").stdout)
    assert one["assistance"] > 0 and {k: v for k, v in one.items() if k != "trace"} == {
        k: v for k, v in two.items() if k != "trace"
    }
    refused = medaid("calc", "--policy", "default", "--claim", str(typo))
    assert refused.returncode == 2 and "低包对象" in refused.stderr and "低保对象" in refused.stderr


def test_a_path_that_cannot_be_written_is_bad_input_not_an_internal_error(tmp_path: Path):
    """Was: NotADirectoryError / FileExistsError ended as 内部错误 (exit 3)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    made = medaid("init", str(blocker / "ws"))
    assert made.returncode == 2 and "路径中有一段不是文件夹" in made.stderr and "内部错误" not in made.stderr
    report = medaid("report", "seeds/liucheng_2023", "--out", str(blocker / "r.docx"), "--summary", "json")
    assert report.returncode == 2 and str(blocker) in report.stderr


def test_an_import_of_several_files_tries_every_file_and_lists_each(ws: Path, tmp_path: Path):
    """Was: the first file was committed, the rest not tried, no summary printed."""
    from tests.test_ingest import INST, csv_file

    good = csv_file(tmp_path / "i.csv", INST, ["H9,县医院,二级,一镇"])
    broken = tmp_path / "坏.csv"
    broken.write_text("这不是机构表\n", encoding="utf-8")
    later = csv_file(tmp_path / "j.csv", INST, ["H8,镇卫生院,一级,一镇"])
    done = medaid("import", str(ws), "institutions", str(good), str(tmp_path / "无此文件.csv"), str(broken), str(later))
    assert done.returncode == 2  # some files could not be read
    assert (
        "i.csv（定点医疗机构）：读取 1 行，新增 1" in done.stdout
        and "j.csv（定点医疗机构）：读取 1 行，新增 1" in done.stdout
    )
    assert "无此文件.csv：未导入" in done.stderr and "坏.csv：未导入" in done.stderr
    assert "共 4 个文件：2 个已导入，2 个未导入" in done.stdout
    as_json = json.loads(medaid("import", str(ws), "institutions", str(broken), str(good), "--format", "json").stdout)
    assert [("error" in e, e["file"]) for e in as_json] == [(True, "坏.csv"), (False, "i.csv")]


def test_demo_data_names_the_injected_anomalies_in_chinese(tmp_path: Path):
    done = medaid("demo-data", str(tmp_path / "d"), "--scale", "2000")
    assert done.returncode == 0 and "应享未享" in done.stdout and "paid_" not in done.stdout
