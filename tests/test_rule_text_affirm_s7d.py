"""Affirm family, session 7, fix round: the adversarial review's probes and further variants.

Each case: (text, weight, actual, score or None for a refusal). Hand scores by the wording (see
/tmp/rules_doc7_affirm.md "Fix round"): a deed not yet done, a quality of time/frequency/scope left out, a verb of
another deed, a hedged or half denial, a fault prevented or over, a base whose fault is joined by 或/且, evidence
said to be missing — all refused; the same texts with the actual restating the condition still score.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

_P = "建立工作台账得2分,否则不得分"
_M = "制定实施方案得2分,未制定不得分"
_Y = "有应急预案得2分,否则不得分"
_G = "成立领导小组得2分,否则不得分"
_Z = "成立工作专班得2分,未成立不得分"
_S = "签订目标责任书得2分,未签订不得分"
_T = "按时完成年度任务得5分,未完成不得分"
_L2 = "性格开朗,遵守学校纪律计5分。发生过以下任何一种不良行为,计0分:1.逃学;2.沉迷网吧玩耍;3.打架斗殴"
_L4 = "校园周边环境良好得4分。存在以下问题之一的,不得分:①周边有网吧;②校门口无减速带;③周边有流动摊贩"
_L1 = (
    "儿童居住的环境无安全隐患计10分。有以下安全隐患存在计0分:1.存在被性侵的隐患;2.存在被家暴的隐患;3.存在溺水的安全隐患"
)
_Q = "台账是否规范 1.规范(3分) 2.较规范(2分) 3.不规范(0分)"
_N = "资料齐全且规范得5分,资料不齐全并且不规范得0分"
_R = "记录完整且规范得4分,记录不完整并且不规范得0分"

# a deed not yet done: an intention, a future, an obligation, in progress (review 1a, 1e)
NOT_YET = [
    (_P, 2, "工作台账将建立", None),
    (_P, 2, "工作台账拟建立", None),
    (_P, 2, "工作台账亟需建立", None),
    (_P, 2, "工作台账应建立", None),
    (_P, 2, "工作台账需建立", None),
    (_P, 2, "工作台账正建立", None),
    (_P, 2, "工作台账计划建立", None),
    (_P, 2, "工作台账待建立", None),
    (_P, 2, "拟建立工作台账", None),
    (_M, 2, "实施方案拟印发", None),
    (_M, 2, "实施方案将出台", None),
    (_M, 2, "实施方案待下发", None),
    (_M, 2, "拟印发实施方案", None),
    (_M, 2, "准备出台实施方案", None),
    (_M, 2, "实施方案需制定", None),
    (_Y, 2, "应急预案拟编制", None),
    (_Y, 2, "应急预案待制定", None),
    (_G, 2, "领导小组待组建", None),
    (_G, 2, "领导小组拟组建", None),
    (_G, 2, "将组建领导小组", None),
    (_G, 2, "拟成立领导小组", None),
    (_Z, 2, "拟组建工作专班", None),
    (_Z, 2, "计划组建工作专班", None),
    (_Z, 2, "准备组建工作专班", None),
    ("制定年度工作计划得2分,否则不得分", 2, "年度工作计划制定中", None),
    ("建立服务站得3分,未建立不得分", 3, "已筹建服务站", None),
    # variants
    ("建立服务台账得3分,未建立不得分", 3, "服务台账将于下月建立", None),
    ("建立服务台账得3分,未建立不得分", 3, "服务台账亟待建立", None),
    ("出台考核办法得2分,否则不得分", 2, "考核办法拟于年底前出台", None),
    ("出台考核办法得2分,否则不得分", 2, "考核办法正在起草", None),
    ("设立服务窗口得2分,否则不得分", 2, "服务窗口待设立", None),
    # still read
    ("出台考核办法得2分,否则不得分", 2, "考核办法已出台", Decimal(2)),
    ("设立服务窗口得2分,否则不得分", 2, "服务窗口已设立", Decimal(2)),
    (_P, 2, "工作台账已建立", Decimal(2)),
    ("成立工作领导小组得1分,否则不得分。", 1, "尚未组建工作领导小组", Decimal(0)),
    ("有年度培训计划得2分,否则不得分", 2, "年度培训计划已编制", Decimal(2)),
]

# a draft or a preparatory body is not the thing (review 1b, 1e)
DRAFTS = [
    (_Z, 2, "已组建工作专班筹备组", None),
    ("有年度培训计划得2分,否则不得分", 2, "已编制年度培训计划草案", None),
    ("制定工作方案得2分,未制定不得分", 2, "已制定工作方案初稿", None),
    ("制定工作方案得2分,未制定不得分", 2, "已制定工作方案征求意见稿", None),
    (_S, 2, "已起草目标责任书", None),
    (_M, 2, "已形成实施方案送审稿", None),
    (_M, 2, "实施方案讨论稿已形成", None),
    (_G, 2, "已成立领导小组筹备组", None),
]

# another deed: a denial of issuing is not a denial of having; distributed is not signed (review 1c, 1e)
OTHER_DEEDS = [
    (_Y, 2, "应急预案未印发", None),
    (_Y, 2, "应急预案未出台", None),
    ("有管理办法得2分,否则不得分", 2, "未下发管理办法", None),
    (_S, 2, "目标责任书已下发", None),
    ("有管理制度得2分,否则不得分", 2, "管理制度未发布", None),
    ("有考核细则得2分,否则不得分", 2, "考核细则未下发", None),
    ("签订安全责任书得2分,未签订不得分", 2, "安全责任书已印发", None),
    # still read
    ("有考核细则得2分,否则不得分", 2, "未制定考核细则", Decimal(0)),
    ("签订安全责任书得2分,未签订不得分", 2, "已签订安全责任书", Decimal(2)),
    ("有年度工作计划得2分,否则不得分", 2, "年度工作计划未制定", Decimal(0)),
]

# a quality of time, pace, frequency or scope left out (review 1d, 2, 3)
QUALITIES = [
    ("一季度内建立工作台账得2分,未建立不得分", 2, "工作台账已建立", None),
    ("3月底前制定实施方案得2分,未制定不得分", 2, "已印发实施方案", None),
    (_T, 5, "已完成", None),
    (_T, 5, "完成", None),
    ("按时完成整改得3分,未完成不得分", 3, "已完成", None),
    ("基准分5分,未按时完成的,基准分全扣", 5, "已完成", None),
    ("超额完成年度任务得5分,未完成不得分", 5, "已完成年度任务", None),
    ("超额完成年度任务得5分,否则不得分", 5, "已完成年度任务", None),
    ("提前完成年度任务得5分,未完成不得分", 5, "已完成年度任务", None),
    ("提前完成年度任务得5分,否则不得分", 5, "已完成年度任务", None),
    ("高质量完成年度任务得5分,未完成不得分", 5, "已完成年度任务", None),
    ("保质保量完成年度任务得5分,未完成不得分", 5, "已完成年度任务", None),
    ("在规定时间内完成整改得3分,未完成不得分", 3, "已完成整改", None),
    ("6月底前完成整改得3分,未完成不得分", 3, "已完成整改", None),
    ("于年底前完成项目建设得3分,未完成不得分", 3, "项目建设已完成", None),
    ("限期完成整改得3分,未完成不得分", 3, "已完成整改", None),
    ("年内完成整改得3分,未完成不得分", 3, "已完成整改", None),
    ("按进度完成年度任务得5分,未完成不得分", 5, "已完成年度任务", None),
    ("按计划完成年度任务得5分,未完成不得分", 5, "已完成年度任务", None),
    ("按季度完成任务得5分,未完成不得分", 5, "已完成任务", None),
    ("每月定期召开支委会议得2分,否则不得分", 2, "已定期召开", None),
    ("每季度定期开展督导检查得2分,否则不得分", 2, "已定期开展", None),
    ("每半年定期召开联席会议得2分,否则不得分", 2, "已定期召开联席会议", None),
    ("按月足额缴纳党费得2分,否则不得分", 2, "已足额缴纳", None),
    ("及时上报所有突发事件信息得2分,否则不得分", 2, "已及时上报", None),
    ("每月召开支委会议得2分,未召开不得分", 2, "已召开支委会议", None),
    ("每月召开支委会议得2分,否则不得分", 2, "已召开支委会议", None),
    # variants
    ("5月底前建立工作台账得2分,未建立不得分", 2, "已建立工作台账", None),
    ("二季度末前制定实施方案得2分,未制定不得分", 2, "实施方案已制定", None),
    ("提前完成整改任务得4分,未完成不得分", 4, "整改任务已完成", None),
    ("超额完成招商任务得3分,否则不得分", 3, "招商任务已完成", None),
    ("年底前完成验收得3分,未完成不得分", 3, "已完成验收", None),
    ("高质量完成调研报告得2分,否则不得分", 2, "调研报告已完成", None),
    ("每季度召开联席会议得2分,否则不得分", 2, "已召开联席会议", None),
    ("每周开展巡查得2分,否则不得分", 2, "已定期开展巡查", None),
    ("按月足额发放补贴得2分,否则不得分", 2, "已足额发放补贴", None),
    # still read: the quality restated, the deed denied, a bare 是 to the whole condition
    ("提前完成整改任务得4分,未完成不得分", 4, "已提前完成整改任务", Decimal(4)),
    ("提前完成整改任务得4分,未完成不得分", 4, "整改任务未完成", Decimal(0)),
    (_T, 5, "已按期完成年度任务", Decimal(5)),
    (_T, 5, "是", Decimal(5)),
    ("每季度召开联席会议得2分,否则不得分", 2, "已每季度召开联席会议", Decimal(2)),
    ("每月定期召开支委会议得2分,否则不得分", 2, "已每月定期召开支委会议", Decimal(2)),
    # another negative statement beside the affirming one does not excuse it
    (_T, 5, "已完成年度任务,无其他问题", None),
    ("每月召开支委会议得2分,否则不得分", 2, "已召开支委会议,未发现问题", None),
    (_T, 5, "年度任务未完成", Decimal(0)),
    ("每月召开支委会议得2分,否则不得分", 2, "未召开支委会议", Decimal(0)),
]

# a level joined by 并且: one half denied names it not (review 5)
HALVES = [
    (_N, 5, "资料不齐全,规范", None),
    (_N, 5, "资料齐全,不规范", None),
    ("工作开展及时且有成效得4分;工作开展不及时并且无成效得0分", 4, "工作开展不及时,有成效", None),
    (_R, 4, "记录完整,不规范", None),
    (_R, 4, "记录不完整,规范", None),
    (_R, 4, "记录不完整,不规范", Decimal(0)),
]

# a numbered 0 list: a fault prevented, feared or over, a narrower denial (review 6)
LISTS = [
    (_L2, 5, "防止逃学", None),
    (_L2, 5, "有逃学倾向", None),
    (_L2, 5, "曾被他人打架斗殴波及", None),
    (_L4, 4, "周边原有网吧已关停", None),
    (_L4, 4, "周边有网吧已关停", None),
    (_L1, 10, "居住环境无溺水的安全隐患", None),
    (_L2, 5, "预防沉迷网吧", None),
    (_L2, 5, "有打架斗殴苗头", None),
    (_L4, 4, "周边流动摊贩已取缔", None),
    (_L1, 10, "居住环境无被家暴的隐患", None),
    (_L1, 10, "无安全隐患", Decimal(10)),
    (_L1, 10, "存在溺水的安全隐患", Decimal(0)),
]

# a base lost whole: a fault joined by 或/且, or a negation of a manner only (review 7)
BASES = [
    ("基准分5分,未建立台账或台账不完整的,本项基准分全扣", 5, "已建立台账", None),
    ("基准分5分,不按时报送或报送不准确的,本项基准分全扣", 5, "已按时报送", None),
    ("基准分4分,未按规定程序审批或超范围支出的,基准分全扣", 4, "已按规定程序审批", None),
    ("基准分4分,未按规定程序审批或超范围支出的,基准分全扣", 4, "未超范围支出", None),
    ("基准分5分,未经审批擅自开工的,基准分全扣", 5, "未擅自开工", None),
    ("基准分3分;未经批准调整预算的,本项基准分全扣", 3, "未调整预算", None),
    ("基准分3分;不按时上报且数据不准确的,本项基准分全扣", 3, "数据准确", None),
    ("基准分4分,未建立制度或制度不健全的,本项基准分全扣", 4, "已建立制度", None),
    ("基准分4分,未按时公示且公示内容不全的,本项基准分全扣", 4, "公示内容齐全", None),
    ("基准分3分,未经批准擅自变更项目的,基准分全扣", 3, "未变更项目", None),
    ("基准分为3分;未按规定公示的,本项基准分全扣", 3, "已按规定公示", Decimal(3)),
    ("基准分为3分;未按规定公示的,本项基准分全扣", 3, "未按规定公示", Decimal(0)),
]

# a hedged denial (review 8) and evidence said to be missing (review 10)
HEDGES_AND_EVIDENCE = [
    (_Q, 3, "不够规范", None),
    (_Q, 3, "不太规范", None),
    (_Q, 3, "欠规范", None),
    (_Q, 3, "不规范", Decimal(0)),
    ("开展培训得2分,未开展不得分(培训签到表须存档备查,否则视为未开展)", 2, "已开展培训,签到表缺失", None),
    ("召开专题会议得2分,未召开不得分(会议纪要必须存档备查,否则视为未召开)", 2, "已召开专题会议,会议纪要缺失", None),
    ("开展宣传活动得2分,未开展不得分", 2, "已开展宣传活动,活动照片遗失", None),
    ("召开专题会议得4分(会议记录须报县局备案,否则本项扣完)", 4, "已召开专题会议", None),
    ("无违规违纪行为得3分,有则不得分", 3, "未发现违规违纪行为", Decimal(3)),
]


@pytest.mark.parametrize(
    ("text", "weight", "actual", "expected"),
    NOT_YET + DRAFTS + OTHER_DEEDS + QUALITIES + HALVES + LISTS + BASES + HEDGES_AND_EVIDENCE,
)
def test_the_review_probes_and_variants(text: str, weight: int, actual: str, expected: Decimal | None) -> None:
    got = trial_score(text, weight, actual=actual)
    assert got == expected, (text, actual, got)
