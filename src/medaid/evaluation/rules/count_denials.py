"""A denial of a fault broader than the one a per-case rule counts (counts family, session 9 round 2).

Evaluators deny the fault in fewer words than the rule counts it: "未发现超量开药" for "门诊处方超量开药的,每张扣1分",
"无缺席" for "无故缺席安全工作会议的,每次扣1分". A denial of the broader fault denies the narrower one too, so none
was found — when the words denied are one run of the rule's own words, hold its fault ("超量", "缺席"), and what
they leave out only narrows it: a noun of whose or where ("门诊处方"), an object ("安全工作会议") or the qualifier
"无故". Never when what is left out holds a negation or fault of its own ("未按规定冲洒水": "未发现冲洒水" denies the
work itself), when the rule counts alternatives ("迟报或漏报": "无漏报" denies one), or when the denial adds a word
("未发现严重超量开药" is narrower, not broader).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_hedges import HEDGES
from medaid.evaluation.rules.count_vocab import CN_NUMBER, COUNTER, plain

_FAULT_CHARS = re.compile(r"[不未没缺漏错超]")
_OWN_FAULT = re.compile(r"[不未没无非缺漏错超少多迟晚早]")
_ALTERNATIVES = re.compile(r"或|和|与|、|,|，|及(?!时|格|早)|/")
_QUALIFIERS = re.compile(r"无故|擅自|私自")  # narrow who or why, name no fault of their own


def denies_broader(denied: str, what: str) -> bool:
    """ "超量开药" denied for "门诊处方超量开药" (module docstring)."""
    said, wanted = plain(denied), plain(what)
    if len(said) < 2 or said == wanted or said not in wanted or wanted.count(said) != 1:
        return False
    if _ALTERNATIVES.search(wanted) or re.search(r"\d", said) or HEDGES.search(said) is not None:
        return False
    if _FAULT_CHARS.search(said) is None:  # the fault itself must be denied, not the thing or the work
        return False
    at = wanted.index(said)
    head, tail = _QUALIFIERS.sub("", wanted[:at]), wanted[at + len(said) :]
    return _OWN_FAULT.search(head) is None and _OWN_FAULT.search(tail) is None


# the scope of a check an explanation opens with: "实地查看村庄周边农田、山地和丛林", "经查", "经信访举报查实",
# "全年暗访及信访举报中", "抽查各冲洗部位" — a verb of looking and what was looked at, with no number and no fault
_LOOKING = re.compile(
    r"^(?:全年|年内|本年度|检查期间)?(?:经|通过)?(?:实地|现场|随机)?"
    r"(?:查看|检查|抽查|核查|核实|查阅|巡查|督查|暗访|走访|查)"
)
_LOOKED_BY = re.compile(r"^经[^,;。]{1,12}(?:查实|核实|核查|检查|查)$")
_NO_SCOPE = re.compile(r"[\d不未没无非缺漏错超少多迟晚差违误假有]|问题|隐患|病害|垃圾|投诉|发现|查出|查到|情况")


def looked_at(segment: str) -> bool:
    """A clause that only says where or how the evaluator looked ("经查", "实地查看…"): no count, set aside."""
    if _NO_SCOPE.search(segment) is not None or HEDGES.search(segment) is not None:
        return False
    return _LOOKING.match(segment) is not None or _LOOKED_BY.fullmatch(segment) is not None


# a bracket that only names kinds of the thing counted, as examples: "(塑料瓶、泡沫板等)", "(如塑料袋)"
_KINDS = r"[^()\d不未没无非缺漏错,;。]{1,20}"
EXAMPLES = re.compile(rf"\((?:如|例如|包括|主要为|主要是)?{_KINDS}?等\)|\((?:如|例如){_KINDS}\)")

# a second count in words after the one read ("五次检查两次不合格"): not an ordinary word holding a numeral and a
# counter ("统一处理", "一次性", "逐一", "第一次")
SECOND_COUNT = re.compile(rf"(?<![统唯逐单划同万第之])(?:{CN_NUMBER})(?:{COUNTER})(?!性)")
