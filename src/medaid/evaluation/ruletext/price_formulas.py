"""The price score of the lowest-price method (numbers family, session 7): "以保费报价作为评估标准,指导限价区间为
90元/人/年(含本数)—100元/人/年(含本数),低于下限或高于上限为无效报价。价格评估采用低价优先法计算,以有效的最低
报价为基准价,评估得分按以下公式计算:价格评估得分=(基准价/有效报价)×10".

How procurement and service-purchase tables write it: the formula "价格(评估/评审)得分/价格分=(评标)基准价/(有效/
投标)报价×N(分)" (or "×100%×N"), a sentence making the 基准价 the lowest valid quote ("以有效的最低报价为基准价",
"满足要求且价格最低的投标报价为评标基准价"), optionally the range of valid quotes ("限价区间为A元—B元(含本数),低于
下限或高于上限为无效报价") and sentences naming the method or what is quoted, with no marks.

Reading conventions:
- The 基准价 must be stated to be the lowest quote (最低): a 基准价 that is an average (平均) lets a quote below it
  score above the points, and is not read.
- The range is kept only with "含本数" at both ends (or none written: then only the formula is read when no
  "无效" sentence is there); quotes outside it are refused when scoring (the text says they are invalid, not what
  they score).
- Every other sentence must carry no marks (no "N分", 扣, 加, 减, 不得分, 得满分) and no second formula; else the text
  is not read. The values are read from the actual (``rules.price_scores``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.price_scores import PriceScore

_NUM = r"(\d+(?:\.\d+)?)"
_FORMULA = re.compile(
    r"(?:价格(?:评估|评审|部分)?(?:得)?分(?:值|数)?|价格分|评估得分|评审得分)=\(?(?:评标)?基准价(?:格)?/"
    rf"(?:有效|投标|本机构|供应商|评审)?(?:投标)?报价(?:价格)?\)?(?:×100%)?×{_NUM}(?:分)?[。;]?$"
)
# the 基准价 IS the lowest quote, with nothing between but qualifiers: "最低报价的90%为基准价", "最低报价下浮5%作为
# 基准价", "基准价为最低报价的95%" make it another number (not read)
_LOWEST = re.compile(
    r"最低的?(?:有效)?的?(?:投标|评标)?(?:报价|价格|价)(?:为|作为)(?:评标)?基准价(?:格)?(?:[,;。(]|$)"
    r"|基准价(?:格)?(?:为|是)(?:有效的?)?最低的?(?:有效)?(?:投标)?报价(?:[,;。]|$)"
)
# a 基准价 adjusted from the lowest quote or taken from several quotes: not the lowest quote
_ADJUSTED = re.compile(r"下浮|上浮|浮动|\d%|倍|均值|中间|中位|次低|去掉|扣除|加权|系数")
# a limit on valid quotes written without the range read here ("最高限价100元", "高于预算"): which quote is valid is
# not known
_LIMIT = re.compile(r"限价|预算|控制价|拦标价|上限|下限|最高价|最高报价|封顶")
_RANGE = re.compile(
    rf"{_NUM}(万元|元)[^—\-~至,;。(]{{0,8}}(\(含本数\))?(?:—|-|~|至){_NUM}(万元|元)[^,;。(]{{0,8}}(\(含本数\))?"
)
_INVALID = re.compile(r"无效报价|视为无效|作无效")
_MARKS = re.compile(r"\d+(?:\.\d+)?分|扣|加分|减分|不得分|得满分|=|零|不计|[计记为按]0")


def price_formula(text: str) -> Rule | None:
    """The lowest-price method's price score: 基准价 ÷ 报价 × the points, the 基准价 the lowest valid quote."""
    formula = _FORMULA.search(text)
    if formula is None or "平均" in text or not _LOWEST.search(text):
        return None
    before = text[: formula.start()]
    if _MARKS.search(before) or _ADJUSTED.search(before):
        return None
    low: Decimal | None = None
    high: Decimal | None = None
    unit = "元"
    ranges = list(_RANGE.finditer(before))
    if len(ranges) > 1:
        return None
    if ranges:
        found = ranges[0]
        if found.group(2) != found.group(5) or not (found.group(3) and found.group(6)):
            return None  # "(含本数)" not at both ends: which boundary quote is valid is not written
        low, high, unit = Decimal(found.group(1)), Decimal(found.group(4)), found.group(2)
        if low >= high:
            return None
    elif _INVALID.search(before) or _LIMIT.search(before):
        return None  # invalid quotes named without the range that makes them so
    return PriceScore(points=Decimal(formula.group(1)), low=low, high=high, unit=unit)
