"""YAML front matter: the ``---`` … ``---`` block at the very top of a Markdown file.

:func:`find_front_matter` finds and parses the block (with PyYAML's safe
loader), strictly (:class:`FrontMatterError` naming the line) or leniently;
:func:`strip_front_matter` is the cleaning step that leaves the block out of
the clean text. The loader (:mod:`helpers.load.frontmatter`) turns the
mapping into metadata columns; the raw text keeps the block.

The block opens with a line ``---`` that is the file's first line and closes
with the next line ``---`` (or ``...``); what is between must be a YAML
mapping (``key: value`` lines), or be empty.

Example:
    >>> fm = find_front_matter("---\\ntitle: 政府工作报告\\n---\\n各位代表：\\n")
    >>> fm.data, fm.end
    ({'title': '政府工作报告'}, 22)
    >>> strip_front_matter("---\\ntitle: 政府工作报告\\n---\\n各位代表：\\n")
    '各位代表：\\n'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FrontMatter", "FrontMatterError", "find_front_matter", "strip_front_matter",
           "strip_front_matter_counted"]

_OPEN_RE = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)


class FrontMatterError(ValueError):
    """The front matter is not valid: ``line`` (1-based, in the file) and ``problem`` say where and what."""

    def __init__(self, line: int, problem: str):
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


@dataclass
class FrontMatter:
    """A parsed front matter block: its mapping (``data``) and where the text after it starts (``end``)."""

    data: dict
    end: int


def find_front_matter(text: str, *, strict: bool = True) -> FrontMatter | None:
    """Find the front matter at the top of ``text`` and parse it.

    Args:
        text: the document (line endings of any kind).
        strict: raise :class:`FrontMatterError` when the text opens with a
            ``---`` line but the block is not closed, is not valid YAML or is
            not a mapping; with ``strict=False`` return None instead.

    Returns:
        A :class:`FrontMatter`, or None when the text does not begin with a
        ``---`` line (or, not strict, when the block is not valid).

    Example:
        >>> find_front_matter("---\\n- a list\\n---\\n", strict=False) is None
        True
    """
    opening = _OPEN_RE.match(text)
    if opening is None:
        return None
    close = _CLOSE_RE.search(text, opening.end())
    if close is None:
        if strict:
            raise FrontMatterError(1, "the front matter opened by '---' on line 1 is never closed (no second "
                                   "'---' line). Close it with a line '---', or remove the first line")
        return None
    block = text[opening.end():close.start()]
    import yaml  # lazy: only files that begin with '---' need it

    try:  # the safe loader (C if available): no Python objects are built
        data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        if not strict:
            return None
        mark = getattr(exc, "problem_mark", None)
        # PyYAML marks an unclosed value where the block ends: name the last line of the block at most
        line = min(2 + (mark.line if mark is not None else 0), 1 + max(1, block.count("\n")))
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(line, f"the front matter is not valid YAML ({problem}). Write one `key: value` "
                               "per line; quote values that contain ': ' or begin with a special character") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        if strict:
            raise FrontMatterError(2, f"the front matter is a YAML {type(data).__name__}, not a mapping of "
                                   "`key: value` lines")
        return None
    return FrontMatter(data, close.end())


def strip_front_matter_counted(text: str, *, count: bool = True) -> tuple[str, int]:
    """:func:`strip_front_matter` and the number of front matter lines removed (the ``---`` lines included)."""
    fm = find_front_matter(text, strict=False)
    if fm is None:
        return text, 0
    removed = text[:fm.end]
    return text[fm.end:], (removed.count("\n") or 1) if count else 0


def strip_front_matter(text: str) -> str:
    """Remove a valid YAML front matter block from the top of ``text`` (lenient: anything else stays).

    A text that opens with ``---`` but whose block is not closed, not YAML or
    not a mapping is left as it is (the loader refuses such a ``.md`` file,
    naming the line, before cleaning).

    Example:
        >>> strip_front_matter("---\\nsource: https://www.gov.cn\\n---\\n\\n坚持稳中求进。")
        '\\n坚持稳中求进。'
        >>> strip_front_matter("---\\n坚持稳中求进。")
        '---\\n坚持稳中求进。'
    """
    return strip_front_matter_counted(text, count=False)[0]
