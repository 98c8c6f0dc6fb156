"""Written formulas, ratio wordings, relative bands, bonus and penalty rules and actuals read from the
explanation: each wording is the test's name, with the score worked by hand from the Chinese alone, and
the texts or inputs that are ambiguous refused (None)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, Proportional, Rule, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.scoring import score_leaf
from medaid.services.evaluation import try_rule
from tests.corpus_cases import load
from tests.rule_checks import round_trips
from tests.rule_variants import variants

FIS_070 = ("完成得基本分;大于目标值的,每增加1%加1分,最高加2分;小于目标值的,每少1%扣1分,"
           "扣分至基本分值扣完为止。")  # fmt: skip
FIS_073 = ("完成得基本分,大于目标值的,每增加10万元加0.5分, 加分至基本分值封顶;少于目标值的,每少10万元扣1分,"
           "扣分至基本分值扣完为止。")  # fmt: skip
FIS_075 = ("完成得基本分,超额完成的,每增加0.1万人,加0.5分,加分至基本分值封顶;未完成的,每少目标值4%扣1分,"
           "扣分至基本分值扣完为止。")  # fmt: skip
FIS_093 = ("对比上年度，保持基层人员编制稳定的，得1.5分；对比上年度，每增加1名人员编制的，加0.05分，加分不超过0.5分；"
           "对比上年度，每减少1名人员编制的，扣0.1分，扣分不超过2分。")  # fmt: skip
MINE = ("formula", "proportional", "rate_times_weight", "banded", "step_bonus", "add_deduct")
SPELLED = "项目超过80%、70%和60%的，分别得6分、4分和2分，不足60%不得分"

# (wording, weight, target, actual, bonus allowed, kind, expected score — None: refused)
# fmt: off
CASES = [
    # written formulas
    ("得分=完成率×分值", 10, "100%", "96.2%", False, "formula", "9.62"),
    ("指标得分=实际值/目标值×权重", 6, "13500人", "12987人", False, "formula", "5.772"),
    ("指标得分=实际值/目标值×权重", 6, "≤5%", "4%", False, "formula", None),  # less is better: refused
    ("分值×执行率（超过100%按100%计）", 10, None, "105%", False, "formula", "10"),
    ("分值×执行率（超过100%按100%计）", 10, None, "92%", False, "formula", "9.2"),
    ("(实际-60%)/(95%-60%)×分值", 7, None, "88%", False, "formula", "5.6"),
    ("(实际-60%)/(95%-60%)×分值", 7, None, "50%", False, "formula", "0"),
    ("(实际-60%)/(95%-60%)×分值", 7, None, "97%", False, "formula", "7"),
    ("得分=任务完成率×10分，达到95%得满分", 10, None, "94%", False, "formula", "9.4"),
    ("得分=任务完成率×10分，达到95%得满分", 10, None, "95%", False, "formula", "10"),
    ("得分=任务完成率×10分，低于60%不得分", 10, None, "59%", False, "formula", "0"),
    ("得分=任务完成率×10分，低于60%不得分", 10, None, "60%", False, "formula", "6"),
    ("抽查的规范管理率/80%*3分;规范管理率超过80%按3分计算。", 3, None, "72%", False, "formula", "2.7"),
    ("抽查的规范管理率/80%*3分;规范管理率超过80%按3分计算。", 3, None, "85%", False, "formula", "3"),
    ("抽查的检出率/3‰*1.5分", 1.5, None, "2.4‰", False, "formula", "1.2"),
    ("得分值=种植率×30", 30, None, "75%", False, "formula", "22.5"),
    ("得分=(实际完成值/目标值)×分值", 10, "100人", "90人", False, "formula", "9"),
    ("指标得分=分值×(实际值/目标值)", 10, "100人", "120人", False, "formula", "10"),
    ("得分=实际完成数/计划数×100%×分值", 10, "1.2万元", "9000元", False, "formula", "7.5"),
    ("得分=实际完成数/计划数×100%×分值", 10, "100人", "9天", False, "formula", None),  # another unit
    # the rate defined, then used: "×100%" after the definition only makes it a percentage
    ("完成率=实际/计划×100%，得分=完成率×分值", 10, "100人", "90人", False, "formula", "9"),
    ("政策知晓率达到90%得10分，否则按实际知晓率×分值计算。", 10, None, "77.5%", False, "banded", "7.75"),
    ("得分=新生儿访视率90%*15分(90%以上得满分)", 15, None, "81%", False, None, None),  # an operator is missing
    ("完成率达到100%,得10分,低于100%,得分=任务完成率×10分;成活率达95%,得10分,低于95%,得分=成活率×10分",
     20, None, "90%", False, None, None),  # two formulas, two values
    # ratio wordings
    ("按实际支出占预算的比重计分", 5, "200万元", "1800000元", False, "proportional", "4.5"),
    ("根据项目实际到位资金占计划的比重计算得分(3分)", 3, "200万元", "180万元", False, "proportional", "2.7"),
    ("低于目标的按比例扣分", 4, "≥1000人", "900人", False, "proportional", "3.6"),
    ("按实际完成值与目标值的比值计分", 10, "100人", "90人", False, "proportional", "9"),
    ("查看平台，档案核查完成情况按比例给分", 10, "=100%", "75%", False, "proportional", "7.5"),
    ("普查率达100%，得10分，低于100%按百分比得分", 10, "100%", "86%", False, "rate_times_weight", "8.6"),
    ("登记率≥40%，得10分；低于40%按百分比得分", 10, "≥40%", "30%", False, None, None),  # 7.5 or 3
    ("完成任务的得满分，完不成任务的按比例计分，验收达到全覆盖的加10分。", 30, "500亩", "500亩", True, None, None),
    # bands relative to the target, 含/不含, listed thresholds
    ("开工面积达到目标值80%以上得4分，60%-80%得2分，低于60%不得分", 4, "95%", "78%", False, "banded", "4"),
    ("开工面积达到目标值80%以上得4分，60%-80%得2分，低于60%不得分", 4, "≤95%", "78%", False, "banded", None),
    ("达到目标值的95%得5分，低于95%不得分", 5, "95%", "93%", False, "banded", "5"),  # 93 ÷ 95 = 97.9%
    ("达到目标值95%得5分，低于目标值95%不得分", 5, "95%", "93%", False, None, None),  # 95%: the target, or of it?
    (SPELLED, 6, None, "85%", False, "banded", "6"),
    (SPELLED, 6, None, "80%", False, "banded", "4"),  # 超过80% does not hold 80%
    (SPELLED, 6, None, "60%", False, "banded", None),  # neither 超过60% nor 不足60%
    ("达到80%、70%和60%以上的，分别得6分、4分和2分", 6, None, "70%", False, "banded", "4"),
    ("到位率100%(2分),80%(含)-100%(不含)(1分),低于80%得0分", 2, None, "80%", False, "banded", "1"),
    ("到位率 100%( 2分),80%99%( 1分),低于 80%得 0 分", 2, None, "85%", False, "banded", "1"),
    ("到位率 100%( 2分),80%99%( 1分),低于 80%得 0 分", 2, None, "99.5%", False, "banded", None),  # in no band
    ("90%以上得5分，80%-90%（含）得3分，低于80%不得分", 5, None, "90%", False, "banded", None),  # in two bands
    ("项目超过80%、70%和60%，且运行管护效果良好，分别得6分、4分和2分", 6, None, "85%", False, None, None),
    ("完成得满分，完成一半得5分，一半以下不得分", 10, "95%", "60%", False, "banded", "5"),  # 63% of the target
    ("完成得满分，完成一半得5分，一半以下不得分", 10, "95%", "96%", False, "banded", "10"),
    ("完成得满分，完成一半得5分，一半以下不得分", 10, "100人", "50人", False, "banded", None),  # both bands
    ("≥90%得5分；≥80%得3分；低于80%不得分", 5, None, "95%", False, "banded", "5"),  # a ladder: the top step
    # bonus and penalty beyond the weight
    (FIS_070, 5, "98%", "100%", True, "step_bonus", "7"),
    (FIS_070, 5, "98%", "100%", False, "step_bonus", "5"),  # the framework allows no bonus: capped
    (FIS_070, 5, "98%", "95%", True, "step_bonus", "2"),
    (FIS_070, 5, "98%", "92%", True, "step_bonus", "0"),
    (FIS_073, 5, "100万元", "130万元", True, "step_bonus", "6.5"),
    (FIS_073, 5, "100万元", "850000元", True, "step_bonus", "3.5"),  # 15万元 short: 1.5 steps
    (FIS_075, 5, "1.2万人", "1.104万人", True, "step_bonus", "3"),  # 8% short of the target: 2 steps of 4%
    (FIS_075, 5, "1.2万人", "13000人", True, "step_bonus", "5.5"),
    ("超额完成任务数,每超10%加2分,10分封顶。", 10, "10000株", "13000株", True, "step_bonus", "6"),
    ("超额完成任务数,每超10%加2分,10分封顶。", 10, "10000株", "9000株", True, "step_bonus", "0"),
    ("每超过1个百分点加0.5分，最多加2分", 2, "95%", "99.5%", True, "step_bonus", "2"),  # only a bonus
    ("每超过1个百分点加0.5分，最多加2分", 2, "100人", "104人", True, "step_bonus", None),  # points of a count
    ("工作得到市政府肯定的,每项加2分。", 2, None, "3项", True, "step_bonus", "6"),
    ("工作得到市政府肯定的,每项加2分。", 2, None, "3项", False, "step_bonus", "2"),
    ("工作得到市政府肯定的,每项加2分。", 2, None, "3人", True, "step_bonus", None),  # another unit
    (FIS_093, 1.5, None, "比上年增加4名", True, "step_bonus", "1.7"),
    (FIS_093, 1.5, None, "比上年减少5名", True, "step_bonus", "1"),
    (FIS_093, 1.5, None, "4名", True, "step_bonus", None),  # a level, not a change
    ("验收合格，达到省定标准加2分，验收不合格扣2分。", 2, None, "验收不合格", True, "add_deduct", "-2"),
    ("验收合格，达到省定标准加2分，验收不合格扣2分。", 2, None, "验收不合格", False, "add_deduct", None),
    ("验收合格，达到省定标准加2分，验收不合格扣2分。", 2, None, "无建设任务", True, "add_deduct", None),
    ("对完成目标任务的村年终考核加0.5分，对完不成任务的村扣年终考核1分", 0.5, None, "未完成", True, "add_deduct", "-1"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "weight", "target", "actual", "bonus", "kind", "expected"),
    CASES,
    ids=[f"{c[0][:36]}→{c[3]}{'（可加分）' if c[4] else ''}" for c in CASES],
)
def test_each_wording_scores_as_worked_by_hand(text, weight, target, actual, bonus, kind, expected):
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, bonus_allowed=bonus)
    score = trial.outcome.score if trial.outcome else None
    if kind is None:  # not read as a rule of these shapes: no number either
        assert score is None and (trial.rule is None or trial.rule.kind not in MINE), trial.rule
        return
    assert trial.rule is not None and trial.rule.kind == kind
    if expected is None:
        assert score is None, trial.outcome.reason if trial.outcome else ""
    else:
        assert score is not None and abs(score - Decimal(expected)) < Decimal("0.0001"), trial.outcome.reason


def test_a_less_is_better_rate_is_never_read_as_more_is_better_by_a_ratio():
    rule = Proportional(text="结余率按完成比例计分")
    outcome = rule.apply(Inputs(weight=Decimal(5), target=parse_quantity("5%"), actual=parse_quantity("3%")))
    assert outcome.score is None and "越低越好" in outcome.reason
    outcome = rule.apply(Inputs(weight=Decimal(5), target=parse_quantity("≤5%"), actual=parse_quantity("10%")))
    assert outcome.score == Decimal("2.5")  # 5 × 5% ÷ 10%


def test_a_part_step_counts_proportionally_and_the_whole_step_reading_is_kept():
    outcome = try_rule(FIS_073, weight="5", target="100万元", actual="850000元", bonus_allowed=True).outcome
    assert outcome is not None and outcome.score == Decimal("3.5")
    assert outcome.alternatives == {"floor": Decimal(4), "ceil": Decimal(3)}
    assert "每100000元扣 1 分（按比例）" in outcome.reason


def test_the_reason_states_the_formula_and_its_numbers():
    outcome = try_rule("(实际-60%)/(95%-60%)×分值", weight="7", actual="88%").outcome
    assert outcome is not None
    assert "得分 = 7 × (88% − 60%) ÷ (95% − 60%) = 5.6" in outcome.reason


# (wording, weight, target, explanation, expected score — None: nothing read)
# fmt: off
NOTES = [
    ("按实际值×分值计算", 5, None, "实际救助参保人数12987人，救助率96.2%", "4.81"),
    ("按完成比例计分", 5, "13500人", "实际救助参保人数12987人，救助率96.2%", "4.81"),
    ("按实际值×分值计算", 5, None, "救助率96.2%，较上年提高2%", "4.81"),  # a change is no actual
    ("按实际值×分值计算", 5, "95%", "目标95%，实际完成96.2%", "4.81"),  # nor is a target
    ("按实际值×分值计算", 5, None, "救助率96.2%，资金到位率100%", None),  # two percentages
    ("按完成比例计分", 5, "13500人", "抽查200人，知晓172人", None),  # two counts in 人
    ("按完成比例计分", 5, "13500人", "救助率96.2%", None),  # no count in 人
    ("得分=医疗救助政策知晓率/90%*5分(90%以上得满分)", 5, "≥90%", "抽样调查200人，知晓率86%", "4.7778"),
    ("得分=医疗救助政策知晓率/90%*5分(90%以上得满分)", 5, "≥90%", "资金到位率86%", None),  # another rate
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "note", "expected"), NOTES, ids=[n[3] for n in NOTES])
def test_a_missing_actual_is_read_from_the_explanation_only_when_it_states_one(text, weight, target, note, expected):
    outcome = try_rule(text, weight=str(weight), target=target, note=note).outcome
    assert outcome is not None
    if expected is None:
        assert outcome.score is None and "未从说明读取" in outcome.reason
    else:
        assert outcome.score is not None and abs(outcome.score - Decimal(expected)) < Decimal("0.0001")
        assert outcome.reason.startswith("实际完成值取自说明")


def test_a_table_row_without_an_actual_reads_it_from_its_explanation():
    from medaid.evaluation.model import Indicator

    text = "按实际值×分值计算"
    leaf = Indicator(name="救助率", weight=Decimal(5), rule=parse_rule_text(text), rule_text=text,
                     note="实际救助参保人数12987人，救助率96.2%")  # fmt: skip
    scored = score_leaf(leaf)
    assert scored.score == Decimal("4.81")
    assert "实际完成值取自说明“救助率96.2%”：96.2%" in scored.reason


@pytest.mark.parametrize("text", sorted({c[0] for c in CASES if c[5] is not None}))
def test_each_reading_round_trips_through_the_structured_rule_syntax(text):
    rule = parse_rule_text(text)
    assert isinstance(rule, Rule)
    assert round_trips(rule)


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        (FIS_070, "5"),
        ("(实际-60%)/(95%-60%)×分值", "5"),
        ("开工面积达到目标值80%以上得4分，60%-80%得2分，低于60%不得分", "4"),
    ],
)
def test_a_score_never_exceeds_the_weight_without_a_bonus_and_rises_with_the_actual(text, weight):
    rule = parse_rule_text(text)
    assert rule is not None
    scores = []
    for tenth in range(0, 1300, 7):
        trial = try_rule(text, weight=weight, target="98%", actual=f"{Decimal(tenth) / 10}%")
        assert trial.outcome is not None and trial.outcome.score is not None
        assert Decimal(0) <= trial.outcome.score <= Decimal(weight)
        scores.append(trial.outcome.score)
    assert scores == sorted(scores)


def test_structured_rules_refuse_what_they_cannot_mean():
    from medaid.evaluation.rules import RuleSpecError

    with pytest.raises(RuleSpecError):
        rule_from_mapping({"type": "formula", "low": 95, "high": 60})
    with pytest.raises(RuleSpecError):
        rule_from_mapping({"type": "step_bonus"})
    with pytest.raises(RuleSpecError):
        rule_from_mapping({"type": "add_deduct", "adjustments": [{"condition": "合格"}]})


# --- constructed wordings: tests/rule_text_formulas.yaml ---------------------------------------------------------

WORDINGS = yaml.safe_load((Path(__file__).parent / "rule_text_formulas.yaml").read_text(encoding="utf-8"))
WORDING_CASES = [(w, c) for w in WORDINGS for c in w["cases"]]


def test_each_family_has_twenty_five_constructed_wordings():
    families = Counter(w["family"] for w in WORDINGS)
    assert all(families[f] >= 25 for f in ("formula", "ratio", "band", "relative_band", "bonus")), families


@pytest.mark.parametrize(
    ("wording", "case"),
    WORDING_CASES,
    ids=[f"{w['text'][:40]}→{c.get('actual') or c.get('note')}" for w, c in WORDING_CASES],
)
def test_a_constructed_wording_scores_as_worked_by_hand(wording, case):
    trial = try_rule(wording["text"], weight=str(wording["weight"]), target=wording.get("target"),
                     actual=case.get("actual"), note=case.get("note"), bonus_allowed=bool(case.get("bonus")))  # fmt: skip
    score = trial.outcome.score if trial.outcome else None
    reason = trial.outcome.reason if trial.outcome else "未识别"
    if case["score"] is None:
        assert score is None, reason
    else:
        assert score is not None and abs(score - Decimal(str(case["score"]))) < Decimal("0.0001"), reason
        assert reason


@pytest.mark.parametrize("text", sorted({w["text"] for w in WORDINGS}))
def test_each_constructed_reading_round_trips_through_the_structured_rule_syntax(text):
    rule = parse_rule_text(text)
    if rule is None or rule.kind not in MINE:
        return
    assert round_trips(rule)


# --- metamorphic: the corpus texts of these shapes rewritten (tests/rule_variants.py) ---------------------------

READ = [e for e in load() if (rule := parse_rule_text(e.text)) is not None and rule.kind in MINE]


def _scores(text: str, entry) -> list[Decimal | None]:  # type: ignore[no-untyped-def]
    found = []
    for c in entry.cases:
        trial = try_rule(text, weight=str(entry.weight), target=entry.target, actual=c.actual, note=c.explanation,
                         holds=tuple(c.holds) if c.holds is not None else None, bonus_allowed=entry.bonus_allowed)  # fmt: skip
        found.append(trial.outcome.score if trial.outcome else None)
    return found


@pytest.mark.parametrize("entry", READ, ids=[e.id for e in READ])
def test_a_rewritten_text_scores_the_same_or_is_refused(entry):
    """Other punctuation, 的/该项, 得/计/给, full-width digits, spaces, synonyms of a comparison, clauses in
    another order, 扣完为止 where it changes nothing: the same number for every case, or none."""
    base = _scores(entry.text, entry)
    for name, text in variants(entry.text).items():
        for case, was, now in zip(entry.cases, base, _scores(text, entry), strict=True):
            if now is not None:
                assert was is not None and abs(now - was) < Decimal("0.0001"), (name, text, case, was, now)


@pytest.mark.parametrize(
    "wording", [w for w in WORDINGS if parse_rule_text(w["text"]) is not None], ids=lambda w: w["text"][:40]
)
def test_a_rewritten_constructed_wording_scores_the_same_or_is_refused(wording):
    def scores(text: str) -> list[tuple[Decimal | None, str]]:
        found = []
        for c in wording["cases"]:
            trial = try_rule(text, weight=str(wording["weight"]), target=wording.get("target"), actual=c.get("actual"),
                             note=c.get("note"), bonus_allowed=bool(c.get("bonus")))  # fmt: skip
            found.append((trial.outcome.score, trial.outcome.reason) if trial.outcome else (None, ""))
        return found

    base = scores(wording["text"])
    for name, text in variants(wording["text"]).items():
        for (was, why), (now, _) in zip(base, scores(text), strict=True):
            if name == "最高不超过分值 added" and "未写明封顶" in why:
                continue  # refused for want of a cap: the cap written changes the text
            assert now is None or (was is not None and abs(now - was) < Decimal("0.0001")), (name, text, was, now)


def test_nearly_every_rewritten_text_is_still_understood():
    rewritten = [text for e in READ for text in variants(e.text).values()]
    understood = sum(parse_rule_text(text) is not None for text in rewritten)
    assert len(rewritten) > 300
    assert understood / len(rewritten) >= 0.95, f"{understood} of {len(rewritten)} rewritten texts understood"
