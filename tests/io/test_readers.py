"""The reader registry: one decision per file, by its bytes first and its name second."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gkdesk.io import readers
from gkdesk.io.errors import ReportReadError
from gkdesk.io.native import write_native
from gkdesk.io.txt_writer import write_txt
from gkdesk.resources import example_report_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def example_files(tmp_path: Path) -> dict[str, Path]:
    report = readers.load(example_report_path())
    files = {"gkreport": tmp_path / "例.gkreport", "txt": tmp_path / "例.txt", "doc": tmp_path / "例.doc"}
    write_native(report, files["gkreport"])
    write_txt(report, files["txt"])
    shutil.copy(FIXTURES / "example.doc", files["doc"])
    return files


@pytest.mark.parametrize(
    ("source", "renamed", "reader"),
    [
        ("doc", "报告.docx", readers.DOC),  # a .doc saved under the new name
        ("doc", "报告.txt", readers.DOC),
        ("txt", "报告.doc", readers.TEXT),  # text saved as .doc
        ("gkreport", "报告.txt", readers.NATIVE),
    ],
)
def test_the_bytes_decide(
    example_files: dict[str, Path], tmp_path: Path, source: str, renamed: str, reader: readers.Reader
) -> None:
    target = tmp_path / renamed
    shutil.copy(example_files[source], target)
    assert readers.route(target) is reader
    assert readers.load(target).tables["applications"].counts["new.total"] > 0


def test_the_name_decides_where_the_bytes_say_nothing(tmp_path: Path) -> None:
    damaged = tmp_path / "坏.gkreport"
    damaged.write_text('{"schema": 1, "report": {"title": ', encoding="utf-8")
    assert readers.route(damaged) is readers.NATIVE
    with pytest.raises(ReportReadError, match="gkdesk 报告文件"):
        readers.load(damaged)
    empty = tmp_path / "空.doc"
    empty.write_bytes(b"")
    assert readers.route(empty) is readers.DOC


def test_what_no_reader_takes_is_refused_in_one_sentence(tmp_path: Path) -> None:
    sheet = tmp_path / "台账.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ReportReadError, match="Excel"):
        readers.load(sheet)
    rtf = tmp_path / "报告.rtf"
    rtf.write_text("{\\rtf1 abc}", encoding="ascii")
    with pytest.raises(ReportReadError, match="RTF"):
        readers.load(rtf)
    with pytest.raises(ReportReadError, match="找不到文件"):
        readers.load(tmp_path / "没有.docx")


def test_the_open_dialog_offers_what_the_registry_reads() -> None:
    line = readers.open_filter().split(";;")[0]
    for suffix in (".gkreport", ".docx", ".doc", ".wps", ".odt", ".pdf", ".txt", ".html"):
        assert f"*{suffix}" in line
    assert len(readers.open_filter().split(";;")) == len(readers.READERS) + 1


def test_the_cyclic_collector_is_paused_only_while_reading(tmp_path):
    import gc

    from gkdesk.io.readers import load
    from gkdesk.resources import example_report_path

    assert gc.isenabled()
    load(example_report_path())
    assert gc.isenabled()
    broken = tmp_path / "broken.gkreport"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ReportReadError):
        load(broken)
    assert gc.isenabled()  # restored after an error too
    gc.disable()
    try:
        load(example_report_path())
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
