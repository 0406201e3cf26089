"""The share reused, summarised by year: one statistic over the targets of each year (and group)."""

from __future__ import annotations

import pandas as pd

#: Statistics :func:`reuse_by_year` computes over the targets of a year.
STATISTICS = ("median", "mean", "min", "max")


def reuse_by_year(shares: pd.DataFrame, *, by: str | None = None, stat: str = "median") -> pd.DataFrame:
    """One row per year (and ``by`` group): ``stat`` of the targets' shares, and how many targets.

    Each target is one document (a province's report), so the median of a
    year is the median province, not the share of the year's characters; the
    column is named after the statistic (``median_share``) to say so.

    Args:
        shares: the ``shares`` table of :func:`helpers.text_reuse` (with ``year``).
        by: a column to keep apart (e.g. ``"comparison"`` or ``"source_id"``).
        stat: ``"median"`` (default), ``"mean"``, ``"min"`` or ``"max"``.

    Returns:
        Tidy DataFrame: ``year``, ``by`` (if given), ``<stat>_share``, ``n_targets``.

    Example:
        >>> s = pd.DataFrame({"year": [2023, 2023, 2023, 2024], "share": [0.1, 0.2, 0.6, 0.3]})
        >>> reuse_by_year(s).values.tolist()
        [[2023.0, 0.2, 3.0], [2024.0, 0.3, 1.0]]
    """
    if stat not in STATISTICS:
        raise ValueError(f"reuse_by_year(): stat must be one of {STATISTICS}, got {stat!r}")
    for column in ["year", "share", *([by] if by else [])]:
        if column not in shares.columns:
            raise ValueError(f"reuse_by_year() needs the column {column!r} (the shares table of "
                             f"helpers.text_reuse); it has {list(shares.columns)}")
    keys = ["year", *([by] if by else [])]
    grouped = shares.dropna(subset=["year"]).groupby(keys, sort=False)["share"]  # groups in order of appearance
    out = grouped.agg(stat).rename(f"{stat}_share").to_frame()
    out["n_targets"] = grouped.size()
    return out.reset_index().sort_values("year", kind="stable", ignore_index=True)
