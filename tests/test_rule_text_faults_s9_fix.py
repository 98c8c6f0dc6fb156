"""Faults family, session 9, fixer: constructed variants of the reviewer's findings (/tmp/adv9/report_faults.md),
each defect read in general — other nouns, numbers, periods and partners than the probes. Each case: (text,
weight, 扣分说明 or 实际情况, hand score; None = refused), the working in the comment beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.clause_partners import separately_denied
from medaid.evaluation.rules.full_conditions import another_time
from tests.rule_checks import trial_score

# A, D: a requirement once a period met only by a verb of doing it, 至少 read as "that many or more"
BOARD = "宣传栏内容每季度1期,少1期扣1分;发现杂物每处扣0.5分。"
POSTS = "无公示栏扣2分,公示内容每月3期,少1期扣0.5分;发现破损每处扣0.5分。"
PERIODS = [
    (BOARD, 5, "每季度出1期，未发现杂物", "5"),  # met, nothing found: 5
    (BOARD, 5, "每季度更新1期，发现杂物2处", "4"),  # met; 2 × 0.5: 5−1
    (BOARD, 5, "每季度不少于1期，未发现杂物", "5"),  # 1 or more: met
    (BOARD, 5, "每季度拟出1期，未发现杂物", None),  # a plan
    (BOARD, 5, "每季度应出1期，未发现杂物", None),  # the requirement restated
    (BOARD, 5, "每季度漏出1期，未发现杂物", None),  # missed: the opposite
    (BOARD, 5, "每季度争取出1期，未发现杂物", None),  # an aim
    (BOARD, 5, "每季度通常出1期，未发现杂物", None),  # usually: some quarters not
    (BOARD, 5, "每季度出过1期，未发现杂物", None),  # once did
    (BOARD, 5, "每季度至多1期，未发现杂物", None),  # at most: some quarters fewer
    (POSTS, 5, "有公示栏，每月至少3期，未发现破损", "5"),  # 3 or more a month: met, no 少
    (POSTS, 5, "有公示栏，每月至少发布3期，未发现破损", "5"),  # the same with the verb
    (POSTS, 5, "有公示栏，每月至少1期，未发现破损", None),  # 1 or more of 3: how many short?
    (POSTS, 5, "有公示栏，每月缺1期，未发现破损", None),  # 1 short a month: in how many months?
    (POSTS, 5, "有公示栏，每月停发3期，未发现破损", None),  # the opposite of doing it
    (POSTS, 5, "有公示栏，每月预计发布3期，未发现破损", None),  # a forecast
]

# B: a negation before 与 and a list of partners 分别: every partner's only under 均/都
SIGNED = "卫生室每年与乡镇卫生院、村民委员会分别签订《服务协议》得4分,缺一项扣2分。"
PARTNERS = [
    (SIGNED, 4, "已与乡镇卫生院、村民委员会分别签订服务协议", "4"),  # both: 4
    (SIGNED, 4, "均未与乡镇卫生院、村民委员会分别签订服务协议", "0"),  # neither: 4−2−2
    (SIGNED, 4, "与乡镇卫生院、村民委员会都未签订服务协议", "0"),  # neither: 0
    (SIGNED, 4, "未与乡镇卫生院、村民委员会分别签订服务协议", None),  # none, or no separate ones?
    (SIGNED, 4, "仍未与乡镇卫生院、村民委员会分别签订服务协议", None),  # the same
    (SIGNED, 4, "未与乡镇卫生院和村民委员会分别签订服务协议", None),  # the same, joined by 和
    (SIGNED, 4, "没有与乡镇卫生院及村民委员会分别签订服务协议", None),  # the same, joined by 及
    (SIGNED, 4, "与乡镇卫生院、村民委员会未分别签订服务协议", None),  # the negation after the partners
    (SIGNED, 4, "拟与乡镇卫生院、村民委员会分别签订服务协议", None),  # a plan
]


@pytest.mark.parametrize(
    ("statement", "refused"),
    [
        ("未与甲单位和乙单位分别建立合作关系", True),
        ("与甲单位、乙单位尚未分别建立合作关系", True),
        ("均未与甲单位、乙单位分别建立合作关系", False),  # 均: each partner's
        ("与甲单位、乙单位均未分别建立合作关系", False),
        ("未与甲单位建立合作关系，已与乙单位建立", False),  # no list
    ],
)
def test_separately_denied(statement: str, refused: bool) -> None:
    assert (separately_denied(statement) is not None) == refused


# C: 按期/如期完成 only as a statement of what was done, the subject's
WORKS = "项目未达到进度要求的扣3分;资料不全的每项扣1分。"
SCHEDULE = [
    (WORKS, 10, "项目如期完成，资料齐全", "10"),  # on schedule, nothing missing: 10
    (WORKS, 10, "项目达到进度要求，资料不全3项", "7"),  # 3 × 1: 10−3
    (WORKS, 10, "项目未按期完成，资料齐全", "7"),  # behind: 10−3
    (WORKS, 10, "项目有望如期完成，资料齐全", None),  # a forecast
    (WORKS, 10, "项目确保按期完成，资料齐全", None),  # an aim
    (WORKS, 10, "项目主体按期完成，资料齐全", None),  # a part
    (WORKS, 10, "项目上年按期完成，资料齐全", None),  # another year
    (WORKS, 10, "项目计划达到进度要求，资料齐全", None),  # the table's words, a plan
    (WORKS, 10, "项目达到进度要求，资料缺2项以上", None),  # 2 or more: how many?
    (WORKS, 10, "项目达到进度要求，资料至少缺1项", None),  # at least 1
]

# E, F, G, H, I, J: sanctions, totals, graded events, open counts and other things short, rates
DUTY = "每发现一次迟到扣1分;每发现一次早退扣1分。保洁员迟到5次以上的予以辞退"
LITTER = "发现杂物乱堆每处扣1分;发现污水每处扣1分。"
FIRES = "发生火灾事故:死亡1人扣20分/次;受伤1人扣5分/次。"
ROADS = "发生重大交通事故:死亡1人扣20分/次;受伤1人扣5分/次。"
VILLAGES = "各村建立卫生室。每少一个村扣1分;检查一个村不合格扣1分。"
RECORDS = "没有建立居民健康档案发现一次扣0.5分,档案内容不全每项扣0.1分。"
OTHERS = [
    (DUTY, 10, "保洁员迟到1次，早退1次", "8"),  # 1 + 1 (the 辞退 sentence is of 5 or more): 10−2
    (DUTY, 10, "迟到2次，早退1次", "7"),  # 2 + 1: 10−3
    (LITTER, 10, "各类问题共2处", "8"),  # every kind 1 per 处: 10−2
    (LITTER, 10, "各类隐患共2处", None),  # another thing than the row's faults
    (LITTER, 10, "所有点位共2处", None),  # 2 of what?
    (FIRES, 50, "火灾事故1次（受伤1人）", "45"),  # the text's event: 50−5
    (FIRES, 50, "火灾1次（受伤1人）", None),  # 火灾 is the first word of the text's 火灾事故 only
    (FIRES, 50, "消防1次（受伤1人）", None),  # no event
    (ROADS, 50, "重大交通事故1次（受伤1人）", "45"),  # the text's event, qualifier and all: 50−5
    (ROADS, 50, "交通事故1次（受伤1人）", None),  # not said 重大
    (ROADS, 50, "一般交通事故1次（受伤1人）", None),  # 一般, not 重大
]
ACTUALS = [
    (VILLAGES, 10, "少2个村未建立，1个村检查不合格", "7"),  # 2 × 1 + 1 × 1: 10−3
    (VILLAGES, 10, "少2个组未建立，1个村检查不合格", None),  # 组 is not the text's 村
    (VILLAGES, 10, "少2个村未验收，1个村检查不合格", None),  # 未验收 is no repeat of 建立
    (VILLAGES, 10, "少2个村以上，1个村检查不合格", None),  # 2 or more: how many?
    (VILLAGES, 10, "1个村检查不合格，少3个村以上", None),  # the same, the other order
]
RATES = [
    (RECORDS, 5, "建档率100%，内容不全2项", "4.8"),  # all filed; 2 × 0.1: 5−0.2
    (RECORDS, 5, "建档率95%，内容不全1项", None),  # some not filed: how many?
    (RECORDS, 5, "居民健康档案建档率为85%，内容不全2项", None),  # the same
]

# K: a statement of another year or of the past against a list of faults (the text naming no such time)
SAFE = "全年安全无事故的得5分。发生一般事故扣2分,发生较大事故扣5分。"
TIMES = [
    (SAFE, 5, "全年安全无事故", "5"),  # the full-marks condition: 5
    (SAFE, 5, "发生一般事故1次", "3"),  # 5−2
    (SAFE, 5, "上年度全年安全无事故", None),  # another year (or the year scored?): not said
    (SAFE, 5, "去年发生一般事故1次", None),  # last year's accident
    (SAFE, 5, "曾发生较大事故", None),  # once, when?
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), PERIODS + PARTNERS + SCHEDULE + OTHERS + RATES)
def test_fixed_notes(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), ACTUALS + TIMES)
def test_fixed_actuals(text: str, weight: int, actual: str, hand: str | None) -> None:
    assert trial_score(text, weight, actual=actual) == (None if hand is None else Decimal(hand))


def test_another_time_of_the_text() -> None:
    assert another_time("上年度无安全事故", "上年度无安全事故的得5分") is None  # the text's own year
    assert another_time("从未曾发生事故", "发生事故扣5分") is None  # 未曾: a denial, read as before
    assert another_time("去年无事故", "发生事故扣5分") is not None


# Fixer (s9, round 2): a hedge or suspicion before a fault; another unit's event; a hazard for the event; a
# qualifier the table's kinds share left out; a veto's object named by single characters; another thing late.
NOTICES = "及时在指定媒体上公告政府采购信息的,得4分。未按规定及时发布的,发现一次扣1分;发布信息有错误的,发现一次扣1分"
CARDS = "凡未规范填写传染病报告卡每次扣0.1分;未及时填报每次扣0.2分;漏报每次扣0.5分。"
FIRES = "责任区内无火灾,计20分。发生一般森林火灾一次扣5分,发生较大以上森林火灾一次扣10分。若隐瞒真相不报告的扣15分。"
VISITS = "按问题属地进行考核,进京非访扣15分/批次,到省非访扣10分/批次,到市非访扣5分/批次"
GRAVES = "证明手续不齐全的,每例扣1分;有修坟、建坟现象的每例扣5分;对修坟、建坟现象未及时整治的扣完基本分。"
ROUND2 = [
    (NOTICES, 4, "抽查公告10条，迟发1次", "3"),  # 迟发 is 未及时发布: 4−1
    (NOTICES, 4, "抽查公告10条，可能迟发1次", None),  # a suspicion
    (NOTICES, 4, "抽查公告8条，疑似迟发2次", None),  # a suspicion
    (NOTICES, 4, "迟发1次，估计另有1次错误", None),  # a guess
    (NOTICES, 4, "代理机构迟发1次", None),  # another party's lateness
    (NOTICES, 4, "合同备案迟报1次", None),  # the lateness of another thing than 发布
    (NOTICES, 4, "采购合同迟交2份", None),  # 交 is not the table's 发布
    (CARDS, 2, "漏报传染病2例", "1"),  # 2 × 0.5: 2−1
    (CARDS, 2, "迟报1例", "1.8"),  # 迟报 is 未及时填报: 2−0.2
    (CARDS, 2, "疑似漏报传染病2例", None),  # suspected
    (CARDS, 2, "涉嫌迟报1例", None),  # suspected
    (CARDS, 2, "据反映漏报1例", None),  # hearsay
    (FIRES, 20, "发生一般森林火灾1次", "15"),  # 20−5
    (FIRES, 20, "邻近责任区发生一般森林火灾一起", None),  # another area's fire
    (FIRES, 20, "相邻林区发生较大森林火灾1次", None),  # another area's fire
    (FIRES, 20, "责任区外发生一般森林火灾1次", None),  # outside the area
    (FIRES, 20, "责任区内无火灾隐患", None),  # no hazard says nothing of fires
    (FIRES, 20, "未发现森林火灾风险", None),  # a risk, not a fire
    (FIRES, 20, "发生一般火灾1次（民房失火）", None),  # not said to be a forest fire
    (FIRES, 20, "发生较大以上火灾1次", None),  # not said to be a forest fire
    (VISITS, 30, "到市非访1批次", "25"),  # 30−5
    (VISITS, 30, "外地户籍人员在本地到市非访1批次", None),  # people of another place
    (VISITS, 30, "外省人员进京非访1批次", None),  # people of another province
    (GRAVES, 20, "发现修坟2例，至检查时仍未整治", "0"),  # the veto: 0
    (GRAVES, 20, "发现修路占用耕地2例，至检查时仍未整治", None),  # 修路 is no 修坟
    (GRAVES, 20, "发现修建厕所现象1例，至今仍未整治", None),  # 修 and 现 only
]


@pytest.mark.parametrize(("text", "weight", "note", "hand"), ROUND2)
def test_round2_fixed_notes(text: str, weight: int, note: str, hand: str | None) -> None:
    assert trial_score(text, weight, note=note) == (None if hand is None else Decimal(hand))
