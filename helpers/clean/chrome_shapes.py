"""Chrome recognised by its shape alone: credits, contacts, buttons, tags, counters, mastheads, issues.

The rules of :mod:`helpers.clean.chrome_lines` that need no word list of a
site: a line of roles and names (``澎湃新闻记者 张某 实习生 李某``, ``编辑 孙某 审核
钱某``), a phone number with a short label (``报料：021-962866``), a licence
number (``增值电信业务经营许可证：沪B2-2017116``), a button of one chrome word and
a few characters (``我要举报``, ``APP内阅读``), a hashtag (``#政府工作报告``), a bare
counter (``+1``, ``(12)``), a row split by bars (``新浪简介 | 广告服务 | About
Sina``) or of Latin words (``Android版 iPhone版``), a source note in brackets
(``（本文来自某网，更多资讯请下载某APP）``), a site's or a paper's name alone
(``新浪新闻``, ``某省人民政府公报``), a page label with a bar for its colon
(``来源 | 某日报``), a picture left as a word (``图片``: chrome anywhere), a call to act (``点击下方名片关注我们``), counters
alone (``0人参与，0条评论``) and an issue of a periodical (``某省人民政府公报
2024年第3期``, the running head of a gazette's pages). Each rule takes the
compact line (:func:`~helpers.clean.chrome_patterns.compact_line`) or, when it
needs the spaces, the stripped line; :data:`SHAPE_RULES` lists them as
``(kind, rule, needs_spaces)``. Every kind but ``issue``, ``placeholder`` and ``copyright`` is in
:data:`~helpers.clean.chrome_lines.WEAK_KINDS`: chrome only in the head or
tail of a document. Lines with a sentence never reach these rules.

Example:
    >>> credit("澎湃新闻记者 张某某 实习生 李某"), credit("记者从省统计局获悉 全年增长")
    (True, False)
"""

from __future__ import annotations

import re

from .._chars import HAN_RE, count_han
from .chrome_patterns import ENUMERATION_RE, LABEL_KIND, LETTER_RE, MAX_FIELD, VOCAB_RE, WORD_KIND, alternation, body_like

__all__ = ["SHAPE_RULES", "SHAPE_KINDS", "credit", "contact", "licence_number", "button_phrase", "hashtag",
           "counter", "counts", "call_to_act", "bar_row", "placeholder", "bar_field", "latin_row", "source_note", "masthead", "issue"]

#: Roles of a credit line (a prefix such as 本报, 新华社 may stand before them: 本报记者).
ROLES = ("责任编辑", "图片编辑", "视频编辑", "值班编辑", "文字编辑", "美术编辑", "编辑", "责编", "美编", "主编",
         "编审", "审核", "审校", "审签", "校对", "终审", "初审", "复审", "监制", "制作", "出品", "策划", "统筹",
         "记者", "实习记者", "实习生", "通讯员", "撰稿", "撰文", "作者", "摄影", "摄像", "配音", "设计",
         "排版", "来源", "文", "图", "文字", "图片", "视频")
