"""The user's data folder (autosave, recent files, logs), overridable for tests with GKDESK_DATA_DIR."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    override = os.environ.get("GKDESK_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "gkdesk"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "gkdesk"
    base.mkdir(parents=True, exist_ok=True)
    return base
