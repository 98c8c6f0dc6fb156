"""One spelling for the count, per-case and rank readers: tables word the same element many ways, and the
readers match one of them (docs/rules.md, "Counts and ranks").

- deduction verbs 扣除/扣减/减去/减少/减/扣罚 before "N分" → 扣 ("每例减1分" is "每例扣1分");
  给/赋/记 N分 → 得 N分; 不给分/不计分/计零分/按0分计/… → 不得分;
- the floor at zero in any wording (最低0分, 扣至0分为止, 不得为负, 扣完本项分值为止, …) → 扣完为止;
- a cap on the deduction (扣分上限N分, 扣分以N分为限, 累计扣分不超过N分, 至多扣N分, …) → 最多扣N分;
  扣满N分为止, and the cap before its verb as a clause of its own (",1分扣完为止") → 扣完N分为止;
- a unit after the points ("扣0.5分/处", "按0.5分/项扣分", "2分/个") → before them ("每处扣0.5分");
- cut-offs: "3例及3例以上", "3例或以上", "≥3例" → "3例及以上"; ">3例" → "超过3例"; "累计达3例" → "达到3例";
- levels sharing a clause and its scores ("省、市、县督查组发现的,每个分别扣10分、5分、3分") → one clause a
  level ("省督查组发现的,每个扣10分,市督查组发现的,每个扣5分,…"), when levels and scores pair one to one;
- ranks: "第N位", "前N位" → 名; a bare ordinal after a rank word ("排名第一的") → "第1名";
- items numbered in rising order from the text's start ("1、…;2、…", "2.…。3.…", "一、…") → the items without numbers,
  each a sentence of its own (a number after a comma starts one: the comma becomes ";");
- one score for alternatives counted in counters of their own ("每少一种机构或少一项制度的扣0.5分") → a clause
  each ("每少1种机构扣0.5分,每少1项制度扣0.5分"): each is counted in its own counter, and both count;
- a decimal point written as a full stop between a score's digits ("扣0。5分") → "扣0.5分"; a score in Chinese
  numerals, with 点 or whole ("扣零点五分", "加一点五分", "扣壹分") → in digits ("扣0.5分", "加1.5分", "扣1分");
- "每人每次", "每户每次" → "每人次", "每户次" (one count of person-times);
- a loose 每 ("whenever") before a finding verb, in a clause with no count, whose points follow as "一次扣N分"
  ("每查到未出勤或未佩戴袖标的,一次扣5分") → the clause without it ("查到未出勤…的,一次扣5分") (counts family, s7).
"""

from __future__ import annotations

import itertools
import re

from medaid.evaluation.rules.count_vocab import CN_NUMBER, COUNTER, NUMBER, cn_int
from medaid.evaluation.ruletext.count_samples import sampled_each
from medaid.evaluation.ruletext.score_spellings import bare_points, redundant_bounds

