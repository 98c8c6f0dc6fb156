"""Points earned for cases of one kind and taken for cases of another, in two sentences (counts family, s9;
``rules.count_nets``): "严格执行…采购政策的,提供一例得1分,最高8分;明显违背政策的,发现一次扣2分".

Reading: one sentence is a count that scores (``count_score``: "提供一例得1分,最高8分"), the other a count of cases
deducted (``per_case``: "发现一次扣2分"), each read alone; what the one earns the other takes away. Not read: a
deduction with full marks or a cut-off, veto or limit of its own (from which marks does it start?), a text allowing
a score below zero, more or fewer than two sentences, a count that scores with a base ("得基本分3分").
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import CountScore, PerCase, Rule
from medaid.evaluation.rules.count_nets import NetCounts
from medaid.evaluation.ruletext.common import negative_allowed


def net_counts(text: str) -> Rule | None:
    """ "…提供一例得1分,最高8分;…发现一次扣2分" (module docstring)."""
    from medaid.evaluation.ruletext.cases import per_case
    from medaid.evaluation.ruletext.count_scores import count_score

    sentences = [s for s in re.split(r"[;。]", text) if s.strip(" ,")]
    if len(sentences) != 2 or negative_allowed(text):
        return None
    for first, second in (sentences, sentences[::-1]):
        gain, loss = count_score(first), per_case(second)
        if (
            isinstance(gain, CountScore)
            and not gain.base
            and isinstance(loss, PerCase)
            and loss.full is None
            and loss.zero_cases is None
            and not loss.vetoes
            and not loss.limits
            and loss.max_deduction is None
            and not loss.share
        ):
            return NetCounts(gain=gain, loss=loss)
    return None
