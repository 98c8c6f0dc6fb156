"""Affirm family, session 9 fixes of the review (/tmp/adv9/report_affirm.md): constructed variants of each finding's
class, with the hand working beside each case; ``None`` is a refusal.

- ``ruletext/bracketed_deductions``: a fault word that is part of a noun in the object of a duty ("开展违法建设整治",
  "建立缺陷产品召回制度", "做好逾期贷款清收") or of a remedy ("缺陷产品召回", "逾期贷款清收") names no fault: the
  bracket is not read as a deduction; a fault closing a duty ("建立台账不规范") still is;
- ``rules/level_names._kept``: "等级/等次/档次/级别" closing a level's name is the scale's word, so "合格" names
  "达到合格等级" (tests/test_rule_text_levels.py, broken by the last-word check of the loose naming);
- the other classes (plans, comparisons in words, vetoes beside a rate, lower-is-better rates) checked again with
  wordings of my own.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

_N = None

_BRACKETS = [
    # a duty's object holding a fault word as a noun: no fault named, refused (never 0 for the duty done)
    ("开展违法建设整治(扣2分)。", 2, _N, "已开展违法建设整治", _N, _N),
    ("建立缺陷产品召回制度(扣2分)。", 2, _N, "已建立缺陷产品召回制度", _N, _N),
    ("做好逾期贷款清收(扣2分)。", 2, _N, "已做好逾期贷款清收", _N, _N),
    ("开展滞后项目督导(扣2分)。", 2, _N, "已开展滞后项目督导", _N, _N),
    ("组织超标车辆排查(扣1分)。", 1, _N, "已组织超标车辆排查", _N, _N),
    # a remedy of a fault-worded noun: the duty, no fault
    ("违法建设整治(扣2分)。", 2, _N, "违法建设已整治", _N, _N),
    ("逾期贷款清收(扣2分)。", 2, _N, "逾期贷款已清收", _N, _N),
    ("缺陷产品召回(扣2分)。", 2, _N, "缺陷产品已召回", _N, _N),
    # a fault closing a duty still reads: found 2 − 2 = 0; restated as met: 2
    ("建立台账不规范(扣2分)。", 2, _N, "建立台账不规范", _N, Decimal(0)),
    ("建立台账不规范(扣2分)。", 2, _N, "台账建立规范", _N, Decimal(2)),
    ("开展培训不到位(扣2分)。", 2, _N, "开展培训不到位", _N, Decimal(0)),
    ("违规使用资金(扣2分)。", 2, _N, "违规使用资金", _N, Decimal(0)),
    ("未建立工作台账(扣2分)。", 2, _N, "已建立工作台账", _N, Decimal(2)),
    ("缺少年度总结(扣2分)。", 2, _N, "缺少年度总结", _N, Decimal(0)),
    # the comma form of the same: a duty ("配备…", "开展…") is no fault named — refused, never 0 for the duty done
    ("配备无障碍设施,扣2分。", 2, _N, "已配备无障碍设施", _N, _N),
    ("开展无烟单位创建,扣2分。", 2, _N, "已开展无烟单位创建", _N, _N),
    ("使用不锈钢餐具,扣2分。", 2, _N, "已使用不锈钢餐具", _N, _N),
    ("建立缺陷产品召回制度,扣2分。", 2, _N, "已建立缺陷产品召回制度", _N, _N),
    ("建立台账不规范,扣2分。", 2, _N, "建立台账不规范", _N, Decimal(0)),
    ("未建立台账,扣2分。", 2, _N, "已建立台账", _N, Decimal(2)),
    # a plan, a quality or a verdict left out, another year: refused
    ("未报送年度总结(扣3分)。", 3, _N, "准备下月报送年度总结", _N, _N),
    ("未报送年度总结(扣3分)。", 3, _N, "预计月底报送年度总结", _N, _N),
    ("未每季度开展巡查(扣2分)。", 2, _N, "已开展巡查", _N, _N),
    ("未按月报送报表(扣2分)。", 2, _N, "已报送报表", _N, _N),
    ("未通过考核(扣5分)。", 5, _N, "已考核", _N, _N),
    ("2021年未建立台账(扣2分)。", 2, _N, "2022年未建立台账", _N, _N),
]

_GRADES = "质量达到优良等级的得5分，达到合格等级的得3分，不合格的不得分"
_RATED = "评定为优秀等次的得10分，合格等次的得6分，不合格等次不得分"
_LEVELS = [
    # the grade named without the scale's word: 合格 = 达到合格等级 (3), 优良 = 达到优良等级 (5)
    (_GRADES, 5, _N, "合格", _N, Decimal(3)),
    (_GRADES, 5, _N, "优良", _N, Decimal(5)),
    (_GRADES, 5, _N, "合格等级", _N, Decimal(3)),
    (_GRADES, 5, _N, "质量优良", _N, Decimal(5)),
    (_GRADES, 5, _N, "不合格", _N, Decimal(0)),
    (_RATED, 10, _N, "优秀", _N, Decimal(10)),
    (_RATED, 10, _N, "合格", _N, Decimal(6)),
    (_RATED, 10, _N, "不合格", _N, Decimal(0)),
    # a hedge, a plan, a forecast or another grade: refused
    (_GRADES, 5, _N, "基本合格", _N, _N),
    (_GRADES, 5, _N, "良好", _N, _N),
    (_GRADES, 5, _N, "拟评为优良", _N, _N),
    (_GRADES, 5, _N, "预计合格", _N, _N),
    (_RATED, 10, _N, "基本合格", _N, _N),
]

_SPENT = "项目支出不超过批复预算的,得3分,否则不得分。"
_YIELD = "粮食产量不低于上年水平,得3分,否则不得分"
_COMPARED = [
    # 超出/高出/多于 are 超过 (0); 未超出/低于/少于 are ≤ (3)
    (_SPENT, 3, _N, "项目支出超出批复预算", _N, Decimal(0)),
    (_SPENT, 3, _N, "项目支出高出批复预算", _N, Decimal(0)),
    (_SPENT, 3, _N, "项目支出多于批复预算", _N, Decimal(0)),
    (_SPENT, 3, _N, "项目支出未超出批复预算", _N, Decimal(3)),
    (_SPENT, 3, _N, "项目支出没有超出批复预算", _N, Decimal(3)),
    (_SPENT, 3, _N, "项目支出低于批复预算", _N, Decimal(3)),
    (_SPENT, 3, _N, "项目支出少于批复预算", _N, Decimal(3)),
    # ≥ against "not more" (they overlap at =), a forecast, a plan, a "may", a past state: refused
    (_YIELD, 3, _N, "粮食产量低于上年水平", _N, Decimal(0)),
    (_YIELD, 3, _N, "粮食产量高于上年水平", _N, Decimal(3)),
    (_YIELD, 3, _N, "粮食产量未超过上年水平", _N, _N),
    (_YIELD, 3, _N, "粮食产量不高于上年水平", _N, _N),
    (_YIELD, 3, _N, "粮食产量预计低于上年水平", _N, _N),
    (_YIELD, 3, _N, "粮食产量或将低于上年水平", _N, _N),
    (_YIELD, 3, _N, "粮食产量可能低于上年水平", _N, _N),
    (_YIELD, 3, _N, "粮食产量曾低于上年水平", _N, _N),
    ("支出超过预算的扣2分;未按时报送决算的扣1分。", 3, _N, _N, "支出预计超过预算，按时报送决算", _N),
    ("支出超过预算的扣2分;未按时报送决算的扣1分。", 3, _N, _N, "支出未超过预算，按时报送决算", Decimal(3)),
    # 或 / 或将 / 也许 before the comparison: "may", no finding
    ("支出超过预算的扣2分;未按时报送决算的扣1分。", 3, _N, _N, "支出或超过预算，按时报送决算", _N),
    ("支出超过预算的扣2分;未按时报送决算的扣1分。", 3, _N, _N, "支出也许超过预算，按时报送决算", _N),
    (_SPENT, 3, _N, "项目支出或将超过批复预算", _N, _N),
    # a composite part's quality left out (及时 not said): refused
    ("本年支出不超过年初预算的得2分,及时报送决算报表的得2分。", 4, _N, _N, "本年支出高于年初预算；决算报表已报送", _N),
]

_VETOES = [
    # a 0 level naming another fault beside the rate: "100%" says nothing of it — refused
    ("完成率100%计满分;档案资料不达标的,该项不得分。", 10, "100%", "100%", _N, _N),
    ("完成率100%计满分;资料报送未完成的,该项不得分。", 10, "100%", "100%", _N, _N),
    ("完成率100%计满分;有虚报瞒报或不达标的,该项不得分。", 10, "100%", "100%", _N, _N),
    ("完成率100%计满分;工作进度低于序时进度的,该项不得分。", 10, "100%", "100%", _N, _N),
    # the rate's own 0 level: 100% is the full marks
    ("完成率100%计满分;未达标的,该项不得分。", 10, "100%", "100%", _N, Decimal(10)),
    ("完成率100%计满分;否则不得分。", 10, "100%", "100%", _N, Decimal(10)),
    # a forecast of the rate: refused
    ("完成率100%计满分;未达标不得分。", 15, "100%", _N, "完成率预计100%", _N),
    # a lower-is-better rate below its bare value: what the value bounds is unsaid — refused, never 0
    ("事故率1%得10分;未达标不得分", 10, _N, "0.8%", _N, _N),
    ("返工率3%得5分;未达标不得分", 5, _N, "2%", _N, _N),
    ("失误率2%得10分;否则不得分", 10, _N, "1%", _N, _N),
    # a higher-is-better rate: above 10, below 0
    ("合格率95%得10分;未达标不得分", 10, _N, "96%", _N, Decimal(10)),
    ("合格率95%得10分;未达标不得分", 10, _N, "90%", _N, Decimal(0)),
]


@pytest.mark.parametrize(
    ("text", "weight", "target", "actual", "note", "expected"), _BRACKETS + _LEVELS + _COMPARED + _VETOES
)
def test_review_fix_variants(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, expected: Decimal | None
) -> None:
    assert trial_score(text, weight, target=target, actual=actual, note=note) == expected
