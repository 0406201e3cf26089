"""What a line of page chrome is made of: one line in, its kind (or ``None``) out.

:func:`line_kind` looks at one line by itself; :mod:`helpers.clean.boilerplate`
decides with the kinds which lines of a document go. A line is chrome when it
is short (at most :data:`MAX_LINE` characters, whitespace not counted) and is
made of the vocabulary of :mod:`helpers.clean.chrome_words`, URLs, dates,
counters and separators, or is a ``label：value`` row of page fields, a
copyright or ICP line, a breadcrumb, a reprint disclaimer or a wiki licence
footer. What a chrome line holds besides its chrome (a site's or an editor's
name, a headline) must not read as body text: no numbered heading or article
(一、, （四）, 第六条), no clause (，；), no delivery line, at most
:data:`~helpers.clean.chrome_patterns.MAX_FIELD` Han characters. A line that
holds a sentence (。！？；) is chrome only as a login prompt or a row of
chrome words, a disclaimer, a licence footer or an ICP notice.

The kinds in :data:`WEAK_KINDS` are things documents can hold too
(``来源：国家统计局`` under a table, a lone ``2024-01-05``, a bulleted or
truncated line): they count as chrome only in the head or the tail of a
document. Every other kind is chrome wherever it stands.

Every pattern runs on one line of bounded length and none can backtrack
without bound (no nested quantifiers over overlapping alternatives), so the
cost of a document is linear in its length.

Example:
    >>> line_kind("分享到： 微信 | 微博"), line_kind("当前位置：首页 > 新闻")
    ('chrome', 'breadcrumb')
    >>> line_kind("当前位置：我国经济发展处于重要战略机遇期。") is None
    True
"""

from __future__ import annotations

import re

from .._chars import HAN_RE, count_han
from .chrome_patterns import (
    BREADCRUMB_SPLIT_RE,
    BULLETS,
    CN_DATE_RE,
    COPYRIGHT_RE,
    COUNTER_RE,
    CUE_CHAR_RE,
    DATED_RE,
    DATETIME_RE,
    DATE_ONLY_RE,
    DISCLAIMER_LABEL_RE,
    DISCLAIMER_RE,
    DOMAIN_RE,
    ANY_FIELD_RE,
    ATTACHMENT_RE,
    ENUMERATION_RE,
    FIELD_RE,
    FULL_DATE_RE,
    HOME,
    ICP_RE,
    ITEM_SPLIT_RE,
    LABEL_KIND,
    LEADING_CHROME_RE,
    LETTER_RE,
    LICENCE_MARKS,
    LICENCE_RE,
    LOGIN_RE,
    MAX_FIELD,
    MAX_LINE,
    MAX_RAW,
    MAX_VALUE,
    NOTICE_DENSITY,
    NOTICE_CUE_RE,
    NOT_SEPARATOR_RE,
    NUMBERED_AFTER_URL_RE,
    NUMBERED_INSIDE_RE,
    OPENING,
    OTHER_HAN_RE,
    PAGE_RE,
    PATH_SPLIT_RE,
    SENTENCE_END,
    TRUNCATED,
    URL_RE,
    VOCAB_RE,
    WORD_KIND,
    body_like,
    compact_line,
    fold,
    remainder,
)
from .chrome_shapes import SHAPE_KINDS, SHAPE_RULES
from .whitespace import normalize_whitespace

__all__ = ["line_kind", "compact_line", "WEAK_KINDS", "MAX_LINE", "BOILERPLATE_PATTERNS"]

#: Kinds that are chrome only in the head or tail block of a document.
WEAK_KINDS = frozenset({"source", "menu", "link_item", "date", "disclaimer", "licence", "field", "link", "stamp",
                        "phrase", "path", "attachment"}) | SHAPE_KINDS


# --------------------------------------------------------------------------- one line

def line_kind(line: str) -> str | None:
    """The kind of chrome ``line`` is (``None`` for body text or a blank line).

    Example:
        >>> [line_kind(s) for s in ["京ICP备05070218号", "来源：新华社", "各位代表："]]
        ['copyright', 'source', None]
    """
    s = line.strip()
    if not s:
        return None
    if len(s) > MAX_RAW:
        return "navigation" if _is_separator_row(s) else None
    c = compact_line(s)
    if len(c) > MAX_LINE:
        return None
    bare = URL_RE.sub("", c) if "/" in c else c  # a URL's ? is no question mark
    if any(ch in bare for ch in SENTENCE_END):
        return _sentence_kind(c)
    return _phrase_kind(s, c)


