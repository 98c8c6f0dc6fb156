"""Amounts that score, counted from zero (counts family): "每完成1000亩,加0.1分,以3分为限", "每新增造林50亩得1分,
最高5分", "每引进资金10万元加0.5分,加分累计不超过2分".

Reading conventions (docs/rules.md, "Counts and ranks"):
- one clause "每" + (a verb of things done: 完成, 新增, 新建, 建成, 增加, 发展, 引进, 争取, 落实, 实现, 筹集) + (what)
  + a number and a measure (亩, 公顷, 平方米, 公里, 吨, 元, 万元…) + (what) + 加/得/计 N分, optionally under a condition
  before it ("接受省委托补充耕地的单位,"), and a cap (最高N分, 以N分为限, 加分累计不超过N分…) or none (the weight);
- the amount is counted from zero: the actual is the amount done, in the step's own unit (万 multipliers are read:
  "1.2万亩" is 12000亩); a part of a step ("2500亩" with 每1000亩) is refused (whole steps or in proportion? not
  written), as is an actual in another unit;
- not read: two amounts ("连片经济林50亩加8分,林下经济50亩加6分"), a threshold before the step ("5万元以上加1分,
  在此基础上每增5万元"), a deduction, or any other score left in the text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_vocab import NUMBER, cn_int
from medaid.evaluation.rules.counts import CountScore
from medaid.evaluation.ruletext.common import NUM, residual, unexplained

# Measures an amount is done in (counters of things, 个/项/人…, are read by ``counts``).
MEASURES = ("平方公里", "平方米", "立方米", "公顷", "万亩", "亩", "公里", "千米", "万吨", "吨", "公斤", "千克",
            "万美元", "美元", "亿元", "万元", "千元", "元")  # fmt: skip
_MEASURE = "|".join(MEASURES)
_DONE = r"新建成|新建|建成|完成|新增|增加|新发展|发展|引进|争取|落实|实现|筹集|招引|投入"
_STEP = re.compile(
    rf"(?:^|(?<=[,;。]))每(?:{_DONE})?(?P<what>[^\d,;。每分扣]{{0,12}}?)(?P<n>{NUMBER})(?P<unit>{_MEASURE})"
    rf"(?P<what2>[^\d,;。每分扣]{{0,10}}?)(?:的)?,?(?:加记|加计|加|得|计)(?P<points>\d+(?:\.\d+)?)分(?=[,;。]|$)"
)
_CONDITION = re.compile(r"^(?P<cond>[^\d,;。分扣加每]{2,30}?)(?:的|者)?,$")
_CAP = re.compile(
    rf"(?:^|(?<=[,;。]))(?:(?:累计|合计)?(?:加分|得分)?(?:最高|最多|上限)(?:为|可)?(?:得|加|计)?(?:不超过)?|(?:累计|合计)?"
    rf"(?:加分|得分)?不(?:超过|得超过|高于))?{NUM}分(?:为限|封顶)?(?=[,;。]|$)"
)


def measure_score(body: str) -> Rule | None:
    """ "每完成1000亩,加0.1分,以3分为限" (body normalized, caps spelled "最高N分" by ``count_scores``)."""
    steps = list(_STEP.finditer(body))
    if len(steps) != 1 or "扣" in body or re.search(r"以上|基础上|超过部分|超出部分", body):
        return None
    step = steps[0]
    number = cn_int(step.group("n"))  # "每完成一万吨": 1万吨
    per = None if number is None else parse_quantity(f"{number}{step.group('unit')}")
    if per is None or per.value is None or per.value <= 0 or not per.unit:
        return None
    spans: list[tuple[int, int]] = [step.span()]
    caps: list[Decimal] = []
    for m in _CAP.finditer(body):
        if m.start() >= step.end() and re.search(r"最|不超过|不得超过|不高于|为限|封顶", m.group(0)):
            caps.append(Decimal(m.group(1)))
            spans.append(m.span())
    if len(caps) > 1:
        return None
    condition = ""
    head = _CONDITION.match(body[: step.start()])
    if head is not None:
        condition = head.group("cond")
        spans.append((0, step.start()))
    elif body[: step.start()]:
        return None
    if unexplained(residual(body, spans)) or re.search(r"\d", residual(body, spans)):
        return None
    what = (step.group("what") + step.group("what2")).strip()
    return CountScore(points=Decimal(step.group("points")), per=per.value, cap=caps[0] if caps else None,
                      unit=per.unit, what=what, subject=what, condition=condition)  # fmt: skip
