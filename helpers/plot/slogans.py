"""Charts of formulations by document and by year: the heatmap and the trend lines."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap
from matplotlib.patches import Rectangle
from mpl_toolkits.axes_grid1 import make_axes_locatable

from .font import draws_chinese
from .labels import is_cjk, vertical, wrap_label
from .style import GRID, NO_DATA, fmt_number, line_style, new_axes, require_columns, text_color, text_for, value_label
from .timeline import calendar_overlay


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
    nrows, ncols = table.shape
    rotate = ncols > 12
    if wrap is None:
        wrap = 0 if rotate else 5
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
        for label, c in zip(ax.get_xticklabels(), cols):
            if not is_cjk(c):
                label.set_rotation(90)
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


def _runs(years: Sequence[int]) -> list[tuple[int, int]]:
    """Group sorted integers into inclusive runs: [1961, 1962, 1965] -> [(1961, 1962), (1965, 1965)]."""
    out: list[tuple[int, int]] = []
    for y in years:
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


@draws_chinese
def plot_trends(
    trends: pd.DataFrame,
    *,
    terms: Sequence[str] | None = None,
    value: str = "rate_per_10k",
    ax: Axes | None = None,
    show_n_docs: bool = True,
    missing_years: str = "gap",
    max_terms: int = 8,
    lang: str = "zh",
    title: str | None = None,
    calendar: bool | pd.DataFrame = False,
    leaders: str = "party_leader_term",
    exclude_before_first_use: bool = False,
) -> Axes:
    """Draw one line per term over the years; years without documents are gaps.

    A year with documents but no row for a term counts as 0; a year with no
    documents at all (or ``n_docs == 0``) is missing: the line breaks there and
    the span is shaded. With ``show_n_docs`` a thin bar strip *below* the main
    Axes (same Figure, shared x axis, made with ``make_axes_locatable``) shows
    the number of documents per year; the function still returns the main Axes
    (the strip is ``ax.tifa_ndocs_ax``). The legend sits outside on the right.

    Args:
        trends: tidy DataFrame with ``year``, ``term``, ``value`` and
            ``n_docs`` (``slogan_trends`` output: year, term, count,
            rate_per_10k, n_docs, docs_with_term, share_docs).
        terms: terms to draw, in this order; default: the ``max_terms`` with the
            largest total.
        value: ``"rate_per_10k"`` (default), ``"count"``, ``"share_docs"``…
        ax: Axes to draw on; a new figure if None.
        show_n_docs: add the documents-per-year strip (needs ``n_docs``).
        missing_years: ``"gap"`` (default: break the line, shade the years) or
            ``"connect"`` (draw a line across them; markers only at real years).
        max_terms: how many terms when ``terms`` is None.
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.
        calendar: ``True`` (the bundled ``data/calendar.csv``) or a calendar
            table (``helpers.dates.load_calendar``): leaders' terms as
            light alternating bands named along the top, party congresses as
            dashed lines labelled 十三大, 十四大…, and the opening of each NPC
            session as a small tick on the x axis — so a rise can be read
            against events.
        leaders: whose terms to shade: ``"party_leader_term"`` (default) or
            ``"premier_term"``.
        exclude_before_first_use: subtract ``count_before_first_use`` (from
            ``slogan_trends``) so matches older than a term's first official
            use are left out (``count`` and ``rate_per_10k``; for
            ``share_docs`` build the table with
            ``slogan_trends(..., exclude_before_first_use=True)``).

    Returns:
        The main Axes.

    Example:
        >>> df = pd.DataFrame({"year": [1960, 1964, 1964], "term": ["改革", "改革", "开放"],
        ...                    "count": [1, 2, 1], "rate_per_10k": [0.5, 1.0, 0.5], "n_docs": [1, 1, 1]})
        >>> ax = plot_trends(df)
        >>> ax.lines[0].get_ydata().tolist()
        [0.5, nan, nan, nan, 1.0]
        >>> plt.close("all")
    """
    if missing_years not in ("gap", "connect"):
        raise ValueError(f"missing_years must be 'gap' or 'connect', not {missing_years!r}")
    require_columns(trends, ["year", "term", value], "plot_trends")
    df = trends.copy()
    if exclude_before_first_use:
        _exclude_before_first_use(df, value)
    df = _integer_years(df)
    has_n_docs = "n_docs" in df.columns
    n_docs, observed, years, missing = _year_span(df, has_n_docs)
    terms = _pick_terms(df, terms, value, max_terms)
    table = (df[df["term"].isin(terms)]
             .pivot_table(index="year", columns="term", values=value, aggfunc="sum")
             .reindex(index=years, columns=terms))
    table.loc[observed] = table.loc[observed].fillna(0.0)  # documents but no mention: zero

    ax = new_axes(ax, (9, 4.8 if show_n_docs and has_n_docs else 4.2))
    _draw_lines(ax, table, terms, years, missing_years)
    if missing_years == "gap":
        _shade_missing(ax, missing, lang)
    ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
    ax.set_ylim(bottom=0)
    has_cal = calendar is not False and calendar is not None
    calendar_handles = calendar_overlay(ax, calendar, leaders, lang) if has_cal else []
    _style_trend_axes(ax, value, lang)
    ax.set_title(title if title is not None else text_for("trends", lang), pad=18 if has_cal else 6)
    _trend_legend(ax, calendar_handles)
    if show_n_docs and has_n_docs:
        ax.tifa_ndocs_ax = _n_docs_strip(ax, n_docs, years, lang)
    else:
        ax.set_xlabel(text_for("year", lang))
    return ax


def _exclude_before_first_use(df: pd.DataFrame, value: str) -> None:
    """Take ``count_before_first_use`` off ``count`` (and ``rate_per_10k`` in proportion), in place."""
    if "count_before_first_use" not in df.columns:
        raise ValueError("exclude_before_first_use needs the count_before_first_use column "
                         "of slogan_trends()")
    if value == "share_docs":
        raise ValueError("for share_docs, use slogan_trends(..., exclude_before_first_use=True)")
    kept = df["count"] - df["count_before_first_use"] if "count" in df.columns else None
    if value == "rate_per_10k" and "count" in df.columns:
        with np.errstate(divide="ignore", invalid="ignore"):
            df[value] = np.where(df["count"] > 0, df[value] * kept / df["count"], df[value])
    elif value == "count":
        df[value] = kept


def _integer_years(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows without a year; make the years integers."""
    df["year"] = pd.to_numeric(df["year"], errors="coerce")
    df = df.dropna(subset=["year"])
    df["year"] = df["year"].astype(int)
    return df


