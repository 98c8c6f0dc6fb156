"""Two general wordings around a named rate (formulas family, issue 13, session 6).

1. The rate computed from two counts, then scored by itself: "根据A数和B数计算X率,按其比率赋分", "依据…统计
   出X率,按该比例计分", "以…核算X率，按此百分比给分". The family: a lead (根据/依据/按/以/按照) naming what the
   rate is computed from, a verb of computing (计算/统计/核算/测算/计算出/得出), one name ending 率 (or 度), then
   "按/以/依" + a pronoun for that rate (其/该/此/这一, optional) + 比率/比例/百分比/率/率值 + a scoring verb
   (赋分/计分/得分/给分/计算得分). Read as 得分 = 分值 × X率 (a percentage actual). Not read: a rate better the
   lower it is (结余率, 差错率…: the rate × the weight would reward the worse value), any number or marks
   beside it (a threshold or a step says more than the ratio), or a second rate named.
2. A heading stating the item's total marks before a formula: "该项指标总计分为60分。计分公式:综合达标率×60",
   "本项满分20分,得分=达标率×20", "记分10分:按完成率×分值计算". The heading (该项/本项/此项/该指标 +
   总计分/总分/满分/记分/计分/分值 + 为 + N分, then 。/,/;/:) only states the full marks; the rest must be
   read as a formula on its own, and the full marks are then N at most (a formula giving more than the row's
   weight at the target is refused when scoring, as any formula).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from decimal import Decimal

from medaid.evaluation.rules import Proportional, RateTimesWeight, Rule
from medaid.evaluation.rules.expressions import Expression
from medaid.evaluation.rules.formulas import Formula
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.named_quantities import says_less

_BY_ITS_RATIO = re.compile(
    r"^(?:根据|依据|按照|按|以|通过)(?P<from>[^,;。:\d%]{2,40}?)(?:计算|统计|核算|测算|算)(?:出|得出)?(?:的)?"
    r"(?P<name>[\u4e00-\u9fa5]{1,16}?(?:率|度))[,;]?"
    r"(?:按|以|依|依据)(?:照)?(?:其|该|此|这一|该项)?(?:比率|比例|百分比|率值|率|实际比率|实际比例)"
    r"(?:赋分|计分|得分|给分|计算得分|计算分值|计算)[。]?$"
)


def rate_by_its_ratio(text: str) -> Rule | None:
    """ "根据A数和B数计算X率,按其比率赋分": the weight × the rate (module docstring, 1)."""
    found = _BY_ITS_RATIO.match(text)
    if found is None:
        return None
    name = found.group("name")
    if says_less(name) or re.search(r"率|度", found.group("from")):
        return None  # a rate better the lower it is, or a second rate named
    return RateTimesWeight()


_OWNER = r"(?:该项|本项|此项|该指标|本指标)(?:指标)?"
_MARKS = r"(?:总计分|总分值|总分|满分|记分|计分|分值)"
# the heading first ("本项满分30分。", "记分10分:", "本项10分,") or last (",本项满分10分。")
TOTAL = re.compile(rf"^(?:{_OWNER}?{_MARKS}|{_OWNER})(?:为|是|共)?{NUM}分[。,;:]")
_TOTAL_LAST = re.compile(rf"[。,;](?:{_OWNER}?{_MARKS}|{_OWNER})(?:为|是|共)?{NUM}分[。]?$")


def stated_heading(text: str) -> tuple[Decimal, str] | None:
    """ "本项满分30分。得分=…", "按完成比例计分,本项满分10分": the marks the heading states and the rest of the
    text; None without a heading."""
    if (found := TOTAL.match(text)) is not None:
        return Decimal(found.group(1)), text[found.end() :]
    if (found := _TOTAL_LAST.search(text)) is not None:
        return Decimal(found.group(1)), text[: found.start()]
    return None


def with_stated_full(rule: Rule | None, total: Decimal) -> Rule | None:
    """The reading of the text after a heading, keeping the heading's marks (module docstring, 2): scored only
    where they are the row's weight (``rules.stated_marks``). A formula with its own points other than the
    heading's, or a reading that could not keep the marks, is not read."""
    said = f"本项满分 {total.normalize():f} 分（文中所写），其后的公式"
    if isinstance(rule, Expression):
        most = total if rule.most is None else min(total, rule.most)
        read_as = f"{said}；{rule.read_as}" if rule.read_as else said
        return dataclasses.replace(rule, most=most, read_as=read_as, stated_full=total)
    if isinstance(rule, Formula) and rule.points in (None, total):
        return dataclasses.replace(rule, stated_full=total)  # "×60" after "总计分为60分": the same marks
    if type(rule) in (RateTimesWeight, Proportional):
        return dataclasses.replace(rule, stated_full=total)  # type: ignore[type-var]
    return None


def total_then_formula(text: str, read: Callable[[str], Rule | None]) -> Rule | None:
    """ "该项指标总计分为60分。计分公式:综合达标率×60": the heading's marks, then the formula (module docstring, 2)."""
    heading = stated_heading(text)
    if heading is None:
        return None
    return with_stated_full(read(heading[1]), heading[0])
