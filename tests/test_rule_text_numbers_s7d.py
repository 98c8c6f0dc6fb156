"""Numbers family, session 7, fix round: the adversarial review's probes (/tmp/adv7/review_numbers.md) and variants."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, trial_score

FORM = "1.入户核实人数:___人 2.服务真实人数:___人 3.真实率={rate}×100% 4.真实率≥100%,得30分 5.真实率<100%,得分=实际真实率/100%×30分"
CIRCLED = FORM.format(rate="②/①")
PLAIN = FORM.format(rate="2/1")


@pytest.mark.parametrize("text", [CIRCLED, PLAIN, FORM.format(rate="(2)/(1)")])
def test_a_form_defines_its_rate_in_any_spelling(text: str) -> None:
    assert trial_score(text, 30, actual="90%") == Decimal(27)


@pytest.mark.parametrize(
    ("note", "score"),
    [
        ("计划入户核实100人，实际入户核实80人，服务真实76人，上年真实率90%", None),
        ("上年真实率90%", None),
        ("去年同期真实率88%", None),
        ("真实率95%，上年真实率90%", Decimal("28.5")),
        ("核实率85%", None),
    ],
)
def test_a_form_never_takes_last_years_rate(note: str, score: Decimal | None) -> None:
    assert trial_score(CIRCLED, 30, note=note) == score


@pytest.mark.parametrize(
    "tail", [" 说明:真实率低于60%的本项为零", " 注:真实率低于60%的本项归零", " 注:核实中发现虚假的，本项不计",
             " 备注:真实率低于60%的本项不予计分", " 注:真实率低于60%的按0分"],
)  # fmt: skip
@pytest.mark.parametrize("text", [CIRCLED, PLAIN])
def test_a_note_that_zeroes_the_item_is_not_dropped(text: str, tail: str) -> None:
    assert trial_score(text + tail, 30, actual="50%") is None


@pytest.mark.parametrize(
    "text",
    [
        "1.抽查处方数:___张 2.合格处方数:___张 3.合格率=2/1×100% 4.不合格率≤5%,得10分 5.不合格率>5%,不得分",
        "1.抽查处方数:___张 2.合格处方数:___张 3.合格率=②/①×100% 4.不合格率≤5%,得10分 5.不合格率>5%,每增加1个百分点扣2分",
        "1.建档人数:___人 2.规范建档人数:___人 3.规范率=2/1×100% 4.不规范率≤5%,得10分 5.不规范率>5%,不得分",
        "1.随访人数:___人 2.规范随访人数:___人 3.规范率=2/1×100% 4.非规范率≤10%,得10分 5.非规范率>10%,不得分",
        "1.核查份数:___份 2.完整份数:___份 3.完整率=2/1×100% 4.未完整率≤3%,得10分 5.未完整率>3%,不得分",
    ],
)
def test_a_negated_rate_is_not_the_defined_rate(text: str) -> None:
    assert trial_score(text, 10, actual="97%") is None


def test_a_longer_name_of_the_defined_rate_is_that_rate() -> None:
    text = "1.随访人数:___人 2.规范随访人数:___人 3.规范率=2/1×100% 4.随访规范率≥90%,得10分 5.随访规范率<90%,不得分"
    assert trial_score(text, 10, actual="92%") == Decimal(10)


T = "平均每班配备教师数不少于1.5人,按班级数计算,每少1人扣1分"
V = "平均每村配置保洁员数不低于2人,按行政村数核定,每少1人扣0.5分"


@pytest.mark.parametrize(
    ("text", "actual", "score"),
    [
        (T, "10个班，应配9人，实配7人", None),
        (T, "应配9人次，实配7人次", None),
        (T, "应配9人，实配7人次", None),
        (T, "6个班，应配9人，实配7人次", None),
        (V, "应配教师20人，实配教师17人", None),
        (V, "10个行政村，应配教师20人，实配教师17人", None),
        (T, "应配保育员9人，实配保育员7人", None),
        (T, "6个班，应配教师9人，实配保育员7人", None),
        (T, "应配1.5人，实配1.2人", None),
        (T, "6个班，应配1.5人，实配1.2人", None),
        (T, "6个班，应配9人，实配7人强", None),
        (T, "6个班，应配9人，实配不下于7人", None),
        (T, "6个班，应配9人，实配7-8人", None),
        (T, "6个班，应配9人，实配7人，其中兼职2人", None),
        (T, "应配9人，实配7人", None),
        (T, "6个班，应配教师9人，实配7人", Decimal(3)),
        (T, "全园6个班，应配教师6×1.5=9人，实配9人", Decimal(5)),
        (T, "班级数6，实配教师8人", Decimal(4)),
        (T, "10个班，实配7人", Decimal(0)),
        (V, "10个行政村，实配保洁员17人", Decimal("3.5")),
    ],
)
def test_a_standard_per_unit_is_checked_over_the_units(text: str, actual: str, score: Decimal | None) -> None:
    assert trial_score(text, 5, actual=actual) == score


def test_a_standard_per_unit_round_trips() -> None:
    rule = parse_rule_text(T)
    assert rule is not None and round_trips(rule)


L = "以有效的最低报价为基准价,"
F = "价格评估得分=(基准价/有效报价)×10"


@pytest.mark.parametrize(
    ("text", "actual"),
    [
        ("以有效的最低报价的90%为基准价," + F, "最低报价90元，本机构报价100元"),
        ("基准价为最低报价的95%," + F, "最低有效报价90元，本机构报价100元"),
        ("以有效最低报价下浮5%作为基准价," + F, "最低报价90元，本单位报价100元"),
        ("以最低报价上浮3%为基准价," + F, "基准价90元，报价100元"),
        ("以有效的最低报价乘以0.9为基准价," + F, "基准价90元，报价100元"),
        (L + "报价高于基准价20%以上的,价格分计零," + F, "基准价90元，报价120元"),
        (L + "报价超过最高限价100元的,价格分为零," + F, "基准价90元，报价110元"),
        (L + "报价高于预算的价格分记为零," + F, "基准价90元，报价120元"),
        ("最高限价100元," + L + F, "基准价90元，报价110元"),
        ("指导限价区间为90—100元(含本数)," + L + F, "基准价90元，报价110元"),
        ("控制价95元," + L + F, "基准价90元，报价100元"),
        (L + F, "基准价90元/人/年，本机构报价100元/人/月"),
        (L + F, "基准价90元/人，本机构报价100元/户"),
        (L + F, "基准价90元，报价100元，优惠后95元"),
        (L + F, "基准价90元（不含税），报价100元（含税）"),
    ],
)
def test_a_price_score_refuses_what_it_cannot_read(text: str, actual: str) -> None:
    assert trial_score(text, 10, actual=actual) is None


@pytest.mark.parametrize(
    ("actual", "score"),
    [("基准价90元，本机构报价100元", Decimal(9)), ("基准价90元/人/年，本机构报价100元/人/年", Decimal(9))],
)
def test_a_price_score_still_reads_the_lowest_quote(actual: str, score: Decimal) -> None:
    assert trial_score(L + F, 10, actual=actual) == score


S = "满意度≥90%得满分,每低1个百分点扣1分"
C = "完成率≥100%得满分,每低1个百分点扣1分"


@pytest.mark.parametrize(
    "note",
    [
        "满意度85%以上，其中A村96%", "满意度80%以上，其中城区95%", "满意度85%强", "满意度85%有余", "满意度达85%余",
        "满意度85%+", "满意度85%开外", "满意度不下于85%", "满意度不及85%", "满意度85~88%", "满意度85%到88%",
        "满意度86.5-88%", "上年满意度85%", "上年度满意度为85%", "上一年85%", "前年满意度85%", "去年同期85%",
        "去年为85%，今年未调查", "全省平均满意度85%", "全市平均85%，本县未开展调查", "往年满意度均为85%",
    ],
)  # fmt: skip
def test_an_explanation_never_takes_a_bound_or_a_reference(note: str) -> None:
    assert trial_score(S, 10, note=note) is None


@pytest.mark.parametrize(
    ("note", "score"),
    [
        ("计划200人，实际服务190人次", None),
        ("计划200户，实际服务190户次", None),
        ("计划200人，实际服务190人强", None),
        ("计划200人，实际服务不下于190人", None),
        ("计划200人，实际服务190-195人", None),
        ("计划200人，实际服务190~195人", None),
        # since 0.15.0 a note that also gives another period's rate is refused as a whole: it names which of its
        # numbers is not this period's, and the reader asks for the period's value alone (safe, not a wrong number)
        ("计划200人，实际服务190人，上年完成率80%", None),
        ("计划200人，实际服务190人，去年同期完成率70%", None),
        ("计划200人，实际服务190人", Decimal(5)),
    ],
)
def test_an_explanations_counts_are_exact_and_alike(note: str, score: Decimal | None) -> None:
    assert trial_score(C, 10, note=note) == score


@pytest.mark.parametrize("note", ["上年满意度90%", "去年满意度92%", "全省平均满意度90%"])
def test_a_formula_never_takes_a_reference(note: str) -> None:
    assert trial_score("得分=满意度×10", 10, note=note) is None


def test_an_exact_value_beside_a_reference_is_read() -> None:
    assert trial_score(S, 10, note="满意度85%，上年满意度80%") == Decimal(5)
    assert trial_score(S, 10, note="满意度96%，各村均在90%以上") == Decimal(10)


B = "服务人数200人以上得10分,150-200人得5分,150人以下不得分"


@pytest.mark.parametrize(("actual", "score"), [("210人次", None), ("160人次", None), ("210人", Decimal(10))])
def test_bands_in_people_never_take_person_times(actual: str, score: Decimal | None) -> None:
    assert trial_score(B, 10, actual=actual) == score
