"""Faults family, session 9, round 2: explanations worded as other evaluators word them — a denial said after a
list of things, what was checked before what was found, dates, 起 for 次 and 例 for reports, lateness and error in
the evaluator's words, and a subject's negated qualities all said met.

Each case: (text, weight, 扣分说明, hand score; None = refused), the working in the comment beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.clause_faultwords import predicates_restated, table_fault_words
from medaid.evaluation.rules.clause_match import literals
from medaid.evaluation.rules.kind_statements import checked_scope, undated
from tests.rule_checks import trial_score

SYSTEMS = "1、单位财务管理制度1分; 2、项目管理制度1分; 3、有制度执行佐证资料1分。没有不得分。"
DOCS = "1、有安全管理制度1分;2、有应急预案1分;3、有演练记录1分。"
TRAILING_DENIALS = [
    (SYSTEMS, 3, "财务管理制度、项目管理制度及执行佐证资料均未提供。", "0"),  # all three denied: 0
    (SYSTEMS, 3, "财务管理制度和项目管理制度均未提供，有执行佐证资料", "1"),  # items 1, 2 denied; 3 held: 1
    (SYSTEMS, 3, "财务管理制度、项目管理制度未提供，有执行佐证资料", "1"),  # a list's predicate is each one's: 1
    (DOCS, 3, "安全管理制度、应急预案和演练记录均未见", "0"),  # none of the three seen: 0
    (DOCS, 3, "安全管理制度及应急预案均无，有演练记录", "1"),  # 1 + 1 missing, 演练记录 1: 1
    (DOCS, 3, "安全管理制度及应急预案均未提供，有演练记录", "1"),  # 1 + 1 missing, 演练记录 1: 1
    (SYSTEMS, 3, "财务管理制度、项目管理制度均未建立，有执行佐证资料", "1"),  # no such systems; 3 held: 1
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), TRAILING_DENIALS)
def test_trailing_denial(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))


def test_trailing_denial_literals() -> None:
    said = literals("财务管理制度、项目管理制度及佐证资料均未提供")
    assert [x.negated for x in said] == [True, True, True]
    # a negation that leads its own piece is that piece's: "有A和无B" keeps A positive
    assert [x.negated for x in literals("有财务制度和无项目制度")] == [False, True]
    # a piece that says something of its own ("已建立") keeps its polarity
    assert [x.negated for x in literals("财务制度已建立、项目制度未提供")] == [False, True]
    # 或 between the things: not a coordinated subject
    assert not literals("财务制度或项目制度未提供")[0].negated


PUBLISH = (
    "及时依法准确在财政部门指定媒体上公告政府采购信息的,得4分。未按规定及时发布的,发现一次扣1分;"
    "发布信息有明显错误及疏漏的,发现一次扣1分。"
)
FIRE = "责任区内无火灾,计20分。发生一般森林火灾一次扣5分,发生较大以上森林火灾一次扣10分。若隐瞒真相不报告的扣15分。"
FILES = "查看平台,抽取10份档案,1份有空项扣1分,漏项扣1分,电话号码不正确,扣5分,可倒扣"
CARDS = "凡未规范填写传染病报告卡每次扣0.1分;未及时填报每次扣0.2分;漏报每次扣0.5分。"
KINDS = [
    # what was checked, then what was found
    (FILES, 30, "抽取10份档案，4份电话号码错误，另有2份存在空项。", "8"),  # 4 × 5 + 2 × 1 = 22: 30−22
    (FILES, 30, "抽查10份档案：3份存在空项，1份有漏项，电话号码均正确", "26"),  # 3 + 1: 30−4
    (FILES, 30, "抽查10份档案", None),  # only the check: nothing said found or not
    (FILES, 30, "抽查10份档案电话空号", None),  # the check with a finding in it: not passed over
    (FILES, 30, "电话号码均准确无误", "30"),  # 不正确 denied by 准确无误: 30
    (FILES, 30, "电话号码基本准确", None),  # a hedge
    # dates are no counts; 起 counts an event as 次 does
    (FIRE, 20, "责任区内3月发生一般森林火灾一起。", "15"),  # 1 × 5: 20−5
    (FIRE, 20, "4月责任区内发生较大森林火灾1起", "10"),  # 较大 is within 较大以上: 1 × 10: 20−10
    (FIRE, 20, "发生一般森林火灾2起", "10"),  # 2 × 5: 20−10
    (FIRE, 20, "2012年5月发生一般森林火灾2起", "10"),  # the year and month are a date: 2 × 5
    # lateness in the evaluator's words
    (PUBLISH, 4, "采购公告迟发2次", "2"),  # 迟发 = 未及时发布: 2 × 1
    (PUBLISH, 4, "采购公告超过规定时限发布2次", "2"),  # the same
    (PUBLISH, 4, "采购公告无迟发", None),  # a denial of the evaluator's word: not rewritten, not read
    (CARDS, 5, "迟报2例，漏报1例", "4.1"),  # 例 counts reports: 2 × 0.2 + 1 × 0.5 = 0.9: 5−0.9
    (CARDS, 5, "漏报传染病4例", "3"),  # 4 × 0.5: 5−2
    ("未按时完成任务每次扣1分;发生事故每次扣2分。", 10, "发生事故3例", None),  # 例 of accidents: persons?
    ("突发公共卫生事件未及时报告每次扣2分。", 10, "未及时报告病例5例", None),  # one event's report, 5 cases?
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), KINDS)
def test_kinds_as_evaluators_word_them(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))


def test_checked_scope() -> None:
    for said in ("抽查本年度政府采购公告12条", "抽查河长公示牌12块", "登录平台抽取10份健康档案", "核对门诊日志",
                 "经核查", "经查", "入户核查低保家庭30户"):  # fmt: skip
        assert checked_scope(said), said
    for said in ("上访至县经调查属实1户", "抽查中有5块河长牌公示电话为空号", "抽查公告12条迟发", "抽查公告12条均合格",
                 "检查中在楼道发现烟头3处", "查处案件3起", "抽查12户其中3户超标"):  # fmt: skip
        assert not checked_scope(said), said


def test_undated() -> None:
    assert undated("3月发生火灾一起", ["次"]) == "发生火灾一起"
    assert undated("2012年5月底前完成整改", ["次"]) == "完成整改"
    assert undated("缺报3月", ["月"]) == "缺报3月"  # a kind counted in months: 3月 may be the count
    assert undated("缺报3个月", ["次"]) == "缺报3个月"  # a span, not a date


def test_table_fault_words() -> None:
    late = "未按规定及时发布的,发现一次扣1分"
    assert table_fault_words("公告迟发1次", late) == "公告未及时发1次"
    assert table_fault_words("比规定时间晚5天上报", "不及时上报") == "未及时上报"
    assert table_fault_words("未迟报", late) == "未迟报"  # a denial: left alone
    assert table_fault_words("公告迟发1次", "迟发公告每次扣1分") == "公告迟发1次"  # the table's own word
    wrong = "电话号码不正确,扣5分"
    assert table_fault_words("电话号码错误", wrong) == "电话号码不正确"
    assert table_fault_words("电话号码准确无误", wrong) == "电话号码准确无误"
    assert table_fault_words("电话号码错误", "电话号码错误或不正确") == "电话号码错误"  # the table says 错误
    assert table_fault_words("已纠正错误", wrong) == "已纠正错误"  # an error put right: no fault named
    # a table counting the days late: "晚5天" keeps its span
    assert table_fault_words("晚5天上报", "未及时上报的，每推迟1天扣1分") == "晚5天上报"


ARCHIVES = "学生归档材料不全、不规范扣5分;不及时上报扣5分。"
QUALITIES = [
    (ARCHIVES, 10, "学生归档材料齐全、规范，均按时上报。", "10"),  # both predicates met, reported on time: 10
    (ARCHIVES, 10, "学生归档材料齐全，均按时上报。", None),  # 规范 unsaid: not the whole denial
    (ARCHIVES, 10, "学生归档材料基本齐全、规范，均按时上报。", None),  # a hedge
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), QUALITIES)
def test_qualities_met(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))


def test_late_by_days_against_a_list_of_faults() -> None:
    from medaid.evaluation.rules.clause_lists import faults_by_clauses
    from medaid.evaluation.rules.clause_synonyms import in_text_words

    faults = ["学生归档材料不全、不规范", "不及时上报"]
    said = in_text_words("归档材料完整规范，但比规定时间晚5天上报。", faults)
    found, why, _ = faults_by_clauses(said, faults)  # 不规范 denied, late once: the second fault alone
    assert (found, why) == ([2], None)


def test_predicates_restated() -> None:
    fault = "学生归档材料不全、不规范"
    assert predicates_restated("学生归档材料齐全、规范", fault)
    assert predicates_restated("归档材料规范、齐全", fault)  # either order, the subject's tail
    assert not predicates_restated("体检材料齐全规范", fault)  # another subject
    assert not predicates_restated("学生归档材料齐全", fault)  # one predicate of two
    assert not predicates_restated("学生归档材料齐全、不规范", fault)  # one still negated
    assert not predicates_restated("部分学生归档材料齐全规范", fault)  # a part
    assert not predicates_restated("台账齐全", "台账不全")  # one predicate: left to the other readings


# Reviewer findings (s9 fix round): each a near-miss of a round-1 reading, now right or refused.
POSTERS = "无宣传栏扣2分,宣传内容每月2期,少1期扣0.5分;发现烟头每处扣0.5分。"
SCHEDULE = "工程未达到进度要求的扣2分;质量有缺陷的每处扣1分。"
SIGNED = "村医每年与卫生院、村委会分别签订《村卫生室管理协议书》得6分,缺一项扣3分。"
PATROL_LIMIT = "每发现一次脱岗扣2分;每发现一次未巡护扣2分。护林员脱岗3次以上的予以解聘"
MESS = "发现乱堆乱放每处扣1分;发现垃圾每处扣1分。"
ACCIDENTS = "发生安全事故:死亡1人扣20分/次;死亡2人及以上扣40分/次;受伤1人扣5分/次;受伤2人及以上扣10分/次。"
CLINICS = "各乡镇卫生院建立标准化预防接种门诊。每少一个乡镇扣0.5分;考核一个乡镇不合格扣0.5分。"
FILES_MADE = "没有建立健康档案发现一次扣0.5分,档案内容不全每项扣0.1分。"
FOREST = (
    "责任区内全年无乱砍滥伐、乱采滥挖、毁林开垦等破坏林木行为的计10分。责任区内有上述事件发生,能及时报告的扣5分,"
    "不及时报告的扣10分。"
)
FINDINGS = [
    (POSTERS, 5, "有宣传栏，每月更新2期，未发现烟头", "5"),  # done as asked: 5
    (POSTERS, 5, "有宣传栏，每月至少更新2期，未发现烟头", "5"),  # 至少2 ≥ 2: met, no 少: 5
    (POSTERS, 5, "有宣传栏，每月漏发2期，未发现烟头", None),  # the opposite of doing it
    (POSTERS, 5, "有宣传栏，每月计划更新2期，未发现烟头", None),  # a plan
    (POSTERS, 5, "有宣传栏，每月曾更新2期，未发现烟头", None),  # past
    (POSTERS, 5, "有宣传栏，每月平均更新2期，未发现烟头", None),  # an average
    (POSTERS, 5, "有宣传栏，每月少2期，未发现烟头", None),  # 2 a month short: in how many months?
    (SCHEDULE, 10, "工程按期完成，质量无缺陷", "10"),  # on schedule, no defect: 10
    (SCHEDULE, 10, "工程预计按期完成，质量无缺陷", None),  # a forecast
    (SCHEDULE, 10, "工程将按期完成，质量无缺陷", None),  # a plan
    (SCHEDULE, 10, "工程一期按期完成，质量无缺陷", None),  # a phase only
    (SCHEDULE, 10, "工程按期完成80%，质量无缺陷", None),  # a part
    (SCHEDULE, 10, "工程预计达到进度要求，质量无缺陷", None),  # the table's words, still a forecast
    (SCHEDULE, 10, "工程按期完成，质量缺陷2处以上", None),  # 2 or more: how many?
    ("每缺1项资料扣1分;质量有缺陷的每处扣1分。", 10, "资料至少缺2项，质量无缺陷", None),  # at least 2
    (SIGNED, 6, "均未与卫生院、村委会分别签订协议书", "0"),  # neither signed: 0
    (SIGNED, 6, "已与卫生院、村委会分别签订协议书", "6"),  # both signed: 6
    (SIGNED, 6, "未与卫生院、村委会分别签订协议书", None),  # none, or no separate ones?
    (PATROL_LIMIT, 10, "护林员脱岗1次，未巡护1次", "6"),  # 2 + 2 (the 解聘 sentence is of 3 or more): 10−4
    (MESS, 10, "各类问题共3处", "7"),  # every kind 1 per 处: 3 × 1: 10−3
    (MESS, 10, "各类消防隐患共3处", None),  # another thing than the row's faults
    (MESS, 10, "所有村共3处", None),  # 3 of what?
    (ACCIDENTS, 50, "安全事故1次（受伤1人）", "45"),  # 1 × 5: 50−5
    (ACCIDENTS, 50, "安全1次（死亡1人）", None),  # 安全 is no event
    ("发生重大安全事故:死亡1人扣20分/次;受伤1人扣5分/次。", 50, "安全事故1次（受伤1人）", None),  # not said 重大
    (CLINICS, 3, "少2个乡镇未建立，1个乡镇考核不合格", "1.5"),  # 2 × 0.5 + 1 × 0.5: 3−1.5
    (CLINICS, 3, "少2个乡镇未考核，1个乡镇考核不合格", None),  # 未考核 is no repeat of 建立
    (CLINICS, 3, "少2个村，1个乡镇考核不合格", None),  # 村 is not the text's 乡镇
    (FILES_MADE, 5, "建档率90%，内容不全2项", None),  # some not filed: how many?
    (FILES_MADE, 5, "建档率100%，内容不全2项", "4.8"),  # all filed; 2 × 0.1: 5−0.2
    (FOREST, 10, "责任区内全年无破坏林木行为", "10"),  # the full-marks condition restated: 10
    (FOREST + "巡护日志不全的扣2分。", 10, "责任区内全年无破坏林木行为", None),  # another fault unsaid
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), FINDINGS)
def test_reviewer_findings(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))


GRAVES = (
    "存放在本镇以外,证明手续不齐全的,每例扣1分;有修坟、建坟现象的每例扣5分;对修坟、建坟现象未及时整治的扣完基本分。"
    "(基本分20分)"
)
PETITIONS = "按问题属地进行考核,进京非访扣15分/批次,到省非访扣10分/批次,到市非访扣5分/批次"
AGENCY = "未签署采购委托协议实施采购的,每发现1次,扣1分;超过委托代理权限开展采购活动的,每发现1次,扣1分。"
MORE = [
    (GRAVES, 20, "发现修坟2例，至检查时仍未整治。", "0"),  # still not put right: 未整治 is also 未及时整治: 0
    (GRAVES, 20, "发现修坟2例，仍未整治。", "0"),  # the same
    (GRAVES, 20, "证明手续不齐全2例，仍未整治", None),  # 仍未整治 of papers, not of graves: not the veto
    (GRAVES, 20, "仍未整治", None),  # of what?
    (PETITIONS, 15, "本年度属地未发生进京、到省、到市非访。", "15"),  # none of the three: 15
    (PETITIONS, 15, "本年度属地未发生进京、到省非访，到市非访1批次", "10"),  # 1 × 5: 15−5
    (PETITIONS, 15, "本年度属地未发生进京、到省、到市上访", None),  # 上访 is not the text's 非访
    (PETITIONS, 15, "本年度属地基本未发生进京、到省、到市非访", None),  # a hedge: not all denied
    (PETITIONS, 15, "部分乡镇未发生进京非访", None),  # some of the subjects only
    (AGENCY, 5, "各项目均签有委托协议；发现超越委托代理权限采购一次。", "4"),  # 签有 = 签署; 1 × 1: 5−1
    (AGENCY, 5, "部分项目签有委托协议", None),  # a part
    # "每次(件)": the text's bracket gives 件 for this kind's 次
    ("处置时弄虚作假的,每次(件)扣1分;无故推诿的,每次扣1分。", 5, "发现2件案件处置时弄虚作假", "3"),  # 2 × 1: 5−2
    ("处置时弄虚作假的,每次(件)扣1分;无故推诿的,每次扣1分。", 5, "无故推诿2件", None),  # no bracket for this kind
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), MORE)
def test_more_paraphrases(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))


def test_each_period() -> None:
    from medaid.evaluation.rules.kind_periods import each_period

    assert each_period("四个季度各出1期") == "每季度出1期"  # each quarter
    assert each_period("宣传栏按季出刊共4期") == "宣传栏每季度出刊1期"  # quarterly, 4 in the year: 1 each
    assert each_period("按季出刊共3期") == "按季出刊共3期"  # 3 over four quarters: one short, which?
    assert each_period("全年出刊4期") == "全年出刊4期"  # a year's total: two in one quarter?
    assert each_period("三个季度各出1期") == "三个季度各出1期"  # three quarters only


POSTERS_Q = "无宣传栏扣4分,宣传内容每季度1期,少1期扣1分;发现烟头每处扣0.5分。"
PERIODS = [
    (POSTERS_Q, 5, "设有宣传栏，四个季度各出1期，未发现烟头", "5"),  # every quarter 1: nothing short: 5
    (POSTERS_Q, 5, "设有宣传栏，四个季度各出2期，未发现烟头", "5"),  # 2 ≥ 1 each quarter: 5
    (POSTERS_Q, 5, "设有宣传栏，三个季度各出1期，未发现烟头", None),  # the fourth quarter unsaid
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), PERIODS)
def test_every_period_said_otherwise(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))
