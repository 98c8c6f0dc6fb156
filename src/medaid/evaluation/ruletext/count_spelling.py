"""One spelling for the count, per-case and rank readers: tables word the same element many ways, and the
readers match one of them (docs/rules.md, "Counts and ranks").

- deduction verbs 扣除/扣减/减去/减少/减/扣罚 before "N分" → 扣 ("每例减1分" is "每例扣1分");
  给/赋/记 N分 → 得 N分; 不给分/不计分/计零分/按0分计/… → 不得分;
- the floor at zero in any wording (最低0分, 扣至0分为止, 不得为负, 扣完本项分值为止, …) → 扣完为止;
- a cap on the deduction (扣分上限N分, 扣分以N分为限, 累计扣分不超过N分, 至多扣N分, …) → 最多扣N分;
  扣满N分为止 → 扣完N分为止;
- a unit after the points ("扣0.5分/处", "按0.5分/项扣分", "2分/个") → before them ("每处扣0.5分");
- cut-offs: "3例及3例以上", "3例或以上", "≥3例" → "3例及以上"; ">3例" → "超过3例"; "累计达3例" → "达到3例";
- levels sharing a clause and its scores ("省、市、县督查组发现的,每个分别扣10分、5分、3分") → one clause a
  level ("省督查组发现的,每个扣10分,市督查组发现的,每个扣5分,…"), when levels and scores pair one to one;
- ranks: "第N位", "前N位" → 名; a bare ordinal after a rank word ("排名第一的") → "第1名".
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER

_V = r"(\d+(?:\.\d+)?)"
_FLOOR = re.compile(
    r"(?:本项|该项|此项)?(?:分值|分数)?(?:扣完(?:本项|该项|此项)?(?:分值|分数|分)?为止|扣完即止|扣光为止|直至扣完"
    r"|(?:直至|直到)?扣(?:至|到|为)(?:零|0)分(?:为止)?|最低(?:为|得|计)?(?:零|0)分|不得为负(?:分|数)?"
    r"|不(?:倒扣|计负分|出现负分)|(?:得分)?不低于(?:零|0)分)"
)
_ZERO = re.compile(
    r"不给分|不予(?:计分|得分|给分)|不计分|不计得分|(?:得|计|记|为|给)(?:零|0)分|按(?:零|0)分计(?:算)?|零分"
)
_DEDUCT_VERB = re.compile(rf"(?:扣除|扣减|减去|减少|减扣|扣去|扣罚|(?<![递增缩核消加])减)(?={_V}分)")
_GIVE_VERB = re.compile(rf"(?<!加)(?:给|赋|记|赋予)(?={_V}分)")
_CAPS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?:累计|合计|本项|该项)?(?:最高|至多|最多只|最多可|最多)扣(?:除|分)?{_V}分"),
    re.compile(
        rf"(?:累计|合计|本项|该项)?扣分(?:总额|总计|合计|累计)?"
        rf"(?:(?:最多|最高)?(?:不超过|不得超过|不高于|不多于)|最多|最高|上限为|上限|以){_V}分(?:为限|封顶)?"
    ),
)
_UNIT_AFTER = (
    (re.compile(rf"按(?:每)?({COUNTER})(扣|加|得|计)"), r"每\1\2"),  # "按项加0.5分", "按件扣1分"
    (re.compile(rf"(?:按|以)?扣(?:分|除|减)?{_V}分/({COUNTER})"), r"每\2扣\1分"),
    (re.compile(rf"按{_V}分/({COUNTER})扣(?:分|除|减)?"), r"每\2扣\1分"),
    (re.compile(rf"按(?:每)?({COUNTER}){_V}分扣(?:分|除|减)?"), r"每\1扣\2分"),  # "按每例0.5分扣减"
    (re.compile(rf"(加|得|计)?{_V}分/({COUNTER})"), r"每\3\1\2分"),
)
_CUT = rf"({NUMBER})({COUNTER})"
_CUT_OFFS = (
    (re.compile(rf"{_CUT}(?:及|或)\1\2(?:以上|及以上)"), r"\1\2及以上"),
    (re.compile(rf"{_CUT}(?:或以上|及其以上|以上\(含\)|\(含\1\2\)以上)"), r"\1\2及以上"),
    (re.compile(rf"(?:≥|>=){_CUT}"), r"\1\2及以上"),
    (re.compile(rf"(?:>){_CUT}"), r"超过\1\2"),
    (re.compile(rf"(?:累计)?(?:达到|达)(?=(?:{NUMBER}){COUNTER})"), "达到"),
    (re.compile(rf"在(?=(?:{NUMBER}){COUNTER}(?:及)?以上)"), ""),
)


_LEVEL = r"(?:国家|中央|省|市|县|区|乡|镇|村)"
_SPREAD = re.compile(
    rf"(?P<head>[^,;。、]*?)(?P<items>{_LEVEL}(?:[、和及与]{_LEVEL})+)(?P<tail>[^,;。]*?(?:,[^,;。]*?)?)"
    rf"分别(?P<verb>加|扣|得|计)(?P<scores>{_V}分(?:(?:、|和|及|与|,){_V}分)+)"
)


def _spread(match: re.Match[str]) -> str:
    """ "被省、市、县督查组发现的,每个分别扣10分、5分、3分" → one clause a level; left as written when the
    levels and the scores do not pair one to one."""
    items = re.split(r"[、和及与]", match.group("items"))
    scores = re.findall(_V, match.group("scores"))
    if len(items) != len(scores):
        return match.group(0)
    head, tail, verb = match.group("head"), match.group("tail"), match.group("verb")
    return ",".join(f"{head}{item}{tail}{verb}{score}分" for item, score in zip(items, scores, strict=True))


def canon_counts(text: str) -> str:
    """The one spelling the count and per-case readers match (see the module's list)."""
    text = _SPREAD.sub(_spread, text)  # "省、市级刊物发表1篇分别加1分和0.5分": a kind a level
    text = text.replace("扣满", "扣完")  # "扣满4分为止" is "扣完4分为止"
    text = _FLOOR.sub("扣完为止", text)
    text = re.sub(r"扣完为止(?:,?扣完为止)+", "扣完为止", text)
    text = _ZERO.sub("不得分", text)
    text = _DEDUCT_VERB.sub("扣", text)
    text = _GIVE_VERB.sub("得", text)
    for cap in _CAPS:
        text = cap.sub(r"最多扣\1分", text)
    for pattern, spelled in (*_UNIT_AFTER, *_CUT_OFFS):
        text = pattern.sub(spelled, text)
    return text


_RANK_WORD = re.compile(r"排名|名次|排位|位次|位列|名列|位居|排序")
_CN = "[一二三四五六七八九十]+"


def canon_ranks(text: str) -> str:
    """ "前三位", "第4-6位" → 名; "排名第一的" → "排名第一名的" (only when the text speaks of ranks)."""
    words = bool(_RANK_WORD.search(text))
    if not words and not re.search(rf"[前第](?:\d+|{_CN})[名位]", text):
        return text
    text = re.sub(rf"(?<=[前第\d])(\d+|{_CN})位(?!次)", r"\1名", text)
    text = re.sub(rf"(\d+|{_CN})位(?=以后|及以后|之后|以下|及以下|后)", r"\1名", text)
    text = re.sub(rf"(?<=[-至到])第?(\d+|{_CN})位", r"第\1名", text)
    text = _DEDUCT_VERB.sub("扣", _ZERO.sub("不得分", text))
    text = _GIVE_VERB.sub("得", text)
    text = re.sub(rf"(分|满分)、(?=(?:第|前)?(?:\d+|{_CN})(?:-\d+)?名|其[他余])", r"\1,", text)  # "5分、6-10名…"
    text = re.sub(r"\(含\)(以上|以后|以下)", r"及\1", text)
    if not words:
        return text
    text = re.sub(rf"(?<=前)(\d+|{_CN})(?=的|得|计|[,;。]|$)", r"\1名", text)  # "位居前三的" → 前三名
    return re.sub(rf"第(\d+|{_CN})(?![\d名位次项条款个年季月天日期批级类档章节届])", r"第\1名", text)
