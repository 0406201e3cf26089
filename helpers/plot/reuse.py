"""Charts of text reuse (:func:`helpers.text_reuse`): share reused by province and year, and a passage view."""

from __future__ import annotations

import math

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .diffusion import plot_region_year
from .font import draws_chinese
from .regions import hyphenate, plot_province_tiles
from .style import OKABE_ITO, new_axes, require_columns, text_for, value_label


def one_share_per_cell(shares: pd.DataFrame, keys: list[str], func: str) -> pd.DataFrame:
    """The mean share per ``keys`` (one source), as column ``reuse_share``; a clear error for several sources."""
    require_columns(shares, [*keys, "share"], func)
    if "source_id" in shares.columns and len(shares):
        most = int(shares.groupby(keys)["source_id"].nunique().max())
        if most > 1:
            raise ValueError(f"{func}() draws the reuse of one source per {' and '.join(keys)}, but `shares` "
                             f"has up to {most}; filter first, e.g. shares[shares['source_id'] == ...]")
    return shares.groupby(keys, as_index=False)["share"].mean().rename(columns={"share": "reuse_share"})


@draws_chinese
def plot_reuse_heatmap(shares: pd.DataFrame, *, region: str = "province", source: str | None = None,
                       ax: Axes | None = None, lang: str = "zh", title: str | None = None) -> Axes:
    """Draw the share of each target reused from a source, province × year (years without a report grey).

    Args:
        shares: the ``shares`` table of :func:`helpers.text_reuse` (with
            ``year`` and ``region``), of one source per province and year —
            e.g. every provincial report against the national report of its
            year (``on="year"``); several reports of one province and year are averaged.
        region: region column.
        source: what the source is called in the title (default: 中央/the source).
        ax, lang, title: as elsewhere.

    Returns:
        The Axes (an image of regions × years).

    Example:
        >>> shares = pd.DataFrame({"province": ["甲", "乙", "甲"], "year": [2023, 2023, 2024],
        ...                        "share": [0.1, 0.2, 0.3]})
        >>> ax = plot_reuse_heatmap(shares)
        >>> ax.images[0].get_array().shape
        (2, 2)
        >>> plt.close("all")
    """
    table = one_share_per_cell(shares, [region, "year"], "plot_reuse_heatmap")
    name = source or ("中央" if lang == "zh" else "the source")
    return plot_region_year(table, region=region, value="reuse_share", ax=ax, lang=lang,
                            title=title if title is not None else text_for("reuse_heatmap", lang, source=name))


@draws_chinese
def plot_reuse_by_year(table: pd.DataFrame, *, by: str | None = None, source: str | None = None,
                       ax: Axes | None = None, lang: str = "zh", title: str | None = None) -> Axes:
    """Draw the share reused year by year: one line per ``by`` group, from :func:`helpers.reuse_by_year`.

    The y axis says which statistic is drawn (median, mean…), the caption how
    many documents stand behind each point.

    Args:
        table: :func:`helpers.reuse_by_year` output (``year``, ``<stat>_share``, ``n_targets``).
        by: the group column of ``table`` (one line each), or None for one line.
        source: what the source is called in the title.
        ax, lang, title: as elsewhere.

    Returns:
        The Axes (one line per group).

    Example:
        >>> t = pd.DataFrame({"year": [2023, 2024], "median_share": [0.01, 0.02], "n_targets": [31, 31]})
        >>> ax = plot_reuse_by_year(t)
        >>> ax.get_ylabel(), len(ax.lines)
        ('复用比例（中位数，占目标文件汉字）', 1)
        >>> plt.close("all")
    """
    value = next((c for c in table.columns if c.endswith("_share")), None)
    require_columns(table, ["year", "n_targets", *([value] if value else ["median_share"]), *([by] if by else [])],
                    "plot_reuse_by_year")
    stat = text_for(value[: -len("_share")], lang)
    ax = new_axes(ax, (8.0, 3.8))
    groups = list(dict.fromkeys(table[by])) if by else [None]
    markers = "osD^v"
    for i, group in enumerate(groups):
        rows = table if group is None else table[table[by] == group]
        rows = rows.sort_values("year")
        ax.plot(rows["year"], rows[value], marker=markers[i % len(markers)], markersize=4,
                color=OKABE_ITO[i % len(OKABE_ITO)], label=None if group is None else str(group))
    ax.set_ylim(bottom=0)
    ax.set_xlabel(text_for("year", lang))
    ax.set_ylabel(text_for("reuse_stat", lang, stat=stat))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    if by:
        ax.legend(frameon=False, fontsize=9)
    n = table["n_targets"]
    n_text = str(int(n.iat[0])) if n.nunique() == 1 else f"{int(n.min())}–{int(n.max())}"
    ax.text(0.0, -0.2, text_for("reuse_caption", lang, stat=stat, n=n_text), transform=ax.transAxes,
            ha="left", va="top", fontsize=8, color="#555555")
    name = source or ("中央" if lang == "zh" else "the source")
    ax.set_title(title if title is not None else text_for("reuse_by_year", lang, source=name))
    return ax


