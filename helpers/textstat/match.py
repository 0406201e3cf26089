"""Analyses that return tidy DataFrames: counts, trends, keyness, concordances.

Two kinds of counting, and every function says which one it uses:

* **Substring counts** (:func:`count_slogans`, :func:`slogan_trends`,
  :func:`formulation_table`, :func:`dispersion`, :func:`kwic`): occurrences of a
  lexicon term *or any of its variants* in the clean text, non-overlapping, as
  ``str.count`` does. Each term is counted on its own, so 中国特色社会主义 is
  also counted inside 习近平新时代中国特色社会主义思想. When a term's variants do
  not contain one another (the usual case) the count is exactly
  ``text.count(term) + sum(text.count(v) for v in variants)``; when one form
  contains another (中国梦 / 中华民族伟大复兴的中国梦) a stretch of text is counted
  once, the longest form winning.
* **Token counts** (:func:`term_frequencies`, :func:`keyness`,
  :func:`collocations`, :func:`document_term_matrix`, :func:`similarity`): tokens
  from :func:`helpers.segment.tokenize`, with punctuation, pure numbers and
  stopwords removed and lexicon terms always kept.

Rates are per 10,000 **Han characters** of clean text (``rate_per_10k``), the
unit used in the literature on work reports; ``n_chars`` is that denominator.

Example:
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": [2021, 2022],
    ...                        "text": ["坚持两个确立。", "两个确立，两个确立！"]})
    >>> count_slogans(corpus, ["两个确立"])[["doc_id", "term", "count"]].to_dict("records")
    [{'doc_id': 'a', 'term': '两个确立', 'count': 1}, {'doc_id': 'b', 'term': '两个确立', 'count': 2}]
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, islice

import numpy as np
import pandas as pd

from . import paths
from .dates import before_first_use
from .lexicon import as_lexicon, lexicon_terms, load_stopwords
from ._chars import HAN as HAN_CLASS
from ._chars import count_han, is_word
from .segment import INDEX_MIN_CHARS, FormIndex, iter_segments, stock_jieba, tokens_table, trie_regex

__all__ = [
    "count_slogans",
    "term_frequencies",
    "slogan_trends",
    "keyness",
    "kwic",
    "collocations",
    "dispersion",
    "document_term_matrix",
    "DocumentTermMatrix",
    "similarity",
    "find_formulations",
    "formulation_table",
]

_NUMBER = re.compile(r"^[\d０-９.．,，%％‰+\-~～/]+$")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


# --------------------------------------------------------------------------
# shared helpers



def corpus_texts(corpus: pd.DataFrame) -> list[str]:
    if len(corpus) == 0:
        return []
    return corpus["text"].fillna("").astype(str).tolist()


def _doc_ids(corpus: pd.DataFrame) -> list[str]:
    if len(corpus) == 0:
        return []
    return corpus["doc_id"].astype(str).tolist()


def _as_list(by) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def forms_of_terms(lex: pd.DataFrame, terms=None) -> list[tuple[str, str, list[str]]]:
    """(term, category, forms) for the lexicon, or for ``terms`` (any strings)."""
    table = {t: (c, [t, *v]) for t, c, v in zip(lex["term"], lex["category"], lex["variants"])}
    if terms is None:
        return [(t, c, f) for t, (c, f) in table.items()]
    if isinstance(terms, str):
        terms = [terms]
    out = []
    for t in dict.fromkeys(terms):
        c, f = table.get(t, ("", [t]))
        out.append((t, c, f))
    return out


def _self_overlaps(form: str) -> bool:
    """True when two occurrences of ``form`` can overlap (哈哈 in 哈哈哈)."""
    return any(form[:k] == form[-k:] for k in range(1, len(form)))


class _TermCounter:
    """Count the forms of many terms in one scan of each text.

    The counts are those of the simple procedure, term by term: the sum of
    ``text.count(form)`` over a term's forms when none of them contains
    another, and otherwise the number of non-overlapping matches of a regex
    preferring the longest form, left to right (a stretch where forms nest is
    counted once). ``tests/test_speed_equivalence.py`` keeps that procedure
    and checks the two agree.

    One regex finds, at every position, the longest form of any term starting
    there (a lookahead, so occurrences may overlap). Every form that occurs at
    that position is a prefix of that longest one, so the positions of every
    form follow from a table of each form's prefixes that are forms too.
    Texts of :data:`helpers.segment.INDEX_MIN_CHARS` characters or more are
    scanned with :class:`helpers.segment.FormIndex` (numpy) instead of the
    regex: the same longest form per position, three to four times faster.
    """

    def __init__(self, term_forms: tuple[tuple[str, ...], ...]):
        self.terms = [list(dict.fromkeys(f for f in forms if f)) for forms in term_forms]
        all_forms = sorted({f for forms in self.terms for f in forms})
        form_set = set(all_forms)
        self.prefixes = {f: [f[:k] for k in range(1, len(f) + 1) if f[:k] in form_set] for f in all_forms}
        self.overlapping = {f for f in all_forms if _self_overlaps(f)}
        self.nested = [any(a != b and a in b for a in forms for b in forms) for forms in self.terms]
        self.terms_of: dict[str, list[int]] = {}
        for j, forms in enumerate(self.terms):
            for f in forms:
                self.terms_of.setdefault(f, []).append(j)
        self.pattern = None
        if all_forms:
            # the first character (and, for longer forms, the second) must
            # fit before the trie is tried: most positions fail right there
            firsts = "".join(sorted({re.escape(f[0]) for f in all_forms if len(f) > 1}))
            seconds = "".join(sorted({re.escape(f[1]) for f in all_forms if len(f) > 1}))
            singles = "".join(sorted({re.escape(f) for f in all_forms if len(f) == 1}))
            heads = "|".join(h for h in (f"[{firsts}][{seconds}]" if firsts else "",
                                         f"[{singles}]" if singles else "") if h)
            self.pattern = re.compile(f"(?=(?:{heads}))(?=({trie_regex(all_forms)}))")
        # the same longest-form-per-position scan with numpy, for texts of a few hundred characters or more
        self.forms = tuple(all_forms)
        self.index = FormIndex.build(self.forms) if all_forms else None

    def starts(self, text: str) -> dict[int, int]:
        """{position: length of the longest form starting there}, ascending."""
        if self.pattern is None:
            return {}
        if self.index is not None and len(text) >= INDEX_MIN_CHARS:
            return self.index.starts(text)
        return {m.start(): len(m.group(1)) for m in self.pattern.finditer(text)}

    def positions(self, text: str, starts: dict[int, int] | None = None) -> dict[str, list[int]]:
        """Every start position of every form in ``text`` (ascending).

        ``starts`` is :meth:`starts` of ``text`` when the caller has it already
        (the pipeline shares one scan between segmentation and slogan counts).
        """
        found: dict[str, list[int]] = {}
        if starts is None:
            starts = self.starts(text)
        prefixes = self.prefixes
        for p, k in starts.items():
            for f in prefixes[text[p:p + k]]:
                found.setdefault(f, []).append(p)
        return found

    def count(self, text: str, starts: dict[int, int] | None = None) -> dict[int, int]:
        """{term index: count} for the terms that occur in ``text``."""
        found = self.positions(text, starts)
        touched = sorted({j for f in found for j in self.terms_of[f]})
        out = {}
        for j in touched:
            forms = [f for f in self.terms[j] if f in found]
            if self.nested[j]:
                out[j] = _leftmost_longest(forms, found)
            else:
                out[j] = sum(_non_overlapping(found[f], len(f)) if f in self.overlapping else len(found[f])
                             for f in forms)
        return out


def _non_overlapping(positions: list[int], length: int) -> int:
    """``str.count``: occurrences taken left to right, skipping overlaps."""
    n, end = 0, -1
    for p in positions:
        if p >= end:
            n += 1
            end = p + length
    return n


def _leftmost_longest(forms: list[str], found: dict[str, list[int]]) -> int:
    """Matches of a regex over ``forms`` preferring the longest, left to right."""
    longest: dict[int, int] = {}
    for f in forms:
        for p in found[f]:
            if len(f) > longest.get(p, 0):
                longest[p] = len(f)
    n, end = 0, -1
    for p in sorted(longest):
        if p >= end:
            n += 1
            end = p + longest[p]
    return n


@functools.lru_cache(maxsize=16)
def term_counter(term_forms: tuple[tuple[str, ...], ...]) -> _TermCounter:
    return _TermCounter(term_forms)


def count_matrix(texts: list[str], term_forms) -> np.ndarray:
    """docs × terms array of substring counts (see :class:`_TermCounter`)."""
    counts = np.zeros((len(texts), len(term_forms)), dtype=np.int64)
    if not texts or not term_forms:
        return counts
    counter = term_counter(tuple(tuple(forms) for _, _, forms in term_forms))
    for i, text in enumerate(texts):
        for j, c in counter.count(text).items():
            counts[i, j] = c
    return counts


def per_10k(count, n_chars):
    count = np.asarray(count, dtype=float)
    n_chars = np.asarray(n_chars, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n_chars > 0, count / n_chars * 10_000, np.nan)


def _stopword_set(stopwords, lex) -> frozenset[str]:
    if stopwords is True:
        return load_stopwords(lexicon=lex)
    if not stopwords:
        return frozenset()
    return frozenset(stopwords) - frozenset(lexicon_terms(lex))


def word_filter(stopwords, lex):
    """A function token -> keep? (words only: no punctuation, pure numbers, stopwords; lexicon terms kept)."""
    stop = _stopword_set(stopwords, lex)
    protected = frozenset(lexicon_terms(lex))
    memo: dict[str, bool] = {}

    def keep(t: str) -> bool:
        r = memo.get(t)
        if r is None:
            r = memo[t] = (t in protected) or (is_word(t) and not _NUMBER.match(t) and t not in stop)
        return r

    return keep


def _word_tokens(corpus, *, lexicon, stopwords, engine, n_jobs=None, hmm=True, progress=None,
                 cache=None) -> pd.DataFrame:
    """tokens_table without punctuation, pure numbers and stopwords."""
    lex = as_lexicon(lexicon)
    toks = tokens_table(corpus, lexicon=lex, engine=engine, hmm=hmm, n_jobs=n_jobs, progress=progress,
                        cache=cache)
    if not len(toks):
        return toks
    keep = word_filter(stopwords, lex)
    ok = {t: keep(t) for t in pd.unique(toks["token"])}
    return toks[toks["token"].map(ok).to_numpy(dtype=bool)]


@dataclass
class _Counts:
    """Word counts of a corpus, one entry per document × distinct word (integer codes).

    ``doc`` (row in the corpus), ``tid`` (index in ``terms``) and ``n`` (count)
    are parallel int arrays; each (doc, tid) pair occurs once. A few bytes per
    entry, where a Counter per document would take a hundred.
    """

    doc: np.ndarray
    tid: np.ndarray
    n: np.ndarray
    terms: np.ndarray  # object array of str
    n_docs: int


class _Vocab(dict):
    """word -> id; a missing word gets the next id (and is appended to ``terms``)."""

    def __init__(self):
        super().__init__()
        self.terms: list[str] = []

    def __missing__(self, word: str) -> int:
        i = self[word] = len(self.terms)
        self.terms.append(word)
        return i


class CountCoder:
    """Turn a stream of per-document token Counters into :class:`_Counts`.

    Each batch of Counters is turned into integer codes at once, so memory
    holds the codes, not every document's tokens; ``keep`` (a word filter,
    see :func:`word_filter`) runs once per distinct word.
    """

    def __init__(self, keep, batch: int = 64):
        self.keep, self.batch = keep, batch
        self.vocab = _Vocab()
        self.kept: list[bool] = []
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.buf: list[Counter] = []
        self.start = 0

    def add(self, counts: Counter) -> None:
        self.buf.append(counts)
        if len(self.buf) >= self.batch:
            self.flush()

    def flush(self) -> None:
        buf, vocab, kept = self.buf, self.vocab, self.kept
        sizes = np.fromiter((len(c) for c in buf), dtype=np.int64, count=len(buf))
        total = int(sizes.sum())
        if total:
            # ids in order of first appearance; only a new word costs a Python call (__missing__)
            tid = np.fromiter(map(vocab.__getitem__, chain.from_iterable(buf)), dtype=np.int64, count=total)
            kept.extend(map(self.keep, islice(vocab.terms, len(kept), None)))
            counts = np.fromiter(chain.from_iterable(c.values() for c in buf), dtype=np.int64, count=total)
            doc = np.repeat(np.arange(self.start, self.start + len(buf), dtype=np.int64), sizes)
            mask = np.asarray(kept, dtype=bool)[tid]
            # int32: 12 bytes per document × word (counts and ids stay far below 2**31)
            self.parts.append((doc[mask].astype(np.int32), tid[mask].astype(np.int32),
                               counts[mask].astype(np.int32)))
        self.start += len(buf)
        buf.clear()

    def result(self) -> _Counts:
        self.flush()
        parts = self.parts
        cat = (lambda k: np.concatenate([p[k] for p in parts]) if parts else np.zeros(0, dtype=np.int32))
        return _Counts(cat(0), cat(1), cat(2), np.array(self.vocab.terms, dtype=object), self.start)


def _word_counts(corpus, *, lexicon, stopwords, engine, n_jobs=None, hmm=True, progress=None,
                 cache=None, batch: int = 64) -> _Counts:
    """Count the words (as :func:`_word_tokens` keeps them) of every document.

    Documents are segmented one by one (or by worker processes) and coded in
    batches (:class:`CountCoder`).
    """
    lex = as_lexicon(lexicon)
    coder = CountCoder(word_filter(stopwords, lex), batch)
    # the column itself, not a list: each text becomes a Python string only while it is segmented
    texts = corpus["text"].fillna("").astype(str) if len(corpus) else []
    for c in iter_segments(texts, lexicon=lex, engine=engine, hmm=hmm, what="counts", n_jobs=n_jobs,
                           progress=progress, cache=cache):
        coder.add(c)
    return coder.result()


def _doc_order(corpus: pd.DataFrame) -> pd.DataFrame:
    """Documents sorted oldest first (date, then year, then corpus order)."""
    keys = [c for c in ("date", "year") if c in corpus.columns]
    order = corpus.assign(_row=np.arange(len(corpus)))
    return order.sort_values([*keys, "_row"], kind="stable", na_position="last")


# --------------------------------------------------------------------------
# substring counts


def count_slogans(corpus: pd.DataFrame, lexicon=None, *, by=None, zeros: bool = False) -> pd.DataFrame:
    """Count every lexicon term (with its variants) in every document.

    Counting is a plain, non-overlapping substring count of the clean text (see
    the module docstring), so the numbers can be checked with ``str.count``.

    Each term is counted on its own, also inside a longer term: 人民代表大会制度
    is counted in 坚持和完善人民代表大会制度 as well, because a scholar tracking
    the shorter formulation wants those mentions. Counts of nested terms
    therefore overlap: do not add up the counts of different terms to get "the
    number of formulations" in a document.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text`` (and any grouping columns).
        lexicon: anything :func:`helpers.lexicon.load_lexicon` accepts
            (``None`` = bundled lexicon).
        by: column name(s) to aggregate over (e.g. ``"year"``); ``None`` gives
            one row per document × term.
        zeros: keep rows whose count is 0.

    Returns:
        Without ``by``: doc_id, term, category, count, n_chars, rate_per_10k,
        before_first_use (True when the document is certainly older than the
        term's ``first_official_use`` in the lexicon: an earlier meaning or an
        anachronism, e.g. 全面深化改革 in the 1989 report).
        With ``by``: the ``by`` column(s), term, category, count (sum), n_docs
        (documents in the group), docs_with_term, n_chars, rate_per_10k,
        count_before_first_use (the part of ``count`` in such documents).
        ``n_chars`` is the number of Han characters; ``rate_per_10k`` is count
        per 10,000 Han characters.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["全过程人民民主是全过程的民主。"]})
        >>> count_slogans(corpus, ["全过程人民民主", "两个确立"], zeros=True)[["term", "count", "n_chars"]].values.tolist()
        [['全过程人民民主', 1, 14], ['两个确立', 0, 14]]
    """
    lex = as_lexicon(lexicon)
    term_forms = forms_of_terms(lex)
    texts = corpus_texts(corpus)
    counts = count_matrix(texts, term_forms)
    n_chars = np.array([count_han(t) for t in texts], dtype=np.int64)
    return slogan_frame(corpus, counts, n_chars, term_forms, lex, by=by, zeros=zeros)


def slogan_frame(corpus, counts, n_chars, term_forms, lex, *, by=None, zeros=False) -> pd.DataFrame:
    """:func:`count_slogans`'s table from the docs × terms ``counts`` and the Han characters per document."""
    n_docs, n_terms = counts.shape
    long = pd.DataFrame({
        "doc_id": np.repeat(np.array(_doc_ids(corpus), dtype=object), n_terms),
        "term": np.tile(np.array([t for t, _, _ in term_forms], dtype=object), n_docs),
        "category": np.tile(np.array([c for _, c, _ in term_forms], dtype=object), n_docs),
        "count": counts.reshape(-1),
        "n_chars": np.repeat(n_chars, n_terms),
    })
    early = before_first_use(corpus, [t for t, _, _ in term_forms], lex).reshape(-1)
    by = _as_list(by)
    if not by:
        long["rate_per_10k"] = per_10k(long["count"], long["n_chars"])
        long["before_first_use"] = early
        if not zeros:
            long = long[long["count"] > 0]
        return long.reset_index(drop=True)
    meta = corpus[["doc_id", *by]].astype({"doc_id": str}) if len(corpus) else pd.DataFrame(columns=["doc_id", *by])
    long = long.merge(meta, on="doc_id", how="left")
    long["has"] = long["count"] > 0
    long["_early"] = np.where(early, long["count"], 0)
    out = (
        long.groupby([*by, "term", "category"], sort=True, dropna=True)
        .agg(count=("count", "sum"), n_docs=("doc_id", "nunique"),
             docs_with_term=("has", "sum"), n_chars=("n_chars", "sum"),
             count_before_first_use=("_early", "sum"))
        .reset_index()
    )
    out["rate_per_10k"] = per_10k(out["count"], out["n_chars"])
    out = out.astype({"count": "int64", "n_docs": "int64", "docs_with_term": "int64", "n_chars": "int64",
                      "count_before_first_use": "int64"})
    out = out[[*by, "term", "category", "count", "n_docs", "docs_with_term", "n_chars",
               "rate_per_10k", "count_before_first_use"]]
    if not zeros:
        out = out[out["count"] > 0]
    return out.reset_index(drop=True)


