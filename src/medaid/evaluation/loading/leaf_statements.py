"""The statements of a report's text about one indicator (contract 5): its score and its value.

Read paragraph by paragraph, beside ``statements`` (subtotals, 得分率, the total, the grade):

- a score after the name: "医疗救助人次得 0 分（满分 5 分，扣 5 分）", "数量指标得8分",
  "资金到位率（3分）得2.91分", "资助参保完成率得满分 6 分";
- a paragraph opening with the name and its 满分, "资金到位率：满分 3 分，…": its score is the last
  "得 S 分", "得满分（W 分）" or "评价人员评分 S 分" of that sentence ("X：满分 3 分，…，得 2 分。"),
  with a "扣 D 分" before it; else, of a leaf, of the sentences after it ("…。得 2.91 分。"), when
  what they state agrees; else the result of "得分 = 4 − 2.04 = 1.96", or "扣 D 分" alone (W − D).
  Numbers in quotes or brackets are the rule's, not the score ("落在“≥90% 得 4 分”一档", "（最低得
  1 分）"). The paragraph ends at the next such name, a heading ("四、", "3. "), a citing sentence,
  or the end of a Word paragraph;
- a value: "实际完成值 1,588人次", "…实际完成值为 V", of the indicator named last before it in the
  sentence (the one whose score the sentence opens with);
- the survey's rates, "综合满意度为 84.57%", "政策知晓率为 82.38%": of the one leaf whose name has
  满意度 (知晓率), when there is exactly one and its 实际完成值 is a percentage.

A name is taken as ``statements`` takes it (``Names``) and must end right before the score or the
colon. A value is read only when the table's 实际完成值 is a number of the same unit. What names
no indicator, or names one ambiguously, is unread; a sentence citing another document is not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.model import Framework, Indicator
from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.published import Place, Statement, StatementKind, Unread, same_quantity


@dataclass(frozen=True)
class Named:
    node: Indicator
    start: int  # where the name starts in the text searched
    ends: bool  # the name ends that text


Names = Callable[[str, Decimal | None], Named | None]  # the indicator named last in a text (``statements``)

_NUM = r"\d+(?:\.\d+)?"
_COLON_HEAD = re.compile(rf"[:：]\s*满分\s*(?:为\s*)?(?P<w>{_NUM})\s*分")
# "满分 40 分，得 40 分" is the subtotal form that ``statements`` reads.
_SUBTOTAL_TAIL = re.compile(rf"\s*[，,、；;]?\s*(?:评价|实际)?(?:得分|实得|得)\s*(?:为)?\s*{_NUM}\s*分")
_SCORE_HEAD = re.compile(
    rf"(?P<lead>指标)?\s*(?:[（(]\s*(?:满分|分值)?\s*(?P<w0>{_NUM})\s*分\s*[)）])?\s*(?<![不未应可])(?P<de>得)\s*"
    rf"(?:(?P<s>{_NUM})\s*分|满分\s*(?P<f>{_NUM})\s*分)"
    rf"(?:\s*[（(]\s*(?:满分|分值)\s*(?P<w>{_NUM})\s*分\s*(?:[，,、]\s*扣\s*(?P<d>{_NUM})\s*分)?\s*[)）])?"
)
_CLAIM = re.compile(
    rf"评价人员评分\s*(?P<j>{_NUM})\s*分|(?<![不未应可])得\s*(?:(?P<s>{_NUM})\s*分|满分(?:\s*(?P<f>{_NUM})\s*分)?)"
)
_DEDUCT = re.compile(rf"扣\s*(?P<d>{_NUM})\s*分")
_EQUATION = re.compile(rf"得分\s*[=＝][^=＝]*[=＝]\s*(?P<v>{_NUM})$")
_VALUE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNITS = ("万元", "亿元", "千元", "元", "万人次", "人次", "万人", "人", "个百分点", "个工作日", "工作日", "个月",
          "月", "天", "日", "户", "份", "笔", "家", "个", "项", "次", "年", "小时", "名", "%")  # fmt: skip
_ACTUAL = re.compile(rf"实际完成值\s*(?:为|是|[:：])?\s*(?P<v>{_VALUE}(?![\d.,]?\d|\s+\d)\s*(?:{'|'.join(_UNITS)})?)")
_SURVEY = re.compile(rf"(?P<label>综合满意度|政策知晓率)\s*(?:为|是|[:：])\s*(?P<p>{_NUM})\s*%(?!\s*及?以[上下])")
_SURVEY_WORD = {"综合满意度": "满意度", "政策知晓率": "知晓率"}
_NUMERAL = "[一二三四五六七八九十]+"
# A heading ends a paragraph run on in a PDF: "四、", "（一）", "3. ".
_HEADING = re.compile(rf"(?:^|(?<=[）)】]))\s*(?:{_NUMERAL}、|[（(]{_NUMERAL}[)）]|\d{{1,2}}[.．、]\s)")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?、】\]）)]")
_OPEN, _CLOSE = "（(“「『《【‘", "）)”」』》】’"
_TRIM = ' \t”"」』’'
_SENTENCES = 8  # a leaf's paragraph states its score within this many sentences (a PDF's paragraphs run on)


def _bracketed(text: str) -> list[bool]:
    """For each character, whether it lies inside brackets or quotes."""
    depth, out = 0, []
    for ch in text:
        if ch in _CLOSE:
            depth = max(0, depth - 1)
        out.append(depth > 0)
        if ch in _OPEN:
            depth += 1
    return out


def has_leaf_form(text: str) -> bool:
    """Whether ``text`` states a leaf's score or value in a form read here."""
    return any(p.search(text) for p in (_COLON_HEAD, _SCORE_HEAD, _ACTUAL, _SURVEY))


