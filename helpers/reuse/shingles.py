"""Character shingles of a clean text: Han characters and digits, with the way back to the text.

Punctuation, spaces, Latin letters and markup are dropped before the
n-grams are taken, so a passage copied with other punctuation or line breaks
still matches; ``offsets`` maps every kept character back to its position in
the clean text, so every span found is reported in clean-text coordinates.

Example:
    >>> doc = shingle("甲", "坚持，稳中求进。2024年", n=4)
    >>> doc.norm, doc.offsets.tolist()[:3], len(doc.sorted_hashes)
    ('坚持稳中求进2024年', [0, 1, 3], 8)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

# the Han ranges of helpers/_chars.py (HAN), as code points, and the ASCII digits
_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F), (0x30, 0x39))
_BASE = np.uint64(0x100000001B3)  # FNV prime: an odd multiplier for the polynomial hash
_FIRST_HAN = 0x3400


class Shingled(NamedTuple):
    """One document ready for matching."""

    doc_id: str
    norm: str  # Han characters and digits only
    offsets: np.ndarray  # (int32) position in the clean text of each character of ``norm``
    sorted_hashes: np.ndarray  # uint64 hashes of the n-grams of ``norm``, sorted
    order: np.ndarray  # (int32) the position in ``norm`` of each of ``sorted_hashes``
    is_han: np.ndarray  # bool, per character of ``norm``


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a numpy array (uint32)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def kept_characters(cp: np.ndarray) -> np.ndarray:
    """Boolean mask of the code points that are Han characters or ASCII digits."""
    keep = np.zeros(len(cp), dtype=bool)
    for lo, hi in _RANGES:
        keep |= (cp >= lo) & (cp <= hi)
    return keep


def ngram_hashes(cp: np.ndarray, n: int) -> np.ndarray:
    """Polynomial hash (mod 2**64) of every n-gram of the code points ``cp``.

    Example:
        >>> h = ngram_hashes(code_points("改革改革"), 2)
        >>> len(h), bool(h[0] == h[2]), bool(h[0] == h[1])
        (3, True, False)
    """
    count = len(cp) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    values = cp.astype(np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * _BASE + values[k:k + count]
    return h


def shingle(doc_id: str, text: str, *, n: int) -> Shingled:
    """Keep the Han characters and digits of ``text`` and hash their n-grams."""
    cp = code_points(text or "")
    keep = kept_characters(cp)
    kept = np.ascontiguousarray(cp[keep])
    norm = kept.astype("<u4").tobytes().decode("utf-32-le")
    hashes = ngram_hashes(kept, n)
    order = np.argsort(hashes, kind="stable")
    return Shingled(str(doc_id), norm, np.flatnonzero(keep).astype(np.int32), hashes[order],
                    order.astype(np.int32), kept >= _FIRST_HAN)
