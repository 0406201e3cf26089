"""Charts across regions: grouped bars or dots, and the tile-grid map of China's provinces."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, Normalize
from matplotlib.patches import Patch, Rectangle

from .glosses import PROVINCE_TILES_CSV, label, labels, tiles_table
from .font import draws_chinese
from .labels import wrap_label
from .style import GRID, MARKERS, NO_DATA, OKABE_ITO, fmt_number, new_axes, require_columns, text_color, text_for, title_for, value_label



@draws_chinese
def plot_region_comparison(
    df: pd.DataFrame,
    *,
    region: str = "province",
    term_col: str = "term",
    value: str = "rate_per_10k",
    ax: Axes | None = None,
    kind: str = "bar",
    terms: Sequence[str] | None = None,
    lang: str = "zh",
    title: str | None = None,
    max_terms: int = 5,
    order: Sequence[str] | None = None,
) -> Axes:
    """Compare formulations across regions as grouped horizontal bars or a dot plot.

    Several rows per region and term (e.g. one per document) are combined:
    counts are summed, any other value (rates, shares) is averaged. A term a
    region never uses is drawn as an explicit 0 (a "0" at the axis for bars,
    a dot on the zero line for dots), not left as a blank. Regions run top
    to bottom by their total ``count`` when the table has that column,
    whichever ``value`` is drawn, so a chart of counts and one of rates list
    the regions in the same order.

    Args:
        df: tidy DataFrame with ``region``, ``term_col`` and ``value`` columns.
        region: column naming the region (province, city…).
        term_col: column naming the term.
        value: numeric column to compare.
        ax: Axes to draw on; a new figure if None.
        kind: ``"bar"`` (grouped bars) or ``"dot"`` (Cleveland dot plot).
        terms: terms to show, in this order (default: the ``max_terms``
            with the largest total).
        lang: ``"zh"`` or ``"en"`` (English texts; formulations by their
            gloss, provinces by their English names).
        title: overrides the default title (which names up to three terms).
        max_terms: how many terms when ``terms`` is None.
        order: regions top to bottom (default: by total ``count`` if there is
            such a column, else by total ``value``).

    Returns:
        The Axes.

    Example:
        >>> df = pd.DataFrame({"province": ["重庆", "四川"], "term": ["改革", "改革"],
        ...                    "rate_per_10k": [2.0, 1.0]})
        >>> ax = plot_region_comparison(df)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['重庆', '四川']
        >>> plt.close("all")
    """
    if kind not in ("bar", "dot"):
        raise ValueError(f"kind must be 'bar' or 'dot', not {kind!r}")
    require_columns(df, [region, term_col, value], "plot_region_comparison")
    table = _region_table(df, region, term_col, value, terms, max_terms)
    if table.empty:
        raise ValueError(f"plot_region_comparison(): nothing to compare: no row has a {region!r}, "
                         f"a {term_col!r} and a {value!r}" + (f" among the terms {list(terms)}" if terms else ""))
    table = table.loc[_region_order(df, table, region, order)]
    terms = list(table.columns)
    nreg, nterm = table.shape
    height = (0.18 * max(nterm, 2) if kind == "bar" else 0.32) * nreg + 1.5
    ax = new_axes(ax, (8, max(3.0, min(height, 16))))
    y = np.arange(nreg)
    if kind == "bar":
        _region_bars(ax, table, terms, y, lang)
    else:
        _region_dots(ax, table, terms, y, lang)
    ax.set_yticks(y, labels(table.index, lang))
    ax.set_ylim(nreg - 0.5, -0.5)
    if kind == "dot":  # room for markers at 0, which the axis would cut in half
        hi = float(np.nanmax(table.to_numpy(dtype=float))) if table.size else 1.0
        hi = hi if hi > 0 else 1.0
        ax.set_xlim(-0.04 * hi, hi * 1.06)
        ax.axvline(0, color="#999999", linewidth=0.8, zorder=0)
    else:
        ax.set_xlim(left=0)
    ax.set_xlabel(value_label(value, lang))
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)
    if nterm > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    ax.set_title(title if title is not None else title_for("region_cmp", terms, lang))
    return ax


def _region_table(df: pd.DataFrame, region: str, term_col: str, value: str,
                  terms: Sequence[str] | None, max_terms: int) -> pd.DataFrame:
    """Regions × terms (counts summed, other values averaged; absent = 0), the terms given or the largest."""
    agg = "sum" if value == "count" else "mean"
    table = df.pivot_table(index=region, columns=term_col, values=value, aggfunc=agg, sort=False)
    if terms is None:
        terms = list(table.sum().sort_values(ascending=False, kind="stable").index[:max_terms])
    return table.reindex(columns=list(terms)).fillna(0.0)


def _region_order(df: pd.DataFrame, table: pd.DataFrame, region: str,
                  order: Sequence[str] | None) -> list:
    """Regions top to bottom: ``order``, else by total ``count`` (same for any value), else by total."""
    if order is not None:
        missing = [r for r in order if r not in table.index]
        if missing:
            raise ValueError(f"plot_region_comparison(): order names regions without rows: {missing}")
        return list(order)
    if "count" in df.columns:
        totals = df.groupby(region, sort=False)["count"].sum().reindex(table.index).fillna(0)
    else:
        totals = table.sum(axis=1)
    return list(totals.sort_values(ascending=False, kind="stable").index)


def _region_bars(ax: Axes, table: pd.DataFrame, terms: list, y: np.ndarray, lang: str) -> None:
    """Grouped horizontal bars: one bar per term within each region's band, "0" where a term is absent."""
    bar_h = 0.8 / len(terms)
    for j, term in enumerate(terms):
        ys = y - 0.4 + bar_h * (j + 0.5)
        colour = OKABE_ITO[j % len(OKABE_ITO)]
        ax.barh(ys, table[term], height=bar_h, color=colour, label=label(term, lang))
        for yi, v in zip(ys, table[term]):
            if v == 0:
                ax.text(0, yi, " 0", va="center", ha="left", fontsize=7, color=colour)


