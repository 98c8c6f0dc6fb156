"""A rule read from the rest of a text, with what the taken-out words still say (lists family, session 9).

- ``NotAssessed``: "没有年度任务的按缺项考核计分" — a unit without the task is not scored on this row at all (the
  row is a 缺项: left out of the total), so an actual or explanation that says it has no such task is refused,
  saying so; any other actual is scored by the rest of the text.
- ``StatedFull``: "…没有分工文件不得分(5分)" — the bracket after the last clause states the rule's full marks; a
  row of another weight is refused (the text's scale and the row disagree), any other is scored by the rest.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.statements import NOT_NOW

# a statement that the unit has no such thing: "没有年度任务", "本年度无任务", "未下达任务" (not "没有完成任务")
_ABSENT = re.compile(r"(?:无|未下达|未安排|未分配|不涉及)(?P<between>[^,;。]{0,8}?)$")
_DEED = re.compile(r"完成|落实|执行|开展|达到|达标|按时|按期|及时|上报|报送|实施|做到")
# an actual about a plan, the future, the past or another year says nothing of what was done; the inner reader
# takes an unsaid fault as not having happened, so it would get full marks (s9 fix; a word of the text itself, as
# 计划 of "制定工作计划", is the thing, not a plan)
_NOT_NOW = re.compile(rf"{NOT_NOW.pattern}|计划|以前|此前|今后")  # statements.NOT_NOW, and 计划 even as a noun
_PART = re.compile(r"一半|半数|大部分|部分|基本|多数|少数|个别|大多")  # a part done is not all done (s9 fix)
_RATE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)%")


def _not_full(written: str, text: str) -> str | None:
    """Why ``written`` cannot be read as meeting all of ``text`` (the inner reader's full marks), or None (s9 fix)."""
    from medaid.evaluation.rules.frequency_levels import FREQUENCY, period

    said, wanted = canon(written), canon(text)
    for found in _PART.finditer(said):
        if found.group() not in wanted:
            return f"“{written}”只说明部分或基本做到（“{found.group()}”），不能认定全部符合"
    done = [st for st in re.split(r"[,;。，；]", written) if re.search(r"完成|落实|执行|实施|办结", st)]
    if any(Decimal(rate) < 100 for st in done for rate in _RATE.findall(st)):  # a rate done, not "差错率0.5%"
        return f"“{written}”的完成比例不足100%，不能认定全部完成"
    required = {period(f) for f in FREQUENCY.finditer(wanted)}
    if required and not required & {period(f) for f in FREQUENCY.finditer(said)}:
        return f"评分标准要求的频次（{'、'.join(f.group() for f in FREQUENCY.finditer(wanted))}）未在“{written}”中写明"
    return None


def _unsure(inputs: Inputs, inner: Rule, out: Outcome) -> Outcome | None:
    """A refusal when the inner reader's number rests on an actual that is not about now, or its full marks on an
    actual that says less than all of the text (module docstring; s9 fix)."""
    if out.score is None:
        return None
    text = inner.text or ""
    for written in (inputs.actual.text if inputs.actual is not None else None, inputs.note):
        if not written:
            continue
        wanted = canon(text)
        late = [m.group() for m in _NOT_NOW.finditer(written) if m.group() not in wanted]  # raw: "已将" keeps 已
        if late:
            return Outcome(None, f"实际情况“{written}”是计划、将来、过去或其他年度的情况（“{late[0]}”），"
                                 "不能据此计分，需人工判断")  # fmt: skip
        full = inner.full_marks() or inputs.weight
        if out.score >= full and (why := _not_full(written, text)) is not None:
            return Outcome(None, f"{why}；按其余评分标准会得满分，但未提及的情形不能视为已做到，需人工判断")
    return None


def says_absent(written: str, thing: str) -> bool:
    """A statement of ``written`` says the unit has no ``thing`` (its last two characters, 任务 of 年度任务)."""
    whole, tail = canon(thing), canon(thing)[-2:]
    if len(tail) < 2:
        return False
    for statement in (canon(s) for s in re.split(r"[,;。，；、]", written)):  # canon drops the commas (s9 fix)
        if (start := statement.find(whole)) >= 0:  # "已完成无障碍改造任务": the thing's own 无 is no denial (s9 fix)
            if _ABSENT.search(statement[:start]) is not None and not _DEED.search(statement[:start]):
                return True
            continue
        at = statement.find(tail)
        while at >= 0:
            found = _ABSENT.search(statement[:at])
            if found is not None and not _DEED.search(found.group("between")):
                return True
            at = statement.find(tail, at + 1)
    return False


class Wrapper(Rule):
    """A rule that scores by an inner rule read from the rest of its text: its marks and reading are the inner one's."""

    inner: Rule

    def full_marks(self) -> Decimal | None:
        return self.inner.full_marks()

    def top_of_range(self) -> Decimal | None:
        return self.inner.top_of_range()

    def reading(self) -> str:
        return self.inner.reading()

    def reading_name(self, key: str) -> str:
        return self.inner.reading_name(key)


@dataclass(frozen=True)
class NotAssessed(Wrapper):
    """The rest of a text, and a unit without the thing left out of this row (module docstring)."""

    inner: Rule
    absent: str  # the clause as written: "没有年度任务"
    thing: str  # what the unit may lack: "年度任务"

    kind = "not_assessed"
    label = "缺项按缺项考核"

    def params(self) -> dict[str, object]:
        return {"inner": self.inner.to_dict(), "absent": self.absent, "thing": self.thing}

    def apply(self, inputs: Inputs) -> Outcome:
        for written in (inputs.actual.text if inputs.actual is not None else None, inputs.note):
            if written and says_absent(written, self.thing):
                return Outcome(None, f"实际情况“{written}”即评分标准所写“{self.absent}”：该项按缺项考核，"
                                     "不在本行计分，需按缺项处理")  # fmt: skip
        out = self.inner.apply(inputs)
        lead = f"（“{self.absent}”的按缺项考核；实际情况未说{self.absent}，按其余评分标准计分）"
        if (unsure := _unsure(inputs, self.inner, out)) is not None:
            return dataclasses.replace(unsure, reason=lead + unsure.reason)
        return dataclasses.replace(out, reason=lead + out.reason)


@dataclass(frozen=True)
class StatedFull(Rule):
    """The rest of a text, with its full marks stated in a bracket at its end (module docstring)."""

    inner: Rule
    full: Decimal

    kind = "stated_full"
    label = "注明满分的评分标准"

    def params(self) -> dict[str, object]:
        return {"inner": self.inner.to_dict(), "full": float(self.full)}

    def full_marks(self) -> Decimal | None:
        return self.full

    def reading(self) -> str:
        return self.inner.reading()

    def reading_name(self, key: str) -> str:
        return self.inner.reading_name(key)

    def apply(self, inputs: Inputs) -> Outcome:
        if inputs.weight != self.full:
            return Outcome(None, f"评分标准末尾注明满分 {fmt(self.full)} 分，与本行分值 {fmt(inputs.weight)} 分"
                                 "不一致，无法确定按哪个满分计分")  # fmt: skip
        out = self.inner.apply(inputs)
        out = _unsure(inputs, self.inner, out) or out  # s9 fix
        return dataclasses.replace(out, reason=f"（评分标准末尾“({fmt(self.full)}分)”为本项满分）" + out.reason)


def _inner(spec: Mapping[str, object], kind: str) -> Rule:
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner = spec.get("inner")
    if not isinstance(inner, Mapping):
        raise RuleSpecError(f"{kind} 规则需要 inner（其余评分标准的写法）")
    return rule_from_mapping(inner)


def not_assessed_from_mapping(spec: Mapping[str, object], text: str | None) -> NotAssessed:
    """``{type: not_assessed, inner: {…}, absent: 没有年度任务, thing: 年度任务}``."""
    from medaid.evaluation.rules.structured import RuleSpecError

    absent, thing = str(spec.get("absent") or ""), str(spec.get("thing") or "")
    if not absent or not thing:
        raise RuleSpecError("not_assessed 规则需要 absent（如“没有年度任务”）和 thing（如“年度任务”）")
    return NotAssessed(inner=_inner(spec, "not_assessed"), absent=absent, thing=thing, text=text)


def stated_full_from_mapping(spec: Mapping[str, object], text: str | None) -> StatedFull:
    """``{type: stated_full, inner: {…}, full: 5}``."""
    from medaid.evaluation.rules.structured import RuleSpecError
    from medaid.evaluation.rules.structured_fields import number

    full = number(spec, "full")
    if full is None or full <= 0:
        raise RuleSpecError("stated_full 规则需要 full（评分标准注明的满分）")
    return StatedFull(inner=_inner(spec, "stated_full"), full=full, text=text)
