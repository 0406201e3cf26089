"""Web-page boilerplate: whole lines of debris around the body text.

The rules are data: :data:`BOILERPLATE_PATTERNS` (one ``(name, regex)`` per
kind of line) and :data:`TAIL_MARKERS` (the kinds that may start a trailing
block). :func:`remove_boilerplate` removes the lines that fully match a rule,
and the trailing block after a tail marker when every line of it is debris.
"""

from __future__ import annotations

import re

from .._chars import HAN_RE

__all__ = ["BOILERPLATE_PATTERNS", "TAIL_MARKERS", "remove_boilerplate"]

# --------------------------------------------------------------------------- the rules

_SEP = r"[\s|｜/、·•【】\[\]]*"
_CHROME_WORDS = (
    "分享到", "分享", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ", "朋友圈", "豆瓣",
    "微信扫一扫", "扫一扫", "打印本页", "打印", "关闭窗口", "关闭", "收藏", "返回顶部", "返回",
    "字号：大中小", "字号:大中小", "字号 大 中 小", "字体：大中小", "【大 中 小】", "登录", "注册", "立即注册", "免费注册", "用户登录", "会员登录",
    "退出", "首页", "更多",
)
_CHROME = "|".join(sorted(map(re.escape, _CHROME_WORDS), key=len, reverse=True))

#: Whole-line boilerplate patterns, each ``(name, regex)``. A line is removed
#: when the regex *fully* matches the stripped line, so body text that merely
#: mentions these words mid-sentence is never touched.
BOILERPLATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(rx)) for name, rx in (
        # 账号+密码登录 / 手机+密码登录 / 手机+验证码登录
        ("login", r"(?:账号|帐号|手机|手机号|邮箱|用户名)\s*[+＋]\s*(?:密码|验证码)\s*登录"),
        # 还没有账号? / 还没有账号？立即注册 / 忘记密码?
        ("register", r"(?:还没有(?:账号|帐号)|没有(?:账号|帐号)|忘记密码)\s*[?？]?\s*(?:立即注册|免费注册|注册)?"),
        # a line made only of share-bar / print / login words: 分享到: 微信 微博 | 打印本页 | 关闭窗口
        ("chrome", rf"{_SEP}(?:(?:{_CHROME})\s*[:：]?{_SEP})+"),
        # 原文链接:http://...  (tail marker)
        ("source_link", r"(?:原文链接|原文地址|本文链接|原文网址)\s*[:：].*"),
        # [免责声明] 本文来源于网络转载...  (tail marker)
        ("disclaimer", r"[\[【（(]?\s*免责声明\s*[\]】）)]?\s*[:：]?.*"),
        # headings of link lists (tail markers)
        ("link_list", r"[\[【]?(?:最新加入|热门资讯|热点资讯|热门文章|相关新闻|相关阅读|相关链接|相关文章"
                      r"|延伸阅读|推荐阅读|猜你喜欢|热点推荐)[\]】]?\s*[:：]?"),
        # 责任编辑：张三 / (编辑：李四)
        ("editor", r"[\[【（(]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*[^。！？]{0,20}[\]】）)]?"),
        # 上一篇：… / 下一篇：…
        ("prev_next", r"(?:上一篇|下一篇)\s*(?:[:：].*)?"),
        # breadcrumbs: 当前位置：首页 > 新闻
        ("breadcrumb", r"(?:当前位置|您的位置|你的位置|您现在的位置)\s*[:：].*"),
        # navigation debris: a line of separators only (| ｜ > » ›)
        ("navigation", r"[\s|｜>»›/\\]*[|｜>»›][\s|｜>»›/\\]*"),
    )
)

#: Names of the patterns that may start a trailing block of debris.
TAIL_MARKERS = frozenset({"source_link", "disclaimer", "link_list"})


# --------------------------------------------------------------------------- matching lines

_SENTENCE_END = "。！？!?"
_DATE_RE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


_UNION_CACHE: list = [None, None]  # [the patterns, their union]


