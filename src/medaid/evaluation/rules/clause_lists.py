"""Lists read statement by statement with ``clause_match``: the requirements a description says hold
(``items_by_words``) and the kinds of case a statement denies (``denied_kinds``)."""

from __future__ import annotations

import re

from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.clause_cover import read_clause_statement
from medaid.evaluation.rules.clause_faultwords import predicates_restated
from medaid.evaluation.rules.clause_match import Literal, literals, proper, read_statement, shares_denial
from medaid.evaluation.rules.clause_partners import separately_denied
from medaid.evaluation.rules.clause_synonyms import opposite_restates
from medaid.evaluation.rules.clause_words import alternatives
from medaid.evaluation.rules.kind_statements import PLANNED, checked_scope
from medaid.evaluation.rules.naming import sentences

# "做好党费收缴工作,按…核定数额收缴上交": an exhortation heading the concrete requirement after it; it need not
# be spoken of on its own when that requirement is (a statement that denies it still fails the item).
HEADING = re.compile(r"(?:做好|抓好|搞好|加强|积极|切实|努力)")


def denied_kinds(segment: str, texts: list[str]) -> list[int] | None:
    """The kinds (their ``texts``) a statement denies whole by the words it shares with them: every part of one
    kind said not to have happened ("火葬区调整已及时上报"); None when it says anything else."""
    bare = [re.sub(r"[,，]?(?:每|一)[一\d]*[\u4e00-\u9fa5]{0,2}$", "", t) for t in texts]  # "…的,每一户次"
    items = [literals(proper(t)) for t in bare]
    reading = read_statement(segment, items, texts)
    if reading.why is not None or any(reading.said.values()):
        return None
    denied = {i for i, _ in reading.said}
    whole = all(len({j for k, j in reading.said if k == i}) == len(items[i]) for i in denied)
    return sorted(denied) if denied and whole else None


def items_by_words(text: str, items: tuple[str, ...] | list[str]) -> tuple[list[int], str | None]:
    """The requirements (1 = the first) a description says hold, each statement matched by its words: an item
    holds when every one of its literals is said to hold, fails when one is said not to; every item must be
    spoken of. Else ``([], why)``."""

    if (why := separately_denied(text)) is not None:  # s9 fix round: "未与A、B分别签订"
        return [], why
    literal_lists = [literals(x) for x in items]
    said: dict[int, dict[int, bool]] = {}
    for statement in _statements(re.sub(r"(?<=\d)\.(?=\d)", "_", text)):  # "0.5%": a decimal point kept
        reading = read_statement(statement, literal_lists, list(items), requirements=True)
        if reading.why is not None:
            return [], reading.why
        for (i, j), holds in reading.said.items():
            if said.setdefault(i, {}).setdefault(j, holds) != holds:
                return [], f"“{items[i]}”既被提及又被否定"
    held: list[int] = []
    for i, item in enumerate(items):
        each = said.get(i, {})
        if not all(each.values()):
            continue
        lits = literal_lists[i]
        heads = {j for j, x in enumerate(lits) if HEADING.match(x.content) and len(lits) > 1}
        heads |= _shared_subject(literal_lists)  # faults (s9): "防疫员每年" of "防疫员每年与乡镇、与村委会签订…"
        if set(range(len(lits))) - heads - set(each):
            return [], f"未说明“{item}”"
        held.append(i + 1)
    return held, None


def _statements(text: str) -> list[str]:
    """``naming.parts``, but a sentence that denies each of the things it names before one negation stays whole
    ("财务管理制度、项目管理制度均未提供": cut at 、 its first thing would be read as said to hold)."""
    return [p for whole, split in sentences(text) for p in ([whole] if shares_denial(whole) else split)]


def _shared_subject(literal_lists: list[list[Literal]]) -> set[int]:
    """{0} when every item (two or more) begins with the same positive literal that does nothing (no verb: "防疫员
    每年" of "防疫员每年与乡镇中心签订…", "…与村民委员会签订…"): the row's subject, not a requirement of its own."""
    if len(literal_lists) < 2 or any(len(lits) < 2 for lits in literal_lists):
        return set()
    first = {(lits[0].negated, lits[0].content, lits[0].verbs) for lits in literal_lists}
    if len(first) != 1 or any(negated or verbs for negated, _, verbs in first):
        return set()
    # and each item the same doing with another partner after it ("乡镇中心签订…", "村民委员会签订…"): one verb and
    # object, the first literal their subject ("宣传栏与标识设置规范" against "宣传栏与展板更新": not so)
    seconds = [lits[1] for lits in literal_lists]
    tail = seconds[0].content
    while tail and not all(x.content.endswith(tail) for x in seconds):
        tail = tail[1:]
    return {0} if len(tail) >= 4 and seconds[0].verbs and all(v in tail for v in seconds[0].verbs) else set()


