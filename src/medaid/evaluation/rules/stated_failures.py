"""A yes/no whose 0 level lists its failures, read from them (affirm family, session 6, round 2).

The family: a condition scored when met, and a 0 level that says concretely what failing it is — "做好党员发展工作
记5分,全年未发展党员或未按要求发展党员的不记分"; "有经社区村民会议…讨论通过的自治章程和社区公约(1分)。无自治章程、
社区公约或有但未经社区村民会议讨论通过均不得分"; "档案齐全得2分,缺少档案或档案未归档的不得分". The 0 level is the
failures joined by 或 (each with the subject of the first, ``phrasing.either``); a "有但未经…" alternative is its
failure after 但 ("未经社区村民会议讨论通过"); a time frame of the row (全年, 年内, 当年) may be left out by the
evaluator.

How evaluators answer: they say a failure happened ("有自治章程但未经村民会议讨论通过") or deny the failures one
by one ("按要求发展党员1名": developed, and as required). Reading (the row is one yes/no: the scoring level or the 0
level):
- a statement that names a failure (``naming.names``, markers agreeing) → the 0 level;
- every failure denied (``naming.denies``) and every statement denying one → the scoring level, when every
  requirement of the scoring condition is an exhortation (做好…, ``clause_lists.HEADING``) or the opposite of a failure
  listed: the text itself then says what failing is, so "做好…" need not be restated ("项目决策程序规范,经集体研究决定
  的得2分；未经集体研究的不得分" against "经集体研究决定" is not read: 规范 is no failure listed);
- otherwise not read. A count in the statement is passed over when at least 1 ("发展党员1名"); a count of 0 is not
  read ("发展党员0名" says none, in other words than the failure's).
Each failure must carry a negation or a fault word (未, 无, 不, 没有, 缺, 少, 超…): "否则", "其他" say nothing concrete.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.clause_lists import HEADING
from medaid.evaluation.rules.clause_match import QUALITIES
from medaid.evaluation.rules.naming import canon, denies, names, parts
from medaid.evaluation.rules.phrasing import either
from medaid.evaluation.rules.statements import requirements
from medaid.evaluation.rules.wording import unify

_WHEN = re.compile(r"^(?:全年|年内|年度内|当年|本年度|考核期内|考核年度内)")
_FAILURE = re.compile(r"[无不缺少超]|滞后|逾期|错误|违规")
_COUNT = re.compile(r"(?:\d+|[一二两三四五六七八九十])(?:名|个|人|项|次|件|户|家|所|份|条|处|期|批|场|班)$")


def _failures(zero: str) -> list[str] | None:
    """The failures a 0 level lists, or None when one of them is not a concrete failure."""
    name = re.sub(r"(?:均|都)$", "", canon(zero))
    found = either(name) if "或" in name else [name]
    if not found:
        return None
    out: list[str] = []
    for failure in found:
        failure = failure.split("但")[-1]  # "有但无经…讨论通过": the failure is after 但
        failure = _WHEN.sub("", failure)
        if len(failure) < 2 or not _FAILURE.search(failure):
            return None
        out.append(failure)
    return out


def _statement(raw: str) -> str | None:
    """A statement without its count (None for a count of 0)."""
    found = _COUNT.search(raw)
    if found is None:
        return raw
    if re.match(r"[0零]", found.group(0)):
        return None
    return raw[: found.start()]


_EXHORTING = re.compile(rf"^(?:认真|切实|扎实|全面|努力|积极)?(?:{HEADING.pattern})")


def _covered(condition: str, failures: list[str]) -> bool:
    """Every requirement of the scoring condition is an exhortation ("做好党员发展工作") or the opposite of a failure
    listed ("经集体研究决定" of "未经集体研究"): then the failures say all that failing it is. "项目决策程序规范" beside
    "未经集体研究" is not covered: a 规范 not met is a failure the 0 level does not list."""
    return all(
        _EXHORTING.match(r) or any(denies(r, f, partial=False) and _no_quality_beyond(r, f) for f in failures)
        for r in requirements(condition)
    )


def _no_quality_beyond(requirement: str, failure: str) -> bool:
    """(affirm, s7) The requirement asks no quality the failure leaves out: "按时完成年度任务" is not the opposite
    of "未完成" alone (completed late is neither), "完成年度任务" is."""
    said = {m.group(0) for m in QUALITIES.finditer(unify(failure))}
    return all(m.group(0) in said for m in QUALITIES.finditer(unify(requirement)))


def failure_level(text: str, zero: str, condition: str) -> tuple[bool | None, str]:
    """(True: the scoring level ``condition`` — every failure denied; False: the 0 level — a failure named; None: not
    read) with how it was read."""
    failures = _failures(zero)
    if failures is None:
        return None, ""
    statements: list[str] = []
    for raw in parts(text):
        statement = _statement(_WHEN.sub("", raw))
        if statement is None:
            return None, ""
        statements.append(statement)
    for statement in statements:  # one failure said is enough ("有自治章程但未经村民会议讨论通过")
        said = [f for f in failures if names(statement, f)]
        if said:
            return False, f"即出现“{said[0]}”（评分标准所列不得分情形），"
    denied: set[int] = set()
    for statement in statements:
        against = {i for i, f in enumerate(failures) if denies(statement, f, partial=False)}
        if not against:
            return None, ""
        denied |= against
    if len(denied) != len(failures) or not _covered(condition, failures) or _object_unsaid(condition, failures, text):
        return None, ""
    return True, f"即评分标准所列不得分情形（{'；'.join(failures)}）均未出现，"


def _object_unsaid(condition: str, failures: list[str], text: str) -> bool:
    """(affirm fix round s8) The condition names what the failure leaves out ("设置专人负责档案管理工作" beside "无专人
    负责") and the description does not say it: "设置专人负责人事管理工作" denies the failure for another duty."""
    said = canon(text)
    for requirement in requirements(condition):
        for failure in failures:
            core = re.sub(r"^(?:无|未|不|没有|缺少|缺)", "", failure)
            if len(core) < 2 or core not in requirement:
                continue
            rest = requirement.split(core, 1)[1]
            if len(rest) >= 2 and rest not in said:
                return True
    return False
