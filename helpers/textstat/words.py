"""Token counts: which tokens are words, the word-counting options, the count coder.

Tokens come from :func:`helpers.segment.tokenize` (lexicon terms whole);
:func:`word_filter` drops punctuation, pure numbers and stopwords and keeps
lexicon terms; :class:`WordOptions` carries the keywords every token-count
analysis shares; :func:`word_counts` counts the words of every document as
integer codes (:class:`CountCoder`); :func:`term_frequencies` tabulates them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, islice

import numpy as np
import pandas as pd

from .._chars import count_han, is_word
from ..lexicon import as_lexicon, lexicon_terms, load_stopwords
from ..segment import iter_segments, tokens_table
from .match import as_list, per_10k

_NUMBER = re.compile(r"^[\d０-９.．,，%％‰+\-~～/]+$")


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


@dataclass(frozen=True, eq=False)
class WordOptions:
    """How the token-count analyses segment and filter a corpus, built once per public call.

    The keywords :func:`term_frequencies`, :func:`helpers.textstat.keyness`,
    :func:`helpers.textstat.collocations`,
    :func:`helpers.textstat.document_term_matrix` and
    :func:`helpers.textstat.similarity` share (see :func:`term_frequencies`),
    with ``lexicon`` already a lexicon table
    (:func:`helpers.lexicon.as_lexicon`) and ``hmm`` as in
    :func:`helpers.segment.tokenize`.
    """

    lexicon: pd.DataFrame
    stopwords: object = True
    engine: str = "auto"
    n_jobs: int | None = None
    progress: bool | None = None
    cache: bool | None = None
    hmm: bool = True

    @classmethod
    def of(cls, lexicon=None, stopwords=True, engine: str = "auto", n_jobs: int | None = None,
           progress: bool | None = None, cache: bool | None = None, hmm: bool = True) -> WordOptions:
        """The options of one call; ``lexicon`` is anything :func:`helpers.lexicon.load_lexicon` takes."""
        return cls(as_lexicon(lexicon), stopwords, engine, n_jobs, progress, cache, hmm)

    def keep(self):
        """:func:`word_filter` for these stopwords and this lexicon."""
        return word_filter(self.stopwords, self.lexicon)

    def tokens(self, corpus: pd.DataFrame) -> pd.DataFrame:
        """:func:`helpers.segment.tokens_table` of ``corpus`` with these options."""
        return tokens_table(corpus, lexicon=self.lexicon, engine=self.engine, hmm=self.hmm, n_jobs=self.n_jobs,
                            progress=self.progress, cache=self.cache)

    def counts(self, texts):
        """A Counter of tokens per text (:func:`helpers.segment.iter_segments`, ``what="counts"``)."""
        return iter_segments(texts, lexicon=self.lexicon, engine=self.engine, hmm=self.hmm, what="counts",
                             n_jobs=self.n_jobs, progress=self.progress, cache=self.cache)


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


def word_counts(corpus, options: WordOptions, batch: int = 64) -> _Counts:
    """Count the words (tokens :meth:`WordOptions.keep` keeps) of every document.

    Documents are segmented one by one (or by worker processes) and coded in
    batches (:class:`CountCoder`).
    """
    coder = CountCoder(options.keep(), batch)
    # the column itself, not a list: each text becomes a Python string only while it is segmented
    texts = corpus["text"].fillna("").astype(str) if len(corpus) else []
    for c in options.counts(texts):
        coder.add(c)
    return coder.result()


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
    by = as_list(by)
    cols = [*by, "term", "count", "rate_per_10k", "n_docs"]
    wc = word_counts(corpus, WordOptions.of(lexicon, stopwords, engine, n_jobs, progress, cache))
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
