"""Bands and bonus wordings of real tables, round 2 (issue 13, bands family, session 5).

Families read (each a pattern, not a sentence; see /tmp/rules_doc_bands.md):
- The completion ratio written alone before upward steps: "按(实际)完成比例得分/计分,(如)超额完成(的),每超N个百分点
  加M分[,最多加K分]" — below the target the weight × actual ÷ target, above it the weight plus the steps.
- A threshold the text writes in a unit of the actual, scored at it, steps past it, nothing below it:
  "[主语]达(到)/完成 N<单位>的,计/得 B分,每超(额完成)/多 S<单位>(的)加(计) P分[,加分不超过K分];
  [主语]未达到 N<单位>的,不得分/扣B分".
- Bands chosen by a group ("…在全市平均水平以上的乡镇…;…以下的乡镇…"): the group the explanation names.
- Places that each add points: "第一名加3分,第二名加2分,第三名加1分" (a place not listed adds nothing).
- One of a counter with no 每 is per one: "招商引资一家工业企业加3分", "引进一个项目加2分".
- A 加 inside a word (参加, 加强…) is no bonus verb; "得100%分" is full marks, "得80%分" 80 % of them.
- A time band with the event after the bound ("30分钟内赶到现场得3分", "3-5个工作日内办结得1分") and an aim
  written before the bands ("加强…,").

Texts written like real ones, not copied from the corpus; a None hand score: refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import AddDeduct, Ranked, StepBonus
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

RATIO_STEPS = "依据年度任务,按实际完成比例计分;超额完成的,每超过2个百分点加1分,最多加4分"
RATIO_STEPS_TRAD = "按完成比例計分,超額完成每超一個百分點加0.5分。"
RATIO_STEPS_COUNT = "以市政府办公室印发的考核办法为依据,按完成比例得分,每超额完成10户加1分"
THRESHOLD = "全年引进资金达到5万元的,得4分,每多引进1万元加1分,最多加3分;未达到5万元的不得分"
THRESHOLD_TRAD = "年度內培訓達200人的,計2分,每超額完成50人的加計0.5分,加分不超過2分;未達到200人的,扣2分。"
THRESHOLD_WEEKS = "志愿服务时长完成120小时的计3分,每多20小时的加0.5分,最多加2分;未完成120小时的不计分"
PER_ONE = "引进一个招商项目加2分"
TIMES = "接报后30分钟内赶到现场得3分,30-60分钟赶到得1分,60分钟以上不得分"
WORKDAYS = "加强窗口建设,受理后3个工作日内办结得2分,3-5个工作日内办结得1分,超过5个工作日不得分"
GROUPS = (
    "财政收入在全市平均水平以上的乡镇增长率达到8%以上得3分,5%-8%得2分,5%以下不得分;"
    "财政收入在全市平均水平以下的乡镇增长率达到12%以上得3分,8%-12%得2分,8%以下不得分。"
)
PLACES = "獲得全市第一名的加3分，第二名加2分，第三名加1分"
SHARES = "合格率≥98%得100%分,95%-98%得80%分,<95%得0分"
SHORT = "本项基准分为5分,年接待游客达到300人次的不扣分,300人次以上每增100人次加1分;接待在200人次-300人次之间的扣2分;200人次以下的不得分"
SHORT_TRAD = "基準為4分,全年開放180天不扣分,180天以上每多30天加1分;開放在120天-180天的扣2分;低於120天該項不得分。"

CASES = [
    # (text, weight, target, actual, bonus allowed, hand score, how)
    (RATIO_STEPS, "20", "100%", "80%", True, "16", "20 × 80%"),
    (RATIO_STEPS, "20", "100%", "106%", True, "23", "超6个百分点，加3分"),
    (RATIO_STEPS, "20", "100%", "120%", True, "24", "最多加4分"),
    (RATIO_STEPS, "20", "100%", "106%", False, "20", "不允许超过分值"),
    (RATIO_STEPS, "20", None, "90%", True, None, "无指标值"),
    (RATIO_STEPS_TRAD, "10", "100%", "104%", True, "12", "繁体，一个百分点"),
    (RATIO_STEPS_TRAD, "10", "100%", "70%", True, "7", "10 × 70%"),
    (RATIO_STEPS_COUNT, "8", "200户", "150户", True, "6", "8 × 75%"),
    (RATIO_STEPS_COUNT, "8", "200户", "230户", True, "11", "多30户加3分"),
    (RATIO_STEPS_COUNT, "8", "200户", "230人", True, None, "单位不同"),
    ("按完成比例得分,每超1个百分点加2分,每少1个百分点扣1分", "10", "100%", "90%", True, None, "比例与扣分步长并存"),
    (THRESHOLD, "4", None, "5万元", True, "4", "恰好达到"),
    (THRESHOLD, "4", None, "6.5万元", True, "5.5", "多1.5万元加1.5分"),
    (THRESHOLD, "4", None, "20万元", True, "7", "最多加3分"),
    (THRESHOLD, "4", None, "4万元", True, "0", "未达到不得分"),
    (THRESHOLD, "4", "≥5万元", "6万元", False, "4", "不允许超过分值"),
    (THRESHOLD, "4", "≥6万元", "7万元", True, None, "指标值与文中基准不同"),
    (THRESHOLD_TRAD, "2", None, "300人", True, "3", "繁体，加计"),
    (THRESHOLD_TRAD, "2", None, "150人", True, "0", "扣2分即扣完基本分"),
    (THRESHOLD_WEEKS, "3", None, "150小时", True, "3.75", "多30小时加0.75分"),
    (THRESHOLD_WEEKS, "3", None, "150天", True, None, "单位不同"),
    (
        "全年引进资金达到5万元的,得4分,每多引进1万元加1分;未达到5万元的扣2分",
        "4",
        None,
        "4万元",
        True,
        None,
        "未达到扣2分：剩余几分未写明",
    ),
    ("达到90%得3分，每超过1个百分点加0.5分，最高加2分", "3", None, "95%", True, None, "百分比基准：目标值的90%还是90%"),
    (
        "完成招商引资500万元得5分,每超100万元加1分,最多加5分;未完成500万元的不得分",
        "5",
        None,
        "700万元",
        True,
        "7",
        "动词与数之间有宾语",
    ),
    ("完成招商引资500万元得5分,每超100万元加1分,最多加5分", "5", None, "300万元", True, None, "低于基准如何计分未写"),
    ("爭取上級資金3萬元以上計3分,每增加1萬元加1分,最高加3分", "3", None, "5万元", True, "5", "无动词，以上"),
    (
        "爭取上級資金3萬元以上計3分,每增加1萬元加1分,最高加3分;3萬元以下不得分",
        "3",
        None,
        "5万元",
        True,
        None,
        "3万元以上与3万元以下都含3万元",
    ),
    ("按实际完成比例计分,超额部分每1%加0.5分,最多加5分", "10", "100%", "104%", True, "12", "超额部分每1%"),
    (PER_ONE, "4", None, "3个", True, "6", "每个加2分"),
    (PER_ONE, "4", None, "3个", False, "4", "不允许超过分值"),
    (PER_ONE, "4", None, "2人", True, None, "单位不同"),
    ("新增一家規模以上企業加1分。", "2", None, "2家", True, "2", "繁体"),
    ("引进一家企业加3分,新建一个项目加2分", "4", None, "2家", True, None, "两类加分：哪一类未写明"),
    ("全市考核获得第一名加3分", "3", None, "第1名", True, None, "第一名是名次，不是每一名"),
    (PLACES, "5", None, "第2名", False, "2", "第二名加2分"),
    (PLACES, "5", None, "第6名", False, "0", "未列出的名次不加分"),
    (PLACES, "2", None, "第1名", False, "2", "不允许超过分值"),
    (PLACES, "2", None, "第1名", True, "3", "允许加分"),
    (PLACES, "5", None, "95%", True, None, "不是名次"),
    ("全市考核排名第1位的加5分;第2位加3分", "5", None, "第2名", True, "3", "位，分号"),
    ("第一名加3分,第三名加1分", "5", None, "第3名", True, None, "名次不连续"),
    ("第一名加1分,第二名加2分", "5", None, "第2名", True, None, "后面的名次加分更多"),
    (TIMES, "3", None, "20分钟", False, "3", "30分钟内"),
    (TIMES, "3", None, "45分钟", False, "1", "30-60分钟"),
    (TIMES, "3", None, "90分钟", False, "0", "60分钟以上"),
    (WORKDAYS, "2", None, "2个工作日", False, "2", "3个工作日内"),
    (WORKDAYS, "2", None, "4个工作日", False, "1", "3-5个工作日内"),
    (WORKDAYS, "2", None, "7个工作日", False, "0", "超过5个工作日"),
    (WORKDAYS, "2", None, "3个工作日", False, None, "3个工作日内与3-5个工作日都含3"),
    (SHARES, "5", None, "99%", False, "5", "得100%分即满分"),
    (SHARES, "5", None, "96%", False, "4", "5 × 80%"),
    (SHARES, "5", None, "90%", False, "0", "<95%"),
    (SHORT, "5", None, "500人次", True, "7", "多200人次加2分"),
    (SHORT, "5", None, "250人次", True, "3", "200-300人次扣2分"),
    (SHORT, "5", None, "150人次", True, "0", "200人次以下"),
    (SHORT, "5", None, "200人次", True, None, "200人次：两档都含"),
    (SHORT, "5", None, "300人次", True, "5", "恰为基准"),
    (SHORT, "5", "≥400人次", "300人次", True, None, "指标值与文中基准不同"),
    (SHORT_TRAD, "4", None, "120天", True, "2", "低于120天才不得分：120天在扣2分一档"),
    (SHORT_TRAD, "4", None, "100天", True, "0", "低于120天"),
    (SHORT_TRAD, "4", None, "240天", True, "6", "多60天加2分"),
    (
        "基准为4分,全年开放180天不扣分,180天以上每多30天加1分;开放在100天-180天的扣2分;低于120天该项不得分",
        "4",
        None,
        "110天",
        True,
        None,
        "扣分档与不得分线不相接",
    ),
    ("合格率≥98%得120%分,95%-98%得80%分,<95%得0分", "5", None, "99%", False, None, "超过100%的份额不读"),
]


GROUP_CASES = [
    ("财政收入在全市平均水平以上，增长率9%", "3", "平均水平以上一组，≥8%"),
    ("财政收入在全市平均水平以下，增长率9%", "2", "平均水平以下一组，8%-12%"),
    ("财政收入在全市平均水平以下；增长率6.5%", "0", "平均水平以下一组，8%以下"),
    ("增长率9%", None, "未写明属于哪一类"),
    ("财政收入在全市平均水平以上，增长率9%，财政收入在全市平均水平以下", None, "两类都写了"),
    ("财政收入在全市平均水平以上", None, "没有增长率"),
]


@pytest.mark.parametrize(("note", "hand", "how"), GROUP_CASES)
def test_bands_by_group_score_the_group_the_explanation_names(note, hand, how):
    trial = try_rule(GROUPS, weight="3", target=None, actual=None, note=note)
    assert trial.rule is not None and trial.rule.kind == "group_bands"
    score = trial.outcome.score if trial.outcome is not None else None
    assert score == (None if hand is None else Decimal(hand)), (how, trial.outcome)


def test_bands_by_group_round_trip_and_refuse_groups_in_other_units():
    rule = parse_rule_text(GROUPS)
    assert rule is not None and round_trips(rule)
    mixed = (
        "规模以上的企业产值达到500万元以上得3分,300万元-500万元得2分;规模以下的企业增长率达到10%以上得3分,5%-10%得2分"
    )
    other = parse_rule_text(mixed)
    assert other is None or other.kind != "group_bands"


@pytest.mark.parametrize(("text", "weight", "target", "actual", "bonus", "hand", "how"), CASES)
def test_scores_as_worked_by_hand(text, weight, target, actual, bonus, hand, how):
    trial = try_rule(text, weight=weight, target=target, actual=actual, bonus_allowed=bonus)
    score = trial.outcome.score if trial.outcome is not None else None
    assert score == (None if hand is None else Decimal(hand)), (how, trial.outcome)
    if trial.outcome is not None:
        assert trial.outcome.reason


@pytest.mark.parametrize(
    "text", [RATIO_STEPS, RATIO_STEPS_TRAD, RATIO_STEPS_COUNT, THRESHOLD, THRESHOLD_TRAD, PER_ONE, SHORT, SHORT_TRAD]
)
def test_bonus_readings_round_trip(text):
    rule = parse_rule_text(text)
    assert isinstance(rule, StepBonus)
    assert round_trips(rule)


def test_places_that_add_round_trip():
    rule = parse_rule_text(PLACES)
    assert isinstance(rule, Ranked) and rule.adds
    assert round_trips(rule)


def test_the_reason_names_the_written_threshold():
    trial = try_rule(THRESHOLD, weight="4", target=None, actual="6.5万元", bonus_allowed=True)
    assert trial.outcome is not None and "评分标准写明的基准" in trial.outcome.reason


def test_the_reason_says_the_completion_ratio():
    trial = try_rule(RATIO_STEPS, weight="20", target="100%", actual="80%", bonus_allowed=True)
    assert trial.outcome is not None and "按完成比例计分" in trial.outcome.reason


@pytest.mark.parametrize(
    "text",
    ["按时参加例会2分", "加强例会管理2分", "及时追加预算3分", "附加题5分", "积极参加培训,加快进度2分"],
)
def test_a_jia_inside_a_word_is_no_bonus(text):
    assert not isinstance(parse_rule_text(text), AddDeduct)


def test_a_bonus_after_a_word_with_jia_is_still_read():
    rule = parse_rule_text("参加市级培训加1分,未参加扣1分")
    assert isinstance(rule, AddDeduct)
    assert [a.points for a in rule.adjustments] == [Decimal(1), Decimal(-1)]


def test_a_count_from_a_base_stays_with_the_count_reading():
    rule = parse_rule_text("基础分3分，每设立一个分支机构加1分，最高10分")
    assert not isinstance(rule, StepBonus)
    trial = try_rule("基础分3分，每设立一个分支机构加1分，最高10分", weight="10", target=None, actual="4个")
    assert trial.outcome is not None and trial.outcome.score == Decimal(7)
