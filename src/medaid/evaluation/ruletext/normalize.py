"""Bring a rule text into one spelling before the shapes are matched.

Full-width forms become half-width (（５分） → (5分)), spaces go, ≦/≧ become ≤/≥,
×, *, x and 乘以 between factors become ×, and small Chinese numerals before a
counter become digits (一个百分点 → 1个百分点, 一处 → 1处, 两次 → 2次).
"""

from __future__ import annotations

import re

from medaid.evaluation.quantity import normalize_text

_NUMERALS = {
    "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
    "六": "6", "七": "7", "八": "8", "九": "9", "十": "10", "半": "0.5",
}  # fmt: skip
_COUNTERS = "个处例项次起笔条份家人"


def normalize_rule_text(text: str) -> str:
    norm = normalize_text(text)
    norm = norm.replace("“", "").replace("”", "").replace('"', "")
    norm = norm.replace("乘以", "×").replace("*", "×")
    norm = re.sub(r"(?<=[值率度分])x(?=[分实满完])", "×", norm)
    norm = re.sub(r"(?<=[值率度])X(?=分)", "×", norm)
    norm = norm.replace("—", "-").replace("–", "-").replace("~", "-").replace("～", "-")
    norm = re.sub(
        rf"(?<=[每现有过于少出加降升多扣得计])([一二两三四五六七八九十半])(?=[{_COUNTERS}分]|百分点)",
        lambda m: _NUMERALS[m.group(1)],
        norm,
    )
    # "每超过1个百分点" and "每超过1百分点" and "每超过1个点" are one thing
    norm = norm.replace("个百分点", "百分点").replace("个点", "百分点")
    return norm
