"""Recently opened files, kept as a small JSON list in the user's data folder (no Qt, so tests need no settings)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from gkdesk.paths import user_data_dir

MAX_RECENT = 10


def _store() -> Path:
    return user_data_dir() / "recent.json"


def recent_files() -> list[Path]:
    """Newest first; files that have since disappeared are left out."""
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str) and Path(p).exists()]


def _write(paths: list[Path]) -> None:
    """Replace the list in one step; no fsync: losing the newest entry in a power cut is harmless, and opening
    a file should not wait for the disk."""
    text = json.dumps([str(p) for p in paths[:MAX_RECENT]], ensure_ascii=False, indent=1)
    store = _store()
    tmp = store.with_name(f".{store.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, store)


def add_recent(path: Path) -> None:
    path = path.resolve()
    _write([path, *(p for p in recent_files() if p.resolve() != path)])


def clear_recent() -> None:
    _write([])
