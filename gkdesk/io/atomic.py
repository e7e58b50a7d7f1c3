"""Writing a file so that a crash or a locked target never leaves a half-written report behind."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from gkdesk.io.errors import ReportWriteError, os_error_text

_RETRIES = 5
_RETRY_DELAY_S = 0.1
_WRITE_FAILED = "系统无法写入该文件"


def _new_file_mode(target: Path) -> int:
    """The mode a save leaves: the target's own when it exists, else what the user's umask gives a new file.

    ``mkstemp`` creates 0600 and ``os.replace`` keeps it, which would hide exports from colleagues on a shared folder.
    """
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask; read from /proc where it can be (setting it to read it is not thread-safe)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def refuse_read_only(target: Path) -> None:
    """A read-only target is refused, never replaced: ``os.replace`` would drop its read-only flag on POSIX.

    Judged by the mode bits, not by ``os.access``: that says yes to root (and to an administrator) whatever the mode.
    """
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # no such file yet (or unreadable: the write itself reports it)
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise ReportWriteError(
            f"无法写入“{target.name}”：文件为只读。原文件未改动；请另存为其他文件，或先取消只读属性。"
        )


def _replace_with_retry(src: Path, dst: Path) -> None:
    """os.replace, retried briefly: on Windows a virus scanner or an indexer may hold the target for a moment."""
    for attempt in range(_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == _RETRIES - 1:
                raise
            time.sleep(_RETRY_DELAY_S * (attempt + 1))


def _keep_backup(target: Path) -> None:
    """Copy the current version to ``<name>.bak`` through a temp file: a save killed mid-copy leaves the old .bak."""
    backup = target.with_name(target.name + ".bak")
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        shutil.copy2(target, tmp)
        os.replace(tmp, backup)
    except OSError:
        pass  # a backup is a courtesy: the save itself goes on
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


STALE_TEMP_S = 600  # a temp file this old is no save in progress: what a killed or crashed save left behind


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Temp files of earlier saves of this file that never finished (the process was killed): clerks would see
    them in the folder. One a save is writing right now is younger than STALE_TEMP_S and is left alone."""
    now = time.time()
    for stale in folder.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE_TEMP_S:
                stale.unlink()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Temp file in the same folder, fsync, replace; the previous version is kept as ``<name>.bak``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportWriteError(f"无法保存“{target.name}”：文件夹“{folder}”不存在")
    refuse_read_only(target)
    _remove_stale_temps(folder, target.name)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportWriteError(f"无法在“{folder}”中写入文件：{os_error_text(exc, _WRITE_FAILED)}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # POSIX; on Windows the temp file is already an ordinary writable file
                os.fchmod(handle.fileno(), _new_file_mode(target))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and target.exists():
            _keep_backup(target)
        _replace_with_retry(tmp, target)
    except PermissionError as exc:
        raise ReportWriteError(
            f"无法写入“{target.name}”：文件可能正在 Word/WPS 中打开或为只读，请关闭后重试。原文件未改动。"
        ) from exc
    except OSError as exc:
        raise ReportWriteError(f"无法写入“{target.name}”：{os_error_text(exc, _WRITE_FAILED)}。原文件未改动。") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", keep_backup: bool = True
) -> None:
    atomic_write_bytes(path, text.encode(encoding), keep_backup=keep_backup)
