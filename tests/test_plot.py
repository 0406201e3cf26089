"""Charts: each plot function on a hand-made tidy DataFrame of textstat's shape."""

from __future__ import annotations

import os
import warnings

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import plot
from helpers.plot import labels, style

SLOGANS = ["两个确立", "两个维护", "新质生产力", "以习近平同志为核心的党中央"]
DOCS = ["2024-02-05_chongqing-dazu", "2024-04-25_chongqing", "2023-11-28_sichuan-guangyuan"]
GWR_YEARS = [1954, 1955, 1956, 1957, 1958, 1959, 1960, 1964, 1975, *range(1978, 2018)]


@pytest.fixture(autouse=True)
def strict_and_closed():
    """Any warning (a missing glyph above all) fails the test; figures are closed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # test_notebooks runs Jupyter kernels just before this module; their zmq
        # sockets are garbage-collected here: not a plotting problem
        warnings.filterwarnings("ignore", category=pytest.PytestUnraisableExceptionWarning)
        yield
    plt.close("all")


def draw(obj) -> None:
    fig = obj if isinstance(obj, Figure) else obj.figure
    fig.canvas.draw()  # renders every text: missing glyphs would warn here


def texts(ax: Axes) -> list[str]:
    """Every piece of text on an Axes: title, labels, tick labels, texts, legend."""
    out = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    out += [t.get_text() for t in ax.texts]
    if ax.get_legend():
        out += [t.get_text() for t in ax.get_legend().get_texts()]
    return out


# ---------------------------------------------------------------- fixtures

@pytest.fixture
def freqs():
    terms = ["发展", "经济", "社会", "建设", "改革", "人民", "国家", "企业"]
    counts = [5627, 5036, 4255, 4248, 2931, 2500, 2400, 2300]
    return pd.DataFrame({"term": terms, "count": counts,
                         "rate_per_10k": np.array(counts) / 100})


@pytest.fixture
def counts():
    rows = [(d, t, "banner", (i + j) % 4, ((i + j) % 4) * 1.5)
            for i, d in enumerate(DOCS) for j, t in enumerate(SLOGANS)]
    return pd.DataFrame(rows, columns=["doc_id", "term", "category", "count", "rate_per_10k"])


@pytest.fixture
def trends():
    rows = []
    for y in GWR_YEARS:
        for k, t in enumerate(["改革", "阶级斗争", "市场经济"]):
            c = (y + k) % 7
            rows.append((y, t, c, c / 2.0, 1, int(c > 0), float(c > 0)))
    return pd.DataFrame(rows, columns=["year", "term", "count", "rate_per_10k", "n_docs",
                                       "docs_with_term", "share_docs"])


@pytest.fixture
def keyness_df():
    terms = ["安全", "斗争", "风险", "中国式现代化", "经济", "市场", "科学发展观"]
    g2 = [40.0, 30.0, 20.0, 10.0, -15.0, -25.0, -35.0]
    return pd.DataFrame({"term": terms, "G2": g2, "log_ratio": np.sign(g2),
                         "target_count": 10, "reference_count": 10})


@pytest.fixture
def disp():
    rows = [(d, t, p) for d in DOCS[:2] for t in SLOGANS[:2] for p in (0.1, 0.5, 0.9)]
    rows.append((DOCS[2], SLOGANS[0], 0.3))
    return pd.DataFrame(rows, columns=["doc_id", "term", "relative_position"])


# ---------------------------------------------------------------- font set-up

def test_font_registered_and_first():
    # issue 12: importing helpers.plot no longer sets rcParams; use_chinese_font() does, when asked
    with matplotlib.rc_context():
        plot.use_chinese_font()
        assert matplotlib.rcParams["font.family"][0] == plot.FONT_FAMILY
        assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert plot.FONT_PATH.endswith("NotoSansCJKsc-Regular.otf")


def test_import_and_plotting_leave_rcparams_alone():
    import subprocess
    import sys

    code = (
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "before = dict(matplotlib.rcParams)\n"
        "from helpers import plot\n"
        "assert dict(matplotlib.rcParams) == before, 'import changed rcParams'\n"
        "ax = plot.plot_top_terms({'两个确立': 3, '高质量发展': 2})\n"
        "ax.figure.canvas.draw()\n"
        "assert dict(matplotlib.rcParams) == before, 'plotting changed rcParams'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("families", [["sans-serif"], ["serif"], ["DejaVu Sans"]])
def test_charts_draw_chinese_on_the_users_axes_whatever_the_rcparams(families, counts):
    with matplotlib.rc_context({"font.family": families, "axes.unicode_minus": True}):
        before = dict(matplotlib.rcParams)
        fig, ax = plt.subplots()  # made under the user's fonts, before the chart
        plot.plot_slogan_heatmap(counts, ax=ax)
        draw(fig)  # a missing glyph warns, and the fixture turns that into an error
        assert dict(matplotlib.rcParams) == before
        assert plot.FONT_FAMILY in ax.get_xticklabels()[0].get_fontfamily()


def test_palette_is_okabe_ito():
    assert len(plot.OKABE_ITO) == 8
    assert {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
            "#000000"} == set(plot.OKABE_ITO)


# ---------------------------------------------------------------- top terms

def test_top_terms_bars_largest_on_top(freqs):
    ax = plot.plot_top_terms(freqs, n=5)
    assert isinstance(ax, Axes)
    assert len(ax.patches) == 5
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "发展" and labels[0] == "改革"  # barh: last tick is the top bar
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths)
    assert ax.get_title() == "高频词（前5）"
    assert ax.get_xlabel() == "出现次数"
    draw(ax)


def test_top_terms_counts_have_whole_number_ticks():
    """Issue 16 (notebook 06): a chart of counts of 1 and 2 had ticks at 0.25, 0.5, 0.75."""
    ax = plot.plot_top_terms({"清廉人大": 2, "一国两制": 1, "两个维护": 1})
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    plt.close(ax.figure)

def test_top_terms_english_glosses_wrap_instead_of_squeezing_the_bars():
    """Issue 16: the English glosses of notebook 00's chart took most of its width."""
    ax = plot.plot_top_terms({"习近平新时代中国特色社会主义思想": 15, "全过程人民民主": 21, "党的领导": 10}, lang="en")
    lines = [line for t in ax.get_yticklabels() for line in t.get_text().split("\n")]
    assert "Xi Jinping" in " ".join(lines) and max(map(len, lines)) <= 28
    plt.close(ax.figure)

