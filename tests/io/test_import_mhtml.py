"""A report saved as a single-file web page: Word's "单个文件网页" (.mht, quoted-printable, charset gb2312 holding
GBK bytes), a browser's "网页，单个文件" (.mhtml, UTF-8), and an office system's ".doc" that is such a page. Each
reads every figure, the title and every part as the same page saved as .html does."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest

from gkdesk.domain.report import Report
from gkdesk.io.errors import ReportReadError, UnexpectedReadError
from gkdesk.io.files import load_report
from gkdesk.io.html_writer import report_to_html
from gkdesk.io.sniff import sniff_bytes
from gkdesk.io.txt_reader import read_text_report
from tests.io.export_support import jiaokou_2021
from tests.io.import_expect import assert_same_reading

_PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).decode("ascii")


def word_mht(html: str) -> bytes:
    """As Word writes it: CRLF, a boundary, the page quoted-printable in GBK under charset="gb2312", a picture."""
    boundary = "----=_NextPart_01DA1234.56789ABC"
    page = quopri.encodestring(html.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030")).decode("ascii")
    lines = [
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; boundary="{boundary}"',
        "",
        "此文档为“单个文件网页”，也称为“Web 档案”文件。".encode("gb18030").decode("latin-1"),
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/D5B9E3B6/report.htm",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/html; charset="gb2312"',
        "",
        page,
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/D5B9E3B6/report.files/image001.png",
        "Content-Transfer-Encoding: base64",
        "Content-Type: image/png",
        "",
        _PNG,
        "",
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("latin-1")


def browser_mhtml(html: str) -> bytes:
    """As Chromium writes it: "Saved by Blink" headers, the page quoted-printable in UTF-8."""
    boundary = "----MultipartBoundary--AbCdEf0123456789----"
    page = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    lines = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: https://www.example.gov.cn/zfxxgk/ndbg/t20220131_1.html",
        "Subject: =?utf-8?Q?=E5=B9=B4=E5=BA=A6=E6=8A=A5=E5=91=8A?=",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "",
        "",
        f"--{boundary}",
        "Content-Type: text/html",
        "Content-ID: <frame-1@mhtml.blink>",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Location: https://www.example.gov.cn/zfxxgk/ndbg/t20220131_1.html",
        "",
        page,
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("ascii")


def base64_mht(html: str) -> bytes:
    """As some office systems export it: the page base64-encoded in UTF-8, LF line ends, a preamble."""
    boundary = "=_gkdesk_test_boundary"
    body = base64.encodebytes(html.encode("utf-8")).decode("ascii")
    text = (
        f'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="{boundary}"; type="text/html"\n\n'
        f"This is a multi-part message in MIME format.\n\n--{boundary}\n"
        "Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
        f"{body}\n--{boundary}--\n"
    )
    return text.encode("ascii")


@pytest.fixture(scope="module")
def page() -> tuple[str, Report]:
    html = report_to_html(jiaokou_2021(), draft=False)
    return html, read_text_report(html)


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("年报.mht", word_mht),
        ("年报.mhtml", browser_mhtml),
        ("OA导出.doc", word_mht),
        ("网页.txt", browser_mhtml),
        ("系统导出.doc", base64_mht),
    ],
)
def test_a_single_file_web_page_reads_as_the_page(tmp_path: Path, page: tuple[str, Report], name, build) -> None:
    html, expected = page
    path = tmp_path / name
    path.write_bytes(build(html))
    got = load_report(path)
    assert_same_reading(got, expected)
    assert any("单个文件网页" in entry.message for entry in got.import_log)
    assert got.source_file == str(path)


def test_the_bytes_say_single_file_web_page() -> None:
    assert sniff_bytes(word_mht("<html><body><p>x</p></body></html>")) == "mhtml"
    assert sniff_bytes(browser_mhtml("<html></html>")) == "mhtml"
    # a text that merely starts like a mail header is text
    assert sniff_bytes("From: 县政府办公室\n2021年政府信息公开工作年度报告\n".encode()) == "text"
    assert sniff_bytes(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello") == "text"


def test_a_single_file_page_without_a_page_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "图片.mht"
    path.write_bytes(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + _PNG.encode() + b"\r\n--b--\r\n"
    )
    with pytest.raises(ReportReadError, match="没有网页正文"):
        load_report(path)


def test_a_cut_off_single_file_page_reads_what_arrived(tmp_path: Path, page: tuple[str, Report]) -> None:
    """Half a download: no traceback; what arrived is the page's (table 二 here), the rest is reported missing."""
    html, expected = page
    data = word_mht(html)
    path = tmp_path / "半截.mht"
    path.write_bytes(data[: len(data) // 2])
    got = load_report(path)
    # the download stops inside the row 行政强制 13: that row and the next stay unread, never "1" or 0
    assert got.disclosure.unread_cells == ["art20_6.coercion.decisions", "art20_8.fees.amount_wan"]
    for cell, value in expected.disclosure.counts.items():
        if cell not in got.disclosure.unread_cells:
            assert got.disclosure.counts[cell] == value, cell
    assert not got.applications.present and not got.review_litigation.present
    assert any("第三项表格" in e.message and "不完整" in e.message for e in got.import_log)


def test_a_hostile_single_file_page_is_refused_in_one_sentence(tmp_path: Path) -> None:
    """Thousands of nested parts would overflow the mail parser's recursion: a refusal, not a crash."""
    nested = "".join(f'--b{i}\r\nContent-Type: multipart/related; boundary="b{i + 1}"\r\n\r\n' for i in range(3000))
    path = tmp_path / "深.mht"
    path.write_text(
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
        + nested
        + "--b3000\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n",
        encoding="ascii",
    )
    with pytest.raises(ReportReadError, match="嵌套过深") as caught:
        load_report(path)
    assert not isinstance(caught.value, UnexpectedReadError)


def test_the_last_net_turns_a_readers_bug_into_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gkdesk.io import mhtml_reader

    def broken(_data: object) -> None:
        raise IndexError("a bug")

    monkeypatch.setattr(mhtml_reader, "_html_part", broken)
    path = tmp_path / "年报.mht"
    path.write_bytes(browser_mhtml("<html><body><p>x</p></body></html>"))
    with pytest.raises(UnexpectedReadError, match=r"年报\.mht.*IndexError.*另存为 \.docx"):
        load_report(path)


def test_damaged_single_file_pages_are_read_or_refused_never_a_bug(tmp_path: Path, page: tuple[str, Report]) -> None:
    """Seeded damage (bytes flipped, cut, lines dropped): a report or a one-sentence refusal, never another error."""
    import random

    html, _expected = page
    pristine = word_mht(html)
    rng = random.Random(20261201)
    path = tmp_path / "坏.mht"
    for _ in range(120):
        data = bytearray(pristine)
        for _flip in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        if rng.random() < 0.3:
            lines = bytes(data).split(b"\r\n")
            del lines[rng.randrange(len(lines))]
            data = bytearray(b"\r\n".join(lines))
        path.write_bytes(bytes(data))
        message = ""
        try:
            report = load_report(path)
        except UnexpectedReadError:
            raise
        except ReportReadError as exc:
            message = str(exc)
        else:
            assert isinstance(report, Report)
            continue
        assert message and "\n" not in message
