"""An actual that restates the condition of the full marks (faults family, session 9).

How tables write it: the full marks first, for the state in which nothing is deducted, then the deductions —
"责任区内全年无乱砍滥伐、乱采滥挖、乱捕滥猎、毁林开垦等破坏生态公益林行为的计10分。责任区内有上述事件发生,…扣5分,…
扣10分"; "全年安全无事故的得5分。发生一般事故扣2分…". An evaluator who found nothing writes that condition back:
"责任区内全年无破坏生态公益林行为". Such a statement says no deduction applies.

Reading: the condition is the clause before "(的)计/得 N分" where N is the list's full marks, with no deduction in
it; the statement must be that condition word for word (spelling aside: ``naming.canon``), or the condition
without its examples ("乱砍滥伐、…、毁林开垦等" before the thing they are examples of), never a part of it. A
statement that adds, leaves out or weakens anything else ("责任区内基本无…", "责任区内无乱砍滥伐行为": one example
denied says nothing of the others) is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.naming import canon

_MARKS = re.compile(
    r"(?:^|[。;；])(?P<cond>[^。;；]{4,80}?)(?:的|者)?[,，]?(?:计|得|记)(?:满分)?(?P<n>\d+(?:\.\d+)?)分"
)
# "乱砍滥伐、乱采滥挖、…、毁林开垦等": examples before the thing they are examples of
_EXAMPLES = re.compile(r"[\u4e00-\u9fa5]{2,4}(?:、[\u4e00-\u9fa5]{2,6})+等")


def restates_full_condition(statement: str, rule_text: str, full: Decimal) -> str | None:
    """The condition of the full marks the statement restates (see the module); None when it does not."""
    said = canon(statement.strip(" 。;；,，"))
    for found in _MARKS.finditer(rule_text):
        cond = re.sub(r"^[\s,，]*(?:\d{1,2}[.、)）]|[(（]\d{1,2}[)）])?", "", found.group("cond"))
        if Decimal(found.group("n")) != full or re.search(r"扣|不得分", cond) or len(said) < 4:
            continue
        if said in {canon(cond), canon(_EXAMPLES.sub("", cond))} and _whole_condition(rule_text, found, cond):
            return cond
    return None


# s9 fix round: what a deduction sentence says to refer back to the full-marks condition ("有上述事件发生")
_BACK = re.compile(r"上述|以上|前述|此类|该类|这类")


def _whole_condition(rule_text: str, found: re.Match[str], cond: str) -> bool:
    """The condition is the full marks' whole condition, and every deduction is of what it denies: no other
    requirement before it in its sentence ("制度健全，档案齐全；全年无安全事故的得5分": 档案齐全 is asked too), and
    each later sentence that deducts either names the condition's things again or refers back to them ("有上述
    事件发生"): "巡护日志不全的扣2分" is another fault the statement says nothing of."""
    start = found.start("cond")
    before = re.split(r"。", rule_text[:start])[-1]
    if re.search(r"[\u4e00-\u9fa5]", before):
        return False
    words = set(re.sub(r"[^\u4e00-\u9fa5]", "", cond)) - set("无未不没的全年内责任区")
    for sentence in re.split(r"[。;；]", rule_text[found.end() :]):
        if "扣" in sentence and not _BACK.search(sentence) and len(set(sentence) & words) < 2:
            return False
    return True


# faults fixer (s9): a statement of another year or of the past ("上年度全年安全无事故", "去年发生一般事故1次",
# "曾发生…") against a list of faults, the text naming no such time: whether it is of the year scored is not said
# ("未曾", "不曾" deny, and are read as before)
_ANOTHER_TIME = re.compile(r"上年度|上一年度|上年|上一年|去年|前年|往年|以往|历年|曾经|(?<![未不何])曾(?![孙祖])")


def another_time(statement: str, rule_text: str) -> str | None:
    """Why a statement of another time than the text's says nothing of the faults scored; None otherwise."""
    found = _ANOTHER_TIME.search(statement)
    if found is None or found.group(0) in rule_text:
        return None
    return f"“{statement}”说的是“{found.group(0)}”的情况，未写明评分期内是否出现各扣分情形"
