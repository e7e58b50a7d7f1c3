"""One open report in the window: the report, its undo stack, its check result and the signals widgets follow.

Every edit goes through an undo command (``gkdesk.ui.commands``) that changes the domain report and then calls
``notify_*`` here, so the grids, the problems panel and the title bar all follow one source of truth.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gkdesk.domain import revisions
from gkdesk.domain.checker import CheckResult, Finding, check, split_ref
from gkdesk.domain.forms import FormId
from gkdesk.domain.report import Block, CellValue, HistoryEntry, ImportLogEntry, Report, SignOff, TableData
from gkdesk.domain.rollover import migrate_table
from gkdesk.ui.commands import (
    ConvertTablesCommand,
    SetBlocksCommand,
    SetCellsCommand,
    SetFieldCommand,
    conversion_label,
    conversion_tip,
)

__all__ = ["ReportSession", "conversion_label", "conversion_tip", "is_total_fix"]

# The fixes 全部修正 may apply: a total from its parts (R2 column, R3 row, R4 review/litigation). A balance error
# (R1) is never fixed in bulk: its "fix" writes the difference into 四、结转下年度继续办理, which only the clerk can
# know to be true, so it is offered one at a time with a confirmation (``problems_panel.confirm_carry_over``).
TOTAL_FIX_CODES = frozenset({"R2", "R3", "R4"})


def is_total_fix(finding: Finding) -> bool:
    """A fix that sets a total to the sum of its parts (what 全部修正 applies)."""
    return finding.code in TOTAL_FIX_CODES and finding.fixable and isinstance(finding.expected, int)


class ReportSession(QObject):
    cellsChanged = Signal(str, list)  # form_id, [cell_id, ...] whose values changed
    blocksChanged = Signal(str)  # section key: "preface", "一".."六"
    fieldsChanged = Signal()  # title, agency, year, addressee, contacts, signature, sign-off
    findingsChanged = Signal()
    readOnlyChanged = Signal(bool)
    autoTotalChanged = Signal(bool)
    modifiedChanged = Signal(bool)

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._auto_total = True
        self._unsaved_outside_undo = False
        self.result: CheckResult = check(report)

    # ------------------------------------------------------------------ state

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._unsaved_outside_undo or not clean)

    @property
    def auto_total(self) -> bool:
        return self._auto_total

    def set_auto_total(self, on: bool) -> None:
        """Turning it on does not rewrite imported totals by itself: the clerk fixes them from the problems panel."""
        if on != self._auto_total:
            self._auto_total = on
            self.autoTotalChanged.emit(on)

    @property
    def read_only(self) -> bool:
        return self.report.signed_off

    @property
    def modified(self) -> bool:
        return self._unsaved_outside_undo or not self.undo_stack.isClean()

    def mark_saved(self, path: Path | None = None) -> None:
        if path is not None:
            self.path = path
        self._unsaved_outside_undo = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(False)

    def mark_unsaved(self) -> None:
        """The report differs from its file although nothing is on the undo stack (a recovered autosave)."""
        self._unsaved_outside_undo = True
        self.modifiedChanged.emit(True)

    # ------------------------------------------------------------------ sign-off (deliberately not undoable)

    def sign_off(self, approver: str, date: dt.date) -> None:
        """签发: the report becomes read-only; undo history is dropped so no edit can be undone into it."""
        self.report.sign_off = SignOff(approver=approver, date=date)
        self.report.history.append(HistoryEntry(action="signed_off", who=approver, when=dt.datetime.now()))
        self._changed_outside_undo()

    def revoke_sign_off(self, who: str = "", reason: str = "") -> None:
        """撤销签发 (the window confirms first); recorded in the file's history."""
        previous = self.report.sign_off.approver or ""
        self.report.sign_off = SignOff()
        self.report.history.append(
            HistoryEntry(action="sign_off_revoked", who=who or previous, when=dt.datetime.now(), note=reason)
        )
        self._changed_outside_undo()

    def _changed_outside_undo(self) -> None:
        self.undo_stack.clear()
        self._unsaved_outside_undo = True
        self.modifiedChanged.emit(True)
        self.notify_fields()

    # ------------------------------------------------------------------ notifications from commands

    def recheck(self) -> None:
        self.result = check(self.report)
        self.findingsChanged.emit()

    def notify_cells(self, form_id: FormId, cell_ids: list[str]) -> None:
        self.cellsChanged.emit(form_id, cell_ids)
        self.recheck()

    def notify_blocks(self, section: str) -> None:
        self.blocksChanged.emit(section)
        self.recheck()

    def notify_fields(self) -> None:
        self.fieldsChanged.emit()
        self.readOnlyChanged.emit(self.read_only)
        self.recheck()

    # ------------------------------------------------------------------ edits (each one undoable)

    def set_cells(self, form_id: FormId, values: dict[str, CellValue], text: str = "修改单元格") -> None:

        if self.read_only or not values:
            return
        self.undo_stack.push(SetCellsCommand(self, form_id, values, text))

    def set_cell(self, form_id: FormId, cell_id: str, value: CellValue) -> None:
        self.set_cells(form_id, {cell_id: value})

    def apply_fix(self, finding: Finding) -> None:
        """One-click fix: set the finding's target cell to the expected value."""
        if not finding.fixable or finding.target is None or not isinstance(finding.expected, int):
            return
        form_id, cell_id = split_ref(finding.target)
        self.set_cells(form_id, {cell_id: finding.expected}, f"修正 {finding.code}")

    def fix_all(self) -> None:
        """Fix every wrong total as one undo step; repeats because fixing a row total can change a column total.

        Only totals: a balance error (R1) stays for the clerk (see ``TOTAL_FIX_CODES``)."""
        if self.read_only or not any(is_total_fix(f) and f.severity == "error" for f in self.result.findings):
            return
        self.undo_stack.beginMacro("全部修正")
        try:
            for _ in range(5):
                fixable = [f for f in self.result.findings if is_total_fix(f) and f.severity == "error"]
                if not fixable:
                    break
                for finding in fixable:
                    self.apply_fix(finding)
        finally:
            self.undo_stack.endMacro()

    def tables_in_2019_format(self) -> list[FormId]:
        """The tables in an older revision that converts to the current one (the 2019 trial format: what MIXED/FORMAT
        complain about)."""
        current = revisions.current().id
        return [
            form_id
            for form_id, table in self.report.tables.items()
            if table.variant != current and revisions.migration_path(table.variant, current)
        ]

    @property
    def can_convert_to_2021(self) -> bool:
        return not self.read_only and bool(self.tables_in_2019_format())

    def _converted_tables(self) -> tuple[dict[FormId, TableData], list[ImportLogEntry]]:
        tables: dict[FormId, TableData] = {}
        notes: list[ImportLogEntry] = []
        for form_id in self.tables_in_2019_format():
            tables[form_id], table_notes = migrate_table(self.report.tables[form_id])
            notes.extend(table_notes)
        return tables, notes

    def conversion_notes(self) -> list[ImportLogEntry]:
        """What converting to 2021 would assume or leave out, for the confirmation (nothing is changed)."""
        return self._converted_tables()[1]

    def convert_tables_to_2021(self) -> list[ImportLogEntry]:
        """Every 2019-trial table becomes its 2021 form in one undo step; the notes go into the import log too."""

        if not self.can_convert_to_2021:
            return []
        tables, notes = self._converted_tables()
        self.undo_stack.push(ConvertTablesCommand(self, tables, notes))
        return notes

    def set_blocks(self, section: str, blocks: list[Block], text: str = "编辑正文") -> None:

        if self.read_only:
            return
        self.undo_stack.push(SetBlocksCommand(self, section, blocks, text))

    def set_field(self, path: str, value: object, text: str = "修改信息") -> None:
        """``path`` is a dotted attribute path into the report, e.g. "title", "signature.date", "contacts.phone"."""

        if self.read_only:
            return
        self.undo_stack.push(SetFieldCommand(self, path, value, text))

    def blocks(self, section: str) -> list[Block]:
        if section == "preface":
            return self.report.preface
        return self.report.parts[section].blocks  # type: ignore[index]
