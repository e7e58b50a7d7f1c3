"""pypdf's layout-mode text runs ("BT groups"), computed the same way with plain tuples instead of its dataclasses.

pypdf's ``text_show_operations`` builds a dataclass and multiplies a ChainMap of dictionaries for every text-show
operator; that was half of a PDF report's import time. This module follows its steps one for one (the same
operators, the same matrix products in the same order, so the same floating-point results) and returns the same
list of dictionaries, which pypdf's own ``y_coordinate_groups`` and ``fixed_width_page`` then lay out. The pinned
pypdf version is the reference: ``tests/io/test_pdf_layout.py`` compares the two on every PDF the tests have.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from typing import Any

from pypdf._text_extraction import LAYOUT_NEW_BT_GROUP_SPACE_WIDTHS
from pypdf._text_extraction._layout_mode._fixed_width_page import WHITESPACE_LIMIT
from pypdf.generic import ArrayObject
from pypdf.generic._font import Font

Matrix = tuple[float, float, float, float, float, float]
Transform = tuple[float, float, float, float, float, float, bool, bool]  # a..f, is_text, is_render
Operation = tuple[list[Any], bytes]
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _as_float(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _transform(args: list[Any] | tuple[Any, ...], is_text: bool = False, is_render: bool = False) -> Transform:
    if len(args) == 6:
        try:
            a, b, c, d, e, f = map(float, args)
        except (TypeError, ValueError):
            pass
        else:
            return (a, b, c, d, e, f, is_text, is_render)
    values = [_as_float(args[i], _IDENTITY[i]) if i < len(args) else _IDENTITY[i] for i in range(6)]
    return (values[0], values[1], values[2], values[3], values[4], values[5], is_text, is_render)


def _mult(m: Any, n: Any) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _complete(operands: list[Any]) -> list[Any]:
    if len(operands) == 2:
        operands = [1.0, 0.0, 0.0, 1.0, *operands]
    return operands[-6:]


_BASE: Transform = _transform(())  # the bottom of every transform stack: the identity
_NUMBERS = (int, float)


class _State:
    """pypdf's TextStateManager: the transform stack (newest first), the q levels, the text state parameters."""

    def __init__(self) -> None:
        self.maps: list[Transform] = [_BASE]
        self.q_queue: Counter[int] = Counter()
        self.q_depth = [0]
        self.Tc = self.Tw = self.TL = self.Ts = 0.0
        self.Tz = 100.0
        self.font_stack: list[tuple[Font | None, float]] = []
        self.font: Font | None = None
        self.font_size: float = 0
        # per (font, glyphs, size, Tc, Tw, Tz): the characters as coded, the text, the advance, a space's advance
        self.shown: dict[tuple[int, bytes | str, float, float, float, float], tuple[str, str, float, float]] = {}

    def set_param(self, op: bytes, operands: list[Any]) -> None:
        if op in _TEXT_PARAMS:
            name = op.decode()
            setattr(self, name, _as_float(operands[0] if operands else None, getattr(self, name)))

    def reset_tm(self) -> None:
        maps = self.maps
        while maps[0][6] or maps[0][7]:
            del maps[0]
            if not maps:
                raise KeyError("is_text")  # where pypdf's ChainMap runs empty

    def reset_trm(self) -> None:
        maps = self.maps
        while maps[0][7]:
            del maps[0]
            if not maps:
                raise KeyError("is_render")

    def add_q(self) -> None:
        self.font_stack.append((self.font, self.font_size))
        self.q_depth.append(len(self.q_depth))

    def remove_q(self) -> None:
        self.font, self.font_size = self.font_stack.pop(-1)
        self.reset_tm()
        del self.maps[: self.q_queue.pop(self.q_depth.pop(), 0)]

    def add_cm(self, operands: list[Any]) -> None:
        self.reset_tm()
        self.q_queue.update(self.q_depth[-1:])
        self.maps.insert(0, _transform(operands[-6:]))

    def add_tm(self, operands: list[Any]) -> None:
        if len(operands) == 2 and type(operands[0]) in _NUMBERS and type(operands[1]) in _NUMBERS:
            new: Transform = (1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1]), True, False)  # Td, TD
        else:
            new = _transform(_complete(operands), is_text=True)
        top = self.maps[0]
        if top[6] and not top[7]:
            a, b, c, d, e, f = _mult(new, top)  # floats times floats: _transform's float() would change nothing
            self.maps[0] = (a, b, c, d, e, f, True, False)
        else:
            self.maps.insert(0, new)

    def add_trm(self, operands: list[Any]) -> None:
        self.maps.insert(0, _transform(_complete(operands), is_text=True, is_render=True))

    def effective(self) -> list[Any]:
        maps = self.maps
        eff: list[Any] = list(maps[0])
        for transform in maps[1:]:
            if transform is not _BASE:
                eff = _mult(eff, transform)
        return eff

    def show(self, value: bytes | str = "") -> _Shown:
        if not isinstance(self.font, Font):
            raise ValueError("font not set")
        return _Shown(value, self, self.effective())


