"""Positive and negative indicators: "结转结余率为反向指标，得分=分值×目标值/实际值，最高不超过分值";
"贫困发生率为反向指标,实际值不高于3%得20分;高于3%的,得分=20×3%/实际值"; "正向指标得分=实际值/目标值×分值；
反向指标得分=目标值/实际值×分值" (the target's ≥ or ≤ chooses).

Reading conventions (docs/rules.md):
- a formula target/actual (目标值/实际值, 3%/实际值, 153/实际人数) is a less-is-better (反向) reading, actual/target
  a more-is-better (正向) one; a text that declares the other direction, or names a less-is-better rate
  (结余率, 投诉率, 超支率, 发生率, 在职人员控制率, 三公经费变动率…) beside a more-is-better formula, is not
  understood;
- a number in the formula ("20×3%/实际值") is the full marks and the reference; a full-marks condition
  ("实际值不高于3%得20分") must name the same numbers, and caps the score at the full marks;
- "按完成比例计分" beside a declared direction or a less-is-better rate follows that direction;
- letters ("正向指标(即目标值为≥X,得分=权重*B/A),反向指标(…A/B)") are named by the text ("A为目标值") or, when both
  directions are written with formulas that are each other's inverse, by the 正向 formula rising with the actual;
  a formula contradicting its declared direction leaves the letters unread (not understood).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.direction import Directional
from medaid.evaluation.ruletext.step_parts import full_in_words

# Rates and amounts that are better the lower they are. 控制率 and 变动率 only when they control staff or
# spending (在职人员控制率, 三公经费变动率): a 血压控制率 is better the higher it is.
LESS_IS_BETTER = re.compile(
    r"反向指标|越低越好|越小越好|越少越好"
    r"|(?:结转结余|结余|投诉|超支|差错|错误|误差|失误|事故|违规|违纪|不合格|发生|返贫|超标|闲置|空置|退回|拒付"
    r"|漏报|误报|错报|逾期|流失|死亡|病死|发病|复发|感染|延误|滞留|积压|拖欠|欠费|偏差|调整|变更|赤字|负债|空岗|脱保|断保"
    r"|辍学|失业)率"
    r"|(?:未完成|未达标|未落实|未到位|未执行)率"  # formulas family: "得分=(1-未完成率)×分值"
    r"|(?:人员|经费|面积|支出|成本|费用|编制)(?:控制|变动)率"
)


def less_is_better(text: str) -> bool:
    """Whether a text names an indicator that is better the lower it is (结余率, 投诉率, 在职人员控制率…)."""
    return bool(LESS_IS_BETTER.search(text))


_NUMBER = r"\d+(?:\.\d+)?"
_FULL = rf"(?:(?:该项|本项|此项|该指标|本指标|指标|该)?(?:所赋)?(?:分值|权重|满分|标准分|分数)|(?P<full>{_NUMBER})分?)"
_TARGET = rf"(?:(?:年度)?(?:目标|计划|指标|标准)(?:值|数)?|(?P<ref>{_NUMBER})(?P<unit>%|[\u4e00-\u9fa5])?)"
_ACTUAL = r"(?:(?:全年|年度|本年|当年|年末)?(?:实际(?:完成)?[\u4e00-\u9fa5]{0,4}?(?:值|数|率|量)|完成值|完成数))"
_FORMULAS: tuple[tuple[bool, re.Pattern[str]], ...] = tuple(
    (reverse, re.compile(pattern.format(F=_FULL, T=_TARGET, A=_ACTUAL)))
    for reverse, pattern in (
        (True, r"{F}×\(?{T}/{A}\)?"),
        (True, r"\(?{T}/{A}\)?×{F}"),
        (True, r"{T}与{A}(?:的)?(?:比值|之比|比率|比)×{F}"),
        (False, r"{F}×\(?{A}/{T}\)?"),
        (False, r"\(?{A}/{T}\)?×{F}"),
        (False, r"{A}与{T}(?:的)?(?:比值|之比|比率|比)×{F}"),
    )
)
_NAMED_TARGET = r"(?:(?:年度)?(?:目标|计划|指标|标准)(?:值|数)?)"
# "(1-(实际值-目标值)/目标值)×分值": a negative indicator losing its score by the gap as a share of the target
_GAP_FORMULAS: tuple[tuple[bool, re.Pattern[str]], ...] = tuple(
    (reverse, re.compile(pattern.format(F=_FULL, T=_NAMED_TARGET, G=gap, A=_ACTUAL)))
    for reverse, gap in ((True, r"\(?{A}-{T}\)?/{T}"), (False, r"\(?{T}-{A}\)?/{T}"))
    for pattern in (rf"[(\[]?1-{gap}[)\]]?×{{F}}", rf"{{F}}×[(\[]?1-{gap}[)\]]?")
)
_AT_MOST = r"不高于|不超过|不大于|小于或等于|小于等于|低于或等于|≤|<="
_AT_LEAST = r"不低于|不少于|不小于|达到|大于或等于|大于等于|高于或等于|≥|>="
_CAP = re.compile(
    r"最高不超过(?:分值|满分)|满分为止|(?:超过|高于)(?:分值|满分)的?按(?:分值|满分)计(?:算)?|不超过(?:分值|满分)"
    # formulas family: the weight named 权重, and "不得突破"
    r"|(?:得分)?(?:最高)?不(?:得|能|应)?(?:超过|突破|高于)(?:该项|本项)?(?:指标)?(?:权重|分值|满分)(?:总额|总分)?"
)
_RATIO = re.compile(r"按(?:照)?(?:完成)?比例(?:计分|计算|得分)(?:得分)?")
_BENIGN = re.compile(
    r"[\u4e00-\u9fa5]{0,16}?(?:为|是|属于?)(?:反向|正向|负向|逆向)指标|(?:反向|正向|负向|逆向)指标"
    r"|(?:指标|该项|本项)?得分(?:值)?=|计算得分|计算|计分"
    r"|扣完为止|扣至0分为止|最低(?:为|得)?0分"  # formulas family: the floor every score has
)


_NAMED = r"(?:目标值|指标值|计划值|标准值|目标)"
_DECLARED_REVERSE = re.compile(r"反向指标|负向指标|逆向指标|越低越好|越小越好|越少越好")
_DECLARED_FORWARD = re.compile(r"正向指标|越高越好|越大越好|越多越好")


def _condition(text: str, reverse: bool) -> list[re.Match[str]]:
    """Full-marks conditions on the best side ("实际值不高于3%得20分", "低于目标值得满分") and openers of the
    other ("高于3%的,", "超过的,")."""
    best, worse = (
        (_AT_MOST + r"|低于|小于", r"高于|超过|超出|大于")
        if reverse
        else (_AT_LEAST + r"|高于|大于", r"低于|不足|小于|未达到")
    )
    side = r"以下|以内" if reverse else r"以上"
    at = rf"(?:(?P<at>{_NUMBER})(?P<at_unit>%|[\u4e00-\u9fa5])?|{_NAMED})"
    got = rf"(?:得|计)(?:满分|(?P<got>{_NUMBER})分)"
    patterns = (
        rf"{_ACTUAL}?(?:{best}){at}(?:的|时|者)?[,;:]?{got}",
        rf"{_ACTUAL}?(?P<at>{_NUMBER})(?P<at_unit>%|[\u4e00-\u9fa5])?(?:及)?(?:{side})(?:的|时|者)?[,;:]?{got}",
        rf"{_ACTUAL}?(?:{worse}){at}?(?:的|时|者|部分)?[,;:]?(?=得分|按|\(|[\u4e00-\u9fa5]{{0,4}}得分)",
    )
    return [m for p in patterns for m in re.finditer(p, text)]


# Letters for the actual and the target: "A为年初目标值,B为实际完成值", "正向指标(即目标值为≥X,得分=权重×B/A)"
_LETTER_DEFINED = re.compile(
    r"(?P<letter>[A-Z])(?:为|=|是|指|代表|表示)(?:年初|年度|全年)?(?P<what>目标值|指标值|计划值|实际完成值|实际值|完成值)"
)
_LETTERED = re.compile(
    r"(?P<side>正向|反向|负向|逆向)指标[(:,]?(?:即)?(?:目标值为(?P<cmp>[≥≤])[A-Z],?)?"
    r"(?:指标)?得分(?:值)?=(?:权重|分值)×(?P<num>[A-Z])/(?P<den>[A-Z])\)?"
)
_LETTER_CAP = re.compile(r"得分不(?:得|能|应)(?:突破|超过|高于)(?:权重|分值)(?:总额|总分)?|(?:定量指标)?计分原则[:：]?")


def _letters(work: str) -> tuple[str, str]:
    """A text whose formulas use letters, with the letters named: when the text defines them, or when it
    states both directions with reciprocal fractions (正向 B/A, 反向 A/B: the score rises with the actual only
    when B is the actual). Otherwise the text is returned as it is (and is not read: letters are unknown)."""
    if not re.search(r"[A-Z]/[A-Z]", work):
        return work, ""
    named = {m.group("letter"): m.group("what") for m in _LETTER_DEFINED.finditer(work)}
    found = list(_LETTERED.finditer(work))
    if not named and len(found) == 2:
        sides = {m.group("side") == "正向": (m.group("num"), m.group("den")) for m in found}
        compare = {m.group("side") == "正向": m.group("cmp") for m in found}
        if set(sides) != {True, False} or sides[True] != sides[False][::-1] or sides[True][0] == sides[True][1]:
            return work, ""
        if compare[True] not in (None, "≥") or compare[False] not in (None, "≤"):
            return work, ""
        named = {sides[True][0]: "实际值", sides[True][1]: "目标值"}
        how = "正向、反向公式互为倒数，正向得分随实际值升高，故"
    else:
        how = "评分标准写明"
    if len(named) != 2 or {"目标" in w or "指标" in w or "计划" in w for w in named.values()} != {True, False}:
        return work, ""
    for m in found:  # each declared side must rise (正向) or fall (反向) with the actual
        numerator = named.get(m.group("num"), "")
        rising = "实际" in numerator or "完成" in numerator
        if rising != (m.group("side") == "正向"):
            return work, ""
    out = _LETTER_DEFINED.sub("", work)
    out = re.sub(r"(?:即)?目标值为[≥≤][A-Z],?", "", out)
    out = _LETTER_CAP.sub("最高不超过分值", out)
    note = how + "：" + "、".join(f"{k} 为{v}" for k, v in sorted(named.items()))
    return re.sub(r"(?<![A-Za-z])[A-Z](?![A-Za-z])", lambda m: named.get(m.group(0), m.group(0)), out), note


def directional(text: str) -> Rule | None:
    """A positive or negative indicator's formula, or 按完成比例 with a stated direction (module docstring)."""
    work = re.sub(
        r"\([A-Za-z]\)", "", full_in_words(text).replace("÷", "/")
    )  # 得100%分: 得满分  # "年度指标值(A)/全年实际值(B)"
    work, letters = _letters(work)
    work = re.sub(r"(?<=[值数量率)])×100%", "", work)  # "目标值/实际值×100%×分值": ×100% only makes a percentage
    declared_reverse = bool(_DECLARED_REVERSE.search(work))
    declared_forward = bool(_DECLARED_FORWARD.search(work))
    gaps = [(reverse, m) for reverse, p in _GAP_FORMULAS for m in p.finditer(work)]
    found = gaps + [(reverse, m) for reverse, p in _FORMULAS for m in p.finditer(work)]
    spans = [m.span() for _, m in found]
    gap = any(reverse for reverse, _ in gaps)
    if not found:
        ratio = _RATIO.search(work)
        if ratio is None or declared_forward or not (declared_reverse or less_is_better(work)):
            return None
        spans.append(ratio.span())
        reverse: bool | None = True
        numbers: dict[str, set[str]] = {"full": set(), "ref": set(), "unit": set()}
        capped = True
    else:
        directions = {r for r, _ in found}
        if len(found) == 2 and directions == {True, False} and (declared_reverse or declared_forward):
            reverse = None
        elif len(found) == 1:
            reverse = found[0][0]
            if (reverse and declared_forward) or (not reverse and (declared_reverse or less_is_better(work))):
                return None
            if not reverse and not declared_forward:
                return None  # a plain 实际值/目标值 formula: ``formulas`` reads it
        else:
            return None
        numbers = {k: {g for _, m in found if (g := m.groupdict().get(k))} for k in ("full", "ref", "unit")}
        capped = False
    for side in {True, False} if reverse is None else {reverse}:
        for m in _condition(work, side):
            at, got = m.groupdict().get("at"), m.groupdict().get("got")
            if at is not None:
                numbers["ref"].add(at)
                if m.groupdict().get("at_unit"):
                    numbers["unit"].add(m.group("at_unit"))
            if got is not None:
                numbers["full"].add(got)
            capped = capped or "得" in m.group(0) or "计" in m.group(0)
            spans.append(m.span())
    for m in _CAP.finditer(work):
        capped = True
        spans.append(m.span())
    if any(len(v) > 1 for v in numbers.values()) or (reverse is None and numbers["ref"]):
        return None  # two different numbers for one thing, or a number for both directions
    spans += [m.span() for m in _BENIGN.finditer(work)]
    keep = [ch for i, ch in enumerate(work) if not any(a <= i < b for a, b in spans)]
    if re.search(r"\d|得|扣|分|×|/|每|加|酌情", "".join(keep)):
        return None
    return Directional(
        reverse=reverse,
        reference=Decimal(numbers["ref"].pop()) if numbers["ref"] else None,
        unit=numbers["unit"].pop() if numbers["unit"] else "",
        full=Decimal(numbers["full"].pop()) if numbers["full"] else None,
        capped=capped,
        gap=gap,
        letters=letters,
    )
