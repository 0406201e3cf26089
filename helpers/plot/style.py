"""Draw charts of formulations with Chinese that renders everywhere.

Importing this module registers the bundled font (Noto Sans CJK SC, SIL Open
Font License 1.1, see ``helpers/fonts/``) with matplotlib and puts it first in
``rcParams["font.family"]``, so titles, tick labels and legends in Chinese
never turn into boxes and nothing is downloaded. Every word cloud made here
gets ``font_path=FONT_PATH``. If you change matplotlib's style afterwards, call
:func:`use_chinese_font` again (each plotting function also checks).

Every plotting function takes a tidy DataFrame (the outputs of
``helpers.textstat``), an optional ``ax=`` and returns the Axes it drew on;
the two that need several panels (:func:`plot_comparison_cloud`) return the
Figure. Titles and labels are Chinese by default; ``lang="en"`` gives English.
Colours are colour-blind safe: Okabe–Ito for categories, cividis/viridis for
continuous values.

Example:
    >>> import pandas as pd
    >>> from helpers import plot
    >>> freqs = pd.DataFrame({"term": ["发展", "改革", "创新"], "count": [30, 20, 10]})
    >>> ax = plot.plot_top_terms(freqs, n=3)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['创新', '改革', '发展']
    >>> plot.plt.close("all")
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, Normalize, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..provenance import provenance as current_provenance
from ..provenance import provenance_caption
from ..dates import load_calendar
from ..paths import DATA_DIR, FONTS_DIR
from ..segment import tokenize

__all__ = [
    "FONT_PATH", "FONT_FAMILY", "OKABE_ITO", "PROVINCE_TILES_CSV",
    "font_path", "use_chinese_font", "make_wordcloud", "province_tiles",
    "plot_top_terms", "plot_wordcloud", "plot_comparison_cloud",
    "plot_slogan_heatmap", "plot_trends", "plot_keyness", "plot_dispersion",
    "plot_region_comparison", "plot_province_tiles", "save_figure",
    "plot_diffusion", "plot_adoption_lag", "plot_region_year",
]

# --------------------------------------------------------------------------
# Font
# --------------------------------------------------------------------------

#: Path of the bundled CJK font (a ``str``, as ``WordCloud(font_path=...)`` wants).
FONT_PATH: str = str(FONTS_DIR / "NotoSansCJKsc-Regular.otf")
#: Family name matplotlib knows the bundled font by.
FONT_FAMILY = "Noto Sans CJK SC"
# Latin fallback for the few symbols Noto Sans CJK lacks.
_FALLBACK_FAMILY = "DejaVu Sans"

#: Okabe & Ito (2008) colour-blind-safe palette, ordered for lines on white
#: (yellow last: it is faint on white).
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_NO_DATA = "#e6e6e6"
_GRID = "#e5e5e5"

#: Tile layout of China's provinces (row, col) used by :func:`plot_province_tiles`.
PROVINCE_TILES_CSV = DATA_DIR / "geo" / "province_tiles.csv"


def font_path() -> str:
    """Return the path of the bundled CJK font, for ``WordCloud(font_path=...)``.

    Example:
        >>> from helpers.plot import font_path
        >>> font_path().endswith("NotoSansCJKsc-Regular.otf")
        True
    """
    return FONT_PATH


@lru_cache(maxsize=1)
def _register_font() -> str:
    if not Path(FONT_PATH).is_file():  # pragma: no cover - broken install
        raise FileNotFoundError(
            f"tifa's bundled font is missing: {FONT_PATH}. Reinstall tifa "
            "(pip install --force-reinstall tifa) or check out helpers/fonts/ again."
        )
    font_manager.fontManager.addfont(FONT_PATH)
    return font_manager.FontProperties(fname=FONT_PATH).get_name()


def use_chinese_font() -> None:
    """Make matplotlib draw Chinese with the bundled font.

    Registers ``NotoSansCJKsc-Regular.otf`` with matplotlib, sets
    ``rcParams["font.family"]`` to ``["Noto Sans CJK SC", "DejaVu Sans"]``
    (Noto also covers Latin; DejaVu catches the odd symbol it lacks) and
    ``rcParams["axes.unicode_minus"] = False`` (the font's minus sign is the
    ASCII hyphen-minus). Called on import; call it again after
    ``plt.style.use(...)`` or ``matplotlib.rcdefaults()``.

    Example:
        >>> import matplotlib
        >>> from helpers.plot import use_chinese_font
        >>> use_chinese_font()
        >>> matplotlib.rcParams["font.family"][0]
        'Noto Sans CJK SC'
    """
    family = _register_font()
    matplotlib.rcParams["font.family"] = [family, _FALLBACK_FAMILY]
    matplotlib.rcParams["axes.unicode_minus"] = False


def _ensure_chinese_font() -> None:
    """Keep the CJK font available even if the user changed the style.

    If the user's ``font.family`` no longer mentions the bundled font, it is
    appended as a fallback, so their Latin font stays and Chinese still renders.
    """
    family = _register_font()
    current = matplotlib.rcParams["font.family"]
    current = [current] if isinstance(current, str) else list(current)
    if family not in current:
        matplotlib.rcParams["font.family"] = [*current, family]
        matplotlib.rcParams["axes.unicode_minus"] = False


use_chinese_font()


# --------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------

_TEXT = {
    "count": ("出现次数", "Count"),
    "rate_per_10k": ("每万字频次", "Per 10,000 Chinese characters"),
    "share_docs": ("含该词的文件比例", "Share of documents"),
    "docs_with_term": ("含该词的文件数", "Documents with term"),
    "G2": ("关键性 G²（对数似然比）", "Keyness G² (log-likelihood)"),
    "log_ratio": ("对数比（log₂）", "Log ratio (log₂)"),
    "top_terms": ("高频词（前{n}）", "Top {n} terms"),
    "term": ("词语", "Term"),
    "wordcloud": ("词云", "Word cloud"),
    "comparison": ("分组词云", "Word clouds by {by}"),
    "heatmap": ("提法热力图", "Formulations by {index}"),
    "trends": ("提法的年度变化", "Formulations over time"),
    "year": ("年份", "Year"),
    "n_docs": ("文件数", "Docs"),
    "no_docs": ("无文件年份", "No documents"),
    "keyness": ("关键词对比", "Keyness"),
    "target": ("目标", "Target"),
    "reference": ("参照", "Reference"),
    "dispersion": ("词语分布（X 光图）", "Lexical dispersion"),
    "position": ("在文件中的相对位置", "Relative position in document"),
    "region_cmp": ("各地区比较", "Comparison across regions"),
    "province": ("省份", "Province"),
    "tiles": ("各省分布", "By province"),
    "no_data": ("无数据", "No data"),
}


def _t(key: str, lang: str, **fmt) -> str:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**fmt)


def _value_label(value: str, lang: str) -> str:
    return _t(value, lang) if value in _TEXT else value


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def _require_columns(df: pd.DataFrame, columns: Iterable[str], func: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}() needs a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{func}() needs the column(s) {missing}; the DataFrame has "
            f"{list(df.columns)}. Pass the output of the matching helpers.textstat "
            "function, or rename your columns."
        )


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    _ensure_chinese_font()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


_BREAK_AFTER = set("、，,；;：:·/")
_NO_LINE_START = set("、，,。；;：:！？!?）)》」』”’")
_PARTICLES = set("的之和与及同")  # a one-character word that stays with the word before


@lru_cache(maxsize=1024)
def _word_pieces(text: str) -> tuple[str, ...]:
    """Split a Chinese label into pieces a line may break between.

    The label is cut into words by a plain jieba (stock dictionary, no
    lexicon, so 全过程人民民主 → 全过程 / 人民民主); punctuation stays with the
    word before it, a particle (的, 和, 同…) too, and any other one-character
    word joins the word after it (新 + 时代, 以 + 习近平), so no line starts
    with 、 or ends with a dangling 新.
    """
    try:
        tokens = tokenize(text, lexicon=[], engine="jieba", drop_whitespace=False)
    except Exception:  # pragma: no cover - segmenter unavailable: one character each
        tokens = list(text)
    pieces: list[str] = []
    glue_next = False
    for tok in tokens:
        if pieces and (tok[0] in _NO_LINE_START or tok.isspace() or tok in _PARTICLES):
            pieces[-1] += tok
        elif pieces and glue_next:
            pieces[-1] += tok
        else:
            pieces.append(tok)
        glue_next = len(tok) == 1 and tok not in _PARTICLES and tok[0] not in _NO_LINE_START
    return tuple(pieces)


def _wrap(label: object, width: int) -> str:
    """Wrap a label to lines of about ``width`` characters, never inside a word.

    Chinese is broken between words (plain jieba, see :func:`_word_pieces`),
    after punctuation (、，；) where possible, in as few lines as fit ``width``
    and as even as possible: 全过程人民民主 → 全过程 / 人民民主,
    把方向、管大局、保落实 → 把方向、/ 管大局、/ 保落实. A word longer than
    ``width`` stays whole on its line. Latin text breaks at spaces only.
    """
    text = str(label)
    if width <= 0 or len(text) <= width:
        return text
    if text.isascii():  # Latin: break at spaces only, never inside a word
        import textwrap
        return "\n".join(textwrap.wrap(text, width=width, break_long_words=False))
    pieces = _word_pieces(text)
    n = len(pieces)
    if n <= 1:
        return text
    if n > 16:  # very long label: greedy packing
        lines = [""]
        for p in pieces:
            if lines[-1] and len(lines[-1]) + len(p) > width:
                lines.append("")
            lines[-1] += p
        return "\n".join(lines)
    best = None
    for mask in range(1 << (n - 1)):
        lines, cur = [], pieces[0]
        soft = 0  # breaks not after punctuation
        for k in range(1, n):
            if mask >> (k - 1) & 1:
                lines.append(cur)
                soft += cur[-1] not in _BREAK_AFTER
                cur = pieces[k]
            else:
                cur += pieces[k]
        lines.append(cur)
        lengths = [len(x) for x in lines]
        longest = max(lengths)
        score = (max(0, longest - width), len(lines), soft, longest - min(lengths))
        if best is None or score < best[0]:
            best = (score, lines)
    return "\n".join(best[1])


def _is_cjk(label: object) -> bool:
    return all(ord(ch) >= 0x2E80 for ch in str(label))


def _vertical(label: object) -> str:
    """Stack a Chinese label one character per line (vertical writing)."""
    return "\n".join(str(label)) if _is_cjk(label) else str(label)


def _fmt_number(x: float) -> str:
    if pd.isna(x):
        return ""
    x = float(x)
    if x == int(x) and abs(x) >= 1:
        return f"{int(x):,}"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}".rstrip("0").rstrip(".") if x else "0"


def _text_color(rgba) -> str:
    r, g, b = to_rgb(rgba)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.5 else "white"


def _frequencies(freqs, value: str = "count", term: str = "term") -> dict[str, float]:
    """Turn a DataFrame (term, count), a Series or a mapping into {term: weight}."""
    if isinstance(freqs, pd.DataFrame):
        _require_columns(freqs, [term, value], "plot_wordcloud")
        s = freqs.groupby(term, sort=False)[value].sum()
    elif isinstance(freqs, pd.Series):
        s = freqs.groupby(level=0, sort=False).sum()
    elif isinstance(freqs, Mapping):
        s = pd.Series(dict(freqs), dtype=float)
    else:
        raise TypeError("freqs must be a DataFrame with term and count columns, a Series or a dict")
    s = pd.to_numeric(s, errors="coerce").dropna()
    s = s[s > 0]
    return {str(k): float(v) for k, v in s.items()}


def _line_style(i: int) -> dict:
    return {
        "color": OKABE_ITO[i % len(OKABE_ITO)],
        "marker": _MARKERS[i % len(_MARKERS)],
        "linestyle": ("-", "--", ":", "-.")[(i // len(OKABE_ITO)) % 4],
    }


# --------------------------------------------------------------------------
# Bars
# --------------------------------------------------------------------------

def plot_top_terms(
    freqs: pd.DataFrame,
    *,
    n: int = 20,
    value: str = "count",
    ax: Axes | None = None,
    lang: str = "zh",
    title: str | None = None,
    color: str = OKABE_ITO[0],
    show_values: bool = True,
) -> Axes:
    """Draw the ``n`` most frequent terms as horizontal bars, largest on top.

    Args:
        freqs: DataFrame with ``term`` and ``count`` (and optionally
            ``rate_per_10k``), e.g. from ``term_frequencies``; rows of the same
            term are summed. A dict or Series {term: count} also works.
        n: how many terms to show.
        value: ``"count"`` or ``"rate_per_10k"`` (any numeric column).
        ax: Axes to draw on; a new figure if None.
        lang: ``"zh"`` (default) or ``"en"`` for the labels.
        title: overrides the default title.
        color: bar colour.
        show_values: write each bar's value at its end.

    Returns:
        The Axes.

    Example:
        >>> import pandas as pd
        >>> ax = plot_top_terms(pd.DataFrame({"term": ["改革", "发展"], "count": [5, 9]}))
        >>> ax.get_yticklabels()[-1].get_text()
        '发展'
        >>> plt.close("all")
    """
    if not isinstance(freqs, pd.DataFrame):
        freqs = pd.DataFrame(list(_frequencies(freqs).items()), columns=["term", value])
    _require_columns(freqs, ["term", value], "plot_top_terms")
    s = (freqs.groupby("term", sort=False)[value].sum()
         .sort_values(ascending=False, kind="stable").head(n))
    s = s.iloc[::-1]  # barh draws bottom-up: largest last = on top
    ax = _new_axes(ax, (7, max(2.5, 0.32 * len(s) + 1.2)))
    bars = ax.barh([str(t) for t in s.index], s.to_numpy(dtype=float), color=color, height=0.7)
    if show_values and len(s):
        ax.bar_label(bars, labels=[_fmt_number(v) for v in s], padding=3, fontsize=8)
        ax.margins(x=0.1)
    ax.set_xlabel(_value_label(value, lang))
    ax.set_title(title if title is not None else _t("top_terms", lang, n=len(s)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.grid(True, color=_GRID)
    ax.set_axisbelow(True)
    return ax


# --------------------------------------------------------------------------
# Word clouds
# --------------------------------------------------------------------------

def make_wordcloud(
    freqs,
    *,
    value: str = "count",
    max_words: int = 150,
    colormap: str | Colormap | None = "tifa",
    mask: np.ndarray | None = None,
    width: int = 800,
    height: int = 500,
    random_state: int = 42,
    background_color: str = "white",
    color: str | None = None,
    **kwargs,
):
    """Build a ``wordcloud.WordCloud`` from term frequencies, with the CJK font.

    Words are laid out horizontally (rotated Chinese is hard to read) and the
    layout is reproducible (``random_state``). Extra keyword arguments go to
    ``WordCloud``.

    Args:
        freqs: DataFrame with ``term`` and ``value`` columns, a Series or a dict.
        value: the weight column of a DataFrame.
        max_words: at most this many words.
        colormap: matplotlib colormap name or object; ``"tifa"`` (default) is
            the four darkest Okabe–Ito colours, readable on white.
        mask: optional image array; words are drawn where it is not white.
        width, height: canvas size in pixels.
        random_state: seed for the layout and colours.
        background_color: canvas colour.
        color: one colour for every word (overrides ``colormap``).

    Returns:
        The generated ``WordCloud`` (``.layout_`` lists the placed words).

    Example:
        >>> wc = make_wordcloud({"发展": 10, "改革": 5}, width=200, height=120)
        >>> sorted(w for (w, _), *_ in wc.layout_)
        ['发展', '改革']
    """
    from wordcloud import WordCloud

    _ensure_chinese_font()
    frequencies = _frequencies(freqs, value=value)
    if not frequencies:
        raise ValueError("No words to draw: every frequency is zero or missing.")
    if color is not None:
        kwargs["color_func"] = lambda *a, **k: color
    elif colormap == "tifa":
        kwargs["colormap"] = matplotlib.colors.ListedColormap(OKABE_ITO[:4], name="tifa")
    elif colormap is not None:
        kwargs["colormap"] = colormap
    kwargs.setdefault("prefer_horizontal", 1.0)
    wc = WordCloud(
        font_path=FONT_PATH,
        width=width,
        height=height,
        max_words=max_words,
        mask=mask,
        background_color=background_color,
        random_state=random_state,
        **kwargs,
    )
    return wc.generate_from_frequencies(frequencies)


def plot_wordcloud(
    freqs,
    *,
    ax: Axes | None = None,
    max_words: int = 150,
    colormap: str | Colormap | None = "tifa",
    mask: np.ndarray | None = None,
    value: str = "count",
    title: str | None = None,
    lang: str = "zh",
    random_state: int = 42,
    width: int = 800,
    height: int = 500,
    **kwargs,
) -> Axes:
    """Draw a word cloud of term frequencies with the bundled Chinese font.

    Args:
        freqs: DataFrame with ``term`` and ``count`` (rows of a term are
            summed), a Series or a dict {term: count}.
        ax: Axes to draw on; a new figure if None.
        max_words: at most this many words.
        colormap: colormap name or object (default: dark Okabe–Ito colours).
        mask: optional image array giving the cloud's shape.
        value: weight column of a DataFrame.
        title: optional title (no title by default).
        lang: ``"zh"`` or ``"en"`` (only used for error-free defaults).
        random_state: seed, so the same data gives the same picture.
        width, height: canvas size in pixels.
        **kwargs: passed to ``wordcloud.WordCloud``.

    Returns:
        The Axes (axis off, the cloud drawn with ``imshow``).

    Example:
        >>> ax = plot_wordcloud({"发展": 10, "改革": 5}, width=200, height=120)
        >>> ax.axison
        False
        >>> plt.close("all")
    """
    _t("wordcloud", lang)  # validates lang
    wc = make_wordcloud(
        freqs, value=value, max_words=max_words, colormap=colormap, mask=mask,
        width=width, height=height, random_state=random_state, **kwargs,
    )
    ax = _new_axes(ax, (8, 8 * height / width))
    ax.imshow(wc.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


def plot_comparison_cloud(
    freqs: pd.DataFrame,
    *,
    by: str,
    n: int = 80,
    fig: Figure | None = None,
    value: str = "count",
    distinctive: bool = False,
    ncols: int | None = None,
    lang: str = "zh",
    title: str | None = None,
    random_state: int = 42,
    width: int = 600,
    height: int = 400,
) -> Figure:
    """Draw one word cloud per group (small multiples), each in its own colour.

    With ``distinctive=True`` each panel shows the words most *over-represented*
    in its group, as in quanteda's comparison cloud: a word's share of the
    group's total minus its mean share over all groups; every word goes to the
    group where that difference is largest.

    Args:
        freqs: tidy DataFrame with ``term``, ``value`` and the ``by`` column.
        by: column naming the groups (e.g. ``"doc_id"``, ``"province"``, ``"period"``).
        n: words per cloud.
        fig: Figure to draw into (it is cleared); a new one if None.
        value: weight column.
        distinctive: show distinctive instead of most frequent words.
        ncols: panels per row (default: up to 3).
        lang: ``"zh"`` or ``"en"``.
        title: figure title.
        random_state: seed for reproducible layouts.
        width, height: canvas size of each cloud in pixels.

    Returns:
        The Figure (one Axes per group, in order of first appearance).

    Example:
        >>> df = pd.DataFrame({"g": ["甲", "甲", "乙"], "term": ["发展", "改革", "创新"],
        ...                    "count": [3, 2, 4]})
        >>> fig = plot_comparison_cloud(df, by="g", width=200, height=120)
        >>> [a.get_title() for a in fig.axes]
        ['甲', '乙']
        >>> plt.close("all")
    """
    _require_columns(freqs, ["term", value, by], "plot_comparison_cloud")
    table = freqs.pivot_table(index="term", columns=by, values=value, aggfunc="sum",
                              fill_value=0, sort=False)
    groups = list(pd.unique(freqs[by]))
    table = table.reindex(columns=groups, fill_value=0)
    if distinctive:
        share = table / table.sum(axis=0).replace(0, np.nan)
        dev = share.sub(share.mean(axis=1), axis=0)
        owner = dev.idxmax(axis=1)
    _ensure_chinese_font()
    ncols = ncols or min(3, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(4.2 * ncols, 4.2 * nrows * height / width + 0.4 * nrows + 0.4),
                         layout="constrained")
    else:
        fig.clear()
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for i, (g, ax) in enumerate(zip(groups, axes.flat)):
        if distinctive:
            words = dev.loc[owner == g, g]
            words = words[words > 0].sort_values(ascending=False).head(n)
        else:
            words = table[g][table[g] > 0].sort_values(ascending=False).head(n)
        colour = OKABE_ITO[i % 7]  # skip yellow
        ax.set_title(str(g), color=colour, fontsize=13)
        ax.set_axis_off()
        if len(words):
            wc = make_wordcloud(words.to_dict(), max_words=n, color=colour, width=width,
                                height=height, random_state=random_state)
            ax.imshow(wc.to_array(), interpolation="bilinear")
    for ax in axes.flat[len(groups):]:
        ax.remove()
    fig.suptitle(title if title is not None else _t("comparison", lang, by=by), fontsize=14)
    return fig


# --------------------------------------------------------------------------
# Heatmap
# --------------------------------------------------------------------------

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
    _require_columns(counts, [index, columns, value], "plot_slogan_heatmap")
    table = counts.pivot_table(index=index, columns=columns, values=value, aggfunc="sum",
                               sort=False, dropna=False)
    rows = pd.unique(counts[index])
    if pd.api.types.is_numeric_dtype(counts[index]):
        rows = np.sort(rows)
    cols = table.sum(axis=0).sort_values(ascending=False, kind="stable").index[:n]
    table = table.reindex(index=rows, columns=cols)
    if fill_value is not None:
        table = table.fillna(fill_value)
    nrows, ncols = table.shape
    rotate = ncols > 12
    if wrap is None:
        wrap = 0 if rotate else 5
    row_label = max((len(str(r)) for r in rows), default=0) * 0.075
    width = (0.32 if rotate else 0.8) * ncols + 2 + row_label
    col_label = max((len(str(c)) for c in cols), default=0) * 0.125 if rotate else 0.6
    ax = _new_axes(ax, (max(5.0, min(width, 24)), max(3.0, 0.4 * nrows + 1.4 + col_label)))
    cmap = plt.get_cmap(cmap).with_extremes(bad=_NO_DATA)
    data = np.ma.masked_invalid(table.to_numpy(dtype=float))
    im = ax.imshow(data, cmap=cmap, aspect="auto", interpolation="nearest")
    if annotate and nrows * ncols <= 600:
        fontsize = 8 if nrows * ncols <= 150 else 6
        for (i, j), v in np.ndenumerate(table.to_numpy(dtype=float)):
            if np.isnan(v):
                continue
            ax.text(j, i, _fmt_number(v), ha="center", va="center",
                    fontsize=fontsize if ncols <= 12 else 6.5,
                    color=_text_color(im.cmap(im.norm(v))))
    if rotate:  # many columns: Chinese labels stacked upright (竖排), others turned 90°
        ax.set_xticks(range(ncols), [_vertical(c) for c in cols], fontsize=8, linespacing=1.05)
        for label, c in zip(ax.get_xticklabels(), cols):
            if not _is_cjk(c):
                label.set_rotation(90)
    else:
        ax.set_xticks(range(ncols), [_wrap(c, wrap) for c in cols], fontsize=9)
    ax.set_yticks(range(nrows), [str(r) for r in rows], fontsize=9)
    ax.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xticks(np.arange(ncols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(nrows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    if colorbar:
        ax.figure.colorbar(im, ax=ax, label=_value_label(value, lang), shrink=0.8, pad=0.02)
    ax.set_title(title if title is not None else _t("heatmap", lang, index=index), pad=8)
    return ax


# --------------------------------------------------------------------------
# Trends
# --------------------------------------------------------------------------

def _runs(years: Sequence[int]) -> list[tuple[int, int]]:
    """Group sorted integers into inclusive runs: [1961, 1962, 1965] -> [(1961, 1962), (1965, 1965)]."""
    out: list[tuple[int, int]] = []
    for y in years:
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


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
            table (``helpers.research.load_calendar``): leaders' terms as
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
    _require_columns(trends, ["year", "term", value], "plot_trends")
    df = trends.copy()
    if exclude_before_first_use:
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
    df["year"] = pd.to_numeric(df["year"], errors="coerce")
    df = df.dropna(subset=["year"])
    df["year"] = df["year"].astype(int)
    has_n_docs = "n_docs" in df.columns
    if has_n_docs:
        n_docs = df.groupby("year")["n_docs"].max()
    else:
        n_docs = df.groupby("year").size().clip(upper=1)  # "some data" indicator
    observed = sorted(int(y) for y, k in n_docs.items() if pd.notna(k) and k > 0)
    if not observed:
        raise ValueError("plot_trends(): no year has any documents (n_docs is 0 or missing).")
    years = np.arange(min(observed), max(observed) + 1)
    missing = [y for y in years if y not in set(observed)]

    totals = df.groupby("term", sort=False)[value].sum()
    if terms is None:
        terms = list(totals.sort_values(ascending=False, kind="stable").head(max_terms).index)
    else:
        terms = list(terms)
        unknown = [t for t in terms if t not in totals.index]
        if unknown:
            warnings.warn(f"plot_trends(): no rows for term(s) {unknown}; drawn as zero.",
                          stacklevel=2)
    table = (df[df["term"].isin(terms)]
             .pivot_table(index="year", columns="term", values=value, aggfunc="sum")
             .reindex(index=years, columns=terms))
    table.loc[observed] = table.loc[observed].fillna(0.0)  # documents but no mention: zero

    ax = _new_axes(ax, (9, 4.8 if show_n_docs and has_n_docs else 4.2))
    for i, term in enumerate(terms):
        y = table[term].to_numpy(dtype=float)
        style = _line_style(i)
        if missing_years == "connect":
            ok = ~np.isnan(y)
            (line,) = ax.plot(years[ok], y[ok], label=str(term), markersize=4, linewidth=1.6,
                              **style)
        else:
            ax.plot(years, y, label=str(term), markersize=4, linewidth=1.6, **style)
    if missing_years == "gap":
        for a, b in _runs(missing):
            ax.axvspan(a - 0.5, b + 0.5, color="#f0f0f0", zorder=0, linewidth=0)
        if missing:
            ax.add_patch(Rectangle((np.nan, np.nan), 0, 0, color="#e0e0e0",
                                   label=_t("no_docs", lang)))
    ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
    ax.set_ylim(bottom=0)
    if calendar is not False and calendar is not None:
        _calendar_overlay(ax, calendar, leaders, lang)
    ax.set_ylabel(_value_label(value, lang))
    if value == "share_docs":
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=12))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.grid(True, color=_GRID)
    ax.set_axisbelow(True)
    has_cal = calendar is not False and calendar is not None
    ax.set_title(title if title is not None else _t("trends", lang), pad=18 if has_cal else 6)
    handles, labels = ax.get_legend_handles_labels()
    for h in getattr(ax, "_tifa_calendar_handles", []):
        handles.append(h)
        labels.append(h.get_label())
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9, handlelength=2.2)

    if show_n_docs and has_n_docs:
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        strip = make_axes_locatable(ax).append_axes("bottom", size="16%", pad=0.08, sharex=ax)
        counts = n_docs.reindex(years).fillna(0).to_numpy(dtype=float)
        strip.bar(years, counts, width=0.8, color="#999999")
        strip.set_ylabel(_t("n_docs", lang), rotation=0, ha="right", va="center", fontsize=8)
        strip.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(2, integer=True))
        strip.tick_params(axis="y", labelsize=7)
        strip.spines[["top", "right"]].set_visible(False)
        strip.set_xlabel(_t("year", lang))
        ax.tick_params(axis="x", labelbottom=False)
        ax.tifa_ndocs_ax = strip
    else:
        ax.set_xlabel(_t("year", lang))
    return ax


_CN_NUM = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1 → 一, 13 → 十三, 20 → 二十 (for congress labels such as 十三大)."""
    if n < 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return (_CN_NUM[tens] if tens > 1 else "") + "十" + (_CN_NUM[ones] if ones else "")


