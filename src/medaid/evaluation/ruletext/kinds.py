"""Several count clauses in one text, each with its own kind of case and points: "少一项,扣1分,错一项,扣1分";
"行政处罚文书不合格每份扣5分;发生行政复议或行政诉讼败诉案件一例扣5分"; "国家级每项加2分,省级每项加1分,最高5分";
with one-off deductions beside them ("…每出现一例扣0.5分,申请对象情况不真实扣2分") and parts that carry their own
full marks and limit ("按时报送补贴面积的得4分,有一次未达要求的扣1分,最多扣4分;按时下发补贴资金得4分,…").

Reading conventions (docs/rules.md):
- Each clause names its kind by the words of its clause (for a bare count, the condition before it: "出现越级
  上访,一次扣2.5分"); a deduction with no count ("未建立信访台账扣2.5分") is a one-off kind.
- The text is cut into sentences at ; and 。. A sentence that holds one kind and its own score or limit
  ("…得4分,…最多扣4分", "…扣满4分为止") is a part: its score is its full marks (the part's limit when it
  writes only that), its limit caps that kind, and its words are how an actual names it. Either every kind
  is such a part (the item's full marks are their sum) or none is (the text's one score, else the weight).
- The clauses all deduct or all add (from 0, up to the cap). A cut-off ("3例以上不得分") over several kinds
  is not read: which kinds would it count? Nor is a kind that is part of another ("其中…", "加扣2分") or only
  grades it ("情节严重的每例扣3分", "重大违纪违规问题1起扣5分" beside "违纪违规问题1起扣2分": instead of the
  other's points, or on top of them?). "无…的不扣分" says nothing is deducted when nothing happened.
- A condition that takes all the marks ("发生安全责任事故,全部扣完", "…本项分值扣完", "…扣完基本分") is a veto
  of the row, never the 扣完为止 of the counts before it (faults family, ``_ZEROED``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.absences import bare_words
from medaid.evaluation.rules.count_vocab import plain
from medaid.evaluation.rules.kinds import CaseKind, PerKind
from medaid.evaluation.ruletext.common import NUM, deduction_caps
from medaid.evaluation.ruletext.counts import Counted, full_marks, leftover, vetoes
from medaid.evaluation.ruletext.joined_things import split_things

_GAIN_CAP = re.compile(
    rf"(?:加分|得分)?(?:最高|最多|上限|封顶)(?:为|可)?(?:得|加|计)?(?:分)?(?:为)?(?:不超过|不得超过)?{NUM}分"
    rf"|(?:累计|合计)?(?:加分|得分)?不(?:超过|得超过|高于){NUM}分|以{NUM}分为(?:限|上限)|满分(?:为)?{NUM}分"
    rf"|{NUM}分封顶|加满{NUM}分为止"
)
_ONE_OFF = re.compile(rf"(?<!最多)(?<!加)(?<!倒)扣{NUM}分")  # "加扣2分" adds to another kind: not a one-off
# "发生较大及以上事故的,该项不得分,倒扣10分": the score goes below zero when it happens — read so that an
# actual naming it is refused (rules/kinds.py ``reverses``), never taken as a one-off deduction from full marks.
_REVERSE = re.compile(
    rf"(?:^|(?<=[,;。]))(?P<cond>[^,;。\d]{{2,30}}?)(?:的|者)?,?(?:(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分),?)?倒扣{NUM}分"
)
# "建设过程中未发生安全事故的,得2分": the condition of full marks, from its negation on, clears every kind.
_FULL_WHEN = re.compile(
    rf"(?:^|(?<=[,;。]))[^,;。\d无未没]{{0,12}}(?P<cond>(?:无|未|没有)[^,;。\d]{{1,30}}?)(?:的|者)?,?得{NUM}分"
)
# A kind that only grades another ("情节严重的"): instead of it, or on top of it? Not settled.
_GRAVER = re.compile(r"(?:情节|性质|后果|问题)?(?:特别)?(?:严重|恶劣|重大|较重|较大)(?:的|者)?")
_CLEAR = re.compile(r"(?:^|(?<=[,;。]))(?P<cond>(?:无|未|没有)[^,;。\d]{1,30}?)(?:的|者)?,?(?:不扣分|得满分|计满分)")


def gain_caps(text: str, spans: list[tuple[int, int]]) -> set[Decimal]:
    """ "最高得2分", "最多不超过3分", "加分上限5分", "以5分为限", "6分封顶", "加满3分为止": the most a count scores."""
    caps: set[Decimal] = set()
    for m in _GAIN_CAP.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            caps.add(Decimal(next(g for g in m.groups() if g is not None)))
            spans.append(m.span())
    return caps


def _one_offs(body: str, spans: list[tuple[int, int]]) -> list[tuple[tuple[int, int], CaseKind]] | None:
    """Deductions with no count: their condition is the text since the previous score or sentence."""
    found: list[tuple[tuple[int, int], CaseKind]] = []
    for m in _ONE_OFF.finditer(body):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        begin = max([body.rfind(c, 0, m.start()) + 1 for c in ";。:"] + [b for _, b in spans if b <= m.start()]
                    + [b for (_, b), _ in found if b <= m.start()])  # fmt: skip  # "无资料扣2分,资料不全扣0.5分"
        cond = body[begin : m.start()].strip(",")
        if not plain(cond.split(",")[-1]) or re.search(r"\d|每", cond):
            return None  # no condition, or a threshold ("3例以上扣2分"): not a one-off
        listed = _each(plain(cond.split(",")[-1]))
        if listed is None:
            return None  # lists family (s8 fix round): "A、与B和C配合各扣2分": how many things is not said
        for each in listed or [cond]:
            name = _name(_last(each))  # "计划不完善", not "划不完善"
            found.append(((begin, m.end()), CaseKind(name, Decimal(m.group(1)), words=each,
                                                     once=True)))  # fmt: skip
    return found


def _last(cond: str) -> str:
    """The condition's last clause, with the one before it when it opens with 或 ("无明显标识,或未公示…": both
    alternatives name the kind)."""
    pieces = cond.split(",")
    return "".join(pieces[-2:]) if len(pieces) > 1 and pieces[-1].startswith("或") else pieces[-1]


def _name(cond: str) -> str:
    """A one-off kind's name: its condition without fillers, keeping a word that opens it ("计划不完善")."""
    lighter = bare_words(cond)
    return lighter if plain(cond) and re.match(r"计(?!\d)|检查|核查|抽查", lighter) else plain(cond)


