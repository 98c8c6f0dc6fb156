"""Faults family, session 8, fix round: the probes of the adversarial reviews (faults, and the faults part of the
lists review) that gave wrong numbers, each with further variants, scored by hand or refused (None)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.narrower_denials import narrower
from tests.rule_checks import trial_score

ONE_TOPIC = "缺1个科室，不得分"
TWO_TOPICS = "临床科室缺1个科室，不得分；医技科室缺2个科室，不得分"
LICENCES = "少任一种证件不得分"


# ---- 1a. "无/没有 + 缺(失/少) + noun": the miss denied, never one thing missing ----
@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (ONE_TOPIC, 3, "无缺失科室", "3"),
        (ONE_TOPIC, 3, "无缺少科室", "3"),
        (ONE_TOPIC, 3, "没有缺科室", "3"),
        (ONE_TOPIC, 3, "没有缺失科室", "3"),
        (ONE_TOPIC, 3, "无缺科室", "3"),
        (ONE_TOPIC, 3, "無缺失科室", "3"),
        (ONE_TOPIC, 3, "未缺少科室", "3"),
        (ONE_TOPIC, 3, "科室不缺少", "3"),
        (TWO_TOPICS, 2, "临床科室无缺少科室，医技科室齐全", "2"),
        (TWO_TOPICS, 2, "医技科室没有缺失科室；临床科室无缺科室", "2"),
        (LICENCES, 4, "无缺失证件", "4"),
        (LICENCES, 4, "无缺少证件", "4"),
    ],
)
def test_a_miss_denied_is_none_missing(text: str, weight: int, note: str, score: str) -> None:
    assert trial_score(text, weight, note=note) in (None, Decimal(score))


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (ONE_TOPIC, 3, "无缺失人员"),  # another noun
        (ONE_TOPIC, 3, "内科、外科均已设置"),  # 1b: which departments are required is not written
        (ONE_TOPIC, 3, "内科、外科都已设置"),
        (ONE_TOPIC, 3, "内科、外科全部已设置"),
        (ONE_TOPIC, 3, "全科、预防保健科均已设置"),
        (ONE_TOPIC, 3, "康复科均已设置"),
        (ONE_TOPIC, 3, "内科、外科、儿科均已开设"),
        (TWO_TOPICS, 2, "临床科室齐全，医技科室缺病理科、病理科2个"),  # 1c: one thing named twice against 2
        (TWO_TOPICS, 2, "临床科室齐全，医技科室缺超声科、超声科、病理科3个"),
        (ONE_TOPIC, 3, "眼科、眼科未设置"),
    ],
)
def test_what_is_present_or_a_list_against_its_count_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None, note


# ---- 6a/6b. "达不到要求" against the target: the very unit, and no note that says more ----
@pytest.mark.parametrize(
    ("text", "target", "actual", "note"),
    [
        ("达不到要求不给分", "≥1000人", "1000人次", None),
        ("达不到要求不给分", "≥1000人次", "1200人", None),
        ("达不到要求不给分", "≥100人", "120人次", None),
        ("达不到要求不给分", "≥100家", "100个", None),
        ("达不到标准的扣10分", "≥100人", "99人次", None),
        ("达不到要求不给分", "≤3天", "2个工作日", None),
        ("达不到要求不给分", "≥50名", "60人", None),
        ("达不到要求不给分", "≥95%", "96%", "达不到要求"),
        ("达不到要求不给分", "≥95%", "96%", "未达到要求"),
        ("达不到标准的扣10分", "≥95%", "96%", "达不到标准"),
        ("达不到要求不给分", "≥95%", "96%", "数据不实，达不到要求"),
        ("达不到要求不给分", "≤3天", "2天", "未按期完成，达不到要求"),
        ("达不到要求不给分", "小学≤1%;初中≤2%", "小学0.6%,初中1.8%", "初中达不到要求"),
        ("达不到要求不给分", "≥95%", "96%", "部分指标达不到要求"),
        ("达不到要求不给分", "≥95%", "96%", "质量达不到要求"),
        ("达不到要求不给分", "≥95%", "96%", "完成率为90%"),
        ("达不到要求不给分", "≤3天", "3天", "超期"),
        ("达不到要求不给分", "≥95%", "96%", "未完成"),
        ("达不到要求不给分", "≥90%", "92%", "抽查发现数据造假"),
    ],
)
def test_a_target_shortfall_in_another_unit_or_beside_a_note_is_refused(
    text: str, target: str, actual: str, note: str | None
) -> None:
    assert trial_score(text, 20, target=target, actual=actual, note=note) is None


@pytest.mark.parametrize(
    ("target", "actual", "note", "score"),
    [
        ("≥95%", "96%", None, "20"),
        ("≥95%", "94%", None, "0"),
        ("≤3天", "2日", None, "20"),  # 天 and 日 are one unit
        ("≥95%", "96%", "96%", "20"),  # a note that only restates the value
    ],
)
def test_a_target_shortfall_in_the_same_unit_is_still_read(
    target: str, actual: str, note: str | None, score: str
) -> None:
    assert trial_score("达不到要求不给分", 20, target=target, actual=actual, note=note) == Decimal(score)


# ---- lists review: "A、B(、C)均缺/均无/都没有/全无" denies every thing listed ----
@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "台账、培训均无", "2"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "台账、培训都没有", "2"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "台账、培训均缺", "2"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "台账、培训均没有", "2"),
        ("未建立台账扣2分;未开展培训扣1分", 5, "台账、培训均无", "2"),
        ("未建立台账扣2分;未开展培训扣1分", 5, "台账和培训均无", "2"),
        ("1.无台账扣2分;2.无培训记录扣1分", 5, "台账、培训记录均无", "2"),
        ("1.无台账扣2分;2.无培训记录扣1分", 5, "台账、培训记录均缺", "2"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "工作方案、培训记录、考核办法均缺", "0"),
        ("有工作方案、有培训记录、有考核办法，每缺一项扣1分", 3, "工作方案、培训记录、考核办法均缺", "0"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "工作方案、培训记录均无，有考核办法", "1"),
        ("配备专职人员、有办公场所、有工作经费，缺任一项扣2分", 6, "专职人员、办公场所、工作经费均缺", "0"),
        ("配备专职人员、有办公场所、有工作经费，缺任一项扣2分", 6, "专职人员、办公场所、工作经费都缺", "0"),
        ("建立制度、台账、档案，缺任何一项扣2分", 6, "制度、台账、档案均缺", "0"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "台账、培训全无", "2"),
    ],
)
def test_a_list_denied_together_denies_each_thing(text: str, weight: int, note: str, score: str) -> None:
    assert trial_score(text, weight, note=note) in (None, Decimal(score)), note


# ---- lists review: narrower statements, or denials of another verb, are not the item failing ----
@pytest.mark.parametrize(
    ("text", "weight", "note", "right"),
    [
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "考核办法未修订", "3"),
        ("有工作方案、有培训记录、有考核办法，每缺一项扣1分", 3, "考核办法未修订", "3"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "工作方案未公示", "3"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "培训记录未归档", "3"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "考核办法未落实", "3"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "考核办法未执行", "3"),
        ("制定方案、开展培训、组织考核，缺任一项扣1分", 3, "部分人员未培训", "3"),
        ("建立台账、开展培训、组织考核，缺任一项扣1分", 3, "未开展岗前培训", "3"),
        ("建立台账、开展培训，每缺一项扣1分", 2, "未建立电子台账，已开展培训", "2"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "未建立电子台账，已开展培训", "5"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "未建立纸质台账，已开展培训", "5"),
        ("未建立台账扣2分;未开展培训扣1分", 5, "未建立电子台账，已开展培训", "5"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "已建立台账，未开展岗前培训", "5"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "已建立台账，未开展线上培训", "5"),
        ("1.无台账扣2分;2.无培训记录扣1分", 5, "无台账管理员，培训记录齐全", "5"),
        ("1.无台账扣2分;2.无培训记录扣1分", 5, "无电子台账，培训记录齐全", "5"),
        ("1.无台账扣2分;2.无培训记录扣1分", 5, "台账齐全，无岗前培训记录", "5"),
        ("制度、台账、档案、计划、总结，每缺一项扣1分", 5, "总结未上报", "5"),
        ("制度、台账、档案、计划、总结，每缺一项扣1分", 5, "无档案柜", "5"),
        ("制度、台账、档案、计划、总结，每缺一项扣1分", 5, "计划未审批", "5"),
        ("未建立台账扣2分;未开展培训扣1分", 5, "未建立专项台账，已开展培训", "5"),
    ],
)
def test_a_narrower_denial_is_refused_or_scores_full(text: str, weight: int, note: str, right: str) -> None:
    assert trial_score(text, weight, note=note) in (None, Decimal(right)), note


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "无考核办法", "2"),
        ("有工作方案、有培训记录、有考核办法，缺任一项扣1分", 3, "考核办法未建立", "2"),
        ("1.未建立台账扣2分;2.未开展培训扣1分", 5, "未建立台账，已开展培训", "3"),
        ("未建立台账扣2分;未按时报送扣1分", 5, "已建立台账，未按期报送", "4"),
    ],
)
def test_a_denial_in_the_items_words_is_still_read(text: str, weight: int, note: str, score: str) -> None:
    assert trial_score(text, weight, note=note) == Decimal(score), note


def test_narrower_reads_words_before_a_faults_negation_as_one_case() -> None:
    assert not narrower("园长学历不达标", "学历不达标", fault=True)
    assert not narrower("敬老院运转经费未列入财政预算", "任一项经费未列入财政预算", fault=True)
    assert narrower("未建立电子台账", "未建立台账", fault=True)
    assert not narrower("未上报", "未报", fault=True)
    assert not narrower("未建立机制", "未建机制", fault=True)
    assert narrower("考核办法未修订", "有考核办法")


# ---- 2. qualifiers (违规/擅自) and undoing words (脱钩/取消) ----
INCOME = "医务人员收入与药品收入挂钩扣3分"


@pytest.mark.parametrize(
    ("text", "weight", "note", "right"),
    [
        (INCOME, 5, "医务人员收入与药品收入脱钩", "5"),
        (INCOME, 5, "医务人员收入与药品收入已脱钩", "5"),
        (INCOME, 5, "医务人员收入与药品收入彻底脱钩", "5"),
        (INCOME, 5, "医务人员收入与药品收入实现脱钩", "5"),
        (INCOME, 5, "医务人员收入与药品收入挂钩已取消", "5"),
        (INCOME, 5, "医务人员收入与药品收入挂钩已解除", "5"),
        ("违规发放津贴补贴扣2分", 2, "未发放津贴补贴", "2"),
        ("违规发放津贴补贴扣2分", 2, "本年度未发放津贴补贴", "2"),
        ("违规发放津贴补贴扣2分", 2, "未发放", "2"),
        ("违规收取费用扣2分", 2, "未收取费用", "2"),
        ("违规收取费用扣2分", 2, "收取费用", "R"),
        ("违规发放津贴补贴扣2分", 2, "发放津贴补贴", "R"),
        ("违规发放津贴补贴扣2分", 2, "已发放津贴补贴", "R"),
        ("擅自使用资金扣2分", 2, "已使用资金", "R"),
        ("擅自使用资金扣2分", 2, "资金已使用", "R"),
        ("私自挪用公物扣3分", 3, "挪用公物", "R"),
    ],
)
def test_a_bare_act_or_an_undone_one_never_names_the_fault(text: str, weight: int, note: str, right: str) -> None:
    allowed = (None,) if right == "R" else (None, Decimal(right))
    assert trial_score(text, weight, note=note) in allowed, note


def test_the_qualified_act_is_still_named() -> None:
    assert trial_score("违规发放津贴补贴扣2分", 2, note="违规发放津贴补贴") == Decimal(0)
    assert trial_score("无事故得10分;发生一次不超标事故扣10分;发生超标事故扣5分", 10, note="无事故") == Decimal(10)


# ---- 3. half a negated fault; a quality (按时) unsaid ----
SLUICE = "溢洪道堵塞扣2分;启闭器不灵活不能运转扣2分。"


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (SLUICE, 4, "启闭器不灵活能运转"),
        (SLUICE, 4, "启闭器已不灵活能运转"),
        (SLUICE, 4, "启闭器不灵活但能运转"),
        ("未按时上报年度报表扣2分", 2, "已上报年度报表"),
        ("未按时填写运行记录扣2分", 2, "运行记录已填写"),
        ("未按时填写运行记录扣2分", 2, "已填写运行记录"),
        ("未按时上报年度报表扣2分；未建立台账扣1分", 3, "已上报年度报表，已建立台账"),
        ("未按期报送统计报表扣2分", 2, "统计报表已报送"),
    ],
)
def test_half_a_fault_or_a_quality_unsaid_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None, note


# ---- 4. the event of a fault said to have happened, the requirement upon it unsaid ----
@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (
            "明确专(兼)职联络员(4分),没有明确联络员不得分。联络员调整未报县河长办备案的,扣2分。",
            4,
            "已明确专职联络员，联络员已调整",
        ),
        ("联络员调整未报县河长办备案的,扣2分", 4, "联络员已调整"),
        ("档案管理员调整未报上级备案的,扣2分", 4, "档案管理员已调整"),
        ("统计人员岗位变动未征求上级统计机构同意的扣2分", 2, "统计人员岗位变动1次"),
        ("统计人员岗位变动未征求上级统计机构同意的扣2分", 2, "统计人员岗位已变动"),
        ("统计人员岗位变动未征求上级统计机构同意的扣2分", 2, "统计人员岗位有变动"),
        ("人员变动未报备的扣1分", 2, "人员已变动"),
        ("负责人更换未报主管部门备案的扣2分", 2, "负责人已更换"),
    ],
)
def test_the_event_alone_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None, note


@pytest.mark.parametrize(
    ("note", "right"),
    [("未发现库内有漂浮物及垃圾", "4"), ("没有发现库内有漂浮物及垃圾", "4"), ("未发现库内有漂浮物", "4")],
)
def test_nothing_found_never_names_the_fault(note: str, right: str) -> None:
    score = trial_score("库内有漂浮物及垃圾未清理扣2分;溢洪道堵塞扣2分", 4, note=note)
    assert score in (None, Decimal(right)), note
