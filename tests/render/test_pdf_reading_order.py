"""Text copied from a PDF viewer in reading order (``pdftotext`` without ``-layout``): table 三 comes column by
column, its labels in one run and its figures in others. Whatever is read must be the source's figure; a row whose
label stands without figures while figures elsewhere are out of their rows is unread, never a blank row of 0s."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.txt_reader import read_text_report
from gkdesk.render.pdf import save_pdf
from tests.io.export_support import jiaokou_2021, signed
from tests.render.test_pdf_export import pdftotext


def _wrong_cells(got: Report, source: Report) -> list[tuple[str, object, object]]:
    wrong = []
    for form_id, table in source.tables.items():
        read = got.tables[form_id]
        if not read.present:
            continue
        for cell in table.form.cell_ids():
            if cell not in read.unread_cells and read.get(cell) != table.get(cell):
                wrong.append((f"{form_id}:{cell}", table.get(cell), read.get(cell)))
    return wrong


@pytest.mark.parametrize("draft", [True, False])
def test_reading_order_text_of_our_pdf_is_never_read_wrong(qapp, tmp_path: Path, draft: bool) -> None:
    source = jiaokou_2021() if draft else signed(jiaokou_2021())
    path = tmp_path / "年报.pdf"
    save_pdf(source, path)
    got = read_text_report("".join(pdftotext(path)))
    assert _wrong_cells(got, source) == []
    # （七）总计 is 1 for 自然人 in the source; in reading order its label stands alone after the columns
    assert "total.natural" in got.applications.unread_cells
    assert any("没有数字" in entry.message and "（七）总计" in entry.message for entry in got.import_log)
    assert got.disclosure.get("art20_5.licensing.decisions") == 3388  # table 二 beside its labels: still read
