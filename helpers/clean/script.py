"""Traditional → simplified characters with OpenCC ``t2s``, and script detection.

:func:`to_simplified` converts a text (only the lines that hold a character
OpenCC can change, to a fixpoint) and turns corner quotation marks into the
mainland ones; :func:`detect_script` tells a traditional text from a
simplified one. OpenCC is imported on first use.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import numpy as np

from .._chars import HAN_RE, count_han
from .changes import code_points, count_char_changes

__all__ = ["to_simplified", "detect_script"]

# --------------------------------------------------------------------------- OpenCC and what it can change


@functools.lru_cache(maxsize=1)
def t2s_converter():
    """The OpenCC ``t2s`` converter, made once (also used by :mod:`helpers.clean.diagnose`)."""
    import opencc  # lazy: a compiled extension, needed only when a text is converted

    try:
        return opencc.OpenCC("t2s")
    except Exception:  # older packages want the file name
        return opencc.OpenCC("t2s.json")


@functools.lru_cache(maxsize=1)
def _t2s_changeable() -> frozenset[str] | None:
    """Every character OpenCC ``t2s`` can change, or ``None`` if unknown.

    A text with none of them is left unchanged by ``t2s`` (every dictionary
    entry it could match maps to itself), so the conversion can be skipped.
    The set holds every character that differs between the two sides of an
    entry in the dictionaries of OpenCC's ``t2s.json`` (the character tables
    and the phrases: a few characters change only inside a phrase, like 藉 in
    憑藉 → 凭借, so converting each code point alone would not find them),
    dumped with the ``opencc_dict`` tool shipped in the ``opencc`` wheel.
    Without that tool (another OpenCC package), the answer is ``None`` and
    every text is converted.
    """
    # lazy: needed once, the first time a text is converted
    import json
    import subprocess
    import tempfile

    try:
        import opencc  # lazy, as in t2s_converter

        root = Path(opencc.__file__).parent / "clib"
        tool, share = root / "bin" / "opencc_dict", root / "share" / "opencc"
        config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
        files = re.findall(r'"file":\s*"([^"]+)"', json.dumps(config))
        if not files or not tool.is_file():
            return None
        chars: set[str] = set()
        with tempfile.TemporaryDirectory() as tmp:
            for name in files:
                out = Path(tmp) / "dict.txt"
                kind = name.rsplit(".", 1)[-1]
                subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", kind, "-t", "text"],
                               check=True, capture_output=True, timeout=60)
                for line in out.read_text(encoding="utf-8").splitlines():
                    src, _, targets = line.partition("\t")
                    for target in targets.split(" "):
                        if len(target) != len(src):
                            chars.update(src)
                        else:
                            chars.update(a for a, b in zip(src, target) if a != b)
    except Exception:  # no tool, another layout or format: convert every text
        return None
    return frozenset(chars)


def _t2s_may_change(text: str) -> bool:
    changeable = _t2s_changeable()
    return changeable is None or not changeable.isdisjoint(text)


@functools.lru_cache(maxsize=1)
def _t2s_changeable_table() -> np.ndarray | None:
    """A boolean per code point: may OpenCC ``t2s`` change it (see :func:`_t2s_changeable`)."""
    changeable = _t2s_changeable()
    if changeable is None:
        return None
    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    table[[ord(ch) for ch in changeable]] = True
    return table


def _t2s(text: str) -> str:
    """OpenCC ``t2s`` to a fixpoint, run only on the lines that hold a changeable character.

    No dictionary entry of OpenCC holds a line break, so its maximal-match
    segmentation never joins characters across one: each line is segmented
    and converted as it would be inside the whole text, and a line without a
    changeable character is left as it is.
    """
    table = _t2s_changeable_table()
    if table is None:
        return _t2s_whole(text)
    newlines, lines = _changeable_lines(text, table)
    if not lines.size:
        return text
    if not newlines.size:
        return _t2s_whole(text)
    starts = np.concatenate(([0], newlines + 1)).tolist()
    ends = np.concatenate((newlines, [len(text)])).tolist()
    pieces = []
    pos = 0
    for k in lines.tolist():
        a, b = starts[k], ends[k]
        line = text[a:b]
        converted = _t2s_whole(line)
        if converted != line:  # most lines of a simplified text come back as they were: no copy of the text
            pieces.append(text[pos:a])
            pieces.append(converted)
            pos = b
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


#: code points are looked at block by block (memory: the arrays of one block, not of the whole text)
_BLOCK_CHARS = 1 << 20


def _changeable_lines(text: str, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(positions of the line breaks, indices of the lines holding a changeable character)``."""
    newlines, lines, seen = [], [], 0
    for offset in range(0, len(text), _BLOCK_CHARS):
        codes = code_points(text[offset:offset + _BLOCK_CHARS])
        breaks = np.flatnonzero(codes == 10)
        hits = np.flatnonzero(table[codes])
        if hits.size:  # line k: k line breaks before it
            lines.append(np.unique(np.searchsorted(breaks, hits)) + seen)
        newlines.append(breaks + offset)
        seen += breaks.size
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate(newlines) if newlines else empty,
            np.unique(np.concatenate(lines)) if lines else empty)


def _t2s_whole(text: str) -> str:
    converter = t2s_converter()
    for _ in range(4):  # OpenCC's tables have a few chains (薴 → 苧 → 苎): run to a fixpoint
        converted = converter.convert(text)
        if converted == text:
            break
        text = converted
    return text


# --------------------------------------------------------------------------- the steps

# Corner brackets are the quotation marks of traditional-script texts; the
# mainland norm (GB/T 15834) is “” and ‘’. Converting them keeps lexicon variants
# written with “” matching texts converted from Big5.
_CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


_CORNER_QUOTES_RE = re.compile("[「」『』]")


def to_simplified_counted(text: str, count: bool = True) -> tuple[str, int]:
    if not HAN_RE.search(text):
        return text, 0
    converted = _t2s(text)
    if _CORNER_QUOTES_RE.search(converted):
        converted = converted.translate(_CORNER_QUOTES)
    return converted, (count_char_changes(text, converted) if count else 0)


def detect_script(text: str, *, threshold: float = 0.02) -> str:
    """Tell whether a text is written in traditional or simplified characters.

    A text is ``"traditional"`` when OpenCC ``t2s`` changes more than
    ``threshold`` of its Han characters (simplified text changes almost none:
    6 of about 1.1 million characters in the 49 Government Work Reports).

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
    changed = count_char_changes(text, _t2s(text))
    return "traditional" if changed / han > threshold else "simplified"


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones with OpenCC ``t2s``.

    On simplified text this is a no-op except for a handful of variant forms
    that OpenCC also normalises: in the 49 Government Work Reports the only
    change is 拚 → 拼 (拚命, 拚搏: 6 times, meaning unchanged). OpenCC keeps
    characters that are valid in both scripts (著, 乾 in 乾隆, 干). Corner
    quotation marks 「」『』 become “”‘’, the mainland norm.

    Args:
        text: the text to convert.

    Returns:
        The text in simplified characters; converting it again changes nothing.

    Example:
        >>> to_simplified("堅持黨的全面領導")
        '坚持党的全面领导'
        >>> to_simplified("坚持党的全面领导")
        '坚持党的全面领导'
    """
    return to_simplified_counted(text, count=False)[0]
