"""Notebooks 03, 04 and 08 tell the panel's story (issue 13 §3): they use the bundled panel corpora and the
library's panel functions, never the five seed documents as evidence about regions."""

from __future__ import annotations

import nbformat

from helpers import paths


def _code(name: str) -> str:
    nb = nbformat.read(paths.NOTEBOOKS_DIR / name, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _markdown(name: str) -> str:
    nb = nbformat.read(paths.NOTEBOOKS_DIR / name, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_03_follows_the_national_reports_1954_2026_with_the_calendar_and_the_xi_era():
    code = _code("03-slogans-and-trends.ipynb")
    assert 'load_corpus("national")' in code and 'load_corpus("gwr")' not in code
    assert "load_calendar()" in code and "calendar=True" in code
    assert "abstract_years=[1964]" in code
    for term in ("全过程人民民主", "新质生产力", "高质量发展", "两个确立"):
        assert term in code
    assert "formulation_table(national)" in code  # first year against the first official use


def test_04_draws_the_31_province_panel_pooled_with_gaps_missing():
    code = _code("04-cross-region-comparison.ipynb")
    assert 'load_corpus("provinces")' in code
    assert "panel_rates(" in code and "periods=" in code  # pooled cells, number of reports in each
    assert "plot_panel_heatmap(" in code and "plot_tiles_by_year(" in code
    assert "rank_provinces(" in code  # leaders and laggards
    assert 'status"] == "missing"' in code  # the missing province-years are shown
    assert "missing.csv" in _markdown("04-cross-region-comparison.ipynb")


def test_08_measures_diffusion_against_the_centre_and_the_echo_of_the_national_report():
    code = _code("08-research-recipes.ipynb")
    for corpus in ("provinces", "national", "congress"):
        assert f'load_corpus("{corpus}")' in code
    assert "first_use(pd.concat([congress, national]" in code  # the centre's first official use
    assert "adoption_lag(provinces" in code and "reference=reference" in code
    assert "diffusion(provinces" in code and "plot_diffusion(" in code and "plot_adoption_lag(" in code
    assert "echo(pd.concat([local, national" in code