def test_top_terms_english_and_rate(freqs):
    ax = plot.plot_top_terms(freqs, n=3, value="rate_per_10k", lang="en")
    assert ax.get_title() == "Top 3 terms"
    assert "10,000" in ax.get_xlabel()
    assert ax.patches[-1].get_width() == pytest.approx(56.27)
    draw(ax)


def test_top_terms_accepts_dict_and_given_ax():
    fig, ax = plt.subplots()
    out = plot.plot_top_terms({"两个确立": 3, "新质生产力": 7}, ax=ax, title="自定义标题")
    assert out is ax
    assert ax.get_title() == "自定义标题"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["两个确立", "新质生产力"]


def test_missing_column_error_is_helpful():
    with pytest.raises(ValueError, match="count"):
        plot.plot_top_terms(pd.DataFrame({"term": ["a"], "n": [1]}))


def test_bad_lang():
    with pytest.raises(ValueError, match="lang"):
        plot.plot_top_terms({"a": 1}, lang="fr")


# ---------------------------------------------------------------- word clouds

def test_wordcloud_draws_image_axis_off(freqs):
    ax = plot.plot_wordcloud(freqs, width=300, height=200)
    assert isinstance(ax, Axes)
    assert len(ax.images) == 1
    img = ax.images[0].get_array()
    assert img.shape == (200, 300, 3)
    assert (np.asarray(img) < 200).any()  # something was drawn on the white canvas
    assert not ax.axison
    draw(ax)


def test_wordcloud_is_reproducible(freqs):
    a = plot.make_wordcloud(freqs, width=200, height=120).to_array()
    b = plot.make_wordcloud(freqs, width=200, height=120).to_array()
    assert np.array_equal(a, b)


def test_wordcloud_rejects_empty():
    with pytest.raises(ValueError, match="No words"):
        plot.plot_wordcloud({"发展": 0})


def test_comparison_cloud_one_panel_per_group(freqs):
    df = pd.concat([freqs.assign(period=p, count=freqs["count"] * (k + 1) % 97 + 1)
                    for k, p in enumerate(["毛泽东时期", "改革开放", "新时代"])])
    fig = plot.plot_comparison_cloud(df, by="period", n=5, width=200, height=120)
    assert isinstance(fig, Figure)
    assert [a.get_title() for a in fig.axes] == ["毛泽东时期", "改革开放", "新时代"]
    assert all(len(a.images) == 1 for a in fig.axes)
    assert fig.get_suptitle() == "分组词云"
    draw(fig)


