"""A save leaves the permissions a clerk expects: a new file the user's normal mode, a replaced file its own."""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from gkdesk.io.atomic import atomic_write_bytes, atomic_write_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits; Windows has only a read-only flag")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Each test sets the umask it needs; the previous one is restored afterwards."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600), (0o000, 0o666)])
def test_a_new_file_gets_the_users_normal_mode(tmp_path: Path, umask: None, mask: int, expected: int) -> None:
    os.umask(mask)
    target = tmp_path / "导出.docx"
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == expected  # not mkstemp's 0600


def test_the_umask_is_read_without_changing_it(tmp_path: Path, umask: None) -> None:
    os.umask(0o027)
    atomic_write_text(tmp_path / "a.txt", "x")
    assert _mode(tmp_path / "a.txt") == 0o640
    assert os.umask(0o027) == 0o027  # still what the test set


@pytest.mark.parametrize("mode", [0o640, 0o664, 0o600, 0o604])
def test_replacing_a_file_keeps_its_mode(tmp_path: Path, umask: None, mode: int) -> None:
    os.umask(0o022)
    target = tmp_path / "报告.gkreport"
    target.write_bytes(b"old")
    target.chmod(mode)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == mode
    backup = target.with_name(target.name + ".bak")
    assert backup.read_bytes() == b"old"
    assert _mode(backup) == mode


def test_mode_applies_to_text_writes_without_backup(tmp_path: Path, umask: None) -> None:
    os.umask(0o002)
    target = tmp_path / "x.json"
    atomic_write_text(target, "{}", keep_backup=False)
    assert _mode(target) == 0o664
    target.chmod(0o644)
    atomic_write_text(target, "[]", keep_backup=False)
    assert _mode(target) == 0o644
    assert not target.with_name("x.json.bak").exists()


def test_no_temp_file_is_left_with_the_new_mode(tmp_path: Path, umask: None) -> None:
    os.umask(0o022)
    atomic_write_bytes(tmp_path / "a.bin", b"1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]


def test_concurrent_saves_from_threads_all_get_the_mode(tmp_path: Path, umask: None) -> None:
    """The umask is read, not set and reset, so saves in other threads never see a wrong one."""
    os.umask(0o022)
    errors: list[BaseException] = []

    def save(i: int) -> None:
        try:
            for j in range(20):
                atomic_write_bytes(tmp_path / f"{i}-{j}.bin", b"x")
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert {_mode(p) for p in tmp_path.iterdir()} == {0o644}
