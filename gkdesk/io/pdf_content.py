"""A PDF page's content stream as operations, read by one regular expression instead of pypdf's byte-by-byte parser.

pypdf's ``ContentStream`` parses in pure Python one byte at a time and was most of a PDF report's import time. Text
extraction needs only the text operators (``TEXT_OPERATORS``: the others are left out, or come without their
operands) and their operands, in the same shape pypdf gives them (``(operands,
operator)``; numbers as int/float, names as str, strings as bytes, arrays as pypdf ``ArrayObject``), so that
pypdf's own layout code and ``typed_lines`` read them unchanged. An inline image's data is skipped. Anything this
reader does not understand raises ``ContentError`` and the caller falls back to pypdf's parser. Equal operations of
one stream are one shared object (the same glyph, move or font again): their readers never change operands.
"""

from __future__ import annotations

import re
from binascii import unhexlify
from typing import Any

from pypdf.generic import ArrayObject

Operation = tuple[list[Any], bytes]

_WHITE = rb"\x00\t\n\x0c\r "
_DELIM = rb"()<>\[\]{}/%"
_TOKEN = re.compile(
    rb"(?:[" + _WHITE + rb"]+|%[^\r\n]*+)*+"  # whitespace and comments before the token (possessive: never given back)
    rb"(?:(?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?![^" + _WHITE + _DELIM + rb"]))"
    rb"|(?P<name>/[^" + _WHITE + _DELIM + rb"]*)"
    rb"|(?P<lit>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<hex><[0-9A-Fa-f" + _WHITE + rb"]*>)"
    rb"|(?P<open>\[|<<)"
    rb"|(?P<close>\]|>>)"
    rb"|(?P<word>[^" + _WHITE + _DELIM + rb"]+)"
    rb"|(?P<end>\Z))",
    re.DOTALL,
)
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_IMAGE_END = re.compile(rb"[" + _WHITE + rb"]EI(?=[" + _WHITE + rb"]|\Z)")
_STRAY = frozenset(b")>{}")
_KEYWORDS: dict[bytes, Any] = {b"true": True, b"false": False, b"null": None}
MAX_NESTING = 64


class ContentError(ValueError):
    """The stream holds something this reader does not take; pypdf's parser reads it instead."""


def _unescape(match: re.Match[bytes]) -> bytes:
    octal, newline, char = match.groups()
    if octal is not None:
        return bytes((int(octal, 8) & 0xFF,))
    if newline is not None:
        return b""  # a backslash at a line end continues the string
    return _ESCAPED.get(char, char)


def _literal(token: bytes) -> bytes:
    body = token[1:-1]
    return _ESCAPE.sub(_unescape, body) if b"\\" in body else body


def _nested_literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A literal string with balanced parentheses inside, from its "(" at ``start``: its bytes and where it ends."""
    depth = 0
    i = start
    end = len(data)
    while i < end:
        byte = data[i]
        if byte == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return _literal(data[start : i + 1]), i + 1
        i += 1
    raise ContentError("unterminated string")


_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _name(token: bytes) -> str:
    """A name as pypdf reads it: "#xx" escapes undone, then UTF-8, GBK or Latin-1, the first that decodes."""
    if token.isascii() and b"#" not in token:
        return token.decode("ascii")
    raw = _NAME_ESCAPE.sub(lambda m: bytes((int(m.group(1), 16),)), token)
    for charset in ("utf-8", "gbk"):
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def _hex_digits(body: bytes) -> str:
    """A hex string's digits without white space, an odd last digit followed by 0 (as the standard says)."""
    digits = body.translate(None, _WHITE_BYTES)
    return (digits + b"0" * (len(digits) % 2)).decode("ascii")


def _number(token: bytes) -> int | float:
    return float(token) if b"." in token else int(token)