def move_caption(ax: Axes) -> str:
    """Take the caption (the text placed in axes coordinates) off a tile map; return its text."""
    found = ""
    for text in list(ax.texts):
        if text.get_transform() == ax.transAxes:
            found = text.get_text()
            text.remove()
    return found


@draws_chinese
def plot_reuse_tiles(shares: pd.DataFrame, *, years=None, source: str | None = None, ncols: int = 3,
                     fig: Figure | None = None, lang: str = "zh", title: str | None = None) -> Figure:
    """Draw one tile map of the provinces per year (small multiples), on one colour scale.

    Args:
        shares: the ``shares`` table of :func:`helpers.text_reuse`, with
            ``province`` and ``year``, one source per province and year.
        years: the years to draw (default: every year in ``shares``, at most 12, the latest).
        source: what the source is called in the title.
        ncols: maps per row.
        fig: Figure to draw into (it is cleared); a new one if None.
        lang, title: as elsewhere.

    Returns:
        The Figure: one Axes per year (title: the year), one colour bar and
        one caption (what a tile is; grey: no data).

    Example:
        >>> shares = pd.DataFrame({"province": ["北京市", "广东省", "北京市"], "year": [2023, 2023, 2024],
        ...                        "share": [0.1, 0.2, 0.3]})
        >>> fig = plot_reuse_tiles(shares)
        >>> [ax.get_title() for ax in fig.axes[:2]]
        ['2023', '2024']
        >>> plt.close("all")
    """
    table = one_share_per_cell(shares, ["province", "year"], "plot_reuse_tiles")
    years = sorted(table["year"].dropna().astype(int).unique())[-12:] if years is None else list(years)
    rows = max(1, math.ceil(len(years) / ncols))
    per_map = 3.6 if len(years) > 1 else 5.6  # one map alone: room for the names
    if fig is None:
        fig = plt.figure(figsize=(per_map * min(ncols, len(years)) + 1.2, per_map * rows * 0.97 + 0.8),
                         layout="constrained")
    else:
        fig.clear()
    axes = fig.subplots(rows, min(ncols, len(years)), squeeze=False).ravel()
    drawn = table[table["year"].isin(years)]  # the scale of the maps drawn
    hi = float(drawn["reuse_share"].max()) if len(drawn) else 1.0
    norm = Normalize(0.0, hi if hi > 0 else 1.0)
    caption = ""
    for ax, year in zip(axes, years):
        plot_province_tiles(table[table["year"] == year], value="reuse_share", ax=ax, vmin=norm.vmin,
                            vmax=norm.vmax, colorbar=False, show_values=False, include_hk_macau_taiwan=False,
                            lang=lang, title=str(year))
        ax.get_legend().remove()  # one caption for the figure (with the "no data" key), below
        caption = move_caption(ax) or caption
    for ax in axes[len(years):]:
        ax.set_axis_off()
    sm = matplotlib.cm.ScalarMappable(norm=norm, cmap="cividis")
    fig.colorbar(sm, ax=list(axes), shrink=0.6, label=value_label("reuse_share", lang))
    grey = text_for("no_data", lang)
    key = f"；灰色：{grey}" if lang == "zh" else f"; grey: {grey.lower()}"
    fig.supxlabel(caption + key, fontsize=8, color="#555555", wrap=True)
    name = source or ("中央" if lang == "zh" else "the source")
    fig.suptitle(title if title is not None else text_for("reuse_tiles", lang, source=name))
    fit_tile_names(fig, axes[:len(years)], 7.0 if lang == "zh" else 6.5)
    return fig


def fit_tile_names(fig: Figure, axes, largest: float, tile: float = 0.92) -> None:
    """Set each tile's name at ``largest`` points, smaller where it would be wider than its tile
    (``tile`` data units) once the figure is laid out."""
    for ax in axes:
        for text in ax.texts:
            text.set_fontsize(largest)
    fig.draw_without_rendering()  # the layout first: the tiles' final size in pixels
    for ax in axes:
        width = abs(ax.transData.transform((tile, 0))[0] - ax.transData.transform((0, 0))[0])
        for text in ax.texts:
            label = text.get_text()
            if text.get_window_extent().width > 0.9 * width and "\n" not in label:
                text.set_text(hyphenate(label))
            drawn = text.get_window_extent().width
            if drawn > 0.9 * width:
                text.set_fontsize(text.get_fontsize() * 0.9 * width / drawn)


