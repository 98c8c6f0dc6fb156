"""Matching a statement of an actual written in words to one item of a list by the words they share.

Where ``naming`` compares a statement with a name as a whole, this module reads both as **literals**: a
polarity and the content words it is said of. "未定期上报工作进展情况和通报督查结果" is two literals, each negated
(a leading negation is every joined part's): (无, 定期上报工作进展情况), (无, 通报督查结果). A statement of an actual
is cut the same way ("定期上报进展并通报督查结果" → (有, 定期上报进展), (有, 通报督查结果)).

- **Polarity** is the parity of the negations a literal holds (未, 无, 没有, 不, 非, 缺/缺少/缺失, 达不到): "无缺会" is
  positive as "有缺会" is negative. Words that only look negated are not counted (absences.LEXICAL: 无故, 不良…;
  不得, 不断, 无需, 不少于…), and a word's opposite counts as its negation (延迟/逾期/滞后 → 不及时, 不全 → 不齐全,
  ``wording.OPPOSITES``); 按时/按期/如期 are 及时 (``wording.unify``). 有, 已, 均, 都, 全部 are neutral.
- **Content** is what is left without polarity, fillers and joins; a statement's literal is matched to the item
  literal that holds most of its character pairs (at least two thirds of them), by shared words, never by
  position. It must match literals of exactly one item; none or several is refused with the statement named.
- **Truth.** A literal said with the item literal's polarity makes it true, with the other polarity false —
  but "said" must be whole: a positive statement that leaves out a quality the item asks (及时, 足额, 认真,
  定期, 规范…) does not make it hold ("已上报" says nothing of "未及时上报"), while a negative one that leaves it
  out does deny it ("未上报" is also "未及时上报"); a negative statement that adds a quality is not read
  ("未及时上报" says nothing of "未上报").
- Statements that weaken what they say (仅, 只, 单一, 部分, 个别, 基本, 较, 少数, 初步…) are not read here. A number
  is read only as a measurement against the one bound of its unit the item states ("发放率98%" against "发放率
  100%", "采用2篇" against "采用不少于4篇"), as a count that a negative statement happened ("有2个月待遇延迟发放"),
  or when the item's text holds it too ("对评分≥30分孕妇随访管理").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medaid.evaluation.rules.absences import masked
from medaid.evaluation.rules.clause_measures import measured as _measured
from medaid.evaluation.rules.clause_shares import QUALITIES as QUALITIES
from medaid.evaluation.rules.clause_shares import apart, share, tail_share
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.phrasing import VERBS
from medaid.evaluation.rules.wording import OPPOSITES, unify

# 不/无 that negate nothing ("无需整改", "不断完善", "不得少于"), blotted out before negations are counted
_NOT_NEGATION = re.compile(r"[无不](?:需|须|用|必|断|仅|论|得|再|少于|低于|超过|高于|多于)|无(?=误)")  # 准确无误
_NEGATION = re.compile(r"缺少|缺失|无|非|缺")
# faults family (s7, fix round): the one vocabulary of hedges, words that weaken what a statement says ("联系方式多数
# 畅通", "资料总体详实", "个别畅通"): a statement holding one is never read as a clause said whole, either way
HEDGES = re.compile(
    r"仅|只|单一|部分|个别|少数|有的|有些|一些|基本|较|大体|大致|初步|尚|正在|拟|大部|多数|多半|大多|大都|偶尔|有时"
    r"|总体|整体|一般|相对|还算|局部|有待|大概|差不多|绝大"
)
_WEAKER = HEDGES
# faults family (s7, fix round): how a thing was done, which a negated statement may add to what an item negates
# ("未集中开展宣传活动" says nothing of "未开展宣传活动": it may have been done otherwise)
MANNERS = re.compile(
    r"集中|广泛|深入|经常|主动|统一|单独|专门|定期|全面|认真|按期|如期|常态化|独立|切实|积极|扎实|持续|大力|有效|及时"
    r"|规范|按时|严格|充分"
)
# Some of the subjects: "部分村", "个别户", "2个村" (``wording.PARTIAL``)
_PARTIAL = re.compile(
    r"^(?:其中)?(?:部分|个别|少数|有的|有些|一些|\d+(?:个|家|户|所|处)(?:县区|县市|村居|乡镇|县|村|乡|镇|区|单位|社区)?"
    r"|\d+(?:村|县|乡|镇|单位))"
)
_JOINS = re.compile(r"[|、或且]|并且|以及|同时|和(?!谐)|(?<![参给])与|及(?![时格早])|(?<![合])并(?![入列非网])")
_FILLERS = re.compile(
    r"^(?:均|都|全部)?有(?!效|序|力|关)|(?<=[均都])有(?!效|序|力|关)|均|都|全部|各项|任何|的|等|进行|相关|工作|情况|现象|问题|全年|年内|本年度|当年"
    r"|(?:一|每|1)(?:起|次|例|件|宗)"
)
# Verbs a table and an actual abbreviate alike: "未建机制" is "未建立机制"
_SHORT = (("建立", "建"), ("设立", "设"), ("制订", "制定"), ("组建", "建"), ("配备", "配"), ("实行", "实施"))


def _opposites(text: str) -> str:
    """A word's opposite as its negation: 延迟 → 无及时, 不全 → 无齐全 (texts in ``unify`` spelling)."""
    for negative, positive in OPPOSITES:
        for word in sorted(negative, key=len, reverse=True):
            word = unify(word)
            # "不全", "不实" only as a word of their own: not "不实行"
            end = "(?![\u4e00-\u9fa5])" if word.startswith("无") else ""
            text = re.sub(re.escape(word) + end, "无" + unify(positive[0]), text)
    return text


