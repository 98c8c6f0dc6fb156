"""A base rule with bonus items beside it (bands family, session 6 round 2; the rule: rules/base_bonus_items.py).

The pattern, as tables write it: a base rule on one quantity (steps, per-count deductions, a ratio) followed by one
or more bonus items, each "<subject>[的(单位)][,]每(完成|增加|有|多)?N<counter>[,]加M分[,以K分为限]" (a count) or
"<subject>的[,](再|另)加M分" (a condition), one after another at the end of the text, separated by commas,
semicolons or full stops; an optional "加分项:" label before the items; the items together capped by a leading "(注:)
该项设有加分项(最多加N分)" or a trailing "加分(合计)不超过N分". An item's subject is words only (no number: "超额完成
10%以上加1分" is a threshold), and an excess of the base quantity ("超额完成的,每增加1000亩…", "多完成1人加1分") is
the base's own step, not an item. The base, with the items taken out, must be read in full by one of the shapes
that score a quantity (step_bonus, per_point, proportional).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.base_bonus_items import BaseWithBonusItems
from medaid.evaluation.rules.bonus import StepBonus
from medaid.evaluation.rules.bonus_item_statements import BonusItem, item_keys
from medaid.evaluation.rules.completion import Proportional
from medaid.evaluation.rules.count_vocab import cn_int
from medaid.evaluation.rules.deduction import PerPoint
from medaid.evaluation.rules.levels import Qualitative

_N = r"\d+(?:\.\d+)?"
_LEADING_CAP = re.compile(rf"^(?:注:)?(?:该项|本项|此项)?(?:设有|设)?加分项?\((?:最多|最高)加?({_N})分\)[:,]?")
_TRAILING_CAP = re.compile(rf"[,;。]加分项?(?:合计|累计|总计)?(?:最多|最高)?(?:不超过|不得超过|不高于)({_N})分[,;。]?$")
_ITEM = re.compile(
    rf"(?:^|(?<=[,;。:]))(?P<subj>[^,;。:\d()]{{2,30}}?),?"
    rf"(?:(?:每(?:完成|增加|新增|有|多|发展|推荐)?)?(?P<n>{_N}|[一两二三四五六七八九十])(?P<unit>[\u4e00-\u9fff]{{1,2}}?),?)?"
    rf"(?:再|另|可|则)?(?:加|奖励|奖)(?P<pts>{_N})分"
    rf"(?:,?(?:以(?P<cap>{_N})分为限|(?:最多|最高)(?:加|奖励)(?P<cap2>{_N})分|加分不超过(?P<cap3>{_N})分))?[,;。]?$"
)
# A subject that is the base quantity's own excess or a place, a deduction or a score: not a bonus item.
_NOT_SUBJECT = re.compile(r"^(?:超额|超过|超出|多完成|多|每|高于|超|提前|少|低于)|扣|得分|不得|名次|第|按")
_BASE_TYPES = (StepBonus, PerPoint, Proportional)
# The base quantity's own step past the target, beside a ratio or a per-count deduction that has none:
# "少完成的按比例扣分,多完成1人加1分", "完不成的按比例计分,超额完成的,每增加100亩,加0.5分,以2分为限".
_BEYOND = re.compile(
    rf"(?:^|(?<=[,;。:]))(?:多完成|超额完成|超过任务数?|超出任务数?)(?:的|部分)?,?(?:每(?:增加|多|超)?)?"
    rf"(?P<n>{_N}|[一两二三四五六七八九十])(?P<unit>[\u4e00-\u9fff]{{1,2}}?),?(?:再|另)?(?:加|奖励|奖)(?P<pts>{_N})分"
    rf"(?:,?(?:以(?P<cap>{_N})分为限|(?:最多|最高)(?:加|奖励)(?P<cap2>{_N})分))?[,;。]?$"
)


def _items(text: str) -> tuple[str, list[BonusItem]]:
    """The text before the items, and the items (first to last)."""
    items: list[BonusItem] = []
    rest = text
    while (match := _ITEM.search(rest)) is not None:
        subject = match.group("subj").removeprefix("加分项").strip(",、")
        subject = re.sub(r"^(?:加分项|另|对|凡)", "", subject)
        if _NOT_SUBJECT.search(subject) or len(subject) < 2:
            break
        size = cn_int(match.group("n")) if match.group("n") else None
        if size is None and not re.search(r"(?:的|者)$", subject):
            break  # a condition item is "…的,加M分"
        cap = match.group("cap") or match.group("cap2") or match.group("cap3")
        items.insert(
            0,
            BonusItem(
                subject=subject.removesuffix("的单位").removesuffix("的"),
                points=Decimal(match.group("pts")),
                size=size,
                unit=match.group("unit") or "",
                most=Decimal(cap) if cap else None,
            ),
        )
        rest = rest[: match.start()]
    return rest, items


def base_bonus_items(text: str) -> Rule | None:
    """ "…能按时完成的,记15分,…超额完成的,每增加1000亩,加0.05分,以2分为限。接受省委托代建标准农田的单位,每完成1000亩,
    加0.1分,以2分为限": the base rule and each bonus item."""
    most: Decimal | None = None
    body = text
    if (lead := _LEADING_CAP.match(body)) is not None:
        most, body = Decimal(lead.group(1)), body[lead.end() :]
    if (trail := _TRAILING_CAP.search(body)) is not None:
        if most is not None:
            return None
        most, body = Decimal(trail.group(1)), body[: trail.start()]
    rest, items = _items(body)
    base_text = re.sub(r"[,;。:]*(?:加分项)?[,;。:]*$", "", rest)
    if not items or not base_text or "加分项" in base_text:
        return None
    for i, item in enumerate(items):
        others = base_text + "".join(o.subject for j, o in enumerate(items) if j != i)
        if len(item_keys(item.subject, others)) < 2:
            return None  # an item must be named by words only it has
    base = _base(base_text)
    if base is not None:
        return BaseWithBonusItems(base=base, items=tuple(items), base_text=base_text, most=most)
    if (over := _BEYOND.search(base_text)) is None:
        return None
    cap = over.group("cap") or over.group("cap2")
    beyond = BonusItem(
        "超额部分",
        Decimal(over.group("pts")),
        cn_int(over.group("n")),
        over.group("unit"),
        Decimal(cap) if cap else None,
    )
    base_text = base_text[: over.start()].rstrip(",;。")
    base = _base(base_text)
    if not isinstance(base, Proportional | PerPoint):
        return None  # a base with its own bonus steps, or a condition: "超额" is not its quantity's step
    return BaseWithBonusItems(base=base, items=tuple(items), base_text=base_text, most=most, beyond=beyond)


def _base(text: str) -> Rule | None:
    """The base rule, when one of the shapes that score a quantity (or one condition with its points) reads it."""
    from medaid.evaluation.ruletext.shapes import SHAPES

    base = None
    for shape in SHAPES:
        if shape is base_bonus_items:
            continue
        base = shape(text)
        if base is not None:
            break
    one_condition = isinstance(base, Qualitative) and len(base.levels) == 1 and base.levels[0].points is not None
    return base if isinstance(base, _BASE_TYPES) or one_condition else None
