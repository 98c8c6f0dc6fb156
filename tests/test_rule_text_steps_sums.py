"""Several deductions from one full marks (issue 13, steps family): steps and fixed deductions for faults in one
text, each part scored from the statement of the actual that speaks of it, and a step of one written without 每
after a word of change ("下降1个百分点扣1分"). Each row is a text written the way tables write them (not copied
from the corpus), the weight, target, actual (or explanation) and the score worked by hand — None where it must
be refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import PerPoint
from medaid.evaluation.rules.deduction_sum import DeductionSum
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

TRAINING = "培训每少一期扣1分，每缺一个乡镇扣0.5分，扣完为止。"
STAFF = "医护人员每缺一人扣0.5分，最多扣2分；科主任非专职的，扣1分。"
RECORDS = "门诊病历合格率未达到95%的,每少一个百分点扣0.5分;住院病历合格率未达到98%的,每少一个百分点扣1分。"
VISITS = "随访未达到规定人次数,每下降5%扣1分,最高扣4分。随访记录每缺1份扣0.2分,最高扣2分。"
FUNDS = "资金每迟拨一个月扣1分；有截留或挪用的，扣3分；扣完为止。"
PLAN_GAP = "在计划时间内完成的得满分;超过计划时间的,实际完成时间与计划每相差5%,扣1分,扣完为止。"
RATES = "门诊服务三率(预约率、随访率、建档率)达100%得6分。每项低一个百分点扣0.1分。"
VETOED = "资金每迟拨一个月扣1分；有截留挪用的，扣3分；弄虚作假的，不得分。"
FACTORS = (
    "本项满分12分,其中总磷、氨氮分别为6分。各断面总磷、氨氮年均达标率大于80%为基本达标。"
    "达标率大于(等于)80%得满分,每项因子每降低5个百分点扣该项因子1分,直至扣完。"
)
HELD = "资金每滞留半个月扣0.5分;有挪用的扣2分。"

# text, weight, target, actual, explanation, hand score (None: refused), how
# fmt: off
CASES = [
    # --- steps, each against its piece of a compound target ---
    (TRAINING, "5", "≥6期，10个乡镇", "培训4期，覆盖9个乡镇", None, "2.5", "少2期扣2，缺1个乡镇扣0.5"),
    (TRAINING, "5", "≥6期，10个乡镇", "覆盖10个乡镇，培训6期", None, "5", "顺序颠倒，均达到"),
    (TRAINING, "5", "≥6期，10个乡镇", "培训1期，覆盖5个乡镇", None, "0", "扣5 + 2.5，扣完为止"),
    ("培訓每少一期扣1分，每缺一個鄉鎮扣0.5分，扣完為止。", "5", "≥6期，10个乡镇", "培訓4期，覆蓋9個鄉鎮", None, "2.5", "繁体"),
    (TRAINING, "5", None, "培训4期，覆盖9个乡镇", None, None, "无指标值：4期是完成数还是差额未写明"),
    (TRAINING, "5", "≥6期，10个乡镇", "培训少2期，缺1个乡镇", None, "2.5", "差额本身"),
    (TRAINING, "5", None, "培训少2期，缺1个乡镇", None, "2.5", "差额本身，不需指标值"),
    (TRAINING, "5", "≥6期，10个乡镇", "培训4期", None, None, "未写乡镇"),
    (TRAINING, "5", "≥6期，10个乡镇", "培训4期，覆盖9个乡镇，另有投诉", None, None, "多出一句对应不到"),
    (TRAINING, "5", "≥6期，10个乡镇", "培训4期，覆盖9个村", None, None, "9个村不是乡镇"),
    (TRAINING, "5", "≥6期，8期", "培训4期，覆盖9个乡镇", None, None, "指标值两处同单位"),
    # --- a step with its own cap beside a fault ---
    (STAFF, "4", None, "医护人员缺3人，科主任专职", None, "2.5", "缺3人扣1.5"),
    (STAFF, "4", None, "医护人员满员，科主任非专职", None, "3", "满员不扣；非专职扣1"),
    (STAFF, "4", None, "医护人员缺6人，科主任非专职", None, "1", "最多扣2；扣1"),
    (STAFF, "4", None, "醫護人員缺3人，科主任專職", None, "2.5", "繁体"),
    (STAFF, "4", None, "医护人员缺3人，科主任由副院长兼任", None, None, "兼任是否非专职需人工判断"),
    (STAFF, "4", None, "医护人员基本满员，科主任专职", None, None, "基本满员"),
    # --- two rates, each with its own reference, labelled ---
    (RECORDS, "10", None, "门诊病历合格率93%，住院病历合格率97%", None, "8", "少2扣1；少1扣1"),
    (RECORDS, "10", None, "住院病历合格率99%，门诊病历合格率96%", None, "10", "均达到"),
    (RECORDS, "10", None, None, "门诊病历合格率93%，住院病历合格率97%", "8", "取自说明"),
    (RECORDS, "10", None, "合格率93%，住院病历合格率97%", None, None, "合格率93%对应不到唯一一项"),
    (RECORDS, "10", None, "门诊病历合格率93%", None, None, "缺住院"),
    (RECORDS, "10", "≥95%", "门诊病历合格率93%，住院病历合格率97%", None, None, "指标值不知属于哪一项"),
    # --- a plan and what was done, per part ---
    (VISITS, "6", None, "应随访200人次，实随访180人次；随访记录应100份，实95份", None, "3", "90%：2档扣2；缺5份扣1"),
    (VISITS, "6", None, "应随访200人次，实随访200人次；随访记录应100份，实100份", None, "6", "均完成"),
    (VISITS, "6", None, "应随访200人次，实随访100人次；随访记录应100份，实80份", None, "0", "最高扣4 + 最高扣2"),
    (VISITS, "6", None, "随访180人次；随访记录应100份，实95份", None, None, "随访缺应达到的数"),
    # --- a delay and a fault ---
    (FUNDS, "5", None, "迟拨2个月，无截留或挪用", None, "3", "迟拨扣2"),
    (FUNDS, "5", None, "按时拨付，但有挪用", None, "2", "挪用扣3"),
    (FUNDS, "5", None, "迟拨3个月，有截留", None, "0", "扣3 + 3，扣完为止"),
    (FUNDS, "5", None, "迟拨2个月，无截留", None, None, "只说了无截留，挪用未说"),
    (HELD, "3", None, "滞留资金1个半月，无挪用", None, "1.5", "1个半月 = 3个半月，扣1.5"),
    (HELD, "3", None, "资金未滞留，无挪用", None, "3", "未滞留"),
    # --- one step, its actual only in the explanation, in words ---
    ("按规定时限拨付资金的得4分,每延迟拨付1天扣0.5分,扣完为止。", "4", None, None, "资金均按规定时限拨付", "4", "说明即达到要求"),
    ("按规定时限拨付资金的得4分,每延迟拨付1天扣0.5分,扣完为止。", "4", None, None, "资金延迟拨付6天", "1", "延迟6天扣3"),
    ("按规定时限拨付资金的得4分,每延迟拨付1天扣0.5分,扣完为止。", "4", None, None, "未按规定时限拨付", None, "延迟几天未写"),
    ("按规定时限拨付资金的得4分,每延迟拨付1天扣0.5分,扣完为止。", "4", None, None, "基本按时拨付", None, "基本"),
    # --- a statement named by the step's own word, or by the counter and what it counts ---
    ("未按时上报的，每迟报一天扣0.5分；数据不准确的，扣1分。", "5", None, "迟报3天，数据准确", None, "3.5", "迟报扣1.5"),
    ("未按时上报的，每迟报一天扣0.5分；数据不准确的，扣1分。", "5", None, "按时上报，数据不准确", None, "4", "数据扣1"),
    ("每少一个村扣0.5分；台账不健全的扣1分。", "4", "≥20个", "18个村，台账健全", None, "3", "少2个村扣1"),
    ("每少一个村扣0.5分；台账不健全的扣1分。", "4", None, "18个村，台账健全", None, None, "18个村是完成数还是差额"),
    ("档案资料每缺一项扣0.5分，资料不规范的扣1分，扣完为止。", "3", None, "缺2项，资料规范", None, "2", "缺2项：只一项以“缺”计"),
    ("每少开展一次督查扣1分；督查记录不完整的扣0.5分。", "4", "≥4次", "开展督查3次，督查记录完整", None, "3", "完整即未出现"),
    ("每少开展一次督查扣1分；督查记录不完整的扣0.5分。", "4", "≥4次", "开展督查3次，督查记录不完整", None, "2.5", "扣1 + 0.5"),
    ("每缺一项扣0.5分；每缺一人扣1分。", "5", None, "缺2项，缺1人", None, "3", "各以单位对应"),
    # --- named rates sharing one step and one full marks ---
    (RATES, "6", None, None, "预约率96%，随访率98%，建档率100%", "5.4", "扣0.4 + 0.2"),
    (RATES, "6", "100%", None, "三率均为100%", "6", "三率均达到"),
    (RATES, "6", None, None, "预约率96%，其余两率均为100%", "5.6", "其余两率"),
    (RATES, "6", None, None, "预约率96%，其余三率均为100%", None, "其余三率与未写明的两项对不上"),
    (RATES, "6", None, None, "预约率96%", None, "另两率未写"),
    (RATES + "上级抽查中有扣分的,加倍扣减。", "6", None, None, "三率均为100%，上级抽查中无扣分", "6", "抽查无扣分"),
    (RATES + "上级抽查中有扣分的,加倍扣减。", "6", None, None, "三率均为100%，上级抽查中有扣分", None, "加倍扣减需人工判断"),
    (RATES + "上级抽查中有扣分的,加倍扣减。", "6", None, None, "三率均为100%", None, "抽查未写明"),
    (RATES.replace("三率", "四率"), "6", None, None, "三率均为100%", None, "四率只列了三个"),
    # --- a veto of misconduct beside them ---
    (VETOED, "5", None, "迟拨2个月，无截留挪用", None, "3", "弄虚作假未写明，按未出现计"),
    (VETOED, "5", None, "迟拨2个月，无截留挪用，有弄虚作假", None, "0", "弄虚作假不得分"),
    ("资金每迟拨一个月扣1分；未达到要求的，不得分。", "5", None, "迟拨2个月", None, None, "不得分的不是违规"),
    # --- "扣分不封顶": a total past the full marks is not this item's to settle ---
    ("每缺一名管理员扣2分；未建立管理制度的扣3分；扣分不封顶。", "4", None, "缺1名管理员，已建立管理制度", None, "2", "扣2"),
    ("每缺一名管理员扣2分；未建立管理制度的扣3分；扣分不封顶。", "4", None, "缺1名管理员，未建立管理制度", None, None, "扣5超过4"),
    # --- one rule for each factor, under a sentence defining the level for all of them ---
    (FACTORS, "6", "≥80%", "70%", None, "4", "本行是其中一项：低10个百分点扣2"),
    (FACTORS, "12", "≥80%", "总磷70%，氨氮90%", None, "10", "4 + 6"),
    (FACTORS.replace("大于80%为", "大于75%为"), "6", "≥80%", "70%", None, None, "定义与起扣值不一致"),
    # --- the gap itself, written as a share of the plan ---
    (PLAN_GAP, "8", None, None, "超计划时间占计划完成时间的15%，无政策性原因", "5", "相差15%，3档"),
    (PLAN_GAP, "8", None, None, "超出计划工期的10%", "6", "相差10%，2档"),
    (PLAN_GAP, "8", None, None, "超计划时间占计划完成时间的15%，因政策性原因", None, "另有原因，需人工判断"),
    (PLAN_GAP, "8", None, None, "完成时间为计划的115%", None, "不是差额的写法，交由说明读取"),
    # --- a step of one after a word of change, without 每 ---
    ("病历合格率达95%(10分),下降1个百分点扣0.5分。", "10", "≥95%", "91%", None, "8", "少4个百分点扣2"),
    ("病历合格率达95%(10分),下降2个百分点扣0.5分。", "10", "≥95%", "91%", None, None, "下降2个百分点：可能是界限"),
    ("培训人数不少于100人,减少1人扣0.1分。", "5", None, "90人", None, "4", "少10人扣1"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "hand", "how"), CASES)
def test_several_deductions_score_as_worked_by_hand(text, weight, target, actual, note, hand, how):
    trial = try_rule(text, weight=weight, target=target, actual=actual, note=note)
    if hand is None:  # not understood, or understood and refused with a reason
        if trial.outcome is not None:
            assert trial.outcome.score is None, f"{how}: {trial.outcome.reason}"
            assert trial.outcome.reason
    else:
        assert trial.outcome is not None, f"not understood: {text}"
        assert trial.outcome.score == Decimal(hand), f"{how}: {trial.outcome.reason}"


def test_the_reason_says_which_statement_scored_which_part():
    trial = try_rule(STAFF, weight="4", actual="医护人员缺3人，科主任专职")
    assert trial.outcome is not None
    reason = trial.outcome.reason
    assert "分2项扣分" in reason and "第1项按“医护人员缺3人”" in reason and "未出现“科主任非专职”" in reason
    assert "得分 = 4 − 1.5 = 2.5" in reason


def test_a_refusal_says_what_to_write():
    trial = try_rule(TRAINING, weight="5", target="≥6期，10个乡镇", actual="培训4期")
    assert trial.outcome is not None and trial.outcome.score is None
    assert "未写明第2项" in trial.outcome.reason and "逐项写明" in trial.outcome.reason


@pytest.mark.parametrize(
    "text",
    [
        "培训每少一期扣1分，每缺一个乡镇扣0.5分，另视情况酌情扣分。",  # discretion left over
        "完成率达90%得5分，每少1个百分点扣0.5分；覆盖率达80%得5分，每少1个百分点扣0.5分。",  # own marks: step_sum
        "缺一次扣2分，晚报一次扣1分。",  # counts of cases of two kinds, read by the count readings
        "资金有截留的扣2分；有挪用的扣3分。",  # no step
    ],
)
def test_texts_this_reading_must_leave_alone(text):
    assert not isinstance(parse_rule_text(text), DeductionSum), text


def test_two_parts_of_one_subject_are_not_told_apart():
    trial = try_rule("培训每少一期扣1分；培训每少一期扣0.5分。", weight="5", target="≥6期", actual="培训4期")
    assert trial.outcome is None or trial.outcome.score is None


def test_a_condition_that_leaves_no_score_is_never_full_marks_of_zero():
    rule = parse_rule_text("缺一项扣1分，填写不全得0分")
    assert not (isinstance(rule, PerPoint) and rule.full == 0), rule


def test_a_step_of_one_after_a_word_of_change_is_a_step():
    rule = parse_rule_text("合格率达95%(10分),下降1个百分点扣0.5分")
    assert isinstance(rule, PerPoint) and rule.step == 1 and rule.points == Decimal("0.5")
    assert not isinstance(parse_rule_text("合格率达95%(10分),下降3个百分点扣0.5分"), PerPoint)


@pytest.mark.parametrize(
    "text", [TRAINING, STAFF, RECORDS, VISITS, FUNDS, HELD, VETOED, RATES, RATES + "上级抽查中有扣分的,加倍扣减。"]
)
def test_the_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert isinstance(rule, DeductionSum), text
    assert round_trips(rule)


def test_the_texts_written_here_rewritten_keep_their_hand_scores_or_are_refused():
    from tests.test_rule_text_steps import TRANSFORMS

    kept, wrong, total = 0, [], 0
    for text, weight, target, actual, note, hand, _ in CASES:
        if hand is None:
            continue
        for name, transform in TRANSFORMS.items():
            variant = transform(text)
            if variant == text:
                continue
            total += 1
            trial = try_rule(variant, weight=weight, target=target, actual=actual, note=note)
            found = trial.outcome.score if trial.outcome is not None else None
            if found is not None and found != Decimal(hand):
                wrong.append(f"[{name}] {variant} → {found}（手算 {hand}）")
            kept += found is not None
    assert wrong == []
    assert kept / total >= 0.95


def test_corpus_texts_read_as_several_deductions_rewritten_give_the_same_score_or_none():
    from tests.corpus_cases import load
    from tests.test_rule_text_steps import TRANSFORMS

    wrong = []
    entries = [e for e in load() if isinstance(parse_rule_text(e.text), DeductionSum)]
    assert len(entries) >= 5
    for entry in entries:
        for case in entry.cases:
            args = {"weight": str(entry.weight), "target": entry.target, "actual": case.actual,
                    "note": case.explanation}  # fmt: skip
            original = try_rule(entry.text, **args).outcome
            for name, transform in TRANSFORMS.items():
                variant = try_rule(transform(entry.text), **args).outcome
                if (
                    variant is not None
                    and variant.score is not None
                    and (original is None or variant.score != original.score)
                ):
                    wrong.append(f"{entry.id} [{name}] → {variant.score}（原文 {original and original.score}）")
    assert wrong == []
