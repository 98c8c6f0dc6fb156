"""Affirm family, session 7: a deed in another verb or order, a time quality kept, a numbered list of what scores 0,
a row's base lost whole, a proviso on the evidence (docs/rules.md, affirm section of session 7).

Every text is worded differently from the corpus texts; hand scores follow the wording. None: refused or not read."""

from __future__ import annotations

import pytest

from tests.rule_checks import assert_scores_as_worked, rule_score

# --- a deed in another verb or order (rules/deed_spellings.py) --------------------------------------------------
DEEDS = [
    ("成立由分管领导牵头的工作专班,得2分;否则不得分。", 2, "已组建工作专班", "2"),
    ("组建矛盾纠纷调解委员会的得3分,未组建不得分。", 3, "调解委员会已成立", "3"),
    ("制定年度宣传工作方案,得3分;未制定不得分。", 3, "已印发年度宣传工作方案", "3"),
    ("制訂年度宣傳工作方案,得3分;未制訂不得分。", 3, "已出台年度宣传工作方案", "3"),
    ("建立村级服务站的得4分;否则不得分。", 4, "村级服务站已建成", "4"),
    ("建立工作台账,得2分。", 2, "台账已建立", "2"),
    ("建立工作台账,得2分。", 2, "台账未建立", "0"),
    ("成立工作领导小组得1分,否则不得分。", 1, "尚未组建工作领导小组", "0"),
    # a thing made or appointed is had ("有…")
    ("有年度培训计划的得2分,否则不得分。", 2, "已制定年度培训计划", "2"),
    ("有專職網格員得1分,否則不得分。", 1, "已配备专职网格员", "1"),
    ("有专人负责信访工作得1分。", 1, "已明确专人负责信访工作", "1"),
    ("有年度培训计划的得2分,否则不得分。", 2, "年度培训计划正在制定", None),
    # near misses: what is implied is not denied, nor the other way round
    ("印发年度工作方案,得3分;未印发不得分。", 3, "已制定年度工作方案", None),
    ("建立村级服务站的得4分;否则不得分。", 4, "村级服务站正在建设", None),
    ("制定应急预案的得2分,否则不得分。", 2, "应急预案未印发", None),
    # a judgement still has to be restated
    ("及时制定年度工作方案,得3分;否则不得分。", 3, "已印发年度工作方案", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), DEEDS)
def test_a_deed_in_another_verb_or_order(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


# --- a time quality is a requirement of its own (ruletext/levels.py, rules/stated_failures.py) ---------------------
TIMELY = [
    ("按时完成年度任务得5分,未完成不得分。", 5, "已按时完成年度任务", "5"),
    ("按时完成年度任务得5分,未完成不得分。", 5, "没有完成年度任务", "0"),
    ("如期完成全年目标任务的得4分,未完成的不得分。", 4, "已如期完成", "4"),
    # completed, late or not unsaid: neither level
    ("按时完成年度任务得5分,未完成不得分。", 5, "已完成年度任务", None),
    ("按期完成整改的得3分;未完成整改的不得分。", 3, "已完成整改", None),
    # the plain task is still the row's target
    ("完成年度任务得5分,未完成不得分。", 5, "已完成年度任务", "5"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), TIMELY)
def test_a_time_quality_must_be_restated(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


# --- a condition, then a numbered list of what scores 0 (ruletext/disqualifying_lists.py) -------------------------
HAZARDS = "學校周邊環境無安全隱患得8分。存在以下隱患之一的,不得分:1、校門口無減速帶;2、周邊有網吧;3、周邊有無證攤點。"
RECORDS = "台账资料齐全得3分;存在下列情形之一的不得分:(1)未建立台账;(2)未按时上报;(3)数据弄虚作假。"
BEHAVIOUR = "遵守村规民约,邻里和睦计6分。发生过以下任何一种行为,计0分:①聚众赌博;②打架斗殴;③偷盗。"
LISTS = [
    (HAZARDS, 8, "周边有网吧", "0"),
    (HAZARDS, 8, "环境无安全隐患", "8"),
    (HAZARDS, 8, "存在隐患", "0"),
    (RECORDS, 3, "未按时上报", "0"),
    (RECORDS, 3, "台账资料齐全", "3"),
    (BEHAVIOUR, 6, "发生过打架斗殴", "0"),
    (BEHAVIOUR, 6, "遵守村规民约,邻里和睦", "6"),
    # near misses: an item denied says nothing of the condition; an item in other words is not matched
    (HAZARDS, 8, "周边无网吧", None),
    (HAZARDS, 8, "校门口已设减速带", None),
    (RECORDS, 3, "已建立台账", None),
    (RECORDS, 3, "上报不及时", None),
    (BEHAVIOUR, 6, "未发生打架斗殴", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), LISTS)
def test_a_numbered_list_of_what_scores_nothing(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


def test_a_list_with_marks_of_its_own_or_a_bound_is_not_this_reading() -> None:
    from medaid.evaluation.rules.levels import Qualitative
    from medaid.evaluation.ruletext.disqualifying_lists import disqualifying_list

    assert disqualifying_list("资料齐全得3分;存在下列情形之一的不得分:1.未建立台账扣1分;2.未按时上报扣2分。") is None
    assert disqualifying_list("完成率达到95%得3分;存在下列情形之一的不得分:1.未建立台账;2.未按时上报。") is None
    assert disqualifying_list("资料齐全得3分;存在下列情形之一的不得分:1.未建立台账。") is None
    rule = disqualifying_list(RECORDS)
    assert isinstance(rule, Qualitative)
    assert rule_score(RECORDS, 3, actual="数据弄虚作假") == 0


# --- a row's base lost whole (ruletext/base_marks.py) ----------------------------------------------------------
BASES = [
    ("基准分为3分;未按规定公示的,本项基准分全扣。", 3, "未按规定公示", "0"),
    ("基准分为3分;未按规定公示的,本项基准分全扣。", 3, "已按规定公示", "3"),
    ("基本分5分,達不到要求,基本分扣完。", 5, "达到要求", "5"),
    ("基本分5分,達不到要求,基本分扣完。", 5, "达不到要求", "0"),
    ("单项基准4分,不符合要求,该单项基准分扣完为止。", 4, "符合", "4"),
    # near misses: a degree is no answer; a step before 扣完为止 makes it a floor, not the base lost whole
    ("单项基准4分,不符合要求,该单项基准分扣完为止。", 4, "基本符合", None),
    ("单项基准6分,每少1项扣0.5分,不符合要求,该单项基准分扣完为止。", 6, "不符合", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), BASES)
def test_a_base_lost_whole(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


# --- a proviso on the evidence (ruletext/evidence_provisos.py) ---------------------------------------------------
PROVISOS = [
    ("建立网格化巡查制度,未落实巡查责任的扣3分。(巡查记录须报镇综治办备查,否则视为未落实)", 3, "未落实巡查责任", "0"),
    ("召开专题会议研究部署的得2分,否则不得分(会议纪要必须存档备查)。", 2, "已召开专题会议", "2"),
    ("召开专题会议研究部署的得2分,否则不得分(会议纪要必须存档备查)。", 2, "未召开专题会议", "0"),
    # a bracket with a number is no proviso
    ("召开专题会议研究部署的得2分,否则不得分(会议纪要须于3月底前报送)。", 2, "已召开专题会议", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), PROVISOS)
def test_a_proviso_on_the_evidence_is_read_past(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)