def _word(text: str) -> bool:
    return any(unicodedata.category(ch) == "Lo" for ch in text)


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else "…" + text[-limit:]


@dataclass
class _Head:
    """A name with its 满分 ("资金到位率：满分 3 分") or its score ("医疗救助人次得 0 分…")."""

    sentence: int
    start: int  # where the name starts
    end: int  # where the head ends
    node: Indicator | None  # None: a heading, a citation, or a head naming no indicator (``unread``)
    weight: Decimal | None = None
    opens: bool = False  # a "X：满分 W 分" whose score follows
    unread: bool = False


class LeafReader:
    """Reads the leaf statements of each paragraph into ``statements`` and ``unread``."""

    def __init__(
        self, framework: Framework, names: Names, citing: Sequence[str], statements: list[Statement],
        unread: list[Unread],
    ) -> None:  # fmt: skip
        self.names, self.citing = names, citing
        self.statements, self.unread = statements, unread
        self.leaves = [n for n in framework.walk() if n.is_leaf]

    def paragraph(self, sentences: Sequence[tuple[str, Place]]) -> None:
        heads: list[_Head] = []
        for i, (text, place) in enumerate(sentences):
            if any(word in text for word in self.citing):
                heads.append(_Head(i, 0, len(text), None))  # a citation ends what went before
                continue
            found = self._heads(i, text, place)
            heads.extend(found)
            last = heads[-len(found) - 1] if len(heads) > len(found) else None  # the head of the sentences before
            self._values(text, place, found, last if last is not None and last.node is not None else None)
        heads.sort(key=lambda h: (h.sentence, h.start))
        for n, head in enumerate(heads):
            if head.opens and head.node is not None:
                after = heads[n + 1] if n + 1 < len(heads) else None
                self._colon(sentences, head, after)

    def _unread(self, text: str, place: Place, named: str) -> None:
        why = "句中没有评分表中的指标名称，未能确定是哪个指标"
        if _word(named):
            why = "句中的指标名称与评分表对不上（名称不同，或分值不同），未能确定是哪个指标"
        self.unread.append(Unread(f"“{_excerpt(text)}”", why, place))

    def _name(self, text: str, at: int, weight: Decimal | None) -> tuple[Named | None, str]:
        """The indicator whose name ends at ``at``, and the words of its clause. A name may hold a
        clause's marks ("城乡医疗救助审核、审批、资金发放及时"): each clause start before is tried, and
        the longest name ending at ``at`` is taken."""
        starts = [0, *(m.end() for m in _CLAUSE_END.finditer(text, 0, at))]
        found: list[Named] = []
        for begin in starts:
            segment = text[begin:at].rstrip(_TRIM)
            named = self.names(segment, weight) if segment else None
            if named is not None and named.ends:
                found.append(Named(named.node, begin + named.start, True))
        clause = text[starts[-1] : at].rstrip(_TRIM)
        return (max(found, key=lambda n: len(n.node.name)) if found else None), clause

    def _heads(self, i: int, text: str, place: Place) -> list[_Head]:
        out = [_Head(i, m.start(), m.end(), None) for m in _HEADING.finditer(text)]
        inside = _bracketed(text)
        for m in _COLON_HEAD.finditer(text):
            weight = to_decimal(m["w"])
            named, segment = self._name(text, m.start(), weight)
            if named is None:
                self._unread(text[: m.end()], place, segment)
                out.append(_Head(i, m.start(), m.end(), None, unread=True))
                continue
            mine = _SUBTOTAL_TAIL.match(text, m.end()) is None  # "X：满分 40 分，得 40 分": ``statements`` reads it
            out.append(_Head(i, named.start, m.end(), named.node, weight, opens=mine))
        for m in _SCORE_HEAD.finditer(text):
            if inside[m.start("de")]:
                continue
            named, segment = self._name(text, m.start(), to_decimal(m["w"] or m["w0"] or m["f"]))
            if named is None and m["lead"]:  # "数量指标得8分": 指标 may be the name's own
                named, segment = self._name(text, m.start() + 2, to_decimal(m["w"] or m["w0"] or m["f"]))
            if named is None:
                if m["w"] or m["w0"] or m["lead"]:  # a statement's form, naming no indicator
                    self._unread(text[: m.end()], place, segment)
                    out.append(_Head(i, m.start(), m.end(), None, unread=True))
                continue
            out.append(_Head(i, named.start, m.end(), named.node))
            weight = to_decimal(m["w"] or m["w0"])
            score = to_decimal(m["s"] or m["f"])
            quote = _excerpt(text[named.start : m.end()])
            self.statements.append(
                Statement(StatementKind.LEAF, place, quote, path=named.node.path, weight=weight, score=score,
                          deduction=to_decimal(m["d"]) if m["d"] else None, full=m["f"] is not None)
            )  # fmt: skip
        return out

    def _colon(self, sentences: Sequence[tuple[str, Place]], head: _Head, after: _Head | None) -> None:
        """The score of "X：满分 W 分，…" up to ``after`` (see the module's docstring). Past the head's
        own sentence only for a leaf (a parent's paragraph goes on to its children), and only when
        the scores stated there agree."""
        assert head.node is not None
        text, place = sentences[head.sentence]
        opening = text[head.start : head.end]
        claimed: list[tuple[str, Decimal | None, Decimal | None, bool]] = []  # words, score, deduction, 得满分
        fallback: tuple[str, Decimal | None, Decimal | None, bool] | None = None  # "得分 = … = S", "扣 D 分"
        last = after.sentence if after is not None else len(sentences) - 1
        last = min(last, head.sentence + _SENTENCES) if head.node.is_leaf else head.sentence
        for i in range(head.sentence, last + 1):
            sentence = sentences[i][0]
            if any(word in sentence for word in self.citing):
                break
            begin = head.end if i == head.sentence else 0
            end = after.start if after is not None and i == after.sentence else len(sentence)
            inside = _bracketed(sentence)
            claims = [m for m in _CLAIM.finditer(sentence, begin, end) if not inside[m.start()]]
            deductions = [m for m in _DEDUCT.finditer(sentence, begin, end) if not inside[m.start()]]
            words = self._said(opening, sentence[begin:end].rstrip("。！？!?；; \t"), i == head.sentence)
            if claims:
                claim, stated = claims[-1], claims[-1]["j"] or claims[-1]["s"] or claims[-1]["f"]
                before = [d for d in deductions if d.start() < claim.start()]
                full = claim["j"] is None and claim["s"] is None  # "得满分 W 分", or "得满分" (the head's W)
                said = self._said(opening, sentence[begin : claim.end()], i == head.sentence)
                claimed.append((said, to_decimal(stated) if stated else head.weight,
                                to_decimal(before[-1]["d"]) if before else None, full))  # fmt: skip
                if i == head.sentence:
                    break  # "X：满分 3 分，…，得 2 分。": what follows is its reason
            elif (equation := _EQUATION.search(sentence[begin:end].rstrip("。！？!?；; \t"))) is not None:
                fallback = (words, to_decimal(equation["v"]), None, False)
            elif deductions and (fallback is None or fallback[1] is None):
                fallback = (words, None, to_decimal(deductions[-1]["d"]), False)
        if len({c[1] for c in claimed}) > 1:
            why = f"“{head.node.name}”的满分之后先后写了几个不同的得分，未能确定哪个是它的得分"
            self.unread.append(Unread(f"“{_excerpt(text[head.start :])}”", why, place))
            claimed, fallback = [], None
        said, score, deduction, full = claimed[-1] if claimed else fallback or (opening, None, None, False)
        self.statements.append(
            Statement(StatementKind.LEAF, place, said, path=head.node.path, weight=head.weight, score=score,
                      deduction=deduction, full=full)
        )  # fmt: skip

    @staticmethod
    def _said(opening: str, words: str, same: bool) -> str:
        """ "资金到位率：满分 3 分……得 2.91 分": the head, and the words of the score when further on."""
        if same:
            return _excerpt(opening + words)
        return _excerpt(opening, 24) + "……" + _excerpt(words, 24)

    def _values(self, text: str, place: Place, heads: list[_Head], before: _Head | None = None) -> None:
        """The values stated in one sentence: of the indicator named before them in it, else of the leaf whose
        paragraph this sentence continues ("资助参保完成率：满分 6 分，…。按“…”：实际完成值 100%，…")."""
        for m in _ACTUAL.finditer(text):
            opened = [h for h in heads if (h.node is not None or h.unread) and h.end <= m.start()]
            if opened and opened[-1].node is None:
                continue  # the value of a head naming no indicator, listed as unread with it
            if opened:
                node, start = opened[-1].node, opened[-1].start
            else:
                named = self.names(text[: m.start()], None)
                if named is None and before is not None and before.node is not None and before.node.is_leaf:
                    node, start = before.node, 0
                elif named is None:
                    self._unread(text[: m.end()], place, text[: m.start()])
                    continue
                else:
                    node, start = named.node, named.start
            assert node is not None
            self._value(node, m["v"].strip(), _excerpt(text[start : m.end()]), place)
        for m in _SURVEY.finditer(text):
            word = _SURVEY_WORD[m["label"]]
            named_so = [n for n in self.leaves if word in n.name]
            quote = _excerpt(text[: m.end()])
            if len(named_so) != 1:
                how = "没有" if not named_so else f"有 {len(named_so)} 个"
                why = f"评分表中{how}名称含“{word}”的末级指标，未能确定{m['label']}是哪个指标的实际完成值"
                self.unread.append(Unread(f"“{quote}”", why, place))
                continue
            self._value(named_so[0], f"{m['p']}%", quote, place, percent=True)

    def _value(self, node: Indicator, value: str, quote: str, place: Place, *, percent: bool = False) -> None:
        actual = node.actual
        if actual is None or (percent and not actual.is_percent) or same_quantity(value, actual.text) is None:
            shown = f"为“{actual.text}”" if actual is not None else "未填写"
            kind = "百分比" if percent else "同一单位的数字"
            why = f"评分表中“{node.name}”的实际完成值{shown}，不是{kind}，未核对"
            self.unread.append(Unread(f"“{quote}”", why, place))
            return
        self.statements.append(Statement(StatementKind.ACTUAL, place, quote, path=node.path, value=value))
