"""The seed reports (shared/seeds/*.txt) for the rollover, merge and batch tests.

``seed_report`` reads the real seed file through ``gkdesk.io.files.load_report``. ``PRINTED`` holds what the seeds
print (year, agency, title, format, the non-zero cells), so the tests' expectations are written down once.
"""

from __future__ import annotations

import datetime as dt

from gkdesk.domain.report import Report
from gkdesk.io.files import load_report
from tests.conftest import SEEDS
from tests.io import test_import_hequ as hequ
from tests.io import test_import_jiaocheng as jiaocheng
from tests.io import test_import_jiaokou as jiaokou
from tests.io import test_import_xijiaokou as xijiaokou
from tests.io import test_import_zezhou as zezhou

SEED_NAMES = (
    "hequ-county-2020.txt",
    "jiaocheng-county-2024.txt",
    "jiaokou-county-2021.txt",
    "xijiaokou-township-2021.txt",
    "zezhou-county-office-2021.txt",
)

# year, agency, title, table 二/三 variants and signature date as printed; the figures are in _TABLES below.
PRINTED: dict[str, dict[str, object]] = {
    "hequ-county-2020.txt": {
        "year": 2020,
        "agency": "河曲县人民政府办公室",
        "title": "关于河曲县2020年政府信息公开工作报告",
        "variants": ("2019-trial", "2019-trial"),
        "signed": dt.date(2021, 2, 5),
    },
    "jiaocheng-county-2024.txt": {
        "year": 2024,
        "agency": "交城县",
        "title": "交城县 2024 年政府信息公开年度报告",
        "variants": ("2021", "2021"),
        "signed": dt.date(2024, 1, 17),
    },
    "jiaokou-county-2021.txt": {
        "year": 2021,
        "agency": "交口县",
        "title": "交口县 2021 年政府信息公开工作年度报告",
        "variants": ("2021", "2021"),
        "signed": dt.date(2022, 1, 24),
    },
    "xijiaokou-township-2021.txt": {
        "year": 2021,
        "agency": "西交口乡人民政府",
        "title": "西交口乡人民政府2021年政府信息公开工作年度报告",
        "variants": ("2021", "2021"),
        "signed": None,
    },
    "zezhou-county-office-2021.txt": {
        "year": 2021,
        "agency": "泽州县人民政府办公室",
        "title": "泽州县人民政府办公室2021 年政府信息公开工作年度报告",
        "variants": ("2021", "2019-trial"),
        "signed": dt.date(2022, 1, 13),
    },
}


def seed_report(name: str) -> Report:
    """The seed read by gkdesk's own importer, as a clerk would open it."""
    return load_report(SEEDS / name)


# Every cell of every table, written out once by hand in the importer tests; None: the table is missing.
_TABLES: dict[str, dict[str, dict[str, object] | None]] = {
    "hequ-county-2020.txt": {
        "disclosure": hequ.DISCLOSURE,
        "applications": hequ.APPLICATIONS,
        "review_litigation": hequ.REVIEW,
    },
    "jiaocheng-county-2024.txt": {
        "disclosure": None,
        "applications": jiaocheng.APPLICATIONS,
        "review_litigation": jiaocheng.REVIEW,
    },
    "jiaokou-county-2021.txt": {
        "disclosure": jiaokou.DISCLOSURE,
        "applications": jiaokou.APPLICATIONS,
        "review_litigation": jiaokou.REVIEW,
    },
    "xijiaokou-township-2021.txt": {
        "disclosure": xijiaokou.DISCLOSURE,
        "applications": xijiaokou.APPLICATIONS_TXT,
        "review_litigation": xijiaokou.REVIEW_TXT,
    },
    "zezhou-county-office-2021.txt": {
        "disclosure": zezhou.DISCLOSURE,
        "applications": zezhou.APPLICATIONS_2019,
        "review_litigation": zezhou.REVIEW,
    },
}


def printed_cells(name: str, form_id: str) -> dict[str, object] | None:
    """The printed non-zero cells of one table of a seed (None: the table is missing; blank cells read as 0)."""
    cells = _TABLES[name][form_id]
    if cells is None:
        return None
    return {cell_id: value for cell_id, value in cells.items() if value not in (None, 0, "")}
