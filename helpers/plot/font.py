"""The bundled CJK font, and drawing with it without touching the user's settings.

Every chart function is decorated with :func:`draws_chinese`: its body runs
under ``matplotlib.rc_context`` with the bundled font in ``font.family``, and
the texts of the Axes (or Figure) it returns get the font as a fallback, so
Chinese renders whatever the user's ``rcParams`` and ``matplotlib.rcParams``
is the same afterwards. :func:`use_chinese_font` sets the font globally, for
users who draw their own Chinese text with plain matplotlib.
"""

from __future__ import annotations

import functools
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.text import Text

from ..paths import FONTS_DIR

#: Path of the bundled CJK font (a ``str``, as ``WordCloud(font_path=...)`` wants).
FONT_PATH: str = str(FONTS_DIR / "NotoSansCJKsc-Regular.otf")
#: Family name matplotlib knows the bundled font by.
FONT_FAMILY = "Noto Sans CJK SC"
# Latin fallback for the few symbols Noto Sans CJK lacks.
_FALLBACK_FAMILY = "DejaVu Sans"


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
    """Make matplotlib draw Chinese with the bundled font, globally.

    Registers ``NotoSansCJKsc-Regular.otf`` with matplotlib, sets
    ``rcParams["font.family"]`` to ``["Noto Sans CJK SC", "DejaVu Sans"]``
    (Noto also covers Latin; DejaVu catches the odd symbol it lacks) and
    ``rcParams["axes.unicode_minus"] = False`` (the font's minus sign is the
    ASCII hyphen-minus). The chart functions of ``helpers.plot`` do not need
    it (each draws with the bundled font by itself); call it when you draw
    your own Chinese text with plain matplotlib, and again after
    ``plt.style.use(...)`` or ``matplotlib.rcdefaults()``.

    Example:
        >>> import matplotlib
        >>> from helpers.plot import use_chinese_font
        >>> with matplotlib.rc_context():
        ...     use_chinese_font()
        ...     matplotlib.rcParams["font.family"][0]
        'Noto Sans CJK SC'
    """
    family = _register_font()
    matplotlib.rcParams["font.family"] = [family, _FALLBACK_FAMILY]
    matplotlib.rcParams["axes.unicode_minus"] = False


def _families(params=None) -> list[str]:
    """The ``font.family`` of ``params`` (default: the current rcParams), as a list."""
    current = (matplotlib.rcParams if params is None else params)["font.family"]
    return [current] if isinstance(current, str) else list(current)


def chinese_rc() -> dict:
    """Return the rcParams a chart is drawn under: the user's, plus the bundled font.

    If ``font.family`` already names the bundled font nothing changes. If it is
    matplotlib's default, the font goes first (as :func:`use_chinese_font`
    sets it); if the user chose other fonts, the bundled one is appended as a
    fallback, so their Latin font stays and Chinese still renders.

    Example:
        >>> import matplotlib
        >>> with matplotlib.rc_context({"font.family": ["serif"]}):
        ...     chinese_rc()["font.family"]
        ['serif', 'Noto Sans CJK SC']
    """
    family = _register_font()
    current = _families()
    if family in current:
        return {}
    default = _families(matplotlib.rcParamsDefault)
    families = [family, _FALLBACK_FAMILY] if current == default else [*current, family]
    return {"font.family": families, "axes.unicode_minus": False}


def _add_font(artist: Axes | Figure | SubFigure, user: list[str], chart: list[str]) -> None:
    """Give every text of ``artist`` whose fonts lack the bundled one a font that has it.

    An Axes passed in with ``ax=`` was made under the user's settings: its
    title, axis labels and tick labels were created then, in the user's fonts
    (``user``). Those get the fonts the chart is drawn in (``chart``), like the
    texts the chart made itself; a text in any other font keeps it and gets the
    bundled font as a fallback. Tick labels made later, at draw time, copy the
    first tick's font, so they are covered too.
    """
    family = _register_font()
    for text in artist.findobj(Text):
        current = list(text.get_fontfamily())
        if family not in current:
            text.set_fontfamily(chart if current == user else [*current, family])


def draws_chinese(func):
    """Decorate a chart function so it draws Chinese with the bundled font.

    The body runs under ``matplotlib.rc_context(chinese_rc())`` (the user's
    ``rcParams`` are restored afterwards); the texts of the Axes or Figure it
    returns that were made before, in fonts without Chinese, get the bundled
    font too.

    Example:
        >>> import matplotlib
        >>> import matplotlib.pyplot as plt
        >>> @draws_chinese
        ... def title(text):
        ...     _, ax = plt.subplots()
        ...     ax.set_title(text)
        ...     return ax
        >>> with matplotlib.rc_context({"font.family": ["serif"]}):
        ...     title("提法").title.get_fontfamily(), matplotlib.rcParams["font.family"]
        (['serif', 'Noto Sans CJK SC'], ['serif'])
        >>> plt.close("all")
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        user = _families()
        with matplotlib.rc_context(chinese_rc()):
            out = func(*args, **kwargs)
            if isinstance(out, (Axes, Figure, SubFigure)):
                _add_font(out, user, _families())
            interactive = matplotlib.is_interactive()
        if interactive and not matplotlib.is_interactive():
            # the first chart started pyplot's backend inside the context, and Jupyter's inline
            # backend turned interactive mode on: leaving the context must not turn it off again,
            # or no later figure of the notebook would be shown
            matplotlib.interactive(True)
        return out

    return wrapper
