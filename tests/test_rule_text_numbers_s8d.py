"""Numbers family, session 8 fix round: the probes of the adversarial review (/tmp/adv8/review_numbers.md and the
deduction-tier part of the lists review) with at least two further variants each, scored by hand from the wording;
None means the case must be refused.

Defects fixed: B/A against a target in 人 with an actual in 人次; a number the explanation denies was done ("未完成40人",
"未达到规定数的92%") taken as the actual; a value that includes another year's part ("4个（含上年结转1个）"); counts of
several kinds beside words that change what they count (其中, 结转, 计划, 注销, 上年数据, 未建成…); 执行率 from an
amount that is not this year's spending (未支出, 结余, 上年, 计划, 预计, 应); tiers that only deduct scoring 0 for a value
that reaches none of them; a deduction band among award bands; a target in days with no ≥/≤ read as "≥".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

BA = "完成值达到指标值,记满分;未达到指标值,按B/A或A/B×该指标分值记分。"
PLAIN = "达到目标值得满分，未达到按完成比例计分"
LEVEL = "引进项目5个得10分,每增(减)1个加(减)2分"
K = "新增投入过20万元的私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分"
K1 = "新增私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分"
K2 = "引进企业2家、新建基地1个得8分;每增减1家企业加减2分;每增减1个基地加减3分"
SHARES = "符合要求,得4分;≥规定数的90%,得2分;≥规定数的85%,<90%,得1分;<规定数的85%,不得分"
EXEC = "执行率×该指标分值,最高不得超过分值上限。"

# (text, weight, target, actual, note, bonus allowed, hand score or None for a refusal)
CASES = [
    # --- 人次 is not 人: no ratio across the two units (a person-time count says nothing of persons)
    (BA, 10, "≥50人", "40人次", None, False, None),
    (PLAIN, 10, "≥50人", "40人次", None, False, None),
    (PLAIN, 10, "≥200户", "180户次", None, False, None),
    ("达到目标值得满分", 5, "≥100人", "120人次", None, False, None),
    (BA, 10, "≥50人次", "40人", None, False, None),  # 40 persons may be 40 or more person-times
    (PLAIN, 20, "≥1500人次", "1549人", None, False, "20"),  # 1549 persons are at least 1549 person-times
    (BA, 10, "≥50人", "40人", None, False, "8"),
    # --- a number denied done is no actual ("未完成40人" is what is left, not what was done)
    (BA, 10, "≥50人", None, "未完成40人", False, None),
    (BA, 10, "≥50人", None, "40人未完成", False, None),
    (PLAIN, 10, "≥50人", None, "尚未完成40人", False, None),
    (PLAIN, 10, "≥200户", None, "缺180户", False, None),
    (BA, 10, "≥50人", None, "完成40人，未完成10人", False, "8"),
    (BA, 10, "≥50人", None, "实际完成40人", False, "8"),
    (SHARES, 4, None, None, "未达到规定数的92%", False, None),
    (SHARES, 4, None, None, "没有达到规定数的92%", False, None),
    (SHARES, 4, None, None, "尚未達到規定數的92%", False, None),
    (SHARES, 4, None, None, "达到规定数的92%", False, "2"),
    # --- a value that includes another year's part is not this year's
    (LEVEL, 10, "5个", None, "引进项目4个（含上年结转1个）", False, None),
    (LEVEL, 10, "5个", None, "引进项目4个，其中上年结转1个", False, None),
    (LEVEL, 10, "5个", None, "引进项目6个(包括往年结转2个)", False, None),
    (LEVEL, 10, "5个", None, "引进项目4个", False, "8"),
    # --- the written level's base above the row's weight: the scales disagree
    (LEVEL, 8, None, "4个", None, False, None),
    (LEVEL, 8, None, "5个", None, False, None),
    ("新建基地3个得12分,每增(减)1个加(减)2分", 10, None, "2个", None, False, None),
    (LEVEL, 10, None, "4个", None, False, "8"),
    # --- several kinds: the note must be the counts alone (with at most a lead-in of doing, or the text's words)
    (K, 20, None, None, "私营企业2个（其中1个投入不足20万元）、个体工商户28个", False, None),
    (K, 20, None, None, "私营企业3个、个体工商户30个，均未达到投入20万元", False, None),
    (K1, 20, None, None, "私营企业4个（含上年结转1个）、个体工商户28个", False, None),
    (K1, 20, None, None, "私营企业4个、个体工商户28个，均为上年结转", False, None),
    (K1, 20, None, None, "注销私营企业4个、个体工商户28个", False, None),
    (K1, 20, None, None, "计划私营企业4个、个体工商户28个", False, None),
    (K1, 20, None, None, "私营企业4个、个体工商户28个（上年数据）", False, None),
    (K1, 20, None, None, "私营企业4个、个体工商户28个（另有5个未注册）", False, None),
    (K1, 20, None, None, "拟新增私营企业4个、个体工商户28个", False, None),
    (K2, 8, None, None, "计划引进企业3家，新建基地1个", False, None),
    (K2, 8, None, None, "引进企业1家，新建基地1个（未建成）", False, None),
    (K2, 8, None, None, "引进企业1家（已撤资），新建基地1个", False, None),
    (K2, 8, None, None, "引进企业1家，新建基地1个", False, "6"),
    (K1, 20, None, None, "本年新增私营企业2个、新增个体工商户31个", False, "16"),
    (K, 20, None, None, "新增投入过20万元的私营企业4个、个体工商户28个", True, "23"),
    (K1, 20, None, None, "私營企業2個、個體工商戶30個", False, "15"),
    # --- 执行率 from two amounts: only this year's spending against the budget
    (EXEC, 10, None, None, "全年预算数80万元，未支出72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，尚未执行72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，执行结余72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，未执行数72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，上年执行数72万元", False, None),
    (EXEC, 10, None, None, "计划预算数80万元，计划执行数72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，预计执行数72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，应执行数72万元", False, None),
    (EXEC, 10, None, None, "全年预算数80万元，无支出72万元", False, None),
    (EXEC, 10, None, None, "年度预算数80万元，拟支出72万元", False, None),
    (EXEC, 10, None, None, "全年预算数50万元，实际支出45万元", False, "9"),
    (EXEC, 10, None, None, "本年预算80万元，累计执行72万元", False, "9"),
    # --- tiers that only deduct: a value reaching none keeps the full marks
    ("超过1%扣1分;超过2%扣2分;超过3%扣3分", 3, None, "0.5%", None, False, "3"),
    ("不合格率超过1%扣1分;超过2%扣2分;超过3%扣3分", 3, None, "0.2%", None, False, "3"),
    ("1.不合格率超过1%的,扣1分;2.不合格率超过2%的,扣2分", 2, None, "0.5%", None, False, "2"),
    ("1.差错率超过1%扣1分;2.差错率超过2%扣2分", 5, None, None, "差错率1%", False, "5"),
    ("1.差错率超过1%扣1分;2.差错率超过2%扣2分", 5, None, None, "差错率0.8%", False, "5"),
    ("1.差错率超过1%扣1分;2.差错率超过2%扣2分", 5, "≤1%", "0.5%", None, False, "5"),
    ("1.合格率低于95%扣1分;2.合格率低于90%扣3分", 5, None, "98%", None, False, "5"),
    ("1.合格率低于95%扣1分;2.合格率低于90%扣3分", 5, None, None, "合格率95%", False, "5"),
    ("合格率低于95%扣1分;合格率低于90%扣3分", 5, "≥95%", "98%", None, False, "5"),
    ("1、投诉率高于1%扣1分；2、投诉率高于3%扣3分", 5, None, None, "投诉率0%", False, "5"),
    ("(1)知晓率低于90%扣2分;(2)知晓率低于80%扣4分", 6, None, None, "知晓率93%", False, "6"),
    ("1.覆盖率低于90%扣1分;2.覆盖率低于80%扣2分;3.覆盖率低于70%不得分", 5, None, "95%", None, False, "5"),
    ("1.覆盖率低于90%扣1分;2.覆盖率低于80%扣2分;3.覆盖率低于70%不得分", 5, None, "60%", None, False, "0"),
    ("超过1%扣1分;超过2%扣2分;超过3%扣3分", 3, None, "2.5%", None, False, "1"),
    ("1.合格率低于95%扣1分;2.合格率低于90%扣3分", 5, None, "92%", None, False, "4"),
    ("1.合格率低于95%扣1分;2.合格率低于90%扣3分", 5, None, "85%", None, False, "2"),
    # --- a deduction band among bands that award points below the marks: from what it deducts is unsaid
    ("85%-90%,2分;90%-95%,3分;95%以上,4分;85%以下扣2分", 4, None, "80%", None, False, None),
    ("80%-90%得3分;90%以上得5分;80%以下扣1分", 5, None, "70%", None, False, None),
    ("85%-90%,2分;90%-95%,3分;95%以上,4分;85%以下扣2分", 4, None, "92%", None, False, "3"),
    # --- a target in days with neither ≥ nor ≤: a time limit or days to reach, unsaid
    (PLAIN, 5, "3天", "2天", None, False, None),
    ("达到目标值得满分", 5, "5个工作日", "4个工作日", None, False, None),
    ("完成得满分，未完成按实际完成值/目标值×分值计分", 5, "3天", "2天", None, False, None),
    ("得分=实际完成值/目标值×分值", 5, "24小时", "20小时", None, False, None),
    ("达到目标值的90%以上得5分，80%-90%得3分，80%以下不得分", 5, "10天", "9天", None, False, None),
    (PLAIN, 5, "≤3天", "2天", None, False, "5"),
    (PLAIN, 5, "≥240天", "216天", None, False, "4.5"),
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "bonus", "score"), CASES)
def test_the_review_probes_score_right_or_are_refused(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, bonus: bool, score: str | None
) -> None:
    got = trial_score(text, weight, target=target, actual=actual, note=note, bonus=bonus)
    if score is None:
        assert got is None, (text, actual, note, got)
    else:
        assert got == Decimal(score), (text, actual, note, got)
