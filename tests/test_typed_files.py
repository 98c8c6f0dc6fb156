"""Typed files: the one-claim file, questionnaires, report drafts, the vocabulary, and the YAML
reader under them. Every failure names the file, the line and the key, in Chinese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field

from medaid.errors import InputFileError, Location
from medaid.policy.claim import settle
from medaid.policy.params import default_policy

POLICY = default_policy(dt.date(2023, 6, 1))
ENGLISH = ("Input should", "Field required", "Extra inputs", "Value error", "validation error")

# --- the YAML reader and pydantic's errors in Chinese --------------------------------------


def _example() -> type[BaseModel]:
    """A small model of the reader's own tests (made when asked: imports medaid.typed_yaml)."""
    from medaid.typed_yaml import FileModel, Number

    class Segment(FileModel):
        upto: Number | None = None
        ratio: Annotated[Number, Field(ge=0, le=1)]

    class Example(FileModel):
        name: str = ""
        per: Literal["admission", "year"] = "admission"
        segments: list[Segment] = Field(default_factory=list)
        count: int = 0

    return Example


def _load(text: str, model: Any = None, file: str | None = "x.yaml") -> Any:
    from medaid.typed_yaml import load_text

    return load_text(text, model or _example(), file=file)


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("name: x\nnaem: y\n", 2, "naem", "未知的键“naem”：是否应为 name？"),
        ("per: yaer\n", 1, "per", "“yaer”不是可用的值：是否应为 year？"),
        ("segments:\n  - {upto: 1, ratio: 0.5}\n  - {ratio: 1.5}\n", 3, "segments[1].ratio", "应在 0 到 1 之间"),
        ("segments:\n  - upto: 1\n", 2, "segments[0].ratio", "缺少“ratio”"),
        ("count: 1.5\n", 1, "count", "“1.5”不是整数"),
        ("segments: {ratio: 1}\n", 1, "segments", "这里应为列表"),
        ("name: [a]\n", 1, "name", "这里应为文字，不是列表"),
        ("name: x\nname: y\n", 2, "name", "键“name”重复（第 1 行已有）"),
        ("name: x\n  per: year\n", 2, None, "YAML 格式错误"),
        ("segments: [{ratio: 0.5}\n", 2, None, "方括号 [ ] 未闭合"),
        ("name: x\n\tper: year\n", 2, None, "制表符"),
    ],
)
def test_every_error_names_the_line_and_key_in_chinese(text, line, key, words):
    from medaid.typed_yaml import TypedFileError

    with pytest.raises(TypedFileError) as err:
        _load(text)
    assert (err.value.where.file, err.value.where.line, err.value.where.key) == ("x.yaml", line, key)
    assert words in err.value.message
    assert not any(english in err.value.message for english in ENGLISH)


def test_a_file_that_is_not_a_mapping_and_an_empty_file():
    from medaid.typed_yaml import TypedFileError

    with pytest.raises(TypedFileError, match="文件内容应为键值对"):
        _load("- a\n- b\n")
    assert _load("").per == "admission"  # an empty file is an empty mapping


# --- the vocabulary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vocabulary", "value", "canonical"),
    [
        ("category", "低保", "低保对象"),
        ("category", "低保 对象", "低保对象"),
        ("category", "五保", "特困人员"),
        ("visit_type", "住院治疗", "住院"),
        ("visit_type", "21", "住院"),  # national med_type code
        ("visit_type", "14", "门诊慢特病"),
        ("hospital_level", "二甲", "二级"),
        ("hospital_level", "乡镇卫生院", "基层"),
        ("department", "民政局", "民政"),
        ("category", "低包对象", None),
    ],
)
def test_lookup_gives_the_canonical_name(vocabulary, value, canonical):
    from medaid.vocab import Vocabulary, lookup

    assert lookup(Vocabulary(vocabulary), value) == canonical


