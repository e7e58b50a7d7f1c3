"""Errors that reach the user: each message is one plain Chinese sentence, never a traceback."""

from __future__ import annotations


class GkError(Exception):
    """Any failure the user must be told about; ``str(error)`` is the message to show."""


class ReportReadError(GkError):
    """A file could not be read as a report; the user's current state is untouched."""


class ReportWriteError(GkError):
    """A file could not be written; whatever was on disk before is still there."""


class NotReadyError(GkError):
    """A final export was asked for a report that is not signed off or still has errors."""
