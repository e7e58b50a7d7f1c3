"""Word documents built the ways clerks build them: table 二 as four small tables, merged cells made with Word's
merge, spaced and split labels, auto-numbered headings, a nested table, a title broken by a line break."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gkdesk.domain.forms import APPLICATION_ROWS
from gkdesk.domain.report import Report
from gkdesk.io.docx_reader import read_docx
from tests.io.import_expect import B, applications, assert_cells, has_log, headings, review


def _numbered(document: docx.document.Document, text: str, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>')
    )


def _table(document: docx.document.Document, rows: list[list[str]]) -> docx.table.Table:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def _build(path: Path) -> None:
    document = docx.Document()
    title = document.add_paragraph("泽州县人民政府办公室")
    title.add_run().add_break()
    title.add_run("2021年政府信息公开工作年度报告")
    document.add_paragraph("本报告由六部分组成，统计期限自2021年1月1日起至2021年12月31日止。")
    _numbered(document, "总体情况")
    _numbered(document, "主动公开情况", 1)
    document.add_paragraph("全年发布信息100条。")
    _numbered(document, "主动公开政府信息情况")
    # table 二 as four small tables, one per block
    _table(
        document,
        [
            ["第二十条第（一）项"],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "1", "０", "/"],
            ["行政规范性文件", "5", "2", "30"],
        ],
    )
    _table(document, [["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "1,200"]])
    _table(
        document, [["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "7"], ["行政\u3000强制", "—"]]
    )
    _table(document, [["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "0.25"]])
    _numbered(document, "收到和处理政府信息公开申请情况")
    rows = list(APPLICATION_ROWS["2021"])
    table = document.add_table(rows=3 + len(rows), cols=10)
    table.cell(0, 0).merge(
        table.cell(2, 2)
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "自然人"
    table.cell(1, 4).merge(table.cell(1, 8)).text = "法人或其他组织"
    table.cell(1, 9).merge(table.cell(2, 9)).text = "总计"
    for i, label in enumerate(["商业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        cell = table.cell(2, 4 + i)
        cell.text = label
        if label == "商业":
            cell.add_paragraph("企业")  # "商业\n企业": two paragraphs in one cell
    groups: dict[str, int] = {}
    for i, row in enumerate(rows):
        r = 3 + i
        if row.row_id in ("new", "carry_in", "carry_out"):
            table.cell(r, 0).merge(table.cell(r, 2)).text = row.label
        elif row.group and row.group != "三、本年度办理结果":
            groups.setdefault(row.group, r)
            table.cell(r, 2).text = row.label
        else:
            table.cell(r, 1).merge(table.cell(r, 2)).text = row.label
        values = [str(i % 3), "0", "0", "0", "0", "0", str(i % 3)] if row.row_id != "total" else ["9"] * 7
        for c, value in enumerate(values):
            table.cell(r, 3 + c).text = value
    for group, start in groups.items():
        size = sum(1 for x in rows if x.group == group)
        table.cell(start, 1).merge(table.cell(start + size - 1, 1)).text = group
    table.cell(5, 0).merge(table.cell(3 + len(rows) - 2, 0)).text = "三、 本 年 度 办 理 结 果"
    _numbered(document, "政府信息公开行政复议、行政诉讼情况")
    outer = document.add_table(rows=1, cols=2)  # a nested table inside a row of an outer table
    inner = outer.cell(0, 1).add_table(rows=4, cols=15)
    inner.cell(0, 0).merge(inner.cell(0, 4)).text = "行政复议"
    inner.cell(0, 5).merge(inner.cell(0, 14)).text = "行政诉讼"
    for i, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        inner.cell(1, i).merge(inner.cell(2, i)).text = label
        inner.cell(2, 5 + i).text = label
        inner.cell(2, 10 + i).text = label
    inner.cell(1, 5).merge(inner.cell(1, 9)).text = "未经复议直接起诉"
    inner.cell(1, 10).merge(inner.cell(1, 14)).text = "复议后起诉"
    for i, value in enumerate(["1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "0", "0", "1", "0", "1"]):
        inner.cell(3, i).text = value
    _numbered(document, "存在的主要问题及改进情况")
    document.add_paragraph("一是公开不够及时。")
    _numbered(document, "其他需要报告的事项")
    document.add_paragraph("无。")
    _table(document, [["", "泽州县人民政府办公室"], ["", "2022年1月13日"]])  # signature laid out in a table
    document.save(str(path))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = tmp_path_factory.mktemp("shapes") / "shapes.docx"
    _build(path)
    return read_docx(path)


def test_four_small_tables_make_table_two(report: Report) -> None:
    assert_cells(
        report.disclosure,
        {
            "art20_1.regulations.issued": 1,
            "art20_1.regulations.repealed": 0,
            "art20_1.regulations.in_force": B,
            "art20_1.normative_documents.issued": 5,
            "art20_1.normative_documents.repealed": 2,
            "art20_1.normative_documents.in_force": 30,
            "art20_5.licensing.decisions": 1200,
            "art20_6.penalty.decisions": 7,
            "art20_6.coercion.decisions": B,
            "art20_8.fees.amount_wan": Decimal("0.25"),
        },
    )


def test_merged_grid_of_table_three(report: Report) -> None:
    expected = {}
    for i, row in enumerate(APPLICATION_ROWS["2021"]):
        expected[row.row_id] = [i % 3, 0, 0, 0, 0, 0, i % 3] if row.row_id != "total" else [9] * 7
    assert report.applications.variant == "2021"
    assert_cells(report.applications, applications("2021", expected))


def test_nested_table_four(report: Report) -> None:
    assert_cells(report.review_litigation, review([1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]))


def test_numbered_headings_and_title(report: Report) -> None:
    assert report.title == "泽州县人民政府办公室2021年政府信息公开工作年度报告"
    assert report.agency == "泽州县人民政府办公室"
    assert all(p.present for p in report.parts.values())
    assert has_log(report, "assumed", "第一部分", "没有编号")
    assert headings(report.parts["一"].blocks) == [(3, "主动公开情况")]
    assert [b.text for b in report.parts["六"].blocks] == ["无。"]
    assert report.signature.date == dt.date(2022, 1, 13)
    assert report.signature.agency == "泽州县人民政府办公室"
    assert has_log(report, "recognised", "7 个表格")


def test_report_inside_a_one_cell_frame(tmp_path: Path) -> None:
    """Some templates put the whole report inside a one-cell table (for a border): its content is read."""
    source = tmp_path / "plain.docx"
    _build(source)
    document = docx.Document(str(source))
    body = document.element.body
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)._tc
    for child in list(body):
        if child is not frame._tbl and not child.tag.endswith("sectPr"):
            cell.append(child)
    framed = tmp_path / "framed.docx"
    document.save(str(framed))
    report = read_docx(framed)
    plain = read_docx(source)
    assert report.tables == plain.tables
    assert report.title == plain.title
    assert report.signature == plain.signature
    assert [p.present for p in report.parts.values()] == [True] * 6