def _sentence_kind(c: str) -> str | None:
    """A line with a sentence in it is chrome only as a notice of the site."""
    if not OTHER_HAN_RE.search(c):  # only chrome words: 还没有账号？ 用户名 密码 忘记密码？
        if LOGIN_RE.fullmatch(c):
            return "login"
        found = _vocabulary_kind(c)
        if found:
            return found
    if not NOTICE_CUE_RE.search(c):  # most body sentences: one scan
        return None
    if ICP_RE.search(c):
        return "copyright"
    return _notice_kind(c, url=bool(URL_RE.search(c)))


def _notice_kind(c: str, url: bool = False) -> str | None:
    """A wiki licence footer (two of its terms, or one mark) or a reprint disclaimer: two of
    its terms (copyright cues count as one, a URL as one) that make up at least
    :data:`NOTICE_DENSITY` of its Han characters. A paragraph holds one such term now and then
    (镜像, 仅供): a notice is made of them."""
    licence = {m.group().lower() for m in LICENCE_RE.finditer(c)}
    if len(licence) >= 2 or licence & LICENCE_MARKS:
        return "licence"
    found = {m.group().lower() for m in DISCLAIMER_RE.finditer(c)}
    cues = {m.group().lower() for m in COPYRIGHT_RE.finditer(c)} - found
    if not found and not cues:
        return None
    covered = count_han("".join(found | cues))
    label = DISCLAIMER_LABEL_RE.match(c)
    if label and len(c) <= MAX_VALUE and covered >= NOTICE_DENSITY * count_han(c[label.end():]):
        return "disclaimer"  # 【免责声明】本站内容仅供参考; not 免责声明：<a sentence of the report>
    if len(found) + bool(cues) + url >= 2 and covered >= NOTICE_DENSITY * count_han(c):
        return "disclaimer"
    return None


def _phrase_kind(s: str, c: str) -> str | None:
    """A line without a sentence: the first rule it meets names its kind."""
    if _is_separator_row(s):
        return "navigation"
    for kind, rule in _PHRASE_RULES:
        if rule is _copyright and ENUMERATION_RE.match(c) and not ICP_RE.search(c):
            return None  # a numbered heading (一、, （三）, 1.): no later rule takes it
        found = rule(s) if rule is _row_kind else rule(c)
        if found:
            return kind if found is True else found
    return next((kind for kind, rule, spaced in SHAPE_RULES if rule(s if spaced else c)), None)


def _is_separator_row(s: str) -> bool:
    """Only separators (| ｜ > » › / · •) and whitespace: a stripped line with no other character."""
    return NOT_SEPARATOR_RE.search(s) is None


def _login(c: str) -> bool:
    return bool(LOGIN_RE.fullmatch(c))



def _copyright(c: str) -> bool:
    """An ICP or 公网安备 number, or a copyright cue beside a short name (版权所有：某某网)."""
    return bool(ICP_RE.search(c) or (COPYRIGHT_RE.search(c) and not body_like(remainder(c))))


def _page_number(c: str) -> bool:
    return bool(PAGE_RE.fullmatch(c))


def _date(c: str) -> bool:
    return bool(DATE_ONLY_RE.fullmatch(c))


def _field_kind(c: str) -> str | None:
    """``label：value label：value…`` from the first character, every value short."""
    if "：" not in c and "】" not in c:
        return None
    start = 1 if c[0] in OPENING else 0
    if not FIELD_RE.match(c, start):
        start = LEADING_CHROME_RE.match(c).end()  # 【我要纠错】 责任编辑：…
    fields = list(FIELD_RE.finditer(c, start))
    if not fields or fields[0].start() != start:
        return _late_field_kind(c, fields)
    ends = [m.start() for m in fields[1:]] + [len(c)]
    values = [URL_RE.sub("", c[m.end():end]).strip("【】（）|｜") for m, end in zip(fields, ends)]
    if any(len(v) > MAX_FIELD or body_like(v) for v in values):
        return None
    kinds = [LABEL_KIND[m.group()[:-1].lower()] for m in fields]
    if kinds[0] == "breadcrumb" and not _is_path(values[0]):
        return None  # 当前位置：followed by a heading, not by a path
    strong = [k for k in kinds if k != "source"]
    return strong[0] if strong else "source"