def _decimal_year(d) -> float:
    d = pd.Timestamp(d)
    return d.year + (d.day_of_year - 1) / (366 if d.is_leap_year else 365)


def _calendar_overlay(ax: Axes, calendar, leaders: str, lang: str) -> None:
    """Shade leaders' terms, mark party congresses and NPC sessions on a year axis."""
    cal = load_calendar() if calendar is True else calendar
    lo, hi = ax.get_xlim()
    trans = matplotlib.transforms.blended_transform_factory(ax.transData, ax.transAxes)
    bands = ("#e8eef6", "#f7efe6")  # light blue / light sand, alternating
    terms = cal[cal["event_type"] == leaders].sort_values("start")
    for k, r in enumerate(terms.itertuples()):
        a = _decimal_year(r.start)
        b = _decimal_year(r.end) if pd.notna(r.end) else hi
        if b < lo or a > hi:
            continue
        a, b = max(a, lo), min(b, hi)
        ax.axvspan(a, b, color=bands[k % 2], zorder=-2, linewidth=0)
        if b - a > (hi - lo) * 0.035:  # name only where it fits
            name = r.name if lang == "zh" else (r.name_en or r.name)
            ax.text((a + b) / 2, 1.01, name, transform=trans, ha="center", va="bottom",
                    fontsize=8, color="#555555", clip_on=False)
    # headroom, so that the congress labels along the top never sit on the data
    y0, y1 = ax.get_ylim()
    ax.set_ylim(y0, y1 + (y1 - y0) * 0.08)
    edge = (hi - lo) * 0.02
    for r in cal[cal["event_type"] == "party_congress"].itertuples():
        x = _decimal_year(r.start)
        if lo <= x <= hi:
            ax.axvline(x, color="#b03a2e", linestyle=(0, (3, 3)), linewidth=0.9, zorder=1, alpha=0.8)
            label = f"{_cn_number(int(r.number))}大" if lang == "zh" else f"{int(r.number)}th PC"
            # near an edge the label hangs inwards instead of being cut by the frame
            ha = "right" if x > hi - edge else "left" if x < lo + edge else "center"
            ax.text(x, 0.985, label, transform=trans, ha=ha, va="top", fontsize=7,
                    color="#b03a2e", bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6,
                                           "alpha": 0.85}, zorder=3)
    npc = cal[cal["event_type"] == "npc_session"]
    xs = [_decimal_year(d) for d in npc["start"]]
    xs = [x for x in xs if lo <= x <= hi]
    if xs:
        ax.plot(xs, [0.012] * len(xs), transform=trans, linestyle="none", marker="^",
                markersize=4, color="#555555", clip_on=False, zorder=4)
    handles = [matplotlib.lines.Line2D([], [], color="#b03a2e", linestyle=(0, (3, 3)),
                                       label="党代会" if lang == "zh" else "Party congress"),
               matplotlib.lines.Line2D([], [], color="#555555", marker="^", linestyle="none",
                                       markersize=4, label="全国人大会议" if lang == "zh" else "NPC session")]
    ax._tifa_calendar_handles = handles