def _each(cond: str) -> list[str] | None:
    """ "无垃圾池、垃圾填埋场各扣6分": one one-off kind for each thing listed, the list's opening negation
    distributed ("无垃圾池", "无垃圾填埋场"); [] when the condition is no list before 各; None when it is a list
    whose things cannot be told (a conjunction inside a thing, ``joined_things``)."""
    if not cond.endswith("各"):
        return []
    split = split_things(cond[:-1])  # lists family (s8 fix round): never inside a thing or a word (及时)
    if split is None:
        return None
    things = split
    head = re.match(r"(?:没有|缺少|尚未|无|未|缺|不)", things[0]) if things else None
    if len(things) < 2 or any(not plain(t) for t in things):
        return []
    neg = head.group(0) if head else ""
    return [t if re.match(r"没有|缺少|尚未|无|未|缺|不", t) else neg + t for t in things]


# "其中催办后仍未完成的加扣2分": a part of the count before it, deducted on top of it.
SUB = re.compile(rf",其中(?P<cond>[^,;。\d]{{2,24}}?)(?:的|者)?,?(?:加扣|另扣|再扣|另加扣){NUM}分")


def _subs(body: str, spans: list[tuple[int, int]]) -> list[tuple[tuple[int, int], CaseKind]]:
    """ "其中…的加扣N分": a kind within the count before it (its parent is set by ``_within``)."""
    found = []
    for m in SUB.finditer(body):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            cond = m.group("cond")
            found.append(((m.start() + 1, m.end()), CaseKind(plain(cond), Decimal(m.group(2)), words=cond, within=-1)))
    return found


def _within(kind: CaseKind, i: int, items: list[tuple[tuple[int, int], CaseKind]]) -> CaseKind:
    """A "其中" kind counts within the counted kind right before it, in its counter; -1 when there is none."""
    if kind.within is None:
        return kind
    parent = items[i - 1][1] if i else None
    if parent is None or parent.once or parent.within is not None:
        return kind
    return CaseKind(kind.what, kind.points, parent.per, parent.unit, kind.words, within=i - 1)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the parts already read blotted out (same length: positions hold)."""
    return "".join("□" if any(a <= i < b for a, b in spans) else c for i, c in enumerate(text))


def _words(text: str) -> str:
    """The words of a part, without its scores and limits."""
    text = re.sub(rf"(?:最多|最高)?(?:得|计|扣|加)?{NUM}分(?:为止)?|扣完(?:为止)?|满分", "", text)
    return ",".join(p for p in re.split(r"[,;。]", text) if p)


def _reverses(body: str, spans: list[tuple[int, int]]) -> tuple[str, ...] | None:
    """ "…的,该项不得分,倒扣10分": the conditions that score below zero; None when one holds a count or score."""
    found = []
    for m in _REVERSE.finditer(body):
        cond = m.group("cond")
        if any(a < m.end() and m.start() < b for a, b in spans) or re.search(r"每|扣|得|加|分", cond):
            return None
        found.append(plain(cond))
        spans.append(m.span())
    return tuple(found)


def several(body: str, clauses: list[Counted], *, gain: bool) -> Rule | None:
    """The text's kinds of case as one rule; None when a kind has no words of its own or anything is left."""
    spans = [c.span for c in clauses]
    reverses = () if gain else _reverses(body, spans)  # words family: "…该项不得分,倒扣10分"
    if reverses is None:
        return None
    items = [(c.span, CaseKind(c.what or c.context or plain(c.words), c.points, c.per, c.unit, c.words))
             for c in clauses]  # fmt: skip
    if not gain:
        offs = _one_offs(body, spans)
        if offs is None:
            return None
        items = sorted(items + offs + _subs(body, spans), key=lambda item: item[0])
        spans += [span for span, _ in offs]
        items = [(s, _within(k, i, items)) for i, (s, k) in enumerate(items)]
        if any(k.within == -1 for _, k in items):
            return None  # "其中…加扣" after no count of its own
        spans += [span for span, k in items if k.within is not None]
    if any(not k.what or (re.match(r"[,;]?其中", k.text) and k.within is None) or _GRAVER.fullmatch(k.what)
           for _, k in items):  # fmt: skip
        return None  # a kind with no words, or a part of another ("其中催办后仍未完成的…", "情节严重的每例扣3分")
    if any(a.what in b.what and a.what != b.what for _, a in items for _, b in items):
        return None  # "违纪违规问题…扣2分,重大违纪违规问题…扣5分": a graver kind of another, instead or on top?
    sentences = [m.span() for m in re.finditer(r"[^;。]+", body)]
    where = [next(i for i, (a, b) in enumerate(sentences) if a <= span[0] < b) for span, _ in items]
    kinds: list[CaseKind] = []
    for (span, kind), sentence in zip(items, where, strict=True):
        a, b = sentences[sentence]
        if where.count(sentence) > 1 or len(set(where)) == 1:
            kinds.append(kind)
            continue
        local = [(span[0] - a, span[1] - a)]
        part = body[a:b]
        full, agree = full_marks(part, local[0][0], local)
        if not agree:
            return None
        if gain:
            caps = gain_caps(part, local) | ({full} if full is not None else set())
            full, cap = None, (max(caps) if len(caps) == 1 else None)
            if len(caps) > 1:
                return None
        else:
            full, cap = deduction_caps(part, full, local)
        spans += [(x + a, y + a) for x, y in local]
        kinds.append(CaseKind(kind.what, kind.points, kind.per, kind.unit, _words(part), kind.once, full, cap))
    if len({k.text for k in kinds}) != len(kinds):
        return None  # two kinds an actual could not tell apart
    return _whole(body, tuple(kinds), spans, gain, reverses)


