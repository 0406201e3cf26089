"""The patterns of page chrome, built from the vocabulary of :mod:`helpers.clean.chrome_words`.

Internal to :mod:`helpers.clean`: :mod:`helpers.clean.chrome_lines` combines
them into rules. Every alternation of words carries a lookahead on their first
characters (sre then skips the positions where no word can start), and no
pattern nests quantifiers over overlapping alternatives, so none can backtrack
without bound.

Example:
    >>> compact_line("来　　源: 新华网"), bool(URL_RE.search("www.gov.cn"))
    ('来源：新华网', True)
"""

from __future__ import annotations

import re

from .._chars import HAN, HAN_RE
from .chrome_words import (
    ACCOUNT_WORDS,
    APP_WORDS,
    ACTION_WORDS,
    COPYRIGHT_CUES,
    DISCLAIMER_TERMS,
    HOME_WORDS,
    LICENCE_MARKS,
    LICENCE_TERMS,
    LINK_LIST_WORDS,
    MENU_WORDS,
    NAVIGATION_WORDS,
    SHARE_WORDS,
    STRONG_LABELS,
    WEAK_LABELS,
)

#: Longest chrome line, in characters other than whitespace.
MAX_LINE = 400
#: Longest headline of a link list.
MAX_VALUE = 60
#: Longest value of a field, and most Han characters that a chrome line may hold
#: besides its chrome (a site's name, an editor's): more reads as body text.
MAX_FIELD = 20
#: Share of a reprint disclaimer's Han characters that its terms make up, at least.
NOTICE_DENSITY = 0.3
MAX_RAW = 2 * MAX_LINE  # longer lines (spaces included) are never looked at

# ASCII punctuation as normalize_punctuation writes it in Chinese context, so
# that a line is classified the same before and after that step
FOLD = str.maketrans({",": "，", ";": "；", "!": "！", ":": "：", "?": "？", "(": "（", ")": "）",
                       "[": "【", "]": "】", "〔": "【", "〕": "】"})
FOLD_PAIRS = tuple((chr(k), v) for k, v in FOLD.items())
WS_RE = re.compile(r"\s+")
SENTENCE_END = "。！？；"
SEPARATORS = r"|｜>»›/\\·•‖"
# a character that is neither whitespace nor a separator (a line without one is a separator row)
NOT_SEPARATOR_RE = re.compile(rf"[^\s{SEPARATORS}]")


def alternation(words) -> str:
    """``(?=[firsts])(?:a|b|…)`` of the words without whitespace, longest first (a longer word
    wins). The lookahead on their first characters lets sre skip most positions at once: ten
    times faster than the bare alternation on body text."""
    compact = {WS_RE.sub("", w) for w in words}
    firsts = {ch for w in compact for ch in (w[0], w[0].lower(), w[0].upper())}
    words = "|".join(re.escape(w) for w in sorted(compact, key=lambda w: (-len(w), w)))
    return f"(?=[{re.escape(''.join(sorted(firsts)))}])(?:{words})"


def lookup(*groups) -> dict[str, str]:
    return {WS_RE.sub("", w).lower(): name for name, words in groups for w in words}


# --------------------------------------------------------------------------- the patterns

WORD_KIND = lookup(("menu", MENU_WORDS), ("chrome", SHARE_WORDS + ACTION_WORDS + ACCOUNT_WORDS + APP_WORDS
                                             + NAVIGATION_WORDS), ("link_list", LINK_LIST_WORDS))
VOCAB_RE = re.compile(alternation(WORD_KIND), re.IGNORECASE)
# a URL's ? and : are folded with the rest of the line
URL_RE = re.compile(r"(?:(?:https?|ftp)[:：]//|www\.)[!-~？：]*", re.IGNORECASE)
DOMAIN_RE = re.compile(r"[A-Za-z0-9-]\.(?:com|cn|net|org|gov|edu)(?![A-Za-z])", re.IGNORECASE)
LETTER_RE = re.compile(r"[^\W\d_]")