@dataclass(frozen=True)
class Literal:
    """One thing said: ``negated`` (odd number of negations) of ``content`` (no polarity, fillers or joins)."""

    negated: bool
    content: str
    verbs: tuple[str, ...] = ()  # verbs of doing (``phrasing.VERBS``) it says, shortened as its content is
    scope: str = ""  # faults (s7): what its first negation negates ("库区有垃圾无清运": 清运), "" when none


def _spelled(text: str) -> str:
    text = re.sub(r"(?<=\d)\.(?=\d)", "_", text)  # a decimal point, which ``canon`` would take for punctuation
    word = _opposites(unify(canon(text)))
    return _NOT_NEGATION.sub(lambda m: "□" + m.group(0)[1:], masked(word))


def _short(text: str) -> str:
    for long, short in _SHORT:
        text = text.replace(long, short)
    return text


def proper(fault: str) -> str:
    """A fault without the circumstance before it: "原土葬改革区,水泥硬化通公路后未及时上报…" → 水泥硬化通公路后未
    及时上报…; "设立宣传栏、但内容不符合要求" → 内容不符合要求 (the clauses from the first with a negation on,
    after a 但 when there is one)."""
    text = fault.split("但")[-1]
    pieces = re.split(r"(?<=[,，;；。:：])", text)
    for at, piece in enumerate(pieces):
        if re.fullmatch(r"(?:没有|无|未|否则)[,，;；。:：]?", piece.strip()) and at:
            # "有服务记录和印证图片,没有": the negation of what was said before it
            return piece.strip(",，;；。:：") + re.sub(r"^有", "", "".join(pieces[:at]).strip(",，;；。:："))
        if _NEGATION.search(_spelled(piece)):
            return "".join(pieces[at:])
    return fault


_COUNT = re.compile(r"(\d+)(?:个月|个|次|户|人次|人|项|处|起|例|件|份|名|家|篇)")


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


# faults family (s7): what a first negation may be followed by and still be one with a second ("未发现不规范",
# "无不合格" are double negations; "不灵活不能运转", "不齐全不规范" are two negated predicates, each a literal)
_LEADS_ON = re.compile(r"发现|出现|存在|发生|有|查出|查到|见|是|得|能|会|可|任何|其他|其它")


def _conjoined(piece: str) -> list[str]:
    """A piece cut before each negation that follows a negated predicate of its own: "启闭器无灵活无能运转" →
    启闭器无灵活, 无能运转 (not a double negation, whose parity would make it positive)."""
    out: list[str] = []
    start, last = 0, None
    for found in _NEGATION.finditer(piece):
        if last is not None:
            between = piece[last.end() : found.start()].replace("□", "")
            if between and not _LEADS_ON.search(between):
                out.append(piece[start : found.start()])
                start = found.start()
        last = found
    out.append(piece[start:])
    return [p for p in out if p]


