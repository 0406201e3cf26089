"""Report pages render Chinese without a CJK system font (issue 16): the embedded subset, and a real browser."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from helpers.report.fonts import EMBEDDED_FAMILY, embed_font, page_characters
from helpers.report.pages import NotebookRun, index_html

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ font-family: sans-serif; font-size: 40px; margin: 10px; }}</style></head>
<body><table><tr><td>{text}</td></tr></table></body></html>"""


def embedded_font(page: str) -> TTFont:
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    return TTFont(io.BytesIO(base64.b64decode(data)))


def test_a_page_gets_a_subset_with_every_chinese_character_it_uses():
    page = embed_font(PAGE.format(text="全过程人民民主，改革开放（摘要）"))
    assert f'font-family: "{EMBEDDED_FAMILY}"' in page and "unicode-range" in page
    cmap = embedded_font(page).getBestCmap()
    assert page_characters(page) <= set(cmap)
    assert len(cmap) < 200  # a subset, not the 65,000-glyph font
    # the font comes after the page's own styles, first in its stacks
    assert page.index("tifa-embedded-font") > page.index("font-size: 40px")


def test_the_index_page_embeds_the_font_and_captions_figures(tmp_path):
    fig = tmp_path / "figures" / "03_fig1.png"
    fig.parent.mkdir()
    fig.write_bytes(b"")
    run = NotebookRun(path=tmp_path / "03-x.ipynb", title="提法", figures=[fig],
                      captions=["“改革开放”的年度变化."])
    page = embed_font(index_html([run], None, None, tmp_path))
    assert "<figcaption>“改革开放”的年度变化." in page
    assert set(map(ord, "改革开放")) <= set(embedded_font(page).getBestCmap())
    assert 'class="table-wrap"' in page or "cleaner made no changes" in page


def _no_cjk_fontconfig(tmp_path: Path) -> dict:
    """Environment for a browser that sees only DejaVu (or no font at all): no CJK system font."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    dirs = f"<dir>{dejavu}</dir>" if dejavu.is_dir() else ""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<dir>{fonts}</dir>{dirs}<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
                    encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path)}


def screenshot(html: str, out: Path, env: dict) -> Image.Image:
    src = out.with_suffix(".html")
    src.write_text(html, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={out.parent / 'profile'}", "--window-size=700,200", "--virtual-time-budget=5000",
                    f"--screenshot={out}", src.as_uri()],
                   env=env, capture_output=True, timeout=90, check=False)
    assert out.exists(), f"chromium wrote no screenshot {out}"
    return Image.open(out).convert("L")


def _differ(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a, b).getbbox() is not None


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_chromium_without_cjk_fonts_renders_the_embedded_font(tmp_path):
    env = _no_cjk_fontconfig(tmp_path)
    plain = [screenshot(PAGE.format(text=t), tmp_path / f"plain{i}.png", env)
             for i, t in enumerate(("提法改革", "民主开放"))]
    if _differ(*plain):
        pytest.skip("this browser still finds a CJK font (its fontconfig is not isolated)")
    # without the embedded font, two different Chinese strings are the same row of boxes
    embedded = [screenshot(embed_font(PAGE.format(text=t)), tmp_path / f"font{i}.png", env)
                for i, t in enumerate(("提法改革", "民主开放"))]
    assert _differ(*embedded), "the embedded font drew no glyphs: both strings look the same"
    assert _differ(embedded[0], plain[0])
