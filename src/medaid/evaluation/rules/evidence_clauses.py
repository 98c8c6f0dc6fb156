"""How the evaluator checked, said before what was found (affirm family, session 9 round 2).

Evaluators open an explanation with how they checked: "经核查，…", "经入户走访，…", "对照评估要求核查，…", "查阅培训
记录和考核档案，…", "经访谈和资料核查，…", "经比对，…". Such a statement reports no finding: the statements that
answer the condition are those after it. A statement is such a lead-in only when it is a checking verb (核查, 检查,
走访, 查阅, 比对…) with at most what was checked — never a finding: no negation, no verdict (合格, 符合, 一致, 完成…),
no "均/已/发现/仅", no number ("抽查10户，其中3户未…": the sample is a part, and its count is read elsewhere).
"""

from __future__ import annotations

import re

_CHECKING = (
    r"走访|核查|检查|查看|查阅|调查|抽查|比对|对比|审核|核实|访谈|座谈|调阅|察看|检索|复核|审查|清查|盘点|核对|查验"
)
_LEAD_IN = re.compile(
    rf"^(?:经过?|通过|对照[^,，;；。]{{0,12}}?|根据[^,，;；。]{{0,12}}?)?(?:入户|现场|实地|资料|书面|认真|全面)?"
    rf"(?:{_CHECKING}|经查|查)(?:[^,，;；。]{{0,16}})$"
)
_FINDING = re.compile(
    r"[不未无没缺非]|\d|[一二两三四五六七八九十百]+[个项户人次家所处条笔份]|均|都|全部|已|了|发现|仅|只|合格|符合|一致|相符"
    r"|完成|落实|执行|达到|达标|满足|齐全|到位|存在|问题"
)


def lead_in(statement: str) -> bool:
    """Whether a statement only says how the evaluator checked ("经核查", "查阅培训记录和考核档案")."""
    said = re.sub(r"^(?:但|并|同时|另)", "", re.sub(r"\s", "", statement).strip("，,。；;"))  # "但经访谈和资料核查"
    if not said or _FINDING.search(said.removeprefix("经查")):
        return False
    return _LEAD_IN.match(said) is not None or said == "经查"


def findings(text: str) -> str:
    """The explanation without its lead-in statements (the text itself when none, or nothing would be left)."""
    statements = re.split(r"(?<=[,，;；。])", text)
    kept = [st for st in statements if not lead_in(st)]
    if len(kept) == len(statements) or not "".join(kept).strip("，,。；; "):
        return text
    return "".join(kept).strip("，,；; ")
