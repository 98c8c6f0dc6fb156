"""Spellings of bands that real tables write and ``conditions`` does not read as written (bands family).

Pattern (how tables write a band's bound):

- an age in 周岁 ("0-5周岁", "11岁-16岁(不含16周岁)"): 周岁 is 岁 (``quantity`` joins the two spellings, so an
  actual "4周岁" is compared with bands in 岁);
- a unit typed twice after a number ("0-5周岁岁", "10人人"): one unit;
- "占比" after a first band whose subject is "…占…(的)比例/比重": the same share, its subject left out;
- "…的均不得分" (均: all the cases the clause names): "…的不得分";
- a range whose upper end alone is marked "(不含)" ("10%—20%(不含)", "11岁-16岁(不含16岁)"): the mark says the
  upper end is out; the lower end keeps the convention of an unmarked range (in). Written out as
  "10%(含)-20%(不含)" so that the lower end is not taken out with the upper one.
"""

from __future__ import annotations

import re

_N = r"\d+(?:\.\d+)?"
_UNIT = r"%|‰|岁|[万亿]?元|万?人次|万?人|万?户|[万]?亩|万?头|个|项|次|天|日|家|所|名"
_DOUBLED = re.compile(r"(?<=\d)(岁|人|天|个|次|元|亩|头|户|家|项)\1")
_UPPER_OUT = re.compile(
    rf"(?<![\d.)])(?P<low>{_N}(?:{_UNIT})?)(?P<dash>-|—|–|~|至|到)(?P<high>{_N}(?:{_UNIT})?)(?P<mark>\(不含[^()]{{0,8}}\))"
)


def respell(text: str) -> str:
    """The text with the spellings of the module docstring made plain."""
    text = text.replace("（", "(").replace("）", ")")
    text = text.replace("周岁", "岁")
    text = _DOUBLED.sub(r"\1", text)
    if re.search(r"占[^,;。]{1,40}?(?:比例|比重)", text):
        text = re.sub(r"(?<=[,;。])占比(?=\d)", "", text)
    text = re.sub(r"的,?均(?=不得分|不计分|不给分|得|计|记)", "的", text)
    return _UPPER_OUT.sub(lambda m: f"{m['low']}(含)-{m['high']}{m['mark']}", text)
