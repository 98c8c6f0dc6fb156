"""Counts family, session 9 fix round: the reviewer's wrong numbers (/tmp/adv9/report_counts.md), fixed by class.
Texts are constructed variants (other nouns, numbers, grades, measures), not the probe strings; each case carries its
hand score from the wording alone, or None where medaid must refuse (a judge is needed, or refusing is the safe
reading). Classes:
A. a doubling condition held only when affirmed; a denial before or after the key word is "not held"; a hedge, plan,
   forecast, question or count is refused;
B. a grade counts only as the grade of an accident that happened (not 二级医院, 三级标准化, 事故苗头, 以下, 险些, 预计, 上年);
C. a part of measured gains is named by its noun whole and its verb (or one of the same meaning);
D. faults of a sampled thing: no more than sampled; a fault of another thing (柜, 平台, 系统) is not spread per 份;
E. a bound of the score below zero ("最多倒扣2分") leaves the text unread;
F. approximate counts (约, 左右), counts of another year or withdrawn (误报, 不属实), plans (计划/准备) and a text's cap above the row's weight
   with no bonus allowed are refused.
"""

from __future__ import annotations

import pytest

from tests.rule_checks import trial_score

# A. doubling (constructed: another fault, another authority, another period word)
FIRE = "发现消防隐患未按时整改的,每处扣3分,被县政府通报的加倍扣分,扣完为止"
TASKS = (
    "对上级交办的事项未按时办结的,一次扣3分,群众投诉的问题未按时办结的,一次扣1分,跨季度未办结翻倍扣分,15分扣完为止。"
)
# (wording, weight, explanation, hand score)
# fmt: off
DOUBLING = [
    (FIRE, "12", "消防隐患未按时整改1处，险些被县政府通报", "9"),         # near miss: 12 − 3
    (FIRE, "12", "消防隐患未按时整改1处，避免被县政府通报", "9"),         # avoided
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报的情况没有", "9"),   # denied after the key
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报0次", "9"),          # zero times
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报：无", "9"),         # 无 after the key
    (FIRE, "12", "消防隐患未按时整改1处，或将被县政府通报", None),        # future, hedged
    (FIRE, "12", "消防隐患未按时整改1处，预计被县政府通报", None),        # forecast
    (FIRE, "12", "消防隐患未按时整改1处，是否被县政府通报待查", None),    # unknown
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报3次", None),         # a count of reports: judge
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报表扬", None),        # praise, not a report of the fault
    (FIRE, "12", "消防隐患未按时整改1处，县政府通报前已整改", None),      # was it reported? judge
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报", "6"),             # 12 − 3 × 2
    (FIRE, "12", "消防隐患未按时整改1处，被县政府通报批评", "6"),
    (TASKS, "15", "上级交办事项未按时办结1次，未跨季度", "12"),           # 15 − 3
    (TASKS, "15", "上级交办事项未按时办结1次，差点跨季度", "12"),         # almost: it did not
    (TASKS, "15", "上级交办事项未按时办结1次，不存在跨季度未办结情况", "12"),
    (TASKS, "15", "上级交办事项未按时办结1次，跨季度未办结的情况未发生", "12"),
    (TASKS, "15", "上级交办事项未按时办结1次，跨季度未办结情况经核实不属实", "12"),
    (TASKS, "15", "上级交办事项未按时办结1次，防止了跨季度", "12"),
    (TASKS, "15", "上级交办事项未按时办结1次，跨季度前已办结", None),     # before the quarter ended: refused
    (TASKS, "15", "上级交办事项未按时办结1次，可能跨季度", None),
    (TASKS, "15", "上级交办事项未按时办结1次，且跨季度仍未办结", "9"),     # 15 − 3 × 2
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), DOUBLING)
def test_a_doubling_condition_held_only_when_affirmed(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# B. grades, C. gains, F. counts scoring (actuals; bonus as given)
GRADES = "一级扣40分,二级扣25分,三级扣15分,四级扣5分"
FIELDS = "每新建成高标准农田100亩加2分,新改造中低产田100亩加1分,加分最高不超过6分"
ROADS = "每新修通乡公路2公里加1分,每硬化组内道路1公里加1分,最高加4分"
CLINIC = "每开展1次义诊活动得1分,最高5分"
CLINIC_NET = "每开展1次义诊活动得1分,最高5分。活动中发现收费的,每发现1次扣2分"
# (wording, weight, actual, bonus allowed, hand score)
# fmt: off
ACTUALS = [
    (GRADES, "20", "发生三级安全事故1起", True, "5"),                 # 20 − 15
    (GRADES, "20", "发生2级安全事故1起", True, "0"),                  # 20 − 25 stops at 0
    (GRADES, "20", "未发生四级以上安全事故", True, "20"),             # 一至四级: none
    (GRADES, "20", "未发生二级以上安全事故", True, None),             # 三、四级 not said
    (GRADES, "20", "三级医院，未发生安全事故", True, None),           # a hospital's grade: refused
    (GRADES, "20", "本单位为二级单位", True, None),                   # says nothing of accidents
    (GRADES, "20", "通过三级安全生产标准化评审", True, None),         # a standard's grade
    (GRADES, "20", "险些发生二级安全事故", True, None),               # near miss; others not said
    (GRADES, "20", "避免了一起三级安全事故", True, None),
    (GRADES, "20", "预计发生三级安全事故1起", True, None),            # forecast
    (GRADES, "20", "上年发生三级安全事故1起", True, None),            # another year
    (GRADES, "20", "发生二级以下安全事故1起", True, None),            # a range: which grade?
    (GRADES, "20", "发生一级安全事故苗头1起", True, None),            # a warning sign
    (GRADES, "20", "未发生安全事故，发生三级安全隐患1起", True, None),  # a hazard, not an accident
    (GRADES, "20", "三级安全事故未发生", True, None),                 # grade 3 denied; others not said
    (FIELDS, "6", "新建成高标准农田200亩", True, "4"),                # 2 × 2
    (FIELDS, "6", "高标准农田新建200亩", True, "4"),                  # reordered, 新建 for 新建成
    (FIELDS, "6", "新改造中低产田100亩", True, "1"),
    (FIELDS, "6", "新建农田200亩", True, None),                       # 高标准 left out
    (FIELDS, "6", "新建标准农田200亩", True, None),                   # 高 left out
    (FIELDS, "6", "高标准农田200亩", True, None),                     # new? not said
    (FIELDS, "6", "建成高标准农田200亩", True, None),                 # 新 left out
    (FIELDS, "6", "改造中低产田100亩", True, None),
    (ROADS, "4", "新修通乡公路2公里", True, "1"),
    (ROADS, "4", "硬化组内道路1公里", True, "1"),
    (ROADS, "4", "通乡公路2公里", True, None),                        # 新修 left out
    (ROADS, "4", "新修公路2公里", True, None),                        # 通乡 left out
    (ROADS, "4", "组内道路1公里", True, None),                        # 硬化 left out
    (ROADS, "4", "硬化道路1公里", True, None),                        # 组内 left out
    (CLINIC, "5", "开展义诊活动3次", False, "3"),
    (CLINIC, "5", "计划开展义诊活动3次", False, None),                # a plan
    (CLINIC, "5", "准备开展义诊活动3次", False, None),
    (CLINIC, "3", "开展义诊活动2次", False, "2"),                     # below the weight: scored
    (CLINIC, "3", "开展义诊活动4次", False, None),                    # 4 > weight 3, cap 5: no clamp without a word
    (CLINIC, "3", "开展义诊活动4次", True, "4"),                      # bonus allowed up to the text's cap
    (CLINIC_NET, "5", "开展义诊活动4次,发现收费1次", False, "2"),     # 4 − 2
    (CLINIC_NET, "5", "计划开展义诊活动4次,发现收费0次", False, None),
    (CLINIC_NET, "3", "开展义诊活动4次,发现收费0次", False, None),    # 4 > weight 3
    ("每完成1000亩,加0.5分,以3分为限", "2", "5000亩", False, None),  # 2.5 > weight 2, cap 3
    ("每完成1000亩,加0.5分,以3分为限", "2", "3000亩", False, "1.5"),
    ("每少报1个月扣1分,扣完12分为止", "12", "少报3个月", False, "9"),
    ("每少报1个月扣1分,扣完12分为止", "12", "少报大约3个月", False, None),   # approximate
    ("每季度未按时上报工作总结(扣8分,其中每少报1个季度扣2分)", "8", "少报约2个季度", False, None),
    ("每季度未按时上报工作总结(扣8分,其中每少报1个季度扣2分)", "8", "少报2个季度左右", False, None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "bonus", "score"), ACTUALS)
def test_counted_actuals(text: str, weight: str, actual: str, bonus: bool, score: str | None) -> None:
    got = trial_score(text, weight, actual=actual, bonus=bonus)
    assert got == (None if score is None else pytest.approx(float(score))), (text, actual, got)


# D. sampled faults, E. bounded reversal, F. per-kind explanations
RECORDS = "随机抽取8份病历,1份诊断不明确扣1分,未签名扣1分,病历柜未上锁扣3分"
HOUSES = "抽查15户,1户信息不全扣0.5分,系统数据未同步扣2分"
BLANKS = "每份有空项扣1分,每份漏项扣1分"
# (wording, weight, explanation, hand score)
# fmt: off
NOTES = [
    (RECORDS, "10", "诊断不明确8份", "2"),                            # 10 − 8
    (RECORDS, "10", "诊断不明确1份，未签名2份", "7"),                 # 10 − 1 − 2: 未签名 per 份
    (RECORDS, "10", "诊断不明确1份，病历柜未上锁", "6"),              # 10 − 1 − 3: the cabinet's fault once
    (RECORDS, "10", "诊断不明确9份", None),                           # 9 of 8 sampled
    (RECORDS, "10", "诊断不明确1份，病历柜未上锁2份", None),          # "2份" of a cabinet
    (RECORDS, "10", "诊断不明确约3份", None),                         # approximate
    (RECORDS, "10", "诊断不明确2份，上年未签名1份", None),            # last year's
    (HOUSES, "10", "信息不全1户，系统数据未同步3户", None),           # the system's fault is not per 户
    (HOUSES, "10", "信息不全16户", None),                             # 16 of 15 sampled
    ("每发现1处隐患扣2分,可倒扣", "4", "发现隐患5处", "-6"),          # 4 − 10, below zero allowed
    ("每发现1处隐患扣2分,可倒扣,最多倒扣2分", "4", "发现隐患5处", None),  # the bound below zero: not read
    ("每发现1处隐患扣2分,最多倒扣2分", "4", "发现隐患5处", None),
    ("每发现1处隐患扣2分,倒扣不超过3分", "4", "发现隐患5处", None),
    (BLANKS, "30", "有空项2份，漏项1份", "27"),
    (BLANKS, "30", "有空项约2份", None),
    (BLANKS, "30", "有空项2份，漏项3份左右", None),
    (BLANKS, "30", "有空项2份，去年漏项1份", None),                   # another year: judge
    (BLANKS, "30", "有空项2份，上年度漏项1份", None),
    (BLANKS, "30", "有空项2份，漏项1份经复核为误报", None),             # withdrawn: judge (28 likely)
    (BLANKS, "30", "有空项3份，其中1份经核查不属实", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), NOTES)
def test_counted_explanations(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)
