"""The user's settings file: every module of the window reads and writes its settings here."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSettings

from gkdesk.paths import user_data_dir


def settings() -> QSettings:
    """Settings live in the user's data folder (tests point it at a temp folder); one object per folder, so
    Qt writes changes to disk in the background instead of on every call."""
    return _settings_for(str(user_data_dir() / "settings.ini"))


@cache
def _settings_for(file: str) -> QSettings:
    return QSettings(file, QSettings.Format.IniFormat)
