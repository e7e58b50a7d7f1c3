"""A report in traditional characters (a government site's 繁體 version, a crawler's or a Word copy of it) reads as
the simplified report it was made from: every figure, the title, the parts, the signature, with a note; a
simplified report that merely holds a character such as 著 is left as it is."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.docx_writer import write_docx
from gkdesk.io.export_layout import LayoutOptions
from gkdesk.io.files import load_report
from gkdesk.io.recognise.traditional import is_traditional, to_simplified
from gkdesk.io.txt_reader import read_text_report
from gkdesk.io.txt_writer import report_to_text
from gkdesk.resources import resources_dir
from tests.conftest import REAL, shared_files
from tests.io.export_support import JIAOKOU_PRINTED_TITLE, jiaokou_2021, signed
from tests.io.import_expect import table_content


@cache
def _to_traditional() -> dict[int, str]:
    """Simplified → a traditional character that folds back to it: the table read the other way."""
    data = json.loads((resources_dir() / "recognise" / "traditional.json").read_text(encoding="utf-8"))
    back: dict[str, str] = {}
    for traditional, simplified in sorted(data["traditional_to_simplified"].items()):
        back.setdefault(simplified, traditional)
    return str.maketrans(back)


def traditional(text: str) -> str:
    return text.translate(_to_traditional())


def _assert_read_as_simplified(got: Report, source: Report) -> None:
    expected = read_text_report(report_to_text(source))
    for form_id, table in expected.tables.items():
        assert table_content(got.tables[form_id]) == table_content(table), form_id
        assert got.tables[form_id].unread_cells == []
    assert (got.title, got.year, got.signature) == (expected.title, expected.year, expected.signature)
    for key, part in expected.parts.items():
        # back as written: 顯著 is 显著 by OpenCC's word list, where 著 alone would give 着
        assert [b.text for b in got.parts[key].blocks] == [b.text for b in part.blocks], key
    assert any("繁体字" in entry.message for entry in got.import_log)


def test_a_traditional_copy_reads_as_the_simplified_report() -> None:
    source = signed(jiaokou_2021())
    text = traditional(report_to_text(source))
    assert "政府信息公開" in text and "報告" in text  # the test really reads traditional text
    _assert_read_as_simplified(read_text_report(text), source)


def test_a_traditional_word_document_reads_as_the_simplified_report(tmp_path: Path) -> None:
    source = signed(jiaokou_2021())
    shown = source.model_copy(deep=True)
    shown.title = traditional(shown.title)
    shown.signature.agency = traditional(shown.signature.agency)
    for part in shown.parts.values():
        for block in part.blocks:
            block.text = traditional(block.text)
    path = tmp_path / "繁體.docx"
    # without the embedded copy, which would give the report back as written: the document's own text is read
    write_docx(shown, path, draft=True, options=LayoutOptions(embed_report=False))
    got = load_report(path)
    assert got.title == JIAOKOU_PRINTED_TITLE
    assert got.signature.agency == source.signature.agency
    for form_id, table in source.tables.items():
        assert got.tables[form_id].counts == table.counts, form_id
    assert any("繁体字" in entry.message for entry in got.import_log)


def test_words_a_character_alone_gets_wrong() -> None:
    assert to_simplified("取得顯著成效，無正當理由大量反覆申請") == "取得显著成效，无正当理由大量反复申请"


def test_a_simplified_report_with_a_few_ambiguous_characters_is_kept_as_typed() -> None:
    text = report_to_text(signed(jiaokou_2021()))
    assert "显著" in text
    assert not is_traditional(text)
    report = read_text_report(text)
    assert not any("繁体字" in entry.message for entry in report.import_log)
    assert any("显著" in b.text for b in report.parts["一"].blocks)


@pytest.mark.shared
@pytest.mark.parametrize("path", shared_files(REAL, "*.txt"), ids=lambda p: p.name)
def test_a_real_report_in_traditional_characters_reads_every_figure_the_original_does(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")
    original, converted = read_text_report(raw), read_text_report(traditional(raw))
    for form_id, table in original.tables.items():
        assert table_content(converted.tables[form_id]) == table_content(table), form_id
        assert converted.tables[form_id].unread_cells == table.unread_cells, form_id
