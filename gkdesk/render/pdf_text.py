"""Make the PDF's text layer say the characters that were drawn, not the radicals that share their glyphs.

CJK faces such as Noto CJK draw 口 and the Kangxi radical ⼝ (U+2F1D), 民 and ⺠ (U+2EA0), with one glyph. Qt's PDF
engine maps each embedded glyph back to the lowest code point using it, so the text layer (copy and paste, search,
pdftotext, our own PDF reader) says "交⼝县⼈⺠政府": a re-import would not find "一、总体情况". The same happens to
the space, whose glyph Noto CJK shares with the TAB control character: a reader takes the tab for a table cell
boundary. We know what was drawn, so every radical or control character in a ToUnicode map whose glyph is the glyph
of a drawn character is rewritten to that character.
Qt writes the maps uncompressed and both code points are four hex digits, so the bytes are replaced in place and
the cross-reference offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QFont, QRawFont

_RADICALS = re.compile(rb"<(2[EF][0-9A-F]{2}|00[01][0-9A-F])>")
_ARRAY = re.compile(rb"\[[^\]]*\]")
_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)


_SUSPECTS = [*range(0x01, 0x20), *range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)]


def _is_radical(code: int) -> bool:
    """A code point Qt may have chosen instead of the drawn one: a control character or a CJK radical."""
    return 0x01 <= code < 0x20 or 0x2E80 <= code <= 0x2FDF


def radical_replacements(drawn: Iterable[str], families: Iterable[str]) -> dict[int, int]:
    """Radical code point → the drawn character with the same glyph in one of ``families``."""
    chars = sorted({ch for ch in drawn if ord(ch) >= 0x3000 or ch == " "})
    found: dict[int, int] = {}
    for family in families:
        if not family:
            continue
        raw = QRawFont.fromFont(QFont(family))
        if not raw.isValid():
            continue
        by_glyph: dict[int, str] = {}
        for ch in chars:
            glyphs = raw.glyphIndexesForString(ch)
            if len(glyphs) == 1 and glyphs[0]:
                by_glyph.setdefault(glyphs[0], ch)
        for code in _SUSPECTS:
            if code in found or chr(code) in drawn:
                continue
            glyphs = raw.glyphIndexesForString(chr(code))
            if len(glyphs) == 1 and glyphs[0] in by_glyph:
                found[code] = ord(by_glyph[glyphs[0]])
    return found


def fix_text_layer(data: bytes, drawn: set[str], families: Iterable[str]) -> bytes:
    """``data`` with radicals in its ToUnicode arrays replaced by the characters drawn (same length)."""
    if not _RADICALS.search(data):
        return data
    replacements = radical_replacements(drawn, families)
    if not replacements:
        return data

    def fix_token(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        target = replacements.get(code) if _is_radical(code) else None
        return b"<%04X>" % target if target is not None and target <= 0xFFFF else match.group(0)

    def fix_array(match: re.Match[bytes]) -> bytes:
        return _RADICALS.sub(fix_token, match.group(0))

    def fix_cmap(match: re.Match[bytes]) -> bytes:
        return _ARRAY.sub(fix_array, match.group(0))

    out = _CMAP.sub(fix_cmap, data)
    assert len(out) == len(data)
    return out
