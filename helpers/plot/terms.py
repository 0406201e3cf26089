"""Charts of single words: top-terms bars, word clouds, comparison clouds.

Every word cloud gets ``font_path=FONT_PATH``, the bundled CJK font.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .glosses import label, labels
from .font import FONT_PATH, draws_chinese
from .labels import wrap_label
from .style import GRID, OKABE_ITO, fmt_number, new_axes, require_columns, text_for, value_label


#: characters per line of an English label (a gloss such as "Xi Jinping Thought on Socialism with…" wraps)
ENGLISH_LABEL_WIDTH = 28


def _frequencies(freqs, value: str = "count", term: str = "term") -> dict[str, float]:
    """Turn a DataFrame (term, count), a Series or a mapping into {term: weight}."""
    if isinstance(freqs, pd.DataFrame):
        require_columns(freqs, [term, value], "plot_wordcloud")
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


@draws_chinese
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
        lang: ``"zh"`` (default) or ``"en"``: English texts, formulations
            named by their gloss (other words stay as they are).
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
    require_columns(freqs, ["term", value], "plot_top_terms")
    s = (freqs.groupby("term", sort=False)[value].sum()
         .sort_values(ascending=False, kind="stable").head(n))
    s = s.iloc[::-1]  # barh draws bottom-up: largest last = on top
    names = [wrap_label(name, ENGLISH_LABEL_WIDTH) if lang == "en" else name for name in labels(s.index, lang)]
    per_bar = 0.42 if any("\n" in name for name in names) else 0.32  # two-line glosses need the room
    ax = new_axes(ax, (7, max(2.5, per_bar * len(s) + 1.2)))
    bars = ax.barh(names, s.to_numpy(dtype=float), color=color, height=0.7)
    if show_values and len(s):
        ax.bar_label(bars, labels=[fmt_number(v) for v in s], padding=3, fontsize=8)
        ax.margins(x=0.1)
    if value == "count":  # counts are whole numbers: no tick at 0.25
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(value_label(value, lang))
    ax.set_title(title if title is not None else text_for("top_terms", lang, n=len(s)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)
    return ax


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
    # lazy: wordcloud (and its Pillow image stack) loads only when a cloud is drawn
    from wordcloud import WordCloud

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


@draws_chinese
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
    text_for("wordcloud", lang)  # validates lang
    wc = make_wordcloud(
        freqs, value=value, max_words=max_words, colormap=colormap, mask=mask,
        width=width, height=height, random_state=random_state, **kwargs,
    )
    ax = new_axes(ax, (8, 8 * height / width))
    ax.imshow(wc.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


@draws_chinese
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
        lang: ``"zh"`` or ``"en"`` (the title, and provinces named in English;
            the words of the clouds stay Chinese).
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
    require_columns(freqs, ["term", value, by], "plot_comparison_cloud")
    clouds = _group_words(freqs, by, value, distinctive, n)
    if not any(len(words) for _, words in clouds):
        raise ValueError("plot_comparison_cloud(): no words to draw: the table is empty, or every "
                         f"{value!r} is zero or missing.")
    groups = [g for g, _ in clouds]
    ncols = ncols or min(3, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(4.2 * ncols, 4.2 * nrows * height / width + 0.4 * nrows + 0.4),
                         layout="constrained")
    else:
        fig.clear()
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for i, ((g, words), ax) in enumerate(zip(clouds, axes.flat)):
        colour = OKABE_ITO[i % 7]  # skip yellow
        ax.set_title(label(g, lang), color=colour, fontsize=13)
        ax.set_axis_off()
        if len(words):
            wc = make_wordcloud(words.to_dict(), max_words=n, color=colour, width=width,
                                height=height, random_state=random_state)
            ax.imshow(wc.to_array(), interpolation="bilinear")
    for ax in axes.flat[len(groups):]:
        ax.remove()
    fig.suptitle(title if title is not None else text_for("comparison", lang, by=by), fontsize=14)
    return fig


def _group_words(freqs: pd.DataFrame, by: str, value: str, distinctive: bool,
                 n: int) -> list[tuple[object, pd.Series]]:
    """Return (group, its ``n`` words and weights) pairs, groups in order of first appearance.

    The words are the group's most frequent ones, or with ``distinctive`` the
    ones whose share in the group most exceeds their mean share (each word in
    one group only: the one where the excess is largest).
    """
    table = freqs.pivot_table(index="term", columns=by, values=value, aggfunc="sum",
                              fill_value=0, sort=False)
    groups = list(pd.unique(freqs[by]))
    table = table.reindex(columns=groups, fill_value=0)
    if distinctive:
        share = (table / table.sum(axis=0).replace(0, np.nan)).fillna(0.0)  # a group without words: 0
        dev = share.sub(share.mean(axis=1), axis=0)
        owner = dev.idxmax(axis=1)
    out = []
    for g in groups:
        if distinctive:
            words = dev.loc[owner == g, g]
            words = words[words > 0].sort_values(ascending=False).head(n)
        else:
            words = table[g][table[g] > 0].sort_values(ascending=False).head(n)
        out.append((g, words))
    return out
