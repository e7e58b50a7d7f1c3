"""Typed text of printed PDF lines (``gkdesk.io.pdf_reader.typed_lines``): glyphs merely kerned or justified apart
are one run, glyphs set apart like table cells are a column gap; and how ``paragraph_lines`` uses that."""

from __future__ import annotations

from typing import Any

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from gkdesk.io.pdf_reader import COLUMN_GAP, paragraph_lines, typed_lines

FULL = "按照“应公开、尽公开”的要求，扎实有序推进政务公开工作"  # a line that reaches the right margin


def _page(content: str) -> Any:
    """One page printing ``content`` in Helvetica 10 pt (/F1)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content.encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page


def test_runs_kerned_apart_are_one_run_and_cells_are_columns() -> None:
    # "Total" is 22.23 pt wide in Helvetica 10 pt: it ends at x = 122.23
    page = _page(
        "BT /F1 10 Tf 100 700 Td (Total) Tj ET BT /F1 10 Tf 124.2 700 Td (23) Tj ET"  # 0.2 em after: one run
        " BT /F1 10 Tf 100 680 Td (Total) Tj ET BT /F1 10 Tf 160 680 Td (23) Tj ET"  # 3.8 em after: a cell
        " BT /F1 10 Tf 100 660 Td [(20) -300 (21) -300 ( ) -300 (a)] TJ ET"  # justified inside a run, typed space
        " BT /F1 10 Tf 100 640 Td 2 Tc (ab) Tj ET BT /F1 10 Tf 112.6 640 Td (c) Tj ET"  # char spacing counted
    )
    assert typed_lines(page) == ["Total23", f"Total{COLUMN_GAP}23", "2021 a", "abc"]


def test_a_line_of_one_run_is_prose_and_a_title_as_typed() -> None:
    """pypdf's layout prints a run set after CJK characters several columns right: no table cell for that."""
    layout = "\n".join(
        [
            "关于河曲县    2020 年政府信息公开工作报告",
            "  2021年,在泽州县人民政府门户网站发布动态类信息       23",
            "条,发布县政府及政府办文件及解读95条。" + FULL,
            "规章           0        0         0",
        ]
    )
    typed = {
        "关于河曲县2020年政府信息公开工作报告": ["关于河曲县2020年政府信息公开工作报告"],
        "2021年,在泽州县人民政府门户网站发布动态类信息23": ["2021年,在泽州县人民政府门户网站发布动态类信息23"],
        "规章000": [f"规章{COLUMN_GAP}0{COLUMN_GAP}0{COLUMN_GAP}0"],
    }
    lines = [line for line in paragraph_lines(layout, typed).split("\n") if line.strip()]
    assert lines == [
        "关于河曲县2020年政府信息公开工作报告",
        "2021年,在泽州县人民政府门户网站发布动态类信息23条,发布县政府及政府办文件及解读95条。" + FULL,
        "规章           0        0         0",
    ]
    # without the typed text the layout's gap reads as a table cell, as before
    assert "动态类信息       23" in paragraph_lines(layout)
