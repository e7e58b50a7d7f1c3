"""The render tests paint with pytest-qt's QApplication: a bare QGuiApplication made first (``ensure_gui_app``)
would leave the window tests that run later in the same process without the QApplication widgets need."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _application(qapp: Any) -> Any:
    return qapp
