"""Bonus (加分) and penalty (减分) wordings.

- "完成得基本分；大于目标值的，每增加1%加1分，最高加2分；小于目标值的，每少1%扣1分，扣分至基本分值扣完为止"
  (base ± steps), "超额完成任务数，每超10%加2分，10分封顶" (steps above the target only: 0 at the target),
  "每项加2分" (counted from zero), "对比上年度，每增加1名…加0.05分…每减少1名…扣0.1分" (the actual is the
  change from last year), "以前三年平均值为基数，每增加1%加1分；每减少1%减3分" (a change from a baseline).
- "验收合格加2分，验收不合格扣2分", "获得国家级荣誉的加2分，省级荣誉加1分" (加减分 items): ``bonus_items``.

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
from medaid.evaluation.rules.bonus import Reference, Step, StepBonus
from medaid.evaluation.ruletext.bonus_items import add_deduct
from medaid.evaluation.ruletext.bonus_tiers import tiers
from medaid.evaluation.ruletext.common import NUM

_GONE = "\x00"
_UP = r"超额完成|超额|增加|超过|超出|多完成|多报告|多|超|提高|增长|上升|升高|高于|增产|增"
_DOWN = r"少完成|少于|减少|低于|下降|降低|不足|减产|低|少|差|缺|降"
_UNIT = (r"百分点|%|[万亿千]?(?:元|人次|人|户次|户|株|亩|公顷|公斤|吨|公里|平方米|米)"
         r"|项|个|名|家|次|小时|天|日|个月|月|例|处|件|所|座|场|条|篇|起|期|批|套|台|辆|份")  # fmt: skip
_STEP = re.compile(
    rf"每({_UP}|{_DOWN})?(完成目标值|目标值|目标|指标值|计划)?(?:的)?(?:(?<!每)[\u4e00-\u9fa5]{{1,6}}?(?=\d))?{NUM}?({_UNIT})?"
    rf"[^\d,;。加扣减每]{{0,12}}?,?(?:相应)?(加|扣|减){NUM}分"
)
_UP_MOST = re.compile(
    rf"(?:最高|最多|累计)(?:可)?加{NUM}分|加分(?:最多|最高|累计)?(?:不超过|不得超过|不高于|上限为?|以){NUM}分(?:为限)?"
    rf"|加分(?:最多|最高){NUM}分|加满{NUM}分为止"
)
# "加分至基本分值为止"; "加扣分均不突破基本分", "加减分均不超过基本分": the bonus at most the base (a deduction
# stops at 0 in any case)
_UP_TO_BASE = re.compile(
    r"加分至基本分(?:值)?(?:为止|封顶)"
    r"|加(?:扣|减)?分(?:均|都)?(?:不突破|不超过|不得超过|不高于|以)基本分(?:值)?(?:为限)?"
)
_DOWN_MOST = re.compile(
    rf"(?:最多|最高|累计)(?:扣|减){NUM}分|(?:扣|减)分(?:最多|最高|累计)?(?:不超过|不得超过|上限为?){NUM}分|(?:扣|减)分(?:最多|最高){NUM}分"
)
_CAP = re.compile(rf"{NUM}分封顶|最高(?:得)?{NUM}分|总分不(?:得)?超过{NUM}分|最高分为{NUM}分")
# "最高不超过2分" after steps from a reference; counted items with it are ``counts``' ("每开展一项加2分,最高不超过4分")
_CAP_NOT_ABOVE = re.compile(rf"(?:最高|最多)不(?:得)?超过{NUM}分")
_BASE = re.compile(
    rf"(?:完成|达到|达标|持平|稳定|不变|实现)[^,;。加扣每\d]{{0,16}}?(?:的)?,?(?:该项|本项|此项|该指标|各)?(?:得|计|给|赋|记)"
    rf"((?:基本分|基础分|满分)?{NUM}分|基本分|满分|标准分|全分|基础分)|在(基本分|满分|标准分)(?:值)?(?:的)?基础上"
    # bands family: "达到标准6分" (the score at the reference written with no verb)
    rf"|(?:达到|符合|控制在)(?:标准|目标值|目标|指标值)(?:以内|范围内)?(?:的)?,?(?:该项|本项)?(?:得|计)?(?:基本分|基础分)?{NUM}分"
    rf"|(?:^|(?<=[,;。]))(?:基础分|基本分)(?:为)?{NUM}分(?=[,;。])"  # "基础分3分,每超过…": the base alone
)
# Below the reference nothing: "未达到目标产量不计分", "比前三年平均值减产不计分"
_ZERO_BELOW = re.compile(
    r"(?:未达到|未完成|达不到|低于|不足|减产|减少|下降)[^,;。\d]{0,16}?(?:的)?,?(?:该项|本项|此项)?(?:不计分|不得分|得0分|计0分)"
)
# bands family: less-is-better steps ("每降低1%加2分") and what they say of the worse side and of the most added
_ZERO_WORSE = re.compile(r"(?:高于|超过|超出|大于|未控制在)[^,;。\d]{0,16}?(?:的)?,?(?:不计分|不得分|得0分|计0分)")
# "未完成任务的，按完成比例得分": below the reference the completion ratio of the base (``rules.bonus_below``)
_BELOW_SHARE = re.compile(
    r"(?:未完成|完不成|未达到|达不到)[^,;。\d]{0,12}?(?:的)?,?按(?:实际)?(?:完成)?(?:比例|比率)(?:得分|计分|计算|折算)"
    # bands family: the ratio written alone, before the upward steps ("按完成比例得分,如超额完成每超1个百分点加2分")
    r"|(?:^|(?<=[,;。:]))按(?:实际)?(?:完成)?(?:比例|比率|进度)(?:得分|计分|计算|折算)(?=[,;。]|$)"
)
_MOST_AS_STEP = re.compile(rf"({_UP}|{_DOWN}){NUM}(%|个百分点|百分点)(?:及)?以上(?:的)?,?加{NUM}分")
_PRIOR = re.compile(r"上年|前三年|前\d年|上一年|同期|基期|以[^,;。\d]{0,12}?为基数")
_BENIGN = re.compile(
    r"(?:^|(?<=[;。,]))\d{1,2}[.、](?!\d)|^[①②③④⑤⑥⑦⑧⑨⑩]|^\d(?=[\u4e00-\u9fa5])(?![个人项次天月年日名家户件篇亩元万千百十])|扣分至基本分(?:值)?扣完为止|扣完为止|减完为止|直至减完|直至扣完"
    r"|以[^,;。\d]{0,12}?为基数|按比例加\((?:减|扣)\)分|按比例加减分|按(?:超额|超过)(?:部分)?(?:的)?比例加分"
    # the steps go on as written; a year names the period assessed ("纳入2018年度…考核"), never a quantity
    r"|以此类推|依此类推|(?:19|20)\d{2}年(?:度|(?![底末内前中\d]))"
    # bands family: where the figures come from ("以丰府发XX22号文件为依据", "以县领导小组核定的为准")
    r"|以[^,;。]{0,30}?(?:文件|号文|通知|办法|规定|方案|核定的|认定的|公布的|统计数据)为(?:依据|准)"
)


# bands family: counters of whole things a count bonus is written in ("一家工业企业", "一个项目")
_COUNTER = r"人次|户次|个|家|项|名|人|户|次|篇|件|所|座|场|条|例|处|批|套|台|辆|份|株|期|起"
# "招商引资一家工业企业加3分": a clause with one of a counter and no 每 is per one (每招商引资1家…)
_PER_ONE = re.compile(
    rf"(?:^|(?<=[,;。:]))(?=[^,;。:每\d]{{1,10}}?(?<![第同唯])[一1](?:{_COUNTER})[^,;。:每\d]{{0,12}}?加\d+(?:\.\d+)?分(?:[,;。]|$))"
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
    # bands family: "加0.05分,以2分为限" / "扣1分,以5分为限": the limit is that side's most
    text = re.sub(r"(加|扣|减)(\d+(?:\.\d+)?)分,?以(\d+(?:\.\d+)?)分为限", r"\1\2分,最多\1\3分", text)
    if "每" not in text and len(_PER_ONE.findall(text)) == 1:
        text = _PER_ONE.sub("每", text)
    # bands family: "每超一百分点" (normalized from "每超一个百分点", whose 超 the numeral reading passes over)
    text = re.sub(rf"(?<=每)({_UP}|{_DOWN})一(?=百分点|个|{_UNIT})", r"\g<1>1", text)
    # "多完成1人加1分", "少完成1人扣1分": without 每 only a step of one at the start of a clause (as ``deductions``)
    text = re.sub(
        rf"(?:^|(?<=[,;。:]))({_UP}|{_DOWN})[1一](?=(?:{_UNIT})(?:的)?,?(?:相应)?(?:加|扣|减)\d)", r"每\g<1>1", text
    )
    # "高于目标值的每1个百分点加0.2分" → "每高于目标值1个百分点加0.2分"; "每比上年增长1个百分点"
    text = re.sub(rf"({_UP}|{_DOWN})(目标值|目标|计划|指标值)?(?:的)?(?:部分)?,?每(?=\d)", r"每\1\2", text)
    text = re.sub(r"每(?:比|较)(?:上年|去年|上一年|同期)(?:同期)?", "每", text) if _PRIOR.search(text) else text

    def steps(m: re.Match[str]) -> str:
        size = m.group("size")
        down = "减少" if m.group("down") == "减" else m.group("down")  # numbers family (s8): "每增(减)"
        up = {"高": "高于", "升": "上升"}.get(m.group("up"), m.group("up"))  # numbers family (s8): "每高(低)"
        return f"每{up}{size}加{m.group('n')}分;每{down}{size}{m.group('minus')}{m.group('n')}分"

    text = re.sub(
        # numbers family (s8): also "每高(低)1个百分点", "每增减1个百分点加减5分" (no bracket between the two words)
        rf"每(?P<up>{_UP}|高|升)(?:\(|或|/)?(?P<down>{_DOWN}|减)\)?(?P<size>\d+(?:\.\d+)?(?:{_UNIT})?)(?:的)?,?"
        rf"(?:分别|相应)?加(?:\(|或|/)?(?P<minus>减|扣)\)?(?P<n>\d+(?:\.\d+)?)分",
        steps,
        text,
    )
    return re.sub(
        r"(最高|最多)(?:可)?加(?:\(|或)?(减|扣)\)?(\d+(?:\.\d+)?)分|(?<=加减\d分),?(最高|最多)(\d+(?:\.\d+)?)分",
        lambda m: f"{m.group(1)}加{m.group(3)}分,{m.group(1)}{m.group(2)}{m.group(3)}分" if m.group(1) else "",
        text,
    )


def _step(match: re.Match[str]) -> tuple[bool, Step, bool, bool] | None:
    """(whether it adds, the step, whether it names no verb: "每项加2分", whether it adds for less: "每降低1%加2分")."""
    verb, against, size, unit, sign, points = match.groups()
    adds = sign == "加"
    inverted = verb is not None and (re.fullmatch(_UP, verb) is not None) != adds
    if verb is None and (not adds or against is not None or size is not None):
        return None
    if verb is None and unit is None:
        # bands family: "每引进一个项目加2分", "每招商引资1家企业加3分": the counter the text writes (else 项)
        counter = re.search(rf"(?:(?<![第同唯])[一1]|单)({_COUNTER})", match.group(0))
        unit = counter.group(1) if counter else "项"
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
    return adds, step, verb is None, inverted


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


def _most_as_step(work: str, up: Step, lower: bool) -> tuple[str, Step] | None:
    """ "每降低1%加2分,降低2%以上加4分": a bonus from a threshold that is what the steps reach there is the most they
    add; one that is not (or on the other side) is not read."""
    found = list(_MOST_AS_STEP.finditer(work))
    if not found:
        return work, up
    match = found[0]
    better = re.fullmatch(_DOWN if lower else _UP, match.group(1)) is not None
    size, points = Decimal(match.group(2)), Decimal(match.group(4))
    if len(found) > 1 or not better or up.most is not None or up.unit not in ("%", "百分点") or up.relative:
        return None
    if size / up.size * up.points != points:
        return None
    return _take(work, match), Step(up.size, up.points, up.unit, up.relative, points)


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
    inverted: set[bool] = set()
    for span in tiered.spans if tiered else ():
        work = work[: span[0]] + _GONE * (span[1] - span[0]) + work[span[1] :]
    for match in _STEP.finditer(text):
        read = _step(match)
        if read is None:
            return None
        adds, step, counted_here, inverted_here = read
        inverted.add(inverted_here)
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
    lower = inverted == {True}  # "每降低1%加2分,每升高1%扣2分": less is better
    if (
        len(inverted) > 1
        or (lower and (tiered is not None or prior))
        or (most := _most_as_step(work, up, lower)) is None
    ):
        return None
    work, up = most
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
    below = list(_BELOW_SHARE.finditer(work))
    if len(below) > 1 or (below and (down is not None or lower or counted or prior)):
        return None
    for match in below:
        work = _take(work, match)
    zero_below = False
    for match in (_ZERO_WORSE if lower else _ZERO_BELOW).finditer(work):
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
        if bases[0].group(5) is not None and (counted or prior):
            return None  # "基础分3分,每设立一个…加1分": a count from a base (``count_score``)
        got = next((g for g in (got, bases[0].group(4), bases[0].group(5)) if g is not None), None)
        base = Decimal(got) if got is not None else None
        work = _take(work, bases[0])
    elif down is not None or zero_below or below:
        base = None  # steps either side of the reference, or nothing below it: the weight at the reference
    work = _BENIGN.sub(lambda m: _GONE * len(m.group(0)), work)
    if re.search(r"\d|得(?:满分|基本分)|不得分|扣分|加分|满分|每|基础上", work.replace(_GONE, "")):
        return None
    if prior:
        reference = Reference.CHANGE
    elif counted:
        if down is not None or zero_below or lower:
            return None
        reference = Reference.ZERO
    else:
        reference = Reference.TARGET
    if up2 is not None and (reference is not Reference.TARGET or up.unit not in ("%", "百分点") or up.relative):
        return None
    return StepBonus(up=up, down=down, base=base, up_to_base=up_to_base, cap=cap, reference=reference,
                     zero_below=zero_below, up2=up2, upto=tiered.high if tiered and up2 else None,
                     tier_from=tiered.low if tiered and up2 else None, lower_better=lower,
                     below_share=bool(below))  # fmt: skip


__all__ = ["add_deduct", "step_bonus"]  # add_deduct lives in ``bonus_items``; kept importable from here
