"""Zip bombs are refused from the archive's directory, before any reader inflates a workbook — by the
guard itself and by the import service that ``medaid import`` and the web upload both call
(ingest/archive_guard.py; services/imports.py).

Every bomb is generated here, streaming, in a fraction of a second: a member of tens of MB of zeros
packs to tens of KB; a crafted directory that understates a member's size, and two entries that
share one packed kernel, are written by patching the headers of a small archive.
"""

from __future__ import annotations

import json
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from medaid.demo.people import make_people
from medaid.errors import InputFileError
from medaid.ingest.archive_guard import check_ooxml, check_xlsx, guard
from medaid.services.common import workspace_key
from medaid.services.imports import IMPORT_FAILED_ACTION, import_files
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace

P = make_people(3, seed=21)
SHEET = "xl/worksheets/sheet1.xml"
BOMB_WORDS = "压缩炸弹"


def workbook(folder: Path, name: str = "名单.xlsx") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["身份证号", "死亡日期"])
    for person in P:
        sheet.append([person.id_number, "2023-05-01"])
    path = folder / name
    book.save(path)
    return path


def rebuilt(source: Path, target: Path, write: Callable[[zipfile.ZipFile], None]) -> Path:
    """``source``'s members copied into ``target``, then ``write`` adds what the case needs."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        write(new)
    return target


def text(size: int) -> bytes:
    """About ``size`` bytes of varied lines: they pack about as well as a sheet's XML."""
    return "".join(f'<c r="A{i}"><v>{i * 7919 % 1_000_003}</v></c>' for i in range(size // 30)).encode()


def zeros(archive: zipfile.ZipFile, name: str, megabytes: int) -> None:
    block = b"\0" * (1 << 20)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        for _ in range(megabytes):
            member.write(block)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook whose extra sheet part inflates to 64 MB of zeros from about 64 KB."""
    folder = tmp_path_factory.mktemp("bomb")
    return rebuilt(
        workbook(folder, "small.xlsx"), folder / "名单.xlsx", lambda z: zeros(z, "xl/worksheets/sheet2.xml", 64)
    )


def refusal(path: Path, **limits: int) -> str:
    with pytest.raises(InputFileError) as caught:
        check_xlsx(path, **limits)
    assert caught.value.where.file == str(path)
    return caught.value.what


def test_an_ordinary_workbook_passes_every_check(tmp_path):
    path = workbook(tmp_path)
    check_xlsx(path)
    check_ooxml(path)
    guard(path)


def test_a_member_that_inflates_hundreds_of_times_is_refused_from_the_directory_alone(bomb, monkeypatch):
    inflated: list[object] = []
    monkeypatch.setattr("medaid.ingest.archive_guard._inflates_as_declared", lambda *a: inflated.append(a) or True)
    start = time.process_time()
    what = refusal(bomb)
    assert "sheet2.xml" in what and "倍" in what and BOMB_WORDS in what and "未读取" in what
    assert not inflated and time.process_time() - start < 0.5
    assert bomb.stat().st_size < 1 << 20


@pytest.mark.parametrize(
    ("case", "limits", "words"),
    [
        ("total", {"max_unpacked": 2 << 20}, "超过上限 2 MB"),
        ("members", {"max_members": 5}, "个部件"),
    ],
)
def test_limits_on_the_total_size_and_on_the_number_of_members(tmp_path, case, limits, words):
    def add(archive: zipfile.ZipFile) -> None:
        if case == "total":
            archive.writestr("xl/media/big.txt", text(3_000_000))
        for i in range(6 if case == "members" else 0):
            archive.writestr(f"xl/media/{i}.txt", "x")

    path = rebuilt(workbook(tmp_path, "a.xlsx"), tmp_path / f"{case}.xlsx", add)
    assert words in refusal(path, **limits)


@pytest.mark.parametrize(
    ("member", "compression", "words"),
    [
        ("xl/embeddings/另一个.zip", zipfile.ZIP_STORED, "嵌有另一个压缩文件"),
        ("xl/embeddings/Microsoft_Excel_Worksheet.xlsx", zipfile.ZIP_DEFLATED, "嵌有另一个压缩文件"),
        ("xl/media/a.bin", zipfile.ZIP_BZIP2, "压缩方式"),
        ("xl/media/b.bin", zipfile.ZIP_LZMA, "压缩方式"),
    ],
)
def test_nested_archives_and_foreign_compression_are_refused(tmp_path, member, compression, words):
    path = rebuilt(workbook(tmp_path, "a.xlsx"), tmp_path / "b.xlsx",
                   lambda z: z.writestr(member, b"PK\x03\x04" + b"x" * 100, compress_type=compression))  # fmt: skip
    assert words in refusal(path)


def _patch_sizes(path: Path, name: str, size: int) -> None:
    """Write ``size`` as the inflated size of ``name`` in its local header and its directory entry."""
    data = bytearray(path.read_bytes())
    raw = name.encode()
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        length = struct.unpack_from("<H", data, at + 26)[0]
        if bytes(data[at + 30 : at + 30 + length]) == raw:
            struct.pack_into("<I", data, at + 22, size)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + length]) == raw:
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    path.write_bytes(bytes(data))


def test_a_directory_that_understates_a_members_size_is_caught_while_inflating_into_nothing(tmp_path):
    def add(archive: zipfile.ZipFile) -> None:
        block = b"\0" * (1 << 20)
        with archive.open("xl/worksheets/sheet2.xml", "w") as member:  # no zip64: the sizes are 4 bytes
            for _ in range(24):
                member.write(block)

    path = rebuilt(workbook(tmp_path, "a.xlsx"), tmp_path / "lies.xlsx", add)
    _patch_sizes(path, "xl/worksheets/sheet2.xml", 4096)
    with zipfile.ZipFile(path) as archive:  # the directory now says 4 KB
        assert archive.getinfo("xl/worksheets/sheet2.xml").file_size == 4096
    check_xlsx(path, verify=False)  # the directory alone looks harmless
    what = refusal(path)
    assert "sheet2.xml" in what and "不符" in what and BOMB_WORDS in what


def test_entries_sharing_one_packed_kernel_are_refused(tmp_path):
    path = rebuilt(workbook(tmp_path, "a.xlsx"), tmp_path / "overlap.xlsx",
                   lambda z: [z.writestr(f"xl/media/{i}.bin", b"\0" * 1000) for i in range(2)])  # fmt: skip
    data = bytearray(path.read_bytes())
    entries: dict[str, int] = {}
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        entries[bytes(data[at + 46 : at + 46 + length]).decode()] = at
        at += 4
    first = struct.unpack_from("<I", data, entries["xl/media/0.bin"] + 42)[0]
    struct.pack_into("<I", data, entries["xl/media/1.bin"] + 42, first)  # both entries point at one kernel
    path.write_bytes(bytes(data))
    assert "重叠" in refusal(path)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "无法读取 Excel 文件"),  # an .xls (or a password) renamed
        ("身份证号,死亡日期\n".encode(), "无法读取 Excel 文件"),
    ],
)
def test_a_file_that_is_no_zip_is_refused_as_damaged(tmp_path, content, words):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    assert words in refusal(path)


def test_a_zip_without_the_workbook_parts_is_no_xlsx(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    check_xlsx(path)
    with pytest.raises(InputFileError, match="不是 Excel 工作簿"):
        check_ooxml(path)


def test_the_guard_takes_the_limit_from_the_settings_and_leaves_text_files_alone(tmp_path, monkeypatch):
    def add(archive: zipfile.ZipFile) -> None:
        archive.writestr("xl/media/big.txt", text(1_400_000))

    path = rebuilt(workbook(tmp_path, "a.xlsx"), tmp_path / "big.xlsx", add)
    guard(path)
    monkeypatch.setenv("MEDAID_XLSX_MAX_MB", "1")
    with pytest.raises(InputFileError, match="MEDAID_XLSX_MAX_MB"):
        guard(path)
    plain = tmp_path / "big.csv"
    plain.write_bytes(b"\0" * 10)
    guard(plain)  # not a workbook: the CSV reader has its own limits


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return Workspace.init(tmp_path / "ws", year=2023).root


def test_the_import_service_refuses_the_bomb_logs_it_and_keeps_going(workspace, bomb, tmp_path):
    good = tmp_path / "deaths.csv"
    good.write_text("身份证号,死亡日期\n" + "".join(f"{p.id_number},2023-05-01\n" for p in P), encoding="utf-8")
    result = import_files(workspace, "deaths", [bomb, good], actor="李经办")
    assert [o.file for o in result.failed] == [bomb.name]
    assert BOMB_WORDS in result.failed[0].error.what
    assert result.files[0].new == len(P)
    key = workspace_key(Workspace.open(workspace))
    with session_for(workspace) as session:
        failed = session.query(AuditEntry).filter(AuditEntry.workspace == key,
                                                  AuditEntry.action == IMPORT_FAILED_ACTION).all()  # fmt: skip
    assert [(e.actor, json.loads(e.detail)["file"]) for e in failed] == [("李经办", bomb.name)]