# faults family (session 6): a list of faults read statement by statement with ``clause_cover``.
def faults_by_clauses(
    text: str, faults: tuple[str, ...] | list[str], target: Quantity | None = None
) -> tuple[list[int], str | None, str]:
    """The faults (1 = the first) a description names, each statement read by ``clause_cover`` (a denial of
    all, of events, that all was done, or a fault named): ``(found, None, how)``; else ``([], why, "")``.
    A description that names a fault is a report of what was found, the rest not found; one that names none
    must speak of every fault (a statement of what was done says nothing of the rest). Every statement must be
    read, even beside a fault that scores 0: it may be the circumstance of that fault ("发生重大未遂事故1起" for
    "性质严重,未主动进行四不放过程序")."""
    found: set[int] = set()
    cleared: set[int] = set()
    halves: set[tuple[int, int]] = set()
    notes: list[str] = []
    for sentence in re.split(r"[,;，；。]|但|并且|而且", text):
        sentence = re.sub(r"^\s*(?:并|同时|另外|也|且)(?=[\u4e00-\u9fa5]{2})", "", sentence.strip())
        if not sentence or (checked_scope(sentence) and read_clause_statement(sentence, faults) is None):
            continue  # faults (s9, round 2): "抽查学生档案20份", "经查": what was checked, naming no fault
        if PLANNED.search(sentence):  # s9 fix round: "拟仅开展单一形式宣传" is a plan, not what was done
            return [], f"“{sentence}”是计划或预计，不是已发生的情况", ""
        pieces = [sentence]
        said = read_clause_statement(sentence, faults, target=target)
        if (
            said is None and "、" in sentence and all(re.search(r"\d", p) for p in sentence.split("、") if p)
        ):  # "到省…1批次、到市…1批次": each piece a statement of its own
            pieces = [p for p in sentence.split("、") if p]
            readings = [read_clause_statement(p, faults, target=target) for p in pieces]
        else:
            readings = [said]
        for piece, reading in zip(pieces, readings, strict=True):
            flipped = [  # faults (s9, round 2): "学生归档材料齐全、规范" for "…不全、不规范" (``clause_faultwords``)
                i for i, f in enumerate(faults) if opposite_restates(piece, f) or predicates_restated(piece, f)
            ] if reading is None else []  # fmt: skip
            if len(flipped) == 1:
                cleared.add(flipped[0] + 1)  # faults (s7): "联系方式畅通" for the fault "联系方式不通"
                notes.append(f"“{piece}”即第{flipped[0] + 1}项的反面，该情形未出现")
                continue
            if reading is None:
                return [], f"“{piece}”无法对应扣分情形", ""
            if any(n is not None and n != 1 for n in reading.found.values()):
                return [], f"“{piece}”写有次数，评分标准未写明是否按次扣分", ""
            found |= {i + 1 for i in reading.found}
            cleared |= {i + 1 for i in reading.cleared}
            halves |= {(i + 1, k) for i, k in reading.halves}
            notes.append(reading.how)
    # "有明显标识，已公示服务项目" against "无明显标识,或未公示…": each alternative cleared by a statement of its own
    cleared |= {i for i, _ in halves if len({k for j, k in halves if j == i}) == alternatives(faults[i - 1])}
    if found & cleared:
        return [], "、".join(faults[i - 1] for i in sorted(found & cleared)) + "（既被提及又被否定）", ""
    unsaid = [f"第{i}项（{f}）" for i, f in enumerate(faults, 1) if i not in found | cleared]
    if not found and unsaid:
        return [], f"未说明{'、'.join(unsaid)}", ""
    return sorted(found), None, "；".join(n for n in notes if n)


# A statement that can name no fault: nothing negated, counted or said to have happened ("有计划").
_SILENT = re.compile(r"[无不未没缺少非漏错超\d]|发生|出现|存在|发现|问题|违")


def zeroing_named(text: str, faults: tuple[str, ...], zeroing: tuple[int, ...]) -> tuple[int, str] | None:
    """ "有计划，但未以企业正式文件颁发" against two faults that each zero the row: one statement names a zeroing
    fault (1 = the first) whole, and every other statement is positive and names none (it may only speak of a
    requirement met), so what it says changes nothing — the row scores 0 either way. None otherwise."""
    named: list[tuple[int, str]] = []
    for sentence in re.split(r"[,;，；。]|但|并且|而且", text):
        sentence = re.sub(r"^\s*(?:并|同时|另外|也|且)(?=[\u4e00-\u9fa5]{2})", "", sentence.strip())
        if not sentence:
            continue
        said = read_clause_statement(sentence, faults)
        if said is not None and len(said.found) == 1 and not said.cleared and not said.halves:
            i, count = next(iter(said.found.items()))
            if i + 1 in zeroing and (count is None or count >= 1):
                named.append((i + 1, said.how))
                continue
        if (said is not None and said.found) or _SILENT.search(sentence):
            return None
    return named[0] if len(named) == 1 else None
