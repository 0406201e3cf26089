"""Charts of the province × year panel (``helpers.research.panel_rates``): heatmap and tile small multiples."""

from __future__ import annotations

import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from .font import draws_chinese
from .glosses import label, labels
from .regions import plot_province_tiles, province_tiles
from .style import NO_DATA, new_axes, require_columns, text_color, value_label

MISSING_HATCH = "////"


def _one_term(table: pd.DataFrame, term: str | None, func: str) -> tuple[pd.DataFrame, str | None]:
    if "term" not in table.columns:
        return table, term
    if term is None:
        if table["term"].nunique() > 1:
            raise ValueError(f"{func}() draws one term: pass term=...")
        return table, (str(table["term"].iloc[0]) if len(table) else None)
    return table[table["term"] == term], term


def _cell_key(table: pd.DataFrame) -> str:
    return "period" if "period" in table.columns else "year"


def _columns(table: pd.DataFrame, key: str) -> list:
    if key == "period":
        return sorted(table["period"].dropna().unique())
    years = pd.to_numeric(table["year"], errors="coerce").dropna().astype(int)
    return list(range(years.min(), years.max() + 1)) if len(years) else []


def _pooled_order(table: pd.DataFrame, value: str) -> list:
    """Provinces by their pooled rate over the table (sum of counts / sum of characters), highest first."""
    if value == "rate_per_10k" and {"count", "n_chars"} <= set(table.columns):
        sums = table.assign(count=pd.to_numeric(table["count"], errors="coerce")).groupby("province")[["count", "n_chars"]].sum()
        score = sums["count"] / sums["n_chars"].where(sums["n_chars"] > 0)
    else:
        score = table.groupby("province")[value].mean()
    return list(score.sort_values(ascending=False, kind="stable").index)


def _panel_caption(n_docs_shown: bool, one_doc: bool, lang: str) -> str:
    if lang == "zh":
        cells = "格内数字：该格的报告份数" if n_docs_shown else ("每一有色格 = 1 份报告" if one_doc else "")
        return (f"{cells}；率为合并率（频次之和 / 字数之和）\n"
                "斜线格：缺少报告（data/metadata/missing.csv），非零；灰格：不在语料范围内")
    cells = "number in a cell: its reports" if n_docs_shown else ("each coloured cell = 1 report" if one_doc else "")
    return (f"{cells}; rates pooled (sum of counts / sum of characters)\n"
            "hatched: report missing (data/metadata/missing.csv), not zero; grey: outside the collection")


@draws_chinese
def plot_panel_heatmap(table: pd.DataFrame, term: str | None = None, *, value: str = "rate_per_10k",
                       ax: Axes | None = None, lang: str = "zh", title: str | None = None,
                       show_n_docs: bool | None = None) -> Axes:
    """Draw the panel as a heatmap: provinces (leaders on top) × years or periods.

    Cells without a report are never zero: a documented missing report
    (``status == "missing"``) is hatched, a province-year outside the
    collection is plain grey.

    Args:
        table: :func:`helpers.research.panel_rates` output (``year`` or
            ``period`` columns).
        term: the term (needed when the table has several).
        value: colour column (``rate_per_10k``: pooled rate).
        ax, lang, title: as elsewhere.
        show_n_docs: write the number of reports in each cell (default: when
            some cell has more than one).

    Returns:
        The Axes (``ax.images[0]`` holds the values, NaN where there is no report).

    Example:
        >>> t = pd.DataFrame({"province": ["甲省", "甲省", "乙省"], "year": [2020, 2021, 2020],
        ...     "term": ["x"] * 3, "count": [1, pd.NA, 4], "n_docs": [1, 0, 1], "n_chars": [10_000, 0, 10_000],
        ...     "rate_per_10k": [1.0, float("nan"), 4.0], "status": ["reported", "missing", "reported"]})
        >>> ax = plot_panel_heatmap(t)
        >>> [t.get_text() for t in ax.get_yticklabels()], ax.images[0].get_array().mask.tolist()
        (['乙省', '甲省'], [[False, True], [False, True]])
        >>> plt.close("all")
    """
    require_columns(table, ["province", value, "n_docs"], "plot_panel_heatmap")
    df, term = _one_term(table, term, "plot_panel_heatmap")
    key = _cell_key(df)
    cols, rows = _columns(df, key), _pooled_order(df, value)
    grid = df.pivot_table(index="province", columns=key, values=value, aggfunc="first", dropna=False)
    grid = grid.reindex(index=rows, columns=cols)
    n_docs = df.pivot_table(index="province", columns=key, values="n_docs", aggfunc="sum").reindex(
        index=rows, columns=cols)
    if show_n_docs is None:
        show_n_docs = bool((n_docs > 1).any().any())
    ax = new_axes(ax, (max(6.0, 0.36 * len(cols) + 3.5), max(3.0, 0.3 * len(rows) + 1.8)))
    cmap = plt.get_cmap("cividis").with_extremes(bad=NO_DATA)
    image = ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), cmap=cmap, aspect="auto",
                      interpolation="nearest")
    _hatch_missing(ax, df, key, rows, cols)
    if show_n_docs:
        _write_n_docs(ax, n_docs, image)
    ax.set_xticks(range(len(cols)), [str(c) for c in cols], fontsize=8, rotation=90)
    ax.set_yticks(range(len(rows)), labels(rows, lang), fontsize=8)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.figure.colorbar(image, ax=ax, label=value_label(value, lang), shrink=0.6, pad=0.02)
    ax.set_title(title if title is not None else (
        f"“{term}”：省份 × {'时期' if key == 'period' else '年份'}" if lang == "zh"
        else f"{label(term, lang)}: province × {key}"))
    one_doc = bool((n_docs.fillna(0) <= 1).all().all())
    ax.set_xlabel(_panel_caption(show_n_docs, one_doc, lang), loc="left", fontsize=7.5, color="#555555")
    return ax


