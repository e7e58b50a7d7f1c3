"""The PDF export (gkdesk.render.pdf) read back as a reviewing office reads it: pdftotext's text of each page,
the page count, labels never cut by a page break, 28 characters on a full body line, page numbers in place,
草稿 on drafts only, title and signer in the properties, fonts embedded, and every figure back through gkdesk's
own PDF reader."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from gkdesk.cli import main
from gkdesk.domain.report import Report
from gkdesk.io.errors import NotReadyError
from gkdesk.io.export_layout import ParagraphItem, TableItem, report_items
from gkdesk.io.files import is_draft, load_report
from gkdesk.io.native import write_native
from gkdesk.render.pages import BOTTOM, TOP, layout_report
from gkdesk.render.pdf import save_pdf
from tests.corpus import SOURCES
from tests.domain.seed_reports import SEED_NAMES
from tests.io.export_support import JIAOKOU_AGENCY, JIAOKOU_PRINTED_TITLE, jiaokou_2021, printed_blocks, signed

pytestmark = pytest.mark.gui

MM = 72 / 25.4


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: .ci/run installs poppler-utils")
    return found


def pdftotext(path: Path, *options: str) -> list[str]:
    """The text of every page (form feeds split the pages)."""
    done = subprocess.run([_tool("pdftotext"), *options, str(path), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def _export(report: Report, path: Path) -> list[str]:
    notes = save_pdf(report, path)
    assert path.read_bytes().startswith(b"%PDF-")
    return notes


def _figures(report: Report) -> dict[str, dict[str, object]]:
    return {
        form_id: {cell.cell_id: table.get(cell.cell_id) for cell in table.form.cells}
        for form_id, table in report.tables.items()
        if table.present
    }


def _unread(report: Report) -> dict[str, list[str]]:
    return {form_id: sorted(table.unread_cells) for form_id, table in report.tables.items()}


def _assert_reimported(report: Report, path: Path) -> None:
    back = load_report(path)
    assert _figures(back) == _figures(report)
    assert _unread(back) == _unread(report)
    assert [t.present for t in back.tables.values()] == [t.present for t in report.tables.values()]


# --------------------------------------------------------------------------- the project's own reports


def test_pages_text_properties_and_embedded_fonts(qapp, tmp_path):
    path = tmp_path / "report.pdf"
    notes = _export(jiaokou_2021(), path)
    pages = pdftotext(path, "-layout")
    layout = layout_report(jiaokou_2021(), draft=True)
    assert len(pages) == len(PdfReader(path).pages) == len(layout.pages) == 5
    first_lines = [line.strip() for line in pages[0].split("\n") if line.strip()]
    assert first_lines[:2] == ["草稿", JIAOKOU_PRINTED_TITLE]  # the draft mark in the header, then the title
    text = "".join(pages)
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "六、其他需要报告的事项",
    ):
        assert heading in text
    assert "（二）政务公开平台建设方面" in text
    info = subprocess.run([_tool("pdfinfo"), str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(rf"^Title:\s+{JIAOKOU_PRINTED_TITLE}$", info, re.M)
    assert re.search(rf"^Author:\s+{JIAOKOU_AGENCY}$", info, re.M)
    assert re.search(r"^Creator:\s+gkdesk ", info, re.M)
    assert re.search(r"^Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info, re.M)
    fonts = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, check=True, text=True).stdout
    rows = fonts.strip().split("\n")[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column
    assert any(note.startswith("PDF 使用的字体（已嵌入）：") and "正文“仿宋_GB2312”" in note for note in notes)
    assert any("已删除汉字与数字之间的空格" in note for note in notes)


def test_the_text_layer_says_the_characters_drawn_not_radicals(qapp, tmp_path):
    path = tmp_path / "report.pdf"
    _export(jiaokou_2021(), path)
    text = "".join(pdftotext(path))
    assert "交口县人民政府办公室" in text
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_own_corpus_reimports_with_every_figure(qapp, tmp_path, name):
    report = SOURCES[name]()
    path = tmp_path / f"{name}.pdf"
    _export(report, path)
    _assert_reimported(report, path)


def test_draft_mark_on_every_page_of_a_draft_only(qapp, tmp_path):
    draft, final = tmp_path / "draft.pdf", tmp_path / "final.pdf"
    _export(jiaokou_2021(), draft)
    _export(signed(jiaokou_2021()), final)
    assert all(page.split("\n")[0].strip() == "草稿" for page in pdftotext(draft, "-layout"))
    assert not any("草稿" in page for page in pdftotext(final, "-layout"))


def test_final_export_refused_like_the_docx(qapp, tmp_path, capsys):
    path = tmp_path / "final.pdf"
    with pytest.raises(NotReadyError):
        save_pdf(jiaokou_2021(), path, final=True)
    assert not path.exists()
    source = tmp_path / "report.gkreport"
    write_native(jiaokou_2021(), source)
    assert main(["convert", str(source), str(path), "--final"]) == 1
    assert not path.exists()
    assert "不能导出正式版" in capsys.readouterr().err
    write_native(signed(jiaokou_2021()), source)
    assert main(["convert", str(source), str(path), "--final"]) == 0
    out = capsys.readouterr().out
    assert "导出说明" in out and "PDF 使用的字体" in out
    assert "草稿" not in "".join(pdftotext(path))
    assert main(["convert", str(source), str(path)]) == 2  # the one overwrite rule


def _body_lines(pages: list[str]) -> list[str]:
    """Printed lines of body text: between the top margin and the page number, outside the tables."""
    lines: list[str] = []
    for page in pages:
        for line in page.split("\n"):
            stripped = line.strip()
            if (
                not stripped
                or stripped == "草稿"
                or re.fullmatch(r"— \d+ —", stripped)
                or re.search(r"\S {3,}\S", stripped)
            ):
                continue  # empty, the marks, or a table row (cells apart)
            lines.append(stripped)
    return lines


def test_a_full_body_line_has_28_characters(qapp, tmp_path):
    path = tmp_path / "report.pdf"
    _export(jiaokou_2021(), path)
    widths = [
        sum(1 if ord(ch) >= 0x2E80 else 0.5 for ch in line if not ch.isspace())
        for line in _body_lines(pdftotext(path, "-layout"))
    ]
    assert max(widths) <= 28
    assert widths.count(28) >= 10
    # The preface's first paragraph has no digits: 2 characters of indent + 26, then full lines of 28.
    first = next(line for line in _body_lines(pdftotext(path, "-layout")) if line.startswith("本报告根据"))
    assert len(first) == 26
    lines = _body_lines(pdftotext(path, "-layout"))
    following = lines[lines.index(first) + 1 : lines.index(first) + 3]
    assert [len(line) for line in following] == [28, 28], following


def test_page_numbers_in_place(qapp, tmp_path):
    """ "— N —" in 宋体 四号, its top 7 mm below the type area; one character in from the right on odd pages, from the
    left on even ones."""
    path = tmp_path / "report.pdf"
    _export(jiaokou_2021(), path)
    done = subprocess.run([_tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True, check=True, text=True)
    pages = done.stdout.split("<page ")[1:]
    assert len(pages) == 5
    type_bottom, left, right = (297 - 35) * MM, 28 * MM, (210 - 26) * MM
    for number, page in enumerate(pages, start=1):
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)
        below = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in words if float(b) > type_bottom]
        assert [w for *_, w in below] == ["—", str(number), "—"]
        x_min, x_max = min(b[0] for b in below), max(b[2] for b in below)
        assert all(abs(b[1] - (type_bottom + 7 * MM)) < 5 for b in below)  # the line's top 7 mm below the type area
        if number % 2:
            assert abs(x_max - (right - 14)) < 3
        else:
            assert abs(x_min - (left + 14)) < 3


def _label_texts(report: Report) -> list[str]:
    return [
        "".join(cell.text.split())
        for item in report_items(report)
        if isinstance(item, TableItem)
        for cell in item.form.grid
        if cell.role in ("label", "header", "caption") and cell.text.strip()
    ]


def _assert_no_label_split(report: Report, path: Path) -> None:
    pages = ["".join(page.split()) for page in pdftotext(path, "-raw")]  # content order: a cell's lines together
    for label in _label_texts(report):
        assert any(label in page for page in pages), label


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_table_label_is_split_across_pages(qapp, tmp_path, name):
    report = SOURCES[name]()
    path = tmp_path / f"{name}.pdf"
    _export(report, path)
    _assert_no_label_split(report, path)


def test_a_missing_table_is_printed_blank_and_the_export_is_a_draft(qapp, tmp_path):
    report = signed(jiaokou_2021())
    report.tables["applications"].present = False
    assert is_draft(report)
    path = tmp_path / "missing.pdf"
    _export(report, path)
    text = "".join(pdftotext(path))
    assert "本年新收政府信息公开申请数量" in text and "3388" in text and "草稿" in text
    back = load_report(path)
    assert not back.applications.present  # the blank form read back as the table the source lacked
    assert back.disclosure.counts["art20_5.licensing.decisions"] == 3388


# --------------------------------------------------------------------------- the seeds (reference material)


@pytest.mark.shared
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_pdf_reimports_with_every_figure_and_no_label_split(qapp, tmp_path, seeds_dir, name):
    report = load_report(seeds_dir / name)
    path = tmp_path / f"{Path(name).stem}.pdf"
    _export(report, path)
    _assert_reimported(report, path)
    _assert_no_label_split(report, path)
    layout = layout_report(report, draft=is_draft(report))
    assert len(PdfReader(path).pages) == len(layout.pages)


def test_title_signature_and_narrative_come_back_as_printed(qapp, tmp_path):
    """The text layer is one run per face and line, spaces are spaces (not the TAB sharing their glyph): gkdesk's
    PDF reader joins the printed lines back into the paragraphs."""
    report = jiaokou_2021()
    path = tmp_path / "report.pdf"
    _export(report, path)
    back = load_report(path)
    assert back.title == JIAOKOU_PRINTED_TITLE
    assert back.signature == report.signature
    for key in ("一", "五", "六"):
        got = [(b.kind, b.level, b.text, b.inline_text) for b in back.parts[key].blocks]
        assert got == printed_blocks(report.parts[key].blocks), key
    text = "".join(pdftotext(path))
    assert "\t" not in text and "0358-5422520 传真" in text


def test_source_part_headings_only_on_request(qapp, tmp_path, capsys):
    report = jiaokou_2021()
    report.parts["六"].title = "其他需要报告事项"
    source = tmp_path / "r.gkreport"
    write_native(report, source)
    official, kept = tmp_path / "official.pdf", tmp_path / "kept.pdf"
    assert main(["convert", str(source), str(official)]) == 0
    assert "第六部分标题按官方格式写为“六、其他需要报告的事项”" in capsys.readouterr().out
    assert main(["convert", str(source), str(kept), "--source-titles"]) == 0
    assert "第六部分标题按要求保留原文“六、其他需要报告事项”" in capsys.readouterr().out
    assert "六、其他需要报告的事项" in "".join(pdftotext(official))
    assert "六、其他需要报告事项" in "".join(pdftotext(kept))


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_a_heading_never_ends_a_page_and_the_signature_never_stands_alone(qapp, name):
    _assert_headings_and_signature_kept(SOURCES[name]())


@pytest.mark.shared
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_headings_and_signature_kept_with_their_text(qapp, seeds_dir, name):
    """河曲 2020 once left "六、其他需要报告的事项" at the foot of a page, its one line going with the signature."""
    _assert_headings_and_signature_kept(load_report(seeds_dir / name))


def _assert_headings_and_signature_kept(report: Report) -> None:
    layout = layout_report(report, draft=is_draft(report))
    headings = {
        item.number + item.heading
        for item in report_items(report)
        if isinstance(item, ParagraphItem) and item.level and not item.run_in
    }
    for page in layout.pages:
        body = [run for run in page.runs if TOP <= run.y <= BOTTOM]  # not the page number or the draft mark
        lines: dict[float, str] = {}
        for run in body:
            lines[run.y] = lines.get(run.y, "") + run.text
        last = lines[max(lines)] if lines else ""
        assert last not in headings or page is layout.pages[-1], (page.number, last)
    signature = report.signature.agency
    if signature:
        final = layout.pages[-1].text
        assert signature in final
        assert final.split(signature)[0].strip(), "the signature stands alone on the last page"