def _region_dots(ax: Axes, table: pd.DataFrame, terms: list, y: np.ndarray, lang: str) -> None:
    """Cleveland dot plot: a grey line from each region's lowest to highest value, a dot per term."""
    nterm = len(terms)
    # dodge: each term a little above or below the region's line, so equal
    # values (e.g. several zeros) do not hide each other
    step = min(0.5 / max(nterm - 1, 1), 0.18) if nterm > 1 else 0.0
    for i in y:
        row = table.iloc[i]
        ax.plot([row.min(), row.max()], [i, i], color="#cccccc", linewidth=1.5, zorder=1)
    for j, term in enumerate(terms):
        ax.scatter(table[term], y + (j - (nterm - 1) / 2) * step, s=36,
                   color=OKABE_ITO[j % len(OKABE_ITO)], edgecolor="white", linewidth=0.5,
                   marker=MARKERS[j % len(MARKERS)], label=label(term, lang), zorder=2)


def _tiles() -> pd.DataFrame:
    return tiles_table()


def province_tiles() -> pd.DataFrame:
    """Return the tile-map layout: province, short, english, iso, region, mainland, row, col.

    Example:
        >>> tiles = province_tiles()
        >>> len(tiles), int(tiles["mainland"].sum())
        (34, 31)
    """
    return _tiles().copy()


def _province_lookup() -> dict[str, str]:
    """Map every spelling we accept (full, short, English, ISO) to the full name."""
    lookup: dict[str, str] = {}
    for r in _tiles().itertuples():
        for key in (r.province, r.short, r.english, r.iso, r.iso.split("-")[-1]):
            lookup[str(key).strip().lower()] = r.province
    lookup.update({"台湾省": "台湾", "xizang": "西藏自治区", "macao": "澳门特别行政区",
                   "inner mongolia autonomous region": "内蒙古自治区"})
    return lookup


