"""Whether the names of scored clauses are grades of one thing (split from ``levels`` in session 8, affirm family):
"合理/基本合理", "健全/基本健全", "优秀(10分)、良好(8分)…", "评价为优的得10分", "A级…"."""

from __future__ import annotations

from medaid.evaluation.rules.naming import GRADES, aliases, canon, stem


def graded(names: list[str]) -> bool:
    """Two names that are one another with a degree or a negation (合理/基本合理, 健全/基本健全), or names
    that are grades ("优秀(10分)、良好(8分)…", "评价为优的得10分", "A级…")."""
    plain = [canon(n).replace("|", "") for n in names]
    if sum(1 for n in names if any(a in GRADES for a in aliases(n))) >= 2:
        return True
    stems = [stem(n) for n in plain]
    marks = [n != s for n, s in zip(plain, stems, strict=True)]
    for i, a in enumerate(stems):
        for j, b in enumerate(stems):
            if i != j and a and (marks[i] or marks[j]) and (a in b or _sub(a, b)):
                return True
    return False


def _sub(short: str, long: str) -> bool:
    it = iter(long)
    return len(short) >= 2 and all(ch in it for ch in short)