def text_window(text: str, starts, ends, context: int, limit: int) -> tuple[int, int]:
    """The part of ``text`` to show: the passages with ``context`` characters around, at most ``limit``."""
    lo = max(0, int(min(starts)) - context)
    return lo, min(len(text), int(max(ends)) + context, lo + limit)


def draw_text_block(ax: Axes, text: str, lo: int, hi: int, spans, x0: float, width: int, fontsize: float) -> int:
    """Characters ``text[lo:hi]`` on a grid ``width`` wide from column ``x0``; ``spans`` (start, end, colour)
    shaded behind them. Returns the number of lines."""
    chunk = text[lo:hi].replace("\n", "\u3000")
    for start, end, colour in spans:
        for pos in range(max(start, lo), min(end, hi)):
            line, col = divmod(pos - lo, width)
            ax.add_patch(Rectangle((x0 + col, line), 1, 1, facecolor=colour, alpha=0.35, edgecolor="none"))
    for i, ch in enumerate(chunk):
        line, col = divmod(i, width)
        ax.text(x0 + col + 0.5, line + 0.5, ch, ha="center", va="center", fontsize=fontsize)
    return math.ceil(len(chunk) / width) if chunk else 0


@draws_chinese
def plot_passage(passages: pd.DataFrame, target_text: str, source_text: str, *, width: int = 24,
                 context: int = 24, max_lines: int = 30, ax: Axes | None = None, lang: str = "zh",
                 target_name: str | None = None, source_name: str | None = None) -> Axes:
    """Draw the two texts side by side, target left and source right, the reused passages shaded alike.

    Args:
        passages: rows of :func:`helpers.text_reuse`'s ``passages`` for one
            target and one source (e.g. ``passages[passages.target_id == t]``
            filtered to one source).
        target_text, source_text: the clean texts of the two documents
            (``corpus.set_index("doc_id").at[t, "text"]``).
        width: characters per line.
        context: characters shown before the first and after the last passage.
        max_lines: lines shown per text at most (the rest is cut).
        ax, lang: as elsewhere.
        target_name, source_name: titles of the two columns (default: the doc_ids).

    Returns:
        The Axes: ``ax.texts`` holds the characters, ``ax.patches`` the shading.

    Example:
        >>> p = pd.DataFrame({"target_id": ["甲"], "source_id": ["国"], "target_start": [2],
        ...                   "target_end": [6], "source_start": [0], "source_end": [4]})
        >>> ax = plot_passage(p, "今年稳中求进", "稳中求进工作总基调", context=2)
        >>> len(ax.patches), ax.texts[0].get_text()
        (8, '今')
        >>> plt.close("all")
    """
    require_columns(passages, ["target_id", "source_id", "target_start", "target_end", "source_start",
                               "source_end"], "plot_passage")
    if passages.empty or passages[["target_id", "source_id"]].drop_duplicates().shape[0] > 1:
        raise ValueError("plot_passage() draws the passages of one target and one source: filter `passages` "
                         f"to one pair first (it has {passages[['target_id', 'source_id']].drop_duplicates().shape[0]})")
    limit = width * max_lines
    colours = [OKABE_ITO[i % 6] for i in range(len(passages))]
    t_lo, t_hi = text_window(target_text, passages["target_start"], passages["target_end"], context, limit)
    s_lo, s_hi = text_window(source_text, passages["source_start"], passages["source_end"], context, limit)
    lines = max(math.ceil((t_hi - t_lo) / width), math.ceil((s_hi - s_lo) / width), 1)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.2 * (2 * width + 3) + 0.4, 0.24 * lines + 0.9), layout="constrained")
    fontsize = 10.0
    draw_text_block(ax, target_text, t_lo, t_hi, list(zip(passages["target_start"], passages["target_end"],
                                                         colours)), 0, width, fontsize)
    draw_text_block(ax, source_text, s_lo, s_hi, list(zip(passages["source_start"], passages["source_end"],
                                                         colours)), width + 2, width, fontsize)
    for x, key, name in ((0, "passage_target", target_name or passages["target_id"].iat[0]),
                         (width + 2, "passage_source", source_name or passages["source_id"].iat[0])):
        ax.text(x, -0.4, text_for(key, lang, doc=name), ha="left", va="bottom", fontsize=10.5)
    ax.set_xlim(-0.2, 2 * width + 2.2)
    ax.set_ylim(lines + 0.2, -1.6)
    ax.set_axis_off()
    return ax
