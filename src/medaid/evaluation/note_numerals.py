"""Counts written in Chinese numerals in an explanation, as digits (numbers family, s9): "死亡人数为二十人" →
"死亡人数为20人", "社区开展服务项目十二个" → "12个", "迟拨三个月" → "迟拨3个月", so that the readers of actuals in
explanations (``actual_text.read_actual``, a deduction's statements) read them as they read "20人".

Only a numeral below 100 right before a counter (人, 个, 项, 次, 条, 户, 个月…) is written in digits. Kept as they
are: a numeral in a word or an ordinal ("第三个", "每一个", "统一", "进一步", "唯一"), a set phrase ("一人一档", "一河一
策", "一次性", "一个不少"), an approximation ("三个多月", "十余人", "二十来人", "三四个"), a year ("二〇二三年").
"""

from __future__ import annotations

import re

_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
_COUNTER = r"(?:个工作日|个月|个小时|人次|户次|[个人名项次条户家所处件起例天周篇份场期座套台间张株亩吨])"
_NUMERAL = re.compile(
    rf"(?<![第每逐统唯同进单这那哪任某另若头初零〇一二两三四五六七八九十百千万几数])({_NUMBER})(?={_COUNTER}"
    r"(?![性一不多余来半])"
    r")"
)


def _value(word: str) -> str:
    if "十" not in word:
        return str(_DIGIT[word])
    tens, _, ones = word.partition("十")
    return str((_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[ones] if ones else 0))


def in_digits(text: str) -> str:
    """The text with its counts in Chinese numerals written in digits (module docstring)."""
    return _NUMERAL.sub(lambda m: _value(m.group(1)), text)