def slogan_trends(corpus: pd.DataFrame, terms=None, *, lexicon=None, by="year",
                  exclude_before_first_use: bool = False) -> pd.DataFrame:
    """Follow terms over time (or any grouping), zeros included.

    One row per group × term for every group present in the corpus, including
    groups where the term does not occur (count 0). Groups absent from the
    corpus (e.g. years with no report) are absent, not zero.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and the ``by`` column.
        terms: terms to follow (a string or list); lexicon terms are counted
            with their variants, other strings as plain substrings. ``None`` =
            every lexicon term.
        lexicon: see :func:`count_slogans`.
        by: grouping column(s), ``"year"`` by default.
        exclude_before_first_use: leave out matches in documents certainly
            older than the term's ``first_official_use`` (lexicon): they count
            0 and the document does not "use" the term. The documents still
            count in ``n_docs`` and ``n_chars``.

    Returns:
        DataFrame with the ``by`` column(s), term, count, rate_per_10k (per
        10,000 Han characters), docs_with_term, n_docs, share_docs
        (docs_with_term / n_docs), n_chars, count_before_first_use (the
        part of ``count`` in documents older than the first official use;
        0 when ``exclude_before_first_use``).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [1988, 1988, 1992],
        ...                        "text": ["改革开放", "改革", "改革开放，改革开放"]})
        >>> trend = slogan_trends(corpus, ["改革开放"], lexicon=[])
        >>> trend[["year", "count", "docs_with_term", "n_docs"]].values.tolist()
        [[1988, 1, 1, 2], [1992, 2, 1, 1]]
        >>> trend["share_docs"].tolist()
        [0.5, 1.0]
    """
    lex = as_lexicon(lexicon)
    term_forms = forms_of_terms(lex, terms)
    by = _as_list(by)
    cols = [*by, "term", "count", "rate_per_10k", "docs_with_term", "n_docs", "share_docs", "n_chars",
            "count_before_first_use"]
    texts = corpus_texts(corpus)
    if not texts or not term_forms:
        return pd.DataFrame(columns=cols)
    counts = count_matrix(texts, term_forms)
    early_docs = before_first_use(corpus, [t for t, _, _ in term_forms], lex)
    early = np.where(early_docs, counts, 0)
    if exclude_before_first_use:
        counts = counts - early
        early = np.zeros_like(early)
    frame = corpus[by].reset_index(drop=True).copy()
    frame["_n_chars"] = [count_han(t) for t in texts]
    rows = []
    for key, idx in frame.groupby(by, sort=True, dropna=True).indices.items():
        key = key if isinstance(key, tuple) else (key,)
        sub = counts[idx]
        n_chars = int(frame["_n_chars"].iloc[idx].sum())
        for j, (term, _, _) in enumerate(term_forms):
            c = int(sub[:, j].sum())
            with_term = int((sub[:, j] > 0).sum())
            rows.append((*key, term, c, float(per_10k(c, n_chars)), with_term, len(idx),
                         with_term / len(idx), n_chars, int(early[idx, j].sum())))
    out = pd.DataFrame(rows, columns=cols)
    ints = {c: "int64" for c in ("count", "docs_with_term", "n_docs", "n_chars", "count_before_first_use")}
    return out.astype(ints)


