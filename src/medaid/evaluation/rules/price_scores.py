"""The price score of the lowest-price method (低价优先法, numbers family, session 7): "价格评估得分=(基准价/有效报价)
×10", the 基准价 being the lowest valid quote (``ruletext.price_formulas``).

Scored as 基准价 ÷ the quote × the points. Both values come from the actual (or, with no actual, the explanation),
each labelled: "基准价90元，本机构报价96元/人/年" (基准价, 评标基准价, 最低有效报价, 最低报价; 报价, 投标报价, 有效报价,
本机构/本单位/本公司报价). Refused: a label missing or stated twice with different values, values in different
units, a bound or an approximation ("报价约96元"), a quote below the 基准价 (the lowest valid quote cannot be above a
valid quote), a quote or 基准价 outside the stated range of valid quotes (the text says such a quote is invalid, not
what it scores), points above the row's weight.
Structured syntax: {type: price_score, points: 10, low: 90, high: 100, unit: 元}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.note_bounds import note_bound
from medaid.evaluation.numbers import fmt, to_decimal
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_NUM = r"(\d+(?:\.\d+)?)"
_BASE = re.compile(
    rf"(?:评标)?基准价(?:格)?(?:为|是|:|：)?(?:约|大约|近|接近|不足|不到|超过|逾)?{_NUM}(万元|元)|最低(?:有效)?(?:投标)?报价(?:为|是|:|：)?(?:约|大约|近|接近|不足|不到|超过|逾)?{_NUM}(万元|元)"
)
_QUOTE = re.compile(
    rf"(?<![低准])(?:投标|有效|本机构|本单位|本公司|我单位|我公司|该机构|该单位)?报价(?:为|是|:|：)?(?:约|大约|近|接近|不足|不到|超过|逾)?{_NUM}(万元|元)"
)


@dataclass(frozen=True)
class PriceScore(Rule):
    """价格分 = 基准价 ÷ 报价 × 分值（基准价为最低有效报价）。"""

    points: Decimal = Decimal(0)
    low: Decimal | None = None  # the range of valid quotes, both ends included ("含本数")
    high: Decimal | None = None
    unit: str = "元"

    kind = "price_score"
    label = "低价优先法价格分"

    def params(self) -> dict[str, object]:
        return {
            "points": float(self.points), "unit": self.unit,
            **({"low": float(self.low)} if self.low is not None else {}),
            **({"high": float(self.high)} if self.high is not None else {}),
        }  # fmt: skip

    def apply(self, inputs: Inputs) -> Outcome:
        actual = inputs.actual
        if actual is not None and actual.value is not None:
            return Outcome(None, f"实际完成值 {actual.describe()} 只有一个数：价格分需写明基准价和本机构报价"
                                 "（如“基准价90元，本机构报价96元”）")  # fmt: skip
        words = actual.text if actual is not None else (inputs.note or "")
        source = "实际完成情况" if actual is not None else "说明"
        if not words.strip():
            return Outcome(None, "缺少基准价和本机构报价，无法计算价格分")
        base = self._value(_BASE, words, base=True)
        quote = self._value(_QUOTE, words, base=False)
        for value, name in ((base, "基准价"), (quote, "本机构报价")):
            if isinstance(value, str):
                return Outcome(None, f"{source}“{words}”{value}{name}，无法计算价格分；请写明确切的基准价和本机构报价")
        assert isinstance(base, Decimal) and isinstance(quote, Decimal)
        labelled = len(list(_BASE.finditer(words))) + len(list(_QUOTE.finditer(words)))
        if len(_MONEY.findall(words)) > labelled or "税" in words:  # "报价100元，优惠后95元", "（含税）"
            return Outcome(None, f"{source}“{words}”中另有金额或计税口径（优惠、让利、含税等），无法确定计分的报价；"
                                 "请只写明基准价和本机构的有效报价")  # fmt: skip
        if len(pers := _pers(words)) > 1:  # "基准价90元/人/年，本机构报价100元/人/月": per year against per month
            return Outcome(None, f"{source}“{words}”中的价格按不同单位计（{'、'.join(sorted(pers))}），无法计算价格分；"
                                 "请按同一计价单位写明基准价和本机构报价")  # fmt: skip
        if self.points > inputs.weight and not inputs.bonus_allowed:
            return Outcome(None, f"公式的分值 {fmt(self.points)} 分超过本行分值 {fmt(inputs.weight)} 分，需人工判断")
        for value, name in ((base, "基准价"), (quote, "报价")):
            if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
                span = f"{fmt(self.low)}—{fmt(self.high)}{self.unit}"
                return Outcome(None, f"{name} {fmt(value)}{self.unit} 不在限价区间 {span} 内，为无效报价，"
                                     "评分标准未写明得分，需人工判断")  # fmt: skip
        if quote < base or base <= 0:
            return Outcome(None, f"本机构报价 {fmt(quote)}{self.unit} 低于基准价 {fmt(base)}{self.unit}，而基准价为"
                                 "最低有效报价，两者矛盾，需人工核对")  # fmt: skip
        score = (base / quote * self.points).quantize(Decimal("0.0001")).normalize()
        values = f"基准价 {fmt(base)}{self.unit}、本机构报价 {fmt(quote)}{self.unit}"
        return Outcome(score, f"{values}（取自{source}“{words}”）；价格分 = 基准价 ÷ 报价 × {fmt(self.points)} = "
                              f"{fmt(base)} ÷ {fmt(quote)} × {fmt(self.points)} = {fmt(score)}")  # fmt: skip

    def _value(self, pattern: re.Pattern[str], words: str, *, base: bool) -> Decimal | str:
        """The one value the words label so, or why there is none ("未写明", "写了多个", "只写了界限或约数")."""
        found: set[Decimal] = set()
        bounded = False
        for match in pattern.finditer(words):
            number, unit = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            if not base and re.search(r"基准|最低", words[max(0, match.start() - 4) : match.start()]):
                continue
            start = match.start(1) if match.group(1) else match.start(3)
            end = match.end(2) if match.group(1) else match.end(4)
            if unit != self.unit or note_bound(words, start, end) is not None:
                bounded = True
                continue
            value = to_decimal(number)
            if value is not None:
                found.add(value)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return "中写了多个"
        return f"中的数值不是以{self.unit}计的确切值（界限、约数或其他单位），无法作为" if bounded else "未写明"


_MONEY = re.compile(r"\d+(?:\.\d+)?(?:万元|元)")
_PER = re.compile(r"(?:/|每)[\u4e00-\u9fa5]{1,2}")


def _pers(words: str) -> set[str]:
    """What each price is counted per ("/人/年", "/户"), for the labelled values that say it."""
    found: set[str] = set()
    for pattern in (_BASE, _QUOTE):
        for match in pattern.finditer(words):
            per = "".join(p.group(0) for p in _iter_per(words, match.end()))
            if per:
                found.add(per)
    return found


def _iter_per(words: str, at: int) -> list[re.Match[str]]:
    pers: list[re.Match[str]] = []
    while (found := _PER.match(words, at)) is not None:
        pers.append(found)
        at = found.end()
    return pers


def price_score_from_mapping(spec: Mapping[str, object] | object, text: str | None) -> PriceScore:
    """{type: price_score, points: 10, low: 90, high: 100, unit: 元}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    if not isinstance(spec, Mapping):
        raise RuleSpecError("price_score 规则应为映射")
    points = to_decimal(str(spec.get("points", "")))
    if points is None or points <= 0:
        raise RuleSpecError("price_score 规则的 points 应为正数")
    low = to_decimal(str(spec["low"])) if spec.get("low") is not None else None
    high = to_decimal(str(spec["high"])) if spec.get("high") is not None else None
    unit = str(spec.get("unit", "元"))
    if unit not in ("元", "万元"):
        raise RuleSpecError("price_score 规则的 unit 应为 元 或 万元")
    return PriceScore(points=points, low=low, high=high, unit=unit, text=text)
