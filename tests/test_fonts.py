"""The bundled CJK font: shipped with its licence, covers the corpora, renders."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np
import pytest
from fontTools.ttLib import TTFont

from helpers.paths import FONTS_DIR, RAW_DIR

FONT_FILE = FONTS_DIR / "NotoSansCJKsc-Regular.otf"
RARE = "镕 彧 赟 犇 堃 淼 琛 昱"  # a premier's name and other rarer characters


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )


@pytest.fixture(scope="module")
def cmap() -> dict[int, str]:
    return TTFont(FONT_FILE, lazy=True).getBestCmap()


@pytest.fixture(scope="module")
def corpus_chars() -> set[str]:
    """Every character of data/raw/**/*.txt, as written and converted to simplified."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    files = sorted(RAW_DIR.rglob("*.txt"))
    assert files, f"no raw texts under {RAW_DIR}"
    chars: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        chars |= set(text)
        chars |= set(t2s.convert(text))
    return chars


def test_font_and_licence_are_shipped():
    assert FONT_FILE.is_file()
    assert 10_000_000 < FONT_FILE.stat().st_size < 40_000_000
    licence = (FONTS_DIR / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Adobe" in licence
    readme = (FONTS_DIR / "README.md").read_text(encoding="utf-8")
    assert "fonts-noto-cjk" in readme and "2.004" in readme


def test_font_is_the_simplified_chinese_face():
    name = TTFont(FONT_FILE, lazy=True)["name"]
    assert name.getDebugName(1) == "Noto Sans CJK SC"
    assert "Open Font License" in (name.getDebugName(13) or "")


def test_font_covers_every_han_character_in_the_corpora(cmap, corpus_chars):
    han = {c for c in corpus_chars if is_han(c)}
    assert len(han) > 2000
    missing = sorted(c for c in han if ord(c) not in cmap)
    assert not missing, f"font lacks {len(missing)} Han characters: {''.join(missing[:50])}"


def test_font_covers_every_printable_character_in_the_corpora(cmap, corpus_chars):
    missing = sorted(c for c in corpus_chars if c.isprintable() and not c.isspace()
                     and ord(c) not in cmap)
    assert not missing, f"font lacks {[hex(ord(c)) for c in missing]}"


def test_font_covers_gb2312_and_big5_han(cmap):
    gb = {bytes([hi, lo]).decode("gb2312", errors="ignore")
          for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)} - {""}
    big5 = {bytes([hi, lo]).decode("big5", errors="ignore")
            for hi in range(0xA4, 0xFA) for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]} - {""}
    assert len(gb) > 6700 and len(big5) > 13000
    assert all(ord(c) in cmap for c in gb | big5)


def test_matplotlib_renders_chinese_without_missing_glyphs(corpus_chars):
    import matplotlib.pyplot as plt

    from helpers import plot

    rare_from_corpus = "".join(sorted(c for c in corpus_chars if is_han(c))[-20:])
    # plain matplotlib draws Chinese once the user asks for the font (importing helpers.plot no longer does it)
    with plt.rc_context(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plot.use_chinese_font()
        fig, ax = plt.subplots()
        ax.set_title("两个确立 · 两个维护 − 2024")
        ax.set_xlabel(RARE)
        ax.set_ylabel(rare_from_corpus)
        ax.plot([-1, 0, 1], [0, 1, 0])  # negative tick labels: unicode minus is off
        fig.canvas.draw()
        plt.close(fig)
        assert plot.FONT_FAMILY in plt.rcParams["font.family"]
    glyph = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert not glyph, glyph


def test_use_chinese_font_restores_after_style_change():
    import matplotlib
    import matplotlib.pyplot as plt

    from helpers import plot

    with matplotlib.rc_context():
        plt.style.use("default")  # resets font.family to sans-serif
        assert plot.FONT_FAMILY not in matplotlib.rcParams["font.family"]
        plot.use_chinese_font()
        assert matplotlib.rcParams["font.family"][0] == plot.FONT_FAMILY
        assert matplotlib.rcParams["axes.unicode_minus"] is False
        plt.style.use("default")
        # the plotting functions draw Chinese by themselves, and leave the user's settings as they were
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax = plot.plot_top_terms({"两个确立": 3, "高质量发展": 2})
            ax.figure.canvas.draw()
        assert plot.FONT_FAMILY not in matplotlib.rcParams["font.family"]
        plt.close("all")


def test_font_path_is_the_shipped_file():
    from helpers import plot

    assert Path(plot.FONT_PATH) == FONT_FILE
    assert plot.font_path() == plot.FONT_PATH


def test_wordcloud_draws_chinese_glyphs():
    from PIL import Image, ImageDraw, ImageFont

    from helpers import plot

    words = {"两个确立": 50, "高质量发展": 40, "新质生产力": 30, "共同富裕": 20, "朱镕基": 10}
    wc = plot.make_wordcloud(words, width=400, height=250)
    placed = {w for (w, _), *_ in wc.layout_}
    assert placed == set(words)
    img = wc.to_array()
    assert img.shape == (250, 400, 3)
    ink = (img < 200).any(axis=2).mean()  # share of non-white pixels
    assert ink > 0.05

    # Each word is drawn with real glyphs, not the font's empty .notdef box:
    # rendering a Han character gives a different bitmap from an unassigned code point.
    font = ImageFont.truetype(plot.FONT_PATH, 48)

    def bitmap(text: str) -> np.ndarray:
        im = Image.new("L", (60 * len(text), 64), 255)
        ImageDraw.Draw(im).text((0, 0), text, font=font, fill=0)
        return np.asarray(im)

    notdef = bitmap("\U000E0FFF")
    for ch in "两确立镕":
        assert not np.array_equal(bitmap(ch), notdef)
        assert (bitmap(ch) < 128).sum() > 50


def test_wordcloud_uses_the_bundled_font_by_default():
    from helpers import plot

    wc = plot.make_wordcloud({"发展": 3}, width=100, height=80)
    assert wc.font_path == plot.FONT_PATH
