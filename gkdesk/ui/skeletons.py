"""The one-click 插入参考句式 of a missing element: the element's skeleton sentence appended to its part, undoable.

The sentence is marked 待更新 (amber in the narrative editor, a PENDING warning) until the clerk rewrites it; the
element's own finding goes at once, since the sentence names it. A part the source lacked becomes present.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from gkdesk.domain.checker import Finding
from gkdesk.domain.elements import Element, element_of_code, skeleton_blocks
from gkdesk.domain.report import Block

if TYPE_CHECKING:
    from gkdesk.ui.session import ReportSession


class InsertSkeletonCommand(QUndoCommand):
    """Append an element's skeleton to its section; undo restores the blocks and whether the part was present."""

    def __init__(self, session: ReportSession, element: Element) -> None:
        super().__init__(f"插入参考句式：{element.label}")
        self._session = session
        self._section = element.section
        old = session.blocks(self._section)
        self._old = copy.deepcopy(old)
        self._new = skeleton_blocks(element, session.report, old)
        part = None if self._section == "preface" else session.report.parts[self._section]  # type: ignore[index]
        self._was_present = True if part is None else part.present

    def _apply(self, blocks: list[Block], present: bool) -> None:
        target = self._session.blocks(self._section)
        target[:] = copy.deepcopy(blocks)
        if self._section != "preface":
            self._session.report.parts[self._section].present = present  # type: ignore[index]
        self._session.notify_blocks(self._section)

    def redo(self) -> None:
        self._apply(self._new, True)

    def undo(self) -> None:
        self._apply(self._old, self._was_present)


def skeleton_element(session: ReportSession, finding: Finding) -> Element | None:
    """The element whose skeleton a finding offers, or None (not an element finding)."""
    return element_of_code(session.report, finding.code)


def insert_skeleton(session: ReportSession, finding: Finding) -> bool:
    """Insert the skeleton of the element ``finding`` names; False when it names none or the report is signed."""
    element = skeleton_element(session, finding)
    if element is None or session.read_only:
        return False
    session.undo_stack.push(InsertSkeletonCommand(session, element))
    return True
