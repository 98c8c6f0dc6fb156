"""Read a Word report (.docx): its tables and its body paragraphs, each with its place.

python-docx gives every grid cell of a merged cell the same content. Here a cell that goes
on from the row above (a vertical merge) becomes None, which the flat-table builder reads as
"repeat the cell above" in a level column and as empty elsewhere (one score is not counted
twice); a cell that goes on from its left neighbour (a horizontal merge) becomes empty, so a
row whose name spans 二级 and 三级指标 is an indicator at the shallower level (contract 1).

This is one of the two modules of ``medaid.evaluation`` allowed to import a document library
(``.importlinter``): it only turns the file into plain rows and texts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.source import SourceDocument, SourceTable, SourceText
from medaid.evaluation.published import Place


def _broken(path: Path, err: Exception) -> InputFileError:
    old = path.suffix.lower() == ".docx" and zipfile.is_zipfile(path) is False
    return InputFileError(
        "无法读取 Word 文件：文件已损坏，或不是 .docx 格式" + ("（可能是旧的 .doc 格式改了扩展名）" if old else ""),
        where=Location(file=str(path)),
        fix="请用 Word 或 WPS 打开后“另存为”Word 文档（.docx）再审核；也可导出为 PDF 审核",
    )


def read_docx(path: Path) -> SourceDocument:
    from docx import Document
    from docx.table import Table

    try:
        document = Document(str(path))
    except Exception as err:  # python-docx raises PackageNotFoundError, KeyError, BadZipFile …
        raise _broken(path, err) from err
    paragraphs = document.paragraphs
    title = next((p.text.strip() for p in paragraphs if p.text.strip()), None)
    source = SourceDocument(format="docx", title=title or document.core_properties.title or None)
    for number, paragraph in enumerate(paragraphs, start=1):
        if paragraph.text.strip():
            source.texts.append(SourceText(paragraph.text, Place(paragraph=number)))
    table: Table
    for number, table in enumerate(document.tables, start=1):
        rows: list[list[str | None]] = []
        places: list[Place] = []
        above: list[object] = []
        for row_number, row in enumerate(table.rows, start=1):
            cells = row.cells
            elements = [cell._tc for cell in cells]  # the same <w:tc> for every grid cell of a merge
            texts: list[str | None] = []
            for i, cell in enumerate(cells):
                if i < len(above) and elements[i] is above[i]:
                    texts.append(None)  # a vertical merge goes on
                elif i and elements[i] is elements[i - 1]:
                    texts.append("")  # a horizontal merge goes on
                else:
                    texts.append(cell.text)
            above = list(elements)
            rows.append(texts)
            places.append(Place(table=number, row=row_number))
        source.tables.append(SourceTable(rows, places, number))
    return source
