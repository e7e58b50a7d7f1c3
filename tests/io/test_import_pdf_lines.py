"""Printed PDF lines back into paragraphs (``gkdesk.io.pdf_reader.paragraph_lines``), on layout text as pypdf gives it."""

from __future__ import annotations

from gkdesk.io.pdf_reader import paragraph_lines, tidy_line

FULL = "按照“应公开、尽公开”的要求，扎实有序推进政务公开工作"  # a line that reaches the right margin

PAGES = "\f".join(
    [
        "\n".join(
            [
                "                                     草稿",
                " 交口县 2021 年政府信息公开工作年度报告 ",
                "  一、总体情况",
                "  本报告根据新修订的《中华人民共和国政府信息公开条",
                FULL,
                FULL,
                "室 关 于 做 好  2021  年 政 务 公 开 工 作 的 通 知 》 （ 交 政 办 发",
                "",
                "                                  — 1 —                                 草稿",
            ]
        ),
        "\n".join(
            [
                "",
                "法治政府为目标，取得显著成效。",
                "  第二段。",
                "行政许可                            3388",
                "                               2",
            ]
        ),
    ]
)


def test_lines_become_paragraphs_and_page_marks_go() -> None:
    lines = [line for line in paragraph_lines(PAGES).split("\n") if line.strip()]
    assert lines == [
        " 交口县 2021 年政府信息公开工作年度报告",
        "一、总体情况",
        "本报告根据新修订的《中华人民共和国政府信息公开条"
        + FULL * 2
        + "室关于做好2021年政务公开工作的通知》（交政办发法治政府为目标，取得显著成效。",
        "第二段。",
        "行政许可                            3388",
    ]


def test_typed_text_keeps_the_spaces_the_clerk_typed() -> None:
    typed = {"室关于做好2021年政务公开工作的通知》（交政办发": ["室关于做好 2021 年政务公开工作的通知》（交政办发"]}
    text = paragraph_lines(PAGES, typed)
    assert "推进政务公开工作室关于做好 2021 年政务公开工作的通知》（交政办发法治政府" in text


def test_tidy_line_drops_only_spaces_next_to_cjk() -> None:
    assert (
        tidy_line(" 31  日 止 ， 年 报 (www.jiaokou.gov.cn)  Open  Data 2 0 ")
        == "31日止，年报(www.jiaokou.gov.cn) Open Data 2 0"
    )
