"""The year at a glance: the figures come from the tables, the charts and the 图解 draw exactly them."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from gkdesk.cli import main
from gkdesk.domain.forms import APPLICANT_COLUMNS
from gkdesk.domain.glance import ABSENT, UNREAD, glance, key_figures
from gkdesk.domain.report import Report
from gkdesk.render.charts import DrawnFigure, cjk_family, fitting_font, paint_glance
from gkdesk.render.graphic import FOOTNOTE, PAGE, graphic_pdf, write_graphic
from gkdesk.render.gui_app import ensure_gui_app
from gkdesk.resources import example_report_path
from tests.render.glance_reports import (
    UNREAD_LAST_YEAR,
    UNREAD_THIS_YEAR,
    compared_report,
    example_report,
    report_with_2019_previous,
)

RESULT_GROUPS = {
    "予以公开": ("granted",),
    "部分公开": ("partial",),
    "不予公开": tuple(f"denied.{r}" for r in ("state_secret", "law_forbidden", "three_safety_one_stability",
                                              "third_party", "internal_affairs", "process_info",
                                              "enforcement_file", "admin_query")),
    "无法提供": ("unable.not_held", "unable.need_creation", "unable.unclear_after_correction"),
    "不予处理": tuple(f"not_processed.{r}" for r in ("petition_complaint", "repeat", "publication", "mass_repeat",
                                                     "confirm_reissue")),
    "其他处理": ("other.overdue_correction", "other.overdue_fee", "other.other"),
}  # fmt: skip


def _text(report: Report | None, form_id: str, *cells: str) -> str:
    """What a figure must read, straight from the table: the number, 未读 if any part is unread, — if none."""
    if report is None:
        return "—"
    table = report.tables[form_id]  # type: ignore[index]
    if any(c in table.unread_cells for c in cells):
        return "未读"
    return str(sum(table.get(c) for c in cells))  # type: ignore[misc]


def expected_bars(report: Report) -> list[DrawnFigure]:
    """Every bar pair of the four panels, written from the official cell ids (not from gkdesk.domain.glance)."""
    prev = report.previous
    bars: list[DrawnFigure] = []

    def add(group: str, label: str, form_id: str, *cells: str) -> None:
        bars.append(DrawnFigure(group, label, _text(report, form_id, *cells), _text(prev, form_id, *cells)))

    for col, label in APPLICANT_COLUMNS:
        add("本年新收申请（按申请人）", label, "applications", f"new.{col}")
    for label, rows in RESULT_GROUPS.items():
        add("申请办理结果", label, "applications", *(f"{r}.total" for r in rows))
    add("行政复议、行政诉讼", "行政复议", "review_litigation", "review.total")
    add("行政复议、行政诉讼", "复议被纠正", "review_litigation", "review.corrected")
    add("行政复议、行政诉讼", "行政诉讼", "review_litigation", "lit_direct.total", "lit_after_review.total")
    add("行政复议、行政诉讼", "诉讼被纠正", "review_litigation", "lit_direct.corrected", "lit_after_review.corrected")
    add("现行有效文件", "规章", "disclosure", "art20_1.regulations.in_force")
    add("现行有效文件", "行政规范性文件", "disclosure", "art20_1.normative_documents.in_force")
    return bars


def _paint_charts(report: Report, path: Path) -> list[DrawnFigure]:
    ensure_gui_app()
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    drawn = paint_glance(painter, QRectF(10, 10, 1180, 880), glance(report))
    painter.end()
    assert image.save(str(path))
    return drawn


def test_the_compared_report_holds_every_state_of_a_figure() -> None:
    report = compared_report()
    figures = {f.label: f for g in glance(report).groups for f in g.figures}
    assert figures["法律服务机构"].this_year is UNREAD  # never 0
    assert figures["自然人"].this_year == 5 and figures["自然人"].last_year == 1
    assert figures["不予公开"].this_year == 4  # 1 + 3, the sum of the group's rows
    assert figures["诉讼被纠正"].this_year == 1
    headline = {f.label: f for f, _unit in key_figures(report)}
    assert headline["行政处罚决定"].last_year is UNREAD
    assert headline["收费金额"].this_year == Decimal("60.5")
    assert headline["收费金额"].last_year == Decimal("53.6836")


def test_charts_draw_exactly_the_tables(tmp_path: Path) -> None:
    report = compared_report()
    drawn = _paint_charts(report, tmp_path / "charts.png")
    assert drawn == expected_bars(report)
    legal = next(d for d in drawn if d.label == "法律服务机构")
    assert legal.this_year == "未读"  # an unread cell is drawn as 未读, never as 0
    assert report.applications.count(UNREAD_THIS_YEAR) == 0  # (its placeholder is 0)
    image = QImage(str(tmp_path / "charts.png"))
    assert (image.width(), image.height()) == (1200, 900)


def test_without_last_year_every_last_year_figure_is_absent(tmp_path: Path) -> None:
    report = example_report()
    assert report.previous is None
    drawn = _paint_charts(report, tmp_path / "example.png")
    assert drawn == expected_bars(report)
    assert {d.last_year for d in drawn} == {"—"}
    assert [d.this_year for d in drawn if d.group == "本年新收申请（按申请人）"] == ["1", "0", "0", "0", "0", "0"]


def test_a_2019_trial_previous_compares_by_row_group(tmp_path: Path) -> None:
    report = report_with_2019_previous()
    figures = {f.label: f for g in glance(report).groups for f in g.figures}
    # 2021's three （六） rows against 2019's single （六）其他处理
    assert (figures["其他处理"].this_year, figures["其他处理"].last_year) == (2, 2)
    assert figures["行政规范性文件"].last_year is ABSENT  # the 2019 table 二 has no 现行有效件数
    drawn = _paint_charts(report, tmp_path / "trial.png")
    assert next(d for d in drawn if d.label == "行政规范性文件").last_year == "—"


def _expected_tiles(report: Report) -> list[tuple[str, str, str, str]]:
    """(label, this year, last year, change) of the eight tiles, from the cell ids."""
    prev = report.previous
    specs = [
        ("本年新收申请", "applications", ("new.total",)),
        ("办结申请", "applications", ("total.total",)),
        ("予以公开", "applications", ("granted.total",)),
        ("行政复议", "review_litigation", ("review.total",)),
        ("行政诉讼", "review_litigation", ("lit_direct.total", "lit_after_review.total")),
        ("行政许可决定", "disclosure", ("art20_5.licensing.decisions",)),
        ("行政处罚决定", "disclosure", ("art20_6.penalty.decisions",)),
        ("收费金额", "disclosure", ("art20_8.fees.amount_wan",)),
    ]
    return [(label, _text(report, f, *cells), _text(prev, f, *cells), "") for label, f, cells in specs]


def test_graphic_png_prints_the_tables_figures(tmp_path: Path) -> None:
    report = compared_report()
    out = tmp_path / "图解.png"
    content = write_graphic(report, out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (int(PAGE.width()), int(PAGE.height()))
    assert content.heading == ("交口县", "2022年政府信息公开工作年度报告 · 图解", "本年与2021年对比", "草稿")
    tiles = [(t.label, t.value, t.last_year, "") for t in content.key_figures]
    assert tiles == _expected_tiles(report)
    changes = {t.label: t.change for t in content.key_figures}
    assert changes == {
        "本年新收申请": "比上年增加 6（+600.0%）",  # 5 + 2 (法律服务机构 unread) against 1
        "办结申请": "比上年增加 10（+1000.0%）",
        "予以公开": "比上年增加 4",  # last year 0: no percentage
        "行政复议": "比上年减少 1（−100.0%）",
        "行政诉讼": "比上年增加 3",
        "行政许可决定": "比上年减少 388（−11.5%）",
        "行政处罚决定": "未读，无法比较",
        "收费金额": "比上年增加 6.8164（+12.7%）",
    }
    assert list(content.charts) == expected_bars(report)
    assert content.footnote == FOOTNOTE
    assert report.previous is not None and UNREAD_LAST_YEAR in report.previous.disclosure.unread_cells


def test_graphic_pdf_is_one_a4_page_with_the_figures(tmp_path: Path) -> None:
    report = compared_report()
    data, content = graphic_pdf(report)
    assert data.startswith(b"%PDF")
    assert content.key_figures[5].value == "3000"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "g.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines())}
    assert fields["Pages"] == "1"
    assert fields["Page size"] == "595 x 842 pts (A4)"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Noto CJK maps some glyphs to the Kangxi radicals (⼝ U+2F1D for 口) in its ToUnicode table: fold them back
    text = unicodedata.normalize("NFKC", text)
    for needle in ("交口县", "3000", "60.5", "53.6836", "未读", "比上年减少 388"):
        assert needle in text


def test_a_cjk_font_is_used() -> None:
    ensure_gui_app()
    assert any(word in cjk_family() for word in ("CJK", "YaHei", "Han", "Hei"))


def test_convert_to_png_and_graphic_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = str(example_report_path())
    png, pdf = tmp_path / "图解.png", tmp_path / "图解.pdf"
    assert main(["convert", example, str(png)]) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    assert QImage(str(png)).width() == 1200
    assert main(["convert", example, str(pdf), "--graphic"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["convert", example, str(png)]) == 2  # the one overwrite rule
    assert capsys.readouterr().err == f"gkdesk: “{png}”已存在；如要覆盖请加 --force\n"
    assert main(["convert", example, str(tmp_path / "x.docx"), "--graphic"]) == 2
    assert capsys.readouterr().err == "gkdesk: 图解只能导出为 .png 或 .pdf，不能导出为“.docx”\n"
    assert main(["convert", example, str(tmp_path / "final.png"), "--final"]) == 1
    assert "不能导出正式版：报告尚未签发" in capsys.readouterr().err
    assert not (tmp_path / "final.png").exists()


def test_long_agency_and_large_figures_stay_inside_their_boxes(tmp_path: Path) -> None:
    report = compared_report()
    report.agency = "某某省某某市某某区人民政府办公室（区政务服务和数据管理局）"
    report.disclosure.set("art20_8.fees.amount_wan", Decimal("12345.6789"))
    report.disclosure.set("art20_5.licensing.decisions", 12345678)
    out = tmp_path / "long.png"
    content = write_graphic(report, out)
    tiles = {t.label: t for t in content.key_figures}
    assert tiles["行政许可决定"].change == "比上年增加 12342290（+364294.3%）"
    assert tiles["收费金额"].value == "12345.6789"
    assert QImage(str(out)).width() == 1200
    # drawText clips to its box, so a text too wide would be cut off: the painter shrinks it to fit instead
    for text, width, size in ((report.agency, 920, 50), (tiles["行政许可决定"].change, 221, 17)):
        font = fitting_font(text, width, size)
        assert font.pixelSize() < size
        assert QFontMetricsF(font).horizontalAdvance(text) <= width
    assert fitting_font("交口县", 920, 50).pixelSize() == 50  # a short name keeps its size
