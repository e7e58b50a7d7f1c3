"""Hostile or wrong input: each gives a ReportReadError with a clear Chinese sentence, never a traceback."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from gkdesk.io import sniff
from gkdesk.io.docx_reader import read_docx
from gkdesk.io.errors import ReportReadError, os_error_text
from gkdesk.io.files import load_report
from gkdesk.io.pdf_reader import read_pdf
from gkdesk.io.sniff import OLE_MAGIC
from gkdesk.io.txt_reader import read_text_report, read_txt_file
from tests.conftest import SAMPLES, SEEDS

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _refusal(path: Path) -> str:
    with pytest.raises(ReportReadError) as info:
        load_report(path)
    message = str(info.value)
    assert type(info.value) is ReportReadError
    assert path.name in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "Traceback" not in message and "\n" not in message
    assert not _ENGLISH_ERROR.search(message), message
    return message


# exception class names and system error texts that once leaked into messages ("（BadZipFile）", "[Errno 2] ...")
_ENGLISH_ERROR = re.compile(
    r"[A-Za-z]*(?:Error|Exception|BadZip|Errno|errno)|No such file|denied|[A-Z][a-z]+[A-Z]\w*File"
)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_ole_files_are_refused_with_save_as_advice(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(OLE_MAGIC + b"\x00" * 2000)
    monkeypatch.setattr(sniff, "libreoffice_available", lambda: False)
    message = _refusal(path)
    assert "另存为" in message and ".docx" in message
    assert "LibreOffice" not in message
    assert ("WPS 文字文件" in message) == (suffix == ".wps")
    monkeypatch.setattr(sniff, "libreoffice_available", lambda: True)
    assert "soffice --headless --convert-to docx" in _refusal(path)


def test_doc_renamed_to_docx_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "改了扩展名.docx"
    path.write_bytes(OLE_MAGIC + b"\x00" * 2000)
    message = _refusal(path)
    assert "旧版 Word 格式" in message and "另存为" in message


def test_zip_bomb_by_ratio_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    assert "压缩炸弹" in _refusal(path)


def test_zip_bomb_by_declared_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "declared.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")  # the central directory entry of the last member
    data[central + 24 : central + 28] = struct.pack("<I", 0xFFFFFFF0)  # declared uncompressed size: 4 GB
    path.write_bytes(bytes(data))
    assert "压缩炸弹" in _refusal(path)


def test_zip_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for i in range(sniff.MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"x/{i}", b"")
    assert "条目过多" in _refusal(path)


def _docx_with_document_xml(path: Path, document_xml: bytes) -> None:
    source = SAMPLES / "jiaokou-county-2021.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            data = document_xml if info.filename == "word/document.xml" else original.read(info)
            archive.writestr(info.filename, data)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.docx"
    _docx_with_document_xml(
        path,
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>",
    )
    assert "不安全的 XML" in _refusal(path)


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.docx"
    entities = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;">' % (i, i - 1, i - 1, i - 1, i - 1) for i in range(1, 12))
    _docx_with_document_xml(
        path,
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "ha">' + entities + b"]>"
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&l11;</w:t></w:r></w:p></w:body></w:document>",
    )
    assert "不安全的 XML" in _refusal(path)


def test_docx_that_is_not_an_annual_report(tmp_path: Path) -> None:
    path = tmp_path / "会议通知.docx"
    document = docx.Document()
    document.add_paragraph("关于召开全县安全生产工作会议的通知")
    document.add_paragraph("各乡镇人民政府，县直各单位：定于下周一上午九点召开会议。")
    document.save(str(path))
    assert "不是政府信息公开工作年度报告" in _refusal(path)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "照片.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.jpg", b"\xff\xd8\xff" + b"0" * 100)
    assert "不是 Word 文档" in _refusal(path)


def test_truncated_docx(tmp_path: Path) -> None:
    path = tmp_path / "截断.docx"
    data = (SAMPLES / "jiaokou-county-2021.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _refusal(path) == "“截断.docx”已损坏，不是完整的 .docx 文件（可能未下载完整或复制时中断）"


@pytest.mark.parametrize("reader", [read_txt_file, read_docx, read_pdf])
def test_unreadable_file_is_explained_in_chinese(reader: Callable[[Path], object], tmp_path: Path) -> None:
    folder = tmp_path / "文件夹"
    folder.mkdir()
    with pytest.raises(ReportReadError) as info:
        reader(folder)
    assert str(info.value) == "无法读取“文件夹”：这是一个文件夹，不是文件"


def test_os_error_reasons_are_chinese() -> None:
    assert os_error_text(PermissionError(13, "Permission denied")) == "没有访问权限（文件可能被其他程序占用或为只读）"
    assert os_error_text(IsADirectoryError(21, "Is a directory")) == "这是一个文件夹，不是文件"
    assert os_error_text(OSError(999, "Strange")) == "系统无法读取该文件"


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_empty_file(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"空{suffix}"
    path.write_bytes(b"")
    assert "空文件" in _refusal(path)


def test_binary_file_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "不是文本文件" in _refusal(path) or "不是有效的文本文件" in _refusal(path)


def test_image_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "图.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "图片" in _refusal(path)


def test_text_over_20_mb(tmp_path: Path) -> None:
    path = tmp_path / "巨大.txt"
    line = "一、总体情况\n".encode()
    path.write_bytes(line * (21 * 1024 * 1024 // len(line) + 1))
    assert "超过 20 MB" in _refusal(path)


def test_text_that_is_not_an_annual_report() -> None:
    with pytest.raises(ReportReadError, match="不是政府信息公开工作年度报告"):
        read_text_report("今天天气很好。\n我们去公园散步。\n")
    with pytest.raises(ReportReadError, match="粘贴的内容为空"):
        read_text_report("  \n\t\n")


def test_scanned_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with path.open("wb") as handle:
        writer.write(handle)
    message = _refusal(path)
    assert "没有可提取的文字" in message and "扫描件" in message


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage" * 100)
    assert "PDF" in _refusal(path)


def test_docx_content_in_a_txt_file_is_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "其实是docx.txt"
    path.write_bytes((SAMPLES / "jiaokou-county-2021.docx").read_bytes())
    assert read_txt_file(path).disclosure.counts["art20_5.licensing.decisions"] == 3388


def test_rtf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "旧.rtf"
    path.write_bytes(b"{\\rtf1\\ansi hello}")
    assert "RTF" in _refusal(path)


def test_seed_file_is_never_written() -> None:
    before = {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    for p in SEEDS.iterdir():
        load_report(p)
    assert before == {p.name: p.read_bytes() for p in SEEDS.iterdir()}


def test_read_docx_refuses_text(tmp_path: Path) -> None:
    path = tmp_path / "文本.docx"
    path.write_text("一、总体情况\n", encoding="utf-8")
    with pytest.raises(ReportReadError, match="不是有效的 Word"):
        read_docx(path)


def test_text_with_too_many_lines_is_refused() -> None:
    with pytest.raises(ReportReadError, match="行，远超一份年度报告的篇幅"):
        read_text_report("一、总体情况\n" + "0\n" * 30_000)


def test_long_lines_are_text_not_rows() -> None:
    report = read_text_report("一、总体情况\n" + "数据\t" * 3_000 + "\n二、主动公开政府信息情况\n")
    assert report.parts["一"].blocks[0].text.startswith("数据 数据")
    assert not report.disclosure.present


def test_docx_with_too_many_paragraphs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "超长.docx"
    body = "<w:p><w:r><w:t>一</w:t></w:r></w:p>" * 41_000  # 1.4 MB compressing 300 times: a real ratio
    _docx_with_document_xml(
        path,
        (
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ).encode(),
    )
    assert "远超一份年度报告的篇幅" in _refusal(path)