class _Shown:
    """pypdf's TextStateParams: one text-show operation, where it starts and ends and how high its font is."""

    __slots__ = (
        "Tc", "Ts", "Tw", "Tz", "displaced_tx", "flip_vertical", "font", "font_height", "font_size", "raw_chars",
        "rotated", "space_tx", "text", "transform", "tx", "ty", "value",
    )  # fmt: skip

    def __init__(self, value: bytes | str, state: _State, t: list[Any]) -> None:
        font = state.font
        assert font is not None
        size, tc, tw, tz, ts = state.font_size, state.Tc, state.Tw, state.Tz, state.Ts
        self.value, self.font, self.font_size = value, font, size
        self.Tc, self.Tw, self.Tz, self.Ts = tc, tw, tz, ts
        self.rotated = False
        key = (id(font), value, size, tc, tw, tz)
        known = state.shown.get(key)  # the same glyphs in the same text state: decoded and measured once
        if known is None:
            raw, self.text, width = _decode(font, value)
            self.raw_chars = raw
            space_tx = round(self.word_tx(font.space_char), 3)
            if space_tx < 1e-6:
                space_tx = round(self.word_tx("", -font.space_width), 3)
            advance = self._advance(raw if isinstance(value, bytes) else value, width)
            known = state.shown[key] = (raw, self.text, advance, space_tx)
        self.raw_chars, self.text, advance, self.space_tx = known
        if not t[3] > 1e-6:  # pypdf's orient() other than 0: turned a quarter, or upside down
            if _orient(t) in (90, 270):
                t = _mult([1.0, -t[1], -t[2], 1.0, 0.0, 0.0], t)
                self.rotated = True
            if _orient(t) == 180 and t[0] < -1e-6:
                t = _mult([-1.0, 0.0, 0.0, -1.0, 0.0, 0.0], t)
                self.rotated = True
        self.transform = t
        self.displaced_tx = advance * t[0] + 0.0 * t[2] + t[4]
        self.tx = t[4]
        self.ty = 0.0 * t[1] + ts * t[3] + t[5]
        self.font_height = size * math.sqrt(t[1] ** 2 + t[3] ** 2)
        self.flip_vertical = t[3] < -1e-6

    def word_tx(self, word: bytes | str, td_offset: float = 0.0) -> float:
        """How far this text state moves along the line for ``word`` (bytes: this operation's own glyphs)."""
        chars = self.raw_chars if isinstance(word, bytes) else word
        return self._advance(chars, _glyph_width(self.font, chars), td_offset)

    def _advance(self, chars: str, width: float, td_offset: float = 0.0) -> float:
        return (
            (self.font_size * ((width - td_offset) / 1000.0))
            + len(chars) * self.Tc
            + chars.count(self.font.space_char) * self.Tw
        ) * (self.Tz / 100.0)

    def displacement(self, td_offset: float) -> list[float]:
        return [1.0, 0.0, 0.0, 1.0, self.word_tx(self.value, td_offset), 0.0]


def _glyph_width(font: Font, chars: str) -> float:
    """The glyphs' widths summed as pypdf's TextStateParams.word_tx sums them (in thousandths of the size)."""
    width: float = 0.0
    space = font.space_char
    widths = font.character_widths
    for char in chars:
        if char == space:
            width += font.space_width
        else:  # Font.get_text_width of one character, which is 0.0 + its width
            width += widths.get(char, widths["default"])
    return width