@draws_chinese
def plot_province_tiles(
    values: pd.DataFrame,
    *,
    value: str = "rate_per_10k",
    province_col: str = "province",
    ax: Axes | None = None,
    cmap: str | Colormap = "cividis",
    title: str | None = None,
    include_hk_macau_taiwan: bool = True,
    show_values: bool = True,
    vmin: float | None = None,
    vmax: float | None = None,
    lang: str = "zh",
    colorbar: bool = True,
) -> Axes:
    """Draw a tile-grid map of China: one square per province, coloured by ``value``.

    The layout (``data/geo/province_tiles.csv``) keeps neighbours roughly where
    they are: Heilongjiang top right, Xinjiang and Tibet far left, Hainan and
    Macau at the bottom, Chongqing west of Hubei. Provinces may be named in
    full (重庆市), short (重庆), English (Chongqing) or ISO code (CN-CQ).
    Provinces without data are grey with their name.

    Args:
        values: DataFrame with one row per province (several rows are
            combined: counts summed, other values averaged — filter to one term
            first; more than one term raises ValueError).
        value: numeric column for the colour.
        province_col: column naming the province.
        ax: Axes to draw on; a new figure if None.
        cmap: continuous colormap (cividis is colour-blind safe).
        title: overrides the default title.
        include_hk_macau_taiwan: draw tiles for Hong Kong, Macau and Taiwan too.
        show_values: write each value under the province name.
        vmin, vmax: colour scale limits (default: from 0, or from the
            smallest value if one is negative, to the largest), so that a pale
            tile is a low value, not only the lowest one.
        lang: ``"zh"`` (short Chinese names) or ``"en"`` (English names).
        colorbar: draw the colour bar (small multiples share one instead).

    Returns:
        The Axes (``ax.patches`` holds one tile per province).

    Example:
        >>> df = pd.DataFrame({"province": ["重庆市", "四川"], "rate_per_10k": [2.0, 1.0]})
        >>> ax = plot_province_tiles(df)
        >>> len(ax.patches)
        34
        >>> plt.close("all")
    """
    require_columns(values, [province_col, value], "plot_province_tiles")
    if "term" in values.columns and values["term"].nunique() > 1:
        raise ValueError(
            "plot_province_tiles() draws one value per province, but `values` has "
            f"{values['term'].nunique()} terms. Filter first, e.g. "
            "values[values['term'] == '共同富裕']."
        )
    by_province = _values_by_province(values, value, province_col)
    tiles = _tiles()
    if not include_hk_macau_taiwan:
        tiles = tiles[tiles["mainland"].astype(str) == "True"]
    ax = new_axes(ax, (8.5, 8.0))
    cmap = plt.get_cmap(cmap)
    norm = _colour_scale(by_province, vmin, vmax)
    ax.set_xlim(tiles["col"].min() - 0.6, tiles["col"].max() + 0.6)
    ax.set_ylim(tiles["row"].max() + 0.6, tiles["row"].min() - 0.6)
    ax.set_aspect("equal")
    tile_pt = _tile_points(ax, tiles)
    for r in tiles.itertuples():
        _draw_tile(ax, r, by_province.get(r.province, np.nan), cmap, norm, lang, show_values, tile_pt)
    ax.set_axis_off()
    if colorbar:
        sm = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
        ax.figure.colorbar(sm, ax=ax, shrink=0.55, pad=0.02, label=value_label(value, lang))
    ax.legend(handles=[Patch(facecolor=NO_DATA, label=text_for("no_data", lang))],
              loc="lower left", frameon=False, fontsize=9)
    ax.set_title(title if title is not None else _tiles_title(values, value, lang))
    ax.text(0.0, -0.01, _tiles_caption(value, lang), transform=ax.transAxes, ha="left", va="top",
            fontsize=8, color="#555555")
    return ax


def _tiles_caption(value: str, lang: str) -> str:
    """What one tile stands for, and how several rows of a province were combined."""
    how = ("各行之和" if value == "count" else "各行的平均值") if lang == "zh" else (
        "sum of its rows" if value == "count" else "mean of its rows, e.g. of its documents")
    if lang == "zh":
        return f"每一格代表一个省级行政区（位置示意，非地图比例）；颜色：{value_label(value, lang)}，{how}"
    return (f"One tile = one province-level division (placed roughly, not to scale); "
            f"colour: {value_label(value, lang)}, {how}")


def _values_by_province(values: pd.DataFrame, value: str, province_col: str) -> pd.Series:
    """One value per full province name (counts summed, others averaged); warn about non-provinces."""
    lookup = _province_lookup()
    names = values[province_col].astype(str).str.strip()
    full = names.str.lower().map(lookup)
    unknown = sorted(set(names[full.isna()]) - {"全国", "", "nan"})
    if unknown:
        # stacklevel 4: past this helper, plot_province_tiles and the draws_chinese wrapper
        warnings.warn(f"plot_province_tiles(): not a province, left out: {unknown}", stacklevel=4)
    data = values.assign(_province=full).dropna(subset=["_province"])
    agg = "sum" if value == "count" else "mean"
    return data.groupby("_province")[value].agg(agg)


