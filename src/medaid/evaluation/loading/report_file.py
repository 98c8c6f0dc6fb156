"""Read a published report (Word .docx or PDF) as an evaluation file (contract 5).

Its score tables go through the same flat-table builder as a CSV or XLSX score table
(``flat_rows``). Tables with the same header are one table (a table continued over several
Word tables or PDF pages), and so is a PDF table going on at the top of the next page without
a header. A header further down a table follows the preamble of a 项目支出绩效自评表 (项目名称,
主管部门, 实施单位, 项目资金, 年度总体目标: ``self_table``), which is read into the framework: its
title, department, unit, goal, kind and the 预算执行率 indicator of its 项目资金 block; such a
table starts a group of its own. The table with the most indicator levels is the score table; a table of 一级指标
only ("一级指标, 分值, 得分, 得分率") gives the claimed subtotals and 得分率 of the dimensions.
The text's statements (``statements``) are tied to the indicators; the text's grade is the
claimed grade, and its total the claimed total when no table has a 合计 row. What is not read
(another table, a statement naming no indicator, a page without text) is listed as unread.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from medaid.errors import InputFileError, Location, MedaidError
from medaid.evaluation.loading.build import Builder, InvalidFramework, split_weight
from medaid.evaluation.loading.flat_rows import FlatTable, Header, build_rows, clean, find_header, key
from medaid.evaluation.loading.self_table import Preamble, read_preamble
from medaid.evaluation.loading.source import SourceDocument, SourceTable
from medaid.evaluation.loading.statements import read_statements
from medaid.evaluation.loading.weights import mark_weights
from medaid.evaluation.model import Framework
from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.published import Place, Published, Statement, StatementKind, Unread

REPORT_SUFFIXES = {".docx", ".pdf"}
_NOT_A_SCORE_TABLE = "表头不是评分表的表头（一级指标、二级指标……、分值、得分），未读取"
_CAPTION_ROWS = 3  # rows of a caption a score table may have above its header (not a 自评表's preamble)


@dataclass
class _Group:
    """Tables with one header, joined: their data rows, each with its place."""

    header: Header
    first: SourceTable
    rows: list[list[str | None]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    preamble: Preamble | None = None  # a 自评表's rows above the header

    def add(self, table: SourceTable, start: int) -> None:
        self.rows.extend(table.rows[start:])
        self.places.extend(table.places[start:])


def _table_place(table: SourceTable) -> Place:
    printed = table.places[0].printed if table.places else None
    return Place(page=table.page, table=table.number, printed=printed)


def _heading(table: SourceTable) -> str:
    """ "（表头：项目、数值、计算方法）": the first row, as printed, cut short."""
    cells = ["".join(clean(c).split()) for c in (table.rows[0] if table.rows else [])]
    shown = [c if len(c) <= 16 else c[:16] + "…" for c in cells if c]
    return "（表头：" + "、".join(shown[:6]) + ("……" if len(shown) > 6 else "") + "）"


def _header(table: SourceTable, title: str | None) -> tuple[Header | None, Preamble | None]:
    """The table's indicator header, and the 自评表 preamble above it if there is one; a header
    further down than a caption's rows is taken only after a 自评表's preamble."""
    header = find_header(table.rows, limit=None)
    if header is None or header.index == 0:
        return header, None
    preamble = read_preamble(table.rows[: header.index], table.places[: header.index], title)
    if preamble.recognized:
        return header, preamble
    return (header if header.index < _CAPTION_ROWS else None), None


def _group(source: SourceDocument) -> tuple[list[_Group], list[Unread]]:
    groups: list[_Group] = []
    unread: list[Unread] = []
    previous: _Group | None = None  # where the previous table went (None: unread)
    for table in source.tables:
        header, preamble = _header(table, source.title)
        if header is None:
            if table.continues and previous is not None:
                previous.add(table, 0)
            elif not table.continues:  # a table continued from an unread one was listed with it
                unread.append(Unread(_heading(table), _NOT_A_SCORE_TABLE, _table_place(table)))
                previous = None
            continue
        same = next((g for g in groups if g.header.names == header.names), None)
        if previous is not None and previous.header.names == header.names:
            same = previous  # the nearest table with this header, when several 自评表 have it
        if same is None or preamble is not None:
            same = _Group(header, table, preamble=preamble)
            groups.append(same)
        same.add(table, header.index + 1)
        previous = same
    return groups, unread


def _no_table(path: Path, source: SourceDocument) -> InputFileError:
    kind = "PDF" if source.format == "pdf" else "Word 文件"
    seen = f"（共 {len(source.tables)} 个表格，表头都不是评分表的表头）" if source.tables else "（没有表格）"
    if source.format == "pdf" and not source.texts:
        return InputFileError(
            "PDF 没有文字层（可能是扫描件），读不出评分表",
            where=Location(file=str(path)),
            fix="请改用报告的 Word 原件或带文字层的 PDF；或把评分表录入为 .xlsx 后用 medaid audit 审核",
        )
    return InputFileError(
        f"{kind}中找不到评分表{seen}",
        where=Location(file=str(path)),
        fix="评分表应为带框线的表格，表头含“一级指标、二级指标……、分值、得分”等列；"
        "也可把评分表另存为 .xlsx 或 .csv 后用 medaid audit 审核",
    )


def _build(group: _Group, file: str) -> FlatTable:
    """The indicator mappings of a group; errors name the table row they are about."""
    numbers = range(len(group.rows))
    try:
        return build_rows(group.rows, group.header, numbers, lambda n: Location(file=file, row=n))
    except InputFileError as err:
        place = group.places[err.where.row or 0].describe()
        raise InputFileError(f"{place}：{err.what}", where=Location(file=file), fix=err.fix) from err


def _weighted(group: _Group, table: FlatTable, file: str) -> bool:
    """Whether the score table carries weights (``weights.mark_weights``); a table that prints
    得分 but no 分值, in its columns, block or names, is refused naming its place."""
    try:
        return mark_weights(table, group.header, Location(file=file))
    except InputFileError as err:
        place = _table_place(group.first).describe()
        raise InputFileError(f"{place}：{err.what}", where=Location(file=file), fix=err.fix) from err


def _placed(figure: dict[str, Any], place: Place) -> dict[str, Any]:
    """A row's figure named by the row's place in the document, not by its index in the joined table."""
    where = str(figure["where"]).split("：", 1)[-1]
    return {**figure, "name": f"{place.describe()}得分", "where": f"{place.describe()}：{where}"}


def _apply_summary(
    group: _Group, roots: list[dict[str, Any]], file: str, published: Published
) -> tuple[str | None, Place | None]:
    """A 一级指标 table's 得分 and 得分率 become the dimensions' claimed subtotal and rate."""
    summary = _build(group, file)
    rows, total = summary.roots, summary.total
    total_place = group.places[summary.total_row] if summary.total_row is not None else None
    by_name = {key(split_weight(str(r["name"]))[0]): r for r in roots}
    for row in rows:
        name = split_weight(str(row["name"]))[0]
        place = group.places[row["__row__"]]
        node = by_name.get(key(name))
        if node is None:
            published.unread.append(Unread(f"汇总表中的一级指标“{name}”", "评分表中没有这个一级指标，未核对", place))
            continue
        node["claimed"] = {"score": row.get("score"), "rate": (row.get("claimed") or {}).get("rate")}
        published.claims[(split_weight(str(node["name"]))[0],)] = place
        weight = to_decimal(row.get("weight")) if row.get("weight") is not None else None
        if weight is None:
            weight = split_weight(str(row["name"]))[1]
        if weight is not None and node.get("weight") in (None, "") and split_weight(str(node["name"]))[1] is None:
            node["weight"] = str(weight)  # the score table prints no weight for the dimension
        elif weight is not None:
            path = (split_weight(str(node["name"]))[0],)
            published.statements.append(Statement(StatementKind.SUBTOTAL, place, name, path=path, weight=weight))
    return total, total_place


def _framework(raw: dict[str, Any], file: str, places: list[Place]) -> Framework:
    try:
        return Builder(file=file).framework(raw)
    except InvalidFramework as err:
        problems = []
        for p in err.problems:
            where = p.where
            if where.row is not None:
                p = MedaidError(f"{places[where.row].describe()}：{p.what}", where=replace(where, row=None), fix=p.fix)
            problems.append(p)
        raise InvalidFramework(problems) from err


def _kind(title: str) -> str | None:
    if "自评" in title:
        return "self"
    if "部门整体" in title:
        return "department"
    return "financial" if "财政" in title and "评价" in title else None


def load_report_framework(path: Path) -> Framework:
    from medaid.evaluation.loading.published_docx import read_docx
    from medaid.evaluation.loading.published_pdf import read_pdf

    file = str(path)
    source = read_pdf(path) if path.suffix.lower() == ".pdf" else read_docx(path)
    groups, unread = _group(source)
    published = Published(format=source.format, unread=[*source.unread, *unread])
    if not groups:
        raise _no_table(path, source)
    main = max(groups, key=lambda g: (g.header.has_weight, len(g.header.levels), len(g.rows)))
    table = _build(main, file)
    weighted = _weighted(main, table, file)
    roots, total = table.roots, table.total
    total_place = main.places[table.total_row] if table.total_row is not None else None
    published.unread.extend(Unread(note.what, note.why, main.places[note.row]) for note in table.unread)
    for group in groups:
        if group is main:
            continue
        if not group.header.has_weight:
            why = "表头有指标列，但没有“分值”列（也可写作 权重、满分），未读取"
            published.unread.append(Unread(_heading(group.first), why, _table_place(group.first)))
            continue
        if len(group.header.levels) == 1 and "score" in group.header.columns:
            summary_total, summary_place = _apply_summary(group, roots, file, published)
            if total is None:
                total, total_place = summary_total, summary_place
            elif summary_total is not None and summary_place is not None:
                stated = to_decimal(summary_total)
                published.statements.append(Statement(StatementKind.TOTAL, summary_place, "合计", score=stated))
        else:
            why = f"另一张评分表，表头与{_table_place(main.first).describe()}的评分表不同，未合并审核"
            if group.preamble is not None or main.preamble is not None:
                why = f"另一张自评表（一次只审核一张：{_table_place(main.first).describe()}），可另存为单独的文件审核"
            published.unread.append(Unread(_heading(group.first), why, _table_place(group.first)))
    title = source.title or path.stem
    raw: dict[str, Any] = {"title": title, "indicators": roots, "claimed": {"total": total}, "kind": _kind(title)}
    raw["figures"] = [_placed(f, main.places[f["__row__"]]) for f in table.figures]  # 得分 = 分值 × 得分系数
    if not weighted:
        raw["partial"] = True  # targets and actuals only: nothing to total
    places = main.places
    if main.preamble is not None:  # a 自评表: its preamble's rows are numbered after the indicator rows
        places = [*main.places, *main.preamble.places]
        published.unread.extend(main.preamble.unread)
        published.unread.extend(main.preamble.apply(raw, offset=len(main.places)))
    framework = _framework(raw, file, places)
    for node in framework.walk():
        if node.where.row is not None:
            published.rows[node.path] = places[node.where.row]
            node.where = replace(node.where, row=None)
    for i, figure in enumerate(framework.figures):
        if figure.location.row is not None:
            published.rows[("数据", figure.name)] = places[figure.location.row]
            framework.figures[i] = replace(figure, location=replace(figure.location, row=None))
    if total_place is not None and framework.claimed_total is not None:
        published.rows[()] = total_place
    statements, not_tied = read_statements(framework, source.texts, flowing=source.format == "pdf")
    published.statements.extend(statements)
    published.unread.extend(not_tied)
    _claims_from_text(framework, published, statements)
    framework.published = published
    return framework


def _claims_from_text(framework: Framework, published: Published, statements: list[Statement]) -> None:
    """The text's grade is the claimed grade (a score table states none); its total is the
    claimed total when no table has a 合计 row."""
    grades = [s for s in statements if s.kind is StatementKind.GRADE and s.grade]
    if grades:
        published.grade_from_text = grades[0]
        framework.claimed_grade = grades[0].grade
    totals = [s for s in statements if s.kind is StatementKind.TOTAL and s.score is not None]
    if framework.claimed_total is None and totals:
        published.total_from_text = totals[0]
        framework.claimed_total = totals[0].score
        published.rows[()] = totals[0].place
