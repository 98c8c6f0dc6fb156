"""Round 3 of the words family (docs/rules.md): reverse deductions ("倒扣N分") beside kinds of case, the condition
of full marks ("未发生…的,得N分") clearing every kind, "未造成/未导致X" as X not found, a count measured again in
brackets ("拖延1次(1天)"), "0起" and "发生2起" against kinds, exhortation headings ("做好…工作") before a concrete
requirement, and yes/no answers in the requirement's words ("达到要求", "按要求完成", "尚未建立").

Texts are written the way real tables word these rules, not copied from the corpus; each score is worked by hand
from the Chinese alone. ``None``: refused (no number), never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _score(text: str, weight: str, actual: str | None = None, note: str | None = None) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, text
    assert round_trips(rule)
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note))
    assert outcome.reason
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= Decimal(weight)
    return outcome.score


_FIRE = "全年未發生火災事故的,得4分;每發生一起輕微火災扣2分;發生重大火災的,本項不得分,倒扣5分。"
_BUILD = "施工期間无安全事故的得3分，每出现1起一般安全事故扣1分，出现较大以上安全事故倒扣10分。"
_MEET = "按时报送各类报表,得6分;无故迟报一天,每次扣1分;无故缺席工作例会,每次扣2分,扣完为止。"
_LEAD = "安全责任未落实的扣4分,导致严重后果的每次扣3分。"
_FOOD = "每发生一起食物中毒事件扣5分;未建立晨检制度扣2分;未开展专项培训扣2分。"
_REPORT = "逾期上报一次扣1分,重复上报一次扣2分,扣完为止。"
_MANY = "台账不规范的,每发现一起扣0.5分;资料缺失的,每项扣0.5分;上报不及时的,每次扣0.5分。"
# (rule text, weight, actual, score by hand; None: refused)
# fmt: off
CASES = [
    # "…不得分,倒扣N分": read so that an actual that may name it is refused; the rest counted as written
    (_FIRE, 4, "未发生火灾事故", "4"),  # the condition of full marks, in simplified characters
    (_FIRE, 4, "發生輕微火災1起", "2"),
    (_FIRE, 4, "发生重大火灾1起", None),  # below zero: not for medaid to settle
    (_BUILD, 3, "无安全事故", "3"),
    (_BUILD, 3, "出现一般安全事故2起", "1"),
    (_BUILD, 3, "出现较大安全事故1起", None),
    # "未造成/未导致X": none of the kind X names
    (_LEAD, 10, "安全责任已落实，未导致严重后果", "10"),
    (_LEAD, 10, "安全责任未落实，未导致严重后果", "6"),
    (_LEAD, 10, "安全责任未落实，导致严重后果1次", "3"),
    # a count measured again in brackets: agreeing with the kind's own wording, or in a counter it does not use
    (_MEET, 6, "无故迟报1次（1天）", "5"),
    (_MEET, 6, "无故迟报2次(2天),无故缺席工作例会1次", "2"),
    (_MEET, 6, "无故迟报1次（3天）", None),  # per time or per day? the text says "迟报一天,每次"
    ("迟报每次扣1分,漏报每次扣2分。", 5, "迟报1次(2天)", "4"),  # 天 is no counter of this text
    # "发生N起": the one kind counted in 起 beside one-offs
    (_FOOD, 10, "发生1起,未开展专项培训", "3"),
    (_FOOD, 10, "发生1项", None),  # 项 is not how the counted kind is counted
    # "0起": no case of any kind, whatever each scores
    (_MANY, 3, "0起", "3"),
    (_MANY, 3, "共3起", None),  # kinds counted in 起, 项 and 次: which ones?
    # a negation shared by a list of kinds' names, before it or after it; a generic "上述问题"
    (_REPORT, 6, "无逾期上报、重复上报", "6"),
    (_REPORT, 6, "逾期上报、重复上报均未发生", "6"),
    (_REPORT, 6, "未发现上述情形", "6"),
    (_REPORT, 6, "无逾期上报、重复上报3次", "0"),  # the count stands for its own kind
    (_REPORT, 6, "无逾期上报、重复上报较多", None),  # not a bare name: not distributed
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), CASES, ids=[f"{c[0][:8]}|{c[2]}" for c in CASES])
def test_kinds_of_case_read_from_actuals_in_words(text: str, weight: int, actual: str, hand: str | None) -> None:
    assert _score(text, str(weight), actual) == (None if hand is None else Decimal(hand))


_DUES = "做好会费收缴工作,按章程规定标准收缴上交的得4分,未完成不得分。"
_LEDGER = "建立项目资金台账的得3分,否则不得分。"
# fmt: off
ANSWERS = [
    # an exhortation heading ("做好…工作") need not be spoken of when the concrete requirement is
    (_DUES, 4, "已按章程规定标准收缴上交", "4"),
    (_DUES, 4, "已按規定標準收繳上交", "4"),  # traditional characters, a word left out of the subject
    (_DUES, 4, "未按规定标准收缴上交", "0"),
    (_DUES, 4, "部分按标准收缴", None),  # weakened
    # yes/no answers worded as the requirement met or not
    (_LEDGER, 3, "达到要求", "3"),
    (_LEDGER, 3, "已按要求完成", "3"),
    (_LEDGER, 3, "符合要求", "3"),
    (_LEDGER, 3, "未达到要求", "0"),
    (_LEDGER, 3, "尚未建立", "0"),
    (_LEDGER, 3, "还没有建立", "0"),
    (_LEDGER, 3, "基本达到要求", None),  # a degree: not an answer
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), ANSWERS, ids=[f"{c[0][:8]}|{c[2]}" for c in ANSWERS])
def test_yes_no_answers_in_the_requirements_words(text: str, weight: int, actual: str, hand: str | None) -> None:
    assert _score(text, str(weight), actual) == (None if hand is None else Decimal(hand))


_SURPLUS = "无结余的,得4分;有结余但未超过上年结转资金的,得2分;结余超过上年结转资金的,不得分。"
_SPEND = "支出未超过预算,得5分;支出超过预算,不得分。"
# fmt: off
COMPARED = [
    # levels named by comparing two amounts the explanation states, each by its name
    (_SURPLUS, 4, "年末结余30万元,上年结转资金45万元", "2"),
    (_SURPLUS, 4, "年末结余50万元；上年结转资金45万元", "0"),
    (_SURPLUS, 4, "结余0元,上年结转资金8元", "4"),
    (_SPEND, 5, "全年支出98万元，预算100万元", "5"),
    (_SPEND, 5, "支出105万元,预算100万元", "0"),
    (_SURPLUS, 4, "年末结余30万元,上年结转资金45元", None),  # two units
    (_SURPLUS, 4, "年末结余30万元,上年结余45万元", None),  # which one is "结余"?
    (_SURPLUS, 4, "年末结余30万元", None),  # nothing to compare it with
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "hand"), COMPARED, ids=[f"{c[0][:6]}|{c[2]}" for c in COMPARED])
def test_levels_named_by_comparing_two_amounts(text: str, weight: int, note: str, hand: str | None) -> None:
    assert _score(text, str(weight), note=note) == (None if hand is None else Decimal(hand))
