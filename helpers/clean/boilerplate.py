"""Page chrome: whole lines of web-page debris around the body text.

:func:`helpers.clean.chrome_lines.line_kind` says what kind of chrome a line
is by what it is made of (the vocabulary of
:mod:`helpers.clean.chrome_words`, URLs, dates, counters, separators, page
fields, copyright and ICP numbers, and the shapes of
:mod:`helpers.clean.chrome_shapes`: credit lines, contacts, counters, mastheads,
the issue of a periodical); this module decides by where it stands.
The *head* of a document is everything before its first sentence of body
text (a line :func:`~helpers.clean.chrome_blocks.is_anchor` accepts), the
*tail* everything after its last. A line of a kind in
:data:`~helpers.clean.chrome_lines.WEAK_KINDS` (``来源：…``, a lone date, a
truncated or bulleted headline, a disclaimer, a licence footer) is removed
only in the head or the tail; any other kind wherever it stands. In the
tail, the plain headlines that follow a link-list heading (one of
:data:`TAIL_MARKERS`) go too, when nothing but chrome and such headlines
follows it, and so do short button-like lines between two lines of chrome
(喜欢, 免费下载). Lines are removed whole, never cut, and a line with body text
in it is never removed: a line that holds a sentence is chrome only as a
copyright notice, a disclaimer or a licence footer.

:func:`boilerplate_lines` lists what goes (``helpers.clean.find_boilerplate``
shows it per document), :func:`remove_boilerplate` removes it.
"""

from __future__ import annotations

from .chrome_blocks import candidate_lines, is_anchor, is_button, is_headline
from .chrome_lines import BOILERPLATE_PATTERNS, WEAK_KINDS, line_kind

__all__ = ["BOILERPLATE_PATTERNS", "TAIL_MARKERS", "remove_boilerplate", "boilerplate_lines"]

#: Kinds of line after which, in the tail of a document, plain headlines
#: (short lines without a sentence, not a numbered article or heading) are a
#: link list too: ``原文链接：…``, a reprint disclaimer, ``相关新闻``/``热门资讯``.
TAIL_MARKERS = frozenset({"source_link", "disclaimer", "link_list"})


