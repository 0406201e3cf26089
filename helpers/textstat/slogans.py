"""Substring counts of lexicon terms: per document, over time, first appearances.

:func:`count_slogans` (one row per document × term, or per group),
:func:`slogan_trends` (per group, zeros included) and
:func:`formulation_table` (first appearance and spread of each term), all
from :func:`helpers.textstat.match.count_matrix`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._chars import count_han
from ..dates import before_first_use
from ..lexicon import as_lexicon
from .match import as_list, corpus_texts, count_matrix, doc_ids, doc_order, forms_of_terms, per_10k, term_guards


def count_slogans(corpus: pd.DataFrame, lexicon=None, *, by=None, zeros: bool = False,
                  concepts: bool = False) -> pd.DataFrame:
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
        concepts: one row per concept group of the lexicon (its ``concept``
            column: the terms of a group counted as one, a stretch where they
            nest once) instead of one per term; a term outside any group
            stands for itself.

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
    term_forms = forms_of_terms(lex, concepts=concepts)
    texts = corpus_texts(corpus)
    counts = count_matrix(texts, term_forms, term_guards(lex))
    n_chars = np.array([count_han(t) for t in texts], dtype=np.int64)
    out = slogan_frame(corpus, counts, n_chars, term_forms, lex, by=by, zeros=zeros)
    # the denominator of a pooled rate: every document, also those without any term
    out.attrs.update(corpus_n_chars=int(n_chars.sum()), corpus_n_docs=len(texts))
    return out


def slogan_frame(corpus, counts, n_chars, term_forms, lex, *, by=None, zeros=False) -> pd.DataFrame:
    """:func:`count_slogans`'s table from the docs × terms ``counts`` and the Han characters per document."""
    n_docs, n_terms = counts.shape
    long = pd.DataFrame({
        "doc_id": np.repeat(np.array(doc_ids(corpus), dtype=object), n_terms),
        "term": np.tile(np.array([t for t, _, _ in term_forms], dtype=object), n_docs),
        "category": np.tile(np.array([c for _, c, _ in term_forms], dtype=object), n_docs),
        "count": counts.reshape(-1),
        "n_chars": np.repeat(n_chars, n_terms),
    })
    early = before_first_use(corpus, [t for t, _, _ in term_forms], lex).reshape(-1)
    by = as_list(by)
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
    by = as_list(by)
    cols = [*by, "term", "count", "rate_per_10k", "docs_with_term", "n_docs", "share_docs", "n_chars",
            "count_before_first_use"]
    texts = corpus_texts(corpus)
    if not texts or not term_forms:
        return pd.DataFrame(columns=cols)
    counts = count_matrix(texts, term_forms, term_guards(lex))
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
    ordered = doc_order(corpus) if len(corpus) else corpus
    term_forms = forms_of_terms(lex)
    counts = count_matrix(corpus_texts(ordered), term_forms, term_guards(lex))
    ids = doc_ids(ordered)
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
