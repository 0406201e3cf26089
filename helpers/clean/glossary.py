"""Glossaries: the report's own definitions after its body (名词解释, 注释), kept out of the counted text.

Many government work reports end with a glossary of the formulations they
use: a heading (名词解释, 名词解释和说明, 注释, 注 释, 附注, 《政府工作报告》有关内容名词注释,
相关缩略语…, sometimes under 附件2 or 附：) followed by definitions, numbered
(``1．双碳：…``, ``1、``, ``[1]``, ``（1）``) or not (``城市病：…``). It is
not part of the speech: :func:`remove_glossary` (a cleaning step) cuts it off,
with the note markers that refer to it in the body (``“双碳”[8]`` → ``“双碳”``);
:func:`split_glossary` gives both parts and :func:`glossary_entries` the
definitions, which :func:`helpers.glossary` returns as a table.

The rule: a glossary heading is a line that is one of those headings and
nothing else, in the last 60% of the text, followed within three non-empty
lines by a definition (a numbered line, or a short term before ``：``). The
glossary runs from the first such heading (with the 附件/附： label lines and
rules just above it) to the end of the text.

Example:
    >>> text = "推进“双碳”[1]工作。\\n\\n各位代表！让我们团结奋斗。\\n\\n名词解释\\n\\n[1]双碳：碳达峰、碳中和。\\n"
    >>> remove_glossary(text)
    '推进“双碳”工作。\\n\\n各位代表！让我们团结奋斗。\\n'
    >>> glossary_entries(split_glossary(text)[1])
    [(1, '双碳', '碳达峰、碳中和。')]
"""

from __future__ import annotations

import re

__all__ = ["split_glossary", "glossary_entries", "remove_glossary", "remove_glossary_counted"]

_CORE = r"(?:名词|词语|专业术语|术语)?(?:解释|注释|注解)(?:和说明)?|注\s*释|附\s*注|(?:相关|有关)?缩略语"
_HEADING_RE = re.compile(
    r"(?:附件?\s*[\d一二三四五六七八九十]*\s*[:：]?\s*)?(?:《?政府工作报告》?)?"
    rf"(?:专业术语|有关内容|有关|相关|部分|主要)*(?:{_CORE})\s*[:：]?"
)
_LABEL_RE = re.compile(r"附件?\s*[\d一二三四五六七八九十]*\s*[:：]?|《?政府工作报告》?|[-*_=]{3,}|")
_NUMBER_RE = re.compile(r"(?:[\[［]\s*(\d{1,3})\s*[\]］]|[（(]\s*(\d{1,3})\s*[)）]|(\d{1,3})\s*[.．、](?!\d))\s*")
#: a number then a term and a colon: ``17.2006年民生实事：``, ``11、3D打印：``, ``24“五证合一”：``
_LOOSE_NUMBER_RE = re.compile(r"(\d{1,3})\s*(?:[.．、]|(?=[“《\"]))\s*")
_TERM_RE = re.compile(r"([^，。；：:\n]{1,40}?)\s*[：:]")
_MARKER_RE = re.compile(r"[\[［](\d{1,3})[\]］]")
#: a reference to the page of the printed report after a term: ``（《报告》第1页第13行）``
_PAGE_REF_RE = re.compile(r"[（(]《报告》第[^）)]*[）)]\s*$")
#: a text without any of these has no glossary heading (one scan before looking at lines)
_QUICK_RE = re.compile(r"解释|注\s*释|注解|附\s*注|缩略语")
#: the share of the text before which no glossary heading is looked for
_MIN_START = 0.4
_MARKUP = " \t\r\n\u3000*#>"


def _bare(line: str) -> str:
    """A line without surrounding spaces and Markdown emphasis or heading marks."""
    return line.strip(_MARKUP)


def _entry_start(line: str) -> tuple[int | None, str] | None:
    """``(number or None, the rest)`` when ``line`` begins a definition, else None."""
    bare = _bare(line)
    m = _NUMBER_RE.match(bare)
    if m:
        number = next(g for g in m.groups() if g is not None)
        return int(number), bare[m.end():]
    m = _LOOSE_NUMBER_RE.match(bare)
    if m and _TERM_RE.match(bare, m.end()):
        return int(m.group(1)), bare[m.end():]
    if _TERM_RE.match(bare):
        return None, bare
    return None


def _heading_index(lines: list[str], offsets: list[int], size: int) -> int | None:
    """Index of the first glossary heading line (see the module docstring), or None."""
    for i, line in enumerate(lines):
        if offsets[i] < _MIN_START * size or len(line) > 60 or not _HEADING_RE.fullmatch(_bare(line)):
            continue
        following = [x for x in lines[i + 1:i + 12] if x.strip()][:3]
        if any(_entry_start(x) for x in following if not _HEADING_RE.fullmatch(_bare(x))):
            return i
    return None


