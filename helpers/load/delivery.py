"""Read a report's delivery line: date, session (届, 次) and speaker, from the text itself.

A government work report says when, where and by whom it was delivered, just
under its heading::

    **政府工作报告**
    ——2024年1月23日在广东省第十四届人民代表大会第二次会议上

    广东省省长 王伟中

The line is written in many ways: Arabic or Chinese numerals
(二〇二四年一月二十一日), with or without the dash, with the date in brackets
after the occasion (在四川省第十一届人民代表大会第四次会议上（2011年1月18日）),
short forms (省十届人大二次会议), ``**bold**`` markup, spaces inside names
(刘 慧). :func:`parse_delivery` reads a document; where the body does not say,
the front matter ``title:`` is read the same way; each value says where it
came from (``delivery_line``, ``title``, ``heading``); the file name is only a
hint (used by :mod:`helpers.load.panel`).

Example:
    >>> text = "**政府工作报告**\\n——二〇二四年一月二十一日在北京市第十六届人民代表大会第二次会议上\\n\\n北京市代市长 殷 勇\\n\\n各位代表："
    >>> found = parse_delivery(text)
    >>> found["date"], found["congress"], found["session"], found["speaker_title"], found["speaker"]
    ('2024-01-21', 16, 2, '代市长', '殷勇')
"""

from __future__ import annotations

import re
import unicodedata

from ..clean.frontmatter import find_front_matter
from .frontmatter import metadata_value

__all__ = ["chinese_number", "front_matter_fields", "find_date", "find_month", "find_session", "find_speaker",
           "name_line", "delivery_line", "date_and_name", "reviewed_year", "parse_delivery", "SPEAKER_TITLES"]

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "o": 0, "两": 2} | {str(i): i for i in range(10)}
_NUM = r"[0-9〇○零一二三四五六七八九十两]"
_YEAR_RE = r"(?P<y>[0-9〇○零一二三四五六七八九O]{4})"
_DATE_RE = re.compile(_YEAR_RE + rf"\s*年\s*(?P<m>{_NUM}{{1,3}})\s*月\s*(?P<d>{_NUM}{{1,3}})\s*日")
_SESSION_RE = re.compile(rf"第?\s*(?P<jie>{_NUM}{{1,3}})\s*届\s*(?:全国|[^\s第届]{{0,12}}?)?\s*(?:人民代表大会|人大)"
                         rf"(?:常务委员会)?\s*第?\s*(?P<ci>{_NUM}{{1,3}})\s*次\s*(?:全体)?\s*会议")
#: Offices a speaker line names, longest first (代省长 before 省长).
SPEAKER_TITLES = ("代省长", "省长", "代市长", "市长", "代主席", "主席", "代总理", "副总理", "总理",
                  "国务委员", "主任")
_NAME_IN_TITLE_RE = re.compile(r"(?:省|市|自治区|政府|国务院|,)(?P<title>" + "|".join(SPEAKER_TITLES)
                               + r")\s*(?P<name>[\u4e00-\u9fff]{2,4}?)\s*(?:同志)?\s*(?:在|代表|作|所作|向)")
_NAME_BEFORE_OFFICE_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3})(?P<title>代?省长|代?市长|代?主席|代?总理)在")
_TITLE_YEAR_RE = re.compile(r"[（(]\s*(?P<y>\d{4})\s*年\s*[）)]")
_MARKUP_RE = re.compile(r"[*#>_`]|<!--.*?-->|\[\^?\d+\]")
_HEAD_LINES = 14
_DATE_NAME_RE = re.compile(r"^[（(]\s*(?P<date>[^）)]*?日)\s+(?P<name>[\u4e00-\u9fff·・]{2,12})\s*[）)]$")
_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff·・]{1,10}")
_BRACKETED_DATE_RE = re.compile(r"[（(][^）)]*日[）)]")
_OFFICE_SPACES_RE = re.compile(r"(?:省|市|主|总|代) +(?:长|席|理)")
_REVIEW_RE = re.compile(_YEAR_RE + r"\s*年[^。，,；]{0,24}?(?:工作|发展)(?:的)?(?:简要|主要)?(?:回顾|总结|基本估计)")