_FAST = re.compile(  # whole tokens only (no groups: findall builds no tuples); told apart by their first byte
    rb"[^" + _WHITE + _DELIM + rb"]+|/[^" + _WHITE + _DELIM + rb"]*|<[0-9A-Fa-f" + _WHITE + rb"]*>"
    rb"|\((?:[^()\\]|\\.)*\)|<<|>>|[\[\]]|%[^\r\n]*|[^" + _WHITE + rb"]",
    re.DOTALL,
)
_NUMBER_BYTES = b"0123456789+-."
_NUMBER_START = frozenset(_NUMBER_BYTES)
_NUMERIC_TEXT = _NUMBER_BYTES + b"\x00\t\n\x0c\r "
_STRING = rb"\((?:[^()\\]|\\.)*\)"
_HEX = rb"<[0-9A-Fa-f" + _WHITE + rb"]*>"
_OPERAND = (
    rb"[+-]?(?:\d+\.?\d*|\.\d+)|/[^" + _WHITE + _DELIM + rb"]*|" + _HEX + rb"|" + _STRING
    + rb"|\[(?:[^\[\]()<>%]|" + _HEX + rb"|" + _STRING + rb")*\]"
    + rb"|<<(?:[^<>()%]|" + _HEX + rb"|" + _STRING + rb")*>>"
)  # fmt: skip
# The operators text extraction reads (pypdf's layout mode and ``typed_lines``); the others keep no operands.
TEXT_OPERATORS = frozenset(
    (b"BT", b"ET", b"q", b"Q", b"cm", b"Tf", b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Td", b"TD", b"Tm", b"T*", b"Tj",
     b"TJ", b"'", b'"')
)  # fmt: skip
_BARE: dict[bytes, Operation] = {op: ([], op) for op in TEXT_OPERATORS}
_TEXT_ALTERNATIVES = b"|".join(re.escape(op) for op in sorted(TEXT_OPERATORS, key=len, reverse=True))
_END_OF_WORD = rb"(?![^" + _WHITE + _DELIM + rb"])"
_OPERANDS = rb"[" + _WHITE + rb"]*((?:(?>" + _OPERAND + rb")[" + _WHITE + rb"]*)*+)"
_OTHER_OPERATION = (
    rb"[" + _WHITE + rb"]*(?:(?>" + _OPERAND + rb")[" + _WHITE + rb"]*)*+"
    rb"(?!(?:" + _TEXT_ALTERNATIVES + rb")" + _END_OF_WORD + rb")[A-Za-z'\"][^" + _WHITE + _DELIM + rb"]*"
)  # fmt: skip
_OPERATION = re.compile(  # the operations text never reads, skipped at C speed; then a text operation's operands,
    # a lone hex string (one glyph of a CID font, the commonest Tj of all) in a group of its own
    rb"(?:" + _OTHER_OPERATION + rb")*+"
    + rb"(?:[" + _WHITE + rb"]*<([0-9A-Fa-f]+)>[" + _WHITE + rb"]*|" + _OPERANDS + rb")"
    + rb"(?:(" + _TEXT_ALTERNATIVES + rb")" + _END_OF_WORD + rb"|(\S)|\Z)",
    re.DOTALL,
)  # fmt: skip
_NAME_AND_NUMBER = re.compile(
    rb"(/[^" + _WHITE + _DELIM + rb"]*)[" + _WHITE + rb"]+([+-]?(?:\d+\.?\d*|\.\d+))[" + _WHITE + rb"]*"
)
_INLINE_IMAGE = re.compile(rb"(?:^|[" + _WHITE + rb"])BI(?=[" + _WHITE + rb"/])")


def operations(data: bytes) -> list[Operation]:
    """Every operation of a decoded content stream, in order."""
    if _INLINE_IMAGE.search(data) is None:
        fast = _fast_operations(data)
        if fast is not None:
            return fast
    return _careful_operations(data)


def _fast_operations(data: bytes) -> list[Operation] | None:
    """One ``findall`` cuts the stream into the text operations (C speed), the other operations skipped. None when a
    string holds parentheses, an array nests, or a stray byte shows: the careful reader's case."""
    ops: list[Operation] = []
    seen: dict[tuple[bytes, bytes, bytes], Operation] = {}  # the same glyph, move or font again: the same operation
    try:
        for hexa, blob, operator, stray in _OPERATION.findall(data):
            if stray:
                return None
            if not blob and not hexa:
                if not operator:
                    continue  # the end of the stream
                ops.append(_BARE[operator])  # q, Q, BT, ET, T*: one shared operation each
                continue
            key = (hexa, blob, operator)
            known = seen.get(key)
            if known is None:
                known = _operation(hexa, blob, operator)
                if known is None:
                    return None
                seen[key] = known
            ops.append(known)
    except ValueError:  # a number pypdf would not take as one
        return None
    return ops


def _operation(hexa: bytes, blob: bytes, operator: bytes) -> Operation | None:
    """One text operation from the pieces ``_OPERATION`` cut; None when it is not for the fast reader (operations
    are shared between equal pieces: nobody changes an operation's operands)."""
    if not operator:
        return None  # operands, or a string, with no operator after them
    if hexa:
        return ([unhexlify(hexa if len(hexa) % 2 == 0 else hexa + b"0")], operator)
    if not blob.translate(None, _NUMERIC_TEXT):  # numbers only (Td, Tm, cm): the most common case
        return ([float(t) if b"." in t else int(t) for t in blob.split()], operator)
    if blob[0] == 0x3C and blob.count(b"<") == 1 and blob.rstrip(_WHITE_BYTES)[-1] == 0x3E:  # one hex string
        return ([bytes.fromhex(_hex_digits(blob.strip(_WHITE_BYTES)[1:-1]))], operator)
    font = _NAME_AND_NUMBER.fullmatch(blob)  # Tf: a font name and a size
    if font is not None:
        name, size = font.groups()
        return ([_name(name), float(size) if b"." in size else int(size)], operator)
    operands: list[Any] = []
    if _fast_tokens(_FAST.findall(blob), [], operands, [], operands) != []:
        return None
    return (operands, operator)


