"""The province × year panel (issue 13 §3): pooled rates, missing reports kept missing, leaders and laggards,
and its charts (heatmap with hatched gaps and the number of reports, tile maps on one scale)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import plot
from helpers.research import panel_rates, period_labels, rank_provinces, read_missing


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _corpus():
    return pd.DataFrame({
        "doc_id": ["a20", "a22", "b20", "b21", "b22"],
        "province": ["甲省", "甲省", "乙省", "乙省", "乙省"],
        "year": [2020, 2022, 2020, 2021, 2022],
        "text": ["两个确立" + "经" * 96, "两个确立" * 3 + "经" * 88,
                 "发展" * 50, "两个确立" + "经" * 996, "经" * 100],
    })


GAPS = pd.DataFrame({"province": ["甲省", "甲省"], "year": [2021, 1990]})


def test_missing_province_year_is_missing_not_zero():
    out = panel_rates(_corpus(), "两个确立", missing=GAPS, lexicon=[])
    row = out[(out["province"] == "甲省") & (out["year"] == 2021)].iloc[0]
    assert row["status"] == "missing" and row["n_docs"] == 0
    assert pd.isna(row["count"]) and np.isnan(row["rate_per_10k"])
    # a documented gap outside the corpus's years is not a row of this panel
    assert 1990 not in set(out["year"])
    # a reported zero stays a zero
    zero = out[(out["province"] == "乙省") & (out["year"] == 2022)].iloc[0]
    assert zero["count"] == 0 and zero["rate_per_10k"] == 0 and zero["status"] == "reported"


def test_periods_pool_counts_over_characters_and_count_reports_and_gaps():
    out = panel_rates(_corpus(), "两个确立", periods=[2020], missing=GAPS, lexicon=[])
    b = out[out["province"] == "乙省"].iloc[0]
    # 1 mention in 1,000 characters + 0 in 100 + 0 in 100: pooled 1 / 1,200, not the mean of the rates
    assert b["period"] == "2020–2022" and b["n_docs"] == 3 and b["count"] == 1
    assert b["rate_per_10k"] == pytest.approx(10_000 / (100 + 1000 + 100))
    a = out[out["province"] == "甲省"].iloc[0]
    assert a["n_docs"] == 2 and a["n_missing"] == 1 and a["count"] == 4


def test_bundled_gaps_are_used_for_the_bundled_panel():
    gaps = read_missing()
    province, year = gaps.iloc[0]
    corpus = pd.DataFrame({"doc_id": ["x"], "province": [province], "year": [year - 1], "corpus": ["provinces"],
                           "text": ["两个确立"]})
    corpus = pd.concat([corpus, corpus.assign(doc_id="y", year=year + 1)], ignore_index=True)
    out = panel_rates(corpus, "两个确立", lexicon=[])
    assert out.loc[out["year"] == year, "status"].tolist() == ["missing"]
    assert panel_rates(corpus, "两个确立", lexicon=[], missing=False)["status"].eq("reported").all()


def test_period_labels_cover_years_before_the_first_start():
    assert period_labels(pd.Series([1979, 2003, 2026]), [2003, 2023]).tolist() == [
        "1979–2002", "2003–2022", "2023–2026"]


def test_rank_provinces_pools_and_names_leaders_first():
    table = panel_rates(_corpus(), "两个确立", missing=GAPS, lexicon=[])
    ranks = rank_provinces(table)
    assert ranks["province"].tolist() == ["甲省", "乙省"]
    lead = ranks.iloc[0]
    assert lead["count"] == 4 and lead["n_docs"] == 2 and lead["n_missing"] == 1
    assert lead["rate_per_10k"] == pytest.approx(4 / 200 * 10_000)
    assert lead["ratio_to_all"] == pytest.approx((4 / 200) / (5 / 1400))
    with pytest.raises(ValueError, match="term="):
        rank_provinces(panel_rates(_corpus(), ["两个确立", "发展"], missing=False, lexicon=[]))


def test_heatmap_hatches_missing_cells_and_sorts_leaders_on_top():
    table = panel_rates(_corpus(), "两个确立", missing=GAPS, lexicon=[])
    ax = plot.plot_panel_heatmap(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲省", "乙省"]
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_xy() == (0.5, -0.5)  # 甲省 2021
    data = ax.images[0].get_array()
    assert data.mask[0, 1] and not data.mask[1, 2] and data[1, 2] == 0  # missing ≠ zero


def test_heatmap_of_periods_writes_the_number_of_reports_in_each_cell():
    table = panel_rates(_corpus(), "两个确立", periods=[2020], missing=GAPS, lexicon=[])
    ax = plot.plot_panel_heatmap(table)
    assert sorted(t.get_text() for t in ax.texts) == ["2", "3"]
    assert "报告份数" in ax.get_xlabel()


def test_tiles_by_year_share_one_colour_scale_and_show_reports():
    table = panel_rates(_corpus().assign(province=["四川省", "四川省", "重庆市", "重庆市", "重庆市"]),
                        "两个确立", missing=False, lexicon=[])
    fig = plot.plot_tiles_by_year(table, groups=[2020, 2022])
    maps = [ax for ax in fig.axes if ax.get_title() in ("2020", "2022")]
    assert len(maps) == 2
    faces = [{p.get_label(): p.get_facecolor() for p in ax.patches} for ax in maps]
    # 四川 2022 (the largest value) is the top of the one scale; 四川 2020 is paler in the same scale
    top = matplotlib.colormaps["cividis"](1.0)
    assert np.allclose(faces[1]["四川省"], top) and not np.allclose(faces[0]["四川省"], top)
    assert "1" in [t.get_text() for t in maps[0].texts]  # one report behind the tile


def test_plot_diffusion_of_more_than_three_terms_has_a_title():
    curves = pd.DataFrame({"term": list("甲乙丙丁"), "date": pd.to_datetime(["2020-01-01"] * 4),
                           "year": [2020] * 4, "new_groups": ["x"] * 4, "n_new": [1] * 4,
                           "n_adopted": [1] * 4, "n_groups": [1] * 4, "share": [1.0] * 4})
    ax = plot.plot_diffusion(curves)
    assert ax.get_title() == "提法的扩散"


def test_panel_names_are_exported():
    assert helpers.panel_rates is panel_rates and helpers.rank_provinces is rank_provinces


def _overflowing_names(fig):
    """The tile texts wider than their tile, as drawn (window extents)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        tiles = {p.get_label(): p for p in ax.patches if p.get_label() and not p.get_hatch()}
        width = min((p.get_window_extent(renderer).width for p in tiles.values()), default=None)
        for text in ax.texts:
            if width is not None and text.get_text() and text.get_window_extent(renderer).width > width:
                out.append((ax.get_title(), text.get_text()))
    return out


def test_tiles_by_year_names_and_values_stay_inside_their_tiles():
    tiles = plot.province_tiles()
    mainland = tiles[tiles["mainland"].astype(str) == "True"]["province"].tolist()
    rows = [{"province": p, "year": y, "term": "x", "n_docs": 1, "rate_per_10k": 12.345 + i}
            for y in range(2019, 2025) for i, p in enumerate(mainland)]
    fig = plot.plot_tiles_by_year(pd.DataFrame(rows))
    assert {"黑龙江", "内蒙古"} <= {t.get_text() for t in fig.axes[0].texts}
    assert _overflowing_names(fig) == []
    plt.close("all")
