"""Counts family, session 6, round 2: how evaluators write the actual of a count or deduction rule in words.

- a zero written as the opposite of what is counted ("证件齐全" for "缺一项", "均持证" for "未取得…证", "均接通" for
  "无人接听", "均按时" for "滞后", "均在岗" for "脱岗"), of the thing the rule counts it of;
- the thing counted and its fault on either side of the count ("1个村台账不完整", "验收手续缺失1个项目");
- the missing things named with their total ("缺营业执照、税务登记证2项"), refused when the two disagree;
- an occurrence with what it was in brackets ("火灾事故1次(死亡1人)" for "死亡1人扣20分/次");
- things counted in their own classifier (间, 栋…), and a requirement for each of them restated ("各教室均已安装");
- a step counted from zero met in words, and a condition of full marks restated with a noun left out.
Texts are worded unlike any corpus text; hand scores are worked from the wording alone (docs/rules.md, "Counts
and ranks")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, PerCase
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _score(text: str, weight: str, actual: str | None = None, note: str | None = None) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note))
    assert outcome.reason
    return outcome.score


CERT = "特种作业人员未取得上岗证的,每发现1人扣1分"
PHONE = "值班电话无人接听的,每次扣0.5分"
POST = "值班人员脱岗的，每人次扣0.5分"
LATE = "工程款拨付滞后的,每发现一次扣1分"
LEDGER = "台账不完整的每个村扣0.5分"
CHECK = "验收手续缺失,每个项目扣1分"
FIRE = "发生火灾事故:死亡1人扣20分/次;一次死亡3人及以上实行一票否决"
ROOMS = "每间教室应安装监控设备;少1间教室扣0.2分"
BLOCKS = "每栋楼应设置消防栓,少1栋楼扣0.5分"
LIST = "缺一项扣1分,登记填写不全不得分"
STEP = "每缺一项扣0.5分"
TRAD = "證照不全的,每缺一項扣1分"
MONTHS = "资金拨付每滞后一个月扣1分"
PLAN = "项目实施前,资金一次性到位的,或按照项目年度计划分期到位的,得满分;资金到位滞后年度计划,每滞后一年扣2分"

# (wording, weight, actual, hand score); None: refused
# fmt: off
CASES = [
    # a zero written as the opposite of what is counted, of the thing counted
    (CERT, "3", "特种作业人员全部持证上岗", "3"),
    (CERT, "3", "特种作业人员均已取得上岗证", "3"),
    (CERT, "3", "1人未取得上岗证", "2"),
    (CERT, "3", "管理人员均持证", None),                    # another thing than the rule's
    (PHONE, "2", "值班电话均能接通", "2"),
    (PHONE, "2", "无人接听2次", "1"),
    (POST, "2", "全年值班人员均在岗", "2"),
    (POST, "2", "值班电话均接通", None),                    # the opposite of another fault
    ("学员私自退学或缺勤的,每人次扣0.2分", "2", "学员均按时参加", None),  # 退学 is not denied
    ("学员缺勤的,每人次扣0.2分", "2", "学员均按时参加", "2"),
    (LATE, "3", "工程款均按时拨付", "3"),
    (LATE, "3", "工程款已拨付", None),                      # paid, but on time?
    ("未经审批擅自开工的,每发现1个项目扣2分", "4", "已开工", None),  # 未 denies 经审批, not 开工
    ("未签订责任书的,每个村扣1分", "3", "各村均已签订责任书", "3"),
    (LIST, "8", "證件齊全", "8"),                           # traditional characters
    (LIST, "8", "证件基本齐全", None),                       # a hedge
    # two statements joined by 且/但: the veto's opposite and the count's
    (LIST, "8", "登记本齐全且填写完整", "8"),
    (LIST, "8", "登记本齐全，但登记填写不全", "0"),
    # the missing things named, with or without their total
    (LIST, "8", "缺营业执照、税务登记证2项", "6"),
    (LIST, "8", "缺营业执照、税务登记证、卫生许可证", "5"),
    (LIST, "8", "缺营业执照、税务登记证3项", None),           # names 2, says 3
    # the thing counted and its fault on either side of the count
    (LEDGER, "2", "1个村台账不完整", "1.5"),
    (LEDGER, "2", "台账不完整的村2个", "1"),
    (LEDGER, "2", "2个村的台账不完整", "1"),
    (LEDGER, "2", "1个村台账完整", None),                   # no fault
    (LEDGER, "2", "1个乡镇台账不完整", None),                # another thing
    (LEDGER, "2", "1个村资金不到位", None),                 # another fault
    (CHECK, "3", "验收手续缺失1个项目", "2"),
    (CHECK, "3", "1个项目的验收手续缺失", "2"),
    (CHECK, "3", "2个项目资金缺失", None),
    # an occurrence with its condition in brackets
    (FIRE, "40", "火灾事故1次（死亡1人）", "20"),
    (FIRE, "40", "火灾事故2次（各死亡1人）", "0"),
    (FIRE, "40", "火灾事故1次（一次死亡3人）", "0"),          # the veto's limit
    (FIRE, "40", "火灾事故2次（共死亡2人）", None),           # one in each, or two in one?
    (FIRE, "40", "火灾事故1次（受伤1人）", None),             # not the condition counted
    (FIRE, "40", "交通事故1次（死亡1人）", None),             # not the rule's accident
    (FIRE, "40", "火灾2起（各死亡1人）", None),               # another counter
    # things counted in their own classifier, and their requirement restated
    (ROOMS, "1", "少3间教室", "0.4"),
    (ROOMS, "1", "各教室均已安装监控设备", "1"),
    (ROOMS, "1", "各教室均已安装空调", None),
    (ROOMS, "1", "少3个教室", None),                         # another counter
    (BLOCKS, "2", "少2栋楼", "1"),
    (BLOCKS, "2", "各楼均已设置消防栓", "2"),
    # a step counted from zero met in words; the things missing named
    (STEP, "3", "台账齐全", "3"),
    (STEP, "3", "台账基本齐全", None),
    (STEP, "3", "缺会议记录、培训记录2项", "2"),
    (STEP, "3", "缺会议记录、培训记录3项", None),
    (TRAD, "4", "證照均齊全", "4"),
    (MONTHS, "5", "资金均按时拨付", "5"),
    (MONTHS, "5", "资金已拨付", None),
    # a condition of full marks restated with a noun of it left out
    (PLAN, "10", "按年度计划分期到位", "10"),
    (PLAN, "10", "根据项目年度计划分期到位", "10"),
    (PLAN, "10", "分期到位", None),                          # leaves out by what plan
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), CASES)
def test_hand_scores(text: str, weight: str, actual: str, hand: str | None) -> None:
    assert _score(text, weight, actual) == (None if hand is None else Decimal(hand))


def test_a_zero_and_a_veto_in_an_explanation() -> None:
    assert _score(LIST, "8", note="登记本齐全且填写完整") == Decimal(8)
    assert _score(LIST, "8", note="登记本齐全但登记填写不全") == Decimal(0)


def test_the_fault_around_the_count_round_trips() -> None:
    rule = parse_rule_text(LEDGER)
    assert isinstance(rule, PerCase)
    assert (rule.subject, rule.fault) == ("村", "台账不完整")
    assert round_trips(rule)
    check = parse_rule_text(CHECK)
    assert isinstance(check, PerCase) and (check.subject, check.fault) == ("项目", "验收手续缺失")
    assert round_trips(check)
