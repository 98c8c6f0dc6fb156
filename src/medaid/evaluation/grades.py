"""Grades by band: 优 [90,100], 良 [80,90), 中 [60,80), 差 [0,60) unless a file names another set."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import to_decimal

# How reports write the same grade.
GRADE_ALIASES: dict[str, str] = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "中等": "中",
    "合格": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
}


@dataclass(frozen=True)
class GradeBand:
    """One grade and the lowest total that earns it (inclusive)."""

    grade: str
    low: Decimal


@dataclass(frozen=True)
class BandSet:
    """Grades from best to worst; a total gets the first grade whose low it reaches."""

    name: str
    bands: tuple[GradeBand, ...]
    aliases: Mapping[str, str]

    @staticmethod
    def default() -> BandSet:
        """财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）第二十八条的等级。"""
        return BandSet(
            name="default",
            bands=(
                GradeBand("优", Decimal(90)),
                GradeBand("良", Decimal(80)),
                GradeBand("中", Decimal(60)),
                GradeBand("差", Decimal(0)),
            ),
            aliases=GRADE_ALIASES,
        )

    def grade(self, total: Decimal) -> str:
        for band in self.bands:
            if total >= band.low:
                return band.grade
        return self.bands[-1].grade

    def canonical(self, stated: str) -> str | None:
        """The grade a stated word means ("优秀" → "优"); None if it is no grade of this set."""
        word = stated.strip().strip("“”\"'")
        name = self.aliases.get(word, word)
        return name if any(b.grade == name for b in self.bands) else None

    def describe(self) -> str:
        parts = []
        upper: Decimal | None = None
        for band in self.bands:
            hi = "100]" if upper is None else f"{upper})"
            parts.append(f"{band.grade} [{band.low}, {hi}")
            upper = band.low
        return "，".join(parts)


NAMED_SETS: dict[str, BandSet] = {"default": BandSet.default()}


class BandSpecError(ValueError):
    """A band set in a file is malformed (Chinese message)."""


def band_set_from(spec: object) -> BandSet:
    """A band set named in a file (``bands: default``) or listed (``[{grade: 优, min: 90}, …]``)."""
    if spec is None:
        return BandSet.default()
    if isinstance(spec, str):
        if spec in NAMED_SETS:
            return NAMED_SETS[spec]
        raise BandSpecError(f"未知的等级划分“{spec}”，可用：{'、'.join(NAMED_SETS)}")
    if isinstance(spec, Sequence):
        if not spec:
            raise BandSpecError("等级划分不能为空，请至少列出一个等级，或写 bands: default")
        bands = []
        for item in spec:
            if not isinstance(item, Mapping) or "grade" not in item or "min" not in item:
                raise BandSpecError("等级划分的每一项应写成 {grade: 优, min: 90}")
            low = to_decimal(item["min"])
            if low is None:
                raise BandSpecError(f"等级“{item['grade']}”的 min 应为数字")
            bands.append(GradeBand(str(item["grade"]), low))
        bands.sort(key=lambda b: b.low, reverse=True)
        aliases = dict(GRADE_ALIASES)
        aliases.update({b.grade: b.grade for b in bands})
        return BandSet(name="custom", bands=tuple(bands), aliases=aliases)
    raise BandSpecError("bands 应为等级划分名称（如 default）或等级列表")
