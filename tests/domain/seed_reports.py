"""The seed reports (shared/seeds/*.txt) for the rollover, merge and batch tests.

``seed_report`` reads the real seed file through ``gkdesk.io.files.load_report``. ``PRINTED`` holds what the seeds
print (year, agency, title, format, the non-zero cells), so the tests' expectations are written down once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gkdesk.domain.report import Report
from gkdesk.io.files import load_report
from tests.conftest import SEEDS

SEED_NAMES = (
    "hequ-county-2020.txt",
    "jiaocheng-county-2024.txt",
    "jiaokou-county-2021.txt",
    "xijiaokou-township-2021.txt",
    "zezhou-county-office-2021.txt",
)

# year, agency, table 二/三 variants, and the non-zero cells as printed (all other cells are 0 or blank).
PRINTED: dict[str, dict[str, object]] = {
    "hequ-county-2020.txt": {
        "year": 2020,
        "agency": "河曲县人民政府办公室",
        "title": "关于河曲县2020年政府信息公开工作报告",
        "variants": ("2019-trial", "2019-trial"),
        "disclosure": {
            "art20_1.normative_documents.made": 27,
            "art20_1.normative_documents.published": 32,
            "art20_1.normative_documents.total_published": 32,
            "art20_5.licensing.prev_items": 1837,
            "art20_5.licensing.change": -825,
            "art20_5.licensing.decisions": 4323,
            "art20_5.other_services.prev_items": 3414,
            "art20_5.other_services.change": 49,
            "art20_5.other_services.decisions": 3469,
            "art20_6.penalty.prev_items": 215,
            "art20_6.penalty.change": 52,
            "art20_6.penalty.decisions": 123,
            "art20_6.coercion.prev_items": 16,
            "art20_8.fees.prev_items": 35,
            "art20_9.procurement.items": 111,
            "art20_9.procurement.amount": "62423198.43元",
        },
        "applications": {"new.natural": 3, "new.total": 3, "other.natural": 3, "total.natural": 3, "total.total": 3},
        "review_litigation": {"review.other": 1, "review.total": 1},
        "signed": dt.date(2021, 2, 5),
    },
    "jiaocheng-county-2024.txt": {
        "year": 2024,
        "agency": "交城县",
        "title": "交城县 2024 年政府信息公开年度报告",
        "variants": ("2021", "2021"),
        "disclosure": None,  # truncated: the table is missing
        "applications": {
            "new.natural": 8,
            "new.biz": 2,
            "new.total": 10,
            "granted.natural": 7,
            "granted.biz": 2,
            "granted.total": 9,
            "unable.not_held.natural": 1,
            "unable.not_held.total": 1,
            "total.natural": 8,
            "total.biz": 2,
            "total.total": 10,
        },
        "review_litigation": {"review.upheld": 4, "review.total": 4},
        "signed": dt.date(2024, 1, 17),
    },
    "jiaokou-county-2021.txt": {
        "year": 2021,
        "agency": "交口县",
        "title": "交口县 2021 年政府信息公开工作年度报告",
        "variants": ("2021", "2021"),
        "disclosure": {
            "art20_1.normative_documents.issued": 2,
            "art20_1.normative_documents.repealed": 2,
            "art20_1.normative_documents.in_force": 2,
            "art20_5.licensing.decisions": 3388,
            "art20_6.penalty.decisions": 404,
            "art20_6.coercion.decisions": 13,
            "art20_8.fees.amount_wan": Decimal("53.6836"),
        },
        "applications": {
            "new.natural": 1,
            "new.total": 1,
            "unable.not_held.natural": 1,
            "unable.not_held.total": 1,
            "total.natural": 1,
            "total.total": 1,
        },
        "review_litigation": {"review.corrected": 1, "review.total": 1},
        "signed": dt.date(2022, 1, 24),
    },
    "xijiaokou-township-2021.txt": {
        "year": 2021,
        "agency": "西交口乡人民政府",
        "title": "西交口乡人民政府2021年政府信息公开工作年度报告",
        "variants": ("2021", "2021"),
        "disclosure": {},
        "applications": {},
        "review_litigation": {},
        "signed": None,
    },
    "zezhou-county-office-2021.txt": {
        "year": 2021,
        "agency": "泽州县人民政府办公室",
        "title": "泽州县人民政府办公室2021 年政府信息公开工作年度报告",
        "variants": ("2021", "2019-trial"),
        "disclosure": {
            "art20_1.normative_documents.issued": 10,
            "art20_1.normative_documents.repealed": 10,
            "art20_1.normative_documents.in_force": 22,
        },
        "applications": {
            "new.natural": 6,
            "new.total": 6,
            "partial.natural": 4,
            "partial.total": 4,
            "unable.not_held.natural": 2,
            "unable.not_held.total": 2,
            "total.natural": 6,
            "total.total": 6,
        },
        "review_litigation": {"review.other": 2, "review.total": 2},
        "signed": dt.date(2022, 1, 13),
    },
}


def seed_report(name: str) -> Report:
    """The seed read by gkdesk's own importer, as a clerk would open it."""
    return load_report(SEEDS / name)


def printed_cells(name: str, form_id: str) -> dict[str, object] | None:
    """The printed non-zero cells of one table of a seed (None: the table is missing)."""
    cells = PRINTED[name][form_id]
    assert cells is None or isinstance(cells, dict)
    return cells