#: Roles that may follow the name of a paper or agency (本报记者, 新华社记者, 澎湃新闻记者).
PREFIXED_ROLES = ("记者", "特约记者", "实习记者", "通讯员", "实习生")
_CREDIT_SPLIT_RE = re.compile(r"[\s|｜/：:丨、，,]+")
_NAME_RE = re.compile(r"[\u4e00-\u9fff·]{2,4}|[A-Za-z][A-Za-z.\-]{1,15}")
_PHONE_RE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－]?\d{6,8}|400[-－]?\d{3}[-－]?\d{4}|1[3-9]\d{9}|9\d{4,5}|12\d{3})(?!\d)")
# a label that says a number is a phone's (a bare 933618 or 12345 is no contact line)
_PHONE_CUE_RE = re.compile(r"电话|热线|报料|咨询|投诉|举报|客服|传真|联系")
_LICENCE_NO_RE = re.compile(r"许可证(?:编?号)?：?[A-Za-z\u4e00-\u9fff]{0,3}[A-Z]?\d?[-－]?\d{6,}")
_HASHTAG_RE = re.compile(r"#[^\s#]+#?(?:\s+#[^\s#]+#?)*")
_COUNTER_RE = re.compile(r"[+＋]\d{1,5}|[（(【\[]\d{1,6}[)）】\]]")
_BAR_RE = re.compile(r"\s*[|｜]\s*")
_SOURCE_NOTE_RE = re.compile(r"[（(](?:本文|文章|稿件|本稿)?(?:来自|转自|来源|原载|转载自|首发于|系)")
_MASTHEAD_END = ("网", "新闻", "新闻网", "日报", "晚报", "政府公报", "客户端", "频道", "发布")
_ISSUE_RE = re.compile(r"(?:19|20)\d\d年第\d{1,3}期(?:（总第\d{1,5}期）)?|（?总第\d{1,5}期）?")
_CALL_RE = re.compile(r"[▲▼△▽↑↓]?(?:点击|点此|长按|扫码|戳)(?![量率数])")
# a picture or video left as a word where it stood (图片, [图片], 【视频】)
_PLACEHOLDER_RE = re.compile(r"图片|[【\[](?:图片|图|视频|音频)[】\]]")
# a page label before a bar instead of a colon (来源 | 某日报)
_BAR_FIELD_RE = re.compile(rf"(?:{alternation(LABEL_KIND)})[|｜]", re.IGNORECASE)
_COUNTS_RE = re.compile(r"(?:\d+(?:\.\d+)?[万千]?(?:人|条|次|个)?(?:参与|评论|阅读|浏览|点赞|收藏|转发|分享|留言|回复|在看)[，、|｜/]?)+")
_PERIODICAL_END = ("公报", "报", "刊", "杂志", "学报", "期刊", "通讯", "周刊", "月刊", "半月刊")


def credit(c: str) -> bool:
    """Roles and names only, at least one role (``编辑 孙某 审核 钱某``, ``文/张三 图/李四``)."""
    if len(c) > 40 or ENUMERATION_RE.match(c):
        return False
    items = [w for w in _CREDIT_SPLIT_RE.split(c) if w]
    roles = [w for w in items if w in ROLES or (w.endswith(PREFIXED_ROLES) and count_han(w) <= 8)]
    if not roles or len(items) < 2:
        return False
    return all(w in roles or _NAME_RE.fullmatch(w) for w in items) and len(roles) < len(items)


def contact(c: str) -> bool:
    """A phone number with a short label that says so (报料：021-962866, 意见反馈 电话：4000520066)."""
    phone = _PHONE_RE.search(c)
    if phone is None or len(c) > 40 or not _PHONE_CUE_RE.search(c):
        return False
    rest = _PHONE_RE.sub("", c).strip("：:（）()【】-")
    return count_han(rest) <= 16 and not body_like(rest) and not LETTER_RE.search(HAN_RE.sub("", rest))


def licence_number(c: str) -> bool:
    """A licence number of a site (增值电信业务经营许可证：沪B2-2017116)."""
    found = _LICENCE_NO_RE.search(c)
    return found is not None and len(c) <= 60 and not body_like(c[:found.start()] + c[found.end():])


def button_phrase(c: str) -> bool:
    """One chrome word (not a menu word) of two or more characters and at most three other Han
    characters (我要举报, APP内阅读, 扫描全能王创建)."""
    if len(c) > 12 or ENUMERATION_RE.match(c):
        return False
    words = [m.group() for m in VOCAB_RE.finditer(c) if WORD_KIND.get(m.group().lower()) != "menu"]
    if not words or max(map(len, words)) < 2:
        return False
    return count_han(VOCAB_RE.sub("", c)) <= 3 and not body_like(c)


def hashtag(s: str) -> bool:
    """Hashtags alone (#政府工作报告, #两会 #民生): not a Markdown heading (``# 标题``)."""
    return len(s) <= 60 and _HASHTAG_RE.fullmatch(s) is not None and HAN_RE.search(s) is not None


