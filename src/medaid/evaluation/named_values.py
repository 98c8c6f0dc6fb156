"""The actual and the plan of a formula on named quantities, read from an explanation that labels both
("计划1500人次，实际救助1350人次"; "抽查村、组20个，合格15个" for 抽查合格村、组数量/抽查村、组总数量).

A number is labelled by the words before it in its clause (up to , ; 。 :). A label is the actual's when it
holds a word of the actual's name that the plan's name lacks ("合格"), or a word of what was done (实际, 已,
完成…) and no plan word; it is the plan's when it holds a word of the plan's name the actual's lacks, or a plan
word (计划, 应, 任务…). When the plan is the whole (its own word is 总, 全部, 所有) a label that is only the
words both names share ("抽查村、组"), or a total (共, 合计), is the plan. A plan word that is part of the
actual's own name (预算 of 部门全年预算调剂金额) says nothing in a label that also holds the word ending the
actual's name ("全年预算调剂金额10万元" is the actual; "全年预算500万元" is not). Exactly one number each, in one
unit, and no other number in that unit; otherwise nothing is read.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from medaid.evaluation.quantity import Quantity, parse_quantity, units_compatible

_PLAN = re.compile(
    r"计划|(?<![响供相适对反效])应(?!急|用|对|当|收)|任务|目标|预算|下达|总|全部|所有|年初|批复|核定|要求"
)
_DONE = re.compile(r"实际|实|已|完成|到位|支出|执行|发放|合格|达标|按时|及时")
_WHOLE = re.compile(r"^(?:总|全部|所有)$")
_VALUE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)([万亿千]?(?:人次|人|户|家|元|公斤|亩|公顷|吨|株|公里)|项|天|例|处|次|名|所|个|件|场|期|座|套|台|间|张|份)"
)


def _own_words(name: str, other: str) -> list[str]:
    """The runs of ``name`` that ``other`` lacks ("合格" of 抽查合格村、组数量 against 抽查村、组总数量)."""
    matcher = SequenceMatcher(a=other, b=name, autojunk=False)
    return [name[j1:j2] for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("insert", "replace") and j2 > j1]


def _shared(label: str, actual: str, plan: str) -> bool:
    return bool(label) and all(ch in actual and ch in plan for ch in label if ch != "、")


def _plan_word(label: str, actual: str, head: str) -> bool:
    """Whether the label says "plan" by a generic plan word (计划, 预算, 任务…). A plan word that is part of the
    actual's own name does not, when the label also holds the word ending that name: "全年预算调剂金额10万元" for
    部门全年预算调剂金额 (预算 names what was changed, 调剂金额 the amount); "全年预算500万元" still says plan."""
    words = [m.group(0) for m in _PLAN.finditer(label)]
    if not words:
        return False
    return any(word not in actual for word in words) or not (head and head in label)


def labelled_pair(text: str, actual: str, plan: str) -> tuple[Quantity, Quantity, str] | None:
    """The plan, the actual and the words they were read from; None unless each is labelled once (module doc)."""
    own_actual, own_plan = _own_words(actual, plan), _own_words(plan, actual)
    whole = any(_WHOLE.match(word) for word in own_plan)
    # the word that ends the actual's name and that the plan lacks ("调剂金额" of 部门全年预算调剂金额)
    head = own_actual[-1] if own_actual and len(own_actual[-1]) >= 2 and actual.endswith(own_actual[-1]) else ""
    found: list[tuple[Quantity, str, str]] = []
    for match in _VALUE.finditer(text):
        quantity = parse_quantity(match.group(0))
        if quantity is None or quantity.value is None:
            continue
        label = re.split(r"[,，;；。:：]", text[: match.start()])[-1].strip()
        side = ""
        plan_word = _plan_word(label, actual, head)
        if any(word in label for word in own_actual) or (_DONE.search(label) and not plan_word):
            side = "actual"
        if any(word in label for word in own_plan) or plan_word:
            side = "" if side else "plan"  # a label with the words of both says neither
        elif not side and whole and (_shared(label, actual, plan) or re.search(r"共|合计|总计", label)):
            side = "plan"  # "抽查村、组20个" for the whole the plan names
        found.append((quantity, side, label + match.group(0)))
    plans = [f for f in found if f[1] == "plan"]
    done = [f for f in found if f[1] == "actual"]
    if len(plans) != 1 or len(done) != 1:
        return None
    p, a = plans[0][0], done[0][0]
    if not units_compatible(p, a):
        return None
    if any(not side and units_compatible(q, p) for q, side, _ in found):
        return None  # a third number in the unit ("其中迟报2次")
    return p, a, f"{plans[0][2]}，{done[0][2]}"
