"""What the statements of an actual name of a rule's kinds of case: the words each kind owns, whether a
statement keeps a kind's sense, restates its requirement, or pairs a plan with what was done (split out of
``kind_actuals`` in session 7, faults family; the conventions are that module's)."""

from __future__ import annotations

import re

from medaid.evaluation.rules.absences import masked
from medaid.evaluation.rules.case_kinds import CaseKind
from medaid.evaluation.rules.clause_synonyms import OPPOSITE_PREDICATES, denial_falls_short, hedged, opposite_restates
from medaid.evaluation.rules.count_vocab import POSITIVE, plain, statements
from medaid.evaluation.rules.count_words import (
    NEGATIONS,
    QUALIFIERS,
    content_chars,
    none_missing,
    plan_done,
    plan_pairs,
    restates,
)
from medaid.evaluation.rules.kind_asides import shared_negation
from medaid.evaluation.rules.kind_statements import ALL_OF
from medaid.evaluation.rules.kind_vetoes import without_vetoes

# a statement that ends in a predicate denying a fault ("…均畅通"): no bare topic of what follows it
_OPPOSITE_END = re.compile("(?:" + "|".join(p for _, ps in OPPOSITE_PREDICATES for p in ps) + ")$")
_TWO_SIDES = re.compile(r"[^且]*[\u4e00-\u9fa5]{2}(?:并且|而且|且)[\u4e00-\u9fa5]{2}[^且]*")

_ANY = "[^,;。、不未没无]"
_NEG = NEGATIONS
_chars = content_chars


