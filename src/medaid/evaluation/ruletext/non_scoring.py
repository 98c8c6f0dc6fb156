"""Texts of a known shape with a clause that says nothing more about the score (unread family).

``row_wrappers`` already took out the row's number and the evidence notes before any reading. What is left here is
read only when no other shape understood the text (this shape is tried last), the rest handed to
``parse_rule_text`` again:
- a sentence in front that only names the task: "村组党员干部要带头执行禁烧规定。" (no number, no marks, no
  fault, condition or comparison word), only when what follows is itself a whole rule;
- other spellings of no marks: "不记分", "不计分" (不得分), "记零分" (得0分);
- a veto ("一票否决"), which fails the whole assessment and so gives this row no marks: after a 0 it adds
  nothing ("记零分,并给予一票否决"); as the effect of a condition it is "不得分" ("2人及以上实行一票否决");
- "反之/否则不得分" after marks for each thing done ("每完成一项得2分,反之不得分"): nothing more.
Joint conditions in two clauses ("完成任务且成活率达90%的得满分;完不成任务且…低于90%的不得分") leave cases no
clause states, which a reading of one half would score: such a rest is not read here.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule

# a sentence in front that only names the task: no digit, no marks, no fault, condition or comparison word
_TASK_SENTENCE = re.compile(r"^([^。;:]{4,60})。")
_SCORE_OR_CONDITION = re.compile(
    r"\d|分|扣|得|计|记|加|减|奖|罚|未|不|无|没|缺|少|多|超|低|高|达|否|的|如|若|凡|每|率|按|以上|以下|以内"
)
_SPELLINGS = (
    (re.compile(r"不(?:予)?(?:记|计)分"), "不得分"),
    (re.compile(r"(?:记|计)(?:零|0)分"), "得0分"),
    (re.compile(r"(不得分|得0分)[,]?(?:并|同时)?(?:给予|实行|予以|实施|采取)?一票否决(?:的办法)?"), r"\1"),
    (re.compile(r"(?<=[的上下,])(?:实行|给予|予以|实施|采取)?一票否决(?:的办法)?(?=$|[;。])"), "不得分"),
)
_COMPLEMENT_AFTER_EACH = re.compile(r"^(每[^,;。]{1,12}得\d+(?:\.\d+)?分)[,]?(?:反之|否则)[,]?不得分$")


def _task_sentence(text: str) -> int:
    """Where the rule begins after a sentence that only names the task (0 when there is none)."""
    found = _TASK_SENTENCE.match(text)
    if found is None or _SCORE_OR_CONDITION.search(found.group(1)):
        return 0
    return found.end()


def without_non_scoring(text: str) -> str:
    """The text without the clauses that say nothing more about the score (as it is when there are none)."""
    rest = text
    for spelling, common in _SPELLINGS:
        rest = spelling.sub(common, rest)
    rest = rest.strip(" ,;。")
    rest = rest[_task_sentence(rest) :].strip(" ,;。")
    return _COMPLEMENT_AFTER_EACH.sub(r"\1", rest)


def read_past_non_scoring(text: str) -> Rule | None:
    """A rule whose text, without its non-scoring clauses, is understood by another reading."""
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the rest

    rest = without_non_scoring(text)
    if len(rest) < 4 or rest == text.strip(" ,;。"):
        return None
    if sum("且" in part for part in re.split(r"[;。]", rest)) > 1:
        return None
    return parse_rule_text(rest)
