"""交口县 2021: TAB rows, complete report. The .txt seed and the Word sample must give the same figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.docx_reader import read_docx
from gkdesk.io.txt_reader import read_txt_file
from tests.io.import_expect import Z7, applications, assert_cells, has_log, headings, review

DISCLOSURE = {
    "art20_1.regulations.issued": 0,
    "art20_1.regulations.repealed": 0,
    "art20_1.regulations.in_force": 0,
    "art20_1.normative_documents.issued": 2,
    "art20_1.normative_documents.repealed": 2,
    "art20_1.normative_documents.in_force": 2,
    "art20_5.licensing.decisions": 3388,
    "art20_6.penalty.decisions": 404,
    "art20_6.coercion.decisions": 13,
    "art20_8.fees.amount_wan": Decimal("53.6836"),
}
APPLICATIONS = applications(
    "2021",
    {
        "new": [1, 0, 0, 0, 0, 0, 1],
        "carry_in": Z7,
        "granted": Z7,
        "partial": Z7,
        "denied.state_secret": Z7,
        "denied.law_forbidden": Z7,
        "denied.three_safety_one_stability": Z7,
        "denied.third_party": Z7,
        "denied.internal_affairs": Z7,
        "denied.process_info": Z7,
        "denied.enforcement_file": Z7,
        "denied.admin_query": Z7,
        "unable.not_held": [1, 0, 0, 0, 0, 0, 1],
        "unable.need_creation": Z7,
        "unable.unclear_after_correction": Z7,
        "not_processed.petition_complaint": Z7,
        "not_processed.repeat": Z7,
        "not_processed.publication": Z7,
        "not_processed.mass_repeat": Z7,
        "not_processed.confirm_reissue": Z7,
        "other.overdue_correction": Z7,
        "other.overdue_fee": Z7,
        "other.other": Z7,
        "total": [1, 0, 0, 0, 0, 0, 1],
        "carry_out": Z7,
    },
)
REVIEW = review([0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])


@pytest.fixture(scope="module")
def txt_report() -> Report:
    from tests.conftest import SEEDS

    return read_txt_file(SEEDS / "jiaokou-county-2021.txt")


@pytest.fixture(scope="module")
def docx_report() -> Report:
    from tests.conftest import SAMPLES

    return read_docx(SAMPLES / "jiaokou-county-2021.docx")


@pytest.mark.parametrize("which", ["txt_report", "docx_report"])
def test_every_figure(which: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(which)
    assert {f: t.variant for f, t in report.tables.items()} == {
        "disclosure": "2021",
        "applications": "2021",
        "review_litigation": "2021",
    }
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)
    assert str(report.disclosure.amounts["art20_8.fees.amount_wan"]) == "53.6836"


@pytest.mark.parametrize("which", ["txt_report", "docx_report"])
def test_signature_and_identity(which: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(which)
    assert report.year == 2021
    assert report.agency == "交口县"
    assert report.addressee is None
    assert report.signature.agency == "交口县人民政府办公室"
    assert report.signature.date == dt.date(2022, 1, 24)
    assert all(p.present for p in report.parts.values())


def test_txt_structure(txt_report: Report) -> None:
    r = txt_report
    assert r.title == "交口县 2021 年政府信息公开工作年度报告"
    assert [b.text[:10] for b in r.preface] == ["本报告根据新修订的《", "本年报所列数据的统计"]
    assert headings(r.parts["一"].blocks) == [(2, "政务公开标准化规范化建设方面"), (2, "政务公开平台建设方面")]
    # "…共印发文件" / "81份，…" was one paragraph broken at a page end
    joined = [b.text for b in r.parts["一"].blocks if b.text.startswith("政府办公室牵头")]
    assert len(joined) == 1 and "共印发文件81份，公开发布43份" in joined[0]
    assert has_log(r, "assumed", "1 处段落", "接回")
    assert next(b.text for b in r.parts["五"].blocks).startswith("一是网站信息公开不够全面")
    assert [b.text for b in r.parts["六"].blocks] == ["无。"]
    assert r.contacts.phone == "0358-5422520"
    assert r.contacts.fax == "0358-5427520"
    assert r.contacts.postcode == "032400"
    assert r.contacts.address == "交口县龙泉街 16 号"
    assert r.contacts.website == "www.jiaokou.gov.cn"
    assert has_log(r, "recognised", "UTF-8")
    assert not [e for e in r.import_log if e.level in ("missing", "warning")]


def test_docx_structure(docx_report: Report) -> None:
    r = docx_report
    assert r.title == "交口县2021年政府信息公开工作年度报告"
    assert has_log(r, "assumed", "格式模板")
    assert has_log(r, "recognised", "3 个表格")
    assert r.parts["一"].blocks == []
