"""What stands around a count clause without scoring: how the check is made ("每村环绕一圈", "一个乡镇摸排两个村,
每个村5户", "抽取10份档案") and what makes a thing a case ("面积超过10平方米的每处扣1分").

Reading conventions (docs/rules.md, "Counts and ranks"):
- a part of a sentence that says how the check is made (抽查, 抽取, 摸排, 环绕, 走访, 回访, 入户, 查看, 暗访, 随机,
  考核方式…), with no score, no deduction, no negation and no comparison, says nothing the score depends on: the
  actual counts the cases found in that check. A part right after it that only sizes the sample ("每个村5户")
  goes with it;
- a plan of how often ("每月至少开展1次巡查", "每季度召开1次例会") beside "每少一次…扣", "缺一次扣…" in the same
  counter makes the count one of times missed (``shortfall_norm``): the actual must say them missed ("少2次",
  "应巡查12次,实巡查10次"); a bare count ("2次") may be the times done, and is refused;
- a comparison just before "的" and the count ("面积超过10平方米的每处扣1分", "逾期30天以上的每件扣1分") says which
  things are cases, not a step against a target, when its number is in a unit other than the count's: the
  actual counts the things that meet it.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER

_CHECK = r"抽查|抽取|抽检|抽样|摸排|环绕|走访|回访|暗访|入户|查看|查阅|随机|实地|考核方式|检查方式|核查方式|采取|采用"
# a part that says how the check is made: an inspection word, and no score, sanction, negation or comparison
_PROCEDURE = re.compile(
    rf"^(?=[^,;。]*(?:{_CHECK}))(?![^,;。]*(?:分|扣|得|加|奖|[不未没无缺漏错非]|以上|以下|低于|高于|超过|少于|不足|达到|%))"
    r"[^,;。]+$"
)
# the size of the sample, right after the part that takes it: "每个村5户", "每乡镇2个村"
_SAMPLE_SIZE = re.compile(rf"^每[^\d,;。分扣得不未没无]{{0,6}}?{NUMBER}{COUNTER}$")


def procedure_parts(rest: str) -> str:
    """The text with the parts that only say how the check is made (and the sample's size after them) taken out."""
    pieces = re.split(r"(?<=[,;。])", rest)
    out: list[str] = []
    after_check = False
    for piece in pieces:
        body = piece.rstrip(",;。")
        if body and _PROCEDURE.match(body):
            after_check = True
            continue
        if body and after_check and _SAMPLE_SIZE.match(body):
            continue
        after_check = False
        out.append(piece)
    return "".join(out)


_COMPARE = r"超过|高于|大于|多于|低于|少于|小于|不足|逾期|超期|延误|迟报"
# "面积超过10平方米的", "逾期30天以上的": what makes a thing a case, ending in 的 just before the count
QUALIFIER = re.compile(
    rf"(?:{_COMPARE})(?P<n>\d+(?:\.\d+)?)(?P<unit>%|[^\d,;。的以]{{1,4}}?)(?:\(含\))?(?:及)?(?:以上|以下)?的$"
)


def case_qualifier(pre: str, unit: str) -> bool:
    """The comparison before a count ("面积超过10平方米的" before "每处") says which things are cases: its number is
    in a unit that is not the count's own."""
    found = QUALIFIER.search(pre)
    if found is None:
        return False
    own = found.group("unit")
    return own != unit and not re.fullmatch(COUNTER, own) and not own.startswith(unit)


_PLAN = re.compile(
    rf"每(?:月|季度|季|年|半年|周|旬)(?:至少|不少于|应)?[^,;。\d不未没无缺]{{0,8}}?(?P<n>{NUMBER})(?P<unit>{COUNTER}|期)"
)


def shortfall_norm(text: str, unit: str) -> str:
    """The plan of how often a thing is due ("每月至少开展1次巡查"), in the counter of a count of times missed; "" when
    the text states none, or more than one."""
    found = [m for m in _PLAN.finditer(text) if m.group("unit") == unit]
    if len(found) != 1:
        return ""
    end = min((i for i in (text.find(c, found[0].end()) for c in ",;。") if i >= 0), default=len(text))
    return text[found[0].start() : end]
