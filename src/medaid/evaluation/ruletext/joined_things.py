"""Things listed in one sentence, cut at 、 and at the conjunction before the last (lists family, s8 fix round).

How tables write such lists: "建立制度、台账和记录" (three things: 、 between them, 和/及/与/以及 before the last),
"制度和台账" (two). A conjunction elsewhere is no cut between things:
- inside a thing that another thing follows ("建立制度、与乡镇和村签订责任书、开展督导": the list goes on with 、
  after it): the thing's own words (``each_listed`` reads such lists when they give marks each; any other reader
  must not cut there, or the list grows by one thing for each inner conjunction);
- opening a thing ("与公安联合执法", "和家属沟通"): 与/和 there is a preposition ("together with"), not a cut;
- two or more in the last thing ("与公安和城管联合执法"): which of them cuts is not said;
- inside a word: 及时, 及早, 及格, 普及, 涉及, 危及, 惠及, 和谐, 缓和, 参与, 给与… ("及时上报" is one thing, never
  "时上报").
Such lists are doubtful (None): the count of things, and so every total or deduction, would be a guess.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.phrasing import VERBS

# words that hold 和/与/及 and are no conjunction; masked before the list is cut
_WORDS = re.compile(
    r"及时|及早|及格|普及|涉及|危及|惠及|波及|顾及|提及|论及|企及|和谐|和睦|缓和|温和|平和|调和|祥和|总和|饱和"
    r"|参与|给与|赋与|授与|与会|与否|及以上|及以下|及以内"
)
_JOIN = re.compile(r"以及|和|与|及")
_MASK = "\u0000"


def _masked(text: str) -> str:
    return _WORDS.sub(lambda m: _MASK * len(m.group(0)), text)


def joins(thing: str) -> int:
    """How many conjunctions (和/与/及/以及, not inside a word such as 及时 or 参与) the thing holds."""
    return len(_JOIN.findall(_masked(thing)))


# "每年与乡镇、村委会分别签订责任书": the parties of one deed listed after 与/同/和/跟, the deed after the last party
_PARTIES = re.compile(
    rf"^(?P<pre>[^、与同和跟及]*?)(?P<prep>与|同(?!学[、生]|时|意|步|样|类|等|级)|跟)(?P<parties>[^、与同和跟及]{{1,8}}(?:、[^、与同和跟及]{{1,8}}?)+?)"
    rf"(?:分别|均|都)?(?P<deed>(?:{VERBS})[^、与同和跟及]*)$"
)


def _parties(run: str) -> list[str] | None:
    """ "每年与乡镇、村委会分别签订责任书" → 每年与乡镇签订责任书, 每年与村委会签订责任书; None when the run is
    not so."""
    found = _PARTIES.match(run)
    if found is None:
        return None
    parties = found.group("parties").split("、")
    if any(len(p) < 2 or re.search(rf"{VERBS}", p) for p in parties):
        return None
    return [found.group("pre") + found.group("prep") + p + found.group("deed") for p in parties]


def split_things(run: str) -> list[str] | None:
    """The things a sentence lists (module docstring): cut at 、, and the last thing at its one conjunction;
    None when a conjunction stands where it may not cut (inside a thing before the last, opening a thing, twice in
    the last thing). Empty pieces are dropped; a run without 、 or conjunction is one thing. The parties of one deed
    ("与乡镇、村委会分别签订责任书") are each a thing with the deed."""
    if (parties := _parties(run)) is not None:
        return parties
    masked = _masked(run)
    segments = masked.split("、")
    if any(_JOIN.search(s) for s in segments[:-1]):
        return None  # "建立制度、与乡镇和村签订责任书、开展督导": the 和 is inside a thing
    if any(_JOIN.match(s) for s in segments):
        return None  # "与公安联合执法": a preposition opening the thing
    last = segments[-1]
    found = list(_JOIN.finditer(last))
    if len(found) > 1:
        return None  # "与公安和城管联合执法", "A和B及C": which conjunction cuts is not said
    # put the masked words back, by position
    out: list[str] = []
    at = 0
    for seg in segments[:-1]:
        out.append(run[at : at + len(seg)])
        at += len(seg) + 1
    if found:
        cut = found[0]
        out += [run[at : at + cut.start()], run[at + cut.end() : at + len(last)]]
    else:
        out.append(run[at : at + len(last)])
    return [p for p in out if p]