def counter(c: str) -> bool:
    """A bare counter of a button (+1, (12), 【3】); not a number alone (33618 is a formulation)."""
    return _COUNTER_RE.fullmatch(c) is not None


def bar_row(s: str) -> bool:
    """Three or more short items split by bars (新浪简介 | 广告服务 | About Sina); not a Markdown
    table row, which begins with a bar."""
    if s.startswith(("|", "｜")):
        return False
    items = _BAR_RE.split(s)
    return (len(items) >= 3 and all(0 < len(w) <= 12 for w in items)
            and not any(body_like(w.replace(" ", "")) or any(ch in w for ch in "。！？；") for w in items))


def latin_row(s: str) -> bool:
    """Two or more words of Latin letters, each with at most two Han characters (Android版 iPhone版)."""
    items = s.split()
    return (len(items) >= 2 and len(s) <= 60
            and all(len(LETTER_RE.findall(HAN_RE.sub("", w))) >= 3 and count_han(w) <= 2 for w in items))


def source_note(c: str) -> bool:
    """A note in brackets naming where a text comes from (（本文来自某网，更多资讯请下载某APP）)."""
    return len(c) <= 80 and c.endswith(("）", ")")) and _SOURCE_NOTE_RE.match(c) is not None


def masthead(c: str) -> bool:
    """A site's or a paper's name alone (新浪新闻, 某省人民政府公报, 某某日报): 2 to 16 Han characters."""
    return 2 <= count_han(c) == len(c) <= 16 and c.endswith(_MASTHEAD_END)


def issue(c: str) -> bool:
    """An issue of a periodical, alone or after its name (2024年第3期（总第512期）, 某省人民政府公报
    2024年第3期): the running head of a gazette's pages."""
    found = _ISSUE_RE.search(c)
    if found is None or not found.group():
        return False
    rest = _ISSUE_RE.sub("", c)
    return not rest or (count_han(rest) == len(rest) <= MAX_FIELD and rest.endswith(_PERIODICAL_END))


def call_to_act(c: str) -> bool:
    """A prompt to click, press or scan (点击下方名片关注我们, 长按识别二维码, 点击播报本文，约): short,
    beginning with the verb."""
    return len(c) <= 20 and _CALL_RE.match(c) is not None and count_han(c) >= 4


def counts(c: str) -> bool:
    """Counters alone (0人参与，0条评论; 阅读 12 在看 3 is a row of chrome words)."""
    return _COUNTS_RE.fullmatch(c) is not None


def placeholder(c: str) -> bool:
    """A picture or a video left as a word where it stood (图片, [图片], 【视频】): chrome anywhere."""
    return _PLACEHOLDER_RE.fullmatch(c) is not None


def bar_field(c: str) -> bool:
    """A page label with a bar for its colon and a short value (来源 | 某日报, 编辑 | 李某)."""
    found = _BAR_FIELD_RE.match(c)
    value = c[found.end():] if found else ""
    return bool(value) and len(value) <= MAX_FIELD and not body_like(value)


#: ``(kind, rule, needs_spaces)``, in the order :func:`~helpers.clean.chrome_lines.line_kind` tries them.
_SPACED = (credit, hashtag, bar_row, latin_row)  # the rules that need the line's spaces
SHAPE_RULES = tuple((kind, rule, rule in _SPACED) for kind, rule in (
    ("issue", issue), ("copyright", licence_number), ("credit", credit), ("contact", contact),
    ("hashtag", hashtag), ("counter", counter), ("counter", counts), ("phrase", call_to_act),
    ("source", source_note), ("masthead", masthead), ("phrase", button_phrase), ("menu", bar_row),
    ("menu", latin_row), ("placeholder", placeholder), ("source", bar_field)))
#: The kinds of :data:`SHAPE_RULES` that count only in the head or tail of a document.
SHAPE_KINDS = frozenset({"credit", "contact", "hashtag", "counter", "masthead"})
