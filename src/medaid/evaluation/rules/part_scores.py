"""How one part of a composite rule (``rules.composite``) is scored from what a description says of it: by its
own rule, with the one number said (a rate, a count of faults, a shortfall from the least required, the value of
a step against a stated reference), else, for an all-or-nothing part, by whether the statements say its
requirement is met (``part_statements.said_met``; never, for a requirement of a number, by words without one).
"""

from __future__ import annotations

import re

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.cases import PerCase
from medaid.evaluation.rules.completion import Proportional
from medaid.evaluation.rules.deduction import PerPoint
from medaid.evaluation.rules.frequency_levels import FrequencyLevels
from medaid.evaluation.rules.item_overlap import denies_clause, swapped_qualifier
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.part_statements import NEGATION, all_or_nothing, requirement, said_met, settled_by_holds
from medaid.evaluation.rules.parts import Part
from medaid.evaluation.rules.phrasing import VERBS
from medaid.evaluation.rules.statements import NOT_NOW

_DONE = re.compile(r"完成(?:率|了|为|达|达到)?\d+(?:\.\d+)?%")
_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:%|‰)")


_FAULT = re.compile(rf"{NEGATION.pattern}|少|错|差")  # the words a count of faults is said with


def _fault_count(rule: Rule, text: str) -> Quantity | None:
    """ "认定基础数据不准确3项" for "每认定1项扣0.5分": the one number said in the rule's unit, of a fault (a
    statement with a negation or 少/错/差); "被采用5篇" is what was done, not a count of faults."""
    counting = isinstance(rule, PerCase) or (isinstance(rule, PerPoint) and rule.from_zero)  # "每缺1项扣0.5分"
    unit = getattr(rule, "unit", None) if counting else None
    found = re.findall(rf"(?<![\d.])(\d+){re.escape(unit)}", text) if unit else []
    if len(found) != 1 or len(re.findall(r"\d+", text)) != 1 or not _FAULT.search(text):
        return None
    return parse_quantity(f"{found[0]}{unit}")


_AT_LEAST = r"(?:不少于|不低于|至少)"
_ONE = re.compile(r"(?<![\d.])1(?=[户次例人家件起处])")


def _shortfall(part: Part, text: str) -> tuple[str, Quantity] | None:
    """ "采用不少于4篇4分,采稿每少一篇扣1分" against "被采用2篇": what was done, one number in the rule's unit and no
    fault word, is short of the least required by the difference (少2篇); at or above it, by none."""
    rule = part.rule
    if not isinstance(rule, PerCase) or not rule.unit or "少" not in (rule.what or ""):
        return None
    unit = re.escape(rule.unit)
    need = re.findall(rf"{_AT_LEAST}(\d+){unit}", part.name)
    done = re.findall(rf"(?<![\d.])(\d+){unit}", text)
    if len(need) != 1 or len(done) != 1 or len(re.findall(r"\d+(?:\.\d+)?", text)) != 1 or _FAULT.search(text):
        return None
    if not _says_counted(part.name, text):
        return None  # s9: "报送宣传信息4篇", "被县民政网站采用4篇" are not the 采用 by 省、市 sites counted
    short = max(0, int(need[0]) - int(done[0]))
    said = f"（要求{need[0]}{rule.unit}以上，实际{done[0]}{rule.unit}，即少{short}{rule.unit}）"
    quantity = parse_quantity(f"{short}{rule.unit}")
    return None if quantity is None else (said, quantity)


_ADOPTED = re.compile(r"采用|采纳|刊登|刊发|录用|转载|推广")


def _says_counted(name: str, text: str) -> bool:
    """Whether a statement of a count says nothing the rule does not name ("被县民政网站采用4篇": another place) and,
    when the rule counts what was adopted or published (采用, 刊登…), says that ("报送宣传信息4篇" does not)."""
    rule_words = canon(name)
    said = re.sub(r"\d+(?:\.\d+)?", "", canon(text))
    if any(m.group(0) not in said for m in _ADOPTED.finditer(rule_words)):
        return False
    return set(re.findall(r"[\u4e00-\u9fa5]", said)) <= set(rule_words) | set("的了已均都共计")


