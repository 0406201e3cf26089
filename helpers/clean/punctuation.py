"""Punctuation: ASCII marks, brackets and straight quotes in Chinese context.

:func:`normalize_punctuation` turns them into their full-width forms;
numbers (``1,000``, ``12:30``), brackets without Chinese and URLs are left
alone.
"""

from __future__ import annotations

import re

from .._chars import CJK_PUNCT, HAN_RE, is_han

__all__ = ["normalize_punctuation"]

_ASCII_TO_FULL = {",": "，", ";": "；", "!": "！", ":": "：", "?": "？"}
_CJK_CONTEXT = set(CJK_PUNCT)
_URL_RE = re.compile(r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|www\.[A-Za-z0-9\-._~/?#=&%]+")
_PAREN_RE = re.compile(r"\(([^()（）\n]*)\)")
_ASCII_MARK_RE = re.compile("[,;!:?]")
# every horizontal whitespace character: normalize_whitespace (the next step) turns each into a
# space, so a mark after a no-break space is in the same context as after a space (idempotence)
_SPACES = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) - set("\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e")


def _is_chinese_context(ch: str) -> bool:
    return ch in _CJK_CONTEXT or is_han(ch)


def _convert_quotes(text: str) -> tuple[str, int]:
    """Straight double quotes around Chinese, pairwise per line: "十三五" → “十三五”."""
    n = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        quotes = line.count('"')
        if quotes and quotes % 2 == 0:
            parts = line.split('"')
            rebuilt = [parts[0]]
            for q in range(1, len(parts), 2):
                inner, after = parts[q], parts[q + 1]
                if HAN_RE.search(inner):
                    rebuilt.append(f"“{inner}”{after}")
                    n += 2
                else:
                    rebuilt.append(f'"{inner}"{after}')
            lines[k] = "".join(rebuilt)
    return "\n".join(lines), n


def _convert_brackets(text: str) -> tuple[str, int]:
    """Round brackets around Chinese: (站、点) → （站、点）; (2022) stays."""
    n = 0
    urls = [m.span() for m in _URL_RE.finditer(text)]

    def paren(m):
        nonlocal n
        if HAN_RE.search(m.group(1)) and not any(a <= m.start() < b for a, b in urls):
            n += 2
            return f"（{m.group(1)}）"
        return m.group()

    return _PAREN_RE.sub(paren, text), n


def _convert_marks(text: str) -> tuple[str, int]:
    """, ; ! : ? in Chinese context, and the spaces after them when Chinese follows.

    Only the marks are visited. The previous non-space character of the
    output is that of the input (only spaces are ever dropped), or the
    full-width form of a mark converted just before.
    """
    n = 0
    urls = [m.span() for m in _URL_RE.finditer(text)] if ("://" in text or "www." in text) else []
    out: list[str] = []
    pos = 0  # text[:pos] is in out
    length = len(text)
    converted_at = -1  # position of the last converted mark
    for m in _ASCII_MARK_RE.finditer(text):
        i = m.start()
        if i < pos or any(a <= i < b for a, b in urls):
            continue
        k = i - 1
        while k >= 0 and text[k] in _SPACES:
            k -= 1
        prev_chinese = k >= 0 and (k == converted_at or _is_chinese_context(text[k]))
        if not (prev_chinese or (i + 1 < length and is_han(text[i + 1]))):
            continue
        out.append(text[pos:i])
        out.append(_ASCII_TO_FULL[m.group()])
        n += 1
        converted_at = i
        # drop spaces after the mark when Chinese text follows
        j = i + 1
        while j < length and text[j] in _SPACES:
            j += 1
        pos = j if (j > i + 1 and j < length and _is_chinese_context(text[j])) else i + 1
    if not out:
        return text, n
    out.append(text[pos:])
    return "".join(out), n


def normalize_punctuation_counted(text: str, count: bool = True) -> tuple[str, int]:
    # counting is free here: converted marks are counted as they go
    if not any(c in text for c in ',;!:?()"'):
        return text, 0
    n = 0
    if '"' in text:
        text, n = _convert_quotes(text)
    text, k = _convert_brackets(text)
    n += k
    text, k = _convert_marks(text)
    return text, n + k


def normalize_punctuation(text: str) -> str:
    """Turn ASCII punctuation in Chinese text into full-width punctuation.

    An ASCII ``,`` ``;`` ``!`` ``:`` ``?`` becomes ``，；！：？`` when the
    previous non-space character is Han or Chinese punctuation, or the next
    character is Han; spaces after it are dropped when Chinese follows.
    Round brackets whose content contains a Han character become ``（）``, and
    pairs of straight double quotes around Chinese become ``“”``. Numbers
    (``1,000``, ``24.78%``, ``12:30``), brackets without Chinese (``(2022)``)
    and URLs are left alone.

    Args:
        text: the text to normalise.

    Returns:
        The text with Chinese punctuation.

    Example:
        >>> normalize_punctuation('同志们: 春节前,共1,000人(含代表)参加"两会"?')
        '同志们：春节前，共1,000人（含代表）参加“两会”？'
    """
    return normalize_punctuation_counted(text)[0]
