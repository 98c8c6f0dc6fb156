"""A deduction list whose one fault is the row's target not reached, against a numeric actual (faults family, s8).

How tables write it: the 评分标准 names no number, only the shortfall — "达不到要求不给分", "未达到目标值扣5分",
"不达标不得分", "未完成目标任务的扣3分" — and the target column holds the standard: one bound ("≥95%", "≤3天") or
one bound for each of several groups ("小学≤1%;初中≤2%", "城镇≥90%，农村≥80%"). The evaluator writes the value, or
the value of each group in the same words ("小学0.6%,初中1.8%").

Read only when the fault is such a bare shortfall (nothing else: "资料达不到要求" names a thing, not the target), the
target states its comparator (a bare "95%" says no direction), and each value is in the target's very unit
(人 is not 人次, 家 is not 个, 工作日 is not 天). With groups,
each group of the target must be given a value once, by the same name, and no other group named; the fault happened
when any group falls short. Anything else is left to the other readings (None). A 扣分说明 beside the value that
says anything more ("达不到要求", "完成率为90%", "超期") is refused: the evaluator's words and the comparison may
disagree, and which one stands is theirs to say (fix round s8; before, the note was ignored).
"""

from __future__ import annotations

import re

from medaid.evaluation.quantity import Quantity, compares, parse_quantity
from medaid.evaluation.rules.count_vocab import simplified

_SHORTFALL = re.compile(
    r"(?:未|没有|不能|达不到|未能)?(?:达到|达不到|完成|满足|实现)?(?:要求|目标值?|标准|指标值?|目标任务|任务|计划)"
    r"|未达标|不达标|达不到|未达到|未完成"
)
# Spellings of ONE unit (fix round s8): "人" and "人次", "家" and "个", "天" and "工作日" measure different things
# and are never compared here, though quantity.same_unit lets a step of one apply to the other.
_ONE_UNIT: tuple[frozenset[str], ...] = (
    frozenset({"天", "日"}),
    frozenset({"月", "个月"}),
    frozenset({"年", "个年度", "年度"}),
    frozenset({"周", "个周", "星期", "个星期"}),
    frozenset({"公斤", "千克", "kg"}),
    frozenset({"小时", "个小时"}),
)
_NEGATIVE = re.compile(r"未|没有|不|达不到|未能")
_PART = re.compile(
    r"(?P<label>[\u4e00-\u9fa5]{0,8}?)(?P<value>[≥≤><＞＜≧≦=]?\s*-?\d+(?:\.\d+)?\s*%?[\u4e00-\u9fa5]{0,2})"
)


def _one_unit(a: str, b: str) -> bool:
    return a == b or any(a in spelled and b in spelled for spelled in _ONE_UNIT)


def _fault(name: str) -> bool:
    word = re.sub(r"[\s的]", "", simplified(name))
    return bool(_SHORTFALL.fullmatch(word)) and bool(_NEGATIVE.search(word))


def _parts(text: str) -> dict[str, Quantity] | None:
    out: dict[str, Quantity] = {}
    for piece in (p for p in re.split(r"[;；,，、\s]+", simplified(text)) if p):
        found = _PART.fullmatch(piece)
        quantity = parse_quantity(found.group("value").replace(" ", "")) if found else None
        if found is None or quantity is None or quantity.value is None or found.group("label") in out:
            return None
        out[found.group("label")] = quantity
    return out or None


def _bare(text: str) -> str:
    return re.sub(r"[\s,;。，；：:、()（）]", "", simplified(text))


def note_beside(note: str | None, actual: Quantity | None) -> bool:
    """Whether the 扣分说明 says more than the actual value ("达不到要求", "完成率为90%", "超期", "未完成"): then the
    comparison with the target is not the whole of what the evaluator found, and the reading is refused."""
    return bool(note and _bare(note) and (actual is None or _bare(note) != _bare(actual.text)))


def target_shortfall(name: str, target: Quantity | None, actual: Quantity | None) -> tuple[bool, str] | None:
    """Whether the one fault, the target not reached, happened, and how that was read (Chinese); None when the
    fault or the values are not of this kind (see the module's conventions)."""
    if target is None or actual is None or not _fault(name):
        return None
    wanted, given = _parts(target.text), _parts(actual.text)
    if wanted is None or given is None or set(wanted) != set(given) or ("" in wanted and len(wanted) > 1):
        return None
    said: list[str] = []
    short = False
    for label, bound in wanted.items():
        value = given[label]
        if bound.comparator is None or value.comparator is not None or value.value is None or bound.value is None:
            return None
        if not _one_unit(bound.unit, value.unit):
            return None
        met = compares(value.value, bound.comparator, bound.value)
        short = short or not met
        said.append(f"{label}实际 {value.describe()}，目标 {bound.describe()}，{'达到' if met else '未达到'}")
    return short, "；".join(said)
