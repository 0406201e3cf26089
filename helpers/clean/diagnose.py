"""Diagnostics: what still looks wrong in a text after (or before) cleaning.

:func:`find_mojibake` points at spans that look garbled (U+FFFD, lost GBK
bytes, damaged pinyin annotations, UTF-8 read as Latin-1, runs of rare
characters measured against the character frequencies of jieba's
dictionary); :func:`find_placeholders` lists the rare-character placeholders
(:data:`PLACEHOLDER_RE`, ``ｆú＠①``) of the web source of some Government
Work Reports. Both take a str or a whole corpus (:func:`corpus_documents`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .._chars import HAN, HAN_RE, is_han
from .pinyin import PINYIN_LETTERS, TONE_MARKS
from .variants import t2s_converter

__all__ = ["find_mojibake", "find_placeholders", "PLACEHOLDER_RE", "CIRCLED_NUMBERS",
           "COMMON_CHAR_MIN_FREQ", "RARE_RUN_MIN"]

# --------------------------------------------------------------------------- corpora


def corpus_documents(corpus, column: str | None = None) -> list[tuple[str, str]]:
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


# --------------------------------------------------------------------------- character frequencies

#: A character counts as common when the words of jieba's dictionary that
#: contain it add up to at least this frequency (after t2s mapping).
COMMON_CHAR_MIN_FREQ = 1000
#: Runs of at least this many uncommon Han characters are reported.
RARE_RUN_MIN = 3


@functools.lru_cache(maxsize=1)
def _char_frequencies() -> dict[str, int]:
    import jieba  # lazy: a large package, needed only when a text holds Han characters

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
    out = t2s_converter().convert(ch)
    return out if len(out) == 1 else ch



# --------------------------------------------------------------------------- mojibake

#: Circled numbers ① to ⑳ and ㉑ to ㊿ (the footnote marks of a placeholder).
CIRCLED_NUMBERS = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
_HINT_LETTERS = "A-Za-z\uff21-\uff3a\uff41-\uff5a" + "".join(sorted(set(TONE_MARKS + TONE_MARKS.upper())))
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
    re.compile(f"(?<![(（{PINYIN_LETTERS}])(?=[{PINYIN_LETTERS}]*[{TONE_MARKS}])[{PINYIN_LETTERS}]+[)）]",
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
    if HAN_RE.search(text):
        freq = _char_frequencies()
        start = None
        for i, ch in enumerate(text + " "):
            rare = is_han(ch) and freq.get(_simplified_char(ch), 0) < COMMON_CHAR_MIN_FREQ
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
            for doc_id, doc in corpus_documents(corpus, column if isinstance(corpus, pd.DataFrame) else None)
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