def test_comparison_cloud_distinctive_words_go_to_one_group():
    df = pd.DataFrame({"g": ["甲", "甲", "乙", "乙"], "term": ["阶级斗争", "发展", "改革", "发展"],
                       "count": [10, 5, 10, 5]})
    fig = plot.plot_comparison_cloud(df, by="g", distinctive=True, lang="en",
                                     width=200, height=120)
    assert fig.get_suptitle() == "Word clouds by g"
    assert len(fig.axes) == 2
    draw(fig)


# ---------------------------------------------------------------- heatmap

def test_heatmap_cells_ticks_and_annotations(counts):
    ax = plot.plot_slogan_heatmap(counts)
    assert isinstance(ax, Axes)
    data = ax.images[0].get_array()
    assert data.shape == (len(DOCS), len(SLOGANS))
    xlabels = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert set(xlabels) == set(SLOGANS)
    assert all(len(line) <= 5 for t in ax.get_xticklabels() for line in t.get_text().split("\n"))
    assert [t.get_text() for t in ax.get_yticklabels()] == DOCS
    assert len(ax.texts) == len(DOCS) * len(SLOGANS)
    assert ax.get_title() == "提法热力图"
    cbar_labels = [a.get_ylabel() for a in ax.figure.axes if a is not ax]
    assert "每万字频次" in cbar_labels
    draw(ax)


def test_heatmap_missing_cells_are_masked_not_zero(counts):
    ax = plot.plot_slogan_heatmap(counts.iloc[1:], value="count", annotate=False, lang="en",
                                  fill_value=None)
    data = ax.images[0].get_array()
    assert np.ma.is_masked(data) and data.mask.sum() == 1
    assert len(ax.texts) == 0
    assert ax.get_title() == "Formulations by doc_id"


def test_heatmap_absent_is_zero_by_default_and_n_caps_columns(counts):
    ax = plot.plot_slogan_heatmap(counts.iloc[1:], value="count")
    data = ax.images[0].get_array()
    assert not np.ma.is_masked(data) or data.mask.sum() == 0
    assert data[0, [t.get_text().replace("\n", "") for t in ax.get_xticklabels()].index(SLOGANS[0])] == 0
    ax = plot.plot_slogan_heatmap(counts, n=2)
    assert ax.images[0].get_array().shape == (len(DOCS), 2)


def test_heatmap_numeric_index_sorted(counts):
    df = counts.assign(year=counts["doc_id"].map(dict(zip(DOCS, [2024, 2022, 2023]))))
    ax = plot.plot_slogan_heatmap(df, index="year")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2022", "2023", "2024"]


# ---------------------------------------------------------------- trends

def test_trends_lines_and_gaps(trends):
    ax = plot.plot_trends(trends)
    assert isinstance(ax, Axes)
    assert len(ax.lines) == 3
    years = np.asarray(ax.lines[0].get_xdata())
    assert years[0] == 1954 and years[-1] == 2017 and len(years) == 2017 - 1954 + 1
    for line in ax.lines:
        y = np.asarray(line.get_ydata(), dtype=float)
        by_year = dict(zip(years, y))
        for missing in [1961, 1962, 1963, 1965, 1970, 1974, 1976, 1977]:
            assert np.isnan(by_year[missing]), missing
        for present in [1960, 1964, 1975, 1978, 2017]:
            assert not np.isnan(by_year[present]), present
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"改革", "阶级斗争", "市场经济", "无文件年份"} <= set(legend)
    assert ax.get_title() == "“改革”、“阶级斗争”、“市场经济”的年度变化"  # issue 16: titles name the terms
    assert ax.get_ylabel() == "每万字频次"
    draw(ax)


def test_trends_n_docs_strip(trends):
    ax = plot.plot_trends(trends)
    strip = ax.tifa_ndocs_ax
    assert strip in ax.figure.axes
    heights = {round(p.get_x() + p.get_width() / 2): p.get_height() for p in strip.patches}
    assert heights[1961] == 0 and heights[1964] == 1 and heights[2017] == 1
    assert strip.get_xlabel() == "年份"


def test_trends_zero_when_documents_but_no_mention(trends):
    df = trends[~((trends["year"] == 1990) & (trends["term"] == "改革"))]
    ax = plot.plot_trends(df, terms=["改革"], show_n_docs=False, lang="en")
    years = list(ax.lines[0].get_xdata())
    assert ax.lines[0].get_ydata()[years.index(1990)] == 0
    assert ax.get_xlabel() == "Year"
    assert ax.get_title() == "改革 over time"  # issue 16: names the term (改革 has no gloss)


