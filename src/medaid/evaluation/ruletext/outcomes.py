"""A rule text as parts: a condition and what it scores, in any order and any punctuation.

"满意度≥95%，得5分；90%≤满意度<95%，计3分；其余不得分" → (满意度≥95%, 5), (90%≤满意度<95%, 3), (其余, 0);
"实际完成率<100%，得分=实际完成率×指标分值" → (实际完成率<100%, the product);
"超过100%按100%计" → (超过100%, the value capped at 100%).

What a part scores (its ``Effect``): points ("得5分", "计5分", "给/赋/记/评5分", "(5分)", a bare "5分" after a
condition), a share of the weight ("得一半分", "得分值的80%"), full marks ("得满分", "计满分", "按满分计",
"不扣分"), none ("不得分", "不计分", "0分"), the full marks less some ("扣1分", "扣除1分", "减1分"), a written
product ("得分=完成率×分值", "按满意度×分值计算"), or a cap of the value ("按100%计算"). Said of the whole
text and so taken out first: "扣完为止", "满分为止", "最高不超过分值", "以满分为限", item numbers. A bracket
holding a part of its own ("(90%以上得满分)", "(超过100%以100%计算)") is read as a part after the others.
"若…没有该项任务的，不扣分" concerns an indicator without the task and is left to the evaluator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from medaid.evaluation.rules.formulas import FormulaValue
from medaid.evaluation.ruletext.conditions import UNIT

NUM = r"(\d+(?:\.\d+)?)"
_GIVE = r"(?:得|计|给|赋|记|评|为|按|可得|获得|即得)"
_EFFECT = re.compile(
    rf"(?P<cap>(?:按|以){NUM}(%|‰)(?:计算?|算))"
    rf"|(?P<fraction>(?:得|计|给|按)(?:该项|本项)?(?:分值|满分|权重)的{NUM}%(?:计算?)?|(?:得|计|给)(?:一半分|半分|分值的一半|满分的一半))"
    rf"|(?P<full>(?:该项|本项|此项)?{_GIVE}?(?:满分|全分|基本分|基础分|全部分值|本项分值|该项分值|标准分)(?:值)?(?:计算?|计分)?"
    r"(?!为止|为限|封顶|\d))"
    r"|(?P<keep>不扣分)"
    rf"|(?P<zero>(?:本项|该项|此项|该指标|本指标)?(?:不得分|不计分|不给分|不赋分|(?:得|计|记|为)零分|{_GIVE}?0分(?:计算?)?))"
    rf"|(?P<minus>(?:扣除|扣减|扣|减去|减){NUM}分)"
    rf"|(?P<points>\({NUM}分\)|(?:该项|本项|此项|该指标|本指标)?{_GIVE}{NUM}分(?:计算?)?|(?<=[,:、%)上下间内])(?<![\d.]){NUM}分(?=$|[,;。(]))"
)
_BENIGN = re.compile(
    r"扣完为止|扣完即止|扣至0分为止|扣至零分为止|最低(?:为|得)?(?:0|零)分|满分为止|以满分为限|(?:得分)?最高不超过(?:该项|本项)?分值"
    r"|(?:若|如|对)?[^,;。]{0,24}(?:没有|无)(?:该项|此项|相关|本项)?[^,;。]{0,12}?(?:任务|项目|业务)的,?(?:不扣分|得满分|按满分计算?)"
    r"|超(?:过|出)(?:目标|计划|任务)(?:值|数)?(?:的)?(?:部分)?不(?:再)?(?:加分|计分)|超额(?:完成)?(?:的)?(?:部分)?不(?:再)?加分"
    r"|最高(?:得|为)满分|得分不(?:得)?超过(?:该项|本项|此项)?(?:指标)?分值|超过满分的?(?:按|以)满分计算?|以(?:该项|本项)?分值封顶"
)
# Full marks declared before the rule: "本项满分1分。"
_DECLARED = re.compile(rf"^(?:本项|该项|此项|本指标|该指标)?满分(?:为)?{NUM}分[。;,:]")
_AFTER_NUMBER = rf"(?:{UNIT})(?:[及或]?以[上下内]|[(\-至到、,;的得计及或内之]|$)|[及或]?以[上下内]"
_ITEM = re.compile(
    r"(?:^|(?<=[;。,]))(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])"
    # "②" after normalization; not a number with its unit and bound ("3周岁以下", "5头以上", "2以上"): a unit
    # counts only before what follows a bound, since items begin with words such as 根据, 部署, 口腔
    rf"|^\d(?=[\u4e00-\u9fa5])(?![个人项次天月年日名家户件篇亩元万千百十]|{_AFTER_NUMBER})"
)
_BRACKET = re.compile(r"\(([^()/×]*)\)")

# --- products: "完成率×分值", "实际值/目标值×权重", "(实际-60%)/(95%-60%)×分值", "满意度/90%×10分" ---------

_NAME = r"[\u4e00-\u9fa5()]{0,24}?(?:率|度|比例|比重)"
_PLAIN = r"实际(?:完成)?(?:值|数)|完成值|实际"
_ACTUAL = r"(?:实际|完成)[\u4e00-\u9fa5]{0,8}?(?:值|数|量|率|额|资金|支出)"
_TARGET = r"(?:年度|全年)?(?:目标|计划|指标|任务|预算|下达)[\u4e00-\u9fa5]{0,8}?(?:值|数|量|率|任务|额|资金)?"
MULT = re.compile(
    r"(?:该|本|此|对应)?(?:项|项目|指标|三级指标)?(?:的)?(?:指标)?(?:分值|权重分?(?:值)?|满分(?:值)?|标准分(?:值)?)"
    rf"|{NUM}(?:分|(?![\u4e00-\u9fa5%‰\d.]))"
)
VALUES: tuple[tuple[FormulaValue, re.Pattern[str]], ...] = (
    (FormulaValue.RATIO, re.compile(rf"{_ACTUAL}/{_TARGET}(?:的比值)?")),
    # "完成投资占年度计划的比", "实际完成数与目标任务的比值"
    (
        FormulaValue.RATIO,
        re.compile(rf"(?:实际|完成)[\u4e00-\u9fa5]{{0,10}}?(?:占|与){_TARGET}(?:的)?(?:比值|比例|比重|比)"),
    ),
    (FormulaValue.INVERSE, re.compile(rf"{_TARGET}/{_ACTUAL}(?:的比值)?")),
    (FormulaValue.RATE, re.compile(rf"\((?:{_NAME}|{_PLAIN})-{NUM}(%|‰)\)/\({NUM}(%|‰)-{NUM}(%|‰)\)")),
    (FormulaValue.RATE, re.compile(rf"(?:{_NAME}|{_PLAIN})/{NUM}(%|‰)")),
    (FormulaValue.RATE, re.compile(rf"{_NAME}|{_PLAIN}")),
)
_PREFIX = re.compile(r"[\u4e00-\u9fa5]{0,12}?(?:得分|评分|计分|分数)(?:值)?=$")
_SUFFIX = re.compile(r"(?:计算得分|计算|计分|得分|给分|赋分|计)?")
_SUFFIX_END = re.compile(r"(?:计算得分|计算|计分|得分|给分|赋分|计)$")


@dataclass(frozen=True)
class Product:
    """A written product of a value and the full marks: ``value`` over ``low``…``high`` (in ``unit``) times
    ``points`` (None: the weight). ``name``: the rate it names ("完成率"), for a RATE value."""

    value: FormulaValue
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(100)
    unit: str = "%"
    points: Decimal | None = None
    name: str = ""
    minus: Decimal = Decimal(0)  # "(分值×完成比例-2)": points taken off the product


@dataclass(frozen=True)
class Effect:
    """What a part scores: ``kind`` is points, fraction (of the weight), full, zero, minus, product or cap (of the
    value)."""

    kind: str
    value: Decimal | None = None
    unit: str = ""
    product: Product | None = None


@dataclass(frozen=True)
class Part:
    condition: str
    effect: Effect


def _value(operand: str) -> tuple[FormulaValue, tuple[str | None, ...], str] | None:
    bracketed = re.fullmatch(r"\(([^()]*)\)", operand)  # "(实际值/目标值)"
    operand = bracketed.group(1) if bracketed else operand
    for kind, pattern in VALUES:
        match = pattern.fullmatch(operand)
        if match:
            return kind, match.groups(), operand
    return None


def _product(found: tuple[FormulaValue, tuple[str | None, ...], str], mult: str) -> Product | None:
    kind, groups, operand = found
    points = Decimal(mult.rstrip("分")) if re.match(r"\d", mult) else None
    if len(groups) == 6:  # (值−a)/(b−a)
        a, a_unit, b, b_unit, a_again, a_again_unit = (g or "" for g in groups)
        if a != a_again or len({a_unit, b_unit, a_again_unit}) != 1 or Decimal(b) <= Decimal(a):
            return None
        return Product(kind, Decimal(a), Decimal(b), a_unit, points, operand.split("-")[0].strip("("))
    if len(groups) == 2:  # 值/80%
        if Decimal(groups[0] or "0") <= 0:
            return None
        return Product(kind, high=Decimal(groups[0] or "0"), unit=groups[1] or "%", points=points,
                       name=operand.split("/")[0])  # fmt: skip
    return Product(kind, points=points, name=operand if kind is FormulaValue.RATE else "")


def _left(left: str) -> tuple[int, str]:
    """Where the left operand begins in ``left`` (after "按", "以", "则", "即" when words come before it) and
    the operand."""
    for m in reversed(list(re.finditer(r"按照|按|以|则|即", left))):
        operand = left[m.end() :]
        for candidate in (operand, operand.removeprefix("(")):
            if _value(candidate) is not None or MULT.fullmatch(candidate):
                return m.start(), operand
    return 0, left


def product_at(text: str, times: int) -> tuple[Product, int, int] | None:
    """The product around the "×" at ``times`` and the span it takes (with "得分=" before and "计算" after)."""
    left_start = max(text.rfind(ch, 0, times) for ch in "=,;。:") + 1
    offset, left = _left(text[left_start:times])
    opened = left.count("(") > left.count(")")  # "(分值×完成比例-2)": the bracket closes after the product
    left = left.removeprefix("(") if opened else left
    right = text[times + 1 :]
    end: int | None = None
    found = _value(left)
    mult = MULT.match(right)
    factor = left
    if found is not None and mult is not None:
        end, factor = times + 1 + mult.end(), mult.group(0)
    elif MULT.fullmatch(left):
        bracketed = re.match(r"\([^()]*\)", right)
        if bracketed and (found := _value(bracketed.group(0))) is not None:
            end = times + 1 + bracketed.end()
        else:  # the operand runs to the end of the clause, less "计算得分" and the like
            run = re.match(r"[^,;。:()]*", right)
            operand = _SUFFIX_END.sub("", run.group(0)) if run else ""
            closing = operand.endswith(")") or re.search(rf"-{NUM}分?$", operand)
            for size in range(len(operand), 0, -1) if closing else (len(operand),):
                if (found := _value(operand[:size])) is not None:
                    end = times + 1 + size
                    break
    if found is None or end is None:
        return None
    product = _product(found, factor)
    if product is None:
        return None
    if opened:  # the bracket closes after the product, maybe with points taken off
        closing = re.match(rf"(?:-{NUM}分?)?\)", text[end:])
        if closing is None:
            return None
        if closing.group(1):
            product = replace(product, minus=Decimal(closing.group(1)))
        end += closing.end()
    start = left_start + offset
    if offset == 0 and left_start > 0 and text[left_start - 1] == "=":
        prefix = _PREFIX.search(text[:left_start])
        if prefix is None:
            return None  # "完成率=…×…": not a score
        start = prefix.start()
    suffix = _SUFFIX.match(text, end)
    return product, start, suffix.end() if suffix else end


def prepare(text: str) -> str:
    """The text without what is said of the whole (module docstring), brackets of their own made parts."""
    text = text.replace("÷", "/").replace("得分二", "得分=").replace("得分值二", "得分值=")
    text = re.sub(r"得分(值)?为(?=[^\d满零])", r"得分\1=", text)
    text = re.sub(r"(?<=[值数量率额金出)])×100%", "", text)  # "实际值/目标值×100%×分值": only a percentage
    text = _ITEM.sub("", _DECLARED.sub("", text))
    text = _BENIGN.sub("", text)
    moved: list[str] = []

    def part(m: re.Match[str]) -> str:
        inner = m.group(1)
        if _EFFECT.search(inner) and not _EFFECT.fullmatch(inner):  # "(90%以上得满分)", not "(2分)"
            moved.append(inner)
            return ""
        return m.group(0)

    text = _BRACKET.sub(part, text)
    return ";".join([text.rstrip(";。"), *moved]) if moved else text


def scored_parts(text: str) -> list[Part] | None:
    """The parts of a prepared text in order; None when text after the last effect is left unexplained."""
    effects: list[tuple[int, int, Effect]] = []
    at = 0
    while True:
        times = text.find("×", at)
        if times < 0:
            break
        found = product_at(text, times)
        if found is None:
            return None  # a product this reading does not know
        product, start, end = found
        effects.append((start, end, Effect("product", product=product)))
        at = end
    for m in _EFFECT.finditer(text):
        if any(a <= m.start() < b for a, b, _ in effects):
            continue
        kind = next(k for k in ("cap", "fraction", "full", "keep", "zero", "minus", "points") if m.group(k))
        numbers = re.findall(r"\d+(?:\.\d+)?", m.group(kind))
        value = Decimal(numbers[0]) if numbers and kind != "zero" else None
        if kind == "fraction":
            value = (value or Decimal(50)) / Decimal(100)
        unit = "‰" if "‰" in m.group(0) else "%" if kind == "cap" else ""
        effects.append((m.start(), m.end(), Effect("full" if kind == "keep" else kind, value, unit)))
    effects.sort(key=lambda e: e[0])
    parts: list[Part] = []
    previous = 0
    for start, end, effect in effects:
        if start < previous:
            return None
        parts.append(Part(text[previous:start].strip(" ,;。:、"), effect))
        previous = end
    if text[previous:].strip(" ,;。:、)."):
        return None
    return parts
