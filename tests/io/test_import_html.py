"""A report saved from the government website as a web page (.html), or its HTML pasted: paragraphs and tables
are read like a text file's, each table row a line of TAB-separated cells."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from gkdesk.io.errors import ReportReadError
from gkdesk.io.files import load_report
from gkdesk.io.html_text import html_to_text
from gkdesk.io.recognise.structure import Row
from gkdesk.io.txt_reader import read_text_report, text_to_items
from tests.conftest import SEEDS
from tests.io import test_import_hequ, test_import_jiaokou
from tests.io.import_expect import assert_cells, has_log


def page(seed: str, charset: str = "utf-8") -> str:
    """A web page as a CMS renders the seed: <p> paragraphs, each table row a <tr>, scripts and styles around.

    The seed's rows (TAB rows or one cell per line) are taken as the text reader sees them.
    """
    body: list[str] = []
    in_table = False
    for item in text_to_items((SEEDS / seed).read_text(encoding="utf-8")):
        if isinstance(item, Row):
            if not in_table:
                body.append('<table border="1" style="width:100%">')
                in_table = True
            cells = "".join(f"<td colspan=1>{html.escape(c) or '&nbsp;'}</td>" for c in item.cells)
            body.append(f"<tr>{cells}</tr>")
            continue
        if in_table:
            body.append("</table>")
            in_table = False
        body.append(f"<p style='text-indent:2em'>{html.escape(item.text)}</p>")
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>政府信息公开</title>'
        "<style>p{margin:0}</style><script>var x = '<p>不是正文</p>';</script></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def test_saved_web_page(tmp_path: Path) -> None:
    path = tmp_path / "年报.html"
    path.write_bytes(page("jiaokou-county-2021.txt", "gb2312").encode("gb18030"))
    report = load_report(path)
    assert_cells(report.disclosure, test_import_jiaokou.DISCLOSURE)
    assert_cells(report.applications, test_import_jiaokou.APPLICATIONS)
    assert_cells(report.review_litigation, test_import_jiaokou.REVIEW)
    assert report.title == "交口县 2021 年政府信息公开工作年度报告"
    assert report.signature.agency == "交口县人民政府办公室"
    assert has_log(report, "recognised", "网页")
    assert "不是正文" not in "".join(b.text for p in report.parts.values() for b in p.blocks)


def test_pasted_html_with_blank_cells() -> None:
    report = read_text_report(page("hequ-county-2020.txt"))
    assert_cells(report.disclosure, test_import_hequ.DISCLOSURE)
    assert_cells(report.applications, test_import_hequ.APPLICATIONS)


def test_html_to_text_keeps_rows_and_survives_broken_markup() -> None:
    assert html_to_text("<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>") == "一、总体情况\n规章\t1"
    assert html_to_text("<p>未闭合<table><tr><td>a<td>b") == "未闭合"
    assert html_to_text("<div>&lt;x&gt; &amp; &#20013;</div>") == "<x> & 中"


def test_html_renamed_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "网页.docx"
    path.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    with pytest.raises(ReportReadError, match="网页文件"):
        load_report(path)
