"""A bare rate: a text that is only "2分/基", "0.5分/处", "0.3分/火" (counts family, s7).

Tables of inspection items (路灯管理, 道路养护) give each row's fault in the indicator's name ("路灯整基不亮") and in
the 评分标准 column only the rate, points per unit. The text alone does not say whether the points are taken off for
each one found or earned for each one done; the actual says it: an evaluator writes the fault with its count
("路灯整基不亮3基", "灯罩积尘污渍严重0处"). So:
- an actual whose words beside the count state a fault (a negation 不/未/没/缺/漏/错, or a word of a defect: 问题,
  隐患, 缺陷, 损坏, 破损, 故障, 严重, 违规, 违章, 超标) is a count of faults: the rate is taken off the full marks for
  each one, down to 0 (never below unless the text says 可倒扣/负分);
- a bare count ("3基"), a count of things done ("新建3座"), a denied or hedged fault ("基本不亮", "未发现…") or a
  count in another unit is refused: which way the points go, or how many faults, is not written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.count_hedges import bounded, negations, unsure
from medaid.evaluation.rules.count_specs import spec_decimal
from medaid.evaluation.rules.count_vocab import NUMBER, cn_int, simplified, statements
from medaid.evaluation.rules.count_words import _HEDGED

# Words that state a fault of their own: a defect (or a negation, ``count_hedges.negations``).
_FAULT = re.compile(r"问题|隐患|缺陷|损坏|破损|故障|严重|违规|违章|超标")
_DENIAL = re.compile(r"^(?:无|未发现|未见|未出现|没有|没发现|不存在|未查出|未查到)")


@dataclass(frozen=True)
class BareRate(Rule):
    """“2分/基”：每基（处、火）的分值，扣分还是得分由实际完成值所写的问题定。"""

    points: Decimal
    unit: str
    negative: bool = False  # the text allows a score below 0 ("可倒扣")

    kind = "bare_rate"
    label = "按每处（基）分值扣分"
    deducts_from_start = True

    def params(self) -> dict[str, object]:
        return {"points": float(self.points), "unit": self.unit, **({"negative": True} if self.negative else {})}

    def apply(self, inputs: Inputs) -> Outcome:
        given = inputs.actual.text if inputs.actual is not None else inputs.note or ""
        source = "实际完成值" if inputs.actual is not None else "扣分说明"
        rate = f"每{self.unit} {fmt(self.points)} 分"
        found = _faults(given, self.unit)
        if isinstance(found, str):
            why = f"评分标准只写“{fmt(self.points)}分/{self.unit}”，未写明是扣分还是得分；{source}“{given}”{found}"
            return Outcome(
                None, why + f"，需写明发现的问题{self.unit}数（如“××不亮2{self.unit}”）", needs_judgement=True
            )
        count, words = found
        deduction = count * self.points
        raw = inputs.weight - deduction
        score, floor = floored(raw, inputs.weight, self.negative)
        why = (
            f"评分标准只写“{fmt(self.points)}分/{self.unit}”，{source}写明问题“{words}”{fmt(count)}{self.unit}，"
            f"按{rate}扣分：扣 {fmt(deduction)} 分；得分 = {fmt(inputs.weight)} − {fmt(deduction)} = {fmt(raw)}{floor}"
        )
        return Outcome(score, why, below_zero=score < 0)


def _faults(text: str, unit: str) -> tuple[Decimal, str] | str:
    """(the count, the fault's words) of "路灯整基不亮3基"; else why not."""
    said = statements(normalize_text(simplified(text)))
    if len(said) != 1:
        return "写有多句，无法判断按哪一句计"
    # the count closes the statement ("3火以上路灯1火不亮5火": the numbers before it describe the fault), or
    # stands between the fault's words with no other number ("发现2处破损")
    found = re.fullmatch(rf"(.*?\D)?({NUMBER}){re.escape(unit)}", said[0]) or re.fullmatch(
        rf"(\D*?)({NUMBER}){re.escape(unit)}(\D*)", said[0]
    )
    if found is None:
        return f"未写明{unit}数"
    words = "".join(g or "" for g in (found.group(1), *found.groups()[2:]))
    count = cn_int(found.group(2))
    if count is None or count != count.to_integral_value():
        return f"不是整{unit}数"
    if len(re.findall(rf"{NUMBER}{re.escape(unit)}", said[0])) > 1 and "、" in said[0]:
        return "写有多个数，无法判断按哪一个计"  # "发现破损3处、修复2处" (s7 fix)
    if not words or not (_FAULT.search(words) or negations(words)):
        return "未写明所计的是问题"
    # s7 fix: a hedge, a denial anywhere, work done, another period, a change, a bound or a range ("检查5基无故障",
    # "更换不锈钢灯杆", "疑似故障", "破损减少3处", "未超过4处", "4处以上", "3至4处") — rules/count_hedges.py
    if (why := unsure(words)) is not None:
        return f"所写的问题{why}，无法判断"
    if bounded(found.group(1) or "", "".join(found.groups()[2:]) if len(found.groups()) > 2 else ""):
        return f"所写的{unit}数是约数、界限或范围"
    if _DENIAL.match(words) or _HEDGED.search(words) or negations(words) > 1:
        return "所写的问题有否定或限定词，无法判断"
    return count, words


def bare_rate_from_mapping(spec: Mapping[str, object], text: str | None) -> BareRate:
    """{type: bare_rate, points: 2, unit: 基}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    points = spec_decimal(spec, "points", positive=True)
    unit = str(spec.get("unit") or "")
    if points is None or len(unit) != 1:
        raise RuleSpecError("bare_rate 规则需要参数 points（每处分值）和 unit（单位，如 基、处）")
    return BareRate(points=points, unit=unit, negative=spec.get("negative") is True, text=text)
