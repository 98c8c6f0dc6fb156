"""Written formulas: "得分=完成率×分值", "指标得分=实际值/目标值×权重", "分值×执行率（超过100%按100%计）",
"(实际-60%)/(95%-60%)×分值", "抽查的规范管理率/80%×3分；规范管理率超过80%按3分计算", "实际完成率≥100%，
得满分；实际完成率<100%，得分=实际完成率×指标分值".

The text is read as parts (``outcomes``), in any order: one product, and around it parts that only say where
it stops. Reading conventions:
- One product of a value and the full marks: the value is a rate the text names (…率, …度, …比例),
  optionally over a written number ("/80%", "/3‰"), the ratio 实际值/目标值 (or 目标值/实际值, in brackets
  or not; "×100%" after it only makes it a percentage), or the interpolation (值−a)/(b−a); the full marks
  are 分值/权重/满分/该指标分值 (the weight) or a number ("×10分"). A definition of the rate ("资金到位率=
  实际到位资金/预算资金×100%") is read with it; a definition of another rate is not understood.
- A jump to full marks: "达到95%得满分", "85%以上得满分" (inclusive), "超过3‰按1.5分计算" (exclusive),
  "达到目标值得满分" (when the target is met). "低于60%不得分" (exclusive) and "60%以下不得分" (inclusive)
  set the score to 0. The points of a jump must be the formula's full marks. A condition on the product
  itself ("低于100%的", "80%≤满意度<90%", "未完成的", "否则") must be what the jumps leave over.
- "超过100%按100%计", "最高不超过分值", "满分为止" cap where the formula is already full, so they change
  nothing; "若…没有该项任务的，不扣分" concerns an indicator without the task, left to the evaluator.
- A rate counts a number against its target only when it is a completion rate (完成率, 执行率, 到位率…,
  or defined as actual ÷ target); any other rate needs a percentage actual.
- Anything else, two products, or conditions on two different rates make the text not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.exemption import exemption
from medaid.evaluation.rules.formulas import Formula, FormulaValue
from medaid.evaluation.ruletext.averages import per_unit_average
from medaid.evaluation.ruletext.bands import banded
from medaid.evaluation.ruletext.common import STEPWISE
from medaid.evaluation.ruletext.conditions import Condition, read_condition, same_subject
from medaid.evaluation.ruletext.direction import less_is_better
from medaid.evaluation.ruletext.expressions import expression
from medaid.evaluation.ruletext.formula_parts import formula_sum, goal_then_formula
from medaid.evaluation.ruletext.formula_sentences import formula_among_sentences  # numbers family (s8)
from medaid.evaluation.ruletext.interpolation import interpolated
from medaid.evaluation.ruletext.listed_averages import listed_average  # the mean of listed scores
from medaid.evaluation.ruletext.named_quantities import named_formula, says_less
from medaid.evaluation.ruletext.normalize import latin_times
from medaid.evaluation.ruletext.outcomes import Part, Product, prepare, scored_parts
from medaid.evaluation.ruletext.stated_rates import stated_heading, total_then_formula
from medaid.evaluation.ruletext.step_parts import full_in_words
from medaid.evaluation.ruletext.two_points import two_points

_COMPLETION = re.compile(r"完成率|完成比例|完成程度|完成度|执行率|到位率|实现率|达成率|完成比率")
_DEFINITION = re.compile(
    r"(?P<name>[\u4e00-\u9fa5]{1,16}?(?:率|度|比例))=(?P<open>\()?(?P<num>[\u4e00-\u9fa5]{1,16})/(?P<den>[\u4e00-\u9fa5]{1,16})(?(open)\))"
    r"(?:×100%)?(?=$|[,;。)])"
)
_ACTUAL_WORDS = re.compile(r"实际|完成|执行|到位|支出|发放|落实")
_TARGET_WORDS = re.compile(r"目标|计划|预算|任务|下达|应|指标")
# Before the product, a way of scoring named: "各项评价指标按照…确定的实现程度赋分,即"
_METHOD = re.compile(r"[^\d<>=≤≥%]{0,40}?(?:赋分|计分|评分|计算|得分|公式)[,:]?(?:即)?|计算公式|公式")
_TOPIC = re.compile(r"(?:[\u4e00-\u9fa5]{1,10}[。:])*[\u4e00-\u9fa5]{1,10}")  # "进度。进度按照60分×…"
# Words of a condition, which a method or a topic never holds
_CONDITIONAL = re.compile(
    r"未|不|没有|无|低于|高于|超过|超出|达到|达|以上|以下|否则|其余|其他|如|若|凡|的$|者$|时$|完成$"
)
_GENERIC_COMPLETION = re.compile(r"(?:实际|年度|任务|目标任务|计划)?完成率")
_COMPLETED = re.compile(r"^(?:完成|比值|比例|实际|)")


@dataclass
class _Reading:
    product: Product
    points: Decimal | None
    full_from: Decimal | None = None
    full_inclusive: bool = True
    full_when_met: bool = False
    zero_below: Decimal | None = None
    zero_inclusive: bool = False


def _restated(text: str) -> str:
    """ "(1.5)" restating the formula's own points ("…×1.5分;(1.5)…") says nothing more."""
    for number in set(re.findall(r"×(\d+(?:\.\d+)?)分", text)):
        text = text.replace(f"({number})", "")
    return text