def _decode(font: Font, value: bytes | str) -> tuple[str, str, float]:
    """A string operand's characters as coded, its text, and its glyphs' width: the same for every time a font
    shows it, so computed once."""
    if not isinstance(value, bytes):
        return "", value, _glyph_width(font, value)
    decoded = ""
    if isinstance(font.encoding, str):
        try:
            raw = value.decode(font.encoding, "surrogatepass")
        except UnicodeDecodeError:
            raw = value.decode(font.encoding, "replace")
    else:
        raw = "".join(chr(byte) for byte in value)
        decoded = "".join(font.encoding.get(x, chr(x)) for x in value)
    cmap = font.character_map
    return raw, "".join(cmap.get(x, x) for x in (decoded or raw)), _glyph_width(font, raw)


def _orient(m: Any) -> int:
    if m[3] > 1e-6:
        return 0
    if m[3] < -1e-6:
        return 180
    if m[1] > 0:
        return 90
    return 270


def _group(shown: _Shown, text: str, displaced_tx: float) -> dict[str, Any]:
    return {
        "tx": shown.tx,
        "ty": shown.ty,
        "font_size": shown.font_size,
        "font_height": shown.font_height,
        "text": text,
        "displaced_tx": displaced_tx,
        "flip_sort": -1 if shown.flip_vertical else 1,
    }


def _set_font(state: _State, fonts: dict[str, Font], operands: list[Any]) -> None:
    name = operands[0] if operands else ""
    size = _as_float(operands[1] if len(operands) > 1 else None, state.font_size)
    state.font = fonts[name] if name in fonts else Font("Unknown", encoding={}, interpretable=False)
    state.font_size = size


def _groups_at_et(shown_ops: list[_Shown], strip_rotated: bool) -> list[dict[str, Any]]:
    """The text of one BT..ET, a group per printed line (pypdf's rules for new lines and backward jumps)."""
    groups: list[dict[str, Any]] = []
    pieces: list[str] = []
    first = 0
    last_displaced_tx = shown_ops[0].displaced_tx
    last_ty = shown_ops[0].ty
    jump = LAYOUT_NEW_BT_GROUP_SPACE_WIDTHS
    for index, shown in enumerate(shown_ops):
        if (strip_rotated and shown.rotated) or not shown.font.interpretable:
            continue
        tx, ty = shown.tx, shown.ty
        if abs(ty - last_ty) > shown.font_height:
            if "".join(pieces).strip():
                groups.append(_group(shown_ops[first], "".join(pieces), last_displaced_tx))
            first = index
            pieces = []
        if last_displaced_tx - tx > shown.space_tx * jump:
            if "".join(pieces).strip():
                groups.append(_group(shown_ops[first], "".join(pieces), last_displaced_tx))
            first = index
            last_displaced_tx = shown.displaced_tx
            pieces = []
        if index != first:  # pypdf: round(tx - last, 3) * (index != first), then spaces only for a positive gap
            excess_tx = round(tx - last_displaced_tx, 3)
            if excess_tx > 0:
                page_space_tx = shown.space_tx * abs(shown.transform[0])
                if page_space_tx:
                    pieces.append(" " * min(round(excess_tx / page_space_tx), WHITESPACE_LIMIT))
        last_ty = ty
        pieces.append(shown.text)
        last_displaced_tx = shown.displaced_tx
    if pieces and (text := "".join(pieces)):
        groups.append(_group(shown_ops[first], text, last_displaced_tx))
    return groups