def literals(text: str) -> list[Literal]:
    """The literals of a text: cut at its joins, a part without a negation after a negated first part takes
    that negation ("未定期上报和通报" → 无定期上报, 无通报)."""
    out: list[Literal] = []
    lead: bool | None = None
    bare = re.sub(r"[(（][^()（）]*[)）]", "", text)  # what brackets hold is a note or an example
    bare = re.sub(r"^((?:均|都)?(?:未|没有|无|不))[与與]", r"与\1", bare)  # faults (s9): "未与村委会签订"
    pieces = [c for p in _JOINS.split(_spelled(bare)) if p for c in _conjoined(p)]
    shared = _trailing_denial(_spelled(bare), pieces)  # faults (s9, round 2): "A、B及C均未提供"
    for at, piece in enumerate(pieces):
        if at < shared:  # each thing with the predicate denied after the last ("财务管理制度提供")
            said = _FILLERS.sub("", pieces[-1][_NEGATION.search(pieces[-1]).end() :]).replace("□", "")  # type: ignore[union-attr]
            thing = _FILLERS.sub("", piece).replace("□", "") + said
            verbs = tuple(_short(v) for v in re.findall(VERBS, thing))
            out.append(Literal(True, _short(thing), verbs, _short(said)))
            lead = True
            continue
        count = len(_NEGATION.findall(piece))
        if count % 2 and (found := _COUNT.search(piece)) and found.group(1) != "0":
            piece = piece[: found.start()] + piece[found.end() :]  # "有2个月待遇延迟发放": that it happened
        content = _FILLERS.sub("", _NEGATION.sub("", piece)).replace("□", "")
        verbs = tuple(_short(v) for v in re.findall(VERBS, content))
        first = _NEGATION.search(piece)
        scope = _short(_FILLERS.sub("", _NEGATION.sub("", piece[first.end() :])).replace("□", "")) if first else ""
        content = _short(content)
        if not content:
            continue
        if lead is None:
            lead = count % 2 == 1
            negated = lead
        else:
            negated = count % 2 == 1 if count else lead
        out.append(Literal(negated, content, verbs, scope))
    return out


# faults (s9, round 2): a thing named with nothing said of it (no negation, verb of doing, quality, 有/已 or number)
_SAYS_SOMETHING = re.compile(rf"[无非缺\d]|有|已|{VERBS}|{QUALITIES.pattern}")


def _trailing_denial(spelled: str, pieces: list[str]) -> int:
    """How many first pieces take the negation said after them: "财务管理制度、项目管理制度及佐证资料均未提供" —
    things only named, joined by 、/和/及/与, then the last one denied with its predicate after it ("均无提供",
    "缺失"): the predicate is every thing's (a coordinated subject), so each is denied. 0 when the pieces are
    anything else (a negation that leads its piece, 或/且/并 between them, a piece that says something)."""
    last = len(pieces) - 1
    said = last >= 1 and (found := _NEGATION.search(pieces[last])) is not None and found.start() >= 2
    if not said or any(_SAYS_SOMETHING.search(p.replace("□", "")) for p in pieces[:last]):
        return 0
    head = rest = spelled[: max(spelled.find(pieces[last]), 0)]
    for p in pieces[:last]:
        rest = rest.replace(p, "", 1)
    return last if head and re.fullmatch(r"(?:[|、和及与]|以及)+", rest) else 0


def shares_denial(statement: str) -> bool:
    """The statement denies each of several things named before its one negation ("A、B均未提供")."""
    bare = re.sub(r"[(（][^()（）]*[)）]", "", statement)
    pieces = [c for p in _JOINS.split(_spelled(bare)) if p for c in _conjoined(p)]
    return _trailing_denial(_spelled(bare), pieces) > 0


def _bare_verb(said: Literal, items: list[list[Literal]]) -> tuple[int, int] | None:
    """A statement that is only a verb ("未设立", "已签订") against the one negated item literal that begins with
    it and asks no quality the statement leaves out; None otherwise (``phrasing.verb_only`` in short forms)."""
    verb = said.content
    if not (verb in {short for _, short in _SHORT} or re.fullmatch(VERBS, verb)):
        return None
    found = [(i, j) for i, item in enumerate(items) for j, x in enumerate(item) if x.content.startswith(verb)]
    if len(found) != 1:
        return None
    item = items[found[0][0]][found[0][1]]
    if item.scope and not item.scope.startswith(verb):
        return None  # faults (s7, fix round): "未组建" against "组建后未开展活动", whose negation is on 开展
    if not item.negated or (not said.negated and QUALITIES.search(item.content)):
        return None
    return found[0]


@dataclass(frozen=True)
class Reading:
    """What one statement says of a list: for each (item, literal) it speaks of, whether that literal holds;
    or ``why`` it is not read."""

    said: dict[tuple[int, int], bool]
    why: str | None = None


