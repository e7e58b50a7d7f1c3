"""The 图表 page (this year beside last year) and 文件 → 导出图解…; the painting is ``gkdesk.render``'s."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gkdesk.domain.glance import glance
from gkdesk.io.errors import GkError
from gkdesk.io.files import suggested_export_name
from gkdesk.render.charts import DrawnFigure, paint_glance
from gkdesk.render.graphic import write_graphic
from gkdesk.ui import dialogs
from gkdesk.ui.cover_editor import page_title
from gkdesk.ui.editor_window import EditorWindow
from gkdesk.ui.session import ReportSession

GRAPHIC_FILTER = "PNG 图片 (*.png);;PDF 文件 (*.pdf)"
NO_PREVIOUS_HINT = "本报告内没有上年报告，只显示本年数字。用“新建下一年度报告”生成的报告带有上年报告，可逐项对比。"


class GlanceCanvas(QWidget):
    """Paints the four comparisons at the widget's size; ``drawn`` is what the last paint showed."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.drawn: list[DrawnFigure] = []
        self.setMinimumSize(QSize(720, 560))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        area = QRectF(self.rect()).adjusted(16, 12, -16, -12)
        self.drawn = paint_glance(painter, area, glance(self.session.report))
        painter.end()


class GlancePage(QWidget):
    """图表: the charts, a hint when there is no last year's report, and the 导出图解 button."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        heading = QHBoxLayout()
        heading.addWidget(page_title("图表：本年与上年对比", self), 1)
        self.export_button = QPushButton("导出图解…", self)
        self.export_button.setToolTip("导出一页图解（.png 或 .pdf），供网站发布")
        self.export_button.clicked.connect(self._export)
        heading.addWidget(self.export_button)
        layout.addLayout(heading)
        self.hint = QLabel(NO_PREVIOUS_HINT, self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.canvas = GlanceCanvas(session, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.canvas)
        layout.addWidget(scroll, 1)
        session.findingsChanged.connect(self._refresh)
        session.fieldsChanged.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        self.hint.setVisible(self.session.report.previous is None)
        self.canvas.update()

    def _export(self) -> None:
        window = self.window()
        if isinstance(window, EditorWindow):
            export_from_window(window)
        else:
            export_graphic(self, self.session, "")


def export_graphic(parent: QWidget, session: ReportSession, folder: str) -> Path | None:
    """文件 → 导出图解…: ask where (.png or .pdf), paint, write; errors are one sentence."""
    report = session.report
    name = suggested_export_name(report, ".png").removesuffix(".png")
    chosen = dialogs.save_file(parent, "导出图解", str(Path(folder) / f"{name}（图解）.png"), GRAPHIC_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".png", ".pdf"):
        path = path.with_name(path.name + ".png")
    try:
        write_graphic(report, path)
    except GkError as exc:
        dialogs.error(parent, str(exc))
        return None
    status = getattr(parent, "statusBar", None)
    if callable(status):
        status().showMessage(f"已导出图解：{path}", 8000)
    return path


def export_from_window(window: EditorWindow) -> Path | None:
    """The menu action's slot: the open report's 图解, saved beside the window's current folder."""
    window.commit_pending_edits()
    if window.session is None:
        return None
    assert isinstance(window, QWidget)
    return export_graphic(window, window.session, window._folder())
