"""The evaluation report as blocks that every renderer draws the same way.

The builder (``document.py``) decides every word and number; a renderer (Word, HTML/PDF)
only lays the blocks out: a heading is a heading in each, a table repeats its header
row in each, and no renderer writes a sentence of its own. So the Word file and the PDF
cannot say different things.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from medaid.reports.charts import Chart

DRAFT_MARK = "【草稿，请评价人员修改】"


@dataclass(frozen=True)
class Cover:
    """封面: the title, the project's particulars as label/value lines, and the date."""

    title: str
    lines: tuple[tuple[str, str], ...]  # ("项目名称", "城乡医疗救助项目"), …
    date: str  # "2024年7月"


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 "一、…", level 2 "（一）…", level 3 "1. …" (numbering included)."""

    text: str
    level: int


@dataclass(frozen=True)
class Para:
    text: str
    draft: bool = False  # an unedited draft: shown with DRAFT_MARK
    warning: bool = False  # a caution (survey sample, unread input), shown in red in HTML

    @property
    def shown(self) -> str:
        return f"{DRAFT_MARK}{self.text}" if self.draft else self.text


@dataclass(frozen=True)
class Table:
    """A table with its caption above (表N …); ``numeric`` columns are right-aligned and
    never wrap; ``widths`` are relative column widths (renderers scale them to the page)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()
    note: str = ""  # 注 / 数据来源, under the table


@dataclass(frozen=True)
class Figure:
    """A chart with its caption below (图N …) and an explaining sentence."""

    chart: Chart
    caption: str  # "图3 月度支出进度与时间进度"
    text: str


@dataclass(frozen=True)
class ScoreSheetBlock:
    """附件1: the score sheet grid (``EvaluationReport.sheet``), drawn with merged level cells."""


Block = Heading | Para | Table | Figure | ScoreSheetBlock


@dataclass
class Part:
    """A run of blocks on pages of one orientation: the body, 附件1 (landscape), 附件2.
    A part after the first starts on a new page."""

    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    title: str = ""  # "附件1：评分表"; empty for the body

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
