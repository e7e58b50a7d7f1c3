"""打印预览 of a report with cells the importer could not read: printed empty, as the .docx/.txt exporters do, never as
the placeholder 0 they hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication

from gkdesk.domain.report import Report, new_report
from gkdesk.ui.print_preview import preview_layout

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


def test_the_paginated_preview_prints_no_placeholder(qapp: QApplication) -> None:
    report = _report()
    runs = [run.text for page in preview_layout(report).pages for run in page.runs]
    assert "0" not in runs  # every figure of the report is non-zero but the unread ones, which print empty
    value_cells = sum(
        1 for table in report.tables.values() for g in table.form.grid if g.role == "value" and g.cell_id is not None
    )
    unread = sum(len(table.unread_cells) for table in report.tables.values())
    assert runs.count("3") == value_cells - unread
