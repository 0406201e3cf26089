"""Character-level steps: line breaks, invisible characters, width folding, NFC.

:func:`remove_invisible` removes zero-width, format and control characters and
unifies line endings (:func:`unify_line_breaks`, also used by
:func:`helpers.clean.normalize_whitespace`); :func:`normalize_unicode` folds
full-width letters, digits and symbols to ASCII (Chinese punctuation kept)
and applies NFC.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

import numpy as np

from .changes import code_points, diff_changes

__all__ = ["remove_invisible", "normalize_unicode", "KEEP_FULLWIDTH"]

# --------------------------------------------------------------------------- line breaks and invisible characters

#: Every line ending but ``\n`` (``\r\n`` first, so that it becomes one ``\n``).
LINE_BREAKS_RE = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")
_OTHER_LINE_BREAKS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


def unify_line_breaks(text: str) -> str:
    """``LINE_BREAKS_RE.sub("\\n", text)`` without a regex scan: one ``in`` check per character."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in _OTHER_LINE_BREAKS:
        if ch in text:
            text = text.replace(ch, "\n")
    return text


@functools.lru_cache(maxsize=1)
def _invisible_re() -> re.Pattern:
    """Control (Cc), format (Cf) and surrogate (Cs) characters except \\n and \\t."""
    ranges = []
    start = prev = None
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        bad = ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs")
        if bad:
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            ranges.append((start, prev))
            start = None
    if start is not None:
        ranges.append((start, prev))
    cls = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[{cls}]+")


def remove_invisible_counted(text: str, count: bool = True) -> tuple[str, int]:
    if not count:
        text = unify_line_breaks(text)
        # str.isprintable is False for every Cc, Cf and Cs character (and for
        # other ones too, which only costs the regex scan): with \n, \t and the
        # ideographic space taken out, a printable text has nothing to remove
        if text.replace("\n", "").replace("\t", "").replace("\u3000", "").isprintable():
            return text, 0
        return _invisible_re().sub("", text), 0
    text, n = LINE_BREAKS_RE.subn("\n", text)
    removed = 0

    def count(m):
        nonlocal removed
        removed += len(m.group())
        return ""

    text = _invisible_re().sub(count, text)
    return text, n + removed


def remove_invisible(text: str) -> str:
    """Remove invisible characters and unify line endings.

    Zero-width spaces and joiners, byte-order marks, soft hyphens, bidi marks
    and other format characters (Unicode category Cf), control characters
    (Cc) except ``\\n`` and ``\\t``, and lone surrogates are removed.
    ``\\r\\n``, ``\\r``, U+2028/U+2029, vertical tab and form feed become ``\\n``.

    Args:
        text: the text to clean.

    Returns:
        The text without invisible characters.

    Example:
        >>> remove_invisible("\\ufeff人民\\u200b代表\\u00ad大会\\r\\n")
        '人民代表大会\\n'
    """
    return remove_invisible_counted(text, count=False)[0]


# --------------------------------------------------------------------------- unicode

#: Full-width forms that are kept: they are the normal Chinese punctuation.
KEEP_FULLWIDTH = "！（），：；？～"


@functools.lru_cache(maxsize=1)
def _width_table() -> dict[int, str]:
    table = {}
    for cp in list(range(0xFF01, 0xFF5F)) + list(range(0xFFE0, 0xFFEF)) + list(range(0xFF61, 0xFF65)):
        ch = chr(cp)
        if ch in KEEP_FULLWIDTH:
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch:
            table[cp] = folded
    return table


@functools.lru_cache(maxsize=1)
def _width_re() -> re.Pattern:
    """Runs of the characters :func:`_width_table` folds."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_width_table())) + "]+")


def _fold_width(m: re.Match) -> str:
    return m.group().translate(_width_table())


@functools.lru_cache(maxsize=1)
def _width_lut() -> tuple[int, np.ndarray, np.ndarray]:
    """``(lo, lut, multi)``: ``lut[cp - lo]`` is the code point :func:`_width_table`
    folds ``cp`` to (0 if it keeps it); ``multi`` marks the folds to more than one character."""
    table = _width_table()
    lo, hi = min(table), max(table)
    lut = np.zeros(hi - lo + 1, dtype="<u4")
    multi = np.zeros(hi - lo + 1, dtype=bool)
    for cp, folded in table.items():
        if len(folded) == 1:
            lut[cp - lo] = ord(folded)
        else:
            multi[cp - lo] = True
    return lo, lut, multi


#: longer texts are folded block by block: the code point arrays of one block at a time, not of the whole text
_BLOCK_CHARS = 1 << 20


def _fold_width_fast(text: str) -> str:
    """``_width_re().sub(_fold_width, text)`` on code point arrays (the regex's
    callback runs once per run of full-width characters, which is slow when
    they are many). The folding is character by character, so a long text is
    folded block by block (memory: a few copies of one block, not of the text)."""
    if len(text) > _BLOCK_CHARS:
        if not _width_re().search(text):
            return text
        return "".join(_fold_width_fast(text[i:i + _BLOCK_CHARS]) for i in range(0, len(text), _BLOCK_CHARS))
    lo, lut, multi = _width_lut()
    codes = code_points(text)
    idx = np.flatnonzero((codes >= lo) & (codes < lo + len(lut)))
    if not idx.size:
        return text
    offsets = codes[idx] - lo
    if multi[offsets].any():
        return _width_re().sub(_fold_width, text)
    folded = lut[offsets]
    keep = folded != 0
    if not keep.any():
        return text
    codes = codes.copy()
    codes[idx[keep]] = folded[keep]
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def normalize_unicode_counted(text: str, count: bool = True) -> tuple[str, int]:
    n = 0
    # fold only the runs of full-width characters: str.translate with a dict
    # looks up every character of the text, which is slow on long texts
    if count:
        n = sum(len(m) for m in _width_re().findall(text))
        text = _width_re().sub(_fold_width, text)
    else:
        text = _fold_width_fast(text)
    if not unicodedata.is_normalized("NFC", text):
        nfc = unicodedata.normalize("NFC", text)
        if count:
            n += diff_changes(text, nfc)
        text = nfc
    return text, n


def normalize_unicode(text: str) -> str:
    """Fold full-width letters, digits and symbols to ASCII, then apply NFC.

    Chinese punctuation stays full-width (``，。：；！？（）～`` and all of
    ``“”《》【】、``); full-width ``ＡＢＣ１２３％．－／`` become ``ABC123%.-/``;
    half-width ``｡｢｣､`` become ``。「」、``. The ideographic space U+3000 is left
    to :func:`normalize_whitespace`.

    Args:
        text: the text to normalise.

    Returns:
        The normalised text.

    Example:
        >>> normalize_unicode("——１９６４年１２月，增长１２．５％（摘要）")
        '——1964年12月，增长12.5%（摘要）'
    """
    return normalize_unicode_counted(text, count=False)[0]
