"""Discourse temperature: CMP-style tiers of how widely a term is used per period."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..textstat import slogan_trends

#: China Media Project's discourse-temperature tiers (沸 boiling … 冷 cold) as
#: (name, minimum documents using the term, minimum share of documents). Only
#: the two top cut-offs are published (Qian Gang / CMP, for People's Daily
#: articles per year): 沸 ≥ 2,000 articles and share ≥ 0.0518, 烫 ≥ 500 and
#: ≥ 0.0129. The lower four are unknown in the literature: they are
#: *user-defined* and ``None`` here, so no term is put in them unless you set
#: them (``temperature(..., tiers={"热": (100, 0.003)})``).
TEMPERATURE_TIERS: tuple[tuple[str, int | None, float | None], ...] = (
    ("沸", 2000, 0.0518),
    ("烫", 500, 0.0129),
    ("热", None, None),
    ("暖", None, None),
    ("温", None, None),
    ("冷", None, None),
)


def _tier_table(tiers) -> list[tuple[str, int | None, float | None]]:
    table = list(TEMPERATURE_TIERS)
    if tiers is None:
        return table
    if isinstance(tiers, dict):
        names = [n for n, _, _ in table]
        for name, (min_docs, min_share) in tiers.items():
            if name in names:
                table[names.index(name)] = (name, min_docs, min_share)
            else:
                table.append((name, min_docs, min_share))
        return table
    return [tuple(t) for t in tiers]


def temperature(corpus_or_counts: pd.DataFrame, terms=None, *, by="year", tiers=None,
                lexicon=None) -> pd.DataFrame:
    """Put each term in a CMP-style discourse-temperature tier per period.

    The unit is the document: how many documents of the period use the term
    (``docs_with_term``) and their share of all documents (``share_docs``). A
    term is in the first tier whose two minimums it meets. Defaults
    (:data:`TEMPERATURE_TIERS`): 沸 ≥ 2,000 documents and share ≥ 0.0518, 烫 ≥ 500
    and ≥ 0.0129 — the published cut-offs of the China Media Project for
    *People's Daily articles per year*; they suit article corpora, not a
    corpus of one work report a year. The lower tiers 热, 暖, 温, 冷 have no
    published cut-offs: they are user-defined (``None`` by default) and a term
    that meets no tier gets an empty tier.

    Args:
        corpus_or_counts: a corpus (``doc_id``, ``text``, ``by``) or a table
            with ``by``, term, docs_with_term, n_docs (``slogan_trends``
            output).
        terms: terms (for a corpus; default every lexicon term).
        by: period column.
        tiers: dict name → (min_docs, min_share) to set or override tiers,
            e.g. ``{"热": (100, 0.003)}``; or a full list of (name, min_docs,
            min_share) in order, hottest first.
        lexicon: see :func:`first_use`.

    Returns:
        ``by``, term, docs_with_term, n_docs, share_docs, tier, move (``↑``,
        ``↓``, ``=`` or empty, against the term's previous period).

    Example:
        >>> counts = pd.DataFrame({"year": [2021, 2022], "term": ["共同富裕"] * 2,
        ...                        "docs_with_term": [400, 2500], "n_docs": [30000, 30000]})
        >>> temperature(counts)[["year", "tier", "move"]].values.tolist()
        [[2021, '', ''], [2022, '沸', '↑']]
    """
    df = corpus_or_counts
    if "text" in df.columns:
        df = slogan_trends(df, terms, lexicon=lexicon, by=by)
    by_cols = [by] if isinstance(by, str) else list(by)
    need = [*by_cols, "term", "docs_with_term", "n_docs"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ValueError(f"temperature() needs the columns {need}; missing {missing}. "
                         "Pass a corpus or the output of slogan_trends().")
    out = df[need].copy()
    if terms is not None and "text" not in corpus_or_counts.columns:
        out = out[out["term"].isin([terms] if isinstance(terms, str) else terms)]
    out["share_docs"] = out["docs_with_term"] / out["n_docs"].where(out["n_docs"] > 0)
    table = _tier_table(tiers)
    rank = {name: i for i, (name, _, _) in enumerate(table)}

    def tier(row) -> str:
        for name, min_docs, min_share in table:
            if min_docs is None and min_share is None:
                continue
            if (min_docs is None or row.docs_with_term >= min_docs) and \
               (min_share is None or row.share_docs >= min_share):
                return name
        return ""

    out["tier"] = [tier(r) for r in out.itertuples()]
    out = out.sort_values(["term", *by_cols], kind="stable")
    level = out["tier"].map(lambda t: rank.get(t, len(table)))
    prev = level.groupby(out["term"]).shift()
    out["move"] = np.select([prev.isna(), level < prev, level > prev], ["", "↑", "↓"], default="=")
    return out.reset_index(drop=True)
