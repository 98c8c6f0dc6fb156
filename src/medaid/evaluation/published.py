"""What a published report (Word or PDF) states besides its score table (contract 5).

A report's text states subtotals, 得分率, the total and the grade, and of a leaf its score
(its 满分 and 扣分) and its 实际完成值; each statement keeps the place it was read from (paragraph
of a Word document, page of a PDF, or a table row), so a finding about it can say where to look.
What could not be read is kept too, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.numbers import HUNDRED, decimals_of
from medaid.evaluation.quantity import Quantity, parse_quantity


@dataclass(frozen=True)
class Place:
    """Where in a published report: a paragraph (Word), a page (PDF), a table and its row."""

    paragraph: int | None = None  # 1-based over the document's body paragraphs
    page: int | None = None  # 1-based
    table: int | None = None  # 1-based over the document's tables (Word) or the page's (PDF)
    row: int | None = None  # 1-based within that table
    printed: str | None = None  # the page number printed on that page ("— 1 —" → "1"), when it differs

    def describe(self) -> str:
        """ "第 3 页", "第 12 段", "第 2 个表格第 5 行", "第 15 页第 1 个表格第 3 行", "第 5 页（页码 1）"."""
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页" + (f"（页码 {self.printed}）" if self.printed else ""))
        if self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        if self.table is not None:
            parts.append(f"第 {self.table} 个表格")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        return "".join(parts)

    @property
    def in_table(self) -> bool:
        return self.table is not None

    def to_dict(self) -> dict[str, object]:
        names = ("paragraph", "page", "printed", "table", "row")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}


class StatementKind(StrEnum):
    SUBTOTAL = "subtotal"  # "决策（15 分，得 14.5 分）", "（分值 35 分，得分 34 分）"
    RATE = "rate"  # "得分率 97.14%"
    TOTAL = "total"  # "综合得分为 93.6 分"
    GRADE = "grade"  # "评价等级为优秀", "绩效等级为“良”"
    LEAF = "leaf"  # "医疗救助人次得 0 分（满分 5 分，扣 5 分）", "资金到位率：满分 3 分，…得 2.91 分。"
    ACTUAL = "actual"  # "实际完成值 1,588人次", "综合满意度为 84.57%" (of the one 满意度 indicator)


@dataclass(frozen=True)
class Statement:
    """One statement of a report, tied to the indicator it is about (``path``; () for the total)."""

    kind: StatementKind
    place: Place
    quote: str  # the words as printed
    path: tuple[str, ...] = ()
    weight: Decimal | None = None
    score: Decimal | None = None
    rate: Decimal | None = None
    rate_text: str | None = None
    grade: str | None = None
    deduction: Decimal | None = None  # a leaf's stated 扣分: "（满分 5 分，扣 3 分）"
    full: bool = False  # a leaf's score stated as "得满分"
    value: str | None = None  # a stated 实际完成值, as printed


@dataclass(frozen=True)
class Unread:
    """Something of the report that was not read: what it is, why, and where."""

    what: str
    why: str
    place: Place

    def describe(self) -> str:
        """ "第 1 个表格（表头：项目、数值、计算方法）——表头不是评分表的表头…"."""
        joint = "" if self.what.startswith("（") else "："
        return f"{self.place.describe()}{joint}{self.what}——{self.why}"

    def to_dict(self) -> dict[str, object]:
        return {"what": self.what, "why": self.why, "location": self.place.to_dict()}


@dataclass
class Published:
    """The statements, unread parts and row places of a report read from Word or PDF."""

    format: str  # "docx" | "pdf"
    statements: list[Statement] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    rows: dict[tuple[str, ...], Place] = field(default_factory=dict)  # indicator path → its table row
    claims: dict[tuple[str, ...], Place] = field(default_factory=dict)  # path → its row in the 一级指标 table
    total_from_text: Statement | None = None  # the text's total, when no table states one
    grade_from_text: Statement | None = None  # the text's grade (tables state none)


_WRITTEN = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _half_step(quantity: Quantity) -> Decimal:
    """Half the last unit a quantity is written to, in its value's unit: "1713.42万元" → 50 元."""
    written = _WRITTEN.search(quantity.text)
    if written is None or quantity.value is None:
        return Decimal(0)
    number = Decimal(written.group().replace(",", ""))
    factor = abs(quantity.value / number) if number else Decimal(1)
    return Decimal(1).scaleb(-decimals_of(written.group())) * factor / 2


def same_quantity(stated: str, table: str) -> bool | None:
    """Whether a value stated in the text is the table's 实际完成值, at the coarser of the two
    precisions ("21,313人次" is "21313人次"; "1713.42万元" is "17,134,168.08元"); None when they
    are not numbers, or numbers of two units. A number without a unit beside one is read as
    written, and as a fraction beside a percentage (0.8457 is 84.57%)."""
    said, shown = parse_quantity(stated), parse_quantity(table)
    if said is None or shown is None or said.value is None or shown.value is None:
        return None
    if said.unit and shown.unit and said.unit != shown.unit:
        return None
    readings = [(said.value, _half_step(said), shown.value, _half_step(shown))]
    if said.unit == "" and shown.unit == "%" and abs(said.value) <= 2:
        readings.append((said.value * HUNDRED, _half_step(said) * HUNDRED, shown.value, _half_step(shown)))
    if shown.unit == "" and said.unit == "%" and abs(shown.value) <= 2:
        readings.append((said.value, _half_step(said), shown.value * HUNDRED, _half_step(shown) * HUNDRED))
    return any(abs(a - b) <= max(step_a, step_b) for a, step_a, b, step_b in readings)
