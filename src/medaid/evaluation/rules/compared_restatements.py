"""A requirement that compares two quantities in words, restated with another comparison word (affirm family, s9).

The family: a condition compares a quantity with a bar named in words, no number — "2019年末耕地面积大于或等于规划
下达的耕地保有量", "本年支出不超过年初预算", "新增储备不低于上年水平"; the evaluator restates it word for word with
the comparison found: "2019年末耕地面积大于规划下达的耕地保有量" (met: more is at least), "…等于…" (met), "…小于…"
(not met). Each comparison word is the set of orders it allows among <, =, >: the statement's set inside the
requirement's says it is met, no order in common says it is not, an overlap ("不超过" against "不低于") is not read.

Only a restatement: the two texts must be the same once their one comparison word is taken out (的 and spaces
apart), so a hedge ("基本等于", "略小于"), a subject or a bar changed ("耕地面积" for "基本农田面积"), a number or a
second comparison leaves the statement unread. Negated words are read only as listed below (未超过 ≤, 未低于 ≥,
不足 <). 达到 and 未达到 are not read: "差错率达到/未达到控制标准" may say within or past a ceiling.
"""

from __future__ import annotations

import re

_LT, _EQ, _GT = "<", "=", ">"
# comparison words, longest first (a regex alternation tries them in order)
_ORDERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("大于或等于", frozenset({_EQ, _GT})),
    ("小于或等于", frozenset({_LT, _EQ})),
    ("高于或等于", frozenset({_EQ, _GT})),
    ("低于或等于", frozenset({_LT, _EQ})),
    ("大于等于", frozenset({_EQ, _GT})),
    ("小于等于", frozenset({_LT, _EQ})),
    ("没有超过", frozenset({_LT, _EQ})),
    # (affirm s9, review) 超出/高出 are 超过: "本年支出超出年初预算" is >, "未超出/未高出" ≤
    ("没有超出", frozenset({_LT, _EQ})),
    ("未超出", frozenset({_LT, _EQ})),
    ("无超出", frozenset({_LT, _EQ})),
    ("未高出", frozenset({_LT, _EQ})),
    ("无高出", frozenset({_LT, _EQ})),
    ("未大于", frozenset({_LT, _EQ})),
    ("无大于", frozenset({_LT, _EQ})),
    ("未小于", frozenset({_EQ, _GT})),
    ("无小于", frozenset({_EQ, _GT})),
    ("未多于", frozenset({_LT, _EQ})),
    ("无多于", frozenset({_LT, _EQ})),
    ("未超过", frozenset({_LT, _EQ})),
    ("无超过", frozenset({_LT, _EQ})),  # ``canon`` writes 未 as 无
    ("未高于", frozenset({_LT, _EQ})),
    ("无高于", frozenset({_LT, _EQ})),
    ("未低于", frozenset({_EQ, _GT})),
    ("无低于", frozenset({_EQ, _GT})),
    ("未少于", frozenset({_EQ, _GT})),
    ("无少于", frozenset({_EQ, _GT})),
    ("不低于", frozenset({_EQ, _GT})),
    ("不少于", frozenset({_EQ, _GT})),
    ("不小于", frozenset({_EQ, _GT})),
    ("不超过", frozenset({_LT, _EQ})),
    ("不高于", frozenset({_LT, _EQ})),
    ("不大于", frozenset({_LT, _EQ})),
    ("不多于", frozenset({_LT, _EQ})),
    ("大于", frozenset({_GT})),
    ("高于", frozenset({_GT})),
    ("超过", frozenset({_GT})),
    ("超出", frozenset({_GT})),
    ("高出", frozenset({_GT})),
    ("多于", frozenset({_GT})),
    ("小于", frozenset({_LT})),
    ("低于", frozenset({_LT})),
    ("少于", frozenset({_LT})),
    ("等于", frozenset({_EQ})),
    ("不足", frozenset({_LT})),
)
COMPARISON = _WORD = re.compile("|".join(w for w, _ in _ORDERS))
_ORDER = dict(_ORDERS)
# what makes a statement more than a restatement: a number, a hedge or a degree, a plan, a second clause
_YEAR = re.compile(r"\d{4}年(?:度|末|底|初)?")
_NOT_PLAIN = re.compile(r"\d|约|近|略|稍|基本|大体|大致|接近|左右|预计|拟|将|力争|争取|以上|以下|以内|[,，;；。、]")


def orders_of(word: str) -> frozenset[str]:
    """The orders among <, =, > a comparison word allows ("不低于" → =, >)."""
    return _ORDER[word]


def _split(text: str) -> tuple[str, frozenset[str]] | None:
    """(the text without its one comparison word, the orders that word allows); None without exactly one."""
    plain = re.sub(r"[\s的]", "", text)
    found = list(_WORD.finditer(plain))
    if len(found) != 1:
        return None
    word = found[0]
    rest = plain[: word.start()] + "|" + plain[word.end() :]
    if word.start() < 2 or len(plain) - word.end() < 2:
        return None  # "大于保有量" without its quantity, or "面积大于": a subject and a bar, both named
    return rest, _ORDER[word.group(0)]


def compares(requirement: str) -> bool:
    """Whether a requirement compares two quantities named in words (one comparison word, words on both sides)."""
    return _split(_YEAR.sub("", requirement)) is not None and not re.search(r"\d", _YEAR.sub("", requirement))


def compared_restatement(said: str, requirement: str) -> bool | None:
    """True when the statement restates the requirement with a comparison its own allows, False with one it
    excludes, None when it is not such a restatement (see the module docstring)."""
    if _NOT_PLAIN.search(_YEAR.sub("", said)) or re.search(r"\d", _YEAR.sub("", requirement)):
        return None  # a year names the quantity ("2019年末耕地面积"); any other number is compared as a number
    asked, stated = _split(requirement), _split(said)
    if asked is None or stated is None or asked[0] != stated[0]:
        return None
    if re.search(r"[不未无没非]", asked[0]):  # a negation beside the comparison: not a plain bar
        return None
    if stated[1] <= asked[1]:
        return True
    if not stated[1] & asked[1]:
        return False
    return None


def compared_condition(text: str, condition: str) -> bool | None:
    """``compared_restatement`` for a description that is one statement against a condition of one requirement
    (the level readings ask it before matching words, which take "少于" for a word of "不低于")."""
    from medaid.evaluation.rules.naming import canon  # naming imports much; only this reading needs it

    statements = [s for s in re.split(r"[,，;；。\s]+", text) if s]
    if len(statements) != 1:
        return None
    return compared_restatement(canon(statements[0]), canon(re.sub(r"的?[,，。;；\s]*$", "", condition)))
