"""How medaid fares on the development corpus of rule texts (tests/rule_corpus/), by shape.

.venv/bin/python scripts/rule_corpus.py                 # the table
.venv/bin/python scripts/rule_corpus.py --shape steps   # and each case of one shape that is not right
.venv/bin/python scripts/rule_corpus.py --wrong         # every wrong number
.venv/bin/python scripts/rule_corpus.py --write         # put the tables into docs/rules.md
.venv/bin/python scripts/rule_corpus.py --paraphrases   # the same for the explanations written afresh
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus_cases import FOLDER, PARAPHRASES, figures, load, table, verdicts  # noqa: E402

START, END = "<!-- corpus figures: scripts/rule_corpus.py --write -->", "<!-- end of corpus figures -->"
PARA_START = "<!-- paraphrase figures: scripts/rule_corpus.py --write -->"
PARA_END = "<!-- end of paraphrase figures -->"


def _put(content: str, start: str, end: str, text: str) -> str:
    if start not in content:
        raise SystemExit(f"docs/rules.md has no {start} … {end} block")
    head, rest = content.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{text}\n{end}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", default=None, help="list the cases of this shape that are not right")
    parser.add_argument("--wrong", action="store_true", help="list every wrong number")
    parser.add_argument("--write", action="store_true", help="write both tables into docs/rules.md")
    parser.add_argument("--paraphrases", action="store_true", help="show the paraphrase sets instead of the corpus")
    args = parser.parse_args()
    entries = load(PARAPHRASES if args.paraphrases else FOLDER)
    found = verdicts(entries)
    text = table(figures(entries, found))
    print(text)
    for v in found:
        if (args.wrong and v.verdict == "wrong") or (args.shape == v.entry.shape and v.verdict != "right"):
            print(f"{v.verdict:8} {v.describe()}")
    if args.write:
        docs = ROOT / "docs" / "rules.md"
        content = docs.read_text(encoding="utf-8")
        corpus = text if not args.paraphrases else table(figures(load(), verdicts(load())))
        para_entries = load(PARAPHRASES)
        paraphrases = table(figures(para_entries, verdicts(para_entries)))
        content = _put(_put(content, START, END, corpus), PARA_START, PARA_END, paraphrases)
        docs.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    main()
