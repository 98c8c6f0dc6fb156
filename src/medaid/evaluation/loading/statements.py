"""The statements of a report's text (contract 5), and the indicator each is about.

Read, sentence by sentence (a sentence ends at 。！？； or a paragraph's end):

- a subtotal: "（分值 35 分，得分 34 分）", "决策（15 分，得 14.5 分）", "（满分10分，实得8分）",
  "指标分值10分，得分9分";
- a rate: "得分率 97.14%", "得分率为100%";
- the total: "综合得分为 93.6 分", "综合得分 93.6 分", "总分 93.6 分", "综合评价得分为85.21分";
- the grade: "评价等级为优秀", "绩效等级为“良”", "评价结果为“优”";
- a leaf's score and value, and the survey's rates ("医疗救助人次得 0 分（满分 5 分，扣 5 分）",
  "资金到位率：满分 3 分，实际完成值 97.06%，…得 2.91 分", "综合满意度为 84.57%"): paragraph by
  paragraph, in ``leaf_statements``, with the names read here.

A subtotal or a rate is about the indicator whose name comes last before it in the same
sentence, after the statement before it ("其中决策 14.5 分（得分率 96.67%），过程 18.91 分（得分率
94.55%）"); with no name in between, about the indicator of the statement before ("决策指标分值
15 分，得分 13.5 分，得分率 90.00%"). When several names end there, the one whose weight is the
stated 分值 wins, then the longest name ("项目产出" over "产出"), then the shallowest. A sentence that
cites another document's numbers or a review ("…所载总分为…，按评分表逐项复核为…") is listed
as unread: it is not the report's own claim. A name is taken only when its weight agrees with the
statement or it stands as a word of its own (not "效益" inside "社会效益"); otherwise the statement
is unread, as is one naming no indicator of the table. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from medaid.evaluation.loading.leaf_statements import LeafReader, Named, has_leaf_form
from medaid.evaluation.loading.source import SourceText
from medaid.evaluation.model import Framework, Indicator
from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.published import Place, Statement, StatementKind, Unread

_NUM = r"\d+(?:\.\d+)?"
_SUBTOTAL = re.compile(
    rf"(?:[（(]\s*(?:分值|满分|权重)?|(?:分值|满分|权重))\s*(?:为)?\s*(?P<w>{_NUM})\s*分\s*[，,、；;]?\s*"
    rf"(?:评价|实际)?(?:得分|实得|得)\s*(?:为)?\s*(?P<s>{_NUM})\s*分(?:\s*[)）])?"
)
_RATE = re.compile(rf"得分率\s*(?:为|是|达到?)?\s*[:：]?\s*(?P<r>{_NUM})\s*%")
_TOTAL = re.compile(rf"(?P<lead>综合评价得分|综合得分|综合评分|总得分|总分)\s*(?:为|是|[:：])?\s*(?P<t>{_NUM})\s*分")
_GRADE = re.compile(
    r"(?:评价等级|绩效等级|评定等级|评价结果|等级)\s*(?:为|是|[:：]|评定为|确定为)\s*[“\"「『‘]?\s*"
    r"(?P<g>优秀|良好|中等|不合格|合格|较差|优|良|中|差)[”\"」』’]?"
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# Full-width digits and signs, one character for one, so offsets stay those of the text.
_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_SCALE_WORDS = ("体系", "满分", "分值", "权重", "百分制")
# A sentence that cites what another document states, or what a review found ("《某表》所载总分为 93.6 分，
# 按评分表逐项复核为 90.3 分"; an audit finding quoted in 其他需要说明的问题) makes no claim of its own.
_CITING = ("所载", "声明", "原报告", "按报告", "复核为", "复核后", "应评为", "应为")


@dataclass(frozen=True)
class _Name:
    key: str  # compared without spaces or width differences
    node: Indicator
    depth: int


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


# Characters that end a word before a name: "其中决策 14.5 分", "产出和效益".
_BEFORE_A_NAME = set("中和及与即为的在是对其")


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo"  # a CJK character: the name may be part of a longer word


def _units(texts: Sequence[SourceText], flowing: bool) -> list[list[tuple[str, Place]]]:
    """The sentences of each paragraph (a Word paragraph; a PDF's pages flow into one another),
    each with the place it starts at."""
    units: list[tuple[str, list[tuple[int, Place]]]]
    if flowing:
        marks, offset, parts = [], 0, []
        for piece in texts:
            marks.append((offset, piece.place))
            parts.append(piece.text)
            offset += len(piece.text)
        units = [("".join(parts), marks)] if parts else []
    else:
        units = [(piece.text, [(0, piece.place)]) for piece in texts]
    out: list[list[tuple[str, Place]]] = []
    for text, marks in units:
        starts = [m[0] for m in marks]
        begin, sentences = 0, []
        for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
            sentence = text[begin:end]
            if sentence.strip():
                sentences.append((sentence.translate(_WIDTH), marks[bisect_right(starts, begin) - 1][1]))
            begin = end
        out.append(sentences)
    return out


class _Reader:
    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.names: list[_Name] = []
        for node in framework.walk():
            name = _key(node.name)
            if len(name) >= 2:
                self.names.append(_Name(name, node, len(node.path)))
        self.statements: list[Statement] = []
        self.unread: list[Unread] = []

    def sentence(self, text: str, place: Place) -> None:
        forms = (_TOTAL, _SUBTOTAL, _RATE, _GRADE)
        if any(word in text for word in _CITING) and (any(f.search(text) for f in forms) or has_leaf_form(text)):
            why = "引述其他文件所载或复核的数字，不是本报告自己的结论"
            self.unread.append(Unread(f"“{_excerpt(text, '')}”", why, place))
            return
        found: list[tuple[re.Match[str], Statement]] = []
        for match in _SUBTOTAL.finditer(text):
            weight, score = to_decimal(match["w"]), to_decimal(match["s"])
            found.append((match, Statement(StatementKind.SUBTOTAL, place, "", weight=weight, score=score)))
        for match in _RATE.finditer(text):
            rate = to_decimal(match["r"])
            found.append((match, Statement(StatementKind.RATE, place, "", rate=rate, rate_text=f"{match['r']}%")))
        found.sort(key=lambda item: item[0].start())
        since, previous = 0, None  # the end of the statement before, and (where its name starts, its path)
        for match, statement in found:
            previous = self.tied(statement, text, match, since, previous)
            since = match.end()
        for match in _TOTAL.finditer(text):
            if any(m.start() <= match.start() < m.end() for m, _ in found):
                continue
            total = to_decimal(match["t"])
            before = text[max(0, match.start() - 8) : match.start()] + match["lead"]
            if total == self.framework.total_weight and any(w in before for w in _SCALE_WORDS):
                continue  # "指标体系总分100分": the scale, not a score
            self.statements.append(Statement(StatementKind.TOTAL, place, match.group().strip(), score=total))
        for match in _GRADE.finditer(text):
            self.statements.append(Statement(StatementKind.GRADE, place, match.group().strip(), grade=match["g"]))

    def tied(
        self,
        statement: Statement,
        text: str,
        match: re.Match[str],
        since: int,
        previous: tuple[int, tuple[str, ...]] | None,
    ) -> tuple[int, tuple[str, ...]] | None:
        """``statement`` about the indicator named between the statement before it (``since``)
        and ``match``; with no name there, about the indicator of the statement just before
        ("决策指标分值 15 分，得分 13.5 分，得分率 90.00%"); otherwise unread."""
        segment = text[since : match.start()]
        compact = _key(segment)
        words = match.group().strip()
        found = self.named(compact, statement.weight)
        if found is not None:
            name, at = found
            start = since + _raw_start(segment, at)
            path = name.node.path
        elif previous is not None and not any(_is_word_char(ch) for ch in compact):
            start, path = previous
        else:
            why = "句中没有评分表中的指标名称，未能确定是哪个指标"
            if compact:
                why = "句中的指标名称与评分表对不上（名称不同，或分值不同），未能确定是哪个指标"
            self.unread.append(Unread(f"“{_excerpt(text[: match.start()], words)}”", why, statement.place))
            return None
        quote = _excerpt(text[start : match.start()], words)
        self.statements.append(replace(statement, quote=quote, path=path))
        return start, path

    def named(self, compact: str, weight: Decimal | None) -> tuple[_Name, int] | None:
        """The indicator named last in ``compact`` (the sentence before the statement) and where."""
        mentions: list[tuple[_Name, int]] = []
        for name in self.names:
            at = compact.rfind(name.key)
            if at >= 0:
                mentions.append((name, at))
        if not mentions:
            return None

        def rank(item: tuple[_Name, int]) -> tuple[int, int, int]:
            name, at = item
            return (at + len(name.key), len(name.key), -name.depth)

        confirmed = [m for m in mentions if weight is not None and m[0].node.weight == weight]
        if confirmed:
            return max(confirmed, key=rank)
        best, at = max(mentions, key=rank)
        alone = at == 0 or not _is_word_char(compact[at - 1]) or compact[at - 1] in _BEFORE_A_NAME
        return (best, at) if alone else None

    def name_in(self, segment: str, weight: Decimal | None) -> Named | None:
        """``named`` for the leaf statements (``leaf_statements``): the indicator, where its name
        starts in ``segment`` and whether it ends it."""
        compact = _key(segment)
        found = self.named(compact, weight)
        if found is None:
            return None
        name, at = found
        return Named(name.node, _raw_start(segment, at), at + len(name.key) == len(compact))


def _raw_start(prefix: str, compact_at: int) -> int:
    """The offset in ``prefix`` of the ``compact_at``-th character that is not a space."""
    seen = 0
    for i, ch in enumerate(prefix):
        if ch.isspace():
            continue
        if seen == compact_at:
            return i
        seen += 1
    return len(prefix)


def _excerpt(before: str, words: str, limit: int = 40) -> str:
    text = (before.strip() + words).strip()
    return text if len(text) <= limit else "…" + text[-limit:]


def _order(place: Place) -> tuple[int, int]:
    return place.page or 0, place.paragraph or 0


def read_statements(
    framework: Framework, texts: Sequence[SourceText], *, flowing: bool
) -> tuple[list[Statement], list[Unread]]:
    """The statements of the text tied to ``framework``'s indicators, and those that could not be."""
    reader = _Reader(framework)
    leaves = LeafReader(framework, reader.name_in, _CITING, reader.statements, reader.unread)
    for sentences in _units(texts, flowing):
        for text, place in sentences:
            reader.sentence(text, place)
        leaves.paragraph(sentences)
    statements = sorted(reader.statements, key=lambda s: _order(s.place))
    return statements, sorted(reader.unread, key=lambda u: _order(u.place))
