"""Reading CSV text record by record with exact line numbers, refusing a malformed row alone.

This is the careful reader, used when DuckDB's fast read cannot prove its row numbers exact (a
malformed row, a blank line, a cell holding a line break, bytes that are not UTF-8). Lines are
counted as a person counts them in an editor. A record is one line, unless a quoted cell holds
line breaks; then it is the lines up to the closing quote (at most ``MAX_SPAN_LINES``), numbered
by its first line. A malformed record refuses that row only, with a Chinese reason, and reading
goes on at the next line:

- a line longer than ``limits.MAX_LINE_BYTES`` (read in bounded pieces, never whole);
- bytes that are not UTF-8 (a GBK row pasted into a UTF-8 file);
- a quote that is never closed (the row alone is refused; the lines below are read as rows);
- a quoted cell followed by other characters (``"abc"x``);
- more fields than the header (unless the extra ones are empty) or fewer.

Quoting is RFC 4180's: a cell starting with a quote ends at the next single quote; ``""`` is a
quote inside it. A quote inside an unquoted cell is an ordinary character.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from functools import cache
from typing import BinaryIO, NamedTuple

from medaid import vocab
from medaid.ingest import idnumber
from medaid.ingest.limits import MAX_LINE_BYTES

CHUNK = 1 << 20  # bytes read at a time
HEAD_BYTES = 1024  # kept of a line too long to keep
MAX_SPAN_LINES = 100  # lines one record may span through quoted line breaks
SHOWN_CHARS = 100  # of a refused line, in the rejects file
DELIMITER_NAMES = {",": "逗号", "\t": "制表符", ";": "分号"}
# why a line is refused, in Chinese (the rejects file's 原因)
REASONS = {
    "too_long": "这一行有 {size:.1f} MB，超过一行的上限 {limit} MB（文件可能已损坏，或缺少换行），请检查该行",
    "encoding": (
        "这一行含有无法识别的字符：文件是 UTF-8 编码，这一行却不是（可能是从 GBK 编码的文件粘贴来的），"
        "请在原表中改正该行后重新导出为 UTF-8"
    ),
    "unclosed": "这一行的引号没有成对（以引号开头的单元格缺少结束的引号），请检查该行",
    "quotes": "这一行的引号用法不对（引号括起的单元格后面又跟了别的字符），请检查该行",
    "extra": "这一行有 {count} 个字段，比表头多 {more} 个（可能某个单元格里有未加引号的{delimiter}），请检查该行",
    "missing": "这一行只有 {count} 个字段，比表头少 {fewer} 个（缺少单元格或分隔符），请检查该行",
}
# a run of 15 digits or more (a 身份证号, an old 15-digit one, or two run together) anywhere in a shown line
_ID_LIKE = re.compile(r"[0-9０-９]{15,}[XxｘＸ]?")


class Line(NamedTuple):
    number: int
    data: bytes  # without its line end; the first bytes only when too long
    size: int  # bytes on the line (without its end)


class Record(NamedTuple):
    line: int
    text: str | None  # the line as it is, when it can be read as it is (no quote, right width)
    fields: list[str] | None  # else its cells


class Problem(NamedTuple):
    line: int
    text: str  # what the line holds (decoded as far as possible), for the rejects file once masked
    reason: str


def physical_lines(handle: BinaryIO) -> Iterator[Line]:
    """Every line of a binary file, numbered from 1, read in chunks: a line longer than
    ``MAX_LINE_BYTES`` is never held whole (its first bytes and its size stand for it)."""
    number, rest = 0, b""
    long_head: bytes | None = None  # the start of a line too long to keep, while its end is looked for
    long_size = 0
    while chunk := handle.read(CHUNK):
        if long_head is not None:
            end = chunk.find(b"\n")
            if end < 0:
                long_size += len(chunk)
                continue
            number += 1
            yield Line(number, long_head, long_size + end)
            long_head, chunk = None, chunk[end + 1 :]
        pieces = chunk.split(b"\n")
        pieces[0] = rest + pieces[0]
        rest = pieces.pop()
        for piece in pieces:
            number += 1
            if len(piece) > MAX_LINE_BYTES:
                yield Line(number, piece[:HEAD_BYTES], len(piece))
            else:
                yield Line(number, piece[:-1] if piece.endswith(b"\r") else piece, len(piece))
        if len(rest) > MAX_LINE_BYTES:
            long_head, long_size, rest = rest[:HEAD_BYTES], len(rest), b""
    if long_head is not None:
        yield Line(number + 1, long_head, long_size)
    elif rest:
        yield Line(number + 1, rest[:-1] if rest.endswith(b"\r") else rest, len(rest))


@cache
def _field_pattern(delimiter: str) -> re.Pattern[str]:
    d = re.escape(delimiter)
    return re.compile(f'"((?:[^"]|"")*)"(?={d}|\\Z)|([^"{d}][^{d}]*)?(?={d}|\\Z)')


def split_fields(text: str, delimiter: str) -> list[str] | None:
    """The cells of one record; None when its quotes are not well formed."""
    if '"' not in text:
        return text.split(delimiter)
    pattern, fields, at = _field_pattern(delimiter), [], 0
    while True:
        found = pattern.match(text, at)
        if found is None:
            return None
        quoted, plain = found.groups()
        fields.append(quoted.replace('""', '"') if quoted is not None else plain or "")
        at = found.end()
        if at == len(text):
            return fields
        at += len(delimiter)  # the lookahead saw a delimiter here
        if at == len(text):
            fields.append("")
            return fields


def records(lines: Iterator[Line], delimiter: str, width: int) -> Iterator[Record | Problem]:
    """Records and refused rows, in file order; blank lines are skipped. ``width``: the header's fields.

    A plain line (no quote, no carriage return) of the right width is yielded with ``text`` and no
    ``fields``, unsplit: most lines are such, and splitting a million lines costs seconds.
    """
    pending: deque[Line] = deque()

    def take() -> Line | None:
        return pending.popleft() if pending else next(lines, None)

    gaps = width - 1
    while (line := take()) is not None:
        if line.size > MAX_LINE_BYTES:
            reason = REASONS["too_long"].format(size=line.size / (1 << 20), limit=MAX_LINE_BYTES >> 20)
            yield Problem(line.number, _shown_bytes(line.data) + "…", reason)
            continue
        try:
            text = line.data.decode("utf-8")
        except UnicodeDecodeError:
            yield Problem(line.number, _shown_bytes(line.data), REASONS["encoding"])
            continue
        if not text or text.isspace():
            continue
        plain = '"' not in text and "\r" not in text
        if plain and text.count(delimiter) == gaps:
            yield Record(line.number, text, None)
            continue
        fields = text.split(delimiter) if plain else split_fields(text, delimiter)
        if fields is None and text.count('"') % 2:
            fields, taken = _continued(text, take, delimiter, width)
            if fields is None:
                pending.extendleft(reversed(taken))
                yield Problem(line.number, text, REASONS["unclosed"])
                continue
        if fields is None:
            yield Problem(line.number, text, REASONS["quotes"])
            continue
        if len(fields) > width and not any(f.strip() for f in fields[width:]):
            fields = fields[:width]
        if len(fields) != width:
            yield Problem(line.number, text, _width_reason(len(fields), width, delimiter))
            continue
        yield Record(line.number, None, fields)


def _continued(
    text: str, take: Callable[[], Line | None], delimiter: str, width: int
) -> tuple[list[str] | None, list[Line]]:
    """A record whose quoted cell goes on over the next lines: its fields (None if it does not close
    into a record of ``width`` fields within ``MAX_SPAN_LINES`` lines and ``MAX_LINE_BYTES``) and the
    lines read for it."""
    taken: list[Line] = []
    odd = True
    size = len(text)
    while len(taken) < MAX_SPAN_LINES and (line := take()) is not None:
        taken.append(line)
        size += line.size
        if size > MAX_LINE_BYTES:
            break
        try:
            more = line.data.decode("utf-8")
        except UnicodeDecodeError:
            break
        text += "\n" + more
        odd ^= more.count('"') % 2 == 1
        if not odd:
            fields = split_fields(text, delimiter)
            if fields is not None and len(fields) > width and not any(f.strip() for f in fields[width:]):
                fields = fields[:width]
            return (fields, taken) if fields is not None and len(fields) == width else (None, taken)
    return None, taken


def first_cell(record: Record, delimiter: str) -> str:
    """The first non-empty cell of a record ("" when every cell is empty)."""
    if record.text is not None:
        cut = record.text.find(delimiter)
        first = record.text[:cut] if cut >= 0 else record.text
        if first and not first.isspace():
            return first
    cells = record.fields if record.fields is not None else (record.text or "").split(delimiter)
    return next((cell for cell in cells if cell and not cell.isspace()), "")


def written(record: Record, delimiter: str) -> str:
    """The record as one CSV record (RFC 4180 quoting) for DuckDB to read."""
    if record.text is not None:
        return record.text
    return delimiter.join(_quoted(cell, delimiter) for cell in record.fields or ())


def _quoted(cell: str, delimiter: str) -> str:
    if '"' in cell or delimiter in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _width_reason(count: int, width: int, delimiter: str) -> str:
    if count > width:
        return REASONS["extra"].format(
            count=count, more=count - width, delimiter=DELIMITER_NAMES.get(delimiter, delimiter)
        )
    return REASONS["missing"].format(count=count, fewer=width - count)


def _shown_bytes(data: bytes) -> str:
    return data[: SHOWN_CHARS * 4].decode("utf-8", errors="replace")


def shown_line(text: str, delimiter: str, hidden: dict[int, bool]) -> str:
    """A refused line as the rejects file shows it, with nobody's name or 身份证号 in clear.

    The line is refused because its cells cannot be trusted to be where the header says (a cell
    too many or too few, a quote, a comma inside a cell): so besides the cells at ``hidden``
    positions (True: a 身份证号, False: a name), every cell with Chinese text that is not a word of
    the vocabularies (a category, department, visit type, level, direction, yes/no) is masked as a
    name would be, and every run of digits that may be a 身份证号 is masked. Cut short.
    """
    cells = text.split(delimiter)
    for index, cell in enumerate(cells):
        bare = cell.strip().strip('"').strip()
        if index in hidden and bare:
            cells[index] = idnumber.mask(bare) if hidden[index] else idnumber.mask_name(bare)
        elif _CHINESE.search(bare) and bare not in _known_words():
            cells[index] = idnumber.mask_name(bare)
    shown = _ID_LIKE.sub(lambda m: idnumber.mask(m.group()), delimiter.join(cells))
    return shown if len(shown) <= SHOWN_CHARS else shown[:SHOWN_CHARS] + "…"


_CHINESE = re.compile(r"[\u3400-\u9fff]")


@cache
def _known_words() -> frozenset[str]:
    """Words a refused line may show in clear: no one's name is among them."""
    words: set[str] = set(vocab.YES | vocab.NO | vocab.DIRECTIONS.keys())
    for vocabulary in vocab.Vocabulary:
        words.update(vocabulary.names, vocabulary.aliases, vocabulary.aliases.values())
    return frozenset(words)
