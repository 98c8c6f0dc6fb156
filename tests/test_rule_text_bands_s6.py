"""Session 6 readings of the bands family (issue 13), with variants written for these tests (not copied from the
corpus) and near-misses that must be refused:

- bands in 周岁 (周岁 is 岁), a unit typed twice ("岁岁"), and "A-B(不含)" (the upper end out, the lower end in);
- a leading disqualifier beside the bands ("无年度工作计划或覆盖率低于50%的,均不得分;…");
- bands against named references whose values the explanation writes ("不低于核定储备量的90%…;低于最低储备量…");
- bands of the shortfall below the target in percentage points ("低于目标值10个百分点及以内的得3分");
- a bonus step's limit written "以N分为限" ("每增加1000亩,加0.05分,以2分为限"), and "未完成的,该项不得分".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips, trial_score

AGE = "不满3周岁计2分,3-6周岁计4分,7岁-12岁(不含12周岁)计6分"
AGE_DOUBLED = "0-2周岁岁记1分；3-5周岁记2分；6岁-9岁(不含9周岁)记3分"
UPPER_OUT = "完成率60%—80%(不含)得3分,80%—100%(不含)得5分,达到100%得8分,低于60%不得分"
VETO = "无年度工作计划或覆盖率低于50%的,均不得分;覆盖率50%-80%(不含)得3分;80%及以上得5分"
VETO_TRAD = "未建立臺賬或建檔率低於60%(不含)的均不得分,建檔率60%—90%(不含)得2分,達到90%及以上得4分"
REFS = "年末生猪存栏量达到调控基准量的100%得6分;低于调控基准量但不低于预警线的,得3分;低于预警线的,不得分"
REFS_SHARE = "低于最低储备量的不得分;不低于最低储备量但低于核定储备量的90%的,得2分;不低于核定储备量的90%的,得4分"
POINTS = "覆盖率达到目标值的得6分;低于目标值10个百分点及以内的得3分;低于目标值10个百分点以上的不得分"
POINTS_STATED = (
    "参保率2024、2025年末应分别达到85%、90%。参保率不低于目标值的,得4分;低于目标值5个百分点以内(含)的,得2分;"
    "低于目标值5个百分点以上的,不得分。"
)

BONUS_LIMIT = "按时完成年度造林任务的得10分;未完成的,本项不得分;超额完成的,每多完成500亩加0.1分,以1分为限"
BONUS_LIMIT_2 = "完成下达任务记8分，未完成的该项不得分。超额完成的，每增加200户，加0.2分，以1.5分为限。"

# (wording, weight, target, actual, explanation, expected score worked by hand)
# fmt: off
SCORED = [
    (AGE, 6, None, "2周岁", None, "2"),
    (AGE, 6, None, "3岁", None, "4"),
    (AGE, 6, None, "6周岁", None, "4"),
    (AGE, 6, None, "11周岁", None, "6"),
    (AGE_DOUBLED, 3, None, "2周岁", None, "1"),
    (AGE_DOUBLED, 3, None, "8岁", None, "3"),
    (UPPER_OUT, 8, None, "60%", None, "3"),
    (UPPER_OUT, 8, None, "80%", None, "5"),
    (UPPER_OUT, 8, None, "59%", None, "0"),
    (VETO, 5, None, "85%", None, "5"),
    (VETO, 5, None, "50%", None, "3"),
    (VETO, 5, None, "49%", None, "0"),
    (VETO, 5, None, "无年度工作计划", None, "0"),
    (VETO_TRAD, 4, None, "60%", None, "2"),
    (VETO_TRAD, 4, None, "95%", None, "4"),
    (REFS, 6, None, None, "调控基准量5000头，预警线4500头；年末存栏4800头", "3"),
    (REFS, 6, None, None, "调控基准量5000头，预警线4500头，年末存栏0.52万头", "6"),
    (REFS, 6, None, None, "预警线4500头，调控基准量5000头，年末存栏4400头", "0"),
    (REFS_SHARE, 4, None, None, "核定储备量1000吨，最低储备量800吨，实际库存950吨", "4"),
    (REFS_SHARE, 4, None, None, "核定储备量1000吨(90%为900吨)，最低储备量800吨，实际库存850吨", "2"),
    (POINTS, 6, "≥90%", "92%", None, "6"),
    (POINTS, 6, "≥90%", "80%", None, "3"),
    (POINTS, 6, "≥90%", "79.5%", None, "0"),
    (POINTS_STATED, 4, "≥90%", "85%", None, "2"),
    (POINTS_STATED, 4, "≥85%", "79%", None, "0"),
    (BONUS_LIMIT, 10, "20000亩", "20000亩", None, "10"),
    (BONUS_LIMIT, 10, "20000亩", "19000亩", None, "0"),
    (BONUS_LIMIT_2, 8, "1000户", "800户", None, "0"),
    (BONUS_LIMIT_2, 8, "1000户", "1000户", None, "8"),
]
# bonus allowed: (wording, weight, target, actual, expected)
BONUS_SCORED = [
    (BONUS_LIMIT, 10, "20000亩", "22000亩", "10.4"),
    (BONUS_LIMIT, 10, "20000亩", "30000亩", "11"),  # 20 steps × 0.1 = 2, limited to 1
    (BONUS_LIMIT_2, 8, "1000户", "1600户", "8.6"),
    (BONUS_LIMIT_2, 8, "1000户", "3000户", "9.5"),
]

# near-misses: the reading would give a number the text does not settle
REFUSED = [
    (AGE, 6, None, "12周岁", None),  # 12 is out of the last band and in no other
    (AGE, 6, None, "6.5岁", None),  # between 3-6 and 7-12
    (AGE, 6, None, "11", None),  # no unit
    (VETO, 5, None, "已制定计划，覆盖率70%", None),  # words beside the number: the veto's words are not matched
    (REFS, 6, None, None, "预警线4500头；年末存栏4000头"),  # a reference not written
    (REFS_SHARE, 4, None, None, "核定储备量1000吨，最低储备量800吨，实际库存95万斤"),  # another unit
    (REFS_SHARE, 4, None, None, "核定储备量1000吨，最低储备量800吨，一季度库存950吨，二季度库存700吨"),  # two values
    (POINTS, 6, None, "80%", None),  # no target
    (POINTS, 6, "≤90%", "80%", None),  # not a "≥" target
    (POINTS_STATED, 4, "≥80%", "79%", None),  # the row target is none of those the text states
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str | None, note: str | None) -> Decimal | None:
    return trial_score(text, weight, target=target, actual=actual, note=note)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "expected"), SCORED)
def test_a_session6_band_reading_scores_as_worked_by_hand(text, weight, target, actual, note, expected):
    score = _score(text, weight, target, actual, note)
    assert score is not None, (text, actual, note)
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, actual, note, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note"), REFUSED)
def test_a_session6_band_near_miss_is_refused(text, weight, target, actual, note):
    assert _score(text, weight, target, actual, note) is None, (text, actual, note)


@pytest.mark.parametrize("text", sorted({t for t, *_ in SCORED}))
def test_each_session6_band_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), BONUS_SCORED)
def test_a_bonus_limited_by_its_own_words_scores_as_worked_by_hand(text, weight, target, actual, expected):
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=None, holds=None,
                     bonus_allowed=True)  # fmt: skip
    assert trial.outcome is not None and trial.outcome.score is not None, (text, actual)
    assert abs(trial.outcome.score - Decimal(expected)) < Decimal("0.005"), (text, actual, trial.outcome.score)


def test_a_bonus_in_another_unit_than_its_step_is_refused():
    trial = try_rule(BONUS_LIMIT, weight="10", target="20000亩", actual="1500公顷", note=None, holds=None,
                     bonus_allowed=True)  # fmt: skip
    assert trial.outcome is None or trial.outcome.score is None


def test_one_reference_met_or_not_is_left_to_the_level_readings():
    rule = parse_rule_text("高于全市平均水平的得5分;低于全市平均水平的得2分")
    assert rule is None or rule.kind != "reference_bands"


def test_the_veto_reading_says_it_took_the_veto_as_not_happened():
    trial = try_rule(VETO, weight="5", target=None, actual="85%", note=None, holds=None, bonus_allowed=False)
    assert trial.outcome is not None and "按该否决情形未发生计" in trial.outcome.reason
