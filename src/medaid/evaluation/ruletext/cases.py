"""Per-case deductions: "…执行得5分，每发现1例超标准执行扣0.5分，扣完为止", "缺席一次扣0.5分",
"有一项未完成的，扣1分", with a cut-off ("发现3例及以上不得分", "超过3例不得分"), a cap ("最多扣2分",
"扣完2分为止") or a veto ("有弄虚作假现象的该项不计分").

Reading of a cut-off (docs/rules.md):
- "N例及以上", "N例（含）以上", "N例以上（含N例）", "达到/满/不少于N例": from N on, N included;
- "超过/多于/大于N例", "N例以上（不含N例）": above N, N excluded;
- "N例以上" alone: read as including N (《民法典》第一千二百五十九条, as "以上" is read in
  bands), but marked as not explicit, so the audit only warns when a stated score
  follows the other reading;
- "N例不得分" with neither word: not understood.
A cut-off alone ("查出2名及以上不真实不得分") scores full marks below it when the text writes them; a negated
threshold ("未达到3例的不得分") is not a cut-off.
A veto that is not a count is kept with the rule (rules/cases.py says how an actual meets it); one that
holds a number ("10株以上的不得分", "5%以上的不得分") makes the text not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import PerCase, Rule
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int, plain, same_counter
from medaid.evaluation.ruletext.common import NUM, deduction_caps
from medaid.evaluation.ruletext.count_context import (
    denied_thing,
    each_requirements,
    full_requirement,
    shortfall_norm,
)
from medaid.evaluation.ruletext.count_limits import limit_vetoes
from medaid.evaluation.ruletext.count_spelling import canon_counts
from medaid.evaluation.ruletext.counts import (
    RANKING,
    TOTAL,
    Counted,
    counted,
    full_marks,
    leftover,
    requirements,
    unbracket,
    vetoes,
)
from medaid.evaluation.ruletext.kinds import SUB, several

_DEDUCT = re.compile(rf"(?<!最多)(?<!加)扣{NUM}分")  # canon_counts spells 扣除/减/… as 扣 and every cap as 最多扣N分
_CUT_OFF = re.compile(
    r"(?:发现|出现|查出|查实|有|累计|问题|共|经查)*"
    r"(?P<word>超过|多于|大于|高于|超出|达到|满|不少于|不低于)?"
    rf"(?P<n>{NUMBER})(?P<unit>{COUNTER})"
    r"(?P<suffix>及以上|\(含\)以上|以上\(含[^)]*\)|以上\(不含[^)]*\)|以上)?"
    r"(?P<what>[^,;。\d]{0,30}?)"
    r"(?:的)?,?(?:则|者)?(?:该项|此项|本项|该指标|本指标|此指标|本条|该条)?(?:均)?不得分"
)
_SHARE = re.compile(r"扣(?:除|减)?(?:该项|本项|此项|该指标|本指标)?(?:分值|权重分?|满分|总分)(?:的)?(\d+(?:\.\d+)?)%")
_EXCLUSIVE_WORDS = {"超过", "多于", "大于", "高于", "超出"}


def _cut_off(text: str) -> tuple[re.Match[str], Decimal, bool, bool] | None:
    """The cut-off clause, its count, whether the count is included and whether the text says so.
    A negated threshold ("未达到3例的不得分", "不满3例不得分") is the other side: not read."""
    match = _CUT_OFF.search(text)
    if match is None or re.search(r"(?:未|不|没有|没|无)(?:能|曾)?$", text[: match.start("word") if match.group("word")
                                                                            else match.start("n")]):  # fmt: skip
        return None
    word, suffix = match.group("word"), match.group("suffix") or ""
    count = cn_int(match.group("n"))
    if count is None:
        return None
    if word in _EXCLUSIVE_WORDS or suffix.startswith("以上(不含"):
        return match, count, False, True
    if suffix in ("及以上", "(含)以上") or suffix.startswith("以上(含") or (word and not suffix):
        return match, count, True, True
    if suffix == "以上":
        return match, count, True, False
    return None


def per_case(text: str) -> Rule | None:
    """ "…执行得5分，每发现1例超标准执行扣0.5分，扣完为止" and its limits, in the spellings
    ``canon_counts`` brings together; several kinds of case ("少一项扣1分，错一项扣1分") go to ``several``.

    Any other score, bonus, deduction or veto left in the text makes it not understood.
    """
    if RANKING.search(text):
        return None
    body = canon_counts(unbracket(text))
    clauses = counted(body, _DEDUCT)
    share = not clauses and bool(_SHARE.search(body))
    if share:  # "每发现一例扣该项分值的10%"
        clauses = counted(body, _SHARE)
    if None in clauses:
        return None
    if len(clauses) > 1 or (clauses and len(_DEDUCT.findall(body)) > len(clauses)) or (clauses and SUB.search(body)):
        # several kinds, or one beside one-off deductions ("…每出现一例扣0.5分,申请对象情况不真实扣2分")
        return None if _cut_off(body) else several(body, [c for c in clauses if c is not None], gain=False)
    clause = clauses[0] if clauses else None
    spans: list[tuple[int, int]] = [clause.span] if clause else []
    cut_off = _cut_off(body)
    if clause is not None and cut_off is not None and not same_counter(cut_off[0].group("unit"), clause.unit):
        cut_off = None  # "淹死树木10株以上的该项不得分" beside "每1处…": a veto with its own limit (count_limits)
    if clause is None and cut_off is None:
        return None
    starts = [clause.span[0]] if clause else []
    zero_cases: Decimal | None = None
    inclusive, explicit, wording, unit = True, True, None, clause.unit if clause else None
    what = (clause.what or clause.context) if clause else ""  # "不符合,发现一处扣1分" counts 不符合
    if clause is not None and not what:  # counts family (s7): "全年无X的计20分,发现一项的扣5分" counts X
        what = denied_thing(body, clause.span[0])
    if cut_off is not None:
        found, zero_cases, inclusive, explicit = cut_off
        unit, wording = unit or found.group("unit"), found.group(0)
        what = what or plain(found.group("what"))
        spans.append(found.span())
        starts.append(found.start())
    read = len(spans)
    full, agree = full_marks(body, min(starts), spans)
    if not agree or (clause is None and full is None):
        return None
    total = _total(body, clause, full, spans) if clause is not None and TOTAL.search(body) else None
    if total == 0:
        return None
    clears = requirements(body, spans[read:]) + each_requirements(body)  # counts family: "每间教室应安装监控设备"
    clears += full_requirement(body)  # counts family (s8): "均符合标准,得满分"
    full, max_deduction = deduction_caps(body, full, spans)
    found_limits = limit_vetoes(body, spans, unit)
    found_vetoes = vetoes(body, spans)
    if found_limits is None or found_vetoes is None or leftover(body, spans):
        return None
    return PerCase(
        points=clause.points if clause else Decimal(0),
        per=clause.per if clause else Decimal(1),
        full=full,
        zero_cases=zero_cases,
        zero_inclusive=inclusive,
        zero_wording=wording,
        max_deduction=max_deduction,
        explicit_reading=explicit,
        unit=unit,
        what=what,
        subject=clause.subject if clause else "",
        vetoes=found_vetoes,
        share=share,
        clears=clears,
        total=total,
        limits=found_limits,
        norm=shortfall_norm(body, clause.unit) if clause is not None and clause.what[:1] in ("少", "缺") else "",
        fault=clause.fault if clause is not None else "",
    )


def _total(body: str, clause: Counted, full: Decimal | None, spans: list[tuple[int, int]]) -> Decimal:
    """ "(2分×4项,即…)…每少一项扣2分": the items the text lists, when their marks are the deduction's and add up to
    the full marks; 0 when they do not agree (the text is then not read)."""
    found = TOTAL.search(body)
    assert found is not None
    each, count, unit = Decimal(found.group(1)), Decimal(found.group(2)), found.group(3)
    if not same_counter(unit, clause.unit) or each != clause.points or (full is not None and each * count != full):
        return Decimal(0)
    spans.append(found.span())
    return count
