"""The root of every error that reaches the user, for every layer (domain, files, command line, window).

No Qt and no file I/O here: the domain imports it too. ``str(error)`` is one plain Chinese sentence to show.
"""

from __future__ import annotations


class GkError(Exception):
    """Any failure the user must be told about; ``str(error)`` is the message to show (Chinese)."""
