"""What a description in words says of a rule's faults, items or levels.

A description ("已行文明确，未登记", "分散供养标准1300元/人·年，未经政府发文") is cut into statements (``parts``);
each statement must name or deny exactly what it speaks of (``naming``), and no two statements may
contradict each other (one names a fault that another denies: "无危房户、无房户" against "有五保危房户或
无房户"). A statement with a number speaks of a fault with a bound in the same unit and of the same thing
("分散供养标准1300元/人·年" against "分散供养标准未达1200元/人·年": 1300 is not below 1200, so the fault is
denied).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from medaid.evaluation.quantity import Quantity, parse_quantity, units_compatible
from medaid.evaluation.rules.naming import canon, denies, named, names, parts

_BELOW = ("未达到", "未达", "达不到", "不足", "低于", "少于", "小于", "不到", "不满")
_ABOVE = ("超过", "高于", "多于", "大于", "超出")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)([%‰]|[\u4e00-\u9fa5][\u4e00-\u9fa5/·]*)?")


def negated_requirement(fault: str) -> bool:
    """ "未使用访视记录表", "不按时限报告", "考核达不到要求": a fault that says a requirement was not met, so that
    是 (the requirement was met) and 否 can answer it. "出现重复档案", "发现不合规支出" state an event: 是 could
    mean that it happened, and is not read."""
    word = canon(fault)
    return bool(re.search(r"[无不]", word)) and not re.search(r"发现|出现|发生|存在", word)


def _rank(how: bool | None) -> int:
    return 2 if how else 1 if how is None else 0


@dataclass(frozen=True)
class Bound:
    """A fault on a number: its subject, whether it is below (else above) the bound, and the bound."""

    subject: str
    below: bool
    bound: Quantity


def fault_bound(fault: str) -> Bound | None:
    """ "分散供养标准未达1200元/人·年" → (分散供养标准, below, 1200元/人·年)."""
    words = "|".join(_BELOW + _ABOVE)
    found = re.search(rf"({words})(\d+(?:\.\d+)?[^\d,;。、]*)$", fault)
    if not found or re.search(r"\d", fault[: found.start()]):
        return None
    bound = parse_quantity(found.group(2))
    if bound is None or bound.value is None or not bound.unit:
        return None
    return Bound(canon(fault[: found.start()]), found.group(1) in _BELOW, bound)


def _measured(statement: str, bound: Bound) -> bool | None:
    """Whether a statement with a number shows the fault (None: it does not speak of it)."""
    found = list(_AMOUNT.finditer(statement))
    if len(found) != 1:
        return None
    value = parse_quantity(found[0].group(0))
    subject = canon(statement[: found[0].start()])
    if value is None or value.value is None or bound.bound.value is None or not units_compatible(bound.bound, value):
        return None
    if value.unit != bound.bound.unit or not subject or not (subject == bound.subject or names(subject, bound.subject)):
        return None
    return value.value < bound.bound.value if bound.below else value.value > bound.bound.value


def spellings(fault: str) -> list[str]:
    """A fault's spellings: the fault proper after its context ("2012年6月底整改结束,未开始整改" is also
    "未开始整改"; "已开展活动但档案资料不全" also "档案资料不全")."""
    last = re.split(r"[,;。:]", fault)[-1]
    either = last.split("或") if "或" in last and not re.search(r"[,;、]", last) else []
    return list(dict.fromkeys([fault, last, last.split("但")[-1], *either]))


def faults_found(text: str, faults: tuple[str, ...]) -> tuple[list[int], str | None]:
    """The faults (1 = the first) a description names; or the statement that names none or several, or
    contradicts another, as the reason to refuse."""
    found: set[int] = set()
    denied: set[int] = set()
    bounds = [fault_bound(f) for f in faults]
    for statement in parts(text):
        measured = [(i, shown) for i, b in enumerate(bounds, 1) if b and (shown := _measured(statement, b)) is not None]
        if measured:
            if len(measured) > 1:
                return [], statement
            i, shown = measured[0]
            (found if shown else denied).add(i)
            continue
        says = [(i, max((named(statement, x) for x in spellings(f)), key=_rank)) for i, f in enumerate(faults, 1)]
        exact = [i for i, how in says if how]
        which = exact or [i for i, how in says if how is None]
        deny = [i for i, f in enumerate(faults, 1) if any(denies(statement, canon(x)) for x in spellings(f))]
        if set(which) & set(deny) and not exact:
            return [], statement  # "无危房户" both names "无房户" and denies "有五保危房户"
        if len(which) == 1:
            found.add(which[0])
        elif not which and deny:
            denied.update(deny)
        else:
            return [], statement
    if found & denied:
        return [], "、".join(faults[i - 1] for i in sorted(found & denied)) + "（既被提及又被否定）"
    return sorted(found), None


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
_WHAT = r"(?:指标|要求|条件|内容|要点|标准)?"
_ALL = re.compile(
    rf"^(?:全部|均|都|完全|各项|所有|{_N}{_UNIT}{_WHAT})(?:均|都)?(?:符合|满足|具备|达到|完成|做到|落实)(?:要求)?$"
)
_NONE = re.compile(
    rf"^(?:全部|均|都|各项|所有|{_N}{_UNIT}{_WHAT})?(?:均|都)(?:不符合|不满足|不具备|无达到|无完成|无做到|无落实)$"
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


def items_held(text: str, items: tuple[str, ...]) -> tuple[list[int], str | None]:
    """The items (1 = the first) a description says hold: each statement names or denies exactly one item,
    and every item is spoken of; else the statement or the items left out, as the reason to refuse."""
    held: set[int] = set()
    denied: set[int] = set()
    for statement in parts(text):
        says = [(i, named(statement, canon(n))) for i, n in enumerate(items, 1)]
        which = [i for i, how in says if how] or [i for i, how in says if how is None]
        deny = [i for i, n in enumerate(items, 1) if denies(statement, canon(n))]
        if len(which) == 1 and not deny:
            held.add(which[0])
        elif not which and len(deny) == 1:
            denied.add(deny[0])
        else:
            return [], statement
    if held & denied:
        return [], "、".join(items[i - 1] for i in sorted(held & denied)) + "（既被提及又被否定）"
    missing = [items[i - 1] for i in range(1, len(items) + 1) if i not in held | denied]
    if missing:
        return [], f"未说明{'、'.join(missing)}"
    return sorted(held), None


_REQUIREMENT = re.compile(r"[,;、|]|并且|而且|且|并|同时")


def requirements(name: str) -> list[str]:
    """The requirements a condition joins: "均设工作经费且按时拨付" → 均设工作经费, 按时拨付."""
    return [p for p in (x.strip() for x in _REQUIREMENT.split(canon(name))) if len(p) >= 2]


def conjunction(text: str, name: str) -> bool | None:
    """Whether a description meets every requirement of a condition: False as soon as one statement denies
    one of them ("均设经费但未按时拨付"), True when every requirement is named and nothing denied, None when
    a statement speaks of none of them or a requirement is left unsaid."""
    needed = requirements(name)
    if not needed:
        return None
    met: set[int] = set()
    for statement in parts(text):
        deny = [i for i, r in enumerate(needed) if denies(statement, r)]
        if deny:
            return False
        which = [i for i, r in enumerate(needed) if named(statement, r) is not False]
        if not which:
            return None
        met.update(which)
    return True if len(met) == len(needed) else None


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
