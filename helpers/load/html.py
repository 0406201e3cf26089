"""HTML pages saved as ``.txt``: tell them from plain text that mentions a tag, and keep their text.

:func:`looks_like_html` is deliberately strict: only a real HTML document
(it begins with ``<!DOCTYPE html>`` or ``<html>``, after an XML declaration
or comments) or a fragment made of markup (many element tags, closing ones
among them, on most of its lines) is stripped. Plain text that mentions
``<p>`` or ``<br>``, or writes ``x<a时，收益y>b``, is never shortened.
"""

from __future__ import annotations

import re

#: element names that count as markup (a tag with another name, <十四五> or <a时, is text)
HTML_ELEMENTS = frozenset(
    "html head body title meta link script style div span p br hr a img table thead tbody tr td th ul ol li "
    "h1 h2 h3 h4 h5 h6 strong b i em u font center section article header footer nav form input iframe "
    "label select option button pre code blockquote".split()
)
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]{0,9})(?:\s[^<>\n]{0,500})?/?>")
_DOCUMENT_START_RE = re.compile(r"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
#: characters of the start of a text looked at for the fragment rule
_SAMPLE = 100_000
#: a fragment has at least this many element tags, this many of them closing ones,
_MIN_TAGS = 10
_MIN_CLOSING = 3
#: and a tag on at least this share of its non-blank lines
_MIN_TAGGED_LINES = 0.5


def _skip_prologue(text: str) -> str:
    """``text`` without a BOM, leading space, an XML declaration and comments."""
    head = text[:20_000].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml"):
        end = head.find("?>")
        head = head[end + 2:].lstrip() if end >= 0 else head
    while head.startswith("<!--"):
        end = head.find("-->")
        if end < 0:
            break
        head = head[end + 3:].lstrip()
    return head


def looks_like_html(text: str) -> bool:
    """Tell whether ``text`` is an HTML page (or a fragment of one) rather than plain text.

    Example:
        >>> looks_like_html("<!DOCTYPE html><html><body><p>坚持党的领导。</p></body></html>")
        True
        >>> looks_like_html("段落用<p>标签表示，换行用<br>标签；若x<a时，收益y>b。")
        False
    """
    if _DOCUMENT_START_RE.match(_skip_prologue(text)):
        return True
    sample = text[:_SAMPLE]
    tags = [m for m in _TAG_RE.finditer(sample) if m.group(1).lower() in HTML_ELEMENTS]
    if len(tags) < _MIN_TAGS or sum(m.group().startswith("</") for m in tags) < _MIN_CLOSING:
        return False
    lines = [line for line in sample.split("\n") if line.strip()]
    tagged = sum(1 for line in lines if any(m.group(1).lower() in HTML_ELEMENTS for m in _TAG_RE.finditer(line)))
    return tagged >= _MIN_TAGGED_LINES * len(lines)


def strip_html(text: str) -> str:
    """The text of an HTML page: tags, scripts, styles and the head removed, paragraphs kept.

    Example:
        >>> strip_html("<html><head><title>t</title></head><body><p>第一段。</p><p>第二段。</p></body></html>")
        '第一段。\\n第二段。\\n'
    """
    from bs4 import BeautifulSoup  # lazy: only HTML pages saved as .txt need it

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    plain = soup.get_text("\n")
    plain = re.sub(r"[ \t\u3000]+\n", "\n", plain)
    return re.sub(r"\n{3,}", "\n\n", plain).strip() + "\n"
