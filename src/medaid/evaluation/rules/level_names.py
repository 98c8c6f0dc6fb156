"""A grade of a qualitative rule (``Level``) and which grade a description names (``match_level``).

Split from ``levels`` (affirm family, s9). A description names a level exactly (its name, an alternative, its
letter) or with words left out (``naming.named``); two loose namings are not taken here:

- a negation of other words: "有一批资金未经审批即拨付,其余环节按程序办理" holds the characters of "不按程序办理",
  but its negation is "未经审批", not "未按程序"; a level whose name is negated is named loosely only when the
  description negates the same word (``_negation_kept``);
- a list's head without the list's predicate: "用电用火、煤气使用安全" cut into "用电用火" is not "存在用电用火的
  安全隐患" (``bare_heads``: what the later item says may be shared, and it is the opposite).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.clause_lists import HEADING
from medaid.evaluation.rules.naming import canon, named, names, sentences
from medaid.evaluation.rules.wording import unify


@dataclass(frozen=True)
class Level:
    """One grade of a qualitative rule: its name and score (points, or a fraction of the weight).

    ``label`` is the letter a table prints before it ("A"); an actual may give the letter.
    """

    name: str
    points: Decimal | None = None
    fraction: Decimal | None = None
    label: str | None = None

    def score(self, weight: Decimal) -> Decimal:
        if self.points is not None:
            return self.points
        return weight * (self.fraction if self.fraction is not None else ZERO)

    def describe(self) -> str:
        head = f"{self.label}. {self.name}" if self.label else self.name
        if self.points is not None:
            return f"{head} {fmt(self.points)} 分"
        return f"{head} {fmt((self.fraction or ZERO) * 100)}%"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "points": None if self.points is None else float(self.points),
            "fraction": None if self.fraction is None else float(self.fraction),
        }
        if self.label:
            out["label"] = self.label
        return out


def match_level(
    levels: tuple[Level, ...], text: str, heads: frozenset[str] = frozenset(), about: str = ""
) -> Level | None:
    """The level an actual names: exactly (name, last clause, alternative, letter), else the one level it
    names with words left out (``naming.names``); None when none or several do. ``heads``: statements that are
    a list's bare head (``bare_heads``), never taken as a loose naming."""
    word = canon(text)
    if not word:
        return None
    found = [(lv, named(word, lv.name, lv.label)) for lv in levels]
    exact = [lv for lv, how in found if how]
    loose = [lv for lv, how in found if how is None and _kept(word, lv.name) and word not in heads]
    if exact:
        return exact[0] if len(exact) == 1 else None
    if not loose and (same := _agreeing(word, levels, about)) is not None:
        return match_level(levels, same, heads)  # (affirm s9) "完全一致" for "完全相符"
    return loose[0] if len(loose) == 1 else None


def _agreeing(word: str, levels: tuple[Level, ...], about: str) -> str | None:
    """(affirm s9) 一致 is 相符 ("数量一致", "与文件规定完全一致" for levels named 相符/基本相符/不相符), when
    the levels say 相符 and never 一致."""
    names = "".join(lv.name for lv in levels)
    if "一致" not in word or "相符" not in names or "一致" in names:
        return None
    # (review 2) what it agrees with, when said, is what the text asks about: "支出与预算基本一致" is another
    # comparison than "是否符合文件规定"
    other = re.search(r"与([\u4e00-\u9fa5]{2,12}?)(?:完全|基本|部分|大体|均|也|都)?(?:不|无)?(?:相)?一致", word)
    if other is not None and other.group(1) not in canon(about):
        return None
    return word.replace("相一致", "相符").replace("一致", "相符")


_NEGATED = re.compile(r"无(.)")
_GRADE_WORD = re.compile(r"(?:等级|等次|档次|级别)$")  # (affirm s9 fix) see ``_kept``


