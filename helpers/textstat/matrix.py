"""The document-term matrix of token counts, and the similarity of every pair of documents."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .match import doc_ids
from .words import WordOptions, word_counts


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
    return _matrix(corpus, WordOptions.of(lexicon, stopwords, engine, n_jobs, progress, cache), min_df)


def _matrix(corpus: pd.DataFrame, options: WordOptions, min_df: int = 1) -> DocumentTermMatrix:
    """:func:`document_term_matrix` with the options of the public call."""
    from scipy import sparse  # imported here: importing it takes longer than most counts

    ids = doc_ids(corpus)
    wc = word_counts(corpus, options)
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
    dtm = _matrix(corpus, WordOptions.of(lexicon, stopwords, engine, n_jobs, progress, cache))
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