def _split_lines(text: str) -> tuple[list[str], int | None]:
    """The lines of ``text`` (with their endings) and the index of the glossary's first line (labels included)."""
    if not _QUICK_RE.search(text):
        return [], None
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    start = _heading_index(lines, offsets, len(text))
    if start is None:
        return lines, None
    while start > 0 and _LABEL_RE.fullmatch(_bare(lines[start - 1])):
        start -= 1
    return lines, start


def split_glossary(text: str) -> tuple[str, str]:
    """Split ``text`` into the body and the glossary after it ("" when there is none).

    Example:
        >>> body, glossary = split_glossary("各位代表！让我们团结奋斗。\\n\\n**附件2**\\n\\n**名词解释**\\n\\n1.“四早”：早发现。\\n")
        >>> body
        '各位代表！让我们团结奋斗。\\n'
        >>> glossary
        '\\n**附件2**\\n\\n**名词解释**\\n\\n1.“四早”：早发现。\\n'
    """
    lines, start = _split_lines(text)
    if start is None:
        return text, ""
    return "".join(lines[:start]), "".join(lines[start:])


def _term_and_definition(rest: str) -> tuple[str, str]:
    """Split the text of an entry after its number: the term before the colon, the definition after it.

    Without a colon, a short line that does not end a sentence is a term
    whose definition follows on the next lines; anything else is a note
    without a term.
    """
    m = _TERM_RE.match(rest)
    if not m:
        bare = _PAGE_REF_RE.sub("", _bare(rest)).strip(_MARKUP)
        return (bare, "") if len(bare) <= 40 and not bare.endswith(("。", "；", ".")) else ("", bare)
    term = _PAGE_REF_RE.sub("", m.group(1).strip(_MARKUP))
    if term.startswith("“") and term.endswith("”") and term.count("“") == 1:
        term = term[1:-1]  # one quoted formulation: the formulation itself
    return term, rest[m.end():].strip(_MARKUP)


def glossary_entries(glossary: str) -> list[tuple[int, str, str]]:
    """The definitions of a glossary (as :func:`split_glossary` returns it): ``(n, term, definition)``.

    ``n`` is the entry's own number, or its position when the entries are not
    numbered. ``term`` is the text before the first colon (one pair of
    enclosing quotation marks dropped: ``“反向飞地”`` → ``反向飞地``), "" for
    a note that defines no term (``[1]本报告所列统计数据为预计数``: the note
    is the definition); lines that begin no entry continue the one before.

    Example:
        >>> glossary_entries("名词解释\\n1．“双碳”：碳达峰、碳中和。\\n2．四早\\n早发现、早报告。\\n")
        [(1, '双碳', '碳达峰、碳中和。'), (2, '四早', '早发现、早报告。')]
    """
    entries: list[list] = []
    numbered = False
    for line in glossary.splitlines():
        if not line.strip() or not entries and (_HEADING_RE.fullmatch(_bare(line))
                                                or _LABEL_RE.fullmatch(_bare(line))):
            continue
        start = _entry_start(line)
        if start is not None and (start[0] is not None or not numbered):
            number, rest = start
            numbered = numbered or number is not None
            term, definition = _term_and_definition(rest)
            entries.append([number if number is not None else len(entries) + 1, term, definition])
        elif entries:
            extra = _bare(line)
            entries[-1][2] = f"{entries[-1][2]}\n{extra}" if entries[-1][2] else extra
    return [(n, term, definition) for n, term, definition in entries]


def remove_glossary_counted(text: str, *, count: bool = True) -> tuple[str, int]:
    """:func:`remove_glossary` and its changes: the glossary's non-empty lines plus the note markers removed."""
    lines, start = _split_lines(text)
    if start is None:
        return text, 0
    glossary = lines[start:]
    body = "".join(lines[:start])
    numbers = {n for n, _, _ in glossary_entries("".join(glossary))}
    removed = [0]

    def marker(m: re.Match) -> str:
        if int(m.group(1)) in numbers:
            removed[0] += 1
            return ""
        return m.group(0)

    if "[" in body or "［" in body:
        body = _MARKER_RE.sub(marker, body)
    return body, sum(1 for x in glossary if x.strip()) + removed[0]


def remove_glossary(text: str) -> str:
    """Remove the glossary after the body (see :func:`split_glossary`) and the body's note markers that refer to it.

    A marker is ``[n]`` or ``［n］`` where ``n`` is the number of a glossary
    entry; markers of a text without glossary, and numbers the glossary does
    not define, stay.

    Example:
        >>> remove_glossary("坚持“两个毫不动摇”[2]。\\n\\n\\n\\n\\n注释\\n[1]三个大考：……\\n[2]两个毫不动摇：……")
        '坚持“两个毫不动摇”。\\n'
    """
    return remove_glossary_counted(text, count=False)[0]
