"""Levels of one requirement by how often it is done: "每年组织一次健康体检,得4分,每两年组织一次健康体检,得3分"
(lists family, session 9; read by ``ruletext.part_levels``, usually as a part of a composite text).

The level is the one whose frequency the actual (or the explanation) states, compared as a period: 每年 is 12
months, 每两年 24, 每季度 3, 每学期 6; the words around it must be the level's words ("组织一次健康体检"). An
actual that states another period ("每三年组织一次"), two periods, another count ("每年组织两次"), a denial
("未组织健康体检", unless the text has a level scoring none for it) or no frequency at all is refused, saying
what it lacks: a frequency is never matched by its words alone ("每三年…" shares every word of "每年…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.levels import Level
from medaid.evaluation.rules.naming import canon

_DIGITS: dict[str, Decimal] = {
    "一": Decimal(1), "二": Decimal(2), "两": Decimal(2), "三": Decimal(3), "四": Decimal(4), "五": Decimal(5),
    "六": Decimal(6), "半": Decimal("0.5"),
}  # fmt: skip
_MONTHS = {"年度": 12, "年": 12, "学期": 6, "半年": 6, "季度": 3, "季": 3, "月度": 1, "月": 1}
# "每年", "每两年", "每2个月", "每季度", "每学期": the period of one time
FREQUENCY = re.compile(r"每(?P<n>[\d一二两三四五六半]?)个?(?P<unit>年度|年|学期|季度|季|月度|月)")
_COUNT = re.compile(r"^[^,;。]{0,6}?(?P<count>[一1两二三四五六\d])次")
_DENIAL = re.compile(r"无|不|没")
# words that do not change what is done ("每年均开展", "每年至少开展"); any other word around the frequency may be a
# plan, a past, another year or a part ("计划每年", "曾每年", "上年度每年", "（部分科室）") (s9 fix)
_FILLER = re.compile(r"均|都|至少|坚持|按时|已|了")


def period(found: re.Match[str]) -> Decimal:
    """The months of one period: 每两年 → 24."""
    raw = found.group("n")
    n = Decimal(1) if not raw else Decimal(raw) if raw.isdigit() else _DIGITS[raw]
    return n * _MONTHS[found.group("unit")]


def frequency_of(words: str) -> tuple[Decimal, str, str] | None:
    """The one frequency a text states: its period in months, its count ("一"/"1" → "1") and the words around it
    (canon, the frequency taken out); None when it states none or two."""
    word = canon(words)
    found = list(FREQUENCY.finditer(word))
    if len(found) != 1:
        return None
    count = _COUNT.match(word[found[0].end() :])
    times = "" if count is None else {"一": "1", "两": "2", "二": "2", "三": "3"}.get(c := count.group("count"), c)
    rest = word[: found[0].start()] + word[found[0].end() :]
    return period(found[0]), times, re.sub(r"[一1两二三四五六\d]次", "", rest)


@dataclass(frozen=True)
class FrequencyLevels(Rule):
    """Levels of one requirement by its frequency (module docstring)."""

    levels: tuple[Level, ...]

    kind = "frequency_levels"
    label = "按频次分级"

    def params(self) -> dict[str, object]:
        return {"levels": [lv.to_dict() for lv in self.levels]}

    def full_marks(self) -> Decimal | None:
        return self.declared_full or max((lv.points or ZERO) for lv in self.levels)

    def _scale(self) -> str:
        return "、".join(lv.describe() for lv in self.levels)

    def apply(self, inputs: Inputs) -> Outcome:
        written = inputs.actual.text if inputs.actual is not None else (inputs.note or "")
        said = "实际完成情况" if inputs.actual is not None else "说明"
        scale = self._scale()
        if not written.strip():
            return Outcome(None, f"缺少实际频次，无法定级（{scale}）", needs_judgement=True)
        for level in self.levels:  # a level scoring none, written as it is ("未组织的不得分")
            if level.points == ZERO and canon(level.name) == canon(written):
                return Outcome(ZERO, f"{said}“{written}”为“{level.name}”一级，得 0 分（{scale}）")
        said_freq = frequency_of(written)
        if said_freq is None or _DENIAL.search(canon(written)):
            return Outcome(None, f"{said}“{written}”未写明唯一的频次（如“每年一次”），无法定级（{scale}），需人工判断",
                           needs_judgement=True)  # fmt: skip
        months, times, words = said_freq
        for level in self.levels:
            mine = frequency_of(level.name)
            if mine is None or mine[0] != months:
                continue
            if mine[1] != times and times:
                return Outcome(None, f"{said}“{written}”的次数与“{level.name}”不同，无法定级（{scale}），需人工判断",
                               needs_judgement=True)  # fmt: skip
            mine_words, own = _FILLER.sub("", mine[2]), _FILLER.sub("", words)
            if own and mine_words and own not in mine_words:  # the level's words, or fewer; never others (s9 fix)
                return Outcome(None, f"{said}“{written}”所说的事项与“{level.name}”不同，无法定级（{scale}），"
                                     "需人工判断", needs_judgement=True)  # fmt: skip
            points = level.points or ZERO
            return Outcome(points, f"{said}“{written}”的频次为每{fmt(months)}个月一次，为“{level.name}”一级，"
                                   f"得 {fmt(points)} 分（{scale}）")  # fmt: skip
        return Outcome(None, f"{said}“{written}”的频次（每{fmt(months)}个月）不是评分标准所列的任一频次（{scale}），"
                             "需人工判断", needs_judgement=True)  # fmt: skip


def frequency_levels_from_mapping(spec: object, text: str | None) -> FrequencyLevels:
    """``{type: frequency_levels, levels: [{name: 每年组织一次体检, points: 4}, …]}``."""
    from collections.abc import Mapping

    from medaid.evaluation.rules.level_specs import levels_from_spec

    raw = spec.get("levels") if isinstance(spec, Mapping) else None
    return FrequencyLevels(levels=levels_from_spec(raw), text=text)
