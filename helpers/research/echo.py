"""Echo of the centre: how much local documents repeat a reference, and how groups resemble each other."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..lexicon import as_lexicon
from ..textstat import similarity
from ..textstat.match import corpus_texts, count_matrix, forms_of_terms, term_guards


def echo(corpus: pd.DataFrame, reference, *, lexicon=None, stopwords=True, engine: str = "auto",
         docs=None) -> pd.DataFrame:
    """Measure how much each document repeats a reference document (e.g. the national report).

    Formulations are the lexicon terms found in the reference (substring
    counts); similarity is the tf-idf cosine of token counts
    (:func:`helpers.textstat.similarity`), with idf computed over the corpus
    plus the reference, so common words weigh little.

    Args:
        corpus: DataFrame with ``doc_id`` and ``text`` (local documents; the
            reference may be one of them and is then left out of the result).
        reference: a doc_id of ``corpus`` or a text.
        lexicon: formulations to look for (``None`` = bundled lexicon).
        stopwords, engine: as in :func:`helpers.textstat.similarity`.
        docs: doc_ids to report (default: every document but the reference).

    Returns:
        One row per document: doc_id, n_reference_terms (formulations in the
        reference), n_repeated, share_repeated, repeated (the repeated
        formulations joined by ``、``, most frequent in the reference first),
        similarity; plus year, province and title when the corpus has them.
        Sorted by similarity, highest first.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["央", "甲", "乙"],
        ...     "text": ["坚持两个确立，发展全过程人民民主。", "坚持两个确立。", "发展经济。"]})
        >>> out = echo(corpus, "央", lexicon=["两个确立", "全过程人民民主"], stopwords=False)
        >>> out[["doc_id", "n_repeated", "share_repeated"]].values.tolist()
        [['甲', 1, 0.5], ['乙', 0, 0.0]]
    """
    lex = as_lexicon(lexicon)
    ids = corpus["doc_id"].astype(str).tolist()
    if isinstance(reference, str) and reference in ids:
        ref_id = reference
        full = corpus[["doc_id", "text"]].astype({"doc_id": str})
    else:
        ref_id = "__reference__"
        full = pd.concat([corpus[["doc_id", "text"]].astype({"doc_id": str}),
                          pd.DataFrame({"doc_id": [ref_id], "text": [str(reference)]})],
                         ignore_index=True)
    tf = forms_of_terms(lex)
    counts = count_matrix(corpus_texts(full), tf, term_guards(lex))
    ref_row = full["doc_id"].tolist().index(ref_id)
    ref_counts = counts[ref_row]
    ref_terms = np.flatnonzero(ref_counts > 0)
    ref_terms = ref_terms[np.argsort(-ref_counts[ref_terms], kind="stable")]
    names = [t for t, _, _ in tf]
    sim = similarity(full, wide=True, lexicon=lex, stopwords=stopwords, engine=engine)
    wanted = [d for d in (docs if docs is not None else ids) if d != ref_id]
    rows = []
    for d in wanted:
        i = full["doc_id"].tolist().index(d)
        rep = [names[j] for j in ref_terms if counts[i, j] > 0]
        n_ref = len(ref_terms)
        rows.append((d, n_ref, len(rep), len(rep) / n_ref if n_ref else np.nan, "、".join(rep),
                     float(sim.loc[d, ref_id])))
    out = pd.DataFrame(rows, columns=["doc_id", "n_reference_terms", "n_repeated", "share_repeated",
                                      "repeated", "similarity"])
    meta = [c for c in ("year", "province", "title") if c in corpus.columns]
    if meta:
        out = out.merge(corpus[["doc_id", *meta]].astype({"doc_id": str}), on="doc_id", how="left")
    return out.sort_values("similarity", ascending=False, kind="stable").reset_index(drop=True)


def echo_matrix(corpus: pd.DataFrame, *, by="province", lexicon=None, stopwords=True,
                engine: str = "auto") -> pd.DataFrame:
    """Average tf-idf cosine similarity between the documents of every pair of groups.

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ``by``.
        by: grouping column (``"province"``, ``"city"``, ``"level"``…).
        lexicon, stopwords, engine: as in :func:`helpers.textstat.similarity`.

    Returns:
        Square DataFrame (groups as index and columns): the mean similarity of
        all document pairs across two groups; the diagonal is the mean over
        pairs of different documents of one group (NaN for a group with one
        document).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": list("abc"), "province": ["甲", "甲", "乙"],
        ...                        "text": ["改革发展", "改革发展", "安全稳定"]})
        >>> echo_matrix(corpus, lexicon=[], stopwords=False).round(2).values.tolist()
        [[1.0, 0.0], [0.0, nan]]
    """
    sim = similarity(corpus, wide=True, lexicon=lexicon, stopwords=stopwords, engine=engine)
    groups = corpus[by].astype(str).to_numpy()
    names = list(dict.fromkeys(groups))
    s = sim.to_numpy(dtype=float)
    out = pd.DataFrame(np.nan, index=names, columns=names)
    for a in names:
        ia = np.flatnonzero(groups == a)
        for b in names:
            ib = np.flatnonzero(groups == b)
            block = s[np.ix_(ia, ib)]
            if a == b:
                mask = ~np.eye(len(ia), dtype=bool)
                vals = block[mask]
            else:
                vals = block.ravel()
            vals = vals[~np.isnan(vals)]
            out.loc[a, b] = vals.mean() if len(vals) else np.nan
    out.index.name = by
    out.columns.name = by
    return out
