"""The .docx export: official layout, table geometry, page numbers, draft mark, embedded report, atomic writes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from lxml import etree

from gkdesk.domain.forms import FORM_IDS, form
from gkdesk.domain.report import PART_KEYS, Block, Report, new_report
from gkdesk.io.docx_embed import GK_NS, read_embedded_report, visible_text
from gkdesk.io.docx_styles import (
    FONT_BODY,
    FONT_HEI,
    FONT_KAI,
    FONT_TITLE,
    LATIN_FONT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    TYPE_WIDTH,
)
from gkdesk.io.docx_writer import DRAFT_MARK, column_widths, docx_bytes, write_docx
from gkdesk.io.errors import ReportWriteError
from gkdesk.io.export_layout import cell_text, chinese_number, grid_rows, title_lines
from tests.io.export_support import JIAOKOU_AGENCY, JIAOKOU_PRINTED_TITLE, as_embedded, jiaokou_2021, signed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def _paragraphs(body: etree._Element) -> list[tuple[str, str]]:
    """(style id, text) of the body's own paragraphs, in order."""
    out = []
    for p in body.iterchildren(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append((style.get(W + "val") if style is not None else "", _text(p)))
    return out


@pytest.fixture(scope="module")
def jiaokou_docx() -> bytes:
    return docx_bytes(signed(jiaokou_2021()), draft=False)


@pytest.fixture(scope="module")
def body(jiaokou_docx: bytes) -> etree._Element:
    return _xml(jiaokou_docx, "word/document.xml").find(W + "body")


# --------------------------------------------------------------------------- page and styles


def test_page_is_a4_with_the_official_margins(jiaokou_docx):
    section = docx.Document(io.BytesIO(jiaokou_docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(v.mm) for v in (section.top_margin, section.bottom_margin, section.left_margin)] == [37, 35, 28]
    assert round(section.right_margin.mm) == 26
    assert (section.top_margin.twips, section.bottom_margin.twips) == (MARGIN_TOP, MARGIN_BOTTOM)
    assert (section.left_margin.twips, section.right_margin.twips) == (MARGIN_LEFT, MARGIN_RIGHT)


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, style_id
    return found


def test_styles_use_the_official_faces_without_theme_fonts(jiaokou_docx):
    styles = _xml(jiaokou_docx, "word/styles.xml")
    for rfonts in styles.iter(W + "rFonts"):
        assert not [a for a in rfonts.attrib if "Theme" in a or "theme" in a], etree.tostring(rfonts)
        page_number = rfonts.getparent().getparent().get(W + "styleId") == "GkPageNumber"
        assert rfonts.get(W + "ascii") == ("宋体" if page_number else LATIN_FONT)  # page-number digits in 宋体
    expected = {
        "Normal": (FONT_BODY, "32"),
        "GkTitle": (FONT_TITLE, "44"),
        "Heading1": (FONT_HEI, None),
        "Heading2": (FONT_KAI, None),
        "Heading3": (FONT_BODY, None),
        "Heading4": (FONT_BODY, None),
    }
    for style_id, (face, size) in expected.items():
        style = _style(styles, style_id)
        assert style.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") == face
        if size:
            assert style.find(f"{W}rPr/{W}sz").get(W + "val") == size
    normal_ppr = _style(styles, "Normal").find(W + "pPr")
    spacing = normal_ppr.find(W + "spacing")
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("579", "exact")  # 28.95 pt
    assert normal_ppr.find(W + "ind").get(W + "firstLineChars") == "200"
    assert normal_ppr.find(W + "jc").get(W + "val") == "both"
    assert _style(styles, "GkTitle").find(f"{W}pPr/{W}jc").get(W + "val") == "center"
    assert _style(styles, "Heading3").find(f"{W}rPr/{W}b") is not None  # 1. in bold 仿宋
    assert _style(styles, "GkTableNumber").find(f"{W}pPr/{W}jc").get(W + "val") == "center"


def test_page_numbers_are_fields_odd_right_even_left(jiaokou_docx):
    settings = _xml(jiaokou_docx, "word/settings.xml")
    assert settings.find(W + "evenAndOddHeaders") is not None
    document = docx.Document(io.BytesIO(jiaokou_docx))
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer._element.find(W + "p")
        assert p.find(f"{W}pPr/{W}jc").get(W + "val") == align
        assert p.find(f"{W}pPr/{W}ind").get(W + align) == "280"  # one 14 pt character of space
        instr = "".join(i.text for i in p.iter(W + "instrText"))
        assert instr.strip() == "PAGE"
        assert [f.get(W + "fldCharType") for f in p.iter(W + "fldChar")] == ["begin", "separate", "end"]
        assert _text(p) == "— 1 —"
    styles = _xml(jiaokou_docx, "word/styles.xml")
    page_style = _style(styles, "GkPageNumber")
    assert page_style.find(f"{W}rPr/{W}sz").get(W + "val") == "28"
    assert page_style.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") == "宋体"


# --------------------------------------------------------------------------- text


def test_body_reads_like_the_seed_in_order(body):
    paragraphs = _paragraphs(body)
    texts = [t for _s, t in paragraphs]
    assert texts[0] == JIAOKOU_PRINTED_TITLE
    assert paragraphs[0][0] == "GkTitle"
    assert texts[1] == ""  # the blank line after the title
    headings = [(s, t) for s, t in paragraphs if s.startswith("Heading")]
    assert headings == [
        ("Heading1", "一、总体情况"),
        ("Heading2", "（一）政务公开标准化规范化建设方面"),
        ("Heading2", "（二）政务公开平台建设方面"),
        ("Heading1", "二、主动公开政府信息情况"),
        ("Heading1", "三、收到和处理政府信息公开申请情况"),
        ("Heading1", "四、政府信息公开行政复议、行政诉讼情况"),
        ("Heading1", "五、存在的主要问题及改进情况"),
        ("Heading1", "六、其他需要报告的事项"),
    ]
    assert paragraphs[-2] == ("GkSignature", JIAOKOU_AGENCY)
    assert paragraphs[-1] == ("GkDate", "2022年1月24日")
    assert paragraphs[-3] == ("Normal", "")  # one blank line before the signature
    assert ("Normal", "无。") in paragraphs
    children = [c.tag for c in body]
    assert children.count(W + "tbl") == 3


def test_signature_date_starts_two_characters_right_of_the_agency(body):
    agency_p, date_p = list(body.iterchildren(W + "p"))[-2:]
    agency_ind = agency_p.find(f"{W}pPr/{W}ind")
    assert agency_ind.get(W + "right") == "640"  # 2 characters of 16 pt
    assert agency_p.find(f"{W}pPr/{W}jc") is None  # right-aligned by the style
    date_ind = date_p.find(f"{W}pPr/{W}ind")
    pitch = TYPE_WIDTH / 28
    # the agency (10 characters) starts at 28 - 2 - 10 = 16 characters; the date at 18
    assert int(date_ind.get(W + "left")) == round(18 * pitch)
    assert date_p.find(f"{W}pPr/{W}jc").get(W + "val") == "left"


def test_long_date_under_a_short_agency_is_two_characters_in():
    report = new_report("某局", 2024)
    report.signature.date = dt.date(2025, 12, 31)
    body = _xml(docx_bytes(report, draft=True), "word/document.xml").find(W + "body")
    agency_p, date_p = list(body.iterchildren(W + "p"))[-2:]
    assert _text(agency_p) == "某局" and _text(date_p) == "2025年12月31日"
    assert date_p.find(f"{W}pPr/{W}ind").get(W + "right") == "640"
    assert int(agency_p.find(f"{W}pPr/{W}ind").get(W + "right")) > 4 * 315


def test_run_in_heading_keeps_its_font_and_the_text_follows():
    report = new_report("某县人民政府办公室", 2024)
    report.parts["一"].blocks = [
        Block(kind="heading", text="主动公开情况。", level=2, inline_text="2024 年，我县主动公开信息 1200 条。"),
        Block(kind="heading", text="一般信息", level=3),
        Block(kind="heading", text="细目", level=4),
        Block(kind="heading", text="另一细目", level=4),
        Block(kind="heading", text="重点信息", level=3),
        Block(kind="heading", text="细目", level=4),
        Block(kind="heading", text="依申请公开情况", level=2),
        Block(kind="heading", text="办理", level=3),
    ]
    body = _xml(docx_bytes(report, draft=True), "word/document.xml").find(W + "body")
    paragraphs = _paragraphs(body)
    start = paragraphs.index(("Heading1", "一、总体情况"))
    assert paragraphs[start + 1 : start + 9] == [
        ("Normal", "（一）主动公开情况。2024年，我县主动公开信息1200条。"),  # web-copy spaces removed
        ("Heading3", "1.一般信息"),
        ("Heading4", "（1）细目"),
        ("Heading4", "（2）另一细目"),
        ("Heading3", "2.重点信息"),
        ("Heading4", "（1）细目"),
        ("Heading2", "（二）依申请公开情况"),
        ("Heading3", "1.办理"),
    ]
    run_in = list(body.iterchildren(W + "p"))[start + 1]
    runs = run_in.findall(W + "r")
    assert runs[0].find(f"{W}rPr/{W}rStyle").get(W + "val") == "GkHeading2Run"
    assert _text(runs[0]) == "（一）主动公开情况。"
    assert runs[1].find(W + "rPr") is None and _text(runs[1]) == "2024年，我县主动公开信息1200条。"


def test_missing_parts_keep_their_official_heading_and_missing_tables_are_printed_blank():
    """A table the source lacked is printed in its official form with blank figures, never as zeros that would pass
    for real figures (QA finding; issue 11)."""
    report = jiaokou_2021()
    report.parts["五"].present = False
    report.parts["五"].blocks = []
    report.parts["三"].present = False
    report.tables["applications"].present = False
    report.applications.set("new.natural", 7)  # stale figure of a table marked missing: not printed
    data = docx_bytes(report, draft=True)
    body = _xml(data, "word/document.xml").find(W + "body")
    headings = [t for s, t in _paragraphs(body) if s == "Heading1"]
    assert headings == [f"{k}、{t}" for k, t in zip(PART_KEYS, _official_titles(), strict=True)]
    tables = body.findall(W + "tbl")
    assert len(tables) == 3
    assert "3388" in "".join(tables[0].itertext())  # table 二
    blank = "".join(tables[1].itertext())  # table 三: every label, no figure
    assert "本年新收政府信息公开申请数量" in blank and "结转下年度继续办理" in blank
    cells = ["".join(tc.itertext()).strip() for tc in tables[1].iter(W + "tc")]
    assert cells.count("") >= 25 * 7 and not [c for c in cells if c.isdigit()], cells  # no figure, not even 0
    assert "结果维持" in "".join(tables[2].itertext())  # table 四


def _official_titles() -> list[str]:
    from gkdesk.domain.report import PART_TITLES

    return [PART_TITLES[k] for k in PART_KEYS]


@pytest.mark.parametrize(
    ("title", "agency", "expected"),
    [
        ("交口县2021年政府信息公开工作年度报告", None, ["交口县2021年政府信息公开工作年度报告"]),
        (
            "交口县人民政府办公室2021年政府信息公开工作年度报告",
            "交口县人民政府办公室",
            ["交口县人民政府办公室", "2021年政府信息公开工作年度报告"],
        ),
        (
            "交口县人民政府办公室2021年政府信息公开工作年度报告",
            None,
            ["交口县人民政府办公室2021年", "政府信息公开工作年度报告"],
        ),
        (
            "河曲县人民政府办公室关于河曲县2020年政府信息公开工作报告",
            None,
            ["河曲县人民政府办公室关于河曲县", "2020年政府信息公开工作报告"],
        ),
        ("河曲县人民政府办公室\n关于河曲县2020年政府信息公开工作报告", None, None),
    ],
)
def test_long_titles_break_at_words_into_balanced_lines(title, agency, expected):
    lines = title_lines(title, agency)
    if expected is None:
        assert lines == title.split("\n")
    else:
        assert lines == expected
    assert "".join(lines) == title.replace("\n", "")
    assert all(len(line) <= 20 for line in lines)


def test_title_lines_are_one_paragraph_with_a_line_break():
    report = new_report("交口县人民政府办公室", 2021)
    body = _xml(docx_bytes(report, draft=True), "word/document.xml").find(W + "body")
    title = body.find(W + "p")
    assert title.find(f"{W}pPr/{W}pStyle").get(W + "val") == "GkTitle"
    assert len(list(title.iter(W + "br"))) == 1
    assert [t.text for t in title.iter(W + "t")] == ["交口县人民政府办公室", "2021年政府信息公开工作年度报告"]


def test_heading_numbers_in_chinese():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 115)] == [
        "一",
        "九",
        "十",
        "十一",
        "十九",
        "二十",
        "二十一",
        "九十九",
        "一百",
        "一百零一",
        "一百一十",
        "一百一十五",
    ]