def _kept(actual: str, name: str) -> bool:
    """(affirm s9) A loose naming keeps the name's negations (``_negation_kept``) and, when the actual is the
    shorter, the name's last word: "用火安全" leaves out the 隐患 of "存在用电用火的安全隐患", "用电用火" its
    whole predicate — a subject alone names no level."""
    word = canon(re.sub(r"\([^()]*\)|（[^（）]*）", "", name))  # "残疾(含精神类疾病)": the bracket is a note
    if "或" in word:
        return any(names(actual, x) and _kept(actual, x) for x in word.split("或") if x)
    said, whole = unify(actual.replace("|", "")), unify(word.replace("|", ""))
    # (affirm s9 fix) "等级/等次/档次/级别" closing a name is the scale's own word, not what the level says:
    # "合格" names "达到合格等级" as "优良" names "质量达到优良等级"
    whole = _GRADE_WORD.sub("", whole) or whole
    shorter = len(said) < len(whole)
    end = re.sub(r"(?:等级|等次|级别|档次|情况|工作)$", "", whole)[-2:]  # "达到合格等级": its word is 合格
    return _negation_kept(actual, name) and (not shorter or end in said)


def _negation_kept(actual: str, name: str) -> bool:
    """(affirm s9) Each negation of a level's name is said of the same word in the actual, at most three
    characters on ("未发现安全隐患", "不够规范"): an actual that names "不按程序办理" loosely must negate 按
    ("未经审批即拨付,其余环节按程序办理" does not)."""
    said = unify(actual.replace("|", ""))
    word = canon(name)
    if "或" in word:  # "逃学或…认为属于不良的行为": the alternative the actual names keeps its negations
        return any(names(actual, x) and _negation_kept(actual, x) for x in word.split("或") if x)
    negated = _NEGATED.findall(unify(word.replace("|", "")))
    return all(re.search(f"无[^无|]{{0,3}}?{re.escape(ch)}", said) for ch in negated)


def bare_heads(text: str) -> frozenset[str]:
    """(affirm s9) The items of a 、-list left as the writer wrote them before its last item ("用电用火、煤气使用
    安全" → 用电用火), in ``canon`` spelling: what the last item adds may be said of them too."""
    out: set[str] = set()
    for sentence, split in sentences(text):
        raw = sentence.split("|")
        if len(raw) > 1 and len(split) == len(raw):
            out |= {item for item, was in zip(split[:-1], raw[:-1], strict=True) if item == was}
    return frozenset(out)


def binary(levels: tuple[Level, ...], weight: Decimal) -> tuple[Level, Level | None] | None:
    """(the level 是 picks, the level 否 picks or None for an unstated 0) when exactly one level scores."""
    scoring = [lv for lv in levels if lv.score(weight) > 0]
    zero = [lv for lv in levels if lv.score(weight) == 0]
    if len(scoring) != 1 or len(zero) > 1:
        return None
    return scoring[0], (zero[0] if zero else None)


def concrete(name: str) -> str:
    """A level without the exhortation heading it ("积极申报省级农业产业化联合体,提交申报材料" → "提交申报材料"):
    tables open a level with the duty in general (积极/做好/加强…, ``clause_lists.HEADING``) and end it with the
    concrete thing that scores; an evaluator reports the concrete thing. The name is kept when no clause is left."""
    clauses = [c for c in re.split(r"[,，;；]", name) if c.strip()]
    kept = [c for c in clauses if not HEADING.match(c.strip())]
    return "，".join(kept) if kept and len(kept) < len(clauses) else name


def picked(
    levels: tuple[Level, ...],
    plain: tuple[Level, ...],
    statement: str,
    heads: frozenset[str] = frozenset(),
    about: str = "",
) -> int | None:
    """The level a statement names: by the level's name, else by its concrete part (``plain``, ``concrete``),
    one level only."""
    level = match_level(levels, statement, heads, about)
    if level is None and plain != levels:
        level = match_level(plain, statement, heads, about)
        return None if level is None else plain.index(level)
    return None if level is None else levels.index(level)
