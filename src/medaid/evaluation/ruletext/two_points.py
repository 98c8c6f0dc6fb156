"""Full marks at one rate, none at another, a straight line between: "防洪达标率达到100%的,得100%分;小于等于75%
的得0分;介于75-100%之间按线性内插赋分", "保障率为100%的得满分,小于或等于90%的得0分,其余按线性内插赋分",
"差错率≤2%得满分,≥10%不得分,其间按线性插值法计分".

Reading conventions:
- Three statements about one rate (in any order; a rate named once is the rate of the others): the full-marks
  point ("达到/为/≥A%(及以上)(的)得满分", "得100%分", "得全部分值"), the zero point ("小于等于/≤/低于B%(及以下)
  (的)得0分/不得分"), and the part between them read by 线性内插, 线性插值, 插值法 or 内插法 ("其余/其间/中间/
  介于B-A%之间/B%-A%之间 按…赋分/计分/计算"). "按比例" alone is not read here: between two points it may mean
  the rate over the full point as well as the straight line.
- Full marks above the zero point: more is better, score = (实际值 − B) ÷ (A − B) × 分值, full from A, 0 at B
  and below; the full-marks point must hold upwards (达到, ≥, 以上, or "为100%" — nothing lies above) and the
  zero point downwards (≤, 低于, 以下). Full marks below the zero point: less is better, score = (B − 实际值) ÷
  (B − A) × 分值, the full point holding downwards ("≤2%", "为0%") and the zero point upwards ("≥10%", "超过").
- "N分" for the full point is the formula's own marks (refused later when above the weight).
- A last sentence "…的,此项不得分" with no number is a veto (``rules.expressions.Expression.vetoes``): the
  explanation must not state it; a bare actual leaves it unsaid, and the reason says it was taken as absent.
- Section numbers ("一、", "二、", "(1)") are dropped. Anything else — a base score, a third point, a range whose
  ends are not the two points, two subjects — is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, fmt
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.expressions import Expression

_N = r"\d+(?:\.\d+)?"
_SUBJECT = r"(?P<subject>[\u4e00-\u9fa5]{0,16}?(?:率|度|比例|比重))?"
_UP = ("达到", "达", "≥", "大于等于", "大于或等于", "不低于", "不小于", "以上", "及以上", "超过", "高于", "大于", ">")
_DOWN = ("≤", "小于等于", "小于或等于", "不高于", "不大于", "不超过", "低于", "小于", "<", "以下", "及以下", "以内")
_STRICT = ("超过", "高于", "大于", ">", "低于", "小于", "<")
_BEFORE = (
    r"(?P<before>为|等于|达到|达|≥|大于等于|大于或等于|不低于|不小于|≤|小于等于|小于或等于|不高于|不大于|不超过|"
    r"低于|小于|<|超过|高于|大于|>)?"
)
_AFTER = r"(?:\((?:含|不含)\))?(?P<after>及以上|以上|及以下|以下|以内)?(?:\((?:含|不含)\))?"
_POINT = re.compile(
    rf"^{_SUBJECT}{_BEFORE}(?P<at>{_N})%{_AFTER}(?:的|者|时)?,?(?:该项|本项|此项)?"
    rf"(?:(?P<zero>不得分|不计分|(?:得|计|为)0分)|(?:得|计|给|赋)(?P<full>满分|100%分|全部分值|全分|(?P<points>{_N})分))$"
)
# "达到考核目标的得满分": the full point is the row's target (more is better)
_FULL_AT_TARGET = re.compile(
    rf"^{_SUBJECT}(?:达到|完成|满足)(?:年度|考核|控制)?(?:目标值|目标|指标值|目标要求)(?:的|者|时)?,?(?:该项|本项|此项)?"
    r"(?:得|计|给|赋)(?:满分|100%分|全部分值|全分)$"
)
_BETWEEN = re.compile(
    rf"^(?:其余(?:部分)?|其他|其间|中间(?:值|部分)?|(?:介于)?两者之间|之间|(?:介于|在)?(?P<low>{_N})%?(?:-|至|到|与|和)(?P<high>{_N})%(?:之间|区间)?)"
    r"(?:的|者)?,?(?:按(?:照)?)?(?:线性内插|线性插值|插值|内插)(?:法)?(?:赋分|计分|得分|计算(?:得分)?|确定得分)?$"
)
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|\(\d+\)|\d+[、.](?!\d))")
_VETO = re.compile(r"^(?P<what>[^\d%]{4,60}?)(?:的|者)(?:,)?(?:此项|该项|本项)?(?:不得分|得0分|计0分)$")


def _clauses(text: str) -> list[str]:
    """The text's statements, an effect left alone by a comma ("达到100%的,得100%分") joined to its condition."""
    out: list[str] = []
    for sentence in (s for s in re.split(r"[;。]", text) if s):
        sentence = _SECTION.sub("", sentence)
        for atom in (a for a in sentence.split(",") if a):
            effect = re.match(r"^(?:该项|本项|此项)?(?:得|计|给|赋|按|不得分|不计分)", atom)
            if out and effect and out[-1].endswith(("的", "者", "时")):
                out[-1] += "," + atom
            else:
                out.append(atom)
    return out