# --------------------------------------------------------------------------- tables


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    return [tr.findall(W + "tc") for tr in table.findall(W + "tr")]


def _span(tc: etree._Element) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(W + "val")) if span is not None else 1


def _vmerge(tc: etree._Element) -> str | None:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return None if merge is None else (merge.get(W + "val") or "continue")


def _value_texts(table: etree._Element, definition) -> dict[str, str]:
    """cell id -> printed text, found through the official grid positions."""
    by_position: dict[tuple[int, int], etree._Element] = {}
    for r, cells in enumerate(_rows(table)):
        c = 0
        for tc in cells:
            by_position[(r, c)] = tc
            c += _span(tc)
    return {g.cell_id: _text(by_position[(g.row, g.col)]) for g in definition.grid if g.role == "value" and g.cell_id}


@pytest.mark.parametrize("variant", ["2021", "2019-trial"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_tables_have_the_official_merges_labels_and_widths(form_id, variant):
    report = new_report("某县人民政府办公室", 2021, variant)
    data = docx_bytes(report, draft=True)
    table = _xml(data, "word/document.xml").find(W + "body").findall(W + "tbl")[FORM_IDS.index(form_id)]
    definition = form(form_id, variant)
    widths = [int(g.get(W + "w")) for g in table.find(W + "tblGrid")]
    assert widths == column_widths(definition)
    assert len(widths) == definition.n_cols and sum(widths) == TYPE_WIDTH  # exactly the type width
    assert table.find(f"{W}tblPr/{W}tblLayout").get(W + "type") == "fixed"
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert {b.get(W + "sz") for b in borders} == {"4"}  # 0.5 pt
    rows = _rows(table)
    assert len(rows) == definition.n_rows
    for r, (tcs, expected) in enumerate(zip(rows, grid_rows(definition), strict=True)):
        assert [_span(tc) for tc in tcs] == [cell.colspan for cell, _ in expected], f"row {r}"
        for tc, (cell, starts) in zip(tcs, expected, strict=True):
            merge = _vmerge(tc)
            if cell.rowspan > 1:
                assert merge == ("restart" if starts else "continue")
            else:
                assert merge is None
            if starts and cell.role != "value":
                assert _text(tc) == cell.text
            if not starts:
                assert _text(tc) == ""
            assert int(tc.find(f"{W}tcPr/{W}tcW").get(W + "w")) == sum(widths[cell.col : cell.col + cell.colspan])
    for r, tr in enumerate(table.findall(W + "tr")):
        is_header = tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert is_header == (r < definition.header_rows)
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_table_three_has_the_printed_note_and_three_header_rows(body):
    table = body.findall(W + "tbl")[1]
    first = _rows(table)[0][0]
    assert _text(first) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (_span(first), _vmerge(first)) == (3, "restart")
    assert first.find(f"{W}p/{W}pPr/{W}pStyle").get(W + "val") == "GkTableNote"
    assert [_vmerge(row[0]) for row in _rows(table)[1:3]] == ["continue", "continue"]
    assert [_text(tc) for tc in _rows(table)[2]] == [
        "",
        "",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "",
    ]
    results = [row[0] for row in _rows(table)[5:]]
    assert _text(results[0]) == "三、本年度办理结果" and _vmerge(results[0]) == "restart"
    assert [_vmerge(tc) for tc in results[1:22]] == ["continue"] * 21


def test_every_value_cell_prints_its_figure_centred_and_never_blank(body):
    report = jiaokou_2021()
    tables = body.findall(W + "tbl")
    for table_xml, form_id in zip(tables, FORM_IDS, strict=True):
        table = report.tables[form_id]
        definition = table.form
        printed = _value_texts(table_xml, definition)
        assert set(printed) == set(definition.cell_ids())
        for cell_id, text in printed.items():
            assert text == str(table.get(cell_id)), cell_id
            assert text != ""
    # the figures of the seed, as printed
    disclosure = _value_texts(tables[0], form("disclosure"))
    assert disclosure["art20_5.licensing.decisions"] == "3388"
    assert disclosure["art20_8.fees.amount_wan"] == "53.6836"
    assert _value_texts(tables[2], form("review_litigation"))["review.corrected"] == "1"
    for tc in tables[0].iter(W + "tc"):
        style = tc.find(f"{W}p/{W}pPr/{W}pStyle").get(W + "val")
        if _text(tc).replace(".", "").isdigit():
            assert style == "GkTableNumber"


def test_empty_procurement_text_prints_zero_and_signed_change_keeps_its_sign():
    report = new_report("某乡人民政府", 2020, "2019-trial")
    report.disclosure.set("art20_5.licensing.change", -3)
    report.disclosure.set("art20_9.procurement.amount", "")
    report.disclosure.set("art20_8.fees.change", 2)
    table = _xml(docx_bytes(report, draft=True), "word/document.xml").find(W + "body").find(W + "tbl")
    printed = _value_texts(table, form("disclosure", "2019-trial"))
    assert printed["art20_5.licensing.change"] == "-3"
    assert printed["art20_9.procurement.amount"] == "0"
    assert printed["art20_8.fees.change"] == "2"
    definition = form("disclosure", "2019-trial")
    for cell in definition.grid:
        if cell.role == "value":
            assert cell_text(report.disclosure, cell) == printed[cell.cell_id]


# --------------------------------------------------------------------------- draft and final


def test_draft_has_the_mark_in_odd_and_even_headers_final_has_none():
    report = jiaokou_2021()
    draft = docx.Document(io.BytesIO(docx_bytes(report, draft=True)))
    section = draft.sections[0]
    for header in (section.header, section.even_page_header):
        assert not header.is_linked_to_previous
        assert [p.text for p in header.paragraphs] == [DRAFT_MARK]
    assert draft.core_properties.comments == DRAFT_MARK
    final = docx.Document(io.BytesIO(docx_bytes(signed(report), draft=False)))
    assert final.sections[0].header.is_linked_to_previous
    assert all(DRAFT_MARK not in p.text for p in final.paragraphs)
    assert final.core_properties.title == JIAOKOU_PRINTED_TITLE
    assert final.core_properties.author == JIAOKOU_AGENCY  # who signs it, not the county the title names


# --------------------------------------------------------------------------- embedded report


def test_own_export_restores_the_report_exactly(tmp_path):
    report = signed(jiaokou_2021())
    report.previous = new_report(JIAOKOU_AGENCY, 2020)
    report.applications.blank_cells = ["new.biz"]
    report.parts["一"].blocks[0].pending_update = True
    path = tmp_path / "交口县.docx"
    write_docx(report, path, draft=False)
    restored = read_embedded_report(path)
    assert restored is not None
    again, unchanged = restored
    assert unchanged is True
    assert again == as_embedded(report)  # everything but the approver's name (a user name the page does not show)
    assert str(again.disclosure.amounts["art20_8.fees.amount_wan"]) == "53.6836"


def test_embedded_part_is_custom_xml_related_from_the_document(jiaokou_docx):
    with zipfile.ZipFile(io.BytesIO(jiaokou_docx)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        assert 'relationships/customXml" Target="../customXml/item1.xml"' in rels
        item = etree.fromstring(archive.read("customXml/item1.xml"))
        props = archive.read("customXml/itemProps1.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert item.tag == f"{{{GK_NS}}}report"
    assert item.get("fingerprint").startswith("sha256:")
    assert '"schema": "gkdesk.report"' in item.text
    assert "datastoreItem" in props and GK_NS in props
    assert "customXmlProperties+xml" in types


def test_edit_in_word_is_detected_by_the_fingerprint(tmp_path):
    path = tmp_path / "r.docx"
    report = jiaokou_2021()
    write_docx(report, path, draft=True)
    document = docx.Document(str(path))  # what Word does: load, change a figure, save (the custom XML part stays)
    table = document.tables[0]
    assert table.cell(6, 1).text == "3388"
    table.cell(6, 1).paragraphs[0].runs[0].text = "3390"
    document.save(str(path))
    restored = read_embedded_report(path)
    assert restored is not None
    again, unchanged = restored
    assert unchanged is False
    assert again == report  # the embedded report is still the original; the importer must read the visible text


def test_formatting_only_changes_keep_the_fingerprint(tmp_path):
    path = tmp_path / "r.docx"
    write_docx(jiaokou_2021(), path, draft=True)
    document = docx.Document(str(path))
    paragraph = document.paragraphs[5]
    for run in paragraph.runs:
        run.bold = True  # formatting, runs split differently: the visible text is the same
    document.add_paragraph("")  # an empty line adds no text
    document.save(str(path))
    restored = read_embedded_report(path)
    assert restored is not None and restored[1] is True


def test_visible_text_covers_paragraphs_and_table_cells_in_body_order(body):
    text = visible_text(body).split("\n")
    assert text[0] == JIAOKOU_PRINTED_TITLE
    assert text.index("二、主动公开政府信息情况") < text.index("第二十条第（一）项") < text.index("3388")
    assert text.index("3388") < text.index("三、收到和处理政府信息公开申请情况")
    assert text[-1] == "2022年1月24日"


def test_files_without_gkdesk_data_give_none(tmp_path, samples_dir):
    assert read_embedded_report(samples_dir / "official-template-2021-blank.docx") is None
    not_zip = tmp_path / "x.docx"
    not_zip.write_bytes(b"PK\x03\x04 not really")
    assert read_embedded_report(not_zip) is None
    assert read_embedded_report(tmp_path / "missing.docx") is None


def _rezip(source: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, replace.get(name, src.read(name)))
        for name, data in replace.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    return out.getvalue()


def test_hostile_embedded_parts_are_ignored(tmp_path, jiaokou_docx):
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<gk:report xmlns:gk="urn:gkdesk:report" fingerprint="sha256:0">&x;</gk:report>'
    )
    path = tmp_path / "entity.docx"
    path.write_bytes(_rezip(jiaokou_docx, {"customXml/item1.xml": entity}))
    assert read_embedded_report(path) is None
    bomb = b'<gk:report xmlns:gk="urn:gkdesk:report">' + b" " * (70 * 1024 * 1024) + b"</gk:report>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(_rezip(jiaokou_docx, {"customXml/item1.xml": bomb}))
    assert path.stat().st_size < 2 * 1024 * 1024  # compresses to almost nothing, expands beyond the limit
    assert read_embedded_report(path) is None
    broken = b'<gk:report xmlns:gk="urn:gkdesk:report" fingerprint="x">{"schema": "gkdesk.report", </gk:report>'
    path = tmp_path / "broken.docx"
    path.write_bytes(_rezip(jiaokou_docx, {"customXml/item1.xml": broken}))
    assert read_embedded_report(path) is None


def test_text_xml_cannot_hold_is_dropped_from_the_print_but_kept_in_the_embedded_report(tmp_path):
    report = new_report("某县人民政府办公室", 2024)
    report.parts["六"].blocks = [Block(text="无\x01。\ufffe")]
    path = tmp_path / "r.docx"
    write_docx(report, path, draft=True)
    assert "无。" in [p.text for p in docx.Document(str(path)).paragraphs]
    restored = read_embedded_report(path)
    assert restored is not None and restored[0] == report


# --------------------------------------------------------------------------- writing


def test_locked_target_keeps_the_old_file_and_says_so(tmp_path, monkeypatch):
    path = tmp_path / "报告.docx"
    path.write_bytes(b"old version")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("gkdesk.io.atomic._RETRIES", 1)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportWriteError) as info:
        write_docx(jiaokou_2021(), path, draft=True)
    assert "Word" in str(info.value) and "报告.docx" in str(info.value)
    assert path.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ReportWriteError, match="不存在"):
        write_docx(jiaokou_2021(), tmp_path / "no" / "r.docx", draft=True)


def test_python_docx_failures_become_write_errors(monkeypatch):
    import gkdesk.io.docx_writer as writer

    def broken(*_args, **_kwargs):
        raise ValueError("bad xml")

    monkeypatch.setattr(writer, "embed_report", broken)
    with pytest.raises(ReportWriteError, match="生成 Word 文件时出错"):
        docx_bytes(jiaokou_2021(), draft=True)


def test_export_is_complete_when_written_twice(tmp_path):
    path = tmp_path / "r.docx"
    report = jiaokou_2021()
    write_docx(report, path, draft=True)
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("1.5"))
    write_docx(report, path, draft=True)
    restored = read_embedded_report(path)
    assert restored is not None and restored[0] == report
    assert (tmp_path / "r.docx.bak").exists()