LABEL_KIND = lookup(("source", WEAK_LABELS), ("meta", STRONG_LABELS))
LABEL_KIND.update(lookup(
    ("breadcrumb", ("当前位置", "您的位置", "你的位置", "您现在的位置", "您当前的位置", "所在位置")),
    ("chrome", ("分享到", "分享至", "分享")),
    ("source_link", ("原文链接", "原文地址", "本文链接", "本文地址", "原文网址", "文章链接", "本文短网址", "转载请注明")),
    ("prev_next", ("上一篇", "下一篇", "上一条", "下一条")),
    ("editor", ("责任编辑", "责编", "编辑", "审核", "审校", "校对", "终审", "初审", "复审")),
))
# a label and its colon (or the closing bracket of 【中图分类号】)
FIELD_RE = re.compile(rf"(?:{alternation(LABEL_KIND)})(?:：|】)", re.IGNORECASE)
OPENING = "【（"
CLOSING = "】）"

DATE = (r"(?:19|20)\d\d[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])"
         r"|(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])")
TIME = r"(?:2[0-3]|[01]?\d)[:：][0-5]\d(?:[:：][0-5]\d)?"
FULL_DATE = r"(?:19|20)\d\d[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])"
# a full date may run into the digits that follow it once whitespace is gone (2024-01-2510:36, 2024-01-251234人阅读)
FULL_DATE_RE = re.compile(rf"(?<!\d){FULL_DATE}")
DATETIME_RE = re.compile(rf"(?<!\d)(?:{FULL_DATE}|{TIME}(?!\d))")
DATE_ONLY_RE = re.compile(rf"[【（]?(?:{DATE})(?:{TIME})?[】）]?|[【（]?(?:19|20)\d\d年\d\d?月\d\d?日{TIME}[】）]?")
DATED_RE = re.compile(rf"^[【（]?{FULL_DATE}(?!\d)|(?<!\d)(?:{DATE})(?:{TIME})?[】）]?$")
CN_DATE_RE = re.compile(r"(?:19|20)\d\d年\d\d?月(?:\d\d?日)?")
COUNTER_RE = re.compile(r"(?:阅读|浏览|点击|访问)(?:量|数|次数)?：?\d+(?:\.\d+)?[万千]?"
                        r"|(?<!\d)\d+(?:\.\d+)?[万千]?(?:次阅读|人阅读|次浏览|人浏览|次点击|条评论|条留言|人点赞)")
PAGE_RE = re.compile(r"[-—–－]*\d{1,4}[-—–－]+|[-—–－]+\d{1,4}[-—–－]*|第\d+页(?:[/，]?共\d+页)?|共\d+页")
ICP_RE = re.compile(r"[\u4e00-\u9fff]ICP[备证]|公网安备")

COPYRIGHT_RE = re.compile(rf"(?:{alternation(COPYRIGHT_CUES)})(?![人者权])", re.IGNORECASE)
DISCLAIMER_RE = re.compile(alternation(DISCLAIMER_TERMS), re.IGNORECASE)
# 【免责声明】, 版权声明：, 平台声明： (a label of up to four Han characters ending with 声明)
DISCLAIMER_LABEL_RE = re.compile(r"[【（][\u4e00-\u9fff]{0,4}声明[】）]|[\u4e00-\u9fff]{0,4}声明：")
LICENCE_RE = re.compile(alternation(LICENCE_TERMS), re.IGNORECASE)
LICENCE_MARKS = {w.lower() for w in LICENCE_MARKS}
# any term of a notice (licence, disclaimer, copyright, ICP): a sentence without one is body text
NOTICE_CUE_RE = re.compile(alternation(LICENCE_TERMS + DISCLAIMER_TERMS + COPYRIGHT_CUES + ("公网安备",)),
                            re.IGNORECASE)
CUE_CHAR_RE = re.compile(r"[\d：】/.]")
LOGIN_RE = re.compile(r"(?:账号|帐号|手机号?|邮箱|用户名)[+＋](?:密码|验证码)登录"
                       r"|(?:还?没有(?:账号|帐号)|忘记密码)？?(?:立即注册|免费注册|注册)?")
