"""What a single condition of the level readings (``levels``) says beyond its last clause (affirm family, session 6,
round 2): the requirements of the sentences before its marks, a "发生一次" that is the event of a none level, and a
deduction of all the condition's marks when it is not met."""

from __future__ import annotations

import re
from dataclasses import replace

from medaid.evaluation.rules.naming import canon
from medaid.evaluation.ruletext.clauses import Clause, complement

# A condition in several sentences before its marks (affirm family, session 6, round 2): "建立健全社区服务站,开辟具有
# 本社区特色的服务项目。积极帮助失业、下岗、残疾人员实现再就业得9分。" — every sentence before the marks states a
# requirement of the one condition, so the condition is all of them, joined as the requirements of one sentence
# are (","). Not a requirement: a heading (a few words naming the task, "组织领导。"; what comes before a colon),
# an exhortation (a duty said in general with 要/应当/必须/务必, or opening with 做好/加强/切实/积极…:
# "村组党员干部要带头执行禁烧规定。"), a question ("…是否充分。"), a note on evidence ("以会议记录为准",
# "查看…资料"); such a sentence is left out. A sentence with a number of its own (a bound, a count, a date) is no
# plain requirement: the condition is then left as its last sentence, as before.
_SENTENCE = re.compile(r"[。;]")
_HEADING_SENTENCE = re.compile(r"^[\u4e00-\u9fa5]{2,6}$")
_EXHORTATION = re.compile(
    r"(?<![主重需必纲摘概简])要(?![求点素件])|应当|应该|必须|务必"
    r"|^(?:做好|抓好|搞好|加强|积极|切实|努力|进一步|认真|着力|大力|坚持)"
)
_EVIDENCE = re.compile(r"是否|(?:以|根据)[^,;。]{1,20}?为(?:依据|准)|^查看|^查阅|^检查|^考核")


def whole_condition(p: Clause) -> Clause:
    """The positive clause with the requirements of the sentences before its own (see above)."""
    raw = p.raw.split(":")[-1]
    sentences = [x.strip(" ,、") for x in _SENTENCE.split(raw)]
    earlier = [x for x in sentences[:-1] if x]
    if not earlier or not p.name or not sentences[-1].endswith(p.name.split(",")[-1]):
        return p
    kept = [
        x
        for x in earlier
        if not (_HEADING_SENTENCE.match(x) or _EXHORTATION.search(x) or _EVIDENCE.search(x) or _ITEM_OPEN.match(x))
    ]
    if not kept or any(re.search(r"\d", x) for x in kept):
        return p
    return replace(p, name=",".join([*kept, p.name]))


_ITEM_OPEN = re.compile(r"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])")


# "无事故得20分,发生一次,不得分": the event of a none level happening at all, not a deduction for each case (the
# levels are read by ``rules.occurrences``)
_ONCE = re.compile(r"^(?:发生|出现|有|发现)(?:1|一)(?:次|起|例|件|宗)(?:以上|及以上)?$")
_NONE_LEVEL = re.compile(r"^(?:全年|年内|年度内|当年|本年度)?(?:无|零|不发生|杜绝)[\u4e00-\u9fa5]{1,10}$")


def once_of_none(clause: Clause, clauses: list[Clause]) -> bool:
    """A zero clause "发生一次" beside exactly one positive clause "无X"/"未发生X" (and nothing else)."""
    positive = [c for c in clauses if c.positive]
    return (
        clause.is_zero
        and len(clauses) == 2
        and len(positive) == 1
        and bool(_ONCE.match(canon(clause.name)))
        and bool(_NONE_LEVEL.match(canon(positive[0].name)))
    )


def all_taken(clause: Clause, positive: Clause) -> Clause:
    """ "达到500公斤的记6分,达不到的扣6分": the rest of the condition (达不到, 否则, 未达到…) taking exactly the
    marks the condition gives is 不得分 (6 − 6); any other deduction is left as written."""
    if (
        clause.effect == "minus"
        and positive.effect == "points"
        and clause.value is not None
        and clause.value == positive.value
        and complement(clause.name)
    ):
        return replace(clause, effect="zero", value=None)
    return clause
