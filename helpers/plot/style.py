"""The house style of the charts: palette, markers, the shared texts, new axes, numbers.

Titles and labels are Chinese by default, English with ``lang="en"``
(:func:`text_for`). Colours are colour-blind safe: Okabe–Ito for categories,
cividis/viridis for continuous values.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

from .glosses import check_lang, name_terms

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
#: Marker per series, in the order of :data:`OKABE_ITO`.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Fill of a cell or tile without data.
NO_DATA = "#e6e6e6"
#: Colour of grid lines.
GRID = "#e5e5e5"

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
    "trends_of": ("{terms}的年度变化", "{terms} over time"),
    "region_cmp_of": ("{terms}：各地区比较", "{terms} across regions"),
    "dispersion_of": ("{terms}在文件中的分布", "{terms}: where in each document"),
    "diffusion": ("提法的扩散", "Diffusion of formulations"),
    "diffusion_of": ("{terms}的扩散", "Diffusion of {terms}"),
    "heatmap_of": ("{terms}：各{index}", "{terms} by {index}"),
    "year": ("年份", "Year"),
    "n_docs": ("文件数", "Docs"),
    "no_docs": ("无文件年份", "No documents"),
    "abstract": ("仅存摘要", "Abstract only"),
    "never_used": ("{term}（各年均为 0）", "{term} (0 in every year)"),
    "keyness": ("关键词对比", "Keyness"),
    "target": ("目标", "Target"),
    "reference": ("参照", "Reference"),
    "dispersion": ("词语分布（X 光图）", "Lexical dispersion"),
    "position": ("在文件中的相对位置", "Relative position in document"),
    "region_cmp": ("各地区比较", "Comparison across regions"),
    "province": ("省份", "Province"),
    "tiles": ("各省分布", "By province"),
    "no_data": ("无数据", "No data"),
    "reuse_share": ("复用比例（占目标文件汉字）", "Share of the target's Han characters reused"),
    "reuse_heatmap": ("复用{source}的比例：省份 × 年份", "Share reused from {source}: province × year"),
    "reuse_tiles": ("各省复用{source}的比例", "Share reused from {source}, by province"),
    "reuse_by_year": ("各省报告复用{source}的比例（逐年）", "Share reused from {source}, year by year"),
    "reuse_stat": ("复用比例（{stat}，占目标文件汉字）", "Share of the target's Han characters reused ({stat})"),
    "reuse_caption": ("每点：当年各目标文件复用比例的{stat}（每年 {n} 份文件）",
                      "Each point: the {stat} of the year's targets ({n} documents a year)"),
    "median": ("中位数", "median"),
    "mean": ("平均数", "mean"),
    "min": ("最小值", "minimum"),
    "max": ("最大值", "maximum"),
    "passage_target": ("目标：{doc}", "Target: {doc}"),
    "passage_source": ("来源：{doc}", "Source: {doc}"),
}


def text_for(key: str, lang: str, **fmt) -> str:
    """Return the chart text ``key`` in ``lang`` (``"zh"`` or ``"en"``), formatted.

    Example:
        >>> text_for("top_terms", "zh", n=5), text_for("top_terms", "en", n=5)
        ('高频词（前5）', 'Top 5 terms')
    """
    check_lang(lang)
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**fmt)


def title_for(key: str, terms, lang: str, **fmt) -> str:
    """The default title: ``key + "_of"`` naming ``terms`` when there are at most three, else ``key``.

    Example:
        >>> title_for("trends", ["改革开放"], "zh"), title_for("trends", ["改革开放"], "en")
        ('“改革开放”的年度变化', 'Reform and opening up over time')
        >>> title_for("trends", list("甲乙丙丁"), "en")
        'Formulations over time'
    """
    named = name_terms(list(terms), check_lang(lang))
    if not named:
        return text_for(key, lang, **fmt)
    text = text_for(key + "_of", lang, terms=named, **fmt)
    return text[0].upper() + text[1:] if lang == "en" else text


def value_label(value: str, lang: str) -> str:
    """Name a value column (``count``, ``rate_per_10k``…) for an axis; other names as they are."""
    return text_for(value, lang) if value in _TEXT else value


def require_columns(df: pd.DataFrame, columns: Iterable[str], func: str) -> None:
    """Raise a helpful error unless ``df`` is a DataFrame with ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}() needs a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{func}() needs the column(s) {missing}; the DataFrame has "
            f"{list(df.columns)}. Pass the output of the matching helpers.textstat "
            "function, or rename your columns."
        )


def new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """Return ``ax``, or the Axes of a new constrained-layout figure of ``figsize``."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def fmt_number(x: float) -> str:
    """Format a value for a bar or cell label: 1,234 · 123 · 12.3 · 1.25 · "" for NaN.

    Example:
        >>> [fmt_number(x) for x in (1234.0, 12.34, 0.5, float("nan"))]
        ['1,234', '12.3', '0.5', '']
    """
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


def text_color(rgba) -> str:
    """Black or white, whichever reads better on the fill ``rgba``."""
    r, g, b = to_rgb(rgba)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.5 else "white"


def line_style(i: int) -> dict:
    """Colour, marker and dash pattern of the ``i``-th line."""
    return {
        "color": OKABE_ITO[i % len(OKABE_ITO)],
        "marker": MARKERS[i % len(MARKERS)],
        "linestyle": ("-", "--", ":", "-.")[(i // len(OKABE_ITO)) % 4],
    }
