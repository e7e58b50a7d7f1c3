"""The PDF reader's own content-stream reader and text-run layout give exactly what pypdf's (the reference, pinned)
give, on streams and pages written here; ``test_import_libreoffice_formats`` and the shared real reports repeat the
comparison on LibreOffice's and WPS's PDFs."""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf._text_extraction import _layout_mode
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from gkdesk.io.pdf_content import TEXT_OPERATORS, ContentError, operations
from gkdesk.io.pdf_layout import text_groups
from gkdesk.io.pdf_reader import _layout_text, _operations, _page_fonts
from tests.conftest import REAL, shared_files


def _value(v: Any) -> Any:
    if isinstance(v, (list, ArrayObject)):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _value(x) for k, x in v.items()}
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, bytes):
        return bytes(v)
    return str(v)


def text_operations(ops: list[tuple[list[Any], bytes]]) -> list[tuple[Any, bytes]]:
    return [(_value(operands), bytes(op)) for operands, op in ops if op in TEXT_OPERATORS]


def pypdf_operations(data: bytes) -> list[tuple[list[Any], bytes]]:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return list(ContentStream(stream, None, "bytes").operations)


STREAMS = [
    b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET",
    b"q 1 0 0 1 10 20 cm BT /F1 9.5 Tf 1 0 0 1 72 700 Tm [(A) -250 (B) 120.5 (C)] TJ T* (next) ' ET Q",
    b'BT /F1 12 Tf 2 Tc 3 Tw 90 Tz 14 TL 1.5 Ts 0 -14 TD 1 2 (quoted) " ET',
    b"BT /F1 12 Tf (nested (paren) here) Tj (esc \\( \\) \\\\ \\n \\101\\102 tail\\\ncontinued) Tj ET",
    b"BT /F1 12 Tf <48 65 6C6C 6f> Tj <414> Tj <> Tj ET",
    b"% a comment\nBT /F1 12 Tf /Span <</MCID 0 /Flag true /None null>> BDC (x) Tj EMC ET",
    b"q 0 0 1 rg 10 10 100 100 re f Q BT /F1 12 Tf +.5 -3. Td (y) Tj ET",
    b"BT /F1 12 Tf (a) Tj ET q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EIx\xff EI Q BT (after) Tj ET",
    b"BT\r/F1\t12\x0cTf\r\n(crlf)Tj\nET",
    b"BT /F1 12 Tf [(a)[(nested)]] TJ ET",
]


@pytest.mark.parametrize("data", STREAMS, ids=range(len(STREAMS)))
def test_the_text_operations_are_pypdfs(data: bytes) -> None:
    assert text_operations(operations(data)) == text_operations(pypdf_operations(data))


def test_operands_come_in_pypdfs_types() -> None:
    got = operations(STREAMS[0])
    assert [op for _operands, op in got] == [b"BT", b"Tf", b"Td", b"Tj", b"ET"]
    font, move, show = got[1][0], got[2][0], got[3][0]
    assert font == ["/F1", 12] and isinstance(font[0], str) and isinstance(font[1], int)
    assert move == [72, 700] and show == [b"Hello"] and isinstance(show[0], bytes)
    tj_array = next(o for o, op in operations(STREAMS[1]) if op == b"TJ")[0]
    assert isinstance(tj_array, ArrayObject) and tj_array == [b"A", -250, b"B", 120.5, b"C"]


@pytest.mark.parametrize(
    "data",
    [b"BT (unterminated Tj ET", b"BT [(a) Tj ET", b"BT ] Tj ET", b"q BI /W 1 ID \x00\x01 no end", b"BT << /a 1 ] ET"],
)
def test_what_it_cannot_read_is_refused_for_pypdf_to_read(data: bytes) -> None:
    with pytest.raises(ContentError):
        operations(data)


def test_hostile_streams_take_bounded_time() -> None:
    """Possessive and atomic patterns: no input makes the reader backtrack without end."""
    for data in (b"1 " * 200_000, b"(" * 50_000, b"[" * 100 + b"1 " * 100_000, b"<" * 100_000, b"/a" * 100_000):
        start = time.perf_counter()
        with contextlib.suppress(ContentError):
            operations(data)
        assert time.perf_counter() - start < 2.0, data[:10]


