"""A published report as the readers give it: its tables (rows of cell texts, each row with
its place) and its running text (each piece with its place), whatever the file format."""

from __future__ import annotations

from dataclasses import dataclass, field

from medaid.evaluation.published import Place, Unread


@dataclass
class SourceTable:
    """One table as printed. A cell is None where a merged cell continues (repeat the one above)."""

    rows: list[list[str | None]]
    places: list[Place]  # one per row
    number: int  # 1-based over the document (Word) or the page (PDF)
    page: int | None = None  # PDF: the page it is printed on
    continues: bool = False  # PDF: first on its page, after a table that ended the previous page


@dataclass
class SourceText:
    """A paragraph (Word) or a page's text outside its tables (PDF)."""

    text: str
    place: Place


@dataclass
class SourceDocument:
    format: str  # "docx" | "pdf"
    title: str | None
    tables: list[SourceTable] = field(default_factory=list)
    texts: list[SourceText] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
