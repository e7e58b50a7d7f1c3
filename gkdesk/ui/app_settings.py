"""The user's settings file: every module of the window reads and writes its settings here.

The window's own settings are declared once below, each with its key, its type and its default, so no module
spells a key or guesses what ``QSettings.value`` hands back (a string, a byte array, nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from gkdesk.paths import user_data_dir

T = TypeVar("T")


def settings() -> QSettings:
    """Settings live in the user's data folder (tests point it at a temp folder); one object per folder, so
    Qt writes changes to disk in the background instead of on every call."""
    return _settings_for(str(user_data_dir() / "settings.ini"))


@cache
def _settings_for(file: str) -> QSettings:
    return QSettings(file, QSettings.Format.IniFormat)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One entry of the settings file; ``parse`` turns what the file holds into the type, or None when the entry is
    missing or of another type (an old or hand-edited file), and then ``get`` gives the default."""

    key: str
    default: T
    parse: Callable[[object], T | None]

    def get(self) -> T:
        value = self.parse(settings().value(self.key))
        return self.default if value is None else value

    def set(self, value: T) -> None:
        settings().setValue(self.key, value)


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str | int | float) and str(value) else None


def _flag(value: object) -> bool | None:
    """A yes/no as the settings file holds it (QSettings writes "true"/"false" into an .ini file)."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).lower()) if value is not None else None


def _state(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) else None


# the window's size and place, and the sizes of its three panes (Qt's saveGeometry / QSplitter.saveState)
WINDOW_GEOMETRY: Setting[QByteArray | None] = Setting("window/geometry", None, _state)
PANE_SIZES: Setting[QByteArray | None] = Setting("window/panes", None, _state)
# the folder of the last report opened or saved: where the next file dialog starts ("" for the home folder)
LAST_FOLDER: Setting[str] = Setting("files/last_folder", "", _text)
# who signed off last time: the 签发 prompt offers the name again
LAST_APPROVER: Setting[str] = Setting("signoff/approver", "", _text)
# 文件 → 导出时保留原文的部分标题: exports print the source's part headings instead of the official ones (logged)
KEEP_SOURCE_TITLES: Setting[bool] = Setting("export/keep_source_titles", False, _flag)
