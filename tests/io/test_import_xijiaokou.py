"""西交口乡 2021: one cell per line with only the 总计 column filled, "2、" heading, no part 六, no signature;
and the Word sample of the same township."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gkdesk.domain.checker import check
from gkdesk.domain.report import Report
from gkdesk.io.docx_reader import read_docx
from gkdesk.io.txt_reader import read_txt_file
from tests.conftest import SAMPLES, SEEDS
from tests.io.import_expect import Z7, B, applications, assert_cells, has_log, headings, review

DISCLOSURE = {
    "art20_1.regulations.issued": 0,
    "art20_1.regulations.repealed": 0,
    "art20_1.regulations.in_force": 0,
    "art20_1.normative_documents.issued": 0,
    "art20_1.normative_documents.repealed": 0,
    "art20_1.normative_documents.in_force": 0,
    "art20_5.licensing.decisions": 0,
    "art20_6.penalty.decisions": 0,
    "art20_6.coercion.decisions": 0,
    "art20_8.fees.amount_wan": Decimal("0"),
}
ROW_IDS = [
    "new",
    "carry_in",
    "granted",
    "partial",
    "denied.state_secret",
    "denied.law_forbidden",
    "denied.three_safety_one_stability",
    "denied.third_party",
    "denied.internal_affairs",
    "denied.process_info",
    "denied.enforcement_file",
    "denied.admin_query",
    "unable.not_held",
    "unable.need_creation",
    "unable.unclear_after_correction",
    "not_processed.petition_complaint",
    "not_processed.repeat",
    "not_processed.publication",
    "not_processed.mass_repeat",
    "not_processed.confirm_reissue",
    "other.overdue_correction",
    "other.overdue_fee",
    "other.other",
    "total",
    "carry_out",
]
# every row prints six blank applicant cells and "0" in the 总计 column
APPLICATIONS_TXT = applications("2021", {row: [B, B, B, B, B, B, 0] for row in ROW_IDS})
# table 四 prints "0" under 行政复议·总计, 未经复议直接起诉·尚未审结 and 复议后起诉·总计 only
REVIEW_TXT = review([B, B, B, B, 0, B, B, B, 0, B, B, B, B, B, 0])


@pytest.fixture(scope="module")
def report() -> Report:
    return read_txt_file(SEEDS / "xijiaokou-township-2021.txt")


def test_every_figure(report: Report) -> None:
    assert {t.variant for t in report.tables.values()} == {"2021"}
    assert_cells(report.disclosure, DISCLOSURE)  # "　　0" with ideographic spaces is 0, not blank
    assert_cells(report.applications, APPLICATIONS_TXT)
    assert_cells(report.review_litigation, REVIEW_TXT)
    assert has_log(report, "warning", "第三项", "150 个单元格为空白")
    assert any(f.code == "BLANK" for f in check(report).findings)


def test_structure(report: Report) -> None:
    assert report.title == "西交口乡人民政府2021年政府信息公开工作年度报告"
    assert report.agency == "西交口乡人民政府"
    assert report.year == 2021
    assert report.addressee is None
    assert report.signature.agency is None
    assert report.signature.date is None
    assert has_log(report, "missing", "未找到落款日期")
    assert has_log(report, "missing", "未找到落款机关")
    assert has_log(report, "assumed", "第二部分", "2、")
    assert {k: p.present for k, p in report.parts.items()} == {
        "一": True,
        "二": True,
        "三": True,
        "四": True,
        "五": True,
        "六": False,
    }
    assert has_log(report, "missing", "第六部分")
    assert headings(report.parts["一"].blocks) == [
        (3, "加强组织领导，合理配置专职队伍。"),
        (3, "全面推行政务公开，规范政务信息发布。"),
        (3, "建立政务公开长效机制。"),
    ]
    assert headings(report.parts["五"].blocks) == [(2, "存在问题"), (2, "改进措施")]
    assert report.parts["五"].blocks[-1].text.startswith("二是进一步加强公开队伍建设。")


def test_docx_sample() -> None:
    report = read_docx(SAMPLES / "xijiaokou-township-2021.docx")
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, applications("2021", dict.fromkeys(ROW_IDS, Z7)))
    assert_cells(report.review_litigation, review([0] * 15))
    assert report.title == "西交口乡人民政府2021年政府信息公开工作年度报告"
    assert report.agency == "西交口乡人民政府"
    assert report.signature.date is None
    assert has_log(report, "missing", "未找到落款日期")