def test_require_refuses_an_unknown_word_naming_the_nearest_one():
    from medaid.vocab import Vocabulary, VocabularyError, nearest, require

    where = Location(file="名单.csv", row=3, column="救助类别")
    assert require(Vocabulary.CATEGORY, "低保户", where=where) == "低保对象"
    with pytest.raises(VocabularyError) as err:
        require(Vocabulary.CATEGORY, "低包对象", where=where)
    assert err.value.what == "未知的救助类别“低包对象”：是否应为 低保对象？"
    assert err.value.fix.startswith("可填：特困人员、孤儿、低保对象") and err.value.where == where
    assert nearest(Vocabulary.HOSPITAL_LEVEL, "四级") is None  # 一级, 二级 and 三级 are equally near: no guess
    assert nearest(Vocabulary.VISIT_TYPE, "住员") == "住院"


# --- the one-claim file (medaid calc --claim) ----------------------------------------------

CANONICAL = (
    "category: 低保对象\nvisit_type: 住院\nhospital_level: 二级\ndate: 2023-06-01\ntotal: 50000\nin_scope: 45000\n"
)
ALIASED = (
    "category: 低保\nvisit_type: 住院治疗\nhospital_level: 二甲\ndate: 2023-06-01\ntotal: 50,000元\nin_scope: 4.5万\n"
)


