"""OpenDocument text files (.odt) read directly (gkdesk.io.odt_reader).

Without LibreOffice: the committed fixture (tests/fixtures/example.odt, LibreOffice's .odt of our export of the
bundled example; regenerate with tests/fixtures/make_office_fixtures.py), hostile packages and content.xml written
by hand for spans, lists and nested tables. With LibreOffice: our export and the Word samples converted now.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from gkdesk.io import odt_reader
from gkdesk.io.docx_reader import body_items, read_docx
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.errors import ReportReadError
from gkdesk.io.files import load_report
from gkdesk.io.recognise.structure import Item, Para, Row
from gkdesk.io.sniff import sniff_file
from gkdesk.io.txt_reader import read_txt_file
from tests.conftest import ROOT, SAMPLES, SEEDS, shared_optional
from tests.io.export_support import printed
from tests.io.test_import_doc import EXAMPLE, _assert_same_report

FIXTURE = ROOT / "tests" / "fixtures" / "example.odt"
MIMETYPE = "application/vnd.oasis.opendocument.text"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _package(content: bytes | None, manifest: bytes = b"", mimetype: str = MIMETYPE) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # first and stored, as ODF wants
        if content is not None:
            archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if manifest:
            archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _content(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:text>{body}'
        "</office:text></office:body></office:document-content>"
    ).encode()


def _items(body: str) -> list[object]:
    root = odt_reader.etree.fromstring(_content(body), odt_reader._safe_parser())
    found, _tables = odt_reader.body_items(root.find(f"{odt_reader._OFFICE}body/{odt_reader._OFFICE}text"))
    return [i.cells if isinstance(i, Row) else i.text for i in found if not isinstance(i, Para) or i.text]


def _refusal(path: Path) -> str:
    start = time.perf_counter()
    with pytest.raises(ReportReadError) as info:
        load_report(path)
    assert time.perf_counter() - start < 2
    message = str(info.value)
    assert path.name in message and "\n" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    return message


# --------------------------------------------------------------------------- the committed fixture


def test_fixture_reads_like_its_source() -> None:
    assert sniff_file(FIXTURE) == "odt"
    report = load_report(FIXTURE)
    source = load_report(EXAMPLE)
    _assert_same_report(report, source)
    assert report.title == source.title and report.signature == source.signature
    assert report.source_file == str(FIXTURE)
    assert report.import_log[0].message == "OpenDocument 文字文件（.odt）：3 个表格"


@pytest.mark.parametrize("suffix", [".docx", ".txt", ".ODT"])
def test_odt_under_other_names_is_read_as_odt(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"报告{suffix}"
    shutil.copyfile(FIXTURE, path)
    _assert_same_report(load_report(path), load_report(FIXTURE))
    if suffix == ".txt":
        _assert_same_report(read_txt_file(path), load_report(FIXTURE))


def test_docx_renamed_odt_or_doc_is_read_as_docx(tmp_path: Path) -> None:
    write_docx(load_report(EXAMPLE), tmp_path / "a.docx", draft=True)
    for name in ("改名.odt", "改名.doc", "改名.wps"):
        shutil.copyfile(tmp_path / "a.docx", tmp_path / name)
        _assert_same_report(load_report(tmp_path / name), load_report(EXAMPLE))


def test_web_page_saved_as_doc_is_read_as_a_web_page(tmp_path: Path) -> None:
    """Many sites' "download .doc" links give an HTML page; it is read like the .html it is."""
    text = (SEEDS / "jiaokou-county-2021.txt").read_text(encoding="utf-8")
    rows = "".join(f"<p>{line}</p>" for line in text.splitlines())
    path = tmp_path / "网页.doc"
    path.write_text(f"<html><body>{rows}</body></html>", encoding="utf-8")
    report = load_report(path)
    assert report.title and "2021" in report.title


# --------------------------------------------------------------------------- hostile packages


def test_dtd_and_entities_are_refused(tmp_path: Path) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>'
    path = tmp_path / "实体.odt"
    path.write_bytes(_package(bomb))
    assert "不安全" in _refusal(path)


def test_encrypted_odt_asks_for_the_password_to_be_removed(tmp_path: Path) -> None:
    manifest = (
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>'
        b"</manifest:manifest>"
    )
    path = tmp_path / "加密.odt"
    path.write_bytes(_package(b"\x8a\x13garbage", manifest))
    assert "密码" in _refusal(path)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_package(None), "缺少正文"),
        (_package(b"<office:document-content"), "损坏"),
        (_package(_content("<text:p>x</text:p>")[:-30]), "损坏"),
        (_package(b'<?xml version="1.0"?><x/>'), "没有文字正文"),
        (_package(_content(""), mimetype="application/vnd.oasis.opendocument.spreadsheet"), "不是 OpenDocument 文字"),
        (b"PK\x03\x04" + b"\x00" * 100, "损坏"),
    ],
)
def test_broken_packages_are_refused(data: bytes, words: str, tmp_path: Path) -> None:
    path = tmp_path / "坏.odt"
    path.write_bytes(data)
    assert words in _refusal(path)