def test_trends_connect_and_share(trends):
    ax = plot.plot_trends(trends, terms=["改革"], value="share_docs", missing_years="connect")
    y = np.asarray(ax.lines[0].get_ydata(), dtype=float)
    assert not np.isnan(y).any() and len(y) == len(GWR_YEARS)
    assert ax.get_ylabel() == "含该词的文件比例"
    draw(ax)


def test_trends_bad_option(trends):
    with pytest.raises(ValueError, match="missing_years"):
        plot.plot_trends(trends, missing_years="zero")


# ---------------------------------------------------------------- keyness

def test_keyness_diverging_bars(keyness_df):
    ax = plot.plot_keyness(keyness_df, n=3, target_label="二十大", reference_label="十八大")
    assert isinstance(ax, Axes)
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 6
    assert sum(w > 0 for w in widths) == 3 and sum(w < 0 for w in widths) == 3
    # drawn bottom-up: most negative first, largest positive last (on top)
    assert widths[0] == -35.0 and widths[-1] == 40.0
    assert {"安全", "斗争", "风险", "经济", "市场", "科学发展观"} == {t.get_text() for t in ax.texts}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["二十大", "十八大"]
    assert "G²" in ax.get_xlabel()
    draw(ax)


def test_keyness_unsigned_g2_takes_sign_from_log_ratio(keyness_df):
    df = keyness_df.assign(G2=keyness_df["G2"].abs())
    ax = plot.plot_keyness(df, n=10, lang="en")
    assert sum(p.get_width() < 0 for p in ax.patches) == 3
    assert ax.get_title() == "Keyness"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Target", "Reference"]


# ---------------------------------------------------------------- dispersion

def test_dispersion_rows_and_ticks(disp):
    ax = plot.plot_dispersion(disp)
    assert isinstance(ax, Axes)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 2 * 3  # terms × docs, including rows without a hit
    assert labels[:3] == DOCS
    assert [t.get_text() for t in ax.texts] == SLOGANS[:2]
    ticks = sum(len(c.get_segments()) for c in ax.collections)
    assert ticks == len(disp)
    assert ax.get_xlim() == (0, 1)
    assert ax.get_xlabel() == "在文件中的相对位置"
    draw(ax)


# ---------------------------------------------------------------- regions

@pytest.fixture
def regions():
    rows = [(p, t, v) for p, base in [("重庆", 3), ("四川", 2), ("广东", 1)]
            for t, v in [("共同富裕", base), ("新质生产力", base / 2)]]
    return pd.DataFrame(rows, columns=["province", "term", "rate_per_10k"])


