"""Read a PDF report: its ruled tables (pdfplumber) and the text of each page outside them.

pdfplumber finds a table from its ruling lines and gives None for the grid cells a merged
cell covers. At a page break a table is left open: the row (or merged cell) that goes on to
the next page has no line at the foot of this page, nor at the top of the next, and pdfplumber
would drop it. Where vertical lines end with nothing to meet them, a horizontal line is added
to close those cells (``_closing_lines``). A row that goes on at the top of a page is joined to
the last row of the previous page, cell by cell; a merged cell whose text pdfplumber still
loses is read from its area (``_unclosed``). Text is read by the centre of each character, as
a glyph may overflow its cell a little.

Lines wrapped by the layout are joined without a space (Chinese), with one space between two
Latin letters or digits. Page footers ("— 3 —", "第 3 页") are dropped. A page with images
but no characters has no text layer: it is listed as unread.

This is one of the two modules of ``medaid.evaluation`` allowed to import a document library
(``.importlinter``): it only turns the file into plain rows and texts.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.source import SourceDocument, SourceTable, SourceText
from medaid.evaluation.published import Place, Unread

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table

_FOOTER = re.compile(
    r"^\s*(?:[—–\-－]+\s*\d+\s*[—–\-－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
_LATIN = re.compile(r"[0-9A-Za-z]")
GAP = 2.0  # points: lines closer than this are the same line
Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def join_lines(text: str | None) -> str | None:
    """Wrapped lines joined back: no space between Chinese characters, one between Latin ones."""
    if text is None:
        return None
    out = ""
    for line in text.split("\n"):
        line = line.strip()
        if out and line and _LATIN.match(out[-1]) and _LATIN.match(line[0]):
            out += " "
        out += line
    return out


def _open_error(path: Path, err: Exception) -> InputFileError:
    from pdfminer.pdfdocument import PDFEncryptionError

    cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
    if isinstance(cause, PDFEncryptionError):
        return InputFileError(
            "PDF 文件已加密，需要密码才能读取",
            where=Location(file=str(path)),
            fix="请用 PDF 阅读器输入密码打开，去除密码后另存为 PDF 再审核；或改用报告的 Word 原件",
        )
    return InputFileError(
        "无法读取 PDF 文件：文件已损坏，或不是 PDF 格式",
        where=Location(file=str(path)),
        fix="请重新导出或下载完整的 PDF 文件；或改用报告的 Word 原件（.docx）",
    )


def read_pdf(path: Path) -> SourceDocument:
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as err:  # pdfplumber wraps pdfminer's errors in PdfminerException
        raise _open_error(path, err) from err
    source = SourceDocument(format="pdf", title=None)
    try:
        with pdf:
            previous: SourceTable | None = None  # the last table of the previous page, if it ends it
            for number, page in enumerate(pdf.pages, start=1):
                previous = _read_page(page, number, source, previous)
    except InputFileError:
        raise
    except Exception as err:  # a damaged page stream
        raise _open_error(path, err) from err
    return source


def _printed(page: Page, number: int) -> str | None:
    """The page number the page prints in its header or footer ("— 1 —", "第 1 页"), if not ``number``."""
    for line in reversed((page.extract_text() or "").split("\n")):
        if _FOOTER.match(line):
            digits = re.search(r"\d+", line)
            return digits.group() if digits and digits.group() != str(number) else None
    return None


def _read_page(page: Page, number: int, source: SourceDocument, previous: SourceTable | None) -> SourceTable | None:
    printed = _printed(page, number) if page.chars else None
    if not page.chars:
        if page.images:
            source.unread.append(Unread("整页", "该页没有文字层（可能是扫描图片），未读取", Place(page=number)))
        return None
    closing, open_tops = _closing_lines(page)
    found = page.find_tables({"explicit_horizontal_lines": closing} if closing else None)
    areas: list[Box] = []
    last: SourceTable | None = None
    for table in (t for t in found if len(t.columns) > 1):  # a header alone, at a page's foot, is one
        areas.append(table.bbox)
        index = len(areas)
        rows = [[join_lines(c) for c in row] for row in table.extract()]
        places = [Place(page=number, table=index, row=i, printed=printed) for i in range(1, len(rows) + 1)]
        columns = _columns(table)
        if columns is not None:
            _unclosed(page, table, rows, columns)
        x0, top, x1, _ = table.bbox
        split = any(abs(top - y) <= GAP and left <= x0 + GAP and right >= x1 - GAP for y, left, right in open_tops)
        if split and index == 1 and previous is not None and len(previous.rows[-1]) == len(rows[0]):
            _continue_row(previous.rows, rows.pop(0))  # the rest of the row the page break split
            places.pop(0)
            if not rows:
                continue
        continues = index == 1 and previous is not None and len(previous.rows[-1]) == len(rows[0])
        if continues and _anything_above(page, top):
            continues = False  # a chart or a paragraph before it: a table of its own, not the rest of one
        last = SourceTable(rows, places, index, page=number, continues=continues)
        source.tables.append(last)
    outside = page.filter(lambda obj: not any(_centred_in(obj, area) for area in areas))
    lines = [line for line in (outside.extract_text() or "").split("\n") if not _FOOTER.match(line)]
    joined = join_lines("\n".join(lines))
    if source.title is None and number == 1 and lines:
        source.title = _title(page) or lines[0]
    if joined:
        source.texts.append(SourceText(joined, Place(page=number, printed=printed)))
    if not areas:
        return None
    below_last = _text_in(page, (0, areas[-1][3], page.width, page.height))
    ends_page = not any(line.strip() and not _FOOTER.match(line) for line in below_last.split("\n"))
    if any(image["top"] >= areas[-1][3] - GAP for image in page.images):
        ends_page = False  # a chart after the table: the next page's table is another one
    return (last or previous) if ends_page else None


def _anything_above(page: Page, top: float) -> bool:
    """Text (other than a running header or footer) or an image above ``top`` on the page."""
    if any(image["bottom"] <= top + GAP for image in page.images):
        return True
    above = _text_in(page, (0, 0, page.width, max(top - GAP, 0)))
    return any(line.strip() and not _FOOTER.match(line) for line in above.split("\n"))


def _closing_lines(page: Page) -> tuple[list[dict[str, Any]], list[tuple[float, float, float]]]:
    """Horizontal lines where a table's vertical lines end without one: at the foot of a page
    whose last row (or merged cell) goes on to the next, and at the top of the next. Added, they
    close those cells. The second list gives the lines added at a top (y, x0, x1): one across the
    whole table marks a row that goes on from the previous page; one across some columns only,
    merged cells that go on (their cells here are empty, and repeat the cell above)."""
    horizontal = [e for e in page.edges if e["orientation"] == "h"]
    vertical = [e for e in page.edges if e["orientation"] == "v"]

    def met(y: float, x: float, other: str) -> bool:
        """A horizontal line at (x, y), or a vertical line going on from there (drawn in pieces)."""
        return any(abs(h["top"] - y) <= GAP and h["x0"] - GAP <= x <= h["x1"] + GAP for h in horizontal) or any(
            abs(v["x0"] - x) <= GAP and abs(v[other] - y) <= GAP for v in vertical
        )

    ends = sorted(  # side, y, x, whether nothing closes it
        (side, edge[side], edge["x0"], not met(edge[side], edge["x0"], other))
        for edge in vertical
        for side, other in (("top", "bottom"), ("bottom", "top"))
    )
    lines: list[dict[str, Any]] = []
    tops: list[tuple[float, float, float]] = []
    while ends:
        side, y = ends[0][:2]
        group = [e for e in ends if e[0] == side and abs(e[1] - y) <= GAP]
        ends = [e for e in ends if e not in group]
        xs, open_xs = [e[2] for e in group], [e[2] for e in group if e[3]]
        if not open_xs or len(xs) < 2:
            continue  # closed already, or no cell to close
        lines.append({"object_type": "line", "x0": min(xs), "x1": max(xs), "top": y, "bottom": y,
                      "width": max(xs) - min(xs), "height": 0})  # fmt: skip
        if side == "top" and len(open_xs) > 1:
            tops.append((y, min(open_xs), max(open_xs)))
    return lines, tops


def _title(page: Page) -> str | None:
    """The first page's text in its largest type, when that is larger than the body's (a title
    wrapped over two lines is one); None when all is one size."""
    sizes = sorted(c["size"] for c in page.chars)
    largest, body = sizes[-1], sizes[len(sizes) // 2]
    if largest < body * 1.1:
        return None
    title = join_lines(
        page.filter(lambda o: o.get("object_type") == "char" and o["size"] >= largest - 0.5).extract_text()
    )
    return title[:100] if title else None


def _centred_in(obj: dict[str, Any], box: Box) -> bool:
    """A character whose centre lies in ``box`` (a glyph may overflow its cell by a little)."""
    if obj.get("object_type") != "char":
        return False
    x: float = (obj["x0"] + obj["x1"]) / 2
    y: float = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _text_in(page: Page, box: Box) -> str:
    return page.filter(lambda obj: _centred_in(obj, box)).extract_text() or ""


def _columns(table: Table) -> list[float] | None:
    """The x of each column boundary, from the cells' edges; None if they do not give one per column."""
    xs: list[float] = []
    for x in sorted({c[0] for c in table.cells} | {table.bbox[2]}):
        if not xs or x - xs[-1] > GAP:
            xs.append(x)
    width = max(len(r.cells) for r in table.rows)
    return xs if len(xs) == width + 1 else None


