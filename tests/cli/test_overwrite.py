"""One overwrite rule: no command replaces an existing file without --force; a read-only target is never replaced."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from gkdesk.io.atomic import atomic_write_bytes
from gkdesk.io.errors import GkError, ReportWriteError

READ_ONLY = 0o444


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "只读.gkreport"
    target.write_bytes(b"old")
    target.chmod(READ_ONLY)
    yield target
    target.chmod(0o644)  # let pytest clean up


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_a_read_only_target_is_refused_by_mode_even_for_root(read_only: Path) -> None:
    with pytest.raises(ReportWriteError) as caught:
        atomic_write_bytes(read_only, b"new")
    assert isinstance(caught.value, GkError)
    assert "只读" in str(caught.value) and "原文件未改动" in str(caught.value)
    assert read_only.read_bytes() == b"old"
    assert stat.S_IMODE(read_only.stat().st_mode) == READ_ONLY
    assert sorted(p.name for p in read_only.parent.iterdir()) == [read_only.name]  # no temp file, no .bak


def test_a_writable_target_is_replaced_and_backed_up(tmp_path: Path) -> None:
    target = tmp_path / "a.gkreport"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.with_name("a.gkreport.bak").read_bytes() == b"old"
