"""Markdown markup: the cleaning step that leaves the words and drops the markup.

:func:`strip_markdown` runs only on documents that are Markdown (a ``.md`` or
``.markdown`` file, or a ``markup`` metadata value ``markdown``:
:func:`is_markdown`); on any other document ``clean_text`` skips it, so that
``3*4``, ``#1`` or ``第#号`` in a plain text are never touched. It works line
by line with patterns that cannot backtrack (each scan stops at the first
character that ends it) and matches emphasis delimiters with a stack, so its
time grows linearly with the text, whatever the line (tested on adversarial
lines).

Example:
    >>> strip_markdown("## 一、工作回顾\\n\\n**坚持**以[人民](https://www.gov.cn)为中心<!-- 注 -->。")
    '一、工作回顾\\n\\n坚持以人民为中心。'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

import pandas as pd

__all__ = ["MARKDOWN_SUFFIXES", "is_markdown", "strip_markdown", "strip_markdown_counted"]

#: file suffixes (lower case) of Markdown documents
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: ``markup`` values that make a document Markdown (any case); any other value makes it plain text
MARKDOWN_NAMES = ("markdown", "md")

_FENCE_RE = re.compile(r" {0,3}(```+|~~~+)")
_RULE_RE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_SETEXT_RE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_REFDEF_RE = re.compile(r" {0,3}\[[^\[\]\n]+\]:[ \t]*(?:<[^<>\n]*>|[!-~]+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*")
_QUOTE_RE = re.compile(r" {0,3}(?:>[ \t]?)+")
_HEADING_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE_RE = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET_RE = re.compile(r"[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_TABLE_RULE_RE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*")
_DEST = r"(?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)?)(?:[ \t]+\"[^\"\n]*\")?"
_INLINE_RE = re.compile(
    rf"(?P<image>!\[[^\[\]\n]*\]\({_DEST}\))"
    rf"|\[(?P<link>[^\[\]\n]*)\](?:\({_DEST}\)|\[[^\[\]\n]*\])"
    r"|<(?P<auto>(?:https?|ftp|mailto):[^\s<>]*)>"
    r"|(?P<br><br[ \t]*/?>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>\n]*)?/?>)"
    r"|``(?P<code2>(?:[^`\n]|`(?!`))+)``"
    r"|`(?P<code>[^`\n]+)`",
    re.IGNORECASE,
)
_DELIM_RE = re.compile(r"\\[!-/:-@\[-`{-~]|\*+|_+")


def is_markdown(file: str = "", markup: str | None = "") -> bool:
    """Whether a document is Markdown: its ``markup`` value when given, else its file suffix.

    Example:
        >>> is_markdown("2024.md"), is_markdown("2024.txt"), is_markdown("2024.txt", "markdown")
        (True, False, True)
        >>> is_markdown("notes.md", "plain")
        False
    """
    if markup:
        return str(markup).strip().lower() in MARKDOWN_NAMES
    return PurePosixPath(str(file)).suffix.lower() in MARKDOWN_SUFFIXES


def markdown_flags(corpus, markup: str | None = None) -> Iterator[bool]:
    """Whether each document of ``corpus`` is Markdown, in row order.

    ``markup`` given: that, for every document. Otherwise, for a corpus
    DataFrame, each row's ``markup`` column when it has a value, else its
    ``file`` suffix; a mapping or a str is plain text.

    Example:
        >>> list(markdown_flags(pd.DataFrame({"file": ["a.md", "b.txt"]})))
        [True, False]
    """
    if markup is not None or not isinstance(corpus, pd.DataFrame):
        return itertools.repeat(is_markdown(markup=markup or "plain"))
    n = len(corpus)
    files = corpus["file"] if "file" in corpus.columns else [""] * n
    marks = corpus["markup"] if "markup" in corpus.columns else [""] * n
    return (is_markdown("" if pd.isna(f) else f, "" if pd.isna(m) else m) for f, m in zip(files, marks))


def _strip_comments(text: str) -> tuple[str, int]:
    """Remove ``<!-- … -->`` (across lines too); an unclosed ``<!--`` stays. One scan with str.find."""
    if "<!--" not in text:
        return text, 0
    parts, pos, n = [], 0, 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if start < 0 or end < 0:
            parts.append(text[pos:])
            return "".join(parts), n
        parts.append(text[pos:start])
        pos, n = end + 3, n + 1


def _flanks(line: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the delimiter run ``line[start:end]`` can open and can close emphasis.

    A run between two ASCII letters or digits (``3*4``, ``snake_case``) does
    neither: in Chinese text ``*`` between numbers is a multiplication.
    """
    prev = line[start - 1] if start else " "
    nxt = line[end] if end < len(line) else " "
    if prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
        return False, False
    return not nxt.isspace(), not prev.isspace()


