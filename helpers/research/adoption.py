"""First use of each term per group, adoption lag behind a reference date, diffusion curves."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._dateparse import date_column
from ..dates import document_periods, first_use_dates, parse_date
from ..lexicon import as_lexicon
from ..textstat.match import corpus_texts, count_matrix, forms_of_terms, term_guards


def _counts(corpus, terms, lexicon):
    lex = as_lexicon(lexicon)
    tf = forms_of_terms(lex, terms)
    return [t for t, _, _ in tf], count_matrix(corpus_texts(corpus), tf, term_guards(lex)), lex


def _group_keys(corpus: pd.DataFrame, by) -> pd.Series:
    if by is None or by == "doc_id":
        return corpus["doc_id"].astype(str).reset_index(drop=True)
    return corpus[by].astype(str).reset_index(drop=True)


def first_use(corpus: pd.DataFrame, terms, *, by=None, lexicon=None) -> pd.DataFrame:
    """Find the first document using each term, overall or per group (province, city…).

    Args:
        corpus: DataFrame with ``doc_id``, ``text`` and ``date`` or ``year``.
        terms: a term or list of terms (lexicon terms count with their variants).
        by: a grouping column (e.g. ``"province"``); ``None`` = the whole corpus.
        lexicon: anything ``load_lexicon`` accepts (``None`` = bundled).

    Returns:
        One row per group × term (groups that never use a term included, with
        ``used`` False): the ``by`` column, term, used, first_doc, first_date,
        first_year, n_docs_with_term, n_docs (documents in the group),
        first_official_use (lexicon date, start of period, or NaT). Ties on the
        first date go to corpus order.

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["x", "y"], "year": [1998, 1993],
        ...                        "text": ["邓小平理论", "社会主义市场经济和邓小平理论"]})
        >>> first_use(corpus, ["邓小平理论"], lexicon=[])[["first_doc", "first_year"]].values.tolist()
        [['y', 1993]]
    """
    terms_l, counts, lex = _counts(corpus, terms, lexicon)
    early, _ = document_periods(corpus)
    years = (pd.to_numeric(corpus["year"], errors="coerce").to_numpy() if "year" in corpus.columns
             else pd.DatetimeIndex(early).year.to_numpy(dtype=float))
    ids = corpus["doc_id"].astype(str).to_numpy()
    groups = _group_keys(corpus, by) if by is not None else pd.Series(["全部"] * len(corpus))
    official = first_use_dates(terms_l, lex)
    order_key = np.where(np.isnat(early), np.datetime64("2262-01-01"), early)
    rows = []
    for g in pd.unique(groups):  # groups in order of first appearance
        idx = np.flatnonzero(groups.to_numpy() == g)
        idx = idx[np.lexsort((idx, order_key[idx]))]  # oldest first, then corpus order
        for j, t in enumerate(terms_l):
            hits = idx[counts[idx, j] > 0]
            first = hits[0] if len(hits) else None
            rows.append({
                "group": g, "term": t, "used": first is not None,
                "first_doc": ids[first] if first is not None else "",
                "first_date": early[first] if first is not None else np.datetime64("NaT"),
                "first_year": years[first] if first is not None else np.nan,
                "n_docs_with_term": len(hits), "n_docs": len(idx),
                "first_official_use": official[t],
            })
    cols = ["group", "term", "used", "first_doc", "first_date", "first_year", "n_docs_with_term",
            "n_docs", "first_official_use"]
    out = pd.DataFrame(rows, columns=cols)
    out["first_date"] = date_column(out["first_date"], index=out.index)  # any year: datetime64[s]
    out["first_official_use"] = date_column(out["first_official_use"], index=out.index)
    out["first_year"] = pd.array(out["first_year"].astype(float).round(), dtype="Int64")
    if by is None:
        return out.drop(columns="group")
    return out.rename(columns={"group": by})


def _reference_dates(reference, terms, corpus, lexicon) -> dict:
    if isinstance(reference, str) and reference == "first_official_use":
        return first_use_dates(terms, lexicon)
    if isinstance(reference, dict):
        return {t: (parse_date(reference.get(t))[0] if parse_date(reference.get(t)) else None) for t in terms}
    if isinstance(reference, str) and reference in set(corpus["doc_id"].astype(str)):
        early, _ = document_periods(corpus)
        d = early[np.flatnonzero(corpus["doc_id"].astype(str).to_numpy() == reference)[0]]
        return dict.fromkeys(terms, pd.Timestamp(d))
    parsed = parse_date(reference)
    if parsed is None:
        raise ValueError(
            f"reference must be 'first_official_use', a date (YYYY, YYYY-MM, YYYY-MM-DD), a "
            f"doc_id of the corpus or a dict term -> date, not {reference!r}")
    return dict.fromkeys(terms, parsed[0])


def adoption_lag(corpus: pd.DataFrame, terms, *, reference="first_official_use", by="province",
                 lexicon=None) -> pd.DataFrame:
    """Measure how long after a reference date each group first used each term.

    Args:
        corpus: DataFrame with ``doc_id``, ``text``, ``date``/``year`` and ``by``.
        terms: term or list of terms.
        reference: ``"first_official_use"`` (the lexicon's date), a date
            (``"2021-11-11"``), a doc_id of the corpus (e.g. the national report
            that launched the term) or a dict term → date.
        by: grouping column (``None`` = each document on its own).
        lexicon: see :func:`first_use`.

    Returns:
        One row per group × term that used the term: the ``by`` column, term,
        first_doc, first_date, reference_date, lag_days, lag_years
        (days / 365.25). A negative lag means the group used the string
        before the reference (an earlier meaning, or a local origin).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "province": ["甲", "乙"],
        ...     "date": pd.to_datetime(["2022-01-01", "2023-01-01"]), "text": ["两个确立", "两个确立"]})
        >>> adoption_lag(corpus, "两个确立", reference="2021-11-11", lexicon=[])["lag_days"].tolist()
        [51, 416]
    """
    by_col = by if by is not None else "doc_id"
    fu = first_use(corpus, terms, by=by_col, lexicon=lexicon)
    fu = fu[fu["used"]].copy()
    ref = _reference_dates(reference, list(dict.fromkeys(fu["term"])), corpus, lexicon)
    fu["reference_date"] = date_column(fu["term"].map(ref), index=fu.index)
    lag = fu["first_date"] - fu["reference_date"]
    fu["lag_days"] = pd.array(lag.dt.days, dtype="Int64")
    fu["lag_years"] = lag.dt.days / 365.25
    cols = [by_col, "term", "first_doc", "first_date", "reference_date", "lag_days", "lag_years"]
    return fu[cols].reset_index(drop=True)


def diffusion(corpus: pd.DataFrame, terms, *, by="province", lexicon=None) -> pd.DataFrame:
    """Trace the cumulative share of groups (or documents) that have used each term by each date.

    Args:
        corpus: DataFrame with ``doc_id``, ``text``, ``date``/``year`` and ``by``.
        terms: term or list of terms.
        by: grouping column (``"province"``, ``"city"``…); ``None`` or
            ``"doc_id"`` counts documents.
        lexicon: see :func:`first_use`.

    Returns:
        One row per term and date on which at least one group first used it
        (an S-curve as steps): term, date, year, new_groups (names joined by
        ``、``), n_new, n_adopted (cumulative), n_groups (all groups in the
        corpus), share (n_adopted / n_groups).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "province": ["甲", "乙", "丙", "丁"],
        ...     "year": [2020, 2021, 2021, 2022], "text": ["新词", "新词", "", "新词"]})
        >>> diffusion(corpus, "新词", lexicon=[])[["year", "n_adopted", "share"]].values.tolist()
        [[2020, 1, 0.25], [2021, 2, 0.5], [2022, 3, 0.75]]
    """
    by_col = by if by not in (None, "doc_id") else "doc_id"
    fu = first_use(corpus, terms, by=by_col, lexicon=lexicon)
    cols = ["term", "date", "year", "new_groups", "n_new", "n_adopted", "n_groups", "share"]
    rows = []
    for t, g in fu.groupby("term", sort=False):
        n_groups = len(g)
        used = g[g["used"]].sort_values(["first_date", by_col])
        total = 0
        for (d, y), step in used.groupby(["first_date", "first_year"], sort=True):
            total += len(step)
            rows.append((t, d, y, "、".join(step[by_col].astype(str)), len(step), total, n_groups,
                         total / n_groups))
    out = pd.DataFrame(rows, columns=cols)
    out["year"] = pd.array(out["year"], dtype="Int64")
    return out
