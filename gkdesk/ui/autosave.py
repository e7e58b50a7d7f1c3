"""Never lose work: autosave copies, crash recovery and lock files.

The bookkeeping (where copies live, which ones a dead process left behind, who holds a lock) is plain Python so it
is tested without Qt; only ``Autosaver`` (the 60-second timer tied to a session) touches Qt.

- Autosave copy: ``<data>/autosave/<id>.gkreport`` plus ``<id>.json`` (original path, time, pid, host).
- Lock: ``~$<name>.lock`` next to the report (so a colleague on a shared folder sees it too), or in
  ``<data>/locks/`` when that folder is not writable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from gkdesk.domain.report import Report
from gkdesk.io.atomic import atomic_write_text
from gkdesk.io.errors import GkError
from gkdesk.io.native import read_native, write_native
from gkdesk.paths import user_data_dir

DEFAULT_INTERVAL_MS = 60_000


def autosave_interval_ms() -> int:
    """60 s; ``GKDESK_AUTOSAVE_MS`` shortens it for tests and demonstrations."""
    try:
        return max(1, int(os.environ.get("GKDESK_AUTOSAVE_MS", DEFAULT_INTERVAL_MS)))
    except ValueError:
        return DEFAULT_INTERVAL_MS


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        process_query_limited_information = 0x1000
        still_active = 259
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def host_name() -> str:
    """This computer's name (what a colleague sees in a lock warning); no socket import needed at start-up."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return os.uname().nodename


def _user() -> str:
    return os.environ.get("USERNAME") or os.environ.get("USER") or ""


# --------------------------------------------------------------------------- autosave copies


@dataclass(frozen=True)
class AutosaveEntry:
    """One autosaved copy and what it was a copy of."""

    autosave_id: str
    report_file: Path
    original_path: Path | None
    saved_at: dt.datetime
    pid: int
    host: str

    @property
    def display_name(self) -> str:
        return self.original_path.name if self.original_path else "未命名报告"

    def orphaned(self) -> bool:
        """Left behind by a process that is gone (a crash or a kill), so nobody else will save it."""
        if self.host != host_name():
            return False
        return not pid_alive(self.pid)

    def load(self) -> Report:
        return read_native(self.report_file)


def autosave_dir() -> Path:
    folder = user_data_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_autosave_id() -> str:
    return os.urandom(16).hex()


def absolute_path(path: Path) -> Path:
    """The path as recovery must find it from any working folder (a record keeps no relative path)."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def write_autosave(report: Report, autosave_id: str, original_path: Path | None) -> AutosaveEntry:
    """Write the copy first, then the sidecar: a sidecar always points at a complete copy.

    The original's path is stored absolute, resolved now: recovery may run from another working folder."""
    folder = autosave_dir()
    report_file = folder / f"{autosave_id}.gkreport"
    original_path = absolute_path(original_path) if original_path is not None else None
    write_native(report, report_file)
    entry = AutosaveEntry(autosave_id, report_file, original_path, dt.datetime.now(), os.getpid(), host_name())
    sidecar = {
        "id": autosave_id,
        "original_path": str(original_path) if original_path else None,
        "saved_at": entry.saved_at.isoformat(timespec="seconds"),
        "pid": entry.pid,
        "host": entry.host,
    }
    atomic_write_text(folder / f"{autosave_id}.json", json.dumps(sidecar, ensure_ascii=False), keep_backup=False)
    return entry


