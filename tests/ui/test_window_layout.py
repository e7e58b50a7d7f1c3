"""The window on a small screen (1024 x 700): table 四's row of figures and the cover fields stay usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from gkdesk.ui.cover_editor import CoverEditor
from gkdesk.ui.main_window import MainWindow, settings
from gkdesk.ui.table_editor import TableEditor

pytestmark = pytest.mark.gui


def _small(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 700)
    assert window.document is not None
    centre = window.document.splitter.widget(1)
    qtbot.waitUntil(lambda: centre.width() >= 560)


def _page(qtbot, window: MainWindow, key: str) -> QWidget:
    assert window.document is not None
    window.document.show_part(key)
    page = window.document.pages[key]
    qtbot.waitUntil(page.isVisible)
    return page


def _table_four_fits(qtbot, window: MainWindow, shots: Path) -> None:
    page = _page(qtbot, window, "四")
    assert isinstance(page, TableEditor)
    view = page.view
    viewport = view.viewport().rect()

    def whole_row_visible() -> bool:
        """Every value cell's full height inside the viewport (columns to the right may need the scroll bar)."""
        cells = [view.visualRect(page.model.index_of(c)) for c in page.model.value_cell_ids()]
        return all(r.height() > 0 and viewport.top() <= r.top() and r.bottom() <= viewport.bottom() for r in cells)

    qtbot.waitUntil(whole_row_visible)
    assert view.verticalScrollBar().maximum() == 0  # the row of figures needs no vertical scrolling
    first = view.visualRect(page.model.index_of("review.upheld"))
    assert first.height() > 0 and viewport.contains(first)
    window.grab().save(str(shots / "table-four-1024x700.png"))


def _cover_fields_usable(qtbot, window: MainWindow, shots: Path) -> None:
    page = _page(qtbot, window, "封面")
    assert isinstance(page, CoverEditor)
    qtbot.waitUntil(lambda: page.title_edit.width() >= 300)
    # The whole title fits in its field ("关于河…" was all QA could see).
    title = page.title_edit.text()
    assert title
    assert page.title_edit.fontMetrics().horizontalAdvance(title) <= page.title_edit.width()
    for path in ("contacts.address", "contacts.phone", "contacts.fax", "contacts.postcode", "contacts.website"):
        edit = page.fields.edits[path]
        assert edit.text(), path  # the seed has them all
        assert edit.width() >= 200, path
        assert edit.fontMetrics().horizontalAdvance(edit.text()) <= edit.width(), path
    assert page.fields.edits["contacts.email"].width() >= 200
    assert page.preface.height() >= 150
    window.grab().save(str(shots / "cover-1024x700.png"))


def test_small_window_after_opening_at_a_larger_size(qtbot, main_window, jiaokou_file, tmp_path) -> None:
    """QA's case: the report opened in a big window, then the window made 1024 x 700."""
    assert main_window.open_path(jiaokou_file)
    _small(qtbot, main_window)
    _table_four_fits(qtbot, main_window, tmp_path)
    _cover_fields_usable(qtbot, main_window, tmp_path)


def test_small_window_with_panes_saved_in_a_large_window(qtbot, prompts, jiaokou_file, tmp_path) -> None:
    """Pane widths saved by a 1440 px window are not allowed to crush the centre of a 1024 px one."""
    big = MainWindow()
    big.resize(1440, 900)
    big.show()
    qtbot.waitExposed(big)
    assert big.open_path(jiaokou_file)
    assert big.document is not None
    big.document.splitter.setSizes([200, 600, 640])
    settings().setValue("window/panes", big.document.splitter.saveState())
    prompts.answers["ask_unsaved"] = "discard"
    big.close_document()
    big.close()
    big.deleteLater()

    window = MainWindow()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.open_path(jiaokou_file)
        _small(qtbot, window)
        _table_four_fits(qtbot, window, tmp_path)
        _cover_fields_usable(qtbot, window, tmp_path)
    finally:
        window.close()
        window.deleteLater()