def formulation_table(corpus: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """Tabulate each lexicon term's first appearance and spread in the corpus.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ideally ``year``/``date``.
        lexicon: see :func:`count_slogans`.

    Returns:
        DataFrame with term, category, first_official_use (from the lexicon),
        first_year (earliest document containing the term), first_doc (its
        doc_id), n_docs (documents containing it), total_count (substring
        count). Terms that never occur have n_docs 0 and empty first_year.
        Sorted by first_year, then lexicon order.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["x", "y"], "year": [1993, 1998],
        ...                        "text": ["社会主义市场经济", "邓小平理论和社会主义市场经济"]})
        >>> formulation_table(corpus, ["邓小平理论", "社会主义市场经济"])[["term", "first_year", "n_docs"]].values.tolist()
        [['社会主义市场经济', 1993, 2], ['邓小平理论', 1998, 1]]
    """
    lex = as_lexicon(lexicon)
    cols = ["term", "category", "first_official_use", "first_year", "first_doc", "n_docs", "total_count"]
    ordered = _doc_order(corpus) if len(corpus) else corpus
    term_forms = forms_of_terms(lex)
    counts = count_matrix(corpus_texts(ordered), term_forms)
    ids = _doc_ids(ordered)
    years = ordered["year"].tolist() if "year" in ordered.columns else [pd.NA] * len(ids)
    official = dict(zip(lex["term"], lex["first_official_use"]))
    rows = []
    for j, (term, cat, _) in enumerate(term_forms):
        hits = np.flatnonzero(counts[:, j] > 0) if len(ids) else []
        first = hits[0] if len(hits) else None
        rows.append((term, cat, official.get(term, ""),
                     years[first] if first is not None else pd.NA,
                     ids[first] if first is not None else "",
                     len(hits), int(counts[:, j].sum()) if len(ids) else 0))
    out = pd.DataFrame(rows, columns=cols)
    out["first_year"] = pd.array(out["first_year"], dtype="Int64")
    out = out.assign(_order=np.arange(len(out))).sort_values(["first_year", "_order"], na_position="last")
    return out.drop(columns="_order").reset_index(drop=True)


def kwic(
    corpus: pd.DataFrame,
    pattern,
    *,
    window: int = 20,
    regex: bool = False,
    lexicon=None,
) -> pd.DataFrame:
    """Show every occurrence of a pattern in context (keyword in context).

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        pattern: a string or list of strings; with ``regex=True`` a regular
            expression (a list is joined with ``|``).
        window: characters of context on each side.
        regex: treat ``pattern`` as a regular expression.
        lexicon: a pattern that is a lexicon term also matches its variants
            (``None`` = bundled lexicon when it exists; ``[]`` = none).

    Returns:
        DataFrame with doc_id, position (character offset of the match in
        ``text``), left, keyword, right, and ``year`` and ``title`` when the
        corpus has them. Matches are non-overlapping, longest pattern first.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["我们要坚持两个确立，做到两个维护。"]})
        >>> kwic(corpus, "两个确立", window=3, lexicon=[]).loc[0, ["left", "keyword", "right"]].tolist()
        ['要坚持', '两个确立', '，做到']
    """
    meta_cols = [c for c in ("year", "title") if c in corpus.columns]
    cols = ["doc_id", "position", "left", "keyword", "right", *meta_cols]
    if regex:
        rx = re.compile(pattern if isinstance(pattern, str) else "|".join(pattern))
    else:
        patterns = [pattern] if isinstance(pattern, str) else list(pattern)
        if lexicon is None and not paths.LEXICON_CSV.exists():
            lexicon = []
        lex = as_lexicon(lexicon)
        forms = [f for _, _, fs in forms_of_terms(lex, patterns) for f in fs]
        forms = [f for f in forms if f]
        if not forms:
            return pd.DataFrame(columns=cols)
        rx = re.compile(trie_regex(forms))
    rows = []
    meta = corpus[meta_cols].to_dict("records") if meta_cols else [{}] * len(corpus)
    for doc_id, text, m in zip(_doc_ids(corpus), corpus_texts(corpus), meta):
        for hit in rx.finditer(text):
            s, e = hit.span()
            if s == e:
                continue
            rows.append((doc_id, s, text[max(0, s - window):s], hit.group(), text[e:e + window],
                         *[m[c] for c in meta_cols]))
    return pd.DataFrame(rows, columns=cols)


def dispersion(corpus: pd.DataFrame, terms, *, lexicon=None) -> pd.DataFrame:
    """Locate every occurrence of terms through each document (lexical dispersion).

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        terms: a term or list of terms; lexicon terms include their variants.
        lexicon: ``None`` = bundled lexicon when it exists; ``[]`` = none.

    Returns:
        DataFrame with doc_id, term, position (character offset), and
        relative_position (position / length of the text, from 0 to 1), one
        row per occurrence; the input to a dispersion ("x-ray") plot.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["改革。。。。。。。。改革"]})
        >>> dispersion(corpus, "改革", lexicon=[])[["position", "relative_position"]].values.tolist()
        [[0.0, 0.0], [10.0, 0.8333333333333334]]
    """
    if lexicon is None and not paths.LEXICON_CSV.exists():
        lexicon = []
    lex = as_lexicon(lexicon)
    rows = []
    term_forms = forms_of_terms(lex, terms)
    for term, _, forms in term_forms:
        rx = re.compile(trie_regex(forms))
        for doc_id, text in zip(_doc_ids(corpus), corpus_texts(corpus)):
            for hit in rx.finditer(text):
                rows.append((doc_id, term, hit.start(), hit.start() / len(text)))
    out = pd.DataFrame(rows, columns=["doc_id", "term", "position", "relative_position"])
    return out.astype({"position": "int64", "relative_position": "float64"})


# --------------------------------------------------------------------------
# token counts


def term_frequencies(
    corpus: pd.DataFrame,
    *,
    by="doc_id",
    lexicon=None,
    stopwords=True,
    min_count: int = 1,
    top: int | None = None,
    engine: str = "auto",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Count tokens per document or per group.

    Tokens come from :func:`helpers.segment.tokenize` (lexicon terms whole);
    punctuation, pure numbers and stopwords are removed, lexicon terms kept.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and the ``by`` column(s).
        by: grouping column(s) (``"doc_id"``, ``"year"``, ``["province",
            "year"]``...); ``None`` for the whole corpus.
        lexicon: see :func:`helpers.segment.tokenize`.
        stopwords: ``True`` = :func:`helpers.lexicon.load_stopwords`, ``False``
            = keep all, or an iterable of words.
        min_count: drop terms counted fewer times in the group.
        top: keep the ``top`` most frequent terms per group.
        engine: segmentation engine.
        n_jobs: worker processes for segmentation (``None`` = all cores, used
            only for corpora above 2 million characters); same result for any
            value.
        progress: tqdm progress bar (``None``: only for big corpora).
        cache: reuse segmented documents from the Parquet cache
            (:mod:`helpers.cache`; ``None``: for corpora above a million
            characters).

    Returns:
        DataFrame with the ``by`` column(s), term, count, rate_per_10k (per
        10,000 Han characters of the group), n_docs (documents of the group
        containing the term); sorted by group, then count descending, then term.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["改革，改革，再改革。发展。"]})
        >>> term_frequencies(corpus, lexicon=[], stopwords=["再"])[["term", "count"]].values.tolist()
        [['改革', 3], ['发展', 1]]
    """
    by = _as_list(by)
    cols = [*by, "term", "count", "rate_per_10k", "n_docs"]
    wc = _word_counts(corpus, lexicon=lexicon, stopwords=stopwords, engine=engine, n_jobs=n_jobs,
                      progress=progress, cache=cache)
    if not len(wc.n):
        return pd.DataFrame(columns=cols)
    docs = corpus.reset_index(drop=True)
    docs = docs.assign(doc_id=docs["doc_id"].astype(str))
    docs["_n_chars"] = [count_han(t) for t in (corpus["text"].fillna("").astype(str) if len(corpus) else [])]
    if not by:  # the whole corpus: sums over integer codes
        count = np.bincount(wc.tid, weights=wc.n, minlength=len(wc.terms)).astype(np.int64)
        if docs["doc_id"].is_unique:
            n_docs = np.bincount(wc.tid, minlength=len(wc.terms)).astype(np.int64)
        else:
            n_docs = pd.DataFrame({"t": wc.tid, "d": docs["doc_id"].to_numpy()[wc.doc]}).groupby("t")["d"] \
                .nunique().reindex(range(len(wc.terms)), fill_value=0).to_numpy(dtype=np.int64)
        present = np.flatnonzero(count > 0)
        out = pd.DataFrame({"term": pd.Series(wc.terms[present], dtype=str), "count": count[present],
                            "n_docs": n_docs[present]})
        out["rate_per_10k"] = per_10k(out["count"], int(docs["_n_chars"].sum()))
        out = out[out["count"] >= min_count]
        out = out.sort_values(["count", "term"], ascending=[False, True])
        if top is not None:
            out = out.head(top)
        return out[cols].astype({"count": "int64", "n_docs": "int64"}).reset_index(drop=True)
    group_cols = by
    long = pd.DataFrame({"_doc": wc.doc, "_tid": wc.tid, "count": wc.n.astype(np.int64)})
    for c in dict.fromkeys([*group_cols, "doc_id"]):
        long[c] = docs[c].take(wc.doc).reset_index(drop=True)
    chars = docs.groupby(group_cols, dropna=True)["_n_chars"].sum().rename("_n_chars").reset_index()
    grouped = long.groupby([*group_cols, "_tid"], dropna=True)
    if docs["doc_id"].is_unique:  # one row per document and word: n_docs is the group's size
        agg = grouped.agg(count=("count", "sum"), n_docs=("_doc", "size"))
    else:
        agg = grouped.agg(count=("count", "sum"), n_docs=("doc_id", "nunique"))
    del long, grouped
    out = agg.reset_index()
    out.insert(len(group_cols), "term", pd.Series(wc.terms[out["_tid"].to_numpy()], dtype=str))
    out = out.drop(columns="_tid").merge(chars, on=group_cols, how="left")
    out["rate_per_10k"] = per_10k(out["count"], out["_n_chars"])
    out = out[out["count"] >= min_count]
    out = out.sort_values([*group_cols, "count", "term"], ascending=[True] * len(group_cols) + [False, True])
    if top is not None:
        out = out.groupby(group_cols, sort=False).head(top)
    return out[cols].astype({"count": "int64", "n_docs": "int64"}).reset_index(drop=True)


def _select(corpus: pd.DataFrame, spec, by, name: str) -> np.ndarray:
    """Boolean mask from a mask, a value of column ``by`` or a list of doc_ids."""
    n = len(corpus)
    if isinstance(spec, (pd.Series, np.ndarray, pd.api.extensions.ExtensionArray)) and pd.api.types.is_bool_dtype(spec):
        mask = pd.array(spec, dtype="boolean").fillna(False).to_numpy(dtype=bool)
    elif isinstance(spec, (list, tuple)) and spec and all(isinstance(x, (bool, np.bool_)) for x in spec):
        mask = np.asarray(spec, dtype=bool)
    elif by is not None:
        values = spec if isinstance(spec, (list, tuple, set)) else [spec]
        mask = corpus[by].isin(values).to_numpy()
    else:
        ids = [spec] if isinstance(spec, str) else list(spec)
        mask = corpus["doc_id"].astype(str).isin([str(i) for i in ids]).to_numpy()
    if len(mask) != n:
        raise ValueError(f"{name} mask has length {len(mask)} but the corpus has {n} documents")
    return mask


def _two_by_two(a, b, tN, rN):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    c = tN - a
    d = rN - b
    return a, b, c, d, a + b + c + d


def _yates_delta(a, b, c, d, N):
    """quanteda's rule: 0.5 when |ad-bc| >= N/2 and an expected count is < 5."""
    small = (
        ((a + b) * (a + c) / N < 5) | ((a + b) * (b + d) / N < 5)
        | ((a + c) * (c + d) / N < 5) | ((c + d) * (b + d) / N < 5)
    )
    return np.where((np.abs(a * d - b * c) >= N / 2) & small, 0.5, 0.0)


