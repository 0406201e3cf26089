"""Traditional → simplified characters with OpenCC ``t2s``, only where the text is traditional.

:func:`to_simplified` converts the lines :func:`traditional_lines` judges
traditional (to a fixpoint) and turns their corner quotation marks into the
mainland ones; simplified lines are left exactly as they are, so that the
proper nouns of a simplified text keep their characters (乾县, 昇腾, 濛溪河,
洪山菜薹: ``t2s`` would write 干县, 升腾, 蒙溪河, 洪山菜苔). :func:`detect_script`
tells a traditional text from a simplified one. OpenCC is imported on first
use; its dictionaries are read by :mod:`helpers.clean.variants`.
"""

from __future__ import annotations

import re

import numpy as np

from .._chars import HAN_RE, count_han
from .changes import code_points, count_char_changes
from .variants import script_tables, t2s_converter

__all__ = ["to_simplified", "detect_script", "traditional_lines", "convert_lines"]

# --------------------------------------------------------------------------- which lines are traditional

#: a long text is looked at in blocks of whole lines of about this many characters (memory: the code point
#: arrays of one block, not of the whole text)
_BLOCK_CHARS = 1 << 20


def _blocks(text: str):
    """Yield ``(offset, block)``: ``text`` in pieces of whole lines, each cut just after a line break."""
    if not text:
        yield 0, text
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _BLOCK_CHARS) if start + _BLOCK_CHARS < len(text) else -1
        end = len(text) if cut < 0 else cut + 1
        yield start, text[start:end]
        start = end


