"""Which indicators of a flat table carry no weight (分值), shared by the CSV/XLSX reader and the
Word/PDF reader: a table that prints no 分值 is read as targets and actuals (Anhui's 绩效目标自评表,
Hunan's table), its rows not scored and no weight invented; one that prints 得分 but no 分值 needs
the points of its block ("年度绩效目标（80分）") or of its names ("相关性(5分)")."""

from __future__ import annotations

from typing import Any

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.build import RULE_KEY, UNWEIGHTED_KEY
from medaid.evaluation.loading.flat_rows import FlatTable, Header
from medaid.evaluation.loading.vocabulary import split_weight
from medaid.evaluation.rules import Unweighted

NO_WEIGHT_COLUMN = "表头缺少“分值”列"
NO_WEIGHT_FIX = "请在表头加上“分值”列（也可写作 权重、满分），或在指标名称中写明分值，如“产出指标(50分)”"


def walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every indicator mapping of a tree, parents before their children."""
    out = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node.get("children", [])))
    return out


def mark_weights(table: FlatTable, header: Header, where: Location) -> bool:
    """Mark what the table gives no weight for; False when it has no weight at all (targets and
    actuals only). A table with 得分 but no 分值 is refused unless its block or its names carry points."""
    named = any(split_weight(str(n["name"]))[1] is not None for n in walk(table.roots))
    scored = "score" in header.columns
    if header.has_weight:
        return True
    if scored and header.block is None and not named:
        raise InputFileError(NO_WEIGHT_COLUMN, where=where, fix=NO_WEIGHT_FIX)
    if scored and header.block is None:
        return True  # the weights are in the names: a node without one is reported as missing
    for node in walk(table.roots):
        if split_weight(str(node["name"]))[1] is None:
            node[UNWEIGHTED_KEY] = True
            if "children" not in node and not node.get("rule"):
                node[RULE_KEY] = Unweighted()
    return scored
