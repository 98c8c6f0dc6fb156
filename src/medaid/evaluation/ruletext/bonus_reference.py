"""Bonus steps around a reference the text writes (bands family): "单项基准为6分,全年运营240天不扣分,240天-180天,
每少10天扣1.5分,240天以上每多10天加分1.5分,低于180天该项不得分" (``bonus``, with ``StepBonus.written``).

Read only when: one clause "…N<unit>不扣分" (不加不减, 得基本分) names the reference in a unit of the actual (天, 人,
元…; never a percentage, which the row's target says); the steps are in that unit; the base is written ("基准为6分",
"基本分6分"); "N<unit>以上" before the upward step and "N<unit>-M<unit>" before the downward step name the same N;
and a floor "低于M<unit>不得分" (the same M) is one the downward steps reach anyway (no score is left at M). A row
target must then be the same reference; anything else is not read. Also (round 2): one flat deduction from the floor
up to the reference ("在10人-20人的扣3分;10人以下不得分", ``StepBonus.short_from``), and a threshold written with
its score and upward steps past it ("达3万元的,计3分,每超额完成1万的加计1分…", ``step_bonus_threshold``).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Rule, StepBonus
from medaid.evaluation.ruletext.bonus import step_bonus

_N = r"\d+(?:\.\d+)?"
_UNIT = r"小时|天|日|个月|月|人次|人|户|个|项|次|元|万元|亩|公里|米|吨|家|所|座|场|条|篇|件"
_REFERENCE = re.compile(
    rf"(?:^|(?<=[,;。]))[^,;。\d]{{0,20}}?(?P<n>{_N})(?P<unit>{_UNIT})(?:的)?,?(?:不扣分|不加不扣|不加不减|不加分也不扣分)(?:[,;。]|$)"
)
_BASE = re.compile(rf"(?:单项|本项|该项|此项)?(?:基准分|基准|基础分|基本分)(?:值)?(?:为|是)?({_N})分")
_GONE = ""


def step_bonus_written(text: str) -> Rule | None:
    """Steps above and below a reference the text writes (module docstring); None for any other text."""
    found = list(_REFERENCE.finditer(text))
    bases = list(_BASE.finditer(text))
    if len(found) != 1 or len(bases) != 1:
        return None
    ref, unit = found[0].group("n"), found[0].group("unit")
    work = text[: found[0].start()] + text[found[0].end() :]
    work = _BASE.sub(lambda m: f"完成得基本分{m.group(1)}分", work)
    work = re.sub(r"加分(?=\d)", "加", work)  # "每多10天加分1.5分"
    # "240天以上每多10天…", "240天-180天,每少10天…": where the steps run, from the reference
    work, ups = re.subn(rf"{re.escape(ref)}{unit}以上(?:的)?,?(?=每)", _GONE, work)
    floors = [
        Decimal(m.group(1)) for m in re.finditer(rf"{re.escape(ref)}{unit}?-({_N}){unit}(?:之间)?(?:的)?,?(?=每)", work)
    ]
    work = re.sub(rf"{re.escape(ref)}{unit}?-{_N}{unit}(?:之间)?(?:的)?,?(?=每)", _GONE, work)
    zero = rf"(?:低于|不足|少于|不到)于?({_N}){unit}(?:的)?,?(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分)"
    floors += [Decimal(m.group(1)) for m in re.finditer(zero, work)]
    work = re.sub(zero, _GONE, work)
    # "10人以下该项不得分": a floor that holds its own number
    zero_held = (
        rf"(?:^|(?<=[,;。]))[^,;。\d]{{0,20}}?({_N}){unit}(?:及)?以下(?:的)?,?(?:该项|本项|此项)?"
        r"(?:不得分|不计分|得0分|计0分)"
    )
    held = [Decimal(m.group(1)) for m in re.finditer(zero_held, work)]
    work = re.sub(zero_held, _GONE, work)
    floors += held
    # "在10人-20人的扣3分": one flat deduction for the values from the floor up to the reference
    short = [m for m in _short_band(ref, unit).finditer(work) if m.group("low") or m.group("low2")]
    if ups > 1 or len(set(floors)) > 1 or len(short) > 1:
        return None
    if short:
        return _with_short_band(work, short[0], ref, unit, floors, bool(held))
    rule = step_bonus(re.sub(r"[,;]{2,}", ",", work).strip(",;"))
    if not isinstance(rule, StepBonus) or rule.base is None or rule.lower_better or rule.up2 or rule.below_share:
        return None
    steps = [s for s in (rule.up, rule.down) if s is not None]
    if any(s.unit != unit or s.relative for s in steps) or rule.zero_below:
        return None
    if floors:
        floor, down = floors[0], rule.down
        # the floor must be where the downward steps have already taken every point: it then changes nothing
        if down is None or (Decimal(ref) - floor) / down.size * down.points < rule.base or floor >= Decimal(ref):
            return None
    return dataclasses.replace(rule, written=f"{ref}{unit}")


# --- a threshold the text writes, scored at it, with upward steps past it -------------------------------------
# Pattern (clause order free, 的/,/; optional): [subject] 达(到)/完成/实现 [object] N<unit> (的) , 计/得/记 B分 ;
# 每 超(额完成)/多/增加 S<unit> (的) 加(计)/奖励 P分 ; [加分不超过/最多加 K分] ;
# [subject] 未达到/未完成/达不到/低于/不足 N<unit> (的) , 不得分/不计分/扣B分 (the same N: nothing below it).
# "1万" in a step beside a reference in 万元 is 1万元. The reference is in a unit of the actual (万元, 人, 天…):
# "达到90%得3分" may be 90 % of the target or the rate itself, and is not read here. The row target, if any,
# must be the reference (``StepBonus.written``).
_U = rf"[万亿千]?元|{_UNIT}"
_REACHED = re.compile(
    rf"(?:^|(?<=[,;。]))(?P<subject>[^,;。\d]{{0,20}}?)(?P<verb>(?:达到|达|完成|实现)[^,;。\d]{{0,10}}?)?(?P<n>{_N})"
    rf"(?P<unit>{_U})(?P<above>及以上|以上)?"
    rf"(?:的)?,?(?:该项|本项|此项)?(?:计|得|记|给)(?P<base>{_N})分(?=[,;。]|$)"
)


def _unmet(ref: str, unit: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:^|(?<=[,;。]))[^,;。\d]{{0,20}}?(?:未达到|未达|未完成|达不到|低于|不足|少于){re.escape(ref)}{re.escape(unit)}"
        rf"(?:的)?,?(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分|扣(?P<minus>{_N})分)(?=[,;。]|$)"
    )


def step_bonus_threshold(text: str) -> Rule | None:
    """ "达3万元的,计3分,每超额完成1万的加计1分,加分不超过5分;未达到3万元的,扣3分": the score at a threshold the
    text writes, upward steps past it, and nothing below it (see the pattern above); None for any other text."""
    found = [m for m in _REACHED.finditer(text) if m.group("verb") or m.group("above")]  # "3万元以上计3分"
    if len(found) != 1:
        return None
    reached = found[0]
    ref, unit, base = reached.group("n"), reached.group("unit"), reached.group("base")
    work = text[: reached.start()] + "完成得基本分" + base + "分" + text[reached.end() :]
    unmet = list(_unmet(ref, unit).finditer(work))
    if len(unmet) > 1 or (unmet and unmet[0].group("minus") not in (None, base)):
        return None  # "未达到3万元的扣2分": what is left of the base, or a deduction beside it, is not said
    if unmet:
        work = work[: unmet[0].start()] + work[unmet[0].end() :]
    work = work.replace("加计", "加")
    if unit.startswith("万"):
        work = re.sub(r"(?<=\d)万(?=的|,|加|$)", unit, work)  # "每超额完成1万的" → 1万元
    rule = step_bonus(re.sub(r"[,;]{2,}", ",", work).strip(",;"))
    if not isinstance(rule, StepBonus) or rule.base != Decimal(base) or rule.down is not None or rule.zero_below:
        return None
    if rule.up is None or rule.lower_better or rule.up2 or rule.below_share or rule.up.relative:
        return None
    written = parse_quantity(f"{ref}{unit}")
    if written is None or rule.up.unit != written.unit:
        return None  # a step in another unit than the threshold
    return dataclasses.replace(rule, written=f"{ref}{unit}", zero_below=bool(unmet))


def _short_band(ref: str, unit: str) -> re.Pattern[str]:
    r, u = re.escape(ref), re.escape(unit)
    return re.compile(
        rf"(?:^|(?<=[,;。]))[^,;。\d]{{0,20}}?(?:在)?(?:(?P<low>{_N}){u}?-{r}{u}|{r}{u}?-(?P<low2>{_N}){u})(?:之间)?(?:的)?,?"
        rf"(?:该项|本项|此项)?扣(?P<minus>{_N})分(?=[,;。]|$)"
    )


def _with_short_band(
    work: str, band: re.Match[str], ref: str, unit: str, floors: list[Decimal], held: bool
) -> Rule | None:
    """ "为20人不扣分,20人以上每增10人加3分;在10人-20人的扣3分;10人以下不得分": steps above the reference, one
    flat deduction from the floor up to it, nothing below the floor. The band must reach the floor the text writes."""
    low = Decimal(band.group("low") or band.group("low2"))
    if floors != [low] or low >= Decimal(ref):
        return None
    work = work[: band.start()] + work[band.end() :]
    rule = step_bonus(re.sub(r"[,;]{2,}", ",", work).strip(",;"))
    if not isinstance(rule, StepBonus) or rule.base is None or rule.down is not None or rule.up is None:
        return None
    if rule.lower_better or rule.up2 or rule.below_share or rule.zero_below or rule.up.unit != unit or rule.up.relative:
        return None
    minus = Decimal(band.group("minus"))
    return dataclasses.replace(
        rule, written=f"{ref}{unit}", short_from=f"{low}{unit}", short_minus=minus, short_floor_held=held
    )