def _definitions(text: str) -> tuple[str, list[re.Match[str]]]:
    found = list(_DEFINITION.finditer(text))
    for m in reversed(found):
        text = text[: m.start()] + text[m.end() :]
    return text.replace("()", ""), found


def _unit_fits(condition: Condition, product: Product) -> bool:
    if condition.unsure:
        return False  # "达到目标值95%": the target itself, or 95% of it
    if not condition.numeric:
        return True
    if product.value is FormulaValue.RATE:
        return not condition.relative and condition.unit in (product.unit, "")
    return condition.unit in ("%", "")  # the ratio in per cent, or a share of the target


def _jump(reading: _Reading, condition: Condition, part: Part) -> bool:
    """Read one part beside the product into the reading; False when it is not a jump, a floor or a cap."""
    effect, product = part.effect, reading.product
    if condition.other or not _unit_fits(condition, product):
        return False
    if effect.kind in ("full", "points"):
        if effect.kind == "points":
            if reading.points is not None and effect.value != reading.points:
                return False
            reading.points = effect.value
        if not condition.numeric:  # "达到目标值得满分"
            if condition.high is not None:
                return False
            if product.value is FormulaValue.RATE:
                reading.full_when_met = True
                return True
        if condition.low is None or condition.high is not None:
            return False
        if reading.full_from is not None and (reading.full_from, reading.full_inclusive) != (
            condition.low,
            condition.low_inclusive,
        ):
            return False
        reading.full_from, reading.full_inclusive = condition.low, condition.low_inclusive
        return True
    if effect.kind == "zero":
        if not condition.numeric or condition.low is not None or condition.high is None:
            return False
        if reading.zero_below is not None:
            return False
        reading.zero_below, reading.zero_inclusive = condition.high, condition.high_inclusive
        return True
    if effect.kind == "cap":  # "超过100%按100%计": only where the formula is already full
        return (
            condition.numeric and condition.low == effect.value and condition.high is None
            and effect.value is not None and effect.value >= product.high
            and (effect.unit or "%") == product.unit
        )  # fmt: skip
    return False


def _covers(reading: _Reading, own: Condition | None) -> bool:
    """The product's own condition is what the jumps leave over (or the rest, or nothing written)."""
    if own is None or own.other or not own.numeric:
        return own is None or own.other or own.high is not None  # "未完成的": the rest
    if reading.zero_below is not None:
        if own.low != reading.zero_below or own.low_inclusive == reading.zero_inclusive:
            return False
    elif own.low is not None and own.low > reading.product.low:
        return False
    if reading.full_from is not None:
        return own.high == reading.full_from and own.high_inclusive != reading.full_inclusive
    return own.high is None or own.high >= reading.product.high


def _subjects(reading: _Reading, conditions: list[Condition]) -> bool:
    """The conditions that matter speak of the product's value."""
    product = reading.product
    if product.value is FormulaValue.RATE:
        if _GENERIC_COMPLETION.fullmatch(product.name) and conditions:
            # "重点工程完成率达到100%得10分,低于100%,得分=任务完成率×10分": the task's completion rate is the
            # completion rate the conditions name
            return same_subject(conditions) and all(not c.subject or _COMPLETION.search(c.subject) for c in conditions)
        return same_subject([*conditions, Condition(subject=product.name)])
    return all(_COMPLETED.match(c.subject) for c in conditions)


# A column header that holds the formula: "得分(20分*执行率)", "得分（分值×执行率）"
_HEADER = re.compile(
    r"^(?P<who>(?:该项|本项|指标)?得分(?:值)?)\((?P<expr>[^()]*[×/][^()]*)\)"
    r"(?P<tail>[,;。]?(?:扣完为止|最高不超过(?:该项|本项)?分值|满分为止)?[。]?)$"
)


_MOST_HUNDRED = re.compile(
    r"(?<=[(,;])([\u4e00-\u9fa5]{0,12}(?:率|比例))?最高(?:按|以|取)100%(?:计算|计)?(?=[),;。]|$)"
)


_ALL_MARKS = re.compile(r"得(?:100%(?:的)?分(?:值)?|(?:该项)?分值的100%)(?=[,;。)]|$)")
# numbers family (s8): the cap at the marks spelled other ways ("最高不得超过分值上限", "以分值为上限") is the one the
# readers know, "最高不超过分值"; a cap at a number of points is not touched
_MARKS_CAP = re.compile(
    r"(?:得分)?最高(?:不得|不能|不应|不可)超过(?:该项|本项|该指标|本指标)?(?:分值|满分)(?:上限)?"
    r"|(?:得分)?(?:最高)?不(?:得)?超过(?:该项|本项|该指标|本指标)?分值上限"
    r"|(?:得分)?以(?:该项|本项|该指标|本指标)?(?:分值|满分)为上限"
)


