"""Many texts at once: :func:`iter_segments`, :func:`segment_texts` and :func:`tokens_table`.

Corpora of fewer than :data:`PARALLEL_MIN_CHARS` characters are segmented in
this process, one document at a time; larger ones by worker processes, in
contiguous runs of documents with only a few runs in flight. With ``cache``,
each document's tokens are read from (or written to) the Parquet token cache
of :mod:`helpers.cache`.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Iterator

import numpy as np
import pandas as pd

from .. import cache as token_cache
from .._parallel import balanced_runs, in_order, mp_context, progress_bar, resolve_n_jobs
from .engines import resolve_engine
from .patterns import lexicon_forms
from .tokens import segmenter

#: corpora with fewer characters of text are segmented in this process
#: (starting worker processes costs more than it saves)
PARALLEL_MIN_CHARS = 2_000_000
#: ``progress=None`` shows a bar for corpora with more characters than this
PROGRESS_MIN_CHARS = 5_000_000


@dataclass(frozen=True)
class SegmentOptions:
    """The corpus-level segmentation keywords, resolved once: what the helpers and workers are passed.

    The public functions keep their explicit keywords (``lexicon``, ``engine``,
    ``hmm``, ``what``, ``n_jobs``, ``progress``, ``cache``), so that notebook
    users see them; :func:`iter_segments` resolves them into one of these.
    """

    forms: tuple[str, ...]
    engine: str
    hmm: bool
    what: str
    n_jobs: int
    progress: bool
    cache: bool

    def segmenter(self):
        """The segmenter of these forms, engine and hmm (cached per process)."""
        return segmenter(self.forms, self.engine, self.hmm)


def _segment_chunk(texts: list[str], opts: SegmentOptions) -> list:
    """Segment a chunk of texts in a worker (or here); results in input order."""
    seg = opts.segmenter()
    key = None
    if opts.cache:
        key = token_cache.CacheKey.for_segmenter(opts.forms, opts.engine, opts.hmm)
    out = []
    for text in texts:
        if key is not None:
            out.append(_cached_spans(seg, key, text, opts.what))
        elif opts.what == "counts":
            out.append(seg.counts(text))
        else:
            out.append(seg.spans(text))
    return out


def _cached_spans(seg, key, text, what):
    digest = token_cache.text_hash(text)
    hit = token_cache.load_tokens(key, text, digest)
    if hit is None:
        hit = seg.spans(text)
        token_cache.store_tokens(key, text, hit[0], hit[1], digest)
    return Counter(hit[0]) if what == "counts" else hit


def iter_segments(
    texts: list[str],
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    what: str = "spans",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> Iterator:
    """Segment many texts, yielding one result per text in order; the engine room of every corpus-level operation.

    Results are produced as documents are segmented, so a caller that reduces
    them at once (counting) never holds every document's tokens.

    Args:
        texts: the texts (a list or a pandas Series of str).
        lexicon, engine, hmm: see :func:`helpers.segment.tokenize`.
        what: ``"spans"`` (a ``(tokens, char_starts)`` pair per text,
            whitespace dropped) or ``"counts"`` (a ``Counter`` of tokens).
        n_jobs: worker processes (``None`` = :func:`helpers.segment.default_n_jobs`);
            they are started only for corpora of at least
            :data:`PARALLEL_MIN_CHARS` characters. Results are identical for
            any value.
        progress: tqdm progress bar; ``None`` = only above
            :data:`PROGRESS_MIN_CHARS` characters.
        cache: use the Parquet token cache (:mod:`helpers.cache`); ``None`` =
            only for at least :data:`helpers.cache.AUTO_CACHE_CHARS` characters.

    Yields:
        One result per text, in order.

    Example:
        >>> next(iter_segments(["改革开放"], lexicon=[], what="counts", n_jobs=1))
        Counter({'改革开放': 1})
    """
    if what not in ("spans", "counts"):
        raise ValueError("what must be 'spans' or 'counts'")
    engine = resolve_engine(engine)
    forms = lexicon_forms(lexicon)
    hmm = bool(hmm)
    n_chars = int(texts.str.len().sum()) if isinstance(texts, pd.Series) else sum(map(len, texts))
    if cache is None:
        cache = n_chars >= token_cache.AUTO_CACHE_CHARS
    if progress is None:
        progress = n_chars > PROGRESS_MIN_CHARS
    opts = SegmentOptions(forms, engine, hmm, what, resolve_n_jobs(n_jobs), progress, cache)
    parallel = opts.n_jobs > 1 and len(texts) > 1 and n_chars >= PARALLEL_MIN_CHARS
    seg = opts.segmenter()  # built here, so forked workers inherit it
    if parallel:
        yield from _in_workers(texts, opts)
    else:
        yield from _in_process(texts, opts, seg)


def _in_process(texts, opts: SegmentOptions, seg) -> Iterator:
    """One document per step: the progress bar moves, results stay in order."""
    if opts.cache:
        for t in progress_bar(texts, opts.progress, len(texts), "Segmenting"):
            yield _segment_chunk([t], opts)[0]
        return
    step = seg.counts if opts.what == "counts" else seg.spans
    for t in progress_bar(texts, opts.progress, len(texts), "Segmenting"):
        yield step(t)


def _in_workers(texts, opts: SegmentOptions) -> Iterator:
    """Worker processes, results in order.

    Chunks are contiguous runs of documents, sent a few at a time: only the
    chunks in flight exist as lists of Python strings.
    """
    lengths = texts.str.len().tolist() if isinstance(texts, pd.Series) else [len(t) for t in texts]
    groups = balanced_runs(lengths, opts.n_jobs * 8)

    def part(g):
        a, b = g[0], g[-1] + 1
        return texts.iloc[a:b].tolist() if isinstance(texts, pd.Series) else list(texts[a:b])

    ctx = mp_context()
    with ProcessPoolExecutor(max_workers=min(opts.n_jobs, len(groups)), mp_context=ctx) as pool:
        bar = progress_bar(None, opts.progress, len(lengths), "Segmenting") if opts.progress else None
        for g, future in in_order(groups, lambda g: pool.submit(_segment_chunk, part(g), opts), 2 * opts.n_jobs):
            yield from future.result()
            if bar is not None:
                bar.update(len(g))
        if bar is not None:
            bar.close()


def segment_texts(
    texts: list[str],
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    what: str = "spans",
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> list:
    """Segment many texts: ``list(iter_segments(...))``, one result per text; see :func:`iter_segments`.

    Example:
        >>> segment_texts(["坚持两个确立"], lexicon=["两个确立"], what="counts", n_jobs=1)
        [Counter({'坚持': 1, '两个确立': 1})]
    """
    return list(iter_segments(texts, lexicon=lexicon, engine=engine, hmm=hmm, what=what, n_jobs=n_jobs,
                              progress=progress, cache=cache))


def tokens_table(
    corpus: pd.DataFrame,
    *,
    lexicon=None,
    engine: str = "auto",
    hmm: bool = True,
    n_jobs: int | None = None,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Segment every document of a corpus into a long table of tokens.

    Args:
        corpus: a DataFrame with ``doc_id`` and ``text`` columns.
        lexicon: see :func:`tokenize`.
        engine: see :func:`tokenize`.
        hmm: see :func:`tokenize`.
        n_jobs: worker processes (``None`` = all cores; processes are started
            only for corpora of at least 2 million characters); the result is
            identical for any value.
        progress: show a tqdm progress bar (``None``: only for corpora above
            5 million characters).
        cache: read and write the Parquet token cache (:mod:`helpers.cache`);
            ``None``: only for corpora of at least a million characters.

    Returns:
        DataFrame with columns doc_id, position (0-based token index within the
        document, whitespace excluded), token, char_start (offset of the token
        in ``text``).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持两个确立"]})
        >>> tokens_table(corpus, lexicon=["两个确立"]).to_dict("records")
        [{'doc_id': 'a', 'position': 0, 'token': '坚持', 'char_start': 0}, {'doc_id': 'a', 'position': 1, 'token': '两个确立', 'char_start': 2}]
    """
    doc_ids = corpus["doc_id"].astype(str).tolist() if len(corpus) else []
    texts = corpus["text"].fillna("").astype(str).tolist() if len(corpus) else []
    spans = segment_texts(texts, lexicon=lexicon, engine=engine, hmm=hmm, what="spans",
                          n_jobs=n_jobs, progress=progress, cache=cache)
    lengths = np.fromiter((len(t) for t, _ in spans), dtype=np.int64, count=len(spans))
    n = int(lengths.sum())
    ids = np.repeat(np.array(doc_ids, dtype=object), lengths) if n else np.array([], dtype=object)
    ends = np.cumsum(lengths)
    position = np.arange(n, dtype=np.int64) - np.repeat(ends - lengths, lengths)
    tokens = np.empty(n, dtype=object)
    starts = np.empty(n, dtype=np.int64)
    for (toks, st), e, k in zip(spans, ends, lengths):
        if k:
            tokens[e - k:e] = toks
            starts[e - k:e] = st
    return pd.DataFrame({
        "doc_id": pd.Series(ids, dtype=object),
        "position": position,
        "token": pd.Series(tokens, dtype=object),
        "char_start": starts,
    })
