"""Undo commands: each one changes the domain report and captures what it needs to change it back."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from PySide6.QtGui import QUndoCommand

from gkdesk.domain import revisions
from gkdesk.domain.forms import FormId
from gkdesk.domain.report import Block, CellValue, ImportLogEntry, Report, TableData
from gkdesk.domain.totals import recompute_totals


class ReportSession(Protocol):
    """What a command needs of the session it edits (``gkdesk.ui.session.ReportSession`` is one); a protocol, so
    that the session can import its commands without the two modules importing each other."""

    report: Report

    @property
    def auto_total(self) -> bool: ...

    def blocks(self, section: str) -> list[Block]: ...

    def notify_cells(self, form_id: FormId, cell_ids: list[str]) -> None: ...

    def notify_blocks(self, section: str) -> None: ...

    def notify_fields(self) -> None: ...


_CELL_MERGE_ID = 1001
_BLOCKS_MERGE_ID = 1002


class _TableState(NamedTuple):
    """Every value of a table and its marks: small (≤ 175 cells), so undo restores it exactly."""

    counts: dict[str, int]
    amounts: dict[str, Decimal]
    texts: dict[str, str]
    blank: list[str]
    unread: list[str]

    @classmethod
    def of(cls, table: TableData) -> _TableState:
        return cls(
            dict(table.counts),
            dict(table.amounts),
            dict(table.texts),
            list(table.blank_cells),
            list(table.unread_cells),
        )

    def restore(self, table: TableData) -> None:
        table.counts = dict(self.counts)
        table.amounts = dict(self.amounts)
        table.texts = dict(self.texts)
        table.blank_cells = list(self.blank)
        table.unread_cells = list(self.unread)


class SetCellsCommand(QUndoCommand):
    """Set one or more cells of a table; with 自动合计 on, the totals follow in the same step.

    Setting a cell confirms it: a blank-in-source or unread cell loses that mark (``TableData.set``), and undo
    brings the mark back with the old value.
    """

    def __init__(self, session: ReportSession, form_id: FormId, values: dict[str, CellValue], text: str) -> None:
        super().__init__(text)
        self._session = session
        self._form_id = form_id
        self._new = dict(values)
        table = session.report.tables[form_id]
        self._auto_total = session.auto_total
        # Totals the clerk types while unread (they are not locked then) keep the typed figure in this step.
        self._typed_unread_totals = [c for c in values if c in table.unread_cells and table.form.cell(c).is_total]
        self._before = _TableState.of(table)
        self._after: _TableState | None = None
        # Typing figures into a table the source lacked (原文缺少此表) makes it part of the report: checked, exported.
        self._was_present = table.present

    def _changed_cells(self) -> list[str]:
        """Cells whose value or mark differs between before and now (an unread 0 confirmed as 0 repaints too)."""
        table = self._session.report.tables[self._form_id]
        before = self._before
        changed = [c for c, v in table.counts.items() if before.counts.get(c) != v]
        changed += [c for c, v in table.amounts.items() if before.amounts.get(c) != v]
        changed += [c for c, v in table.texts.items() if before.texts.get(c) != v]
        marks = (set(before.blank) ^ set(table.blank_cells)) | (set(before.unread) ^ set(table.unread_cells))
        changed += [c for c in table.form.cell_ids() if c in marks and c not in changed]
        return changed or list(self._new)

    def redo(self) -> None:
        table = self._session.report.tables[self._form_id]
        if self._after is None:
            for cell_id, value in self._new.items():
                table.set(cell_id, value)
            if self._auto_total:
                recompute_totals(table, keep=self._typed_unread_totals)
            self._after = _TableState.of(table)
        else:
            self._after.restore(table)
        table.present = True
        self._session.notify_cells(self._form_id, self._changed_cells())

    def undo(self) -> None:
        changed = self._changed_cells()
        self._before.restore(self._session.report.tables[self._form_id])
        self._session.report.tables[self._form_id].present = self._was_present
        self._session.notify_cells(self._form_id, changed)

    def id(self) -> int:
        return _CELL_MERGE_ID if len(self._new) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Retyping the same cell is one undo step; a paste, clear or fix of that cell stays its own step."""
        if not isinstance(other, SetCellsCommand) or other._form_id != self._form_id or other.text() != self.text():
            return False
        if len(other._new) != 1 or set(other._new) != set(self._new):
            return False
        self._new = dict(other._new)
        self._after = other._after
        return True