def _is_path(value: str) -> bool:
    """首页 > 新闻 > 正文, 首页/政务公开, 首页: a breadcrumb's path, not a heading."""
    pieces = [p for p in PATH_SPLIT_RE.split(value) if p]
    return (len(pieces) >= 2 and all(len(p) <= 12 for p in pieces)) or value.lower() in WORD_KIND or not value


def _late_field_kind(c: str, fields: list[re.Match]) -> str | None:
    """A page label after a short prefix (本文责编：…, 进入…的专栏 进入专题：…): chrome in the head or tail."""
    strong = [m for m in fields if LABEL_KIND[m.group()[:-1].lower()] != "source"]
    if not strong or strong[0].start() > MAX_FIELD:
        return None
    before, after = c[:strong[0].start()], FIELD_RE.sub("", c[strong[0].end():])
    if len(after) > MAX_FIELD or body_like(before) or body_like(after):
        return None
    return "field"


def _link(c: str) -> bool:
    """A short line with a URL in it (发信站：某网站（https://…）): chrome in the head or tail."""
    url = URL_RE.search(c)
    if url is None or NUMBERED_AFTER_URL_RE.search(c, url.start()):
        return False
    rest = URL_RE.sub("", c)
    return len(rest) <= 15 and not body_like(rest)


def _row_kind(s: str) -> str | None:
    """A row of three or more short items, half of them chrome words (首页 | 简 | 繁 | EN | 登录),
    or of four or more items of two to four characters (a menu: chrome in the head or tail; not
    a spaced-out title, 政  府  工  作  报  告)."""
    if len(ITEM_SPLIT_RE.findall(s)) < 2 or NUMBERED_INSIDE_RE.search(s):  # normalize_whitespace only joins items
        return None
    items = [w for w in ITEM_SPLIT_RE.split(fold(normalize_whitespace(s))) if w]
    if len(items) < 3 or any(len(w) > 10 for w in items):
        return None
    kinds = [WORD_KIND.get(w.strip("【】（）").lower()) for w in items]
    if 2 * sum(k is not None for k in kinds) < len(items):
        # a site's menu of short sections (新闻 体育 财经 娱乐 科技): chrome in the head or tail
        plain = len(items) >= 4 and all(2 <= len(w) <= 4 for w in items) and not any(ch in s for ch in "，、：；。")
        return "menu" if plain else None
    if any(k is None and body_like(w) for w, k in zip(items, kinds)):
        return None
    return "chrome" if "chrome" in kinds or "link_list" in kinds else "menu"


def _breadcrumb(c: str) -> bool:
    """首页 > 新闻 > 正文, 人民网>>时政: pieces split by arrows, led by a home or a site."""
    pieces = BREADCRUMB_SPLIT_RE.split(c)
    if len(pieces) < 2 or not pieces[0] or any(len(p) > 12 or body_like(p) for p in pieces):
        return False
    first = pieces[0].lower()
    site = first.endswith(("网", "网站", "门户", "频道")) and all(len(p) <= 10 for p in pieces)
    return first in HOME or pieces[-1] == "正文" or site


def _bare_path(c: str) -> bool:
    """百度文库 > 行业资料 > 政务民生: three or more short pieces split by arrows, led by nothing
    anyone listed. Chrome in the head or tail."""
    pieces = BREADCRUMB_SPLIT_RE.split(c)
    return len(pieces) >= 3 and all(0 < len(p) <= 8 and not body_like(p) for p in pieces)


def _vocabulary_kind(c: str) -> str | None:
    """A line made only of chrome words, URLs, digits and punctuation."""
    if len(c) > 3 * MAX_VALUE // 2 or ENUMERATION_RE.match(c) or OTHER_HAN_RE.search(c):
        return None
    words = [m.group().lower() for m in VOCAB_RE.finditer(c)]
    rest = VOCAB_RE.sub("", URL_RE.sub("", c))
    if not words or LETTER_RE.search(rest):
        return None
    kinds = {WORD_KIND[w] for w in words}
    if "link_list" in kinds:
        return "link_list"
    if "chrome" in kinds:
        return "chrome"
    return "menu" if len(words) >= 3 else None


