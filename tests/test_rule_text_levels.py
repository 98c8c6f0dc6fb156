"""Named levels, yes/no, met-or-not and checklists, as real 评分标准 print them: each wording is the test's
name, with its score worked by hand from the Chinese alone, and the wordings or actuals that must be
refused rather than guessed (docs/rules.md, "Levels, yes/no and checklists").

Three kinds of tables: wordings from the corpus and its neighbours (LEVELS … CHECKLISTS); texts written the
way other provinces and sectors word the same rules (CONSTRUCTED_*, constructed for these tests, not real);
and metamorphic variants of every corpus text of these shapes (punctuation, 的/者, 得/计/记/给予, full-width
digits, spaces, Chinese numerals, brackets, 扣完为止, clause order): a variant scores the same or is refused,
never a different number."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.corpus_cases import Case, Entry, load


def _score(text: str, weight: str, actual: str | None = None, *, target: str | None = None,
           holds: tuple[int, ...] | None = None, note: str | None = None) -> tuple[Decimal | None, str]:  # fmt: skip
    rule = parse_rule_text(text)
    if rule is None:
        return None, "未识别"  # refused: fine where the case expects no score
    inputs = Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual),
                    holds=holds, note=note)  # fmt: skip
    outcome = rule.apply(inputs)
    assert outcome.reason
    return outcome.score, outcome.reason


# (wording, weight, target, actual, score by hand; None: refused)
# fmt: off
LEVELS = [
    # named levels in any punctuation: the actual names one
    ("项目预定目标设置是否客观、合理。合理:2分;基本合理:1分;不合理:0分。", 2, None, "基本合理", "1"),
    ("项目预定目标设置是否客观、合理。合理:2分;基本合理:1分;不合理:0分。", 2, None, "不合理", "0"),
    ("充分:3分;较充分:2分;不充分:0分", 3, None, "较充分", "2"),
    ("充分:3分;较充分:2分;不充分:0分", 3, None, "基本充分", None),  # names no level
    ("充分:3分;较充分:2分;不充分:0分", 3, None, "是", None),  # 是 answers no level of three
    ("是否符合文件规定,完全相符:3分,基本相符:2分,部分相符:1分;不相符:0分。", 3, None, "部分相符", "1"),
    ("严格按程序办理:4分;部分环节没有按程序办理:2分;不按程序办理:0分。", 4, None, "部分环节没有按程序办理", "2"),
    ("协调机制健全且运转良好:2分;机制基本健全:1分;未建立:0分", 2, None, "健全且运转良好", "2"),  # words left out
    ("协调机制健全且运转良好:2分;机制基本健全:1分;未建立:0分", 2, None, "基本健全", "1"),
    ("制度健全得2分，基本健全得1分", 2, None, "不健全", None),  # 不 makes it another level
    ("定性评价,优得10分,良得8分,中得6分,低得4分,差不得分。", 10, None, "中", "6"),
    ("A. 制订了工作制度和工作流程 0.5分B. 既未制订工作制度又无工作流程 0 分", 0.5, None, "A", "0.5"),
    ("A. 制订了工作制度和工作流程 0.5分B. 既未制订工作制度又无工作流程 0 分", 0.5, None, "B", "0"),
    ("无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。", 3, None, "无结余", "3"),
    # 或 between conditions: either names the level
    ("有项目年度工作计划或有上级文件或审批报告计2分,没有不得分。", 2, None, "有上级文件", "2"),
    ("建立机制且有相关文件,得2分;建立机制但无文件得1分;有文件但未正常运作或既无文件也未实际运作的不得分。",
     2, None, "有文件但未正常运作", "0"),
    # a deduction from the top level
    ("财务会计制度健全的得10分,基本健全的得6分,不健全的扣10分。", 10, None, "基本健全", "6"),
    # marks that do not add up to the weight while the highest is the weight: levels, one applies
    ("积极申报省级农业产业化联合体,提交申报材料的得1分,申报成功的得2.5分。", 2.5, None, "申报成功", "2.5"),
    # the lead's decision (session 6): the level is named by its concrete part, 积极申报… being its exhortation heading
    ("积极申报省级农业产业化联合体,提交申报材料的得1分,申报成功的得2.5分。", 2.5, None, "已提交申报材料，未成功", "1"),
    ("一次通过验收的得5分,二次通过验收的得3分,未通过验收不得分", 5, None, "二次通过验收", "3"),
    ("项目按计划完成得3分，延期完成得1分，未完成不得分", 3, None, "未完成", "0"),
    # a number is compared, never read as a level's name
    ("指标文日期一个月内到账2分,12月内到账1分,2个月以上0分。", 2, None, "20天", None),
]

YES_NO = [
    ("是的得2分，否则不得分", 2, None, "是", "2"),
    ("是的得2分，否则不得分", 2, None, "否", "0"),
    ("有批准文件:2分;没有批准文件:0分。", 2, None, "没有批准文件", "0"),
    ("高血压患者任务分配表2分,没有该项不得分。", 2, None, "有", "2"),
    ("高血压患者任务分配表2分,没有该项不得分。", 2, None, "无", "0"),
    ("按要求将年度任务分解落实到项目区的,得2分;未完成的,不得分。", 2, None, "否", "0"),
    ("建立项目储备库的,得2分,否则不得分。", 2, None, "已建立项目储备库", "2"),
    ("建立项目储备库的,得2分,否则不得分。", 2, None, "未建立", "0"),
    # an actual that speaks to one of several requirements names none of them
    ("根据有关规划和要求,明确目标任务和建设时序布局,建立项目储备库的,得2分,否则不得分。", 2, None,
     "已建立项目储备库", None),
    ("资料齐全且规范的得3分，资料不齐全的得1分", 3, None, "资料齐全", None),
    ("资料齐全且规范的得3分，资料不齐全的得1分", 3, None, "资料齐全且规范", "3"),
    ("成立的,得1分,反之,不得分。以文件为依据。", 1, None, "未成立", "0"),
    ("3.体检数量与体检结果登记是否相符,相符得3分,不符得0分;", 3, None, "不符", "0"),
    # an item with its marks (（2分）after it): 是 the marks, 否 0; a description is the evaluator's
    ("明确分管领导和专门负责人(1分)。", 1, None, "是", "1"),
    ("明确分管领导和专门负责人(1分)。", 1, None, "否", "0"),
    ("民主评议程序到位、审批对象准确、手续齐全,低保办理过程公开公正计3分。", 3, None, "手续不全,其余到位", None),
    ("民主评议程序到位、审批对象准确、手续齐全,低保办理过程公开公正计3分。", 3, None,
     "民主评议到位、对象准确、手续齐全、公开公正", None),
    # met or not against the target (完成 means the target)
    ("完成得基本分,未完成的不得分。", 10, "6座", "6座", "10"),
    ("完成得基本分,未完成的不得分。", 10, "6座", "5座", "0"),
    ("完成的得1分,反之,不得分。以各级表彰决定为依据。", 1, "≥10名", "10名", "1"),
    ("已完成的得4分，未完成的不得分", 4, None, "已完成", "4"),
    ("已完成的得4分，未完成的不得分", 4, None, "4个", None),  # a number needs a target
    ("年度目标全部完成的得满分，否则不得分", 5, "100%", "90%", "0"),
    ("1.完成省下达年度脱贫任务(含政策性保障兜底)。 以上指标,不达标不得分。", 50, None, "未完成", "0"),
    # a number in the text is the bound, in its unit, and what else is scored must cover the rest
    ("开放日活动次数1次以上计3分,未开展不计分", 3, "1次", "1次", "3"),
    ("开放日活动次数1次以上计3分,未开展不计分", 3, "1次", "0次", "0"),
    ("安全排查次数6次以上计3分,少于6次不计分", 3, None, "5次", "0"),
    ("编外人数小于或等于155名计3分,超过不计分", 3, "153", "155名", "3"),
    ("编外人数小于或等于155名计3分,超过不计分", 3, "153", "156名", "0"),
    ("受理时限不超过5个工作日得2分，超过不得分", 2, None, "4%", None),  # another unit
    ("通过扶贫宣传栏,宣传页,宣传横幅或标语进行宣传。(5分)至少2种宣传方式,否则不得分。", 5, None, "2种", "5"),
    ("通过扶贫宣传栏,宣传页,宣传横幅或标语进行宣传。(5分)至少2种宣传方式,否则不得分。", 5, None, "1种", "0"),
]

DEDUCTIONS = [
    # one fault written as the requirement not met: 是 = met, 否 = the fault
    ("未使用新生儿访视记录表的扣10分", 10, None, "是", "10"),
    ("未使用新生儿访视记录表的扣10分", 10, None, "否", "0"),
    ("12.突发公共卫生事件不按时限,程序报告扣10分.", 10, None, "否", "0"),
    # a fault that is an event: 是 could mean either; a count of it is read
    ("出现重复档案此项不得分", 10, None, "是", None),
    ("出现重复档案此项不得分", 10, None, "0份", "10"),
    ("出现重复档案此项不得分", 10, None, "1份", "0"),
    ("出现安全事故扣2分", 5, None, "2起", None),  # once or per accident: not said
    # what the actual names was found, and nothing else
    ("未进行宣传的扣5分,有宣传无记录扣1分", 5, None, "有宣传无记录", "4"),
    ("未进行宣传的扣5分,有宣传无记录扣1分", 5, None, "有宣传且有记录", "5"),
    ("未开展健康教育活动扣10分;已开展活动但档案资料不全,扣3分。", 10, None, "已开展但档案资料不全", "7"),
    ("未开展健康教育活动扣10分;已开展活动但档案资料不全,扣3分。", 10, None, "未开展", "0"),
    ("无出生缺陷登记本不得分,登记不全扣 1分", 8, None, "有登记本但登记不全", "7"),
    ("资料零乱扣 2分, 乡村两级数据不一致不得分", 8, None, "资料零乱,乡村数据一致", "6"),
    ("资料零乱扣 2分, 乡村两级数据不一致不得分", 8, None, "资料整齐,乡村数据一致", "8"),  # 整齐 is not 零乱
    ("资料零乱扣 2分, 乡村两级数据不一致不得分", 8, None, "资料完整,乡村数据一致", None),  # 完整 says nothing of 零乱
    ("有完整的项目档案得3分，档案不完整的扣1分，无档案的不得分", 3, None, "档案不完整", "2"),
    ("资料完整、规范的得3分；资料不完整的扣1分；资料不规范的扣1分", 3, None, "资料不完整、不规范", "1"),
    # 设立 and 设 are one verb (rules/clause_match.py): "未设立" is the one fault whose verb is 设
    ("未設健康教育宣傳欄不得分;設立宣傳欄、但內容不符合要求或未定期更新各扣2分。", 4, None, "未设立", "0"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), LEVELS + YES_NO + DEDUCTIONS,
                         ids=[f"{c[0][:36]}→{c[3]}" for c in LEVELS + YES_NO + DEDUCTIONS])  # fmt: skip
def test_an_actual_scores_the_level_or_condition_it_names_or_is_refused(text, weight, target, actual, expected):
    score, reason = _score(text, str(weight), actual, target=target)
    assert score == (None if expected is None else Decimal(expected)), reason


# (wording, weight, items that hold, score by hand; None: refused)
# fmt: off
CHECKLISTS = [
    ("①已制定预算资金管理办法,1分;②相关管理制度合法、合规、完整,1分;③相关管理制度得到有效执行,1分。", 3, (1, 2), "2"),
    ("①招待费用明确招待标准,1分;②车辆维护使用政府定点,1分。③制定三公经费管理办法,1分,每少一项扣1分,扣完为止。",
     3, (2,), "1"),
    ("目标明确(1分),目标细化(1.5分),目标量化(1.5 分)", 4, (1, 2), "2.5"),
    ("1、单位财务管理制度1分; 2、项目管理制度1分; 3、有制度执行佐证资料1分。没有不得分。", 3, (), "0"),
    ("1、运行监管记录3分; 2、填报《项目支出绩效监控表》1分。没有不得分。", 4, (1,), "3"),
    ("(1)有独立的办公场所;(2)办公设备齐全;(3)按人口比例确定工作人员; (4 )有一支信息员队伍每项各2.5分)", 10, (4,), "2.5"),
    ("(1)领导小组及工作机制健全; (2)有专门工作机构。 符合以上每项的,得2分,否则不得分。", 4, (1,), "2"),
    ("1.确保按时准确完成建档立卡工作。(3分) 2.及时审核、上报相关信息。(2分) 以上指标,不达标不得分。", 5, (2,), "2"),
    ("1.贫困户100%纳入低保和五保。 2.老人100%享受养老保险待遇。 以上指标,每项1.5分,不达标不得分。", 3, (2,), "1.5"),
    ("1.按时间要求及时报送的得1分,超出时间报送的扣1分。 2.所报数字准确无误的得1分,出现统计错误的扣1分。", 2, (2,), "1"),
    ("印制宣传手册,得1分;举办就业政策培训班,得1分;经验材料被推广、转发或刊载,得1分。", 3, (1, 3), "2"),
    ("镇(街)残联机构健全2分,有办公场地1分,有办公设备1分,有专职工作人员1人以上1分,残疾人专职委员1人以上1分。",
     6, (2, 3, 4, 5), "4"),
    ("落实的,得1分,建立的,得2分,反之不得分。以落实和资金到帐为依据。", 3, (2,), "2"),  # marks add up to the weight
    ("建立和开发的各得2分,反之,不得分。", 4, (1,), "2"),
    ("是否设定了绩效目标,是否符合下达的目标要求,是否符合客观实际,是否做到了细化量化,符合一项得1分,不符合不得分。",
     4, (1, 2, 3), "3"),
    # a list of deductions: holds lists the requirements met; the others' deductions are taken
    ("未建立台账扣2分；台账不全扣1分", 3, (1,), "2"),
    ("申报对象档案资料不齐扣1分,档案管理不规范的扣1分。", 2, (), "0"),
    ("有安排、有部署并按标准申报得满分,没有安排或没按标准及时申报各扣1分", 2, (2,), "1"),
    ("9.未对医疗机构的消毒,隔离工作进行监督,检测扣5分;未对疫情检测报告监督,检查扣5分.", 10, (2,), "5"),
    # refused: marks that do not add up, an item with rules of its own that does not hold in full,
    # a 不得分 about something else than its item, levels given as items
    ("1.建立台账得1分；2.按时上报得2分", 4, (1, 2), None),
    ("1. 项目设立有据可依的,得3分。项目设立无依据扣2分;每发现一处不符扣1分,扣完为止。 2. 项目具体明确的,得2分。", 5,
     (2,), None),
    ("(1)资金使用规范合理8分;(2)无违规违纪问题8分;(3)文书档案规范4分,受举报被查处的不计分", 20, (1, 2, 3), None),
    ("积极申报省级农业产业化联合体,提交申报材料的得1分,申报成功的得2.5分。", 2.5, (1,), None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "holds", "expected"), CHECKLISTS,
                         ids=[f"{c[0][:36]}→{c[2]}" for c in CHECKLISTS])  # fmt: skip
def test_a_checklist_scores_the_items_that_hold(text, weight, holds, expected):
    score, reason = _score(text, str(weight), holds=holds)
    assert score == (None if expected is None else Decimal(expected)), reason


def test_a_checklist_without_its_items_is_the_evaluators_within_the_items_sum():
    rule = parse_rule_text("1.建立台账得1分；2.按时上报得2分")
    assert rule is not None and rule.kind == "checklist"
    outcome = rule.apply(Inputs(weight=Decimal(4)))
    assert outcome.score is None and outcome.needs_judgement
    assert outcome.allowed == (Decimal(0), Decimal(3))
    assert "与满分 4 分不一致" in outcome.reason


@pytest.mark.parametrize(
    "text",
    [
        "农产品加工值增幅达10%,得0.5分;年度同比出现负增长不得分。",  # between 0 and 10 % nothing is said
        "协助完成年度任务。没有年度任务的按缺项考核计分,没有完成年度任务的不得分。",  # 按缺项考核: another way to score
        "每完成一项得2分,反之,不得分。",  # which items: not said
        "扣发、缓发、挪用救助金,发现一例扣2分。",  # per case found: ``cases`` reads it or nothing does
        "项目的实际支出与批复计划相符的得10分,基本相符的得6分,调整较大的扣10分。存在不合规支出的,酌情扣分。",
    ],
)
def test_texts_that_say_more_than_their_levels_are_not_read_as_levels(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind not in ("qualitative", "checklist", "yes_no")


def test_structured_levels_checklists_and_yes_no():
    levels = rule_from_mapping({"type": "qualitative", "levels": [{"name": "合理", "points": 2},
                                                                   {"name": "基本合理", "points": 1}]})  # fmt: skip
    assert levels.apply(Inputs(weight=Decimal(2), actual=parse_quantity("基本合理"))).score == Decimal(1)
    items = rule_from_mapping({"type": "checklist", "items": [2, 1], "names": ["有台账", "按时上报"]})
    assert items.apply(Inputs(weight=Decimal(3), holds=(2,))).score == Decimal(1)
    met = rule_from_mapping({"type": "yes_no", "points": 3, "bound": "≥6次"})
    assert met.apply(Inputs(weight=Decimal(3), actual=parse_quantity("6次"))).score == Decimal(3)
    assert met.apply(Inputs(weight=Decimal(3), actual=parse_quantity("6人"))).score is None  # another unit


@pytest.mark.parametrize(
    ("text", "unit", "rising"),
    [("安全排查次数6次以上计3分,少于6次不计分", "次", True), ("编外人数小于或等于155名计3分,超过不计分", "名", False)],
)
def test_a_bound_in_the_text_scores_one_way_and_within_the_weight(text, unit, rising):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "yes_no"
    scores = [
        rule.apply(Inputs(weight=Decimal(3), actual=parse_quantity(f"{n}{unit}"))).score for n in range(0, 400, 7)
    ]
    assert all(s is not None and Decimal(0) <= s <= Decimal(3) for s in scores)
    assert scores == sorted(scores, reverse=not rising)


def test_items_that_hold_never_score_above_the_weight_and_more_items_never_score_less():
    rule = parse_rule_text(
        "镇(街)残联机构健全2分,有办公场地1分,有办公设备1分,有专职工作人员1人以上1分,残疾人专职委员1人以上1分。"
    )
    assert rule is not None
    previous = Decimal(-1)
    for last in range(0, 6):
        score = rule.apply(Inputs(weight=Decimal(6), holds=tuple(range(1, last + 1)))).score
        assert score is not None and previous <= score <= Decimal(6)
        previous = score


# --- constructed: the same rules as other provinces and sectors word them -------------------------------
# (wording, weight, target, [(actual | ("note", explanation) | holds, score by hand; None: refused)])
Given = str | tuple[str, str] | tuple[int, ...]
# fmt: off
CONSTRUCTED_LEVELS: list[tuple[str, float, str | None, list[tuple[Given, str | None]]]] = [
    ("项目立项依据充分，得3分；依据较充分，得2分；依据不充分，不得分。", 3, None,
     [("依据较充分", "2"), ("较充分", "2"), ("依据不充分", "0"), ("基本充分", None)]),
    ("绩效目标明确、细化、量化的得满分；基本明确的得一半分；不明确的不得分", 4, None, [("基本明确", "2"), ("不明确", "0")]),
    ("完全达到得满分，基本达到得分值的60%，未达到不得分", 5, None, [("基本达到", "3"), ("完全达到", "5"), ("未达到", "0")]),
    ("好：5分；较好：4分；一般：3分；较差：1分；差：0分", 5, None, [("一般", "3"), ("较差", "1"), ("差", "0")]),
    ("优秀(10分)、良好(8分)、一般(6分)、较差(2分)", 10, None, [("良好", "8"), ("较差", "2"), ("优", None)]),
    ("A级（完全达到）10分，B级（基本达到）7分，C级（未达到）0分", 10, None, [("B级", "7"), ("基本达到", "7"), ("C", "0")]),
    ("资金使用规范得5分；基本规范得3分；不规范不得分", 5, None, [("基本规范", "3"), ("不规范", "0")]),
    ("满意度调查结果为满意的得3分，基本满意的得2分，不满意的不得分", 3, None, [("基本满意", "2"), ("满意", "3")]),
    ("全部完成得4分，部分完成得2分，未完成不得分", 4, None, [("部分完成", "2"), ("全部完成", "4"), ("完成", None)]),
    ("执行有力：3分；执行一般：1分；执行不力：0分", 3, None, [("执行一般", "1"), ("执行不力", "0")]),
    ("评价为优的得10分，评价为良的得8分，评价为中的得6分，评价为差的不得分", 10, None, [("良", "8"), ("差", "0")]),
    ("管理制度健全得2分，较健全得1分，不健全得0分", 2, None, [("较健全", "1"), ("健全", "2")]),
    ("项目实施方案科学合理，3分；较为合理，2分；不合理，0分", 3, None, [("较为合理", "2"), ("科学合理", "3")]),
    ("完全符合得3分，大部分符合得2分，小部分符合得1分，不符合不得分", 3, None, [("大部分符合", "2"), ("小部分符合", "1")]),
    ("档案资料完整规范的，得2分；档案资料基本完整的，得1分；档案资料不完整的，不得分。", 2, None,
     [("基本完整", "1"), ("档案资料完整规范", "2"), ("档案资料完整", None)]),
    ("高：3分，中：2分，低：1分", 3, None, [("中", "2")]),
    ("管理规范、运行有效，得满分；管理较规范，得50%；管理不规范，不得分", 4, None, [("管理较规范", "2")]),
    ("完全实现得5分，基本实现得3分，未实现不得分。", 5, None, [("基本实现", "3")]),
    ("达到预期目标得6分，基本达到得4分，未达到得0分", 6, None, [("基本达到", "4"), ("达到预期目标", "6")]),
    ("项目效益显著的得5分,效益一般的得3分,无明显效益的不得分", 5, None, [("效益一般", "3"), ("效益显著", "5")]),
    ("验收合格得4分，整改后合格得2分，不合格不得分", 4, None, [("整改后合格", "2"), ("合格", None)]),  # which 合格
    ("两项指标均符合得2分，符合一项得1分，均不符合得0分", 2, None, [((1,), "1"), ((1, 2), "2"), ((), "0"), ("符合一项", "1")]),
    ("按时完成得5分，推迟完成得2分，未完成得0分", 5, None, [("推迟完成", "2")]),
    ("质量达到优良等级的得5分，达到合格等级的得3分，不合格的不得分", 5, None, [("合格", "3"), ("优良", "5")]),
    ("台账记录完整得2分；记录基本完整得1分；无台账记录不得分", 2, None, [("记录基本完整", "1"), ("无台账记录", "0")]),
    ("宣传到位计3分，宣传基本到位计2分，未开展宣传计0分", 3, None, [("宣传基本到位", "2")]),
    ("制定工作方案。（共3分，未制定方案不得分，制定方案但未实施得1分，制定方案并组织实施得3分）", 3, None,
     [("制定方案但未实施", "1"), ("制定方案并组织实施", "3"), ("未制定方案", "0")]),
    ("采购程序规范得3分，基本规范得2分，不规范得0分。", 3, None, [("基本规范", "2")]),
    ("目标完成情况：全部完成（10分）；基本完成（6分）；未完成（0分）", 10, None, [("基本完成", "6"), ("全部完成", "10")]),
    ("服务对象满意度评价为“满意”的得满分，“基本满意”的得60%，“不满意”的不得分", 5, None, [("基本满意", "3")]),
    ("方案可行性强得3分、较强得2分、一般得1分、差不得分", 3, None, [("较强", "2"), ("一般", "1")]),
    ("有完善的内控制度且执行良好的，得3分；有制度但执行一般的，得1.5分；无制度的，不得分。", 3, None,
     [("有制度但执行一般", "1.5"), ("无制度", "0")]),
    ("项目已验收的得3分，正在验收的得1分，未验收的不得分。", 3, None, [("正在验收", "1"), ("已验收", "3")]),
    ("按时足额缴纳得2分，逾期缴纳得1分，未缴纳不得分。", 2, None, [("逾期缴纳", "1"), ("按时足额缴纳", "2")]),
    ("信息公开及时、完整，得2分；公开不及时或不完整的，扣1分；未公开的，不得分。", 2, None,
     [("公开不及时", "1"), ("未公开", "0")]),
    ("资金管理办法健全、执行严格得4分；办法基本健全、执行较好得2分；无管理办法得0分", 4, None,
     [("办法基本健全、执行较好", "2"), ("无管理办法", "0")]),
    ("项目按期开工、按期竣工的，得满分；延期竣工的，得分值的50%；未竣工的，不得分。", 4, None,
     [("延期竣工", "2"), ("未竣工", "0")]),
    ("绩效自评结果优秀得5分、良好得4分、合格得3分、不合格得0分。", 5, None, [("良好", "4"), ("不合格", "0")]),
    ("第三方评价结论为“好”得3分，“较好”得2分，“一般”得1分，“差”得0分", 3, None, [("较好", "2"), ("好", "3")]),
    ("按时上报年度报表得1分，迟报得0.5分，未报不得分。", 1, None, [("迟报", "0.5"), ("未报", "0")]),
    ("项目决策程序规范，经集体研究决定的得2分；未经集体研究的不得分。", 2, None,
     [("未经集体研究", "0"), ("经集体研究决定", None)]),  # 程序规范 is not spoken of
    # explanations: the level a 扣分说明 names; another level's name in it, or nothing named, is refused
    ("项目立项依据充分，得3分；依据较充分，得2分；依据不充分，不得分。", 3, None,
     [(("note", "经查阅资料，项目立项依据较充分，但部分文件未归档"), "2"), (("note", "资料齐全"), None)]),
    ("合理:2分;基本合理:1分;不合理:0分", 2, None,
     [(("note", "绩效目标设置基本合理，个别指标未细化"), "1"), (("note", "目标合理，但基本合理的部分…"), None)]),
]

CONSTRUCTED_YES_NO: list[tuple[str, float, str | None, list[tuple[Given, str | None]]]] = [
    ("按时报送得2分，未按时报送不得分", 2, None, [("按时报送", "2"), ("未按时报送", "0"), ("是", "2")]),
    ("建立了绩效管理制度的，得2分；未建立的，不得分", 2, None,
     [("已建立", "2"), ("未建立", "0"), (("note", "该单位已建立绩效管理制度并印发"), "2")]),
    ("制定了实施方案得1分，否则不得分", 1, None, [("是", "1"), ("否", "0"), ("已制定", "1"), ("未制定实施方案", "0")]),
    ("是否按规定进行了政府采购，是得2分，否得0分", 2, None, [("是", "2"), ("否", "0")]),
    ("有得2分，无不得分", 2, None, [("有", "2"), ("无", "0")]),
    ("资金拨付及时得3分，不及时不得分", 3, None, [("及时", "3"), ("不及时", "0"), (("note", "资金拨付不及时，延迟2个月"), "0")]),
    ("如期完成得满分，未按期完成不得分", 4, None, [("如期完成", "4"), ("未按期完成", "0")]),
    ("若发生安全责任事故，本项不得分", 4, None, [("0起", "4"), ("1起", "0"), ("是", None)]),  # 是: happened or met
    ("凡未按要求公示的，该项不得分", 2, None, [("是", "2"), ("否", "0"), ("有", None)]),
    ("培训人次不少于500人次得2分，少于500人次不得分", 2, None, [("500人次", "2"), ("499人次", "0"), ("500人", "2")]),
    ("按规定时限完成得2分，超时不得分", 2, None, [("按规定时限完成", "2"), ("超时", "0")]),
    ("达到目标值得3分，未达到目标值不得分", 3, "≥90%", [("91%", "3"), ("89%", "0")]),
    ("实际完成值达到目标值的，得满分；未达到的，得0分", 3, "≥90%", [("91%", "3"), ("89%", "0")]),
    ("100%完成得5分，否则0分", 5, None, [("100%", "5"), ("99%", "0")]),
    ("未发生重大安全事故得5分，发生不得分", 5, None, [("未发生", "5"), ("发生", "0")]),
    ("无违规违纪问题得5分，有违规违纪问题不得分", 5, None,
     [("无", None), ("是", "5"), ("有违规违纪问题", "0"), ("无违规违纪问题", "5")]),  # 无: none, or not met
    ("资金专款专用的得3分，存在挤占挪用的不得分", 3, None, [("专款专用", "3"), ("存在挤占挪用", "0")]),
    ("及时足额拨付得3分，否则不得分", 3, None, [("及时足额拨付", "3"), ("未及时拨付", "0"), ("足额拨付", None)]),
    ("实现目标得满分，未实现不得分", 4, None, [("实现", "4"), ("未实现", "0")]),
    ("按要求报送得1分，不报送或未按时报送不得分", 1, None, [("按要求报送", "1"), ("未按时报送", "0")]),
    ("公示时间不少于7天得2分，少于7天不得分", 2, None, [("公示7天", "2"), ("公示5天", "0"), (("note", "在村务公开栏公示10天"), "2")]),
    ("各县(市、区)建设1个以上创业孵化基地(2分)。", 2, None, [("1个", "2"), ("3个", "2"), ("0个", "0")]),
    ("实际到位资金/预算投入资金≠100%则不得分", 1, None, [("100%", "1"), ("97%", "0")]),
    ("建立健全项目管理机构。(共2分,未建立不得分,已建立得2分。)", 2, None, [("已建立", "2"), ("未建立", "0")]),
    ("完成得分，未完成不得分", 3, "≥90%", [("91%", "3"), ("89%", "0")]),
    ("街镇均设工作经费且按时拨付,得2分;否则不得分。", 2, None,
     [("均设工作经费且按时拨付", "2"), ("均设经费但未按时拨付", "0"), ("均设工作经费", None)]),
    ("完成得满分，未完成不得分", 4, None,
     [(("note", "已按要求完成"), "4"), (("note", "项目未按期完成"), "0"), (("note", "基本完成"), None)]),
    ("完成得满分，未完成不得分", 4, "≥100人", [(("note", "全年实际培训120人"), "4"), (("note", "实际培训80人"), "0")]),
    # 按计划 left out (affirm fix round, session 7): "已开工" does not say it started on schedule
    ("项目按计划开工得2分，未开工不得分", 2, None, [("已开工", None), ("按计划开工", "2"), ("未开工", "0")]),
    ("培训人数达到100人（含）以上的得2分，不足100人的不得分", 2, None, [("100人", "2"), ("99人", "0")]),
    ("资金使用合规，无截留、挤占、挪用现象的，得4分；发现一处违规使用的，不得分。", 4, None, [("是", "4"), ("否", "0")]),
    ("项目按合同约定期限完工的，得5分；未按期完工的，不得分。", 5, None, [("未按期完工", "0")]),
    ("按要求开展绩效自评得2分；未开展的不得分；自评报告质量较差的扣1分。", 2, None,
     [("未开展", "0"), ("按要求开展绩效自评", "2")]),
    ("实施方案经批准的得2分。未经批准的不得分。", 2, None, [("已批准", "2"), ("未经批准", "0")]),
    ("是否按照规定开展政府采购：是，2分；否，0分。", 2, None, [("是", "2"), ("否", "0")]),
    ("建立了长效管护机制的，得3分。", 3, None, [("是", "3"), ("否", "0")]),
    ("按规定建立项目档案得2分，否则0分。", 2, None, [("是", "2"), ("已建立项目档案", None)]),  # 按规定 left out
    ("项目实施方案经主管部门批复的，计2分；未经批复的，计0分。", 2, None, [("已批复", "2"), ("未经批复", "0")]),
    ("绩效目标与部门职能相符得1分，不相符不得分。", 1, None, [("相符", "1"), ("不相符", "0")]),
    ("政府采购执行率100%得2分；低于100%不得分。", 2, None, [("100%", "2"), ("98%", "0")]),
    ("完成年度建设任务的，得10分；未完成的，不得分。", 10, "20公里", [("20公里", "10"), ("18公里", "0")]),
    ("每季度召开一次以上联席会议的，得2分；否则不得分。", 2, None, [("是", "2"), ("否", "0")]),
    ("实际完成数达到计划数的，得满分；未达到的，不得分。", 3, "≥50户", [("50户", "3"), ("49户", "0")]),
]

CONSTRUCTED_CHECKLISTS: list[tuple[str, float, str | None, list[tuple[Given, str | None]]]] = [
    ("①建立项目管理制度（1分）；②建立财务管理制度（1分）；③制度执行有效（1分）", 3, None, [((1, 3), "2"), ((), "0")]),
    ("（1）制定实施方案，得1分；（2）成立领导小组，得1分；（3）开展督导检查，得1分", 3, None, [((1, 2), "2")]),
    ("一是制定实施方案，得1分；二是成立领导小组，得1分；三是开展督导检查，得1分", 3, None, [((1, 2), "2")]),
    ("一、制定实施方案1分；二、成立领导小组1分；三、开展督导检查1分。", 3, None, [((3,), "1")]),
    ("1）制定实施方案1分；2）成立领导小组1分；3）开展督导检查1分。", 3, None, [((3,), "1")]),
    ("有制度、有台账、有记录，每项1分", 3, None, [((1, 2), "2"), ("2项", "2")]),
    ("项目立项依据：①符合法律法规；②符合发展规划；③符合部门职能。每缺一项扣1分", 3, None, [((1, 2), "2"), ((), "0")]),
    ("具备以下条件的各得1分：（1）有实施方案；（2）有工作台账；（3）有总结报告", 3, None, [((1, 2), "2")]),
    ("以下每项1分：①有实施方案；②有工作台账；③有总结报告", 3, None, [((1, 2), "2")]),
    ("①有实施方案0.5分；②有工作台账0.5分；③有总结报告1分", 2, None, [((1, 3), "1.5")]),
    ("项目符合国家法律法规，符合得1分，不符合不得分；项目符合行业规划，符合得1分，不符合不得分", 2, None,
     [((1,), "1"), ((1, 2), "2")]),
    ("制定了绩效目标得1分；绩效目标与预算匹配得1分；绩效指标细化量化得1分", 3, None, [((1, 3), "2")]),
    ("1.有健全的财务管理制度（2分）；2.严格执行财务管理制度（2分）；3.会计核算规范（1分）", 5, None, [((1, 2), "4")]),
    ("(1)建立健全管理制度的得2分;(2)制度得到有效执行的得2分;(3)资料归档完整的得1分。", 5, None, [((2, 3), "3")]),
    ("有年度计划得1分，有半年总结得1分，有年度总结得1分", 3, None, [((1, 3), "2")]),
    ("财务制度健全得1分，执行有效得1分，核算规范得1分，没有的不得分", 3, None, [((1,), "1")]),
    ("①有实施方案；②有工作台账；③有总结报告。符合一项得1分", 3, None,
     [((1, 2), "2"), ("有实施方案，有工作台账，无总结报告", "2"), ("符合2项", "2"), ("全部符合", "3"),
      ("有实施方案", None)]),  # the other two items are not spoken of
    ("①有实施方案；②有工作台账；③有总结报告。每项1分，共3分", 3, None, [((1, 2), "2")]),
    ("①有实施方案；②有工作台账；③有总结报告。以上三项各1分", 3, None, [((1, 2), "2")]),
    ("①有实施方案；②有工作台账；③有总结报告。每有一项不符合扣1分", 3, None,
     [((1, 2), "2"), ("缺1项", "2"), ("1项", "2"), ("有1项不符合", "2"), ("均符合", "3"),
      ("有实施方案，无工作台账，有总结报告", "2")]),
    ("①有实施方案；②有工作台账；③有总结报告。每项不符合扣1分，扣完为止", 2, None, [((1, 2), "1"), ((1,), "0")]),
    ("①有实施方案；②有工作台账；③有总结报告。全部符合得满分，有一项不符合不得分", 2, None,
     [((1, 2, 3), "2"), ((1,), "0")]),
    ("无年度工作计划、半年度总结和年度总结的，每一项扣1分。", 3, None, [((1, 3), "2"), ((), "0"), ((1, 2, 3), "3")]),
    ("评价要点：①项目按规定程序申请设立；②审批文件符合要求；③经过可行性研究。符合上述要点得满分，每有一项不符合扣1分。",
     3, None, [((1, 2), "2"), ((1, 2, 3), "3")]),
    ("成立了领导小组,召开了工作会议,制定了工作方案,落实了工作措施的,得10分,每少一项扣2分。", 10, None,
     [((1, 3), "6"), ((), "2"), ((1, 2, 3, 4), "10")]),
    ("未制定实施方案扣1分，未建立台账扣1分，未报送总结扣1分", 3, None, [((1,), "1"), ((1, 2, 3), "3")]),
    ("1、开征污水处理费;2、开征垃圾处理费;3、出台收费政策;4、依法征收排污费 每项措施各1.5分,完成计满分,没有完成计0分",
     6, None, [((1, 4), "3"), ((), "0")]),
    ("本项满分6分。污水处理厂建设3分,已建成投运的得3分,否则得0分。垃圾处理场建设3分,已建成投运的得3分,否则得0分。", 6,
     None, [((2,), "3"), ((1, 2), "6")]),
    ("建立健全项目管理制度（1分）、财务管理制度（1分）、资产管理制度（1分）", 3, None, [((1, 2), "2")]),
    ("1.制定年度工作计划（0.5分）；2.按季度报送工作进展（0.5分）；3.年终进行总结（1分）。", 2, None,
     [((1, 3), "1.5"), ((), "0")]),
    ("①资金拨付手续完备；②资金专款专用；③无截留挪用。满足全部条件得3分，每缺一项扣1分。", 3, None,
     [((1, 2), "2"), ((1, 2, 3), "3")]),
    ("以下每满足一项得1分：（1）有专人负责；（2）有工作台账；（3）有考核记录。", 3, None, [((1,), "1")]),
    ("①建立资金台账；②按月对账；③年终决算。每项0.5分。", 1.5, None, [((1, 3), "1"), ("符合2项", "1")]),
    ("（1）有绩效目标（1分）；（2）目标细化（1分）；（3）指标量化（1分）。", 3, None, [((2, 3), "2")]),
    ("项目资料包括：申报书、批复文件、验收报告，缺一项扣1分，扣完为止。", 3, None, [((1, 2), "2"), ((), "0")]),
    ("未按规定公开信息的扣1分；公开信息不完整的扣0.5分。", 1, None,
     [("公开信息不完整", "0.5"), ("未按规定公开信息", "0")]),
    ("账务处理不及时扣1分，会计凭证不规范扣1分，扣完为止", 2, None, [("账务处理及时，会计凭证不规范", "1")]),
    ("有年度培训计划0.5分，有培训记录0.5分，有培训效果评估1分", 2, None, [((1, 2), "1")]),
    # refused: marks that do not add up to the weight; a count of more items than the list has
    ("①有实施方案；②有工作台账；③有总结报告。每项2分", 5, None, [((1, 2), None), ("4项", None)]),
    # a description of faults: what it names was found; a 无 heading a 、-list is every listed thing's
    # ("无危房户、无房户": no 危房户 and no 无房户 — the lead's decision on b2s-031), so nothing is found
    ("未实现一乡一院,扣3分;有五保危房户或无房户扣5分。", 8, None, [("已实现一乡一院，无危房户、无房户", "8")]),
    ("分散供养标准未达1200元/人·年,不得分;标准未经政府发文明确,扣3分。", 8, None,
     [("分散供养标准1150元/人·年", "0"), ("分散供养标准1300元/人·年，未经政府发文", "5")]),
    ("未行文明确,扣5分;未登记不得分。", 10, None, [("已行文明确，已全部登记", "10"), ("未行文明确，已全部登记", "5")]),
    ("未建立台账扣2分；台账不全扣1分", 3, None, [(("note", "已建立台账，但台账不全"), "2"), ("台账齐全", "3")]),
]
# fmt: on


def _given(given: Given) -> dict[str, object]:
    if isinstance(given, str):
        return {"actual": given}
    if len(given) == 2 and given[0] == "note":
        return {"note": given[1]}
    return {"holds": given}


_CONSTRUCTED = [
    (text, weight, target, given, expected)
    for text, weight, target, cases in CONSTRUCTED_LEVELS + CONSTRUCTED_YES_NO + CONSTRUCTED_CHECKLISTS
    for given, expected in cases
]


def test_at_least_25_constructed_texts_per_family():
    for table in (CONSTRUCTED_LEVELS, CONSTRUCTED_YES_NO, CONSTRUCTED_CHECKLISTS):
        assert len({text for text, *_ in table}) >= 25


@pytest.mark.parametrize(("text", "weight", "target", "given", "expected"), _CONSTRUCTED,
                         ids=[f"{c[0][:30]}→{c[3]}" for c in _CONSTRUCTED])  # fmt: skip
def test_rules_worded_as_other_provinces_and_sectors_word_them(text, weight, target, given, expected):
    score, reason = _score(text, str(weight), target=target, **_given(given))  # type: ignore[arg-type]
    assert score == (None if expected is None else Decimal(expected)), reason


# --- metamorphic: every corpus text of these shapes, rewritten ----------------------------------------------

_FULL_WIDTH = str.maketrans("0123456789(),;:", "０１２３４５６７８９（），；：")
_SMALL = {"1": "一", "2": "两", "3": "三", "4": "四", "5": "五"}
_CLAUSE_END = re.compile(r"(?<=分)[;；,，。]\s*(?=\S)")
_ORDER_FREE = re.compile(
    r"否则|反之|其他|其它|其余|以上|没有[^,，;；。]{0,4}(?:不得分|不计分)|未达到|未完成|不达标|每项|各"
)


def _after_score(sep: str) -> Callable[[str], str]:
    return lambda t: _CLAUSE_END.sub(sep, t)


def _floor(t: str) -> str:
    if "扣完为止" in t:
        return re.sub(r"[,，]?扣完为止", "", t)
    return t.rstrip("。.;； ") + "，扣完为止。" if "扣" in t else t


def _swap(t: str) -> str:
    """The first two scored sentences swapped, where the order says nothing (no 否则, 以上, 每项…)."""
    split = re.split(r"(?<=分)([;；。]\s*)", t)
    pieces, seps = split[0::2], split[1::2]
    if len(pieces) < 2 or any(_ORDER_FREE.search(p) for p in pieces) or re.match(r"\s*[\d(（①一]", t):
        return t
    if not all(re.search(r"\d分|不得分|不计分|满分", p) for p in pieces[:2]):
        return t
    pieces[0], pieces[1] = pieces[1], pieces[0]
    return "".join(p + (seps[i] if i < len(seps) else "") for i, p in enumerate(pieces))


VARIANTS: dict[str, Callable[[str], str]] = {
    "；": _after_score("；"), "，": _after_score("，"), "。": _after_score("。"), "空格": _after_score(" "),
    "无标点": _after_score(""),
    "+的": lambda t: re.sub(r"(?<![的,，:：;；。\s\d])(得|计)(?=\d|满分|基本分)", r"的\1", t),
    "-的": lambda t: re.sub(r"的(?=[,，]?(?:得|计)(?:\d|满分|基本分))", "", t),
    "的→者": lambda t: re.sub(r"的(?=[,，]?(?:得|计|扣)\d)", "者", t),
    "的，得": lambda t: re.sub(r"(?<=的)(?=(?:得|计|扣)\d)", "，", t),
    "得→计": lambda t: re.sub(r"得(?=\d)", "计", t).replace("不得分", "不计分").replace("得满分", "计满分"),
    "计→得": lambda t: re.sub(r"计(?=\d)", "得", t).replace("不计分", "不得分").replace("计满分", "得满分"),
    "得→记": lambda t: re.sub(r"(?<!不)[得计](?=\d)", "记", t),
    "得→给予": lambda t: re.sub(r"(?<!不)得(?=\d)", "给予", t),
    "全角": lambda t: t.translate(_FULL_WIDTH),
    "半角": lambda t: t.replace("（", "(").replace("）", ")").replace("，", ",").replace("；", ";").replace("：", ":"),
    "空格数字": lambda t: re.sub(r"(\d+(?:\.\d+)?)", r" \1 ", t),
    "汉字数字": lambda t: re.sub(r"(?<=[得计扣])([1-5])(?=分)", lambda m: _SMALL[m.group(1)], t),
    "得0分": lambda t: t.replace("不得分", "得0分"),
    "计0分": lambda t: t.replace("不得分", "计0分"),
    "不给分": lambda t: t.replace("不得分", "不给分"),
    "该项不得分": lambda t: re.sub(r"(?<![该本此项])不得分", "该项不得分", t),
    "否则→反之": lambda t: t.replace("否则", "反之"),
    "否则→其他情况": lambda t: t.replace("否则", "其他情况"),
    "扣完为止±": _floor,
    "去冒号": lambda t: re.sub(r"[:：](?=\s*\d+(?:\.\d+)?\s*分)", "", t),
    "冒号→的得": lambda t: re.sub(r"[:：](?=\s*\d+(?:\.\d+)?\s*分)", "的得", t),
    "若未": lambda t: re.sub(r"(^|[;；,，。])(未|没有|无)", r"\1若\2", t),
    "（N 分）": lambda t: re.sub(r"\((\d+(?:\.\d+)?)\s*分\)", r"（\1 分）", t),
    "调换": _swap,
}  # fmt: skip
_OURS = ("levels", "yes_no", "checklist")


def _corpus() -> list[Entry]:
    return [e for e in load() if e.shape in _OURS and parse_rule_text(e.text) is not None]


def _trial(entry: Entry, text: str, case: Case) -> Decimal | None:
    holds = tuple(case.holds) if case.holds is not None else None
    trial = try_rule(text, weight=str(entry.weight), target=entry.target, actual=case.actual, note=case.explanation,
                     holds=holds, bonus_allowed=entry.bonus_allowed)  # fmt: skip
    return trial.outcome.score if trial.outcome is not None else None


@pytest.mark.parametrize("entry", _corpus(), ids=lambda e: e.id)
def test_a_rewritten_text_scores_the_same_or_is_refused(entry):
    originals = [_trial(entry, entry.text, case) for case in entry.cases]
    for name, rewrite in VARIANTS.items():
        variant = rewrite(entry.text)
        if variant == entry.text or (name == "调换" and any(c.holds is not None for c in entry.cases)):
            continue  # swapping items would renumber them
        for case, original in zip(entry.cases, originals, strict=True):
            score = _trial(entry, variant, case)
            hand = case.score if entry.mechanical else None
            expected = original if original is not None else hand
            assert score is None or score == expected, f"{name}: {variant} | {case} → {score}"


def test_nearly_every_rewritten_text_is_still_understood():
    tried = understood = 0
    for entry in _corpus():
        for rewrite in VARIANTS.values():
            variant = rewrite(entry.text)
            if variant != entry.text:
                tried += 1
                understood += parse_rule_text(variant) is not None
    assert tried > 500 and understood / tried >= Decimal("0.97"), (understood, tried)


def _texts() -> list[str]:
    constructed = CONSTRUCTED_LEVELS + CONSTRUCTED_YES_NO + CONSTRUCTED_CHECKLISTS
    return list(dict.fromkeys([t for t, *_ in LEVELS + YES_NO + DEDUCTIONS + CHECKLISTS + constructed]))


@pytest.mark.parametrize("text", _texts())
def test_every_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    if rule is None:
        return
    spec = {k: v for k, v in rule.to_dict().items() if k not in ("label", "full_marks")}
    back = rule_from_mapping(spec)
    assert dataclasses.replace(back, declared_full=rule.declared_full) == rule, spec


def test_structured_shares_of_the_weight_and_lists_of_requirements():
    levels = rule_from_mapping({"type": "qualitative", "levels": [{"name": "完全达到", "fraction": 1},
                                {"name": "基本达到", "fraction": 0.6}, {"name": "未达到", "points": 0}]})  # fmt: skip
    assert levels.apply(Inputs(weight=Decimal(5), actual=parse_quantity("基本达到"))).score == Decimal(3)
    spec = {"type": "checklist", "items": [1, 1, 1], "names": ["有实施方案", "有工作台账", "有总结报告"],
            "deduct": True, "full": None, "zeroing": [], "required": True}  # fmt: skip
    required = rule_from_mapping(spec)
    assert required.apply(Inputs(weight=Decimal(3), holds=(1, 3))).score == Decimal(2)
    assert required.apply(Inputs(weight=Decimal(3), actual=parse_quantity("缺1项"))).score == Decimal(2)
    assert rule_from_mapping({k: v for k, v in required.to_dict().items() if k != "label"}) == required


@pytest.mark.parametrize("count", range(0, 4))
def test_a_count_of_items_scores_within_the_weight_and_more_never_less(count):
    rule = parse_rule_text("①有实施方案；②有工作台账；③有总结报告。每有一项不符合扣1.5分")
    assert rule is not None
    scores = [rule.apply(Inputs(weight=Decimal(3), actual=parse_quantity(f"符合{n}项"))).score for n in range(4)]
    assert all(s is not None and Decimal(0) <= s <= Decimal(3) for s in scores)
    assert scores == sorted(scores) and scores[count] == max(Decimal(0), Decimal(3) - Decimal("1.5") * (3 - count))
