"""A save killed mid-write leaves its temp file; the next save of that file clears it, never a save in progress."""

from __future__ import annotations

import os
import time
from pathlib import Path

from gkdesk.io.atomic import STALE_TEMP_S, atomic_write_bytes


def test_the_next_save_removes_what_a_killed_save_left(tmp_path: Path) -> None:
    target = tmp_path / "报告[1].gkreport"
    target.write_bytes(b"old")
    stale = tmp_path / f".{target.name}.abc123.tmp"
    stale.write_bytes(b"half")
    old = time.time() - STALE_TEMP_S - 5
    os.utime(stale, (old, old))
    in_progress = tmp_path / f".{target.name}.def456.tmp"
    in_progress.write_bytes(b"being written")
    other = tmp_path / ".别的文件.gkreport.xyz.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (old, old))
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert not stale.exists()
    assert in_progress.exists()  # younger than STALE_TEMP_S: maybe another program's save right now
    assert other.exists()  # another file's
