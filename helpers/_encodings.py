"""Bytes to text: choose the codec of a file in any common Chinese encoding, locate the bytes that do not decode.

:func:`decode_bytes` is the one decoder of tifa: documents
(:func:`helpers.load.read_text_file`), metadata CSVs
(:func:`helpers.load.read_metadata`) and lexicon CSVs
(:func:`helpers.lexicon.load_lexicon`) are all read with it, so a file saved
as GBK or UTF-16 by Excel loads wherever tifa reads a file. It lives in the
bottom layer because the lexicon, below ``load``, needs it too.
:func:`file_error` is the :class:`~helpers.errors.CorpusError` naming a file.

:func:`decode_document` is the same decoder with ``decode_errors``: bytes that
do not decode are located (:mod:`helpers._damage`; the error names the byte
offset and line) and, with ``decode_errors="replace"``, replaced by U+FFFD and
counted. Ties between codecs (short texts: 经济 in GB18030 is 冪撳 in Big5) are
broken by how frequent the characters are (:mod:`helpers._plausible`).

Example:
    >>> decode_bytes("坚持人民至上".encode("gb18030"), "x.csv")
    ('坚持人民至上', 'gb18030')
"""

from __future__ import annotations

import re

from ._chars import HAN_RE
from ._damage import Damage, damaged_readings, decode_counting
from ._plausible import frequency_score, plausibility, tie_break
from .errors import CorpusError

__all__ = ["decode_bytes", "decode_document", "file_error", "check_decode_errors", "DECODE_ERRORS"]

#: what ``decode_errors`` may be: stop at undecodable bytes, or replace each sequence by U+FFFD and count them
DECODE_ERRORS = ("strict", "replace")
_SCORE_SAMPLE = 20_000  # characters scored when choosing between Chinese codecs
_MIN_SCORE = 0.5  # below this share of plausible characters the bytes are not text
_UTF8_MARGIN = 0.1  # a Chinese reading of valid UTF-8 without Han characters must be this much more plausible
_ORDINARY = -5.0  # mean log frequency below which Han characters are too rare to be a Chinese text's


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
        score = plausibility(text)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def file_error(path, problem: str, hint: str) -> CorpusError:
    """Return the :class:`CorpusError` for ``path``: the problem, then what to do."""
    return CorpusError(f"{path}: {problem}. {hint}", path=path, problem=problem)


def decode_bytes(data: bytes, path) -> tuple[str, str]:
    """Decode ``data`` (read from ``path``) and return ``(text, encoding)``; a :class:`CorpusError` if it cannot."""
    return decode_document(data, path, replaceable=False)[:2]


def check_decode_errors(decode_errors: str) -> str:
    """``decode_errors`` if it is ``"strict"`` or ``"replace"``; a ValueError otherwise."""
    if decode_errors not in DECODE_ERRORS:
        raise ValueError(f"decode_errors must be 'strict' or 'replace', not {decode_errors!r}")
    return decode_errors