def read_statement(
    statement: str, items: list[list[Literal]], texts: list[str] | None = None, requirements: bool = False
) -> Reading:
    """Each literal of a statement against the items' literals (see the module's conventions). ``texts``: the
    items as written, whose numbers a statement may repeat ("已对评分≥30分孕妇随访管理"); ``requirements``: the
    items are requirements, which a negative statement of a part denies ("无禁烟标识" denies "有明显禁烟标识"),
    not events ("未发放" does not deny "重复发放")."""
    if _WEAKER.search(canon(_PARTIAL.sub("", statement))):
        return Reading({}, f"“{statement}”含程度词，不按字面对应")
    partly = bool(_PARTIAL.search(statement))
    said: dict[tuple[int, int], bool] = {}
    for lit in literals(_PARTIAL.sub("", statement)):
        if (bare := _bare_verb(lit, items)) is not None:  # "未设立" against the one fault "未设健康教育宣传栏"
            i, j = bare
            objects = [k for k, x in enumerate(items[i]) if k == j or (k > j and not x.verbs)]
            said.update({(i, k): lit.negated == items[i][k].negated for k in objects})  # and the objects after it
            continue
        whole = [share(lit.content, "|".join(x.content for x in item)) for item in items]
        best = max(whole, default=0.0)
        if best < 2 / 3:
            return Reading({}, f"“{statement}”对应不到任一分项")
        tied = [k for k, x in enumerate(whole) if x == best]
        if len(tied) > 1:  # "资料齐全" against "无资料" and "资料不全": the one with its quality too
            raw = {k: share(lit.content, "|".join(x.content for x in items[k]), qualities=True) for k in tied}
            tied = [k for k in tied if raw[k] == max(raw.values())]
        if len(tied) != 1:
            return Reading({}, f"“{statement}”对应多个分项")
        i = tied[0]
        measured = _measured(lit, texts[i] if texts else "")
        numbers = [n.replace("_", ".") for n in re.findall(r"\d+(?:_\d+)?", lit.content)]
        if measured is None and numbers and (texts is None or any(n not in _numbers(texts[i]) for n in numbers)):
            return Reading({}, f"“{statement}”含数量，不按字面对应")
        shares = [share(lit.content, x.content) if all(v in x.content for v in lit.verbs) else 0.0 for x in items[i]]
        tops = [j for j, x in enumerate(shares) if x == max(shares)]
        holds_each = {lit.negated == items[i][j].negated for j in tops}
        if len(tops) > 1 and holds_each != {True}:  # which of the item's parts it denies is not clear
            return Reading({}, f"“{statement}”对应分项中的多个部分")
        j = tops[0]
        item = items[i][j]
        inner = item.scope and item.scope != item.content  # the item's negation after what it says is there
        if lit.negated and item.negated and lit.scope and inner and apart(lit.scope, item.scope):
            return Reading({}, f"“{statement}”否定的是“{lit.scope}”，不是“{item.scope}”")  # "库区无垃圾" (s7)
        if any(v not in item.content for v in lit.verbs):  # "方案已建立" against "未制定实施方案"
            return Reading({}, f"“{statement}”所说的做法与“{item.content}”不同")
        if measured is None and not item.negated and not (requirements and lit.negated):
            # an event said whole ("未发放" is not "重复发放"); a requirement from its first word said on (what
            # comes before is its subject: "各项待遇按时足额发放" for "各项社会保险待遇按时足额发放")
            covered = tail_share(item.content, lit.content) if requirements else share(item.content, lit.content)
            if covered < 3 / 4:
                return Reading({}, f"“{statement}”未说全“{item.content}”")
        missing = set(QUALITIES.findall(item.content)) - set(QUALITIES.findall(lit.content))
        extra = set(QUALITIES.findall(lit.content)) - set(QUALITIES.findall(item.content))
        manner = set(MANNERS.findall(lit.content)) - set(MANNERS.findall(item.content))  # faults (s7, fix round)
        if measured is None and ((not lit.negated and missing) or (lit.negated and (extra or manner))):
            return Reading({}, f"“{statement}”未说全“{item.content}”的要求")
        holds = lit.negated == item.negated if measured is None else measured != item.negated
        if partly and (not requirements or not lit.negated or holds):
            # "2个县未达到": a failure in part fails a requirement; of a fault, it neither clears it nor is it
            # read as naming it ("部分台账不全": the fault of the whole or of a part?)
            return Reading({}, f"“{statement}”只说了部分对象")
        if said.get((i, j), holds) != holds:
            return Reading({}, f"“{statement}”自相矛盾")
        said[(i, j)] = holds
        if lit.verbs and lit.content.endswith(lit.verbs[-1]):  # "已以正式文件明确": every object of 明确
            said.update({(i, k): lit.negated == x.negated for k, x in enumerate(items[i]) if k > j and not x.verbs})
    return Reading(said) if said else Reading({}, f"“{statement}”对应不到任一分项")
