"""What a table row wraps around its scoring rule and an evaluator reads past (unread family).

Rows copied from real tables carry, around the rule itself:
- the row's number in its list, when the text is a single item: "3、", "2.", "(2)", "(1)、", "四、", "①";
  not the start of a list ("1、…;2、…", which the list readings own), nor a number that is part of the rule
  ("5、6月份未报送的各扣1分", "2.5分", "一、二级医院");
- where the evidence is, in brackets with no number: "(以材料上报县科协为准)", "(以年度考核资料为依据)";
- the same as a last sentence with no number: "以年终考核为依据。", "以县核定数为准。";
- a first sentence that only says where to look: "查阅相关资料。", "现场查看台账;".

``without_row_wrapping`` takes them out before any reading (``normalize``), so every shape reads the rule as it
would without them. A number inside the evidence ("以85%为准", "以2023年数据为准") is kept: it may be a target.
"""

from __future__ import annotations

import re

# the row's number in front (not "5、6月", "2.5", "一、二级")
LEADING_NUMBER = re.compile(
    r"^(?:\(\d{1,2}\)[、.]?|\d{1,2}(?:、(?!\d)|\.(?![\d.]))"
    r"|[一二三四五六七八九十]、(?![一二三四五六七八九十\d])|[①②③④⑤⑥⑦⑧⑨])"
)
# another item number further on: the text is a list (not "分别得10、8、6分", "一、二级")
MORE_NUMBERS = re.compile(
    r"\(\d{1,2}\)|(?<![\d.、])\d{1,2}(?:、(?!\d)|\.(?!\d))|(?<![一二三四五六七八九十])[一二三四五六七八九十]、(?![一二三四五六七八九十])"
    r"|[①②③④⑤⑥⑦⑧⑨]"
)
# where the evidence is, with no number: "(以图片、总结上报县科协(科协)为准)"
EVIDENCE_BRACKET = re.compile(r"\((?:以|根据|依据)[^()\d]*?(?:\([^()\d]*\)[^()\d]*?)*为(?:准|依据|据)\)")
# the same as the last sentence: "以年终考核为依据。"
EVIDENCE_SENTENCE = re.compile(r"(?<=[。;])(?:以|根据|依据)[^,;。()\d]{1,24}?为(?:准|依据|据)[。;]?$")


# a first sentence that only says where to look: "查阅相关资料。", "现场查看台账;" (no number, no marks)
LOOK_FIRST = re.compile(
    r"^(?:现场)?(?:查看|查阅|核查|检查|查验|审核|审查|看)[^,;。:\d分]{0,16}?"
    r"(?:资料|台账|记录|档案|文件|报表|数据|材料|凭证|账目)[。;:]"
)


def without_row_wrapping(text: str) -> str:
    """A normalized text without its row number and its evidence notes (the text as it is when it has none)."""
    rest = EVIDENCE_BRACKET.sub("", text)
    rest = EVIDENCE_SENTENCE.sub("", rest)
    number = LEADING_NUMBER.match(rest)
    if number is not None and not MORE_NUMBERS.search(rest[number.end() :]):
        rest = rest[number.end() :].lstrip(" 、.,")
    look = LOOK_FIRST.match(rest)
    if look is not None:
        rest = rest[look.end() :]
    return rest if rest.strip(" ,;。") else text
