"""The import log every reader fills: what was recognised, assumed, missing or doubtful, in Chinese."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from gkdesk.domain.report import ImportLogEntry

LogLevel = Literal["recognised", "assumed", "missing", "warning"]


class ImportLog:
    """The entries an importer collects for ``Report.import_log``; messages are Chinese and specific."""

    def __init__(self) -> None:
        self.entries: list[ImportLogEntry] = []

    def add(self, level: LogLevel, message: str, cells: Iterable[str] = ()) -> None:
        self.entries.append(ImportLogEntry(level=level, message=message, cells=list(cells)))

    def recognised(self, message: str) -> None:
        self.add("recognised", message)

    def assumed(self, message: str, cells: Iterable[str] = ()) -> None:
        self.add("assumed", message, cells)

    def missing(self, message: str, cells: Iterable[str] = ()) -> None:
        self.add("missing", message, cells)

    def warning(self, message: str, cells: Iterable[str] = ()) -> None:
        self.add("warning", message, cells)