def _colour_scale(by_province: pd.Series, vmin: float | None, vmax: float | None) -> Normalize:
    """From ``vmin`` (default: 0, or the smallest value if negative) to ``vmax`` (the largest), never empty."""
    finite = by_province.dropna()
    lo = vmin if vmin is not None else min(0.0, float(finite.min()) if len(finite) else 0.0)
    hi = vmax if vmax is not None else (float(finite.max()) if len(finite) else 1.0)
    if hi <= lo:
        hi = lo + 1.0
    return Normalize(lo, hi)


def _tile_points(ax: Axes, tiles: pd.DataFrame) -> float:
    """The side of one tile in points, as the Axes is laid out now (its box, aspect kept equal)."""
    box = ax.get_position().transformed(ax.figure.transFigure)  # pixels
    dpi = ax.figure.dpi
    span_x = tiles["col"].max() - tiles["col"].min() + 1.2
    span_y = tiles["row"].max() - tiles["row"].min() + 1.2
    return min(box.width / span_x, box.height / span_y) * 72.0 / dpi


def _fit(size: float, text: str, tile_pt: float, em: float) -> float:
    """``size`` points, or less where ``text`` (``em`` of its size per character) would overflow the tile."""
    return min(size, 0.86 * tile_pt / max(1.0, len(text) * em))


def hyphenate(word: str) -> str:
    """A long pinyin name on two lines, cut between syllables near its middle (``Heilong-\\njiang``);
    a name without such a cut, or shorter than 7 letters, unchanged.

    Example:
        >>> hyphenate("Heilongjiang"), hyphenate("Hunan")
        ('Heilong-\\njiang', 'Hunan')
    """
    vowels = set("aeiouü")
    cuts = [i for i in range(2, len(word) - 2)
            if word[i].isalpha() and word[i].lower() not in vowels
            and (word[i - 1] in vowels or word[i - 1] in "ng")
            and not (word[i - 1] == "n" and word[i] == "g") and not (word[i] == "n" and word[i + 1] not in vowels)]
    if len(word) < 7 or " " in word or not cuts:
        return word
    cut = min(cuts, key=lambda i: (abs(i - len(word) / 2), i))
    return f"{word[:cut]}-\n{word[cut:]}"


def _draw_tile(ax: Axes, r, v: float, cmap, norm: Normalize, lang: str, show_values: bool,
               tile_pt: float = 60.0) -> None:
    """One province's square, its name and (if it has data and ``show_values``) its value.

    Names and values are sized to fit their tile (``tile_pt``: its side in
    points), so 黑龙江 or 内蒙古 stay inside it on a small multiple too.
    """
    size = 0.92
    has = pd.notna(v)
    face = cmap(norm(v)) if has else NO_DATA
    ax.add_patch(Rectangle((r.col - size / 2, r.row - size / 2), size, size,
                           facecolor=face, edgecolor="white", linewidth=1.0,
                           label=r.province))
    ink = text_color(face) if has else "#555555"
    name = r.short if lang == "zh" else (hyphenate(r.english) if len(r.english) > 10 and " " not in r.english
                                   else wrap_label(r.english, 9))
    longest = max(name.split("\n"), key=len)
    fs = _fit(10, longest, tile_pt, 1.0) if lang == "zh" else _fit(
        7 if len(r.english) <= 10 else 6.5, longest, tile_pt, 0.6)
    if has and show_values:
        ax.text(r.col, r.row - 0.13, name, ha="center", va="center", fontsize=fs, color=ink)
        number = fmt_number(v)
        ax.text(r.col, r.row + 0.22, number, ha="center", va="center",
                fontsize=_fit(7.5, number, tile_pt, 0.6), color=ink)
    else:
        ax.text(r.col, r.row, name, ha="center", va="center", fontsize=fs, color=ink)


def _tiles_title(values: pd.DataFrame, value: str, lang: str) -> str:
    """Say what is mapped: the term (when there is one) and the value."""
    what = value_label(value, lang)
    term = None
    if "term" in values.columns and values["term"].nunique() == 1:
        term = str(values["term"].iloc[0])
    if lang == "zh":
        return f"“{term}”各省{what}" if term else f"各省{what}"
    return f"{label(term, lang)}: {what} by province" if term else f"{what} by province"
