"""Parts each scored on their own, one of them by rank, with the actual's statements matched to the parts by the
words each part alone has (bands family, session 6 round 2).

Tables put a rank beside another clause in one cell: "教育经费达到三增长要求得10分,不达要求不得分;中小学生均…比例按从高
到低排序,分别得10、8、6、4分". The evaluator writes one statement per part ("达到三增长要求；生均公用经费占比从高到低排
第1").
Each statement (cut at ;/。) goes to the one part whose own words (characters no other part has) it names; the rank
part reads "第N(名/位)" from its statement, an order written there ("从低到高") must be the part's own, and every other
part scores its statement with its own rule. Refused: a statement naming two parts or none, a part without its
statement or with two, a place not written, an order that differs, full marks that do not add up to the weight.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import NUMBER, cn_int, simplified
from medaid.evaluation.rules.ranks import Ranked

_FILLER = set("的得分按和及或与为是其在中了者要求")
_ORDER = re.compile(r"[从由](高|低|好|差|前|后|大|小)[到至向](高|低|好|差|前|后|大|小)")
_PLACE = re.compile(rf"第\s*({NUMBER})\s*(?:名|位)?")


def part_keys(texts: tuple[str, ...]) -> list[frozenset[str]]:
    """For each part, the characters of its text no other part has (digits, filler and marks aside)."""
    keys = []
    for i, text in enumerate(texts):
        others = "".join(t for j, t in enumerate(texts) if j != i)
        keys.append(frozenset(c for c in text if "\u4e00" <= c <= "\u9fff" and c not in others and c not in _FILLER))
    return keys


def part_full(part: Rule) -> Decimal | None:
    """A part's full marks: those it states, or for ranks the points of the first place (ranks with no others,
    no adding and points that do not rise down the places)."""
    if not isinstance(part, Ranked):
        return part.full_marks()
    points = [b.points for b in part.bands if b.points is not None and not b.minus and b.share is None]
    if part.others or part.adds or part.step or len(points) != len(part.bands) or not points:
        return None
    if points != sorted(points, reverse=True):
        return None
    return part.full_marks() or points[0]


@dataclass(frozen=True)
class RankParts(Rule):
    kind = "rank_parts"
    label = "分项计分（含排名）"

    parts: tuple[Rule, ...]
    part_texts: tuple[str, ...]

    def params(self) -> dict[str, object]:
        return {"parts": [p.to_dict() for p in self.parts], "part_texts": list(self.part_texts)}

    def full_marks(self) -> Decimal | None:
        fulls = [part_full(p) for p in self.parts]
        if self.declared_full is not None or None in fulls:
            return self.declared_full
        return sum((f for f in fulls if f is not None), ZERO)

    def apply(self, inputs: Inputs) -> Outcome:
        from medaid.evaluation.actual_text import apply_rule

        fulls = [part_full(p) for p in self.parts]
        if any(f is None for f in fulls) or sum(f for f in fulls if f is not None) != inputs.weight:
            shown = "、".join(fmt(f) if f is not None else "?" for f in fulls)
            return Outcome(None, f"各部分满分（{shown}）之和不等于本行分值 {fmt(inputs.weight)} 分，无法分项计分")
        words = " ".join(x for x in (inputs.actual.text if inputs.actual else None, inputs.note) if x)
        words = simplified(words).replace("“", "").replace("”", "").replace('"', "")
        statements = [s.strip(" ,，") for s in re.split(r"[;；。\n]", words) if s.strip(" ,，")]
        keys = part_keys(self.part_texts)
        found: dict[int, str] = {}
        for statement in statements:
            hits = [i for i, k in enumerate(keys) if sum(c in statement for c in k) >= 2]
            if len(hits) != 1:
                names = "、".join(f"第{i + 1}部分" for i in hits) or "任何部分"
                return Outcome(
                    None, f"实际情况“{statement}”对应{names}，无法逐部分计分；请按部分分句写明（用分号分隔）"
                )
            if hits[0] in found:
                return Outcome(None, f"第{hits[0] + 1}部分在实际情况中写了两处（“{found[hits[0]]}”、“{statement}”）")
            found[hits[0]] = statement
        total = ZERO
        lines: list[str] = []
        for i, (part, text) in enumerate(zip(self.parts, self.part_texts, strict=True)):
            statement = found.get(i)
            if statement is None:
                return Outcome(None, f"实际情况未写明第{i + 1}部分（“{text}”）的情况；请写明")
            full = fulls[i] or ZERO
            if isinstance(part, Ranked):
                outcome = self._ranked(part, text, statement, full)
            else:
                outcome = apply_rule(part, Inputs(weight=full, actual=Quantity(text=statement)))
            if outcome.score is None:
                return Outcome(None, f"第{i + 1}部分（“{text}”）：{outcome.reason}")
            total += outcome.score
            lines.append(f"第{i + 1}部分“{statement}”：{outcome.reason}")
        return Outcome(
            total, f"评分标准分{len(self.parts)}部分，按实际情况逐部分计分：{'；'.join(lines)}；合计 {fmt(total)} 分"
        )

    @staticmethod
    def _ranked(part: Ranked, text: str, statement: str, full: Decimal) -> Outcome:
        places = _PLACE.findall(statement)
        place = cn_int(places[0]) if len(places) == 1 else None
        if place is None:
            return Outcome(None, f"实际情况“{statement}”未写明唯一的名次（如“排第2”）")
        written, own = _ORDER.search(statement), _ORDER.search(text)
        if written and (own is None or written.groups() != own.groups()):
            return Outcome(None, f"实际情况“{statement}”的排序方向与评分标准不同，无法对应名次")
        return part.apply(Inputs(weight=full, actual=Quantity(text=f"第{fmt(place)}名")))


def rank_parts_from_mapping(spec: Mapping[str, object], text: str | None) -> RankParts:
    """{type: rank_parts, parts: [{type: qualitative, …}, {type: ranked, …}], part_texts: [...]}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    parts, texts = spec.get("parts"), spec.get("part_texts")
    if not isinstance(parts, list) or not isinstance(texts, list) or len(parts) != len(texts) or len(parts) < 2:
        raise RuleSpecError("rank_parts 规则需要 parts（各部分规则）与同样多的 part_texts（各部分原文）")
    read = tuple(rule_from_mapping(p) for p in parts if isinstance(p, Mapping))
    if len(read) != len(parts):
        raise RuleSpecError("rank_parts 的每个部分应为规则")
    return RankParts(parts=read, part_texts=tuple(str(t) for t in texts), text=text)
