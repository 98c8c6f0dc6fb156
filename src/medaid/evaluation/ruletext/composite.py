"""A text made of parts, each a requirement with its own marks (``rules.composite``): "(1)完成全年参保任务得1.2分,
每低于5个百分点扣0.1分;(2)养老金按时足额发放得0.8分", "成灾率达标(1分);实际成灾面积准确,有文字记录(1分)",
"建立台账得2分,台账不全的每缺一项扣0.5分;按时报送得1分,每迟报一次扣0.2分".

How tables write such texts:
- the parts are numbered ("(1)", "①", "1、", "1.", "一是"), or, unnumbered, each sentence (cut at 。 and ;) that
  states marks of its own ("得N分", "(N分)", "计N分", "记N分", "满分N分", "…N分" after the requirement) begins a
  part, and a sentence without marks that follows it belongs to it ("得1分;延期报送不得分");
- a sentence, or numbered item, without marks that takes the whole ("…的,本项不得分", "该项指标不得分",
  "出现…的本项不得分") is a veto of the whole, not a part.

A part is understood only when one of the single shapes reads its text (``shapes.SHAPES``) and the marks the
reading gives are the part's own marks (the most its sentences state: "比较完整得3分,单独编制得2分" is a
3-mark part). Marks after 扣/加/减/最多/不超过/≥ are not a part's marks ("扣完3分为止", "评分≥30分"); "85%以上得2分" is.
A text is composite only with at least two parts, and only when no single shape reads the whole text (the shape
is tried last): a text of alternatives ("优秀得3分;良好得2分") is the levels readers', a list of items with marks
the checklist reader's. The row's weight must be the parts' marks added up (``rules.composite``).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Level, Qualitative, Rule
from medaid.evaluation.rules.composite import Composite
from medaid.evaluation.rules.parts import Part
from medaid.evaluation.ruletext.part_levels import alternatives

_NUM = r"\d+(?:\.\d+)?"
# a number of marks: "得1.2分", "(1分)", "计2分", "…材料5分"; not "扣1分", "扣完3分为止", "最多2分", "≥30分", "10分钟"
_MARK = re.compile(rf"(?<![\d.])({_NUM})分(?!钟|之|值|数|别)")
_NOT_OWN = re.compile(r"(?:扣|减|加|奖|罚|超过|最多|最高|累计|共|合计|总分|每项|每个|各)[^,;。]{0,3}$|[≥≤><]\s*$")
# an item's number where a part begins: "(1)", "1、", "1.", "①" (normalized to a bare "1" before a character),
# "一是", "一、"; the numbers must run 1, 2, 3… for the text to be read as numbered
_NUMBER = re.compile(
    r"(?:^|(?<=[。;,\s]))(?:\(\s*(?P<p>\d{1,2})\s*\)|(?P<d>\d{1,2})(?:、|\.(?!\d)|(?=[\u4e00-\u9fa5]))"
    r"|(?P<c>[一二三四五六七八九十])[是、])"
    # lists family: "…(3分)2.单位…": a number right after the marks of the item before, written "N." or "N、"
    r"|(?:(?<=分\))|(?<=\d分))(?P<m>\d{1,2})(?:、|\.(?!\d))"
)
_CHINESE = "一二三四五六七八九十"
_SENTENCE = re.compile(r"[。;]")
_EXPLICIT = re.compile(rf"(?:得|计|记)\(?{_NUM}分|\({_NUM}分\)")  # marks a clause cut at commas must state
# "满分3分", "本项共5分": the whole's marks, declared, not a part
_TOTAL = re.compile(rf"^(?:本项|该项|本指标)?(?:满分|共|合计|总分|计)(?:为)?{_NUM}分$")
_VETO = re.compile(
    r"(?:本项|该项|此项|本指标|该指标|本项指标|该项指标|本项目|该项考核|本项考核|全项)(?:均|一律)?"
    r"(?:不得分|不给分|不计分|得0分|得零分|计0分|记0分|为0分|为零分|0分)"
)


VETO = _VETO  # lists family (fix round): read by ``levelled_parts``


# "分别得10、8、6、4分": marks listed before one 分
_LISTED = re.compile(rf"(?:得|计|记)((?:{_NUM}[、,和])+{_NUM})分")


def own_marks(text: str) -> list[Decimal]:
    """The marks a sentence gives for meeting its requirement ("得1.2分", "(1分)", "分别得10、8、6分"), not
    deductions or caps."""
    found = [Decimal(m.group(1)) for m in _MARK.finditer(text) if not _NOT_OWN.search(text[: m.start()])]
    for listed in _LISTED.finditer(text):
        found += [Decimal(x) for x in re.findall(_NUM, listed.group(1))]
    return found


def _numbered(text: str) -> list[str] | None:
    marks: list[re.Match[str]] = []
    for mark in _NUMBER.finditer(text):
        digit = mark.group("p") or mark.group("d") or mark.group("m")
        number = int(digit) if digit else _CHINESE.index(mark.group("c")) + 1
        if number == len(marks) + 1:
            marks.append(mark)
    if len(marks) < 2 or text[: marks[0].start()].strip(" ,;。:"):
        return None
    ends = [m.start() for m in marks[1:]] + [len(text)]
    items = [text[m.end() : end].strip(" ,;。") for m, end in zip(marks, ends, strict=True)]
    pieces: list[str] = []
    for item in items:
        # "1.成立领导小组(1分);落实联络员(3分)": sentences of one item, each with its own marks, are parts too
        groups = _sentences(item, _SENTENCE)
        marked = groups is not None and len(groups) > 1 and all(own_marks(g) for g in groups)
        pieces += groups if marked and groups is not None else [item]
    return pieces


def _pairs(text: str) -> set[str]:
    return {run[i : i + 2] for run in re.findall(r"[\u4e00-\u9fa5]+", text) for i in range(len(run) - 1)}


def _sentences(text: str, cut: re.Pattern[str]) -> list[str] | None:
    """Unnumbered parts: a clause with marks of its own begins one; a clause without marks belongs to the part
    before it only when it speaks of it ("按时足额发放得0.3分;未按时足额发放,不得分"): one that shares no
    words with it ("…有文字记录(1分);隐瞒不报不给分") may be of the whole, and the text is not read."""
    groups: list[str] = []
    for sentence in (s.strip(" ,") for s in cut.split(text)):
        if not sentence:
            continue
        if any(own_marks(sentence)) or not groups or _VETO.search(sentence):
            groups.append(sentence)
        elif _pairs(sentence) & _pairs(groups[-1]):
            groups[-1] += ";" + sentence
        else:
            return None
    return groups


def _commas(text: str) -> list[str] | None:
    """One sentence of parts cut at commas ("配备专干计2分,报酬达80%以上的计2分,未达到的计0分"); not marks
    that fall from clause to clause, the way grades are listed ("完成得3分,基本完成得2分,未完成得1分"); each
    clause must write its marks with 得/计/记 or in brackets ("1个乡镇0.5分,满分3分" is no text of parts)."""
    groups = _sentences(text, re.compile(r"[,;。]"))
    if groups is None or len(groups) < 2 or not all(_EXPLICIT.search(g) for g in groups):
        return None
    marks = [max(own_marks(g)) for g in groups if own_marks(g)]
    return None if all(a > b for a, b in itertools.pairwise(marks)) else groups


def _part(piece: str, shapes: tuple[object, ...]) -> Part | None:
    marks = own_marks(piece)
    if not any(marks):
        return None
    full = max(marks)
    for shape in shapes:
        assert callable(shape)
        rule = shape(piece)
        if isinstance(rule, Rule):
            given = rule.full_marks()
            return Part(piece, full, rule) if given in (None, full) else None
    rule = _yes_no(piece, full) or alternatives(piece, full)
    return Part(piece, full, rule) if rule is not None else None


# "村委有固定宣传栏记2分,无专栏不记分", "建立账户的,得3分,发现1户未纳入的此分值扣完": a requirement with its
# marks, and what gives none
_YES_NO = re.compile(
    rf"^(?P<yes>[^,;]{{2,40}}?)[的,]*\(?(?:得|计|记)?(?P<n>{_NUM})分\)?"
    r"(?:[,;](?P<no>[^,;]{2,30}?)[的,]*(?:不得分|不计分|不记分|不给分|(?:得|计|记)0分|(?:此|该|本项)?分值?扣完(?:为止)?))?$"
)


def _yes_no(piece: str, full: Decimal) -> Rule | None:
    """A part none of the shapes reads that is a requirement and its marks, perhaps with what scores none."""
    found = _YES_NO.match(piece)
    if found is None or Decimal(found.group("n")) != full or re.search(r"\d", found.group("yes")):
        return None
    levels = [Level(found.group("yes"), full)] + ([Level(found.group("no"), ZERO)] if found.group("no") else [])
    return Qualitative(levels=tuple(levels))


def composite(text: str) -> Rule | None:
    """Several requirements, each with its own marks, added up (module docstring)."""
    pieces = _numbered(text) or _sentences(text, _SENTENCE)
    if not pieces or len(pieces) < 2:
        pieces = _commas(text)
    if not pieces or len(pieces) < 2:
        return None
    from medaid.evaluation.ruletext.shapes import SHAPES

    others = tuple(s for s in SHAPES if s is not composite)
    parts: list[Part] = []
    veto: str | None = None
    for piece in pieces:
        if _TOTAL.match(piece):
            return None  # the whole's marks written among its sentences: not a text of parts
        found = _VETO.search(piece)
        if found is not None and not own_marks(piece):
            if veto is not None or piece is pieces[0]:
                return None
            veto = re.sub(r"^(?:凡|如|若|一旦)?(?:出现|发现|发生|有)", "", piece[: found.start()].strip(" ,的"))
            continue
        part = _part(piece, others)
        if part is None:
            return None
        parts.append(part)
    if len(parts) < 2 or (veto is not None and len(veto) < 2):
        return None
    return Composite(parts=tuple(parts), veto=veto)