# the Han characters of chrome words and login prompts; a line with any other is made of something else
CHROME_HAN = frozenset(ch for w in (*WORD_KIND, *re.findall(f"[{HAN}]+", LOGIN_RE.pattern)) for ch in w
                        if HAN_RE.match(ch))


def other_han_class() -> str:
    """The Han characters outside :data:`CHROME_HAN`, as the ranges of a regex class."""
    bounds = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)]  # _chars.HAN
    ranges = []
    for lo, hi in bounds:
        for cp in sorted(ord(ch) for ch in CHROME_HAN if lo <= ord(ch) <= hi) + [hi + 1]:
            if cp > lo:
                ranges.append(f"{chr(lo)}-{chr(cp - 1)}")
            lo = cp + 1
    return "".join(ranges)


OTHER_HAN = other_han_class()
OTHER_HAN_RE = re.compile(f"[{OTHER_HAN}]")
BREADCRUMB_SPLIT_RE = re.compile(r"[>»›→＞]+")
# whitespace is gone: "http://x.cn 1.标题" reads "http://x.cn1.标题", a numbered heading after a URL
NUMBERED_AFTER_URL_RE = re.compile(r"[^\d]\d{1,2}[.、．）](?=[\u4e00-\u9fff])")
PATH_SPLIT_RE = re.compile(r"[>»›→＞/|｜\-－]+")
HOME = {w.lower() for w in HOME_WORDS}
ENUMERATION_RE = re.compile(
    r"[*#>]*(?:第[一二三四五六七八九十百千零〇两\d]+[条章节款项部分编篇卷]|[一二三四五六七八九十百]+[、．.]"
    r"|【?（?[一二三四五六七八九十百\d]+[）】]|\d+[、．.）](?!\d)|[①-⑳])")  # 1.标题, not 25.5
# a numbered heading or article inside a line (字号：大 中 小四、加快政府自身改革和建设)
NUMBERED_INSIDE_RE = re.compile(r"[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|第[一二三四五六七八九十百千零〇两\d]+[条章节款]")
# an attachment named on a line of its own (政府工作报告（全文）.pdf)
ATTACHMENT_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|txt)$", re.IGNORECASE)
# a label of two to four Han characters and its colon, listed or not
ANY_FIELD_RE = re.compile(r"[\u4e00-\u9fff]{2,4}：")
BULLETS = "·•●◆◇■□▪►▶▸"
ITEM_SPLIT_RE = re.compile(r"[\s|｜/·•‖>»›]+")
# brackets, separators and chrome words before the first label of a field row
LEADING_CHROME_RE = re.compile(rf"(?:[【（】）|｜·]|{VOCAB_RE.pattern})*+", re.IGNORECASE)
TRUNCATED = ("...", "…", "。。。")



def fold(text: str) -> str:
    """``text.translate(FOLD)``, faster: one ``str.replace`` per mark the text holds."""
    for ascii_mark, full in FOLD_PAIRS:
        if ascii_mark in text:
            text = text.replace(ascii_mark, full)
    return text


def compact_line(line: str) -> str:
    """The line as classified: stripped, without whitespace, ASCII punctuation folded."""
    return fold(WS_RE.sub("", line))


def body_like(text: str) -> bool:
    """What is left of a line once its chrome is gone reads as body text: a numbered heading or
    article (一、, （四）, 第六条), a clause (，；), an introduction (…如下：), a delivery line
    (——2024年1月21日在…会议上) or more than :data:`MAX_FIELD` Han characters."""
    return (bool(ENUMERATION_RE.match(text) or NUMBERED_INSIDE_RE.search(text)) or "，" in text or "；" in text or text.endswith("：")
            or text.startswith("——") or "会议上" in text or "会上" in text or len(HAN_RE.findall(text)) > MAX_FIELD)


def remainder(c: str) -> str:
    """The line without its URLs, dates, times, counters, field labels and chrome words."""
    for rx in (URL_RE, DATETIME_RE, CN_DATE_RE, COUNTER_RE, FIELD_RE, COPYRIGHT_RE, VOCAB_RE):
        c = rx.sub("", c)
    return c
