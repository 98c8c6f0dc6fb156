"""A list of deductions (``checklist.Checklist`` with ``deduct``) against a description in words: what it names
was found, nothing else (moved out of ``checklist`` in session 7, faults family).

Before the statements are matched, the evaluator's synonyms are written in the table's words
(``clause_synonyms.in_text_words``: "专项保洁经费已落实" against "资金未落实"); the reason then says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medaid.evaluation.rules.answers import answer
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.clause_lists import faults_by_clauses, zeroing_named
from medaid.evaluation.rules.clause_partners import separately_denied
from medaid.evaluation.rules.clause_qualities import denied_lists, quality_refusal
from medaid.evaluation.rules.clause_synonyms import in_text_words
from medaid.evaluation.rules.compared_clauses import compared_notes
from medaid.evaluation.rules.deduction_doubts import deduction_doubt  # affirm family (s9)
from medaid.evaluation.rules.faults import faults_found, negated_requirement
from medaid.evaluation.rules.full_conditions import another_time, restates_full_condition
from medaid.evaluation.rules.missing_counts import counted_clauses, fewer_missing, missing_counts
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.wording import STATED

if TYPE_CHECKING:
    from medaid.evaluation.rules.checklist import Checklist


def found_outcome(rule: Checklist, inputs: Inputs, text: str) -> Outcome:
    """A list of faults against a description: what it names was found, nothing else."""
    if (why := quality_refusal(text, rule.names)) is not None:  # faults family (s6, r4): "X无问题", "X不全"
        return rule._unsure(inputs, why)
    if (why := deduction_doubt(text, list(rule.names), rule.text or "")) is not None:  # affirm family (s9)
        return rule._unsure(inputs, why)
    # fix round s8e: "辅助科室缺1个" against "辅助科室缺2个科室，不得分" (lists of counts only: ``missing_counts``)
    if fewer_missing(text, rule.names) and not counted_clauses(rule.names):
        return rule._unsure(inputs, f"实际情况“{text}”所缺个数少于扣分情形所写个数，评分标准未写明此时如何计分")
    if (why := separately_denied(text)) is not None:  # s9 fix round: "未与A、B分别签订"
        return rule._unsure(inputs, why)
    if (why := another_time(text, rule.text or "")) is not None:  # faults fixer (s9): "上年度全年安全无事故"
        return rule._unsure(inputs, why)
    full = rule.full if rule.full is not None else rule._stated(inputs.weight)
    if rule.text and (cond := restates_full_condition(text, rule.text, full)) is not None:  # faults (s9)
        outcome = rule._deducted(inputs, [], "")
        return Outcome(outcome.score, f"实际情况“{text}”即满分条件“{cond}”：{outcome.reason}")
    written = text
    text = in_text_words(text, rule.names)  # faults (s7): "经费" for the table's "资金"
    worded = f"（按评分标准用词读作“{text}”）" if text != written else ""
    text = denied_lists(text)  # "A和B都没有": 无A、无B
    if len(rule.items) == 1 and (said := answer(canon(text), "不")) is not None:
        # 有/无 never answer a fault: "有" may say that the fault happened or that the requirement is met
        if not negated_requirement(rule.names[0] if rule.names else ""):
            return Outcome(
                None,
                f"扣分情形“{rule.names[0] if rule.names else ''}”不是对要求的否定，"
                f"“{text}”可理解为发生或未发生，需人工判断",
                needs_judgement=True,
            )
        outcome = rule._deducted(inputs, [] if said else [1], "")
        return Outcome(outcome.score, f"实际完成情况“{text}”即{'达到' if said else '未达到'}要求：{outcome.reason}")
    if counted_clauses(rule.names):  # faults (s8): "医技科室缺1个科室" is not "医技科室缺2个科室" by its words
        if (counts := missing_counts(text, rule.names, rule.zeroing, rule.items)) is None:
            return rule._unsure(inputs, f"实际情况“{text}”未写明各类缺几个（如“A齐全，B缺X、Y 2个”）")
        outcome = rule._deducted(inputs, list(counts.found), "")
        return Outcome(outcome.score, f"按实际情况“{written}”{worded}（{counts.how}）：{outcome.reason}")
    points = None if rule.zeroing else rule.items
    found, why = faults_found(text, rule.names, note=inputs.actual is None, points=points)
    how = ""
    if why is not None:  # each statement against the list's words (clause_cover), no deduction stated
        found, other, how = ([], why, "") if STATED.search(text) else faults_by_clauses(text, rule.names, inputs.target)
        if other is not None and (zero := zeroing_named(text, rule.names, rule.zeroing)) is not None:
            found, how = [zero[0]], zero[1]  # "有计划，但未以…颁发": a zeroing fault named, the rest positive
        elif other is not None:
            return rule._unsure(inputs, f"实际情况“{why}”不对应唯一的扣分情形")
        how = f"（{how}）" if how else ""
    how = how or (f"（{c}）" if (c := compared_notes(text, rule.names)) else "")  # faults family (s6, r3)
    outcome = rule._deducted(inputs, found, "")
    return Outcome(
        outcome.score,
        f"按实际情况“{written}”{worded}{how}（其中未提及的扣分情形视为未发生）：{outcome.reason}",
    )
