"""Measuring and breaking text into printed lines, in points, the same way for every device.

Widths come from the faces' design advances (measured once at a large size, no hinting, no kerning), so a line
breaks at the same character on the screen, on paper and in the PDF. Body text sits on the official grid: every
character advances by the grid pitch (28 characters in the 156 mm type width), and a line that is not a
paragraph's last is justified by spreading the rest of the width over its gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF

from gkdesk.render.fonts import FaceChoice

# No line starts with closing punctuation ("、" at a line start was a reviewer's complaint); none ends with an opening one.
NO_LINE_START = "，。、；：？！）》」』】〕］｝〉”’,.;:?!)%"
NO_LINE_END = "（《「『【〔［｛〈“‘("
_MEASURE_PX = 1000


def is_wide(ch: str) -> bool:
    """CJK characters and full-width punctuation: drawn by the CJK face, one grid cell each."""
    return ord(ch) >= 0x2E80


@dataclass(frozen=True)
class Style:
    """How a run of text is drawn: face role (see ``gkdesk.render.fonts.FACES``), size in pt, bold."""

    role: str
    size: float
    bold: bool = False
    latin_face: bool = True  # Latin letters and digits in the Latin face (False: page numbers, all 宋体)


@dataclass(frozen=True)
class Segment:
    """Part of a printed line drawn with one face: ``xs`` the position of each character from the line's left edge
    (the grid pitch plus the justification already in them)."""

    xs: tuple[float, ...]
    text: str
    role: str
    size: float
    bold: bool

    @property
    def x(self) -> float:
        return self.xs[0]


@dataclass(frozen=True)
class Line:
    segments: tuple[Segment, ...]
    width: float

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


class Metrics:
    """Advances (in em) of every character for the faces chosen on this machine."""

    def __init__(self, faces: dict[str, FaceChoice]) -> None:
        self.faces = faces
        self._metrics: dict[tuple[str, bool], QFontMetricsF] = {}
        self._advances: dict[tuple[str, bool, str], float] = {}

    def face_role(self, style: Style, ch: str) -> str:
        """Latin letters and digits take the Latin face (Times New Roman in Word) when one is installed."""
        if style.latin_face and not is_wide(ch) and self.faces["latin"].family:
            return "latin"
        return style.role

    def family(self, role: str) -> str:
        return self.faces[role].family

    def em(self, role: str, bold: bool, ch: str) -> float:
        key = (role, bold, ch)
        found = self._advances.get(key)
        if found is None:
            metrics = self._metrics.get((role, bold))
            if metrics is None:
                metrics = QFontMetricsF(measuring_font(self.family(role), bold))
                self._metrics[(role, bold)] = metrics
            found = metrics.horizontalAdvance(ch) / _MEASURE_PX
            self._advances[key] = found
        return found

    def advance(self, style: Style, ch: str) -> float:
        return self.em(self.face_role(style, ch), style.bold, ch) * style.size

    def width(self, text: str, style: Style, spacing: float = 0.0) -> float:
        return sum(self.advance(style, ch) + spacing for ch in text)


def measuring_font(family: str, bold: bool) -> QFont:
    font = QFont(family) if family else QFont()
    font.setPixelSize(_MEASURE_PX)
    font.setBold(bold)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _break_points(chars: Sequence[str]) -> set[int]:
    """Indexes a line may start at: never inside a Latin word or number, never before closing punctuation, never
    after opening punctuation."""
    allowed: set[int] = set()
    for i in range(1, len(chars)):
        before, here = chars[i - 1], chars[i]
        if here in NO_LINE_START or before in NO_LINE_END:
            continue
        if not is_wide(before) and not is_wide(here) and (before.isalnum() or before in ".%,") and here.isalnum():
            continue
        allowed.add(i)
    return allowed


def break_lines(
    runs: Sequence[tuple[str, Style]],
    metrics: Metrics,
    width: float,
    *,
    first_indent: float = 0.0,
    spacing: float = 0.0,
    justify: bool = False,
) -> list[Line]:
    """Lines of at most ``width`` pt; the first starts ``first_indent`` in (part of its width)."""
    chars: list[str] = []
    styles: list[Style] = []
    for text, style in runs:
        for ch in text.replace("\n", "").replace("\t", " "):
            chars.append(ch)
            styles.append(style)
    if not chars:
        return []
    advances = [metrics.advance(style, ch) + spacing for ch, style in zip(chars, styles, strict=True)]
    allowed = _break_points(chars)
    lines: list[Line] = []
    start = 0
    while start < len(chars):
        indent = first_indent if not lines else 0.0
        used, end, last_ok = indent, start, None
        while end < len(chars) and used + advances[end] <= width + 0.01:
            used += advances[end]
            end += 1
            if end in allowed:
                last_ok = end
        if end < len(chars):
            if end not in allowed and last_ok is not None and last_ok > start:
                end = last_ok
            end = max(end, start + 1)
        last = end >= len(chars)
        while end < len(chars) and chars[end] == " ":
            end += 1  # a space at a line end is not printed
        lines.append(
            _line(
                chars[start:end],
                styles[start:end],
                advances[start:end],
                metrics,
                indent=indent,
                width=width,
                spacing=spacing,
                justify=justify and not last,
            )
        )
        start = end
    return lines


def _line(
    chars: Sequence[str],
    styles: Sequence[Style],
    advances: Sequence[float],
    metrics: Metrics,
    *,
    indent: float,
    width: float,
    spacing: float,
    justify: bool,
) -> Line:
    while chars and chars[-1] == " ":
        chars, styles, advances = chars[:-1], styles[:-1], advances[:-1]
    natural = indent + sum(advances) - (spacing if chars else 0.0)
    extra = (width - natural) / (len(chars) - 1) if justify and len(chars) > 1 and natural < width else 0.0
    # Never wider than the faces' own advances: a text layer with gaps inside words reads back as separate words
    # (pypdf's layout text puts spaces there, and a reader takes "自 2021 年" for table cells).
    extra = min(extra, max(0.0, -spacing))
    segments: list[Segment] = []
    x = indent
    i = 0
    while i < len(chars):
        style = styles[i]
        role = metrics.face_role(style, chars[i])
        j = i
        xs: list[float] = []
        while j < len(chars) and styles[j] == style and metrics.face_role(style, chars[j]) == role:
            xs.append(x)
            x += advances[j] + extra
            j += 1
        segments.append(Segment(tuple(xs), "".join(chars[i:j]), role, style.size, style.bold))
        i = j
    return Line(tuple(segments), x - extra - (spacing if chars else 0.0))
