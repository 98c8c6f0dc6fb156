"""Bonus (加分) and penalty (减分) wordings.

- "完成得基本分；大于目标值的，每增加1%加1分，最高加2分；小于目标值的，每少1%扣1分，扣分至基本分值扣完为止"
  (base ± steps), "超额完成任务数，每超10%加2分，10分封顶" (steps above the target only: 0 at the target),
  "每项加2分" (counted from zero), "对比上年度，每增加1名…加0.05分…每减少1名…扣0.1分" (the actual is the
  change from last year), "以前三年平均值为基数，每增加1%加1分；每减少1%减3分" (a change from a baseline).
- "验收合格加2分，验收不合格扣2分", "获得国家级荣誉的加2分，省级荣誉加1分" (加减分 items).

Reading conventions: steps are 每 + a direction + a size and unit + 加/扣/减 N分, also written "高于目标值的
每1个百分点加0.2分", "每比上年增长1个百分点加0.2分", "每超(少)2%加(减)1分", "每高于或低于10个百分点分别加减1分";
奖励 is 加. A step in % against a percentage is percentage points, against any other value a share of the
target, as is "每少完成目标值10%" (against a percentage target that is refused: points or a share is not
said); a step in another unit applies only to an actual in that unit (10万元 and 850000元 convert).
"加分至基本分值为止/封顶" caps the bonus at the base; "N分封顶", "最高不超过N分" cap the score. The base is
"完成/达到/达标…得基本分/满分/标准分/N分" or "在基本分基础上"; with steps both ways and none written, or with
"未达到…不计分" (0 below the reference), it is the weight; a text with upward steps only is a pure 加分 item
(0 at the target). Anything else left with a number or a score in it makes the text not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.adjustments import AddDeduct, Adjustment
from medaid.evaluation.rules.bonus import Reference, Step, StepBonus
from medaid.evaluation.ruletext.bonus_tiers import tiers
from medaid.evaluation.ruletext.common import NUM, POINTS

_GONE = "\x00"
_UP = r"超额完成|超额|增加|超过|超出|多完成|多报告|多|超|提高|增长|上升|高于|增产"
_DOWN = r"少完成|少于|减少|低于|下降|降低|不足|减产|低|少|差|缺|降"
_UNIT = (r"百分点|%|[万亿千]?(?:元|人次|人|户次|户|株|亩|公顷|公斤|吨|公里|平方米|米)"
         r"|项|个|名|家|次|天|日|个月|月|例|处|件|所|座|场|条|篇|起|期|批|套|台|辆|份")  # fmt: skip
_STEP = re.compile(
    rf"每({_UP}|{_DOWN})?(完成目标值|目标值|目标|指标值|计划)?(?:的)?(?:(?<!每)[\u4e00-\u9fa5]{{1,6}}?(?=\d))?{NUM}?({_UNIT})?"
    rf"[^\d,;。加扣减每]{{0,12}}?,?(?:相应)?(加|扣|减){NUM}分"
)
_UP_MOST = re.compile(
    rf"(?:最高|最多|累计)(?:可)?加{NUM}分|加分(?:最多|最高|累计)?(?:不超过|不得超过|不高于|上限为?|以){NUM}分(?:为限)?"
    rf"|加分(?:最多|最高){NUM}分|加满{NUM}分为止"
)
_UP_TO_BASE = re.compile(r"加分至基本分(?:值)?(?:为止|封顶)")
_DOWN_MOST = re.compile(
    rf"(?:最多|最高|累计)(?:扣|减){NUM}分|(?:扣|减)分(?:最多|最高|累计)?(?:不超过|不得超过|上限为?){NUM}分|(?:扣|减)分(?:最多|最高){NUM}分"
)
_CAP = re.compile(rf"{NUM}分封顶|最高(?:得)?{NUM}分|总分不(?:得)?超过{NUM}分|最高分为{NUM}分")
# "最高不超过2分" after steps from a reference; counted items with it are ``counts``' ("每开展一项加2分,最高不超过4分")
_CAP_NOT_ABOVE = re.compile(rf"(?:最高|最多)不(?:得)?超过{NUM}分")
_BASE = re.compile(
    rf"(?:完成|达到|达标|持平|稳定|不变|实现)[^,;。加扣每\d]{{0,16}}?(?:的)?,?(?:该项|本项|此项|该指标|各)?(?:得|计|给|赋|记)"
    rf"((?:基本分|基础分|满分)?{NUM}分|基本分|满分|标准分|全分|基础分)|在(基本分|满分|标准分)(?:值)?(?:的)?基础上"
)
# Below the reference nothing: "未达到目标产量不计分", "比前三年平均值减产不计分"
_ZERO_BELOW = re.compile(
    r"(?:未达到|未完成|达不到|低于|不足|减产|减少|下降)[^,;。\d]{0,16}?(?:的)?,?(?:不计分|不得分|得0分|计0分)"
)
_PRIOR = re.compile(r"上年|前三年|前\d年|上一年|同期|基期|以[^,;。\d]{0,12}?为基数")
_BENIGN = re.compile(
    r"(?:^|(?<=[;。,]))\d{1,2}[.、](?!\d)|^[①②③④⑤⑥⑦⑧⑨⑩]|^\d(?=[\u4e00-\u9fa5])(?![个人项次天月年日名家户件篇亩元万千百十])|扣分至基本分(?:值)?扣完为止|扣完为止|减完为止|直至减完|直至扣完"
    r"|以[^,;。\d]{0,12}?为基数|按比例加\((?:减|扣)\)分|按比例加减分|按(?:超额|超过)(?:部分)?(?:的)?比例加分"
)


def _take(work: str, match: re.Match[str]) -> str:
    a, b = match.span()
    return work[:a] + _GONE * (b - a) + work[b:]


def _number(match: re.Match[str]) -> Decimal:
    return Decimal(next(g for g in match.groups() if g is not None))


def _both(text: str) -> str:
    """Steps and caps written for both sides at once, written out side by side: "每超(少)2%加(减)1分" →
    "每超2%加1分;每少2%减1分"; "每高于或低于10百分点分别加减1分"; "最高加(减)15分", "最多加减2分"."""
    text = text.replace("奖励", "加")
    # "多完成1人加1分", "少完成1人扣1分": without 每 only a step of one at the start of a clause (as ``deductions``)
    text = re.sub(
        rf"(?:^|(?<=[,;。:]))({_UP}|{_DOWN})[1一](?=(?:{_UNIT})(?:的)?,?(?:相应)?(?:加|扣|减)\d)", r"每\g<1>1", text
    )
    # "高于目标值的每1个百分点加0.2分" → "每高于目标值1个百分点加0.2分"; "每比上年增长1个百分点"
    text = re.sub(rf"({_UP}|{_DOWN})(目标值|目标|计划|指标值)?(?:的)?(?:部分)?,?每(?=\d)", r"每\1\2", text)
    text = re.sub(r"每(?:比|较)(?:上年|去年|上一年|同期)(?:同期)?", "每", text) if _PRIOR.search(text) else text

    def steps(m: re.Match[str]) -> str:
        size = m.group("size")
        return f"每{m.group('up')}{size}加{m.group('n')}分;每{m.group('down')}{size}{m.group('minus')}{m.group('n')}分"

    text = re.sub(
        rf"每(?P<up>{_UP})(?:\(|或)(?P<down>{_DOWN})\)?(?P<size>\d+(?:\.\d+)?(?:{_UNIT})?)(?:的)?,?"
        rf"(?:分别|相应)?加(?:\(|或)?(?P<minus>减|扣)\)?(?P<n>\d+(?:\.\d+)?)分",
        steps,
        text,
    )
    return re.sub(
        r"(最高|最多)(?:可)?加(?:\(|或)?(减|扣)\)?(\d+(?:\.\d+)?)分|(?<=加减\d分),?(最高|最多)(\d+(?:\.\d+)?)分",
        lambda m: f"{m.group(1)}加{m.group(3)}分,{m.group(1)}{m.group(2)}{m.group(3)}分" if m.group(1) else "",
        text,
    )


def _step(match: re.Match[str]) -> tuple[bool, Step, bool] | None:
    """(whether it adds, the step, whether it names no verb: "每项加2分")."""
    verb, against, size, unit, sign, points = match.groups()
    adds = sign == "加"
    if verb is not None and (re.fullmatch(_UP, verb) is not None) != adds:
        return None  # "每增加1项扣1分": a deduction other shapes read
    if verb is None and (not adds or against is not None or size is not None):
        return None
    unit = unit or ("项" if verb is None else None)
    if unit is None:
        return None
    if unit in ("%", "百分点"):
        # "每少完成目标值10%": a share of the target; "每超过目标值1个百分点": points above it
        step = Step(Decimal(size or 1), Decimal(points), unit, relative=against is not None and unit == "%")
    else:
        quantity = parse_quantity(f"{size or 1}{unit}")
        if quantity is None or quantity.value is None or against is not None:
            return None
        step = Step(quantity.value, Decimal(points), quantity.unit)
    if step.size <= 0:
        return None
    return adds, step, verb is None


def _caps(work: str, up: Step, down: Step | None) -> tuple[str, Step, Step | None] | None:
    """ "最高加2分", "扣分不超过2分" on their side."""
    for pattern in (_UP_MOST, _DOWN_MOST):
        for match in pattern.finditer(work):
            side = up if pattern is _UP_MOST else down
            if side is None or side.most is not None:
                return None
            side = Step(side.size, side.points, side.unit, side.relative, _number(match))
            up, down = (side, down) if pattern is _UP_MOST else (up, side)
            work = _take(work, match)
    return work, up, down


def step_bonus(text: str) -> Rule | None:
    """Steps above (加) and below (扣) a reference around a base score (module docstring)."""
    prior = _PRIOR.search(text) is not None
    text = _both(text)
    work = text
    up: Step | None = None
    down: Step | None = None
    counted = False
    up2: Step | None = None
    tiered = tiers(text)
    for span in tiered.spans if tiered else ():
        work = work[: span[0]] + _GONE * (span[1] - span[0]) + work[span[1] :]
    for match in _STEP.finditer(text):
        read = _step(match)
        if read is None:
            return None
        adds, step, counted_here = read
        if adds and up is not None and tiered is not None and match.start() == tiered.second_at and up2 is None:
            up2 = step  # "130%以上,每超出1个百分点加0.1分": the second tier
            work = _take(work, match)
            continue
        if (up if adds else down) is not None or (adds and tiered is not None and match.start() != tiered.first_at):
            return None
        up, down = (step, down) if adds else (up, step)
        counted = counted or counted_here
        work = _take(work, match)
    if up is None or (tiered is not None and up2 is None) or (capped := _caps(work, up, down)) is None:
        return None
    work, up, down = capped
    up_to_base = False
    for match in _UP_TO_BASE.finditer(work):
        up_to_base = True
        work = _take(work, match)
    cap: Decimal | None = None
    for match in [*_CAP.finditer(work), *(_CAP_NOT_ABOVE.finditer(work) if not counted else [])]:
        if cap is not None:
            return None
        cap = _number(match)
        work = _take(work, match)
    zero_below = False
    for match in _ZERO_BELOW.finditer(work):
        if down is not None or zero_below:
            return None
        zero_below = True
        work = _take(work, match)
    bases = list(_BASE.finditer(work))
    if len(bases) > 1:
        return None
    base: Decimal | None = Decimal(0)
    if bases:
        got = bases[0].group(2)
        base = Decimal(got) if got is not None else None
        work = _take(work, bases[0])
    elif down is not None or zero_below:
        base = None  # steps either side of the reference, or nothing below it: the weight at the reference
    work = _BENIGN.sub(lambda m: _GONE * len(m.group(0)), work)
    if re.search(r"\d|得(?:满分|基本分)|不得分|扣分|加分|满分|每|基础上", work.replace(_GONE, "")):
        return None
    if prior:
        reference = Reference.CHANGE
    elif counted:
        if down is not None or zero_below:
            return None
        reference = Reference.ZERO
    else:
        reference = Reference.TARGET
    if up2 is not None and (reference is not Reference.TARGET or up.unit not in ("%", "百分点") or up.relative):
        return None
    return StepBonus(up=up, down=down, base=base, up_to_base=up_to_base, cap=cap, reference=reference,
                     zero_below=zero_below, up2=up2, upto=tiered.high if tiered and up2 else None,
                     tier_from=tiered.low if tiered and up2 else None)  # fmt: skip


# --- 加减分 items ------------------------------------------------------------------------------

_ADJUST = re.compile(rf"(加|扣|减)[^\d,;。加扣减]{{0,8}}?{NUM}分")


def add_deduct(text: str) -> Rule | None:
    """ "验收合格，达到省定标准加2分，验收不合格扣2分": each condition with the points it adds or takes."""
    if "每" in text or POINTS.search(text) or re.search(r"不得分|得满分|基本分", text):
        return None
    found = list(_ADJUST.finditer(text))
    signs = {m.group(1) == "加" for m in found}
    if not signs or signs == {False}:
        return None  # deductions alone are other shapes
    adjustments: list[Adjustment] = []
    rest: list[str] = []
    previous = 0
    for match in found:
        start = max(previous, *(text.rfind(ch, 0, match.start()) + 1 for ch in "。;"))
        rest.append(text[previous:start])
        condition = text[start : match.start()].strip(",、")
        if not condition or re.search(r"\d|一次|每次|一项|一个|次$", condition):
            return None  # "一次加3分": per occurrence (``kinds``)
        points = Decimal(match.group(2))
        adjustments.append(Adjustment(condition, points if match.group(1) == "加" else -points))
        previous = match.end()
    rest.append(text[previous:])
    if re.search(r"\d", "".join(rest)):
        return None
    return AddDeduct(adjustments=tuple(adjustments))
