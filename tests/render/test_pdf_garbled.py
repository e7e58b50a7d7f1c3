"""A PDF whose fonts lack a ToUnicode map gives glyph numbers instead of characters ("\\x01\\x02…", digits among
them). No figure can be trusted from such a text layer: it is refused as a whole, in one sentence that says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from gkdesk.io.errors import ReportReadError, UnexpectedReadError
from gkdesk.io.files import load_report
from gkdesk.io.pdf_reader import MAX_GARBLED_SHARE, garbled_share
from gkdesk.render.pdf import save_pdf
from tests.io.export_support import jiaokou_2021, signed


def _without_unicode_maps(source: Path, target: Path) -> None:
    reader, writer = PdfReader(source), PdfWriter()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for name in fonts:
            font = fonts[name].get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
        writer.add_page(page)
    with target.open("wb") as handle:
        writer.write(handle)


def test_a_text_layer_of_glyph_numbers_is_refused(qapp, tmp_path: Path) -> None:
    readable, garbled = tmp_path / "原.pdf", tmp_path / "乱码.pdf"
    save_pdf(signed(jiaokou_2021()), readable)
    _without_unicode_maps(readable, garbled)
    assert any(ch.isdigit() for ch in PdfReader(garbled).pages[0].extract_text())  # the trap: digits are there
    with pytest.raises(ReportReadError, match=r"乱码.*原文件") as caught:
        load_report(garbled)
    assert not isinstance(caught.value, UnexpectedReadError)
    assert load_report(readable).disclosure.get("art20_5.licensing.decisions") == 3388  # the same PDF, with maps


def test_garbled_share() -> None:
    assert garbled_share("") == 0.0
    assert garbled_share("一、总体情况 2021 年") == 0.0
    assert garbled_share("\x01\x02\x03\x04\x05012") > MAX_GARBLED_SHARE
    assert garbled_share("报告\ue000正文内容足够长的一段文字") < MAX_GARBLED_SHARE  # one odd symbol is no garble