def formula(text: str) -> Rule | None:
    """A written formula with its jumps and caps (module docstring); else the formula read as arithmetic
    (``expressions``), unless a band reading reads the text as well."""
    if stated_heading(text) is not None:  # "本项满分30分。得分=…": the heading's marks kept (``stated_rates``)
        return total_then_formula(text, formula)
    text = _HEADER.sub(r"\g<who>=\g<expr>\g<tail>", latin_times(full_in_words(text)))  # 得100%分: 得满分
    text = _MOST_HUNDRED.sub(r"\1超过100%按100%计算", text)  # "(完成率最高按100%计算)": the cap said another way
    text = _ALL_MARKS.sub("得满分", text)  # "得100%分", "得分值的100%": full marks
    text = _MARKS_CAP.sub("最高不超过分值", text)  # numbers family (s8): "最高不得超过分值上限"
    if (
        between := interpolated(text) or two_points(text) or per_unit_average(text) or listed_average(text)
    ) is not None:
        return between
    if (inner := goal_then_formula(text)) is not None:
        return inner  # "A率达到目标值(B率/85%×10计算得分)": the formula in parentheses
    read = expression(text)
    if read is not None and banded(text) is not None:
        read = None
    if read is not None and read.value_kind == "count":
        return read  # "0.57×实达标数": a count, which the forms below would take for a rate
    # named quantities last, so that no reading above changes: "实际救助人次/计划救助人次×分值" (``named_quantities``)
    found = _written(text) or read or formula_sum(text) or named_formula(text)
    # numbers family (s8): "按完成进度比例得分。得分=(A/B)×分值": sentences that only restate the formula
    return found or formula_among_sentences(text, formula)


def _written(text: str) -> Rule | None:
    if "×" not in text or STEPWISE.search(text):
        return None
    work, definitions = _definitions(prepare(_restated(text)))
    parts = scored_parts(work)
    if parts is None:
        return None
    products = [p for p in parts if p.effect.kind == "product" and p.effect.product is not None]
    if len(products) != 1 or products[0].effect.product is None:
        return None
    own_part, product = products[0], products[0].effect.product
    if product.minus:
        return None  # "(分值×完成比例-2)": a band of its own (``bands``)
    if product.value is FormulaValue.RATIO and (less_is_better(text) or says_less(text)):
        return None  # "实际结余率/目标结余率×分值": a rate better the lower it is, written as if more were better
    if len(definitions) > 1 or any(not _named(d.group("name"), product.name) for d in definitions):
        return None  # a definition of a rate the formula does not use
    reading = _Reading(product, product.points)
    matter: list[Condition] = []
    for part in parts:
        if part is own_part:
            continue
        condition = read_condition(part.condition)
        if condition is None or not _jump(reading, condition, part):
            return None
        threshold = condition.low if condition.low is not None else condition.high
        if condition.numeric and threshold is not None and threshold < product.high:
            matter.append(condition)
    own: Condition | None = None
    said = own_part.condition
    preamble = (_METHOD.fullmatch(said) or _TOPIC.fullmatch(said)) and not _CONDITIONAL.search(said)
    if said and not preamble:
        own = read_condition(own_part.condition)
        if own is None or not _unit_fits(own, product):
            return None
        if own.numeric:
            matter.append(own)
    if not _covers(reading, own) or not _subjects(reading, matter):
        return None
    if reading.full_from is not None and (
        reading.full_from < product.low or (reading.zero_below is not None and reading.zero_below > reading.full_from)
    ):
        return None
    plain = product.value is FormulaValue.RATE and product.points is None and product.low == 0 and product.high == 100
    alone = len(parts) == 1 and re.match(r"按", text) is not None
    if plain and (own is not None or len(parts) == 1) and (alone or banded(text) is not None):
        return None  # "按满意度×分值计算", "…否则按知晓率×分值计算": rate × weight, or bands (``simple``, ``bands``)
    of_target = bool(_COMPLETION.search(product.name)) or any(
        _ACTUAL_WORDS.search(d.group("num")) and _TARGET_WORDS.search(d.group("den")) for d in definitions
    )
    return Formula(
        exempt=exemption(text),
        value=product.value, low=product.low, high=product.high, unit=product.unit, points=reading.points,
        full_from=reading.full_from, full_inclusive=reading.full_inclusive, zero_below=reading.zero_below,
        zero_inclusive=reading.zero_inclusive, full_when_met=reading.full_when_met, of_target=of_target,
    )  # fmt: skip


def _named(defined: str, used: str) -> bool:
    """ "资金到位率" defined, "到位率" used: one rate."""
    return bool(used) and (defined.endswith(used) or used.endswith(defined))
