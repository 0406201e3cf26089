"""Pages that render Chinese anywhere: the bundled font, subset to the page's characters, embedded.

A report page read on a machine without a CJK system font would show every
Chinese string as boxes (the PNGs are fine: matplotlib draws them with the
bundled font). :func:`embed_font` puts a subset of the bundled Noto Sans CJK
SC, holding only the characters the page uses, into the page as a base64
``@font-face`` (WOFF2 when the ``brotli`` module is installed, else WOFF),
restricted with ``unicode-range`` to CJK, so Latin text keeps the reader's
own fonts, and puts it first in every font stack of the page (nbconvert's
JupyterLab variables, ``body``, ``pre``, tables).
"""

from __future__ import annotations

import base64
import io
import re

from ..paths import FONTS_DIR

__all__ = ["EMBEDDED_FAMILY", "CJK_RANGES", "page_characters", "font_subset", "embed_font"]

#: Family name of the embedded subset.
EMBEDDED_FAMILY = "tifa CJK"
#: Code points the embedded font is used for (CJK, its punctuation and full-width forms).
CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),
              (0xFF00, 0xFFEF), (0x20000, 0x2FA1F))
_FONT = FONTS_DIR / "NotoSansCJKsc-Regular.otf"
_DATA_URI = re.compile(r"data:[^\"')\s]+")


def _is_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def page_characters(page: str) -> set[int]:
    """The CJK code points of ``page`` (embedded images and other data: URIs left out).

    Example:
        >>> sorted(chr(c) for c in page_characters('<p>提法 tifa，<img src="data:image/png;base64,AAAA"></p>'))
        ['提', '法', '，']
    """
    return {ord(ch) for ch in set(_DATA_URI.sub("", page)) if _is_cjk(ord(ch))}


def _has_brotli() -> bool:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


def font_subset(codepoints: set[int]) -> tuple[bytes, str]:
    """Subset the bundled font to ``codepoints``; return ``(font bytes, "woff2" or "woff")``.

    Example:
        >>> data, flavor = font_subset({ord("提"), ord("法")})
        >>> flavor in ("woff2", "woff") and len(data) < 20_000
        True
    """
    from fontTools import subset  # lazy: only the report embeds fonts

    flavor = "woff2" if _has_brotli() else "woff"
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]  # vertical forms, full-width punctuation
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue(), flavor


def _unicode_range() -> str:
    return ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in CJK_RANGES)


def _font_css(data: bytes, flavor: str) -> str:
    """The @font-face rule with the subset inline, and the font first in every stack of the page."""
    b64 = base64.b64encode(data).decode("ascii")
    fam = f'"{EMBEDDED_FAMILY}"'
    sans = f'{fam}, system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif'
    mono = f'{fam}, Menlo, Consolas, "DejaVu Sans Mono", monospace'
    return (
        f"@font-face {{ font-family: {fam}; font-style: normal; font-weight: 100 900; "
        f"src: url(data:font/{flavor};base64,{b64}) format(\"{flavor}\"); "
        f"unicode-range: {_unicode_range()}; }}\n"
        f":root {{ --jp-content-font-family: {sans}; --jp-ui-font-family: {sans}; "
        f"--jp-code-font-family: {mono}; }}\n"
        f"body, table, th, td, input, button, select, textarea, h1, h2, h3, h4, p, li {{ font-family: {sans}; }}\n"
        f"pre, code, kbd, samp {{ font-family: {mono}; }}\n"
    )


def embed_font(page: str) -> str:
    """Return ``page`` (an HTML document) with a subset of the bundled font embedded.

    A page without Chinese is returned unchanged. The style goes at the end
    of ``<head>`` (after the page's own styles, so its font stacks win).

    Example:
        >>> page = embed_font("<html><head></head><body>提法</body></html>")
        >>> "@font-face" in page and "unicode-range" in page
        True
        >>> embed_font("<html><head></head><body>tifa</body></html>")
        '<html><head></head><body>tifa</body></html>'
    """
    codepoints = page_characters(page)
    if not codepoints:
        return page
    data, flavor = font_subset(codepoints)
    style = f'<style id="tifa-embedded-font">\n{_font_css(data, flavor)}</style>\n'
    head_end = page.lower().rfind("</head>")
    if head_end < 0:
        return style + page
    return page[:head_end] + style + page[head_end:]
