"""A CSV file as UTF-8 text, whatever it was written in.

- UTF-8, with or without a BOM, is read as it is. One pass checks every byte and notes the
  last line with content (the fast read uses it to prove that its row numbers are exact).
- UTF-8 with a few rows of another encoding (a GBK row pasted into a UTF-8 file) stays UTF-8:
  those rows are refused one by one (``clean`` is False).
- GBK/GB18030 as a whole, and UTF-16 with a BOM (Excel's "Unicode 文本", tab-delimited), are
  transcoded to UTF-8 in a streaming pass into a private scratch file (never ``$TMPDIR``):
  DuckDB's wheel has no encodings extension.

Which of the two a file that is not valid UTF-8 is, is decided on its first megabyte: if most
of its lines with non-ASCII bytes are valid UTF-8, it is a UTF-8 file with bad rows; otherwise
it is GBK/GB18030.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from medaid.errors import InputFileError, Location
from medaid.store.scratch import scratch_file

CHUNK = 1 << 20
SAMPLE = 1 << 20  # bytes looked at to tell a UTF-8 file with bad rows from a GBK file
ASCII_BLANKS = " \t\r\n\x0b\x0c"  # what bytes.rstrip() removes, for str as for bytes
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Text:
    path: Path  # UTF-8 text: the file itself or a transcoded private copy
    clean: bool  # every byte is UTF-8 (False: some rows are not, and are refused one by one)
    last_line: int  # number of the last line with anything but blanks on it (0 when unknown or none)


def _undecodable(path: Path) -> InputFileError:
    return InputFileError(
        "无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030 或带 BOM 的 UTF-16）",
        where=Location(file=str(path)),
        fix="请用 Excel 或记事本“另存为”UTF-8 编码的 CSV 后再导入",
    )


def _scan_utf8(path: Path) -> tuple[bool, int]:
    """(every byte is UTF-8, the last line with content)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, last = 0, 0
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
                breaks = chunk.count(b"\n")
                body = len(chunk.rstrip())
                if body:
                    last = lines + breaks - chunk.count(b"\n", body) + 1
                lines += breaks
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False, 0
    return True, last


def _mostly_utf8(path: Path) -> bool:
    """Whether most lines with non-ASCII bytes in the file's first megabyte are valid UTF-8."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE)
    good = bad = 0
    for line in sample.split(b"\n")[:-1] or [sample]:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good > bad


def _looks_like_utf16(path: Path) -> bool:
    """A UTF-16 BOM followed by text that has line breaks or delimiters (not binary that starts with FF FE)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    try:
        text = codecs.getincrementaldecoder("utf-16")().decode(head)  # not final: a cut pair waits
    except UnicodeDecodeError:
        return False
    return any(mark in text for mark in ("\n", "\t", ","))


def _transcode(path: Path, target: Path, encoding: str) -> int:
    """``path`` in ``encoding`` to UTF-8 in ``target``, streaming; returns the last line with content."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines, last = 0, 0
    with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
        try:
            while chunk := source.read(CHUNK):
                text = decoder.decode(chunk)
                out.write(text)
                body = text.rstrip(ASCII_BLANKS)
                if body:
                    last = lines + body.count("\n") + 1
                lines += text.count("\n")
            out.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as err:
            raise _undecodable(path) from err
    return last


@contextmanager
def utf8_text(path: Path, folder: Path) -> Iterator[Text]:
    """The file as UTF-8 text; a transcoded copy lives in ``folder`` (private) and is removed on exit."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(_UTF16_BOMS) and _looks_like_utf16(path):
        with scratch_file(folder, ".csv") as copy:
            yield Text(copy, True, _transcode(path, copy, "utf-16"))
        return
    clean, last = _scan_utf8(path)
    if clean:
        yield Text(path, True, last)
    elif _mostly_utf8(path):
        yield Text(path, False, 0)
    else:
        with scratch_file(folder, ".csv") as copy:
            yield Text(copy, True, _transcode(path, copy, "gb18030"))
