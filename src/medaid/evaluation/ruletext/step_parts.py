"""The pieces a per-step deduction is written with, in the many ways tables write them (``deductions``).

- words of direction: 低于/少/下降/下滑 (below), 超过/多/增加/超支 (above), 延迟/滞后/逾期/超期/晚 (a delay),
  相差/偏离/偏差 (either side); a condition may carry the direction for a bare "每1个百分点";
- the deduction: 扣/扣除/扣减/减/减去 N 分, after "的"/"者"/"时", any punctuation or none, "则"/"相应",
  "该项"/"本项";
- numbers written 1, 一, 两, 半, 十五 before a unit or 分;
- full marks (得/计/给/赋/记 N 分, 满分N分, (N分), 得满分/得基本分), limits (扣完为止 in its spellings,
  最多扣N分, 最低得N分) and zero conditions at a level (低于80%不得分, 80%以下不得分) or a distance
  (低于目标值35天为0分, 下降5个百分点及以上不得分);
- references: the text's own numbers in the step's unit, never a date (12月31日前) nor a tolerance (偏差在5%以内).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity, same_unit
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.score_spellings import bare_points, redundant_bounds


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BELOW = _words("低于 少于 小于 不足 减少 下降 降低 下滑 缺少 短缺 差欠 低 少 差 缺 欠 降")
ABOVE = _words("高于 超过 超出 多于 大于 增加 上升 提高 增长 高出 多出 超支 超标 高 超 多 增")
DELAY = _words("延迟 推迟 滞后 迟拨 迟报 迟交 迟到 晚报 晚交 延期 延误 逾期 拖延 超期 超时 延后 推后 滞留 迟 晚")
BOTH = _words("相差 偏离 偏差 差异 误差")
WORDS = "|".join(sorted((*BELOW, *ABOVE, *DELAY, *BOTH), key=len, reverse=True))

UNIT_WORDS = (
    "百分点 % 个工作日 工作日 个月 月 个年度 年度 年 个周 周 天 日 个小时 小时 人次 户次 人 户 家 个 项 件 篇 次 场 期 "
    "例 处 名 岁 公斤 千克 斤 吨 亩 元 千元 万元 亿元 所 台 套 份 条 册 批 辆 座 张 株 头 只 公里 千米 米 平方米"
    " 微克 毫克 克 立方米 升 毫升 公顷 分贝"
)
# What a compound unit is per ("微克/立方米", "公斤/亩", "元/人次"): read and compared as one unit, never dropped.
_PER_WORDS = "立方米 平方米 公顷 亩 人次 人 户 床 升 年 月 天 日 次 万人 十万人"
_BASE_UNITS = "|".join(sorted(UNIT_WORDS.split(), key=len, reverse=True))
UNITS = rf"(?:{_BASE_UNITS})(?:/(?:{'|'.join(sorted(_PER_WORDS.split(), key=len, reverse=True))}))?"

# Words in a condition that say on which side a bare "每1个百分点" deducts ("低于目标值的，每1个百分点扣1分").
COND_BELOW = (
    r"低于|少于|小于|不足|未达到|未达|达不到|没有达到|没达到|不到|未完成|没有完成|不达标|未达标|下降|降低|减少|下滑"
)
COND_ABOVE = r"超过|高于|超出|大于|多于|超支|超标|增加|上升"
COND_DELAY = r"延迟|推迟|滞后|逾期|超期|未按时|未及时|不及时|未按期|迟|晚"
COND_BOTH = r"相差|偏离|偏差|差距|差额|差异|误差|浮动|绝对值"
COND_KINDS = (("below", COND_BELOW), ("above", COND_ABOVE), ("delay", COND_DELAY), ("both", COND_BOTH))

_DIGITS = {"一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}  # fmt: skip
_CN = r"半|[一二三四五六七八九]?十[一二三四五六七八九]?|[一壹二贰两三叁四五六七八九]"
_CN_NUMBER = re.compile(rf"(?<![一二两三四五六七八九十百千万亿\d.])({_CN})(?=个?(?:{UNITS}))(?!次性|个别)")
_CN_POINTS = re.compile(rf"(?<=[扣减除去得计给赋记])({_CN})(?=分(?![值数钟]))")


def _cn_value(text: str) -> str:
    if text == "半":
        return "0.5"
    if "十" in text:
        tens, _, ones = text.partition("十")
        return str((_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0))
    return str(_DIGITS[text])


def canonical(text: str) -> str:
    """A normalized text with numbers before a unit or 分 as digits ("每少一篇" → "每少1篇", "半百分点" →
    "0.5百分点", "扣一分" → "扣1分") and "扣满N分" as "扣完N分"; the counts family's spellings
    (``redundant_bounds``, ``bare_points``) too."""
    text = bare_points(redundant_bounds(text))
    text = full_in_words(text.replace("扣满", "扣完"))
    text = _CN_NUMBER.sub(lambda m: _cn_value(m.group(1)), text)
    return _CN_POINTS.sub(lambda m: _cn_value(m.group(1)), text)


_FULL_PERCENT = re.compile(r"(?<=[得计记给])(?:该项|本项)?(?:分值的?)?100%(?:的)?分(?:值)?")


def full_in_words(text: str) -> str:
    """ "得100%分", "计100%的分", "得分值100%分" → "得满分": a hundred per cent of the marks is full marks."""
    return _FULL_PERCENT.sub("满分", text)


_OF = r"(?:该项|本项|此项|该指标|本指标)?"
# Between the step and its deduction: "的", "者", "时", any punctuation, "则", "相应", "该项" (…扣1分).
GAP = rf"(?:的|者|时)?[,;:、]?(?:则|即|应|将|均|一律|就)?(?:相应)?(?:从|在)?{_OF}(?:分值|得分)?中?"
VERB = r"(?:扣除|扣减|扣掉|扣去|扣|减去|减掉|减)"
POINTS = (
    rf"{VERB}(?:{_OF}(?:分值|分数)?(?P<points>\d+(?:\.\d+)?)分"
    rf"|{_OF}(?:分值|分数|满分|权重)的?(?P<share>\d+(?:\.\d+)?)%)"
)  # "扣1分", "扣该项分值0.5分", "扣该项分值的10%"

# "扣完为止" and its spellings: nothing a score depends on, since a score never goes below zero anyway.
TO_ZERO = re.compile(
    r"(?:直至|直到|以)?(?:扣|减)(?:完|光|尽|至(?:0|零)分?|到(?:0|零)分?)(?:本项|该项|此项|本指标|该指标)?"
    r"(?:分值|分数|得分|的分|全部分值|分)?(?:为止|即止|为限|止)?"
    r"|(?:直至|直到)扣完|(?:本项|该项)?(?:分值)?扣完为止"
    r"|(?:最低|最少)(?:为|得|计)?(?:0|零)分|不得为负(?:分|数)?|不倒扣(?:分)?|不出现负分|不计负分|得分不低于(?:0|零)分?"
)
# A full-marks statement that names no number.
FULL_WORDS = re.compile(
    r"(?:得|计|给|记|赋|按|获得?)(?:该项|本项|此项)?(?:满分|总分值|全分|基本分|全部分值|该项分值|本项分值)(?:计算|计)?"
)
_FULL_NUMBERS = (
    re.compile(rf"(?:得|计|给|赋|记|获得?|为)(?:该项|本项|此项)?{NUM}分(?![值数钟])"),
    re.compile(rf"(?<=[,;:。]){NUM}分(?=[,;。]|$)"),  # "100%完成,5分;"
    re.compile(rf"(?:该项|本项|此项|该指标|本指标)?(?:满分|总分|共|最高分|最高)(?:为|是|值|得|计)?{NUM}分"),
    re.compile(rf"\({NUM}分\)"),
    re.compile(rf"^{NUM}分(?=[,;:。]|$)"),
)
BAD_SIDE = {"below": r"低于|少于|小于|不足|未达|未完成|不到|下降|降低|减少", "above": r"超过|高于|超出|大于|多于|超支"}
_BAD_POST = {"below": "以下", "above": "以上"}
_NEGATED = re.compile(r"不(?:低于|少于|小于|高于|超过|大于|多于|超出)")


def full_marks(text: str, side: str | None, units: str, spans: list[tuple[int, int]]) -> Decimal | str | None:
    """The full marks the text states ("得6分", "满分5分", "(6分)"), "" when it states none, None when it
    states two, or one under a condition on the side that deducts ("低于80%得1分", "80%以下得1分" in the
    step's ``units`` are bands; "不低于" and "35岁及以下的" are not)."""
    found: set[Decimal] = set()
    for pattern in _FULL_NUMBERS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            start = max(text.rfind(ch, 0, m.start()) for ch in ";。") + 1
            clause = text[start : m.start()]
            clause = clause[max((s.end() for s in re.finditer(r"\d分(?![值点数])|满分|为止", clause)), default=0) :]
            clause = _NEGATED.sub("", clause)
            if side in BAD_SIDE and (
                re.search(BAD_SIDE[side], clause) or re.search(rf"\d(?:{units})(?:\(含\))?及?{_BAD_POST[side]}", clause)
            ):
                return None
            found.add(Decimal(m.group(1)))
            spans.append(m.span())
    spans += [m.span() for m in FULL_WORDS.finditer(text)]
    if len(found) > 1:
        return None
    return found.pop() if found else ""


@dataclass(frozen=True)
class Zero:
    """ "低于30%不得分" (exclusive) or "30%以下不得分" (inclusive): no score past ``value``, in ``unit``."""

    value: Decimal
    unit: str | None
    inclusive: bool


_LEVEL_WORDS = {
    "below": (r"低于|少于|小于|不足|未达到|未达|不到", r"以下"),
    "above": (r"超过|高于|大于|超出|多于", r"以上"),
}
_ZERO = r"(?:的|时|者)?[,;:]?(?:则)?(?:该项|本项|此项|该指标|本指标)?(?:不得分|不计分|不给分|(?:得|计|为)?0分)"


def zero_limits(text: str, side: str, units: str) -> list[tuple[Zero, tuple[int, int]]]:
    """The zero conditions on the deducting side, each with its span."""
    words, post = _LEVEL_WORDS[side]
    patterns = (
        (re.compile(rf"(?:{words}){NUM}({units})?{_ZERO}"), False),
        (re.compile(rf"{NUM}({units})?(?:\(含\))?(?:及)?(?:{post})(?:\(含\))?{_ZERO}"), True),
    )
    return [
        (Zero(Decimal(m.group(1)), m.group(2), inclusive), m.span())
        for pattern, inclusive in patterns
        for m in pattern.finditer(text)
        if m.group(2) != "百分点"  # "低于10个百分点不得分" is a distance, and which one is not clear
    ]


_COND_KIND = {w: kind for kind, words in COND_KINDS for w in words.split("|")}
_COND = re.compile("|".join(sorted(_COND_KIND, key=len, reverse=True)))


_DISTANCE_WORDS = {"below": r"低于|少于|不足|差", "above": r"超过|高于|超出|多于", "both": r"相差|偏离|偏差"}
_CHANGE_WORDS = {
    "below": r"降低|下降|减少|下滑|少|差|缺",
    "above": r"增加|上升|提高|增长|多|超|" + "|".join(DELAY),
    "both": r"相差|偏离|偏差",
}


_N = r"\d+(?:\.\d+)?"


def zero_distances(text: str, side: str, units: str) -> list[tuple[Zero, tuple[int, int]]]:
    """ "低于目标值35天为0分", "下降10个百分点及以上不得分", "延迟超过10天不得分": no score from this far from the
    reference on (a distance, never a level), each with its span; "超过N" leaves N itself out."""
    side = "above" if side == "delay" else side
    words, change = _DISTANCE_WORDS[side], _CHANGE_WORDS[side]
    tail = rf"(?P<post>及以上|以上)?{_ZERO}"
    patterns = (
        rf"(?:{words})(?:目标值?|指标值|计划值?|标准值?)(?:的)?(?P<over>)(?P<n>{_N})(?P<u>{units})?{tail}",
        rf"(?:{change})(?P<over>超过|多于|大于|达到|达)?(?P<n>{_N})(?P<u>{units}){tail}",
    )
    found = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            exclusive = m.group("over") in ("超过", "多于", "大于") and not m.group("post")
            found.append((Zero(Decimal(m.group("n")), m.group("u"), not exclusive), m.span()))
    return found


def condition_kinds(text: str) -> set[str]:
    """The sides a condition names ("低于目标值的" → below; "未按时拨付的" → delay)."""
    return {_COND_KIND[m.group(0)] for m in _COND.finditer(text)}


DATE = _DATE = re.compile(
    r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}[日号])?|\d{1,2}月\d{1,2}[日号]|\d{1,2}月(?:底|末|初|份|[上中下]旬)"
)
TOLERANCE = re.compile(r"(?:相差|偏离|偏差|差距|差异|误差|浮动)(?!率)")

