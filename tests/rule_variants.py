"""Rewritings of a rule text that say the same thing: other punctuation, 的 and 该项 put in or left out, 得 for 计,
full-width digits, spaces, the same comparison in other words, independent clauses in another order, "扣完为止"
where it changes nothing. A reading of the text must give the same score for each (or refuse it), never another
number: the metamorphic tests of ``test_rule_text_formulas``."""

from __future__ import annotations

import re

_FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")
# A clause that refers to the others ("否则", "其余", "未达到的") cannot change places with them.
_REFERS = re.compile(r"否则|其余|其他|其它|反之|未达到的|达不到|以下的?[,，]|低于的|^\D*\d[.、]")
_N = r"\d+(?:\.\d+)?"


def _reordered(text: str) -> str | None:
    clauses = [c.rstrip(";；。") for c in re.split(r"(?<=[;；。])", text) if c.strip(";；。 ")]
    if not 2 <= len(clauses) <= 6 or any(_REFERS.search(c) for c in clauses):
        return None
    return "；".join(reversed(clauses)) + "。"


def variants(text: str) -> dict[str, str]:
    """Each rewriting by name; only those that change the text."""
    found = {
        "full-width punctuation": text.replace(",", "，").replace(";", "；").replace(":", "："),
        "half-width punctuation": text.replace("，", ",")
        .replace("；", ";")
        .replace("：", ":")
        .replace("（", "(")
        .replace("）", ")"),
        "semicolons as full stops": re.sub(r"[;；]", "。", text),
        "no final stop": text.rstrip("。.；;"),
        "的 before the score": re.sub(rf"(?<=[%\u4e00-\u9fa5)])(?<!的)(?<!分别)(得|计)(?={_N}分|满分)", r"的\1", text),
        "的 left out": re.sub(rf"的(?=[,，]?(?:得|计)(?:{_N}分|满分))", "", text),
        "计 for 得": re.sub(rf"得(?={_N}分)", "计", text),
        "得 for 计": re.sub(rf"计(?={_N}分)", "得", text),
        "给 for 得": re.sub(rf"(?<=[%)\u4e00-\u9fa5,，])得(?={_N}分)", "给", text),
        "该项 before the score": re.sub(rf"(?<![该本此别])(?=得{_N}分)", "该项", text, count=1),
        "full-width digits": text.translate(_FULL_WIDTH),
        "spaces": re.sub(rf"({_N}%?)", r" \1 ", text),
        "得0分 for 不得分": text.replace("不得分", "得0分").replace("不计分", "计0分"),
        "不得分 for 得0分": re.sub(r"[得计]0分", "不得分", text),
        "及以上 for ≥": re.sub(rf"≥({_N}%?)", r"\1及以上", text),
        "不低于 for ≥": re.sub(rf"≥({_N}%?)", r"不低于\1", text),
        "低于 for <": re.sub(rf"(?<![≤≥\d.])<({_N}%?)", r"低于\1", text),
        "不足 for 低于": re.sub(rf"低于({_N}%?)", r"不足\1", text),
        "一 for 1": re.sub(r"每(超过|低于|增加|减少|少|多|提高|降低)1(?=个|项)", r"每\1一", text),
    }
    if "扣完" not in text and not re.search(r"加|奖", text):
        found["扣完为止 added"] = text.rstrip("。.；;") + "，扣完为止。"
    if re.search(r"×|\*|乘以|比例", text):
        found["最高不超过分值 added"] = text.rstrip("。.；;") + "，最高不超过分值。"
    if (reordered := _reordered(text)) is not None:
        found["clauses reversed"] = reordered
    return {name: v for name, v in found.items() if v != text}
