"""Refuse a zip bomb before any reader inflates a workbook.

An .xlsx (like .xlsm and .ods) is a zip archive, and a few hundred KB of it can inflate to
gigabytes of XML. :func:`check_xlsx` reads the archive's central directory
(``ZipFile.infolist()``) and the fixed-size local header of each member — nothing is inflated —
and refuses, in Chinese, naming the member:

- more than ``max_members`` members (a workbook has tens, a few hundred with pictures);
- a total inflated size over ``max_unpacked`` (1 GiB by default, ``MEDAID_XLSX_MAX_MB``);
- a member of more than ``RATIO_FLOOR`` bytes inflating more than ``max_ratio`` times (200 by
  default; an exported sheet is 5 to 20 times);
- a member that is itself an archive (a nested zip, xlsx, gz…), encrypted, or packed other than
  stored or deflated (Excel writes nothing else);
- members whose data overlap in the file (the "overlapping files" bomb: thousands of entries
  pointing at one compressed kernel).

Then, unless ``verify=False``, each member is inflated once into nothing, 1 MB at a time, and
stopped as soon as it gives more than its directory entry declared: a directory that understates
sizes (a crafted bomb) is refused too, with memory bounded and nothing written.

:func:`guard` is what every import calls (``services.imports``): the limits from the settings,
for the zip workbook suffixes only. :func:`check_ooxml` tells an .xlsx from another zip.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from medaid.errors import InputFileError, Location

MAX_UNPACKED = 1 << 30  # 1 GiB inflated, all members together
MAX_RATIO = 200  # inflated ÷ packed, per member
MAX_MEMBERS = 5_000
RATIO_FLOOR = 1 << 20  # a member inflating to less than this cannot hurt, whatever its ratio
ZIP_WORKBOOKS = frozenset({".xlsx", ".xlsm", ".ods"})
OOXML_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
NESTED = (".zip", ".xlsx", ".xlsm", ".xlsb", ".docx", ".pptx", ".ods", ".odt", ".jar", ".gz", ".tgz", ".bz2",
          ".xz", ".7z", ".rar", ".cab", ".tar", ".zst")  # fmt: skip
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length (30 bytes)
_CHUNK = 1 << 20
_MB = 1 << 20
_DAMAGED = "无法读取 Excel 文件：文件已损坏，或不是 Excel 格式"
_RESAVE = "请用 Excel 打开后另存为 .xlsx（或导出为 CSV）再导入"
_BOMB = "不像正常导出的表格（可能是“压缩炸弹”），未读取"


def _refuse(path: Path, what: str, fix: str) -> InputFileError:
    return InputFileError(what, where=Location(file=str(path)), fix=fix)


def _members(path: Path) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
        fix = "文件可能已损坏、未保存完整或设有打开密码；" + _RESAVE
        raise _refuse(path, _DAMAGED, fix) from err


def _check_directory(path: Path, members: list[zipfile.ZipInfo], max_unpacked: int, max_ratio: int,
                     max_members: int) -> None:  # fmt: skip
    if len(members) > max_members:
        raise _refuse(path, f"Excel 文件含 {len(members):,} 个部件，超过上限 {max_members:,} 个，{_BOMB}", _RESAVE)
    for m in members:
        name = m.filename
        if m.flag_bits & 0x1:
            raise _refuse(path, f"Excel 文件中的“{name}”已加密，未读取", "请取消文件的密码保护后另存，再导入")
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(path, f"Excel 文件中的“{name}”使用了 Excel 不会使用的压缩方式，未读取", _RESAVE)
        if name.lower().endswith(NESTED):
            raise _refuse(path, f"Excel 文件中嵌有另一个压缩文件“{name}”，未读取",
                          "请删除表格中嵌入的文件或对象（或把数据复制到新的工作簿）后另存为 .xlsx 再导入")  # fmt: skip
    inflated = sum(m.file_size for m in members)
    if inflated > max_unpacked:
        what = f"Excel 文件解压后有 {inflated / _MB:,.0f} MB，超过上限 {max_unpacked / _MB:,.0f} MB，未读取"
        fix = "请把表格拆成几个较小的文件，或导出为 CSV 后导入；确需读取时可调大环境变量 MEDAID_XLSX_MAX_MB"
        raise _refuse(path, what, fix)
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > max_ratio * max(m.compress_size, 1):
            ratio = m.file_size / max(m.compress_size, 1)
            what = f"Excel 文件中的“{m.filename}”解压后是压缩前的 {ratio:,.0f} 倍，超过上限 {max_ratio} 倍，{_BOMB}"
            fix = ("请确认文件来源；正常的表格请用 Excel 打开后另存为 .xlsx 或 CSV 再导入；"
                   "确需读取时可调大环境变量 MEDAID_XLSX_MAX_RATIO")  # fmt: skip
            raise _refuse(path, what, fix)


def _data_offset(handle: BinaryIO, member: zipfile.ZipInfo, path: Path) -> int:
    """Where a member's packed data begin: after its local header (read, 30 bytes plus names)."""
    handle.seek(member.header_offset)
    head = handle.read(_LOCAL_HEADER.size)
    if len(head) != _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
        raise _refuse(path, f"{_DAMAGED}（“{member.filename}”的位置不对）", _RESAVE)
    _, name_length, extra_length = _LOCAL_HEADER.unpack(head)
    return int(member.header_offset) + _LOCAL_HEADER.size + int(name_length) + int(extra_length)