_operand = st.one_of(
    st.integers(-9999, 9999).map(lambda n: str(n).encode()),
    st.floats(-1000, 1000, allow_nan=False).map(lambda f: f"{f:.3f}".encode()),
    st.sampled_from(
        [
            b"/F1",
            b"/Name#20x",
            b"(text)",
            b"(a\\)b)",
            b"(n(e)st)",
            b"<48656c>",
            b"[(a) -20 (b)]",
            b"true",
            b"[]",
            "/宋体".encode("gbk"),
            "/黑体".encode(),
            b"<</K [1 2]>>",
            b"1e5",
            b"--1",
            b".",
            b"%c\n",
            b"{",
            b")",
        ]
    ),
)
_operator = st.sampled_from([b"Tj", b"TJ", b"Td", b"TD", b"Tm", b"Tf", b"T*", b"'", b'"', b"q", b"Q", b"cm", b"re"])
_operation = st.tuples(st.lists(_operand, max_size=6), _operator).map(lambda t: b" ".join([*t[0], t[1]]))
_space = st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"  "])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(_operation, _space), max_size=30))
def test_random_streams_read_as_pypdf_reads_them(parts: list[tuple[bytes, bytes]]) -> None:
    data = b"".join(op + space for op, space in parts)
    try:
        mine = operations(data)
    except ContentError:
        return  # pypdf's own parser reads it then
    assert text_operations(mine) == text_operations(pypdf_operations(data))


# --------------------------------------------------------------------------- text runs on pages written here


def _pdf(streams: list[bytes]) -> PdfReader:
    """A PDF with a page per content stream, Helvetica as /F1 and Courier as /F2 (standard fonts, no file)."""
    writer = PdfWriter()
    for data in streams:
        page = writer.add_blank_page(595, 842)
        fonts = DictionaryObject()
        for name, base in (("/F1", "/Helvetica"), ("/F2", "/Courier")):
            font = DictionaryObject()
            font[NameObject("/Type")] = NameObject("/Font")
            font[NameObject("/Subtype")] = NameObject("/Type1")
            font[NameObject("/BaseFont")] = NameObject(base)
            fonts[NameObject(name)] = writer._add_object(font)
        resources = DictionaryObject()
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        stream = DecodedStreamObject()
        stream.set_data(data)
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return PdfReader(io.BytesIO(buffer.getvalue()))


PAGES = [
    b"BT /F1 12 Tf 72 770 Td (Title line) Tj 0 -20 Td (Left) Tj 200 0 Td (Right cell) Tj ET",
    b"q 0.5 0 0 0.5 0 0 cm BT /F1 24 Tf 1 0 0 1 100 1500 Tm [(Kern) -300 (ed) 2000 (far)] TJ ET Q "
    b"BT /F2 10 Tf 14 TL 72 600 Td (line one) Tj T* (line two) Tj (line three) ' 2 1 (spaced) \" ET",
    b"BT /F1 11 Tf 0 1 -1 0 300 300 Tm (rotated) Tj ET BT /F1 11 Tf 72 500 Td (upright) Tj ET "
    b"BT /F1 11 Tf 1 0 0 -1 72 400 Tm (flipped) Tj ET",
    b"q BT /F1 12 Tf 3 Tc 2 Tw 80 Tz 2 Ts 72 300 Td (state params) Tj ET Q q q 1 0 0 1 5 5 cm Q "
    b"BT /F1 12 Tf 72 280 Td (after nested q) Tj /F9 12 Tf (unknown font) Tj ET Q",
    b"BT /F1 9 Tf 72 700 Td (a) Tj 5 0 Td (b) Tj 5 0 Td (c) Tj -200 0 Td (back) Tj ET",
]


def test_text_runs_and_layout_are_pypdfs_on_pages_written_here() -> None:
    reader = _pdf(PAGES)
    cache: dict[int, Any] = {}
    for page in reader.pages:
        ops, fonts = _operations(page), _page_fonts(page, cache)
        assert ops is not None and fonts is not None
        assert text_groups(ops, fonts) == _layout_mode.text_show_operations(iter(ops), fonts, True, None)
        assert _layout_text(page, ops, fonts) == page.extract_text(extraction_mode="layout")


def assert_same_as_pypdf(pdf: Path) -> None:
    """Our operations (text operators) and text runs equal pypdf's on every page of ``pdf``."""
    reader = PdfReader(str(pdf), strict=False)
    cache: dict[int, Any] = {}
    for number, page in enumerate(reader.pages):
        data = ContentStream(page.get("/Contents").get_object(), reader, "bytes").get_data()
        reference = list(ContentStream(page.get("/Contents").get_object(), reader, "bytes").operations)
        assert text_operations(operations(data)) == text_operations(reference), (pdf.name, number)
        fonts = _page_fonts(page, cache)
        assert fonts is not None
        assert text_groups(reference, fonts) == _layout_mode.text_show_operations(iter(reference), fonts, True, None)


@pytest.mark.shared
@pytest.mark.parametrize("pdf", shared_files(REAL, "*.pdf"), ids=lambda p: p.name)
def test_the_real_reports_pdfs_read_as_pypdf_reads_them(pdf: Path) -> None:
    assert_same_as_pypdf(pdf)
