"""The reference procedure: the lexicon pre-pass, then one engine call per gap.

This is the definition of a tifa token (see :mod:`helpers.segment`). The fast
path of :mod:`helpers.segment.tokens` uses it for the jieba engine and is
tested against it for rjieba.
"""

from __future__ import annotations

import re

from .engines import cutter
from .patterns import RJIEBA_UNSAFE, prepass_pattern

# jieba.re_han_default: the characters jieba segments with its dictionary
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


def reference_spans(text: str, forms: tuple[str, ...], engine: str, hmm: bool,
                    drop_whitespace: bool) -> list[tuple[str, int]]:
    """The reference procedure (:mod:`helpers.segment`), one engine call per gap."""
    pattern = prepass_pattern(forms)
    cut = cutter(list(forms), engine, hmm)
    out: list[tuple[str, int]] = []

    def block(start: int, end: int) -> None:
        pos = start
        for tok in cut(text[start:end]):
            out.append((tok, pos))
            pos += len(tok)

    def gap(start: int, end: int) -> None:
        # jieba's own first step: cut only runs of its block characters; every
        # other character is a token by itself. jieba.cut does this itself, and
        # rjieba does the same for ASCII and common CJK punctuation; for any
        # other character (e.g. Han outside U+4E00-U+9FD5) split here first.
        if engine == "jieba" or not RJIEBA_UNSAFE.search(text, start, end):
            block(start, end)
            return
        pos = start
        for m in _JIEBA_BLOCK.finditer(text, start, end):
            s, e = m.span()
            out.extend((text[i], i) for i in range(pos, s))
            block(s, e)
            pos = e
        out.extend((text[i], i) for i in range(pos, end))

    pos = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        if s > pos:
            gap(pos, s)
        if m.lastgroup == "term" or not drop_whitespace:
            out.append((m.group(), s))
        pos = e
    if pos < len(text):
        gap(pos, len(text))
    return out
