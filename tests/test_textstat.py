"""Tests for helpers.textstat on hand-made corpora with known answers, and on
the bundled corpus once the loader and lexicon are there."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from helpers import paths
from helpers import textstat as ts

LEX = pd.DataFrame({
    "term": ["两个确立", "中国特色社会主义", "习近平新时代中国特色社会主义思想", "中国梦", "全过程人民民主"],
    "category": ["party", "ideology", "ideology", "ideology", "democracy"],
    "variants": ["", "", "", "中华民族伟大复兴的中国梦", ""],
})


@pytest.fixture
def corpus():
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"],
        "year": pd.array([2017, 2021, 2022, 2022], dtype="Int64"),
        "province": ["全国", "全国", "重庆", "湖南"],
        "title": ["报告一", "报告二", "报告三", "报告四"],
        "text": [
            "坚持习近平新时代中国特色社会主义思想，坚持中国特色社会主义。实现中国梦。",
            "深刻领会两个确立的决定性意义。两个确立！实现中华民族伟大复兴的中国梦。",
            "发展全过程人民民主，坚持两个确立。",
            "",
        ],
    })


EMPTY = pd.DataFrame({"doc_id": pd.Series([], dtype=object), "text": pd.Series([], dtype=object),
                      "year": pd.array([], dtype="Int64")})


# ------------------------------------------------------------ count_slogans

def test_count_slogans_known_answers(corpus):
    out = ts.count_slogans(corpus, LEX)
    assert list(out.columns) == ["doc_id", "term", "category", "count", "n_chars", "rate_per_10k",
                                 "before_first_use"]
    got = {(r.doc_id, r.term): r.count for r in out.itertuples()}
    assert got == {
        ("d1", "中国特色社会主义"): 2,  # also counted inside the longer formulation
        ("d1", "习近平新时代中国特色社会主义思想"): 1,
        ("d1", "中国梦"): 1,
        ("d2", "两个确立"): 2,
        ("d2", "中国梦"): 1,  # the variant contains the term: counted once
        ("d3", "两个确立"): 1,
        ("d3", "全过程人民民主"): 1,
    }
    d3 = out[(out.doc_id == "d3") & (out.term == "两个确立")].iloc[0]
    assert d3.n_chars == 15
    assert d3.rate_per_10k == pytest.approx(1 / 15 * 10_000)


def test_count_slogans_zeros_and_empty_document(corpus):
    out = ts.count_slogans(corpus, LEX, zeros=True)
    assert len(out) == len(corpus) * len(LEX)
    d4 = out[out.doc_id == "d4"]
    assert (d4["count"] == 0).all() and d4["rate_per_10k"].isna().all()


def test_count_slogans_by_year(corpus):
    out = ts.count_slogans(corpus, LEX, by="year")
    assert list(out.columns) == ["year", "term", "category", "count", "n_docs", "docs_with_term",
                                 "n_chars", "rate_per_10k", "count_before_first_use"]
    row = out[(out.year == 2022) & (out.term == "两个确立")].iloc[0]
    assert (row["count"], row.n_docs, row.docs_with_term, row.n_chars) == (1, 2, 1, 15)


def test_count_slogans_equals_plain_substring_count(corpus):
    out = ts.count_slogans(corpus, LEX, zeros=True)
    for r in out.itertuples():
        text = corpus.set_index("doc_id").loc[r.doc_id, "text"]
        forms = [r.term, *LEX.set_index("term").loc[r.term, "variants"].split("|")]
        forms = [f for f in forms if f]
        nested = any(a != b and a in b for a in forms for b in forms)
        if not nested:
            assert r.count == sum(text.count(f) for f in forms)


def test_count_slogans_empty_corpus():
    out = ts.count_slogans(EMPTY, LEX)
    assert len(out) == 0
    assert "rate_per_10k" in out.columns


# ------------------------------------------------------------ slogan_trends

def test_slogan_trends_zeros_for_present_years_only(corpus):
    out = ts.slogan_trends(corpus, ["两个确立", "改革"], lexicon=LEX)
    assert list(out.columns) == ["year", "term", "count", "rate_per_10k", "docs_with_term", "n_docs",
                                 "share_docs", "n_chars", "count_before_first_use"]
    assert sorted(set(out["year"])) == [2017, 2021, 2022]  # 2018-2020 absent, not zero
    assert len(out) == 3 * 2
    r17 = out[(out.year == 2017) & (out.term == "两个确立")].iloc[0]
    assert r17["count"] == 0 and r17.rate_per_10k == 0
    r22 = out[(out.year == 2022) & (out.term == "两个确立")].iloc[0]
    assert (r22["count"], r22.docs_with_term, r22.n_docs, r22.share_docs) == (1, 1, 2, 0.5)


def test_slogan_trends_empty():
    assert len(ts.slogan_trends(EMPTY, ["两个确立"], lexicon=LEX)) == 0


# ------------------------------------------------------------ formulation_table

def test_formulation_table(corpus):
    out = ts.formulation_table(corpus, LEX)
    assert list(out.columns) == ["term", "category", "first_official_use", "first_year", "first_doc",
                                 "n_docs", "total_count"]
    row = out.set_index("term").loc["两个确立"]
    assert (row.first_year, row.first_doc, row.n_docs, row.total_count) == (2021, "d2", 2, 3)
    assert out.iloc[0]["first_year"] == 2017


# ------------------------------------------------------------ kwic / dispersion

def test_kwic(corpus):
    out = ts.kwic(corpus, "中国梦", window=4, lexicon=LEX)
    assert list(out.columns) == ["doc_id", "position", "left", "keyword", "right", "year", "title"]
    assert out["keyword"].tolist() == ["中国梦", "中华民族伟大复兴的中国梦"]
    r = out.iloc[0]
    text = corpus.loc[0, "text"]
    assert text[r.position:r.position + 3] == "中国梦" and r.left == "义。实现" and r.right == "。"
    rx = ts.kwic(corpus, r"两个.{2}", regex=True, window=2)
    assert len(rx) == 3
    assert len(ts.kwic(EMPTY, "中国梦", lexicon=LEX)) == 0


def test_kwic_lines_show_a_paragraph_break_as_one_mark_not_as_backslash_n():
    """Issue 16: concordance lines of the national reports showed a literal \\n\\n."""
    text = "发生了深刻的变化。\n\n五年来，在改革开放的推动下\r\n\u3000\u3000国民经济持续发展。"
    corpus = pd.DataFrame({"doc_id": ["gwr-1988"], "text": [text]})
    row = ts.kwic(corpus, "改革开放", window=12, lexicon=[]).iloc[0]
    assert (row.left, row.right) == ("刻的变化。⏎五年来，在", "的推动下⏎国民经济")
    assert not any("\n" in row[c] or "\r" in row[c] for c in ("left", "keyword", "right"))
    assert text[row.position:row.position + 4] == "改革开放"  # position still points into text
    kept = ts.kwic(corpus, "改革开放", window=12, lexicon=[], linebreaks=None).iloc[0]
    assert kept.left == text[row.position - 12:row.position]


def test_dispersion(corpus):
    out = ts.dispersion(corpus, ["两个确立"], lexicon=LEX)
    assert list(out.columns) == ["doc_id", "term", "position", "relative_position"]
    assert out["doc_id"].tolist() == ["d2", "d2", "d3"]
    assert out["relative_position"].between(0, 1).all()
    text = corpus.loc[1, "text"]
    assert out.iloc[0].relative_position == text.find("两个确立") / len(text)


# ------------------------------------------------------------ token counts

def test_term_frequencies(corpus):
    out = ts.term_frequencies(corpus, lexicon=LEX, stopwords=["的"])
    assert list(out.columns) == ["doc_id", "term", "count", "rate_per_10k", "n_docs"]
    d2 = out[out.doc_id == "d2"].set_index("term")
    assert d2.loc["两个确立", "count"] == 2
    assert "的" not in d2.index and "。" not in d2.index and "！" not in d2.index
    by_year = ts.term_frequencies(corpus, by="year", lexicon=LEX, stopwords=False, top=3)
    assert list(by_year.columns) == ["year", "term", "count", "rate_per_10k", "n_docs"]
    assert by_year.groupby("year").size().max() <= 3
    r = by_year[(by_year.year == 2022) & (by_year.term == "两个确立")].iloc[0]
    assert r.n_docs == 1 and r.rate_per_10k == pytest.approx(10_000 / 15)
    total = ts.term_frequencies(corpus, by=None, lexicon=LEX, stopwords=False)
    assert list(total.columns) == ["term", "count", "rate_per_10k", "n_docs"]
    assert total.set_index("term").loc["两个确立", "count"] == 3


def test_term_frequencies_drops_numbers():
    c = pd.DataFrame({"doc_id": ["a"], "text": ["2017年增长6.9%，GDP增长。"]})
    terms = set(ts.term_frequencies(c, lexicon=[], stopwords=False)["term"])
    assert "2017" not in terms and "6.9%" not in terms and "GDP" in terms


def test_term_frequencies_n_jobs_identical(corpus):
    big = pd.concat([corpus] * 3, ignore_index=True)
    big["doc_id"] = [f"x{i}" for i in range(len(big))]
    one = ts.term_frequencies(big, lexicon=LEX, n_jobs=1)
    two = ts.term_frequencies(big, lexicon=LEX, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_term_frequencies_empty():
    assert len(ts.term_frequencies(EMPTY, lexicon=LEX)) == 0


# ------------------------------------------------------------ keyness

def test_g2_and_chi2_hand_values():
    # target: a=10 of tN=100 tokens; reference: b=5 of rN=200
    # c = 90, d = 195, N = 300; expected E = (5, 10, 95, 190)
    g2 = 2 * (10 * math.log(10 / 5) + 5 * math.log(5 / 10) + 90 * math.log(90 / 95)
              + 195 * math.log(195 / 190))
    assert g2 == pytest.approx(7.32984, abs=1e-4)
    assert float(ts.signed_g2(10, 5, 100, 200)) == pytest.approx(g2, rel=1e-6)
    chi2 = 300 * (10 * 195 - 5 * 90) ** 2 / (15 * 285 * 100 * 200)  # = 7.894737
    assert float(ts.signed_chi2(10, 5, 100, 200)) == pytest.approx(chi2)
    # under-represented: negative sign
    assert float(ts.signed_g2(1, 20, 100, 200)) < 0
    # Yates (quanteda's condition): |ad-bc| = 1500 >= N/2 and E11 = 5 is not < 5,
    # E12 = 10, E21 = 95, E22 = 190 -> no expected below 5 -> no correction
    assert float(ts.signed_chi2(10, 5, 100, 200, correction="yates")) == pytest.approx(chi2)
    # a = 4, b = 1, tN = 50, rN = 50: E11 = 2.5 < 5 -> delta 0.5
    # chi2_yates = 100 (|4*49 - 1*46| - 50)^2 / (5 * 95 * 50 * 50) = 100 * 100^2 / 1187500
    assert float(ts.signed_chi2(4, 1, 50, 50, correction="yates")) == pytest.approx(100 * 100 ** 2 / 1_187_500)
    # G2 with Yates: cells moved 0.5 towards independence: 3.5, 1.5, 46.5, 48.5
    e = [2.5, 2.5, 47.5, 47.5]
    o = [3.5, 1.5, 46.5, 48.5]
    g2y = 2 * sum(x * math.log(x / y) for x, y in zip(o, e))
    assert float(ts.signed_g2(4, 1, 50, 50, correction="yates")) == pytest.approx(g2y, rel=1e-6)


def test_keyness_small_corpus():
    c = pd.DataFrame({"doc_id": ["a", "b", "c"], "group": ["x", "y", "y"],
                      "text": ["安全安全安全发展", "发展发展发展安全", "发展改革"]})
    out = ts.keyness(c, "x", by="group", lexicon=[], stopwords=False, correction="none")
    assert list(out.columns) == ["term", "target_count", "reference_count", "target_total",
                                 "reference_total", "G2", "chi2", "log_ratio", "p"]
    top = out.iloc[0]
    assert top.term == "安全" and (top.target_count, top.reference_count) == (3, 1)
    assert (top.target_total, top.reference_total) == (4, 6)
    assert top.G2 == pytest.approx(float(ts.signed_g2(3, 1, 4, 6)))
    assert top.log_ratio == pytest.approx(math.log2((3.5 / 4) / (1.5 / 6)))
    assert out["G2"].is_monotonic_decreasing
    assert out.iloc[-1].G2 < 0
    # same result with a mask and with doc_ids
    m = ts.keyness(c, c["group"] == "x", lexicon=[], stopwords=False, correction="none")
    d = ts.keyness(c, ["a"], lexicon=[], stopwords=False, correction="none")
    pd.testing.assert_frame_equal(m, out)
    pd.testing.assert_frame_equal(d, out)
    # explicit reference excludes document c
    r = ts.keyness(c, ["a"], reference=["b"], lexicon=[], stopwords=False)
    assert "改革" not in set(r["term"])
    with pytest.raises(ValueError):
        ts.keyness(c, ["zzz"], lexicon=[])


# ------------------------------------------------------------ collocations, dtm, similarity

def test_collocations():
    c = pd.DataFrame({"doc_id": ["a"], "text": ["坚持人民代表大会制度。" * 6 + "人民群众，制度优势。"]})
    out = ts.collocations(c, min_count=5, lexicon=[], stopwords=False)
    assert list(out.columns) == ["w1", "w2", "collocation", "count", "pmi", "G2"]
    row = out.set_index("collocation").loc["人民代表大会制度"]
    assert row["count"] == 6
    # bigrams: 坚持+人民代表大会 ×6, 人民代表大会+制度 ×6, 人民+群众, 制度+优势 -> N = 14
    # n(人民代表大会 first) = 6, n(制度 second) = 6
    assert row.pmi == pytest.approx(math.log2(6 * 14 / (6 * 6)))
    assert len(ts.collocations(EMPTY, lexicon=[])) == 0


def test_document_term_matrix(corpus):
    dtm = ts.document_term_matrix(corpus, lexicon=LEX, stopwords=False)
    m, vocab, ids = dtm
    assert isinstance(m, sparse.csr_matrix) and m.shape == (4, len(vocab))
    assert ids == ["d1", "d2", "d3", "d4"] and vocab == sorted(vocab)
    assert m[1, vocab.index("两个确立")] == 2 and m[3].sum() == 0
    assert dtm.to_frame().loc["d3", "两个确立"] == 1
    trimmed = ts.document_term_matrix(corpus, lexicon=LEX, stopwords=False, min_df=2)
    assert set(trimmed.vocabulary) <= set(vocab) and "两个确立" in trimmed.vocabulary
    empty = ts.document_term_matrix(EMPTY, lexicon=LEX)
    assert empty.matrix.shape == (0, 0)


def test_similarity(corpus):
    out = ts.similarity(corpus.iloc[:3], lexicon=LEX, stopwords=False)
    assert list(out.columns) == ["doc_id_a", "doc_id_b", "similarity"]
    assert len(out) == 3
    wide = ts.similarity(corpus.iloc[:3], lexicon=LEX, stopwords=False, wide=True, weighting="count")
    assert wide.shape == (3, 3) and np.allclose(np.diag(wide), 1)
    assert np.allclose(wide.to_numpy(), wide.to_numpy().T)
    j = ts.similarity(corpus.iloc[:2], method="jaccard", lexicon=[], stopwords=False)
    assert 0 <= j.loc[0, "similarity"] <= 1


# ------------------------------------------------------------ find_formulations

def test_find_formulations():
    c = pd.DataFrame({
        "doc_id": ["a", "b", "c"], "year": [2015, 2016, 2017],
        "text": ["协调推进四个全面战略布局。牢固树立五大发展理念。一些地方第一次。",
                 "坚持四个全面战略布局，贯彻五大发展理念，实现两个一百年奋斗目标。提出“放管服”改革。",
                 "两个一百年奋斗目标，两个确立。深化“放管服”改革。一些地方"],
    })
    out = ts.find_formulations(c, ["两个确立"])
    assert list(out.columns) == ["candidate", "kind", "count", "n_docs", "first_year", "example"]
    cands = dict(zip(out["candidate"], out["kind"]))
    assert cands.get("四个全面战略布局") == "numbered"
    assert cands.get("五大发展理念") == "numbered"
    assert cands.get("两个一百年奋斗目标") == "numbered"
    assert cands.get("放管服") == "quoted"
    assert "两个确立" not in cands  # in the lexicon
    assert not any(k.startswith(("一些", "第一")) for k in cands)
    row = out.set_index("candidate").loc["五大发展理念"]
    assert (row["count"], row.n_docs, row.first_year) == (2, 2, 2015)
    assert row.example == "牢固树立五大发展理念。"
    assert out["n_docs"].is_monotonic_decreasing
    assert len(ts.find_formulations(EMPTY, [])) == 0


def _docs(*texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))],
                         "year": [2000 + i for i in range(len(texts))], "text": list(texts)})


def _candidates(corpus):
    out = ts.find_formulations(corpus, [])
    return dict(zip(out["candidate"], out["kind"]))


def test_find_formulations_does_not_cut_words():
    c = _docs("加强两岸经济合作，贯彻这一政策。实现两个一百年奋斗目标。",
              "扩大两岸经贸往来，落实这一政策。迈向两个一百年奋进新征程。",
              "推进两学一做学习教育，践行三严三实要求。",
              "开展两学一做学习教育，坚持三严三实要求。")
    cands = _candidates(c)
    assert cands.get("两个一百年") == "numbered"  # not 两个一百年奋 (奋斗 / 奋进)
    assert cands.get("两学一做学习教育") == "numbered"
    assert cands.get("三严三实要求") == "numbered"
    # 两岸经 cuts 经济/经贸, 一政策 cuts 这一, 一做…/三实… start inside 两学一做/三严三实;
    # 两岸 is a word (its 两 is not a count)
    assert not set(cands) & {"两岸经", "两岸经济", "一政策", "两个一百年奋", "一做学习教育", "三实要求"}


def test_find_formulations_leaves_out_counting_phrases():
    c = _docs("这是一个重要问题。做好三项工作。坚持一个中心、两个基本点。这是一件大事。",
              "这是一个重要任务。三项工作要落实。各项工作全面推进。这是一件大事。",
              "这项工作很重要。各项工作都要抓好。坚持一个中心、两个基本点。")
    cands = _candidates(c)
    assert cands.get("一个中心") == "numbered"  # paired with 两个基本点
    assert cands.get("两个基本点") == "numbered"
    # 一个/一件 + noun is the indefinite article; 三项工作 is counted like 各项工作, 这项工作
    assert not set(cands) & {"一个重要", "一件大事", "三项工作"}


def test_find_formulations_keeps_set_phrases_and_slogans():
    c = _docs("坚持三个代表。一手抓物质文明，一手抓精神文明，两手抓、两手都要硬。",
              "践行三个代表。坚持两手抓，两手都要硬，建设两个文明。提出“放管服”。",
              "两个文明一起抓。深化“放管服”改革。坚持“一个中国”，反对两个中国。一个中国，两个中国。")
    cands = _candidates(c)
    # 三个代表 and 两手抓 are words of jieba's dictionary (set phrases), kept all the same
    for cand in ["三个代表", "两手抓", "一手抓", "两手都要硬", "两个文明", "一个中国", "两个中国"]:
        assert cands.get(cand) == "numbered", cand
    assert cands.get("放管服") == "quoted"


def test_find_formulations_leaves_out_quoted_words_sentences_and_ordinals():
    c = _docs("强化思想建设“铸魂”。凝心铸魂，以学铸魂。企业“破产了”。试行“季会制”。",
              "强化民主聚力，体系建设“聚力”。企业“破产了”。推行“季会制”。",
              "贯彻党的十八大精神和四中全会精神。党的十八大精神，四中全会精神。")
    cands = _candidates(c)
    assert cands.get("季会制") == "quoted"
    # two characters quoted once (ordinary words), a quoted sentence, ordinals
    assert not set(cands) & {"铸魂", "聚力", "破产了", "十八大精神", "四中全会精神"}


# ------------------------------------------------------------ robustness

def test_very_long_document():
    text = "坚持两个确立，发展全过程人民民主。" * 60_000  # > 1 MB of UTF-8
    assert len(text.encode()) > 1_000_000
    c = pd.DataFrame({"doc_id": ["long"], "year": [2022], "text": [text]})
    out = ts.count_slogans(c, LEX)
    assert out.set_index("term").loc["两个确立", "count"] == 60_000
    tf = ts.term_frequencies(c, lexicon=LEX, stopwords=False)
    assert tf.set_index("term").loc["全过程人民民主", "count"] == 60_000


# ------------------------------------------------------------ bundled corpus

def bundled():
    from helpers import load

    assert paths.METADATA_CSV.exists() and paths.LEXICON_CSV.exists(), "the bundled codebook or lexicon is missing"
    from helpers.lexicon import load_lexicon
    return pd.concat([load.load_corpus("seeds"), load.load_corpus("gwr")], ignore_index=True), load_lexicon()


def test_count_slogans_on_bundled_corpus_equals_substring_counts():
    corpus, lex = bundled()
    out = ts.count_slogans(corpus, zeros=True)
    assert len(out) == len(corpus) * len(lex)
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    variants = dict(zip(lex["term"], lex["variants"]))
    checked = 0
    for r in out.itertuples():
        forms = [r.term, *variants[r.term]]
        if any(a != b and a in b for a in forms for b in forms):
            continue  # nested forms are counted once (documented)
        assert r.count == sum(texts[r.doc_id].count(f) for f in forms), (r.doc_id, r.term)
        checked += 1
    assert checked > 0.9 * len(out)


def test_bundled_trends_and_tables():
    corpus, lex = bundled()
    gwr = corpus[corpus["corpus"] == "gwr"]
    trend = ts.slogan_trends(gwr, ["改革开放"], lexicon=lex)
    assert trend["year"].nunique() == gwr["year"].nunique()
    assert 1970 not in set(trend["year"])  # missing years are absent
    first = trend[trend["count"] > 0]["year"].min()
    assert first == gwr[gwr["text"].str.contains("改革开放")]["year"].min()
    table = ts.formulation_table(corpus)
    assert len(table) == len(lex)
    cands = ts.find_formulations(gwr)
    assert len(cands) > 0
    from helpers.lexicon import lexicon_terms

    found = set(cands["candidate"])
    assert {"两个市场", "两种资源", "一手抓", "两手都要硬", "两个文明", "放管服"} - set(lexicon_terms(lex)) <= found
    # fragments (一国两制, 两岸经济, 第三产业, 一段时间) and article phrases of the old rules
    assert not found & {"一国两", "两岸经", "三产业", "一段时", "一个重要", "一项重要", "一个五年"}
