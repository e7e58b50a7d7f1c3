"""打印预览 of a report with cells the importer could not read: printed empty, as the .docx/.txt exporters do, never as
the placeholder 0 they hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication

from gkdesk.domain.forms import FormId
from gkdesk.domain.report import Report, TableData, new_report
from gkdesk.ui.print_preview import build_document, table_html

pytestmark = pytest.mark.gui


def _report() -> Report:
    """Every figure printed non-zero, so a 0 in the preview can only be a placeholder; a few cells unread."""
    report = new_report("交口县人民政府", 2024)
    for table in report.tables.values():
        for cell in table.form.cells:
            table.set(cell.cell_id, Decimal(3) if cell.kind == "decimal" else 3)
    report.applications.set("granted.natural", 0)
    report.applications.set("total.total", 0)
    report.applications.mark_unread(["granted.natural", "total.total"])
    report.disclosure.set("art20_8.fees.amount_wan", Decimal(0))
    report.disclosure.set("art20_1.regulations.issued", 0)
    report.disclosure.mark_unread(["art20_8.fees.amount_wan", "art20_1.regulations.issued"])
    report.review_litigation.set("review.corrected", 0)
    report.review_litigation.mark_unread(["review.corrected"])
    return report


def _tables(document: QTextDocument) -> list[QTextTable]:
    return [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]


def _cell_text(table: QTextTable, row: int, col: int) -> str:
    cell = table.cellAt(row, col)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), cursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _printed_values(data: TableData, printed: QTextTable) -> dict[str, str]:
    """cell id -> the text the preview prints in its grid position (the whole table is one printed <table>)."""
    return {g.cell_id: _cell_text(printed, g.row, g.col) for g in data.form.grid if g.cell_id is not None}


@pytest.mark.parametrize("form_id", ["disclosure", "applications", "review_litigation"])
def test_unread_cells_print_empty_and_every_other_figure_as_it_is(qapp: QApplication, form_id: FormId) -> None:
    data = _report().tables[form_id]
    document = QTextDocument()
    document.setHtml(table_html(data))
    [printed] = _tables(document)
    values = _printed_values(data, printed)
    for cell_id, text in values.items():
        if cell_id in data.unread_cells:
            assert text == "", cell_id
        else:
            assert text == "3", cell_id


def test_the_paginated_preview_prints_no_placeholder(qapp: QApplication) -> None:
    report = _report()
    document = build_document(report)
    # Table 四 (one row of figures) is always one printed table with its heading: check it in place.
    table_four = _tables(document)[-1]
    values = _printed_values(report.review_litigation, table_four)
    assert values["review.corrected"] == ""
    assert {text for cell_id, text in values.items() if cell_id != "review.corrected"} == {"3"}
    # No value cell of any printed piece shows 0: every figure of the report is non-zero but the unread ones.
    texts = {
        _cell_text(table, r, c)
        for table in _tables(document)
        for r in range(table.rows())
        for c in range(table.columns())
    }
    assert "0" not in texts
    assert "3" in texts
