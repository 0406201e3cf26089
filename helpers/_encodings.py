"""Bytes to text: choose the codec of a file in any common Chinese encoding.

:func:`decode_bytes` is the one decoder of tifa: documents
(:func:`helpers.load.read_text_file`), metadata CSVs
(:func:`helpers.load.read_metadata`) and lexicon CSVs
(:func:`helpers.lexicon.load_lexicon`) are all read with it, so a file saved
as GBK or UTF-16 by Excel loads wherever tifa reads a file. It lives in the
bottom layer because the lexicon, below ``load``, needs it too.
:func:`file_error` is the :class:`~helpers.errors.CorpusError` naming a file.

Example:
    >>> decode_bytes("坚持人民至上".encode("gb18030"), "x.csv")
    ('坚持人民至上', 'gb18030')
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from .errors import CorpusError

__all__ = ["decode_bytes", "file_error"]

_SCORE_SAMPLE = 20_000  # characters scored when choosing between Chinese codecs
_MIN_SCORE = 0.5  # below this share of plausible characters the bytes are not text


@functools.lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Return the commonly used Chinese characters, simplified and traditional.

    GB2312 level 1 (lead bytes B0–D7) holds the 3,755 most frequent simplified
    characters; Big5 A440–C67E holds the 5,401 frequent traditional ones.
    Text decoded with the wrong codec is mostly *rare* characters, so the
    share of common ones tells the right codec apart.
    """
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Return the share of characters in ``text`` that look like Chinese prose."""
    sample = text[:_SCORE_SAMPLE]
    common = _common_chars()
    good = total = 0
    for ch in sample:
        if ch.isspace() and ch not in "\x1c\x1d\x1e\x1f\x85":  # those are control characters
            continue
        total += 1
        code = ord(ch)
        if (ch in common or 0x20 < code < 0x7F or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E
                or 0xC0 <= code <= 0x24F):  # Latin letters with accents: pinyin (xué), names
            good += 1
        elif ch in "\u2014\u2026\u2018\u2019\u201c\u201d\u00b7\u2022\u25cf\u3010\u3011":
            good += 1
    return good / total if total else 1.0


def _utf16_without_bom(data: bytes, threshold: float) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 (either byte order) if it reads as Chinese text.

    NUL bytes alone do not give the byte order away: ASCII characters have a
    NUL high byte, but so do 一 (U+4E00) and the ideographic space (U+3000) in
    the *low* byte. So both orders are decoded and the more plausible wins.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _charset_normalizer_guess(data: bytes, codecs: Iterable[str]) -> str | None:
    import charset_normalizer  # lazy: only needed when two Chinese codecs score alike

    best = charset_normalizer.from_bytes(data[:200_000], cp_isolation=list(codecs)).best()
    if best is None:
        return None
    name = best.encoding.replace("_", "-").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5hkscs": "big5", "cp950": "big5"}.get(name, name)


def file_error(path, problem: str, hint: str) -> CorpusError:
    """Return the :class:`CorpusError` for ``path``: the problem, then what to do."""
    return CorpusError(f"{path}: {problem}. {hint}", path=path, problem=problem)


def decode_bytes(data: bytes, path) -> tuple[str, str]:
    """Decode ``data`` (read from ``path``) and return ``(text, encoding)``."""
    save_hint = "Open it in a text editor and save it as UTF-8 text (.txt)."
    if not data:
        raise file_error(path, "the file is empty", "Remove it from the folder or put the document's text in it.")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise file_error(path, f"the file starts with a UTF-8 BOM but is not valid UTF-8 (byte {exc.start})",
                             save_hint) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise file_error(path, f"the file starts with a UTF-16 BOM but is not valid UTF-16 (byte {exc.start})",
                             save_hint) from None
    if b"\x00" in data:
        decoded = _utf16_without_bom(data, 0.7)
        if decoded:
            return decoded
        raise file_error(path, "the file contains NUL bytes: it looks like a binary file (PDF, Word, image…), "
                         "not text",
                         "Export the document as plain text (.txt, UTF-8) and load that instead; if it is text "
                         "with stray NUL bytes, remove them in a text editor.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if _CONTROL_RE.search(text[:_SCORE_SAMPLE]):  # short BOM-less UTF-16 can be valid UTF-8
            decoded = _utf16_without_bom(data, 0.9)
            if decoded and _plausibility(text) < 0.9:
                return decoded
        return text, "utf-8"
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data) and utf8_error.start > 0:
        raise file_error(path, "the file is truncated in the middle of a multi-byte UTF-8 character "
                         "(the last bytes are an incomplete character)",
                         "The download or copy was probably cut off: get the file again.")
    return _decode_chinese(data, path, save_hint)


def _decode_chinese(data: bytes, path, save_hint: str) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: the most plausible of GB18030, Big5 and BOM-less UTF-16."""
    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        if codec.startswith("utf-16") and len(data) % 2:
            continue
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            pass
    scores = {codec: _plausibility(text) for codec, text in candidates.items()}
    scores = {codec: s for codec, s in scores.items() if s >= _MIN_SCORE}
    if not scores:
        for codec in ("gb18030", "big5"):
            try:
                data[:-1].decode(codec)
            except UnicodeDecodeError:
                continue
            if data[-1] >= 0x81:
                raise file_error(path, f"the file is truncated in the middle of a multi-byte character: its last "
                                 f"byte 0x{data[-1]:02X} is the first half of a {codec.upper()} character",
                                 "The download or copy was probably cut off: get the file again.")
        raise file_error(path, "the file could not be decoded as UTF-8, UTF-16, GB18030/GBK or Big5: "
                         "it is binary or in an unsupported encoding", save_hint)
    best = max(scores.values())
    close = [codec for codec, s in scores.items() if s >= best - 0.02]
    if len(close) > 1:
        guess = _charset_normalizer_guess(data, close)
        codec = guess if guess in close else close[0]
    else:
        codec = close[0]
    return candidates[codec], codec
