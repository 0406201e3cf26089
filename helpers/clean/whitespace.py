"""Whitespace: strip indentation, collapse spaces, keep paragraphs.

:func:`normalize_whitespace` is the last cleaning step. Like
:func:`helpers.clean.remove_invisible` it turns every line ending into ``\\n``
(:func:`helpers.clean.characters.unify_line_breaks`).
"""

from __future__ import annotations

import re

from .._chars import HAN
from .characters import LINE_BREAKS_RE, unify_line_breaks

__all__ = ["normalize_whitespace"]

# Both patterns begin with what they consume (whitespace, a space), so that
# the regex engine skips ahead to candidates instead of trying every position.
# a run of 2+ horizontal whitespace characters, or one that is not a space
# ``[^\S\n]`` spelt out (every str.isspace character but \n; tested): sre scans
# for an explicit set faster than for a negated category
_HSPACE = "\t\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_HSPACE_RUN_RE = re.compile(f"[{_HSPACE}](?:[{_HSPACE}]+|(?<=[^\\S\\n ]))")
_NUMBER_SPACE_RE = re.compile(
    rf" (?:(?<=[0-9] )(?=[0-9.%‰{HAN}])"  # 1 9 9 8 年 → 1998年
    rf"|(?<=[.%‰] )(?=[0-9])"              # 8 .8 → 8.8
    rf"|(?<=[{HAN}] )(?=[0-9]))"           # 达到 1 → 达到1
)
_BLANK_LINES_RE = re.compile(r"\n{3,}")
# a line with leading or trailing whitespace, as a whole: group 1 is line.strip()
# (``\s`` and str.strip agree on what whitespace is; no pattern crosses a line)
_UNSTRIPPED_LINE_RE = re.compile(r"^(?=[^\S\n]|.*[^\S\n]$)[^\S\n]*(.*\S)?[^\S\n]*$", re.MULTILINE)


def _stripped_line(m: re.Match) -> str:
    """``r"\\1"`` as a function: the template is parsed again for every match."""
    return m.group(1) or ""


def normalize_whitespace_counted(text: str, count: bool = True) -> tuple[str, int]:
    # line by line in effect, but each regex runs once over the whole text
    if not count:
        text = unify_line_breaks(text)
        text = _UNSTRIPPED_LINE_RE.sub(_stripped_line, text)
        text = _HSPACE_RUN_RE.sub(" ", text)
        if " " in text:
            text = _NUMBER_SPACE_RE.sub("", text)
        if "\n\n\n" in text:
            text = _BLANK_LINES_RE.sub("\n\n", text)
        return text.strip("\n"), 0
    n = 0
    text, k = LINE_BREAKS_RE.subn("\n", text)
    n += k
    text, k = _UNSTRIPPED_LINE_RE.subn(r"\1", text)
    n += k
    text, k = _HSPACE_RUN_RE.subn(" ", text)
    n += k
    text, k = _NUMBER_SPACE_RE.subn("", text)
    n += k
    text, k = _BLANK_LINES_RE.subn("\n\n", text)
    n += k
    stripped = text.strip("\n")
    if stripped != text:
        n += 1
    return stripped, n


def normalize_whitespace(text: str) -> str:
    """Strip indentation, collapse spaces and keep paragraphs.

    Each line is stripped of leading and trailing whitespace (including the
    ideographic space U+3000 used for indentation); runs of spaces, tabs and
    other horizontal whitespace inside a line become one space; spaces inside
    numbers and between numbers and Han characters are removed (the 1998
    report spaces out every digit: ``1 9 9 8 年`` → ``1998年``); more than one
    blank line becomes one; leading and trailing blank lines go.

    Args:
        text: the text to normalise.

    Returns:
        The text with tidy whitespace.

    Example:
        >>> normalize_whitespace("\\u3000\\u3000各位代表：\\r\\n\\n\\n\\u3000\\u3000增长 8 .8 %，  比上年提高。  ")
        '各位代表：\\n\\n增长8.8%， 比上年提高。'
    """
    return normalize_whitespace_counted(text, count=False)[0]
