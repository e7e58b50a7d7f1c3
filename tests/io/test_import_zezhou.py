"""泽州县人民政府办公室 2021: a 2021 report whose table 三 uses the 2019 single row （六）其他处理 (mixed format);
title in two lines. The Word sample of the same office uses the 2021 table 三."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.report import Report
from gkdesk.io.docx_reader import read_docx
from gkdesk.io.txt_reader import read_txt_file
from tests.conftest import SAMPLES, SEEDS
from tests.io.import_expect import Z7, applications, assert_cells, has_log, headings, review

DISCLOSURE = {
    "art20_1.regulations.issued": 0,
    "art20_1.regulations.repealed": 0,
    "art20_1.regulations.in_force": 0,
    "art20_1.normative_documents.issued": 10,
    "art20_1.normative_documents.repealed": 10,
    "art20_1.normative_documents.in_force": 22,
    "art20_5.licensing.decisions": 0,
    "art20_6.penalty.decisions": 0,
    "art20_6.coercion.decisions": 0,
    "art20_8.fees.amount_wan": Decimal("0"),
}
_COMMON_HEAD = {
    "new": [6, 0, 0, 0, 0, 0, 6],
    "carry_in": Z7,
    "granted": Z7,
    "partial": [4, 0, 0, 0, 0, 0, 4],
    "denied.state_secret": Z7,
    "denied.law_forbidden": Z7,
    "denied.three_safety_one_stability": Z7,
    "denied.third_party": Z7,
    "denied.internal_affairs": Z7,
    "denied.process_info": Z7,
    "denied.enforcement_file": Z7,
    "denied.admin_query": Z7,
    "unable.not_held": [2, 0, 0, 0, 0, 0, 2],
    "unable.need_creation": Z7,
    "unable.unclear_after_correction": Z7,
    "not_processed.petition_complaint": Z7,
    "not_processed.repeat": Z7,
    "not_processed.publication": Z7,
    "not_processed.mass_repeat": Z7,
    "not_processed.confirm_reissue": Z7,
}
APPLICATIONS_2019 = applications(
    "2019-trial", {**_COMMON_HEAD, "other": Z7, "total": [6, 0, 0, 0, 0, 0, 6], "carry_out": Z7}
)
APPLICATIONS_2021 = applications(
    "2021",
    {
        **_COMMON_HEAD,
        "other.overdue_correction": Z7,
        "other.overdue_fee": Z7,
        "other.other": Z7,
        "total": [6, 0, 0, 0, 0, 0, 6],
        "carry_out": Z7,
    },
)
REVIEW = review([0, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])


@pytest.fixture(scope="module")
def report() -> Report:
    return read_txt_file(SEEDS / "zezhou-county-office-2021.txt")


def test_every_figure_mixed_format(report: Report) -> None:
    assert report.disclosure.variant == "2021"
    assert report.applications.variant == "2019-trial"
    assert report.is_mixed_format
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS_2019)
    assert_cells(report.review_litigation, REVIEW)
    assert any(f.code == "MIXED" for f in check(report).findings)
    assert has_log(report, "warning", "第二项表格是2021 版格式，第三项表格是2019 试行版格式")


def test_two_line_title_and_signature(report: Report) -> None:
    assert report.title == "泽州县人民政府办公室2021 年政府信息公开工作年度报告"
    assert report.agency == "泽州县人民政府办公室"
    assert report.year == 2021
    assert report.addressee is None
    assert report.signature.agency == "泽州县人民政府办公室"
    assert report.signature.date == dt.date(2022, 1, 13)
    assert has_log(report, "recognised", "标题分两行")


def test_parts(report: Report) -> None:
    assert all(p.present for p in report.parts.values())
    assert report.parts["五"].title == "存在的主要问题及整改措施"
    assert headings(report.parts["一"].blocks) == [
        (2, "主动公开方面"),
        (2, "依申请公开方面"),
        (2, "政府信息管理方面"),
        (2, "政府信息公开平台建设方面"),
        (2, "监督保障方面"),
        (2, "进一步健全工作协调机制。"),
        (2, "进一步加强培训考核。"),
        (2, "进一步抓好任务落实。"),
    ]
    first = report.parts["一"].blocks[0]
    assert first.kind == "paragraph" and first.text.startswith("根据《中华人民共和国政府信息公开条例》")
    # the paragraph broken before "（<http://…>）下载。" is whole again
    assert "门户网站（<http://xxgk.zezhou.gov.cn/xzfgzbm/zfb/zfxxgknb/>）下载。" in first.text
    assert report.contacts.phone == "0356-3033064"
    assert report.contacts.address == "晋城市金村镇府城街 001 号"
    assert headings(report.parts["五"].blocks) == [(2, "存在的主要问题"), (2, "改进情况")]
    assert [b.text for b in report.parts["六"].blocks] == ["无"]


def test_docx_sample_every_figure() -> None:
    report = read_docx(SAMPLES / "zezhou-county-office-2021.docx")
    assert {t.variant for t in report.tables.values()} == {"2021"}
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS_2021)
    assert_cells(report.review_litigation, REVIEW)
    assert report.title == "泽州县人民政府办公室2021年政府信息公开工作年度报告"
    assert report.agency == "泽州县人民政府办公室"
    assert report.signature.date == dt.date(2022, 1, 13)