def _done_against_reference(part: Part, text: str) -> Quantity | None:
    """ "报送简报不少于6期(3分),每少1期扣0.5分" (a step against a stated value) against "报送简报4期": the one number
    said in the step's unit, of what was done (no fault word: "少报2期" is a shortfall, not the value)."""
    rule = part.rule
    if not isinstance(rule, PerPoint) or rule.reference is None or not rule.unit or _FAULT.search(text):
        return None
    found = re.findall(rf"(?<![\d.])(\d+(?:\.\d+)?){re.escape(rule.unit)}", text)
    if len(found) != 1 or len(re.findall(r"\d+(?:\.\d+)?", text)) != 1:
        return None
    return parse_quantity(f"{found[0]}{rule.unit}")


def score_part(part: Part, text: str, source: str) -> Outcome:
    """One part's score from what is said of it: by its own rule (with the one number said, for a rule on a
    value), else, for an all-or-nothing part, by whether the statements say its requirement is met."""
    from medaid.evaluation.actual_text import apply_rule

    if (late := NOT_NOW.search(text)) and late.group(0) not in part.name:  # s9: "有上年度工作计划", "拟建立台账"
        return Outcome(None, f"“{text}”含“{late.group(0)}”，说的不是本期已做到的情况，该部分无法计分")
    wanted = canon(requirement(part))
    for said in (canon(x) for x in text.split("，")) if settled_by_holds(part) and not NEGATION.search(wanted) else ():
        if NEGATION.search(said) and not denies_clause(said, wanted):  # s9: "工作总结未上报", "专项经费不足"
            return Outcome(None, f"“{said}”否定的不是“{requirement(part)}”本身（另一做法或不足），该部分无法计分")
        if not NEGATION.search(said) and _predicate_left(said, wanted):  # s9: "有工作" of "有工作方案"
            return Outcome(None, f"“{said}”未说出“{requirement(part)}”的末尾“{wanted[-2:]}”，该部分无法计分")
        if not NEGATION.search(said) and not _gaps_said(said, wanted):  # s9: "有卫生经费" of "有专项卫生经费"
            return Outcome(None, f"“{said}”未说出“{requirement(part)}”所要求的限定词，该部分无法计分")
        if swapped_qualifier(said, (wanted,), [1]):  # s9: "训练经费有保障" of "活动经费有保障"
            return Outcome(None, f"“{said}”所说之物与“{requirement(part)}”不同，该部分无法计分")
    tries = [("", Inputs(weight=part.full, actual=parse_quantity(text) if source == "实际" else None,
                         note=text if source == "说明" else None))]  # fmt: skip
    numbers = re.findall(r"(?<![\d.])\d+(?:\.\d+)?", text)
    if len(numbers) == 1 and len(rates := _PERCENT.findall(text)) == 1:  # "完成任务的90%": a rate, not a count
        # "按实际比例计分" of "发放完成95%": a share of what was to be done, against all of it
        whole = isinstance(part.rule, Proportional) and _DONE.search(text) is not None
        said = "（“完成…%”为完成比例，全部完成按100%计）" if whole else ""
        tries.append((said, Inputs(weight=part.full, target=parse_quantity("100%") if whole else None,
                                   actual=parse_quantity(rates[0]), note=text)))  # fmt: skip
    # "发现1户未纳入" of a level written "发现一户未纳入": one case is written either way
    if source == "说明" and (spelled := _ONE.sub("一", text)) != text:
        tries.append(("", Inputs(weight=part.full, note=spelled)))
    counted = _fault_count(part.rule, text)
    if counted is not None:
        tries.append(("", Inputs(weight=part.full, actual=counted, note=text)))
    if (short := _shortfall(part, text)) is not None:
        tries.append((short[0], Inputs(weight=part.full, actual=short[1], note=text)))
    if (done := _done_against_reference(part, text)) is not None:
        tries.append(("", Inputs(weight=part.full, actual=done, note=text)))
    reason = ""
    for said, inputs in tries:
        outcome = apply_rule(part.rule, inputs)
        if outcome.score is not None and not outcome.needs_judgement and ZERO <= outcome.score <= part.full:
            return Outcome(outcome.score, said + outcome.reason)
        reason = reason or outcome.reason
    if isinstance(part.rule, FrequencyLevels):  # (s9) a frequency is its period, never "即符合" by its words
        return Outcome(None, reason)
    met = {_said_met(x, part) for x in text.split("，")}
    if len(met) == 1 and (answer := met.pop()) is not None and (answer or all_or_nothing(part)):
        got = part.full if answer else ZERO
        verdict = "符合" if answer else "不符合"
        return Outcome(got, f"“{text}”即{verdict}“{requirement(part)}”，计 {fmt(got)} 分")
    return Outcome(None, reason)


