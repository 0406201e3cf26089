"""Tests for helpers.report: headless execution, HTML, figures, index, cleaning report."""

from __future__ import annotations

import sys

import nbformat
import pandas as pd
import pytest

from helpers import paths
from helpers.report import (
    NotebookError,
    ReportError,
    build_report,
    execute_notebook,
    find_notebooks,
    font_warnings,
    notebook_title,
)

v4 = nbformat.v4


def _write(path, *cells):
    nb = v4.new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture
def tiny(tmp_path):
    """A notebook with a Chinese title, a print and one figure."""
    return _write(
        tmp_path / "01-tiny.ipynb",
        v4.new_markdown_cell("# 小测试 A tiny notebook\n\nLearning goals: none."),
        v4.new_code_cell("import os, sys\nprint(sys.executable)\nprint(os.getcwd())"),
        v4.new_code_cell(
            "import matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots(figsize=(3, 2))\n"
            "ax.plot([1, 3, 2])\n"
            "ax.set_title('tiny')"
        ),
    )


def test_build_report_writes_html_figures_and_index(tiny, tmp_path, monkeypatch):
    # CI exports MPLBACKEND=Agg; the kernel must still capture the figure.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    before = tiny.read_bytes()
    out = tmp_path / "out"

    index = build_report([tiny], out_dir=out)

    assert index == out / "index.html"
    page = (out / "01-tiny.html").read_text(encoding="utf-8")
    assert "小测试" in page
    assert "data:image/png;base64" in page  # the figure is embedded
    figure = out / "figures" / "01-tiny_fig1.png"
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (out / "figures" / "01-tiny_fig2.png").exists()
    index_html = index.read_text(encoding="utf-8")
    assert 'href="01-tiny.html"' in index_html
    assert "figures/01-tiny_fig1.png" in index_html
    assert "小测试 A tiny notebook" in index_html
    assert "cleaning_report.csv" in index_html
    assert (out / "cleaning_report.csv").exists()
    # the notebook on disk is not modified
    assert tiny.read_bytes() == before


def test_kernel_is_this_python_in_the_notebook_folder(tiny):
    nb, seconds = execute_notebook(tiny)
    printed = nb.cells[1].outputs[0]["text"].splitlines()
    assert printed[0] == sys.executable
    assert printed[1] == str(tiny.parent.resolve())
    assert seconds > 0


def test_cleaning_report_is_written_without_notebooks(tmp_path):
    index = build_report([], out_dir=tmp_path)
    table = pd.read_csv(tmp_path / "cleaning_report.csv")
    assert list(table.columns[:5]) == ["doc_id", "step", "changes", "chars_before", "chars_after"]
    docs = set(table["doc_id"])
    assert "2024-04-25_chongqing_meeting-readout" in docs  # a seed
    assert "gwr-1954" in docs  # a national report
    html = index.read_text(encoding="utf-8")
    assert "Cleaning report" in html
    assert "2024-04-25_chongqing_meeting-readout" in html
    assert "No notebooks were found" in html


def test_failing_notebook_raises_with_its_name_and_cell(tmp_path):
    good = _write(tmp_path / "01-good.ipynb", v4.new_markdown_cell("# Good"), v4.new_code_cell("x = 1"))
    bad = _write(
        tmp_path / "02-broken.ipynb",
        v4.new_markdown_cell("# Broken"),
        v4.new_code_cell("y = 2"),
        v4.new_code_cell("1 / 0"),
    )
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="02-broken.ipynb") as info:
        build_report([good, bad], out_dir=out)
    message = str(info.value)
    assert "ZeroDivisionError" in message
    assert "cell 3" in message
    assert "01-good" not in message
    # everything that could be written was written
    assert (out / "01-good.html").exists()
    assert (out / "02-broken.html").exists()
    assert "failed" in (out / "index.html").read_text(encoding="utf-8")


def test_missing_glyph_is_an_error(tmp_path):
    nb = _write(
        tmp_path / "03-boxes.ipynb",
        v4.new_markdown_cell("# Boxes"),
        v4.new_code_cell(
            "import matplotlib.pyplot as plt\n"
            "plt.rcParams['font.family'] = ['DejaVu Sans']\n"
            "fig, ax = plt.subplots()\n"
            "ax.set_title('全过程人民民主')"
        ),
    )
    with pytest.raises(NotebookError, match="missing from font") as info:
        execute_notebook(nb)
    assert "03-boxes.ipynb" in str(info.value)
    assert info.value.cell_index == 1


def test_font_warnings_finds_stderr_lines():
    cell = v4.new_code_cell("plot()")
    cell.outputs = [
        v4.new_output("stream", name="stdout", text="fine\n"),
        v4.new_output(
            "stream",
            name="stderr",
            text="/x/backend_agg.py:211: UserWarning: Glyph 20013 (\\N{CJK UNIFIED IDEOGRAPH-4E2D}) "
            "missing from font(s) DejaVu Sans.\n  font.set_text(s, 0, flags=flags)\n",
        ),
    ]
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# t"), cell])
    found = font_warnings(nb)
    assert len(found) == 1
    assert found[0][0] == 1
    assert "DejaVu Sans" in found[0][1]
    assert font_warnings(v4.new_notebook(cells=[v4.new_code_cell("x")])) == []


def test_notebook_title_is_first_heading():
    nb = v4.new_notebook(cells=[
        v4.new_code_cell("# a comment, not a title"),
        v4.new_markdown_cell("Some text\n\n## 提法 and trends\nmore"),
        v4.new_markdown_cell("# Later"),
    ])
    assert notebook_title(nb) == "提法 and trends"
    assert notebook_title(v4.new_notebook()) == ""


def test_find_notebooks_only_numbered_and_sorted(tmp_path):
    for name in ["10-b.ipynb", "02-a.ipynb", "scratch.ipynb", "Untitled.ipynb"]:
        _write(tmp_path / name, v4.new_markdown_cell("# x"))
    assert [p.name for p in find_notebooks(tmp_path)] == ["02-a.ipynb", "10-b.ipynb"]
    assert all(p.parent == paths.NOTEBOOKS_DIR for p in find_notebooks())


def test_every_chart_of_a_notebook_is_shown(tmp_path):
    """Each cell's chart reaches the notebook, not only the first one (the charts draw under rc_context)."""
    from helpers.report import extract_figures

    nb_path = _write(
        tmp_path / "02-charts.ipynb",
        v4.new_code_cell("from helpers import plot\nplot.plot_top_terms({'两个确立': 3, '高质量发展': 2});"),
        v4.new_code_cell("plot.plot_top_terms({'全过程人民民主': 4, '新质生产力': 1});"),
        v4.new_code_cell("plot.plot_top_terms({'改革开放': 2});"),
    )
    nb, _ = execute_notebook(nb_path, timeout=120)
    assert len(extract_figures(nb)) == 3
