"""Bounded input: what a data file may be before anything parses it.

Only regular files are read: a directory, a named pipe (FIFO) or a device is refused before it
is opened for reading (opening a FIFO would wait for a writer forever). An .xlsx/.ods is a zip
archive, checked by ``archive_guard.guard`` before the spreadsheet reader inflates anything (a
"zip bomb" of a few MB can become gigabytes of XML). Rows and cells have limits too: a CSV line
longer than ``MAX_LINE_BYTES`` and a cell longer than ``MAX_CELL_CHARS`` (Excel's own limit for a
cell) are refused row by row.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from medaid.errors import InputFileError, Location

MAX_CELL_CHARS = 32_767  # Excel cannot hold more in one cell: a longer cell is no table's
MAX_LINE_BYTES = 8 << 20  # one CSV line (a record) at most; longer lines are refused row by row

_KINDS = (
    (stat.S_ISDIR, "这是一个文件夹，不是文件", "请写要导入的文件的路径"),
    (stat.S_ISFIFO, "这是一个命名管道（FIFO），不是普通文件", "请先把数据保存成普通文件再导入"),
    (stat.S_ISSOCK, "这是一个套接字，不是普通文件", "请先把数据保存成普通文件再导入"),
    (stat.S_ISCHR, "这是一个设备，不是普通文件", "请先把数据保存成普通文件再导入"),
    (stat.S_ISBLK, "这是一个设备，不是普通文件", "请先把数据保存成普通文件再导入"),
)


def check_regular(path: Path) -> None:
    """Refuse anything but a readable regular file, in Chinese, without ever blocking.

    The file is opened non-blocking and its kind read from the open descriptor, so that a FIFO
    is refused at once and a file swapped for something else after a check is still caught.
    """
    where = Location(file=str(path))
    try:
        kind = path.stat().st_mode
    except FileNotFoundError as err:
        raise InputFileError("文件不存在", where=where, fix="请检查文件路径") from err
    except OSError as err:
        raise InputFileError("无法访问文件", where=where, fix="请检查路径和文件夹的权限") from err
    for test, what, fix in _KINDS:
        if test(kind):
            raise InputFileError(what, where=where, fix=fix)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except PermissionError as err:
        fix = "请让文件的所有者或管理员开放读取权限，或把文件复制到自己的文件夹"
        raise InputFileError("没有读取这个文件的权限", where=where, fix=fix) from err
    except OSError as err:
        raise InputFileError("无法打开文件", where=where, fix="请检查文件是否完整、是否被其他程序占用") from err
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise InputFileError("这不是普通文件", where=where, fix="请先把数据保存成普通文件再导入")
    finally:
        os.close(handle)
