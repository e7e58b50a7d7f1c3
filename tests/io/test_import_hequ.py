"""河曲县 2020: the 2019 trial format, one cell per line, blank cells, "5、" heading, an addressee, a stray page
number between rows, a procurement amount with its unit and a negative change."""

from __future__ import annotations

import datetime as dt

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.txt_reader import read_txt_file
from tests.conftest import SEEDS
from tests.io.import_expect import B, applications, assert_cells, has_log, headings, review

DISCLOSURE = {
    "art20_1.regulations.made": 0,
    "art20_1.regulations.published": 0,
    "art20_1.regulations.total_published": 0,
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
    "art20_6.coercion.change": 0,
    "art20_6.coercion.decisions": 0,
    "art20_8.fees.prev_items": 35,
    "art20_8.fees.change": 0,
    "art20_9.procurement.items": 111,
    "art20_9.procurement.amount": "62423198.43元",
}
B7 = [B, B, B, B, B, B, B]
APPLICATIONS = applications(
    "2019-trial",
    {
        "new": [3, B, B, B, B, B, 3],
        "carry_in": B7,
        "granted": B7,
        "partial": B7,
        "denied.state_secret": B7,
        "denied.law_forbidden": B7,
        "denied.three_safety_one_stability": B7,
        "denied.third_party": B7,
        "denied.internal_affairs": B7,
        "denied.process_info": B7,
        "denied.enforcement_file": B7,
        "denied.admin_query": B7,
        "unable.not_held": B7,
        "unable.need_creation": B7,
        "unable.unclear_after_correction": B7,
        "not_processed.petition_complaint": B7,
        "not_processed.repeat": B7,
        "not_processed.publication": B7,
        "not_processed.mass_repeat": B7,
        "not_processed.confirm_reissue": B7,
        "other": [3, B, B, B, B, B, B],
        "total": [3, B, B, B, B, B, 3],
        "carry_out": B7,
    },
)
REVIEW = review([B, B, 1, B, 1, B, B, B, B, B, B, B, B, B, B])


@pytest.fixture(scope="module")
def report() -> Report:
    return read_txt_file(SEEDS / "hequ-county-2020.txt")


def test_every_figure_2019_format(report: Report) -> None:
    assert {t.variant for t in report.tables.values()} == {"2019-trial"}
    assert report.format == "2019-trial"
    assert_cells(report.disclosure, DISCLOSURE)
    assert_cells(report.applications, APPLICATIONS)
    assert_cells(report.review_litigation, REVIEW)
    blocks = {c.split(".")[0] for c in report.disclosure.form.cell_ids()}
    assert blocks == {"art20_1", "art20_5", "art20_6", "art20_8", "art20_9"}


def test_blank_cells_are_logged(report: Report) -> None:
    entry = next(e for e in report.import_log if e.level == "warning" and e.message.startswith("第三项"))
    assert "156 个单元格为空白" in entry.message and "已按 0 处理" in entry.message
    assert len(entry.cells) == 156 and "applications:new.biz" in entry.cells
    assert has_log(report, "warning", "第四项", "13 个单元格为空白")
    assert has_log(report, "assumed", "2 处单独成行的页码")


def test_title_addressee_signature(report: Report) -> None:
    assert report.title == "关于河曲县2020年政府信息公开工作报告"
    assert report.agency == "河曲县人民政府办公室"
    assert report.year == 2020
    assert report.addressee == "市政府信息中心"
    assert report.signature.agency == "河曲县人民政府办公室"
    assert report.signature.date == dt.date(2021, 2, 5)
    assert [b.text[:10] for b in report.preface] == ["为认真贯彻落实《中华"]


def test_parts(report: Report) -> None:
    assert all(p.present for p in report.parts.values())
    assert has_log(report, "assumed", "第五部分", "5、")
    assert report.parts["六"].title == "其他需要报告事项"
    assert [b.text for b in report.parts["六"].blocks] == ["无其他报告事项"]
    assert headings(report.parts["一"].blocks) == [
        (2, "基本情况"),
        (2, "工作成效"),
        (3, "主动公开。"),
        (3, "依申请公开。"),
        (3, "舆情反馈跟踪。"),
    ]
    first_item = next(b for b in report.parts["一"].blocks if b.level == 3)
    assert first_item.inline_text.startswith("我县按照《国务院办公厅")  # the [bookmark: _GoBack] artifact is gone
    assert headings(report.parts["五"].blocks) == [(2, "存在问题"), (2, "改进情况")]
    assert len(report.parts["五"].blocks) == 6
