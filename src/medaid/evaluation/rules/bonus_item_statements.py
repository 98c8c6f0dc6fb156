"""The statements of an actual matched to bonus items (bands family; used by rules/base_bonus_items.py): an item's
count or denial, a condition said or denied, and "超额完成N<unit>" as the excess over the target."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Quantity, units_compatible
from medaid.evaluation.rules.base import Outcome
from medaid.evaluation.rules.count_vocab import NUMBER, cn_int, same_counter
from medaid.evaluation.rules.levels import Qualitative

# Words that deny a statement: "未接受省委托代建", "主要领导未参加", "无人参赛", "没有…". Narrower than
# count_vocab.NEGATION on purpose: 缺/漏/错/非 name faults or sit in affirmative words (非常), not a bonus denied.
DENIES = re.compile(r"未|无|没有|没|不|否")
# Characters that name nothing (shared by any subject).
_FILLER = set("的有中在了和及或与者为是其被每单位人个次项完成")
STATEMENT = re.compile(r"[,，;；。]|并且|并|且")  # not 、: "无高级职称、博士或副处以上职务者" is one statement
_PERIOD = re.compile(r"^(?:当年|全年|年内|本年度?|年度)")
_EXCESS = re.compile(rf"超额(?:完成)?(?:了)?({NUMBER})")


@dataclass(frozen=True)
class BonusItem:
    """One bonus item: its subject, the count it is paid per (None: a condition) and its points."""

    subject: str
    points: Decimal
    size: Decimal | None = None  # "每完成1000亩": 1000; None for a condition ("…的,再加2分")
    unit: str = ""
    most: Decimal | None = None  # "以2分为限"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"subject": self.subject, "points": float(self.points)}
        if self.size is not None:
            out.update(size=float(self.size), unit=self.unit)
        if self.most is not None:
            out["most"] = float(self.most)
        return out


def item_keys(subject: str, others: str) -> frozenset[str]:
    """The characters of an item's subject no other part of the text has (the words that name only it)."""
    return frozenset(ch for ch in subject if "\u4e00" <= ch <= "\u9fff" and ch not in others and ch not in _FILLER)


def condition_outcome(base: Qualitative, words: list[str], weight: Decimal) -> Outcome:
    """ "当年发展新党员(4分)" with "发展新党员2名" / "当年未发展新党员": the one statement naming the condition,
    said (a count of 1 or more, or no number) or denied (未/无/没有, or a count of 0)."""
    level = base.levels[0]
    name = _PERIOD.sub("", level.name)
    said = [w for w in words if name in w]
    if len(said) != 1:
        where = "、".join(f"“{w}”" for w in said) or "无"
        return Outcome(None, f"实际情况中写明“{name}”的语句有 {len(said)} 处（{where}），无法判断是否达到；"
                             f"请写明是否{name}")  # fmt: skip
    statement = said[0]
    rest = statement.replace(name, "")
    counts = [cn_int(m.group(1)) for m in re.finditer(rf"({NUMBER})\s*[\u4e00-\u9fff]", rest)]
    denied = bool(DENIES.search(rest))
    if len(counts) > 1 or (denied and counts) or any(c is None for c in counts):
        return Outcome(None, f"实际情况“{statement}”是否{name}无法判断；请写明是否{name}")
    held = not denied and (not counts or (counts[0] or ZERO) > ZERO)
    points = level.score(weight) if held else ZERO
    verdict = "达到" if held else "未达到"
    return Outcome(points, f"实际情况“{statement}”{verdict}“{level.name}”")


def excess_total(words: list[str], target: Quantity | None) -> tuple[Quantity, str] | Outcome | None:
    """ "按时完成任务20000亩并超额完成50000亩": the target plus the excess the base's statements write."""
    excess = [(s, m) for s in words for m in _EXCESS.finditer(s)]
    if not excess:
        return None
    where = "、".join(s for s, _ in excess)
    if len(excess) > 1 or target is None or target.value is None or not target.unit:
        return Outcome(None, f"实际情况“{where}”写明超额数量，但无法确定超额相对的任务数；请写明实际完成总数")
    statement, match = excess[0]
    rest = statement[match.end() :]
    value = cn_int(match.group(1))
    if value is None or not rest.startswith(target.unit):
        return Outcome(None, f"实际情况“{statement}”中的超额数量与指标值 {target.describe()} 单位不同，无法计分")
    others = [m for s in words if s != statement for m in re.finditer(rf"(\d+(?:\.\d+)?){target.unit}", s)]
    if any(Decimal(m.group(1)) != target.value for m in others):
        return Outcome(None, f"实际情况中除“{statement}”外另有完成数量，无法确定实际完成总数；请写明实际完成总数")
    total = target.value + value
    actual = Quantity(text=f"{total}{target.unit}", value=total, unit=target.unit)
    return actual, (f"实际情况“{statement}”为超过指标值的数量，实际完成 = {target.describe()} + "
                    f"{fmt(value)}{target.unit} = {actual.describe()}；")  # fmt: skip


