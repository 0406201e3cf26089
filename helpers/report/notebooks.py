"""Reading notebooks: the numbered series, their titles, figures and font warnings."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Iterable

from .. import paths

__all__ = ["GLYPH_WARNING", "ANSI_ESCAPE", "find_notebooks", "notebook_title", "font_warnings", "extract_figures",
           "figure_captions"]

#: Matplotlib's warning when a character is not in the font: "Glyph 20013
#: (\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing from font(s) DejaVu Sans." (older
#: versions say "missing from current font").
GLYPH_WARNING = re.compile(r"Glyph\s+\d+[^\n]{0,120}?missing from[^\n]*", re.IGNORECASE)


#: an ANSI colour escape (in tracebacks)
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


_NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"



def find_notebooks(folder: str | os.PathLike | None = None) -> list[Path]:
    """Return the numbered notebooks (``NN-name.ipynb``) of a folder, sorted by name.

    Example:
        >>> [p.name for p in find_notebooks()][:1]  # doctest: +SKIP
        ['00-quickstart.ipynb']
    """
    folder = Path(folder) if folder is not None else paths.NOTEBOOKS_DIR
    return sorted(p for p in folder.glob(_NOTEBOOK_GLOB) if p.is_file())


def notebook_title(nb) -> str:
    """Return the first markdown heading of a notebook (without the ``#``), or ``""``.

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 提法 quickstart\\nText")])
        >>> notebook_title(nb)
        '提法 quickstart'
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            m = re.match(r"\s*#{1,6}\s+(.*\S)", line)
            if m:
                return m.group(1).strip()
    return ""


def _output_texts(output) -> Iterable[str]:
    """Yield every piece of text in one cell output (streams, errors, plain text)."""
    kind = output.get("output_type")
    if kind == "stream":
        yield output.get("text", "")
    elif kind == "error":
        yield f"{output.get('ename', '')}: {output.get('evalue', '')}"
        yield "\n".join(output.get("traceback", []))
    elif kind in {"display_data", "execute_result"}:
        data = output.get("data", {})
        for mime in ("text/plain", "text/html", "text/markdown"):
            if mime in data:
                value = data[mime]
                yield "".join(value) if isinstance(value, list) else value


def font_warnings(nb) -> list[tuple[int, str]]:
    """Return ``(cell_index, line)`` for every "Glyph ... missing from font" warning.

    Example:
        >>> import nbformat
        >>> cell = nbformat.v4.new_code_cell("plot()")
        >>> cell.outputs = [nbformat.v4.new_output("stream", name="stderr",
        ...     text="UserWarning: Glyph 20013 (\\\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing from font(s) DejaVu Sans.")]
        >>> font_warnings(nbformat.v4.new_notebook(cells=[cell]))[0][0]
        0
    """
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            for text in _output_texts(output):
                for match in GLYPH_WARNING.finditer(ANSI_ESCAPE.sub("", text)):
                    found.append((index, " ".join(match.group(0).split())))
    return found


def extract_figures(nb) -> list[bytes]:
    """Return the PNG bytes of every ``image/png`` output, in notebook order."""
    figures = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if output.get("output_type") in {"display_data", "execute_result"} else {}
            png = data.get("image/png")
            if png:
                if isinstance(png, list):
                    png = "".join(png)
                figures.append(base64.b64decode(png))
    return figures



def _first_sentence(markdown: str, limit: int = 160) -> str:
    """The first sentence of a markdown cell, without markup, cut at ``limit`` characters."""
    text = re.sub(r"`([^`]*)`", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^[#>*\-\s]+", "", text, flags=re.M)
    text = " ".join(text.replace("**", "").replace("*", "").split())
    match = re.match(r"(.+?[.!?。！？])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def figure_captions(nb) -> list[str]:
    """A caption for every figure of :func:`extract_figures`: what the markdown before its cell says.

    The first sentence of the nearest markdown cell above the code cell that
    drew the figure (the notebooks say *why* before each step), so the index
    tells what a figure shows, not only its file name.

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook(cells=[
        ...     nbformat.v4.new_markdown_cell("**Trends** of 改革开放 per year. Then more."),
        ...     nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        ...         "display_data", data={"image/png": "iVBORw0KGgo="})])])
        >>> figure_captions(nb)
        ['Trends of 改革开放 per year.']
    """
    captions, last_markdown = [], ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            last_markdown = _first_sentence(cell.source)
            continue
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if output.get("output_type") in {"display_data", "execute_result"} else {}
            if data.get("image/png"):
                captions.append(last_markdown)
    return captions