def test_region_comparison_grouped_bars(regions):
    ax = plot.plot_region_comparison(regions)
    assert isinstance(ax, Axes)
    assert len(ax.patches) == 6
    assert [t.get_text() for t in ax.get_yticklabels()] == ["重庆", "四川", "广东"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["共同富裕", "新质生产力"]
    assert ax.get_title() == "“共同富裕”、“新质生产力”：各地区比较"  # issue 16: names the terms
    draw(ax)


def test_region_comparison_dot_english(regions):
    ax = plot.plot_region_comparison(regions, kind="dot", lang="en")
    assert len(ax.collections) == 2
    assert ax.get_title() == "共同富裕; new quality productive forces across regions"  # issue 16
    draw(ax)


# ---------------------------------------------------------------- tile map

def test_tile_layout_is_complete_and_unique():
    tiles = plot.province_tiles()
    assert len(tiles) == 34 and int(tiles["mainland"].sum()) == 31
    assert not tiles.duplicated(["row", "col"]).any()
    assert tiles["province"].is_unique and tiles["short"].is_unique
    pos = tiles.set_index("short")[["row", "col"]]
    assert pos.loc["黑龙江", "row"] == pos["row"].min()  # top
    assert pos.loc["黑龙江", "col"] == pos.loc[~pos.index.isin(["台湾"]), "col"].max()  # right
    assert pos.loc["新疆", "col"] == pos["col"].min()  # far left
    assert pos.loc["海南", "row"] == pos["row"].max()  # bottom
    assert pos.loc["重庆", "row"] == pos.loc["湖北", "row"]
    assert pos.loc["重庆", "col"] == pos.loc["湖北", "col"] - 1  # Chongqing west of Hubei


def test_province_tiles_colours_names_and_grey():
    df = pd.DataFrame({"province": ["重庆市", "四川", "Guangdong", "CN-BJ", "全国"],
                       "rate_per_10k": [3.0, 2.0, 1.0, 0.5, 9.0]})
    ax = plot.plot_province_tiles(df)
    assert isinstance(ax, Axes)
    tiles = {p.get_label(): p for p in ax.patches}
    assert len(tiles) == 34
    grey = matplotlib.colors.to_rgba(style.NO_DATA)
    assert tiles["湖北省"].get_facecolor() == pytest.approx(grey)
    for name in ["重庆市", "四川省", "广东省", "北京市"]:
        assert tiles[name].get_facecolor() != pytest.approx(grey)
    shown = {t.get_text() for t in ax.texts}
    assert {"重庆", "湖北", "黑龙江", "台湾"} <= shown
    assert ax.get_title() == "各省每万字频次"
    assert "无数据" in [t.get_text() for t in ax.get_legend().get_texts()]
    draw(ax)


def test_province_tiles_mainland_only_english():
    df = pd.DataFrame({"province": ["Chongqing"], "count": [4]})
    ax = plot.plot_province_tiles(df, value="count", include_hk_macau_taiwan=False,
                                  lang="en", title="Mentions")
    assert len(ax.patches) == 31
    assert "Chongqing" in {t.get_text() for t in ax.texts}
    assert ax.get_title() == "Mentions"
    draw(ax)


def test_province_tiles_warns_on_unknown_and_refuses_many_terms():
    with pytest.warns(UserWarning, match="火星"):
        plot.plot_province_tiles(pd.DataFrame({"province": ["火星"], "rate_per_10k": [1.0]}))
    many = pd.DataFrame({"province": ["重庆", "重庆"], "term": ["a", "b"], "rate_per_10k": [1, 2]})
    with pytest.raises(ValueError, match="Filter first"):
        plot.plot_province_tiles(many)


# ---------------------------------------------------------------- saving

def test_save_figure_png_and_pdf(tmp_path, freqs):
    ax = plot.plot_top_terms(freqs)
    out = plot.save_figure(ax, tmp_path / "sub" / "top.png")
    assert out == tmp_path / "sub" / "top.png"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = plot.save_figure(ax.figure, tmp_path / "top.pdf", dpi=100)
    data = pdf.read_bytes()
    assert data[:4] == b"%PDF" and b"NotoSansCJK" in data  # the font is embedded


def test_save_figure_does_not_clip_outside_legend(tmp_path, trends):
    from PIL import Image

    ax = plot.plot_trends(trends)
    fig = ax.figure
    out = plot.save_figure(ax, tmp_path / "trends.png", dpi=50)
    renderer = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(renderer)  # inches, what bbox_inches="tight" keeps
    legend = ax.get_legend().get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
    assert tight.x0 <= legend.x0 and legend.x1 <= tight.x1 and legend.y1 <= tight.y1
    with Image.open(out) as im:
        assert im.size[0] >= round(tight.width * 50) - 1


def test_docstring_examples_run():
    import doctest
    import importlib
    import pkgutil

    modules = [plot, *(importlib.import_module(f"{plot.__name__}.{m.name}")
                       for m in pkgutil.iter_modules(plot.__path__))]
    results = [doctest.testmod(m, optionflags=doctest.ELLIPSIS) for m in modules]
    result = doctest.TestResults(sum(r.failed for r in results), sum(r.attempted for r in results))
    assert result.attempted >= 10 and result.failed == 0


# ---------------------------------------------------------------- figure bugs (issue 8)

@pytest.mark.parametrize("label, width, lines", [
    ("全过程人民民主", 5, ["全过程", "人民民主"]),
    ("党的全面领导", 5, ["党的", "全面领导"]),
    ("把方向、管大局、保落实", 6, ["把方向、", "管大局、", "保落实"]),
    ("新质生产力", 5, ["新质生产力"]),
])
def test_wrap_breaks_between_words_not_inside(label, width, lines):
    assert labels.wrap_label(label, width).split("\n") == lines


@pytest.mark.parametrize("label", ["全过程人民民主", "党的全面领导", "一府一委两院",
                                   "习近平新时代中国特色社会主义思想", "以习近平同志为核心的党中央"])
def test_wrap_never_splits_a_jieba_word(label):
    from helpers.segment import tokenize

    wrapped = labels.wrap_label(label, 5)
    assert wrapped.replace("\n", "") == label
    breaks, pos = set(), 0
    for line in wrapped.split("\n")[:-1]:
        pos += len(line)
        breaks.add(pos)
    bounds, pos = set(), 0
    for tok in tokenize(label, lexicon=[], engine="jieba"):
        pos += len(tok)
        bounds.add(pos)
    assert breaks <= bounds
    assert "人\n民" not in wrapped and "全\n面" not in wrapped and "一\n委" not in wrapped


def test_heatmap_and_dispersion_labels_wrap_between_words():
    df = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["全过程人民民主", "党的全面领导", "全过程人民民主"],
                       "rate_per_10k": [1.0, 2.0, 3.0]})
    ax = plot.plot_slogan_heatmap(df)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert "全过程\n人民民主" in labels and "党的\n全面领导" in labels
    disp = pd.DataFrame({"doc_id": ["a"], "term": ["习近平新时代中国特色社会主义思想"], "relative_position": [0.5]})
    ax = plot.plot_dispersion(disp)
    assert all("特\n色" not in t.get_text() for t in ax.texts)
    plt.close("all")