def _boilerplate_union(patterns: tuple[tuple[str, re.Pattern], ...]) -> re.Pattern | None:
    """One regex ``(?P<b0>p0)|(?P<b1>p1)|…``: its fullmatch tries the patterns in
    order, so ``lastgroup`` names the first one that fully matches (as the loop
    over :data:`BOILERPLATE_PATTERNS` would). ``None`` when a pattern has its own
    flags or groups, which the union could not keep. Cached on the identity of
    ``patterns`` (hashing them on every line would cost more than the match)."""
    if _UNION_CACHE[0] is not patterns:
        union = None
        if not any(rx.flags != re.UNICODE or rx.groups for _, rx in patterns):
            union = re.compile("|".join(f"(?P<b{i}>{rx.pattern})" for i, (_, rx) in enumerate(patterns)))
        _UNION_CACHE[:] = [patterns, union]
    return _UNION_CACHE[1]


def _boilerplate_kind(line: str) -> str | None:
    s = line.strip()
    if not s:
        return None
    union = _boilerplate_union(BOILERPLATE_PATTERNS)
    if union is not None:
        m = union.fullmatch(s)
        return None if m is None else BOILERPLATE_PATTERNS[int(m.lastgroup[1:])][0]
    for name, rx in BOILERPLATE_PATTERNS:
        if rx.fullmatch(s):
            return name
    return None


def _is_debris(line: str) -> bool:
    """A line that may follow a tail marker: boilerplate, or a short non-sentence.

    Length is measured in Han characters, so whitespace and pinyin do not count.
    """
    s = line.strip()
    if not s or _boilerplate_kind(s):
        return True
    han = len(HAN_RE.findall(s))
    truncated = s.endswith(("...", "…", "……"))
    if han <= 20 and (truncated or _DATE_RE.search(s) or not s.endswith(tuple(_SENTENCE_END))):
        return True
    return False


def _line_kinds(lines: list[str]) -> list[str | None]:
    """The name of the pattern each line fully matches (``None`` for a body or blank line)."""
    union = _boilerplate_union(BOILERPLATE_PATTERNS)
    if union is None:
        return [_boilerplate_kind(line) for line in lines]
    # _boilerplate_kind inlined: one union fullmatch per non-blank line
    fullmatch = union.fullmatch
    names = [name for name, _ in BOILERPLATE_PATTERNS]
    kinds = [None] * len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if s:
            m = fullmatch(s)
            if m is not None:
                kinds[i] = names[int(m.lastgroup[1:])]
    return kinds


def _tail_start(lines: list[str], kinds: list[str | None]) -> int:
    """Where the trailing block starts: the first tail marker after which every
    line is debris (``len(lines)`` when there is none)."""
    tail_ok = [True] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        tail_ok[i] = tail_ok[i + 1] and _is_debris(lines[i])
    for i, kind in enumerate(kinds):
        if kind in TAIL_MARKERS and tail_ok[i + 1]:
            return i
    return len(lines)


def remove_boilerplate_counted(text: str, count: bool = True) -> tuple[str, int]:
    # counting is free here: removed lines are counted as they go
    lines = text.split("\n")
    kinds = _line_kinds(lines)
    cut = _tail_start(lines, kinds)
    removed = sum(1 for line in lines[cut:] if line.strip())
    kept = []
    for line, kind in zip(lines[:cut], kinds[:cut]):
        if kind is None:
            kept.append(line)
        else:
            removed += 1
    if not removed:
        return text, 0
    return "\n".join(kept), removed


def remove_boilerplate(text: str) -> str:
    """Remove lines of web-page debris around the body text.

    A line is removed when it fully matches one of
    :data:`BOILERPLATE_PATTERNS` (login and registration prompts, share bars,
    ``原文链接:``, ``免责声明``, ``最新加入``/``热门资讯``/``相关新闻`` headings,
    ``责任编辑：``, ``上一篇``/``下一篇``, breadcrumbs, lines of ``|``). A tail
    marker (``原文链接``, ``免责声明``, a link-list heading) also removes
    everything after it, but only when every following line is itself debris:
    boilerplate, or a short line (≤ 20 Han characters) that is truncated
    (``...``), carries a date or does not end a sentence. Body sentences are
    never removed.

    Args:
        text: the text to clean.

    Returns:
        The text without boilerplate lines.

    Example:
        >>> remove_boilerplate("全面推进依法治国。\\n原文链接:http://example.cn/1.html\\n热门资讯\\n司法反腐力度空前...\\n2020-07-09")
        '全面推进依法治国。'
        >>> remove_boilerplate("这是我们的免责声明：以上内容仅供参考。")
        '这是我们的免责声明：以上内容仅供参考。'
    """
    return remove_boilerplate_counted(text)[0]
