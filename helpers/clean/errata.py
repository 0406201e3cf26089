"""Clean raw Chinese documents: small text-in/text-out steps and a pipeline.

Every step is a plain function ``str -> str`` that changes as little as
possible; :func:`clean_text` runs them in the order of :data:`DEFAULT_STEPS`:

1. :func:`apply_errata` - replace human-verified corrupted spans (``data/errata.csv``).
2. :func:`remove_invisible` - zero-width characters, BOM, soft hyphen, control
   characters; every line ending becomes ``\\n``.
3. :func:`normalize_unicode` - full-width letters/digits/symbols to ASCII
   (Chinese punctuation ，。：；！？（） kept), then NFC.
4. :func:`remove_pinyin_annotations` - ``達(dá)`` → ``達``.
5. :func:`to_simplified` - OpenCC ``t2s``.
6. :func:`remove_boilerplate` - whole lines of web debris (login prompts, share
   bars, 原文链接, 免责声明, 热门资讯 lists, navigation ``|`` lines ...), see
   :data:`BOILERPLATE_PATTERNS`. It runs after pinyin removal and t2s, so that
   熱門資訊 or 热门资讯(À) is recognised as the heading it is (and cleaning
   stays idempotent).
7. :func:`normalize_punctuation` - ASCII ``, ; ! : ?``, brackets and straight
   quotes in Chinese context to their full-width forms.
8. :func:`normalize_whitespace` - strip indentation, collapse spaces, keep
   paragraphs.

The raw text is never modified in place: the loader keeps it beside the clean
text. :func:`cleaning_report` says what each step did to each document and
:func:`find_mojibake` points at spans that still look garbled;
:func:`find_placeholders` lists the rare-character placeholders (``ｆú＠①``)
left by the web source of some Government Work Reports.

Example:
    >>> clean_text("會議傳達(dá)學(xué)習(xí)了講話精神,要求全面落實。")
    '会议传达学习了讲话精神，要求全面落实。'
"""

from __future__ import annotations

import csv
import difflib
import functools
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from ._chars import CJK_PUNCT, HAN, count_han
from ._chars import HAN_RE as _HAN_RE
from ._chars import is_han as _is_han
from .errors import CorpusError

__all__ = [
    "DEFAULT_STEPS",
    "BOILERPLATE_PATTERNS",
    "TAIL_MARKERS",
    "apply_errata",
    "remove_invisible",
    "normalize_unicode",
    "remove_boilerplate",
    "remove_pinyin_annotations",
    "to_simplified",
    "detect_script",
    "normalize_punctuation",
    "normalize_whitespace",
    "make_pipeline",
    "clean_text",
    "cleaning_report",
    "find_mojibake",
    "find_placeholders",
    "load_errata",
]

# --------------------------------------------------------------------------- character classes

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_LETTERS = "a-z" + _TONE_MARKS


# --------------------------------------------------------------------------- errata