def _williams_q(a, b, c, d, N):
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (N / (a + b) + N / (c + d) - 1) * (N / (a + c) + N / (b + d) - 1) / (6 * N)
    return np.where(a * b * c * d == 0, 1.0, q)


_EPS = 1e-9  # quanteda's epsilon inside the logarithm (zero cells)


def signed_g2(a, b, tN, rN, *, correction: str = "none"):
    """Signed log-likelihood G2 of a 2×2 table per term (quanteda's ``lr``).

    Cells: a = term in target, b = term in reference, c = tN - a, d = rN - b.
    ``G2 = 2 Σ O ln(O/E + 1e-9)``, positive when a exceeds its expected value.
    ``correction``: ``"none"``, ``"yates"`` (cells moved 0.5 towards
    independence under quanteda's condition) or ``"williams"`` (divided by q).

    Example:
        >>> round(float(signed_g2(10, 5, 100, 200)), 4)
        7.3298
    """
    a, b, c, d, N = _two_by_two(a, b, tN, rN)
    E11 = (a + b) * (a + c) / N
    sign = np.where(a > E11, 1.0, -1.0)
    if correction == "yates":
        delta = _yates_delta(a, b, c, d, N)
        pos = a * d - b * c > 0
        step = np.where(pos, -delta, delta)
        a, b, c, d = a + step, b - step, c - step, d + step
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = [
            o * np.log(o / e + _EPS)
            for o, e in (
                (a, (a + b) * (a + c) / N), (b, (a + b) * (b + d) / N),
                (c, (a + c) * (c + d) / N), (d, (b + d) * (c + d) / N),
            )
        ]
    terms = [np.where(o == 0, 0.0, t) for o, t in zip((a, b, c, d), terms)]
    g2 = 2 * sum(terms) * sign
    if correction == "williams":
        g2 = g2 / _williams_q(*_two_by_two(a, b, tN, rN)[:4], N)
    return g2


