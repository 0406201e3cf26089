"""Keyness: the terms over-represented in target documents against a reference.

:func:`signed_g2` and :func:`signed_chi2` score 2×2 tables as quanteda does
(Yates' and Williams' corrections included); :func:`keyness` builds those
tables from token counts (:func:`helpers.textstat.words.word_counts`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .match import doc_ids
from .words import WordOptions, word_counts


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


def _signed_table(a, b, tN, rN):
    """The 2×2 cells, N, and the sign of each test: +1 where a exceeds its expected value, else -1."""
    a, b, c, d, N = _two_by_two(a, b, tN, rN)
    E11 = (a + b) * (a + c) / N
    return a, b, c, d, N, np.where(a > E11, 1.0, -1.0)


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
    a, b, c, d, N, sign = _signed_table(a, b, tN, rN)
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
    a, b, c, d, N, sign = _signed_table(a, b, tN, rN)
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
    ids = np.array(doc_ids(corpus), dtype=object)
    used = tmask | rmask
    wc = word_counts(corpus[used], WordOptions.of(lexicon, stopwords, engine, n_jobs, progress, cache))
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
