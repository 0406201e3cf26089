"""Build the HTML report: run every notebook headless and collect the results.

``make report`` (``python -m helpers report``) calls :func:`build_report`, which

1. writes the cleaning report of the bundled corpus to
   ``reports/cleaning_report.csv`` (this works even when there is no notebook);
2. executes every ``notebooks/NN-*.ipynb`` from a clean kernel (a copy in
   memory: the files on disk are never modified), failing on the first error
   in each notebook and on any "Glyph ... missing from font" warning (a box
   instead of a Chinese character is a bug, not a cosmetic issue);
3. writes ``reports/NN-name.html`` (images embedded), every figure as
   ``reports/figures/NN-name_figK.png`` and ``reports/index.html``, which links
   every report and figure and shows the cleaning summary.

If a notebook fails, the other notebooks are still run and the index is still
written; :class:`ReportError` is raised at the end naming each failing
notebook and cell.

Example:
    >>> from helpers.report import build_report
    >>> index = build_report()                       # doctest: +SKIP
    [1/8] 00-quickstart.ipynb ... ok (6.1 s, 1 figure)
"""

from __future__ import annotations

from .build import ReportError, build_report
from .execute import NotebookError, execute_notebook
from .notebooks import GLYPH_WARNING, extract_figures, find_notebooks, font_warnings, notebook_title
from .pages import write_cleaning_report

__all__ = [
    "build_report",
    "execute_notebook",
    "find_notebooks",
    "font_warnings",
    "notebook_title",
    "extract_figures",
    "write_cleaning_report",
    "NotebookError",
    "ReportError",
    "GLYPH_WARNING",
]
