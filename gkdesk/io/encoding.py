"""Turning the bytes of a text file into text the way a clerk's machine wrote them.

Chinese Windows Notepad writes GB18030 (ANSI) or UTF-8 with a BOM, older tools UTF-16 with a BOM, web pages
UTF-8. We try the unambiguous encodings first and refuse what is clearly not text, so a binary file gets a clear
message instead of a page of mojibake.
"""

from __future__ import annotations

import codecs

from gkdesk.io.errors import ReportReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8（带 BOM）",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32": "UTF-32",
    "gb18030": "GB18030（GBK）",
}


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: digits, tabs and line ends leave a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    odd_nul, even_nul = odd.count(0), even.count(0)
    if odd_nul > len(odd) * 0.1 and odd_nul > 4 * even_nul:
        return "utf-16-le"
    if even_nul > len(even) * 0.1 and even_nul > 4 * odd_nul:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline/form feed mean this is not a text document."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0xFFF0 <= ord(ch) <= 0xFFFF)
    return bad > max(2, len(sample) // 200)


TRUNCATED_NOTE = "文件末尾有不完整的字符，已忽略"


def _cut_utf8_tail(data: bytes) -> bytes | None:
    """The bytes without an incomplete UTF-8 sequence at the end (a file cut off mid-character), or None.

    Only a lead byte followed by fewer continuation bytes than it announces is dropped (at most 3 bytes), so a
    file that is not UTF-8 anywhere else still falls through to GB18030.
    """
    tail = data[-3:]
    for back in range(1, len(tail) + 1):
        byte = data[-back]
        if 0x80 <= byte < 0xC0:
            continue  # a continuation byte: look further back for its lead byte
        needed = 2 if 0xC2 <= byte < 0xE0 else 3 if 0xE0 <= byte < 0xF0 else 4 if 0xF0 <= byte < 0xF5 else 0
        return data[:-back] if needed > back else None
    return None


def decode_text(data: bytes, name: str = "文件", notes: list[str] | None = None) -> tuple[str, str]:
    """The text and the encoding used; ReportReadError when the bytes are not text in a known encoding.

    ``notes`` receives what the clerk should know about the decoding (an incomplete last character dropped).
    """
    if not data.strip():
        raise ReportReadError(f"“{name}”是空文件，没有可导入的内容")
    encoding: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding = codec
            break
    candidates = [encoding] if encoding else []
    if not encoding:
        guess = _utf16_without_bom(data)
        candidates = [guess] if guess else ["utf-8", "gb18030"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            cut = _cut_utf8_tail(data) if codec in ("utf-8", "utf-8-sig") and exc.end == len(data) else None
            if cut is None:
                continue
            try:
                text = cut.decode(codec)
            except UnicodeDecodeError:
                continue
            if notes is not None:
                notes.append(TRUNCATED_NOTE)
        except LookupError:
            continue
        if codec in ("utf-8-sig", "utf-16", "utf-32"):
            text = text.lstrip("\ufeff")
        if _looks_binary(text):
            break
        return text.replace("\r\n", "\n"), codec  # bare CRs stay: they may be a table's only cell marks
    raise ReportReadError(f"“{name}”不是文本文件（无法识别其编码），请另存为 UTF-8 或 ANSI 编码的 .txt 文件")