Spans = list[tuple[int, int]]


def step_unit(number: Decimal, unit: str | None) -> tuple[Decimal, str | None] | None:
    """The step in its unit: None for percentage points; 万元 as 元."""
    if unit in (None, "百分点"):
        return number, None
    if unit == "%":
        return number, "%"
    quantity = parse_quantity(f"{number}{unit}")
    if quantity is None or quantity.value is None or not quantity.unit:
        return None
    return quantity.value, quantity.unit


def references(text: str, unit: str | None, skip: Spans) -> tuple[set[Decimal], Spans] | None:
    """The numbers the text gives as its reference, in the step's unit, outside the parts already read;
    None when one stands in a tolerance ("偏差在5%以内")."""
    if unit is None or unit == "%":  # "≦0" and "为0", not "≤15天" or "最低为0分"
        pattern = rf"以{NUM}%为标准|(?:[≤≥<>=]|为|等于){NUM}(?:%|(?![\d.万亿千分]|{UNITS}))|{NUM}%"
    else:
        pattern = rf"{NUM}((?:万|亿|千)?(?:{UNITS}))"
    values: set[Decimal] = set()
    spans: Spans = []
    dates = [m.span() for m in _DATE.finditer(text)]
    for m in re.finditer(pattern, text):
        if any(a <= m.start() < b for a, b in skip + dates):
            continue  # read already, or a date ("12月31日前", "2024年")
        if unit is None or unit == "%":
            value = Decimal(next(g for g in m.groups() if g is not None))
        else:
            quantity = parse_quantity(m.group(0))
            if quantity is None or quantity.value is None or not same_unit(quantity.unit, unit):
                continue
            value = quantity.value
        clause = re.split(r"[,;。:]", text[: m.start()])[-1]
        if TOLERANCE.search(clause):
            return None
        values.add(value)
        spans.append(m.span())
    return values, spans


