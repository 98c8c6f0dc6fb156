"""Sub-items of a numbered checklist item: every requirement that prints its own marks is an item of its own.

How tables write them: "1.医院有控烟领导小组(2分),并职责明确(1分)2.…", "2.有考评奖惩办法(2分)并有记录(1分)",
"4.医院有控烟计划(2分)、实施方案(2分)", "(1)制定好工作方案计0.5分,无方案不计分;签定好责任书计0.5分,无责任书不计分".

Reading conventions:
- An item whose text gives marks to two or more requirements ("…(2分),并…(1分)") is read as that many items,
  each worth its own marks, counted in printed order (``Inputs.holds`` numbers them so: "1.A(2分),B(1分)2.C(3分)"
  has the items A, B and C).
- A requirement's marks are "(N分)", "得N分", "计N分"…: points only; a share ("得10%"), 满分, 各/每项 marks or a
  deduction make the item not read as sub-items.
- What follows a requirement's marks and gives none must be that requirement's own failure, which changes
  nothing against items that hold: its denial or the rest ("无方案不计分", "否则不得分"), or a failure written
  in the negative ("少于每月一次不计分", "未分片包干…的计0分"). A 不得分 of anything else ("受举报被查处的不计分")
  may be a veto of the whole, and the item is not read.
- Requirements that are degrees of one another ("合理(2分),基本合理(1分)") or alternatives ("每年…得4分,每两年…
  得3分") are levels, not sub-items; the item is not read. (A list whose marks do not add up to the full marks is
  refused by ``rules.checklist`` anyway.)
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Checklist, Rule
from medaid.evaluation.rules.naming import canon, denies, stem
from medaid.evaluation.ruletext.clauses import Clause, complement, read_clauses

# a failure written in the negative: "少于每月一次", "未分片包干或…不带头落实…", "无责任书", "达不到要求"
_NEGATIVE = re.compile(r"^(?:未|无|没有|不|少于|低于|不足|达不到|缺)")
_VALUE = re.compile(r"\d+(?:\.\d+)?(?:%|‰|个百分点)|以上|以下|不低于|不少于|不超过|达到\d|[≥≤><]")
_LEAD = re.compile(r"^(?:并且|并|且|同时|而且|另外|还)")


_DEGREE = r"基本|大部分|部分|比较|较|完全|全部|一般|不够|初步"


def _degrees(names: list[str]) -> bool:
    """Two names that are one another but for a degree or frequency word (合理/基本合理, 工作方案合理/基本合理,
    每年…/每两年…), or a name that is a degree ("基本合理")."""
    if any(re.match(rf"^(?:{_DEGREE})", canon(n)) for n in names):
        return True
    cores = [re.sub(rf"[\d一二两三四五六七八九十]+|每|{_DEGREE}", "", canon(n)) for n in names]
    stems = [stem(canon(n)) for n in names]
    if len(set(cores)) < len(cores) or len(set(stems)) < len(stems) or _frequencies(names):
        return True
    if any(a != b and len(a) >= 2 and a in b for a in cores for b in cores):
        return True
    # "及时上报得2分…;迟报得1分": the same thing done late is a lower level of it, not another item
    late = [n for n in names if _LATE.search(n)]
    return any(_shared(a, b) for a in late for b in names if b is not a)


# a frequency: "每年", "每两年", "每季度", "按月", "每学期", "一次"; names alike but for it are levels of one thing
_FREQUENCY = re.compile(
    r"(?:每|按)(?:[\d一二两三四五六七八九十半]+个?)?(?:年度|年|季度|季|月度|月|周|旬|日|天|学期)|[\d一二两三四]+次"
)


def _frequencies(names: list[str]) -> bool:
    """Names that are the same requirement at other frequencies ("每月召开例会", "每季度召开例会")."""
    if not all(_FREQUENCY.search(n) for n in names):
        return False
    cores = {_FREQUENCY.sub("", n) for n in names}
    spans = {found.group(0) for n in names if (found := _FREQUENCY.search(n)) is not None}
    return len(cores) == 1 and len(next(iter(cores))) >= 2 and len(spans) == len(names)


_LATE = re.compile(r"迟|延期|逾期|超期|推迟|滞后|晚报|补报")


def _shared(a: str, b: str) -> bool:
    pairs = {a[i : i + 2] for i in range(len(a) - 1)}
    return any(b[i : i + 2] in pairs for i in range(len(b) - 1)) or (a[-1:] == b[-1:] == "报")


def sub_items(clauses: list[Clause], paired: bool = False) -> list[tuple[str, Decimal]] | None:
    """The requirements of one item that each print their marks, with their marks; None when the item is not
    a run of such requirements (module docstring). ``paired``: each requirement must be followed by its own
    failure ("…计0.5分,无方案不计分")."""
    if not clauses or not clauses[0].positive:
        return None
    found: list[tuple[str, Decimal]] = []
    owner: Clause | None = None
    for at, c in enumerate(clauses):
        if paired and c.positive == (at % 2 == 1):
            return None
        if c.positive:
            if c.effect != "points" or c.each or c.value is None or c.label is not None:
                return None
            name = _LEAD.sub("", c.name).strip(" ,、")
            if len(name) < 2 or _VALUE.search(name):
                return None  # "到位率100%(2分),90%以上(1分)": thresholds of one value are levels
            found.append((name, c.value))
            owner = c
            continue
        assert owner is not None
        name = canon(c.name)
        if not c.is_zero or not (complement(c.name) or denies(name, canon(owner.name)) or _NEGATIVE.match(name)):
            return None
    if len(found) < 2 or _degrees([n for n, _ in found]) or (paired and len(clauses) != 2 * len(found)):
        return None
    return found


def paired_items(text: str) -> Rule | None:
    """Requirements without numbers, each with its marks and its own failure: "制定好工作方案计0.5分,无方案不计分;
    签定好责任书计0.5分,无责任书不计分" — a checklist of those requirements. Without a failure after each, a run of
    marks may be levels ("优秀得3分,良好得2分"), which this does not read."""
    clauses = read_clauses(text)
    found = sub_items(clauses or [], paired=True)
    if found is None:
        return None
    return Checklist(items=tuple(m for _, m in found), names=tuple(n for n, _ in found))


_PER_CASE = re.compile(r"每|(?<![\d.])[一1](?:次|处|例|起|件|人|户|个|名|份|篇|宗)")
# "2.未出台年度工作计划的,1分" among deductions: a bare "N分" after a failure is what it takes
_BARE = r"^[的,]*\(?{}分"


def fault_items(bodies: list[str]) -> Rule | None:
    """Numbered items that are each one or more deductions: "1.无实施方案扣0.5分;2.…不熟知内容扣1分无资金管理
    措施扣0.5分" — a deduction list from the full marks, a case per deduction in printed order; "…的,不得分" zeroes
    the indicator. Among explicit deductions, an item "未…的,1分" (a failure with bare marks) deducts them."""
    names: list[str] = []
    items: list[Decimal] = []
    zeroing: list[int] = []
    explicit = False
    for body in bodies:
        clauses = read_clauses(body)
        if not clauses:
            return None
        for c in clauses:
            if c.each or (c.value is not None and c.value < 0) or _PER_CASE.search(c.name):
                return None  # "每发现一处问题扣0.5分", "被通报一次扣2分": deductions per case (counts family)
            if c.effect == "minus" and c.value is not None:
                explicit = True
                items.append(c.value)
            elif c.effect == "zero":
                items.append(Decimal(0))
                zeroing.append(len(items))
            elif (
                c.effect == "points"
                and c.value is not None
                and _NEGATIVE.match(canon(c.name))
                and re.match(_BARE.format(re.escape(str(c.value))), body[body.find(c.raw) + len(c.raw) :])
            ):
                items.append(c.value)
            else:
                return None
            names.append(c.name)
    if not explicit or len(items) < 2:
        return None
    if len({_tier(n) for n in names if re.search(r"\d", n)}) < sum(1 for n in names if re.search(r"\d", n)):
        return None  # lists family (s8): "1.差错率超过1%扣1分;2.差错率超过2%扣2分": tiers of one quantity, not faults
    return Checklist(items=tuple(items), names=tuple(names), deduct=True, zeroing=tuple(zeroing))


def _tier(name: str) -> str:
    """A fault's words with its numbers blotted out: two faults alike but for a number are tiers of one quantity."""
    return re.sub(r"\d+(?:\.\d+)?", "#", canon(name))


# public names for the readers of levels within a part (``part_levels``, lists family)
NEGATIVE = _NEGATIVE
VALUE = _VALUE
degrees = _degrees
FREQUENCY = _FREQUENCY
