"""Explanations written afresh (tests/rule_paraphrases/*.yaml): for corpus texts medaid reads, other hands wrote
2–3 new 扣分说明 each, in the words evaluators use (synonyms of the fault, "经查…", "抽查10户，2户…", counts in
words), and scored them by hand. The corpus's own explanations were the ones the readers were fitted to; these show
how the readings carry to explanations nobody fitted them to. Set A was used to develop the readings of 0.15.0;
set B was measured before and after without being looked at, then added here (27 of its texts are in set A
too, with explanations by other writers: the two random draws were made on a pool that changed between them). The same judge as the corpus
(tests/corpus_cases.py): a case may be refused, never given a wrong number."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.corpus_cases import PARAPHRASES, figures, judge, load, table, verdicts

ENTRIES = load(PARAPHRASES)
# the share of the mechanical cases scored right: raised as readings are added
FLOOR = 0.364


def test_each_paraphrase_speaks_of_a_corpus_text_with_the_same_weight():
    corpus = {e.id: e for e in load()}
    assert len(ENTRIES) >= 300
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)
    for e in ENTRIES:
        base = corpus[re.sub(r"-pb?$", "", e.id)]  # set A's ids end in -p, set B's in -pb
        assert (e.text, e.weight, e.target) == (base.text, base.weight, base.target), e.id
        assert all(c.explanation is not None and c.score is not None for c in e.cases), e.id


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_no_paraphrase_gets_a_wrong_number(entry):
    assert [v.describe() for v in (judge(entry, c) for c in entry.cases) if v.verdict == "wrong"] == []


def test_the_share_scored_right_never_falls_and_docs_show_the_figures():
    found = verdicts(ENTRIES)
    counts = Counter(v.verdict for v in found if v.entry.mechanical)
    assert counts["right"] / sum(counts.values()) >= FLOOR
    docs = (Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert table(figures(ENTRIES, found)) in docs, "docs/rules.md is behind: run scripts/rule_corpus.py --write"