def _emphasis(line: str) -> tuple[str, int]:
    """Remove matched ``*``/``_`` delimiter runs and backslash escapes of one line (linear: stacks, no regex search)."""
    drop: list[tuple[int, int, str]] = []  # (start, end, replacement)
    stacks: dict[str, list[list[int]]] = {"*": [], "_": []}  # open runs: [start, end]
    n = 0
    for m in _DELIM_RE.finditer(line):
        s, e = m.span()
        if line[s] == "\\":
            drop.append((s, s + 1, ""))
            n += 1
            continue
        can_open, can_close = _flanks(line, s, e)
        stack = stacks[line[s]]
        while can_close and stack and s < e:
            opener = stack[-1]
            k = min(opener[1] - opener[0], e - s, 3)
            drop.append((opener[1] - k, opener[1], ""))
            drop.append((s, s + k, ""))
            n += 1
            opener[1] -= k
            s += k
            if opener[1] == opener[0]:
                stack.pop()
        if can_open and s < e:
            stack.append([s, e])
    if not drop:
        return line, 0
    drop.sort()
    out, pos = [], 0
    for s, e, rep in drop:
        out.append(line[pos:s])
        out.append(rep)
        pos = e
    out.append(line[pos:])
    return "".join(out), n


def _inline(m: re.Match) -> str:
    groups = m.groupdict()
    if groups["image"] is not None or groups["tag"] is not None:
        return ""
    if groups["br"] is not None:
        return "\n"
    return next(v for k, v in groups.items() if v is not None and k != "image")


def _table_rows(lines: list[str]) -> set[int]:
    """Indexes of the lines of pipe tables: a header with ``|``, its ``---|---`` rule, the rows with ``|`` after it."""
    rows: set[int] = set()
    for i, line in enumerate(lines):
        if i and "|" in lines[i - 1] and "-" in line and _TABLE_RULE_RE.fullmatch(line):
            rows.update((i - 1, i))
            j = i + 1
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                rows.add(j)
                j += 1
    return rows


def _table_row(line: str) -> str:
    if _TABLE_RULE_RE.fullmatch(line):
        return ""
    cells = line.strip().strip("|").split("|")
    return " ".join(c.strip() for c in cells)


def _block(line: str, prev: str) -> tuple[str, int]:
    """Remove the block markup at the start of one line (outside code): rules, headings, quotes, bullets."""
    if prev.strip() and _SETEXT_RE.fullmatch(line) or _RULE_RE.fullmatch(line) or _REFDEF_RE.fullmatch(line):
        return "", 1
    n = 0
    m = _QUOTE_RE.match(line)
    if m:
        line, n = line[m.end():], n + 1
    m = _HEADING_RE.match(line)
    if m:
        line, n = _HEADING_CLOSE_RE.sub("", line[m.end():]), n + 1
    else:
        m = _BULLET_RE.match(line)
        if m:
            line, n = line[m.end():], n + 1
    return line, n


def strip_markdown_counted(text: str, *, count: bool = True) -> tuple[str, int]:
    """:func:`strip_markdown` and the number of pieces of markup removed (a pair of ``**`` is one)."""
    text, n = _strip_comments(text)
    lines = text.split("\n")
    tables = _table_rows(lines) if "|" in text else set()
    fence = None
    prev = ""
    for i, line in enumerate(lines):
        cr = "\r" if line.endswith("\r") else ""
        line = line[:-1] if cr else line
        m = _FENCE_RE.match(line)
        if m and (fence is None or m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)):
            fence = m.group(1) if fence is None else None
            lines[i], prev, n = cr, "", n + 1
            continue
        if fence is not None:  # inside a code block: kept as it is
            continue
        if i in tables:
            new, k = _table_row(line), 1
        else:
            new, k = _block(line, prev)
        new, j = _INLINE_RE.subn(_inline, new)
        new, e = _emphasis(new)
        n += k + j + e
        prev = line
        lines[i] = new + cr
    return "\n".join(lines), n


def strip_markdown(text: str) -> str:
    """Remove Markdown markup and keep the words.

    Removes HTML comments (``<!-- … -->``, across lines), emphasis
    (``**bold**``, ``__bold__``, ``*em*``, ``_em_``), ATX headings (``#`` …
    ``######``) and setext underlines, horizontal rules, blockquote ``>``,
    list bullets (``-``, ``*``, ``+``; numbered items keep their number),
    link markup (``[text](url)`` and ``[text][ref]`` → text, ``<https://…>``
    → the address, reference definitions dropped), images (dropped with their
    alt text), inline HTML tags (``<br>`` → a line break), inline code
    backticks (the code stays), code fences (the code stays as it is), pipe
    tables (pipes and the ``---|---`` rule go, cells are separated by a space)
    and backslash escapes (``\\*`` → ``*``). Han characters are never removed:
    only markup characters are. An unclosed ``<!--`` or an unmatched ``*``
    stays; ``*`` between ASCII letters or digits (``3*4``) is no delimiter.

    Example:
        >>> strip_markdown("> - 增长__5%__，*3*4* 不是强调\\n\\n| 年份 | 增长 |\\n|---|---|\\n| 2024 | 5% |")
        '增长5%，3*4 不是强调\\n\\n年份 增长\\n\\n2024 5%'
    """
    return strip_markdown_counted(text, count=False)[0]