def test_an_aliased_claim_pays_the_same_as_the_canonical_one(tmp_path: Path):
    from medaid.policy.claim_file import load_claim

    (tmp_path / "a.yaml").write_text(CANONICAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(ALIASED, encoding="utf-8")
    one, ytd_one = load_claim(tmp_path / "a.yaml")
    two, ytd_two = load_claim(tmp_path / "b.yaml")
    assert (two.category, two.visit_type, two.hospital_level, two.total, two.in_scope) == (
        "低保对象", "住院", "二级", 5_000_000, 4_500_000)  # fmt: skip
    assert one == two and ytd_one == ytd_two
    assert settle(POLICY, one, ytd_one)[0] == settle(POLICY, two, ytd_two)[0]
    assert settle(POLICY, two, ytd_two)[0].assistance == 626_063


@pytest.mark.parametrize(
    ("change", "into", "line", "key", "words"),
    [
        ("category: 低保对象", "category: 低包对象", 1, "category", "未知的救助类别“低包对象”：是否应为 低保对象？"),
        ("category: 低保对象", "catgory: 低保对象", 1, "catgory", "未知的键“catgory”：是否应为 category？"),
        ("hospital_level: 二级", "hospital_level: 四级", 3, "hospital_level", "未知的医院等级“四级”"),
        ("date: 2023-06-01", "date: 2023/06/31", 4, "date", "“2023/06/31”不是有效日期"),
        ("total: 50000", "total: 五万", 5, "total", "不是金额"),
        ("visit_type: 住院\n", "", None, "visit_type", "缺少“visit_type”"),
    ],
)
def test_a_bad_claim_is_refused_with_the_nearest_valid_value(tmp_path: Path, change, into, line, key, words):
    from medaid.policy.claim_file import ClaimFileError, load_claim

    path = tmp_path / "c.yaml"
    path.write_text(CANONICAL.replace(change, into), encoding="utf-8")
    with pytest.raises(ClaimFileError) as err:
        load_claim(path)
    assert (err.value.where.file, err.value.where.line, err.value.where.key) == (str(path), line, key)
    assert words in err.value.message
    assert isinstance(err.value, InputFileError)  # the CLI's exit code 2


def test_a_claim_from_a_form_with_paid_layers_and_year_to_date():
    from medaid.policy.claim_file import claim_from_mapping

    claim, ytd = claim_from_mapping({
        "category": "特困", "visit_type": "21", "total": "1000.005", "in_scope": "800", "referred": "否",
        "basic_paid": "400", "year_to_date": {"critical_base": "12,000.50"}, "date": "2023-02-03",
    })  # fmt: skip
    assert (claim.category, claim.visit_type, claim.total, claim.referred) == ("特困人员", "住院", 100_001, False)
    assert claim.basic_paid == 40_000 and claim.date == dt.date(2023, 2, 3)
    assert ytd.critical_base == 1_200_050 and ytd.assistance_base == 0
    today, _ = claim_from_mapping({"visit_type": "门诊", "total": 10, "in_scope": 10, "category": ""})
    assert today.date == dt.date.today() and today.category is None


# --- questionnaires and the report drafts file ---------------------------------------------


def test_a_questionnaire_with_an_unknown_key_or_value_is_refused(tmp_path: Path):
    from medaid.survey.model import load_questionnaire, template

    text = template("liucheng_2023").read_text(encoding="utf-8")
    for change, into, key, seen, words in [
        ("weights:", "weight:", "weight", "weight:", "是否应为 weights？"),
        ("role: awareness, aware: [知道]}", "role: awarenes, aware: [知道]}", "questions[1].role", "awarenes",
         "是否应为 awareness？"),
        ("{number: 3,", "{number: 2,", "questions[2].number", "哪个渠道", "题号 2 重复"),
        ("非常满意: 100", "非常满意: 很高", "weights.非常满意", "很高", "不是数字"),
    ]:  # fmt: skip
        path = tmp_path / "q.yaml"
        path.write_text(text.replace(change, into, 1), encoding="utf-8")
        with pytest.raises(InputFileError) as err:
            load_questionnaire(path)
        assert err.value.where.key == key and words in err.value.message
        lines = path.read_text(encoding="utf-8").splitlines()
        assert err.value.where.line == next(i for i, line in enumerate(lines, start=1) if seen in line)


def test_a_malformed_drafts_file_is_a_user_error_naming_the_line(tmp_path: Path):
    """Before, a paragraph written as `- 乙: 丙` (a mapping) or a list at the top ended as 内部错误 (exit 3)."""
    from medaid.errors import MedaidError
    from medaid.reports.model import Para
    from medaid.reports.narrative import Theme, read_drafts, write_drafts

    generated = [Theme("问题一", Para("内容一", draft=True), "建议一", Para("做法一", draft=True))]
    path = tmp_path / "报告-文字稿.yaml"
    write_drafts(generated, path)
    problems, suggestions = read_drafts(path)  # written, then read back
    assert [(i.title, i.text) for i in problems + suggestions] == [("问题一", "内容一"), ("建议一", "做法一")]
    for text, line, words in [
        ("存在的问题:\n  - 标题: 甲\n    内容: 乙\n  - 乙\n", 4, "映射"),
        ("- 甲\n", None, "文件内容应为键值对"),
        ("存在问题:\n  - 标题: 甲\n    内容: 乙\n", 1, "是否应为 存在的问题？"),
        ("存在的问题:\n  - 标题: 甲\n    正文: 乙\n", 2, "缺少“内容”"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(MedaidError) as err:
            read_drafts(path)
        assert err.value.where.line == line and words in err.value.message, err.value.message


def test_money_in_files_goes_through_medaid_money():
    from medaid.settings import WorkspaceFile

    spec = _load("warnings: {threshold: '1,234.505'}\nbudget: {planned: {中央: 0.1万元}}\n", WorkspaceFile)
    assert spec.warnings is not None and spec.warnings.threshold == Decimal("1234.505")
    assert spec.budget is not None and spec.budget.planned == {"中央": Decimal("1000.0")}


def test_every_mistake_of_a_file_is_listed_not_only_the_first(tmp_path: Path):
    from medaid.settings import Settings, SettingsError

    path = tmp_path / "medaid.yaml"
    path.write_text("region: x\nyaer: 2023\nwarnings:\n  treshold: 5\n", encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        Settings.from_file(path)
    listed = [(p.where.line, p.what) for p in err.value.all_problems]
    assert listed == [(2, "未知的键“yaer”：是否应为 year？"), (4, "未知的键“treshold”：是否应为 threshold？")]
    assert [p["location"]["line"] for p in err.value.to_dict()["error"]["problems"]] == [2, 4]


def test_an_impossible_claim_is_refused_as_the_import_refuses_it(tmp_path: Path):
    """Was: a total of −5 or 政策范围内费用 above the total ran and paid."""
    from medaid import claimrules
    from medaid.policy.claim_file import ClaimFileError, load_claim

    for change, into, why in (("in_scope: 45000", "in_scope: 60000", claimrules.IN_SCOPE_ABOVE_TOTAL),
                              ("total: 50000", "total: -5", claimrules.NEGATIVE)):  # fmt: skip
        path = tmp_path / "c.yaml"
        path.write_text(CANONICAL.replace(change, into), encoding="utf-8")
        with pytest.raises(ClaimFileError, match=why):
            load_claim(path)