def load_errata(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read an errata table of human-verified repairs.

    The file is a UTF-8 CSV with a header and the columns ``doc_id``,
    ``corrupted``, ``repaired`` and (optionally) ``reasoning``. Each row says
    that the exact string ``corrupted`` should be replaced by ``repaired``.

    Args:
        path: the CSV file; ``None`` reads the bundled ``data/errata.csv``.

    Returns:
        A DataFrame with columns doc_id, corrupted, repaired, reasoning (str).

    Raises:
        CorpusError: the file is missing, not UTF-8, lacks a required column,
            has a row with the wrong number of fields or an empty ``corrupted``
            cell. The message names the file and the line.

    Example:
        >>> errata = load_errata()
        >>> list(errata.columns)
        ['doc_id', 'corrupted', 'repaired', 'reasoning']
    """
    path = Path(paths.ERRATA_CSV if path is None else path)
    return _load_errata_cached(str(path.resolve()), _mtime(path)).copy()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@functools.lru_cache(maxsize=16)
def _load_errata_cached(path_str: str, mtime: float) -> pd.DataFrame:
    path = Path(path_str)
    fix = "Fix the file, or pass errata=False to skip errata."
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CorpusError(f"{path}: errata file not found. {fix}", path=path, problem="not found") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: errata file is not UTF-8 ({exc.reason} at byte {exc.start}). "
                          "Save it as UTF-8.", path=path, problem="not UTF-8") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read errata file ({exc.strerror}).", path=path,
                          problem="unreadable") from None
    required = ["doc_id", "corrupted", "repaired"]
    reader = csv.reader(text.splitlines(keepends=True))
    rows = []
    try:
        header = next(reader, None)
        if header is None:
            raise CorpusError(f"{path}, line 1: errata file is empty; it needs the header "
                              f"{','.join(required)},reasoning. {fix}", path=path, problem="empty")
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise CorpusError(f"{path}, line 1: errata header lacks column(s) {', '.join(missing)} "
                              f"(found {', '.join(header)}). {fix}", path=path, problem="missing column")
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CorpusError(f"{path}, line {line}: expected {len(header)} fields "
                                  f"({','.join(header)}), found {len(row)}. Quote cells that contain "
                                  f"commas. {fix}", path=path, problem="wrong number of fields")
            record = dict(zip(header, row))
            if not record["corrupted"]:
                raise CorpusError(f"{path}, line {line}: the 'corrupted' cell is empty. {fix}",
                                  path=path, problem="empty corrupted")
            rows.append({"doc_id": record["doc_id"].strip(), "corrupted": record["corrupted"],
                         "repaired": record["repaired"], "reasoning": record.get("reasoning", "")})
    except csv.Error as exc:
        raise CorpusError(f"{path}, line {reader.line_num}: malformed CSV ({exc}). {fix}",
                          path=path, problem="malformed CSV") from None
    return pd.DataFrame(rows, columns=["doc_id", "corrupted", "repaired", "reasoning"], dtype=str)


def _errata_pairs(errata, doc_id: str | None = None) -> list[tuple[str, str]]:
    """Turn any accepted errata argument into a list of (corrupted, repaired)."""
    if errata is False:
        return []
    if errata is None or isinstance(errata, (str, os.PathLike)):
        path = Path(paths.ERRATA_CSV if errata is None else errata)
        return list(_file_errata_pairs(str(path.resolve()), _mtime(path), doc_id))
    if isinstance(errata, pd.DataFrame):
        missing = {"corrupted", "repaired"} - set(errata.columns)
        if missing:
            raise CorpusError(f"errata DataFrame lacks column(s) {', '.join(sorted(missing))}; "
                              "it needs corrupted and repaired (and optionally doc_id).",
                              problem="missing column")
        table = errata
        if doc_id is not None and "doc_id" in table.columns:
            ids = table["doc_id"].fillna("").astype(str)
            table = table[(ids == str(doc_id)) | (ids == "")]
        return [(str(c), str(r)) for c, r in zip(table["corrupted"], table["repaired"]) if str(c)]
    if isinstance(errata, Mapping):
        return [(str(c), str(r)) for c, r in errata.items() if str(c)]
    return [(str(c), str(r)) for c, r in errata if str(c)]


@functools.lru_cache(maxsize=64)
def _file_errata_pairs(path_str: str, mtime: float, doc_id: str | None) -> tuple[tuple[str, str], ...]:
    """The pairs of an errata file, cached on its path and modification time."""
    return tuple(_errata_pairs(_load_errata_cached(path_str, mtime), doc_id))


def _apply_errata(text: str, errata=None, *, doc_id: str | None = None,
                  count: bool = True) -> tuple[str, int]:
    n = 0
    for corrupted, repaired in _errata_pairs(errata, doc_id):
        if count:
            k = text.count(corrupted)
            if k:
                text = text.replace(corrupted, repaired)
                n += k
        elif corrupted in text:
            text = text.replace(corrupted, repaired)
    return text, n


def apply_errata(text: str, errata=None, *, doc_id: str | None = None) -> str:
    """Replace known corrupted spans by their human-verified repairs.

    Replacement is by exact string match of ``corrupted`` → ``repaired``, in
    the order of the table. The bundled corrupted strings occur nowhere else,
    so by default every row is applied to any text.

    Args:
        text: the text to repair.
        errata: ``None`` for the bundled ``data/errata.csv``; a path to a CSV
            (see :func:`load_errata`); a DataFrame with columns ``corrupted``,
            ``repaired`` (and optionally ``doc_id``); a mapping
            ``{corrupted: repaired}``; or ``False`` to apply none.
        doc_id: when given, only rows whose ``doc_id`` is this id (or empty)
            are applied.

    Returns:
        The repaired text.

    Example:
        >>> apply_errata("持續推進全過程人民民主市域?qū)嵺`。")
        '持續推進全過程人民民主市域實踐。'
        >>> apply_errata("乱码X", {"X": "码"})
        '乱码码'
    """
    return _apply_errata(text, errata, doc_id=doc_id, count=False)[0]


# --------------------------------------------------------------------------- invisible characters

_LINE_BREAKS_RE = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")
_OTHER_LINE_BREAKS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


def _unify_line_breaks(text: str) -> str:
    """``_LINE_BREAKS_RE.sub("\\n", text)`` without a regex scan: one ``in`` check per character."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in _OTHER_LINE_BREAKS:
        if ch in text:
            text = text.replace(ch, "\n")
    return text


@functools.lru_cache(maxsize=1)
def _invisible_re() -> re.Pattern:
    """Control (Cc), format (Cf) and surrogate (Cs) characters except \\n and \\t."""
    ranges = []
    start = prev = None
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        bad = ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs")
        if bad:
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            ranges.append((start, prev))
            start = None
    if start is not None:
        ranges.append((start, prev))
    cls = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[{cls}]+")


def _remove_invisible(text: str, count: bool = True) -> tuple[str, int]:
    if not count:
        text = _unify_line_breaks(text)
        # str.isprintable is False for every Cc, Cf and Cs character (and for
        # other ones too, which only costs the regex scan): with \n, \t and the
        # ideographic space taken out, a printable text has nothing to remove
        if text.replace("\n", "").replace("\t", "").replace("\u3000", "").isprintable():
            return text, 0
        return _invisible_re().sub("", text), 0
    text, n = _LINE_BREAKS_RE.subn("\n", text)
    removed = 0

    def count(m):
        nonlocal removed
        removed += len(m.group())
        return ""

    text = _invisible_re().sub(count, text)
    return text, n + removed


def remove_invisible(text: str) -> str:
    """Remove invisible characters and unify line endings.

    Zero-width spaces and joiners, byte-order marks, soft hyphens, bidi marks
    and other format characters (Unicode category Cf), control characters
    (Cc) except ``\\n`` and ``\\t``, and lone surrogates are removed.
    ``\\r\\n``, ``\\r``, U+2028/U+2029, vertical tab and form feed become ``\\n``.

    Args:
        text: the text to clean.

    Returns:
        The text without invisible characters.

    Example:
        >>> remove_invisible("\\ufeff人民\\u200b代表\\u00ad大会\\r\\n")
        '人民代表大会\\n'
    """
    return _remove_invisible(text, count=False)[0]


# --------------------------------------------------------------------------- unicode

#: Full-width forms that are kept: they are the normal Chinese punctuation.
KEEP_FULLWIDTH = "！（），：；？～"


@functools.lru_cache(maxsize=1)
def _width_table() -> dict[int, str]:
    table = {}
    for cp in list(range(0xFF01, 0xFF5F)) + list(range(0xFFE0, 0xFFEF)) + list(range(0xFF61, 0xFF65)):
        ch = chr(cp)
        if ch in KEEP_FULLWIDTH:
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch:
            table[cp] = folded
    return table


@functools.lru_cache(maxsize=1)
def _width_re() -> re.Pattern:
    """Runs of the characters :func:`_width_table` folds."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_width_table())) + "]+")


def _fold_width(m: re.Match) -> str:
    return m.group().translate(_width_table())


@functools.lru_cache(maxsize=1)
def _width_lut() -> tuple[int, np.ndarray, np.ndarray]:
    """``(lo, lut, multi)``: ``lut[cp - lo]`` is the code point :func:`_width_table`
    folds ``cp`` to (0 if it keeps it); ``multi`` marks the folds to more than one character."""
    table = _width_table()
    lo, hi = min(table), max(table)
    lut = np.zeros(hi - lo + 1, dtype="<u4")
    multi = np.zeros(hi - lo + 1, dtype=bool)
    for cp, folded in table.items():
        if len(folded) == 1:
            lut[cp - lo] = ord(folded)
        else:
            multi[cp - lo] = True
    return lo, lut, multi


def _fold_width_fast(text: str) -> str:
    """``_width_re().sub(_fold_width, text)`` on code point arrays (the regex's
    callback runs once per run of full-width characters, which is slow when
    they are many)."""
    lo, lut, multi = _width_lut()
    codes = _code_points(text)
    idx = np.flatnonzero((codes >= lo) & (codes < lo + len(lut)))
    if not idx.size:
        return text
    offsets = codes[idx] - lo
    if multi[offsets].any():
        return _width_re().sub(_fold_width, text)
    folded = lut[offsets]
    keep = folded != 0
    if not keep.any():
        return text
    codes = codes.copy()
    codes[idx[keep]] = folded[keep]
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _normalize_unicode(text: str, count: bool = True) -> tuple[str, int]:
    n = 0
    # fold only the runs of full-width characters: str.translate with a dict
    # looks up every character of the text, which is slow on long texts
    if count:
        n = sum(len(m) for m in _width_re().findall(text))
        text = _width_re().sub(_fold_width, text)
    else:
        text = _fold_width_fast(text)
    if not unicodedata.is_normalized("NFC", text):
        nfc = unicodedata.normalize("NFC", text)
        if count:
            n += _diff_changes(text, nfc)
        text = nfc
    return text, n


def normalize_unicode(text: str) -> str:
    """Fold full-width letters, digits and symbols to ASCII, then apply NFC.

    Chinese punctuation stays full-width (``，。：；！？（）～`` and all of
    ``“”《》【】、``); full-width ``ＡＢＣ１２３％．－／`` become ``ABC123%.-/``;
    half-width ``｡｢｣､`` become ``。「」、``. The ideographic space U+3000 is left
    to :func:`normalize_whitespace`.

    Args:
        text: the text to normalise.

    Returns:
        The normalised text.

    Example:
        >>> normalize_unicode("——１９６４年１２月，增长１２．５％（摘要）")
        '——1964年12月，增长12.5%（摘要）'
    """
    return _normalize_unicode(text, count=False)[0]


# --------------------------------------------------------------------------- boilerplate

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
    han = len(_HAN_RE.findall(s))
    truncated = s.endswith(("...", "…", "……"))
    if han <= 20 and (truncated or _DATE_RE.search(s) or not s.endswith(tuple(_SENTENCE_END))):
        return True
    return False


def _remove_boilerplate(text: str, count: bool = True) -> tuple[str, int]:
    # counting is free here: removed lines are counted as they go
    lines = text.split("\n")
    union = _boilerplate_union(BOILERPLATE_PATTERNS)
    if union is None:
        kinds = [_boilerplate_kind(line) for line in lines]
    else:  # _boilerplate_kind inlined: one union fullmatch per non-blank line
        fullmatch = union.fullmatch
        names = [name for name, _ in BOILERPLATE_PATTERNS]
        kinds = [None] * len(lines)
        for i, line in enumerate(lines):
            s = line.strip()
            if s:
                m = fullmatch(s)
                if m is not None:
                    kinds[i] = names[int(m.lastgroup[1:])]
    # trailing block: first tail marker after which every line is debris
    tail_ok = [True] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        tail_ok[i] = tail_ok[i + 1] and _is_debris(lines[i])
    cut = len(lines)
    for i, kind in enumerate(kinds):
        if kind in TAIL_MARKERS and tail_ok[i + 1]:
            cut = i
            break
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
    return _remove_boilerplate(text)[0]


# --------------------------------------------------------------------------- pinyin

_SYLLABLE = f"[{_PINYIN_LETTERS}]+"
_ANNOTATION = (f"[(（]\\s*(?=[^)）]*[{_TONE_MARKS}])"  # at least one tone mark (or ü) inside
               f"{_SYLLABLE}(?:[ '’\\-]{_SYLLABLE}){{0,5}}\\s*[)）]")
_PINYIN_RE = re.compile(f"(?<=[{HAN}])(?:{_ANNOTATION})+", re.IGNORECASE)
_ONE_ANNOTATION_RE = re.compile(_ANNOTATION, re.IGNORECASE)
# every annotation holds a tone mark (or ü): texts without one are skipped
_TONE_MARK_RE = re.compile(f"[{_TONE_MARKS}]", re.IGNORECASE)
# the same characters without IGNORECASE (which makes sre fold the case of
# every character it scans): the tone marks and their upper case forms
_TONE_MARK_CASED_RE = re.compile("[" + "".join(sorted(set(_TONE_MARKS + _TONE_MARKS.upper()))) + "]")


def _remove_pinyin(text: str, count: bool = True) -> tuple[str, int]:
    if not _TONE_MARK_CASED_RE.search(text):
        return text, 0
    if not count:
        return _PINYIN_RE.sub("", text), 0
    n = 0

    def drop(m):
        nonlocal n
        n += len(_ONE_ANNOTATION_RE.findall(m.group()))
        return ""

    return _PINYIN_RE.sub(drop, text), n


def remove_pinyin_annotations(text: str) -> str:
    """Remove tone-marked pinyin annotations inserted after Han characters.

    An annotation is a bracket (half- or full-width) holding one to six pinyin
    syllables with at least one tone mark or ``ü``, right after a Han
    character: ``傳達(dá)`` → ``傳達``, ``創新(chuàng xīn)`` → ``創新``.
    Brackets holding anything else (``(2022)``, ``（试行）``, ``(C3线)``,
    ``(區)``, ``(ok)``) are kept.

    Args:
        text: the text to clean.

    Returns:
        The text without pinyin annotations.

    Example:
        >>> remove_pinyin_annotations("會議傳達(dá)學(xué)習(xí)了《条例（试行）》(2022)")
        '會議傳達學習了《条例（试行）》(2022)'
    """
    return _remove_pinyin(text, count=False)[0]


# --------------------------------------------------------------------------- traditional → simplified


@functools.lru_cache(maxsize=1)
def _opencc():
    import opencc

    try:
        return opencc.OpenCC("t2s")
    except Exception:  # older packages want the file name
        return opencc.OpenCC("t2s.json")


@functools.lru_cache(maxsize=1)
def _t2s_changeable() -> frozenset[str] | None:
    """Every character OpenCC ``t2s`` can change, or ``None`` if unknown.

    A text with none of them is left unchanged by ``t2s`` (every dictionary
    entry it could match maps to itself), so the conversion can be skipped.
    The set holds every character that differs between the two sides of an
    entry in the dictionaries of OpenCC's ``t2s.json`` (the character tables
    and the phrases: a few characters change only inside a phrase, like 藉 in
    憑藉 → 凭借, so converting each code point alone would not find them),
    dumped with the ``opencc_dict`` tool shipped in the ``opencc`` wheel.
    Without that tool (another OpenCC package), the answer is ``None`` and
    every text is converted.
    """
    import json
    import subprocess
    import tempfile

    try:
        import opencc

        root = Path(opencc.__file__).parent / "clib"
        tool, share = root / "bin" / "opencc_dict", root / "share" / "opencc"
        config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
        files = re.findall(r'"file":\s*"([^"]+)"', json.dumps(config))
        if not files or not tool.is_file():
            return None
        chars: set[str] = set()
        with tempfile.TemporaryDirectory() as tmp:
            for name in files:
                out = Path(tmp) / "dict.txt"
                kind = name.rsplit(".", 1)[-1]
                subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", kind, "-t", "text"],
                               check=True, capture_output=True, timeout=60)
                for line in out.read_text(encoding="utf-8").splitlines():
                    src, _, targets = line.partition("\t")
                    for target in targets.split(" "):
                        if len(target) != len(src):
                            chars.update(src)
                        else:
                            chars.update(a for a, b in zip(src, target) if a != b)
    except Exception:  # no tool, another layout or format: convert every text
        return None
    return frozenset(chars)


def _t2s_may_change(text: str) -> bool:
    changeable = _t2s_changeable()
    return changeable is None or not changeable.isdisjoint(text)


@functools.lru_cache(maxsize=1)
def _t2s_changeable_table() -> np.ndarray | None:
    """A boolean per code point: may OpenCC ``t2s`` change it (see :func:`_t2s_changeable`)."""
    changeable = _t2s_changeable()
    if changeable is None:
        return None
    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    table[[ord(ch) for ch in changeable]] = True
    return table


def _t2s(text: str) -> str:
    """OpenCC ``t2s`` to a fixpoint, run only on the lines that hold a changeable character.

    No dictionary entry of OpenCC holds a line break, so its maximal-match
    segmentation never joins characters across one: each line is segmented
    and converted as it would be inside the whole text, and a line without a
    changeable character is left as it is.
    """
    table = _t2s_changeable_table()
    if table is None:
        return _t2s_whole(text)
    codes = _code_points(text)
    hits = np.flatnonzero(table[codes])
    if not hits.size:
        return text
    newlines = np.flatnonzero(codes == 10)
    if not newlines.size:
        return _t2s_whole(text)
    starts = np.concatenate(([0], newlines + 1)).tolist()
    ends = np.concatenate((newlines, [len(text)])).tolist()
    pieces = []
    pos = 0
    for k in np.unique(np.searchsorted(newlines, hits)).tolist():
        a, b = starts[k], ends[k]
        pieces.append(text[pos:a])
        pieces.append(_t2s_whole(text[a:b]))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _t2s_whole(text: str) -> str:
    converter = _opencc()
    for _ in range(4):  # OpenCC's tables have a few chains (薴 → 苧 → 苎): run to a fixpoint
        converted = converter.convert(text)
        if converted == text:
            break
        text = converted
    return text


def _diff_changes(a: str, b: str) -> int:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _count_char_changes(a: str, b: str) -> int:
    if a == b:
        return 0
    if len(a) == len(b):  # positions that differ, on code point arrays
        return int(np.count_nonzero(_code_points(a) != _code_points(b)))
    return _diff_changes(a, b)


# Corner brackets are the quotation marks of traditional-script texts; the
# mainland norm (GB/T 15834) is “” and ‘’. Converting them keeps lexicon variants
# written with “” matching texts converted from Big5.
_CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


_CORNER_QUOTES_RE = re.compile("[「」『』]")


def _to_simplified(text: str, count: bool = True) -> tuple[str, int]:
    if not _HAN_RE.search(text):
        return text, 0
    converted = _t2s(text)
    if _CORNER_QUOTES_RE.search(converted):
        converted = converted.translate(_CORNER_QUOTES)
    return converted, (_count_char_changes(text, converted) if count else 0)


def detect_script(text: str, *, threshold: float = 0.02) -> str:
    """Tell whether a text is written in traditional or simplified characters.

    A text is ``"traditional"`` when OpenCC ``t2s`` changes more than
    ``threshold`` of its Han characters (simplified text changes almost none:
    6 of about 1.1 million characters in the 49 Government Work Reports).

    Args:
        text: any text.
        threshold: share of Han characters that must change.

    Returns:
        ``"traditional"``, ``"simplified"``, or ``""`` when the text has no Han
        character.

    Example:
        >>> detect_script("堅持黨的全面領導"), detect_script("坚持党的全面领导"), detect_script("abc")
        ('traditional', 'simplified', '')
    """
    han = count_han(text)
    if not han:
        return ""
    changed = _count_char_changes(text, _t2s(text))
    return "traditional" if changed / han > threshold else "simplified"


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones with OpenCC ``t2s``.

    On simplified text this is a no-op except for a handful of variant forms
    that OpenCC also normalises: in the 49 Government Work Reports the only
    change is 拚 → 拼 (拚命, 拚搏: 6 times, meaning unchanged). OpenCC keeps
    characters that are valid in both scripts (著, 乾 in 乾隆, 干). Corner
    quotation marks 「」『』 become “”‘’, the mainland norm.

    Args:
        text: the text to convert.

    Returns:
        The text in simplified characters; converting it again changes nothing.

    Example:
        >>> to_simplified("堅持黨的全面領導")
        '坚持党的全面领导'
        >>> to_simplified("坚持党的全面领导")
        '坚持党的全面领导'
    """
    return _to_simplified(text, count=False)[0]


