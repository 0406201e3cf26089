"""The province × year panel: pooled rates per cell, documented gaps kept as missing, leaders and laggards."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import paths
from ..textstat import slogan_trends
from ..textstat.match import per_10k

PANEL_COLUMNS = ["province", "term", "count", "n_docs", "n_missing", "docs_with_term", "n_chars",
                 "rate_per_10k", "status"]


def period_labels(years: pd.Series, starts: Sequence[int]) -> pd.Series:
    """Name the period of each year: the last start at or before it, ``"2003–2007"``.

    Years before the first start form one more period, from the earliest of
    ``years``; the last period ends with the latest of ``years``.

    Example:
        >>> period_labels(pd.Series([1990, 2003, 2009, 2012]), [2003, 2008]).tolist()
        ['1990–2002', '2003–2007', '2008–2012', '2008–2012']
    """
    y = pd.to_numeric(years, errors="coerce")
    starts = sorted(int(s) for s in starts)
    if y.notna().any() and int(y.min()) < starts[0]:
        starts = [int(y.min()), *starts]
    last = int(y.max()) if y.notna().any() else starts[-1]
    ends = [s - 1 for s in starts[1:]] + [max(last, starts[-1])]
    names = [f"{s}–{e}" if e > s else str(s) for s, e in zip(starts, ends)]
    index = np.searchsorted(np.array(starts), y.fillna(starts[0]).to_numpy(), side="right") - 1
    return pd.Series([names[i] if pd.notna(v) else None for i, v in zip(index, y)], index=years.index,
                     dtype=object)


def read_missing(path=None) -> pd.DataFrame:
    """Read the province-years without a report (``data/metadata/missing.csv``): province, year.

    Example:
        >>> missing = read_missing()
        >>> list(missing.columns), bool(len(missing))
        (['province', 'year'], True)
    """
    table = pd.read_csv(path if path is not None else paths.PANEL_MISSING_CSV, dtype={"province": str})
    if list(table.columns[:2]) != ["province", "year"]:
        raise ValueError(f"{path or paths.PANEL_MISSING_CSV}: needs the columns province, year, "
                         f"not {list(table.columns)}")
    table["year"] = pd.to_numeric(table["year"], errors="raise").astype(int)
    return table[["province", "year"]]


def _missing_for(corpus: pd.DataFrame, missing) -> pd.DataFrame:
    if missing is False:
        return pd.DataFrame(columns=["province", "year"])
    if missing is None:
        bundled = "corpus" in corpus.columns and (corpus["corpus"] == "provinces").any()
        return read_missing() if bundled else pd.DataFrame(columns=["province", "year"])
    return missing[["province", "year"]]


def panel_rates(corpus: pd.DataFrame, terms, *, periods: Sequence[int] | None = None, missing=None,
                lexicon=None) -> pd.DataFrame:
    """Count terms per province × year (or period), pooled, with missing reports as missing.

    A cell's rate is pooled: the sum of its counts over the sum of its Han
    characters (per 10,000), so a long report weighs as much as its length,
    never an average of rates. Province-years without a report that the
    panel documents (``data/metadata/missing.csv``, or ``missing=``) get a
    row with ``status`` ``"missing"`` and no count or rate (NA, not 0),
    for the provinces and within the years of ``corpus``; province-years
    outside the collection get no row at all.

    Args:
        corpus: DataFrame with ``doc_id``, ``text``, ``province`` and ``year``
            (e.g. ``load_corpus("provinces")``).
        terms: a term or list of terms (lexicon terms with their variants).
        periods: start years of periods (e.g. ``[2003, 2008, 2013, 2018,
            2023]``): cells are province × period (column ``period``) instead
            of province × year.
        missing: a table province, year of documented gaps; ``None`` = the
            bundled one when the corpus is the bundled panel; ``False`` = none.
        lexicon: see :func:`helpers.textstat.count_slogans`.

    Returns:
        province, year (or period), term, count, n_docs (reports in the cell),
        n_missing (documented missing reports in the cell), docs_with_term,
        n_chars, rate_per_10k, status (``reported``, or ``missing`` when the
        cell has no report).

    Example:
        >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "province": ["甲省", "甲省"],
        ...     "year": [2020, 2022], "text": ["两个确立", "两个确立两个确立"]})
        >>> gaps = pd.DataFrame({"province": ["甲省"], "year": [2021]})
        >>> out = panel_rates(corpus, "两个确立", missing=gaps, lexicon=[])
        >>> out["status"].tolist(), out["count"].isna().tolist(), int(out["count"].sum())
        (['reported', 'missing', 'reported'], [False, True, False], 3)
    """
    gaps = _missing_for(corpus, missing)
    key = "period" if periods is not None else "year"
    frame = corpus.assign(year=pd.to_numeric(corpus["year"], errors="coerce").astype("Int64"))
    if periods is not None:
        frame = frame.assign(period=period_labels(frame["year"], periods))
    counts = slogan_trends(frame, terms, lexicon=lexicon, by=["province", key])
    counts["n_missing"] = 0
    counts["status"] = "reported"
    gap_rows = _gap_rows(gaps, frame, periods, key, list(dict.fromkeys(counts["term"])))
    out = pd.concat([counts, gap_rows], ignore_index=True) if len(gap_rows) else counts
    out = (out.groupby(["province", key, "term"], sort=True, as_index=False)
           .agg(count=("count", "sum"), n_docs=("n_docs", "sum"), n_missing=("n_missing", "sum"),
                docs_with_term=("docs_with_term", "sum"), n_chars=("n_chars", "sum")))
    out["count"] = pd.array(np.where(out["n_docs"] > 0, out["count"], np.nan), dtype="Int64")
    out["rate_per_10k"] = per_10k(out["count"].astype(float), out["n_chars"])
    out["status"] = np.where(out["n_docs"] > 0, "reported", "missing")
    if key == "year":
        out["year"] = out["year"].astype("Int64")
    return out[["province", key, *PANEL_COLUMNS[1:]]]


def _gap_rows(gaps: pd.DataFrame, frame: pd.DataFrame, periods, key: str, terms: list) -> pd.DataFrame:
    """One row per documented missing province-year and term, with no report behind it."""
    if not len(gaps) or not terms:
        return pd.DataFrame()
    gaps = gaps.assign(year=gaps["year"].astype(int))
    years = frame["year"].dropna().astype(int)
    inside = gaps["year"].between(years.min(), years.max()) if len(years) else False
    gaps = gaps[inside & gaps["province"].isin(set(frame["province"]))]  # the provinces and years of the corpus
    if periods is not None:
        years = pd.concat([frame["year"].dropna().astype(int), gaps["year"]], ignore_index=True)
        labels = period_labels(years, periods).iloc[len(years) - len(gaps):]
        gaps = gaps.assign(period=labels.to_numpy())
    rows = gaps[["province", key]].merge(pd.DataFrame({"term": terms}), how="cross")
    return rows.assign(count=0, n_docs=0, n_missing=1, docs_with_term=0, n_chars=0)


def rank_provinces(table: pd.DataFrame, term: str | None = None) -> pd.DataFrame:
    """Rank provinces by their pooled rate over all the cells of a panel table: leaders first.

    Args:
        table: :func:`panel_rates` output (or any table with province, term,
            count, n_docs, n_chars).
        term: the term to rank by (needed when the table has several).

    Returns:
        rank (1 = highest rate), province, term, count, n_docs, n_missing,
        n_chars, rate_per_10k (pooled: sum of counts / sum of characters),
        ratio_to_all (the province's rate over the pooled rate of all the
        provinces together: 2.0 = twice as dense as the panel).

    Example:
        >>> t = pd.DataFrame({"province": ["甲", "甲", "乙"], "term": ["x"] * 3, "count": [1, 3, 1],
        ...                   "n_docs": [1, 1, 1], "n_chars": [10_000, 10_000, 20_000]})
        >>> rank_provinces(t)[["rank", "province", "rate_per_10k", "ratio_to_all"]].values.tolist()
        [[1, '甲', 2.0, 1.6], [2, '乙', 0.5, 0.4]]
    """
    if term is None and table["term"].nunique() > 1:
        raise ValueError("rank_provinces() ranks by one term: pass term=...")
    df = table if term is None else table[table["term"] == term]
    if "n_missing" not in df.columns:
        df = df.assign(n_missing=0)
    out = (df.assign(count=df["count"].fillna(0).astype(int))
           .groupby(["province", "term"], as_index=False)
           .agg(count=("count", "sum"), n_docs=("n_docs", "sum"), n_missing=("n_missing", "sum"),
                n_chars=("n_chars", "sum")))
    out["rate_per_10k"] = per_10k(out["count"], out["n_chars"])
    overall = float(per_10k(out["count"].sum(), out["n_chars"].sum()))
    out["ratio_to_all"] = out["rate_per_10k"] / overall if overall > 0 else np.nan
    out = out.sort_values(["rate_per_10k", "province"], ascending=[False, True], kind="stable")
    out.insert(0, "rank", range(1, len(out) + 1))
    return out.reset_index(drop=True)
