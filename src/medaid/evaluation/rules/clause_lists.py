"""Lists read statement by statement with ``clause_match``: the requirements a description says hold
(``items_by_words``) and the kinds of case a statement denies (``denied_kinds``)."""

from __future__ import annotations

import re

from medaid.evaluation.rules.clause_match import literals, proper, read_statement
from medaid.evaluation.rules.naming import parts

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

    literal_lists = [literals(x) for x in items]
    said: dict[int, dict[int, bool]] = {}
    for statement in parts(re.sub(r"(?<=\d)\.(?=\d)", "_", text)):  # "0.5%": a decimal point kept
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
        if set(range(len(lits))) - heads - set(each):
            return [], f"未说明“{item}”"
        held.append(i + 1)
    return held, None