class SetBlocksCommand(QUndoCommand):
    """Replace the blocks of one narrative section (typing in a paragraph merges into one step)."""

    def __init__(self, session: ReportSession, section: str, blocks: list[Block], text: str) -> None:
        super().__init__(text)
        self._session = session
        self._section = section
        self._old = copy.deepcopy(session.blocks(section))
        self._new = copy.deepcopy(blocks)
        self._mergeable = text == "编辑正文"

    def _apply(self, blocks: list[Block]) -> None:
        target = self._session.blocks(self._section)
        target[:] = copy.deepcopy(blocks)
        self._session.notify_blocks(self._section)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)

    def id(self) -> int:
        return _BLOCKS_MERGE_ID if self._mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetBlocksCommand) or other._section != self._section or not other._mergeable:
            return False
        if len(other._new) != len(self._new):
            return False  # adding/removing a paragraph is its own step
        self._new = other._new
        return True


class SetFieldCommand(QUndoCommand):
    """Set a field by dotted path ("title", "signature.date", "contacts.phone")."""

    def __init__(self, session: ReportSession, path: str, value: object, text: str) -> None:
        super().__init__(text)
        self._session = session
        *parents, self._name = path.split(".")
        self._path = path
        owner: Any = session.report
        for name in parents:
            owner = getattr(owner, name)
        self._owner = owner
        self._old = copy.deepcopy(getattr(owner, self._name))
        self._new = value

    def redo(self) -> None:
        setattr(self._owner, self._name, copy.deepcopy(self._new))
        self._session.notify_fields()

    def undo(self) -> None:
        setattr(self._owner, self._name, copy.deepcopy(self._old))
        self._session.notify_fields()

    def id(self) -> int:
        return 1003

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other._path != self._path:
            return False
        self._new = other._new
        return True


def conversion_label() -> str:
    """转换为 2021 版格式: the action that migrates older tables to the current revision."""
    return f"转换为 {revisions.current().format_name}"


def conversion_tip() -> str:
    """把 2019 试行版格式的表格转换为 2021 版格式: from every revision that migrates to the current one."""
    current = revisions.current()
    older = [r for r in revisions.revisions() if r is not current and revisions.migration_path(r.id, current.id)]
    return f"把 {'、'.join(r.format_name for r in older)}的表格转换为 {current.format_name}"


class ConvertTablesCommand(QUndoCommand):
    """转换为 2021 版格式: replace whole tables (their variant changes, so cell-by-cell snapshots would not do)."""

    def __init__(
        self,
        session: ReportSession,
        tables: dict[FormId, TableData],
        notes: list[ImportLogEntry],
        text: str = "",
    ) -> None:
        super().__init__(text or conversion_label())
        self._session = session
        report = session.report
        self._old = {form_id: report.tables[form_id].model_copy(deep=True) for form_id in tables}
        self._new = {form_id: table.model_copy(deep=True) for form_id, table in tables.items()}
        self._old_log = [entry.model_copy() for entry in report.import_log]
        self._notes = [entry.model_copy() for entry in notes]

    def _apply(self, tables: dict[FormId, TableData], log: list[ImportLogEntry]) -> None:
        report = self._session.report
        report.import_log = [entry.model_copy() for entry in log]
        for form_id, table in tables.items():
            report.tables[form_id] = table.model_copy(deep=True)
        # The models see the new variant on the first signal and rebuild their grids.
        for form_id, table in tables.items():
            self._session.notify_cells(form_id, list(table.form.cell_ids()))

    def redo(self) -> None:
        self._apply(self._new, self._old_log + self._notes)

    def undo(self) -> None:
        self._apply(self._old, self._old_log)