def _until(
    ops: Iterator[Operation], state: _State, end: bytes, fonts: dict[str, Font], strip_rotated: bool
) -> tuple[list[dict[str, Any]], list[_Shown]]:
    """pypdf's ``recurse_to_target_op``: the operators up to the ET or Q that ends this level."""
    groups: list[dict[str, Any]] = []
    shown_ops: list[_Shown] = []
    if end == b"Q":
        state.add_q()
    for operands, op in ops:
        if op == b"Tj":  # the operators in the order of how often they come (the same branches as pypdf's)
            if operands and isinstance(value := operands[0], (str, bytes)):
                if not isinstance(state.font, Font):
                    raise ValueError("font not set")
                maps = state.maps  # state.effective(), inline: this runs for every glyph of a CID-font PDF
                eff: list[Any] = list(maps[0])
                for transform in maps[1:]:
                    if transform is not _BASE:  # times the identity: the same values (only a zero's sign may differ)
                        eff = _mult(eff, transform)
                shown_ops.append(_Shown(value, state, eff))
            continue
        if op in _LINE_MOVES:
            state.reset_trm()
            if op == b"TD" and len(operands) >= 2 and isinstance(operands[1], (int, float)):
                state.TL = float(-operands[1])  # pypdf's set_state_param(b"TL", -ty): a number, so float() of it
            state.add_tm(operands)
            continue
        if op not in _MEANINGFUL:
            continue  # paths, colours, graphics state: nothing pypdf's text layout reads
        if op == end:
            if op == b"Q":
                state.remove_q()
            if op == b"ET":
                if not shown_ops:
                    return groups, shown_ops
                groups.extend(_groups_at_et(shown_ops, strip_rotated))
                state.reset_tm()
            break
        if op in _MOVES:
            state.reset_trm()
            if op == b"Tm":
                state.reset_tm()
            elif op == b"TD" and len(operands) >= 2 and isinstance(operands[1], (int, float)):
                state.set_param(b"TL", [-operands[1]])
            state.add_tm([0, -state.TL] if op == b"T*" else operands)
        elif op == b"q" or (op == b"BT" and end == b"Q"):
            inner_groups, inner_shown = _until(ops, state, b"ET" if op == b"BT" else b"Q", fonts, strip_rotated)
            groups.extend(inner_groups)
            shown_ops.extend(inner_shown)
        elif op == b"Tf":
            _set_font(state, fonts, operands)
        elif op == b"cm":
            state.add_cm(operands)
        elif op == b"BT":
            state.reset_tm()
        elif op == b"TJ" and operands and isinstance(operands[0], ArrayObject):
            shown = state.show()
            for item in operands[0]:
                if isinstance(item, bytes):
                    shown = state.show(item)
                    shown_ops.append(shown)
                elif isinstance(item, (int, float)):
                    state.add_trm(shown.displacement(item))
        elif op == b"'":
            state.reset_trm()
            state.add_tm([0, -state.TL])
            _show_operand(operands, 0, state, shown_ops)
        elif op == b'"' and len(operands) >= 3:
            state.reset_trm()
            state.set_param(b"Tw", operands[:1])
            state.set_param(b"Tc", operands[1:2])
            state.add_tm([0, -state.TL])
            _show_operand(operands, 2, state, shown_ops)
        elif op in _TEXT_PARAMS:
            state.set_param(op, operands)
    return groups, shown_ops


_TEXT_PARAMS = (b"Tc", b"Tz", b"Tw", b"TL", b"Ts")
_MOVES = frozenset((b"Td", b"Tm", b"TD", b"T*"))
_LINE_MOVES = frozenset((b"Td", b"TD"))
_MEANINGFUL = frozenset((b"Q", b"ET", b"q", b"BT", b"cm", b"Tj", b"TJ", b"'", b'"', b"Td", b"Tm", b"TD", b"T*", b"Tf",
                         *_TEXT_PARAMS))  # fmt: skip


def _show_operand(operands: list[Any], index: int, state: _State, shown_ops: list[_Shown]) -> None:
    if index < len(operands) and isinstance(text := operands[index], (str, bytes)):
        shown_ops.append(state.show(text))


def text_groups(operations: list[Operation], fonts: dict[str, Font], strip_rotated: bool = True) -> list[Any]:
    """What pypdf's ``text_show_operations`` returns for these operations: the page's text runs, left-aligned."""
    state = _State()
    groups: list[dict[str, Any]] = []
    ops = iter(operations)
    for operands, op in ops:
        if op in (b"BT", b"q"):
            inner, _shown = _until(ops, state, b"ET" if op == b"BT" else b"Q", fonts, strip_rotated)
            groups.extend(inner)
        elif op == b"Tf":
            _set_font(state, fonts, operands)
        else:
            state.set_param(op, operands)
    min_x = min((group["tx"] for group in groups), default=0.0)
    return [
        dict(group, tx=group["tx"] - min_x, displaced_tx=group["displaced_tx"] - min_x)
        for group in sorted(groups, key=lambda g: (g["ty"] * g["flip_sort"], -g["tx"]), reverse=True)
    ]
