"""Affirm family, session 6 (issue 13): an actual against ONE condition of a yes/no text — in words ("已成立…",
"有会议纪要", "未发生…事故", "年终无总结") or as a number against a bar the row's target states ("…达到…占用的耕地
面积", "…达标"); and levels named against an indicator ("无事故/平指标/超指标"). Wordings are constructed (other
verbs, clause order, units, punctuation, traditional characters), scores worked by hand from the Chinese alone;
near misses are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

# (wording, weight, target, actual, expected score worked by hand)
# fmt: off
SCORED = [
    # a number against a bar in words that the row's target states
    ("全年新增造林面积达到市里下达的造林任务面积,得8分;达不到的不得分", 8, "≥500亩", "520亩", "8"),
    ("全年新增造林面积达到市里下达的造林任务面积,得8分;达不到的不得分", 8, "≥500亩", "480亩", "0"),
    ("农村自来水普及率达标记3分,不达标记0分", 3, "≥90%", "91.5%", "3"),
    ("农村自来水普及率达标记3分,不达标记0分", 3, "≥90%", "89%", "0"),
    ("城镇新增就业人数大于或等于省定任务的，得6分", 6, "≥2万人", "2.1万人", "6"),
    ("城镇新增就业人数大于或等于省定任务的，得6分", 6, "≥2万人", "1.9万人", "0"),
    ("2023年度违法用地面积不超过上级核定的控制面积,得4分,否则不得分", 4, "≤50亩", "50亩", "4"),
    ("2023年度违法用地面积不超过上级核定的控制面积,得4分,否则不得分", 4, "≤50亩", "51亩", "0"),
    # levels named against the indicator
    ("零事故计6分,平指标计3分,超指标计0分", 6, "≤3起", "0起", "6"),
    ("零事故计6分,平指标计3分,超指标计0分", 6, "≤3起", "3起", "3"),
    ("零事故计6分,平指标计3分,超指标计0分", 6, "≤3起", "4起", "0"),
    ("无安全事故的得10分；与指标持平的得5分；超过指标的不得分", 10, "≤2起", "0起", "10"),
    # a judgement and a share past a bar, one yes/no: the bar says where the judgement ends
    ("资金拨付及时(3分)、滞留资金占比超过10%(0分)", 3, None, "4%", "3"),
    ("资金拨付及时(3分)、滞留资金占比超过10%(0分)", 3, None, "12%", "0"),
    ("档案管理规范(2分)；不规范档案比例5%以上(0分)", 2, None, "5%", "0"),
    ("檔案管理規範(2分)；不規範檔案比例5%以上(0分)", 2, None, "3%", "2"),
    # one condition restated in words, shortened, or denied
    ("县级政府建立由分管领导牵头的食品安全协调机制(3分)", 3, None, "已建立由分管领导牵头的协调机制", "3"),
    ("县级政府建立由分管领导牵头的食品安全协调机制(3分)", 3, None, "未建立协调机制", "0"),
    ("逐户签订安全承诺书,2分。", 2, None, "已逐户签订", "2"),
    ("有年度培训台帐的得2分，否则不得分", 2, None, "有培训台账", "2"),
    ("有年度培训台帐的得2分，否则不得分", 2, None, "没有培训台账", "0"),
    ("会议记要齐备的计4分，否则不计分", 4, None, "会议纪要齐备", "4"),
    ("制订年度宣传计划和方案，做到季度有检查、年底有总结的得2分", 2, None, "已制订计划和方案，季度有检查、年底有总结", "2"),
    ("将农村饮水安全纳入当地民生实事项目(2分)。", 2, None, "两项均未纳入", "0"),
    ("未發生安全生產事故的，得5分", 5, None, "未发生安全生产事故", "5"),
    ("未發生安全生產事故的，得5分", 5, None, "发生安全生产事故1起", "0"),
]

REFUSED = [
    # (affirm fix round s8) several elements scored alone, some met and one denied: partial fulfilment is not scored
    # by the text (no 否则不得分), so it is refused rather than read as 0
    ("制订年度宣传计划和方案，做到季度有检查、年底有总结的得2分", 2, None, "已制订计划和方案，季度有检查，年底无总结"),
    # the target states no direction: 达标 of a 差错率 is at most, of a 覆盖率 at least
    ("差错率达标得2分,未达标不得分", 2, "2%", "1.5%"),
    # the number is not in the target's unit
    ("耕地保有量达到规划下达的保有量,得3分,否则不得分", 3, "≥120万亩", "95%"),
    # the condition's direction contradicts the target's
    ("投诉件数不超过上级核定的件数,得4分,否则不得分", 4, "≥10件", "8件"),
    # a count between none and the indicator: neither 零事故 nor 平指标 nor 超指标
    ("零事故计6分,平指标计3分,超指标计0分", 6, "≤3起", "1起"),
    # the indicator without a direction, and scores rising the wrong way for a ceiling
    ("零事故计6分,平指标计3分,超指标计0分", 6, "3起", "0起"),
    ("超指标计6分,平指标计3分,零事故计0分", 6, "≤3起", "0起"),
    # a share against a bar in % given as a count
    ("资金拨付及时(3分)、滞留资金占比超过10%(0分)", 3, None, "3笔"),
    # a judgement word the actual only repeats, or leaves out
    ("积极参与社区志愿服务活动(4分)", 4, None, "积极参与"),
    ("严格规范使用专项资金(5分)", 5, None, "已使用专项资金"),
    ("专项资金使用规范,未发现截留挪用行为,得6分,否则不得分", 6, None, "未发现截留挪用行为"),
    # a negative condition said of a narrower thing: no major accident is not no accident
    ("未发生安全事故的得5分", 5, None, "未发生重大安全事故"),
    # a quality or a joined requirement left out
    ("按时足额拨付资金,得3分", 3, None, "已拨付资金"),
    ("有会议纪要和签到表得2分", 2, None, "有会议纪要"),
    # part of a multi-part condition spoken of
    ("建立工作台账,并定期报送进展情况的得3分", 3, None, "已建立工作台账"),
    # a statement that speaks of no requirement of the condition
    ("有会议纪要得5分,否则不得分", 5, None, "已召开会议"),
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str | None) -> Decimal | None:
    return trial_score(text, weight, target=target, actual=actual)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_one_condition_scores_as_worked_by_hand(text, weight, target, actual, expected):
    assert _score(text, weight, target, actual) == Decimal(expected)


@pytest.mark.parametrize(("text", "weight", "target", "actual"), REFUSED)
def test_one_condition_near_miss_is_refused(text, weight, target, actual):
    assert _score(text, weight, target, actual) is None
