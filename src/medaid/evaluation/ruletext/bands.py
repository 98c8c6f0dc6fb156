"""Banded tables: "≥95%得5分；90%(含)-95%计3分；其余不得分", "=0，计5分；0-10%（含），计4分…",
"培训1000人以上得5分，800-1000人得3分，800人以下不得分".

The text is read as parts (``outcomes``): each a condition (``conditions``) and what it scores, in any
order and punctuation. Reading conventions: 以上/以下/以内 include the number, 超过/低于/不足 do not
(《民法典》第一千二百五十九条); "(含)" and "(不含)" say it for the bound they follow; an unmarked range
includes its lower end only. A bare number ("100%(2分)") is "at least". "否则", "其余", "未达到的" are the
values no band before covers, when they make one interval. "扣1分" in a band is the full marks less 1.

Also read: two percentages with the dash lost in extraction ("80%99%" is 80%-99%); thresholds listed once
with "分别" ("超过80%、70%和60%…分别得6分、4分和2分" is (80,∞) 6, (70,80] 4, (60,70] 2; with 达到/以上
the lower ends are included); thresholds that are shares of the target ("达到目标值80%以上", "年度任务的90%
(含)-100%") compare the completion ratio, as do "完成得满分，完成一半得5分，一半以下不得分" (100% and 50% of
the target; read only when the text says what less than half scores). Bounds in a unit of the actual
(人, 万元, 天) make bands in that unit when the text has two thresholds or more (one threshold is a met-or-not
condition, ``thresholds``). A method named before the first band ("查阅资料,根据评价指标得分,") is passed over.

Not read: a condition of another kind ("且运行管护效果良好", "或…较差"), two subjects ("完成率…；满意度…"),
units that differ between bands, steps (每…) and bonuses, "按比例" (``simple``). At scoring, a value in no
band or in two bands that score differently is refused.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Band, Banded, FormulaValue, Rule
from medaid.evaluation.ruletext.band_spelling import respell
from medaid.evaluation.ruletext.common import STEPWISE
from medaid.evaluation.ruletext.conditions import Condition, read_condition, same_subject
from medaid.evaluation.ruletext.outcomes import Effect, prepare, scored_parts

_N = r"\d+(?:\.\d+)?"
_LIST = re.compile(
    rf"(?P<word>超过|高于|大于|达到|不低于|不少于)?(?P<listed>{_N}%(?:(?:、|和|及|,){_N}%)+)(?P<above>(?:及)?以上)?"
    rf"(?P<between>[^\d;。]{{0,24}}?)分别(?:得|计|给|赋|记)(?P<scores>{_N}分?(?:(?:、|和|及|,){_N}分?)+)"
)
_CONDITION = re.compile(r"且|并且|同时|或(?!超额)")
_RANK = re.compile(r"排名|名次|排序|位次|第\d+(?:名|位)|前\d+名|后\d+名")
# A method named before the bands: "查阅资料,根据评价指标得分,≥70%得3分".
_METHOD = re.compile(r"^(?:(?:查阅|查看|核查|抽查|根据|依据|按照|按|对照|通过|结合)[^,;。:\d]{0,20}[,:])+")


def _spelled_out(text: str) -> str | None:
    """ "超过80%、70%和60%，分别得6分、4分和2分" written out band by band; None when it cannot be."""
    for m in _LIST.finditer(text):
        word, listed, above, between, scores = (m.group(k) for k in ("word", "listed", "above", "between", "scores"))
        if _CONDITION.search(between):
            return None
        thresholds = [Decimal(x) for x in re.findall(_N, listed)]
        points = [Decimal(x) for x in re.findall(_N, scores)]
        exclusive = word in ("超过", "高于", "大于")
        if (not word and not above) or (exclusive and above) or len(thresholds) != len(points):
            return None
        if any(a <= b for a, b in pairwise(thresholds)):
            return None
        bands = [f"超过{thresholds[0]}%" if exclusive else f"{thresholds[0]}%以上"]
        low_mark, high_mark = ("(不含)", "(含)") if exclusive else ("(含)", "(不含)")
        bands += [f"{b}%{low_mark}-{a}%{high_mark}" for a, b in pairwise(thresholds)]
        spelled = ";".join(f"{band}得{p}分" for band, p in zip(bands, points, strict=True))
        text = text[: m.start()] + spelled + text[m.end() :]
    return text


def _halves(text: str) -> str:
    """ "完成得满分，完成一半得5分，一半以下不得分": shares of the target, read only when the text also says
    what less than half scores (else "完成一半" may name a level, left to ``levels``)."""
    if not re.search(r"一半以下|不足一半|未完成一半|未达到一半", text):
        return text
    text = re.sub(r"(?:不足|未完成|未达到)一半", "低于目标值的50%", text)
    text = text.replace("一半以下", "目标值的50%以下").replace("完成一半", "目标值的50%以上")
    return re.sub(r"(?:全部|足额)?完成(?:目标|任务)?(?:的)?,?(?=得满分|计满分|得\d)", "目标值的100%以上", text)


def _rest(previous: list[Band]) -> Band | None:
    """The values no band before covers, when they make one interval ("≥95%得5分，90%-95%得3分，其余不得分"
    → below 90%)."""
    if not previous:
        return None
    spans = sorted(previous, key=lambda b: (b.low is not None, b.low or ZERO, not b.low_inclusive))
    low, low_in = spans[0].low, spans[0].low_inclusive
    high, high_in = spans[0].high, spans[0].high_inclusive
    for b in spans[1:]:
        if high is None:
            continue
        if b.low is not None and (b.low > high or (b.low == high and not (high_in or b.low_inclusive))):
            return None  # a gap: the rest is two pieces
        if b.high is None or b.high > high or (b.high == high and b.high_inclusive):
            high, high_in = b.high, b.high_inclusive if b.high is not None else False
    if low is None and high is not None:
        return Band(low=high, low_inclusive=not high_in)
    if high is None and low is not None:
        return Band(high=low, high_inclusive=not low_in)
    return None


def _band(condition: Condition, effect: Effect, previous: list[Band], relative: bool) -> Band | None:
    """The band a condition makes with what it scores; None when this reading cannot hold it."""
    if condition.other or (not condition.numeric and not relative and condition.high is not None):
        span = _rest(previous)  # "其余"; "未完成的" beside numeric bands is the rest too
    elif not condition.numeric and not relative:
        return None  # "完成目标任务得满分" beside bands of a rate: not the same value
    else:
        span = Band(low=condition.low, high=condition.high, low_inclusive=condition.low_inclusive,
                    high_inclusive=condition.high_inclusive)  # fmt: skip
    if span is None:
        return None
    bounds = {"low": span.low, "high": span.high, "low_inclusive": span.low_inclusive,
              "high_inclusive": span.high_inclusive}  # fmt: skip
    match effect.kind:
        case "points":
            return Band(points=effect.value, **bounds)  # type: ignore[arg-type]
        case "zero":
            return Band(points=ZERO, **bounds)  # type: ignore[arg-type]
        case "full":
            return Band(full=True, **bounds)  # type: ignore[arg-type]
        case "fraction":
            return Band(fraction=effect.value, **bounds)  # type: ignore[arg-type]
        case "minus":
            return Band(full=True, minus=effect.value or ZERO, **bounds)  # type: ignore[arg-type]
        case "product":
            p = effect.product
            plain = p is not None and p.value is FormulaValue.RATE and p.points is None
            if not plain or p is None or p.low != 0 or p.high != 100 or p.unit != "%":
                return None
            if relative and not re.search(r"完成|比例|比值", p.name):
                return None  # shares of the target beside a product of another rate
            return Band(minus=p.minus, **bounds)  # type: ignore[arg-type]
    return None


# Counters of whole things: "未召开" beside "1次得0.5分" is the count 0.
_WHOLE = frozenset("次个项人户家件篇名所场期座例处笔条份批台辆套本种") | {"人次", "户次"}


def _none_at_all(band: Band, unit: str) -> bool:
    """ "未召开不得分" beside "召开会议2次及以上得1分，1次得0.5分": the rest of the bands must be the count 0 alone."""
    whole = unit in _WHOLE
    return (
        whole
        and band.low is None
        and band.high is not None
        and ((band.high == 1 and not band.high_inclusive) or (band.high == 0 and band.high_inclusive))
    )


def settle(bands: list[Band], soft: list[bool], marked: list[bool]) -> list[Band]:
    """An end of a range written with no mark ("90%-95%", "5%-10%") that no other band holds goes to the range
    ("超过95%得5分,90%-95%得3分": 95% scores 3), and one another band holds with a mark ("5%以内(含5%)")
    goes to that band. An end another band holds without a mark ("80%以下" beside "80%-90%": 以下 includes
    80%, and so does the range) stays as read: two bands, refused at scoring."""

    def settled(i: int, value: Decimal, default: bool) -> bool:
        holders = [j for j, b in enumerate(bands) if j != i and b.contains(value)]
        if not holders:
            return True
        return False if any(marked[j] for j in holders) else default

    out: list[Band] = []
    for i, band in enumerate(bands):
        if not soft[i] or band.low is None or band.high is None:
            out.append(band)
            continue
        low_in = settled(i, band.low, band.low_inclusive)
        high_in = settled(i, band.high, band.high_inclusive)
        out.append(replace(band, low_inclusive=low_in, high_inclusive=high_in))
    return out


# An aim written before the first band ("提升镇区对外交通联系,镇区车行15分钟内…"): the goal, not a condition.
_AIM = re.compile(r"^(?:提升|加强|优化|完善|推进|推动|强化|提高|改善|健全|落实)[^,;。:\d]{0,20}[,:](?=[^,;。]*\d)")
# What happens within a time bound ("15分钟内可到达高速公路出入口…", "3个工作日内办结", "15-30分钟到达"): the
# event the time is measured to, said after the bound; the bound alone is the condition.
_TIME_EVENT = re.compile(
    r"(?:min|小时|工作日|天|日|周|个月)(?:以内|之内|内)?(?P<event>(?:可|能|即可|均)?(?:到达|抵达|赶到|完成|办结|处置|处理"
    r"|响应|上报|报送|送达|反馈|回复|答复|解决)[^,;。\d]{0,30})$"
)


_TIME_RANGE_WITHIN = re.compile(r"\d-\d+(?:\.\d+)?(?:min|小时|个工作日|工作日|天|日|周|个月)(?P<within>以内|之内|内)$")


def _without_event(condition: str) -> str:
    match = _TIME_EVENT.search(condition)
    condition = condition[: match.start("event")] if match else condition
    # "3-5个工作日内办结": within a range of times is the range
    within = _TIME_RANGE_WITHIN.search(condition)
    return condition[: within.start("within")] if within else condition


def _share_of_full(match: re.Match[str]) -> str:
    share = Decimal(match.group(1))
    return "满分" if share == 100 else f"分值的{match.group(1)}%" if share < 100 else match.group(0)


def _parts(text: str) -> list[tuple[Condition, Effect]] | None:
    # "30分钟以上不得分": minutes are kept apart from scores ("0分") while the parts are found
    text = re.sub(r"(?<=\d)分钟", "min", respell(text))  # respell: 周岁, "0-5岁岁", "10%-20%(不含)"
    # "得100%分" is full marks, "得60%分" 60 % of them (a share above 100 % is not read)
    text = re.sub(rf"(?<=[得计给记赋])({_N})%分", _share_of_full, text)
    spelled = _spelled_out(_halves(text))
    if spelled is None:
        return None
    parts = scored_parts(prepare(spelled))
    if parts is None or len(parts) < 2:
        return None
    read: list[tuple[Condition, Effect]] = []
    for number, part in enumerate(parts):
        condition_text = _METHOD.sub("", _AIM.sub("", part.condition)) if number == 0 else part.condition
        condition_text = _without_event(condition_text)  # bands family: "15分钟内可到达…" is "15分钟内"
        condition = read_condition(condition_text, nothing=True)
        if condition is None or part.effect.kind == "cap":
            return None
        read.append((condition, part.effect))
    return read


def banded(text: str) -> Rule | None:
    """Each condition of the text with what it scores, as bands of one value (module docstring)."""
    if STEPWISE.search(text) or re.search(r"加\d|加分|奖励|按(?:照)?(?:完成|实际)?(?:比例|百分比)", text):
        return None
    if _RANK.search(text):
        return None  # "排名1-3名,7分": places, not a count (``ranks``)
    read = _parts(text)
    if read is None:
        return None
    conditions = [c for c, _ in read]
    numeric = [c for c in conditions if c.numeric and not c.other]
    if not numeric or not same_subject(conditions):
        return None
    relative = any(c.relative for c in numeric)
    if any(c.unsure for c in numeric) and not relative:
        return None  # "达到目标值95%得5分": the target itself, or 95% of it
    units = {c.unit for c in numeric} - {""}
    if len(units) > 1:
        return None
    unit = units.pop() if units else ""
    if unit not in ("%", "‰"):
        thresholds = {x for c in numeric for x in (c.low, c.high) if x is not None}
        if len(thresholds) < 2:
            return None  # one number in a unit: a met-or-not condition (``thresholds``)
        if any(e.kind == "product" for _, e in read):
            return None
    bands: list[Band] = []
    for condition, effect in read:
        band = _band(condition, effect, bands, relative)
        if band is None:
            return None
        bands.append(band)
    bands = settle(bands, [c.soft and not c.other for c in conditions], [c.marked for c in conditions])
    if not all(_none_at_all(band, unit) for band, c in zip(bands, conditions, strict=True) if c.nothing):
        return None
    on_completion = "完成目标任务量" in text or ("完成率" in text and "实际完成率" not in text)
    return Banded(bands=tuple(bands), on_completion=on_completion, relative=relative, unit=unit)


# A sentence naming where the evidence is, before the bands: "查看上一年资料。达到5%得1分;达到10%得2分".
_EVIDENCE = re.compile(
    r"^(?:查看|查阅|核查|抽查|检查|查验|审核|审查|现场查看|看)[^,;。:\d]{0,16}?"
    r"(?:资料|台账|记录|档案|文件|报表|数据|材料|凭证|账目)[。;:]"
)


def banded_after_evidence(text: str) -> Rule | None:
    """Bands after a sentence that only says where to look ("查看上一年资料。"), which the checklist readings
    would take for an item: read only when the rest is bands (``banded``) in full."""
    match = _EVIDENCE.match(text)
    return banded(text[match.end() :]) if match else None