_BOUND = re.compile(r"不少于|不低于|不超过|不高于|不多于|不大于|不小于|不足|以上|以下|以内|至少|达到|达")


def _said_met(statement: str, part: Part) -> bool | None:
    """``said_met``, save that a requirement of a number ("被采用不少于4篇") is never met by words without one
    (s9: "未被省、市民政网站采用" was read as meeting it: the 未 and the 不 of 不少于 were counted as a pair)."""
    wanted = requirement(part)
    if re.search(r"\d", wanted) and not re.search(r"\d", statement) and _BOUND.search(wanted):
        return None
    met = said_met(statement, part)
    if met and not _gaps_said(statement, wanted):
        return None  # s9: "有卫生经费" of "有专项卫生经费", "材料均已上报" of "按要求及时上报相关材料"
    if met is False and not denies_clause(canon(statement), canon(wanted)):
        return None  # "工作总结未上报" does not deny "有工作总结"
    return None if met and (_predicate_left(statement, wanted) or _quality_first(statement, wanted)) else met


_FIRST = re.compile(r"^(?:定期|及时|按时|按期|如期|足额|规范|专职|专门|全面|严格|每月|每季|每年|按月|按季|按年)")


def _quality_first(statement: str, wanted: str) -> bool:
    """Whether a requirement begins with a quality a statement does not say: "开展了安全检查" of "定期开展安全检查"."""
    found = _FIRST.match(canon(wanted))
    return found is not None and found.group(0) not in canon(statement)


_HEADS = re.compile(r"(?:现象|情况|情形|问题|行为|事件|事项|工作|材料|资料|文件|任务)$")


def _predicate_left(statement: str, wanted: str) -> bool:
    """Whether a statement leaves out what a requirement says last of its thing: "有办公设备" of "办公设备先进" (s9:
    read as meeting it); not an object ("按时申报" of "按时申报绩效目标", "按规定时间报送" of "…报送…申请材料") nor a
    generic head ("无缺会" of "无缺会现象")."""
    said, want = canon(statement), canon(wanted).replace("|", "")
    ends = [i for i in range(len(want) - 1) if want[i : i + 2] in said]
    if not ends:
        return False
    last = ends[-1]
    tail = want[last + 2 :].strip("的了")
    # a word of two characters after the thing is what is said of it ("先进", "完备"); a longer tail is an object
    return len(tail) == 2 and not _HEADS.search(tail) and not re.fullmatch(VERBS, want[last : last + 2])


_QUALIFIER = re.compile(
    r"针对性|及时|足额|按时|按期|如期|全面|完整|规范|齐全|准确|真实|严格|科学|合理|明确|健全|到位|公开|完善|按规定"
    r"|按要求|按程序|详细|专门|专职|专项|专人|独立|固定|定期|每月|每季|每年|按月|按季|按年"
)


def _gaps_said(statement: str, wanted: str) -> bool:
    """Whether a statement naming no quality, that meets a requirement by its words, leaves out no quality inside
    the words it says ("有卫生经费": 专项 of "有专项卫生经费") or before them ("材料均已上报": 按要求及时 of
    "按要求及时上报相关材料"); other words (a subject, 资料 of 基础数据资料, an object after) may be left out."""
    said = re.sub(r"[的了已均都也]", "", canon(statement))
    want = canon(wanted).replace("|", "")
    pairs = {said[i : i + 2] for i in range(len(said) - 1)}
    covered = {j for i in range(len(want) - 1) if want[i : i + 2] in pairs for j in (i, i + 1)}
    if not covered:
        return True
    lo, hi = min(covered), max(covered)
    gaps = re.findall(r"[^\x00]+", "".join("\x00" if i in covered else c for i, c in enumerate(want[lo : hi + 1], lo)))
    if _QUALIFIER.search(said):
        return True  # a statement naming a quality itself ("基础数据完整准确") is left to the other rules
    return not any(_QUALIFIER.search(g) for g in [*gaps, want[max(0, lo - 4) : lo]])  # the words just before
