"""Lists family, session 9 round 2: a denial written once after a list, and items that need a denied one.

- ``spread_tail_denial``: "财务管理制度、项目管理制度及执行佐证资料均未提供" (also without 均: the list is the
  subject of the one predicate) denies every thing of the list: "财务管理制度未提供，项目管理制度未提供，执行佐证
  资料未提供", so that no thing before the negation is read as named (held) alone. Only when every thing before
  the last is a bare noun (no negation, 有/已, verb or word of quality: "台账齐全、方案未制定" is two statements).
- ``dependents``: items a description does not mention, which name the thing a denied item would bring into being
  ("制定了县级农田水利规划" denied by "未制定县级农田水利规划"; "县级农田水利规划经政府批准" cannot then hold).
  Such an item is never "未提及的分项视为符合": when the thing is denied outright (未制定X, 无X, X未建立) it does
  not hold; else (X未及时制定: X may exist) the reading refuses.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.phrasing import VERBS

_NEGATED_TAIL = re.compile(
    r"(?:均|都|全部|全都|皆)?(?:尚|也|亦)?(?P<no>未|没有|无|没|缺失|缺少|缺乏|缺)(?P<verb>[\u4e00-\u9fa5]{0,4})$"
)
_JOINS = re.compile(r"以及|、|和|及|与")
_NOT_BARE = re.compile(
    rf"[有无不未没已均都非]|(?:{VERBS}|提供)$|齐全|完整|规范|到位|完善|健全|合格|及时|准确|达标|良好|较好|按时|按期"
)  # a verb inside a noun is one ("执行佐证资料"); at its end it is a predicate ("台账建立")


def _spread_one(piece: str) -> str:
    word = piece.strip()
    tail = _NEGATED_TAIL.search(word)
    if tail is None:
        return piece
    things = [x.strip() for x in _JOINS.split(word[: tail.start()])]
    if len(things) < 2 or any(len(x) < 2 or _NOT_BARE.search(x) for x in things):
        return piece
    no, verb = tail.group("no"), tail.group("verb")
    if no in ("缺失", "缺少", "缺乏", "缺") and verb:
        return piece  # "A、B缺少资料": what is missing is not the things
    return "，".join(f"{x}{no}{verb}" if verb else f"无{x}" for x in things)


def spread_tail_denial(text: str) -> str:
    """The description with each "A、B及C均未V" written as one denial for each thing (module docstring)."""
    pieces = re.split(r"([,;，；。])", text)
    return "".join(_spread_one(p) if i % 2 == 0 and p.strip() else p for i, p in enumerate(pieces))


_LEAD = re.compile(r"^(?:有|具有|建立|制定|制订|编制|设立|设置|成立|组建|配备|召开|开展|组织|印发|出台)(?:了|有)?")


def _thing(name: str) -> str:
    """The thing an item brings into being: "制定了县级农田水利规划" → 县级农田水利规划; "" when the item does not
    begin with a verb of being ("完善规章制度": "未完善规章制度" leaves the rules there)."""
    found = _LEAD.match(canon(name))
    return "" if found is None else canon(name)[found.end() :].strip("的")


def _denied_outright(text: str, thing: str) -> bool:
    """Whether a statement of a description denies a thing outright: 未制定X, 没有X, 无X, X未建立."""
    x = re.escape(thing)
    outright = re.compile(rf"(?:无(?:{VERBS})?{x}|{x}(?:均|都|也)?无(?:{VERBS})?)")
    for piece in re.split(r"[,;，；。]", text):
        said = re.sub(r"^(?:也|并|且|而|但|同时)", "", canon(piece))  # canon: 未/没有 → 无
        if outright.fullmatch(said):
            return True
    return False


def _spoken(thing: str, name: str) -> str:
    """How an item names a thing: whole ("县级农田水利规划经政府批准"), or by its last four characters or more at
    its start ("培训计划按期执行" of 年度培训计划; not "抗旱工作方案" of 防汛工作方案, another thing); "" if not."""
    if thing in name:
        return thing
    tails = [thing[i:] for i in range(len(thing) - 3) if name.startswith(thing[i:])]
    return tails[0] if tails else ""


def dependents(text: str, names: tuple[str, ...], missing: list[int]) -> tuple[list[int], bool]:
    """The items (1 = the first) not in ``missing`` that name the thing of a missing item, and whether every such
    thing is denied outright in ``text`` (else the items' state is not known: the caller refuses)."""
    found: list[int] = []
    outright = True
    for m in missing:
        thing = _thing(names[m - 1])
        if len(thing) < 2:
            continue
        for i, name in enumerate(names, 1):
            if i in missing or i in found or _thing(name) == thing or not _spoken(thing, canon(name)):
                continue
            found.append(i)
            outright = outright and _denied_outright(text, thing)
    return sorted(found), outright
