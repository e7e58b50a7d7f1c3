"""When a report must be published: the one place the checker (R8) and the self-assessment ask.

Article 49 of the regulation: a department (and a township) publishes by 31 January of the next year; the
information disclosure office of a county-or-above government publishes that government's own report by 31 March.
"""

from __future__ import annotations

import datetime as dt

from gkdesk.domain.elements import agency_kind
from gkdesk.domain.report import Report


def publication_deadline(report: Report) -> dt.date:
    """31 January of the next year; 31 March for a county-or-above government's own report."""
    if agency_kind(report) == "government":
        return dt.date(report.year + 1, 3, 31)
    return dt.date(report.year + 1, 1, 31)
