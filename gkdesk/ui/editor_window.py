"""What the feature modules of the window (图解, 登记台账) need of the editor window, as a protocol.

They are imported by ``gkdesk.ui.main_window`` (lazily, when their action is first used); importing the window
back would make a cycle, so they type the window by this protocol instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from gkdesk.ui.session import ReportSession


@runtime_checkable
class EditorWindow(Protocol):
    session: ReportSession | None

    def commit_pending_edits(self) -> None: ...

    def _folder(self) -> str: ...

    def statusBar(self) -> QStatusBar: ...