def signed_chi2(a, b, tN, rN, *, correction: str = "none"):
    """Signed Pearson chi-squared of a 2×2 table per term (quanteda's ``chi2``).

    ``chi2 = N (|ad - bc| - N δ)² / ((a+b)(c+d)(a+c)(b+d))`` with δ = 0.5 under
    Yates' correction (quanteda's condition) and 0 otherwise.

    Example:
        >>> round(float(signed_chi2(10, 5, 100, 200)), 4)
        7.8947
    """
    a, b, c, d, N = _two_by_two(a, b, tN, rN)
    E11 = (a + b) * (a + c) / N
    sign = np.where(a > E11, 1.0, -1.0)
    delta = _yates_delta(a, b, c, d, N) if correction == "yates" else 0.0
    num = N * (np.abs(a * d - b * c) - N * delta) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = np.where((a + b) * (c + d) * (a + c) * (b + d) > 0,
                       num / ((a + b) * (c + d) * (a + c) * (b + d)), 0.0)
    if correction == "williams":
        chi = chi / _williams_q(a, b, c, d, N)
    return chi * sign


def keyness(
    corpus: pd.DataFrame,
    target,
    *,
    by: str | None = None,
    reference=None,
    measure: str = "lr",
    correction: str = "default",
    lexicon=None,
    stopwords=True,
    min_count: int = 1,
    engine: str = "auto",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Find the terms over-represented in target documents against a reference.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        target: a boolean mask over the corpus rows, a value (or list of
            values) of column ``by``, or a list of doc_ids.
        by: the column ``target`` and ``reference`` values refer to.
        reference: like ``target``; ``None`` = every other document.
        measure: ``"lr"`` (sort by G2), ``"chi2"`` or ``"log_ratio"``.
        correction: ``"default"`` (as in quanteda's code: Yates' correction for
            both chi2 and G2, applied only when |ad−bc| ≥ N/2 and an expected
            count is below 5), ``"yates"``, ``"williams"`` or ``"none"``.
        lexicon, stopwords, engine: as in :func:`term_frequencies`.
        min_count: drop terms with fewer occurrences in target + reference.
        n_jobs, progress, cache: as in :func:`term_frequencies`.

    Returns:
        DataFrame with term, target_count, reference_count, target_total,
        reference_total (tokens in each group), G2 (signed log-likelihood),
        chi2 (signed Pearson), log_ratio (log2 of the ratio of relative
        frequencies, 0.5 added to both counts), p (chi-squared, 1 df, of the
        sorting measure; for log_ratio the p of G2). Positive = more frequent
        in the target. Sorted by the measure, descending.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["安全安全安全发展", "发展发展发展安全"]})
        >>> keyness(corpus, ["a"], lexicon=[], stopwords=False).loc[0, "term"]
        '安全'
    """
    if correction == "default":
        correction = "yates"
    if correction not in ("yates", "williams", "none"):
        raise ValueError("correction must be 'default', 'yates', 'williams' or 'none'")
    if measure not in ("lr", "chi2", "log_ratio"):
        raise ValueError("measure must be 'lr', 'chi2' or 'log_ratio'")
    cols = ["term", "target_count", "reference_count", "target_total", "reference_total",
            "G2", "chi2", "log_ratio", "p"]
    tmask = _select(corpus, target, by, "target")
    rmask = ~tmask if reference is None else _select(corpus, reference, by, "reference") & ~tmask
    if not tmask.any() or not rmask.any():
        raise ValueError("keyness needs at least one target and one reference document")
    ids = np.array(_doc_ids(corpus), dtype=object)
    used = tmask | rmask
    wc = _word_counts(corpus[used], lexicon=lexicon, stopwords=stopwords, engine=engine,
                      n_jobs=n_jobs, progress=progress, cache=cache)
    if not len(wc.n):
        return pd.DataFrame(columns=cols)
    # a document is in the target when its doc_id is one of the target's
    in_target = pd.Series(ids[used]).isin(set(ids[tmask])).to_numpy()[wc.doc]
    V = len(wc.terms)
    tc = np.bincount(wc.tid[in_target], weights=wc.n[in_target], minlength=V).astype(np.int64)
    rc = np.bincount(wc.tid[~in_target], weights=wc.n[~in_target], minlength=V).astype(np.int64)
    tcounts = pd.Series(tc[tc > 0], index=pd.Index(wc.terms[tc > 0], dtype=object), dtype="int64")
    rcounts = pd.Series(rc[rc > 0], index=pd.Index(wc.terms[rc > 0], dtype=object), dtype="int64")
    table = pd.concat([tcounts.rename("target_count"), rcounts.rename("reference_count")], axis=1)
    table = table.fillna(0).astype("int64")
    tN, rN = int(tcounts.sum()), int(rcounts.sum())
    table = table[table["target_count"] + table["reference_count"] >= min_count]
    a, b = table["target_count"].to_numpy(), table["reference_count"].to_numpy()
    out = pd.DataFrame({
        "term": table.index.astype(object),
        "target_count": a,
        "reference_count": b,
        "target_total": tN,
        "reference_total": rN,
        "G2": signed_g2(a, b, tN, rN, correction=correction),
        "chi2": signed_chi2(a, b, tN, rN, correction=correction),
        "log_ratio": np.log2(((a + 0.5) / max(tN, 1)) / ((b + 0.5) / max(rN, 1))),
    })
    key = {"lr": "G2", "chi2": "chi2", "log_ratio": "log_ratio"}[measure]
    from scipy import stats  # 50 MB: imported when a p-value is needed, not with tifa

    out["p"] = stats.chi2.sf(np.abs(out["chi2" if measure == "chi2" else "G2"]), 1)
    out = out.sort_values([key, "term"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def collocations(
    corpus: pd.DataFrame,
    *,
    min_count: int = 5,
    top: int | None = None,
    stopwords=True,
    lexicon=None,
    engine: str = "auto",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Score pairs of adjacent words (bigram collocations).

    A bigram is two tokens next to each other in the token stream, both words
    (not punctuation, numbers or stopwords): a removed token breaks adjacency,
    as quanteda's ``padding = TRUE``.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        min_count: keep bigrams seen at least this often.
        top: keep the ``top`` bigrams by G2.
        stopwords, lexicon, engine: as in :func:`term_frequencies`.
        n_jobs, progress, cache: as in :func:`term_frequencies`.

    Returns:
        DataFrame with w1, w2, collocation (w1 + w2), count, pmi (log2 of
        observed / expected under independence of the first and second
        position), G2 (signed log-likelihood of the 2×2 bigram table, no
        correction); sorted by G2 descending.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持人民代表大会制度，完善人民代表大会制度。"]})
        >>> collocations(corpus, min_count=2, lexicon=[], stopwords=False)[["collocation", "count"]].values.tolist()
        [['人民代表大会制度', 2]]
    """
    cols = ["w1", "w2", "collocation", "count", "pmi", "G2"]
    lex = as_lexicon(lexicon)
    toks = tokens_table(corpus, lexicon=lex, engine=engine, n_jobs=n_jobs, progress=progress, cache=cache)
    if len(toks) == 0:
        return pd.DataFrame(columns=cols)
    keep = word_filter(stopwords, lex)
    ok = toks["token"].map({t: keep(t) for t in pd.unique(toks["token"])}).to_numpy(dtype=bool)
    same_doc = toks["doc_id"].to_numpy()[1:] == toks["doc_id"].to_numpy()[:-1]
    pair = same_doc & ok[1:] & ok[:-1]
    w = toks["token"].to_numpy()
    bigrams = pd.DataFrame({"w1": w[:-1][pair], "w2": w[1:][pair]})
    if len(bigrams) == 0:
        return pd.DataFrame(columns=cols)
    counts = bigrams.value_counts().rename("count").reset_index()
    N = float(len(bigrams))
    n1 = bigrams["w1"].value_counts()
    n2 = bigrams["w2"].value_counts()
    a = counts["count"].to_numpy(dtype=float)
    r1 = counts["w1"].map(n1).to_numpy(dtype=float)
    c1 = counts["w2"].map(n2).to_numpy(dtype=float)
    counts["pmi"] = np.log2(a * N / (r1 * c1))
    # 2×2: rows = first word is w1 or not; "target" = first word is w1
    counts["G2"] = signed_g2(a, c1 - a, r1, N - r1, correction="none")
    counts["collocation"] = counts["w1"] + counts["w2"]
    counts = counts[counts["count"] >= min_count]
    counts = counts.sort_values(["G2", "count", "collocation"], ascending=[False, False, True])
    if top is not None:
        counts = counts.head(top)
    return counts[cols].astype({"count": "int64"}).reset_index(drop=True)