def test_export_of_an_empty_new_report_is_a_valid_document(tmp_path):
    report: Report = new_report(None, 2024)
    path = tmp_path / "空.docx"
    write_docx(report, path, draft=True)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "2024年政府信息公开工作年度报告"
    assert len(document.tables) == 3
    assert Path(path).stat().st_size > 5000


def test_signature_never_stands_alone_on_a_page(body):
    paragraphs = list(body.iterchildren(W + "p"))
    last_text, blank = paragraphs[-4], paragraphs[-3]
    assert _text(last_text) == "无。" and _text(blank) == ""
    for p in (last_text, blank, paragraphs[-2]):  # 无。, the blank line, the agency (by its style)
        assert p.find(f"{W}pPr/{W}keepNext") is not None or p is paragraphs[-2]
    earlier = [p for p in paragraphs[:-4] if p.find(f"{W}pPr/{W}pStyle").get(W + "val") == "Normal"]
    assert all(p.find(f"{W}pPr/{W}keepNext") is None for p in earlier)


def test_very_long_title_and_agency_still_export(tmp_path):
    report = new_report("某" * 300, 2024)
    report.title = "很长的标题" * 80
    path = tmp_path / "r.docx"
    write_docx(report, path, draft=True)
    restored = read_embedded_report(path)
    assert restored is not None and restored[0] == report
    title = docx.Document(str(path)).paragraphs[0].text
    assert title.replace("\n", "") == report.title
    assert all(len(line) <= 20 for line in title.split("\n"))