_V = r"(\d+(?:\.\d+)?)"
_FLOOR = re.compile(
    r"(?:本项|该项|此项)?(?:分值|分数)?(?:扣完(?:本项|该项|此项)?(?:分值|分数|分)?为止|扣完即止|扣光为止|直至扣完"
    r"|(?:直至|直到)?扣(?:至|到|为)(?:本项|该项|此项)?(?:零|0)分(?:为止)?|最低(?:为|得|计)?(?:零|0)分|不得为负(?:分|数)?"
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
# the cap written before its verb, as a clause of its own: "…每处扣0.2分,1分扣完为止", "2分扣完即止"
_POINTS_FIRST_CAP = re.compile(rf"(^|[,;。])(?:本项|该项|此项)?{_V}分(?:扣完|扣光|扣满)(?:为止|即止)")
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


# "1、", "2.", "一、", "①" where an item begins (not "1.5分", "1人", nor the "一、" of "一、二级医院")
_ITEM_NUMBER = re.compile(
    r"(?:^|(?<=[。;,.]))(?:(?P<d>\d{1,2})(?:、|\.(?!\d))|(?P<c>[一二三四五六七八九])、(?![一二三四五六七八九十])|(?P<r>[①②③④⑤⑥⑦⑧⑨]))"
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
_CN_ITEM = "一二三四五六七八九"


def without_item_numbers(text: str) -> str:
    """The items of a numbered text without their numbers, each its own sentence; the text as it is when the
    numbers do not rise from its start (1, 2, 3…; 2, 3… in a row that goes on a list; 1, 3 when one was left out)."""
    found = list(_ITEM_NUMBER.finditer(text))
    if not found or found[0].start() != 0:
        return text
    numbers = [
        int(m.group("d")) if m.group("d") else (_CN_ITEM.index(m.group("c")) + 1 if m.group("c")
                                                else _CIRCLED.index(m.group("r")) + 1)
        for m in found
    ]  # fmt: skip
    if any(b <= a for a, b in itertools.pairwise(numbers)):  # a row may go on a list ("2、…;3、…")
        return text
    out, last = [], 0
    for m in found:
        head = text[last : m.start()]
        out.append(head[:-1] + ";" if head.endswith((",", ".")) else head)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _alternative(name: str) -> str:
    """One alternative of "每少1种机构或少1项制度": words, a count and its counter (named ``name``), words."""
    return rf"[^,;。每或的]{{0,8}}?(?:{NUMBER})(?P<{name}>{COUNTER})[^,;。每或分]{{0,12}}?"


_EITHER = re.compile(
    rf"每(?P<a>{_alternative('ca')})或(?P<b>{_alternative('cb')})(?:的)?,?(?P<outcome>(?:扣|得|加)\d+(?:\.\d+)?分)"
)


def _either(match: re.Match[str]) -> str:
    """ "每少1种机构或少1项制度的扣0.5分" → a clause each, when the two count in different counters."""
    if match.group("ca") == match.group("cb"):
        return match.group(0)  # "每少1项A或B": one count with two names
    outcome = match.group("outcome")
    return f"每{match.group('a')}{outcome},每{match.group('b')}{outcome}"


_CN_DECIMAL = re.compile(r"(?<=[扣得加计减])([零〇一二两三四五六七八九十]+)点([零〇一二三四五六七八九]+)(?=分)")
_CN_FIGURE = dict(zip("零〇一二两三四五六七八九", "001223456789", strict=True))


def _cn_decimal(match: re.Match[str]) -> str:
    """ "零点五" → "0.5", "十二点五" → "12.5"; as written when the whole part is no number below 100."""
    whole = cn_int(match.group(1).replace("〇", "零"))
    if whole is None:
        return match.group(0)
    return f"{whole}.{''.join(_CN_FIGURE[c] for c in match.group(2))}"


_CN_POINTS = re.compile(rf"(?<=[扣得加计减])({CN_NUMBER})(?=分(?!之))")


def _cn_points(match: re.Match[str]) -> str:
    """ "壹" → "1", "十" → "10": points in Chinese numerals (as written when they are no whole number)."""
    whole = cn_int(match.group(1))
    return match.group(0) if whole is None else str(whole)


# A veto ("一票否决") sanctions the whole assessment; what it means for this item is no marks, so it is spelled
# "不得分" as the effect of a condition ("发生…的,实行一票否决"), and dropped after a 0 ("不得分,并一票否决").
# The reason of the reading says that the sanction beyond this item is for the evaluator (rules/cases.py).
_VETO = re.compile(
    r"(?:(?<=不得分)|(?<=得0分))[,]?(?:并|同时)?(?:给予|实行|予以|实施|采取)?一票否决(?:的办法)?"
    r"|(?<=[的上下者,])(?:则)?(?:实行|给予|予以|实施|采取)?一票否决(?:的办法)?(?=$|[;。,])"
)
VETO_WORD = "一票否决"


# counts family (s7): "每查到X的,一次扣N分": 每 says whenever, the count is the "一次" after it
_LOOSE_EACH = re.compile(
    r"(?:^|(?<=[,;。:]))每(?P<clause>(?:查到|查出|查实|发现|检查发现|出现|发生)[^,;。\d每]{2,30}?)(?P<de>的)?,"
    r"(?P<once>一次|1次|每次)(?=扣)"
)


def _loose_each(m: re.Match[str]) -> str:
    if re.search(rf"{NUMBER}{COUNTER}", m.group("clause")):
        return m.group(0)
    return f"{m.group('clause')}{m.group('de') or ''},{m.group('once')}"


# counts family (s8): a score closing one clause glued to the next clause with no punctuation, as a table cell's
# line break or space leaves it once whitespace is dropped ("科室齐全，得1分 缺1个科室，扣0.5分" → "…得1分缺1个科室…"):
# the score ends its clause. Only before a word that opens a clause of a count rule (a fault word, 每, 有, 发现…);
# "得1分的", "得1分以上", "扣1分/次" are left as written.
_GLUED = re.compile(
    r"(?<=分)(?<![百每/])(?=(?:缺|少|漏|错|每|未|无|没有|发现|有(?!关|效|的)|凡|如|若|出现|发生)[^分]*?"
    rf"(?:{NUMBER}){COUNTER})"
)
_GLUED_SCORE = re.compile(r"(?:得|计|扣)(?:\d+(?:\.\d+)?|满)分$|不得分$")


def unglued(text: str) -> str:
    """The text with a comma after a score glued to the count clause that follows it (``_GLUED``)."""
    out, last = [], 0
    for m in _GLUED.finditer(text):
        if _GLUED_SCORE.search(text[max(0, m.start() - 8) : m.start()]):
            out.append(text[last : m.start()] + ",")
            last = m.start()
    return "".join(out) + text[last:]


def canon_counts(text: str) -> str:
    """The one spelling the count and per-case readers match (see the module's list)."""
    text = unglued(text)  # counts family (s8): "得1分缺1个科室" is two clauses
    text = sampled_each(text)  # counts family (s9): "抽取10份档案,1份有空项扣1分,漏项扣1分" counts 漏项 per 份
    text = _CN_DECIMAL.sub(_cn_decimal, text)  # "扣零点五分"
    text = bare_points(redundant_bounds(text))  # "每处扣1;" → "每处扣1分;"; "低于50%(不含)" → "低于50%"
    text = _CN_POINTS.sub(_cn_points, text)  # "扣壹分", "得十分"
    text = re.sub(r"每(人|户|家|村)每次", r"每\1次", text)  # "每人每次扣1分" counts 人次
    text = _LOOSE_EACH.sub(_loose_each, text)  # counts family (s7): "每查到…的,一次扣5分"
    text = _EITHER.sub(_either, text)
    text = re.sub(r"(?<=[扣得加计]\d)。(?=\d+分)", ".", text)  # "扣0。5分"
    text = without_item_numbers(text)
    text = _SPREAD.sub(_spread, text)  # "省、市级刊物发表1篇分别加1分和0.5分": a kind a level
    text = text.replace("扣满", "扣完")  # "扣满4分为止" is "扣完4分为止"
    text = _POINTS_FIRST_CAP.sub(r"\1扣完\2分为止", text)  # ",1分扣完为止" is ",扣完1分为止"
    text = _FLOOR.sub("扣完为止", text)
    text = re.sub(r"扣完为止(?:,?扣完为止)+", "扣完为止", text)
    text = _ZERO.sub("不得分", text)
    text = _VETO.sub("不得分", text)  # "…的,实行一票否决": for this item, no marks (PerCase's reason says the rest)
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
