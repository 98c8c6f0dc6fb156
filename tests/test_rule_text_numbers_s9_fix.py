"""Numbers family, session 9 fix round: constructed variants of the reviewer's findings (/tmp/adv9/report_numbers.md),
with hand scores, and the wordings that must now be refused (None).

Defects fixed, each as a class:
A. ``rules.thing_steps``: several things with no count read as one ("各班超10人", "部分班超10人", "两班超10人"); a
   denial that is partial, hedged, planned or of another year read as none over ("部分班未超", "基本未超标准",
   "去年未超标准", "确保不超标准"); the actual and the 扣分说明 added when both state the same fact.
B. ``bounded_actuals.labelled_actual``: a rate read as its complement ("合格率97%" against "不合格率…"); a rate said of
   several subjects ("县医院、乡镇卫生院合格率均达到95%") scored from one subject's value.
C. ``labelled_targets``: a measure's label with another year, a plan, a bound, a hedge or another measure
   ("初中去年入学率", "入学率预计", "入学率未达", "人口占比") read as the measure's value.
D/E/F (``rules.prerequisites``, ``rules.amount_kinds``): a part, a plan or a time as the requirement's subject
   ("青年教师均参加国培", "计划全部完成"), another measure's rate in the 扣分说明 ("检测率90%"), one kind of land
   denied as all land ("无旱地抛荒").
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

_CLASS = "班额超过标准的每班每超 5人扣1分"
_CLASS2 = "每班每超3人扣0.5分,扣完为止"
_HOUSE = "驻村工作队,每村每少1人扣0.5分,扣完为止"
_SCHOOL = "每校每少2名教师扣1分,扣完为止"
_BUS = "车辆超载的,每车每超2人扣1分。"

_WRONG = "不合格率控制在3%以内得满分，每超1个百分点扣1分"
_UNHAPPY = "服务对象不满意率低于4%得满分,每高1个百分点扣1分,扣完为止"
_UNDONE = "项目未完成率不超过5%得满分,每超1个百分点扣0.5分"
_BANDS = "不合格率3%以下得6分,3%-6%得4分,6%以上不得分"
_RIGHT = "产品合格率达到95%得满分，每低1个百分点扣0.5分"
_TWO = "县医院、乡镇卫生院合格率均达到95%得满分，每低1个百分点扣0.5分"
_TWO_B = "城区和农村学校达标率都达到90%得满分，每低1个百分点扣1分"

_LOW = "每低0.1个百分点扣1分,扣完为止"
_GAP = "每低于1个百分点扣1分"

_TESTED = "筛查阳性者随访比例达到100%。未完成年度检测任务此项不得分;每降低5%扣0.02分。"
_TRAINED = "教师学历达标率90%以上(含)得满分,每少10%扣0.5分。(不参加国培扣分)"
_PLAN = "培训覆盖率达到100%,每低于1个百分点扣0.1分;未建立工作台账的,本项不得分"
_BARREN = "每连片抛荒5亩或零星抛荒30亩的,扣2分"

# (text, weight, target, actual, note, hand score or None for a refusal)
CASES = [
    # --- A1: one thing named by an ordinal or counted as one: read
    (_CLASS, 5, None, "一班超10人", None, "3"),  # 10 ÷ 5 = 2; 5 − 2
    (_CLASS, 5, None, "第3班超5人", None, "4"),  # class No. 3: 5 ÷ 5 = 1
    (_CLASS, 5, None, "2号班超5人、第4班超10人", None, "2"),  # 15 ÷ 5 = 3
    (_CLASS2, 4, None, "1个大班超6人", None, "3"),  # 6 ÷ 3 = 2 × 0.5 = 1
    (_HOUSE, 4, None, "2个村各少1人", None, "3"),  # 2 × 1 × 0.5
    # A1: several things (or a kind, or a worst one) with no count: refused
    (_CLASS2, 4, None, "各班超6人", None, None),
    (_CLASS2, 4, None, "每个班超6人", None, None),
    (_CLASS2, 4, None, "所有班级超3人", None, None),
    (_CLASS2, 4, None, "平均每班超3人", None, None),
    (_CLASS2, 4, None, "个别班超6人", None, None),
    (_CLASS2, 4, None, "少部分班超6人", None, None),
    (_CLASS2, 4, None, "好几个班超6人", None, None),
    (_CLASS2, 4, None, "两班超6人", None, None),
    (_CLASS2, 4, None, "三班超6人", None, None),  # class three, or three classes?
    (_CLASS2, 4, None, "3班超6人", None, None),
    (_CLASS2, 4, None, "小班超6人", None, None),  # a kind of class
    (_CLASS2, 4, None, "一班、二班共超6人", None, None),
    (_CLASS2, 4, None, "一班与三班超6人", None, None),
    (_CLASS2, 4, None, "最大的班超6人", None, None),
    (_HOUSE, 4, None, "各村均少1人", None, None),
    (_HOUSE, 4, None, "少数村缺2人", None, None),
    (_SCHOOL, 5, None, "各校少4名", None, None),
    (_BUS, 6, None, "每车超4人", None, None),
    (_CLASS2, 4, None, "1个以上班超6人", None, None),  # a bound of the count
    (_CLASS2, 4, None, "1个左右班超6人", None, None),
    # A2: a whole denial: read
    (_CLASS2, 4, None, "各班均未超过标准", None, "4"),
    (_CLASS2, 4, None, "所有班级都没有超标准", None, "4"),
    (_CLASS2, 4, None, "均未超标准", None, "4"),
    (_HOUSE, 4, None, "各村均未缺", None, "4"),
    # A2: a part, a hedge, another time, a plan or an aim: refused
    (_CLASS2, 4, None, "少数班未超标准", None, None),
    (_CLASS2, 4, None, "大部分班级均未超", None, None),
    (_CLASS2, 4, None, "绝大多数班未超过标准", None, None),
    (_CLASS2, 4, None, "基本没有超标准", None, None),
    (_CLASS2, 4, None, "小班未超过标准", None, None),
    (_CLASS2, 4, None, "二班未超", None, None),
    (_CLASS2, 4, None, "上学期未超标准", None, None),
    (_CLASS2, 4, None, "今后将不超标准", None, None),
    (_CLASS2, 4, None, "不超标准", None, None),  # a requirement as much as a fact
    (_CLASS2, 4, None, "力求不超过标准", None, None),
    (_CLASS2, 4, None, "保证不超标准", None, None),
    (_HOUSE, 4, None, "大多数村不缺", None, None),
    (_HOUSE, 4, None, "争取不缺", None, None),
    (_BUS, 6, None, "个别车未超", None, None),
    # A3: the actual and the 扣分说明: one fact, not two
    (_CLASS2, 4, None, "1个班超6人", "1个班超6人", "3"),  # the same text: 6 ÷ 3 × 0.5 = 1
    (_CLASS2, 4, None, "1个班超6人。", "1个班超6人", "3"),
    (_HOUSE, 4, None, "2个村各少1人", "2个村各少1人。", "3"),
    (_CLASS2, 4, None, "1个班超6人", "一班超6人", None),  # the same class? not clear
    (_CLASS2, 4, None, "一班超6人", "二班超3人", None),  # two facts, or one said twice?
    (_CLASS2, 4, None, None, "1个班超6人", "3"),  # the 扣分说明 alone
    # --- B1: the rate the text names, and not its complement
    (_WRONG, 5, None, "不合格率4%", None, "4"),  # 1 point over
    (_WRONG, 5, None, "合格率96%", None, None),
    (_WRONG, 5, None, "合格率为98%", None, None),
    (_UNHAPPY, 5, None, "满意率94%", None, None),
    (_UNHAPPY, 5, None, "不满意率6%", None, "3"),  # 2 points over
    (_UNDONE, 5, None, "完成率90%", None, None),
    (_BANDS, 6, None, "合格率96%", None, None),
    (_BANDS, 6, None, "不合格率4%", None, "4"),
    (_RIGHT, 5, None, "不合格率6%", None, None),
    (_RIGHT, 5, None, "合格率93%", None, "4"),  # 2 points short × 0.5
    # B2: the rate of several subjects, the actual of one
    (_TWO, 5, None, "县医院合格率93%", None, None),
    (_TWO, 5, None, "乡镇卫生院合格率为95%", None, None),
    (_TWO_B, 5, None, "农村学校达标率88%", None, None),
    (_TWO_B, 5, None, "达标率88%", None, None),
    # --- C: each measure's value, labelled with the one rate name
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中巩固率97.8%", None, "8"),  # 0.2 ÷ 0.1 × 1
    (_LOW, 10, "小学100%;初中≥98%", "小学100%,初中97.9%", None, "9"),
    (_GAP, 10, "城镇≥95%，农村≥90%", "城镇参保率96%，农村参保率88%", None, "8"),
    # C: another year, a plan, a bound, a hedge, the target, another measure: refused
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中上年巩固率97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中巩固率去年97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中巩固率预计达97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中巩固率不足97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中巩固率最高97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率基本100%,初中巩固率97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率拟达100%,初中巩固率97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学要求100%,初中巩固率97.8%", None, None),
    (_LOW, 10, "小学100%;初中≥98%", "小学巩固率100%,初中辍学率97.8%", None, None),  # two rate names
    (_GAP, 10, "城镇≥95%，农村≥90%", "城镇参保率96%，农村人口比例88%", None, None),
    (_GAP, 10, "城镇≥95%，农村≥90%", "城镇参保率96%，农村今年参保率88%", None, None),
    (_GAP, 10, "城镇≥95%，农村≥90%", "城镇参保率96%，农村参保率力争88%", None, None),
    (_GAP, 10, "城镇≥95%，农村≥90%", "城镇参保率96%，农村贫困户88%", None, None),
    # --- D: the requirement's subject is every one the text names, now
    (_TRAINED, 5, None, "达标率95%，教师都参加国培", None, "5"),
    (_TRAINED, 5, None, "达标率95%，全体教师均参加国培", None, "5"),
    (_TRAINED, 5, None, "达标率95%，中青年教师均参加国培", None, None),
    (_TRAINED, 5, None, "达标率95%，专任教师都参加国培", None, None),
    (_TRAINED, 5, None, "达标率95%，半数教师都参加国培", None, None),
    (_TRAINED, 5, None, "达标率95%，教师下半年都参加国培", None, None),
    (_TRAINED, 5, None, "达标率95%，教师将全部参加国培", None, None),
    (_TESTED, 0.1, "100%", "80%，已完成年度检测任务", None, "0.02"),  # 20 ÷ 5 × 0.02 = 0.08 off
    (_TESTED, 0.1, "100%", "80%，预计年底前全部完成年度检测任务", None, None),
    (_TESTED, 0.1, "100%", "80%，去年曾全部完成年度检测任务", None, None),
    (_PLAN, 2, None, "95%，计划都建立工作台账", None, None),
    (_PLAN, 2, None, "95%，试点乡镇都建立工作台账", None, None),
    (_PLAN, 2, None, "95%，已建立工作台账", None, "1.5"),  # 5 × 0.1
    # --- E: the rest of the 扣分说明 must be the text's measure
    (_TESTED, 0.1, "100%", None, "随访比例80%；已完成年度检测任务", "0.02"),  # 0.1 − 0.08
    (_TESTED, 0.1, "100%", None, "筛查率80%；已完成年度检测任务", None),
    (_TESTED, 0.1, "100%", None, "检测完成率80%；已完成年度检测任务", None),
    (_TESTED, 0.1, "100%", None, "检测比例80%；已完成年度检测任务", None),  # a 比例 of another measure
    (_TESTED, 0.1, "100%", None, "已完成年度检测任务，检测人数占比80%", None),
    # --- F: a denial of the fault on one kind of land is not a denial on all land
    (_BARREN, 20, None, None, "无耕地抛荒", "20"),
    (_BARREN, 20, None, None, "全年没有抛荒现象", "20"),
    (_BARREN, 20, None, None, "无旱地抛荒", None),
    (_BARREN, 20, None, None, "没有山坡地抛荒", None),
    (_BARREN, 20, None, None, "无责任田抛荒", None),
    (_BARREN, 20, None, None, "无口粮田抛荒", None),
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "score"), CASES)
def test_a_variant_of_a_finding_scores_as_worked_by_hand(text, weight, target, actual, note, score):
    got = trial_score(text, weight, target=target, actual=actual, note=note)
    assert got == (None if score is None else Decimal(score)), (actual, note)
