"""Faults an evaluator names in words of their own, rewritten in the table's words (faults family, session 9,
round 2; called from ``clause_synonyms.in_text_words``).

How evaluators write a table's fault more concretely or more briefly (paraphrases of real explanations):

- **Lateness.** A table writes "未及时上报/发布/填报" or "不及时报送"; the evaluator writes "迟报", "迟发", "迟交",
  "超过规定时限发布", "逾期上报", "比规定时间晚5天上报" (a span, not a count). Each is read as "未及时" + the
  verb it qualifies ("迟报2例" → "未及时报2例") —
  only when the clauses themselves write 未及时/不及时 and never 迟/逾期/超期 (then the evaluator's word is the
  table's, read as it is), and never for a statement that denies it ("无迟报", "未迟报": the double negation would
  be read as one).
- **Wrong.** A table writes "…不正确" / "…不准确"; the evaluator writes "…错误" / "…有误" ("4份电话号码错误").
  Read as the table's word under the same conditions (the clauses never write 错误/有误 themselves; "准确无误",
  "无错误" are not rewritten).
"""

from __future__ import annotations

import re

# 迟报, 迟发…; 超过规定时限发布, 逾期上报, 超期报送: the verb the lateness qualifies kept
_LATE = re.compile(
    r"(?:比规定(?:时间|时限|日期|期限))?(?:晚|推迟|延后|迟)了?(?:\d+|[一二两三四五六七八九十]+)(?:个工作日|天|日|小时)(?=[\u4e00-\u9fa5])"
    r"|(?<![无没未不])(?:迟(?=[报发交送缴])|(?:超过(?:规定)?(?:时限|期限|时间)|逾期|超期|延迟|滞后)(?=[\u4e00-\u9fa5]{2}))"
)
_TABLE_LATE = re.compile(r"(?:未|不|没有)(?:按规定|按要求)?及时")
# the table's own words for lateness, or a count of days late ("每推迟1天扣1分"): the evaluator's word read as it is
_TABLE_SAYS_LATE = re.compile(r"迟|逾期|超期|超过规定时限|延迟|滞后|延后|晚|每[^,;。]{0,3}(?:天|日|小时)")
_WRONG = re.compile(r"(?<![无没未不准正])(?<!纠正|更正|改正)(?:错误|有误)")
_TABLE_WRONG = re.compile(r"不(?:正确|准确)")
_TABLE_SAYS_WRONG = re.compile(r"错误|有误|差错")


def table_fault_words(statement: str, joined: str) -> str:
    """The statement with the evaluator's words for lateness and error in the table's (see the module)."""
    if _TABLE_LATE.search(joined) and not _TABLE_SAYS_LATE.search(joined):
        verbs = "".join(re.findall(r"及时([\u4e00-\u9fa5]{1,4})", joined))
        # faults fixer (s9): only a lateness of the table's own verb ("迟发" for "未及时发布"; "合同备案迟报"
        # against "未及时发布" is the lateness of another thing, read as written)
        statement = _LATE.sub(
            lambda m: "未及时" if m.end() < len(statement) and statement[m.end()] in verbs else m.group(0), statement
        )
    if (word := _TABLE_WRONG.search(joined)) and not _TABLE_SAYS_WRONG.search(joined):
        statement = _WRONG.sub(word.group(0), statement)
    return statement


# A fault's negated predicates and the positive words that say each is met ("不全" by 齐全/完整).
_MET_BY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("全", ("齐全", "完整", "完备", "齐备")),
    ("齐全", ("齐全", "完整", "完备", "齐备")),
    ("完整", ("完整", "齐全")),
    ("规范", ("规范",)),
    ("及时", ("及时", "按时", "按期")),
    ("准确", ("准确", "正确", "准确无误")),
    ("正确", ("正确", "准确", "准确无误")),
    ("健全", ("健全",)),
    ("完善", ("完善",)),
    ("到位", ("到位",)),
    ("真实", ("真实",)),
    ("整洁", ("整洁",)),
    ("干净", ("干净",)),
)
_MET = {negative: positives for negative, positives in _MET_BY}
_FAULT_PREDICATES = re.compile(
    r"(?P<subject>[^不未没无非缺]{2,}?)(?P<rest>(?:[、,，]?(?:不|未)(?:" + "|".join(_MET) + r"))+)"
)
_STATEMENT_FILLERS = re.compile(r"均|都|全部|已经|已|的|[、,，\s]")


def predicates_restated(statement: str, fault: str) -> bool:
    """ "学生归档材料齐全、规范" against the fault "学生归档材料不全、不规范": a subject with two or more negated
    predicates of quality, denied by the same subject (or its tail: "归档材料") with every predicate said met,
    nothing negated, counted or hedged (faults, s9 round 2). One predicate of two ("…齐全") says less: not read."""
    fault = re.sub(r"^\s*(?:发现|出现|存在)|的$", "", fault.strip())
    found = _FAULT_PREDICATES.fullmatch(fault)
    if found is None or re.search(r"[不未没无非缺漏错\d]|基本|部分|个别|大部|多数|较|尚", statement):
        return False
    negatives = re.findall(r"(?:不|未)(" + "|".join(sorted(_MET, key=len, reverse=True)) + ")", found.group("rest"))
    if len(negatives) < 2:
        return False
    said = _STATEMENT_FILLERS.sub("", statement)
    left = list(negatives)
    while left:  # each predicate said once, in any order ("规范、齐全"), from the end of the statement
        hit = next(((n, p) for n in left for p in sorted(_MET[n], key=len, reverse=True) if said.endswith(p)), None)
        if hit is None:
            return False
        left.remove(hit[0])
        said = said[: -len(hit[1])]
    subject = found.group("subject")
    return len(said) >= 2 and subject.endswith(said)
