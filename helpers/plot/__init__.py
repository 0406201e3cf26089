"""Draw charts of formulations with Chinese that renders everywhere.

Every chart function draws with the bundled font (Noto Sans CJK SC, SIL Open
Font License 1.1, see ``helpers/fonts/``), registered with matplotlib on first
use, so titles, tick labels and legends in Chinese never turn into boxes and
nothing is downloaded, whatever your ``matplotlib.rcParams``; importing
``helpers.plot`` leaves those settings alone. Every word cloud made here gets
``font_path=FONT_PATH``. To draw your own Chinese text with plain matplotlib,
call :func:`use_chinese_font` (it sets the font globally).

Every plotting function takes a tidy DataFrame (the outputs of
``helpers.textstat``), an optional ``ax=`` and returns the Axes it drew on;
the two that need several panels (:func:`plot_comparison_cloud`) return the
Figure. Titles and labels are Chinese by default; ``lang="en"`` gives English.
Colours are colour-blind safe: Okabe–Ito for categories, cividis/viridis for
continuous values.

The submodules, bottom layer first: ``font`` (the bundled font and the
``draws_chinese`` decorator), ``style`` (palette, texts, new axes, numbers),
``glosses`` (English names from the lexicon's gloss column), ``labels`` (label wrapping), ``timeline`` (the political calendar overlay);
then one module per kind of chart: ``terms``, ``slogans`` (heatmap), ``trends``, ``diffusion``,
``keyness``, ``regions``, ``panel`` (the province × year panel), ``reuse`` (text reuse); and ``save`` (``save_figure``).

Example:
    >>> import pandas as pd
    >>> import matplotlib.pyplot as plt
    >>> from helpers import plot
    >>> freqs = pd.DataFrame({"term": ["发展", "改革", "创新"], "count": [30, 20, 10]})
    >>> ax = plot.plot_top_terms(freqs, n=3)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['创新', '改革', '发展']
    >>> plt.close("all")
"""

from .diffusion import plot_adoption_lag, plot_diffusion, plot_region_year
from .font import FONT_FAMILY, FONT_PATH, font_path, use_chinese_font
from .keyness import plot_dispersion, plot_keyness
from .panel import plot_panel_heatmap, plot_tiles_by_year
from .regions import PROVINCE_TILES_CSV, plot_province_tiles, plot_region_comparison, province_tiles
from .reuse import plot_passage, plot_reuse_by_year, plot_reuse_heatmap, plot_reuse_tiles
from .save import save_figure
from .slogans import plot_slogan_heatmap
from .trends import plot_trends
from .style import OKABE_ITO
from .terms import make_wordcloud, plot_comparison_cloud, plot_top_terms, plot_wordcloud

__all__ = [
    "FONT_PATH", "FONT_FAMILY", "OKABE_ITO", "PROVINCE_TILES_CSV",
    "font_path", "use_chinese_font", "make_wordcloud", "province_tiles",
    "plot_top_terms", "plot_wordcloud", "plot_comparison_cloud",
    "plot_slogan_heatmap", "plot_trends", "plot_keyness", "plot_dispersion",
    "plot_region_comparison", "plot_province_tiles", "save_figure",
    "plot_diffusion", "plot_adoption_lag", "plot_region_year",
    "plot_reuse_heatmap", "plot_reuse_tiles", "plot_reuse_by_year", "plot_passage",
    "plot_panel_heatmap", "plot_tiles_by_year",
]
