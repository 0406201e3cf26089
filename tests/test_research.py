"""Tests for helpers.research (first use, lag, diffusion, echo, audit, temperature),
the first-official-use flags of count_slogans/slogan_trends, and their plots."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import plot, research

LEX = pd.DataFrame({
    "term": ["两个确立", "新词"], "category": ["party_leadership", "reform"], "variants": [[], []],
    "source": ["", ""], "first_official_use": ["2021-11", ""], "notes": ["", ""],
})


@pytest.fixture
def local():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"],
        "province": ["甲", "甲", "乙", "丙", "丁"],
        "date": pd.to_datetime(["2021-03-01", "2022-01-10", "2022-06-01", "2021-12-01", "2023-01-01"]),
        "date_precision": ["day", "day", "month", "day", "year"],
        "year": [2021, 2022, 2022, 2021, 2023],
        "text": ["两个确立（旧义）", "坚持两个确立，新词", "两个确立。", "新词", "无关"],
    })


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# ---------------------------------------------------------------- dates

def test_parse_date_periods():
    assert research.parse_date("2013") == (pd.Timestamp("2013-01-01"), pd.Timestamp("2013-12-31"))
    assert research.parse_date("2012-02")[1] == pd.Timestamp("2012-02-29")
    assert research.parse_date("2021-11-11") == (pd.Timestamp("2021-11-11"),) * 2
    assert research.parse_date("") is None and research.parse_date("soon") is None


def test_before_first_use_only_when_certainly_earlier():
    corpus = pd.DataFrame({"doc_id": list("abcd"), "text": [""] * 4,
                           "date": pd.to_datetime(["2021-10-31", "2021-11-01", "2021-01-01", "2021-11-01"]),
                           "date_precision": ["day", "day", "year", "month"]})
    flags = research.before_first_use(corpus, ["两个确立", "新词"], LEX)
    # a year-precise 2021 document may be from December: not flagged
    assert flags[:, 0].tolist() == [True, False, False, False]
    assert not flags[:, 1].any()  # no first_official_use: never flagged


def test_count_slogans_flags_documents_before_first_use(local):
    c = helpers.count_slogans(local, LEX)
    flagged = c[c["term"] == "两个确立"].set_index("doc_id")["before_first_use"].to_dict()
    assert flagged == {"a": True, "b": False, "c": False}
    g = helpers.count_slogans(local, LEX, by="province")
    row = g[(g["province"] == "甲") & (g["term"] == "两个确立")].iloc[0]
    assert row["count"] == 2 and row["count_before_first_use"] == 1


def test_slogan_trends_counts_and_excludes_before_first_use(local):
    t = helpers.slogan_trends(local, ["两个确立"], lexicon=LEX)
    y2021 = t[t["year"] == 2021].iloc[0]
    assert (y2021["count"], y2021["count_before_first_use"]) == (1, 1)
    ex = helpers.slogan_trends(local, ["两个确立"], lexicon=LEX, exclude_before_first_use=True)
    y2021 = ex[ex["year"] == 2021].iloc[0]
    assert (y2021["count"], y2021["docs_with_term"], y2021["n_docs"]) == (0, 0, 2)
    assert ex["count"].sum() == 2


def test_anachronism_in_the_1989_report():
    gwr = helpers.load_corpus("gwr")
    c = helpers.count_slogans(gwr)
    hits = c[c["term"] == "全面深化改革"].set_index("doc_id")
    assert hits.loc["gwr-1989", "count"] >= 1 and hits.loc["gwr-1989", "before_first_use"]
    assert not hits.loc["gwr-2015", "before_first_use"] and hits.loc["gwr-2015", "count"] == 5
    t = helpers.slogan_trends(gwr, ["全面深化改革"], exclude_before_first_use=True)
    assert t.loc[t["year"] == 1989, "count"].item() == 0


# ---------------------------------------------------------------- first use, lag, diffusion

def test_first_use_per_group_and_overall(local):
    fu = research.first_use(local, ["两个确立", "新词"], by="province", lexicon=LEX)
    got = {(r.province, r.term): r.first_doc for r in fu.itertuples()}
    assert got[("甲", "两个确立")] == "a" and got[("乙", "两个确立")] == "c"
    assert got[("丙", "两个确立")] == "" and got[("丙", "新词")] == "d"
    assert not fu.set_index(["province", "term"]).loc[("丁", "新词"), "used"]
    overall = research.first_use(local, "新词", lexicon=LEX)
    assert overall.loc[0, "first_doc"] == "d" and overall.loc[0, "n_docs_with_term"] == 2
    assert overall.loc[0, "first_date"] == pd.Timestamp("2021-12-01")


def test_adoption_lag_against_lexicon_date_and_a_document(local):
    lag = research.adoption_lag(local, "两个确立", lexicon=LEX)
    days = dict(zip(lag["province"], lag["lag_days"]))
    assert days == {"甲": (pd.Timestamp("2021-03-01") - pd.Timestamp("2021-11-01")).days,
                    "乙": (pd.Timestamp("2022-06-01") - pd.Timestamp("2021-11-01")).days}
    by_doc = research.adoption_lag(local, "新词", reference="d", lexicon=LEX)
    assert dict(zip(by_doc["province"], by_doc["lag_days"])) == {"甲": 40, "丙": 0}
    with pytest.raises(ValueError, match="reference"):
        research.adoption_lag(local, "新词", reference="not a date", lexicon=LEX)


def test_diffusion_cumulative_share(local):
    d = research.diffusion(local, "两个确立", lexicon=LEX)
    assert d["n_adopted"].tolist() == [1, 2] and d["n_groups"].tolist() == [4, 4]
    assert d["share"].tolist() == [0.25, 0.5] and d["new_groups"].tolist() == ["甲", "乙"]
    docs = research.diffusion(local, "新词", by=None, lexicon=LEX)
    assert docs["share"].tolist() == [0.2, 0.4]


# ---------------------------------------------------------------- echo

def test_echo_repeated_formulations_share_and_similarity():
    corpus = pd.DataFrame({"doc_id": ["央", "甲", "乙", "丙"],
                           "text": ["坚持两个确立，发展全过程人民民主，推进高质量发展。",
                                    "坚持两个确立，发展全过程人民民主。",
                                    "推进高质量发展，修路。", "修路架桥。"]})
    lex = ["两个确立", "全过程人民民主", "高质量发展"]
    out = research.echo(corpus, "央", lexicon=lex, stopwords=False).set_index("doc_id")
    assert out.loc["甲", "n_reference_terms"] == 3 and out.loc["甲", "n_repeated"] == 2
    assert out.loc["甲", "share_repeated"] == pytest.approx(2 / 3)
    assert out.loc["丙", "n_repeated"] == 0 and out.loc["丙", "repeated"] == ""
    assert out.loc["甲", "similarity"] > out.loc["乙", "similarity"] > out.loc["丙", "similarity"]
    assert "央" not in out.index
    as_text = research.echo(corpus[corpus["doc_id"] != "央"], corpus.loc[0, "text"], lexicon=lex,
                            stopwords=False)
    assert as_text.set_index("doc_id").loc["甲", "n_repeated"] == 2


def test_echo_matrix_groups():
    corpus = pd.DataFrame({"doc_id": list("abcd"), "province": ["甲", "甲", "乙", "乙"],
                           "text": ["改革发展", "改革发展", "安全稳定", "安全发展"]})
    m = research.echo_matrix(corpus, lexicon=[], stopwords=False)
    assert list(m.index) == ["甲", "乙"]
    assert m.loc["甲", "甲"] == pytest.approx(1.0)
    assert m.loc["甲", "乙"] == pytest.approx(m.loc["乙", "甲"])
    assert m.loc["甲", "甲"] > m.loc["甲", "乙"]


# ---------------------------------------------------------------- segmentation audit

def test_segmentation_audit_split_and_whole():
    corpus = pd.DataFrame({"doc_id": ["a", "b"],
                           "text": ["坚持两个确立。做到两个确立！", "发展全过程人民民主。"]})
    lex = ["两个确立", "全过程人民民主"]
    audit = research.segmentation_audit(corpus, lexicon=lex).set_index("term")
    assert audit.loc["两个确立", "occurrences"] == 2
    assert audit.loc["两个确立", "split_by_jieba"] == 2
    assert audit.loc["两个确立", "tifa_whole"] == 2
    assert audit.loc["两个确立", "jieba_segmentations"] == "两个/确立 (2)"
    assert audit.loc["全过程人民民主", "miscounted_without_lexicon"] == 1
    assert audit.loc["全过程人民民主", "jieba_segmentations"] == "全过程/人民/民主 (1)"


def test_segmentation_audit_nested_term_not_whole_in_tifa_and_stock_word_whole():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["建立社会主义市场经济体制，发展市场经济。"]})
    audit = research.segmentation_audit(corpus, ["市场经济"], lexicon=["市场经济", "社会主义市场经济"])
    row = audit.iloc[0]
    assert row["occurrences"] == 2
    assert row["tifa_whole"] == 1  # inside 社会主义市场经济 the longer term is the token


def test_segmentation_audit_uses_a_fresh_tokenizer_not_the_global_one():
    import jieba

    jieba.add_word("两个确立")  # a user's global dictionary must not leak into the audit
    try:
        corpus = pd.DataFrame({"doc_id": ["a"], "text": ["坚持两个确立。"]})
        row = research.segmentation_audit(corpus, ["两个确立"], lexicon=["两个确立"]).iloc[0]
        assert row["split_by_jieba"] == 1
    finally:
        jieba.del_word("两个确立")


# ---------------------------------------------------------------- temperature

def test_temperature_published_cutoffs_and_user_tiers():
    counts = pd.DataFrame({"year": [2020, 2021, 2022, 2023], "term": ["甲"] * 4,
                           "docs_with_term": [100, 600, 2500, 2500], "n_docs": [30000, 30000, 30000, 60000]})
    t = research.temperature(counts)
    # 600/30000 = 0.02 ≥ 0.0129 → 烫; 2500/30000 = 0.083 → 沸; 2500/60000 = 0.0417 < 0.0518 → 烫
    assert t["tier"].tolist() == ["", "烫", "沸", "烫"]
    assert t["move"].tolist() == ["", "↑", "↑", "↓"]
    user = research.temperature(counts, tiers={"热": (50, 0.003)})
    assert user["tier"].tolist()[0] == "热"
    assert [n for n, _, _ in research.TEMPERATURE_TIERS] == ["沸", "烫", "热", "暖", "温", "冷"]
    assert all(a is None and b is None for _, a, b in research.TEMPERATURE_TIERS[2:])


def test_temperature_from_a_corpus(local):
    t = research.temperature(local, ["两个确立"], tiers=[("热", 1, 0.5)], lexicon=LEX)
    assert t.set_index("year").loc[2022, "tier"] == "热"  # 2 of 2 documents
    with pytest.raises(ValueError, match="needs the columns"):
        research.temperature(pd.DataFrame({"year": [1]}))


# ---------------------------------------------------------------- plots

def _strict_draw(ax):
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        ax.figure.canvas.draw()


def test_plot_trends_calendar_overlay():
    gwr = helpers.load_corpus("gwr")
    t = helpers.slogan_trends(gwr, ["改革开放", "全面深化改革"])
    ax = plot.plot_trends(t, calendar=True)
    texts = {x.get_text() for x in ax.texts}
    assert {"十三大", "十九大", "江泽民", "习近平", "毛泽东"} <= texts
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert "党代会" in legend and "全国人大会议" in legend
    _strict_draw(ax)
    en = plot.plot_trends(t, calendar=True, leaders="premier_term", lang="en",
                          exclude_before_first_use=True, value="count")
    assert "Zhou Enlai" in {x.get_text() for x in en.texts}
    line = {ln.get_label(): ln for ln in en.lines}["deepening reform comprehensively"]  # issue 16: English legend = gloss
    years = list(range(1954, 2018))
    assert line.get_ydata()[years.index(1989)] == 0  # the 1989 match is left out
    _strict_draw(en)


def test_research_plots(local):
    d = research.diffusion(local, ["两个确立", "新词"], lexicon=LEX)
    ax = plot.plot_diffusion(d)
    assert ax.get_ylim()[0] == 0 and len(ax.get_legend().get_texts()) == 2
    _strict_draw(ax)
    lag = research.adoption_lag(local, ["两个确立", "新词"], reference="2021-01-01", lexicon=LEX)
    ax = plot.plot_adoption_lag(lag)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["两个确立", "新词"]
    _strict_draw(ax)
    c = helpers.count_slogans(local, LEX, by=["province", "year"], zeros=True)
    ax = plot.plot_region_year(c, term="两个确立")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022", "2023"]
    _strict_draw(ax)
    with pytest.raises(ValueError, match="one term"):
        plot.plot_region_year(c)


def test_docstring_examples_run():
    # the package docstring and every submodule of helpers.research
    modules = [research, *(importlib.import_module(f"{research.__name__}.{m.name}")
                           for m in pkgutil.iter_modules(research.__path__))]
    results = [doctest.testmod(m, optionflags=doctest.ELLIPSIS) for m in modules]
    result = doctest.TestResults(sum(r.failed for r in results), sum(r.attempted for r in results))
    assert result.attempted > 0 and result.failed == 0
