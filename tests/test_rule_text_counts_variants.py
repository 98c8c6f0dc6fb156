"""Metamorphic tests for counts, per-case deductions and ranks: every text of those shapes in the corpus
(tests/rule_corpus/*.yaml) that medaid understands is rewritten the ways other tables write the same rule —
punctuation, 的 and 该项, 得↔计, full-width or Chinese digits, spaces, 扣↔扣除/减, independent sentences
swapped, 扣完为止 added or dropped where it changes nothing. Each variant must score every case of the text
as the original does, or be refused; never another number. Nearly all variants must still be understood."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest

from medaid.services.evaluation import try_rule
from tests.corpus_cases import Entry, load

SHAPES = ("per_case", "count_cap", "rank")
_FULL_WIDTH = str.maketrans("0123456789,;:()", "０１２３４５６７８９，；：（）")
_CN = {"1": "一", "2": "两", "3": "三", "4": "四", "5": "五"}
_COUNTERS = "例处项次起笔件份名人户家个"


def _swap_sentences(text: str) -> str:
    """ "A;B" → "B;A" when both sentences score on their own (neither refers to the other)."""
    parts = [p for p in re.split(r"(?<=[;；。])", text) if p]
    scored = [p for p in parts if re.search(r"\d分", p) and not re.search(r"以上|上述|其中|此项|该项|本项|以此", p)]
    if len(parts) != 2 or len(scored) != 2 or not re.search(r"扣|加", parts[1]) or re.search(r"扣|加", parts[0]):
        return text
    tail = parts[1].rstrip("。;；")
    return f"{tail}；{parts[0].rstrip('。;；')}。"


REWRITES: dict[str, Callable[[str], str]] = {
    "full-width punctuation and digits": lambda t: t.translate(_FULL_WIDTH),
    "spaces after punctuation": lambda t: re.sub(r"([,，;；。:：])", r"\1 ", t),
    "no final stop": lambda t: t.rstrip("。.;；"),
    "得 → 计": lambda t: re.sub(r"(?<![加最])得(?=\d)", "计", t),
    "计 → 得": lambda t: re.sub(r"(?<![加累合统])计(?=\d)", "得", t),
    "one as a Chinese numeral": lambda t: re.sub(rf"(?<=[每现有])1(?=[{_COUNTERS}])", "一", t),
    "Chinese numeral as digits": lambda t: re.sub(rf"(?<=[每现有])一(?=[{_COUNTERS}])", "1", t),
    "small counts in Chinese": lambda t: re.sub(
        rf"(?<![\d.])([1-5])(?=[{_COUNTERS}](?!月))", lambda m: _CN[m.group(1)], t
    ),
    "的 before the deduction": lambda t: re.sub(r"(?<![的者])[,，](?=扣\d)", "的，", t),
    "no comma before the deduction": lambda t: re.sub(r"(?<=[的者])[,，](?=扣\d)", "", t),
    "扣 → 扣除": lambda t: re.sub(r"(?<![最多])扣(?=\d)", "扣除", t),
    "扣 → 减": lambda t: re.sub(r"(?<![最多])扣(?=\d)", "减", t),
    "该项 before 不得分": lambda t: re.sub(r"(?<![项标])不得分", "该项不得分", t),
    "不得分 → 不计分": lambda t: t.replace("不得分", "不计分"),
    # not where the text lets the score go below 0 ("扣完得负分", "可倒扣"): 扣完为止 then changes the reading
    "扣完为止 added": lambda t: (
        t if "扣" not in t or "为止" in t or re.search(r"负分|倒扣", t) else t.rstrip("。;；") + "，扣完为止。"
    ),
    "扣完为止 dropped": lambda t: re.sub(r"[,，]?扣完为止", "", t),
    "sentences swapped": _swap_sentences,
    "; → 。": lambda t: t.replace(";", "。").replace("；", "。"),
    "每 dropped before one case": lambda t: re.sub(rf"每(?=(?:发现|出现|查实|有)?[1一][{_COUNTERS}])", "", t),
    "不得分 → 得0分": lambda t: t.replace("不得分", "得0分"),
    "及以上 → (含)以上": lambda t: t.replace("及以上", "(含)以上"),
    "最多扣 → 扣分上限为": lambda t: re.sub(r"最多扣(?=\d)", "扣分上限为", t),
    "扣完为止 → 扣至0分为止": lambda t: t.replace("扣完为止", "扣至0分为止"),
    "名 → 位 (ranks)": lambda t: re.sub(r"(?<=\d)名(?!次)", "位", t) if "排" in t else t,
    "后移 → 下降 (ranks)": lambda t: t.replace("后移", "下降"),
    "最高得 → 最多计 (counts)": lambda t: t.replace("最高得", "最多计"),
}


def _entries() -> list[Entry]:
    from medaid.evaluation.ruletext import parse_rule_text

    return [e for e in load() if e.shape in SHAPES and parse_rule_text(e.text) is not None]


def _scores(entry: Entry, text: str) -> list[Decimal | None] | None:
    """Each case's score for this wording; None when the wording is not understood."""
    scores: list[Decimal | None] = []
    for case in entry.cases:
        trial = try_rule(text, weight=str(entry.weight), target=entry.target, actual=case.actual,
                         note=case.explanation, bonus_allowed=entry.bonus_allowed)  # fmt: skip
        if trial.outcome is None:
            return None
        scores.append(trial.outcome.score)
    return scores


def _variants() -> list[tuple[Entry, str, str]]:
    found = []
    for entry in _entries():
        for name, rewrite in REWRITES.items():
            variant = rewrite(entry.text)
            if variant != entry.text:
                found.append((entry, name, variant))
    return found


VARIANTS = _variants()


@pytest.mark.parametrize(("entry", "name", "variant"), VARIANTS, ids=[f"{e.id}-{n}" for e, n, _ in VARIANTS])
def test_a_rewritten_text_gives_the_same_score_or_none(entry, name, variant):
    original = _scores(entry, entry.text)
    rewritten = _scores(entry, variant)
    assert original is not None
    if rewritten is None:
        return  # not understood: allowed (counted below), never a different number
    for case, before, after in zip(entry.cases, original, rewritten, strict=True):
        # where the original wording refuses a case, a number for the variant must be the hand score
        expected = before if before is not None else case.score if entry.mechanical else None
        assert after is None or after == expected, f"{variant!r}, {case.actual or case.explanation}: {after}"


def test_nearly_all_rewritten_texts_are_still_understood():
    understood = [v for v in VARIANTS if _scores(v[0], v[2]) is not None]
    lost = [f"{e.id} {n}: {t}" for e, n, t in VARIANTS if (e, n, t) not in understood]
    share = len(understood) / len(VARIANTS)
    assert len(VARIANTS) > 150
    assert share >= 0.95, f"{share:.0%} understood; lost:\n" + "\n".join(lost)