def decode_document(data: bytes, path, decode_errors: str = "strict", *,
                    replaceable: bool = True) -> tuple[str, str, Damage | None]:
    """Decode ``data`` (read from ``path``): ``(text, encoding, damage)``.

    ``replaceable=False``: the file (metadata, a lexicon) cannot be read with
    ``decode_errors="replace"``, so the error does not suggest it.

    ``damage`` is None unless ``decode_errors="replace"`` let undecodable
    bytes through, each replaced by U+FFFD (see :mod:`helpers._damage`).
    """
    check_decode_errors(decode_errors)
    if not data:
        raise file_error(path, "the file is empty", "Remove it from the folder or put the document's text in it.")
    for bom, codec, name in ((b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"), (b"\xff\xfe", "utf-16", "UTF-16"),
                             (b"\xfe\xff", "utf-16", "UTF-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, None
            except UnicodeDecodeError:
                return _damaged(data, path, decode_errors, f"the file starts with a {name} BOM but is not valid "
                                f"{name}", codec, replaceable=replaceable)
    if b"\x00" in data:
        decoded = _utf16_without_bom(data, 0.7)
        if decoded:
            return (*decoded, None)
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
            if decoded and plausibility(text) < 0.9:
                return (*decoded, None)
        return _utf8_or_chinese(data, text, path)
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data) and utf8_error.start > 0:
        return _damaged(data, path, decode_errors, "the file is truncated in the middle of a multi-byte UTF-8 "
                        "character (the last bytes are an incomplete character)", "utf-8", _CUT_OFF,
                        replaceable=replaceable)
    return _decode_chinese(data, path, decode_errors, replaceable)


def _utf8_or_chinese(data: bytes, text: str, path) -> tuple[str, str, None]:
    """The UTF-8 reading ``text`` of ``data``, unless it has no Han character and a Chinese codec reads it better.

    Short GB18030 texts can be valid UTF-8 of other scripts: 什么 is ʲô,
    一些 is һЩ, 同时 is ͬʱ. Such a reading is kept only when no GB18030 or
    Big5 reading is more plausible and made of ordinary Chinese characters
    (café stays café: both readings are plausible, and UTF-8 wins ties;
    Привет stays Привет: its GB18030 reading is made of rare characters).
    """
    sample = text[:_SCORE_SAMPLE]
    if sample.isascii() or HAN_RE.search(sample):
        return text, "utf-8", None
    try:
        chinese, codec, _ = _decode_chinese(data, path, "strict")
    except CorpusError:
        return text, "utf-8", None
    if plausibility(chinese) <= plausibility(text) + _UTF8_MARGIN:
        return text, "utf-8", None
    ordinary = frequency_score(chinese)  # Russian or Greek in UTF-8 reads as rare characters (Привет: 袩褉懈胁械褌)
    if ordinary is None or ordinary < _ORDINARY:
        return text, "utf-8", None
    return chinese, codec, None


_CUT_OFF = "The download or copy was probably cut off: get the file again"
_REPLACE_HINT = ('If the rest of the file is fine, load it with decode_errors="replace" (command line: '
                 '--decode-errors replace): each bad sequence becomes \ufffd and is counted in the problems')


_UNDECODABLE = ("the file could not be decoded as UTF-8, UTF-16, GB18030/GBK or Big5: it is binary or in an "
                "unsupported encoding")


def _damaged(data: bytes, path, decode_errors: str, problem: str | None = None, codec: str | None = None,
             hint: str = "Open it in a text editor and save it as UTF-8 text (.txt)", *,
             replaceable: bool = True) -> tuple[str, str, Damage]:
    """``(text, codec, damage)`` with the bad bytes replaced (``decode_errors="replace"``), or the error saying where.

    ``codec``: the codec the bytes must be in (a BOM says so); None: the
    likeliest of :data:`~helpers._damage.DAMAGED_CODECS`. ``problem``:
    what is wrong (None: the bytes are in no codec, or a few bytes are bad).
    ``replaceable``: whether the error may suggest ``decode_errors="replace"``
    (documents: yes; metadata and lexicon files: no).
    """
    if codec is not None:
        text, damage = decode_counting(data, codec)
        readings = [(codec, text, damage)] if damage is not None else []
    else:
        readings = damaged_readings(data)
    best = _likeliest(data, readings)
    if best is not None and decode_errors == "replace":
        return best[1], best[0], best[2]
    if best is not None:
        raise file_error(path, f"{problem or 'the file does not decode as a whole'}: {best[2].describe()}",
                         (f"{_REPLACE_HINT}; or correct" if replaceable else "Correct")
                         + f" those bytes in a text editor. {hint}.")
    _, first = decode_counting(data, "utf-8")
    where = f" ({first.describe()})" if first is not None and codec is None else ""
    raise file_error(path, (problem or _UNDECODABLE) + where, hint + ".")


def _likeliest(data: bytes, readings: list[tuple[str, str, Damage]]) -> tuple[str, str, Damage] | None:
    """UTF-8 if it reads the bytes but a few (other bytes rarely look like UTF-8), else the most plausible reading."""
    for reading in readings:
        if reading[0].startswith("utf-8"):
            return reading
    scores = {codec: plausibility(text) for codec, text, _ in readings}
    plausible = {codec: score for codec, score in scores.items() if score >= _MIN_SCORE}
    if not plausible:
        return None
    top = max(plausible.values())
    close = [codec for codec, score in plausible.items() if score >= top - 0.02]
    texts = {codec: text for codec, text, _ in readings}
    codec = tie_break(data, close, texts) if len(close) > 1 else close[0]
    return next(r for r in readings if r[0] == codec)


def _readable_but_the_last_byte(data: bytes) -> list[str]:
    """The Chinese codecs that read ``data`` without its last byte as plausible text, the most plausible first."""
    scores = {}
    for codec in ("gb18030", "big5"):
        try:
            scores[codec] = plausibility(data[:-1].decode(codec))
        except UnicodeDecodeError:
            continue
    return sorted((c for c, score in scores.items() if score >= _MIN_SCORE), key=scores.get, reverse=True)


def _decode_chinese(data: bytes, path, decode_errors: str, replaceable: bool = True
                    ) -> tuple[str, str, Damage | None]:
    """Decode bytes that are not UTF-8: the most plausible of GB18030, Big5 and BOM-less UTF-16."""
    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        if codec.startswith("utf-16") and len(data) % 2:
            continue
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            pass
    scores = {codec: plausibility(text) for codec, text in candidates.items()}
    scores = {codec: s for codec, s in scores.items() if s >= _MIN_SCORE}
    if not scores:
        for codec in _readable_but_the_last_byte(data):
            if data[-1] >= 0x81:
                return _damaged(data, path, decode_errors, f"the file is truncated in the middle of a multi-byte "
                                f"character: its last byte 0x{data[-1]:02X} is the first half of a {codec.upper()} "
                                "character", codec, _CUT_OFF, replaceable=replaceable)
        return _damaged(data, path, decode_errors, replaceable=replaceable)
    best = max(scores.values())
    close = [codec for codec, s in scores.items() if s >= best - 0.02]
    codec = tie_break(data, close, candidates) if len(close) > 1 else close[0]
    return candidates[codec], codec, None
