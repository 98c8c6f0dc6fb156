"""The report's page geometry, shared by the Word and the HTML/PDF renderers: the text width
of a portrait and a landscape A4 page (GB/T 9704 margins; 20 mm for 附件1) and the column
widths of tables and of the 评分表 on them."""

from __future__ import annotations

PORTRAIT_WIDTH_MM = 156.0  # A4, binding margin 28 mm, outer 26 mm
LANDSCAPE_WIDTH_MM = 257.0  # A4 landscape, 20 mm margins


def column_mm(widths: tuple[float, ...], columns: int, total_mm: float) -> list[float]:
    """A table's relative column widths scaled to the text width; equal columns when none are given."""
    relative = list(widths) if len(widths) == columns and sum(widths) > 0 else [1.0] * columns
    return [total_mm * w / sum(relative) for w in relative]


def sheet_widths(levels: int, total_mm: float) -> list[float]:
    """附件1 columns in mm: the level columns, 分值, 评分标准, 指标值, 实际完成值, 得分, 评分说明 (the rest,
    at least 40 mm: the explanations are the longest texts; 评分标准 gives way when four levels leave less)."""
    level = 25.0 if levels <= 3 else 22.0
    detail = [12.0, 64.0, 22.0, 22.0, 12.0]
    rest = total_mm - level * levels - sum(detail)
    if rest < 40:
        detail[1] -= 40 - rest
        rest = 40.0
    return [level] * levels + detail + [rest]