class KindReader:
    """The kinds of a rule and what each statement of an actual names of them (``kind_actuals``)."""

    def __init__(self, kinds: tuple[CaseKind, ...], vetoes: tuple[str, ...] = ()) -> None:
        self.kinds = kinds
        # faults (s7): a kind's words without the veto sentences it runs on into (a veto's words are its own)
        self.texts = [without_vetoes(k.text, vetoes) for k in kinds]
        chars = [_chars(t) for t in self.texts]
        self.own = [c - set().union(*(o for j, o in enumerate(chars) if j != i)) for i, c in enumerate(chars)]
        self.notes: list[str] = []

    def named(self, words: str, *, says_it: bool = False) -> list[int]:
        """The kinds whose own characters the words use; ``says_it``: and that name what the kind counts
        ("实巡访22次" names no "缺")."""
        used = _chars(words)
        said = [not says_it or not _chars(k.what) or bool(used & _chars(k.what)) for k in self.kinds]
        found = [i for i, own in enumerate(self.own) if used & own and said[i]]
        whole = [i for i in found if self.whole(words, i)]
        return whole if len(found) > 1 and len(whole) == 1 else found  # "缺报" names 缺 whole, 迟报 by 报 only

    def whole(self, words: str, i: int) -> bool:
        """The words hold the kind's name entire ("缺报2次" holds "缺"; of "迟报" only 报)."""
        what = plain(self.kinds[i].what)
        return bool(what) and what in words

    def negated_kind(self, words: str) -> bool:
        """ "无明显改善" when a one-off kind is "…环境无明显改善": the kind happened, not its absence."""
        pairs = zip(self.kinds, self.texts, strict=True)
        return any(k.once and len(plain(words)) > 2 and plain(words) in t for k, t in pairs)

    def segments(self, text: str) -> list[str]:
        """The statements of an actual, split at ，；。 and 、; a bare topic before 、 ("全年报表、数据无缺报":
        no number, negation or predicate, naming no kind entire) is the subject of the statement after it."""
        found: list[str] = []
        for statement in self._conjoined(statements(text)):
            pieces = shared_negation(statement.split("、"), [k.text for k in self.kinds])
            for i, piece in enumerate(pieces):
                topic = not re.search(rf"\d|[{_NEG}]", piece) and not POSITIVE.search(piece)
                topic = topic and not _OPPOSITE_END.search(piece)  # faults (s9): "河长牌联系方式均畅通、干净整洁"
                if i + 1 < len(pieces) and topic and not any(self.whole(piece, k) for k in range(len(self.kinds))):
                    # "协助查处、回访均到位": objects under one 均 keep their 、 (each is said done)
                    joint = "、" if ALL_OF.search("".join(pieces[i + 1 :])) else ""
                    pieces[i + 1] = piece + joint + pieces[i + 1]
                elif piece:
                    found.append(piece)
        return self._shortfalls(plan_pairs(found))

    def _conjoined(self, found: list[str]) -> list[str]:
        """faults (s9): "有宣传栏且每季度更新1期" is two statements, cut at 且 (both sides two characters or more),
        unless a kind's own words hold 且 ("发现问题且未整改": one fault of two conditions)."""
        if any("且" in k.text for k in self.kinds):
            return found
        return [p for s in found for p in (re.split(r"(?:并且|而且|且)", s) if _TWO_SIDES.fullmatch(s) else [s])]

    def _shortfalls(self, found: list[str]) -> list[str]:
        """ "应巡访24次,实巡访22次": a plan and what was done, in one verb and counter, say 2 were not done; the
        pair becomes that shortfall worded as the one kind that counts it ("缺巡访2次" for "每缺1次", "未回访1户次"
        for "未…进行回访的,每一户次") — left as written when no kind, or several, would count it, unless nothing
        is short ("应报12次,实报12次": set aside). A "其中…" right after the pair ("其中迟报2次") is of what was
        done, not a part of a kind: read as a statement of its own."""
        out: list[str] = []
        i = 0
        while i < len(found):
            pair = plan_done(found[i], found[i + 1]) if i + 1 < len(found) else None
            if pair is not None:
                verb, gap, counter = pair
                forms = {f"{neg}{verb}{gap}{counter}": self._counted_by(neg, verb) for neg in ("缺", "未", "少", "漏")}
                kinds = {k for named in forms.values() for k in named}
                if len(kinds) == 1 or (not kinds and gap == 0):
                    said = next((form for form, named in forms.items() if named), "")
                    out += [said] if said else []
                    self.notes.append(f"“{found[i]},{found[i + 1]}”读作“{said or '无缺少'}”")
                    i += 2
                    if i < len(found) and found[i].startswith("其中"):
                        found[i] = found[i][2:]
                    continue
            out.append(found[i])
            i += 1
        return out

    def _counted_by(self, negation: str, verb: str) -> list[int]:
        """The kinds that would count "未回访": they speak of 回访, and the words name them."""
        words = negation + verb
        return [i for i in self.named(words, says_it=True) if self.keeps_sense(words, i) and verb in self.texts[i]]

    def keeps_sense(self, words: str, i: int) -> bool:
        """The statement adds no negation the kind does not have, and keeps each one before the words it
        uses ("合格文书" drops the 不 of "文书不合格", "标准执行" the 超 of "超标准执行")."""
        text = masked(self.texts[i])  # "无故推诿": no negation, in the kind as in the words
        said = {c for c in masked(words) if c in _NEG}
        if not said <= {c for c in text if c in _NEG}:
            return False
        for found in re.finditer(rf"([{_NEG}]+)(?:有|能|得)?(.)", text):
            char = found.group(2)
            bare = re.search(rf"(?<![{_NEG}有能得]){re.escape(char)}", text)  # "危房户" beside "无房户"
            if char in words and not set(found.group(1)) & said and bare is None:
                return False
        return True

    def restates(self, words: str, i: int) -> bool:
        """ "申请对象情况真实" restates "申请对象情况不真实" without its negation: none of that kind."""
        if hedged(words, self.kinds[i].text) or denial_falls_short(words, self.kinds[i].what):
            return False  # faults (s7, fix round): "联系方式总体畅通", "台账齐全" for "台账不齐全不规范"
        if opposite_restates(words, self.kinds[i].what):  # faults (s7): "分值计算散总一致" for "…不符"
            return True
        if not any(c in _NEG for c in self.texts[i]):  # its own words, without a veto it runs on into (s7)
            return False  # a kind that counts no failure ("被卫星监测到的火点") is never restated
        text = self.kinds[i].text  # a requirement met may be the veto's too: "已按要求…并开展宣传工作"
        done = re.fullmatch(r"([^\d不未没无缺,]{0,8}?)(?:均|都)?已(?:经)?([^\d不未没无缺,]{2,8})", words)
        if done and done.group(1) in text:  # "已部署" for "未作出禁烧工作部署的", "已实行包片" for "未实行包片责任制"
            did = re.escape(done.group(2))
            said = rf"(?:未|没有)(?:({_ANY}*){did}(?:的|者)?$|(){did})"
            for part in re.split(r"[,;。]", text):
                found = re.search(said, part)
                gap = found and (found.group(1) or "")
                if found and not any(q not in words for q in QUALIFIERS.findall(gap or "")):
                    return True  # what was not done, done — "均已拨付" keeps no 按时 of "未按时拨付"
        if none_missing(words, text):
            return True
        goods = [m.group(1) for m in re.finditer(r"(?:不|未|没有|没|无)([^,;。、不未没无]{1,12})", text)]
        goods += [p for p in re.split(r"[,;。、?]", text) if p and not any(c in _NEG for c in p)]
        return any(restates(words, g) for g in goods)
