"""Session 6, round 2, of the bands family: a base rule with bonus items beside it, each item matched in the actual
by its own words and its count (rules/base_bonus_items.py). Variants are written for these tests (not copied from
the corpus); near-misses must be refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

# a bonus step of the base quantity, then an item on another thing, each with its own limit (";" between clauses)
STEP_ITEM = (
    "按期完成省下达造林任务的,得10分,未完成的,本项不得分;超额完成的,每增加500亩,加0.1分,以1分为限;"
    "承担市级示范林建设的,每完成200亩,加0.2分,以1分为限"
)
# a per-count deduction, a leading overall cap and an item "…一次加1.5分" labelled 加分項, in traditional characters
TRAD_CAP = "註:該項設有加分項(最多加3分)全年分管領導督查不少於三次,每少一次扣1分。加分項:主要領導督查一次加1.5分"
# a ratio with a condition item in words
RATIO_FLAT = "完成年度任务的得满分,完不成的按比例计分,经省级验收评为示范的加5分"
# one condition scored, then a condition item "…的,再加1分"
CONDITION_FLAT = "当年建立志愿服务队(3分);服务队中有专业医护人员的,再加1分"
# two count items and a trailing overall cap
# the base quantity's own step past the target beside a ratio ("超额完成的,每增加100亩,加0.5分"), then an item
RATIO_BEYOND = "完不成任务数的按比例计分,超额完成的,每增加100亩,加0.5分,以2分为限,经县级验收评为样板的加3分"
PEOPLE_BEYOND = "按计划人数,少完成的按比例扣分,多完成1人加0.5分,获市级表彰1人加1分"
PEOPLE_TRAD = "按任務數,少完成的按比例扣分,多完成1人加1分,被選拔集訓1人加1分"
TWO_ITEMS = "全年分管领导参加不少于4次,每少1次扣1分。主要领导参加1次加1分;市政府领导调研1次加2分。加分合计不超过3分"

# (wording, weight, target, actual, explanation, bonus allowed, expected score worked by hand)
# fmt: off
SCORED = [
    # 10 + 500亩 over (1 step × 0.1) + 400亩 ÷ 200 × 0.2
    (STEP_ITEM, 10, "3000亩", None, "完成3500亩；承担示范林建设400亩", True, "10.5"),
    # the item's limit: 2000亩 ÷ 200 × 0.2 = 2 → 1; "未承担" denies it
    (STEP_ITEM, 10, "3000亩", None, "完成3000亩，承担示范林建设2000亩", True, "11"),
    (STEP_ITEM, 10, "3000亩", None, "完成4000亩;未承担示范林建设", True, "10.2"),
    # "完成任务X并超额完成Y": Y is the excess
    (STEP_ITEM, 10, "3000亩", None, "完成任务3000亩并超额完成1000亩", True, "10.2"),
    # 3 − 1 + 1.5
    (TRAD_CAP, 3, "≥3次", "分管領導督查2次，主要領導督查1次", None, True, "3.5"),
    # 4 × 1.5 = 6, overall cap 3
    (TRAD_CAP, 3, "≥3次", "分管领导督查3次；主要领导督查4次", None, True, "6"),
    # without a bonus: capped at the weight
    (TRAD_CAP, 3, "≥3次", "分管领导督查3次；主要领导督查4次", None, False, "3"),
    (RATIO_FLAT, 20, "100户", None, "完成80户，经省级验收评为示范", True, "21"),
    (RATIO_FLAT, 20, "100户", None, "完成100户；未评为示范", True, "20"),
    (RATIO_FLAT, 20, "100户", "100户", None, False, "20"),  # a bonus could not raise the score
    (CONDITION_FLAT, 4, None, "建立志愿服务队1支，其中有专业医护人员2名", None, False, "4"),
    (CONDITION_FLAT, 4, None, "已建立志愿服务队；无专业医护人员", None, False, "3"),
    (CONDITION_FLAT, 4, None, "当年未建立志愿服务队", None, False, "0"),
    (TWO_ITEMS, 4, "≥4次", "分管领导参加3次，主要领导参加1次，市政府领导调研1次", None, True, "6"),
    (TWO_ITEMS, 4, "≥4次", "分管领导参加4次，主要领导参加2次，市政府领导调研2次", None, True, "7"),  # 6 → 3
    (RATIO_BEYOND, 10, "1000亩", None, "完成1200亩，经县级验收评为样板", True, "14"),  # 10 + 2 × 0.5 + 3
    (RATIO_BEYOND, 10, "1000亩", None, "完成1700亩，未评为样板", True, "12"),  # 7 × 0.5 = 3.5 → 2
    (RATIO_BEYOND, 10, "1000亩", None, "完成800亩，未评为样板", True, "8"),
    (PEOPLE_BEYOND, 4, "10人", "计划10人，培训12人，获市级表彰1人", None, True, "6"),  # "计划10人" restates the target
    (PEOPLE_BEYOND, 4, "10人", "计划10人，培训8人，无人获表彰", None, True, "3.2"),
    (PEOPLE_TRAD, 3, "4人", "推薦3人，無人被選拔集訓", None, True, "2.25"),
    (PEOPLE_TRAD, 3, "4人", "推荐6人，无人被选拔集训", None, True, "5"),
]

REFUSED = [
    # a bare number does not say whether a bonus item was earned (the bonus could change the score)
    (STEP_ITEM, 10, "3000亩", "3500亩", None, True),
    (RATIO_FLAT, 20, "100户", "80户", None, False),
    # a part of a step: whole steps or proportional is not written
    (STEP_ITEM, 10, "3000亩", None, "完成3500亩；承担示范林建设300亩", True),
    # the base scores 0 ("本项不得分") while an item would add: whether it still counts is not written
    (STEP_ITEM, 10, "3000亩", None, "完成2500亩；承担示范林建设400亩", True),
    # one statement naming two items with a number
    (TWO_ITEMS, 4, "≥4次", "分管领导参加4次，主要领导和市政府领导调研共2次", None, True),
    # one item written twice
    (TWO_ITEMS, 4, "≥4次", "分管领导参加4次，主要领导参加1次，主要领导又参加1次", None, True),
    # the condition not named in the words
    (CONDITION_FLAT, 4, None, "志愿服务队筹备中", None, False),
    # an item in words without its count
    (TRAD_CAP, 3, "≥3次", "分管领导督查3次，主要领导督查若干次", None, True),
    # "超额" of a less-is-better target
    (PEOPLE_TRAD, 3, "≤4人", "推荐5人，无人被选拔集训", None, True),
    # an item written in two statements
    (PEOPLE_TRAD, 3, "4人", "推荐5人，3人被选拔集训，其中2人被选拔集训两次", None, True),
    # the plan written differently from the target
    (PEOPLE_BEYOND, 4, "10人", "计划12人，培训12人，无人获表彰", None, True),
]

NOT_ITEMS = [
    "完成任务得10分,未完成不得分,超额完成10%以上的加1分",  # a threshold of the base quantity, not an item
    "全年分管领导参加不少于4次,每少1次扣1分。主要领导参加1次加1分;市领导参加1次加2分",  # 市领导 has one word of its own
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "bonus", "expected"), SCORED)
def test_a_base_with_bonus_items_scores_as_worked_by_hand(text, weight, target, actual, note, bonus, expected):
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=note, bonus_allowed=bonus)
    assert trial.rule is not None and trial.rule.kind == "base_bonus_items"
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason
    assert round_trips(trial.rule)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "bonus"), REFUSED)
def test_a_bonus_item_not_matched_one_to_one_is_refused(text, weight, target, actual, note, bonus):
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=note, bonus_allowed=bonus)
    assert trial.rule is not None and trial.rule.kind == "base_bonus_items"
    assert trial.outcome is not None and trial.outcome.score is None, trial.outcome.reason


@pytest.mark.parametrize("text", NOT_ITEMS)
def test_a_threshold_or_an_item_without_its_own_words_is_not_read_as_an_item(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "base_bonus_items"


# Parts each read alone, one by rank, matched to the actual's statements by words (rules/rank_parts.py).
HEALTH = "卫生经费达到只增不减要求得5分,未达到不得分;人均公共卫生服务经费按从高到低排序,分别得5、4、3、2分"
RANK_FIRST = "辍学率按从低到高排序,分别得6、4、2分;控辍工作制度健全的得4分,不健全不得分"
EDU_TRAD = "教育經費達到三增長要求得10分,不達要求不得分;生均公用經費佔比按從高到低排序,分別得10、8、6、4分"

# (wording, weight, explanation, expected score or None for refused)
# fmt: off
RANK_PARTS = [
    (HEALTH, 10, "达到只增不减要求；人均公共卫生服务经费排第3", "8"),
    (HEALTH, 10, "达到只增不减要求；人均公共卫生服务经费从高到低排第1", "10"),
    (RANK_FIRST, 10, "辍学率从低到高排第2；控辍工作制度健全", "8"),
    (EDU_TRAD, 20, "達到三增長要求；生均公用經費佔比排第3", "16"),
    (RANK_FIRST, 10, "辍学率从高到低排第2；控辍工作制度健全", None),  # an order not the part's own
    (EDU_TRAD, 20, "达到三增长要求，生均公用经费占比排第1", None),  # one statement naming both parts
    (EDU_TRAD, 20, "达到三增长要求；生均公用经费占比较高", None),  # no place
    (EDU_TRAD, 10, "达到三增长要求；生均公用经费占比排第1", None),  # parts' full marks 20 against a weight of 10
    (EDU_TRAD, 20, "达到三增长要求", None),  # a part not written
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "expected"), RANK_PARTS)
def test_a_rank_beside_another_clause_is_scored_part_by_part(text, weight, note, expected):
    trial = try_rule(text, weight=str(weight), note=note)
    assert trial.rule is not None and trial.rule.kind == "rank_parts"
    assert round_trips(trial.rule)
    score = trial.outcome.score if trial.outcome else None
    assert score == (Decimal(expected) if expected else None), trial.outcome.reason if trial.outcome else ""