def _cues_kind(c: str) -> str | None:
    """Two kinds of page cue in one line (a URL, a date and time, a counter, a page label…)."""
    if not CUE_CHAR_RE.search(c):  # no URL, digit or label: no strong cue
        return None
    labels = {LABEL_KIND[m.group()[:-1].lower()] == "source" for m in FIELD_RE.finditer(c)}
    strong = sum((bool(URL_RE.search(c) or DOMAIN_RE.search(c)), bool(DATETIME_RE.search(c)),
                  bool(COUNTER_RE.search(c)), False in labels))
    weak = bool(CN_DATE_RE.search(c)) + (True in labels)
    if strong < 1 or strong + weak < 2:
        return None
    return None if body_like(remainder(c)) else "meta"


def _stamp(c: str) -> bool:
    """A short line with a date in figures (发布于 2024-01-25 10:00・IP 属地某省): a page's stamp;
    documents write their dates in words. Chrome in the head or tail."""
    return FULL_DATE_RE.search(c) is not None and not body_like(remainder(c))


def _unknown_fields(c: str) -> bool:
    """Two or more ``label：value`` pairs of labels nobody listed (文档格式：.doc 文档页数：12页),
    each value there and short (各位代表：来源：… is no such row): chrome in the head or tail."""
    fields = list(ANY_FIELD_RE.finditer(c))
    if len(fields) < 2 or fields[0].start() != 0 or c.endswith("："):
        return False
    ends = [m.start() for m in fields[1:]] + [len(c)]
    values = [c[m.end():end] for m, end in zip(fields, ends)]
    if not any(re.search(r"[A-Za-z.]", v) for v in values):  # .docx, 58.2K: a page's data (not 七七：0七万：0)
        return False
    return all(0 < len(v) <= MAX_FIELD and not body_like(v) for v in values)


def _chrome_phrase(c: str) -> bool:
    """A short line at least half made of two or more chrome words, menu words not counted
    (扫一扫，分享到手机; 关注公众号：某网财经; not 党的领导), not numbered: the buttons and prompts of a site nobody listed. Chrome
    in the head or tail."""
    text = "".join(ch for ch in fold(c) if ch.isalnum())
    if not text or len(text) > 30 or ENUMERATION_RE.match(c):
        return False
    words = [m.group() for m in VOCAB_RE.finditer(text) if WORD_KIND.get(m.group().lower()) != "menu"]
    # menu words are ordinary words; a line of at most 12 Han characters needs only the two words
    return len(set(words)) >= 2 and (2 * sum(map(len, words)) >= len(text) or count_han(c) <= 12)


def _attachment(c: str) -> bool:
    """A file named on a line of its own (政府工作报告（全文）.pdf, 附件1.docx): a page's download
    link. Chrome in the head or tail."""
    return len(c) <= MAX_VALUE and ATTACHMENT_RE.search(c) is not None and not body_like(c)


def _headline_kind(c: str) -> str | None:
    """A headline of a link list: truncated, dated or bulleted, and short."""
    if len(c) > MAX_VALUE or not HAN_RE.search(c):
        return None
    truncated = c.endswith(TRUNCATED) and not c.endswith("……")  # …… is the ellipsis of Chinese prose
    if not (truncated or c[0] in BULLETS or DATED_RE.search(c)):
        return None
    title = DATED_RE.sub("", c.lstrip(BULLETS)).rstrip(".…")
    return None if body_like(title) else "link_item"


_PHRASE_RULES = (
    ("login", _login),
    ("page_number", _page_number),
    ("date", _date),
    ("copyright", _copyright),
    ("field", _field_kind),
    ("breadcrumb", _breadcrumb),
    ("vocabulary", _vocabulary_kind),
    ("row", _row_kind),
    ("licence", lambda c: _notice_kind(c) if NOTICE_CUE_RE.search(c) else None),
    ("meta", _cues_kind),
    ("link", _link),
    ("link_item", _headline_kind),
    ("stamp", _stamp),
    ("field", _unknown_fields),
    ("phrase", _chrome_phrase),
    ("attachment", _attachment),
    ("path", _bare_path),
)


#: The patterns :func:`line_kind` is built of, ``(name, regex)``: the rules
#: combine them with the length, position and sentence tests above, so a
#: pattern alone does not make a line chrome.
BOILERPLATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("login", LOGIN_RE),
    ("vocabulary", VOCAB_RE),
    ("field", FIELD_RE),
    ("copyright", COPYRIGHT_RE),
    ("disclaimer", DISCLAIMER_RE),
    ("licence", LICENCE_RE),
    ("date", DATE_ONLY_RE),
    ("page_number", PAGE_RE),
)
