"""A veto beside a written formula: "…二、病险水库…未按要求除险加固存在严重质量缺陷或安全隐患的,此项不得分".

The formula scores the rate; the veto zeroes the indicator when its condition happened. Only an explanation
can say so: its statements other than the one holding the rate are matched to the vetoes
(``faults.faults_found``). One that names a veto scores 0; one that clears them ("未发现…", "无") leaves the
formula's score; any other statement is refused, naming it (whether it is the veto is for a person to judge).
A bare actual says nothing of the veto: it is taken as not having happened, and the reason says so.
"""

from __future__ import annotations

import dataclasses
import re

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.faults import faults_found

_RATE_CLAUSE = re.compile(r"\d+(?:\.\d+)?\s*[%‰％]")
_LEAD = re.compile(r"^(?:但是|但|其中|另外|另|同时|并且|且)")


def _other_statements(note: str) -> str:
    """The explanation without the statements that hold a percentage (the rate the formula scores)."""
    kept = [_LEAD.sub("", c.strip()) for c in re.split(r"[,，;；。]", note) if c.strip()]
    return "，".join(c for c in kept if c and not _RATE_CLAUSE.search(c))


def vetoed(vetoes: tuple[str, ...], inputs: Inputs, outcome: Outcome) -> Outcome:
    """The formula's outcome with the vetoes applied (module docstring)."""
    if not vetoes or outcome.score is None:
        return outcome
    listed = "”“".join(vetoes)
    rest = _other_statements(inputs.note or "")
    if not rest:
        said = "说明" if inputs.note else "实际完成值"
        return dataclasses.replace(
            outcome, reason=f"{outcome.reason}；另有“{listed}”的此项不得分，{said}未写明，按未出现计"
        )
    restated = next((v for v in vetoes if restates(rest, v)), None)
    if restated is not None:
        return Outcome(ZERO, f"说明写明“{rest}”，即“{restated}”，按评分标准此项不得分，得 0 分")
    found, unread = faults_found(rest, vetoes, note=True)
    if found:
        return Outcome(ZERO, f"说明写明“{rest}”，属于“{vetoes[found[0] - 1]}”，按评分标准此项不得分，得 0 分")
    if unread is not None:
        return Outcome(
            None,
            f"{outcome.reason}；但说明另写“{rest}”，是否属于“{listed}”（此项不得分）无法判断，需人工判断",
        )
    return dataclasses.replace(outcome, reason=f"{outcome.reason}；说明写明未出现“{listed}”")


# "病险水库、水闸、堤防等水利工程未按要求除险加固存在严重质量缺陷或安全隐患": listed subjects, then what befell them
_LISTED = re.compile(
    r"^(?P<subjects>[\u4e00-\u9fa5]+(?:、[\u4e00-\u9fa5]+)+)等[\u4e00-\u9fa5]{0,6}?(?=未|不|没有|存在|出现|发生|造成)"
)
_ALTERNATIVE = re.compile(r"(?P<verb>存在|出现|发生|造成)(?P<a>[^或,，]+)或(?P<b>[^或,，]+)$")
_COUNTED = re.compile(r"^(?:有|发现|存在)?\d+(?:座|个|处|家|项|起|次|条|所)")


def restates(statement: str, veto: str) -> bool:
    """Whether an explanation restates a listed veto for one of its subjects, word for word but for the choice
    of one alternative: "有1座病险水库未按要求除险加固，存在安全隐患" restates "病险水库、水闸…等水利工程未按
    要求除险加固存在严重质量缺陷或安全隐患". Anything less (only 未按要求除险加固, another subject) does not."""
    listed = _LISTED.match(veto)
    if listed is None:
        return False
    predicate = veto[listed.end() :]
    variants = [predicate]
    if (alt := _ALTERNATIVE.search(predicate)) is not None:
        head = predicate[: alt.start()] + alt.group("verb")
        variants = [head + alt.group("a"), head + alt.group("b")]
    said = _COUNTED.sub("", re.sub(r"[,，;；。、\s]", "", statement))
    for subject in listed.group("subjects").split("、"):
        if said.startswith(subject) and said[len(subject) :] in variants:
            return True
    return False
