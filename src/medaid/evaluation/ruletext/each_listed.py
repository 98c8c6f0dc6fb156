"""Things listed with 、, then what each scores: "A、B、与C和D密切配合、E各占1分" (lists family, s8).

How tables write it: the things are cut by 、 and the list ends with 各得/各计/各占/每项 N分. A 和/与/及
inside a thing that another thing follows ("与相关科室和基层基地密切配合、指导基层基地") joins words of that thing,
never two things: the list goes on after it with 、. Only the last thing's 和/及/与 may join two things ("制度、台账和
记录"), and that is read as before (by ``levels.single_condition``). So this reading is tried only for a list with
such an inner conjunction, and then it cuts at 、 alone; anything else is left to the other readers.

Fix round (s8): the other readers cut at every 和/与/及, so a list this reading declined grew by one thing per inner
conjunction. Now also read: a topic before the list ("组织管理:…"); a last thing that opens with 与/和/同 ("与学校和
家庭沟通": one deed done with others); a denial opening the first thing when every later thing is a deed or a denial
of its own ("未发生安全事故、与公安和城管联合执法、建立台账各占1分": marks are never given for a deed not done, so the
head's 未 is not spread). The marks of the things must still add up to the full marks (``rules.checklist``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Checklist, Rule
from medaid.evaluation.ruletext.clauses import Clause, complement, read_clauses
from medaid.evaluation.ruletext.head_denials import own_fault, spread_head, starts_verb
from medaid.evaluation.ruletext.joined_things import joins, split_things

_DENIAL = re.compile(r"^(?:没有|无|未|不|缺)")
# fix round: a thing opening with 与/和/同 ("与学校和家庭沟通") is one deed done with others, never two things
_JOIN_OPENS = re.compile(r"^(?:与|和|同|跟)")
# fix round: a topic before the list ("组织管理:", "工作要求:"): short, no number, no score word
_HEADING = re.compile(r"^[^\d,;。:、()分扣得]{2,10}:")


def each_listed(text: str) -> Rule | None:
    """ "A、B、C和D协作、E各占1分": an item per thing cut at 、, when a thing before the last holds 和/与/及;
    "未及时上报、未建立台账各扣2分": a 和/与/及 inside a word (及时) is no cut (``joined_things``)."""
    clauses = read_clauses(text)
    if not clauses or not clauses[0].each or clauses[0].value is None:
        return None
    head, rest = clauses[0], clauses[1:]
    if head.effect == "minus":
        return _each_fault(clauses)
    if head.effect != "points" or any(not (c.is_zero and complement(c.name)) for c in rest):
        return None  # marks each; only "反之/否则不得分" may follow
    raw = _HEADING.sub("", head.raw.strip(" ,;。:、"))  # fix round: "组织管理:" names the list's topic
    if not raw.startswith(head.name) or re.search(r"[,;。:()或\d]|是否", raw):
        return None  # a sentence before the list, a comma or a number in it: the other readers'
    things = _cut(head.name)
    if things is None or len(things) < 2 or any(len(t) < 2 for t in things):
        return None
    head_denial = _DENIAL.match(things[0])
    if head_denial is not None and not (
        _bad_thing(things[0][head_denial.end() :])
        and all(_JOIN_OPENS.match(t) or starts_verb(t) or _DENIAL.match(t) for t in things[1:])
    ):
        # a denial at the head may be every thing's ("无事故、投诉…"): the other readers'. Fix round: not when every
        # later thing is a deed or a denial of its own ("未发生安全事故、与公安和城管联合执法、建立台账各占1分"):
        # marks are never given for a deed not done, so the head's 未 is its thing's alone; and only when the head
        # denies an event or a fault ("未发生…", "无违规…"), never a deed ("未建立制度、…各得1分": which is meant?)
        return None
    value = head.value
    assert value is not None  # checked above
    return Checklist(items=tuple(value for _ in things), names=tuple(things))


_NAIVE = re.compile(r"、|和|与|及|以及")
_OTHER = re.compile(r"^(?:否则|反之|其他|其它|其余)")
_EVENT = re.compile(r"^(?:发生|出现|存在)")  # "发生较大及以上事故": an event that is the fault


def _bad_thing(thing: str) -> bool:
    """An event or a fault ("发生安全事故", "违规行为", "出现投诉"), whose denial is a requirement met."""
    return own_fault(thing) or _EVENT.match(thing) is not None


def _cut(name: str) -> list[str] | None:
    """The things of a list, when the other readers' cut at every 和/与/及/、 would get them wrong; None when it
    would not (nothing to read here) or when they cannot be told."""
    naive = [t for t in _NAIVE.split(name) if t]
    segments = [t.strip() for t in name.split("、")]
    last = segments[-1]
    if any(joins(t) for t in segments[:-1]):
        if len(segments) < 3 or (joins(last) and not _JOIN_OPENS.match(last)):
            return None  # the last thing may be two ("A、与B和C配合、D和E"): not said
        return segments
    if joins(last) and _JOIN_OPENS.match(last):
        return segments  # "…、与学校和家庭沟通": one deed done with others
    things = split_things(name)
    return None if things is None or things == naive else things  # "及时上报": a word, no cut


def _each_fault(clauses: list[Clause]) -> Rule | None:
    """ "未及时上报、未建立台账各扣2分" (fix round): deductions each, read as ``levels`` reads them (the head's
    denial spread by ``head_denials``), only when a 和/与/及 inside a word or a thing would be cut there."""
    if any(
        c.positive or c.effect != "minus" or c.value is None or complement(c.name) or _OTHER.match(c.name)
        for c in clauses
    ):
        return None  # only deductions of named faults ("其他问题扣1分": what it covers is not said)
    names: list[str] = []
    items: list[Decimal] = []
    cut = False
    for c in clauses:
        assert c.value is not None  # checked above
        things = [c.name]
        if c.each:
            found = _cut(c.name)
            if found is not None:
                cut = True
                things = spread_head(found, mixed=True) or found
                denial = _DENIAL.match(found[0])
                if denial is not None:  # "未建立台账、与公安联合执法": 未与公安联合执法, never 未建立与公安…
                    pairs = zip(found, things, strict=True)
                    things = [denial.group(0) + t if _JOIN_OPENS.match(t) else s for t, s in pairs]
            elif "、" not in c.name and not _NAIVE.search(c.name):
                return None  # "…各扣2分" of one thing: not a list
            else:
                things = [t for t in _NAIVE.split(c.name) if t]
                if split_things(c.name) != things:
                    return None  # "与公安和城管联合执法": which conjunction cuts is not said
        names += things
        items += [c.value for _ in things]
    if not cut or any(len(n) < 2 for n in names):
        return None  # the other readers read it the same
    faults = [own_fault(n) or _EVENT.match(n) is not None for n in names]
    if any(faults) and not all(faults):
        return None  # "未及时清运、公开举报电话各扣2分": faults and requirements mixed, which is which not said
    # "建立台账、与公安和城管联合执法、公开举报电话各扣2分": deeds each deducted are requirements, not faults (the
    # deduction is for a deed not done)
    return Checklist(items=tuple(items), names=tuple(names), deduct=True, required=not any(faults))