def _spans(handle: BinaryIO, members: list[zipfile.ZipInfo], path: Path, size: int) -> list[tuple[int, int]]:
    """Each member's (start of data, end of data); members may not overlap nor run past the file."""
    spans = [(m.header_offset, _data_offset(handle, m, path), m) for m in members]
    previous_end = 0
    for header, start, m in sorted(spans, key=lambda s: s[0]):
        end = start + m.compress_size
        if header < previous_end or end > size:
            raise _refuse(path, f"Excel 文件中的“{m.filename}”与其他部件重叠或超出文件末尾，{_BOMB}", _RESAVE)
        previous_end = end
    return [(start, start + m.compress_size) for _, start, m in spans]


def _inflates_as_declared(handle: BinaryIO, member: zipfile.ZipInfo, start: int) -> bool:
    """Inflate into nothing, stopping past the declared size; True when the data give exactly that size."""
    if member.compress_type == zipfile.ZIP_STORED:
        return member.compress_size == member.file_size
    handle.seek(start)
    left, given = member.compress_size, 0
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while left > 0 and not inflater.eof:
        packed = handle.read(min(_CHUNK, left))
        if not packed:
            return False
        left -= len(packed)
        while packed and not inflater.eof:
            given += len(inflater.decompress(packed, _CHUNK))
            if given > member.file_size:
                return False
            packed = inflater.unconsumed_tail
    return inflater.eof and given == member.file_size


def _check_sizes(path: Path, members: list[zipfile.ZipInfo]) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            spans = _spans(handle, members, path, size)
            for m, (start, _) in zip(members, spans, strict=True):
                if not _inflates_as_declared(handle, m, start):
                    raise _refuse(path, f"Excel 文件中的“{m.filename}”实际解压后的大小与文件目录所写不符，{_BOMB}",
                                  _RESAVE)  # fmt: skip
    except (OSError, zlib.error) as err:
        raise _refuse(path, _DAMAGED, "文件可能已损坏或未保存完整；" + _RESAVE) from err


def check_xlsx(
    path: Path,
    *,
    max_unpacked: int = MAX_UNPACKED,
    max_ratio: int = MAX_RATIO,
    max_members: int = MAX_MEMBERS,
    verify: bool = True,
) -> None:
    """Refuse a zip workbook that would inflate too much (see the module's description); ``verify``:
    also inflate each member into nothing to prove that the directory tells the truth."""
    members = _members(path)
    _check_directory(path, members, max_unpacked, max_ratio, max_members)
    if verify:
        _check_sizes(path, members)


def check_ooxml(path: Path) -> None:
    """Refuse a file that is no Office Open XML workbook (an .xls, a CSV or another zip named .xlsx)."""
    names = {m.filename for m in _members(path)}
    if not all(part in names for part in OOXML_PARTS):
        raise _refuse(path, "这不是 Excel 工作簿（.xlsx）：缺少工作簿的组成部分", _RESAVE)


def guard(path: Path) -> None:
    """What every import calls before a reader opens ``path``: :func:`check_xlsx` for a zip workbook,
    with the limits of the settings (``MEDAID_XLSX_MAX_MB``; ``MEDAID_XLSX_MAX_RATIO`` can raise the ratio)."""
    if path.suffix.lower() not in ZIP_WORKBOOKS:
        return
    from medaid.environment import environment
    from medaid.ingest.limits import check_regular

    check_regular(path)  # a FIFO named .xlsx would block the zip reader
    limits = environment(only=("MEDAID_XLSX_MAX_MB", "MEDAID_XLSX_MAX_RATIO"))
    check_xlsx(path, max_unpacked=limits.xlsx_max_mb * _MB, max_ratio=max(MAX_RATIO, limits.xlsx_max_ratio))
