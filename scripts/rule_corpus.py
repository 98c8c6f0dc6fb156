"""How medaid fares on the development corpus of rule texts (tests/rule_corpus/), by shape.

.venv/bin/python scripts/rule_corpus.py                 # the table
.venv/bin/python scripts/rule_corpus.py --shape steps   # and each case of one shape that is not right
.venv/bin/python scripts/rule_corpus.py --wrong         # every wrong number
.venv/bin/python scripts/rule_corpus.py --write         # put the table into docs/rules.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus_cases import figures, load, table, verdicts  # noqa: E402

START, END = "<!-- corpus figures: scripts/rule_corpus.py --write -->", "<!-- end of corpus figures -->"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", default=None, help="list the cases of this shape that are not right")
    parser.add_argument("--wrong", action="store_true", help="list every wrong number")
    parser.add_argument("--write", action="store_true", help="write the table into docs/rules.md")
    args = parser.parse_args()
    entries = load()
    found = verdicts(entries)
    text = table(figures(entries, found))
    print(text)
    for v in found:
        if (args.wrong and v.verdict == "wrong") or (args.shape == v.entry.shape and v.verdict != "right"):
            print(f"{v.verdict:8} {v.describe()}")
    if args.write:
        docs = ROOT / "docs" / "rules.md"
        content = docs.read_text(encoding="utf-8")
        if START not in content:
            raise SystemExit(f"docs/rules.md has no {START} … {END} block")
        head, rest = content.split(START, 1)
        _, tail = rest.split(END, 1)
        docs.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
