"""Fixes to the .docx export from issue 11: embedded data, document properties, character grid, table 三 groups."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from gkdesk.domain.report import HistoryEntry, ImportLogEntry, Report, SignOff
from gkdesk.io.docx_embed import embedded_copy, read_embedded_report
from gkdesk.io.docx_writer import docx_bytes, write_docx
from gkdesk.io.files import load_report
from tests.io.export_support import as_embedded, jiaokou_2021

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE = "/home/张三/桌面/x.docx"
LOG_MESSAGE = "表二第 3 行的数字按位置推断（测试日志）"


def _leaky_report():
    report = jiaokou_2021()
    report.source_file = SOURCE
    report.import_log = [ImportLogEntry(level="assumed", message=LOG_MESSAGE, cells=["x"])]
    report.history = [
        HistoryEntry(action="imported", who="张三", when=dt.datetime(2022, 1, 10, 9, 30), note="从 x.docx 导入"),
        HistoryEntry(action="sign_off_revoked", who="张三", when=dt.datetime(2022, 1, 11), note="王五说数字不对"),
    ]
    report.sign_off = SignOff(approver="李四", date=dt.date(2022, 1, 24))
    return report


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_embedded_data_holds_no_path_no_import_log_no_history_names(tmp_path: Path) -> None:
    report = _leaky_report()
    path = tmp_path / "r.docx"
    write_docx(report, path, draft=True)
    parts = _parts(path.read_bytes())
    document = parts["word/document.xml"]
    assert any(name.startswith("customXml/") for name in parts)
    for secret in (SOURCE, "张三", "桌面", LOG_MESSAGE, "王五", report.sign_off.approver):
        assert secret not in document
        for name, text in parts.items():
            assert secret not in text, f"{secret!r} in {name}"
    # reopening restores everything else exactly: tables, text, signature, sign-off, history actions and times
    restored = read_embedded_report(path)
    assert restored is not None and restored[1] is True
    again = restored[0]
    assert again.tables == report.tables and again.parts == report.parts and again.preface == report.preface
    assert again.title == report.title and again.signature == report.signature
    assert again.sign_off == as_embedded(report).sign_off and again.signed_off
    assert [(e.action, e.when, e.who) for e in again.history] == [(e.action, e.when, "") for e in report.history]
    assert [e.note for e in again.history] == ["从 x.docx 导入", ""]
    assert again.source_file is None and again.import_log == []
    opened = load_report(path)
    assert opened.source_file == str(path) and LOG_MESSAGE not in [e.message for e in opened.import_log]
    assert opened.tables == report.tables and opened.parts == report.parts


def test_previous_year_is_cleaned_the_same_way() -> None:
    report = jiaokou_2021()
    report.previous = _leaky_report()
    parts = _parts(docx_bytes(report, draft=True))
    assert not any(SOURCE in text or LOG_MESSAGE in text or "张三" in text for text in parts.values())


def test_names_the_document_shows_are_kept() -> None:
    report = _leaky_report()
    report.history[0].who = report.agency or ""
    copy = embedded_copy(report, shown=f"落款 {report.agency}")
    assert copy.history[0].who == report.agency and copy.history[1].who == ""


def test_the_approver_can_be_left_out_and_the_report_stays_signed_off() -> None:
    copy = embedded_copy(_leaky_report(), shown="", keep_approver=False)
    assert "李四" not in copy.model_dump_json() and copy.signed_off


def test_the_approver_name_is_not_embedded() -> None:
    parts = _parts(docx_bytes(_leaky_report(), draft=True))
    assert not any("李四" in text for text in parts.values())


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


# --------------------------------------------------------------------------- document properties


def test_document_properties_name_gkdesk_the_title_and_the_signer() -> None:
    from gkdesk import __version__
    from tests.io.export_support import JIAOKOU_AGENCY, JIAOKOU_PRINTED_TITLE

    data = docx_bytes(jiaokou_2021(), draft=False)
    parts = _parts(data)
    app, core = parts["docProps/app.xml"], _xml(data, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert f"<Application>gkdesk {__version__}</Application>" in app
    for stale in ("Microsoft", "Macintosh", "<Pages>", "<Words>", "<Characters>", "AppVersion", "Normal.dotm"):
        assert stale not in app
    assert core.findtext(dc + "title") == JIAOKOU_PRINTED_TITLE
    assert core.findtext(dc + "creator") == JIAOKOU_AGENCY  # the signer, not the county the title names
    assert "build_template" not in parts["docProps/core.xml"]


# --------------------------------------------------------------------------- character grid


def test_section_has_the_22_line_grid_and_the_condensed_body_fits_28_characters() -> None:
    from gkdesk.io.docx_styles import BODY_CHAR, BODY_CHAR_SPACING, BODY_LINE, CHARS_PER_LINE, TYPE_WIDTH

    data = docx_bytes(jiaokou_2021(), draft=False)
    body = _xml(data, "word/document.xml").find(W + "body")
    grid = body.find(f"{W}sectPr/{W}docGrid")
    assert grid.get(W + "type") == "lines"  # not linesAndChars: LibreOffice would print 14 characters a line
    assert grid.get(W + "linePitch") == str(BODY_LINE)
    styles = {s.get(W + "styleId"): s for s in _xml(data, "word/styles.xml").iter(W + "style")}

    def spacing(style_id: str) -> int:
        return int(styles[style_id].find(f"{W}rPr/{W}spacing").get(W + "val"))

    # Word, WPS and LibreOffice add w:spacing after every character: 28 advances fit the type width, 29 do not
    advance = BODY_CHAR + spacing("Normal")
    assert spacing("Normal") == BODY_CHAR_SPACING < 0
    assert CHARS_PER_LINE * advance <= TYPE_WIDTH < (CHARS_PER_LINE + 1) * advance
    for natural in ("GkTitle", "GkTableText", "GkTableHeader", "GkTableNumber", "GkTableNote"):
        assert spacing(natural) == 0, natural  # the title and the tables keep their natural width
    # LibreOffice reads overflowPunct inverted: val="1" is what keeps it from hanging (and losing) a line-end comma
    assert styles["Normal"].find(f"{W}pPr/{W}overflowPunct").get(W + "val") == "1"


def _printed_lines(report: Report, outdir: Path, draft: bool) -> list[str]:
    """The export as LibreOffice prints it, read back with ``pdftotext -raw``; page numbers and 草稿 marks left out."""
    import re
    import subprocess

    source = outdir / "r.docx"
    write_docx(report, source, draft=draft)
    _to_pdf(source, outdir)
    text = subprocess.run(
        ["pdftotext", "-raw", str(outdir / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line for line in text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*|草稿", line)]


@pytest.fixture(scope="module")
def jiaokou_printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, list[str]]:
    from tests.io.export_support import signed

    report = signed(jiaokou_2021())
    return report, _printed_lines(report, tmp_path_factory.mktemp("grid"), draft=False)


@pytest.mark.libreoffice
def test_libreoffice_prints_28_characters_on_a_full_body_line(jiaokou_printed: tuple[Report, list[str]]) -> None:
    widths = [len(line) for line in jiaokou_printed[1] if line and all(ord(ch) > 0x2E80 for ch in line)]
    assert max(widths) == 28
    assert widths.count(28) >= 5  # full lines throughout, not one by chance


def _assert_every_character_printed(report: Report, lines: list[str]) -> None:
    import re

    from gkdesk.io.export_layout import ParagraphItem, SignatureItem, TitleItem, report_items

    flat = re.sub(r"\s+", "", "".join(lines))
    expected: list[str] = []
    for item in report_items(report):
        if isinstance(item, TitleItem):
            expected.extend(item.lines)
        elif isinstance(item, ParagraphItem):
            expected.append(item.plain_text)
        elif isinstance(item, SignatureItem):
            expected.extend((item.agency, item.date))
    expected = [re.sub(r"\s+", "", text) for text in expected if text.strip()]
    assert len(expected) > 15
    missing = [text for text in expected if text not in flat]
    assert missing == []
    body = "".join(expected)
    for mark in "，。、；：“”（）《》":
        assert flat.count(mark) >= body.count(mark), mark


@pytest.mark.libreoffice
def test_libreoffice_prints_every_character_of_the_body(jiaokou_printed: tuple[Report, list[str]]) -> None:
    """Tight lines must not cost a character: every paragraph, heading, title line and the signature is on the
    pages in full, each punctuation mark included (hanging punctuation once dropped a line-end comma)."""
    _assert_every_character_printed(*jiaokou_printed)


@pytest.mark.libreoffice
@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["hequ-county-2020", "jiaocheng-county-2024", "xijiaokou-township-2021", "zezhou-county-office-2021"]
)
def test_libreoffice_prints_every_character_of_each_seed(name: str, seeds_dir: Path, tmp_path: Path) -> None:
    report = load_report(seeds_dir / f"{name}.txt")
    lines = _printed_lines(report, tmp_path, draft=True)
    _assert_every_character_printed(report, lines)
    assert max(len(line) for line in lines if line and all(ord(ch) > 0x2E80 for ch in line)) == 28


def _to_pdf(source: Path, outdir: Path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
    command = [soffice, f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless", "--norestore"]
    command += ["--convert-to", "pdf", "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


# --------------------------------------------------------------------------- table 三 kept together by groups


def _table_rows(table: etree._Element) -> list[etree._Element]:
    return table.findall(W + "tr")


def _group_spans(table: etree._Element) -> list[tuple[str, int, int]]:
    """(label, first row, last row) of every label merged down several rows, read from the vMerge marks."""
    rows = _table_rows(table)
    spans = []
    for r, tr in enumerate(rows):
        for c, tc in enumerate(tr.findall(W + "tc")):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is None or merge.get(W + "val") != "restart":
                continue
            last = r
            while last + 1 < len(rows):
                below = rows[last + 1].findall(W + "tc")
                continuing = below[c].find(f"{W}tcPr/{W}vMerge") if c < len(below) else None
                if continuing is None or continuing.get(W + "val") == "restart":
                    break
                last += 1
            spans.append(("".join(t.text or "" for t in tc.iter(W + "t")), r, last))
    return spans


def test_table_three_groups_are_kept_together_and_rows_never_split() -> None:
    body = _xml(docx_bytes(jiaokou_2021(), draft=False), "word/document.xml").find(W + "body")
    table = body.findall(W + "tbl")[1]
    spans = {label: (first, last) for label, first, last in _group_spans(table)}
    for label in ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        assert label in spans
    assert spans["（三）不予公开"][1] - spans["（三）不予公开"][0] == 7  # 8 rows
    rows = _table_rows(table)
    for tr in rows:
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None
    for label, (first, last) in spans.items():
        for r in range(first, last + 1):
            keeps = [p.find(f"{W}pPr/{W}keepNext") is not None for p in rows[r].iter(W + "p")]
            if r < last:
                assert keeps and all(keeps), f"row {r} of {label} is not kept with the next"
    # the row after the last group (（七）总计) may break from it: the group's last row does not force it
    total = next(r for r, tr in enumerate(rows) if "（七）总计" in "".join(t.text or "" for t in tr.iter(W + "t")))
    assert spans["三、本年度办理结果"][1] >= total


def _first_column_by_page(pdf: Path, low: float, high: float) -> list[str]:
    """The text of the words starting in the x range [low, high] pt, top to bottom, per page (pdftotext -bbox)."""
    import html
    import re
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page)
        column = sorted((float(y), html.unescape(w)) for x, y, w in words if low <= float(x) <= high)
        pages.append("".join(w for _, w in column))
    return pages


@pytest.mark.libreoffice
@pytest.mark.shared
@pytest.mark.parametrize("name", ["hequ-county-2020", "xijiaokou-township-2021"])  # both cut the label before
def test_libreoffice_never_cuts_the_table_three_label_across_pages(name: str, seeds_dir: Path, tmp_path: Path) -> None:
    from gkdesk.domain.forms import form
    from gkdesk.io.docx_styles import MARGIN_LEFT
    from gkdesk.io.docx_writer import column_widths

    source = tmp_path / f"{name}.docx"
    write_docx(load_report(seeds_dir / f"{name}.txt"), source, draft=True)
    _to_pdf(source, tmp_path)
    left = MARGIN_LEFT / 20
    first_width = column_widths(form("applications", "2021"))[0] / 20
    pages = _first_column_by_page(tmp_path / f"{name}.pdf", left - 2, left + first_width)
    label = "三、本年度办理结果"
    assert sum(label in page for page in pages) == 1, [p for p in pages if "本年度" in p or "结果" in p]
    tails = [label[i:] for i in range(1, len(label)) if label[i:] != "结果"]  # 结果维持 heads table 四's column
    assert not any(page.startswith(tuple(tails)) for page in pages)


# --------------------------------------------------------------------------- page numbers and table 二 labels


def test_page_number_digits_are_in_song_like_the_dashes() -> None:
    data = docx_bytes(jiaokou_2021(), draft=False)
    styles = _xml(data, "word/styles.xml")
    style = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "GkPageNumber")
    fonts = style.find(f"{W}rPr/{W}rFonts")
    for attribute in ("ascii", "hAnsi", "eastAsia"):
        assert fonts.get(W + attribute) == "宋体"
    for name in ("word/footer1.xml", "word/footer2.xml"):
        footer = _xml(data, name)
        assert {p.find(f"{W}pPr/{W}pStyle").get(W + "val") for p in footer.iter(W + "p")} == {"GkPageNumber"}
        for run_fonts in footer.iter(W + "rFonts"):  # a run may not bring Times New Roman back
            assert run_fonts.get(W + "ascii") in (None, "宋体")


def test_table_two_row_labels_are_centred() -> None:
    from gkdesk.domain.forms import form
    from gkdesk.io.export_layout import grid_rows

    body = _xml(docx_bytes(jiaokou_2021(), draft=False), "word/document.xml").find(W + "body")
    table = body.findall(W + "tbl")[0]
    rows = table.findall(W + "tr")
    labels = 0
    for tr, row in zip(rows, grid_rows(form("disclosure", "2021")), strict=True):
        for tc, (cell, _) in zip(tr.findall(W + "tc"), row, strict=True):
            if cell.role == "label":
                labels += 1
                assert tc.find(f"{W}p/{W}pPr/{W}jc").get(W + "val") == "center", cell.text
    assert labels == 6


def test_a_docx_without_the_embedded_copy_is_read_from_its_page(tmp_path: Path) -> None:
    from gkdesk.cli import main
    from gkdesk.io.files import load_report, save_report
    from tests.io.export_support import signed

    source = tmp_path / "r.gkreport"
    report = signed(jiaokou_2021())
    save_report(report, source)
    out = tmp_path / "r.docx"
    assert main(["convert", str(source), str(out), "--no-embedded-copy"]) == 0
    assert not any(name.startswith("customXml/") for name in _parts(out.read_bytes()))
    back = load_report(out)
    assert not any("完整数据" in e.message for e in back.import_log)  # read from the page, not from a copy
    assert back.tables["disclosure"].counts == report.tables["disclosure"].counts
    assert back.applications.counts == report.applications.counts