def remove_autosave(autosave_id: str) -> None:
    folder = autosave_dir()
    for name in (f"{autosave_id}.json", f"{autosave_id}.gkreport", f"{autosave_id}.gkreport.bak"):
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _read_entry(sidecar: Path) -> AutosaveEntry | None:
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        report_file = sidecar.with_suffix(".gkreport")
        if not report_file.exists():
            return None
        original = data.get("original_path")
        return AutosaveEntry(
            autosave_id=str(data["id"]),
            report_file=report_file,
            original_path=Path(original) if original else None,
            saved_at=dt.datetime.fromisoformat(data["saved_at"]),
            pid=int(data["pid"]),
            host=str(data["host"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_autosaves() -> list[AutosaveEntry]:
    entries = [_read_entry(p) for p in sorted(autosave_dir().glob("*.json"))]
    return sorted((e for e in entries if e is not None), key=lambda e: e.saved_at)


def orphaned_autosaves() -> list[AutosaveEntry]:
    """Copies to offer for recovery at start-up."""
    return [e for e in list_autosaves() if e.orphaned()]


# --------------------------------------------------------------------------- lock files


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: dt.datetime

    def describe(self) -> str:
        """Who and when, for "已由 … 打开": "张三（计算机 vm）于 2026年1月20日 09:41"; a lock written without a user
        name (or host) still reads as a sentence."""
        user, host = self.user.strip(), self.host.strip()
        computer = f"计算机 {host}" if host else ""
        if user and computer:
            who = f"{user}（{computer}）"  # the full-width bracket already separates the name from 于
        else:
            who = f"{user or computer or '另一位用户'} "
        since = self.since
        return f"{who}于 {since.year}年{since.month}月{since.day}日 {since:%H:%M}"


def lock_path_for(report_path: Path) -> Path:
    """``~$name.lock`` next to the report when that folder is writable, else in the data folder."""
    beside = report_path.with_name(f"~${report_path.name}.lock")
    if os.access(report_path.parent, os.W_OK):
        return beside
    import hashlib

    digest = hashlib.sha1(str(report_path.resolve()).encode("utf-8")).hexdigest()[:16]
    folder = user_data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.lock"


def read_lock(report_path: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path_for(report_path).read_text(encoding="utf-8"))
        return LockInfo(
            int(data["pid"]), str(data["host"]), str(data.get("user", "")), dt.datetime.fromisoformat(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def foreign_lock(report_path: Path) -> LockInfo | None:
    """Another running gkdesk (here or on another computer) has this report open; stale locks do not count."""
    info = read_lock(report_path)
    if info is None:
        return None
    if info.host == host_name() and (info.pid == os.getpid() or not pid_alive(info.pid)):
        return None
    return info


def take_lock(report_path: Path) -> None:
    """A plain write (no fsync): a lock is advice, and an unreadable one counts as no lock."""
    data = {
        "pid": os.getpid(),
        "host": host_name(),
        "user": _user(),
        "since": dt.datetime.now().isoformat(timespec="seconds"),
    }
    with contextlib.suppress(OSError):
        lock_path_for(report_path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def release_lock(report_path: Path) -> None:
    """Remove the lock only if it is ours (a colleague's lock on the same file stays)."""
    info = read_lock(report_path)
    if info is not None and info.pid == os.getpid() and info.host == host_name():
        with contextlib.suppress(OSError):
            lock_path_for(report_path).unlink()


# --------------------------------------------------------------------------- the timer


class Autosaver(QObject):
    """Writes an autosave copy ``autosave_interval_ms()`` after the first change since the last (auto)save."""

    autosaved = Signal(object)  # AutosaveEntry
    failed = Signal(str)

    def __init__(
        self, get_report: Callable[[], Report], autosave_id: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._get_report = get_report
        self.autosave_id = autosave_id or new_autosave_id()
        self.original_path: Path | None = None
        self.last: AutosaveEntry | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_interval_ms())
        self._timer.timeout.connect(self.save_now)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def changed(self) -> None:
        """Something changed: start the countdown unless one is already running."""
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        report = self._get_report()
        try:
            self.last = write_autosave(report, self.autosave_id, self.original_path)
        except (GkError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        self.autosaved.emit(self.last)

    def discard(self) -> None:
        """After a clean save or close: the copy is no longer needed."""
        self._timer.stop()
        self.last = None
        remove_autosave(self.autosave_id)
