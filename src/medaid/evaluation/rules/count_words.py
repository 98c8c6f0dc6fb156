"""How the words of an actual (or a 扣分说明) relate to what a count rule names, beyond the count itself:
a statement that restates a requirement the text sets ("申请书资料完整" for "…申请书资料完整,缺1个扣0.5分";
"达到任务书要求" for "水质比例达到年度任务书要求的,得40分") says none of its failures was found, and a statement
that only says the item failed ("未达到要求", "未完成任务") heads the count beside it; a sample ("抽查20户") counts
nothing; a plan and what was done ("应巡访24次,实巡访22次") give a shortfall; a veto's own limit ("淹死树木10株")
is reached or not; and the words beside a count name what the rule counts (``names_it``, ``all_done``)
(docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.count_vocab import COUNTER, MISSING, NEGATION, POSITIVE, plain

NEGATIONS = "不未没缺无漏错非超"
# Characters that name nothing in particular.
_STOP = set("的了有在和或及与被每个次项例处份件起人名户家扣分得计加为是其中共均全部都发现出已并且等该本此对于按")
# "未达到要求", "没有完成任务", "不符合规定": the item failed, with no count of what failed.
_HEADING = re.compile(
    r"^(?:未|没有|没|不|尚未)(?:能|全部|完全)?(?:达到|完成|符合|满足|达标)(?:[^\d,;。]{0,10}?)?"
    r"(?:要求|标准|规定|任务|目标|指标)?$"
)


# Words that say a requirement is only partly met: "基本完成" does not restate "全部完成".
_HEDGED = re.compile(r"基本|部分|大部|大多|多数|少数|个别|尚|仍|暂|初步|局部|较|一般|大体|大致|有待|待")


# How a requirement is to be met: a restatement that leaves one out does not say it was met ("均已下发补贴资金" for
# "按时下发补贴资金").
QUALIFIERS = _QUALIFIERS = re.compile(
    r"按时|及时|足额|全额|全部|全面|规范|准确|完整|真实|如实|严格|按规定|按要求|认真|定期|齐全|到位|按期|如期|足量"
)


# "按法律法规或行业规范规定、项目合同约定", "根据上级要求": the rules a requirement is met by (counts family)
_BASIS = re.compile(
    r"(?:按照|按|根据|依据|依照)[^,;。按]{2,20}?(?:规定|约定|要求)(?:、[^,;。]{2,12}?(?:规定|约定|要求))*"
)


def content_chars(words: str) -> set[str]:
    """The characters of the words that name something (not 的, 有, counters…)."""
    return {c for c in words if "\u4e00" <= c <= "\u9fff" and c not in _STOP}


def restates(words: str, requirement: str) -> bool:
    """The words, with no negation, state the requirement as met: they hold all its words
    ("农户均已签字按手印" for "签字或按手印"), or they are a shorter form of it that ends as it ends ("申请书
    资料完整" for "低收入户申请书资料完整", "达到任务书要求" for "水质比例达到年度任务书要求")."""
    if any(c in NEGATIONS for c in words + requirement) or _HEDGED.search(words):
        return False  # "基本完成", "部分签字": not the requirement met
    have, need = content_chars(words), content_chars(requirement)
    if not have or not need:
        return False
    if need <= have:
        return True
    said, wanted = plain(words), plain(requirement)
    dropped = set(wanted) - set(said)  # a shorter form may leave out the subject ("低收入户"), never how ("按时")
    # counts family: the basis a requirement cites ("按法律法规或行业规范规定、项目合同约定") is not how it is met
    how = _BASIS.sub("", wanted)
    kept_how = not any(set(q) <= dropped for q in _QUALIFIERS.findall(how))
    return have <= need and len(have) >= 3 and said[-2:] == wanted[-2:] and kept_how


def heading(words: str) -> bool:
    """ "未达到要求": the item failed, and the count beside it says how often."""
    return bool(_HEADING.match(plain(words)))


def states_condition(words: str, noun: str, condition: str) -> bool:
    """ "区县设有分支机构" for "每个区县加1分" under "在市辖各区县有设置分支机构的", "乡镇完成" for "每完成一个乡镇":
    words beside a count done that are all the rule's own (the noun counted and its condition), with no negation
    and no hedge."""
    have = content_chars(words)
    if not condition or not have or any(c in NEGATIONS for c in words) or _HEDGED.search(words):
        return False
    return have <= content_chars(noun + condition)


def plan_done(plan: str, done: str) -> tuple[str, int, str] | None:
    """ "应巡访24次" then "实巡访22次": the verb, how many were not done, and the counter; None for anything else."""
    wanted = re.fullmatch(rf"应(\D{{1,8}}?)(\d+)({COUNTER})", plan)
    made = re.fullmatch(rf"实(?:际)?(\D{{1,8}}?)(\d+)({COUNTER})", done)
    if wanted is None or made is None or wanted.group(1, 3) != made.group(1, 3):
        return None
    gap = int(wanted.group(2)) - int(made.group(2))
    return (wanted.group(1), gap, wanted.group(3)) if gap >= 0 else None


def plan_pairs(segments: list[str]) -> list[str]:
    """ "公示制度7项(应10项)", "实到8人(应到10人)" are a plan and what was done in one statement: two of them
    ("应公示制度10项", "实公示制度7项"), as ``plan_done`` reads them."""
    out: list[str] = []
    for segment in segments:
        found = re.fullmatch(rf"(?:实际?)?(\D{{1,8}}?)(\d+)({COUNTER})\(应(?:\1)?(\d+)\3\)", segment)
        out += (
            [
                f"应{found.group(1)}{found.group(4)}{found.group(3)}",
                f"实{found.group(1)}{found.group(2)}{found.group(3)}",
            ]
            if found
            else [segment]
        )
    return out


def shortfalls(segments: list[str], what: str) -> tuple[list[str], list[str]]:
    """ "应巡访24次,实巡访22次" for a rule that counts what is missing ("每缺1次", "未按要求巡访的每次"): the pair is
    the shortfall, worded as the rule words it ("缺巡访2次", "未按要求巡访2次"); and how each pair was read."""
    out: list[str] = []
    notes: list[str] = []
    segments = plan_pairs(segments)
    i = 0
    while i < len(segments):
        pair = plan_done(segments[i], segments[i + 1]) if i + 1 < len(segments) else None
        wanted = plain(what)
        negation = "" if pair is None else "缺" if wanted[:1] in MISSING else "未" if wanted[:1] == "未" else ""
        if pair and negation and (negation == "缺" or pair[0] in wanted):
            out.append(f"{'缺' + pair[0] if negation == '缺' else wanted}{pair[1]}{pair[2]}")
            notes.append(f"“{segments[i]},{segments[i + 1]}”读作“{out[-1]}”")
            i += 2
            continue
        out.append(segments[i])
        i += 1
    return out, notes


# "抽查20户", "随机抽取10份档案": how many were looked at, not how many were found wanting.
_SAMPLE = re.compile(
    rf"^(?:共|随机|现场)?(?:抽查|抽取|抽检|抽样|检查|核查|查阅|查看|走访|调查|评查)(?:了)?\d+{COUNTER}[^\d,;。]{{0,8}}$"
)


# counts family (s9): the sampled thing named before its count, "抽查代理项目20个", "抽查门诊处方50张" — only with a
# verb of sampling (抽查 picks what is looked at; "检查堆放点3处" may be what was found), no verb of finding
_SAMPLE_NAMED = re.compile(rf"^(?:共|随机|现场)?(?:抽查|抽取|抽检|抽样|查阅|评查)(?:了)?[^\d,;。]{{1,8}}?\d+{COUNTER}$")
_FINDING = re.compile(r"发现|查出|查到|查实|存在|出现|发生|有")


def sample(segment: str) -> bool:
    """A statement of the sample looked at ("抽查20户"), with no fault in it."""
    if _SAMPLE_NAMED.match(segment) and _FINDING.search(segment) is None:  # counts family (s9)
        return not re.search(rf"[{NEGATIONS}]|问题|违规|错误|差错|不符", segment)
    return bool(_SAMPLE.match(segment)) and not re.search(rf"[{NEGATIONS}]|问题|违规|错误|差错|不符", segment)


_LIMIT = re.compile(r"^(?P<words>.+?)(?P<sign>≥\?|≥|>)(?P<n>\d+(?:\.\d+)?)(?P<unit>.+)$")


def _limits(limits: tuple[str, ...]) -> list[tuple[str, re.Match[str]]]:
    return [(limit, m) for limit in limits if (m := _LIMIT.match(limit)) is not None]


def limit_reached(segment: str, limits: tuple[str, ...]) -> tuple[str, bool | None] | None:
    """ "淹死树木10株" against the veto "淹死或烧死树木≥10株": the limit it speaks of and whether it is reached
    (None: exactly at a bare "以上", which the text leaves open); None when it speaks of no limit."""
    for limit, m in _limits(limits):
        found = re.fullmatch(rf"(\D*?)(\d+(?:\.\d+)?)({re.escape(m.group('unit'))})(\D*)", segment)
        said = content_chars(found.group(1) + found.group(4)) if found else set()
        if m.group("unit") == "%":  # "纳入比例2%" of "被纳入帮扶范围5%以上": 比例 names the rate itself
            said -= content_chars("比例比率占率")
        if found is None or not said or not said <= content_chars(m.group("words")):
            continue
        if {c for c in m.group("words") if c in NEGATIONS} - set(found.group(1) + found.group(4)):
            continue  # "贫困户比例1%" does not speak of "非贫困户…": a negation left out
        value, bound, sign = Decimal(found.group(2)), Decimal(m.group("n")), m.group("sign")
        if sign == "≥?" and value == bound:
            return limit, None
        return limit, value > bound if sign == ">" else value >= bound
    return None


def limit_denied(words: str, limits: tuple[str, ...]) -> str | None:
    """ "无淹死或烧死树木": the limit's subject did not happen at all."""
    said = content_chars(words)
    hits = [limit for limit, m in _limits(limits) if len(said) > 1 and said <= content_chars(m.group("words"))]
    return hits[0] if len(hits) == 1 else None


def written(limit: str) -> str:
    """ "淹死或烧死树木≥?10株" as the text wrote it: "淹死或烧死树木10株以上"."""
    m = _LIMIT.match(limit)
    if m is None:
        return limit
    tail = {"≥?": "以上", "≥": "及以上", ">": ""}[m.group("sign")]
    head = "超过" if m.group("sign") == ">" else ""
    return f"{m.group('words')}{head}{m.group('n')}{m.group('unit')}{tail}"


_ALL = re.compile(r"^(?:已)?(?:全部|均|都|全)(?:已|能|按时)?")
# Words for "on time" that tables use for one another ("未按时上报", "未及时上报", "未按期上报"), before a verb
_ON_TIME = re.compile(r"(?:及时|按期|准时|如期)(?=[\u4e00-\u9fa5])")
_ALL_KEPT = re.compile(r"^(?:已)?(?:全部|均|都|全)(?:已|能)?")  # the same, leaving an adverb of time to the verb


def alternatives(what: str) -> list[str]:
    """ "其他保险缺失或不足额" → "其他保险缺失", "其他保险不足额" (and the other ways the two alternatives may share
    the words before the first or after the second: "迟报或漏报信息" → "迟报信息", "漏报信息"); the words as they
    are when they hold no single 或. A candidate that is no wording of either alternative names nothing an
    actual says."""
    what = what.replace("或者", "或")
    if what.count("或") != 1:
        return [what]
    left, right = what.split("或")
    if not left or not right:
        return [what]
    heads = [left[:k] + right for k in range(len(left))]  # the second alternative with the first one's head
    tails = [left + right[j:] for j in range(1, len(right))]  # the first with the second one's tail
    return [what, left, *heads, *tails]


def names_it(words: str, what: str, subject: str = "") -> bool:
    """Words beside a count name what the rule counts: its own words; the noun it or its ``subject`` (the
    words after the counter) opens with ("区" of "区作假", "乡镇" of "实现|乡镇医疗救助…"); or a part that
    keeps its negation ("缺" of "缺制度", "不真实" of "档案不真实"). A part that drops the negation or a
    qualifier ("完成" of "未完成", "标准执行" of "超标准执行") does not. What the rule counts in two alternatives
    ("其他保险缺失或不足额") is named by words that name either ("其他保险缺失")."""
    if "或" in what and "或" not in words:
        return any(_names_one(words, one, subject) for one in alternatives(plain(what)))
    return _names_one(words, what, subject)


def _names_one(words: str, what: str, subject: str = "") -> bool:
    words, what, subject = plain(words), plain(what), plain(subject)
    if not words or words == what:
        return True
    if words[0] in MISSING and what[:1] in MISSING:  # "缺2项", "少记录2项" for "每少记录一项": items missing
        rest, wanted = words.lstrip(MISSING), what.lstrip(MISSING)
        return not rest or not wanted or rest in wanted
    if words[0] in NEGATION:
        return what.startswith(words) or what.endswith(words)
    negations = {c for c in what if c in NEGATION}
    if negations and what.startswith(words) and negations <= set(words):
        return True  # "国控断面未达到III类" of "国控断面未达到III类及以上水质": the opening, negation kept
    noun = not POSITIVE.search(words) and not any(c in NEGATION for c in words)
    if drops_subject(words, what):
        return True  # "投诉" of "群众投诉", "信息不准确" of "档案信息不准确"
    return noun and (what.startswith(words) or (bool(subject) and subject.startswith(words)))


_COMPLAINT = re.compile(r"投诉|举报|投诉举报|信访|上访|来信来访")
# What a head left out may not be: a negation, a measure or a grade ("超标准", "重大安全事故", "新增").
_NOT_A_SUBJECT = re.compile(r"[不未没缺无漏错非超多少迟晚早重大严特较高低长短新增减]")


def drops_subject(words: str, what: str) -> bool:
    """ "投诉" for "群众投诉": the words are how the counted thing ends, and what they leave out is only whose it is
    (no negation, measure or grade: "事故" does not name "重大事故", nor "标准执行" "超标准执行")."""
    head = what[: len(what) - len(words)]
    if _COMPLAINT.fullmatch(words) and what.endswith(words) and head and not re.search("[重大严特较]", head):
        return True  # "投诉" of "洒水不规范投诉": a complaint is the case, the head says what about
    if not any(c in NEGATION for c in words) and POSITIVE.search(words):
        return False  # "执行" of "超标准执行": what is right, not what is counted
    from medaid.evaluation.rules.count_hedges import NARROWING  # counts family (s7 fix): "省级", "夜间", "破坏"

    return (
        len(words) >= 2
        and what.endswith(words)
        and bool(head)
        and not _NOT_A_SUBJECT.search(head)
        and not NARROWING.search(head)
    )


def all_done(words: str, what: str, *, alone: bool = False) -> bool:
    """ "全部完成" says no case of "未完成" (or 不完成, 没有完成, 完成不了); "均符合要求" none of "不符合";
    "各乡镇均完成", "均已落实" none of "乡镇未完成", "村未落实" (the noun counted may be said or left out);
    ``alone``: the whole actual, where "完成" says so too (beside a count, "1项完成" does not)."""
    what = plain(what)
    noun = re.match(rf"[^{NEGATION}]*", what)
    if noun and noun.group(0) and noun.group(0) != what:  # "各乡镇均完成" for "乡镇未完成": the noun, then all done
        words = re.sub(rf"^(?:各|所有|全部|每个)?{re.escape(noun.group(0))}", "", words)
        what = what[noun.end() :]
    words, what = _ON_TIME.sub("按时", words), _ON_TIME.sub("按时", what)  # "均及时上报" for "未按时上报"
    found = _ALL.match(words)
    if found is None and not alone:
        return False
    done = words[found.end() :] if found else words
    forms = {f"未{done}", f"不{done}", f"没{done}", f"没有{done}", f"{done}不了"}
    bare = re.sub(r"(?:要求|规定|标准)$", "", done)
    if found and (kept := _ALL_KEPT.match(words)) and kept.end() < found.end():
        # "均按时上报" for "未按时上报": the adverb belongs to what was done ("按时上报"), the negation before it
        adverbed = words[kept.end() :]
        forms |= {f"未{adverbed}", f"不{adverbed}", f"没有{adverbed}"}
    return bool(done) and (what in forms or (bool(found) and bare != done and what in {f"不{bare}", f"未{bare}"}))


def none_missing(words: str, text: str) -> bool:
    """ "专兼职计生干部配齐" for "每缺一名专兼职计生干部": the things a kind counts missing, all there."""
    found = re.search(r"(?:缺|少)(?:\d+|一)?[名个项份人次件处家所种本套台]?(?:的)?([^,;。的每扣]{2,12})", text)
    full = re.fullmatch(r"(?:均|都|已|全部)*(?:配齐|齐全|配备齐全|到位|足额|无缺)", words[-4:]) or re.search(
        r"(?:均|都|已|全部)*(?:配齐|齐全|配备齐全|配备到位|无缺)$", words
    )
    if found is None or full is None:
        return False
    thing = content_chars(found.group(1))
    return bool(thing) and thing <= content_chars(words)