def _line_bounds(codes: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    newlines = np.flatnonzero(codes == 10)
    return np.concatenate(([0], newlines + 1)), np.concatenate((newlines, [length]))


def _per_line(mask: np.ndarray, line_of: np.ndarray, n_lines: int) -> np.ndarray:
    return np.bincount(line_of[mask], minlength=n_lines)


def _block_lines(text: str, mask_of) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """``(starts, ends, per-line counts)`` of every line of ``text``, looked at block by block.

    ``mask_of(codes)`` gives the boolean arrays counted per line. A block
    ends just after a line break: its last, empty line is the start of the
    next block's first line and is dropped (but for the last block).
    """
    starts, ends, counts = [], [], []
    for offset, block in _blocks(text):
        codes = code_points(block)
        a, b = _line_bounds(codes, len(block))
        line_of = np.cumsum(codes == 10)
        n = len(a) - (offset + len(block) < len(text))
        starts.append(a[:n] + offset)
        ends.append(b[:n] + offset)
        counts.append([_per_line(mask, line_of, len(a))[:n] for mask in mask_of(codes)])
    return np.concatenate(starts), np.concatenate(ends), [np.concatenate(c) for c in zip(*counts)]


def traditional_lines(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Judge each line of a text: traditional or not.

    Each line counts its characters of one script only (``t``: traditional
    only, like 們 國 發; ``s``: simplified only, like 们 国 发; characters of
    both scripts, like 乾 於 昇 干 台, count for neither). A line is
    traditional when ``t > s``, simplified when ``s >= t`` and ``s > 0``; a
    line with neither (a name, a number, a line without Han characters) is
    traditional when the traditional lines of the document hold more such
    characters than the simplified ones, and is left alone otherwise. A
    simplified report with 乾县 or a line 濛溪河 stays simplified; a
    traditional speech quoting a simplified line keeps that line.

    Once its traditional lines are converted, a text has no traditional line
    left, so judging it again converts nothing more (``to_simplified`` is
    idempotent, whatever later steps remove).

    Returns:
        ``(starts, ends, traditional)``: the bounds of every line (``text[a:b]``,
        without its ``\\n``) and a boolean per line.

    Example:
        >>> traditional_lines("堅持黨的領導\\n乾隆\\n坚持党的领导")[2].tolist()
        [True, True, False]
        >>> traditional_lines("乾县位于陕西\\n濛溪河\\n達")[2].tolist()
        [False, False, True]
    """
    tables = script_tables()
    trad_only, simp_only = tables.table("traditional_only"), tables.table("simplified_only")
    starts, ends, (t, s) = _block_lines(text, lambda codes: (trad_only[codes], simp_only[codes]))
    traditional, simplified = t > s, (s >= t) & (s > 0)
    document_traditional = t[traditional].sum() > s[simplified].sum()
    return starts, ends, traditional | (~simplified & document_traditional)


# --------------------------------------------------------------------------- converting them

# Corner brackets are the quotation marks of traditional-script texts; the
# mainland norm (GB/T 15834) is “” and ‘’. Converting them keeps lexicon variants
# written with “” matching texts converted from Big5.
_CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
_CORNER_QUOTES_RE = re.compile("[「」『』]")


def _t2s_whole(text: str) -> str:
    converter = t2s_converter()
    for _ in range(4):  # OpenCC's tables have a few chains (薴 → 苧 → 苎): run to a fixpoint
        converted = converter.convert(text)
        if converted == text:
            break
        text = converted
    return text


def _convert_line(line: str) -> str:
    line = _t2s_whole(line)
    return line.translate(_CORNER_QUOTES) if _CORNER_QUOTES_RE.search(line) else line


def convert_lines(text: str, which: np.ndarray | None = None) -> str:
    """OpenCC ``t2s`` (to a fixpoint) and corner quotes, on the lines ``which`` selects.

    ``which`` is a boolean per line (``None``: every line). No dictionary entry
    of OpenCC holds a line break, so each line is converted as it would be
    inside the whole text; a line without a character OpenCC can change, or a
    corner quote, is left as it is without calling OpenCC.
    """
    changeable = script_tables().table("changeable") if script_tables().changeable is not None else None

    def hits(codes: np.ndarray) -> tuple[np.ndarray]:
        hit = codes > 0x2FFF if changeable is None else changeable[codes]  # unknown tables: every CJK line
        return (hit | ((codes >= 0x300C) & (codes <= 0x300F)),)  # 「」『』

    starts, ends, (n_hits,) = _block_lines(text, hits)
    lines_hit = n_hits > 0
    if which is not None:
        lines_hit &= which
    pieces, pos = [], 0
    for k in np.flatnonzero(lines_hit).tolist():
        a, b = int(starts[k]), int(ends[k])
        pieces += [text[pos:a], _convert_line(text[a:b])]
        pos = b
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def to_simplified_counted(text: str, count: bool = True) -> tuple[str, int]:
    if not HAN_RE.search(text):  # no Han character: no line is traditional
        return text, 0
    converted = convert_lines(text, traditional_lines(text)[2])
    return converted, (count_char_changes(text, converted) if count else 0)


def detect_script(text: str, *, threshold: float = 0.02) -> str:
    """Tell whether a text is written in traditional or simplified characters.

    A text is ``"traditional"`` when OpenCC ``t2s`` changes more than
    ``threshold`` of its Han characters (simplified text changes almost none:
    6 of about 1.1 million characters in the 49 Government Work Reports).
    :func:`to_simplified` decides line by line (:func:`traditional_lines`).

    Args:
        text: any text.
        threshold: share of Han characters that must change.

    Returns:
        ``"traditional"``, ``"simplified"``, or ``""`` when the text has no Han
        character.

    Example:
        >>> detect_script("堅持黨的全面領導"), detect_script("坚持党的全面领导"), detect_script("abc")
        ('traditional', 'simplified', '')
    """
    han = count_han(text)
    if not han:
        return ""
    changed = count_char_changes(text, convert_lines(text))
    return "traditional" if changed / han > threshold else "simplified"


def to_simplified(text: str) -> str:
    """Convert traditional text to simplified characters with OpenCC ``t2s``; leave simplified text alone.

    Only the lines :func:`traditional_lines` judges traditional are converted
    (to a fixpoint), and their corner quotation marks 「」『』 become “”‘’, the
    mainland norm. A simplified document, or a simplified line of a mixed one,
    comes through unchanged: its proper nouns keep their characters (乾县 is
    not 干县, 昇腾 not 升腾), and so do the few traditional characters a
    simplified text may hold (拚命, 於 in a scrape); OpenCC would otherwise
    also change characters valid in both scripts. Characters with more than
    one simplified form (乾 → 干 or 乾, 於 → 于 or 於) are listed by
    :func:`helpers.clean.find_ambiguous_conversions` for proofreading.

    Args:
        text: the text to convert.

    Returns:
        The text with its traditional lines in simplified characters;
        converting it again changes nothing.

    Example:
        >>> to_simplified("堅持黨的全面領導")
        '坚持党的全面领导'
        >>> to_simplified("坚持党的全面领导，乾县、昇腾")
        '坚持党的全面领导，乾县、昇腾'
        >>> to_simplified("乾縣位於陝西\\n乾县位于陕西")  # 乾 has two simplified forms: proofread
        '干县位于陕西\\n乾县位于陕西'
    """
    return to_simplified_counted(text, count=False)[0]
