"""A completion formula among sentences that only restate it (numbers family, session 8).

How 招商引资/项目考核 tables write it: the method named first, sometimes who checks the figures, sometimes the
ratio said in words, then the formula:
- "按完成进度比例得分。得分=(实际到位资金额/时序目标任务)×分值"
- "按完成时序目标进度得分。每季度由县…办公室对…项目数进行认定,完成时序目标任务的得满分,未完成的按比例得分。
  得分=(新引进项目个数/时序目标任务)×分值"

Sentences are cut at 。 (a sentence may hold several clauses). Besides the one sentence with the formula ("得分="),
each sentence must be one of:
- the method: 按(照)(完成)…进度/比例/比率/完成率/完成情况 + 得分/计分/赋分/计算得分, nothing else — dropped;
- the ratio in words: "完成…(的)得满分,未完成(没有完成/完不成)的按(完成)比例得分(计分)" — read as "达到目标值得满分",
  which the formula readers know (the formula below the target, full marks at it and above);
- who checks the figures: no number and no word of marks (分, 扣, 加, 减, 奖, 否决, 不计, 为零, 归零), with a verb of
  checking (认定, 核定, 核实, 审核, 审定, 统计, 核查, 确认, 评定) — dropped: it says where the count comes from.
What is left must be read by ``formulas.formula`` as a completion ratio (actual ÷ plan × the marks); anything else,
or no sentence of these kinds, is None (not read here).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from medaid.evaluation.rules import Rule

_METHOD = re.compile(
    r"按(?:照)?(?:完成)?[^,;。\d分]{0,12}?(?:进度|比例|比率|完成率|完成情况)(?:比例)?(?:得分|计分|赋分|计算得分)"
)
_IN_WORDS = re.compile(
    r"完成[^,;。\d]{0,16}?(?:的)?,?(?:得|计|记)满分,?(?:未完成|没有完成|完不成|未达到)(?:的)?,?"
    r"按(?:实际)?(?:完成)?(?:比例|比率|进度)(?:得分|计分|计算|记分)"
)
_MARKS = re.compile(r"分|扣|加|减|奖|否决|不计|为零|归零")
_CHECKING = re.compile(r"认定|核定|核实|审核|审定|统计|核查|确认|评定")


def formula_among_sentences(text: str, read: Callable[[str], Rule | None]) -> Rule | None:
    """The formula with its restating sentences taken out (module docstring); None for any other text."""
    sentences = [s for s in re.split(r"。", text) if s.strip(" ,;")]
    formulas = [s for s in sentences if re.search(r"得分(?:值)?=", s)]
    if len(formulas) != 1 or len(sentences) < 2:
        return None
    kept: list[str] = []
    for sentence in sentences:
        if sentence is not formulas[0] and "," in sentence and _checking(sentence.split(",")[0]):
            sentence = sentence.split(",", 1)[1]  # "每季度由…进行认定,完成…的得满分,…": who checks, then the rest
        if sentence is formulas[0]:
            kept.append(sentence)
        elif _METHOD.fullmatch(sentence):
            continue
        elif _IN_WORDS.fullmatch(sentence):
            kept.insert(0, "达到目标值得满分")
        elif _checking(sentence):
            continue
        else:
            return None
    rule = read("。".join(kept))
    if rule is None or not _completion(rule):
        return None
    said = [s for s in sentences if s is not formulas[0]]
    how = f"“{'。'.join(said)}”只说明计分方法、数据由谁认定或达到目标得满分，按公式计分"
    if isinstance(getattr(rule, "read_as", None), str):
        return dataclasses.replace(rule, text=text, read_as=f"{how}；{rule.read_as}" if rule.read_as else how)  # type: ignore[call-arg, attr-defined]
    return dataclasses.replace(rule, text=text)


def _checking(clause: str) -> bool:
    """Who checks the figures: no number, no word of marks, a verb of checking."""
    return not re.search(r"\d", clause) and not _MARKS.search(clause) and _CHECKING.search(clause) is not None


def _completion(rule: Rule) -> bool:
    """The rule scores the completion ratio (actual ÷ plan × the marks)."""
    spec = rule.to_dict()
    return spec.get("type") == "formula" and (spec.get("value") == "ratio" or spec.get("value_kind") == "completion")
