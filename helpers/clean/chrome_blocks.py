"""Which lines of a document to look at, and which lines are body text.

:func:`candidate_lines` finds, with substring tests, the few lines of a
document that :func:`~helpers.clean.chrome_lines.line_kind` may call chrome
wherever they stand; :func:`is_anchor` (a sentence of body text),
:func:`is_headline` (a headline of a link list) and :func:`is_button` (a
button of a page) are the tests :mod:`helpers.clean.boilerplate` applies to
the lines ``line_kind`` leaves alone.

Example:
    >>> is_anchor("现在，我代表国务院向大会报告政府工作，请予审议。"), is_button("免费下载")
    (True, True)
"""

from __future__ import annotations

from .._chars import HAN_RE, count_han
from .chrome_patterns import (
    BULLETS,
    DATED_RE,
    ENUMERATION_RE,
    LETTER_RE,
    MAX_VALUE,
    NUMBERED_INSIDE_RE,
    OTHER_HAN_RE,
    SENTENCE_END,
    TRUNCATED,
    compact_line,
)

__all__ = ["candidate_lines", "is_anchor", "is_headline", "is_button"]


# --------------------------------------------------------------------------- many lines

_LITERAL_CUES = ("//", "www.", "WWW.", "ICP", "公网安备")  # of URLs, ICP and 公网安备 numbers


def candidate_lines(text: str) -> list[int]:
    """Indices of the lines of ``text.split("\\n")`` that :func:`line_kind` may call chrome
    of a kind outside :data:`WEAK_KINDS`: a line without a sentence mark, a line with no Han
    character outside chrome words, a line with a URL, ICP or 公网安备 number.

    Every other line holds a sentence and is at most a disclaimer or a
    licence footer (kinds that only count in the head or tail of a
    document). Most lines of a document are such sentences: substring tests
    find the candidates, so that only they (and the lines of the head and
    tail) are looked at one by one.

    Example:
        >>> candidate_lines("各位代表：\\n现在，我代表国务院向大会报告政府工作，请予审议。\\n责任编辑：张三")
        [0, 2]
    """
    cues = [w for w in _LITERAL_CUES if w in text]
    found = []
    for i, line in enumerate(text.split("\n")):
        if line and not ("。" in line or "！" in line or "？" in line or "；" in line
                         or "!" in line or "?" in line or ";" in line):
            found.append(i)
        elif line and (OTHER_HAN_RE.search(line) is None or (cues and any(w in line for w in cues))):
            found.append(i)
    return found


# --------------------------------------------------------------------------- body lines

def is_anchor(line: str) -> bool:
    """A line of body text for certain: a sentence of at least ten Han characters.

    The head block of a document ends at its first anchor, the tail block
    begins after its last (call it on lines :func:`line_kind` leaves alone).
    """
    return len(line) >= 10 and any(ch in line for ch in "。！？!?") and count_han(line) >= 10


def is_headline(line: str) -> bool:
    """A short line that could be a headline of a link list: no sentence, not a numbered
    article or heading (第六条, 一、, （一）, wherever it stands), not ending with a colon, and
    without a clause (，；) unless it is truncated, dated or bulleted as headlines are."""
    c = compact_line(line)
    if not (0 < len(c) <= MAX_VALUE and count_han(c) >= 2) or any(ch in c for ch in SENTENCE_END):
        return False
    if c.endswith("：") or ENUMERATION_RE.match(c) or NUMBERED_INSIDE_RE.search(c):
        return False
    listed = (c.endswith(TRUNCATED) and not c.endswith("……")) or c[0] in BULLETS or DATED_RE.search(c)
    return bool(listed) or not ("，" in c or "；" in c)


def is_button(line: str) -> bool:
    """A line that could be a button of a page (喜欢, 免费下载, 赞同12): at most five Han
    characters, no Latin letter, no punctuation, not numbered."""
    c = compact_line(line)
    return (0 < count_han(c) <= 5 and not LETTER_RE.search(HAN_RE.sub("", c)) and not ENUMERATION_RE.match(c)
            and not any(ch in c for ch in "。！？；，、：…“”《》（）【】"))