def test_region_dot_markers_at_zero_visible_and_dodged():
    df = pd.DataFrame({"province": ["重庆", "重庆", "四川", "四川"], "term": ["甲", "乙", "甲", "乙"],
                       "rate_per_10k": [0.0, 0.0, 2.0, 2.0]})
    ax = plot.plot_region_comparison(df, kind="dot")
    assert ax.get_xlim()[0] < 0  # a marker at 0 is whole
    a, b = (c.get_offsets() for c in ax.collections)
    assert np.allclose(a[:, 0], b[:, 0])  # same values...
    assert (np.abs(a[:, 1] - b[:, 1]) > 0.05).all()  # ...but not on top of each other
    plt.close("all")


def test_province_tiles_title_names_term_and_value():
    df = pd.DataFrame({"province": ["重庆"], "term": ["共同富裕"], "count": [3]})
    assert plot.plot_province_tiles(df, value="count").get_title() == "“共同富裕”各省出现次数"
    assert plot.plot_province_tiles(df, value="count", lang="en").get_title() == "共同富裕: Count by province"
    plt.close("all")


def test_save_figure_writes_provenance_metadata_and_caption(tmp_path):
    from PIL import Image

    from helpers.provenance import read_provenance

    ax = plot.plot_top_terms({"发展": 3, "改革": 2})
    fig = ax.figure
    n_texts = len(fig.texts)
    out = plot.save_figure(ax, tmp_path / "f.png", caption=True)
    record = read_provenance(out)
    assert record["lexicon"]["hash"] and record["segmentation"]["jieba"]
    with Image.open(out) as im:
        assert im.info["Software"].startswith("tifa")
    assert len(fig.texts) == n_texts  # caption removed after saving
    plain = plot.save_figure(ax, tmp_path / "g.png", provenance=False)
    with Image.open(plain) as im:
        assert "tifa_provenance" not in im.info
    plt.close("all")


@pytest.mark.parametrize("distinctive", [False, True])
def test_comparison_cloud_says_why_it_has_nothing_to_draw(distinctive):
    # issue 14: an empty table raised ZeroDivisionError, a group whose counts are all 0 "Encountered all NA values"
    empty = pd.DataFrame(columns=["g", "term", "count"])
    with pytest.raises(ValueError, match="no words to draw"):
        plot.plot_comparison_cloud(empty, by="g", distinctive=distinctive)
    zero = pd.DataFrame({"g": ["甲", "乙"], "term": ["发展", "改革"], "count": [0, 0]})
    with pytest.raises(ValueError, match="no words to draw"):
        plot.plot_comparison_cloud(zero, by="g", distinctive=distinctive)
    plt.close("all")


def test_comparison_cloud_draws_beside_a_group_without_words():
    df = pd.DataFrame({"g": ["甲", "甲", "乙"], "term": ["发展", "改革", "创新"], "count": [3, 2, 0]})
    fig = plot.plot_comparison_cloud(df, by="g", distinctive=True, width=200, height=120)
    assert [a.get_title() for a in fig.axes] == ["甲", "乙"]
    plt.close("all")


def test_region_comparison_says_why_it_has_nothing_to_draw():
    # issue 14: ZeroDivisionError on an empty table
    empty = pd.DataFrame(columns=["province", "term", "rate_per_10k"])
    for kind in ("bar", "dot"):
        with pytest.raises(ValueError, match="nothing to compare"):
            plot.plot_region_comparison(empty, kind=kind)
    plt.close("all")
