"""Bring a rule text into one spelling before the shapes are matched.

Traditional characters become simplified (OpenCC's t2s: 計3分 → 计3分, 扣完為止 → 扣完为止), a
letter l that PDF extraction put for a 1 between 得/扣/计 and 分 becomes 1 (得l分 → 得1分).
Full-width forms become half-width (（５分） → (5分)), spaces go, ≦/≧ become ≤/≥, ×, *, x and
乘以 between factors become ×, and small Chinese numerals before a counter become digits
(一个百分点 → 1个百分点, 一处 → 1处, 两次 → 2次).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.ruletext.row_wrappers import without_row_wrapping  # unread family

_NUMERALS = {
    "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
    "六": "6", "七": "7", "八": "8", "九": "9", "十": "10", "半": "0.5",
}  # fmt: skip
_COUNTERS = "个处例项次起笔条份家人"
_CIRCLED = re.compile("[\u2460-\u2473]")  # ① … ⑳


@cache
def _simplified() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def normalize_rule_text(text: str, *, numbered: bool = True) -> str:
    """The text in one spelling (module docstring); with ``numbered`` False, a list numbered "1.95%…;2.90%…" is left
    as written, its numbers read as decimals (``numbered_items``)."""
    # a circled item number is spelled "(1)" before NFKC, which makes ① a bare 1 ("①95%以上" would read as 195%)
    norm = normalize_text(_CIRCLED.sub(lambda m: f"({ord(m.group()) - 0x245F})", _simplified()(text)))
    norm = re.sub(r"(?<=[得扣计])[lI](?=分)", "1", norm)
    norm = norm.replace("“", "").replace("”", "").replace('"', "")
    norm = norm.replace("乘以", "×").replace("*", "×")
    norm = re.sub(r"(?<=[值率度分])x(?=[分实满完])", "×", norm)
    norm = re.sub(r"(?<=[值率度])X(?=分)", "×", norm)
    norm = norm.replace("—", "-").replace("–", "-").replace("~", "-").replace("～", "-")
    norm = re.sub(
        rf"(?<=[每现有过于少出加降升多扣得计高低长])([一二两三四五六七八九十半])(?=[{_COUNTERS}分]|百分点)",
        lambda m: _NUMERALS[m.group(1)],
        norm,
    )
    # "有措施的+5分,有1个未落实-1分": signed marks after words (not a range "1-2分", "80%-90%") are 得 and 扣
    norm = re.sub(r"(?<=[\u4e00-\u9fff,;。、)])\+(?=\d+(?:\.\d+)?分)", "得", norm)
    norm = re.sub(r"(?<=[\u4e00-\u9fff,;。、)])-(?=\d+(?:\.\d+)?分)", "扣", norm)
    # "每超过1个百分点" and "每超过1百分点" and "每超过1个点" are one thing
    norm = norm.replace("个百分点", "百分点").replace("个点", "百分点")
    # unread family: without_row_wrapping drops the row's number ("3、") and evidence notes ("(以…为准)")
    if numbered:
        norm = numbered_items(norm)  # lead: "1.95%以上…;2.90%-95%…" is a list, "90.4%-92%" a decimal
    return without_row_wrapping(variant_de(bound_numerals(norm)))  # formulas family: 旳 → 的


# --- conditions family: Chinese numerals in a bound ("防疫队伍三人以上", "不少于两次", "十五天以内") -------------

_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_BOUND_COUNTER = r"(?:个工作日|个月|人次|户次|小时|分钟|[个人户家项次天日名件篇所场期条份处例起笔种批座套台辆周年])"
_BOUND_AFTER = r"(?:\((?:含|不含)\))?(?:及|或)?(?:以上|以下|以内|之内|内)"
_BOUND_BEFORE = r"(?:不少于|不低于|不超过|不多于|不高于|至少|超过|多于|少于|低于|不足|不到|达到)"
_CN_NUMBER = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"


def _cn_value(word: str) -> str:
    """A Chinese number below 100 as digits: 三 → 3, 十五 → 15, 二十 → 20."""
    if "十" not in word:
        return str(_DIGIT[word])
    tens, _, ones = word.partition("十")
    return str((_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[ones] if ones else 0))


def bound_numerals(text: str) -> str:
    """Chinese numerals of a bound in digits: before a counter and 以上/以下/以内 ("三人以上" → "3人以上"), or
    after 不少于/至少/超过… ("不少于两次" → "不少于2次"). Other numerals (一是, 三公经费) are kept."""
    text = re.sub(
        rf"(?<![第前后十])({_CN_NUMBER})(?={_BOUND_COUNTER}{_BOUND_AFTER})",
        lambda m: _cn_value(m.group(1)),
        text,
    )
    return re.sub(
        rf"({_BOUND_BEFORE})({_CN_NUMBER})(?={_BOUND_COUNTER})", lambda m: m.group(1) + _cn_value(m.group(2)), text
    )


# --- formulas family: a Latin X/x written for × before a number ("好路率X120", "完成率x60"), and a degree sign
# that OCR put for the full stop after a formula's last number ("…x60°") ------------------------------------

_LATIN_TIMES = re.compile(r"(?<=[率度值%)])[xX](?=\d)|(?<=\d)[xX](?=\d+(?:\.\d+)?分)")
_OCR_STOP = re.compile(r"(?<=×\d)°$|(?<=×\d\d)°$|(?<=×\d\d\d)°$")


def latin_times(text: str) -> str:
    """ "好路率X120" → "好路率×120", "10x0.5分" → "10×0.5分" (a number only before 分); "…×60°" at the end →
    "…×60。". A letter standing for a value ("按X比例×50") is kept: it is not written between a rate (or a
    number) and a number. "A除以B" is "A/B"; a formula opened by 以 ("以合格率×20计分") is opened by 按."""
    text = _OCR_STOP.sub("。", _LATIN_TIMES.sub("×", text)).replace("除以", "/")
    return re.sub(r"^以(?=[^,;。]*[×/][^,;。]*(?:计分|计算|得分|赋分)$)", "按", text)


# --- formulas family: 旳, a variant of 的 that OpenCC's t2s keeps ("到達100%旳得滿分" → "到达100%的得满分") ----------


def variant_de(text: str) -> str:
    """ "旳" → "的": the particle 旳 written for 的 in pages converted from another script."""
    return text.replace("旳", "的")


# --- lead (session 7): the numbers of a numbered list, told apart from decimals ------------------------------------

# a number and a dot where an item may start: at the start, after a sentence, or after a score ("得20分2.…")
_ITEM_DOT = re.compile(r"(?:^|(?<=[;。:分)]))(\d{1,2})\.")


def numbered_items(text: str) -> str:
    """A list numbered 1., 2., 3. … whose item starts with a number spelled with 、 ("1.95%以上得5分;2.90%-95%得3分"
    → "1、95%以上得5分;2、90%-95%得3分"), so that no reading takes "1.95%" for a decimal. Only when the numbers at
    the places an item may start run 1, 2, 3 … in order; otherwise a number with a dot is a decimal as written
    ("90.4%-92%,1分;92%-95%,1.5分" keeps 90.4)."""
    found = list(_ITEM_DOT.finditer(text))
    if len(found) < 2 or [int(m.group(1)) for m in found] != list(range(1, len(found) + 1)):
        return text
    spelled = list(text)
    for m in found:
        if text[m.end() : m.end() + 1].isdigit():
            spelled[m.end() - 1] = "、"
    return "".join(spelled)


def numbering_unsure(text: str) -> bool:
    """Whether every number of a list numbered 1., 2., 3. … is followed by a digit ("1.2%以下得3分;2.4%以下得2分;
    3.6%以下得1分"): the text reads as a list of 2 %, 4 %, 6 % and as 1.2 %, 2.4 %, 3.6 % alike."""
    found = list(_ITEM_DOT.finditer(text))
    return (
        len(found) >= 2
        and [int(m.group(1)) for m in found] == list(range(1, len(found) + 1))
        and all(text[m.end() : m.end() + 1].isdigit() for m in found)
    )
