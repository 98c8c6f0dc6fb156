"""Vetoes of a rule with several kinds of case said in an actual (faults family, session 6).

How evaluators write that a veto's condition happened: the condition alone ("发生安全责任事故"), after a
conjunction ("…，但发生安全责任事故"), or with the count of its cases ("发生安全责任事故1起", "安全责任事故2起").
Any count above 0 is the condition met (a veto zeroes the row however often it happens); a count of 0 says it
did not happen. A veto may also be named by the words it shares with it, read as one of the rule's clauses
(``clause_cover``): "修坟、建坟1例，未及时整治" names "对修坟、建坟现象未及时整治的扣完基本分" by its negated
phrase, the object being the one just counted; "已及时整治" denies it. The statement must name that veto alone among the
kinds and vetoes, else it is left to the kinds' readings.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.clause_cover import read_clause_statement
from medaid.evaluation.rules.clause_match import QUALITIES
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int, plain
from medaid.evaluation.rules.naming import canon

_CONJUNCTION = re.compile(r"^(?:但是|但|并且|并|而且|且|另外|另|同时)")


def veto_counted(segment: str, vetoes: tuple[str, ...]) -> tuple[str, bool] | None:
    """The veto a segment names after a conjunction or with a count, and whether it happened (a count of 0:
    it did not); None when the segment names no veto so."""
    word = _CONJUNCTION.sub("", segment)
    counted = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(\D*)", word)
    bare = counted.group(1) + counted.group(4) if counted else word
    if bare == segment or not plain(bare):
        return None
    hit = next((v for v in vetoes if plain(bare) == plain(v)), None)
    if hit is None:
        return None
    value = cn_int(counted.group(2)) if counted else None
    return hit, value is None or value > 0


def veto_by_clauses(segment: str, kinds: list[str], vetoes: tuple[str, ...]) -> tuple[str, bool] | None:
    """The one veto a statement names (True) or denies (False) among the kinds (``kinds``: their words) and
    the vetoes, read as a list of clauses; None when it speaks of a kind, of several clauses, or is not read."""
    if not vetoes:
        return None
    said = read_clause_statement(segment, [*kinds, *vetoes])
    if said is None:
        return None
    first = len(kinds)
    if len(said.found) == 1 and not said.cleared and (i := next(iter(said.found))) >= first:
        count = said.found[i]
        return (vetoes[i - first], True) if count is None or count > 0 else None
    if not said.found and said.cleared and min(said.cleared) >= first:
        return vetoes[min(said.cleared) - first], False
    return None


def veto_said(segment: str, kinds: list[str], vetoes: tuple[str, ...]) -> tuple[str, bool] | None:
    """The veto a statement names (True) or denies (False), with a count or a conjunction, or by the words it
    shares with it (``veto_counted``, ``veto_by_clauses``); None when it says nothing of a veto."""
    return veto_counted(segment, vetoes) or veto_by_clauses(segment, kinds, vetoes)


# faults family (session 7): a kind's text that runs on into a veto ("宣传栏内容陈旧的,未按要求开展宣传活动的,
# 不得分"): the kind owns none of the veto's words, and a veto is said without the quality it asks.
_ZEROES = re.compile(r"^(?:该项|此项|本项)?(?:不得分|不计分|不给分|得0分|计0分)$")


def without_vetoes(text: str, vetoes: tuple[str, ...]) -> str:
    """A kind's text without the veto sentences it runs on into: "宣传栏内容陈旧的,未按要求开展宣传活动的,不得分"
    → 宣传栏内容陈旧的."""
    if not vetoes:
        return text
    pieces = [p for p in re.split(r"[,，;；。]", text) if p]
    kept = [p for p in pieces if not any(plain(v) and plain(v) in plain(p) for v in vetoes) and not _ZEROES.match(p)]
    return ",".join(kept) if kept else text


def veto_unqualified(segment: str, vetoes: tuple[str, ...], before: str = "") -> str | None:
    """ "未开展宣传活动" against the veto "未按要求开展宣传活动的,不得分": a negation of the whole is also a
    negation of doing it as required (``clause_match``: "未上报" is also "未及时上报"), so the veto happened. The
    segment must be the veto's words less its qualities (no quality of its own, nothing else); None otherwise."""
    said = canon(plain(segment))
    still = _STILL.match(said)  # faults (s9, round 2): "至检查时仍未整治", its object the thing just counted
    said = said[still.end() :] if still else said
    if not said.startswith("无") or QUALITIES.search(said):
        return None
    for veto in vetoes:
        word = canon(plain(veto))
        if not (word.startswith("无") or still) or not QUALITIES.search(word):
            continue
        bare = QUALITIES.sub("", word)
        if bare == said:
            return veto
        # "修坟2例，至检查时仍未整治" against "对修坟、建坟现象未及时整治的": the veto's predicate whole, its object
        # named by the statement just before (two characters of the veto's words before its negation)
        at = bare.find("无")
        if still and at > 0 and bare[at:] == said and len(said) >= 3 and _object_named(before, bare[:at]):
            return veto
    return None


def _object_named(before: str, head: str) -> bool:
    """faults fixer (s9): the statement before names the veto's object by two characters in a row ("修坟2例" for
    "对修坟、建坟现象"), not by two single characters ("发现修路" shares only 修 and 现)."""
    thing = re.sub(r"^(?:对|凡|有|发现)|(?:现象|情况|问题|行为|情形)$", "", head)
    return any(thing[k : k + 2] in before for k in range(len(thing) - 1))


# what says a thing is still not done at the time of the check: "至检查时仍", "至今仍", "截至检查时尚"
_STILL = re.compile(
    r"^(?:(?:至|截至|截止|到)(?:检查|考核|验收|复查)?(?:时|前|日|今)(?:为止|止)?)?(?:仍|尚|还|依然|仍然)(?=无)"
)
