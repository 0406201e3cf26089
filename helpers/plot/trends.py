"""Trend lines of formulations over the years, against the documents per year and the calendar."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt  # noqa: F401  (the docstring examples close their figures with it)
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from mpl_toolkits.axes_grid1 import make_axes_locatable

from .font import draws_chinese
from .glosses import label
from .style import GRID, line_style, new_axes, require_columns, text_for, title_for, value_label
from .timeline import calendar_overlay, npc_marks


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
    abstract_years: Sequence[int] | pd.DataFrame | None = None,
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
        abstract_years: years whose report survives only as an abstract
            (摘要), or the corpus (rows whose title has 摘要 or whose notes
            say ``ABSTRACT ONLY``): their points are hollow, their bar in the
            documents strip hatched, with a legend entry, since a summary's
            rates are less reliable than a full text's.

    A term that is zero in every year (given in ``terms``) gets no line on
    the zero axis, where it would hide the values near zero, but a legend
    entry saying it never occurs; the default ``terms`` leave such terms out.
    With the documents strip the NPC-session marks of ``calendar`` sit in
    the strip, not on the x axis of the values.

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

    abstracts = [y for y in _abstract_years(abstract_years) if y in set(observed)]
    ax = new_axes(ax, (9, 4.8 if show_n_docs and has_n_docs else 4.2))
    zero = [t for t in terms if not (table[t].fillna(0) != 0).any()]
    _draw_lines(ax, table, [t for t in terms if t not in zero], years, missing_years, lang)
    _mark_abstracts(ax, table, [t for t in terms if t not in zero], abstracts, lang)
    if missing_years == "gap":
        _shade_missing(ax, missing, lang)
    ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
    top = float(np.nanmax(table.to_numpy(dtype=float))) if table.notna().any().any() else 0.0
    top = top if top > 0 else 1.0
    ax.set_ylim(-0.03 * top, top * 1.05)  # a point at 0 shows whole, above the axis
    strip_wanted = show_n_docs and has_n_docs
    has_cal = calendar is not False and calendar is not None
    calendar_handles = (calendar_overlay(ax, calendar, leaders, lang, npc_on_axis=not strip_wanted)
                        if has_cal else [])
    _style_trend_axes(ax, value, lang)
    ax.set_title(title if title is not None else title_for("trends", terms, lang), pad=18 if has_cal else 6)
    _trend_legend(ax, calendar_handles, _never_used_handles(zero, lang))
    if strip_wanted:
        ax.tifa_ndocs_ax = _n_docs_strip(ax, n_docs, years, lang, abstracts)
        if has_cal:
            npc_marks(ax.tifa_ndocs_ax, calendar)
    else:
        ax.set_xlabel(text_for("year", lang))
    return ax


def _abstract_years(abstract_years) -> list[int]:
    """The years given, or those of a corpus's abstract-only documents (摘要 in the title, ABSTRACT ONLY)."""
    if abstract_years is None:
        return []
    if isinstance(abstract_years, pd.DataFrame):
        corpus = abstract_years
        title = corpus["title"].astype(str) if "title" in corpus else pd.Series("", index=corpus.index)
        notes = corpus["notes"].astype(str) if "notes" in corpus else pd.Series("", index=corpus.index)
        is_abstract = title.str.contains("摘要") | notes.str.contains("ABSTRACT ONLY", case=False)
        return sorted({int(y) for y in corpus.loc[is_abstract, "year"].dropna()})
    return sorted({int(y) for y in abstract_years})


def _mark_abstracts(ax: Axes, table: pd.DataFrame, terms: list, abstracts: list[int], lang: str) -> None:
    """Hollow points at the abstract-only years, with one legend entry."""
    if not abstracts or not terms:
        return
    for i, term in enumerate(terms):
        style = line_style(i)
        ax.plot(abstracts, table.loc[abstracts, term].to_numpy(dtype=float), linestyle="none",
                marker=style["marker"], markersize=7, markerfacecolor="white",
                markeredgecolor=style["color"], zorder=3)
    ax.plot([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#555555",
            label=text_for("abstract", lang))


def _never_used_handles(zero: list, lang: str) -> list:
    """Legend entries (no line) for the terms that are zero in every year."""
    return [Line2D([], [], linestyle="none", label=text_for("never_used", lang, term=label(t, lang)))
            for t in zero]


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
                missing_years: str, lang: str) -> None:
    """One line per term (a column of ``table``); with ``"connect"`` the line skips missing years."""
    for i, term in enumerate(terms):
        y = table[term].to_numpy(dtype=float)
        style = line_style(i)
        if missing_years == "connect":
            ok = ~np.isnan(y)
            ax.plot(years[ok], y[ok], label=label(term, lang), markersize=4, linewidth=1.6, **style)
        else:
            ax.plot(years, y, label=label(term, lang), markersize=4, linewidth=1.6, **style)


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


def _trend_legend(ax: Axes, extra_handles: list, never_used: list) -> None:
    """The legend outside on the right: the terms, the calendar's marks, the terms never used."""
    handles, names = ax.get_legend_handles_labels()
    for h in [*extra_handles, *never_used]:
        handles.append(h)
        names.append(h.get_label())
    ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9, handlelength=2.2)


def _n_docs_strip(ax: Axes, n_docs: pd.Series, years: np.ndarray, lang: str,
                  abstracts: list[int]) -> Axes:
    """Add the documents-per-year bar strip below ``ax`` (shared x axis) and return it."""
    strip = make_axes_locatable(ax).append_axes("bottom", size="16%", pad=0.08, sharex=ax)
    counts = n_docs.reindex(years).fillna(0).to_numpy(dtype=float)
    bars = strip.bar(years, counts, width=0.8, color="#999999")
    for bar, year in zip(bars, years):
        if year in abstracts:
            bar.set(facecolor="white", edgecolor="#777777", hatch="////")
    strip.set_ylabel(text_for("n_docs", lang), rotation=0, ha="right", va="center", fontsize=8)
    strip.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(2, integer=True))
    strip.tick_params(axis="y", labelsize=7)
    strip.spines[["top", "right"]].set_visible(False)
    strip.set_xlabel(text_for("year", lang))
    ax.tick_params(axis="x", labelbottom=False)
    return strip