@dataclass
class DocumentTermMatrix:
    """A sparse document-term matrix.

    Attributes:
        matrix: ``scipy.sparse.csr_matrix`` of counts, documents × terms.
        vocabulary: the terms, one per column (sorted).
        doc_ids: the documents, one per row (corpus order).

    Unpacks like a tuple: ``matrix, vocabulary, doc_ids = document_term_matrix(corpus)``.
    """

    matrix: "scipy.sparse.csr_matrix"  # noqa: F821 - imported where it is built
    vocabulary: list[str]
    doc_ids: list[str]

    def __iter__(self):
        return iter((self.matrix, self.vocabulary, self.doc_ids))

    def to_frame(self) -> pd.DataFrame:
        """Return a dense DataFrame (doc_ids as index, terms as columns)."""
        return pd.DataFrame(self.matrix.toarray(), index=self.doc_ids, columns=self.vocabulary)


def document_term_matrix(
    corpus: pd.DataFrame,
    *,
    lexicon=None,
    stopwords=True,
    min_df: int = 1,
    engine: str = "auto",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> DocumentTermMatrix:
    """Build a document-term matrix of token counts.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        lexicon, stopwords, engine: as in :func:`term_frequencies`.
        min_df: keep terms found in at least this many documents.
        n_jobs, progress, cache: as in :func:`term_frequencies`.

    Returns:
        :class:`DocumentTermMatrix` (matrix, vocabulary, doc_ids); unpacks as a
        tuple. Every document has a row, even an empty one.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["改革发展", "发展"]})
        >>> dtm = document_term_matrix(corpus, lexicon=[], stopwords=False)
        >>> dtm.vocabulary, dtm.matrix.toarray().tolist()
        (['发展', '改革'], [[1, 1], [1, 0]])
    """
    from scipy import sparse  # imported here: importing it takes longer than most counts

    ids = _doc_ids(corpus)
    wc = _word_counts(corpus, lexicon=lexicon, stopwords=stopwords, engine=engine, n_jobs=n_jobs,
                      progress=progress, cache=cache)
    dfreq = np.bincount(wc.tid, minlength=len(wc.terms))  # (doc, term) pairs are unique
    vocab = sorted(t for t, n in zip(wc.terms, dfreq) if n >= min_df)
    if not vocab:
        return DocumentTermMatrix(sparse.csr_matrix((len(ids), 0), dtype=np.int64), [], ids)
    col = {t: j for j, t in enumerate(vocab)}
    new_col = np.array([col.get(t, -1) for t in wc.terms], dtype=np.int64)[wc.tid]
    ok = new_col >= 0
    m = sparse.csr_matrix((wc.n[ok].astype(np.int64), (wc.doc[ok], new_col[ok])), shape=(len(ids), len(vocab)))
    m.sort_indices()
    return DocumentTermMatrix(m, vocab, ids)


def similarity(
    corpus: pd.DataFrame,
    *,
    method: str = "cosine",
    weighting: str = "tfidf",
    wide: bool = False,
    lexicon=None,
    stopwords=True,
    engine: str = "auto",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Compare every pair of documents.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text``.
        method: ``"cosine"``, ``"correlation"`` (Pearson) or ``"jaccard"``
            (on the sets of terms).
        weighting: ``"tfidf"`` (count × log10(N / df), quanteda's
            ``dfm_tfidf`` default), ``"prop"`` (relative frequency) or
            ``"count"``.
        wide: return the square matrix (doc_ids as index and columns) instead.
        lexicon, stopwords, engine: as in :func:`term_frequencies`.
        n_jobs, progress, cache: as in :func:`term_frequencies`.

    Returns:
        DataFrame with doc_id_a, doc_id_b, similarity, one row per unordered
        pair (a before b in corpus order); or the square matrix if ``wide``.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["改革发展", "改革发展"]})
        >>> round(float(similarity(corpus, weighting="count", lexicon=[], stopwords=False).loc[0, "similarity"]), 6)
        1.0
    """
    dtm = document_term_matrix(corpus, lexicon=lexicon, stopwords=stopwords, engine=engine, n_jobs=n_jobs,
                               progress=progress, cache=cache)
    x = dtm.matrix.astype(float).toarray()
    n = x.shape[0]
    if weighting == "tfidf":
        dfreq = (x > 0).sum(axis=0)
        x = x * np.log10(n / np.maximum(dfreq, 1))
    elif weighting == "prop":
        x = x / np.maximum(x.sum(axis=1, keepdims=True), 1)
    elif weighting != "count":
        raise ValueError("weighting must be 'tfidf', 'prop' or 'count'")
    if method == "cosine":
        norm = np.linalg.norm(x, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = (x @ x.T) / np.outer(norm, norm)
    elif method == "correlation":
        xc = x - x.mean(axis=1, keepdims=True)
        norm = np.linalg.norm(xc, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = (xc @ xc.T) / np.outer(norm, norm)
    elif method == "jaccard":
        b = (x > 0).astype(float)
        inter = b @ b.T
        size = b.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = inter / (size[:, None] + size[None, :] - inter)
    else:
        raise ValueError("method must be 'cosine', 'correlation' or 'jaccard'")
    if wide:
        return pd.DataFrame(s, index=dtm.doc_ids, columns=dtm.doc_ids)
    i, j = np.triu_indices(n, k=1)
    ids = np.array(dtm.doc_ids, dtype=object)
    return pd.DataFrame({"doc_id_a": ids[i], "doc_id_b": ids[j], "similarity": s[i, j]})


# --------------------------------------------------------------------------
# finding new formulations

_NUMERALS = "一二两三四五六七八九十百千"
_CLASSIFIER = "个|项|大|种|条|为|型|化|方面|篇|心|步"
# characters after a numeral (and its classifier) that make an ordinary phrase, not a
# formulation: dates, times, quantities and units, ranges, 三是, 一些, 三者, 二氧化硫, 一个的
_BAD_NEXT = set("方年月日号时是要些定直起切般样致下点旦向度贯道再律同边共半份批系部级次届倍成亿万元多余家人名岁只期季周天分秒斤米吨里公千百十"
                "者段氧到至的寸尺亩兆")
# 一 after these belongs to a word (进一步, 统一, 唯一) or means "this" (这一, 同一, 每一)
_BAD_BEFORE_ONE = set("进逐统唯万之单同专划整均归合这那每另任某此该其又")
# no numbered phrase starts right after an ordinal mark, a numeral or a decimal or
# fraction mark (第一, 三十, 零点五, 百分之五)
_NOT_BEFORE_NUMERAL = set("第零〇点之" + _NUMERALS)
_BAD_END = set("的和与及是了在等并或而也都又就对把被将从向")
_NUMERAL_RUN = re.compile(f"[{_NUMERALS}]+")
_HEAD = re.compile(f"[{_NUMERALS}]+(?:{_CLASSIFIER})?")
_HAN_TOKEN = re.compile(f"[{HAN_CLASS}]+")
# ordinals of Party congresses and plenums (十六大, 四中全会), not formulations
_ORDINAL = re.compile(f"[{_NUMERALS}]{{2,}}大|[{_NUMERALS}]+中全会")
# a written-out quantity or year (一百五十六, 三千, 四十, 一九八一), not a formulation
_QUANTITY = re.compile(f"[{_NUMERALS}]{{4,}}|[{_NUMERALS}][百千]|[二两三四五六七八九]十")
# jieba tags of a dictionary word starting with a numeral in which the numeral is
# not a count: 两岸 (f), 两国 (ns), 一切 (r), 一直 (d), 一般 (a), 一如既往 (i) ...
_NOT_A_COUNT = frozenset("f ns nr nrt nrfg r d a ad an c p t v vd z u i".split())
_COUNT_TAGS = frozenset({"m", "mq", "q"})  # numeral words: 两个, 两手, 三步
_SET_PHRASE_TAGS = frozenset({"l", "nz", "j"})  # set phrases, terms, abbreviations
# words that count a noun without a fixed number: 这项工作, 各项工作, 几件大事
_DETERMINERS = set("这那每各几哪某该此本另诸多数")
# measure words that make 一 + measure word the indefinite article (一个, 一项, 一件)
_MEASURE = set("个项种条件支场笔段对类位名次批套张块座所家份股篇门片层轮面")
# numerals of a numbered phrase (with a measure word) that pairs with one of 一 (一个中心、两个基本点)
_PAIRED = set("二两三四五六七八九十")
_FUNCTION_TOKENS = _BAD_END | {"到", "至"}
# a phrase ending in a localizer is a frame (…的基础上, …期间), not a name
_LOCALIZERS = set("上下中里内外间前后时") | {"以来", "以后", "以前", "之间", "期间", "之后", "之前",
                                          "之中", "之内", "之外", "以上", "以下"}
_CONJUNCTIONS = {"和", "与", "及", "或", "同"}
_SPEECH_PARTICLES = {"了", "吗", "呢", "吧", "啊", "呀", "嘛"}  # a quotation that is a sentence
_MAX_TAIL = 8  # Han characters after the numeral and classifier
_QUOTED = re.compile(f"“([^“”\\s，。；：、！？,.;:!?]{{2,12}})”")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]")


def _example(text: str, pos: int, length: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    m = _SENTENCE_END.search(text, pos + length)
    end = m.end() if m else len(text)
    return text[start:end].strip()


@functools.lru_cache(maxsize=1)
def _numeral_word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word that starts with a numeral."""
    prefixes = tuple(c.encode() for c in _NUMERALS)
    tags = {}
    with stock_jieba().get_dict_file() as f:
        for raw in f:
            if raw.startswith(prefixes):
                parts = raw.decode("utf-8").split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
    return tags


