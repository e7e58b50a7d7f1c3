"""One open document's lifecycle: open, import, new, next year, merge, save, save as, export, sign-off.

The window (``gkdesk.ui.main_window.MainWindow``) holds the views and delegates each of these to its controller.
The controller is Qt but has no widgets of its own: it asks through ``gkdesk.ui.dialogs`` with the window as parent
and has the window show a session (``DocumentWindow.set_session``). Every step that reads, converts or writes a
report goes through one error guard, ``attempt``: a GkError is shown as its one Chinese sentence, a part this build
lacks as 本版本暂不能…, and the report on screen stays as it was.

One window per file: ``window_for`` finds the window holding a path (and so its lock, ``gkdesk.ui.autosave``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QObject
from shiboken6 import isValid

from gkdesk.domain.report import new_report
from gkdesk.errors import GkError
from gkdesk.io.files import load_report, save_report, suggested_export_name
from gkdesk.io.native import SUFFIX as NATIVE_SUFFIX
from gkdesk.io.readers import open_filter
from gkdesk.ui import autosave, dialogs, recent
from gkdesk.ui.app_settings import KEEP_SOURCE_TITLES, LAST_APPROVER, LAST_FOLDER
from gkdesk.ui.session import ReportSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from gkdesk.domain.report import Report

T = TypeVar("T")

OPEN_FILTER = open_filter()
NATIVE_FILTER = "gkdesk 报告 (*.gkreport)"
_EXPORT_KINDS = {
    ".docx": ("导出 Word", "Word 文档 (*.docx)"),
    ".html": ("导出网页", "网页 (*.html *.htm)"),
    ".pdf": ("导出 PDF", "PDF 文件 (*.pdf)"),
}
_TEXT_EXPORT = ("导出文本", "文本文件 (*.txt)")


class DocumentWindow(Protocol):
    """What the controller needs of the window that shows its document."""

    session: ReportSession | None
    autosaver: autosave.Autosaver | None
    saved_at: dt.datetime | None
    held_path: Path | None

    def window(self) -> QWidget: ...

    def show(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def commit_pending_edits(self) -> None: ...

    def close_document(self) -> bool: ...

    def set_session(
        self,
        session: ReportSession,
        source_name: str = "",
        autosave_id: str | None = None,
        file_path: Path | None = None,
    ) -> None: ...

    def bring_forward(self) -> None: ...

    def display_name(self) -> str: ...

    def show_import_log(self) -> None: ...

    def _update_title(self) -> None: ...

    def _update_status(self, *_args: object) -> None: ...


# One window per report: the window showing each file, by its resolved path (see ``window_for``).
_windows_by_path: dict[Path, DocumentWindow] = {}


def _path_key(path: Path) -> Path:
    """The same file under any spelling (relative, ``..``, a symlink) gives the same key."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def window_for(path: Path) -> DocumentWindow | None:
    """The open window showing ``path`` (a report or the file it was imported from), if any."""
    key = _path_key(path)
    window = _windows_by_path.get(key)
    if window is None:
        return None
    if not isValid(window) or window.held_path != key or window.session is None:
        del _windows_by_path[key]  # a window deleted without closing, or one that let go of the file
        return None
    return window


def hold(window: DocumentWindow, path: Path | None) -> None:
    """``window`` now shows ``path`` (or no file): the registry of one window per report follows."""
    let_go(window)
    if path is not None:
        key = _path_key(path)
        _windows_by_path[key] = window
        window.held_path = key


def let_go(window: DocumentWindow) -> None:
    if window.held_path is not None and _windows_by_path.get(window.held_path) is window:
        del _windows_by_path[window.held_path]
    window.held_path = None


def holds(window: DocumentWindow, path: Path) -> bool:
    """Whether ``window`` is the one showing ``path`` (and so the owner of its lock)."""
    return window.held_path is not None and window.held_path == _path_key(path) and window_for(path) is window


