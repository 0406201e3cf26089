"""How the changes of a cleaning step are counted.

Internal to :mod:`helpers.clean`: :func:`helpers.clean.cleaning_report` counts
what each step changed, and the steps whose changes are not counted as they go
(OpenCC's conversion, the NFC normalisation, a user's own function) compare
the text before and after with :func:`count_char_changes`.

Example:
    >>> count_char_changes("傳達", "传达"), count_char_changes("学(xué)习", "学习")
    (2, 5)

:func:`cut_spans` removes spans of a text, for the steps that find what they remove.
"""

from __future__ import annotations

import difflib

import numpy as np


def diff_changes(a: str, b: str) -> int:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def cut_spans(text: str, spans) -> str:
    """``text`` without the characters of ``spans`` (sorted, non-overlapping ``(start, end)`` pairs).

    Example:
        >>> cut_spans("学(xué)习（鼓掌）", [(1, 6), (7, 11)])
        '学习'
    """
    if not spans:
        return text
    pieces, pos = [], 0
    for a, b in spans:
        pieces.append(text[pos:a])
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def count_char_changes(a: str, b: str) -> int:
    if a == b:
        return 0
    if len(a) == len(b):  # positions that differ, on code point arrays
        return int(np.count_nonzero(code_points(a) != code_points(b)))
    return diff_changes(a, b)


