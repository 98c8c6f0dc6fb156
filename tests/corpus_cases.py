"""The development corpus of real scoring-rule texts (tests/rule_corpus/*.yaml) and how medaid fares on it.

Each entry is one 评分标准 text from a published table, with its source address, the indicator's weight
and target, and 2–3 actual values scored by hand from the Chinese wording alone (``working`` shows the
arithmetic). ``mechanical: false`` marks a text a careful evaluator could not score mechanically (酌情,
视情况, no numbers); ``constructed: true`` a variant written for a shape the public pages ran short of.
A case gives its actual as ``actual`` (as an evaluator types it), as ``explanation`` (the 扣分说明 it must
be read from) or as ``holds`` (which items of a checklist hold). ``ambiguous`` marks a part-step case whose
text does not say how a part step counts: ``score`` is the proportional reading, ``alt_score`` whole steps.

A case's verdict:
- ``right``: the score medaid gives is the hand score (or, for an ambiguous case, the other reading), or a
  text that needs a judge is refused or left to the evaluator;
- ``refused``: a mechanical case medaid does not score (not understood, or an input it cannot read);
- ``wrong``: a number that is not the hand score, or a number for a case that needs a judge.

A case of a ``mechanical: false`` entry may still carry a hand score when that one actual leaves nothing to
judge (text "未建立制度的不记分", actual "未建立制度"): medaid is then right to give that number or to refuse.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

FOLDER = Path(__file__).parent / "rule_corpus"
# explanations written afresh by other hands for corpus texts medaid reads (tests/test_rule_paraphrases.py)
PARAPHRASES = Path(__file__).parent / "rule_paraphrases"
SHAPES = ("formula", "levels", "yes_no", "steps", "per_case", "count_cap", "checklist", "direction", "ratio",
          "relative_band", "rank", "band", "bonus", "text_actual", "other")  # fmt: skip
TOLERANCE = Decimal("0.005")  # hand scores are written to 2 decimals, or 4 when they do not terminate


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actual: str | None = None
    explanation: str | None = None
    holds: list[int] | None = None
    score: Decimal | None
    alt_score: Decimal | None = None
    ambiguous: bool = False
    working: str | None = None

    @field_validator("actual", "explanation", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return None if value is None else str(value)

    @field_validator("score", "alt_score", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        return _decimal(value)


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    source: str
    table: str | None = None
    indicator: str | None = None
    text: str
    weight: Decimal
    target: str | None = None
    shape: Literal["formula", "levels", "yes_no", "steps", "per_case", "count_cap", "checklist", "direction",
                   "ratio", "relative_band", "rank", "band", "bonus", "text_actual", "other"]  # fmt: skip
    constructed: bool
    mechanical: bool
    why: str | None = None
    bonus_allowed: bool = False
    target_assumed: bool = False
    weight_assumed: bool = False
    based_on: str | None = None
    cases: list[Case]

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> object:
        return None if value is None else str(value)

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: object) -> object:
        return _decimal(value)


def load(folder: Path = FOLDER) -> list[Entry]:
    entries: list[Entry] = []
    for path in sorted(folder.glob("*.yaml")):
        entries += [Entry.model_validate(raw) for raw in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return entries


@dataclass(frozen=True)
class Verdict:
    entry: Entry
    case: Case
    verdict: Literal["right", "refused", "wrong"]
    score: Decimal | None
    reason: str

    def describe(self) -> str:
        given = self.case.actual or self.case.explanation or f"holds {self.case.holds}"
        return (f"{self.entry.id} [{self.entry.shape}] {self.entry.text[:60]} | {given} | hand {self.case.score}"
                f" | medaid {self.score} | {self.reason[:160]}")  # fmt: skip


def judge(entry: Entry, case: Case) -> Verdict:
    """What medaid gives for one case, against the hand score."""
    from medaid.services.evaluation import try_rule

    trial = try_rule(entry.text, weight=str(entry.weight), target=entry.target, actual=case.actual,
                     note=case.explanation, holds=tuple(case.holds) if case.holds is not None else None,
                     bonus_allowed=entry.bonus_allowed)  # fmt: skip
    outcome = trial.outcome
    score = outcome.score if outcome is not None else None
    reason = outcome.reason if outcome is not None else "未识别"
    if score is None:
        return Verdict(entry, case, "refused" if entry.mechanical else "right", None, reason)
    if case.score is None:  # a judged entry's case with no hand score: any number is a guess
        return Verdict(entry, case, "wrong", score, reason)
    readings = [case.score] + ([case.alt_score] if case.ambiguous and case.alt_score is not None else [])
    if any(abs(score - r) <= TOLERANCE for r in readings):
        return Verdict(entry, case, "right", score, reason)
    return Verdict(entry, case, "wrong", score, reason)


def verdicts(entries: list[Entry]) -> list[Verdict]:
    return [judge(e, c) for e in entries for c in e.cases]


@dataclass(frozen=True)
class Figures:
    """Per shape: texts and how many were understood; mechanical cases and how many scored right or wrong."""

    texts: Counter[str]
    understood: Counter[str]
    cases: Counter[str]
    right: Counter[str]
    wrong: Counter[str]
    judge_cases: Counter[str]
    judge_kept: Counter[str]


def figures(entries: list[Entry], found: list[Verdict]) -> Figures:
    from medaid.evaluation.ruletext import parse_rule_text

    texts, understood = Counter[str](), Counter[str]()
    for e in entries:
        texts[e.shape] += 1
        understood[e.shape] += parse_rule_text(e.text) is not None
    cases, right, wrong, judge_cases, judge_kept = (Counter[str]() for _ in range(5))
    for v in found:
        shape = v.entry.shape
        if v.entry.mechanical:
            cases[shape] += 1
            right[shape] += v.verdict == "right"
        else:
            judge_cases[shape] += 1
            judge_kept[shape] += v.verdict == "right"
        wrong[shape] += v.verdict == "wrong"
    return Figures(texts, understood, cases, right, wrong, judge_cases, judge_kept)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "—"


def table(f: Figures) -> str:
    """The figures by shape as the markdown table docs/rules.md shows."""
    lines = ["| shape | texts | understood | mechanical cases | scored right | wrong numbers | "
             "cases for a judge | left to the judge |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for shape in (*SHAPES, "all"):
        pick = lambda c, s=shape: sum(c.values()) if s == "all" else c[s]  # noqa: E731
        if pick(f.texts) == 0:
            continue
        lines.append(
            f"| {shape} | {pick(f.texts)} | {_share(pick(f.understood), pick(f.texts))} | {pick(f.cases)} | "
            f"{_share(pick(f.right), pick(f.cases))} | {pick(f.wrong)} | {pick(f.judge_cases)} | "
            f"{_share(pick(f.judge_kept), pick(f.judge_cases))} |"
        )
    return "\n".join(lines)
