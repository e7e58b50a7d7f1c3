"""Writing a file so that a crash or a locked target never leaves a half-written report behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from gkdesk.io.errors import ReportWriteError, os_error_text

_RETRIES = 5
_RETRY_DELAY_S = 0.1
_WRITE_FAILED = "系统无法写入该文件"


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


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Temp file in the same folder, fsync, replace; the previous version is kept as ``<name>.bak``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportWriteError(f"无法保存“{target.name}”：文件夹“{folder}”不存在")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportWriteError(f"无法在“{folder}”中写入文件：{os_error_text(exc, _WRITE_FAILED)}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and target.exists():
            with contextlib.suppress(OSError):
                shutil.copy2(target, target.with_name(target.name + ".bak"))
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
