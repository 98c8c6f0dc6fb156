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
- numbers family (s8): the measure named first and its head word repeated after each percentage
  ("项目建设进度与计划的符合程度,100%符合:5分;90-100%符合:3分", "…达标率:95%达标,3分"): the head word (two characters
  before 程度/率/度 in the first clause) after a percentage and before the score is the measure restated, dropped.
- numbers family (s8): bands written as shares of a number the rules set ("≥规定数的90%，得2分；≥规定数的85%，＜90%，
  得1分；＜规定数的85%，不得分", 住院医师基地 评估指标) with the top level named in words ("符合要求，得4分", "达到要求
  (含协同单位)，得满分"): the value is the share of that number (the evaluator writes "92%"), so "规定数的" is
  dropped and the level in words is "≥100%" (meeting the requirement is 100 % of it). Read only with two such
  shares or more; a bracket after the level in words that only says what counts ("(含协同单位)") is dropped.
- numbers family (s8): counted levels whose first names the thing without a number ("有体育消费数字平台,1分;有2个,
  1.5分;超过2个,2分", "建有服务站的得1分;有3个得2分;5个以上得3分"): having the thing is having one, "1<counter>"
  (at least one), and "有N<counter>" is "N<counter>" (at least N, the ladder's convention). Read only when every
  other level is a count in one counter (two or more of them) and the first clause holds no number.
"""

from __future__ import annotations

import re

_N = r"\d+(?:\.\d+)?"
_UNIT = r"%|‰|岁|[万亿]?元|万?人次|万?人|万?户|[万]?亩|万?头|个|项|次|天|日|家|所|名"
_DOUBLED = re.compile(r"(?<=\d)(岁|人|天|个|次|元|亩|头|户|家|项)\1")
_UPPER_OUT = re.compile(
    rf"(?<![\d.)])(?P<low>{_N}(?:{_UNIT})?)(?P<dash>-|—|–|~|至|到)(?P<high>{_N}(?:{_UNIT})?)(?P<mark>\(不含[^()]{{0,8}}\))"
)


# numbers family (s8): "…的符合程度,100%符合:5分": the measure's head word after each percentage
_MEASURE = re.compile(r"^[^,;。:\d]{0,30}?(?P<head>[\u4e00-\u9fa5]{2})(?:程度|率|度)[,:]")


def _restated_head(text: str) -> str:
    measure = _MEASURE.match(text)
    if measure is None:
        return text
    return re.sub(rf"(?<=%){measure.group('head')}(?=[:,]|得|计|记|\d+(?:\.\d+)?分)", "", text)


# numbers family (s8): "≥规定数的90%": a share of a number the rules set
_SET_SHARE = re.compile(r"(?:规定|要求|标准)(?:数量|数|值)的(?=\d)")
_MET_IN_WORDS = re.compile(
    r"(?:^|(?<=[,;。\s]))(?:符合要求|达到要求|符合规定|达到规定数(?:量)?|符合标准|达到标准)(?:\([^()\d]{0,12}\))?(?=[,;。\s]*(?:得|计|记))"
)


def _set_shares(text: str) -> str:
    if len(_SET_SHARE.findall(text)) < 2:
        return text
    return _MET_IN_WORDS.sub("≥100%", _SET_SHARE.sub("", text))


# numbers family (s8): "有体育消费数字平台,1分;有2个,1.5分;超过2个,2分": having the thing is having one
_COUNTER = r"个|家|项|处|所|座|套|台|名|人|次|条|本|支|辆"
_HAS_THING = re.compile(
    r"^(?:有|建有|设有|建立|设立)(?P<thing>[\u4e00-\u9fa5]{2,20}?)(?:的)?,?(?=(?:得|计|记)?\d+(?:\.\d+)?分)"
)
_COUNTED_LEVEL = re.compile(
    rf"(?:^|(?<=[,;。]))(?:有|达到|超过|多于)?\d+(?P<c>{_COUNTER})(?:以上|及以上)?(?:的)?,?(?=(?:得|计|记)?\d+(?:\.\d+)?分)"
)


def _thing_had(text: str) -> str:
    first = _HAS_THING.match(text)
    counted = list(_COUNTED_LEVEL.finditer(text))
    if first is None or len(counted) < 2 or len({m.group("c") for m in counted}) != 1:
        return text
    rest = re.sub(rf"(?:^|(?<=[,;。]))有(?=\d+(?:{_COUNTER}))", "", text[first.end() :])
    return f"{first.group('thing')}1{counted[0].group('c')}," + rest.lstrip(",")


def respell(text: str) -> str:
    """The text with the spellings of the module docstring made plain."""
    text = _thing_had(text)  # numbers family (s8)
    text = _restated_head(text)  # numbers family (s8)
    text = _set_shares(text)  # numbers family (s8)
    text = text.replace("（", "(").replace("）", ")")
    text = text.replace("周岁", "岁")
    text = _DOUBLED.sub(r"\1", text)
    if re.search(r"占[^,;。]{1,40}?(?:比例|比重)", text):
        text = re.sub(r"(?<=[,;。])占比(?=\d)", "", text)
    text = re.sub(r"的,?均(?=不得分|不计分|不给分|得|计|记)", "的", text)
    return _UPPER_OUT.sub(lambda m: f"{m['low']}(含)-{m['high']}{m['mark']}", text)