def _unclosed(page: Page, table: Table, rows: list[list[str | None]], columns: list[float]) -> None:
    """A merged cell that runs on to the next page has no line at the foot of this one: pdfplumber
    gives None for it, as for a merge, and loses its text. Such a run of grid cells covered by no
    cell is read here as one cell: its text goes to its first row, the rows below repeat it."""
    tops = [r.bbox[1] for r in table.rows] + [table.bbox[3]]
    cells = table.cells
    for column, (left, right) in enumerate(pairwise(columns)):
        mid = (left + right) / 2
        run: list[int] = []
        for index in range(len(rows) + 1):
            orphan = (
                index < len(rows)
                and column < len(rows[index])
                and rows[index][column] is None
                and not any(c[0] <= mid <= c[2] and c[1] <= (tops[index] + tops[index + 1]) / 2 <= c[3] for c in cells)
            )
            if orphan:
                run.append(index)
                continue
            if run:
                box = (left, tops[run[0]], right, tops[run[-1] + 1])
                rows[run[0]][column] = join_lines(_text_in(page, box)) or ""
                run = []


def _continue_row(rows: list[list[str | None]], head: list[str | None]) -> None:
    """The top half of a row split by the page break: each cell's text goes on the cell above it
    (the nearest row where that column is not a merged continuation)."""
    for column, text in enumerate(head):
        if not text:
            continue
        for row in reversed(rows):
            if column < len(row) and row[column] is not None:
                row[column] = (row[column] or "") + text
                break
