"""The 评分表 as a grid: one row per leaf indicator, the level columns merged down over
the leaves they hold — the layout the seed reports print (附件1 评分表).

Every renderer (Word, HTML/PDF, Excel) draws this same grid, so the merged cells are the
same in each; a branch shallower than the deepest one repeats nothing and leaves its
lower level cells empty, merged across (``span_right``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, fmt, round2
from medaid.evaluation.scoring import ScoredFramework, ScoredNode

LEVEL_NAMES = ("一级指标", "二级指标", "三级指标", "四级指标")
DETAIL = ("分值", "评分标准", "指标值", "实际完成值", "得分", "评分说明")


@dataclass(frozen=True)
class Cell:
    text: str
    row: int  # 0-based row among the body rows
    col: int
    rows: int = 1  # how many rows it spans down
    cols: int = 1  # how many columns it spans right
    value: Decimal | None = None  # the number a 分值 or 得分 cell shows (workbooks store it as a number)


@dataclass(frozen=True)
class ScoreSheet:
    header: tuple[str, ...]
    cells: list[Cell]  # body cells, each drawn once at its top-left position
    row_count: int
    total: str  # 合计 row: the total score
    total_weight: str
    total_value: Decimal | None
    total_weight_value: Decimal | None
    rows: list[ScoredNode]  # the indicator each body row shows

    @property
    def total_rate(self) -> Decimal | None:
        """The 合计 row's 得分率 in percentage points, rounded as every 得分率 is (ScoredNode.rate)."""
        if self.total_value is None or not self.total_weight_value:
            return None
        return round2(self.total_value / self.total_weight_value * HUNDRED)

    @property
    def levels(self) -> int:
        return len(self.header) - len(DETAIL)


def _depth(node: ScoredNode) -> int:
    return 1 + max((_depth(c) for c in node.children), default=0)


def _leaves(node: ScoredNode) -> int:
    return sum(_leaves(c) for c in node.children) if node.children else 1


def _detail(node: ScoredNode, explanations: dict[tuple[str, ...], str]) -> list[tuple[str, Decimal | None]]:
    ind = node.indicator
    explanation = explanations.get(ind.path, "").removeprefix(f"{ind.name}：")
    target, actual = ind.target.text if ind.target else "", ind.actual.text if ind.actual else ""
    return [(fmt(ind.weight), ind.weight), (ind.rule_text or "", None), (target, None), (actual, None),
            (fmt(node.score), node.score), (explanation, None)]  # fmt: skip


def score_sheet(scored: ScoredFramework, explanations: dict[tuple[str, ...], str] | None = None) -> ScoreSheet:
    """The grid; ``explanations`` (leaf path → 评分说明) come from the report's generated text."""
    said = explanations or {}
    levels = max((_depth(n) for n in scored.nodes), default=1)
    levels = min(levels, len(LEVEL_NAMES))
    cells: list[Cell] = []
    shown: list[ScoredNode] = []

    def place(node: ScoredNode, level: int, row: int) -> int:
        """Lay out ``node`` at ``level`` from ``row``; returns the next free row."""
        span = _leaves(node)
        name = node.indicator.name
        if node.children and level < levels - 1:
            weight = fmt(node.indicator.weight)
            cells.append(Cell(f"{name}（{weight}分）" if node.indicator.weight is not None else name, row, level, span))
            next_row = row
            for child in node.children:
                next_row = place(child, level + 1, next_row)
            return next_row
        # a leaf, or a node at the last level column: its name fills the rest of the level columns
        cells.append(Cell(name, row, level, 1, levels - level))
        for i, (text, value) in enumerate(_detail(node, said)):
            cells.append(Cell(text, row, levels + i, value=value))
        shown.append(node)
        return row + 1

    row = 0
    for node in scored.nodes:
        row = place(node, 0, row)
    weights = [n.indicator.weight for n in scored.nodes if n.indicator.weight is not None]
    weight_sum = sum(weights, Decimal(0)) if weights else None
    return ScoreSheet(
        header=(*LEVEL_NAMES[:levels], *DETAIL),
        cells=cells,
        row_count=row,
        total=fmt(scored.total),
        total_weight=fmt(weight_sum) if weight_sum is not None else "—",
        total_value=scored.total,
        total_weight_value=weight_sum,
        rows=shown,
    )
