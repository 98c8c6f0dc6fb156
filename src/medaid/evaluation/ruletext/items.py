"""One per-step rule written once for several items, each with its own marks (``rules.items``):

- "重大动物疫病免疫密度(12分×2项,即牲畜口蹄疫和禽流感)。…每低1个百分点扣2分" — N分×K项, named after 即;
- "土地治理项目和产业化经营项目中的自筹资金落实情况各占1分。…每少落实1个百分点扣0.1分" — names before 各占;
- "本项满分16分,其中COD、氨氮分别为8分。…" — the total must be the items' marks added up.

The rest of the text must be a per-step deduction (``deductions.per_point``) that names none of the items
(a rule that speaks of one item only is not the same rule for each), with no full marks of its own other than
one item's. Names are split at 和、及、与; their number must be the count the text states. "(2分×4项,即…)…得8分。
每少一项扣2分" (the preface explaining full marks of 8) is not read: a bare "1项" against 4 items may be the items
missing or the items done. A sentence naming every item that defines the level the step starts from ("COD、氨氮全年
达标率大于70%为基本达标") and "每项因子…扣该项因子1.5分" speak of each item alike and are read so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import PerPoint, Rule
from medaid.evaluation.rules.items import EachItem, item_core
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.step_parts import full_in_words

_TIMES = re.compile(rf"\({NUM}分×(\d+)项(?:,?即|:|,)?(?P<names>[^()]*)\)")
_EACH = re.compile(rf"^(?P<names>[^。;:,\d]{{4,60}}?)各(?:占|计|为|得)?{NUM}分[。;,]")
_TOTAL = re.compile(
    rf"^(?:本项|该项|此项)?(?:满分|共|总分)(?:为)?{NUM}分,其中(?P<names>[^。;,\d]{{2,60}}?)(?:分别为|分别占|各为|各占|各){NUM}分[。;,]"
)
_SPLIT = re.compile(r"以及|和|、|及|与")


def _names(written: str) -> tuple[str, ...]:
    return tuple(n for n in (p.strip(",") for p in _SPLIT.split(written)) if n)


def _preface(text: str) -> tuple[Decimal, int, tuple[str, ...], str] | None:
    """Each item's marks, the number of items, their names and the text left to read."""
    if m := _TIMES.search(text):
        names = _names(m.group("names"))
        count = int(m.group(2))
        if names and len(names) != count:
            return None
        return Decimal(m.group(1)), count, names, text[: m.start()] + text[m.end() :]
    if m := _TOTAL.match(text):
        names = _names(m.group("names"))
        each, total = Decimal(m.group(3)), Decimal(m.group(1))
        if len(names) < 2 or each * len(names) != total:
            return None
        return each, len(names), names, text[m.end() :]
    if m := _EACH.match(text):
        names = _names(m.group("names"))
        if len(names) < 2:
            return None
        return Decimal(m.group(2)), len(names), names, text[m.end() :]
    return None


def _names_one(rest: str, names: tuple[str, ...]) -> bool:
    """Whether the words before the step ("到位率每低于…") share two characters with some item's name, and so
    may restrict the step to that item."""
    clause = next((c for c in re.split(r"[,;。]", rest) if "每" in c), "")
    before = clause[: clause.index("每")] if clause else ""
    pairs = {before[i : i + 2] for i in range(len(before) - 1)}
    return any(p in n for p in pairs for n in names if re.fullmatch(r"[\u4e00-\u9fa5]{2}", p))


_DEFINED = re.compile(r"为(?:基本)?(?:达标|合格)$")


def _for_each(rest: str, names: tuple[str, ...]) -> str:
    """The rest without what speaks of every item alike: a sentence naming them all that defines the level the
    step starts from ("COD、氨氮全年达标率大于70%为基本达标", its numbers written again in the rest), and "每项因子"
    / "扣该项因子1.5分" (each item's own marks: the rule is one item's)."""
    kept = []
    sentences = [s for s in rest.split("。") if s]
    for i, sentence in enumerate(sentences):
        others = "。".join(sentences[:i] + sentences[i + 1 :])
        numbers = re.findall(r"\d+(?:\.\d+)?%?", sentence)
        if (
            _DEFINED.search(sentence)
            and all(item_core(n) in sentence for n in names)
            and all(n in others for n in numbers)
        ):
            continue
        kept.append(sentence)
    rest = "。".join(kept)
    rest = re.sub(r"每(?:项|个)(?:因子|指标)(?=每)", "", rest)
    return re.sub(r"扣该(?:项)?(?:因子|指标)(?=\d)", "扣", rest)


def each_item(text: str) -> Rule | None:
    """ "(12分×2项,即牲畜口蹄疫和禽流感)…每低1个百分点扣2分" and its kin (module docstring)."""
    text = full_in_words(text)  # "得100%分" is full marks
    read = _preface(text)
    if read is None:
        return None
    each, count, names, rest = read
    if count < 2 or each <= 0:
        return None
    rest = _for_each(rest, names)
    if any(item_core(n) in rest for n in names) or _names_one(rest, names):
        return None  # the rest speaks of one item: not one rule for each
    inner = per_point(rest.strip("。;,"))
    if not isinstance(inner, PerPoint):
        return None
    if inner.full is not None and inner.full != each:
        return None
    return EachItem(rule=inner, each=each, count=count, names=names)
