"""Recognising what a file really is from its first bytes, and refusing what we cannot read, kindly.

Clerks rename files, save .doc as .docx and download zips from mail systems. The suffix only picks the first
guess; the bytes decide. Every refusal names the file and tells the clerk what to do instead.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Literal, NoReturn

from gkdesk.io.errors import ReportReadError, os_error_text

Kind = Literal["empty", "ole", "zip", "odt", "pdf", "rtf", "native", "html", "mhtml", "image", "text", "binary"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"  # also ...text-template
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_MEMBER = 64 * 1024 * 1024
MAX_ZIP_RATIO = 200
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
_MIME_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[^\r\n]*")  # "MIME-Version: 1.0", "From: <Saved by Blink>"


def _is_mime_page(stripped: bytes) -> bool:
    """A web page saved as one file (.mht): a MIME message of several parts, headers first."""
    head = stripped[:4096].lower()
    return bool(_MIME_HEADER.match(stripped)) and b"mime-version:" in head and b"multipart/" in head


def sniff_bytes(head: bytes) -> Kind:
    """What the first bytes of a file say it is."""
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not stripped:
        return "empty"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith((ZIP_MAGIC, b"PK\x05\x06", b"PK\x07\x08")):
        # OpenDocument: the first member is "mimetype", stored, its content right after the 30-byte header
        if head[30:38] == b"mimetype" and head[38:100].startswith(ODT_MIMETYPE):
            return "odt"
        return "zip"
    if stripped.startswith(b"%PDF"):
        return "pdf"
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if stripped.startswith(b"{") and b'"gkdesk.report"' in head:
        return "native"
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if _is_mime_page(stripped):
        return "mhtml"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and head[1:2] != b"\x00":
        return "binary"
    return "text"


def sniff_file(path: Path) -> Kind:
    try:
        with path.open("rb") as handle:
            return sniff_bytes(handle.read(8192))
    except OSError as exc:
        raise ReportReadError(f"无法读取“{path.name}”：{os_error_text(exc)}") from exc


def size_and_kind(path: Path) -> tuple[int, Kind]:
    """The file's size and what its first bytes say it is, with one clear refusal if it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReportReadError(f"无法读取“{path.name}”：{os_error_text(exc)}") from exc
    return size, sniff_file(path)


def read_limited(path: Path, size: int, limit: int, what: str) -> bytes:
    """The file's bytes; refused in one sentence when ``size`` is over ``limit`` (no report ``what`` — 文本, 网页 —
    is that large: a wrong file or an attack) or the file cannot be read."""
    if size > limit:
        raise ReportReadError(
            f"“{path.name}”过大（{size // (1024 * 1024)} MB，超过 {limit // (1024 * 1024)} MB），"
            f"不像年度报告{what}，已拒绝导入"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReportReadError(f"无法读取“{path.name}”：{os_error_text(exc)}") from exc


def libreoffice_available() -> bool:
    return any(shutil.which(name) for name in ("soffice", "libreoffice"))


def convert_hint(target: str, note: str = "") -> str:
    """How to turn the file into ``target``: Word/WPS always, LibreOffice when it is installed."""
    hint = f"请用 Word 或 WPS 打开后“另存为” {target}{note} 再导入"
    if libreoffice_available():
        hint += f"；本机已安装 LibreOffice，也可用命令 soffice --headless --convert-to {target.lstrip('.')} 转换"
    return hint


READABLE_TYPES = (
    "Word（.docx、.doc）、WPS 文字（.wps）、OpenDocument 文字（.odt）、网页（.html、.mht）、.txt、.pdf 或 .gkreport"
)
_SHEET_SUFFIXES = (".xls", ".xlsx", ".et", ".ett", ".ods")
_SLIDE_SUFFIXES = (".ppt", ".pptx", ".dps", ".dpt", ".odp")


def refuse_unsupported(path: Path, kind: Kind | None = None) -> NoReturn:
    """Raise the clearest refusal for a file type gkdesk does not read (.xls, .ppt, .rtf, ...).

    Word .doc and WPS .wps are read by ``gkdesk.io.doc_reader``; an OLE file that reaches this function came under
    another suffix (a .pdf that is really a .doc) and is sent to its right name."""
    kind = kind or sniff_file(path)
    suffix = path.suffix.lower()
    if suffix in _SHEET_SUFFIXES:
        raise ReportReadError(f"“{path.name}”是 Excel 或 WPS 表格文件，不是年度报告文档；请导入{READABLE_TYPES}文件")
    if suffix in _SLIDE_SUFFIXES:
        raise ReportReadError(
            f"“{path.name}”是 PowerPoint 或 WPS 演示文件，不是年度报告文档；请导入{READABLE_TYPES}文件"
        )
    if kind == "ole":
        raise ReportReadError(
            f"“{path.name}”实际上是 Office 旧版二进制格式的文件（如 Word .doc、WPS 文字 .wps）；"
            "如是 Word 或 WPS 文字文件，请把扩展名改为 .doc 后再打开"
        )
    if kind == "rtf" or suffix == ".rtf":
        raise ReportReadError(f"“{path.name}”是 RTF 文件，gkdesk 不能直接读取；" + convert_hint(".docx"))
    raise ReportReadError(f"“{path.name}”不是 gkdesk 能读取的文件类型，请使用{READABLE_TYPES}文件")


def refuse_kind(path: Path, kind: Kind, expected: str) -> NoReturn:
    """A file whose bytes do not match what its suffix promised."""
    if kind == "empty":
        raise ReportReadError(f"“{path.name}”是空文件，没有可导入的内容")
    if kind in ("ole", "rtf"):
        refuse_unsupported(path, kind)
    if kind == "odt":
        raise ReportReadError(f"“{path.name}”实际上是 OpenDocument 文字文件，请把扩展名改为 .odt 后再打开")
    if kind == "image":
        raise ReportReadError(f"“{path.name}”是图片，不是报告文件；请导入 .docx 或 .txt 文件")
    if kind == "html":
        raise ReportReadError(
            f"“{path.name}”实际上是网页文件（HTML），请把扩展名改为 .html 后再打开，或在 Word 中另存为 .docx"
        )
    raise ReportReadError(f"“{path.name}”不是有效的{expected}文件（文件可能已损坏或扩展名不对）")


def check_zip_safety(path: Path) -> zipfile.ZipFile:
    """Open a zip only after its directory shows it is not a bomb: entry count, declared sizes, ratios.

    zipfile never returns more than the declared size of a member, so checking the declarations bounds memory.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReportReadError(f"“{path.name}”已损坏，不是完整的 .docx 文件（可能未下载完整或复制时中断）") from exc
    try:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise ReportReadError(f"“{path.name}”包含的条目过多（{len(infos)} 个），不像 Word 文档，已拒绝打开")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_ZIP_MEMBER or total > MAX_ZIP_TOTAL:
                raise ReportReadError(f"“{path.name}”解压后过大，可能是恶意压缩文件（“压缩炸弹”），已拒绝打开")
            if info.file_size > 16 * 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
                raise ReportReadError(f"“{path.name}”压缩比异常，可能是恶意压缩文件（“压缩炸弹”），已拒绝打开")
            if info.flag_bits & 0x1:
                raise ReportReadError(f"“{path.name}”已加密，请在 Word 中取消密码保护后再导入")
    except ReportReadError:
        archive.close()
        raise
    return archive
