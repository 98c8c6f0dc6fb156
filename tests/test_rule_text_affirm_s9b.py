"""Affirm family, session 9 round 2: explanations worded as other evaluators word them, and the loose namings that
gave wrong numbers. Constructed texts, each case with its hand working beside it; near-misses must be refused.

- ``rules/level_names``: a loose naming keeps the name's negation on the same word ("未经审批即拨付,其余环节按程序
  办理" does not name "不按程序办理") and, when the description is the shorter, the name's last word ("用火安全" is
  not "存在用电用火的安全隐患"); a list's bare head ("用电用火、煤气使用安全" → 用电用火) names nothing;
- ``rules/evidence_clauses``: how the evaluator checked ("经核查，", "对照评估要求核查，", "查阅…档案，") is passed over;
- ``answers.standard_answer``: a standard said met with 达到 for 符合, and a lack beside "不满足…要求";
- ``level_names._agreeing``: 一致 for 相符; ``absent_objects``: "未建立任何财务会计制度" is the 不健全 level;
- ``compared_values``: a comparison of two quantities in words answered with both values, or one value and the
  comparison said of the bar;
- ``standard_levels``: the measure named before 达标 ("同步组建率达标") when the explanation names it; ``verdict_levels``:
  "…，各项要求均已达到" is the top verdict level; ``each_units``: a floor each unit must reach; ``task_values``: a
  task and what was done of it; ``unsaid_words``: "专(兼)职" admits a part-time post.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

_N = None

_STEPS = "资金是否按程序拨付。严格按程序办理:4分;部分环节没有按程序办理:2分;不按程序办理:0分。"
_HAZARDS = "居住环境无安全隐患计5分;存在以下安全隐患计0分:1.存在用电用火的安全隐患;2.存在溺水的安全隐患。"
_LOOSE = [
    # the negation is of 经审批, not of 按程序: never "不按程序办理" (once 0); read as the partial level below
    (_STEPS, 4, _N, _N, "有一笔资金未经审批即拨付，另有资料齐全", _N),
    # the negation on 按程序 itself still names it: 0; a hedge names the middle level: 2; all strict: 4
    (_STEPS, 4, _N, _N, "资金拨付未按程序办理", Decimal(0)),
    (_STEPS, 4, _N, _N, "存在未按程序办理的情况", Decimal(0)),
    (_STEPS, 4, _N, _N, "部分环节未按程序办理", Decimal(2)),
    (_STEPS, 4, _N, _N, "各环节均严格按程序办理", Decimal(4)),
    # a list's head without its predicate, a subject alone, 安全 for 安全隐患: none names the 0 level (once 0)
    (_HAZARDS, 5, _N, _N, "用电用火、煤气使用安全", _N),
    (_HAZARDS, 5, _N, _N, "用电、用火安全，周边无水塘", _N),
    (_HAZARDS, 5, _N, _N, "用电用火", _N),
    (
        "儿童居住的环境无安全隐患计10分。有以下安全隐患存在计0分:1.存在被性侵的隐患;2.存在被家暴的隐患;"
        "3.存在用电用火的安全隐患;4.存在溺水的安全隐患。",
        10,
        _N,
        _N,
        "经入户走访，未发现性侵、家暴等风险；用电用火使用安全；周边无溺水隐患。",
        _N,
    ),
    # the hazard said: 0; none: 5
    (_HAZARDS, 5, _N, _N, "存在用电用火的安全隐患", Decimal(0)),
    (_HAZARDS, 5, _N, _N, "存在溺水隐患", Decimal(0)),
    (_HAZARDS, 5, _N, _N, "无安全隐患", Decimal(5)),
    # a grade word after the level's word is no word of its own: "合格" names "达到合格等级": 3
    ("质量达到优良等级的得5分，达到合格等级的得3分，不合格的不得分", 5, _N, "合格", _N, Decimal(3)),
    # a bracket is a note, not the name's last word: "残疾" names "残疾(含精神类疾病)": 0
    ("身体健康计10分,残疾(含精神类疾病)或患重病计0分。", 10, _N, "残疾", _N, Decimal(0)),
]


_STANDARD = "符合标准，得1分"
_UNMET = "不满足，不得分"
_VERDICTS = [
    # a verdict with its subject, 达到 for 符合: 1; unmet after a lead-in: 0 (the text: not met is 0 for a bare verdict)
    (_STANDARD, 1, _N, _N, "图书馆藏书量（含电子图书）达到标准要求。", Decimal(1)),
    (_STANDARD, 1, _N, _N, "经核查，图书馆藏书量未达到标准。", Decimal(0)),
    (_STANDARD, 1, _N, _N, "经现场查看，实验室面积符合标准", Decimal(1)),
    # near-misses: a part, a degree, a plan, a lack beside the standard met
    (_STANDARD, 1, _N, _N, "部分藏书量达到标准要求", _N),
    (_STANDARD, 1, _N, _N, "藏书量基本达到标准", _N),
    (_STANDARD, 1, _N, _N, "图书馆藏书量拟达到标准", _N),
    (_STANDARD, 1, _N, _N, "藏书量达到标准，但电子图书不足", _N),
    # a lack beside the standard said unmet agrees with it: 0; the lack alone, or beside "满足": refused
    (_UNMET, 2, _N, _N, "基地缺少生物安全柜等必备设备，设备配置不满足标准要求。", Decimal(0)),
    (_UNMET, 2, _N, _N, "未配备负压病房，设施不满足细则要求", Decimal(0)),
    (_UNMET, 2, _N, _N, "基地缺少生物安全柜等必备设备", _N),
    (_UNMET, 2, _N, _N, "设备配置满足标准要求，但缺少生物安全柜", _N),
    # a lead-in that is a finding is not passed over: "抽查发现…" holds 发现 and a negation
    (_STANDARD, 1, _N, _N, "抽查发现2处，设施达到标准", _N),
]

_AGREE = "是否符合文件规定,完全相符:3分,基本相符:2分,部分相符:1分;不相符:0分。"
_TALLY = "体检数量与体检结果登记是否相符,相符得3分,不符得0分;"
_SYSTEMS = "财务会计制度健全的得10分,基本健全的得6分,不健全的扣10分。"
_AIMS = "引导资金设立目标是否明确,明确:3分;基本明确:1.5分;不明确:0分"
_WORDS = [
    # 一致 is 相符: 完全一致 3, 基本一致 2, 不一致 0; "数量一致" names 相符: 3
    (_AGREE, 3, _N, _N, "经比对，项目实施内容与文件规定完全一致。", Decimal(3)),
    (_AGREE, 3, _N, _N, "项目实施内容与文件规定基本一致", Decimal(2)),
    (_AGREE, 3, _N, _N, "与文件规定不一致", Decimal(0)),
    (_TALLY, 3, _N, _N, "本年度共体检120人，体检结果登记120人，数量一致。", Decimal(3)),
    # near-misses: 一致 without a degree against degrees; a degree the scale lacks
    (_AGREE, 3, _N, _N, "与文件规定一致", _N),
    (_AGREE, 3, _N, _N, "大体一致", _N),
    (_TALLY, 3, _N, _N, "数量基本一致", _N),
    # none of the thing at all: the level denying its quality, 0
    (_SYSTEMS, 10, _N, _N, "单位未建立任何财务会计制度。", Decimal(0)),
    (_AIMS, 3, _N, _N, "资金设立时未提出任何目标。", Decimal(0)),
    # near-misses: a part; a finding; another thing; without 任何 (left to other readings); a level of absence
    (_SYSTEMS, 10, _N, _N, "部分单位未建立任何财务会计制度", _N),
    (_SYSTEMS, 10, _N, _N, "未发现任何问题", _N),
    (_SYSTEMS, 10, _N, _N, "单位未建立任何台账", _N),
    (_AIMS, 3, _N, _N, "未提出任何绩效指标", _N),
    ("制度健全:10分;基本健全:6分;不健全:3分;未建立:0分", 10, _N, _N, "未建立任何制度", Decimal(0)),
]

_LAND = "2019年末耕地面积大于或等于规划下达的耕地保有量的,得3.5分,否则不得分。"
_MAKEUP = "年内补充的耕地面积达到各类非农建设经依法批准占用的耕地面积(校核后),记10分,达不到的,该项不得分。"
_VALUES = [
    # both sides valued: 120.6 ≥ 120 met, 3.5; 118 < 120 not met, 0
    (_LAND, 3.5, "≥120万亩", _N, "2019年末全区耕地面积120.6万亩，规划下达耕地保有量120万亩。", Decimal("3.5")),
    (_LAND, 3.5, _N, _N, "规划下达耕地保有量120万亩，2019年末耕地面积118万亩", Decimal(0)),
    # one value and the comparison said of the bar, the subject left out: < against ≥, 0
    (_LAND, 3.5, _N, _N, "2019年末耕地面积为119.5万亩，低于规划下达的耕地保有量。", Decimal(0)),
    # 达到 between two quantities of one measure: 1236 ≥ 1200, 10; equal, 10; "少于" the bar, 0
    (_MAKEUP, 10, _N, _N, "年内补充耕地1236亩，经依法批准占用耕地1200亩，实现占补平衡。", Decimal(10)),
    (_MAKEUP, 10, _N, _N, "年内补充耕地1200亩，经依法批准占用耕地1200亩", Decimal(10)),
    (_MAKEUP, 10, _N, _N, "全年补充耕地1150亩，少于经依法批准占用的耕地面积。", Decimal(0)),
    # near-misses: a hedge, one value only, other units, another year, a shortfall beside, 达到 a ceiling
    (_LAND, 3.5, _N, _N, "2019年末耕地面积约120.6万亩，规划下达耕地保有量120万亩", _N),
    (_LAND, 3.5, _N, _N, "2019年末耕地面积120.6万亩", _N),
    (_LAND, 3.5, _N, _N, "2019年末耕地面积120.6万亩，规划下达耕地保有量120万公顷", _N),
    (_LAND, 3.5, _N, _N, "2018年末耕地面积120.6万亩，规划下达耕地保有量120万亩", _N),
    (_MAKEUP, 10, _N, _N, "年内补充耕地1236亩，经依法批准占用耕地1200亩，但有30亩补充耕地未验收", _N),
    ("差错率达到控制标准的,得2分,否则不得分", 2, _N, _N, "差错率2次，控制标准3次", _N),
]


_RATE = "同步组建率达标得2分,未达标不得分"
_GRADE = "符合得5分,部分符合得2分,不符合不得分。"
_EACH = "各村秋季防疫工作经费2000元以上得分,否则不得分。"
_TASK = "完成年度下达补充耕地任务的,得1分,否则不得分。"
_JOBS = "完成率100%计满分;净完成数有1人不达标,该项不得分。"
_MORE = [
    # the measure named in the level and in the explanation: 98% ≥ 98% → 2; 97% → 0
    (_RATE, 2, "≥98%", _N, "经审组织同步组建率98%。", Decimal(2)),
    (_RATE, 2, "≥98%", _N, "经审组织同步组建率97%", Decimal(0)),
    # near-misses: another measure, a part of the name, a forecast
    (_RATE, 2, "≥98%", _N, "覆盖率98%", _N),
    (_RATE, 2, "≥98%", _N, "组建率98%", _N),
    (_RATE, 2, "≥98%", _N, "同步组建率预计98%", _N),
    # every requirement met, nothing less said: 符合, 5
    (_GRADE, 5, _N, _N, "具备必要的办公条件和办公设施，数据已接入服务平台，各项要求均已达到。", Decimal(5)),
    (_GRADE, 5, _N, _N, "各项要求均符合", Decimal(5)),
    # near-misses: a failure beside "其余…均…", a degree beside, the verdict without 均
    (_GRADE, 5, _N, _N, "具备办公条件，但数据未接入平台，其余要求均已达到", _N),
    (_GRADE, 5, _N, _N, "办公设施基本具备，各项要求均已达到", _N),
    (_GRADE, 5, _N, _N, "要求已达到", _N),
    # each village at least 2000元: 2; three below: 0
    (_EACH, 2, "≥2000元", _N, "全镇12个村秋季防疫工作经费均在2000元以上，最少的村为2000元。", Decimal(2)),
    (_EACH, 2, "≥2000元", _N, "抽查各村秋防经费，其中3个村不足2000元。", Decimal(0)),
    # near-misses: a least value below the floor, another floor, another unit of count, a part, another failure
    (_EACH, 2, "≥2000元", _N, "各村经费均在2000元以上，最少的村为1800元", _N),
    (_EACH, 2, "≥2000元", _N, "其中3个村不足1500元", _N),
    (_EACH, 2, "≥2000元", _N, "其中3户不足2000元", _N),
    (_EACH, 2, "≥2000元", _N, "部分村经费均在2000元以上", _N),
    (_EACH, 2, "≥2000元", _N, "各村经费均在2000元以上，但2个村未及时拨付", _N),
    (_EACH, 2, "≥3000元", _N, "其中3个村不足3000元", _N),  # the row's floor is not the text's
    # a task and what was done: 820 ≥ 800 → 1; a rate below 100% → 0; 812 ≥ 800 → full 15; 499 < 500 → 0
    (_TASK, 1, _N, _N, "年度下达补充耕地任务800亩，实际完成补充耕地820亩。", Decimal(1)),
    (_TASK, 1, _N, _N, "补充耕地任务完成率95%。", Decimal(0)),
    (_JOBS, 15, "100%", _N, "年度新增就业目标800人，净完成812人。", Decimal(15)),
    (_JOBS, 15, "100%", _N, "目标净增就业500人，实际净完成499人。", Decimal(0)),
    # near-misses: a forecast, another unit, a part beside, another task, a 0 level of another fault
    (_TASK, 1, _N, _N, "年度任务800亩，预计完成820亩", _N),
    (_TASK, 1, _N, _N, "年度任务800亩，完成820公顷", _N),
    (_TASK, 1, _N, _N, "年度任务800亩，完成820亩，其中30亩未验收", _N),
    (_TASK, 1, _N, _N, "年度下达造林任务800亩，完成造林820亩", _N),
    ("完成率100%计满分;发现弄虚作假的,该项不得分。", 15, "100%", _N, "目标净增就业500人，实际净完成499人。", _N),
    # 专(兼)职 admits a part-time post; 专职 does not
    (
        "配备专(兼)职人员负责健康档案管理工作,有专柜整齐存放得10分。",
        10,
        _N,
        _N,
        "配备兼职人员负责健康档案管理工作，有专柜整齐存放",
        Decimal(10),
    ),
    (
        "配备专职人员负责健康档案管理工作,有专柜整齐存放得10分。",
        10,
        _N,
        _N,
        "配备兼职人员负责健康档案管理工作，有专柜整齐存放",
        _N,
    ),
]


@pytest.mark.parametrize(
    ("text", "weight", "target", "actual", "note", "expected"), _LOOSE + _VERDICTS + _WORDS + _VALUES + _MORE
)
def test_scores(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, expected: Decimal | None
) -> None:
    assert trial_score(text, weight, target=target, actual=actual, note=note) == expected


# Review fixes (/tmp/adv9/report_affirm.md): each finding's class with constructed variants; hand working beside.
_BUDGET = "本年支出不超过年初预算的,得2分,否则不得分。"
_LAND4 = "2019年末耕地面积大于或等于规划下达的耕地保有量的,得4分,否则不得分。"
_STOCK = "新增储备不低于上年水平,得3分,否则不得分"
_REVIEW = [
    # A1: a fault is a word, not a letter: no fault named, the bracket not read as a deduction (refused, never 0)
    ("使用不锈钢餐具(扣2分)。", 2, _N, "已使用不锈钢餐具", _N, _N),
    ("配备无障碍设施(扣2分)。", 2, _N, "已配备无障碍设施", _N, _N),
    ("未成年人保护工作开展情况(扣2分)。", 2, _N, "未成年人保护工作已开展", _N, _N),
    ("少数民族工作开展(扣1分)。", 1, _N, "少数民族工作已开展", _N, _N),
    ("无人机巡查(扣1分)。", 1, _N, "已开展无人机巡查", _N, _N),
    ("漏水维修(扣1分)。", 1, _N, "漏水已维修", _N, _N),
    ("超标排放整改(扣2分)。", 2, _N, "超标排放已整改", _N, _N),  # a remedy: the duty, no fault
    ("对未达标企业进行整改(扣2分)。", 2, _N, "已对未达标企业进行整改", _N, _N),
    # … while real faults still read: 漏报 found 1 − 1 = 0; 逾期 not found: 2; 不全 found: 0
    ("统计数据漏报(扣1分)。", 1, _N, "统计数据漏报", _N, Decimal(0)),
    ("材料逾期报送(扣2分)。", 2, _N, "材料按时报送", _N, Decimal(2)),
    ("台账不全(扣2分)。", 2, _N, "台账不全", _N, Decimal(0)),
    # a double negation is garbled: not read
    ("没有不建立制度(扣2分)。", 2, _N, "已建立制度", _N, _N),
    # A2: a plan is no finding either way (hand 0 or judge: refused, never full marks)
    ("未报送工作计划和年度总结(扣5分)。", 5, _N, "将于下月报送工作计划和年度总结", _N, _N),
    ("未报送工作计划和年度总结(扣5分)。", 5, _N, "计划下月报送工作计划和年度总结", _N, _N),
    ("未报送工作计划和年度总结,扣5分。", 5, _N, "准备近期报送工作计划和年度总结", _N, _N),
    ("支出超过年初预算的扣2分;未按时报送决算的扣1分。", 3, _N, _N, "支出将超过年初预算，按时报送决算", _N),
    # "工作计划" is the thing, not a plan: reported, 5
    ("未报送工作计划和年度总结(扣5分)。", 5, _N, "已报送工作计划和年度总结", _N, Decimal(5)),
    # A3: the check without its verdict; the deed without its frequency
    ("未通过验收(扣5分)。", 5, _N, "已验收", _N, _N),
    ("未每月开展巡查(扣2分)。", 2, _N, "已开展巡查", _N, _N),
    ("未每月开展巡查(扣2分)。", 2, _N, "已每月开展巡查", _N, Decimal(2)),
    # the frequency check only when the statement restates the deed: another deed, or a fault said, is read as before
    ("未建立制度、不定期检查、不按时报送的,分别扣2、1、1分", 4, _N, "定期检查", _N, Decimal(4)),
    ("未按时上报或上报数据错误的扣1分", 1, _N, "上报数据错误", _N, Decimal(0)),
    # using a faulty thing is the fault itself (not a duty): 5 − 1 = 4
    ("道口设有拦鱼网扣2分；使用过期药品扣1分", 5, _N, "道口未设拦鱼网，使用过期药品", _N, Decimal(4)),
    # A4: another year
    ("2020年未建立制度(扣2分)。", 2, _N, "2021年未建立制度", _N, _N),
    # B: the 0 level must be the rate falling short, not another fault holding a short word
    ("完成率100%计满分;资料报送不达标,该项不得分。", 15, "100%", "100%", _N, _N),
    ("完成率100%计满分;整改未完成的,该项不得分。", 10, _N, "100%", _N, _N),
    ("完成率100%计满分;未完成整改的,该项不得分。", 10, _N, "100%", _N, _N),
    ("完成率100%计满分;数据低于上年的,该项不得分。", 10, _N, "100%", _N, _N),
    ("完成率100%计满分;完成率未达标的,该项不得分。", 10, _N, "100%", _N, Decimal(10)),
    ("完成率100%计满分;净完成数有1人不达标,该项不得分。", 15, "100%", _N, "完成率预计100%", _N),  # a forecast
    # C1: 超出/高出 are 超过; 未超出/未高出 are ≤
    (_BUDGET, 2, _N, "本年支出超出年初预算", _N, Decimal(0)),
    (_BUDGET, 2, _N, "本年支出高出年初预算", _N, Decimal(0)),
    (_BUDGET, 2, _N, "本年支出未超出年初预算", _N, Decimal(2)),
    (_BUDGET, 2, _N, "本年支出未高出年初预算", _N, Decimal(2)),
    ("本年支出不超过年初预算的得2分;超过的不得分。", 2, _N, "本年支出未高出年初预算", _N, Decimal(2)),
    # C2: ≤ against ≥ overlap at =: not read
    (_LAND4, 4, _N, "2019年末耕地面积不大于规划下达的耕地保有量", _N, _N),
    (_LAND4, 4, _N, "2019年末耕地面积未超出规划下达的耕地保有量", _N, _N),
    (_STOCK, 3, _N, "新增储备未超出上年水平", _N, _N),
    # C3: a past state, a forecast, a "may", a plan: not read
    (_BUDGET, 2, _N, "本年支出曾超过年初预算", _N, _N),
    (_BUDGET, 2, _N, "本年支出将超过年初预算", _N, _N),
    (_BUDGET, 2, _N, "本年支出可能超过年初预算", _N, _N),
    (_STOCK, 3, _N, "新增储备将低于上年水平", _N, _N),
    (_STOCK, 3, _N, "新增储备拟低于上年水平", _N, _N),
    # D: a bare value of a rate of faults bounds nothing said: not read; a completion rate still "at least"
    ("事故率1%得10分;未达标不得分", 10, _N, "0.5%", _N, _N),
    ("差错率2%得10分;未达标不得分", 10, _N, "1%", _N, _N),
    ("投诉率1%得10分;否则不得分", 10, _N, "0.5%", _N, _N),
    ("完成率100%得10分;未达标不得分", 10, _N, "100%", _N, Decimal(10)),
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "expected"), _REVIEW)
def test_review_fixes(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, expected: Decimal | None
) -> None:
    assert trial_score(text, weight, target=target, actual=actual, note=note) == expected


_TALLY2 = "体检数量与体检结果登记是否相符,相符得3分,不符得0分;"
_COUNTIES = "2.各县(市、区)农村低保标准全部达到省定扶贫标准。(2分)"
_LATER = [
    # two counts that must agree, given as numbers: 156 ≠ 148 → 不符 0; 120 = 120 → 相符 3
    (_TALLY2, 3, _N, _N, "体检花名册显示体检156人，体检结果登记仅148人。", Decimal(0)),
    (_TALLY2, 3, _N, _N, "本年度共体检120人，体检结果登记120人", Decimal(3)),
    ("账面库存与实物库存是否一致,一致得2分,不一致不得分", 2, _N, _N, "账面库存1200吨，实物库存1180吨", Decimal(0)),
    # near-misses: a part, another unit, a hedge
    (_TALLY2, 3, _N, _N, "体检156人，其中登记148人", _N),
    (_TALLY2, 3, _N, _N, "体检156人，体检结果登记148份", _N),
    (_TALLY2, 3, _N, _N, "体检约156人，体检结果登记148人", _N),
    # the target said again beside the value: agreeing 0 / 2; disagreeing: refused
    (_RATE, 2, "≥98%", _N, "经审组织同步组建率96.5%，未达到98%。", Decimal(0)),
    (_RATE, 2, "≥98%", _N, "经审组织同步组建率98.5%，达到98%", Decimal(2)),
    (_RATE, 2, "≥98%", _N, "经审组织同步组建率99%，未达到98%", _N),
    (_RATE, 2, "≥98%", _N, "经审组织同步组建率96.5%，未达到95%", _N),
    # 报送 for 上报: the same deed, 0.2
    ("按要求及时准确上报各类统计报表得0.2分.", 0.2, _N, _N, "已按要求及时准确报送各类统计报表", Decimal("0.2")),
    # one part failed, the rest said to hold: the partial level, 2; all failing: 0
    (_STEPS, 4, _N, _N, "有一笔资金未经审批即拨付，其余环节按程序办理", Decimal(2)),
    (_STEPS, 4, _N, _N, "区教育局有一批专项资金未经审批即拨付，其余环节按程序办理。", Decimal(2)),
    (_STEPS, 4, _N, _N, "有一批资金未经审批即拨付，其余环节未按程序办理", Decimal(0)),
    # near-misses: the rest hedged; the rest alone; a statement besides that says neither
    (_STEPS, 4, _N, _N, "有一批资金未经审批即拨付，其余环节基本按程序办理", _N),
    (_STEPS, 4, _N, _N, "其余环节按程序办理", _N),
    (_STEPS, 4, _N, _N, "有一批资金未经审批即拨付，资料齐全，其余环节按程序办理", _N),
    # each unit to reach a bar named in words: all said to (不低于 is 达到): 2; one county below: 0
    (_COUNTIES, 2, _N, _N, "全市8个县（市、区）农村低保标准均不低于省定扶贫标准。", Decimal(2)),
    (_COUNTIES, 2, _N, _N, "有1个县农村低保标准低于省定扶贫标准，其余县（市、区）均已达到。", Decimal(0)),
    # near-misses: a hedge, another bar, another subject
    (_COUNTIES, 2, _N, _N, "全市8个县农村低保标准基本不低于省定扶贫标准", _N),
    (_COUNTIES, 2, _N, _N, "全市8个县农村低保标准均不低于市定扶贫标准", _N),
    (_COUNTIES, 2, _N, _N, "全市8个县城镇低保标准均不低于省定扶贫标准", _N),
    (_COUNTIES, 2, _N, _N, "有1个县城镇低保标准低于省定扶贫标准", _N),
    # a lead-in after 但 is passed over too: the finding after it is read
    (_STANDARD, 1, _N, _N, "但经现场查看，实验室面积符合标准", Decimal(1)),
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "expected"), _LATER)
def test_later_readings(
    text: str, weight: int, target: str | None, actual: str | None, note: str | None, expected: Decimal | None
) -> None:
    assert trial_score(text, weight, target=target, actual=actual, note=note) == expected


# Round-2 review (report_affirm.md "Round-2 findings" A1–A9): another period, a promise, another measure, another
# task, visits against persons, an agreement with another thing — each refused; the plain readings still hold.
_REVIEW2 = [
    (_SYSTEMS, 10, _N, "上年度单位未建立任何财务会计制度", _N, _N),
    (_SYSTEMS, 10, _N, "去年单位未建立任何财务会计制度", _N, _N),
    (_LAND, 3.5, _N, "2019年末全区基本农田面积120.6万亩，规划下达耕地保有量120万亩", _N, _N),
    (_LAND, 3.5, _N, "2019年末全区耕地面积120.6万亩，规划下达耕地保有量120万亩", _N, Decimal("3.5")),
    (_TASK, 1, _N, "上年度下达补充耕地任务800亩，实际完成补充耕地820亩", _N, _N),
    (_TASK, 1, _N, "耕地保护任务完成率100%", _N, _N),
    (_TASK, 1, _N, "补充耕地任务完成率100%", _N, Decimal(1)),
    (_TALLY2, 3, _N, "体检156人次，体检结果登记156人", _N, _N),
    (_STEPS, 4, _N, "上年度资金拨付未按程序办理", _N, _N),
    (_STEPS, 4, _N, "资金拨付将严格按程序办理", _N, _N),
    (_STEPS, 4, _N, "资金拨付未按程序办理", _N, Decimal(0)),
    (_AGREE, 3, _N, "支出与预算基本一致", _N, _N),
    (_AGREE, 3, _N, "项目实施内容与文件规定基本一致", _N, Decimal(2)),
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "expected"), _REVIEW2)
def test_round_two_review(
    text: str, weight: float, target: str | None, actual: str | None, note: str | None, expected: Decimal | None
) -> None:
    assert trial_score(text, weight, target=target, actual=actual, note=note) == expected
