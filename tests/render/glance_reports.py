"""Reports for the year-at-a-glance tests, built from the bundled example (no ../shared needed).

``compared_report``: the 交口县 2021 example rolled over to 2022 with this year's figures typed in, one of this
year's cells unread (法律服务机构's new applications) and one of last year's (行政处罚决定), so every state of a
figure is on the page: numbers both years, a change, an unread cell each year.
"""

from __future__ import annotations

from decimal import Decimal

from gkdesk.domain.report import Report, new_report
from gkdesk.domain.rollover import roll_over
from gkdesk.domain.totals import recompute_totals
from gkdesk.io.files import load_report
from gkdesk.resources import example_report_path

UNREAD_THIS_YEAR = "new.legal"
UNREAD_LAST_YEAR = "art20_6.penalty.decisions"


def example_report() -> Report:
    return load_report(example_report_path())


def compared_report() -> Report:
    report = roll_over(example_report())
    apps = report.applications
    for cell, value in {
        "new.natural": 5,
        "new.biz": 2,
        "granted.natural": 4,
        "partial.biz": 2,
        "denied.state_secret.natural": 1,
        "denied.third_party.biz": 3,
        "other.other.natural": 1,
    }.items():
        apps.set(cell, value)
    recompute_totals(apps)
    apps.mark_unread([UNREAD_THIS_YEAR])
    review = report.review_litigation
    review.set("lit_direct.upheld", 2)
    review.set("lit_after_review.corrected", 1)
    recompute_totals(review)
    disclosure = report.disclosure
    disclosure.set("art20_5.licensing.decisions", 3000)
    disclosure.set("art20_6.penalty.decisions", 410)
    disclosure.set("art20_8.fees.amount_wan", Decimal("60.5"))
    disclosure.set("art20_1.normative_documents.in_force", 3)
    assert report.previous is not None
    report.previous.disclosure.mark_unread([UNREAD_LAST_YEAR])
    return report


def report_with_2019_previous() -> Report:
    """A 2021 report whose last year's report is in the 2019 trial format (no 现行有效件数, one （六）其他处理 row)."""
    last = new_report("示例县人民政府", 2020, "2019-trial")
    last.applications.set("other.natural", 2)
    last.applications.set("new.natural", 2)
    recompute_totals(last.applications)
    report = roll_over(last)
    report.applications.set("other.overdue_fee.natural", 1)
    report.applications.set("other.other.biz", 1)
    recompute_totals(report.applications)
    return report
