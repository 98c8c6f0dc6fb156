"""Bands, ranks and bonus steps as real tables write them (issue 13, bands family, session 5).

- A ladder of thresholds ("达到5%得1分;达到10%得2分;达到15%以上得3分") scores nothing short of its lowest step.
- Bands whose every bound lies below a "≥" target ("≥70%得3分,≥65%得1分" under ≥75%) are the levels short of the
  target: meeting the target earns the full marks.
- A sentence naming the evidence before the bands ("查看上一年资料。") is passed over.
- Scores listed for an order with no place written ("按…从高到低排序,分别得10、8、6、4分") are places 1, 2, 3…
- Steps that add for less ("每降低1%加2分") read against a "≤" target only; "降低2%以上加4分" beside them is the most
  they add when it is what they reach there; "高于标准不得分" is 0 on the worse side.
- "达到85%得10分;低于85%的按从高到低排序,分别得8、6、4、2分": the threshold's score, or the place among those short
  of it (only a place said to be among them).
- Bands with one requirement written with 且 ("且运行管护效果良好") and its failing words with 或 in a clause that
  scores 0: scored only when the explanation says the requirement in the text's words.
- A 加减分 item for units "有…任务的": an actual saying the unit has no such task adds nothing.
- Steps around a reference the text writes ("全年运营240天不扣分", in a unit of the actual) with a written base
  ("基准为6分"); a floor ("低于180天不得分") only when the steps have taken every point there.
- Ranks scoring a share of the full marks ("第4-6名的得80%", "得分值的80%").
- "未完成任务的,按(实际)完成比例计分" beside upward steps: below the target the base × actual ÷ target; a base written
  alone at the start of a clause ("基础分4分,").
- "以此类推" after bonus steps and a year naming the period are passed over; "加扣分均不突破基本分" caps the bonus
  at the base.

Texts written like real ones, not copied from the corpus; None: refused (or left to the evaluator)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import AddDeduct, Banded, Ranked, StepBonus
from medaid.evaluation.rules.band_requirements import RequiredBands
from medaid.evaluation.rules.threshold_ranks import ThresholdRanked
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

LADDER = "查阅上年度台账。覆盖率达到20%得1分；达到40%得2分；达到60%及以上得4分。"
LADDER_LESS = "差错率≤1%得5分,≤3%得3分,≤5%得1分"
BELOW_TARGET = "核查相关资料,根据测评结果,≥80%得4分,≥70%得2分,<70%不得分"
ORDER = "按人均培训课时由高到低排序,依次得8、6、4、2分"
ORDER_REST = "按考核得分從高到低排名,分別得6、4、2分,其余不得分"
LOWER = "查阅近两年台账,控制在目标值以内得基本分4分,每下降0.5个百分点加1分,下降2个百分点以上加4分,超过目标值不得分。"
LOWER_BOTH = "差错率达到标准的得基本分5分；每降低1个百分点加0.5分；每升高1个百分点扣1分。"
THRESHOLD_RANKS = "各乡镇规范化卫生室占比达到90%得8分;低于90%的乡镇按占比从高到低排序,依次得6、4、2分。"
REQUIRED = "建成标准化村卫生室比例超过90%、80%和70%,且群众满意度良好,分别得5分、3分和1分;建成标准化村卫生室比例不足70%,或群众满意度较差,不得分。"
TASK = "有农村公路养护任务的乡镇,视完成情况加减分。通过验收加3分,验收不合格扣3分。"
WRITTEN = "基本分为5分,年开展服务150人次不扣分,150人次以上每多10人次加分0.5分,每少10人次扣1分,不足100人次的不得分。"
WRITTEN_FLOOR_LEFT = "单项基准为6分,全年开放240天不扣分,每少10天扣0.5分,低于180天该项不得分。"
RANK_SHARES = "全县排名第1-3名的得满分,第4-6名的得分值的80%,第7名及以后得60%。"
BELOW_SHARE = "完成年度任务的得满分;超额完成的,每超额2%加0.5分,最多加2分;未完成任务的,按实际完成比例计分。"
BASE_ALONE = "基础分4分,每超过目标值10%加1分,加满2分为止;每低于目标值10%扣1分。"
SYMMETRIC = "纳入2021年度目标考核,完成得基本分8分,多完成1%加0.5分,少完成1%扣0.5分,依此类推,加减分均不超过基本分。"

# text, weight, target, actual, bonus allowed, hand score (None: refused or left to the evaluator), how
# fmt: off
CASES = [
    (LADDER, "4", None, "45%", False, "2", "达到40%未达60%"),
    (LADDER, "4", None, "60%", False, "4", "60%及以上含60%"),
    (LADDER, "4", None, "20%", False, "1", "达到20%含本数"),
    (LADDER, "4", None, "19.5%", False, "0", "未达到最低一档，不得分"),
    (LADDER_LESS, "5", None, "0.5%", False, "5", "≤1%"),
    (LADDER_LESS, "5", None, "4%", False, "1", "≤5%"),
    (LADDER_LESS, "5", None, "6%", False, "0", "超出最宽一档，不得分"),
    ("培训500人以上得3分，300人以上得2分", "3", None, "250人", False, "0", "单位为人的阶梯，未达最低档"),
    ("培训500人以上得3分，300人以上得2分", "3", None, "0.3", False, None, "单位不同"),
    (BELOW_TARGET, "6", "≥85%", "90%", False, "6", "达到指标值，各档均低于指标值：满分"),
    (BELOW_TARGET, "6", "≥85%", "85%", False, "6", "恰好达到指标值"),
    (BELOW_TARGET, "6", "≥85%", "84%", False, "4", "未达到指标值，落在≥80%一档"),
    (BELOW_TARGET, "6", "≥85%", "69%", False, "0", "<70%"),
    (BELOW_TARGET, "6", "≥80%", "90%", False, None, "指标值80%等于最高一档：是否满分未写明"),
    (BELOW_TARGET, "6", None, "90%", False, None, "无指标值：是否满分未写明"),
    (ORDER, "8", None, "第1名", False, "8", "第一"),
    (ORDER, "8", None, "第4名", False, "2", "第四"),
    (ORDER, "8", None, "第5名", False, None, "第5名未写"),
    (ORDER_REST, "6", None, "第2名", False, "4", "第二，繁体"),
    (ORDER_REST, "6", None, "第5名", False, "0", "其余不得分"),
    (SYMMETRIC, "8", "100%", "104%", True, "10", "多4个百分点加2分"),
    (SYMMETRIC, "8", "100%", "140%", True, "16", "加分不超过基本分8分"),
    (SYMMETRIC, "8", "100%", "104%", False, "8", "不允许超过分值"),
    (SYMMETRIC, "8", "100%", "90%", True, "3", "少10个百分点扣5分"),
    (SYMMETRIC, "8", "100%", "70%", True, "0", "扣完为止"),
    # --- ranks scoring a share of the weight ---
    (RANK_SHARES, "5", None, "第2名", False, "5", "前三名满分"),
    (RANK_SHARES, "5", None, "第6名", False, "4", "5 × 80%"),
    (RANK_SHARES, "5", None, "第十名", False, "3", "5 × 60%"),
    (RANK_SHARES, "5", None, "6名", False, None, "“6名”可能是人数"),
    ("綜合排名在全省前10名的，得滿分；11—20名的，得80%；21名以後的，得60%", "10", None, "第15名", False, "8", "繁体，分句"),
    # --- below the target by the completion ratio; a base written alone ---
    (BELOW_SHARE, "6", "500户", "450户", True, "5.4", "6 × 90%"),
    (BELOW_SHARE, "6", "500户", "540户", True, "8", "超8% → 4档 × 0.5 = 2"),
    (BELOW_SHARE, "6", "500户", "540户", False, "6", "不允许超过分值"),
    (BELOW_SHARE, "6", "≤500户", "450户", True, None, "指标值越低越好：方向相反"),
    (BASE_ALONE, "4", "200人", "240人", True, "6", "超20%加2分"),
    (BASE_ALONE, "4", "200人", "170人", True, "2.5", "低15%扣1.5分"),
    # --- a reference written in the text ---
    (WRITTEN, "5", None, "170人次", True, "6", "多20人次加1分"),
    (WRITTEN, "5", None, "170人次", False, "5", "不允许超过分值"),
    (WRITTEN, "5", None, "130人次", True, "3", "少20人次扣2分"),
    (WRITTEN, "5", None, "90人次", True, "0", "不足100人次，步长已扣完"),
    (WRITTEN, "5", "150人次", "160人次", True, "5.5", "指标值与基准相同"),
    (WRITTEN, "5", "200人次", "160人次", True, None, "指标值与基准不同"),
    (WRITTEN, "5", None, "80%", True, None, "单位不同"),
    # --- less is better: steps that add for less, against a "≤" target only ---
    (LOWER, "8", "≤5%", "5%", True, "4", "等于目标，基本分"),
    (LOWER, "8", "≤5%", "4%", True, "6", "低1个百分点=2步，加2分"),
    (LOWER, "8", "≤5%", "2%", True, "8", "低3个百分点，最多加4分"),
    (LOWER, "8", "≤5%", "5.2%", True, "0", "超过目标值不得分"),
    (LOWER, "8", "≥5%", "4%", True, None, "指标值写作≥：方向与规则相反"),
    (LOWER, "8", "5%", "4%", True, None, "指标值未写≤"),
    (LOWER_BOTH, "5", "≤3%", "1%", True, "6", "低2个百分点加1分"),
    (LOWER_BOTH, "5", "≤3%", "1%", False, "5", "不允许超过分值"),
    (LOWER_BOTH, "5", "≤3%", "5.5%", True, "2.5", "高2.5个百分点扣2.5分"),
    (LOWER_BOTH, "5", "≤3%", "3人", True, None, "单位不同"),
]
# fmt: on

# text, weight, target, actual, explanation, hand score (None: refused), how
# fmt: off
NOTED = [
    (THRESHOLD_RANKS, "8", "≥90%", None, "规范化卫生室占比92%", "8", "达到90%"),
    (THRESHOLD_RANKS, "8", "≥90%", None, "占比90%", "8", "恰好达到"),
    (THRESHOLD_RANKS, "8", "≥90%", None, "占比75%，在低于90%的乡镇中排第2名", "4", "未达标者中第二"),
    (THRESHOLD_RANKS, "8", "≥90%", None, "占比60%，在未达到90%的乡镇里排第三", "2", "未达标者中第三"),
    (THRESHOLD_RANKS, "8", "≥90%", None, "占比60%，在低于90%的乡镇中排第4名", None, "第4名未写"),
    (THRESHOLD_RANKS, "8", "≥90%", None, "占比75%，全县排第5名", None, "全县名次含达标者：不是未达标者中的名次"),
    (THRESHOLD_RANKS, "8", "≥90%", "75%", None, None, "未写名次"),
    (THRESHOLD_RANKS, "8", "≥90%", "95%", None, "8", "实际值直接给出"),
    (THRESHOLD_RANKS, "8", "≥90%", None, "占比75%、80%", None, "两个百分比"),
    (REQUIRED, "5", None, None, "标准化比例95%，群众满意度良好", "5", "超过90%且满意度良好"),
    (REQUIRED, "5", None, None, "标准化比例90%，群众满意度良好", "3", "超过90%不含90%"),
    (REQUIRED, "5", None, None, "标准化比例95%，群众满意度较差", "0", "满意度较差不得分"),
    (REQUIRED, "5", None, None, "标准化比例95%", None, "未写满意度"),
    (REQUIRED, "5", None, None, "标准化比例95%，群众满意度不良好", None, "否定的说法"),
    (REQUIRED, "5", None, "95%", None, None, "只有实际值：未写满意度"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "hand", "how"), NOTED)
def test_scores_from_the_explanation_as_worked_by_hand(text, weight, target, actual, note, hand, how):
    trial = try_rule(text, weight=weight, target=target, actual=actual, note=note)
    assert trial.outcome is not None, f"not understood: {text}"
    if hand is None:
        assert trial.outcome.score is None, f"{how}: {trial.outcome.reason}"
    else:
        assert trial.outcome.score == Decimal(hand), f"{how}: {trial.outcome.reason}"


@pytest.mark.parametrize(("actual", "bonus", "hand"), [("无养护任务", True, "0"), ("验收不合格", True, "-3"),
                                                      ("通过验收", True, "3"), ("无养护任务", False, None)])  # fmt: skip
def test_an_adjustment_for_a_task_the_unit_does_not_have_adds_nothing(actual, bonus, hand):
    trial = try_rule(TASK, weight="3", target=None, actual=actual, bonus_allowed=bonus)
    assert trial.outcome is not None
    assert trial.outcome.score == (None if hand is None else Decimal(hand)), trial.outcome.reason


@pytest.mark.parametrize(("text", "weight", "target", "actual", "bonus", "hand", "how"), CASES)
def test_scores_as_worked_by_hand(text, weight, target, actual, bonus, hand, how):
    trial = try_rule(text, weight=weight, target=target, actual=actual, bonus_allowed=bonus)
    assert trial.outcome is not None, f"not understood: {text}"
    if hand is None:
        assert trial.outcome.score is None, f"{how}: {trial.outcome.reason}"
        assert trial.outcome.reason
    else:
        assert trial.outcome.score == Decimal(hand), f"{how}: {trial.outcome.reason}"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (LADDER, Banded),
        (LADDER_LESS, Banded),
        (BELOW_TARGET, Banded),
        (ORDER, Ranked),
        (ORDER_REST, Ranked),
        (SYMMETRIC, StepBonus),
        (LOWER, StepBonus),
        (LOWER_BOTH, StepBonus),
        (THRESHOLD_RANKS, ThresholdRanked),
        (TASK, AddDeduct),
        (REQUIRED, RequiredBands),
        (WRITTEN, StepBonus),
        (RANK_SHARES, Ranked),
        (BELOW_SHARE, StepBonus),
        (BASE_ALONE, StepBonus),
    ],
)
def test_reading_round_trips(text, kind):
    rule = parse_rule_text(text)
    assert isinstance(rule, kind)
    assert round_trips(rule)


@pytest.mark.parametrize(
    "text",
    [
        # an order beside another scored clause: places among whom is not plain (left to other readers or refused)
        "达标率达到90%得10分;低于80%的单位按从高到低排序,分别得8、6、4分",
        # a year that is a deadline, not the period assessed
        "2025年底前完成得基本分5分,每多完成1%加0.5分",
        # a count from a base written alone: a count reading's (count_score), not steps from a target
        "基础分2分,每新建一个服务站加0.5分,最高5分",
        # ranks from low to high below a threshold that more is better for
        "达标率达到90%得10分;低于90%的单位按从低到高排序,分别得8、6、4分",
        # places scoring more than the threshold
        "达标率达到90%得5分;低于90%的单位按从高到低排序,分别得8、6、4分",
        # a floor the steps do not reach: it would change the score, a reading not made here
        WRITTEN_FLOOR_LEFT,
        # a reference in percent: the row's target says it
        "基本分为5分,完成率90%不扣分,每多1%加0.5分,每少1%扣1分",
        # a threshold bonus that is not what the steps reach there
        "达到标准得6分,每降低1%加2分,降低2%以上加5分",
        # steps that add both for more and for less
        "完成得基本分5分,每增加1%加1分,每减少1%加1分",
    ],
)
def test_not_read_as_a_plain_order_or_bonus(text):
    rule = parse_rule_text(text)
    assert not isinstance(rule, (Ranked, StepBonus, ThresholdRanked))


def test_reason_says_why_nothing_short_of_the_ladder():
    trial = try_rule(LADDER, weight="4", target=None, actual="10%")
    assert trial.outcome is not None and trial.outcome.score == 0
    assert "未达到最低一档" in trial.outcome.reason


def test_reason_says_the_bands_lie_below_the_target():
    trial = try_rule(BELOW_TARGET, weight="6", target="≥85%", actual="92%")
    assert trial.outcome is not None and trial.outcome.score == 6
    assert "达到指标值" in trial.outcome.reason and "满分" in trial.outcome.reason
