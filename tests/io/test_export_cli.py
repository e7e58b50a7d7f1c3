"""``gkdesk convert IN OUT.docx|OUT.txt`` end to end: drafts, ``--final`` refusal and success."""

from __future__ import annotations

import docx

from gkdesk.cli import main
from gkdesk.io.docx_embed import read_embedded_report
from gkdesk.io.docx_writer import DRAFT_MARK
from gkdesk.io.files import suggested_export_name
from gkdesk.io.native import write_native
from tests.io.export_support import JIAOKOU_PRINTED_TITLE, JIAOKOU_TITLE, as_embedded, jiaokou_2021, signed


def _headers(path) -> list[str]:
    """The text of the page headers the document defines (none for a final export)."""
    section = docx.Document(str(path)).sections[0]
    headers = [h for h in (section.header, section.even_page_header) if not h.is_linked_to_previous]
    return [p.text for h in headers for p in h.paragraphs]


def test_convert_to_docx_without_sign_off_is_a_draft(tmp_path, capsys):
    source = tmp_path / "交口县.gkreport"
    write_native(jiaokou_2021(), source)
    out = tmp_path / "交口县.docx"
    assert main(["convert", str(source), str(out)]) == 0
    assert _headers(out) == [DRAFT_MARK, DRAFT_MARK]
    restored = read_embedded_report(out)
    assert restored is not None and restored == (jiaokou_2021(), True)
    assert suggested_export_name(jiaokou_2021(), ".docx") == f"{JIAOKOU_TITLE}（草稿）.docx"


def test_final_export_refuses_a_report_not_signed_off(tmp_path, capsys):
    source = tmp_path / "r.gkreport"
    write_native(jiaokou_2021(), source)
    out = tmp_path / "r.docx"
    assert main(["convert", str(source), str(out), "--final"]) == 1
    assert "报告尚未签发" in capsys.readouterr().err
    assert not out.exists()


def test_final_export_refuses_a_report_with_errors_and_lists_them(tmp_path, capsys):
    report = signed(jiaokou_2021())
    report.applications.set("new.natural", 5)  # now 一 + 二 ≠ 三 + 四 and the row total is wrong
    source = tmp_path / "r.gkreport"
    write_native(report, source)
    out = tmp_path / "r.txt"
    assert main(["convert", str(source), str(out), "--final"]) == 1
    captured = capsys.readouterr()
    assert "不能导出正式版" in captured.err
    assert "[错误] R1" in captured.out and "[错误] R3" in captured.out
    assert not out.exists()


def test_final_export_of_a_signed_clean_report(tmp_path, capsys):
    report = signed(jiaokou_2021())
    source = tmp_path / "r.gkreport"
    write_native(report, source)
    out = tmp_path / "r.docx"
    assert main(["convert", str(source), str(out), "--final"]) == 0
    assert _headers(out) == []  # no draft mark: the headers are not even defined
    restored = read_embedded_report(out)
    assert restored is not None and restored == (as_embedded(report), True)
    assert suggested_export_name(report, ".docx") == f"{JIAOKOU_TITLE}.docx"
    txt = tmp_path / "r.txt"
    assert main(["convert", str(source), str(txt), "--final"]) == 0
    text = txt.read_bytes().decode("utf-8-sig")
    assert text.startswith(JIAOKOU_PRINTED_TITLE + "\r\n") and "行政许可\t3388\t\t\r\n" in text


def test_convert_txt_to_docx_and_back(tmp_path, seeds_dir):
    out = tmp_path / "交口县.docx"
    assert main(["convert", str(seeds_dir / "jiaokou-county-2021.txt"), str(out)]) == 0
    txt = tmp_path / "交口县.txt"
    assert main(["convert", str(out), str(txt)]) == 0
    assert "行政事业性收费\t53.6836\t\t" in txt.read_text(encoding="utf-8-sig")


def test_unknown_export_suffix_is_an_error(tmp_path, capsys):
    source = tmp_path / "r.gkreport"
    write_native(jiaokou_2021(), source)
    assert main(["convert", str(source), str(tmp_path / "r.rtf")]) == 2
    assert "不支持导出" in capsys.readouterr().err
