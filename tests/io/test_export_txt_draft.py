"""草稿 on the draft .txt: its first line says so, the reader does not take it for the title, a final has none."""

from __future__ import annotations

from gkdesk.cli import main
from gkdesk.io.files import is_draft, load_report, save_report
from gkdesk.io.native import write_native
from gkdesk.io.txt_writer import DRAFT_MARK, report_to_text, write_txt
from tests.io.export_support import JIAOKOU_PRINTED_TITLE, jiaokou_2021, signed


def test_draft_txt_says_so_on_its_first_line(tmp_path):
    path = tmp_path / "draft.txt"
    write_txt(jiaokou_2021(), path, draft=True)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[:2] == [DRAFT_MARK, JIAOKOU_PRINTED_TITLE]
    assert report_to_text(jiaokou_2021(), draft=True) == DRAFT_MARK + "\n" + report_to_text(jiaokou_2021())


def test_the_reader_drops_the_mark_and_keeps_the_title(tmp_path):
    report = jiaokou_2021()
    path = tmp_path / "draft.txt"
    write_txt(report, path, draft=True)
    back = load_report(path)
    assert back.title == JIAOKOU_PRINTED_TITLE
    assert not any("草稿" in block.text for block in back.preface)
    assert any(DRAFT_MARK in entry.message for entry in back.import_log)
    assert back.tables == load_report_from_final(report, tmp_path).tables


def load_report_from_final(report, tmp_path):
    path = tmp_path / "final.txt"
    write_txt(report, path)
    return load_report(path)


def test_save_report_marks_drafts_only(tmp_path):
    unsigned = jiaokou_2021()
    assert is_draft(unsigned)
    save_report(unsigned, tmp_path / "a.txt")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8-sig").startswith(DRAFT_MARK + "\n")
    ready = signed(jiaokou_2021())
    assert not is_draft(ready)
    save_report(ready, tmp_path / "b.txt", final=True)
    text = (tmp_path / "b.txt").read_text(encoding="utf-8-sig")
    assert text.startswith(JIAOKOU_PRINTED_TITLE) and "草稿" not in text


def test_cli_convert_to_txt_draft(tmp_path, capsys):
    source = tmp_path / "r.gkreport"
    write_native(jiaokou_2021(), source)
    out = tmp_path / "r.txt"
    assert main(["convert", str(source), str(out)]) == 0
    assert out.read_bytes().decode("utf-8-sig").startswith(DRAFT_MARK + "\r\n")
    capsys.readouterr()
