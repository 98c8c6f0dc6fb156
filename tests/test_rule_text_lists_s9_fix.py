"""Lists family, session 9 fixes: the reviewer's wrong numbers, fixed by class (/tmp/adv9/report_lists.md).

- EitherBounds: a word after 无/未 in an ordinary word is no denial ("无法统计", "尚未办结", "无人耕种"); a denial
  names the condition after it ("无连片抛荒", "无人死亡"); a negated word is another thing ("无效投诉", "非重大差
  错"); a number after 未达到/未超过 is a bound of the value, not the value; a change (同比减少), a total (全年) or
  another year is not the value; a unit inside a longer one (人次, 个月) is not the unit.
- SubjectsBound: "低于80%的不得分" is read; "低于70%" under a bound of 80% leaves the values between unscored; the
  measure written after the last thing ("小麦、玉米单产") is each thing's; a change is not the value.
- FrequencyLevels: the actual's words beside the frequency must be the level's (a plan, a past, another year, a
  part are not); a standalone text of frequency levels is read by period, not counted as kinds.
- Composite parts: a statement leaving out a quality inside the requirement's words is not "即符合".
- NotAssessed / StatedFull: an actual about a plan, the future, the past or another year is refused; full marks
  need all of it (not a part, not a rate under 100%, the text's frequency said); "无障碍" is no denial of a task.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.either_bounds import EitherBounds
from medaid.evaluation.rules.frequency_levels import FrequencyLevels
from medaid.evaluation.rules.listed_subjects import SubjectsBound
from medaid.evaluation.rules.wrappers import says_absent
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import rule_score, trial_score

SOIL = "水土流失率控制在2%以下的得6分,水土流失率超过2%或单处塌方在50平方米以上的不得分。"
ERR = "差错率不超过2%的得4分,差错率超过2%或重大差错在3起以上的不得分。"
HURT = "事故率控制在1%以下的得5分,事故率超过1%或受伤在2人以上的不得分。"
BIRTH = "人口自然增长率控制在5‰以下的得3分,人口自然增长率超过5‰或流动人口在200人以上的不得分。"
FALLOW = "②稻田抛荒面积控制在0.1%以下的计10分,稻田抛荒面积超过0.1%或稻田连片抛荒在2亩以上的不计分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (SOIL, 6, "水土流失率1.5%，单处塌方面积无法测量", None),  # 无法: the size is unknown
        (SOIL, 6, "水土流失率1.5%，单处塌方尚未处置", None),  # 尚未: it exists, size unknown
        (FALLOW, 10, "稻田抛荒面积占0.05%，连片抛荒地块已无人耕种", None),  # 无人 after the words: no denial
        (HURT, 5, "事故率0.5%，受伤人数无法核实", None),
        (ERR, 4, "差错率1%，重大差错尚未核定", None),
        (SOIL, 6, "水土流失率1.5%，单处塌方均未达到50平方米", Decimal(6)),  # each < 50: not ≥ 50
        (SOIL, 6, "水土流失率1.5%，单处塌方不足40平方米", Decimal(6)),  # < 40 < 50
        (SOIL, 6, "水土流失率1.5%，单处塌方不足60平方米", None),  # < 60: might be ≥ 50
        (SOIL, 6, "水土流失率1.5%，单处塌方均未超过50平方米", None),  # ≤ 50: might be 50
        (ERR, 4, "差错率未超过2%，重大差错2起", Decimal(4)),  # ≤ 2 is not > 2; 2 < 3
        (SOIL, 6, "水土流失率1.5%，单处塌方较上年减少20平方米", None),  # a change, not the area
        (SOIL, 6, "水土流失率同比下降1.5%，单处塌方30平方米", None),  # a fall, not the rate
        (BIRTH, 3, "人口自然增长率4‰，流动人口增加120人", None),  # a rise, not the count
        (BIRTH, 3, "人口自然增长率4‰，流动人口120人", Decimal(3)),  # 增长 of the name is no change: 4 ≤ 5, 120 < 200
        (SOIL, 6, "水土流失率1.5%，全年塌方30平方米", None),  # a year's total, not one collapse
        (SOIL, 6, "水土流失率1.5%，单处塌方30平方米（上年）", None),  # another year's figure
        (SOIL, 6, "水土流失率1.5%，无单处塌方（零星滑坡80平方米）", Decimal(6)),  # the bracket is not 单处塌方
        (ERR, 4, "差错率1%，无重大差错，非重大差错5起", Decimal(4)),  # 非重大差错 is another thing
        (ERR, 4, "差错率1%，没有发生重大差错", Decimal(4)),  # a denial before the words
        (HURT, 5, "事故率0.5%，受伤3人次", None),  # 人次 is not 人
        (HURT, 5, "事故率0.5%，受伤1人", Decimal(5)),
        (SOIL, 6, "水土流失率1.5%，单处塌方60平方米", Decimal(0)),  # 60 ≥ 50
    ],
    ids=[
        "unknown-wufa",
        "unknown-shangwei",
        "wuren-after-words",
        "hurt-unverified",
        "count-unsettled",
        "weidadao-below-6",
        "buzu-below-lower-6",
        "buzu-above-bound-refused",
        "weichaoguo-at-most-refused",
        "first-weichaoguo-4",
        "change-refused",
        "rate-fall-refused",
        "count-rise-refused",
        "name-with-zengzhang-3",
        "year-total-refused",
        "other-year-refused",
        "bracket-other-thing-6",
        "fei-negated-4",
        "meiyou-fasheng-4",
        "renci-refused",
        "hurt-1-5",
        "over-0",
    ],
)
def test_either_bounds_reads_a_value_only_when_it_is_the_value(
    text: str, weight: int, note: str, score: Decimal | None
) -> None:
    assert isinstance(parse_rule_text(text), EitherBounds)
    assert rule_score(text, weight, note=note) == score


JOBS = "甲、乙乡新增就业均达到200人的得4分,达不到的不得分。"
CROPS = "水稻、油菜亩产均达到450公斤的得4分,达不到的不得分。"
ROADS = "一、二级公路优良率达到90%的得5分,低于80%的不得分。"
COVER = "东、西片区覆盖率达到95%的得3分,低于95%的不得分。"
WATER = "大、中型水库蓄水率达到80%的得4分,低于80%的不得分。"
PROJ = "东、西区新建项目均达到3个的得5分,达不到的不得分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (JOBS, 4, "甲乡新增就业260人次，乙乡新增就业230人次", None),  # 人次 is not 人
        (JOBS, 4, "甲乡新增就业260人，乙乡新增就业同比增加30人", None),  # a rise, not 乙乡's count
        (JOBS, 4, "甲乡新增就业260人，乙乡新增就业增加30人", None),  # the same without 同比
        (JOBS, 4, "甲乡新增就业260人，乙乡新增就业2022年为230人", None),  # another year's
        (JOBS, 4, "甲乡新增就业260人，乙乡新增就业230人", Decimal(4)),  # 新增 of the name is no change
        (JOBS, 4, "甲乡新增就业260人，乙乡新增就业190人", Decimal(0)),
        (CROPS, 4, "水稻亩产480公斤，油菜亩产460公斤", Decimal(4)),  # 亩产 is each one's measure
        (CROPS, 4, "水稻总产480公斤，油菜亩产460公斤", None),  # 总产 is not 亩产
        (CROPS, 4, "水稻亩产480公斤，油菜亩产430公斤", Decimal(0)),
        (ROADS, 5, "一级公路优良率92%，二级公路优良率85%", None),  # 85 between 80 and 90: not scored
        (ROADS, 5, "一级公路优良率92%，二级公路优良率75%", Decimal(0)),  # 75 < 80
        (ROADS, 5, "一级公路优良率92%，二级公路优良率95%", Decimal(5)),
        (COVER, 3, "东片区覆盖率96%，西片区覆盖率94%", Decimal(0)),  # 西 94 < 95
        (COVER, 3, "西片区覆盖率96%，东片区覆盖率95%", Decimal(3)),
        (COVER, 3, "东片区覆盖率96%", None),  # 西 unsaid
        (WATER, 4, "中型水库蓄水率85%，大型水库蓄水率79%", Decimal(0)),  # 大型 79 < 80, whatever 中型 is
        (PROJ, 5, "东区新建项目4个，西区新建项目5个月", None),  # 5个月 is a time
        (PROJ, 5, "东区新建项目4个，西区新建项目增加4个", None),  # a rise
    ],
    ids=[
        "renci-refused",
        "tongbi-rise-refused",
        "rise-refused",
        "other-year-refused",
        "xinzeng-name-4",
        "short-0",
        "measure-split-4",
        "zongchan-refused",
        "measure-split-short-0",
        "between-floor-and-bound-refused",
        "below-floor-0",
        "all-over-5",
        "diyu-same-bound-0",
        "diyu-same-bound-3",
        "one-unsaid-refused",
        "reservoir-large-short-0",
        "geyue-refused",
        "project-rise-refused",
    ],
)
def test_subjects_bound_reads_each_things_own_value(text: str, weight: int, note: str, score: Decimal | None) -> None:
    assert isinstance(parse_rule_text(text), SubjectsBound)
    assert rule_score(text, weight, note=note) == score


def test_a_gap_under_the_bound_is_not_a_subjects_bound_of_one_value() -> None:
    rule = parse_rule_text(ROADS)
    assert isinstance(rule, SubjectsBound) and rule.floor == Decimal(80) and rule.bound == Decimal(90)


PUBLICITY = "每月开展一次宣传,得2分,每季度开展一次宣传,得1分。"
DRILL = "每年组织一次安全培训,得3分,每两年组织一次安全培训,得2分。根据培训情况,制定规范的考核方案,得2分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (PUBLICITY, 2, "每月开展一次宣传", Decimal(2)),
        (PUBLICITY, 2, "每季开展一次宣传", Decimal(1)),  # 每季 = 每季度
        (PUBLICITY, 2, "每月度开展一次宣传", Decimal(2)),  # 每月度 is monthly, not the 季度 kind
        (PUBLICITY, 2, "每年开展一次宣传", None),  # less often than any level
        (PUBLICITY, 2, "全年开展12次宣传", None),  # 12 a year is not surely one a month
        (PUBLICITY, 2, "计划每月开展一次宣传", None),  # a plan
        (PUBLICITY, 2, "曾每月开展一次宣传", None),  # the past
        (PUBLICITY, 2, "每月开展一次宣传（部分社区）", None),  # a part
        (DRILL, 5, "每年组织一次安全培训，根据培训情况制定了规范的考核方案", Decimal(5)),  # 3 + 2
        (DRILL, 5, "每两年组织一次安全培训，根据培训情况制定了规范的考核方案", Decimal(4)),  # 2 + 2
        (DRILL, 5, "每年组织一次安全培训，根据培训情况制定了考核方案", None),  # 规范 left out
        (DRILL, 5, "上年度每年组织一次安全培训，根据培训情况制定了规范的考核方案", None),  # another year
        (DRILL, 5, "每年均组织一次安全培训，根据培训情况制定了规范的考核方案", Decimal(5)),  # 均 changes nothing
    ],
    ids=[
        "monthly-2",
        "quarterly-1",
        "yuedu-2",
        "yearly-refused",
        "twelve-refused",
        "plan-refused",
        "past-refused",
        "part-refused",
        "drill-5",
        "drill-two-years-4",
        "quality-left-out-refused",
        "other-year-refused",
        "jun-5",
    ],
)
def test_frequency_levels_need_the_levels_own_words(text: str, weight: int, note: str, score: Decimal | None) -> None:
    assert trial_score(text, weight, note=note) == score


def test_a_standalone_text_of_frequency_levels_is_read_by_period() -> None:
    assert isinstance(parse_rule_text(PUBLICITY), FrequencyLevels)


UPKEEP = "无养护任务的按缺项处理，未完成养护任务的扣4分。"
CHECK = "每季度开展一次检查,未开展检查不得分(3分)"
LEDGER = "建立台账。没有台账不得分。(2分)"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (UPKEEP, 4, "养护任务完成了大部分", None),  # a part is not all: not full marks
        (UPKEEP, 4, "养护任务拟于明年完成", None),  # a plan
        (UPKEEP, 4, "去年养护任务已完成", None),  # another year
        (UPKEEP, 4, "养护任务完成率85%", None),  # under 100%: not all done
        (UPKEEP, 4, "养护任务已完成", Decimal(4)),
        (UPKEEP, 4, "养护任务未完成", Decimal(0)),  # 4 − 4
        (CHECK, 3, "每月开展一次检查", None),  # not the text's frequency
        (CHECK, 3, "每半年开展一次检查", None),  # less often than required
        (CHECK, 3, "已开展检查", None),  # the frequency unsaid
        (CHECK, 3, "曾开展检查", None),  # the past
        (CHECK, 3, "未开展检查", Decimal(0)),
        (LEDGER, 2, "有台账", Decimal(2)),
        (LEDGER, 2, "曾有台账", None),  # the past
        (LEDGER, 2, "将建立台账", None),  # the future
        (LEDGER, 2, "没有台账", Decimal(0)),
    ],
    ids=[
        "upkeep-most-refused",
        "upkeep-plan-refused",
        "upkeep-last-year-refused",
        "upkeep-rate-refused",
        "upkeep-done-4",
        "upkeep-not-done-0",
        "check-monthly-refused",
        "check-half-year-refused",
        "check-unsaid-refused",
        "check-past-refused",
        "check-none-0",
        "ledger-2",
        "ledger-past-refused",
        "ledger-future-refused",
        "ledger-none-0",
    ],
)
def test_wrapped_rules_give_full_marks_only_for_all_of_it_now(
    text: str, weight: int, actual: str, score: Decimal | None
) -> None:
    assert trial_score(text, weight, actual=actual) == score


@pytest.mark.parametrize(
    ("written", "thing", "absent"),
    [
        ("没有无障碍改造任务", "无障碍改造任务", True),
        ("已完成无障碍改造任务", "无障碍改造任务", False),  # the thing's own 无 is no denial
        ("无未成年人参与，年度任务已完成", "年度任务", False),  # another statement's 无
        ("本年度无任务", "年度任务", True),
    ],
    ids=["barrier-absent", "barrier-done", "other-statement", "no-task"],
)
def test_says_absent_reads_a_denial_of_the_thing_only(written: str, thing: str, absent: bool) -> None:
    assert says_absent(written, thing) is absent
