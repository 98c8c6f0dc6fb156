"""Write a published evaluation report, as Word (python-docx) or PDF (HTML through WeasyPrint),
from an evaluation file: its score table with merged level cells and a 合计 row, a 一级指标
summary table, and body paragraphs stating each subtotal, 得分率, the total and the grade.
A filled form (``Form``: a 项目支出绩效自评表 as a unit prints it) is written as one table with
its merged cells.

A report is a list of blocks (paragraph texts and tables) so that a test can change one
number of it before writing it, as an author's slip would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from medaid.evaluation import Framework, Indicator
from medaid.evaluation.numbers import fmt

MAIN_HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "四级指标",
    "分值",
    "得分",
    "指标值",
    "实际完成值",
    "评分标准",
    "扣分说明",
]
SUMMARY_HEADER = ["一级指标", "分值", "得分", "得分率"]
NUMBERS = "一二三四五六七八九十"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    merge_levels: int = 0  # the first columns whose equal neighbouring cells print as one merged cell


@dataclass
class Report:
    title: str
    blocks: list[str | Table] = field(default_factory=list)

    def paragraph_number(self, text: str) -> int:
        """The 1-based number (among the paragraphs, as python-docx counts them) of the first
        paragraph containing ``text``."""
        paragraphs = [b for b in self.blocks if isinstance(b, str)]
        return 1 + next(i for i, p in enumerate(paragraphs) if text in p)

    def replace(self, old: str, new: str) -> None:
        """Change the first paragraph containing ``old``."""
        for i, block in enumerate(self.blocks):
            if isinstance(block, str) and old in block:
                self.blocks[i] = block.replace(old, new, 1)
                return
        raise AssertionError(f"no paragraph contains {old!r}")

    @property
    def main_table(self) -> Table:
        return next(b for b in self.blocks if isinstance(b, Table) and b.header == MAIN_HEADER)


def _stated(node: Indicator) -> Decimal | None:
    if node.is_leaf:
        return node.score
    if node.claimed.score is not None:
        return node.claimed.score
    parts = [_stated(c) for c in node.children]
    return None if any(p is None for p in parts) else sum((p or Decimal(0) for p in parts), Decimal(0))


def _rate(score: Decimal, weight: Decimal) -> str:
    return f"{(score / weight * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def _rows(node: Indicator, names: list[str], out: list[list[str]]) -> None:
    if node.children:
        for child in node.children:
            _rows(child, [*names, f"{node.name}（{fmt(node.weight)}分）"], out)
        return
    levels = [*names, node.name] + [""] * (4 - len(names) - 1)
    values = [
        fmt(node.weight),
        fmt(node.score) if node.score is not None else "",
        node.target.text if node.target else "",
        node.actual.text if node.actual else "",
        node.rule_text or "",
        node.note or "",
    ]
    out.append(levels + values)


def report_of(framework: Framework) -> Report:
    """The report an evaluator would publish for ``framework``; its text agrees with its tables,
    the tables state what the file claims (so they keep the file's own inconsistencies)."""
    report = Report(framework.title)
    total = framework.claimed_total
    total_text = fmt(total) if total is not None else ""
    report.blocks.append(framework.title + "绩效评价报告")
    summary = f"经评价，该项目综合得分为 {total_text} 分，评价等级为{framework.claimed_grade}。"
    report.blocks.append(summary)
    summary_rows = []
    for node in framework.indicators:
        score = _stated(node)
        rate = node.claimed.rate_text or (_rate(score, node.weight) if score is not None and node.weight else "")
        summary_rows.append([node.name, fmt(node.weight), fmt(score), rate])
    summary_rows.append(["合计", fmt(framework.total_weight), total_text, ""])
    report.blocks.append(Table(SUMMARY_HEADER, summary_rows))
    report.blocks.append("四、绩效分析")
    for number, node in zip(NUMBERS, framework.indicators, strict=False):
        score = _stated(node)
        if score is None or not node.weight:
            continue
        report.blocks.append(f"（{number}）{node.name}（{fmt(node.weight)} 分，得 {fmt(score)} 分）")
        report.blocks.append(
            f"{node.name}指标分值 {fmt(node.weight)} 分，得分 {fmt(score)} 分，得分率 {_rate(score, node.weight)}。"
        )
        for child in node.walk()[1:]:
            if not child.is_leaf and child.claimed.score is not None:
                report.blocks.append(
                    f"{child.name}（分值 {fmt(child.weight)} 分，得分 {fmt(child.claimed.score)} 分）。"
                )
    report.blocks.append(f"综上，项目总分 {total_text} 分。")
    report.blocks.append("附件1：评分表")
    rows: list[list[str]] = []
    for node in framework.indicators:
        _rows(node, [], rows)
    rows.append(["合计", "", "", "", fmt(framework.total_weight), total_text, "", "", "", ""])
    report.blocks.append(Table(MAIN_HEADER, rows, merge_levels=4))
    return report


def _runs(table: Table, column: int) -> list[tuple[int, int]]:
    """Runs of equal, non-empty cells in a level column (whose columns to the left run too)."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(table.rows) + 1):
        same = (
            i < len(table.rows)
            and table.rows[i][column]
            and table.rows[i][: column + 1] == table.rows[start][: column + 1]
        )
        if not same:
            runs.append((start, i - 1))
            start = i
    return runs


def write_docx(report: Report, path: Path) -> Path:
    from docx import Document

    document = Document()
    for block in report.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block.rows) + 1, cols=len(block.header))
        for row, values in zip(table.rows, [block.header, *block.rows], strict=True):
            for cell, value in zip(row.cells, values, strict=True):  # table.cell() walks the whole table each time
                cell.text = value
        for column in range(block.merge_levels):
            for first, last in _runs(block, column):
                if last > first:
                    merged = table.cell(first + 1, column).merge(table.cell(last + 1, column))
                    merged.text = block.rows[first][column]
    document.save(str(path))
    return path


_CSS = """
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "AR PL UMing CN", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 4mm 0; }
th, td { border: 0.8pt solid #000; padding: 2pt 3pt; vertical-align: top; }
"""


def _html_table(table: Table) -> str:
    from html import escape

    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    for column in range(table.merge_levels):
        for first, last in _runs(table, column):
            spans[(first, column)] = last - first + 1
            covered.update((i, column) for i in range(first + 1, last + 1))
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    body = []
    for i, row in enumerate(table.rows):
        cells = []
        for j, value in enumerate(row):
            if (i, j) in covered:
                continue
            span = spans.get((i, j), 1)
            cells.append(f'<td rowspan="{span}">{escape(value)}</td>' if span > 1 else f"<td>{escape(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def write_pdf(report: Report, path: Path, *, image_page: bool = False) -> Path:
    """The report as a PDF; ``image_page`` adds a last page holding only a picture (no text layer)."""
    from html import escape

    from weasyprint import HTML

    parts = [f"<p>{escape(b)}</p>" if isinstance(b, str) else _html_table(b) for b in report.blocks]
    if image_page:
        pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        parts.append(
            f'<div style="break-before: page"><img style="width: 50mm" src="data:image/png;base64,{pixel}"></div>'
        )
    html = f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>{''.join(parts)}</body></html>"
    HTML(string=html).write_pdf(str(path))
    return path


# A filled form as printed (a 项目支出绩效自评表): one table, each row a list of cell texts; "^" is a
# cell merged with the one above it, "<" with the one to its left.
Form = list[list[str]]
MERGED = ("^", "<")


def _form_cells(form: Form) -> list[tuple[int, int, str, int, int]]:
    """Each cell the form prints: row, column, text, rows and columns it spans."""
    out = []
    for r, row in enumerate(form):
        for c, text in enumerate(row):
            if text in MERGED:
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == "<":
                right += 1
            down = r
            while down + 1 < len(form) and form[down + 1][c] == "^":
                down += 1
            out.append((r, c, text, down - r + 1, right - c + 1))
    return out


def write_form_docx(form: Form, path: Path, paragraphs: tuple[str, ...] = ()) -> Path:
    """The form as a Word table with its merged cells, after ``paragraphs`` (its caption)."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(form), cols=len(form[0]))
    grid = [row.cells for row in table.rows]  # table.cell() walks the whole table each time
    for r, c, text, rows, cols in _form_cells(form):
        cell = grid[r][c]
        if rows > 1 or cols > 1:
            cell = cell.merge(grid[r + rows - 1][c + cols - 1])
        cell.text = text
    document.save(str(path))
    return path


def write_form_pdf(form: Form, path: Path, paragraphs: tuple[str, ...] = ()) -> Path:
    """The form as a ruled PDF table (HTML through WeasyPrint), after ``paragraphs``."""
    from html import escape

    from weasyprint import HTML

    rows: list[list[str]] = [[] for _ in form]
    for r, _, text, height, width in _form_cells(form):
        rows[r].append(f'<td rowspan="{height}" colspan="{width}">{escape(text)}</td>')
    table = "<table>" + "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows) + "</table>"
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + table
    HTML(string=f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>{body}</body></html>").write_pdf(
        str(path)
    )
    return path


def encrypted_pdf(path: Path) -> Path:
    """A PDF locked with a user password (the Standard security handler, revision 2)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    ident = b"<" + b"ab" * 16 + b">"
    out += b"trailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [" + ident + b" " + ident + b"] >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path
