"""Other spellings of a deed an evaluator reports against ONE condition (affirm family, session 7).

The family, from the row-after-row tables: a condition is "(subject) verb object" ("成立工作领导小组", "制定年度
工作方案", "建立工作台账"); the evaluator restates it, but not always with the table's verb nor in its order:
- a verb of the same deed: 成立 and 组建 (an organisation is set up, "已组建工作专班" for "成立工作专班");
- a verb that says more than the table's and so implies it: what is 印发/出台/下发 has been 制定 ("已印发实施方案"
  for "制定实施方案"), what is 建成 has been 建立/建设 ("服务站已建成" for "建立服务站"), what is 签署 is 签订.
  The other way does not hold: "已制定方案" does not say it was 印发; such a statement is left unread; nor does
  a denial carry over ("未建成" is not "未建立": it may be being built), so a negative statement keeps its verb;
- a verb that makes or appoints a thing, said for the table's 有 ("已制定工作方案" for "有工作方案", "已配备专职
  人员" for "有专职人员"): what is made is had; one way only, never in a negative statement;
- the object first, the verb after it ("台账已建立", "方案未制定"): said as verb then object ("建立台账",
  "未制定方案"), with its negation kept before the verb.

``spellings`` gives the statement as said and in these other spellings, for ``affirmations`` to compare each with
the condition's requirements (``naming.named`` / ``naming.denies``); a spelling changes one verb or the order only,
never a negation, a quality (及时, 规范…) or a number.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.phrasing import VERBS

# The same deed in two verbs: either may be said for the other.
# (affirm s9) 执行/落实: carrying out a rule or plan ("各项规定均已执行" for "…且落实"); 上报/报送: sending up a report
_SAME_DEED = (("成立", "组建"), ("开展", "进行"), ("执行", "落实"), ("上报", "报送"))
# A verb that implies another (said → the one the table may use); never read the other way.
_IMPLIES = (
    ("印发", "制定"),
    ("出台", "制定"),
    ("下发", "制定"),
    ("印发", "出台"),
    ("下发", "印发"),
    ("建成", "建立"),
    ("建成", "建设"),
    ("签署", "签订"),
)

# (affirm s8) Names of one post: a person assigned to the task ("专人") is written "专职人员"/"专门人员" by evaluators,
# and "专人管理" as "专职管理人员"; said → the table's word (both ways: a denial of one denies the other). Not 兼职
# nor 专兼职 (a part-time person is no 专人).
_SAME_NOUN = (("专职管理人员", "专人管理"), ("专职人员", "专人"), ("专门人员", "专人"), ("专职工作人员", "专人"))

# Verbs that make or appoint a thing: once done, the unit has it ("已制定工作方案" says "有工作方案", "已配备专职人员"
# "有专职人员", "已明确专人负责" "有专人负责"); read one way only, never in a negative statement.
_MAKING = re.compile(r"^(?:制定|建立|设立|配备|明确|建成|印发|出台|组建|成立|编制|签订)(?=[\u4e00-\u9fa5]{2})")

# (affirm s8) the same after a subject that holds no verb ("临床能力训练中心配备专职人员管理" → "临床能力训练中心有…")
_SUBJECT_MAKING = re.compile(rf"^([\u4e00-\u9fa5]{{2,12}}?){_MAKING.pattern[1:]}")

# "台账已建立" in ``canon`` spelling ("台账建立", "方案无制定"): an object of two or more characters, an optional
# negation, the verb at the end. Not a statement with a number, a list mark or a negation inside the object.
_OBJECT_FIRST = re.compile(rf"^([\u4e00-\u9fa5]{{2,12}}?)(无|不)?({VERBS}|{'|'.join(a for a, _ in _IMPLIES)})$")


def implies(said: str, asked: str) -> bool:
    """(fix round) Whether having done the verb ``said`` says the verb ``asked`` is done (the same deed, or one that
    implies it: 印发 → 制定; never the other way)."""
    return said == asked or (said, asked) in _IMPLIES or any({said, asked} == {a, b} for a, b in _SAME_DEED)


def same_deed(one: str, other: str) -> bool:
    """(fix round) Whether two verbs say the same deed (成立/组建), so that a denial of one denies the other."""
    return one == other or any({one, other} == {a, b} for a, b in _SAME_DEED)


# (fix round) An intention, a future or an obligation before the verb ("工作台账将建立", "应急预案拟编制",
# "领导小组待组建", "计划组建"): the deed is not done, so no other spelling is made of it
_NOT_YET = re.compile(r"(?:将|拟|待|应|需|须|正|打算|亟|急|争取)$")


def _verb_first(said: str) -> str | None:
    """ "台账建立" → 建立台账; "方案无制定" → 无制定方案; None when the statement is not object then verb."""
    found = _OBJECT_FIRST.match(said)
    if found is None or re.search(r"[无不非有|]", found.group(1)) or _NOT_YET.search(found.group(1)):
        return None
    return (found.group(2) or "") + found.group(3) + found.group(1)


def spellings(said: str) -> list[str]:
    """The statement (``canon`` spelling) and its other spellings of the same deed (see the module docstring)."""
    out = [said]
    if re.search(rf"(?:{_NOT_YET.pattern[:-1]})(?:{VERBS}|组建|编制|出台|下发)", said):  # (fix round) not yet done
        return out
    for word, same in _SAME_NOUN:  # (affirm s8) "配备专职人员管理" for "有专人管理"
        if word in said and not re.search(r"兼职", said):
            out.append(said.replace(word, same))
            break
    fronted = _verb_first(said)
    if fronted is not None:
        out.append(fronted)
    for spelling in list(out):
        for one, other in _SAME_DEED:
            for a, b in ((one, other), (other, one)):
                if a in spelling:
                    out.append(spelling.replace(a, b))
        if re.search(r"[无不非]", spelling):  # "未印发" does not say "未制定": what is implied is not denied
            continue
        for verb, implied in _IMPLIES:
            if verb in spelling:
                out.append(spelling.replace(verb, implied))
        if _MAKING.match(spelling):
            out.append(_MAKING.sub("有", spelling, count=1))
        elif (found := _SUBJECT_MAKING.match(spelling)) is not None and not re.search(VERBS, found.group(1)):
            out.append(found.group(1) + "有" + spelling[found.end() :])  # (affirm s8) "中心配备专人管理"
    return list(dict.fromkeys(out))