def _numbered_starts(text: str, toks: list[str], offs: list[int]):
    """Indices of the tokens a numbered phrase may start with (a numeral used as a number)."""
    for i, tok in enumerate(toks):
        if tok[0] not in _NUMERALS or not _HAN_TOKEN.fullmatch(tok):
            continue
        s = offs[i]
        prev = text[s - 1] if s else ""
        if prev and (prev in _NOT_BEFORE_NUMERAL or prev.isdigit()):
            continue
        if s >= 2 and (text[s - 2] in _NUMERALS or text[s - 2].isdigit()) and (
                prev in "、至到或" or _HAN_TOKEN.match(prev)):
            continue  # 二、三产业, 三至五年, 两学一做, 三严三实: a second number of a list, range or compound
        if tok[0] == "一" and prev in _BAD_BEFORE_ONE:
            continue
        yield i


def _counts_something(run: str, head: str, numeral: str, first: str, after_head: str | None,
                      tags: dict[str, str]) -> bool:
    """Whether the numeral starting ``run`` counts what follows it (rules in find_formulations)."""
    tail = run[len(head):]
    if not tail or tail[0] in _BAD_NEXT or head[-1] in _BAD_NEXT:
        return False
    if _ORDINAL.match(run) or _QUANTITY.match(numeral) or tail.startswith(head):
        return False  # 十六大, 一百五十六个, 一个一个
    if after_head in _FUNCTION_TOKENS:
        return False  # 两个和, 三项在
    if len(head) == 1 and tags.get(run[:2]) in _NOT_A_COUNT:
        return False  # 两岸, 两国, 一直: the numeral is part of a word
    return not (len(first) > len(head) and tags.get(first) == "i")  # 一如既往, 千方百计


def _numbered_phrases(texts, segments, tags):
    """Count the numbered phrases (made of whole tokens) and the quotations.

    Returns the count of each numbered phrase, its numeral, the phrases one
    token longer than it, the count of each quotation, and the quotations
    that hold a sentence particle.
    """
    phrases: Counter = Counter()
    numeral_of: dict[str, str] = {}
    longer: dict[str, set[str]] = {}
    quoted: Counter = Counter()
    speech: set[str] = set()
    for text, (toks, offs) in zip(texts, segments):
        n = len(toks)
        at = {o: k for k, o in enumerate(offs)}
        for i in _numbered_starts(text, toks, offs):
            start = offs[i]
            # adjacent Han tokens, stopping before 是 (a clause) and 第 (an ordinal)
            j, end = i, start + len(toks[i])
            while (j + 1 < n and offs[j + 1] == end and end - start < 2 * _MAX_TAIL
                   and toks[j + 1] != "是" and toks[j + 1][0] != "第"
                   and _HAN_TOKEN.fullmatch(toks[j + 1])):
                j += 1
                end += len(toks[j])
            run = text[start:end]
            head = _HEAD.match(run).group()
            numeral = _NUMERAL_RUN.match(head).group()
            k = at.get(start + len(head))
            if not _counts_something(run, head, numeral, toks[i], toks[k] if k is not None else None, tags):
                continue
            parent = None
            for k in range(i, j + 1):
                stop = offs[k] + len(toks[k])
                size = stop - start - len(head)
                if size > _MAX_TAIL:
                    break
                if size < 2 or toks[k] in _LOCALIZERS or (k - 1 > i and toks[k - 1] in _CONJUNCTIONS):
                    continue
                cand = text[start:stop]
                phrases[cand] += 1
                numeral_of.setdefault(cand, numeral)
                if parent is not None:
                    longer.setdefault(parent, set()).add(cand)
                parent = cand
        for m in _QUOTED.finditer(text):
            inner = m.group(1)
            if len(_HAN_RUN.findall(inner)) < 2:
                continue
            quoted[inner] += 1
            k = at.get(m.start(1))
            while k is not None and k < n and offs[k] < m.end(1):
                if toks[k] in _SPEECH_PARTICLES:
                    speech.add(inner)
                k += 1
    return phrases, numeral_of, longer, quoted, speech


