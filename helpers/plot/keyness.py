"""Charts of where words stand out: keyness bars and lexical dispersion ("x-ray")."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from .glosses import label, labels
from .font import draws_chinese
from .labels import wrap_label
from .style import GRID, OKABE_ITO, new_axes, require_columns, text_for, title_for, value_label


@draws_chinese
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
        >>> import matplotlib.pyplot as plt
        >>> df = pd.DataFrame({"term": ["安全", "发展"], "G2": [12.0, -8.0], "log_ratio": [1.2, -0.9],
        ...                    "target_count": [30, 5], "reference_count": [8, 20]})
        >>> ax = plot_keyness(df)
        >>> len(ax.patches)
        2
        >>> plt.close("all")
    """
    require_columns(keyness_df, ["term", value], "plot_keyness")
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
    target_label = target_label or text_for("target", lang)
    reference_label = reference_label or text_for("reference", lang)
    colours = np.where(shown["_score"] > 0, OKABE_ITO[0], "#8c8c8c")
    ax = new_axes(ax, (7.5, max(3.0, 0.28 * len(shown) + 1.4)))
    y = np.arange(len(shown))
    ax.barh(y, shown["_score"], color=colours, height=0.72)
    span = float(shown["_score"].abs().max()) if len(shown) else 1.0
    offset = span * 0.015
    for yi, (term, s) in enumerate(zip(shown["term"], shown["_score"])):
        ax.text(s + (offset if s > 0 else -offset), yi, label(term, lang), va="center",
                ha="left" if s > 0 else "right", fontsize=9)
    ax.set_yticks([])
    ax.axvline(0, color="black", linewidth=0.8)
    left = -span * 1.35 if len(neg) else -span * 0.05
    right = span * 1.35 if len(pos) else span * 0.05
    ax.set_xlim(left, right)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.set_xlabel(value_label(value, lang))
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.xaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)
    ax.legend(handles=[Patch(color=OKABE_ITO[0], label=target_label),
                       Patch(color="#8c8c8c", label=reference_label)],
              loc="lower right", frameon=False, fontsize=9)
    ax.set_title(title if title is not None else text_for("keyness", lang))
    return ax


@draws_chinese
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
        >>> import matplotlib.pyplot as plt
        >>> df = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["改革", "改革", "改革"],
        ...                    "relative_position": [0.1, 0.5, 0.9]})
        >>> ax = plot_dispersion(df)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['a', 'b']
        >>> [t.get_text() for t in ax.texts]
        ['改革']
        >>> plt.close("all")
    """
    require_columns(disp, ["doc_id", "term", "relative_position"], "plot_dispersion")
    terms = list(terms) if terms is not None else list(pd.unique(disp["term"]))
    docs = list(docs) if docs is not None else list(pd.unique(disp["doc_id"]))
    rows = [(t, d) for t in terms for d in docs]
    label_in = max((len(str(d)) for d in docs), default=0) * 0.075
    ax = new_axes(ax, (6.5 + label_in, max(2.0, 0.3 * len(rows) + 1.3)))
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
        ax.text(1.015, middle, wrap_label(label(t, lang), 6 if lang == "zh" else 16), transform=ax.get_yaxis_transform(), color=colour,
                ha="left", va="center", fontsize=11)
        if k:
            ax.axhline(k * len(docs) - 0.5, color="#bbbbbb", linewidth=0.8)
    ax.set_xlim(0, 1)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel(text_for("position", lang))
    ax.tick_params(axis="y", length=0)
    ax.set_title(title if title is not None else title_for("dispersion", terms, lang))
    return ax
