"""Where output and crashes go in the installed program.

A windowed (``console=False``) PyInstaller program has ``sys.stdout`` and ``sys.stderr`` set to ``None``: the first
``print`` or warning raises, and an uncaught exception vanishes. ``install_frozen_io`` gives such a program a rotating
log file in the user's data folder and an exception hook that records the traceback there and shows the clerk one
plain Chinese sentence instead. In a source checkout (not frozen) it does nothing, so the window may always call it.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO, TextIO

from gkdesk import __version__
from gkdesk.paths import user_data_dir

LOGGER_NAME = "gkdesk"
LOG_FILE_NAME = "gkdesk.log"
FAULT_FILE_NAME = "gkdesk-fault.log"
# One clerk's session logs little; 1 MB x 3 keeps weeks of history without ever filling a disk.
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 3

CRASH_MESSAGE = (
    "程序遇到意外错误，详细信息已记录在日志文件“{path}”中。"
    "请保存工作后重新启动程序；如问题反复出现，请将该日志文件发给技术支持。"
)

_installed: Path | None = None
_fault_file: IO[str] | None = None
_previous_hooks: list[object] = []
_box_open = threading.Lock()


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def log_dir() -> Path:
    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_path() -> Path:
    return log_dir() / LOG_FILE_NAME


class _LogStream(io.TextIOBase):
    """A text stream that turns written lines into log records, so stray prints obey the log rotation."""

    def __init__(self, logger: logging.Logger, level: int) -> None:
        super().__init__()
        self._logger = logger
        self._level = level
        self._pending = ""
        self._lock = threading.Lock()
        self._inside = threading.local()

    def writable(self) -> bool:
        return True

    def _log(self, lines: list[str]) -> None:
        # logging reports its own failures (a log file another gkdesk is rotating) on stderr, which is this stream:
        # drop such writes instead of logging them, which could fail the same way again and again.
        if getattr(self._inside, "busy", False):
            return
        self._inside.busy = True
        try:
            for line in lines:
                if line.strip():
                    self._logger.log(self._level, line.rstrip())
        finally:
            self._inside.busy = False

    def write(self, text: str) -> int:
        with self._lock:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
        self._log(lines)
        return len(text)

    def flush(self) -> None:
        with self._lock:
            rest, self._pending = self._pending, ""
        self._log([rest])

    def isatty(self) -> bool:
        return False


def writes_to_log(stream: object) -> bool:
    """True for the stand-in stdout/stderr of a windowed program (what is written there lands in the log)."""
    return isinstance(stream, _LogStream)


def _log_file_handler(path: Path) -> logging.Handler:
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def _show_crash_message(path: Path) -> None:
    """Tell the clerk in one sentence, in a message box if the window is up; never a raw traceback."""
    text = CRASH_MESSAGE.format(path=path)
    stderr = sys.stderr
    if stderr is not None and not writes_to_log(stderr):
        with contextlib.suppress(OSError, ValueError):
            stderr.write(f"gkdesk: {text}\n")
    qt_widgets = sys.modules.get("PySide6.QtWidgets")
    if qt_widgets is None:
        return
    app = qt_widgets.QApplication.instance()
    if app is None or qt_widgets.QApplication.platformName() in ("offscreen", "minimal") or _box_open.locked():
        return  # one box at a time: an error repeating in a slot while the box is up is only logged
    with _box_open:
        try:
            qt_widgets.QMessageBox.critical(None, "gkdesk", text)
        except Exception:  # a crash report must never raise a second error
            logging.getLogger(LOGGER_NAME).exception("could not show the crash message")


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    logging.getLogger(LOGGER_NAME).critical("uncaught exception", exc_info=(kind, value, tb))
    _show_crash_message(log_path())


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    logging.getLogger(LOGGER_NAME).critical(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


_qt_routed = False


def _route_qt_messages() -> None:
    """Qt's own warnings go to the C stderr, which a windowed program does not have: log them instead.

    Only once Qt is loaded: importing QtCore here would add ~100 ms to every start, ``gkdesk --version`` included.
    """
    global _qt_routed  # noqa: PLW0603 - one handler per process
    if _qt_routed or "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_logger = logging.getLogger(f"{LOGGER_NAME}.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        qt_logger.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
    _qt_routed = True


def _enable_fault_log() -> None:
    """Native crashes (a Qt plugin, a driver) leave no Python traceback; faulthandler writes what it can."""
    global _fault_file  # noqa: PLW0603 - kept open for the life of the process
    try:
        _fault_file = (log_dir() / FAULT_FILE_NAME).open("a", encoding="utf-8")
        faulthandler.enable(file=_fault_file)
    except OSError:
        _fault_file = None


def install_frozen_io(*, force: bool = False) -> Path | None:
    """Give a frozen program a log file and a crash hook; return the log path, or None when nothing was done.

    Does nothing outside a PyInstaller bundle unless ``force`` (tests). Calling it again is harmless and useful:
    once Qt has been imported, a later call (the window's, the smoke test's) also sends Qt's messages to the log.
    Streams that exist (started from a console, or with redirected output) are left alone, so the smoke test's line
    still reaches a build script.
    """
    global _installed  # noqa: PLW0603 - one process-wide installation
    if _installed is not None:
        if is_frozen():
            _route_qt_messages()
        return _installed
    if not (force or is_frozen()):
        return None
    path = log_path()
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    logger.addHandler(_log_file_handler(path))
    logger.propagate = False
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").addHandler(logger.handlers[0])
    if sys.stdout is None:
        sys.stdout = _log_stream(logger, logging.INFO)
    if sys.stderr is None:
        sys.stderr = _log_stream(logger, logging.WARNING)
    _previous_hooks[:] = [sys.excepthook, threading.excepthook]
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    if is_frozen():
        _enable_fault_log()
        _route_qt_messages()
    logger.info("gkdesk %s started (frozen=%s, python %s)", __version__, is_frozen(), sys.version.split()[0])
    _installed = path
    return path


def _log_stream(logger: logging.Logger, level: int) -> TextIO:
    return _LogStream(logger, level)  # type: ignore[return-value]  # a TextIOBase is all print() needs


def uninstall_for_tests() -> None:
    """Undo ``install_frozen_io`` so one test's hooks do not leak into the next."""
    global _installed, _fault_file  # noqa: PLW0603
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    for handler in list(logging.getLogger("py.warnings").handlers):
        logging.getLogger("py.warnings").removeHandler(handler)
    logging.captureWarnings(False)
    logger.propagate = True
    if _previous_hooks:
        sys.excepthook, threading.excepthook = _previous_hooks  # type: ignore[assignment]
        _previous_hooks.clear()
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
    _installed = None