def chinese_number(text: str) -> int:
    """Return the integer a number in Arabic or Chinese numerals spells (十四 → 14, 二〇二四 → 2024).

    Digit-by-digit numerals (years: 二〇二四) and positional ones with 十
    (二十一) are both read.

    Example:
        >>> [chinese_number(s) for s in ("二〇二四", "十四", "二十一", "十", "3", "一九七九")]
        [2024, 14, 21, 10, 3, 1979]
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if text.isdigit():
        return int(text)
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + _DIGITS[char]
        return value
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def front_matter_fields(text: str) -> tuple[dict[str, str], str]:
    """Return the fields of a YAML front matter as strings, and the body after it.

    The block is parsed as the loader parses it
    (:func:`helpers.clean.frontmatter.find_front_matter`); values become
    strings as metadata values do (lists joined with ``; ``, dates in ISO
    form; nested mappings are left out). A text without a valid front matter
    gives ``{}`` and the whole text.

    Example:
        >>> front_matter_fields("---\\nsource:\\n- https://a.cn/1\\ntitle: 报告\\nauthors:\\n  - 甲\\n  - 乙\\n---\\n正文")
        ({'source': 'https://a.cn/1', 'title': '报告', 'authors': '甲; 乙'}, '正文')
    """
    found = find_front_matter(text.lstrip("\ufeff"), strict=False)
    if found is None:
        return {}, text
    fields = {str(key): metadata_value(value) for key, value in found.data.items()}
    return {key: value for key, value in fields.items() if value is not None}, text.lstrip("\ufeff")[found.end:]


def _plain(line: str) -> str:
    """A line without Markdown markup, NFKC-normalised (full-width digits and spaces to ASCII)."""
    return unicodedata.normalize("NFKC", _MARKUP_RE.sub("", line)).strip()


def find_date(line: str) -> str | None:
    """Return the first ``YYYY-MM-DD`` date a line writes (Arabic or Chinese numerals), else None.

    Example:
        >>> find_date("（二〇〇八年一月二十日在海南省第四届人民代表大会第一次会议上）")
        '2008-01-20'
        >>> find_date("在四川省第十一届人民代表大会第四次会议上（2011年1月18日）")
        '2011-01-18'
    """
    match = _DATE_RE.search(_plain(line))
    if not match:
        return None
    year, month, dom = (chinese_number(match.group(g)) for g in "ymd")
    if not (1 <= month <= 12 and 1 <= dom <= 31):
        return None
    return f"{year:04d}-{month:02d}-{dom:02d}"


def find_month(line: str) -> str | None:
    """Return ``YYYY-MM`` when a line gives a year and month but no day (``2005年1月在…``), else None.

    Example:
        >>> find_month("——2005年1月在甘肃省十届人大三次会议上"), find_month("2005年1月3日")
        ('2005-01', None)
    """
    plain = _plain(line)
    match = re.search(_YEAR_RE + rf"\s*年\s*(?P<m>{_NUM}{{1,3}})\s*月(?!\s*{_NUM}{{1,3}}\s*日)", plain)
    if not match or find_date(plain):
        return None
    month = chinese_number(match.group("m"))
    return f"{chinese_number(match.group('y')):04d}-{month:02d}" if 1 <= month <= 12 else None


def find_session(line: str) -> tuple[int, int] | None:
    """Return ``(届, 次)`` of the people's congress session a line names, else None.

    Example:
        >>> find_session("在广东省第十四届人民代表大会第二次会议上")
        (14, 2)
        >>> find_session("政府工作报告（省十届人大二次会议 2004年）")
        (10, 2)
    """
    match = _SESSION_RE.search(_plain(line))
    return (chinese_number(match.group("jie")), chinese_number(match.group("ci"))) if match else None


def find_speaker(line: str) -> tuple[str, str] | None:
    """Return ``(office, name)`` of a speaker line (``广东省省长 王伟中``), else None.

    The office is the first of :data:`SPEAKER_TITLES` on the line
    (``国务院副总理兼国家计划委员会主任　李富春`` → ``副总理``), the name what
    follows the last one.
    Spaces inside the name (刘 慧) are removed.

    Example:
        >>> find_speaker("**自治区主席 刘 慧**")
        ('主席', '刘慧')
        >>> find_speaker("国务院总理　温家宝")
        ('总理', '温家宝')
    """
    plain = _OFFICE_SPACES_RE.sub(lambda m: m.group(0).replace(" ", ""), _BRACKETED_DATE_RE.sub("", _plain(line)))
    if len(plain) > 40 or "会议" in plain:
        return None
    offices = [(plain.find(t), -len(t), t) for t in SPEAKER_TITLES if t in plain]
    if not offices:
        return None
    office = min(offices)[2]
    last = max(plain.rfind(t) + len(t) for t in SPEAKER_TITLES if t in plain)
    tail = plain[last:].strip(" :：")
    name = re.sub(r"\s", "", tail)
    if not _NAME_RE.fullmatch(name) and tail.split():
        name = tail.split()[-1]
    return (office, name) if _NAME_RE.fullmatch(name) else None


def name_line(line: str) -> str | None:
    """Return the name a line holds when it holds nothing else (``毛 伟 明``, ``艾尔肯·吐尼亚孜``), else None.

    Example:
        >>> name_line("**毛 伟 明**"), name_line("政府工作报告")
        ('毛伟明', None)
    """
    name = re.sub(r"\s", "", _plain(line))
    return name if _NAME_RE.fullmatch(name) and "报告" not in name else None


def speaker_in_title(title: str) -> tuple[str, str] | None:
    """Return ``(office, name)`` from a title such as ``广东省省长王伟中在…上作政府工作报告``, else None.

    Example:
        >>> speaker_in_title("2024年1月23日广东省省长王伟中在广东省第十四届人民代表大会第二次会议上作政府工作报告")
        ('省长', '王伟中')
        >>> speaker_in_title("杨雄市长在上海市第十四届人民代表大会第一次会议上的政府工作报告（2013年）")
        ('市长', '杨雄')
    """
    match = _NAME_IN_TITLE_RE.search(_plain(title)) or _NAME_BEFORE_OFFICE_RE.search(_plain(title))
    return (match.group("title"), match.group("name")) if match else None


def delivery_line(lines: list[str]) -> int | None:
    """Return the index of the delivery line among a body's first lines (it names a session), else None.

    The search stops at the salutation (各位代表) or after the first
    :data:`_HEAD_LINES` non-empty lines.
    """
    seen = 0
    for index, line in enumerate(lines):
        plain = _plain(line)
        if not plain:
            continue
        if plain.startswith(("各位代表", "名位代表")) or seen >= _HEAD_LINES:
            return None
        if find_session(plain) and ("会议" in plain) and len(plain) < 80:
            return index
        seen += 1
    return None


def _speaker_in_line(line: str) -> tuple[str, str] | None:
    """The speaker named in the delivery line itself (``…会议上 代省长 王儒林)``, ``代市长王岐山作了…``)."""
    tail = re.split(r"会议上?", line)[-1].strip(" )）")
    return find_speaker(tail) or (("", tail.replace(" ", "")) if name_line(tail) else None) or speaker_in_title(line)


def _head_date(lines: list[str], start: int) -> str | None:
    """A date written on a line of its own near the delivery line (（2011年1月18日）), else None."""
    for line in lines[max(0, start - 2): start + 3]:
        plain = _plain(line)
        if plain and len(plain) < 40 and find_date(plain):
            return find_date(plain)
    return None


def _speaker_after(lines: list[str], start: int) -> tuple[str, str] | None:
    """The speaker line among the few non-empty lines after ``start``, else None."""
    checked = 0
    for line in lines[start + 1:]:
        plain = _plain(line)
        if not plain:
            continue
        if plain.startswith("各位代表") or checked >= 4:
            return None
        found = find_speaker(plain)
        if found:
            return found
        if checked < 2 and name_line(plain):
            return "", name_line(plain)
        checked += 1
    return None


def date_and_name(line: str) -> tuple[str, str] | None:
    """Return ``(date, name)`` of a heading line ``（2009年2月7日 秦光荣）``, else None.

    Example:
        >>> date_and_name("（2004年1月8日 司马义·铁力瓦尔地）")
        ('2004-01-08', '司马义·铁力瓦尔地')
    """
    match = _DATE_NAME_RE.match(_plain(line))
    if not match or not find_date(match.group("date")):
        return None
    return find_date(match.group("date")), match.group("name")


def reviewed_year(lines: list[str]) -> int | None:
    """Return the year a report reviews, from its first review heading (``一、2011年工作回顾``), else None.

    A government work report reviews the year before it is delivered, so the
    year delivered is this plus one.

    Example:
        >>> reviewed_year(["各位代表：", "**一、2011年工作回顾**"])
        2011
        >>> reviewed_year(["**一、一九八七年工作的基本估计**"])
        1987
    """
    for line in lines[:60]:
        plain = _plain(line)
        if len(plain) < 40:
            match = _REVIEW_RE.search(plain)
            if match:
                return chinese_number(match.group("y"))
    return None


def _head(lines: list[str]) -> list[str]:
    """The non-empty plain lines before the salutation (各位代表), at most :data:`_HEAD_LINES`."""
    head = []
    for line in lines:
        plain = _plain(line)
        if plain.startswith(("各位代表", "名位代表")) or len(head) >= _HEAD_LINES:
            break
        if plain:
            head.append(plain)
    return head


def parse_delivery(text: str) -> dict:
    """Read date, session and speaker of a report from its delivery line, else its title.

    Returns a dict with ``date`` (``YYYY-MM-DD``, ``YYYY-MM`` when the line
    gives no day, ``YYYY`` from a title that names the session and the year,
    ``…第一次会议上的政府工作报告（2013年）``; or None), ``congress`` (届)
    and ``session`` (次) as int or None, ``speaker`` and ``speaker_title``
    ("" when not found), ``line`` (the delivery line as written, "" if none),
    ``title`` and ``source`` (front matter), and ``date_source``,
    ``session_source``, ``speaker_source``: where each value was read —
    ``delivery_line`` (the line or, for the date, a line of its own beside
    it), ``title`` (the front matter title), or "" when the text does not
    say.

    Example:
        >>> found = parse_delivery("---\\ntitle: 2011年政府工作报告\\n---\\n在四川省第十一届人民代表大会第四次会议上（2011年1月18日）\\n四川省人民政府省长蒋巨峰\\n各位代表：")
        >>> found["date"], found["congress"], found["session"], found["speaker"], found["date_source"]
        ('2011-01-18', 11, 4, '蒋巨峰', 'delivery_line')
    """
    fields, body = front_matter_fields(text)
    lines = body.splitlines()
    index = delivery_line(lines)
    title = fields.get("title", "")
    found = {"date": None, "congress": None, "session": None, "speaker": "", "speaker_title": "",
             "line": _plain(lines[index]) if index is not None else "", "title": title,
             "source": fields.get("source", ""), "date_source": "", "session_source": "", "speaker_source": ""}
    if index is not None:
        found["date"] = find_date(lines[index]) or _head_date(lines, index) or find_month(lines[index])
        found["congress"], found["session"] = find_session(lines[index])
        found["date_source"] = "delivery_line" if found["date"] else ""
        found["session_source"] = "delivery_line"
        speaker = _speaker_after(lines, index) or _speaker_in_line(found["line"])
        if speaker:
            found["speaker_title"], found["speaker"] = speaker
            found["speaker_source"] = "delivery_line"
    else:
        _fill_from_heading(found, _head(lines))
    _fill_from_title(found, title)
    found["reviewed_year"] = reviewed_year(lines)
    return found


def _fill_from_heading(found: dict, head: list[str]) -> None:
    """Without a delivery line: a heading ``（2009年2月7日 秦光荣）`` or a speaker line of its own."""
    for plain in head:
        if date_and_name(plain) and not found["date"]:
            (found["date"], found["speaker"]), found["speaker_title"] = date_and_name(plain), ""
            found["date_source"] = found["speaker_source"] = "heading"
        elif find_speaker(plain) and not found["speaker"]:
            (found["speaker_title"], found["speaker"]), found["speaker_source"] = find_speaker(plain), "heading"


def _fill_from_title(found: dict, title: str) -> None:
    """Fill what the delivery line did not give from the front matter title."""
    if not title:
        return
    if found["date"] is None and find_date(title):
        found["date"], found["date_source"] = find_date(title), "title"
    if found["congress"] is None and find_session(title):
        (found["congress"], found["session"]), found["session_source"] = find_session(title), "title"
    year = _TITLE_YEAR_RE.search(title)
    if found["date"] is None and year and find_session(title):  # the occasion's title: 届, 次 and (2013年)
        found["date"], found["date_source"] = year.group("y"), "title"
    if not found["speaker"] and speaker_in_title(title):
        (found["speaker_title"], found["speaker"]), found["speaker_source"] = speaker_in_title(title), "title"