def two_points(text: str) -> Rule | None:
    """Full marks at one rate, 0 at another, 线性内插 between (module docstring)."""
    if not re.search(r"内插|插值", text):
        return None
    full: tuple[Decimal, str, Decimal | None] | None = None  # the rate, its comparator, its own points
    zero: tuple[Decimal, str] | None = None
    span: tuple[Decimal, Decimal] | None = None
    vetoes: list[str] = []
    subjects: list[str] = []
    at_target = False
    for clause in _clauses(text):
        if (m := _FULL_AT_TARGET.match(clause)) is not None and full is None:
            full, at_target = (Decimal(-1), "达到", None), True
            subjects.append(m.group("subject") or "")
        elif (m := _POINT.match(clause)) is not None:
            side = m.group("after") or m.group("before") or ""
            if m.group("before") and m.group("after") and not _agree(m.group("before"), m.group("after")):
                return None  # "低于95%以上": comparators that disagree
            at = Decimal(m.group("at"))
            if m.group("zero"):
                if zero is not None:
                    return None
                zero = (at, side)
            else:
                if full is not None:
                    return None
                points = Decimal(m.group("points")) if m.group("points") else None
                full = (at, side, points)
            subjects.append(m.group("subject") or "")
        elif (m := _BETWEEN.match(clause)) is not None and span is None:
            if m.group("low") is not None:
                span = (Decimal(m.group("low")), Decimal(m.group("high")))
            else:
                span = (Decimal(-1), Decimal(-1))
        elif (m := _VETO.match(clause)) is not None and full is not None and zero is not None and span is not None:
            vetoes.append(m.group("what"))
        else:
            return None
    if full is None or zero is None or span is None or not _one_subject(subjects):
        return None
    (at_full, full_side, points), (at_zero, zero_side) = full, zero
    if at_target:
        return _to_target(subjects, at_zero, zero_side, span, tuple(vetoes))
    if span != (Decimal(-1), Decimal(-1)) and sorted(span) != sorted((at_full, at_zero)):
        return None
    marks = "分值" if points is None else fmt(points)
    name = max(subjects, key=len) or "实际值"
    full_at, zero_at = f"{fmt(at_full)}%", f"{fmt(at_zero)}%"
    if at_full > at_zero:
        if not _holds(full_side, _UP, at_full == HUNDRED) or not _holds(zero_side, _DOWN, False):
            return None
        expression = f"(实际值-{zero_at})/({full_at}-{zero_at})×{marks}"
        full_inclusive = full_side not in _STRICT  # at either point the line gives the same score
        zero_inclusive = zero_side not in _STRICT
        said = (
            f"{name}{'达到' if full_inclusive else '超过'}{full_at}得满分，{'不高于' if zero_inclusive else '低于'}"
            f"{zero_at}不得分，其间按线性内插计分"
        )
        return Expression(
            expression=expression, name=name, value_kind="rate", full_from=at_full, full_inclusive=full_inclusive,
            zero_below=at_zero, zero_inclusive=zero_inclusive, read_as=said, vetoes=tuple(vetoes),
        )  # fmt: skip
    if at_full < at_zero:
        if not _holds(full_side, _DOWN, at_full == 0) or not _holds(zero_side, _UP, False):
            return None
        expression = f"({zero_at}-实际值)/({zero_at}-{full_at})×{marks}"
        said = f"{name}不高于{full_at}得满分，不低于{zero_at}不得分，其间按线性内插计分（越低越好）"
        return Expression(
            expression=expression, name=name, value_kind="rate", lower_better=True, read_as=said, vetoes=tuple(vetoes)
        )
    return None


def _holds(side: str, allowed: tuple[str, ...], point_ok: bool) -> bool:
    """The point's comparator holds on the side it must: a comparator of that side, or "为"/nothing at an end
    of the scale (100 % for full marks upwards, 0 % downwards), where nothing lies beyond."""
    if side in ("", "为", "等于"):
        return point_ok
    return side in allowed


def _one_subject(subjects: list[str]) -> bool:
    names = {s for s in subjects if s}
    return all(a.endswith(b) or b.endswith(a) for a in names for b in names)


def _agree(before: str, after: str) -> bool:
    """ "达到95%及以上", "≤60%以下": a comparator before the number and one after it on the same side."""
    return (before in _UP and after in _UP) or (before in _DOWN and after in _DOWN) or before in ("为", "等于")


def _to_target(
    subjects: list[str], at_zero: Decimal, zero_side: str, span: tuple[Decimal, Decimal], vetoes: tuple[str, ...]
) -> Rule | None:
    """ "达到考核目标的得满分,低于60%的得0分,其间按线性内插计分": the line from the zero point to the row's target."""
    if span != (Decimal(-1), Decimal(-1)) or not _holds(zero_side, _DOWN, False):
        return None  # a range written in numbers cannot end at the target
    zero_at = f"{fmt(at_zero)}%"
    name = max(subjects, key=len) or "实际值"
    inclusive = zero_side not in _STRICT
    said = f"{name}达到指标值得满分，{'不高于' if inclusive else '低于'}{zero_at}不得分，其间按线性内插计分"
    return Expression(
        expression=f"(实际值-{zero_at})/(目标值-{zero_at})×分值", name=name, value_kind="rate", full_when_met=True,
        zero_below=at_zero, zero_inclusive=inclusive, read_as=said, vetoes=vetoes,
    )  # fmt: skip
