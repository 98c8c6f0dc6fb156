"""Round 2 of session 6 (faults family): a 无 heading a 、-list distributes over it; counts in a counter the
readers do not know are never one case; "全部扣完" after a condition zeroes the row; objects joined by 、 under
one 均 are each said done; the alternatives of "A或B" cleared by statements of their own; a veto said with a
count or by its words; "无事故" against a clause whose 不 only qualifies the thing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.kinds import PerKind
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import rule_score


def _score(text: str, weight: str, actual: str | None = None, note: str | None = None,
           target: str | None = None) -> Decimal | None:  # fmt: skip
    return rule_score(text, weight, actual=actual, note=note, target=target)


_HOUSING = "未实现一乡一院,扣3分;有五保危房户或无房户扣5分。"
_SCHOOLS = "未完成标准化建设扣2分;有C级危房或无独立校舍扣4分"
_ROOMS = "每间教室应安装监控设备;少1间教室扣0.2分"
_SAFETY = "未开展矛盾化解工作,每次扣0.5分;未开展安全工作每次扣0.5分;发生安全责任事故,全部扣完。"
_DRILLS = "未开展消防演练,每次扣1分；未组织隐患排查的每次扣1分；出现亡人火灾的,本项分值扣完。"
_GRAVES = ("存放在本镇以外,证明手续不齐全的,每例扣1分;有修坟、建坟现象的每例扣5分;"
           "对修坟、建坟现象未及时整治的扣完基本分。(基本分20分)")  # fmt: skip
_SIGNS = "协管办（室）无明显标识，或未公示开展的卫生监督服务项目的，扣0.5分，未公示制度的，每一项扣0.1分。"
_VISITS = ("日常巡访未达到规定次数的，每缺1次扣0.5分；未协助查处非法行医的，未对被查处的非法行医点和人员未进行回访的，"
           "每一户次扣1分；扣完为止。")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        # a 无 heading a 、-list is every listed thing's, a thing written with 无 of its own included
        (_HOUSING, "8", "已实现一乡一院，无危房户、无房户", "8"),
        (_HOUSING, "8", "未实现一乡一院，无五保危房户和无房户", "5"),
        (_SCHOOLS, "6", "已完成标准化建设，无C级危房、无独立校舍", "6"),
        # near misses: the 无-term standing alone after another clause's denial (named, or 房户 denied?)
        (_HOUSING, "8", "已实现一乡一院，无危房户，无房户", None),
        (_HOUSING, "8", "已实现一乡一院，无房户", None),
        # a count other than one in a counter no list reader knows: never one case (the count readers may
        # count it, per room, when they know 间: hand 0.6, 0.6, 0.4)
        (_ROOMS, "1", "少2间教室", "0.6?"),
        (_ROOMS, "1", "少两间教室", "0.6?"),
        (_ROOMS, "1", "缺3间教室未装", "0.4?"),
        ("教室未安装监控设备扣0.5分;未配备消防器材扣0.5分", "1", "2间教室未安装监控设备，消防器材已配备", None),
        (_ROOMS, "1", "少1间教室", "0.8"),
    ],
)
def test_lists_of_faults(text: str, weight: str, actual: str, hand: str | None) -> None:
    score = _score(text, weight, actual)
    if hand is not None and hand.endswith("?"):  # refused, or the hand score: never one case of many
        assert score in (None, Decimal(hand[:-1]))
    else:
        assert score == (None if hand is None else Decimal(hand))


@pytest.mark.parametrize(
    ("text", "weight", "actual", "note", "hand"),
    [
        # "全部扣完", "本项分值扣完", "扣完基本分" after a condition: a veto of the row, named whole or counted
        (_SAFETY, "10", "工作均已开展，但发生安全责任事故1起", None, "0"),
        (_SAFETY, "10", "未开展矛盾化解工作2次、未开展安全工作1次，未发生安全责任事故", None, "8.5"),
        (_DRILLS, "6", "未开展消防演练1次，出现亡人火灾", None, "0"),
        (_DRILLS, "6", "未开展消防演练1次", None, "5"),
        (_GRAVES, "20", None, "修坟、建坟1例，未及时整治", "0"),
        (_GRAVES, "20", None, "修坟、建坟1例，已及时整治", "15"),
        # objects joined by 、 under one 均: each said done
        (_VISITS, "6", "应巡访24次，实巡访24次；协助查处、回访均到位", None, "6"),
        (_VISITS, "6", "巡訪無缺少；協助查處、回訪都已到位", None, "6"),
        # the alternatives of "A或B", each cleared by a statement of its own
        (_SIGNS, "1.5", "有明显标识，已公示服务项目，未公示制度3项", None, "1.2"),
        (_SIGNS, "1.5", "无明显标识，已公示服务项目，未公示制度0项", None, "1"),
        # near miss: one of the objects under 均 is no clause's
        (_VISITS, "6", "应巡访24次，实巡访24次；协助查处、宣传均到位", None, None),
    ],
)
def test_kinds_of_case(text: str, weight: str, actual: str | None, note: str | None, hand: str | None) -> None:
    assert _score(text, weight, actual, note) == (None if hand is None else Decimal(hand))


def test_a_condition_that_takes_all_marks_is_a_veto_not_a_limit() -> None:
    rule = parse_rule_text(_SAFETY)
    assert isinstance(rule, PerKind)
    assert rule.vetoes == ("安全责任事故",)
    # "此分值扣完" is a part's own, and "扣完为止" after a condition a limit: neither is read as a veto here
    for text in ("未开展演练每次扣1分;未排查每次扣1分;出现事故的,扣完为止。",):
        other = parse_rule_text(text)
        assert not isinstance(other, PerKind) or not other.vetoes


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        # "无事故" denies every accident, the one the clause's 不 only qualifies among them
        ("无事故得10分;发生一次不超标事故扣10分;发生超标事故扣5分", "10", "无事故", "10"),
        ("无事故得8分;发生一次不合格事故扣8分;发生一般事故扣4分", "8", "没有事故", "8"),
        ("无事故得10分;发生一次不超标事故扣10分;发生超标事故扣5分", "10", "发生1次不超标事故", "0"),
    ],
)
def test_a_denial_of_the_thing_a_negation_qualifies(text: str, weight: str, actual: str, hand: str | None) -> None:
    rule = parse_rule_text(text)
    if rule is None:
        pytest.skip("text not read by any reader")
    assert _score(text, weight, actual) == (None if hand is None else Decimal(hand))


_PLAN = "无年度安全生产目标与指标计划的,不得分;安全生产目标与指标未以企业正式文件颁发的,不得分."
_TRAINING = "未制定年度培训计划的,不得分;培训记录未经负责人签字的,不得分。"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        # a fault that zeroes the row named whole; the other statements positive, naming none: 0 either way
        (_PLAN, "3", "有计划，但未以企业正式文件颁发", "0"),
        (_TRAINING, "4", "已有培训计划；但培训记录未经负责人签字", "0"),
        (_TRAINING, "4", "培训记录未经负责人签字，计划齐备", "0"),
        # near misses: the other statement negated or counted (it may be a fault, or the zeroing one's circumstance)
        (_PLAN, "3", "有计划，已以企业正式文件颁发", "None"),
        (_TRAINING, "4", "计划不完整，培训记录未经负责人签字", "0?"),
    ],
)
def test_a_zeroing_fault_named_beside_positive_statements(text: str, weight: str, actual: str, hand: str) -> None:
    score = _score(text, weight, actual)
    if hand.endswith("?"):
        assert score in (None, Decimal(hand[:-1]))
    else:
        assert score == (None if hand == "None" else Decimal(hand))


@pytest.mark.parametrize(
    ("note", "hand"),
    [
        ("未发现证明手续不齐全，也无修坟、建坟现象", "20"),
        ("证明手续齐全，并无修坟、建坟现象", "20"),
        ("未发现证明手续不齐全，同时没有修坟、建坟现象", "20"),
    ],
)
def test_a_negation_after_a_conjunction_opens_the_list(note: str, hand: str) -> None:
    assert _score(_GRAVES, "20", None, note) == Decimal(hand)


_MANAGERS = "未建立安全生产责任制的扣4分;项目经理未取得安全生产考核合格证的,每有1人扣0.5分."
_PHONES = "未作出禁烧工作部署的,扣1分;电话无人接听的,一次扣0.5分。"
_LEDGERS = "未设立台账的扣2分;村级报表未按时上报的,每次扣0.5分。"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        # a subject, 均/都/全部, and what was done sharing a word with what the kind negates: none of that kind
        (_MANAGERS, "4", "已建立责任制，项目经理均持证", "4"),
        (_PHONES, "2", "已部署，电话均接通", "2"),
        (_LEDGERS, "3", "已设立台账，村级报表全部按时上报", "3"),
        (_PHONES, "2", "已部署，電話都已接通", "2"),
        # near misses: something else done (参加培训, 有人值守), or a count of the failures
        (_MANAGERS, "4", "已建立责任制，项目经理均参加培训", None),
        (_PHONES, "2", "已部署，电话均有人值守", None),
        (_LEDGERS, "3", "已设立台账，村级报表全部上报", None),
        (_PHONES, "2", "已部署，电话2次无人接听", "1"),
    ],
)
def test_a_zero_written_as_all_done(text: str, weight: str, actual: str, hand: str | None) -> None:
    assert _score(text, weight, actual) == (None if hand is None else Decimal(hand))


_PLANS = "无年度工作计划或未报送年度总结的扣2分;台账不全扣1分"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        # each alternative of "A或B" by a statement of its own (有 answering the clause's 无); an object whose
        # completion the clause denies after it ("台账不全") said complete ("台账齐全", "台账完整")
        (_PLANS, "3", "有年度计划，未报送总结，台账齐全", "1"),
        (_PLANS, "3", "有年度计划；已报送年度总结；台账完整", "3"),
        ("资料不完整扣1分;未建立制度扣1分", "2", "资料完整，制度未建立", "1"),
        # near misses: one alternative left unsaid; an object the clause does not name
        (_PLANS, "3", "有年度计划，台账齐全", None),
        ("资料不完整扣1分;未建立制度扣1分", "2", "档案完整，已建立制度", None),
    ],
)
def test_alternatives_and_completions_said_one_by_one(text: str, weight: str, actual: str, hand: str | None) -> None:
    assert _score(text, weight, actual) == (None if hand is None else Decimal(hand))
