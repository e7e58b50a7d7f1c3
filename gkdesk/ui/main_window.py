"""The editor window: navigator | the chosen part | problems, with files, undo, autosave and sign-off around it.

One window edits one report (``DocumentView`` over a ``ReportSession``); with nothing open it shows a start page.
The document's lifecycle (open, save, export, locks, recovery, sign-off) is ``gkdesk.ui.document_controller``'s;
the commands, menus and toolbar are declared in ``gkdesk.ui.window_actions``. Every prompt goes through
``gkdesk.ui.dialogs``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gkdesk.domain import revisions
from gkdesk.domain.findings import Finding
from gkdesk.domain.forms import FORM_PART
from gkdesk.domain.refs import parse_ref
from gkdesk.domain.report import NARRATIVE_PARTS, PART_TITLES, TABLE_OF_PART, Report
from gkdesk.io.readers import OPENABLE_SUFFIXES
from gkdesk.resources import example_report_path, resources_dir
from gkdesk.ui import autosave, dialogs, recent
from gkdesk.ui.app_settings import KEEP_SOURCE_TITLES, PANE_SIZES, WINDOW_GEOMETRY, settings
from gkdesk.ui.cover_editor import CoverEditor, SignaturePage, chinese_date, page_title
from gkdesk.ui.document_controller import DocumentController, hold, holds, let_go, window_for
from gkdesk.ui.narrative_editor import NarrativeEditor
from gkdesk.ui.navigator import Navigator
from gkdesk.ui.session import ReportSession
from gkdesk.ui.window_actions import ACTIONS, MENUS, RECENT_MENU, SEPARATOR, TOOLBAR, TOOLBAR_TOGGLE, ActionSpec

if TYPE_CHECKING:  # the classes of events that never reach the window before its first frame
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

APP_NAME = "gkdesk"
_open_windows: list[MainWindow] = []


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 256):
        file = resources_dir() / "icons" / f"gkdesk-{size}.png"
        if file.exists():
            icon.addFile(str(file), QSize(size, size))
    return icon


def format_label(report: Report) -> str:
    if report.is_mixed_format:
        return "混合格式"
    return revisions.revision(report.format).format_name


class NarrativePage(QWidget):
    """一, 五 or 六: the part title over a narrative editor."""

    def __init__(self, session: ReportSession, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(page_title(f"{key}、{PART_TITLES[key]}", self))  # type: ignore[index]
        self.editor = NarrativeEditor(session, key, self)
        layout.addWidget(self.editor, 1)


class DocumentView(QWidget):
    """The three panes for one open report; pages are built when first shown, which keeps start-up fast."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.navigator = Navigator(self)
        self.navigator.setMinimumWidth(150)
        self.pages: dict[str, QWidget] = {}
        self.show_previous = False
        self.stack = QStackedWidget(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(
            "#banner { background:#e8f0fe; color:#174ea6; border:1px solid #aecbfa; padding:6px 10px; font-weight:bold; }"
        )
        self.banner.setVisible(False)

        from gkdesk.ui.problems_panel import ProblemsPanel

        self.problems = ProblemsPanel(session, self)
        self.problems.setMinimumWidth(220)
        self.problems.findingActivated.connect(self.show_finding)

        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.banner)
        centre_layout.addWidget(self.stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.problems)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([200, 800, 440])
        state = PANE_SIZES.get()
        self._panes_sized = state is not None and self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.navigator.partSelected.connect(self.show_part)
        session.findingsChanged.connect(self._on_findings)
        session.readOnlyChanged.connect(self._update_banner)
        session.fieldsChanged.connect(self._update_banner)
        self._on_findings()
        self._update_banner()
        self.navigator.select("封面")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """First real size: the centre keeps room for a whole table (~720 px), the problems pane takes what is left
        up to 440 px, so a 1366 px laptop screen shows the grid without a horizontal scroll bar. Sized again when
        a smaller window would leave the centre less than that."""
        super().resizeEvent(event)
        width = event.size().width()
        navigator = 200 if width >= 1200 else 160
        problems = max(240, min(440, width - navigator - 740))
        if self._panes_sized and width > 0:
            # Panes saved in (or sized for) a bigger window must not crush the centre when the window is smaller
            # (1024 x 700: the grid and the cover fields): the side panes give way first.
            sizes = self.splitter.sizes()
            if len(sizes) == 3 and sizes[1] < min(720, width - navigator - problems):
                self._panes_sized = False
        if not self._panes_sized and width > 0:
            self._panes_sized = True
            if self.navigator.isHidden():
                navigator = 0
            if self.problems.isHidden():
                problems = 0
            self.splitter.setSizes([navigator, width - navigator - problems, problems])

    # ------------------------------------------------------------------ pages

    def page(self, key: str) -> QWidget:
        if key not in self.pages:
            page: QWidget
            if key == "封面":
                page = CoverEditor(self.session, self)
            elif key == "落款":
                signature = SignaturePage(self.session, self)
                window = self.window()
                if isinstance(window, MainWindow):
                    signature.signOffRequested.connect(window.sign_off)
                    signature.revokeRequested.connect(window.revoke_sign_off)
                page = signature
            elif key == "图表":
                from gkdesk.ui.glance_page import GlancePage

                page = GlancePage(self.session, self)
            elif key == "自查":
                from gkdesk.ui.assessment_page import AssessmentPage

                page = AssessmentPage(self.session, self)
            elif key in TABLE_OF_PART:
                from gkdesk.ui.table_editor import TableEditor

                page = TableEditor(self.session, TABLE_OF_PART[key], self)
                self._apply_previous(page)
            else:
                page = NarrativePage(self.session, key, self)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def set_show_previous(self, on: bool) -> None:
        """视图 → 显示上年数值: last year's figure in every cell of the tables (once a report is rolled over)."""
        self.show_previous = on
        for key in TABLE_OF_PART:
            if key in self.pages:
                self._apply_previous(self.pages[key])

    def _apply_previous(self, page: QWidget) -> None:
        view = getattr(page, "view", None)
        setter = getattr(view, "set_show_previous", None)
        if setter is not None:
            setter(self.show_previous)

    def current_key(self) -> str:
        return self.navigator.current_key() or "封面"

    def show_part(self, key: str) -> None:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if self.navigator.current_key() != key:
            self.navigator.select(key)

    def _narrative_editor(self, key: str) -> NarrativeEditor | None:
        page = self.page(key)
        if isinstance(page, NarrativePage):
            return page.editor
        if isinstance(page, CoverEditor):
            return page.preface
        return None

    def show_finding(self, finding: Finding) -> None:
        """Jump from the problems list: to the part, then to the cell, the quoted sentence or the 待更新 paragraph."""
        part = finding.part or "封面"
        if part not in ("封面", "落款", *PART_TITLES):
            part = "封面"
        quoted = re.search(r"“([^”]+)”", finding.message) if finding.code == "R7" else None
        if quoted is not None:
            # The quoted sentence may be in the preface or any narrative part, whatever part the finding names.
            text = quoted.group(1)
            for key in dict.fromkeys((part, "封面", *NARRATIVE_PARTS)):
                if key in ("封面", *NARRATIVE_PARTS) and self._section_has(key, text):
                    self.show_part(key)
                    editor = self._narrative_editor(key)
                    if editor is not None:
                        editor.find_text(text)
                    return
        self.show_part(part)
        page = self.pages[part]
        if finding.cells:
            # the cell a fix would set (R1: the carry-over) is where the clerk acts; else the first named
            form_id, cell_id = parse_ref(finding.target or finding.cells[0])
            if FORM_PART[form_id] == part:
                page.focus_cell(cell_id)  # type: ignore[attr-defined]
        elif finding.code == "PENDING":
            editor = self._narrative_editor(part)
            if editor is not None:
                editor.focus_first_pending()
        elif isinstance(page, CoverEditor) and "标题" in finding.message:
            page.title_edit.setFocus()
        elif isinstance(page, SignaturePage):
            field = page.date_edit if "日期" in finding.message else page.agency_edit
            field.setFocus()

    def _section_has(self, key: str, text: str) -> bool:
        blocks = self.session.blocks("preface" if key == "封面" else key)
        return any(text in f"{b.text}{b.inline_text}" for b in blocks)

    # ------------------------------------------------------------------ following the session

    def _on_findings(self) -> None:
        self.navigator.show_findings(self.session.result)

    def _update_banner(self, *_args: object) -> None:
        sign = self.session.report.sign_off
        if sign.signed and sign.date is not None:
            self.banner.setText(f"已签发：{sign.approver} {chinese_date(sign.date)} — 只读")
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)