def test_deep_nesting_and_huge_repeats_are_bounded(tmp_path: Path) -> None:
    deep = "<text:span>" * 3000 + "深" + "</text:span>" * 3000
    repeated = (
        '<table:table><table:table-row table:number-rows-repeated="1000000000">'
        '<table:table-cell table:number-columns-repeated="1000000000"><text:p>0</text:p></table:table-cell>'
        "<table:table-cell><text:p>1</text:p></table:table-cell></table:table-row></table:table>"
    )
    for n, body in enumerate((f"<text:p>{deep}</text:p>", repeated)):
        path = tmp_path / f"深{n}.odt"
        path.write_bytes(_package(_content(body)))
        start = time.perf_counter()
        message = ""
        try:
            load_report(path)
        except ReportReadError as exc:
            message = str(exc)
        assert "\n" not in message
        assert time.perf_counter() - start < 5


# --------------------------------------------------------------------------- content written by hand


def test_inline_text_spaces_tabs_breaks_links_and_what_is_not_text() -> None:
    body = (
        '<text:p>甲<text:s text:c="3"/>乙<text:span>丙<text:a>链接</text:a></text:span>'
        "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body>"
        "</text:note>丁<text:line-break/>戊<text:soft-page-break/>己</text:p>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>删除的</text:p></text:deletion>"
        "</text:changed-region></text:tracked-changes>"
        "<text:p>项目<text:tab/>数量<text:tab/>5</text:p>"
        "<text:p>框<draw:frame><draw:text-box><text:p>文本框</text:p></draw:text-box><svg:desc>图说明</svg:desc>"
        "</draw:frame>后</text:p>"
        "<text:section><text:h>标题</text:h></text:section>"
    )
    assert _items(body) == ["甲   乙丙链接丁", "戊己", ["项目", "数量", "5"], "框文本框后", "标题"]


def test_spanned_and_covered_cells_are_read_as_docx_reads_merged_cells() -> None:
    """A cell spanning columns is one cell; under a cell spanning rows (and columns) one blank cell."""
    body = (
        "<table:table><table:table-column/>"
        "<table:table-header-rows><table:table-row>"
        '<table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"><text:p>申请人</text:p>'
        "</table:table-cell><table:covered-table-cell/>"
        '<table:table-cell table:number-columns-spanned="2"><text:p>自然人</text:p><text:p>法人</text:p>'
        "</table:table-cell><table:covered-table-cell/>"
        "</table:table-row></table:table-header-rows>"
        "<table:table-row><table:covered-table-cell/><table:covered-table-cell/>"
        "<table:table-cell><text:p>3</text:p></table:table-cell>"
        "<table:table-cell><text:list><text:list-item><text:p>4</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>内</text:p></table:table-cell>"
        "<table:table-cell><text:p>表</text:p></table:table-cell></table:table-row></table:table>"
        "</table:table-cell></table:table-row>"
        "</table:table>"
    )
    assert _items(body) == [["申请人", "自然人法人"], ["", "3", "4"], ["内", "表"]]


def test_list_items_are_numbered_and_one_column_tables_are_paragraphs() -> None:
    body = (
        "<text:list><text:list-item><text:p>总体情况</text:p><text:p>续段</text:p></text:list-item>"
        "<text:list-header><text:p>无编号</text:p></text:list-header></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>框内一</text:p><text:p>框内二</text:p>"
        "</table:table-cell></table:table-row></table:table>"
    )
    root = odt_reader.etree.fromstring(_content(body), odt_reader._safe_parser())
    items, tables = odt_reader.body_items(root.find(f"{odt_reader._OFFICE}body/{odt_reader._OFFICE}text"))
    assert [(i.text, i.numbered) for i in items if isinstance(i, Para)] == [
        ("总体情况", True),
        ("续段", False),
        ("无编号", False),
        ("框内一", False),
        ("框内二", False),
    ]
    assert tables == 1


# --------------------------------------------------------------------------- converted by LibreOffice now


@pytest.fixture(scope="module")
@shared_optional
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("lo-odt")
    write_docx(load_report(EXAMPLE), root / "example.docx", draft=True)
    files = [root / "example.docx"]
    if SAMPLES.is_dir():
        for sample in sorted(SAMPLES.glob("*.docx")):
            shutil.copyfile(sample, root / sample.name)
            files.append(root / sample.name)
    profile = (root / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "odt"]
    subprocess.run([*command, "--outdir", str(root), *map(str, files)], check=True, capture_output=True, timeout=240)
    return root


def _names() -> list[str]:
    return ["example", *(sorted(p.stem for p in SAMPLES.glob("*.docx")) if SAMPLES.is_dir() else [])]


def _visible(items: list[Item]) -> list[Item]:
    return [i for i in items if not isinstance(i, Para) or i.text.strip()]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", _names())
def test_converted_odt_reads_as_its_source(name: str, converted: Path) -> None:
    source = load_report(EXAMPLE) if name == "example" else read_docx(converted / f"{name}.docx")  # a copy
    report = load_report(converted / f"{name}.odt")
    _assert_same_report(report, source, exported=name == "example")
    assert report.title == (printed(source.title) if name == "example" else source.title)
    assert report.signature == source.signature
    import docx

    want, want_tables = body_items(docx.Document(str(converted / f"{name}.docx")).element.body)
    archive = zipfile.ZipFile(converted / f"{name}.odt")
    got, got_tables = odt_reader.body_items(odt_reader._content(converted / f"{name}.odt", archive))
    archive.close()
    assert got_tables == want_tables
    assert _visible(got) == _visible(want)