def _counted_noun(cand: str, numeral: str, total: int, joined: str) -> bool:
    """Whether the words after the numeral are counted with 这, 各, 几 … as often as with it."""
    key = cand[len(numeral):]
    det = 0
    pos = joined.find(key)
    while pos >= 0:
        if pos and joined[pos - 1] in _DETERMINERS:
            det += 1
        pos = joined.find(key, pos + 1)
    return det >= total


def _find_all(text: str, sub: str) -> list[int]:
    """Start of each non-overlapping occurrence of ``sub`` (those ``str.count`` counts)."""
    out = []
    pos = text.find(sub)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + len(sub))
    return out


def _named_not_article(cand: str, joined: str, positions: list[int]) -> bool:
    """Whether 一 + measure word is quoted once or paired with another numbered phrase."""
    for pos in positions:
        after = joined[pos + len(cand):pos + len(cand) + 3].lstrip("、，,")
        if (pos and joined[pos - 1] == "“") or (after[:1] in _PAIRED and after[1:2] in _MEASURE):
            return True
    return False


def find_formulations(corpus: pd.DataFrame, lexicon=None, *, min_count: int = 2) -> pd.DataFrame:
    """Suggest formulations that are not in the lexicon yet.

    Two kinds of candidates:

    * ``numbered``: a numeral (一 … 千), an optional classifier (个, 项, 大,
      种, 条, 为, 型, 化, 方面, 篇, 心, 步) and 2–8 Han characters, as in 三个代表,
      四个全面, 两个一百年, 五大发展理念, 两手抓. Each length (in whole tokens)
      is tried and the candidate kept where the phrase stops always continuing
      the same way (a longer candidate with the same count replaces a shorter
      one).
    * ``quoted``: 2–12 characters between Chinese quotation marks “…”.

    The texts are segmented (:func:`helpers.segment.tokenize`, with the
    lexicon), and numbered candidates are built from whole tokens, so that
    they never cut a word in two: no 两岸经 (两岸经济, 两岸经贸), 一段时 or 一政策
    (这一政策). A numbered candidate is left out when:

    * its numeral is not a count: an ordinal or part of a longer number or
      fraction (第一, 三十, 百分之五), the second number of a list, range or
      compound (第二、三产业, 三至五年, 两学一做: one character after another
      numeral), 一 inside a word or meaning "this" (进一步, 统一,
      这一), a word in jieba's dictionary whose numeral is not a count (两岸,
      两国, 一直, 一如既往: tagged as place, direction, adverb, idiom …), an
      ordinal of a congress or plenum (十六大, 四中全会), a written-out quantity
      or year (一百五十六个, 四十项, 一九八一), or a date, time, quantity, unit or
      range (一年, 三是, 一些, 五到十年); the phrase also stops before 是 and
      第, and is not kept when it repeats its head (一个一个);
    * it is a counting phrase: the words after the numeral are counted with
      这, 各, 几, 每 … at least as often as the candidate occurs (三项工作 next to
      各项工作, 这项工作), or it starts with 一 and a measure word (一个重要,
      一项长期, 一件大事: the indefinite article) and is never quoted (“一个中国”)
      nor followed by another numbered phrase with a measure word
      (一个中心、两个基本点; 一个国家，两种制度);
    * it is mostly part of a longer word or phrase: fewer than half of its
      occurrences start and end on token boundaries and pass these rules
      (一国两 in 一国两制, 一个五年 in 第一个五年计划);
    * it ends in a function word (的, 和, 在 …), a localizer (…的基础上,
      …期间), or with one word after 和/与/及 (一流大学和一流);
    * it is a known term followed by 的/和/与/及 (四项基本原则的教育).

    A quoted candidate is left out when the quotation is a sentence (it holds
    a particle such as 了, 吗: “破产了”), or when it has two characters, no
    numeral, and is quoted fewer than ``min_count`` times (an emphasised
    ordinary word: “聚力”).

    Candidates that are words of jieba's dictionary are left out (社会主义,
    一段时间), except numbered phrases that jieba lists as set phrases or
    terms (三个代表, 两手抓, 两个凡是). Finally, a candidate is dropped when a
    longer one that starts with it has the same count.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ideally ``year``.
        lexicon: forms already known (``None`` = bundled lexicon); excluded.
        min_count: keep candidates occurring at least this often.

    Returns:
        DataFrame with candidate, kind, count (substring occurrences in the
        corpus), n_docs, first_year, example (the sentence of its first
        occurrence in the oldest document); ranked by n_docs then count.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "year": [2001, 2002],
        ...     "text": ["贯彻三个代表重要思想。", "践行三个代表重要思想，提出“放管服”，深化“放管服”改革。"]})
        >>> find_formulations(corpus, [])[["candidate", "kind", "count", "n_docs"]].values.tolist()
        [['三个代表重要思想', 'numbered', 2, 2], ['放管服', 'quoted', 2, 1]]
    """
    cols = ["candidate", "kind", "count", "n_docs", "first_year", "example"]
    lex = as_lexicon(lexicon)
    known = set(lexicon_terms(lex))
    ordered = _doc_order(corpus) if len(corpus) else corpus
    texts = corpus_texts(ordered)
    if not texts:
        return pd.DataFrame(columns=cols)
    tags = _numeral_word_tags()
    segments = iter_segments(texts, lexicon=lex, what="spans", progress=False)
    phrases, numeral_of, longer, quoted, speech = _numbered_phrases(texts, segments, tags)
    candidates: dict[str, str] = {}
    for cand, n in phrases.items():
        if n < min_count or cand[-1] in _BAD_END:
            continue
        if max((phrases[c] for c in longer.get(cand, ())), default=0) == n:
            continue  # always continues the same way
        candidates[cand] = "numbered"
    for cand, n in quoted.items():
        if cand in speech or (len(cand) == 2 and n < min_count and not set(cand) & set(_NUMERALS)):
            continue
        candidates.setdefault(cand, "quoted")
    rows = []
    years = ordered["year"].tolist() if "year" in ordered.columns else [pd.NA] * len(texts)
    import bisect
    from itertools import accumulate

    joined = "\n".join(texts)
    doc_starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    stock = stock_jieba().FREQ
    for cand, kind in candidates.items():
        if cand in known:
            continue
        numbered = kind == "numbered"
        if stock.get(cand) and not (numbered and tags.get(cand) in _SET_PHRASE_TAGS
                                    and tags.get(cand[:2]) in _COUNT_TAGS):
            continue  # an ordinary word
        if any(cand[:k] in known and cand[k] in "的和与及" for k in range(2, len(cand))):
            continue  # a known term in an ordinary phrase
        positions = _find_all(joined, cand)  # no candidate holds the "\n" between texts
        total = len(positions)
        if total < min_count:
            continue
        if numbered:
            numeral = numeral_of[cand]
            if 2 * phrases[cand] < total or _counted_noun(cand, numeral, total, joined):
                continue
            if numeral == "一" and cand[1] in _MEASURE and not _named_not_article(cand, joined, positions):
                continue
        docs = [bisect.bisect_right(doc_starts, pos) - 1 for pos in positions]
        first = docs[0]
        rows.append((cand, kind, total, len(set(docs)), years[first],
                     _example(texts[first], positions[0] - doc_starts[first], len(cand))))
    totals = {r[0]: r[2] for r in rows}
    shadowed = {c[:k] for c in totals for k in range(2, len(c)) if totals.get(c[:k]) == totals[c]}
    out = pd.DataFrame([r for r in rows if r[0] not in shadowed], columns=cols)
    out["first_year"] = pd.array(out["first_year"], dtype="Int64")
    out = out.sort_values(["n_docs", "count", "candidate"], ascending=[False, False, True])
    return out.reset_index(drop=True)
