"""Read text files whatever their encoding: UTF-8 (with or without BOM), GBK or GB18030."""

from __future__ import annotations

from pathlib import Path

from medaid.errors import InputFileError, Location

# GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, *, file: str) -> tuple[str, str]:
    """The text and the encoding it was in."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputFileError(
        "无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030）",
        where=Location(file=file),
        fix="请用 Excel 或记事本“另存为”UTF-8 编码后再导入",
    )


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputFileError("文件不存在", where=Location(file=str(path)), fix="请检查文件路径") from err
    except OSError as err:
        raise InputFileError(
            f"无法读取文件（{err.strerror}）", where=Location(file=str(path)), fix="请检查文件权限"
        ) from err
    if not data.strip():
        raise InputFileError("文件是空的", where=Location(file=str(path)), fix="请确认导出了完整内容")
    return decode(data, file=str(path))[0]
