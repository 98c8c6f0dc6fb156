"""A requirement once a period against a statement of this period (faults family, session 7).

How tables and evaluators write it: the text asks something once a period and deducts each time it is short —
"每季度召开住户议事会议,每少开展一次活动的扣5分", "每月报送一次工作简报,每少一次扣1分" — and the evaluator,
scoring one period, says whether it was done this period: "本季度已召开议事会议" (none short), "本季度未召开议事
会议" (one short). ``period_shortfall`` reads such a statement as the count of the one kind that counts the
shortfall: the statement names the same period (本季度 for 每季度, 本月 for 每月, 本年/本年度 for 每年), its verb
phrase is the requirement's (at least two thirds of its character pairs), and the requirement asks it once (no
count other than 一/1). A statement with a number, a hedge (基本, 部分…) or a quality the requirement does not
ask is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.case_kinds import CaseKind
from medaid.evaluation.rules.clause_match import HEDGES, QUALITIES
from medaid.evaluation.rules.clause_words import share

_PERIODS = {"月": "月", "季度": "季度", "季": "季度", "年": "年", "年度": "年", "周": "周", "半年": "半年"}
_SAID = re.compile(
    r"^本(?P<period>半年|季度|年度|月|季|年|周)(?:内)?(?P<neg>未|没有|没)?(?:均|都)?(?:已|已经)?(?P<what>[\u4e00-\u9fa5]{2,20})$"
)
_ASKED = re.compile(r"每(?P<period>半年|季度|年度|月|季|年|周)(?:至少|应|要|须|必须)?(?P<what>[^,，;；。]{2,30})")
_WEAKER = HEDGES  # faults (s7, fix round): the one vocabulary of hedges
# a negation anywhere after the period (s7, fix round: "本季度议事会议未召开" is not "已召开")
_ANY_NEGATION = re.compile(r"未|没|无|不|缺|少")
_SHORT = re.compile(r"^(?:每)?(?:少|缺|未)")


def _asked_once(what: str) -> bool:
    return not re.search(r"\d|[二两三四五六七八九十]", re.sub(r"[一1](?:次|回)", "", what))


def period_shortfall(segment: str, kinds: tuple[CaseKind, ...]) -> tuple[int, Decimal] | None:
    """The one shortfall kind (0 = the first) a statement of this period speaks of, and its count (0 when done
    this period, 1 when not); None when the statement is not such a statement or speaks of no kind, or several."""
    said = _SAID.match(re.sub(r"[\s“”\"']", "", segment))
    if said is None or _WEAKER.search(segment) or _ANY_NEGATION.search(said.group("what")):
        return None  # a negation after the subject ("本季度议事会议未召开"): not read here
    period, what = _PERIODS[said.group("period")], said.group("what")
    found: list[int] = []
    for i, kind in enumerate(kinds):
        if not _SHORT.match(kind.what) or kind.once:
            continue
        for asked in _ASKED.finditer(kind.words or kind.text):
            verb = asked.group("what")
            if _PERIODS[asked.group("period")] != period or not _asked_once(verb):
                continue
            if set(QUALITIES.findall(what)) - set(QUALITIES.findall(verb)):
                continue  # "本季度已按时召开": a quality the requirement does not ask
            if share(what, verb) >= 2 / 3:
                found.append(i)
                break
    if len(found) != 1:
        return None
    return found[0], Decimal(1 if said.group("neg") else 0)
