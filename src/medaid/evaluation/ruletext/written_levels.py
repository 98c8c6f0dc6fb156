"""Bonus steps both ways around a level the text writes with its score (numbers family, session 8).

How tables write it (village and township 目标考核, 乡镇经济考核): a clause naming the level reached and what it
scores, then one step each way, often written once with the other side in brackets:
- "二、三产业税收较上年增长20%的得20分,每增(减)1个百分点加(减)5分"
- "特色产业占比重达50%的得10分,每增(减)1个百分点加(减)5分"
- "引进项目5个得10分,每增加1个加2分,每减少1个扣2分"
- "按时间进度完成县指导计划数计300分,高于计划数1个百分点加5分,但最高加分不超过50分;低于计划数1个百分点扣5分"
  (the level is completing the plan: 100 % of it; a step of one written without 每 is per one, as elsewhere)

Pattern: one clause "[subject, no number] (达/达到/为/是/增长/提高/实现/完成)? N<unit> (的)? ,? (该项/本项)?
得/计/记/给 B分", N a percentage or a count in a unit of the actual; steps both ways ("每增(减)…", "每增加…加…;每
减少…扣…") in that unit (for a percentage: 百分点, or % read as points of a percentage); the caps the step readings
know. The clause is read as the base ("完成得基本分B分") and the rest by ``bonus.step_bonus``; the level N becomes
the rule's written reference (``StepBonus.written``), which a row target must equal.

Not read (None): a subject that denies or falls short ("未完成5个的", "不足5个的") or counts per thing ("每村"), a
subject naming the target, the plan or the task before a percentage ("完成任务的90%得8分": a
share of the target, not the value itself), a subject with a number or a second requirement (且/并/同时/和…以上:
"有投入过10万元的项目、年纯收入2万元以上的得15分"), two such clauses, steps one way only (a threshold with upward
steps is ``bonus_reference.step_bonus_threshold``'s), steps in another unit, less-is-better steps, tiers.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Rule, StepBonus
from medaid.evaluation.rules.bonus import Reference
from medaid.evaluation.ruletext.bonus import step_bonus

_N = r"\d+(?:\.\d+)?"
_UNIT = r"%|[万亿]?元|人次|户次|人|户|个|项|家|名|所|座|场|条|篇|件|次|亩|公顷|吨|公里|天"
_LEVEL = re.compile(
    rf"(?:^|(?<=[,;。]))(?P<subject>[^,;。\d]{{0,30}}?)(?P<verb>达到|达|为|是|增长|提高|实现|完成)?(?P<n>{_N})"
    rf"(?P<unit>{_UNIT})(?:的)?,?(?:该项|本项|此项)?(?:得|计|记|给)(?P<base>{_N})分(?=[,;。]|$)"
)
# a share of the target before a percentage ("完成任务的90%"), or a second requirement in the subject
_SHARE_OF_PLAN = re.compile(r"目标|任务|计划|指标|规定|要求|标准")
_SECOND = re.compile(r"且|并且|同时|以上|以下|以内|不低于|不少于|超过|低于")
# a level denied or short ("未完成5个的", "不足5个的"), or counted per thing ("每村…"): not the level reached
_DENIED = re.compile(r"未|不|没|无|非|缺|少|差|每")
# "完成县指导计划数计300分" then "高于计划数1个百分点加5分": the level is the plan completed, 100 % of it
_PLAN_MET = re.compile(
    rf"(?:^|(?<=[,;。]))(?P<subject>[^,;。\d]{{0,20}}?)完成[^,;。\d]{{0,10}}?(?:计划|任务)(?:数)?(?:的)?,?"
    rf"(?:该项|本项)?(?:得|计|记|给)(?P<base>{_N})分(?=[,;。]|$)"
)
_PLAN_STEP = re.compile(
    r"(?:^|(?<=[,;。]))(?P<verb>高于|超过|超出|低于|少于|不足)(?:计划|任务)(?:数)?(?:的)?[1一](?P<unit>百分点|%)(?:的)?,?"
    r"(?P<sign>加|扣|减)"
)


def step_bonus_level(text: str) -> Rule | None:
    """Steps both ways around a level the text writes with its score (module docstring); None for any other text."""
    return _plan_met(text) or _written_level(text)


def _written_level(text: str) -> Rule | None:
    found = list(_LEVEL.finditer(text))
    if len(found) != 1:
        return None
    level = found[0]
    n, unit, subject = level.group("n"), level.group("unit"), level.group("subject")
    if _SECOND.search(subject) or _DENIED.search(subject) or (unit == "%" and _SHARE_OF_PLAN.search(subject)):
        return None
    work = text[: level.start()] + f"完成得基本分{level.group('base')}分" + text[level.end() :]
    rule = step_bonus(work)
    if not _two_sided(rule, level.group("base")):
        return None
    assert isinstance(rule, StepBonus) and rule.up is not None and rule.down is not None
    written = parse_quantity(f"{n}{unit}")
    if written is None or written.value is None:
        return None
    for step in (rule.up, rule.down):
        if step.relative or (unit == "%") != (step.unit in ("%", "百分点")):
            return None
        if unit != "%" and step.unit != written.unit:
            return None  # a step in another unit than the level
    return dataclasses.replace(rule, written=f"{n}{unit}", text=text)


def _plan_met(text: str) -> Rule | None:
    """ "完成…计划数计300分,高于计划数1个百分点加5分…;低于计划数1个百分点扣5分": percentage points of the plan's
    completion both ways around 100 %."""
    met = list(_PLAN_MET.finditer(text))
    steps = list(_PLAN_STEP.finditer(text))
    if len(met) != 1 or len(steps) != 2 or "每" in text:
        return None
    work = text
    for step in reversed(steps):  # "高于计划数1个百分点加5分" is per point: "每高于1百分点加5分"
        work = (
            work[: step.start()]
            + f"每{step.group('verb')}1{step.group('unit')}{step.group('sign')}"
            + work[step.end() :]
        )
    match = _PLAN_MET.search(work)
    assert match is not None
    work = work[: match.start()] + f"完成得基本分{match.group('base')}分" + work[match.end() :]
    rule = step_bonus(work)
    if not _two_sided(rule, match.group("base")):
        return None
    assert isinstance(rule, StepBonus) and rule.up is not None and rule.down is not None
    if any(s.relative or s.unit not in ("%", "百分点") for s in (rule.up, rule.down)):
        return None
    return dataclasses.replace(rule, written="100%", text=text)


def _two_sided(rule: Rule | None, base: str) -> bool:
    if not isinstance(rule, StepBonus) or rule.base != Decimal(base) or rule.up is None or rule.down is None:
        return False
    if rule.reference is not Reference.TARGET or rule.lower_better or rule.up2 is not None:
        return False
    return not (rule.below_share or rule.zero_below or rule.short_from is not None or rule.written is not None)