def zero_in_unit(text: str, kind: str, unit: str | None, spans: Spans) -> tuple[Zero | None, bool]:
    """The zero condition in the step's unit, and whether the text is still readable."""
    if kind in ("both", "unmet"):
        return None, True
    found: Zero | None = None
    units = rf"%|百分点|{UNITS}"
    for zero, span in zero_limits(text, "below" if kind == "below" else "above", units):
        if any(a <= span[0] < b for a, b in spans):
            continue  # read as a distance ("低于10个百分点不得分")
        written = step_unit(zero.value, zero.unit or ("%" if unit in (None, "%") else unit))
        if written is None or (written[1] or "%") != (unit or "%") or found is not None:
            return None, False  # a limit in another unit than the step's, or two limits
        found = Zero(written[0], unit, zero.inclusive)
        spans.append(span)
    return found, True


def zero_distance_in_unit(text: str, kind: str, unit: str | None, spans: Spans) -> tuple[Zero | None, bool]:
    """ "低于目标值35天为0分": the distance from the target at which no score is left, in the step's unit."""
    found: Zero | None = None
    for zero, span in zero_distances(text, kind, rf"%|百分点|{UNITS}"):
        written = step_unit(zero.value, zero.unit or ("百分点" if unit in (None, "%") else unit))
        if written is None or (written[1] or "%") != (unit or "%") or found is not None:
            return None, False
        found = Zero(written[0], unit, zero.inclusive)
        spans.append(span)
    return found, True
