"""What every export prints differently from the report, decided once in export_layout and logged: the source's
subsection hierarchy kept, the official part headings (the source's only on request), no spaces between Chinese
and digits in the title, body and properties."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from gkdesk.domain.report import Block, Report, new_report
from gkdesk.io.docx_writer import docx_bytes
from gkdesk.io.export_layout import LayoutOptions, ParagraphItem, layout_notes, report_items
from gkdesk.io.files import save_report
from gkdesk.io.html_writer import report_to_html
from gkdesk.io.txt_writer import report_to_text


def _report() -> Report:
    report = new_report("某县人民政府办公室", 2024)
    report.title = "某县 2024 年政府信息公开工作年度报告"
    report.parts["一"].blocks = [
        Block(kind="heading", text="主动公开方面", level=2),
        Block(text="全年公开信息 12 条。"),
        Block(kind="heading", text="监督保障方面", level=2),
        Block(kind="heading", text="进一步健全工作协调机制。", level=2, inline_text="定期召开会议。"),
        Block(kind="heading", text="进一步加强培训考核。", level=2, inline_text="分级分类培训。"),
        Block(kind="heading", text="进一步抓好任务落实。", level=2, inline_text="形成工作台账。"),
    ]
    report.parts["五"].title = "存在的主要问题及整改措施"
    return report


def _headings(report: Report, options: LayoutOptions | None = None) -> list[str]:
    return [
        item.number + item.heading
        for item in report_items(report, options)
        if isinstance(item, ParagraphItem) and item.level
    ]


def test_sub_items_stay_under_their_heading_and_the_log_says_so():
    report = _report()
    assert _headings(report)[:6] == [
        "一、总体情况",
        "（一）主动公开方面",
        "（二）监督保障方面",
        "1.进一步健全工作协调机制。",
        "2.进一步加强培训考核。",
        "3.进一步抓好任务落实。",
    ]
    notes = layout_notes(report)
    assert (
        "第一部分“（二）监督保障方面”下的 3 个小标题按原文层级排在它之下，编号为“1.”“2.”“3.”（未续排为同级）" in notes
    )
    lines = report_to_text(report).split("\n")
    assert (
        "1.进一步健全工作协调机制。定期召开会议。" in lines
        and "（三）进一步健全工作协调机制。定期召开会议。" not in lines
    )


def test_siblings_with_text_of_their_own_are_numbered_on():
    report = new_report("某县人民政府办公室", 2024)
    report.parts["一"].blocks = [
        Block(kind="heading", text="主动公开。", level=2, inline_text="全年公开。"),
        Block(kind="heading", text="依申请公开。", level=2, inline_text="全年办理。"),
    ]
    assert _headings(report)[1:3] == ["（一）主动公开。", "（二）依申请公开。"]
    assert not [note for note in layout_notes(report) if "小标题" in note]


def test_official_part_headings_by_default_the_source_wording_on_request():
    report = _report()
    assert "五、存在的主要问题及改进情况" in _headings(report)
    assert (
        "第五部分标题按官方格式写为“五、存在的主要问题及改进情况”（原文“五、存在的主要问题及整改措施”）"
        in layout_notes(report)
    )
    keep = LayoutOptions(keep_source_titles=True)
    assert "五、存在的主要问题及整改措施" in _headings(report, keep)
    assert (
        "第五部分标题按要求保留原文“五、存在的主要问题及整改措施”（官方格式为“五、存在的主要问题及改进情况”）"
        in layout_notes(report, keep)
    )
    assert "五、存在的主要问题及整改措施" in report_to_text(report, options=keep)
    assert "五、存在的主要问题及改进情况" in report_to_html(report, draft=True)


def test_spaces_between_chinese_and_digits_go_from_title_body_and_properties(tmp_path):
    report = _report()
    text = report_to_text(report)
    assert text.startswith("某县2024年政府信息公开工作年度报告\n")
    assert "全年公开信息12条。" in text
    assert "<title>某县2024年政府信息公开工作年度报告</title>" in report_to_html(report, draft=True)
    with zipfile.ZipFile(io.BytesIO(docx_bytes(report, draft=True))) as package:
        core = etree.fromstring(package.read("docProps/core.xml"))
        body = "".join(etree.fromstring(package.read("word/document.xml")).itertext())
    assert core.findtext("{http://purl.org/dc/elements/1.1/}title") == "某县2024年政府信息公开工作年度报告"
    assert "某县2024年" in body and "12条" in body and "2024 年" not in body
    assert "已删除汉字与数字之间的空格（标题 2 处、正文 2 处）" in layout_notes(report)
    assert save_report(report, tmp_path / "r.txt") == layout_notes(report)
    assert report.title == "某县 2024 年政府信息公开工作年度报告"  # the report itself is untouched


def test_phone_numbers_and_codes_keep_their_separating_spaces():
    from gkdesk.io.export_layout import without_cjk_digit_spaces

    assert without_cjk_digit_spaces("电话：0358-5422520 传真：0358-5427520") == (
        "电话：0358-5422520 传真：0358-5427520",
        0,
    )
    assert without_cjk_digit_spaces("办结率 100% 。共 3.5 万元") == ("办结率100%。共3.5万元", 4)
