"""Round 3 readings of the bands family (issue 13), with variants written for these tests (not copied from the
corpus) and near-misses that must be refused:

- "N分钟内…得A分,N—M分钟得B分": 内 includes N and so does the unmarked range: N lies in two bands and is refused
  (the convention kept), values inside either band are scored;
- a ranking that scores the places past its list by whether there is any of what is counted ("前三名按照6、5、4分打分,
  有新培育的得3分,没有新培育的0分"), from a count the explanation writes.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

TIME = "镇区车行20分钟内可到达高铁站得1分,20—40分钟到达得0.6分,40分钟以上不得分"
TIME_HOURS = "接报后2小时内赶到现场的得3分；2-4小时赶到的得2分；4小时以上的不得分"
TIME_DAYS = "5个工作日以内办结得2分,5至10个工作日办结得1分,超过10个工作日不得分"

RANK = "按全年新认定示范社数量排序,前三名分别得5、4、3分,有新认定的得2分,没有新认定的不得分"
RANK_TRAD = "按年度新引進企業數排名,前兩名按照4、3分計分,有新引進的得2分,沒有新引進的0分"

# (wording, weight, actual, explanation, expected score worked by hand)
# fmt: off
SCORED = [
    (TIME, 1, "25分钟", None, "0.6"),
    (TIME, 1, "18分钟", None, "1"),
    (TIME, 1, "50分钟", None, "0"),
    (TIME_HOURS, 3, "3小时", None, "2"),
    (TIME_DAYS, 2, "7个工作日", None, "1"),
    (RANK, 5, "第2名", None, "4"),
    (RANK, 5, None, "全市排第6名，全年新认定示范社2个", "2"),
    (RANK, 5, None, "排名第7名，全年无新认定", "0"),
    (RANK, 5, "第4名", "新认定示范社1个", "2"),
    (RANK_TRAD, 4, None, "排名第4名，年度新引進企業3家", "2"),
]

# near-misses: the reading would give a number the text does not settle
REFUSED = [
    # 内 and 以下 include the number, and so does an unmarked range starting at it: two bands hold it
    (TIME, 1, "20分钟", None),
    (TIME_HOURS, 3, "2小时", None),
    (TIME_DAYS, 2, "5个工作日", None),
    ("车程20分钟以下得1分,20—40分钟得0.6分,40分钟以上不得分", 1, "20分钟", None),
    # a rank past the list with no count of what is counted
    (RANK, 5, None, "排名第6名"),
    # "有…的" scores more than the last listed place: the text disagrees with itself
    ("按全年新认定示范社数量排序,前三名分别得5、4、3分,有新认定的得4分,没有新认定的不得分", 5, None, "排名第6名，新认定2个"),
]
# fmt: on


def _score(text: str, weight: int, actual: str | None, note: str | None) -> Decimal | None:
    trial = try_rule(text, weight=str(weight), target=None, actual=actual, note=note, holds=None,
                     bonus_allowed=False)  # fmt: skip
    return None if trial.outcome is None else trial.outcome.score


@pytest.mark.parametrize(("text", "weight", "actual", "note", "expected"), SCORED)
def test_a_round3_band_reading_scores_as_worked_by_hand(text, weight, actual, note, expected):
    score = _score(text, weight, actual, note)
    assert score is not None, (text, actual, note)
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "actual", "note"), REFUSED)
def test_a_band_near_miss_is_refused(text, weight, actual, note):
    assert _score(text, weight, actual, note) is None, text


@pytest.mark.parametrize("text", sorted({t for t, *_ in SCORED}))
def test_each_round3_band_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


def test_the_rank_reading_says_where_the_count_came_from():
    trial = try_rule(RANK, weight="5", target=None, actual=None, note="全市排第6名，全年新认定示范社2个", holds=None,
                     bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None
    assert "新认定 2" in trial.outcome.reason and "有新认定的得2分" in trial.outcome.reason