# A condition item names one or more categories ("新党员中有高级职称、博士、副处以上职务的", "获得省级表彰的"):
# the statement meets it only by naming one category by its own words ("高级职称", "博士", "副处"); a statement
# sharing characters with it but naming another grade or rank of the same kind ("中级职称", "副科级", "市级表彰")
# does not, and is refused rather than read either way (bands family, session 6 round 4).
_HOLDER = re.compile(r"^.*?(?:中有|有|获得|获|取得|被评为|评为|达到|具有|具备)")
_CATEGORY_TAIL = re.compile(r"(?:及以上|以上|及以下|以下)?(?:职务|职称|学历|学位|人员|者|的)*$")
_CATEGORY_SPLIT = re.compile(r"、|或者|或|和|及|/")


def categories(subject: str) -> list[str]:
    """The categories a condition item lists, each by its own words: "新党员中有高级职称、博士、副处以上职务" →
    高级职称, 博士, 副处 (a tail 以上职务 is a bound on the rank, not part of its name)."""
    held = _HOLDER.sub("", subject)
    out = []
    for part in _CATEGORY_SPLIT.split(held):
        core = part if part.endswith("职称") and "以上" not in part else _CATEGORY_TAIL.sub("", part)
        if core:
            out.append(core)
    return out


def names_category(item: BonusItem, statement: str) -> bool:
    return any(core in statement for core in categories(item.subject))


def item_points(item: BonusItem, statement: str | None) -> tuple[Decimal, str] | Outcome:
    name = f"“{item.subject}”"
    if statement is None:
        return ZERO, f"{name}实际情况未写明，按未获得计，不加分"
    if item.size is None and not DENIES.search(statement) and not names_category(item, statement):
        listed = "、".join(f"“{c}”" for c in categories(item.subject))
        return Outcome(None, f"加分项{name}的实际情况“{statement}”未写明所列的{listed}之一（同类的其他级别、"
                             "职称或职务不算达到），无法判断是否达到；请写明是否属于所列情形")  # fmt: skip
    numbers = [(m.group(1), m.group(2)) for m in re.finditer(rf"({NUMBER})\s*([\u4e00-\u9fff%]{{1,2}})?", statement)]
    counted = [(n, u) for n, u in numbers if u and _counts(item, u)]
    denied = bool(DENIES.search(statement.replace(item.subject, "")))
    if not counted:
        if denied and not numbers:
            return ZERO, f"{name}实际情况“{statement}”为否定，不加分"
        if item.size is None and not numbers and not denied:
            return item.points, f"{name}实际情况“{statement}”，加 {fmt(item.points)} 分"
        return Outcome(None, f"加分项{name}的实际情况“{statement}”未写明数量或是否达到；请写明数量")
    if len(counted) > 1 or denied:
        return Outcome(None, f"加分项{name}的实际情况“{statement}”数量不唯一或与否定同时出现，无法计分")
    number, unit = counted[0]
    unit = item.unit if item.unit and unit.startswith(item.unit) else unit
    value = cn_int(number)
    if value is None:
        return Outcome(None, f"加分项{name}的实际情况“{statement}”中的数量无法读取")
    if item.size is None:
        got = item.points if value > ZERO else ZERO
        return got, f"{name}实际情况“{statement}”，{'加 ' + fmt(got) + ' 分' if got else '数量为 0，不加分'}"
    return step_points(item, value, f"{name}实际情况“{statement}”", unit)


def step_points(item: BonusItem, value: Decimal, said: str, unit: str) -> tuple[Decimal, str] | Outcome:
    """The points of ``value`` counted in the item's whole steps, within the item's limit."""
    size = item.size if item.size is not None else Decimal(1)
    steps = value / size
    if steps != steps.to_integral_value():
        return Outcome(None, f"{said}不是每 {fmt(size)}{item.unit} 的整数倍，评分标准未写明不足一档的部分"
                             "按整档还是按比例计分；请由评价人员判断")  # fmt: skip
    raw = steps * item.points
    got = min(raw, item.most) if item.most is not None else raw
    capped = f"，以 {fmt(item.most)} 分为限" if item.most is not None and raw > item.most else ""
    shown = f"{fmt(value)}{unit} ÷ {fmt(size)}{item.unit} = {fmt(steps)} 档 × {fmt(item.points)}"
    return got, f"{said}：{shown} = {fmt(raw)} 分{capped}"


def _counts(item: BonusItem, unit: str) -> bool:
    if item.size is None:
        return any(unit.startswith(u) for u in ("人", "名", "位", "个", "项", "次", "家", "条", "篇", "件"))
    if unit.startswith(item.unit) or same_counter(unit[:1], item.unit):
        return True
    one = Quantity(text="", value=Decimal(1), unit=item.unit)
    return units_compatible(one, Quantity(text="", value=Decimal(1), unit=unit))


_PLAN = re.compile(r"任务|计划|目标|指标|下达|应")


def restates_target(statement: str, target: Quantity | None) -> bool:
    """ "任务2人", "省下达标准农田任务20000亩": a statement of the plan, one quantity equal to the target's."""
    if target is None or target.value is None or not target.unit or not _PLAN.search(statement):
        return False
    found = re.findall(rf"(\d+(?:\.\d+)?){re.escape(target.unit)}", statement)
    return len(found) == 1 and Decimal(found[0]) == target.value and not re.search(r"完成|实际|实", statement)