def _fast_tokens(
    tokens: list[bytes],
    ops: list[Operation],
    operands: list[Any],
    stack: list[tuple[list[Any], bool]],
    target: list[Any],
) -> list[Operation] | None:
    for token in tokens:
        first = token[0]
        if first in _NUMBER_START:
            if token.lstrip(_NUMBER_BYTES):  # "1e5", "12a": pypdf reads a number and then an operator
                return None
            target.append(float(token) if b"." in token else int(token))
        elif first == 0x2F:  # /
            target.append(_name(token))
        elif first == 0x28:  # (
            if token[-1] != 0x29 or len(token) == 1:
                return None
            target.append(_literal(token))
        elif first == 0x3C:  # <
            if token == b"<<":
                if len(stack) >= MAX_NESTING:
                    return None
                stack.append((target, True))
                target = []
                continue
            if token[-1] != 0x3E:
                return None
            target.append(bytes.fromhex(_hex_digits(token[1:-1])))
        elif first == 0x5B:  # [
            if len(stack) >= MAX_NESTING:
                return None
            stack.append((target, False))
            target = []
        elif first == 0x5D or token == b">>":
            is_dict = first != 0x5D
            if not stack or stack[-1][1] != is_dict:
                return None
            value: Any = dict(zip(target[::2], target[1::2], strict=False)) if is_dict else ArrayObject(target)
            target = stack.pop()[0]
            target.append(value)
        elif first == 0x25:  # % comment
            continue
        elif first in _STRAY:
            return None
        elif token in _KEYWORDS:
            target.append(_KEYWORDS[token])
        elif stack:
            return None
        else:
            ops.append((operands, token))
            operands = target = []
    return None if stack else ops


def _careful_operations(data: bytes) -> list[Operation]:
    """Token by token: strings with nested parentheses and inline images (whose data is skipped) included."""
    ops: list[Operation] = []
    operands: list[Any] = []
    stack: list[tuple[list[Any], bool]] = []  # open arrays (False) and dictionaries (True)
    pos = 0
    match_at = _TOKEN.match
    while True:
        match = match_at(data, pos)
        if match is None:  # a string with parentheses inside, or a byte no token starts with
            start = _skip_white(data, pos)
            if data[start : start + 1] != b"(":
                raise ContentError(f"unexpected byte at {start}")
            string, pos = _nested_literal(data, start)
            (stack[-1][0] if stack else operands).append(string)
            continue
        kind = match.lastgroup or "end"
        pos = match.end()
        if kind == "end":
            break
        target = stack[-1][0] if stack else operands
        if kind == "num":
            target.append(_number(match.group(kind)))
        elif kind == "name":
            target.append(_name(match.group(kind)))
        elif kind == "lit":
            target.append(_literal(match.group(kind)))
        elif kind == "hex":
            target.append(bytes.fromhex(_hex_digits(match.group(kind)[1:-1])))
        elif kind == "open":
            if len(stack) >= MAX_NESTING:
                raise ContentError("nesting too deep")
            stack.append(([], match.group(kind) == b"<<"))
        elif kind == "close":
            is_dict = match.group(kind) == b">>"
            if not stack or stack[-1][1] != is_dict:
                raise ContentError("unbalanced brackets")
            items, _ = stack.pop()
            value: Any = dict(zip(items[::2], items[1::2], strict=False)) if is_dict else ArrayObject(items)
            (stack[-1][0] if stack else operands).append(value)
        else:
            token = match.group(kind)
            if token[0] in _NUMBER_START:
                raise ContentError("a malformed number")  # pypdf reads it as a number, with a warning
            if token in _KEYWORDS and stack:  # a value inside an array or dictionary; outside, pypdf's operator
                target.append(_KEYWORDS[token])
            elif stack:
                raise ContentError("operator inside an array")
            elif token == b"ID":
                image = _IMAGE_END.search(data, pos + 1)
                if image is None:
                    raise ContentError("inline image without its end")
                ops.append(([], b"INLINE IMAGE"))
                operands = []
                pos = image.end()
            elif token == b"BI":
                operands = []
            else:
                ops.append((operands, token))
                operands = []
    if stack:
        raise ContentError("unbalanced brackets at the end")
    return ops


_WHITE_BYTES = b"\x00\t\n\x0c\r "
_SKIP = re.compile(rb"(?:[" + _WHITE + rb"]+|%[^\r\n]*+)*+")


def _skip_white(data: bytes, pos: int) -> int:
    match = _SKIP.match(data, pos)
    return match.end() if match else pos
