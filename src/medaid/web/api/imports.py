"""Uploading data files (数据导入): ``POST /api/imports`` (multipart ``kind`` + ``file``), the imports so far,
and the rejects file of an import.

The multipart body is parsed here as it arrives and the file part written straight into the
workspace's private scratch space (``services.uploads.Upload``): a form parser's spooled temporary
file would put people's data in the shared ``$TMPDIR``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of
from medaid.web.errors import NotFound, WebError

if TYPE_CHECKING:
    from medaid.services.uploads import Upload

router = APIRouter(prefix="/api", tags=["数据导入"])
READ = Depends(require(Right.READ))
IMPORT = Depends(require(Right.IMPORT))
FIELD_LIMIT = 1024  # bytes of a form field that is not the file (kind)
MAX_FIELDS = 8
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["kind", "file"],
                    "properties": {
                        "kind": {"type": "string", "description": "数据类型：institutions、recipients、deaths、"
                                 "settlements、subsidies、fund（或其中文名）"},
                        "file": {"type": "string", "format": "binary", "description": "CSV（UTF-8/GBK）或 XLSX 文件"},
                    },
                }
            }
        },
    }
}  # fmt: skip


HOW = "请用数据导入页上传，或按接口说明以 multipart/form-data 发送 kind 与 file"


def _bad(message: str, hint: str = HOW) -> WebError:
    return WebError(400, message, hint=hint)


class _Form:
    """The callbacks of a streaming multipart parser: small fields kept, the one file written to ``upload``."""

    def __init__(self, request: Request) -> None:
        self.root = root_of(request)
        self.fields: dict[str, bytearray] = {}
        self.upload: Upload | None = None
        self._headers: dict[bytes, bytes] = {}
        self._field = b""
        self._value = b""
        self._name = ""
        self._is_file = False

    def on_part_begin(self) -> None:
        self._headers, self._name, self._is_file = {}, "", False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field, self._value = b"", b""

    def on_headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        from medaid.services.uploads import Upload

        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        self._is_file = b"filename" in options
        if not self._is_file:
            if len(self.fields) >= MAX_FIELDS:
                raise _bad(f"表单字段过多（上限 {MAX_FIELDS} 个）")
            self.fields[self._name] = bytearray()
            return
        if self._name != "file" or self.upload is not None:
            raise _bad("只能上传一个文件，字段名为 file")
        filename = options[b"filename"]
        try:
            name = filename.decode("utf-8")
        except UnicodeDecodeError:
            name = filename.decode("gb18030", "replace")
        self.upload = Upload(self.root, name).open()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._is_file and self.upload is not None:
            self.upload.write(data[start:end])
            return
        kept = self.fields.setdefault(self._name, bytearray())
        if len(kept) + end - start > FIELD_LIMIT:
            raise _bad(f"字段“{self._name}”过长")
        kept += data[start:end]

    def field(self, name: str) -> str:
        return bytes(self.fields.get(name, b"")).decode("utf-8", "replace").strip()


async def _receive(request: Request) -> _Form:
    """Parse the multipart body as it arrives; the file part goes to an :class:`Upload` (closed by the caller)."""
    from python_multipart import MultipartParser
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import parse_options_header

    kind, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise _bad("请以 multipart/form-data 上传（字段 kind 与 file）")
    form = _Form(request)
    names = ("on_part_begin", "on_header_field", "on_header_value", "on_header_end", "on_headers_finished",
             "on_part_data")  # fmt: skip
    callbacks = {name: getattr(form, name) for name in names}
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except FormParserError as err:
        _discard(form)
        raise _bad("上传的内容格式有误（multipart 不完整）", "请重新上传；网络中断时请重试") from err
    except BaseException:
        _discard(form)
        raise
    return form


def _discard(form: _Form) -> None:
    if form.upload is not None:
        form.upload.__exit__(None, None, None)


@router.post("/imports", summary="上传并导入一个数据文件（multipart：kind 数据类型、file 文件）",
             openapi_extra=UPLOAD_BODY)  # fmt: skip
async def upload(request: Request, principal: Principal = IMPORT) -> dict[str, object]:
    form = await _receive(request)
    if form.upload is None:
        raise _bad("请求中没有文件（字段 file）", "请选择要上传的文件")
    with form.upload as received:
        report = await run_in_threadpool(received.import_as, form.field("kind"), actor=principal.name)
    return report.to_dict()


@router.get("/imports", summary="可导入的数据类型，以及本工作区已有的各次导入")
def imports(request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.uploads import imports_overview

    return imports_overview(root_of(request)).to_dict()


@router.get("/imports/{import_id}/rejects", summary="下载一次导入的拒收行（CSV；身份证号与姓名已脱敏）",
            response_class=FileResponse)  # fmt: skip
def rejects(request: Request, import_id: int = Path(ge=1, le=2**31 - 1), principal: Principal = IMPORT) -> FileResponse:
    from medaid.services.uploads import rejects_file

    found = rejects_file(root_of(request), import_id)
    if found is None:
        raise NotFound(f"第 {import_id} 次导入没有拒收行", "请在数据导入页查看各次导入；拒收数为 0 的导入没有拒收文件")
    return FileResponse(found, media_type="text/csv; charset=utf-8", filename=f"拒收行-{found.name}")
