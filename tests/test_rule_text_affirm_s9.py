"""Affirm family, session 9: constructed texts for the readings added this session, each with its hand working in
its id, and near-misses that must be refused (None).

- ``ruletext/bracketed_deductions``: a deduction in brackets after its fault ("未上报A和B(扣5分)") is the clause's own
  "…,扣5分";
- ``rules/reached_levels.valued_level``: a rate at a bare value ("完成率100%计满分") against an actual of that value;
- ``rules/compared_restatements``: a comparison in words restated with another comparison word ("…面积大于…保有量"
  against "…面积大于或等于…保有量");
- ``rules/kind_rows``: one condition scored by the kind of unit ("产区得4分,非产区得3分"), the row of one kind;
- ``ruletext/exclusive_levels``: two levels with the same marks that exclude each other ("检查合格得20分…未检查的单位
  得20分"), and ``unsaid_words.unsaid_verdict``: a check's verdict left out ("已检查") is not the verdict.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, trial_score

_N = None

# (text, weight, target, actual, note, expected score or None)
_BRACKETED = [
    # one fault, both things done: nothing found, 5
    ("未报送工作计划和年度总结(扣5分)。", 5, _N, "已报送工作计划和年度总结", _N, Decimal(5)),
    # full-width brackets, both denied: 5 − 5 = 0
    ("未报送工作计划和年度总结（扣5分）", 5, _N, "未报送工作计划和年度总结", _N, Decimal(0)),
    # 扣除 and a preamble before the fault: all done, 4
    ("根据考核办法,未建立工作台账、制定实施方案(扣除4分)。", 4, _N, _N, "已建立工作台账、制定实施方案", Decimal(4)),
    # two bracketed faults: the second found, 3 − 1 = 2
    ("未建立工作制度(扣2分);未开展业务培训(扣1分)。", 3, _N, "已建立工作制度，未开展业务培训", _N, Decimal(2)),
    # near-misses: a plan is not the deed; a per-item bracket and a limit are not this reading
    ("未报送工作计划和年度总结(扣5分)。", 5, _N, "拟报送工作计划和年度总结", _N, _N),
    ("未建立工作制度(扣2分,扣完为止)。", 2, _N, "已建立工作制度", _N, _N),
    ("每月召开例会(扣1分)。", 3, _N, "已每月召开例会", _N, _N),  # no fault named: when is 1 taken?
]

_VALUED = [
    # the actual is the level's own value: 100% = "完成率100%", full marks 15
    ("完成率100%计满分;净完成数有1人不达标,该项不得分。", 15, "100%", "100%", _N, Decimal(15)),
    ("入学率100%得10分;入学率未达标,不得分", 10, "100%", "100%", _N, Decimal(10)),
    # near-misses: another value (what a bare value bounds is not said), another unit, a 0 level of another fault
    ("完成率100%计满分;净完成数有1人不达标,该项不得分。", 15, "100%", "99%", _N, _N),
    ("完成率100%计满分;净完成数有1人不达标,该项不得分。", 15, "100%", "100人", _N, _N),
    ("完成率100%计满分;发现弄虚作假的,该项不得分。", 15, "100%", "100%", _N, _N),
    ("入学率100%得10分;有1名适龄儿童未入学,不得分", 10, "100%", "100%", _N, _N),  # a fault of its own
]

_TEXT = "本年支出不超过年初预算的,得2分,否则不得分。"
_FOREST = "2020年末林地面积大于或等于规划确定的林地保有量的,得4分,否则不得分。"
_COMPARED = [
    # ≤ asked: 低于 (<) and 等于 (=) lie inside it, 超过 (>) outside
    (_TEXT, 2, _N, "本年支出低于年初预算", _N, Decimal(2)),
    (_TEXT, 2, _N, "本年支出等于年初预算", _N, Decimal(2)),
    (_TEXT, 2, _N, "本年支出未超过年初预算", _N, Decimal(2)),  # 未超过 is ≤ itself
    ("林地面积不低于规划保有量的,得2分,否则不得分。", 2, _N, "林地面积不足规划保有量", _N, Decimal(0)),  # 不足: <
    (_TEXT, 2, _N, "本年支出达到年初预算", _N, _N),  # 达到: within or past? not read
    ("差错率不超过控制标准的,得2分,否则不得分。", 2, _N, "差错率未达到控制标准", _N, _N),  # below, or not up to it?
    (_TEXT, 2, _N, "本年支出超过年初预算", _N, Decimal(0)),
    ("新增储备不低于上年水平,得3分,否则不得分", 3, _N, "新增储备高于上年水平", _N, Decimal(3)),
    ("新增储备不低于上年水平,得3分,否则不得分", 3, _N, "新增储备少于上年水平", _N, Decimal(0)),
    # near-misses: a hedge, a degree, a forecast, a number, another subject, a negation
    (_TEXT, 2, _N, "本年支出基本等于年初预算", _N, _N),
    (_TEXT, 2, _N, "本年支出略低于年初预算", _N, _N),
    (_TEXT, 2, _N, "预计本年支出低于年初预算", _N, _N),
    (_TEXT, 2, _N, "本年支出超过年初预算10万元", _N, _N),
    (_TEXT, 2, _N, "上年支出低于年初预算", _N, _N),
    (_TEXT, 2, _N, "本年支出未低于年初预算", _N, _N),
    # (found while testing: once read by words as met) a plan or a forecast before the comparison word
    (_FOREST, 4, _N, "2020年末林地面积拟大于规划确定的林地保有量", _N, _N),
    (_FOREST, 4, _N, "2020年末林地面积预计大于规划确定的林地保有量", _N, _N),
    (_FOREST, 4, _N, "2020年末林地面积大于规划确定的林地保有量", _N, Decimal(4)),
    (_FOREST, 4, _N, "2020年末林地面积力争大于规划确定的林地保有量", _N, _N),
    (_FOREST, 4, _N, "2020年末林地面积大于规划确定的林地保有量（预计）", _N, _N),
    (_FOREST, 4, _N, "2021年末林地面积大于规划确定的林地保有量", _N, _N),  # another year
    # (once 3 by words) a comparison beside another requirement: "少于" never read as a word of "不低于"; (round 2)
    # read as the comparison it is: < against ≥, one requirement not met, 否则 0
    (
        "新增储备不低于上年水平,且按时上报材料,得3分,否则不得分",
        3,
        _N,
        "新增储备少于上年水平，按时上报材料",
        _N,
        Decimal(0),
    ),
    ("新增储备不低于上年水平,且按时上报材料,得3分,否则不得分", 3, _N, "新增储备略高于上年水平，按时上报材料", _N, _N),
    (
        "新增储备不低于上年水平,且按时上报材料,得3分,否则不得分",
        3,
        _N,
        "新增储备高于上年水平，按时上报材料",
        _N,
        Decimal(3),
    ),
]

_KINDS = "2020年末林地面积大于或等于规划确定的林地保有量的,重点林区得5分,非重点林区得4分,否则不得分。"
_KIND_ROWS = [
    # a 4-point row is a 非重点林区's: named, condition met (大于 inside ≥): 4
    (_KINDS, 4, _N, "非重点林区，2020年末林地面积大于规划确定的林地保有量", _N, Decimal(4)),
    # 等于 inside ≥: 4; in an explanation, semicolons
    (_KINDS, 4, _N, _N, "非重点林区;2020年末林地面积等于规划确定的林地保有量", Decimal(4)),
    # 小于 outside ≥: 否则, 0
    (_KINDS, 4, _N, "非重点林区，2020年末林地面积小于规划确定的林地保有量", _N, Decimal(0)),
    # a row at the top marks is left to the level reading (which refuses the kind statement)
    (_KINDS, 5, _N, "重点林区，2020年末林地面积大于规划确定的林地保有量", _N, _N),
    # near-misses: a kind whose marks are not the weight; no kind; the kind inside other words; the kind alone;
    # a plan; a hedge
    (_KINDS, 4, _N, "重点林区，2020年末林地面积大于规划确定的林地保有量", _N, _N),
    (_KINDS, 4, _N, "2020年末林地面积大于规划确定的林地保有量", _N, _N),
    (_KINDS, 4, _N, "属于非重点林区，2020年末林地面积大于规划确定的林地保有量", _N, _N),
    (_KINDS, 4, _N, "非重点林区", _N, _N),
    (_KINDS, 4, _N, "非重点林区，2020年末林地面积拟大于规划确定的林地保有量", _N, _N),
    (_KINDS, 4, _N, "非重点林区，2020年末林地面积基本等于规划确定的林地保有量", _N, _N),
]

_CHECKED = "验收合格的得5分;验收不合格的不得分;未组织验收的得5分"
_YEARLY = "年检合格,得10分;年检不合格,不得分;未参加年检的单位,得10分"
_EXCLUSIVE = [
    # 合格 5, 不合格 0, 未组织验收 5: the two 5-point levels are alternatives (验收 done or not), one scale
    (_CHECKED, 5, _N, "验收合格", _N, Decimal(5)),
    (_CHECKED, 5, _N, "合格", _N, Decimal(5)),
    (_CHECKED, 5, _N, "验收不合格", _N, Decimal(0)),
    (_CHECKED, 5, _N, "未组织验收", _N, Decimal(5)),
    (_YEARLY, 10, _N, "未参加年检", _N, Decimal(10)),
    (_YEARLY, 10, _N, "年检不合格", _N, Decimal(0)),
    # near-misses: the check made, its verdict not said; a hedged verdict; two equal levels that may both hold
    (_CHECKED, 5, _N, "已验收", _N, _N),
    (_CHECKED, 5, _N, "基本合格", _N, _N),
    (_YEARLY, 10, _N, "已参加年检", _N, _N),
    ("检查合格得20分;整改完成得20分;不合格不得分", 20, _N, "检查合格", _N, _N),
]


@pytest.mark.parametrize(
    ("text", "weight", "target", "actual", "note", "expected"),
    _BRACKETED + _VALUED + _COMPARED + _KIND_ROWS + _EXCLUSIVE,
)
def test_scores(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, expected: Decimal | None
) -> None:
    assert trial_score(text, weight, target=target, actual=actual, note=note) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("未报送工作计划和年度总结(扣5分)。", ("未报送工作计划和年度总结",)),
        ("未建立工作制度(扣2分);未开展业务培训(扣1分)。", ("未建立工作制度", "未开展业务培训")),
    ],
)
def test_bracketed_names(text: str, names: tuple[str, ...]) -> None:
    """The fault keeps its name (the bracket once lost it) and the rule round-trips."""
    rule = parse_rule_text(text)
    assert rule is not None
    assert rule.to_dict()["names"] == list(names)
    assert round_trips(rule)


def test_reasons_say_the_reading() -> None:
    from medaid.services.evaluation import try_rule

    trial = try_rule(_KINDS, weight="4", target=None, actual="非重点林区，2020年末林地面积小于规划确定的林地保有量",
                     note=None, holds=None, bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None
    assert "按单位类别计分" in trial.outcome.reason and "即未做到" in trial.outcome.reason