def _hatch_missing(ax: Axes, df: pd.DataFrame, key: str, rows: list, cols: list) -> None:
    if "status" not in df.columns:
        return
    where = {(p, c) for p, c in df.loc[df["status"] == "missing", ["province", key]].itertuples(index=False)}
    for p, c in where:
        if p in rows and c in cols:
            ax.add_patch(Rectangle((cols.index(c) - 0.5, rows.index(p) - 0.5), 1, 1, facecolor="white",
                                   hatch=MISSING_HATCH, edgecolor="#888888", linewidth=0))


def _write_n_docs(ax: Axes, n_docs: pd.DataFrame, image) -> None:
    values = n_docs.to_numpy(dtype=float)
    data = image.get_array()
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] > 0:
                dark = not np.ma.is_masked(data[i, j]) and image.norm(data[i, j]) < 0.55
                ax.text(j, i, str(int(values[i, j])), ha="center", va="center", fontsize=6.5,
                        color="white" if dark else "#222222")


@draws_chinese
def plot_tiles_by_year(table: pd.DataFrame, term: str | None = None, *, groups=None,
                       value: str = "rate_per_10k", ncols: int = 3, fig: Figure | None = None,
                       lang: str = "zh", title: str | None = None) -> Figure:
    """Draw tile maps as small multiples, one per year (or period), on one colour scale.

    Every map has the same scale (0 to the largest value of all of them), so
    colours compare across panels; a province without a report in a panel is
    grey (no data, not zero), and each tile with data shows its value and, in
    its corner, the number of reports behind it.

    Args:
        table: :func:`helpers.research.panel_rates` output (``year`` or ``period``).
        term: the term (needed when the table has several).
        groups: the years or periods to draw, in order (default: all).
        value: colour column.
        ncols: maps per row.
        fig: Figure to draw on (a new one if None).
        lang, title: as elsewhere.

    Returns:
        The Figure (``fig.axes``: one map per group, then the colour bar).

    Example:
        >>> t = pd.DataFrame({"province": ["四川省", "四川省"], "year": [2020, 2021], "term": ["x", "x"],
        ...                   "n_docs": [1, 1], "rate_per_10k": [1.0, 2.0]})
        >>> fig = plot_tiles_by_year(t)
        >>> [ax.get_title() for ax in fig.axes[:2]]
        ['2020', '2021']
        >>> plt.close("all")
    """
    require_columns(table, ["province", value, "n_docs"], "plot_tiles_by_year")
    df, term = _one_term(table, term, "plot_tiles_by_year")
    key = _cell_key(df)
    groups = list(groups) if groups is not None else _columns(df[df["n_docs"] > 0], key)
    nrows = math.ceil(len(groups) / ncols)
    fig = fig if fig is not None else plt.figure(figsize=(3.9 * ncols + 1.1, 4.3 * nrows + 0.7))
    # the maps fill the figure; the colour bar has its own slot at the right (taking it from the
    # maps after they are drawn would shrink them and their labels)
    axes = fig.subplots(nrows, ncols, squeeze=False, gridspec_kw=dict(
        left=0.01, right=0.88, bottom=0.02, top=1 - 0.75 / fig.get_figheight(), wspace=0.04, hspace=0.1)).ravel()
    reported = df[df["n_docs"] > 0]
    top = float(reported[value].max()) if len(reported) and reported[value].notna().any() else 1.0
    for ax, g in zip(axes, groups):
        cell = reported[reported[key].astype(str) == str(g)]
        plot_province_tiles(cell, value=value, ax=ax, vmin=0, vmax=top or 1.0, colorbar=False, lang=lang,
                            include_hk_macau_taiwan=False, title=str(g))
        _tile_n_docs(ax, cell)
        _tidy_small_map(ax)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    sm = matplotlib.cm.ScalarMappable(norm=matplotlib.colors.Normalize(0, top or 1.0), cmap="cividis")
    fig.colorbar(sm, cax=fig.add_axes((0.90, 0.3, 0.018, 0.4)), label=value_label(value, lang))
    fig.suptitle(title if title is not None else (
        f"“{term}”各省{value_label(value, lang)}（角标：报告份数）" if lang == "zh"
        else f"{label(term, lang)}: {_lower_first(value_label(value, lang))} by province (corner: reports)"))
    return fig


def _lower_first(text: str) -> str:
    """'Per 10,000 ...' as it reads after a colon: 'per 10,000 ...'."""
    return text[:1].lower() + text[1:]


def _tile_n_docs(ax: Axes, cell: pd.DataFrame) -> None:
    """The number of reports behind each tile, small in its top-right corner."""
    n = cell.groupby("province")["n_docs"].sum()
    faces = {patch.get_label(): patch.get_facecolor() for patch in ax.patches}
    for r in province_tiles().itertuples():
        if n.get(r.province, 0) > 0:
            ax.text(r.col + 0.43, r.row - 0.43, str(int(n[r.province])), ha="right", va="top", fontsize=5.5,
                    color=text_color(faces.get(r.province, NO_DATA)), alpha=0.8)


def _tidy_small_map(ax: Axes) -> None:
    """A small multiple keeps its tiles and title; the legend and caption are said once for all."""
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    for text in list(ax.texts):
        if text.get_transform() == ax.transAxes:
            text.remove()