def _year_span(df: pd.DataFrame, has_n_docs: bool):
    """Return (documents per year, years with documents, every year first to last, years without).

    Without an ``n_docs`` column a year with any row counts as one document.
    """
    if has_n_docs:
        n_docs = df.groupby("year")["n_docs"].max()
    else:
        n_docs = df.groupby("year").size().clip(upper=1)  # "some data" indicator
    observed = sorted(int(y) for y, k in n_docs.items() if pd.notna(k) and k > 0)
    if not observed:
        raise ValueError("plot_trends(): no year has any documents (n_docs is 0 or missing).")
    years = np.arange(min(observed), max(observed) + 1)
    missing = [y for y in years if y not in set(observed)]
    return n_docs, observed, years, missing


def _pick_terms(df: pd.DataFrame, terms: Sequence[str] | None, value: str, max_terms: int) -> list:
    """The terms to draw: as given (warning about unknown ones), or the ``max_terms`` largest."""
    totals = df.groupby("term", sort=False)[value].sum()
    if terms is None:
        return list(totals.sort_values(ascending=False, kind="stable").head(max_terms).index)
    terms = list(terms)
    unknown = [t for t in terms if t not in totals.index]
    if unknown:
        # stacklevel 4: past this helper, plot_trends and the draws_chinese wrapper, to the caller
        warnings.warn(f"plot_trends(): no rows for term(s) {unknown}; drawn as zero.",
                      stacklevel=4)
    return terms


def _draw_lines(ax: Axes, table: pd.DataFrame, terms: list, years: np.ndarray,
                missing_years: str) -> None:
    """One line per term (a column of ``table``); with ``"connect"`` the line skips missing years."""
    for i, term in enumerate(terms):
        y = table[term].to_numpy(dtype=float)
        style = line_style(i)
        if missing_years == "connect":
            ok = ~np.isnan(y)
            ax.plot(years[ok], y[ok], label=str(term), markersize=4, linewidth=1.6, **style)
        else:
            ax.plot(years, y, label=str(term), markersize=4, linewidth=1.6, **style)


def _shade_missing(ax: Axes, missing: list[int], lang: str) -> None:
    """Shade each run of years without documents; one legend entry for them all."""
    for a, b in _runs(missing):
        ax.axvspan(a - 0.5, b + 0.5, color="#f0f0f0", zorder=0, linewidth=0)
    if missing:
        ax.add_patch(Rectangle((np.nan, np.nan), 0, 0, color="#e0e0e0",
                               label=text_for("no_docs", lang)))


def _style_trend_axes(ax: Axes, value: str, lang: str) -> None:
    """Y label (per cent for shares), integer years, light horizontal grid."""
    ax.set_ylabel(value_label(value, lang))
    if value == "share_docs":
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=12))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)


def _trend_legend(ax: Axes, extra_handles: list) -> None:
    """The legend outside on the right: the terms, then the calendar's marks."""
    handles, labels = ax.get_legend_handles_labels()
    for h in extra_handles:
        handles.append(h)
        labels.append(h.get_label())
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9, handlelength=2.2)


def _n_docs_strip(ax: Axes, n_docs: pd.Series, years: np.ndarray, lang: str) -> Axes:
    """Add the documents-per-year bar strip below ``ax`` (shared x axis) and return it."""
    strip = make_axes_locatable(ax).append_axes("bottom", size="16%", pad=0.08, sharex=ax)
    counts = n_docs.reindex(years).fillna(0).to_numpy(dtype=float)
    strip.bar(years, counts, width=0.8, color="#999999")
    strip.set_ylabel(text_for("n_docs", lang), rotation=0, ha="right", va="center", fontsize=8)
    strip.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(2, integer=True))
    strip.tick_params(axis="y", labelsize=7)
    strip.spines[["top", "right"]].set_visible(False)
    strip.set_xlabel(text_for("year", lang))
    ax.tick_params(axis="x", labelbottom=False)
    return strip
