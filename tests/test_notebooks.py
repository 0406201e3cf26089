"""Every notebook runs headless, is committed clean, and follows the house style.

The execution test uses the same helper as ``make report``
(:func:`helpers.report.execute_notebook`): a fresh kernel, no error allowed,
and a "Glyph ... missing from font" warning counts as an error.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import paths
from helpers.report import execute_notebook, find_notebooks

NOTEBOOKS = find_notebooks()
EXPECTED = [
    "00-quickstart.ipynb",
    "01-loading-and-cleaning.ipynb",
    "02-term-frequencies-and-wordclouds.ipynb",
    "03-slogans-and-trends.ipynb",
    "04-cross-region-comparison.ipynb",
    "05-keyness-and-concordance.ipynb",
    "06-bring-your-own-corpus.ipynb",
    "07-interactive-explorer.ipynb",
    "08-research-recipes.ipynb",
    "09-text-reuse.ipynb",
    "10-scaling-with-dask.ipynb",
]
# Each notebook should run in well under a minute; allow slack for slow CI machines.
MAX_SECONDS = 180

by_name = pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])


def _read(path):
    return nbformat.read(path, as_version=4)


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_all_notebooks_are_present():
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@by_name
def test_notebook_executes_without_error_or_missing_glyph(path):
    nb, seconds = execute_notebook(path, timeout=600)
    assert seconds < MAX_SECONDS, f"{path.name} took {seconds:.0f} s"
    # every code cell ran
    assert all(c.get("execution_count") for c in _code(nb) if c.source.strip())


@by_name
def test_notebook_is_committed_without_outputs(path):
    nb = _read(path)
    for index, cell in enumerate(_code(nb)):
        assert cell.outputs == [], f"{path.name}: code cell {index + 1} has outputs (run nbstripout)"
        assert cell.execution_count is None, f"{path.name}: code cell {index + 1} has an execution count"
    assert "widgets" not in nb.metadata, f"{path.name}: widget state saved in metadata"


@by_name
def test_first_cell_gives_title_question_and_learning_goals(path):
    first = _read(path).cells[0]
    assert first.cell_type == "markdown"
    assert re.match(r"#\s+\S", first.source), "the first line is a level-1 title"
    assert re.search(r"learning goals|学习目标", first.source, re.IGNORECASE)
    assert re.search(r"research question|研究问题", first.source, re.IGNORECASE)


@by_name
def test_second_cell_is_the_single_setup_cell(path):
    nb = _read(path)
    setup = nb.cells[1]
    assert setup.cell_type == "code"
    assert "import helpers" in setup.source
    later_imports = [
        c.source for c in _code(nb)[1:] if re.search(r"^\s*(import|from)\s+\w+", c.source, re.MULTILINE)
    ]
    assert later_imports == [], f"{path.name}: imports outside the setup cell"


@by_name
def test_notebook_ends_with_recap_and_exercises(path):
    markdown = [c.source for c in _read(path).cells if c.cell_type == "markdown"]
    tail = "\n".join(markdown[-2:])
    assert "In this notebook we" in tail
    assert re.search(r"Try it", tail)


@by_name
def test_code_cells_only_call_the_library(path):
    for index, cell in enumerate(_code(_read(path))):
        src = cell.source
        where = f"{path.name}: code cell {index + 1}"
        assert not re.search(r"^\s*[!%]\s*pip", src, re.MULTILINE), f"{where} installs packages"
        assert not re.search(r"^\s*(async\s+)?def\s|^\s*class\s", src, re.MULTILINE), f"{where} defines a function"
        assert str(paths.PROJECT_DIR) not in src and "/work/" not in src, f"{where} hard-codes a path"
        assert not re.search(r"['\"](\.\./)?data/", src), f"{where} hard-codes a data path (use helpers.paths)"
        assert len(src.splitlines()) <= 15, f"{where} is long: move the logic into helpers"


@by_name
def test_markdown_explains_every_code_cell(path):
    """A markdown cell says why before each step (consecutive code cells are allowed, in pairs)."""
    cells = _read(path).cells[2:]
    run = 0
    for cell in cells:
        run = run + 1 if cell.cell_type == "code" else 0
        assert run <= 2, f"{path.name}: three code cells in a row without explanation"
