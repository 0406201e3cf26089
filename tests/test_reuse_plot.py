"""Charts of text reuse (issue 18): heatmap, tile-map small multiples, passage view (on figure objects)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import plot  # noqa: E402
from helpers.reuse import text_reuse  # noqa: E402

SHARES = pd.DataFrame({"province": ["北京市", "广东省", "北京市", "广东省"], "year": [2023, 2023, 2024, 2026],
                       "source_id": ["国2023", "国2023", "国2024", "国2026"], "share": [0.1, 0.2, 0.3, 0.2]})


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_heatmap_is_province_by_year_with_missing_years_grey():
    ax = plot.plot_reuse_heatmap(SHARES)
    data = ax.images[0].get_array()
    assert data.shape == (2, 4)  # 2023..2026, 2025 without reports
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023", "2024", "2025", "2026"]
    assert data.mask[:, 2].all() and not data.mask[:, 0].any()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert data[rows.index("北京市"), 1] == pytest.approx(0.3)
    assert "中央" in ax.get_title()


def test_heatmap_refuses_two_sources_in_one_cell():
    two = pd.concat([SHARES, SHARES.assign(source_id="二十大", share=0.5)])
    with pytest.raises(ValueError, match="one source per province and year"):
        plot.plot_reuse_heatmap(two)


def test_tiles_small_multiples_share_one_colour_scale():
    fig = plot.plot_reuse_tiles(SHARES, years=[2023, 2026])
    maps = [ax for ax in fig.axes if ax.get_title() in ("2023", "2026")]
    assert len(maps) == 2
    colour = {ax.get_title(): {p.get_label(): p.get_facecolor() for p in ax.patches} for ax in maps}
    assert colour["2023"]["广东省"] == colour["2026"]["广东省"]  # 0.2 both years: same colour
    assert colour["2023"]["北京市"] != colour["2023"]["广东省"]
    assert len(fig.axes) == 3  # two maps and one colour bar
    assert all(ax.get_legend() is None for ax in maps) and "无数据" in fig.get_supxlabel()
    # one caption for the figure, not one under each small map
    assert not [t for ax in maps for t in ax.texts if t.get_transform() == ax.transAxes]
    assert fig.get_supxlabel() and all(len(t.get_text()) <= 3 for ax in maps for t in ax.texts)


def test_province_tiles_without_colour_bar():
    fig, ax = plt.subplots()
    plot.plot_province_tiles(SHARES[SHARES.year == 2023], value="share", ax=ax, colorbar=False)
    assert len(fig.axes) == 1
    plot.plot_province_tiles(SHARES[SHARES.year == 2023], value="share", ax=ax)
    assert len(fig.axes) == 2


def test_passage_view_shades_the_reused_characters_on_both_sides():
    source = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。"
    target = "今年工作的总体要求是：完整准确全面贯彻新发展理念，加快构建新发展格局。其他工作。"
    passages, _ = text_reuse(pd.DataFrame({"doc_id": ["国"], "text": [source]}),
                             pd.DataFrame({"doc_id": ["省"], "text": [target]}))
    ax = plot.plot_passage(passages, target, source, width=10, context=5)
    p = passages.iloc[0]
    assert len(ax.patches) == (p.target_end - p.target_start) + (p.source_end - p.source_start)
    # the characters drawn on shaded cells are the passage's
    cells = {(round(t.get_position()[0] - 0.5), round(t.get_position()[1] - 0.5)): t.get_text() for t in ax.texts}
    shaded = "".join(cells[(int(r.get_x()), int(r.get_y()))] for r in ax.patches[:p.target_end - p.target_start])
    assert shaded == p.target_text
    titles = [t.get_text() for t in ax.texts if t.get_text().startswith(("目标", "来源"))]
    assert titles == ["目标：省", "来源：国"]
    with pytest.raises(ValueError, match="one target and one source"):
        plot.plot_passage(pd.concat([passages, passages.assign(source_id="二")]), target, source)


def test_passage_view_cuts_long_texts():
    text = "发展" * 2000
    passages = pd.DataFrame({"target_id": ["a"], "source_id": ["b"], "target_start": [0], "target_end": [4000],
                             "source_start": [0], "source_end": [4000]})
    ax = plot.plot_passage(passages, text, text, width=20, max_lines=5)
    assert len([t for t in ax.texts if len(t.get_text()) == 1]) == 2 * 20 * 5
    assert np.isclose(ax.get_ylim()[0], 5.2)


@pytest.mark.parametrize("years", [[2023], [2023, 2024, 2026]])
def test_tile_names_fit_their_tiles_in_english(years):
    """English names (Heilongjiang, Inner Mongolia) stay inside their tiles, on one map or several."""
    fig = plot.plot_reuse_tiles(SHARES, years=years, lang="en")
    fig.draw_without_rendering()
    maps = [ax for ax in fig.axes if ax.get_title() in {str(y) for y in years}]
    names = [t.get_text() for ax in maps for t in ax.texts]
    assert "Heilong-\njiang" in names  # one long word on two lines, cut between syllables
    for ax in maps:
        tile = abs(ax.transData.transform((0.92, 0))[0] - ax.transData.transform((0, 0))[0])
        for text in ax.texts:
            assert text.get_window_extent().width <= tile, f"{text.get_text()!r} is wider than its tile"
            assert text.get_fontsize() >= 4.5, f"{text.get_text()!r} is drawn at {text.get_fontsize():.1f} pt"
    plt.close("all")


def test_reuse_by_year_names_its_statistic_and_counts_the_targets():
    shares = pd.DataFrame({"year": [2023, 2023, 2023, 2024, 2024], "share": [0.1, 0.2, 0.9, 0.3, 0.5],
                           "comparison": ["same", "same", "same", "same", "before"]})
    table = helpers.reuse_by_year(shares, by="comparison")
    assert list(table.columns) == ["year", "comparison", "median_share", "n_targets"]
    assert table.query("year == 2023")[["median_share", "n_targets"]].values.tolist() == [[0.2, 3]]
    assert helpers.reuse_by_year(shares, stat="mean").query("year == 2024")["mean_share"].iat[0] == 0.4
    with pytest.raises(ValueError, match="stat must be one of"):
        helpers.reuse_by_year(shares, stat="sum")


def test_plot_reuse_by_year_draws_a_line_per_group_in_one_language():
    table = helpers.reuse_by_year(pd.DataFrame({"year": [2023, 2024, 2023, 2024], "share": [0.1, 0.2, 0.05, 0.1],
                                                "comparison": ["同年", "同年", "上年", "上年"]}), by="comparison")
    ax = plot.plot_reuse_by_year(table, by="comparison", source="国务院报告")
    assert len(ax.lines) == 2 and [t.get_text() for t in ax.get_legend().get_texts()] == ["同年", "上年"]
    assert "中位数" in ax.get_ylabel() and ax.get_title() == "各省报告复用国务院报告的比例（逐年）"
    assert "每年 1 份文件" in " ".join(t.get_text() for t in ax.texts)
    en = plot.plot_reuse_by_year(table, by="comparison", lang="en")
    assert "median" in en.get_ylabel() and not any("\u4e00" <= ch <= "\u9fff" for ch in en.get_title())
    plt.close("all")
