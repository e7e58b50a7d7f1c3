"""Errors that reach the user: each message is one plain Chinese sentence, never a traceback."""

from __future__ import annotations

import errno

from gkdesk.errors import GkError

__all__ = ["GkError", "NotReadyError", "ReportReadError", "ReportWriteError", "os_error_text"]


class ReportReadError(GkError):
    """A file could not be read as a report; the user's current state is untouched."""


class UnexpectedReadError(ReportReadError):
    """A reader failed in a way no rule foresaw (a bug met on hostile input): refused like any unreadable file,
    so the clerk gets one sentence and keeps their work; the traceback goes to the log. Tests treat it as a bug."""


class ReportWriteError(GkError):
    """A file could not be written; whatever was on disk before is still there."""


class NotReadyError(GkError):
    """A final export was asked for a report that is not signed off or still has errors."""


_OS_ERRORS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有访问权限（文件可能被其他程序占用或为只读）",
    errno.EPERM: "没有访问权限（文件可能被其他程序占用或为只读）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读取出错",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘为只读",
}


def os_error_text(exc: OSError, default: str = "系统无法读取该文件") -> str:
    """A Chinese reason for an operating-system error (the system's own text is English or in the wrong code page)."""
    winerror = getattr(exc, "winerror", None)
    if winerror == 32:  # ERROR_SHARING_VIOLATION: Word still has the file open
        return "文件正被其他程序（如 Word）占用，请关闭后重试"
    return _OS_ERRORS.get(exc.errno or 0, default)
