"""The .txt export: Notepad-friendly encoding, one paragraph per line, table rows as TAB-separated cells."""

from __future__ import annotations

import os

import pytest

from gkdesk.domain.forms import APPLICATIONS_NOTE, FORM_IDS
from gkdesk.domain.report import Block, new_report
from gkdesk.io.errors import ReportWriteError
from gkdesk.io.export_layout import table_text_rows
from gkdesk.io.txt_reader import read_text_report
from gkdesk.io.txt_writer import report_to_text, write_txt
from tests.io.export_support import JIAOKOU_AGENCY, JIAOKOU_PRINTED_TITLE, jiaokou_2021


def test_file_is_utf8_with_bom_and_crlf(tmp_path):
    path = tmp_path / "r.txt"
    write_txt(jiaokou_2021(), path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n")  # every line end is CRLF
    assert data.decode("utf-8-sig").replace("\r\n", "\n") == report_to_text(jiaokou_2021())


def test_jiaokou_text_reads_in_the_official_order():
    lines = report_to_text(jiaokou_2021()).split("\n")
    assert lines[:3] == [JIAOKOU_PRINTED_TITLE, "", jiaokou_2021().preface[0].text]
    assert lines[4:6] == ["一、总体情况", "（一）政务公开标准化规范化建设方面"]
    headings = [line for line in lines if line[:2] in {f"{k}、" for k in "一二三四五六"} and "\t" not in line]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert lines[-4:] == ["", JIAOKOU_AGENCY, "2022年1月24日", ""]
    assert "无。" in lines


def test_table_rows_are_tab_separated_with_every_figure():
    text = report_to_text(jiaokou_2021())
    lines = text.split("\n")
    assert "第二十条第（一）项\t\t\t" in lines
    assert "信息内容\t本年制发件数\t本年废止件数\t现行有效件数" in lines
    assert "行政规范性文件\t2\t2\t2" in lines
    assert "行政许可\t3388\t\t" in lines
    assert "行政处罚\t404\t\t" in lines
    assert "行政强制\t13\t\t" in lines
    assert "行政事业性收费\t53.6836\t\t" in lines
    assert f"{APPLICATIONS_NOTE}\t\t\t申请人情况\t\t\t\t\t\t" in lines
    assert "一、本年新收政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1" in lines
    assert "三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1" in lines
    assert "\t（七）总计\t\t1\t0\t0\t0\t0\t0\t1" in lines
    assert "0\t1\t0\t0\t1" + "\t0" * 10 in lines
    report = jiaokou_2021()
    for form_id in FORM_IDS:
        rows = table_text_rows(report.tables[form_id])
        definition = report.tables[form_id].form
        assert all(len(row) == definition.n_cols for row in rows)
        for row in rows:
            assert "\t".join(row) in lines
        for cell in definition.grid:
            if cell.role == "value":
                assert rows[cell.row][cell.col] == str(report.tables[form_id].get(cell.cell_id))


def test_paragraphs_stay_on_one_line_and_tables_keep_their_columns():
    report = new_report("某县人民政府办公室", 2024)
    report.parts["一"].blocks = [
        Block(kind="heading", text="主动公开情况。", level=2, inline_text="全年主动公开\n信息 12 条。"),
        Block(text="第一行\r\n第二行"),
    ]
    report.parts["六"].blocks = [Block(text="无。")]
    lines = report_to_text(report).split("\n")
    assert "（一）主动公开情况。全年主动公开 信息12条。" in lines  # no space between Chinese and digits
    assert "第一行 第二行" in lines


def test_about_titles_are_preceded_by_the_agency_and_addressee_ends_with_a_colon():
    report = new_report("河曲县人民政府办公室", 2020)
    report.title = "关于河曲县2020年政府信息公开工作报告"
    report.addressee = "市政府信息中心"
    lines = report_to_text(report).split("\n")
    assert lines[:4] == ["河曲县人民政府办公室", "关于河曲县2020年政府信息公开工作报告", "", "市政府信息中心："]


def test_missing_table_is_printed_blank_and_missing_part_keeps_its_heading():
    report = jiaokou_2021()
    report.tables["review_litigation"].present = False
    report.review_litigation.set("review.total", 5)
    report.parts["六"].present = False
    report.parts["六"].blocks = []
    text = report_to_text(report)
    lines = text.split("\n")
    assert "四、政府信息公开行政复议、行政诉讼情况" in lines
    assert "结果维持" in text  # the official form, every figure blank: no invented zeros, not the stale 5
    table = text[text.index("四、政府信息公开行政复议、行政诉讼情况") : text.index("五、")]
    assert not any(cell.strip().isdigit() for line in table.split("\n") for cell in line.split("\t"))
    assert "六、其他需要报告的事项" in lines
    back = read_text_report(text)
    assert not back.review_litigation.present  # read back: the blank form is a table the source lacked


def test_locked_txt_target_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text("old", encoding="utf-8")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("gkdesk.io.atomic._RETRIES", 1)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportWriteError, match="正在"):
        write_txt(jiaokou_2021(), path)
    assert path.read_text(encoding="utf-8") == "old"
