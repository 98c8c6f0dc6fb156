"""What a description in words says of a rule's items or levels, and counts of items.

A description is cut into statements (``parts``); each statement must name or deny exactly what it speaks of
(``naming``). Faults are read by ``faults``; counts ("符合3项", "全部符合", "均未完成") by ``counted``;
requirements joined in one condition by ``conjunction``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medaid.evaluation.rules.faults import faults_found, negated_requirement
from medaid.evaluation.rules.list_denials import all_denied, object_first_forms
from medaid.evaluation.rules.naming import canon, denies, named, parts, sentences
from medaid.evaluation.rules.narrower_denials import narrower
from medaid.evaluation.rules.wording import ACHIEVING, CHECKING, counted_event, unchecked

__all__ = ["faults_found", "negated_requirement"]

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_N = r"(\d+|[一二两三四五六七八九十])"
_UNIT = r"(?:项|条|个方面)"
_HELD = (
    re.compile(
        rf"^(?:符合|满足|具备|达到|完成|做到|落实|有)?{_N}{_UNIT}(?:均|都)?(?:符合|满足|具备|达到|完成|做到|落实)?$"
    ),
)
_MISSED = (
    re.compile(rf"^(?:有)?{_N}{_UNIT}(?:不符合|不满足|不具备|无达到|无完成|无做到|无落实|不达标|缺失)$"),
    re.compile(rf"^(?:缺|少|缺少|不符合|不满足|无达到|无完成|无做到|无落实){_N}{_UNIT}$"),
)
_WHAT = r"(?:指标|要求|条件|内容|要点|标准|任务|目标|工作)*"
_ALL = re.compile(
    rf"^(?:全部|均|都|完全|各项|所有|{_N}{_UNIT}{_WHAT})(?:均|都|全部|全都)?(?:符合|满足|具备|达到|完成|做到|落实)(?:要求)?$"
)
_NONE = re.compile(
    rf"^(?:全部|均|都|各项|所有|{_N}{_UNIT}{_WHAT})?(?:均|都)(?:不符合|不满足|不具备|无达到|无完成|无做到|无落实"
    r"|无建立|无设立|无制定|无开展|无提供|无报送)$"
    r"|^(?:全部|各项|所有)(?:不符合|不满足|不具备|无达到|无完成|无做到|无落实)$"
)


def _number(raw: str) -> int:
    return _DIGITS[raw] if raw in _DIGITS else int(raw)


def counted(text: str, total: int, bare: str = "") -> int | None:
    """How many of ``total`` items a description says hold: "符合3项", "有1项不符合", "全部符合", "均未完成";
    a bare count ("2项") counts what the rule counts: the items that hold (``bare`` "held": "每项1分") or those
    that do not ("missed": "缺1项扣2分"); without ``bare`` it is no count."""
    word = canon(text).replace("|", "")
    stated = re.match(rf"^{_N}{_UNIT}", word)
    if (_ALL.match(word) or _NONE.match(word)) and stated and _number(stated.group(1)) != total:
        return None  # "3项均未完成" against a list of two
    if _ALL.match(word):
        return total
    if _NONE.match(word):
        return 0
    for pattern in _MISSED:
        if found := pattern.match(word):
            return total - _number(found.group(1)) if _number(found.group(1)) <= total else None
    if (found := re.fullmatch(rf"{_N}{_UNIT}", word)) is not None:
        n = _number(found.group(1))
        return None if not bare or n > total else n if bare == "held" else total - n
    for pattern in _HELD:
        if found := pattern.match(word):
            return _number(found.group(1)) if _number(found.group(1)) <= total else None
    return None


def stated_total(names: tuple[str, ...] | list[str]) -> int | None:
    """The number of items a list of count levels states ("两条指标均符合": 2)."""
    totals = {_number(m.group(1)) for n in names if (m := re.match(rf"^{_N}{_UNIT}", canon(n)))}
    return totals.pop() if len(totals) == 1 else None


def is_count(name: str) -> bool:
    """ "满足一条", "两条指标均符合", "均不符合": a level named by how many items hold."""
    return counted(name, 99) is not None or bool(_ALL.match(canon(name)) or _NONE.match(canon(name)))


_DONE = re.compile(r"(无|不)?(?:均|都|全部)?(?:完成|达到|达标|符合要求|符合|落实|到位|做到|实现)$")
_REST = re.compile(r"^(?:其余|其他|其它|另外)(?:的)?(?:\d+|[一二两三四五六七八九十])?(?:项|个)?")
_ONLY = re.compile(r"^(?:仅|只有|仅有|只)")
_THING_HEAD = re.compile(
    r"方案|计划|制度|台账|台帐|档案|记录|资料|材料|文件|机构|小组|队伍|机制|名册|总结|报告|预案|办法|规划"
)
NOT_NOW = re.compile(
    r"拟|准备|打算|正在|将(?!其)|计划(?=[每于在将明下年开召组建制设配完实推举对进])|力争|争取|预计|应当|应(?=[按当于在每及定])"
    r"|上年|上一年|去年|往年|曾|下年|下一年|明年"
)  # a plan, an aim, a duty or another year: "计划开展", "应按月分析", "有上年度工作计划" (not 计划 the noun)
_PUT_INTO_PRACTICE = re.compile(r"落实|到位|做到|实现")
_HAVING = re.compile(r"有|建立|制定|制订|编制|配备|设置|设立|成立")


def _item_said(statement: str, items: tuple[str, ...]) -> tuple[set[int], set[int]] | None:
    """The item one statement names (held) or denies; by its name with a word of completion after it too:
    "新增农村劳动力转移人数未完成" denies the item "新增农村劳动力转移人数的指标任务"."""
    says = [(i, named(statement, canon(n))) for i, n in enumerate(items, 1)]
    which = [i for i, how in says if how] or [i for i, how in says if how is None]
    deny = [i for i, n in enumerate(items, 1) if denies(statement, canon(n))]
    if len(which) == 1 and not deny:
        head = re.sub(r"[的了]", "", canon(items[which[0] - 1]))[-2:]
        if re.fullmatch(r"[\u4e00-\u9fa5]{2}", head) and head not in statement and _THING_HEAD.fullmatch(head):
            return None  # lists (s9): "有工作" does not name "有工作方案": the thing itself is left out
        return {which[0]}, set()
    if not which and len(deny) == 1:
        if narrower(statement, items[deny[0] - 1]):
            return None  # fix round s8: "考核办法未修订", "未开展岗前培训" deny more, or less, than the item
        return set(), {deny[0]}
    done = _DONE.search(statement)
    if which or deny or done is None or len(core := statement[: done.start()]) < 2:
        return None
    found = [i for i, n in enumerate(items, 1) if named(core, canon(n)) is not False]
    if len(found) != 1:
        return None
    if done.group(1) and _PUT_INTO_PRACTICE.search(done.group(0)) and _HAVING.match(canon(items[found[0] - 1])):
        return None  # fix round s8: "考核办法未落实" against "有考核办法": the method exists, not carried out
    return (set(), set(found)) if done.group(1) else (set(found), set())


def items_held(text: str, items: tuple[str, ...]) -> tuple[list[int], str | None]:
    """The items (1 = the first) a description says hold: each statement names or denies exactly one item,
    and every item is spoken of; else the statement or the items left out, as the reason to refuse.
    "其余三项完成" speaks of every item not named (their number must agree), "仅X完成" says that X alone holds,
    and a count ("三项未完成") must agree with what the statements say."""
    held: set[int] = set()
    denied: set[int] = set()
    rest: tuple[bool, int | None] | None = None
    only: set[int] = set()
    counts: list[int] = []
    for statement in parts(text):
        if NOT_NOW.search(statement):
            return [], statement  # lists (s9): "拟建立台账", "有上年度工作计划" say nothing of the item now
        if (found := _REST.match(statement)) and (done := _DONE.search(statement)) and rest is None:
            stated = re.search(_N, found.group(0))
            rest = (not done.group(1), _number(stated.group(1)) if stated else None)
            continue
        if (n := counted(statement, len(items))) is not None and not re.fullmatch(rf"{_N}{_UNIT}", statement):
            counts.append(n)
            continue
        plain = _ONLY.sub("", statement)
        said = _item_said(plain, items)
        if said is None:
            return [], statement
        if plain != statement:
            if said[1] or len(said[0]) != 1:
                return [], statement
            only |= said[0]
        held |= said[0]
        denied |= said[1]
    if only:
        denied |= {i for i in range(1, len(items) + 1) if i not in only}
    others = [i for i in range(1, len(items) + 1) if i not in held | denied]
    if rest is not None:
        if (rest[1] is not None and rest[1] != len(others)) or not others:
            return [], "其余各项的数目与分项不符"
        (held if rest[0] else denied).update(others)
    if held & denied:
        return [], "、".join(items[i - 1] for i in sorted(held & denied)) + "（既被提及又被否定）"
    if any(n != len(held) for n in counts):
        return [], "所述项数与所列分项不符"
    missing = [items[i - 1] for i in range(1, len(items) + 1) if i not in held | denied]
    if missing:
        return [], f"未说明{'、'.join(missing)}"
    return sorted(held), None


def items_missing(text: str, items: tuple[str, ...]) -> list[int] | None:
    """Against a list of requirements scored "每缺一项扣N分": a description of only what is missing ("缺台账",
    "无会议记录,年度总结未做") names the items not met, the rest being met, as a list of faults is read; None
    when a statement does not deny exactly one item, or an item is both denied and named (words family)."""
    missing: set[int] = set()
    for _, split in sentences(text):
        of_sentence: list[int] = []
        for statement in (piece for whole in split for piece in _listed(all_denied(whole))):
            said = _item_said(statement, items)
            for form in object_first_forms(statement) if said is None or said[0] or len(said[1]) != 1 else []:
                if (said := _item_said(form, items)) is not None and not said[0] and len(said[1]) == 1:
                    break  # "工作台账无建立": ``list_denials``
            if said is None or said[0] or len(said[1]) != 1:
                return None
            (at,) = said[1]
            if _names_other(statement, items, at):
                return None  # "与乡镇无签订" matched to "村委会分别签订责任书": 乡镇 is an item of its own
            of_sentence.append(at)
        if len(set(of_sentence)) != len(of_sentence):
            return None  # "乡镇、村委会均未签订": each thing a list names must deny an item of its own
        missing |= set(of_sentence)
    return sorted(missing) if missing else None


def _names_other(statement: str, items: tuple[str, ...], at: int) -> bool:
    """Faults family (s6, round 3): whether a statement holds the whole name of an item other than the one it
    was matched to (1 = the first): that item is spoken of, and is never left to "未提及的分项视为符合"."""
    said = canon(statement)
    mine = canon(items[at - 1])
    return any(
        len(name := canon(item)) >= 2 and name in said and name not in mine
        for i, item in enumerate(items, 1)
        if i != at
    )


_LISTED_MISSING = re.compile(r"^(?P<no>缺少|缺|无|没有|未)(?P<things>.+?(?:和|及|与|、).+)$")


def _listed(statement: str) -> list[str]:
    """ "缺工作台账和记录" → 缺工作台账, 缺记录 (lists family): every thing a list of missing things names must deny an
    item of its own, so that a thing of another item ("记录") is never passed over as part of the first."""
    found = _LISTED_MISSING.match(statement)
    if found is None:
        return [statement]
    return [found.group("no") + x for x in re.split(r"和|及|与|、", found.group("things")) if x]


_REQUIREMENT = re.compile(r"[,;、|]|并且|而且|且|并|同时")


def requirements(name: str) -> list[str]:
    """The requirements a condition joins: "均设工作经费且按时拨付" → 均设工作经费, 按时拨付; without how it is
    checked ("调查反映…") and without a bare word of achieving ("实现", "做到"), which says what follows it."""
    pieces = (unchecked(x.strip()) for x in _REQUIREMENT.split(canon(name)))
    return [p for p in pieces if len(p) >= 2 and p not in ACHIEVING and not CHECKING.match(p)]


def conjunction(text: str, name: str) -> bool | None:
    """Whether a description meets every requirement of a condition: False as soon as one statement denies
    one of them ("均设经费但未按时拨付", "部分村防疫时未带冷藏箱") and no statement names it; True when every
    requirement is named and nothing denied; None when a statement speaks of none of them or a requirement is
    left unsaid."""
    needed = requirements(name)
    if not needed:
        return None
    statements = [counted_event(x) for x in parts(text)]
    denied = {i for st in statements for i, r in enumerate(needed) if denies(st, r)}
    met: set[int] = set()
    unread = False
    for statement in statements:
        which = [i for i, r in enumerate(needed) if named(statement, r) is not False]
        unread = unread or not which
        met.update(which)
    if denied:
        return None if denied & met else False
    return True if len(met) == len(needed) and not unread else None


DENIED_ALL = -1


def level_said(text: str, pick: Callable[[str], int | None], denied: Callable[[str], set[int]],
               names_: list[str], count: int, strict: bool) -> int | None:  # fmt: skip
    """The one level (index) the statements of a description name (``pick``), no statement denying it; or
    ``DENIED_ALL`` when the statements deny every one of ``count`` levels and name none ("未申报"). A statement
    that names nothing must deny a level (``strict``: an actual) or is passed over (an explanation) unless it
    holds a level's name ("…基本合理的部分…": then the description is not read)."""
    found: set[int] = set()
    against: set[int] = set()
    for statement in parts(text):
        which = pick(statement)
        deny = denied(statement)
        if which is not None:
            found.add(which)
        elif deny:
            against |= deny
        elif strict or any(canon(n) in canon(statement) for n in names_):
            return None
    if len(found) == 1 and not found & against:
        return found.pop()
    if not found and len(against) == count:
        return DENIED_ALL
    return None
