"""Slide-ready charts (issue 16): each defect a lecturer met, checked on the figure's objects."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import plot  # noqa: E402
from helpers.lexicon import load_lexicon  # noqa: E402

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def all_texts(artist) -> list[str]:
    """Every visible, non-empty string the figure draws (titles, ticks, legends, annotations)."""
    fig = artist.figure if hasattr(artist, "figure") and artist.figure is not None else artist
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def region_table() -> pd.DataFrame:
    """Three provinces × 8 formulations; 重庆 never says 一国两制; counts and rates disagree on order."""
    terms = ["改革开放", "一国两制", "高质量发展", "乡村振兴", "新发展理念", "一带一路", "营商环境", "双减"]
    rows = []
    for p, scale, chars in (("重庆市", 3, 90_000), ("四川省", 2, 20_000), ("湖南省", 1, 10_000)):
        for k, t in enumerate(terms):
            count = 0 if (p == "重庆市" and t == "一国两制") else scale * (len(terms) - k)
            rows.append({"province": p, "term": t, "count": count, "rate_per_10k": count / chars * 1e4})
    return pd.DataFrame(rows)


def test_region_comparison_defaults_to_the_top_five_terms():
    ax = plot.plot_region_comparison(region_table())
    assert len(ax.get_legend().get_texts()) == 5
    assert ax.figure.get_figheight() <= 16


def test_region_comparison_marks_zeros_explicitly():
    ax = plot.plot_region_comparison(region_table(), terms=["改革开放", "一国两制"])
    zeros = [t for t in ax.texts if t.get_text().strip() == "0"]
    assert len(zeros) == 1  # 重庆 × 一国两制


def test_region_order_is_the_same_for_counts_and_rates():
    df = region_table()
    order = {}
    for value in ("count", "rate_per_10k"):
        ax = plot.plot_region_comparison(df, value=value)
        order[value] = [t.get_text() for t in ax.get_yticklabels()]
    assert order["count"] == order["rate_per_10k"] == ["重庆市", "四川省", "湖南省"]


def trends_table() -> pd.DataFrame:
    rows = []
    for year in range(1990, 2011):
        rows.append({"year": year, "term": "改革开放", "count": 5, "rate_per_10k": 2.0, "n_docs": 1})
        rows.append({"year": year, "term": "一国两制", "count": 0, "rate_per_10k": 0.0, "n_docs": 1})
        rows.append({"year": year, "term": "阶级斗争", "count": int(year < 1992), "rate_per_10k": 0.05 * (year < 1992),
                     "n_docs": 1})
    return pd.DataFrame(rows)


def test_trends_draw_no_line_for_a_term_that_never_leaves_zero():
    ax = plot.plot_trends(trends_table(), terms=["改革开放", "一国两制", "阶级斗争"])
    drawn = [line.get_label() for line in ax.lines if not line.get_label().startswith("_")]
    assert "一国两制" not in drawn and "改革开放" in drawn
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("一国两制" in t and "0" in t for t in legend)


def test_trends_show_values_at_zero_above_the_axis():
    ax = plot.plot_trends(trends_table(), terms=["改革开放", "阶级斗争"])
    assert ax.get_ylim()[0] < 0


def test_npc_sessions_sit_in_the_documents_strip():
    ax = plot.plot_trends(trends_table(), calendar=True)
    strip = ax.tifa_ndocs_ax
    main_marks = [line for line in ax.lines if line.get_marker() in ("^", "v")
                  and line.get_linestyle() == "None"]
    assert not main_marks
    assert any(line.get_marker() == "v" for line in strip.lines)


def test_congress_labels_do_not_overlap():
    df = pd.DataFrame({"year": range(1954, 2025), "term": "改革", "rate_per_10k": 1.0, "n_docs": 1})
    _, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")  # half a slide
    ax = plot.plot_trends(df, calendar=True, ax=ax)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text().endswith("大")]
    assert len(labels) >= 10
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlaps = [(labels[i].get_text(), labels[j].get_text()) for i in range(len(boxes))
                for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert not overlaps


def test_abstract_only_years_are_marked():
    corpus = pd.DataFrame({"year": [1964, 1965], "title": ["1964年政府工作报告（摘要）", "报告"],
                           "notes": ["", ""]})
    df = pd.DataFrame({"year": [1964, 1965], "term": "改革", "rate_per_10k": [1.0, 2.0], "n_docs": 1})
    ax = plot.plot_trends(df, abstract_years=corpus)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "仅存摘要" in legend
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white" and len(line.get_xdata())]
    assert [list(line.get_xdata()) for line in hollow] == [[1964]]
    hatched = [b for b in ax.tifa_ndocs_ax.patches if b.get_hatch()]
    assert len(hatched) == 1


def test_saved_figures_default_to_200_dpi(tmp_path):
    ax = plot.plot_top_terms({"发展": 3, "改革": 2})
    out = plot.save_figure(ax, tmp_path / "x.png")
    dpi = Image.open(out).info["dpi"]
    assert round(dpi[0]) == 200


def test_caption_sits_below_the_tick_labels(tmp_path):
    df = trends_table()
    ax = plot.plot_trends(df, terms=["改革开放"])
    fig = ax.figure
    seen = {}
    real_savefig = fig.savefig

    def spy(*args, **kwargs):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        caption = [t for t in fig.texts if "tifa" in t.get_text()][0].get_window_extent(renderer)
        ticks = [t.get_window_extent(renderer) for a in fig.axes for t in a.get_xticklabels()
                 if t.get_text()]
        seen["overlap"] = [b for b in ticks if b.overlaps(caption)]
        seen["below"] = all(caption.y1 <= b.y0 for b in ticks)
        return real_savefig(*args, **kwargs)

    fig.savefig = spy
    plot.save_figure(ax, tmp_path / "c.png", caption=True)
    assert seen["overlap"] == [] and seen["below"]


def test_tile_map_scale_starts_at_zero_and_says_what_a_tile_is():
    df = pd.DataFrame({"province": ["重庆市", "四川省"], "term": "改革", "rate_per_10k": [5.0, 3.0]})
    ax = plot.plot_province_tiles(df)
    colorbar = ax.figure.axes[-1]
    assert colorbar.get_ylim()[0] == 0
    assert any("每一格代表一个省级行政区" in t.get_text() for t in ax.texts)
    ax = plot.plot_province_tiles(df, lang="en")
    assert any("One tile = one province-level division" in t.get_text() for t in ax.texts)


def english_charts():
    """Every chart of helpers.plot, drawn with lang="en" on lexicon terms and provinces."""
    counts = region_table()
    trends = trends_table()
    keyness = pd.DataFrame({"term": ["改革开放", "一国两制"], "G2": [10.0, -5.0], "log_ratio": [1.0, -1.0]})
    disp = pd.DataFrame({"doc_id": ["a", "b"], "term": ["改革开放", "改革开放"], "relative_position": [0.1, 0.5]})
    diff = pd.DataFrame({"term": ["改革开放"] * 2, "date": pd.to_datetime(["2020-01-01", "2021-06-01"]),
                         "year": [2020, 2021], "share": [0.5, 1.0], "new_groups": ["重庆市", "四川省"]})
    lags = pd.DataFrame({"term": ["改革开放", "一国两制"], "lag_years": [0.5, 1.5], "lag_days": [183, 548]})
    ry = pd.DataFrame({"province": ["重庆市", "四川省"], "year": [2020, 2021], "term": "改革开放",
                       "rate_per_10k": [1.0, 2.0]})
    return {
        "top_terms": lambda: plot.plot_top_terms(counts, lang="en"),
        "heatmap": lambda: plot.plot_slogan_heatmap(counts, index="province", lang="en"),
        "trends": lambda: plot.plot_trends(trends, calendar=True, lang="en"),
        "keyness": lambda: plot.plot_keyness(keyness, lang="en"),
        "dispersion": lambda: plot.plot_dispersion(disp, lang="en"),
        "region_bar": lambda: plot.plot_region_comparison(counts, lang="en"),
        "region_dot": lambda: plot.plot_region_comparison(counts, kind="dot", lang="en"),
        "tiles": lambda: plot.plot_province_tiles(counts[counts["term"] == "双减"], lang="en"),
        "diffusion": lambda: plot.plot_diffusion(diff, lang="en"),
        "lag": lambda: plot.plot_adoption_lag(lags, lang="en"),
        "region_year": lambda: plot.plot_region_year(ry, lang="en"),
        "comparison_cloud": lambda: plot.plot_comparison_cloud(
            counts.assign(term="reform"), by="province", lang="en", width=200, height=120),
    }


@pytest.mark.parametrize("name", list(english_charts()))
def test_english_charts_have_no_chinese_text(name):
    out = english_charts()[name]()
    chinese = [t for t in all_texts(out) if HAN.search(t)]
    assert not chinese, f"{name}: Chinese under lang='en': {chinese}"


def test_english_labels_are_the_lexicon_glosses():
    ax = plot.plot_trends(trends_table(), terms=["改革开放"], lang="en")
    gloss = dict(zip(*load_lexicon()[["term", "gloss"]].T.values))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert gloss["改革开放"] in legend
    assert ax.get_title() == "Reform and opening up over time"


def test_default_titles_name_the_term():
    trends = trends_table()
    assert plot.plot_trends(trends, terms=["改革开放"]).get_title() == "“改革开放”的年度变化"
    ax = plot.plot_region_comparison(region_table(), terms=["改革开放"])
    assert "改革开放" in ax.get_title()


def test_glosses_are_unique_so_english_labels_do_not_merge():
    lex = load_lexicon()
    dup = lex["gloss"][lex["gloss"].duplicated(keep=False)]
    assert dup.empty, dup.tolist()


def test_a_chart_by_level_speaks_one_language():
    df = pd.DataFrame({"level": ["county", "city", "province"], "term": "改革开放", "rate_per_10k": [1.0, 2.0, 3.0]})
    zh = plot.plot_region_comparison(df, region="level", kind="dot")
    assert [t.get_text() for t in zh.get_yticklabels()] == ["省级", "市级", "县级"]
    en = plot.plot_region_comparison(df, region="level", kind="dot", lang="en")
    assert [t.get_text() for t in en.get_yticklabels()] == ["Provincial", "City", "County"]