def _line_kinds(lines: list[str], text: str) -> tuple[list[str | None], int, int]:
    """The kind of every line that matters, and the index of the first and the last anchor
    (``len(lines), -1`` when there is none).

    The candidates of :func:`~helpers.clean.chrome_blocks.candidate_lines` and
    the lines of the head and the tail are classified; a sentence between
    the first and the last anchor could only be of a weak kind, which stays
    there, so it is not read. The head ends at the first anchor whose next
    line is not chrome of a strong kind (a lone welcome sentence above a menu
    is not the body), the tail begins after the last anchor whose previous
    line is not.
    """
    kinds: list[str | None] = [None] * len(lines)
    seen = [False] * len(lines)
    for i in candidate_lines(text):
        kinds[i], seen[i] = line_kind(lines[i]), True

    def kind_of(i: int) -> str | None:
        if not seen[i]:
            kinds[i], seen[i] = line_kind(lines[i]), True
        return kinds[i]

    def is_body(i: int) -> bool:
        return kind_of(i) is None and is_anchor(lines[i])

    def alone_among_chrome(i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        return 0 <= j < len(lines) and kind_of(j) is not None and kinds[j] not in WEAK_KINDS

    n = len(lines)
    # a lone sentence among chrome (您好，欢迎访问本网站！ above a menu) is not where the body
    # begins: the first anchor not followed by a line of strong chrome is, else the first anchor
    first = next((i for i in range(n) if is_body(i) and not alone_among_chrome(i, 1)), None)
    if first is None:
        first = next((i for i in range(n) if is_body(i)), n)
    last = next((i for i in range(n - 1, first - 1, -1) if is_body(i) and not alone_among_chrome(i, -1)), None)
    if last is None:
        last = next((i for i in range(n - 1, first - 1, -1) if is_body(i)), -1)
    return kinds, first, last


def _tail_headlines(lines: list[str], kinds: list[str | None], last: int) -> list[int]:
    """Plain headlines after the first tail marker that only chrome and headlines follow."""
    marker, headlines = None, []
    for i in range(len(lines) - 1, last, -1):
        if kinds[i] in TAIL_MARKERS:
            marker = i
        elif kinds[i] is None and lines[i].strip():
            if not is_headline(lines[i]):
                break
            headlines.append(i)
    return [] if marker is None else [i for i in headlines if i > marker]


def _tail_buttons(lines: list[str], kinds: list[str | None], last: int) -> list[int]:
    """In the tail, a button-like line (喜欢, 免费下载, 添加评论) between two lines of chrome, and
    the button-like lines of the run of chrome and buttons that ends the document, when a chrome
    line begins it."""
    tail = [i for i in range(last + 1, len(lines)) if lines[i].strip()]
    found = [i for before, i, after in zip(tail, tail[1:], tail[2:])
             if kinds[i] is None and kinds[before] is not None and kinds[after] is not None and is_button(lines[i])]
    # the run of chrome and buttons that ends the document (写留言 / 留言 / 暂无留言 under a footer)
    run = []
    for i in reversed(tail):
        if kinds[i] is None and not is_button(lines[i]):
            break
        run.append(i)
    if run and kinds[run[-1]] is not None:  # the run begins with a line of chrome
        found += [i for i in run if kinds[i] is None and i not in found]
    return found


def boilerplate_lines(text: str) -> list[tuple[int, str, str]]:
    """The lines :func:`remove_boilerplate` removes, as ``(index, kind, line)``.

    ``index`` counts lines from 0 (``text.split("\\n")``); ``kind`` is what
    :func:`~helpers.clean.chrome_lines.line_kind` calls the line
    (``link_item`` for a plain headline of a trailing link list).

    Example:
        >>> boilerplate_lines("首页 > 要闻\\n正文第一段，内容在这里写完了。\\n责任编辑：张三")
        [(0, 'breadcrumb', '首页 > 要闻'), (2, 'editor', '责任编辑：张三')]
    """
    lines = text.split("\n")
    kinds, first, last = _line_kinds(lines, text)
    for i in _tail_headlines(lines, kinds, last):
        kinds[i] = "link_item"
    for i in _tail_buttons(lines, kinds, last):
        kinds[i] = "button"
    return [(i, kind, lines[i]) for i, kind in enumerate(kinds)
            if kind is not None and (kind not in WEAK_KINDS or i < first or i > last)]


def remove_boilerplate_counted(text: str, count: bool = True) -> tuple[str, int]:
    # counting is free here: the removed lines are listed anyway
    removed = boilerplate_lines(text)
    if not removed:
        return text, 0
    drop = {i for i, _, _ in removed}
    return "\n".join(line for i, line in enumerate(text.split("\n")) if i not in drop), len(removed)


def remove_boilerplate(text: str) -> str:
    """Remove the lines of page chrome around (and between) the body text.

    Chrome is recognised by what a line is made of and where it stands, not
    by a list of one site's lines: a short line without a sentence made of
    share, print, login and navigation words, URLs, dates, counters and
    separators (``分享到：微信 微博``, ``【打印】【关闭】``, ``字号：大 中 小``,
    ``首页 > 要闻 > 正文``); rows of page fields (``发布时间：… 来源：…
    浏览次数：…``, ``责任编辑：…``, ``上一篇：…``, ``原文链接：…``); copyright,
    ICP and 公网安备 lines; credit lines (``编辑 孙某 审核 钱某``), a phone or
    licence number, a gazette's running head (``某省人民政府公报 2024年第3期``);
    link-list headings (``相关新闻``, ``热门资讯``)
    and their truncated, dated or bulleted headlines; reprint disclaimers and
    wiki licence footers. What documents can hold too (``来源：…`` alone, a
    lone date, a headline, a disclaimer) goes only in the head (before the
    first sentence of body text) or the tail (after the last); in the tail,
    the plain headlines after a link-list heading go too, unless one of them
    is a numbered article or heading (第六条, 一、, （一）).

    Lines are removed whole and a line with body text is never removed:
    ``当前位置：`` or ``免责声明：`` at the start of a paragraph leaves it alone.
    :func:`boilerplate_lines` (and ``find_boilerplate`` for a corpus) lists
    what goes; ``cleaning_report`` counts it (lines removed).

    Every line is looked at once, with patterns that cannot backtrack
    without bound on lines of bounded length: the time is linear in the text.

    Args:
        text: the text to clean.

    Returns:
        The text without chrome lines.

    Example:
        >>> remove_boilerplate("全面推进依法治国。\\n原文链接:http://example.cn/1.html\\n热门资讯\\n司法反腐力度空前...\\n2020-07-09")
        '全面推进依法治国。'
        >>> remove_boilerplate("当前位置：我国经济发展处于重要战略机遇期。")
        '当前位置：我国经济发展处于重要战略机遇期。'
    """
    return remove_boilerplate_counted(text)[0]
