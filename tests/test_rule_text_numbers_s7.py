"""Numbers family, session 7: forms of blanks scoring the rate they define; a standard per unit counted over the
units. Constructed variants (other names, numbering, units, characters) and near-misses that must be refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import assert_scores_as_worked, round_trips

_FOLLOW_UP = (
    "1、随访核查人数：（  ）人；2、随访真实人数：（  ）人；3、随访真实率=②/①×100%；4、随访真实率≥95%，得20分；"
    "5、随访真实率<95%，得分=实际随访真实率/95%×20分。"
)
_PRESCRIPTIONS = (
    "(1)抽查處方數:______張 (2)合格處方數:______張 (3)處方合格率=②/①×100% (4)處方合格率≥90%,得10分 "
    "(5)處方合格率<90%,得分=實際處方合格率/90%×10分 注:缺診斷的處方為不合格。"
)
_VISITS = (
    "1.入户核实人数:_______人 2.服务真实人数:_______人 3.真实率=②/①×100% 4.真实率≥100%,得30分 "
    "5.真实率<100%,得分=实际真实率/100%×30分"
)
_SIBLING = (
    "1.查看的档案数:_______份 2.规范份数:________份 3.规范率=②/①×100% 4.规范率≥100%,得30分 "
    "5.规范率<100%,得分=实际真实率/100%×30分 附:有1题漏项即判定为不规范。"
)


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (_FOLLOW_UP, 20, "76%", "16"),  # 76/95 × 20
        (_FOLLOW_UP, 20, "98%", "20"),
        (_PRESCRIPTIONS, 10, "72%", "8"),  # traditional characters, "(n)" numbering, a note with no marks
        (_VISITS, 30, "90%", "27"),
        (_SIBLING, 30, "80%", "24"),  # the formula names a sibling form's rate: the one rate defined
        (_SIBLING, 30, "100%", "30"),
        # near-misses: refused
        (_VISITS, 30, "入户核实20人，真实18人", None),  # counts for the blanks are not added up
        (_VISITS + " 附:发现虚假的扣10分。", 30, "90%", None),  # a note with marks
        (_VISITS.replace("②/①", "②/③"), 30, "90%", None),  # the definition refers past the blanks
    ],
)
def test_fill_in_forms(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


def test_fill_in_form_round_trips() -> None:
    for text in (_FOLLOW_UP, _PRESCRIPTIONS, _VISITS, _SIBLING):
        rule = parse_rule_text(text)
        assert rule is not None and round_trips(rule)


def test_fill_in_form_without_blanks_not_read_here() -> None:
    # a stranger rate named in the condition itself: not the defined rate, refused
    text = _VISITS.replace("5.真实率<100%", "5.合格率<100%")
    assert parse_rule_text(text) is None


_STAFF = "平均每村配置保洁员数不低于2人,按行政村数核定,每少1人扣0.5分"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (
            "平均每班配备教师数不少于1.5人,按班级数计算,每少1人扣1分类推计算。",
            4,
            "全园6个班，应配教师9人，实配7人",
            "2",
        ),
        (_STAFF, 5, "10个行政村，应配保洁员20人，实际配置17人", "3.5"),
        (
            "平均每校配备校医数不低于1名，按学校数计算，每缺1名扣0.5分，扣完为止。",
            2,
            "12所学校，应配校医12名，实配6名",
            "0",
        ),
        ("平均每校配备校医数不低于1名，按学校数计算，每缺1名扣0.5分，扣完为止。", 2, "学校数12，实配12名", "2"),
        (_STAFF, 5, "10个行政村，实配17人", "3.5"),  # the number required is standard × units (fix round)
        # near-misses: refused
        (_STAFF, 5, "应配保洁员20人，实际配置17人", None),  # no number of units: the 20 cannot be checked (fix round)
        (_STAFF, 5, "应配20人，实配17人，其中临时聘用3人", None),  # a third number in the unit
        (_STAFF.replace("每少1人", "每少1名"), 5, "应配保洁员20人，实际配置17人", None),  # step in another unit
    ],
)
def test_per_unit_standards(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


_STEP = "满意度≥90%得满分,每低1个百分点扣1分"
_BAND = "知晓率达到95%及以上得5分，85%（含）-95%得3分，低于85%不得分"


@pytest.mark.parametrize(
    ("text", "note", "score"),
    [
        (_STEP, "满意度为85%", "5"),
        (_STEP, "抽查满意度達85%", "5"),
        (_STEP, "满意度96%，各村均在90%以上", "10"),  # the bound beside the exact value is not a candidate
        # bounds and approximations: never the actual
        (_STEP, "满意度不足85%", None),
        (_STEP, "满意度未達到85%", None),
        (_STEP, "各村满意度最低85%", None),
        (_STEP, "满意度均在95%及以上", None),
        (_STEP, "满意度约88%", None),
        (_STEP, "满意度88%左右", None),
        (_STEP, "满意度近88%", None),
        (_BAND, "群众知晓率95%以上", None),
        (_BAND, "群众知晓率不到85%", None),
        (_BAND, "群众知晓率90%", "3"),
    ],
)
def test_explanation_bounds_are_not_the_actual(text: str, note: str, score: str | None) -> None:
    from tests.rule_checks import trial_score

    got = trial_score(text, 10 if text == _STEP else 5, note=note)
    assert (got is None) if score is None else (got is not None and got == Decimal(score)), got


_COUNTS = "按完成人数/计划人数×分值计分"


@pytest.mark.parametrize(
    ("note", "score"),
    [
        ("计划200人，实际服务190人", "9.5"),
        ("计划培训200人次，实际培训150人次", "7.5"),
        # a bound or an approximation in the pair: refused
        ("计划200人，实际服务190人以上", None),
        ("计划200人，实际服务約190人", None),
        ("计划200人，实际服务不足190人", None),
        ("计划200人，实际服务190人左右", None),
    ],
)
def test_pair_bounds_are_not_counts(note: str, score: str | None) -> None:
    from tests.rule_checks import trial_score

    for got in (trial_score(_COUNTS, 10, note=note), trial_score(_COUNTS, 10, actual=note)):
        assert (got is None) if score is None else (got is not None and got == Decimal(score)), got


_PRICE = (
    "采用低价优先法。满足采购文件要求且投标价格最低的投标报价为评标基准价，其价格分为满分。"
    "价格分=(评标基准价/投标报价)×30"
)
_PRICE_RANGE = (
    "服务费报价限价区间为50万元(含本数)至60万元(含本数)，超出区间为无效报价。以有效的最低报价为基准价，"
    "价格评审得分=基准价/有效报价×100%×20分"
)


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (_PRICE, 30, "评标基准价120元，本单位投标报价150元", "24"),
        (_PRICE, 30, "最低有效报价120元；我公司报价120元", "30"),
        (_PRICE_RANGE, 20, "基准价为50万元，本机构报价为55万元", "18.1818"),
        (_PRICE_RANGE, 20, "基准价50万元，报价60万元", "16.6667"),
        # refused
        (_PRICE_RANGE, 20, "基准价50万元，报价62万元", None),  # outside the range: invalid, its score not written
        (_PRICE, 30, "评标基准价150元，本单位投标报价120元", None),  # below the lowest quote: contradictory
        (_PRICE, 30, "评标基准价120元，本单位投标报价约150元", None),  # an approximation
        (_PRICE, 30, "本单位投标报价150元", None),  # no 基准价
        (_PRICE, 30, "150元", None),
        (_PRICE.replace("投标价格最低的投标报价", "各投标报价的平均值"), 30, "基准价120元，报价150元", None),
    ],
)
def test_price_scores(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)
    rule = parse_rule_text(text)
    assert rule is None or round_trips(rule)


_BANDS = "满意度95%以上得10分,90%-95%得8分,90%以下不得分"


@pytest.mark.parametrize(
    ("text", "actual", "score"),
    [
        (_STEP, "95%以上", "10"),  # every value ≥95% is above the 90% standard
        (_BANDS, "96%及以上", "10"),  # every value in the top band
        (_STEP, "88%", "8"),
        # bounds spanning several scores, and approximations: refused
        (_STEP, "≥88%", None),
        (_BANDS, "88%以上", None),
        ("得分=满意度×分值", "95%以上", None),
        (_STEP, "约88%", None),
        (_STEP, "88%左右", None),
        (_BANDS, "將近96%", None),
        ("每发现一例扣1分", "3例以下", None),
    ],
)
def test_bounded_actuals(text: str, actual: str, score: str | None) -> None:
    from tests.rule_checks import trial_score

    got = trial_score(text, 10, actual=actual)
    assert (got is None) if score is None else (got is not None and got == Decimal(score)), got


def test_a_value_reached_is_the_value() -> None:
    from tests.rule_checks import trial_score

    assert trial_score("得分=满意度×分值", 10, actual="达到95%") == Decimal("9.5")