# --------------------------------------------------------------------------- punctuation

_ASCII_TO_FULL = {",": "，", ";": "；", "!": "！", ":": "：", "?": "？"}
_CJK_CONTEXT = set(CJK_PUNCT)
_URL_RE = re.compile(r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|www\.[A-Za-z0-9\-._~/?#=&%]+")
_PAREN_RE = re.compile(r"\(([^()（）\n]*)\)")
_ASCII_MARK_RE = re.compile("[,;!:?]")


def _is_chinese_context(ch: str) -> bool:
    return ch in _CJK_CONTEXT or _is_han(ch)


def _normalize_punctuation(text: str, count: bool = True) -> tuple[str, int]:
    # counting is free here: converted marks are counted as they go
    if not any(c in text for c in ',;!:?()"'):
        return text, 0
    n = 0

    # straight double quotes around Chinese, pairwise per line: "十三五" → “十三五”
    if '"' in text:
        lines = text.split("\n")
        for k, line in enumerate(lines):
            count = line.count('"')
            if count and count % 2 == 0:
                parts = line.split('"')
                rebuilt = [parts[0]]
                for q in range(1, len(parts), 2):
                    inner, after = parts[q], parts[q + 1]
                    if _HAN_RE.search(inner):
                        rebuilt.append(f"“{inner}”{after}")
                        n += 2
                    else:
                        rebuilt.append(f'"{inner}"{after}')
                lines[k] = "".join(rebuilt)
        text = "\n".join(lines)

    # round brackets around Chinese: (站、点) → （站、点）; (2022) stays
    urls = [m.span() for m in _URL_RE.finditer(text)]

    def paren(m):
        nonlocal n
        if _HAN_RE.search(m.group(1)) and not any(a <= m.start() < b for a, b in urls):
            n += 2
            return f"（{m.group(1)}）"
        return m.group()

    text = _PAREN_RE.sub(paren, text)

    # , ; ! : ? in Chinese context: only the marks are visited. The previous
    # non-space character of the output is that of the input (only spaces are
    # ever dropped), or the full-width form of a mark converted just before.
    urls = [m.span() for m in _URL_RE.finditer(text)] if ("://" in text or "www." in text) else []
    out: list[str] = []
    pos = 0  # text[:pos] is in out
    length = len(text)
    converted_at = -1  # position of the last converted mark
    for m in _ASCII_MARK_RE.finditer(text):
        i = m.start()
        if i < pos or any(a <= i < b for a, b in urls):
            continue
        k = i - 1
        while k >= 0 and text[k] in " \t\u3000":
            k -= 1
        prev_chinese = k >= 0 and (k == converted_at or _is_chinese_context(text[k]))
        if not (prev_chinese or (i + 1 < length and _is_han(text[i + 1]))):
            continue
        out.append(text[pos:i])
        out.append(_ASCII_TO_FULL[m.group()])
        n += 1
        converted_at = i
        # drop spaces after the mark when Chinese text follows
        j = i + 1
        while j < length and text[j] in " \t\u3000":
            j += 1
        pos = j if (j > i + 1 and j < length and _is_chinese_context(text[j])) else i + 1
    if not out:
        return text, n
    out.append(text[pos:])
    return "".join(out), n


def normalize_punctuation(text: str) -> str:
    """Turn ASCII punctuation in Chinese text into full-width punctuation.

    An ASCII ``,`` ``;`` ``!`` ``:`` ``?`` becomes ``，；！：？`` when the
    previous non-space character is Han or Chinese punctuation, or the next
    character is Han; spaces after it are dropped when Chinese follows.
    Round brackets whose content contains a Han character become ``（）``, and
    pairs of straight double quotes around Chinese become ``“”``. Numbers
    (``1,000``, ``24.78%``, ``12:30``), brackets without Chinese (``(2022)``)
    and URLs are left alone.

    Args:
        text: the text to normalise.

    Returns:
        The text with Chinese punctuation.

    Example:
        >>> normalize_punctuation('同志们: 春节前,共1,000人(含代表)参加"两会"?')
        '同志们：春节前，共1,000人（含代表）参加“两会”？'
    """
    return _normalize_punctuation(text)[0]


# --------------------------------------------------------------------------- whitespace

# Both patterns begin with what they consume (whitespace, a space), so that
# the regex engine skips ahead to candidates instead of trying every position.
# a run of 2+ horizontal whitespace characters, or one that is not a space
# ``[^\S\n]`` spelt out (every str.isspace character but \n; tested): sre scans
# for an explicit set faster than for a negated category
_HSPACE = "\t\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_HSPACE_RUN_RE = re.compile(f"[{_HSPACE}](?:[{_HSPACE}]+|(?<=[^\\S\\n ]))")
_NUMBER_SPACE_RE = re.compile(
    rf" (?:(?<=[0-9] )(?=[0-9.%‰{HAN}])"  # 1 9 9 8 年 → 1998年
    rf"|(?<=[.%‰] )(?=[0-9])"              # 8 .8 → 8.8
    rf"|(?<=[{HAN}] )(?=[0-9]))"           # 达到 1 → 达到1
)
_BLANK_LINES_RE = re.compile(r"\n{3,}")
# a line with leading or trailing whitespace, as a whole: group 1 is line.strip()
# (``\s`` and str.strip agree on what whitespace is; no pattern crosses a line)
_UNSTRIPPED_LINE_RE = re.compile(r"^(?=[^\S\n]|.*[^\S\n]$)[^\S\n]*(.*\S)?[^\S\n]*$", re.MULTILINE)


def _stripped_line(m: re.Match) -> str:
    """``r"\\1"`` as a function: the template is parsed again for every match."""
    return m.group(1) or ""


def _normalize_whitespace(text: str, count: bool = True) -> tuple[str, int]:
    # line by line in effect, but each regex runs once over the whole text
    if not count:
        text = _unify_line_breaks(text)
        text = _UNSTRIPPED_LINE_RE.sub(_stripped_line, text)
        text = _HSPACE_RUN_RE.sub(" ", text)
        if " " in text:
            text = _NUMBER_SPACE_RE.sub("", text)
        if "\n\n\n" in text:
            text = _BLANK_LINES_RE.sub("\n\n", text)
        return text.strip("\n"), 0
    n = 0
    text, k = _LINE_BREAKS_RE.subn("\n", text)
    n += k
    text, k = _UNSTRIPPED_LINE_RE.subn(r"\1", text)
    n += k
    text, k = _HSPACE_RUN_RE.subn(" ", text)
    n += k
    text, k = _NUMBER_SPACE_RE.subn("", text)
    n += k
    text, k = _BLANK_LINES_RE.subn("\n\n", text)
    n += k
    stripped = text.strip("\n")
    if stripped != text:
        n += 1
    return stripped, n


def normalize_whitespace(text: str) -> str:
    """Strip indentation, collapse spaces and keep paragraphs.

    Each line is stripped of leading and trailing whitespace (including the
    ideographic space U+3000 used for indentation); runs of spaces, tabs and
    other horizontal whitespace inside a line become one space; spaces inside
    numbers and between numbers and Han characters are removed (the 1998
    report spaces out every digit: ``1 9 9 8 年`` → ``1998年``); more than one
    blank line becomes one; leading and trailing blank lines go.

    Args:
        text: the text to normalise.

    Returns:
        The text with tidy whitespace.

    Example:
        >>> normalize_whitespace("\\u3000\\u3000各位代表：\\r\\n\\n\\n\\u3000\\u3000增长 8 .8 %，  比上年提高。  ")
        '各位代表：\\n\\n增长8.8%， 比上年提高。'
    """
    return _normalize_whitespace(text, count=False)[0]


# --------------------------------------------------------------------------- pipeline

#: The cleaning steps in the order :func:`clean_text` applies them.
DEFAULT_STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("apply_errata", apply_errata),
    ("remove_invisible", remove_invisible),
    ("normalize_unicode", normalize_unicode),
    ("remove_pinyin_annotations", remove_pinyin_annotations),
    ("to_simplified", to_simplified),
    ("remove_boilerplate", remove_boilerplate),
    ("normalize_punctuation", normalize_punctuation),
    ("normalize_whitespace", normalize_whitespace),
)

_STEP_BY_NAME = dict(DEFAULT_STEPS)
_COUNTERS: dict[Callable, Callable[..., tuple[str, int]]] = {
    remove_invisible: _remove_invisible,
    normalize_unicode: _normalize_unicode,
    remove_boilerplate: _remove_boilerplate,
    remove_pinyin_annotations: _remove_pinyin,
    to_simplified: _to_simplified,
    normalize_punctuation: _normalize_punctuation,
    normalize_whitespace: _normalize_whitespace,
}


def make_pipeline(*funcs: Callable[[str], str]) -> Callable[[str], str]:
    """Compose text-in/text-out functions into one, applied left to right.

    Args:
        *funcs: functions ``str -> str``.

    Returns:
        A function ``str -> str`` that applies ``funcs`` in order.

    Example:
        >>> clean = make_pipeline(remove_pinyin_annotations, to_simplified)
        >>> clean("傳達(dá)學(xué)習(xí)")
        '传达学习'
    """
    funcs = tuple(funcs)
    for f in funcs:
        if not callable(f):
            raise TypeError(f"make_pipeline() takes functions, got {f!r}")

    def pipeline(text: str) -> str:
        for f in funcs:
            text = f(text)
        return text

    pipeline.steps = funcs
    return pipeline


def _resolve_steps(steps) -> list[tuple[str, Callable]]:
    if steps is None:
        return list(DEFAULT_STEPS)
    if isinstance(steps, str) or callable(steps):
        steps = [steps]
    resolved = []
    for step in steps:
        if isinstance(step, str):
            if step not in _STEP_BY_NAME:
                raise ValueError(f"unknown cleaning step {step!r}; choose from {', '.join(_STEP_BY_NAME)}")
            resolved.append((step, _STEP_BY_NAME[step]))
        elif callable(step):
            resolved.append((getattr(step, "__name__", repr(step)), step))
        else:
            raise TypeError(f"a cleaning step is a name or a function, got {step!r}")
    return resolved


def _run_step(func: Callable, text: str, errata, doc_id: str | None, *, count: bool = True) -> tuple[str, int]:
    """Run one step; with ``count=False`` skip counting its changes (0 is returned)."""
    if func is apply_errata:
        return _apply_errata(text, errata, doc_id=doc_id, count=count)
    counter = _COUNTERS.get(func)
    if counter is not None:
        return counter(text, count=count)
    out = func(text)
    if not isinstance(out, str):
        raise TypeError(f"cleaning step {func!r} returned {type(out).__name__}, not str")
    return out, (_count_char_changes(text, out) if count else 0)


def clean_text(text: str, *, steps: Sequence[str | Callable[[str], str]] | None = None,
               errata=None) -> str:
    """Clean one raw document.

    Runs the steps of :data:`DEFAULT_STEPS` in order (or the ``steps`` you
    choose). The result has no pinyin annotations, no web boilerplate, no
    traditional characters (OpenCC ``t2s`` leaves it unchanged), Chinese
    punctuation, tidy whitespace with paragraphs kept, and cleaning it again
    changes nothing.

    Args:
        text: the raw text.
        steps: names (see :data:`DEFAULT_STEPS`) or functions ``str -> str``
            to run in this order; ``None`` runs all default steps.
        errata: passed to :func:`apply_errata`: ``None`` for the bundled
            errata, a path, a DataFrame, a mapping, or ``False`` for none.

    Returns:
        The clean text.

    Raises:
        TypeError: ``text`` is not a string.

    Example:
        >>> clean_text("\\u3000\\u3000會議強調(diào),要堅持黨的全面領導(dǎo)。")
        '会议强调，要坚持党的全面领导。'
        >>> clean_text("傳達(dá)", steps=["remove_pinyin_annotations"])
        '傳達'
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text() takes a str, got {type(text).__name__}")
    for _, func in _resolve_steps(steps):
        text = _run_step(func, text, errata, None, count=False)[0]
    return text


# --------------------------------------------------------------------------- corpus helpers


def _documents(corpus, column: str | None = None) -> list[tuple[str, str]]:
    """Accept a DataFrame, a mapping {doc_id: text} or a single str."""
    if isinstance(corpus, str):
        return [("text", corpus)]
    if isinstance(corpus, pd.DataFrame):
        candidates = [column] if column else ["raw", "text"]
        col = next((c for c in candidates if c in corpus.columns), None)
        if col is None:
            raise ValueError(f"the corpus DataFrame needs a {' or '.join(map(repr, candidates))} column")
        ids = corpus["doc_id"] if "doc_id" in corpus.columns else corpus.index
        return [(str(i), "" if pd.isna(t) else str(t)) for i, t in zip(ids, corpus[col])]
    if isinstance(corpus, Mapping):
        return [(str(k), str(v)) for k, v in corpus.items()]
    raise TypeError("expected a corpus DataFrame (doc_id and raw columns), a mapping "
                    f"{{doc_id: text}} or a str, got {type(corpus).__name__}")


def cleaning_report(corpus, *, steps: Sequence[str | Callable[[str], str]] | None = None,
                    errata=None) -> pd.DataFrame:
    """Say what each cleaning step did to each document.

    Args:
        corpus: a corpus DataFrame (its ``raw`` column is cleaned; ``text`` is
            used when there is no ``raw``), a mapping ``{doc_id: raw text}`` or
            a single str (doc_id ``"text"``).
        steps: as in :func:`clean_text`.
        errata: as in :func:`clean_text`; a table's ``doc_id`` column is ignored
            (every row is applied to every document, like :func:`clean_text`).

    Returns:
        A DataFrame with one row per document and step, in order, and a last
        row per document named ``mojibake_detected``. Columns: doc_id, step,
        changes (edits the step made: errata applied, characters removed or
        converted, boilerplate lines removed, annotations removed, punctuation
        marks converted...; for ``mojibake_detected`` the number of suspicious
        spans :func:`find_mojibake` finds in the clean text, unrepaired
        rare-character placeholders included), chars_before, chars_after
        (lengths before and after the step), removed (``chars_before -
        chars_after``: the characters the step deleted, negative if it
        inserted some). Summed over a document's steps,
        ``removed`` is the length of the raw text minus that of the clean text.

    Example:
        >>> report = cleaning_report({"doc": "傳達(dá)學(xué)習(xí)"})
        >>> report.loc[report.changes > 0, ["step", "changes", "removed"]].values.tolist()
        [['remove_pinyin_annotations', 3, 13], ['to_simplified', 4, 0]]
    """
    resolved = _resolve_steps(steps)
    rows = []
    for doc_id, text in _documents(corpus):
        for name, func in resolved:
            before = len(text)
            text, changes = _run_step(func, text, errata, None)
            rows.append((doc_id, name, changes, before, len(text), before - len(text)))
        hits = find_mojibake(text)
        rows.append((doc_id, "mojibake_detected", len(hits), len(text), len(text), 0))
    df = pd.DataFrame(rows, columns=["doc_id", "step", "changes", "chars_before", "chars_after", "removed"])
    df["doc_id"] = df["doc_id"].astype(str)
    df["step"] = df["step"].astype(str)
    for col in ("changes", "chars_before", "chars_after", "removed"):
        df[col] = df[col].astype("int64")
    return df


# --------------------------------------------------------------------------- mojibake

#: A character counts as common when the words of jieba's dictionary that
#: contain it add up to at least this frequency (after t2s mapping).
COMMON_CHAR_MIN_FREQ = 1000
#: Runs of at least this many uncommon Han characters are reported.
RARE_RUN_MIN = 3


@functools.lru_cache(maxsize=1)
def _char_frequencies() -> dict[str, int]:
    import jieba

    freq: dict[str, int] = {}
    path = Path(jieba.__file__).with_name("dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) < 2:
                continue
            try:
                f = int(parts[1])
            except ValueError:
                continue
            for ch in parts[0]:
                freq[ch] = freq.get(ch, 0) + f
    return freq


@functools.lru_cache(maxsize=65536)
def _simplified_char(ch: str) -> str:
    out = _opencc().convert(ch)
    return out if len(out) == 1 else ch


#: Circled numbers ① to ⑳ and ㉑ to ㊿ (the footnote marks of a placeholder).
CIRCLED_NUMBERS = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
_HINT_LETTERS = "A-Za-z\uff21-\uff3a\uff41-\uff5a" + "".join(sorted(set(_TONE_MARKS + _TONE_MARKS.upper())))
#: A rare-character placeholder: an optional pinyin hint in (full- or
#: half-width) Latin letters with tone marks, an at sign (＠ or @, which
#: :func:`normalize_unicode` makes of ＠) and a circled number: ``ｆú＠①``,
#: ``xī@②``, or ``＠①`` alone.
PLACEHOLDER_RE = re.compile(f"(?P<hint>[{_HINT_LETTERS}]*)[＠@](?P<number>[{CIRCLED_NUMBERS}])")

_MOJIBAKE_PATTERNS = (
    # a rare character replaced by a placeholder (pinyin hint, ＠, circled number)
    PLACEHOLDER_RE,
    # U+FFFD: bytes that could not be decoded
    re.compile("\ufffd+"),
    # an ASCII ? touching a Han character (a lost GBK lead byte)
    re.compile(f"(?<=[{HAN}])\\?+|\\?+(?=[{HAN}])"),
    # pinyin syllable with a closing bracket but no opening one: 域?qū)嵺
    re.compile(f"(?<![(（{_PINYIN_LETTERS}])(?=[{_PINYIN_LETTERS}]*[{_TONE_MARKS}])[{_PINYIN_LETTERS}]+[)）]",
               re.IGNORECASE),
    # UTF-8 read as Latin-1/cp1252: æ–° Ã©
    re.compile("(?:[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
               "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}){2,}"),
    # the classic GBK renderings of U+FFFD and uninitialised memory
    re.compile("(?:锟斤拷|烫烫烫|屯屯屯|鍗庝负)+"),
)


def _find_mojibake_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for rx in _MOJIBAKE_PATTERNS:
        spans.extend(m.span() for m in rx.finditer(text))
    if _HAN_RE.search(text):
        freq = _char_frequencies()
        start = None
        for i, ch in enumerate(text + " "):
            rare = _is_han(ch) and freq.get(_simplified_char(ch), 0) < COMMON_CHAR_MIN_FREQ
            if rare and start is None:
                start = i
            elif not rare and start is not None:
                if i - start >= RARE_RUN_MIN:
                    spans.append((start, i))
                start = None
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def find_mojibake(text, *, width: int = 10, column: str = "text"):
    """Point at spans that look like garbled text (mojibake).

    Heuristics: the replacement character U+FFFD; an ASCII ``?`` touching a
    Han character (a lost GBK byte); a tone-marked pinyin syllable with a
    closing bracket but no opening one (a damaged annotation); UTF-8 read as
    Latin-1 (``æ–°``); ``锟斤拷``; a rare-character placeholder
    (:data:`PLACEHOLDER_RE`, ``ｆú＠①``; :func:`find_placeholders` gives its
    pinyin hint); and runs of at least :data:`RARE_RUN_MIN` Han characters
    that are all uncommon (rarer than :data:`COMMON_CHAR_MIN_FREQ` in jieba's
    dictionary, traditional characters counted as their simplified forms).
    Once cleaned, the bundled documents are flagged only where a placeholder
    could not be repaired (gwr-1956 twice, gwr-1958 once; see
    ``data/README.md``); the known corrupted spans of the seeds are flagged
    when cleaned with ``errata=False``.

    Args:
        text: a str, or a corpus DataFrame / mapping ``{doc_id: text}``.
        width: characters of context on each side.
        column: the DataFrame column to scan (``text`` by default).

    Returns:
        For a str, a list of ``(position, context)``; for a corpus, a
        DataFrame with columns doc_id, position, context.

    Example:
        >>> find_mojibake("坚持人民民主。")
        []
        >>> find_mojibake("项目袑嵲鰪进展", width=2)
        [(2, '项目袑嵲鰪进展')]
    """
    if isinstance(text, str):
        return [(a, text[max(0, a - width):b + width]) for a, b in _find_mojibake_spans(text)]
    return _per_document(text, column, ["position", "context"],
                         lambda doc: [{"position": p, "context": c} for p, c in find_mojibake(doc, width=width)])


def _per_document(corpus, column: str, columns: list[str], rows_of) -> pd.DataFrame:
    """doc_id plus ``columns``: the rows ``rows_of(text)`` gives for each document of a corpus
    (a DataFrame's ``column``, or ``raw`` when there is no such column; or a mapping)."""
    if isinstance(corpus, pd.DataFrame) and column not in corpus.columns and "raw" in corpus.columns:
        column = "raw"
    rows = [{"doc_id": doc_id, **row}
            for doc_id, doc in _documents(corpus, column if isinstance(corpus, pd.DataFrame) else None)
            for row in rows_of(doc)]
    df = pd.DataFrame(rows, columns=["doc_id", *columns])
    return df.astype({c: ("int64" if c == "position" else str) for c in df.columns})


# --------------------------------------------------------------------------- placeholders


def _placeholder_rows(text: str, width: int) -> list[dict]:
    rows = []
    for m in PLACEHOLDER_RE.finditer(text):
        a, b = m.span()
        rows.append({"position": a, "placeholder": m.group(),
                     "hint": unicodedata.normalize("NFKC", m.group("hint")),
                     "context": text[max(0, a - width):b + width]})
    return rows


def find_placeholders(text, *, width: int = 10, column: str = "text"):
    """List the placeholders a web source put where it could not encode a rare character.

    The source of the bundled Government Work Reports replaced characters it
    could not encode (e.g. 茀, which is not in GB2312) by a pinyin hint in
    full-width Latin letters with tone marks, ``＠`` and a circled number
    numbering the placeholders of the document: ``栾ｆú＠①`` for 栾茀. The hint
    may be missing (``硫＠①``). After :func:`normalize_unicode` the same
    placeholder reads ``fú@①``; both forms are found. Repairs established
    from sources are in ``data/errata.csv``; ``data/README.md`` lists the
    placeholders that remain. :func:`find_mojibake` flags them too.

    Args:
        text: a str, or a corpus DataFrame / mapping ``{doc_id: text}``.
        width: characters of context on each side.
        column: the DataFrame column to scan (``text`` by default, ``raw``
            when there is no ``text``).

    Returns:
        For a str, a list of dicts with keys ``position`` (index of the
        placeholder's first character, hint included), ``placeholder`` (the
        span as found), ``hint`` (the pinyin hint with full-width letters
        folded to ASCII, ``""`` when there is none) and ``context``. For a
        corpus, a DataFrame with columns doc_id, position, placeholder, hint,
        context.

    Example:
        >>> find_placeholders("赵春娥、栾ｆú＠①、张华", width=2)
        [{'position': 5, 'placeholder': 'ｆú＠①', 'hint': 'fú', 'context': '、栾ｆú＠①、张'}]
        >>> [p["hint"] for p in find_placeholders("硫@①增长，xī@②铜片")]
        ['', 'xī']
        >>> find_placeholders("发邮件至a@b.cn，见注①。")
        []
    """
    if isinstance(text, str):
        return _placeholder_rows(text, width)
    return _per_document(text, column, ["position", "placeholder", "hint", "context"],
                         lambda doc: _placeholder_rows(doc, width))