# --------------------------------------------------------------------------
# First use, adoption lag, diffusion (helpers.research)
# --------------------------------------------------------------------------

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
    _require_columns(diff, ["term", x, "share"], "plot_diffusion")
    terms = list(terms) if terms is not None else list(pd.unique(diff["term"]))
    ax = _new_axes(ax, (8, 4.2))
    for i, term in enumerate(terms):
        d = diff[diff["term"] == term].sort_values(x)
        if not len(d):
            continue
        xs = list(d[x])
        ys = [0.0, *d["share"].astype(float)]
        start = xs[0] - (pd.Timedelta(days=180) if x == "date" else 0.5)
        style = _line_style(i)
        ax.step([start, *xs], ys, where="post", label=str(term), color=style["color"], linewidth=1.8)
        ax.plot(xs, ys[1:], linestyle="none", marker=style["marker"], color=style["color"], markersize=4)
        if label_groups and len(d) <= 12 and "new_groups" in d:
            for xi, yi, g in zip(xs, ys[1:], d["new_groups"]):
                ax.annotate(_wrap(g, 8), (xi, yi), xytext=(3, 3), textcoords="offset points",
                            fontsize=7, color=style["color"])
    ax.set_ylim(0, 1.08)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_ylabel("已使用的地区/文件比例" if lang == "zh" else "Share of groups that have used the term")
    ax.set_xlabel(_t("year", lang) if x == "year" else ("日期" if lang == "zh" else "Date"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.grid(True, color=_GRID)
    ax.set_axisbelow(True)
    if len(terms) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    ax.set_title(title if title is not None else ("提法的扩散" if lang == "zh" else "Diffusion"))
    return ax


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
    _require_columns(lags, ["term", col], "plot_adoption_lag")
    terms = list(pd.unique(lags["term"]))
    ax = _new_axes(ax, (7.5, max(2.5, 0.6 * len(terms) + 1.4)))
    data = [lags.loc[lags["term"] == t, col].dropna().astype(float).to_numpy() for t in terms]
    ax.boxplot(data, positions=range(len(terms)), orientation="horizontal", widths=0.5, showfliers=False,
               medianprops={"color": "black"}, boxprops={"color": "#999999"},
               whiskerprops={"color": "#999999"}, capprops={"color": "#999999"})
    rng = np.random.default_rng(0)
    for i, v in enumerate(data):
        ax.scatter(v, i + rng.uniform(-0.15, 0.15, len(v)), s=22, color=OKABE_ITO[i % 7],
                   zorder=3, edgecolor="white", linewidth=0.5)
    ax.axvline(0, color="#b03a2e", linewidth=1, linestyle="--")
    ax.set_yticks(range(len(terms)), [_wrap(t, 8) for t in terms])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlabel(("滞后（年）" if unit == "years" else "滞后（天）") if lang == "zh"
                  else f"Lag ({unit}) after the reference date")
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.grid(True, color=_GRID)
    ax.set_axisbelow(True)
    ax.set_title(title if title is not None else ("采用滞后" if lang == "zh" else "Adoption lag"))
    return ax


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
    _require_columns(counts, [region, "year", value], "plot_region_year")
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
    ax = _new_axes(ax, (max(5.0, 0.32 * len(all_years) + 3), max(2.5, 0.4 * len(table) + 1.6)))
    _draw_year_grid(ax, table, value, lang, title if title is not None else (
        f"“{term}”：地区 × 年份" if lang == "zh" else f"{term}: region × year"))
    return ax


def _draw_year_grid(ax: Axes, table: pd.DataFrame, value: str, lang: str, title: str) -> None:
    cmap = plt.get_cmap("cividis").with_extremes(bad=_NO_DATA)
    data = np.ma.masked_invalid(table.to_numpy(dtype=float))
    im = ax.imshow(data, cmap=cmap, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], fontsize=8, rotation=90)
    ax.set_yticks(range(table.shape[0]), [str(r) for r in table.index], fontsize=9)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.figure.colorbar(im, ax=ax, label=_value_label(value, lang), shrink=0.8, pad=0.02)
    ax.set_title(title)


# --------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------

def plot_keyness(
    keyness_df: pd.DataFrame,
    *,
    n: int = 20,
    ax: Axes | None = None,
    target_label: str | None = None,
    reference_label: str | None = None,
    value: str = "G2",
    lang: str = "zh",
    title: str | None = None,
) -> Axes:
    """Draw keyness as diverging bars, like quanteda's ``textplot_keyness``.

    The ``n`` terms most over-represented in the target point right (top), the
    ``n`` most over-represented in the reference point left (bottom); each bar is
    labelled with its term. If ``G2`` is unsigned, its sign is taken from
    ``log_ratio`` (positive = target).

    Args:
        keyness_df: DataFrame with ``term``, ``G2``, ``log_ratio``,
            ``target_count``, ``reference_count`` (``keyness`` output).
        n: terms per side.
        ax: Axes to draw on; a new figure if None.
        target_label, reference_label: legend names of the two groups.
        value: ``"G2"`` (default) or ``"log_ratio"``.
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.

    Returns:
        The Axes.

    Example:
        >>> df = pd.DataFrame({"term": ["安全", "发展"], "G2": [12.0, -8.0], "log_ratio": [1.2, -0.9],
        ...                    "target_count": [30, 5], "reference_count": [8, 20]})
        >>> ax = plot_keyness(df)
        >>> len(ax.patches)
        2
        >>> plt.close("all")
    """
    _require_columns(keyness_df, ["term", value], "plot_keyness")
    df = keyness_df.copy()
    score = pd.to_numeric(df[value], errors="coerce")
    if value == "G2" and (score.dropna() >= 0).all() and "log_ratio" in df:
        score = score * np.sign(pd.to_numeric(df["log_ratio"], errors="coerce")).fillna(1)
    df["_score"] = score
    df = df.dropna(subset=["_score"])
    pos = df[df["_score"] > 0].nlargest(n, "_score")
    neg = df[df["_score"] < 0].nsmallest(n, "_score")
    # top to bottom: target terms by falling score, then reference terms from the
    # one closest to zero down to the most negative; barh draws bottom-up.
    top_to_bottom = pd.concat([pos, neg.iloc[::-1]])
    shown = top_to_bottom.iloc[::-1].reset_index(drop=True)
    target_label = target_label or _t("target", lang)
    reference_label = reference_label or _t("reference", lang)
    colours = np.where(shown["_score"] > 0, OKABE_ITO[0], "#8c8c8c")
    ax = _new_axes(ax, (7.5, max(3.0, 0.28 * len(shown) + 1.4)))
    y = np.arange(len(shown))
    ax.barh(y, shown["_score"], color=colours, height=0.72)
    span = float(shown["_score"].abs().max()) if len(shown) else 1.0
    offset = span * 0.015
    for yi, (term, s) in enumerate(zip(shown["term"], shown["_score"])):
        ax.text(s + (offset if s > 0 else -offset), yi, str(term), va="center",
                ha="left" if s > 0 else "right", fontsize=9)
    ax.set_yticks([])
    ax.axvline(0, color="black", linewidth=0.8)
    left = -span * 1.35 if len(neg) else -span * 0.05
    right = span * 1.35 if len(pos) else span * 0.05
    ax.set_xlim(left, right)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.set_xlabel(_value_label(value, lang))
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.xaxis.grid(True, color=_GRID)
    ax.set_axisbelow(True)
    ax.legend(handles=[Patch(color=OKABE_ITO[0], label=target_label),
                       Patch(color="#8c8c8c", label=reference_label)],
              loc="lower right", frameon=False, fontsize=9)
    ax.set_title(title if title is not None else _t("keyness", lang))
    return ax


# --------------------------------------------------------------------------
# Dispersion
# --------------------------------------------------------------------------

def plot_dispersion(
    disp: pd.DataFrame,
    *,
    ax: Axes | None = None,
    terms: Sequence[str] | None = None,
    docs: Sequence[str] | None = None,
    lang: str = "zh",
    title: str | None = None,
) -> Axes:
    """Draw a lexical dispersion ("x-ray") plot: where each term occurs in each document.

    One row per document × term, grouped by term (each term in its own colour,
    its name to the right of its block), a tick at every occurrence's relative
    position (0 = start, 1 = end). A row with no tick: the document never uses
    the term.

    Args:
        disp: DataFrame with ``doc_id``, ``term``, ``relative_position``
            (``dispersion`` output).
        ax: Axes to draw on; a new figure if None.
        terms, docs: restrict to and order by these (default: order of appearance).
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.

    Returns:
        The Axes.

    Example:
        >>> df = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["改革", "改革", "改革"],
        ...                    "relative_position": [0.1, 0.5, 0.9]})
        >>> ax = plot_dispersion(df)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['a', 'b']
        >>> [t.get_text() for t in ax.texts]
        ['改革']
        >>> plt.close("all")
    """
    _require_columns(disp, ["doc_id", "term", "relative_position"], "plot_dispersion")
    terms = list(terms) if terms is not None else list(pd.unique(disp["term"]))
    docs = list(docs) if docs is not None else list(pd.unique(disp["doc_id"]))
    rows = [(t, d) for t in terms for d in docs]
    label_in = max((len(str(d)) for d in docs), default=0) * 0.075
    ax = _new_axes(ax, (6.5 + label_in, max(2.0, 0.3 * len(rows) + 1.3)))
    groups = {key: g["relative_position"].to_numpy(dtype=float)
              for key, g in disp.groupby(["term", "doc_id"], sort=False)}
    for i, (t, d) in enumerate(rows):
        x = groups.get((t, d), np.array([]))
        if len(x):
            ax.vlines(x, i - 0.38, i + 0.38, color=OKABE_ITO[terms.index(t) % 7], linewidth=1.2)
    ax.set_yticks(range(len(rows)), [str(d) for _, d in rows], fontsize=9)
    for k, t in enumerate(terms):  # term name beside its block of rows, like a facet strip
        colour = OKABE_ITO[k % 7]
        middle = k * len(docs) + (len(docs) - 1) / 2
        ax.text(1.015, middle, _wrap(t, 6), transform=ax.get_yaxis_transform(), color=colour,
                ha="left", va="center", fontsize=11)
        if k:
            ax.axhline(k * len(docs) - 0.5, color="#bbbbbb", linewidth=0.8)
    ax.set_xlim(0, 1)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel(_t("position", lang))
    ax.tick_params(axis="y", length=0)
    ax.set_title(title if title is not None else _t("dispersion", lang))
    return ax


# --------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------

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
) -> Axes:
    """Compare formulations across regions as grouped horizontal bars or a dot plot.

    Several rows per region and term (e.g. one per document) are combined:
    counts are summed, any other value (rates, shares) is averaged.

    Args:
        df: tidy DataFrame with ``region``, ``term_col`` and ``value`` columns.
        region: column naming the region (province, city…).
        term_col: column naming the term.
        value: numeric column to compare.
        ax: Axes to draw on; a new figure if None.
        kind: ``"bar"`` (grouped bars) or ``"dot"`` (Cleveland dot plot).
        terms: terms to show, in this order (default: all, by total).
        lang: ``"zh"`` or ``"en"``.
        title: overrides the default title.

    Returns:
        The Axes. Regions run top to bottom by their total.

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
    _require_columns(df, [region, term_col, value], "plot_region_comparison")
    agg = "sum" if value == "count" else "mean"
    table = df.pivot_table(index=region, columns=term_col, values=value, aggfunc=agg, sort=False)
    if terms is None:
        terms = list(table.sum().sort_values(ascending=False, kind="stable").index)
    table = table.reindex(columns=list(terms)).fillna(0.0)
    order = table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    table = table.loc[order]
    nreg, nterm = table.shape
    height = 0.26 * nreg * (max(nterm, 2) if kind == "bar" else 1.6) + 1.5
    ax = _new_axes(ax, (8, max(3.0, min(height, 30))))
    y = np.arange(nreg)
    if kind == "bar":
        bar_h = 0.8 / nterm
        for j, term in enumerate(terms):
            ax.barh(y - 0.4 + bar_h * (j + 0.5), table[term], height=bar_h,
                    color=OKABE_ITO[j % len(OKABE_ITO)], label=str(term))
    else:
        # dodge: each term a little above or below the region's line, so equal
        # values (e.g. several zeros) do not hide each other
        step = min(0.5 / max(nterm - 1, 1), 0.18) if nterm > 1 else 0.0
        for i in y:
            row = table.iloc[i]
            ax.plot([row.min(), row.max()], [i, i], color="#cccccc", linewidth=1.5, zorder=1)
        for j, term in enumerate(terms):
            ax.scatter(table[term], y + (j - (nterm - 1) / 2) * step, s=36,
                       color=OKABE_ITO[j % len(OKABE_ITO)], edgecolor="white", linewidth=0.5,
                       marker=_MARKERS[j % len(_MARKERS)], label=str(term), zorder=2)
    ax.set_yticks(y, [str(r) for r in table.index])
    ax.set_ylim(nreg - 0.5, -0.5)
    if kind == "dot":  # room for markers at 0, which the axis would cut in half
        hi = float(np.nanmax(table.to_numpy(dtype=float))) if table.size else 1.0
        hi = hi if hi > 0 else 1.0
        ax.set_xlim(-0.04 * hi, hi * 1.06)
        ax.axvline(0, color="#999999", linewidth=0.8, zorder=0)
    else:
        ax.set_xlim(left=0)
    ax.set_xlabel(_value_label(value, lang))
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.grid(True, color=_GRID)
    ax.set_axisbelow(True)
    if nterm > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    ax.set_title(title if title is not None else _t("region_cmp", lang))
    return ax


@lru_cache(maxsize=1)
def _tiles() -> pd.DataFrame:
    return pd.read_csv(PROVINCE_TILES_CSV, dtype={"region": str}, keep_default_na=False)


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
        vmin, vmax: colour scale limits.
        lang: ``"zh"`` (short Chinese names) or ``"en"`` (English names).

    Returns:
        The Axes (``ax.patches`` holds one tile per province).

    Example:
        >>> df = pd.DataFrame({"province": ["重庆市", "四川"], "rate_per_10k": [2.0, 1.0]})
        >>> ax = plot_province_tiles(df)
        >>> len(ax.patches)
        34
        >>> plt.close("all")
    """
    _require_columns(values, [province_col, value], "plot_province_tiles")
    if "term" in values.columns and values["term"].nunique() > 1:
        raise ValueError(
            "plot_province_tiles() draws one value per province, but `values` has "
            f"{values['term'].nunique()} terms. Filter first, e.g. "
            "values[values['term'] == '共同富裕']."
        )
    lookup = _province_lookup()
    names = values[province_col].astype(str).str.strip()
    full = names.str.lower().map(lookup)
    unknown = sorted(set(names[full.isna()]) - {"全国", "", "nan"})
    if unknown:
        warnings.warn(f"plot_province_tiles(): not a province, left out: {unknown}", stacklevel=2)
    data = values.assign(_province=full).dropna(subset=["_province"])
    agg = "sum" if value == "count" else "mean"
    by_province = data.groupby("_province")[value].agg(agg)

    tiles = _tiles()
    if not include_hk_macau_taiwan:
        tiles = tiles[tiles["mainland"].astype(str) == "True"]
    ax = _new_axes(ax, (8.5, 8.0))
    cmap = plt.get_cmap(cmap)
    finite = by_province.dropna()
    lo = vmin if vmin is not None else (float(finite.min()) if len(finite) else 0.0)
    hi = vmax if vmax is not None else (float(finite.max()) if len(finite) else 1.0)
    if hi <= lo:
        hi = lo + 1.0
    norm = Normalize(lo, hi)
    size = 0.92
    for r in tiles.itertuples():
        v = by_province.get(r.province, np.nan)
        has = pd.notna(v)
        face = cmap(norm(v)) if has else _NO_DATA
        ax.add_patch(Rectangle((r.col - size / 2, r.row - size / 2), size, size,
                               facecolor=face, edgecolor="white", linewidth=1.0,
                               label=r.province))
        ink = _text_color(face) if has else "#555555"
        name = r.short if lang == "zh" else _wrap(r.english, 9)
        fs = 10 if lang == "zh" else (7 if len(r.english) <= 10 else 6.5)
        if has and show_values:
            ax.text(r.col, r.row - 0.13, name, ha="center", va="center", fontsize=fs, color=ink)
            ax.text(r.col, r.row + 0.22, _fmt_number(v), ha="center", va="center",
                    fontsize=7.5, color=ink)
        else:
            ax.text(r.col, r.row, name, ha="center", va="center", fontsize=fs, color=ink)
    ax.set_xlim(tiles["col"].min() - 0.6, tiles["col"].max() + 0.6)
    ax.set_ylim(tiles["row"].max() + 0.6, tiles["row"].min() - 0.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    sm = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
    ax.figure.colorbar(sm, ax=ax, shrink=0.55, pad=0.02, label=_value_label(value, lang))
    ax.legend(handles=[Patch(facecolor=_NO_DATA, label=_t("no_data", lang))],
              loc="lower left", frameon=False, fontsize=9)
    ax.set_title(title if title is not None else _tiles_title(values, value, lang))
    return ax


def _tiles_title(values: pd.DataFrame, value: str, lang: str) -> str:
    """Say what is mapped: the term (when there is one) and the value."""
    label = _value_label(value, lang)
    term = None
    if "term" in values.columns and values["term"].nunique() == 1:
        term = str(values["term"].iloc[0])
    if lang == "zh":
        return f"“{term}”各省{label}" if term else f"各省{label}"
    return f"{term}: {label} by province" if term else f"{label} by province"


# --------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------

def save_figure(fig_or_ax: Figure | Axes, path: str | Path, *, dpi: int = 150,
                caption: bool | str = False, provenance: dict | bool | None = True) -> Path:
    """Save a figure (or an Axes' figure) so that no label is clipped, with its provenance.

    Uses ``bbox_inches="tight"`` and a white background; creates the folder.
    The format follows the suffix (``.png``, ``.pdf``, ``.svg``); Chinese is
    embedded with the bundled font. The provenance record
    (:func:`helpers.provenance.provenance`: tifa version, lexicon hash,
    segmenter and versions, stopword lists, cleaning steps) goes into the
    file's metadata: a PNG text chunk ``tifa_provenance`` (JSON; read it with
    ``helpers.provenance.read_provenance``), the PDF/SVG ``Description``.

    Args:
        fig_or_ax: a Figure or an Axes.
        path: where to write.
        dpi: resolution for raster formats.
        caption: ``True`` adds a small grey line under the figure
            (``tifa 0.1.0 · lexicon 3f2a… (386 terms) · rjieba 0.1 · date``); a
            string adds that text instead. The line is removed after saving.
        provenance: a record to embed, ``True`` (default) for a fresh one, or
            ``False``/``None`` for none.

    Returns:
        The path written, as a ``Path``.

    Example:
        >>> import tempfile, os
        >>> ax = plot_top_terms({"发展": 3, "改革": 2})
        >>> out = save_figure(ax, os.path.join(tempfile.mkdtemp(), "top.png"), caption=True)
        >>> from helpers.provenance import read_provenance
        >>> "lexicon" in read_provenance(out)
        True
        >>> plt.close("all")
    """
    import json


    fig = fig_or_ax.figure if isinstance(fig_or_ax, Axes) else fig_or_ax
    fig = getattr(fig, "figure", fig)  # SubFigure -> Figure
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = None
    if provenance is True:
        record = current_provenance()
    elif isinstance(provenance, dict):
        record = provenance
    suffix = path.suffix.lower()
    meta = None
    if record is not None:
        blob = json.dumps(record, ensure_ascii=False)
        if suffix == ".png":
            meta = {"Software": f"tifa {record.get('tifa_version', '')}", "tifa_provenance": blob}
        elif suffix in (".pdf", ".svg"):
            meta = {"Creator": f"tifa {record.get('tifa_version', '')}"}
            meta["Subject" if suffix == ".pdf" else "Description"] = blob
    text = None
    if caption:
        words = caption if isinstance(caption, str) else provenance_caption(record)
        text = fig.text(0.99, 0.0, words, ha="right", va="top", fontsize=6.5, color="#777777",
                        transform=fig.transFigure)
    try:
        fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white", metadata=meta)
    finally:
        if text is not None:
            text.remove()
    return path