# "发生安全责任事故,全部扣完", "弄虚作假的,本项分值扣完", "未及时整治的扣完基本分": a condition that takes all of
# the row's marks — a veto of the whole, never the 扣完为止 of the counts before it (a part's "此分值扣完" is
# its own, and "扣完为止" after a condition is a limit, not read here).
_ZEROED = re.compile(
    r"(?:^|(?<=[,;。]))(?P<cond>[^,;。]{2,30}?)(?:的|者|时)?,?"
    r"(?:(?:则)?全部扣完|(?:则)?(?:本项|该项|此项|本指标|该指标)(?:分值|分数|得分)?(?:全部)?扣完|扣完(?:本项|该项)(?:分值|分数)?|扣完(?:基本分|基础分|全部分值|全部分数))"
    r"(?!为止|即止)(?=[,;。]|$)"
)


def _zeroed(body: str, spans: list[tuple[int, int]]) -> tuple[str, ...] | None:
    """The conditions "…,全部扣完" (``_ZEROED``); None when one holds a count, a score or a step."""
    found: list[str] = []
    for m in _ZEROED.finditer(body):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        cond = m.group("cond")
        if re.search(r"\d|每|扣|得|加|分|以上|以下", cond):
            return None
        found.append(plain(cond))
        spans.append(m.span())
    return tuple(found)


def _whole(
    body: str, kinds: tuple[CaseKind, ...], spans: list[tuple[int, int]], gain: bool, reverses: tuple[str, ...] = ()
) -> Rule | None:
    """The item's own full marks and limits, around its kinds."""
    zeroed = () if gain else _zeroed(body, spans)  # faults family (s6): "发生安全责任事故,全部扣完"
    if zeroed is None:
        return None
    own = [k.full for k in kinds if k.full is not None]
    if own and len(own) != len(kinds):
        return None  # some parts with full marks of their own, some without
    full, agree = full_marks(body, min(a for a, _ in spans), spans)
    if not agree or (own and full is not None and full != sum(own)):
        return None
    full = sum(own, Decimal(0)) if own else full
    cap: Decimal | None
    if gain:
        caps = gain_caps(body, spans) | ({full} if full is not None and not own else set())
        if len(caps) > 1:
            return None
        full, cap = None, (caps.pop() if caps else None)
    else:
        full, cap = deduction_caps(_masked(body, spans), full, spans)
    clears = []
    for m in _CLEAR.finditer(body):
        clears.append(plain(m.group("cond")))
        spans.append(m.span())
    for m in _FULL_WHEN.finditer(body):  # "未发生安全事故的,得2分" when 2 is the full marks: nothing deducted
        if not gain and full is not None and Decimal(m.group(2)) == full:
            clears.append(plain(m.group("cond")))
    found_vetoes = vetoes(body, spans)
    if found_vetoes is None or leftover(body, spans):
        return None
    found_vetoes = zeroed + found_vetoes
    return PerKind(kinds=kinds, gain=gain, full=full, cap=cap, vetoes=found_vetoes, clears=tuple(clears),
                   reverses=reverses)  # fmt: skip