class StartPage(QWidget):
    """What the window shows with no report open: the usual first steps and the recent files."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("startPage")
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel("政府信息公开工作年度报告编辑器", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("从上年的报告开始：打开上年报告，然后选择“文件 → 新建下一年度报告”。", self)
        subtitle.setWordWrap(True)
        heading_text = QVBoxLayout()
        heading_text.addWidget(title)
        heading_text.addWidget(subtitle)
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addSpacing(12)
        heading.addLayout(heading_text, 1)

        buttons = QVBoxLayout()
        buttons.addWidget(QLabel("开始：", self))
        for text, slot in (
            ("新建报告…", window.new_report),
            ("打开报告…", window.open_dialog),
            ("从粘贴文本导入…", window.import_pasted_text),
            ("打开示例报告", window.open_example),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent_list = QListWidget(self)
        self.recent_list.setSpacing(3)
        self.recent_list.itemActivated.connect(self._open_recent)
        self.recent_list.itemClicked.connect(self._open_recent)
        for path in recent.recent_files():
            item = QListWidgetItem(f"{path.name}\n    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent_list.addItem(item)
        if not self.recent_list.count():
            self.recent_list.addItem("（还没有最近打开的文件）")
        self._window = window
        recent_box = QVBoxLayout()
        recent_box.addWidget(QLabel("最近打开：", self))
        recent_box.addWidget(self.recent_list, 1)
        columns = QHBoxLayout()
        columns.addLayout(buttons, 2)
        columns.addSpacing(24)
        columns.addLayout(recent_box, 5)
        hint = QLabel("提示：也可以把 .gkreport、.docx 或 .txt 文件拖到窗口上打开。", self)
        hint.setStyleSheet("color: #5f6b7a;")

        panel = QWidget(self)
        panel.setMaximumWidth(1000)
        panel.setMaximumHeight(620)
        inner = QVBoxLayout(panel)
        inner.addLayout(heading)
        inner.addSpacing(24)
        inner.addLayout(columns, 1)
        inner.addWidget(hint)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        outer.addWidget(panel, 6)
        outer.addStretch(1)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self._window.open_path(Path(path))


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.session: ReportSession | None = None
        self.document: DocumentView | None = None
        self.autosaver: autosave.Autosaver | None = None
        self.source_name = ""
        self.saved_at: dt.datetime | None = None
        self.held_path: Path | None = None  # the file this window shows (``document_controller.hold``)
        self.controller = DocumentController(self, self)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        available = self.screen().availableGeometry()  # a 1366 x 768 office laptop gets a window that fits
        self.resize(min(1440, int(available.width() * 0.94)), min(900, int(available.height() * 0.92)))
        self._build_actions()
        self.keep_source_titles_action.setChecked(KEEP_SOURCE_TITLES.get())
        self.status_label = QLabel(self)
        self._update_actions()  # before menus and toolbar show the actions: no change for each of them to follow
        self._build_toolbar()
        self._build_menus()
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self._show_start_page()
        geometry = WINDOW_GEOMETRY.get()
        if geometry is not None:
            self.restoreGeometry(geometry)
        _open_windows.append(self)

    # ------------------------------------------------------------------ actions, menus, toolbar
    # Declared in ``gkdesk.ui.window_actions``; each spec becomes ``<name>_action`` here.

    new_action: QAction
    open_action: QAction
    import_text_action: QAction
    save_action: QAction
    save_as_action: QAction
    keep_source_titles_action: QAction
    export_docx_action: QAction
    export_txt_action: QAction
    export_html_action: QAction
    export_pdf_action: QAction
    preview_action: QAction
    next_year_action: QAction
    merge_action: QAction
    export_graphic_action: QAction
    batch_check_action: QAction
    new_ledger_action: QAction
    ledger_action: QAction
    import_log_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    fix_all_action: QAction
    auto_total_action: QAction
    convert_action: QAction
    check_action: QAction
    sign_action: QAction
    revoke_action: QAction
    guide_action: QAction
    about_action: QAction
    show_navigator_action: QAction
    show_problems_action: QAction
    show_previous_action: QAction

    def _make_action(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self)
        if len(spec.shortcuts) == 1:
            action.setShortcut(QKeySequence(spec.shortcuts[0]))  # a standard key: its first binding, as Qt's menus
        elif spec.shortcuts:
            action.setShortcuts([QKeySequence(shortcut) for shortcut in spec.shortcuts])
        if spec.icon is not None:
            action.setIcon(self.style().standardIcon(spec.icon))
        if spec.icon_text:
            action.setIconText(spec.icon_text)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
        # the method is looked up when triggered, so it is always the window's current one
        action.triggered.connect(lambda _checked=False: getattr(self, spec.slot)(*spec.args))
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        for spec in ACTIONS:
            action = self.actions_by_name[spec.name] = self._make_action(spec)
            setattr(self, f"{spec.name}_action", action)

    def _add_entries(self, widget: QMenu | QToolBar, entries: tuple[str, ...]) -> None:
        for entry in entries:
            if entry == SEPARATOR:
                widget.addSeparator()
            elif entry == TOOLBAR_TOGGLE:
                widget.addAction(self.toolbar.toggleViewAction())
            elif entry == RECENT_MENU:
                self.recent_menu = QMenu("最近打开", self)
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
                widget.addAction(self.recent_menu.menuAction())
            else:
                widget.addAction(self.actions_by_name[entry])

    def _build_toolbar(self) -> None:
        bar = QToolBar("工具栏", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = bar
        self._add_entries(bar, TOOLBAR)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        for attribute, title, entries in MENUS:
            menu = self.menuBar().addMenu(title)
            setattr(self, attribute, menu)
            self._add_entries(menu, entries)

    def _toggle_previous(self) -> None:
        if self.document is not None:
            self.document.set_show_previous(self.show_previous_action.isChecked())

    def _toggle_pane(self, index: int) -> None:
        if self.document is not None:
            widget = self.document.splitter.widget(index)
            if widget is not None:
                widget.setVisible(not widget.isVisible())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent.recent_files()
        for path in files:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("清除列表").triggered.connect(recent.clear_recent)

    # ------------------------------------------------------------------ document state

    def _show_start_page(self) -> None:
        self.setCentralWidget(StartPage(self))
        self._update_actions()
        self._update_title()
        self._update_status()

    def set_session(
        self,
        session: ReportSession,
        source_name: str = "",
        autosave_id: str | None = None,
        file_path: Path | None = None,
    ) -> None:
        """Show a report; the previous one must already be closed (``close_document``).

        ``file_path`` is the file the report was read from when it is not ``session.path`` (an imported .docx);
        the window holds that file (``window_for``) and, for a .gkreport, its lock."""
        self.session = session
        self.source_name = source_name or (session.path.name if session.path else "")
        self.saved_at = None
        self.autosaver = self.controller.start_autosave(session, autosave_id)
        self.autosaver.autosaved.connect(lambda _entry: self._update_status())
        self.autosaver.failed.connect(lambda message: self.statusBar().showMessage(f"自动保存失败：{message}", 10000))
        for signal in (session.cellsChanged, session.blocksChanged, session.fieldsChanged):
            signal.connect(self._on_edit)
        session.modifiedChanged.connect(self._on_modified)
        session.findingsChanged.connect(self._update_status)
        session.findingsChanged.connect(self._update_actions)  # e.g. 转换为 2021 版格式 after a conversion or undo
        session.readOnlyChanged.connect(self._update_actions)
        session.autoTotalChanged.connect(self.auto_total_action.setChecked)
        session.undo_stack.canUndoChanged.connect(self._update_actions)
        session.undo_stack.canRedoChanged.connect(self._update_actions)
        session.undo_stack.undoTextChanged.connect(self._update_actions)
        session.undo_stack.redoTextChanged.connect(self._update_actions)
        self.document = DocumentView(session, self)
        self.document.set_show_previous(self.show_previous_action.isChecked())
        self.setCentralWidget(self.document)
        self.controller.hold_file(session, file_path)
        self._update_actions()
        self._update_title()
        self._update_status()

    def _hold(self, path: Path | None) -> None:
        hold(self, path)

    def _let_go(self) -> None:
        let_go(self)

    def holds(self, path: Path) -> bool:
        """Whether this window is the one showing ``path`` (and so the owner of its lock)."""
        return holds(self, path)

    def bring_forward(self) -> None:
        """Show this window in front (a second open of its report, or its recovery)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _on_edit(self, *_args: object) -> None:
        if self.autosaver is not None and self.session is not None and self.session.modified:
            self.autosaver.changed()

    def _on_modified(self, modified: bool) -> None:
        self._update_title()
        if modified:
            self._on_edit()

    def display_name(self) -> str:
        if self.session is None:
            return ""
        if self.session.path is not None:
            return self.session.path.name
        return f"{self.source_name}（未保存）" if self.source_name else "未命名报告"

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.session.modified)

    def status_text(self) -> str:
        if self.session is None:
            return "没有打开的报告"
        report = self.session.report
        result = self.session.result
        parts = [
            "已签发" if report.signed_off else "草稿",
            format_label(report),
            f"{len(result.errors)} 个错误",
            f"{len(result.warnings)} 个警告",
        ]
        last = self.autosaver.last if self.autosaver else None
        if last is not None and (self.saved_at is None or last.saved_at > self.saved_at):
            parts.append(f"已自动保存 {last.saved_at:%H:%M}")
        elif self.saved_at is not None:
            parts.append(f"已保存 {self.saved_at:%H:%M}")
        return " · ".join(parts)

    def _update_status(self, *_args: object) -> None:
        self.status_label.setText(self.status_text())

    def _update_actions(self, *_args: object) -> None:
        """Each action enabled as its spec says (``ActionSpec.enabled``); undo/redo name what they would undo."""
        session = self.session
        for spec in ACTIONS:
            if spec.enabled is not None:
                self.actions_by_name[spec.name].setEnabled(session is not None and spec.enabled(session))
        if session is None:
            return
        stack = session.undo_stack
        self.undo_action.setText(f"撤销 {stack.undoText()}".strip() if stack.canUndo() else "撤销")
        self.redo_action.setText(f"重做 {stack.redoText()}".strip() if stack.canRedo() else "重做")
        self.auto_total_action.setChecked(session.auto_total)

    def commit_pending_edits(self) -> None:
        """A cell or field still being typed in is committed before saving, exporting or closing.

        Toolbar buttons take no focus, so without this a figure typed but not yet confirmed with Enter would be
        left out of the saved file. Taking the focus away makes the editor commit, as clicking elsewhere does.
        """
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ start-up

    def start(self, files: list[str], example: bool = False) -> None:
        """What ``gkdesk [FILE] [--example]`` does after the window is shown: recover, then open."""
        self.offer_recovery()
        if example:
            self.open_example()
        for path in [Path(f) for f in files]:
            existing = window_for(path)
            if existing is not None:  # e.g. just recovered: its window, with the edits, comes forward
                existing.bring_forward()
                continue
            target = self if self.session is None else MainWindow()
            target.show()
            target.open_path(path)

    def offer_recovery(self) -> None:
        """Copies left by a gkdesk that crashed or was killed: 恢复 or 放弃 each one."""
        self.controller.offer_recovery(MainWindow)

    # ------------------------------------------------------------------ closing

    def close_document(self) -> bool:
        """Ask about unsaved changes; False when the clerk cancels. Then the start page shows."""
        had_report = self.session is not None
        if not self.controller.close():
            return False
        if had_report:
            self.session = None
            self.document = None
            self._show_start_page()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.document is not None:
            PANE_SIZES.set(self.document.splitter.saveState())
        if not self.close_document():
            event.ignore()
            return
        WINDOW_GEOMETRY.set(self.saveGeometry())
        settings().sync()
        if self in _open_windows:
            _open_windows.remove(self)
        event.accept()

    # ------------------------------------------------------------------ files

    def _folder(self) -> str:
        return self.controller.folder()

    def _remember_folder(self, path: Path) -> None:
        self.controller.remember_folder(path)

    # The document's lifecycle is its controller's (``gkdesk.ui.document_controller``); these are the names the
    # actions, the start page and the tests use.

    def open_dialog(self) -> None:
        self.controller.open_dialog()

    def open_example(self) -> bool:
        return self.controller.open_example(example_report_path())

    def open_path(self, path: Path) -> bool:
        return self.controller.open_path(path)

    def import_pasted_text(self) -> None:
        self.controller.import_pasted_text()

    def new_report(self) -> None:
        self.controller.new_report()

    def new_next_year(self) -> None:
        self.controller.new_next_year()

    def merge_reports(self) -> None:
        self.controller.merge_reports()

    def save(self) -> bool:
        return self.controller.save()

    def save_as(self) -> bool:
        return self.controller.save_as()

    def save_to(self, path: Path) -> bool:
        return self.controller.save_to(path)

    def export(self, suffix: str) -> Path | None:
        return self.controller.export(suffix)

    def export_graphic(self) -> None:
        from gkdesk.ui.glance_page import export_from_window

        export_from_window(self)

    def open_batch_check(self) -> None:
        from gkdesk.ui.batch_view import open_batch_view

        open_batch_view(self, self)

    def print_preview(self) -> None:
        self.commit_pending_edits()
        if self.session is not None:
            from gkdesk.ui.print_preview import show_preview

            show_preview(self, self.session.report)

    def show_import_log(self) -> None:
        if self.session is None:
            return
        from html import escape as html_escape  # html.entities is a large table: loaded when the log is shown

        entries = self.session.report.import_log
        words = {"recognised": "已识别", "assumed": "推定", "missing": "缺失", "warning": "注意"}
        colours = {"recognised": "#1d5f2f", "assumed": "#8a5a00", "missing": "#b3261e", "warning": "#b3261e"}
        rows = "".join(
            f'<tr><td style="color:{colours[e.level]};white-space:nowrap;padding-right:12px"><b>{words[e.level]}</b></td>'
            f"<td>{html_escape(e.message)}</td></tr>"
            for e in sorted(entries, key=lambda e: ("missing", "warning", "assumed", "recognised").index(e.level))
        )
        html = (
            f"<h3>导入说明：{html_escape(self.display_name())}</h3>"
            "<p>下面是导入时识别到的内容、按惯例推定的内容和没有找到的内容。请逐项核对。</p>"
            f"<table>{rows or '<tr><td>没有需要说明的内容。</td></tr>'}</table>"
        )
        dialogs.show_text(self, "导入说明", html)

    # ------------------------------------------------------------------ editing

    def undo(self) -> None:
        if self.session is not None and not self.session.read_only:
            self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is not None and not self.session.read_only:
            self.session.undo_stack.redo()

    def fix_all(self) -> None:
        if self.session is not None:
            self.session.fix_all()

    def new_ledger(self) -> None:
        from gkdesk.ui.ledger_dialog import new_ledger_template

        new_ledger_template(self)

    def count_from_ledger(self) -> None:
        from gkdesk.ui.ledger_dialog import count_from_ledger

        count_from_ledger(self)

    def convert_to_2021(self) -> None:
        from gkdesk.ui.problems_panel import offer_conversion

        if self.session is not None:
            offer_conversion(self, self.session)

    def toggle_source_titles(self) -> None:
        """文件 → 导出时保留原文的部分标题: remembered for the next exports (gkdesk.ui.app_settings)."""
        KEEP_SOURCE_TITLES.set(self.keep_source_titles_action.isChecked())

    def toggle_auto_total(self) -> None:
        if self.session is not None:
            self.session.set_auto_total(self.auto_total_action.isChecked())

    def run_check(self) -> None:
        self.commit_pending_edits()
        if self.session is None:
            return
        self.session.recheck()
        if self.document is not None:
            self.document.problems.setVisible(True)
        self.statusBar().showMessage(f"检查完成：{self.session.result.summary()}", 5000)

    def sign_off(self) -> None:
        self.controller.sign_off()

    def revoke_sign_off(self) -> None:
        self.controller.revoke_sign_off()

    # ------------------------------------------------------------------ help

    def show_guide(self) -> None:
        from gkdesk.ui.help import show_guide

        show_guide(self)

    def show_about(self) -> None:
        from gkdesk.ui.help import show_about

        show_about(self)

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in OPENABLE_SUFFIXES:
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(path))
