"""Counts: how many cases, items or places an actual states, and the rule that scores each one counted
("每实现一个乡镇…得0.5分，最高得2分"; "1个部门0.5分，满分2分"; "每完成一人得1分").

An actual is a count in the rule's counter ("3个", "2个部门", "缺2项", "2项未完成"), a bare whole
number ("3"), or a statement that none was found ("无", "未发现", "无超标准执行", "4项全部完成" when
the rule counts 未完成). Words beside the count must be the rule's own words for what it counts; a
count in another counter ("3所" for "一个学校"), a fraction of a case or any other text is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt, to_decimal
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_statements import (
    NONE,
    PERIOD,
    also_a_veto,
    names_a_count,
    none_of,
    not_done,
    veto_counted,
    veto_denied,
    veto_in,
)
from medaid.evaluation.rules.count_vocab import (
    CHANGE,
    CN_NUMBER,
    COUNTER,
    NUMBER,
    PART,
    classifies,
    cn_int,
    plain,
    same_counter,
    simplified,
    statements,
)

# CN_NUMBER, cn_int and plain are re-exported for the rank readers.
__all__ = [
    "CN_NUMBER", "Count", "CountScore", "actual_count", "cn_int", "count_score_from_mapping",
    "plain", "read_count", "spec_decimal", "spec_words",
]  # fmt: skip

_GENERIC = {"", "问题", "情况", "此类问题", "此类情况", "该情况", "问题情况", "不符合情况", "此情况", "该类情况",
            "该类问题", "上述情况", "上述问题", "以上情况", "以上问题", "类似情况", "类似问题", "此种情况"}  # fmt: skip
_PLAIN_GENERIC = {p for g in _GENERIC for p in (g, plain(g))}  # "无此类情况": plain() drops the tail "情况"


@dataclass(frozen=True)
class Count:
    """What an actual says: the count (None: not read), how it was read or why not, and the vetoes
    ("弄虚作假的不得分") it says happened or did not."""

    value: Decimal | None
    how: str
    veto: str | None = None
    cleared: tuple[str, ...] = ()


def read_count(
    text: str,
    *,
    unit: str | None,
    what: str = "",
    subject: str = "",
    vetoes: tuple[str, ...] = (),
    clears: tuple[str, ...] = (),
    condition: str = "",
    limits: tuple[str, ...] = (),
) -> Count:
    """The count an actual (or a 扣分说明) states, in the rule's counter ``unit`` (None: any counter).
    ``clears``: requirements whose restatement says none was found ("达到任务书要求"). A statement that only
    says the item failed ("未达到要求") or a percentage ("水质比例100%") counts nothing and is set aside."""
    from medaid.evaluation.rules.count_words import (
        all_done,
        heading,
        limit_denied,
        limit_reached,
        names_it,
        restates,
        sample,
        shortfalls,
        states_condition,
        written,
    )

    norm = normalize_text(simplified(text)).replace("“", "").replace("”", "").replace('"', "")
    shown = unit or "处"
    counts: list[Decimal] = []
    veto: str | None = None
    cleared: list[str] = []
    restated = partial = False
    segments, notes = shortfalls(statements(norm), what)
    for segment in segments:
        segment = PERIOD.sub("", segment) or segment  # "全年举办培训3次": the period the actual covers
        if (hit := veto_in(segment, vetoes)) is not None:
            veto = hit
            continue
        if (hit := veto_denied(segment, vetoes)) is not None:
            cleared.append(hit)
            continue
        if (reached := limit_reached(segment, limits)) is not None:
            if reached[1] is None:
                return Count(None, f"“{segment}”恰在“{written(reached[0])}”的界限上，评分标准未写明是否含本数")
            veto = reached[0] if reached[1] else veto
            cleared += [] if reached[1] else [reached[0]]
            notes += [] if reached[1] else [f"“{segment}”未达到“{written(reached[0])}”该项不得分的界限"]
            continue
        if not re.search(r"\d", segment) and (met := [c for c in clears if restates(segment, c.rstrip(PART))]):
            # a count beside it ("评定合格,投诉0次") is the count; alone it says none was found, unless it is only
            # one of the requirements ("评定合格" of "评定合格,且未发生投诉和通报")
            restated = restated or any(not c.endswith(PART) for c in met)
            partial = partial or all(c.endswith(PART) for c in met)
            notes.append(f"“{segment}”即评分标准得满分的条件，按未发现计")
            continue
        if (said := veto_counted(segment, vetoes)) is not None:
            veto, cleared = (said[0], cleared) if said[1] else (veto, [*cleared, said[0]])
            continue
        if (
            heading(segment)
            or sample(segment)
            or (re.search(r"\d%", segment) and not re.search(rf"\d{COUNTER}", segment))
        ):
            notes.append(f"“{segment}”不是{shown}数，未计")
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", segment):  # a bare number: the count, if whole
            value = Decimal(segment)
            if value != value.to_integral_value():
                return Count(None, f"“{segment}”不是整{shown}数")
            counts.append(value.to_integral_value())
            continue
        if (none := NONE.match(segment)) and not names_a_count(segment, what, subject):
            rest = none.group(1)
            if (hit := veto_in(rest, vetoes) or limit_denied(rest, limits)) is not None:
                cleared.append(hit)
            elif plain(rest) in _PLAIN_GENERIC or plain(rest) == plain(what) or none_of(rest, what):
                counts.append(ZERO)
            else:
                return Count(None, f"“{segment}”未说明发现的{shown}数")
            continue
        if not re.search(r"\d", segment) and not_done(segment, what):
            counts.append(ZERO)
            continue
        found = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(\D*)", segment)
        if found is None:
            if all_done(segment, what, alone=segment == norm):
                counts.append(ZERO)
                continue
            return Count(None, f"“{segment}”不是{shown}数")
        pre, number, counter, post = found.groups()
        post = re.sub(r"^\((.+)\)$", r"\1", post)  # "3处(台账不规范)": what is counted, in brackets
        counted = cn_int(number)
        if counted is None or counted != counted.to_integral_value():
            return Count(None, f"“{segment}”不是整{shown}数")
        if unit is not None and not same_counter(counter, unit) and not classifies(counter, unit, subject):
            return Count(None, f"“{segment}”的单位是{counter}，规则按{unit}计")
        if not pre and all_done(post, what):
            counts.append(ZERO)
            continue
        if not names_it(pre + post, what, subject) and not states_condition(pre + post, subject or what, condition):
            return Count(None, f"“{segment}”与规则所计的“{what}”不一致")
        if other := also_a_veto(pre + post, what, vetoes):
            return Count(None, f"“{segment}”也可能是“{other}”（该项不得分），无法判断是哪一类")  # "保险缺失1项"
        if not plain(pre + post) and what and CHANGE.match(plain(what)):
            return Count(None, f"规则按{what}的数量计分，“{segment}”未写明是增加数")
        if not pre + post and any(sample(s) for s in segments):
            return Count(None, f"“{segment}”写在抽查数旁，未写明是发现的问题数")  # "抽查20例,2例": 2 of what?
        counts.append(counted)
    if restated and any(counts):  # "达到目标要求,2个断面未达标": the full marks' condition met, and cases found
        return Count(None, f"“{text}”既写明达到得满分的条件，又写明发现的{shown}数，无法判断按哪一个计")
    if not counts and restated:
        counts.append(ZERO)
    if not counts and veto is None and partial:
        return Count(None, f"“{text}”只写明得满分条件的一部分，未写明{shown}数")
    if not counts and veto is None:
        return Count(None, f"“{text}”未写明{shown}数")
    if len(counts) > 1:
        return Count(None, f"“{text}”写有多个数，无法判断按哪一个计")
    total = counts[0] if counts else None
    how = f"{fmt(total)}{shown}" if total is not None else ""
    if how and norm != how:
        how += f"（“{text.strip()}”{'；' + '；'.join(notes) if notes else ''}）"
    return Count(total, how, veto=veto, cleared=tuple(cleared))


def actual_count(
    inputs: Inputs,
    unit: str | None,
    what: str,
    subject: str,
    vetoes: tuple[str, ...],
    clears: tuple[str, ...] = (),
    condition: str = "",
    limits: tuple[str, ...] = (),
) -> tuple[Count, str]:
    """The count read from the actual, or from the 扣分说明 when there is no actual; and where from."""

    def read(text: str) -> Count:
        return read_count(
            text,
            unit=unit,
            what=what,
            subject=subject,
            vetoes=vetoes,
            clears=clears,
            condition=condition,
            limits=limits,
        )

    if inputs.actual is not None:
        return read(inputs.actual.text), "实际完成值"
    if inputs.note:
        return read(inputs.note), "扣分说明"
    return Count(None, "未填写实际完成值"), "实际完成值"


@dataclass(frozen=True)
class CountScore(Rule):
    """每完成（实现、开展）一个（项、人）得 X 分，最高得 Y 分；“1个部门0.5分，满分2分”。

    The actual is the number done in ``unit`` ("3个"); the score is count ÷ ``per`` × ``points``, at most
    ``cap`` (the text's 最高/满分/不超过) and the weight — above the weight only when the text writes a cap
    above it and the framework allows a bonus (with no cap written, the weight is the cap). ``base``: the
    基本分 it starts from.
    """

    points: Decimal
    per: Decimal = Decimal(1)
    cap: Decimal | None = None
    unit: str | None = None
    what: str = ""
    subject: str = ""
    base: Decimal = ZERO  # "公司本部得基本分3分,…每个区县加1分": the score before any is counted
    condition: str = ""  # what each one counted must be ("在市辖各区县有设置分支机构的"), which an actual may restate

    kind = "count_score"
    label = "按完成数计分"

    def params(self) -> dict[str, object]:
        return {"points": float(self.points), "per": float(self.per),
                "cap": None if self.cap is None else float(self.cap), "unit": self.unit, "what": self.what,
                "subject": self.subject, "base": float(self.base), "condition": self.condition}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.cap if self.cap is not None else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        condition = self.condition or self.what  # the words of what is counted, in any order
        count, source = actual_count(inputs, self.unit, self.what, self.subject, (), condition=condition)
        unit = self.unit or "个"
        if count.value is None:
            return Outcome(None, f"{source}无法读出完成数：{count.how}")
        steps = count.value / self.per
        if steps != steps.to_integral_value():
            return Outcome(None, f"完成 {count.how}，不足每 {fmt(self.per)}{unit} 的部分如何计分规则未写明")
        raw = self.base + steps * self.points
        each = f"每 {fmt(self.per)}{unit}得 {fmt(self.points)} 分"
        base = f"基本分 {fmt(self.base)} + " if self.base else ""
        reason = f"{source} {count.how}，{each}，{base}{fmt(steps)} × {fmt(self.points)} = {fmt(raw)}"
        score = raw
        if self.cap is not None and score > self.cap:
            score, reason = self.cap, reason + f"，最高 {fmt(self.cap)} 分"
        if score > inputs.weight and not (inputs.bonus_allowed and self.cap is not None):
            score, reason = inputs.weight, reason + f"，超过分值按 {fmt(inputs.weight)} 分计"
        return Outcome(score, f"{reason}；得分 {fmt(score)}")


def spec_decimal(spec: Mapping[str, object], key: str, *, positive: bool = False) -> Decimal | None:
    """A number of a structured rule, or None when absent; RuleSpecError when it is not one."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key)
    if raw is None:
        return None
    value = to_decimal(raw)
    if value is None or (positive and value <= 0):
        raise RuleSpecError(f"规则参数 {key} 应为{'正数' if positive else '数字'}，实际为“{raw}”")
    return value


def spec_words(spec: Mapping[str, object], key: str) -> tuple[str, ...]:
    """A list of conditions ("vetoes": [弄虚作假]) of a structured rule."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key) or []
    if not isinstance(raw, list | tuple):
        raise RuleSpecError(f"规则参数 {key} 应为列表")
    return tuple(str(x) for x in raw)


def count_score_from_mapping(spec: Mapping[str, object], text: str | None) -> CountScore:
    """{type: count_score, points: 0.5, per: 1, cap: 2, unit: 个, what: 乡镇}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    points = spec_decimal(spec, "points", positive=True)
    if points is None:
        raise RuleSpecError("count_score 规则缺少参数 points（每个得分）")
    unit = spec.get("unit")
    return CountScore(points=points, per=spec_decimal(spec, "per", positive=True) or Decimal(1),
                      cap=spec_decimal(spec, "cap"), unit=str(unit) if unit else None,
                      what=str(spec.get("what") or ""), subject=str(spec.get("subject") or ""),
                      base=spec_decimal(spec, "base") or ZERO, condition=str(spec.get("condition") or ""),
                      text=text)  # fmt: skip
