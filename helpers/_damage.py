"""Bytes that do not decode: where they are, and the text with them replaced (and counted).

One stray byte in a UTF-8 file used to reject the whole file as "binary or in
an unsupported encoding". :func:`decode_counting` decodes with each
undecodable byte sequence replaced by U+FFFD (�) and returns a
:class:`Damage` saying how many there were and where the first one is (byte
offset, line, the bytes, the text before it): the error message names the
place, and ``decode_errors="replace"`` loads the text with the count recorded.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass

#: more undecodable sequences than this share of the bytes (and than MIN_DAMAGE_ALLOWED): not damaged text
#: but another encoding or binary data
MAX_DAMAGE_SHARE = 0.01
MIN_DAMAGE_ALLOWED = 3
#: the codecs a damaged file is tried in, most telling first
DAMAGED_CODECS = ("utf-8", "gb18030", "big5")

_ERROR_HANDLER = "tifa-count-replace"
_found = threading.local()


def _count_and_replace(exc: UnicodeDecodeError):
    if not _found.count:
        _found.first = (exc.start, exc.end)
    _found.count += 1
    return "\ufffd", exc.end


codecs.register_error(_ERROR_HANDLER, _count_and_replace)


@dataclass(frozen=True)
class Damage:
    """Undecodable byte sequences of a file read as ``codec``: each became one U+FFFD."""

    codec: str
    count: int
    offset: int  # byte offset of the first one
    line: int  # its line, from 1
    bad: bytes  # its bytes
    before: str  # the text just before it

    def describe(self) -> str:
        """Say how many bytes did not decode and where the first one is.

        Example:
            >>> print(Damage("utf-8", 1, 5001, 37, b"\\xff", "建设").describe())
            1 undecodable byte sequence as UTF-8 (the first at byte offset 5001, line 37: FF, after “建设”)
        """
        many = "sequence" if self.count == 1 else "sequences"
        where = f"after “{self.before}”" if self.before else "at the start of the line"
        return (f"{self.count} undecodable byte {many} as {self.codec.upper()} (the first at byte offset "
                f"{self.offset}, line {self.line}: {self.bad.hex(' ').upper()}, {where})")

    def is_small(self, size: int) -> bool:
        """Whether this is damage in a text of ``size`` bytes, not another encoding or binary data."""
        return self.count <= max(MIN_DAMAGE_ALLOWED, MAX_DAMAGE_SHARE * size)


def decode_counting(data: bytes, codec: str) -> tuple[str, Damage | None]:
    """Decode ``data`` with every undecodable sequence replaced by U+FFFD: ``(text, damage or None)``.

    Example:
        >>> text, damage = decode_counting("人民".encode() + b"\\xff" + "代表".encode(), "utf-8")
        >>> text, damage.count, damage.offset, damage.line
        ('人民\\ufffd代表', 1, 6, 1)
    """
    _found.count, _found.first = 0, None
    text = data.decode(codec, _ERROR_HANDLER)
    count, first = _found.count, _found.first
    if not count:
        return text, None
    start, end = first
    prefix = data[:start].decode(codec, "replace")
    before = prefix[-12:].rsplit("\n", 1)[-1]
    return text, Damage(codec, count, start, prefix.count("\n") + 1, data[start:min(end, start + 8)], before)


def damaged_readings(data: bytes) -> list[tuple[str, str, Damage]]:
    """``(codec, text, damage)`` for each codec of :data:`DAMAGED_CODECS` that reads ``data`` but a few bytes.

    "A few": at most :data:`MAX_DAMAGE_SHARE` of the bytes (or
    :data:`MIN_DAMAGE_ALLOWED` sequences in a small file). An empty list
    means the bytes are in none of these codecs, damaged or not.
    """
    out = []
    for codec in DAMAGED_CODECS:
        text, damage = decode_counting(data, codec)
        if damage is not None and damage.is_small(len(data)):
            out.append((codec, text, damage))
    return out
