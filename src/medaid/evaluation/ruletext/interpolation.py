"""A base score and a proportional part: "合格率达70%以上得基础分，达90%得满分，70%-90%之间按比例增分，低于70%
不得分，基础分为分值的80%"; "覆盖率达到60%得基本分6分,达到95%及以上得满分,60%-95%按比例计分,60%以下不得分".

Reading conventions:
- Four statements, in any order and punctuation, about one rate: the base point ("达70%(以上)得基础分"), the
  full-marks point ("为/达到90%(以上)得满分"), the part between them "按比例增分/加分/得分/计分" (or "按插值
  法计分"), written "70%-90%", "70%至90%", "在70%与90%之间", "70%-89%" (whole percentages below 90 %), or
  "70%89%" (a dash lost in print), and a floor "低于70%不得分" (or "70%以下不得分": 70 % itself then scores
  0 — not read, since the base point says 70 % scores the base).
- The base is "N分" (written with the base clause — "得基础分6分", "得6分" — or alone: "基础分为6分") or a share of the
  weight ("基础分为分值的80%", "分值的80%为基础分", "得分值的80%").
- Between the points the score rises in a straight line from the base to the weight:
  基础分 + (实际值 − 70%) ÷ (90% − 70%) × (分值 − 基础分). It is read as a written formula
  (``rules.expressions.Expression``) with its jump to full marks and its floor.
- Anything else — a second floor, a step, a range whose ends are not the two points, two subjects, no floor
  (what scores below the base point is then not said) — makes the text not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, fmt
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.expressions import Expression

_N = r"\d+(?:\.\d+)?"
_SUBJECT = r"(?P<subject>[\u4e00-\u9fa5]{0,16}?(?:率|度|比例|比重))?"
_OWNER = r"(?:该项|本项|此项|该指标)?(?:分数|分值)?(?:的)?"
_BASE_WORD = r"(?:基础分|基本分|基础分值|基本分值)"
_REACH = r"(?:为|达|达到|在|≥|大于等于|不低于)?"
_BASE = re.compile(
    rf"^{_SUBJECT}{_REACH}(?P<at>{_N})%(?:\(含\))?(?:及)?(?:以上)?(?:的|者|时)?,?(?:得|计|给)?"
    rf"(?:{_OWNER}{_BASE_WORD}(?:(?:为)?(?P<points>{_N})分)?|(?P<bare>{_N})分)$"
)
_FULL = re.compile(
    rf"^{_SUBJECT}{_REACH}(?P<at>{_N})%(?:\(含\))?(?:及)?(?:以上)?(?:的|者|时)?,?(?:得|计|给)?{_OWNER}满分$"
)
_BETWEEN = re.compile(
    rf"^{_SUBJECT}(?:为|在|介于)?(?P<low>{_N})%(?:\(含\))?(?:-|~|至|到|与|和|—)?(?P<high>{_N})%(?:\(不含\)|\(含\))?"
    r"(?:之间|区间)?(?:的|者|时)?,?(?:在基础分(?:的)?基础上)?"
    r"(?:按(?:照)?(?:实际)?比例(?:增分|加分|得分|计分|增加|递增|赋分|计算)|按插值法(?:计分|计算|得分))$"
)
_ZERO = re.compile(
    rf"^{_SUBJECT}(?:低于|小于|不足|<|未达到?)(?P<at>{_N})%(?:的|者|时)?,?(?:该项|本项)?(?:不得分|不计分|得0分|计0分|为0分|0分)$"
)
_SHARE = re.compile(
    rf"^(?:{_BASE_WORD}(?:为)?(?:该项)?分值的(?P<a>{_N})%|(?:该项)?分值的(?P<b>{_N})%(?:为|作为){_BASE_WORD})$"
)
_POINTS = re.compile(rf"^{_BASE_WORD}(?:为)?(?P<points>{_N})分$")
_CLAUSE = re.compile(r"[,;。，；]")
# Said of the whole text, changing nothing here: the score lies between 0 and the weight anyway
_WHOLE = re.compile(r"扣完为止|最高不超过(?:该项|本项)?分值|满分为止|以满分为限")


def _subjects_agree(subjects: list[str]) -> bool:
    names = {s for s in subjects if s}
    return all(a.endswith(b) or b.endswith(a) for a in names for b in names)


def interpolated(text: str) -> Rule | None:
    """A base score at one rate, full marks at a higher one, a straight line between (module docstring)."""
    if not re.search(r"比例|插值", text) or "满分" not in text:
        return None
    base_at: Decimal | None = None
    full_at: Decimal | None = None
    zero_at: Decimal | None = None
    span: tuple[Decimal, Decimal] | None = None
    base_points: Decimal | None = None
    base_share: Decimal | None = None
    subjects: list[str] = []
    for clause in (c for c in _CLAUSE.split(_WHOLE.sub("", text)) if c):
        if (m := _BASE.match(clause)) is not None and base_at is None:
            base_at = Decimal(m.group("at"))
            if m.group("points") or m.group("bare"):
                base_points = Decimal(m.group("points") or m.group("bare"))
        elif (m := _FULL.match(clause)) is not None and full_at is None:
            full_at = Decimal(m.group("at"))
        elif (m := _BETWEEN.match(clause)) is not None and span is None:
            span = (Decimal(m.group("low")), Decimal(m.group("high")))
        elif (m := _ZERO.match(clause)) is not None and zero_at is None:
            zero_at = Decimal(m.group("at"))
        elif (m := _SHARE.match(clause)) is not None and base_share is None:
            base_share = Decimal(m.group("a") or m.group("b"))
        elif (m := _POINTS.match(clause)) is not None and base_points is None:
            base_points = Decimal(m.group("points"))
        else:
            return None
        if "subject" in m.groupdict():
            subjects.append(m.group("subject") or "")
    if base_at is None or full_at is None or span is None or zero_at is None or not _subjects_agree(subjects):
        return None
    if (base_points is None) == (base_share is None) or not base_at < full_at or zero_at != base_at:
        return None
    low, high = span
    if low != base_at or high not in (full_at, full_at - 1):
        return None  # "70%-90%", or "70%-89%" in whole percentages below 90 %
    if base_share is not None and not Decimal(0) < base_share < HUNDRED:
        return None
    width = f"({fmt(full_at)}%-{fmt(base_at)}%)"
    rise = f"(实际值-{fmt(base_at)}%)/{width}"
    if base_share is not None:
        share = base_share / HUNDRED
        expression = f"分值×{fmt(share)}+{rise}×分值×{fmt(1 - share)}"
    else:
        assert base_points is not None
        expression = f"{fmt(base_points)}+{rise}×(分值-{fmt(base_points)})"
    name = max(subjects, key=len) or "实际值"
    base = f"{fmt(base_points)}分" if base_points is not None else f"分值的{fmt(base_share or Decimal(0))}%"
    reading = (
        f"{name}达到{fmt(base_at)}%得基础分（{base}），达到{fmt(full_at)}%得满分，其间按比例从基础分增至满分，"
        f"低于{fmt(zero_at)}%不得分"
    )
    return Expression(
        expression=expression, name=name, value_kind="rate", full_from=full_at, full_inclusive=True,
        zero_below=base_at, zero_inclusive=False, read_as=reading,
    )  # fmt: skip
