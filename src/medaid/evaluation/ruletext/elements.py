"""Scoring elements (得分要素) that each add a share, the way 财政绩效评价 tables write them (``rules.shares``).

- "得分要素:1.…;2.…;3.…;4.…。具备一个得分要素业绩值加0.5。业绩值为2得满分,每降低0.5扣除权重分的1/4,扣完为止":
  every element adds the same value;
- "具备要素1得20%,具备要素2得40%,…": each element its own value; "具备要素1得50%,其余要素每符合一项增加10%":
  the others add to the first (without it the score is refused);
- "业绩值为100%得满分,每降低1%扣权重分的1%": the value that earns the full marks and what each step below takes;
- "一、建立合作机制得10%分,机制运行良好得10%。二、…": each requirement a share of the full marks (an element per
  requirement, in printed order); the shares must add up to 100 %;
- "得分要素:1.…;2.…;3.…" with nothing else: the elements share the full marks equally.

The elements' values must add up to the value that earns the full marks (else what the rest is worth is not
said); a value in % is never compared with a value without it. Anything else in the text (marks in points, a
deduction per item, another way of scoring) makes it not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.shares import ElementShares
from medaid.evaluation.rules.wording import DISCRETION
from medaid.evaluation.ruletext.checklists import listed_items
from medaid.evaluation.ruletext.common import NUM

_ONE = r"(?:一个|1个|每个|每一个|一项|1项|每项|每一项)"
_EQUAL = re.compile(rf"(?:每|凡)?具备{_ONE}(?:得分)?要素(?:的)?,?(?:业绩值)?(?:加|增加|得){NUM}(%?)")
_OWN = re.compile(rf"具备(?:得分)?要素(\d{{1,2}})(?:的)?,?(?:业绩值)?(?:得|加|为){NUM}%")
_REST = re.compile(rf"其余(?:得分)?要素,?每(?:符合|具备)(?:一项|一个|1项|1个)(?:的)?,?(?:增加|加|得){NUM}%")
_FULL_AT = re.compile(rf"业绩值(?:为|达到|达)?{NUM}(%?)(?:及以上)?(?:的|时)?,?得满分")
_STEP = re.compile(
    rf"每降低{NUM}(%|个百分点)?,?扣(?:除|减)?(?:权重分|权重|分值|满分|总分)(?:值)?的(?:{NUM}%|(\d+)/(\d+))"
)
_TIDY = re.compile(r"扣完为止|扣至0分为止")
_PREAMBLE = re.compile(r"^(?:得分|评分|考核)?要素(?:包括|有)?:?$")
_SHARE_CLAUSE = re.compile(rf"^(?P<name>[^,;。\d%]{{2,}}?)(?:的)?,?得{NUM}%(?:分|的分值)?$")
_PCT = Decimal(100)


def element_shares(text: str) -> Rule | None:
    """Elements with values or shares (module docstring)."""
    return _valued(text) or _shares(text)


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    keep = [True] * len(text)
    for a, b in spans:
        keep[a:b] = [False] * (b - a)
    return "".join(ch for ch, k in zip(text, keep, strict=True) if k)


def _valued(text: str) -> Rule | None:
    """ "得分要素:1.…;2.…。具备要素1得20%,…。业绩值为100%得满分,每降低1%扣权重分的1%" and the equal shares."""
    if "要素" not in text:
        return None
    spans: list[tuple[int, int]] = []
    equal = _EQUAL.search(text)
    own = list(_OWN.finditer(text))
    rest = _REST.search(text)
    full_at = _FULL_AT.search(text)
    step = _STEP.search(text)
    for found in [equal, rest, full_at, step, *own, *_TIDY.finditer(text)]:
        if found is not None:
            spans.append(found.span())
    listed = listed_items(re.sub(r"[,;。]+(?=[,;。]|$)", "", _cut(text, spans)).strip(" ,;。"))
    if listed is None or not _PREAMBLE.match(listed[0].strip()):
        return None
    names = [n.strip(" ,;。") for n in listed[1]]
    if any(re.search(r"\d|%|分|扣|[得计加]\d|[。;:]", n) or DISCRETION.search(n) or len(n) < 2 for n in names):
        return None  # anything said beside the elements: not read here
    count = len(names)
    unit = ""
    values: list[Decimal]
    base: int | None = None
    if equal is not None and not own and rest is None:
        values, unit = [Decimal(equal.group(1))] * count, equal.group(2)
    elif own and equal is None:
        given = {int(m.group(1)): Decimal(m.group(2)) for m in own}
        if len(given) != len(own) or any(not 1 <= k <= count for k in given):
            return None
        if rest is not None:
            if len(given) != 1:
                return None
            base = next(iter(given))
            values = [given[base] if i == base else Decimal(rest.group(1)) for i in range(1, count + 1)]
        elif len(given) != count:
            return None
        else:
            values = [given[i] for i in range(1, count + 1)]
        unit = "%"
    elif equal is None and not own and rest is None and full_at is None and step is None:
        return ElementShares(values=tuple(Decimal(1) for _ in names), names=tuple(names), full_value=Decimal(count))
    else:
        return None
    if full_at is None or full_at.group(2) != unit:
        return None
    full_value = Decimal(full_at.group(1))
    if sum(values) != full_value:
        return None
    share: Decimal | None = None
    size = full_value
    if step is not None:
        size = Decimal(step.group(1))
        if bool(step.group(2)) != (unit == "%"):
            return None  # "每降低1%" of a value without % (or the reverse): units never mixed
        share = Decimal(step.group(3)) / _PCT if step.group(3) else Decimal(step.group(4)) / Decimal(step.group(5))
        if share <= 0 or size <= 0:
            return None
    elif re.search(r"降低|扣", _cut(text, spans)):
        return None
    return ElementShares(values=tuple(values), names=tuple(names), unit=unit, full_value=full_value,
                         step=size, step_share=share, base=base)  # fmt: skip


def _shares(text: str) -> Rule | None:
    """ "一、建立合作机制得10%分,机制运行良好得10%。二、…": a share of the full marks for each requirement."""
    listed = listed_items(text.strip(" ,;。"))
    if listed is None or listed[0].strip(" ,;。:"):
        return None
    names: list[str] = []
    values: list[Decimal] = []
    for item in listed[1]:
        for clause in (c for c in re.split(r"[,;。]", item) if c):
            found = _SHARE_CLAUSE.match(clause)
            if found is None:
                return None
            names.append(found.group("name"))
            values.append(Decimal(found.group(2)))
    if len(values) < 2 or sum(values) != _PCT:
        return None
    return ElementShares(values=tuple(values), names=tuple(names), unit="%", full_value=_PCT)