def attempt(parent: QWidget | None, what: str, action: Callable[[], T]) -> T | None:
    """The one error guard of the window: ``action``'s result, or None once the clerk has been told why not.

    ``what`` finishes 本版本暂不能…, shown when a part of gkdesk this build lacks is missing (ImportError)."""
    try:
        return action()
    except GkError as exc:
        dialogs.error(parent, str(exc))
    except ImportError:
        dialogs.error(parent, f"本版本暂不能{what}")
    return None


class DocumentController(QObject):
    """The lifecycle of the document shown by ``window`` (its parent)."""

    def __init__(self, window: DocumentWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window

    @property
    def _parent(self) -> QWidget:
        return self._window.window()

    # ------------------------------------------------------------------ folders

    def folder(self) -> str:
        """Where file dialogs start: the open report's folder, else the last one used, else the home folder."""
        session = self._window.session
        if session is not None and session.path is not None and session.path.parent.is_dir():
            return str(session.path.parent)
        return LAST_FOLDER.get() or str(Path.home())

    @staticmethod
    def remember_folder(path: Path) -> None:
        LAST_FOLDER.set(str(path.parent))

    # ------------------------------------------------------------------ opening

    def _replace(self, session: ReportSession, source_name: str = "", file_path: Path | None = None) -> bool:
        if not self._window.close_document():
            return False
        self._window.set_session(session, source_name, file_path=file_path)
        return True

    def open_dialog(self) -> None:
        path = dialogs.open_file(self._parent, "打开报告", self.folder(), OPEN_FILTER)
        if path:
            self.open_path(Path(path))

    def open_example(self, path: Path) -> bool:
        """The bundled example opens as an unsaved copy: 保存 asks where, so the example itself stays as shipped."""
        report = attempt(self._parent, "打开示例报告", lambda: load_report(path))
        return report is not None and self._replace(ReportSession(report), "示例报告")

    def open_path(self, path: Path) -> bool:
        """Open any supported file; a failure shows one sentence and keeps the current report.

        A file already open in a window (this one or another) is not opened twice: that window comes forward."""
        existing = window_for(path)
        if existing is not None:
            if existing is not self._window:
                existing.bring_forward()
            return True
        native = path.suffix.lower() == NATIVE_SUFFIX
        lock = autosave.foreign_lock(path) if native else None
        if lock is not None and not dialogs.confirm(
            self._parent,
            f"“{path.name}”已由 {lock.describe()} 打开。\n两处同时修改会互相覆盖。仍要打开吗？",
            yes="仍然打开",
        ):
            return False
        report = attempt(self._parent, f"读取 {path.suffix} 文件", lambda: load_report(path))
        if report is None:
            return False
        if not self._replace(ReportSession(report, path if native else None), path.name, file_path=path):
            return False
        if self._window.autosaver is not None:
            self._window.autosaver.original_path = path  # a crash copy of an imported file is named after it
        recent.add_recent(path)
        self.remember_folder(path)
        if not native and any(e.level != "recognised" for e in report.import_log):
            self._window.show_import_log()
        return True

    def import_pasted_text(self) -> None:
        text = dialogs.ask_pasted_text(self._parent)
        if text is None:
            return

        def read() -> Report:
            from gkdesk.io.txt_reader import read_text_report

            return read_text_report(text)

        report = attempt(self._parent, "导入文本", read)
        if report is not None and self._replace(ReportSession(report), "粘贴的文本"):
            self._window.show_import_log()

    def new_report(self) -> None:
        spec = dialogs.ask_new_report(self._parent, dt.date.today().year - 1)
        if spec is None:
            return
        self._replace(ReportSession(new_report(spec.agency or None, spec.year, spec.variant)))

    def new_next_year(self) -> None:
        self._window.commit_pending_edits()
        session = self._window.session
        if session is None:
            return

        def roll() -> Report:
            from gkdesk.domain.rollover import roll_over

            return roll_over(session.report)

        report = attempt(self._parent, "生成下一年度报告", roll)
        if report is not None and self._replace(ReportSession(report), f"{report.year}年度报告"):
            dialogs.info(
                self._parent,
                f"已根据上年报告生成 {report.year} 年度报告草稿。\n沿用上年的文字标记为“待更新”，请逐段改写后保存。",
            )

    def merge_reports(self) -> None:
        files = dialogs.open_files(self._parent, "选择要汇总的报告", self.folder(), OPEN_FILTER)
        if not files:
            return
        agency = dialogs.ask_text(self._parent, "汇总多个报告", "汇总报告的机关名称（可不填）：")
        if agency is None:
            return

        def merge() -> Report:
            from gkdesk.domain.merge import merge_reports

            return merge_reports([load_report(f) for f in files], agency or None)

        merged = attempt(self._parent, "汇总报告", merge)
        if merged is not None and self._replace(ReportSession(merged), "汇总报告"):
            self._window.show_import_log()

    # ------------------------------------------------------------------ holding, closing, recovering

    def start_autosave(self, session: ReportSession, autosave_id: str | None = None) -> autosave.Autosaver:
        """The autosaver of a report just opened (``autosave_id``: the recovered copy it continues)."""
        saver = autosave.Autosaver(lambda: session.report, autosave_id, self._window.window())
        saver.original_path = session.path
        return saver

    def hold_file(self, session: ReportSession, file_path: Path | None = None) -> None:
        """The window now holds the report's file (or ``file_path``, the file an import was read from) and, for a
        .gkreport, its lock."""
        hold(self._window, file_path or session.path)
        if session.path is not None:
            autosave.take_lock(session.path)

    def close(self) -> bool:
        """Ask about unsaved changes, then let go of the file: its autosave copy, its lock, the registry.

        False when the clerk cancels (or the save asked for fails); the window then keeps its report."""
        window = self._window
        window.commit_pending_edits()
        session = window.session
        if session is None:
            return True
        if session.modified:
            choice = dialogs.ask_unsaved(self._parent, window.display_name())
            if choice == "cancel":
                return False
            if choice == "save" and not self.save():
                return False
        if window.autosaver is not None:
            window.autosaver.discard()
            window.autosaver.deleteLater()
            window.autosaver = None
        if session.path is not None and holds(window, session.path):
            autosave.release_lock(session.path)  # only the window holding the report removes its lock
        let_go(window)
        return True

    def offer_recovery(self, new_window: Callable[[], DocumentWindow]) -> None:
        """Copies left by a gkdesk that crashed or was killed: 恢复 or 放弃 each one. A recovered copy replaces the
        window showing its file from disk, else goes into this window if empty, else into ``new_window()``."""
        window = self._window
        for entry in autosave.orphaned_autosaves():
            choice = dialogs.ask_recover(self._parent, entry.display_name, entry.saved_at)
            if choice != "recover":
                autosave.remove_autosave(entry.autosave_id)
                continue
            report = attempt(self._parent, "恢复自动保存的副本", entry.load)
            if report is None:
                autosave.remove_autosave(entry.autosave_id)
                continue
            original = entry.original_path
            holder = window_for(original) if original is not None else None
            target: DocumentWindow
            if holder is not None:
                # The file is already shown from disk: the recovered edits replace that view, not a second window.
                if not holder.close_document():
                    continue  # the clerk kept that window's own edits; the copy is offered again next time
                target = holder
            else:
                target = window if window.session is None else new_window()
            target.show()
            path = original if original is not None and original.suffix.lower() == NATIVE_SUFFIX else None
            session = ReportSession(report, path)
            session.mark_unsaved()
            target.set_session(session, entry.display_name, autosave_id=entry.autosave_id, file_path=original)
            target.bring_forward()
            assert target.autosaver is not None
            target.autosaver.original_path = entry.original_path
            target.autosaver.save_now()  # the copy now belongs to this live process
            target.statusBar().showMessage(f"已恢复自动保存的副本（{entry.saved_at:%H:%M}），请保存。", 10000)

    # ------------------------------------------------------------------ saving and exporting

    def save(self) -> bool:
        self._window.commit_pending_edits()
        session = self._window.session
        if session is None:
            return False
        if session.path is None or session.path.suffix.lower() != NATIVE_SUFFIX:
            return self.save_as()
        if not session.path.parent.is_dir():
            # A report recovered from a folder that is gone (or renamed, or a drive not connected): ask where.
            dialogs.info(self._parent, f"原来的文件夹“{session.path.parent}”已不存在，请选择保存位置。")
            return self.save_as()
        return self.save_to(session.path)

    def save_as(self) -> bool:
        session = self._window.session
        if session is None:
            return False
        suggested = Path(self.folder()) / suggested_export_name(session.report, NATIVE_SUFFIX).replace("（草稿）", "")
        chosen = dialogs.save_file(self._parent, "另存为", str(suggested), NATIVE_FILTER)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != NATIVE_SUFFIX:
            path = path.with_name(path.name + NATIVE_SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        window = self._window
        session = window.session
        if session is None:
            return False
        other = window_for(path)
        if other is not None and other is not window:
            dialogs.error(self._parent, f"“{path.name}”已在另一个窗口中打开，请先关闭那个窗口再保存到这个文件。")
            other.bring_forward()
            return False
        if attempt(self._parent, "保存", lambda: save_report(session.report, path)) is None:
            return False
        old = session.path
        session.mark_saved(path)
        if old is not None and _path_key(old) != _path_key(path) and holds(window, old):
            autosave.release_lock(old)
        hold(window, path)
        autosave.take_lock(path)
        if window.autosaver is not None:
            window.autosaver.discard()
            window.autosaver.original_path = path
        window.saved_at = dt.datetime.now()
        recent.add_recent(path)
        self.remember_folder(path)
        window._update_title()
        window._update_status()
        window.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True

    def export(self, suffix: str) -> Path | None:
        """导出 Word / 导出文本 / 导出网页 / 导出 PDF: a draft until signed off; after sign-off the final version."""
        self._window.commit_pending_edits()
        session = self._window.session
        if session is None:
            return None
        caption, kind = _EXPORT_KINDS.get(suffix, _TEXT_EXPORT)
        suggested = Path(self.folder()) / suggested_export_name(session.report, suffix)
        chosen = dialogs.save_file(self._parent, caption, str(suggested), kind)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix and not (suffix == ".html" and path.suffix.lower() == ".htm"):
            path = path.with_name(path.name + suffix)
        final = session.report.signed_off

        from gkdesk.io.export_layout import LayoutOptions  # the writers' layout: off the start path

        options = LayoutOptions(keep_source_titles=KEEP_SOURCE_TITLES.get())

        def write() -> list[str]:
            if suffix == ".pdf":
                from gkdesk.render.pdf import save_pdf

                return save_pdf(session.report, path, final=final, options=options)
            return save_report(session.report, path, final=final, options=options)

        notes = attempt(self._parent, f"导出 {suffix} 文件", write)
        if notes is None:
            return None
        what = "正式版" if final else "草稿"
        status = self._window.statusBar()
        status.showMessage(f"已导出{what}：{path}" + "".join(f"；{note}" for note in notes), 15000)
        status.setToolTip("\n".join(notes))  # the export log in full
        return path

    # ------------------------------------------------------------------ sign-off

    def sign_off(self) -> None:
        self._window.commit_pending_edits()
        session = self._window.session
        if session is None or session.read_only:
            return
        errors = session.result.errors
        if errors:
            dialogs.warn(self._parent, f"报告还有 {len(errors)} 个错误，改正后才能签发。\n（见右侧“问题”列表）")
            return
        answer = dialogs.ask_sign_off(self._parent, LAST_APPROVER.get(), dt.date.today())
        if answer is None:
            return
        approver, date = answer
        LAST_APPROVER.set(approver)
        session.sign_off(approver, date)
        self._window.statusBar().showMessage("已签发，报告现为只读；可导出正式版。", 8000)

    def revoke_sign_off(self) -> None:
        session = self._window.session
        if session is None or not session.read_only:
            return
        if dialogs.confirm(
            self._parent,
            "撤销签发后报告恢复为可编辑的草稿，此操作会记录在文件历史中。\n确定撤销签发吗？",
            yes="撤销签发",
        ):
            session.revoke_sign_off()
