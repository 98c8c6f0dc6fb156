"""A proviso on the evidence in brackets at the end of a row, read past (affirm family, session 7).

The family: after the rule, a bracket with no number says where the evidence must be kept and that without it the
work counts as not done — "(相关资料必须报乡禁烧办留存,否则视为责任落实不到位)", "(须有会议记录备查,否则视为未
开展)", "(资料应存档备查)". It adds no score of its own: what is not evidenced is the rule's own failure, which the
evaluator reports as such ("未落实包干责任"). The proviso is taken out and the rest is read by the shapes again; the
rule keeps its text as written. A bracket with a number (a date, a count, marks) is no such proviso.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule

# "(相关资料必须报…留存,否则视为…)": evidence to keep or send, optionally what lacking it counts as; no number
PROVISO = re.compile(
    r"[。;]?\((?=[^()\d]*(?:留存|备查|存档|归档|备案|报送|上报|为证|佐证))"
    r"(?:相关|有关|所有)?[^()\d分]{2,40}?(?:必须|须|应|需|要)[^()\d分]{2,30}?(?:,?否则(?:视为|视同|按)[^()\d分]{2,20})?\)[。]?$"
)


def evidence_proviso(text: str) -> Rule | None:
    """A rule whose text, its trailing proviso on the evidence taken out, another reading understands."""
    found = PROVISO.search(text)
    if found is None:
        return None
    # (fix round) a proviso with a consequence of its own ("否则减半", "否则本项扣完") scores: it is part of the rule
    if re.search(r"否则(?!视为|视同)|减半|扣", found.group(0)):
        return None
    rest = text[: found.start()].rstrip(" ,;") + "。"
    if rest.strip("。 ") == "":
        return None
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the rest

    return parse_rule_text(rest)
