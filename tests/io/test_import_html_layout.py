"""Web pages whose site lays the page out with tables: the article, report tables and all, sits in a cell of an
outer table (older CMSs do it on most government sites), and Word's "save as web page" markup inside. Nothing of
the article may be lost in the outer "cell": title, preface, every part and every figure read as from the bare page."""

from __future__ import annotations

import re

import pytest

from gkdesk.domain.report import NARRATIVE_PARTS, Report
from gkdesk.io.html_text import html_to_text
from gkdesk.io.html_writer import report_to_html
from gkdesk.io.txt_reader import read_text_report
from tests.io.export_support import jiaokou_2021
from tests.io.import_expect import assert_same_reading


def _body(page: str) -> str:
    return page[page.index("<body>") + len("<body>") : page.rindex("</body>")]


def in_layout_table(page: str) -> str:
    """The article inside the content cell of a site's layout table, with a menu row above and a footer below."""
    return (
        "<html><head><meta charset='utf-8'><title>信息公开</title></head><body>"
        "<table width='100%'><tr><td class='nav'>首页 | 政务公开 | 年度报告</td><td>无障碍</td></tr>"
        "<tr><td class='main' colspan='2'><table width='980'><tr><td>" + _body(page) + "</td></tr></table></td></tr>"
        "<tr><td colspan='2'>主办：某某县人民政府办公室　网站标识码：1234567890</td></tr></table></body></html>"
    )


def word_markup(page: str) -> str:
    """Each table cell's text as Word writes a web page: a MsoNormal paragraph, spans split mid-figure, o:p."""

    def cell(match: re.Match[str]) -> str:
        text = match.group(2)
        half = len(text) // 2
        spans = f"<span lang=EN-US>{text[:half]}</span><span\nlang=EN-US style='font-size:12.0pt'>{text[half:]}</span>"
        return f"<{match.group(1)}><p class=MsoNormal align=center>{spans}<o:p></o:p></p></{match.group(1).split()[0]}>"

    page = re.sub(r"<(t[dh][^>]*)>([^<]*)</t[dh]>", cell, page)
    return page.replace("<head>", "<head><!--[if gte mso 9]><xml><o:DocumentProperties/></xml><![endif]-->", 1)


@pytest.fixture(scope="module")
def bare() -> tuple[str, Report]:
    page = report_to_html(jiaokou_2021(), draft=False)
    return page, read_text_report(page)


def test_the_bare_page_reads_in_full(bare: tuple[str, Report]) -> None:
    _page, report = bare
    assert report.title == "交口县2021年政府信息公开工作年度报告"
    assert report.year == 2021
    assert all(table.present and not table.unread_cells for table in report.tables.values())
    assert all(report.parts[key].blocks for key in NARRATIVE_PARTS)


@pytest.mark.parametrize("shape", ["layout table", "layout table and Word markup"])
def test_an_article_inside_a_layout_table_reads_as_the_bare_page(bare: tuple[str, Report], shape: str) -> None:
    page, expected = bare
    wrapped = in_layout_table(word_markup(page) if shape.endswith("Word markup") else page)
    assert_same_reading(read_text_report(wrapped), expected)


def test_a_layout_tables_cells_are_paragraphs_and_inner_rows_stay_rows() -> None:
    text = html_to_text(
        "<table><tr><td><p>一、总体情况</p><p>本年度……</p><table><tr><td>规章</td><td>1</td></tr></table>"
        "<p>三、收到</p></td><td>侧栏</td></tr></table>"
    )
    assert text.split("\n") == ["一、总体情况", "本年度……", "规章\t1", "三、收到", "侧栏"]


def test_a_cells_paragraphs_are_one_cell() -> None:
    assert html_to_text("<table><tr><td><p>商业</p><p>企业</p></td><td>0</td></tr></table>") == "商业企业\t0"


def test_a_copied_pages_footer_after_the_signature_is_not_the_report() -> None:
    from gkdesk.io.txt_writer import report_to_text

    text = report_to_text(jiaokou_2021())
    expected = read_text_report(text)
    footer = "\n【打印本页】【关闭窗口】\n上一篇：关于印发……的通知\n主办：某某县人民政府办公室　ICP备12345678号\n"
    got = read_text_report(text + footer)
    assert_same_reading(got, expected)
    assert any("页脚" in entry.message for entry in got.import_log)


def test_what_a_browser_hides_is_not_read() -> None:
    # a hidden mobile copy of a paragraph, a letter hidden to spoil copying, an unclosed <p> inside a hidden block
    assert (
        html_to_text('<p>一、总体情况</p><div style="display:none"><p>重复<p>重复</div><p>本年度</p>')
        == "一、总体情况\n本年度"
    )
    cells = '<table><tr><td>行政许可</td><td>3<span style="display: none">9</span>388</td></tr></table>'
    assert html_to_text(cells) == "行政许可\t3388"
    assert html_to_text('<p hidden>x</p><p>y<br>z</p><div style="VISIBILITY:hidden"><br><img>隐</div>w') == "y\nz\nw"
    # a hidden element left open ends with the cell around it, as in a browser
    assert html_to_text("<table><tr><td><span hidden>9</td><td>18</td></tr></table>") == "\t18"


def test_a_hidden_duplicate_of_the_article_changes_no_figure(bare: tuple[str, Report]) -> None:
    """Sites that keep a hidden copy of the article (for phones, for printing) with other figures in it."""
    page, expected = bare
    body = page[page.index("<body>") + len("<body>") : page.rindex("</body>")]
    decoy = body.replace(">3388<", ">9999<")
    assert decoy != body
    wrapped = page.replace("<body>", f'<body><div class="mobile" style="display:none">{decoy}</div>', 1)
    assert_same_reading(read_text_report(wrapped), expected)


def test_a_last_sentence_naming_a_footer_word_stays_in_the_report() -> None:
    from gkdesk.io.txt_writer import report_to_text

    report = jiaokou_2021()
    report.parts["六"].blocks[-1].text = "本机关门户网站由县大数据中心提供技术支持。"
    report.signature.agency = ""
    report.signature.date = None
    got = read_text_report(report_to_text(report))
    assert got.parts["六"].blocks[-1].text == "本机关门户网站由县大数据中心提供技术支持。"
