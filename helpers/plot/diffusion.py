"""Charts of first use (``helpers.research``): diffusion S-curves, adoption lags, region × year."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .glosses import label, labels
from .font import draws_chinese
from .labels import wrap_label
from .style import GRID, NO_DATA, OKABE_ITO, line_style, new_axes, require_columns, text_for, title_for, value_label


@draws_chinese
def plot_diffusion(diff: pd.DataFrame, *, ax: Axes | None = None, terms: Sequence[str] | None = None,
                   x: str = "date", lang: str = "zh", title: str | None = None,
                   label_groups: bool = True) -> Axes:
    """Draw diffusion S-curves: the cumulative share of groups that have used each term.

    Args:
        diff: ``helpers.research.diffusion`` output (term, date, year, share,
            n_adopted, n_groups, new_groups).
        ax: Axes to draw on; a new figure if None.
        terms: terms to draw, in this order (default: all).
        x: ``"date"`` or ``"year"``.
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.
        label_groups: write the groups adopting at each step (when at most 12 steps).

    Returns:
        The Axes (one step line per term; y from 0 to 100 %).

    Example:
        >>> df = pd.DataFrame({"term": ["新词"] * 2, "date": pd.to_datetime(["2020-01-01", "2021-06-01"]),
        ...                    "year": [2020, 2021], "share": [0.25, 0.5], "n_adopted": [1, 2],
        ...                    "n_groups": [4, 4], "new_groups": ["甲", "乙"]})
        >>> ax = plot_diffusion(df)
        >>> ax.lines[0].get_ydata().tolist()
        [0.0, 0.25, 0.5]
        >>> plt.close("all")
    """
    require_columns(diff, ["term", x, "share"], "plot_diffusion")
    terms = list(terms) if terms is not None else list(pd.unique(diff["term"]))
    ax = new_axes(ax, (8, 4.2))
    for i, term in enumerate(terms):
        d = diff[diff["term"] == term].sort_values(x)
        if not len(d):
            continue
        xs = list(d[x])
        ys = [0.0, *d["share"].astype(float)]
        start = xs[0] - (pd.Timedelta(days=180) if x == "date" else 0.5)
        style = line_style(i)
        ax.step([start, *xs], ys, where="post", label=label(term, lang), color=style["color"], linewidth=1.8)
        ax.plot(xs, ys[1:], linestyle="none", marker=style["marker"], color=style["color"], markersize=4)
        if label_groups and len(d) <= 12 and "new_groups" in d:
            for xi, yi, g in zip(xs, ys[1:], d["new_groups"]):
                ax.annotate(wrap_label(_group_names(g, lang), 8 if lang == "zh" else 20), (xi, yi), xytext=(3, 3), textcoords="offset points",
                            fontsize=7, color=style["color"])
    ax.set_ylim(0, 1.08)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_ylabel("已使用的地区/文件比例" if lang == "zh" else "Share of groups that have used the term")
    ax.set_xlabel(text_for("year", lang) if x == "year" else ("日期" if lang == "zh" else "Date"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)
    if len(terms) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    ax.set_title(title if title is not None else title_for("diffusion", terms, lang))
    return ax


def _group_names(groups: str, lang: str) -> str:
    """The groups of a diffusion step ("重庆市、四川省") in ``lang``."""
    if lang == "zh":
        return str(groups)
    return ", ".join(labels(str(groups).split("、"), lang))


@draws_chinese
def plot_adoption_lag(lags: pd.DataFrame, *, ax: Axes | None = None, unit: str = "years",
                      lang: str = "zh", title: str | None = None) -> Axes:
    """Draw the distribution of adoption lags per term: a box and every group as a dot.

    Args:
        lags: ``helpers.research.adoption_lag`` output (term, lag_days, lag_years).
        ax: Axes to draw on; a new figure if None.
        unit: ``"years"`` or ``"days"``.
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.

    Returns:
        The Axes (terms on the y axis; 0 = the reference date, a red line).

    Example:
        >>> df = pd.DataFrame({"term": ["甲", "甲", "乙"], "lag_years": [0.5, 1.5, 2.0],
        ...                    "lag_days": [183, 548, 730]})
        >>> ax = plot_adoption_lag(df)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['甲', '乙']
        >>> plt.close("all")
    """
    col = "lag_years" if unit == "years" else "lag_days"
    require_columns(lags, ["term", col], "plot_adoption_lag")
    terms = list(pd.unique(lags["term"]))
    ax = new_axes(ax, (7.5, max(2.5, 0.6 * len(terms) + 1.4)))
    data = [lags.loc[lags["term"] == t, col].dropna().astype(float).to_numpy() for t in terms]
    ax.boxplot(data, positions=range(len(terms)), orientation="horizontal", widths=0.5, showfliers=False,
               medianprops={"color": "black"}, boxprops={"color": "#999999"},
               whiskerprops={"color": "#999999"}, capprops={"color": "#999999"})
    rng = np.random.default_rng(0)
    for i, v in enumerate(data):
        ax.scatter(v, i + rng.uniform(-0.15, 0.15, len(v)), s=22, color=OKABE_ITO[i % 7],
                   zorder=3, edgecolor="white", linewidth=0.5)
    ax.axvline(0, color="#b03a2e", linewidth=1, linestyle="--")
    ax.set_yticks(range(len(terms)), [wrap_label(t, 8 if lang == "zh" else 24) for t in labels(terms, lang)])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlabel(("滞后（年）" if unit == "years" else "滞后（天）") if lang == "zh"
                  else f"Lag ({unit}) after the reference date")
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)
    ax.set_title(title if title is not None else ("采用滞后" if lang == "zh" else "Adoption lag"))
    return ax


@draws_chinese
def plot_region_year(counts: pd.DataFrame, *, term: str | None = None, region: str = "province",
                     value: str = "rate_per_10k", ax: Axes | None = None, lang: str = "zh",
                     title: str | None = None) -> Axes:
    """Draw a region × year heatmap of one term (the provincial-signalling panel).

    Years run left to right in order, every year between the first and last
    (years without any document are grey "no data"); regions top to bottom by
    their total.

    Args:
        counts: ``count_slogans(corpus, by=[region, "year"], zeros=True)`` or
            any table with ``region``, ``year``, ``term`` and ``value``.
        term: the term (needed when the table has several).
        region: region column.
        value: colour column.
        ax, lang, title: as elsewhere.

    Returns:
        The Axes.

    Example:
        >>> df = pd.DataFrame({"province": ["重庆", "四川", "重庆"], "year": [2022, 2022, 2024],
        ...                    "term": ["甲"] * 3, "rate_per_10k": [1.0, 2.0, 3.0]})
        >>> ax = plot_region_year(df)
        >>> [t.get_text() for t in ax.get_xticklabels()]
        ['2022', '2023', '2024']
        >>> plt.close("all")
    """
    require_columns(counts, [region, "year", value], "plot_region_year")
    df = counts
    if "term" in df.columns:
        if term is None:
            if df["term"].nunique() > 1:
                raise ValueError("plot_region_year() draws one term: pass term=...")
            term = str(df["term"].iloc[0]) if len(df) else None
        else:
            df = df[df["term"] == term]
    years = pd.to_numeric(df["year"], errors="coerce").dropna().astype(int)
    all_years = list(range(years.min(), years.max() + 1)) if len(years) else []
    order = df.groupby(region)[value].sum().sort_values(ascending=False, kind="stable").index
    table = (df.assign(year=years).pivot_table(index=region, columns="year", values=value, aggfunc="sum")
             .reindex(index=order, columns=all_years))
    ax = new_axes(ax, (max(5.0, 0.32 * len(all_years) + 3), max(2.5, 0.4 * len(table) + 1.6)))
    _draw_year_grid(ax, table, value, lang, title if title is not None else (
        f"“{term}”：地区 × 年份" if lang == "zh" else f"{label(term, lang)}: region × year"))
    return ax


def _draw_year_grid(ax: Axes, table: pd.DataFrame, value: str, lang: str, title: str) -> None:
    cmap = plt.get_cmap("cividis").with_extremes(bad=NO_DATA)
    data = np.ma.masked_invalid(table.to_numpy(dtype=float))
    im = ax.imshow(data, cmap=cmap, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], fontsize=8, rotation=90)
    ax.set_yticks(range(table.shape[0]), labels(table.index, lang), fontsize=9)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.figure.colorbar(im, ax=ax, label=value_label(value, lang), shrink=0.8, pad=0.02)
    ax.set_title(title)
