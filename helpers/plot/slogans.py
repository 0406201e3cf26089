"""The heatmap of formulations by document, region or year."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap

from .font import draws_chinese
from .glosses import labels
from .labels import is_cjk, vertical, wrap_label
from .style import NO_DATA, fmt_number, new_axes, require_columns, text_color, text_for, value_label


@draws_chinese
def plot_slogan_heatmap(
    counts: pd.DataFrame,
    *,
    index: str = "doc_id",
    columns: str = "term",
    value: str = "rate_per_10k",
    ax: Axes | None = None,
    annotate: bool = True,
    cmap: str | Colormap = "cividis",
    lang: str = "zh",
    title: str | None = None,
    wrap: int | None = None,
    colorbar: bool = True,
    n: int | None = 30,
    fill_value: float | None = 0.0,
) -> Axes:
    """Draw documents (or regions, years) × formulations as a heatmap.

    Rows keep the order of first appearance (sorted when ``index`` is numeric,
    e.g. ``year``); columns are the ``n`` terms with the largest total, largest
    first. A row × term combination absent from ``counts`` is 0 by default
    (``count_slogans`` leaves out zero counts); with ``fill_value=None`` it is
    drawn grey, as "no data".

    Args:
        counts: tidy DataFrame, e.g. ``count_slogans`` output (doc_id, term,
            category, count, rate_per_10k). Duplicate cells are summed.
        index: column for the rows.
        columns: column for the columns.
        value: column for the colour.
        ax: Axes to draw on; a new figure if None.
        annotate: write each cell's value (skipped above 600 cells).
        cmap: continuous colormap (cividis is colour-blind safe).
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.
        wrap: wrap column labels every ``wrap`` characters (default: automatic).
        colorbar: add a colour bar.
        n: at most this many columns (``None`` = all).
        fill_value: value of absent combinations; ``None`` leaves them grey.

    Returns:
        The Axes.

    Example:
        >>> df = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["新质生产力", "高质量发展", "新质生产力"],
        ...                    "rate_per_10k": [1.5, 3.0, 0.5]})
        >>> ax = plot_slogan_heatmap(df)
        >>> ax.images[0].get_array().shape
        (2, 2)
        >>> plt.close("all")
    """
    require_columns(counts, [index, columns, value], "plot_slogan_heatmap")
    table, rows, cols = _heatmap_table(counts, index, columns, value, n, fill_value)
    rows, cols = labels(rows, lang), labels(cols, lang)
    nrows, ncols = table.shape
    rotate = ncols > 12
    if wrap is None:
        wrap = 0 if rotate else (5 if lang == "zh" else 14)
    ax = new_axes(ax, _heatmap_size(rows, cols, rotate))
    cmap = plt.get_cmap(cmap).with_extremes(bad=NO_DATA)
    data = np.ma.masked_invalid(table.to_numpy(dtype=float))
    im = ax.imshow(data, cmap=cmap, aspect="auto", interpolation="nearest")
    if annotate and nrows * ncols <= 600:
        _annotate_cells(ax, im, table)
    _heatmap_ticks(ax, rows, cols, rotate, wrap)
    if colorbar:
        ax.figure.colorbar(im, ax=ax, label=value_label(value, lang), shrink=0.8, pad=0.02)
    ax.set_title(title if title is not None else text_for("heatmap", lang, index=index), pad=8)
    return ax


def _heatmap_table(counts: pd.DataFrame, index: str, columns: str, value: str, n: int | None,
                   fill_value: float | None):
    """Pivot to rows × the ``n`` largest columns; rows in order of appearance (sorted if numeric).

    Returns (table, rows, cols).
    """
    table = counts.pivot_table(index=index, columns=columns, values=value, aggfunc="sum",
                               sort=False, dropna=False)
    rows = pd.unique(counts[index])
    if pd.api.types.is_numeric_dtype(counts[index]):
        rows = np.sort(rows)
    cols = table.sum(axis=0).sort_values(ascending=False, kind="stable").index[:n]
    table = table.reindex(index=rows, columns=cols)
    if fill_value is not None:
        table = table.fillna(fill_value)
    return table, rows, cols


def _heatmap_size(rows, cols, rotate: bool) -> tuple[float, float]:
    """Figure size that leaves room for the row labels and the (wrapped or vertical) column labels."""
    nrows, ncols = len(rows), len(cols)
    row_label = max((len(str(r)) for r in rows), default=0) * 0.075
    width = (0.32 if rotate else 0.8) * ncols + 2 + row_label
    col_label = max((len(str(c)) for c in cols), default=0) * 0.125 if rotate else 0.6
    return (max(5.0, min(width, 24)), max(3.0, 0.4 * nrows + 1.4 + col_label))


def _annotate_cells(ax: Axes, im, table: pd.DataFrame) -> None:
    """Write each cell's value in black or white, whichever reads on its colour."""
    nrows, ncols = table.shape
    fontsize = 8 if nrows * ncols <= 150 else 6
    for (i, j), v in np.ndenumerate(table.to_numpy(dtype=float)):
        if np.isnan(v):
            continue
        ax.text(j, i, fmt_number(v), ha="center", va="center",
                fontsize=fontsize if ncols <= 12 else 6.5,
                color=text_color(im.cmap(im.norm(v))))


def _heatmap_ticks(ax: Axes, rows, cols, rotate: bool, wrap: int) -> None:
    """Column labels on top (wrapped, or vertical when many), row labels left, white cell borders."""
    nrows, ncols = len(rows), len(cols)
    if rotate:  # many columns: Chinese labels stacked upright (竖排), others turned 90°
        ax.set_xticks(range(ncols), [vertical(c) for c in cols], fontsize=8, linespacing=1.05)
        for tick, c in zip(ax.get_xticklabels(), cols):
            if not is_cjk(c):
                tick.set_rotation(90)
    else:
        ax.set_xticks(range(ncols), [wrap_label(c, wrap) for c in cols], fontsize=9)
    ax.set_yticks(range(nrows), [str(r) for r in rows], fontsize=9)
    ax.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xticks(np.arange(ncols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(nrows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
