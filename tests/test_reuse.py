"""helpers.text_reuse (issue 18): passages found where they were planted, boilerplate discounted, tidy tables."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import paths
from helpers._chars import count_han
from helpers.errors import CorpusError
from helpers.reuse import plant_passages, reused_passages, score_planted, text_reuse
from helpers.reuse.index import seeds
from helpers.reuse.shingles import shingle

CENTRE = ("坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。"
          "更好统筹发展和安全，全面深化改革开放，大力提振市场信心。")


@pytest.fixture(scope="module")
def gwr():
    return helpers.load_corpus("gwr")


def test_planted_passages_are_found_with_high_recall_and_precision(gwr):
    """Passages of 50 and 100 Han characters from 2015-2017 reports planted into 1955-1960 ones."""
    sources = gwr[gwr["year"].between(2015, 2017)].reset_index(drop=True)
    targets = gwr[gwr["year"].between(1955, 1960)].reset_index(drop=True)
    base, _ = text_reuse(sources, targets, background=gwr)
    unrelated = (base["target_end"] - base["target_start"]).sum() / targets["text"].str.len().sum()
    assert unrelated < 0.005  # unrelated texts share (almost) nothing
    planted, truth = plant_passages(sources, targets, lengths=[50, 100], edit_rates=[0.0, 0.05],
                                    per_cell=4, seed=3)
    assert len(truth) == 32 and planted["text"].str.len().gt(0).all()
    for row in truth.itertuples():  # the record says where each passage went
        text = planted.set_index("doc_id").at[row.target_id, "text"]
        assert text[row.target_start:row.target_end] == row.planted_text
    passages, _ = text_reuse(sources, planted, background=gwr)
    table = score_planted(passages, truth)
    in_order = table[~table["reordered"]]
    assert in_order[in_order["edit_rate"] == 0]["recall"].min() >= 0.95, table
    assert in_order[in_order["edit_rate"] > 0]["recall"].min() >= 0.7, table
    assert table[table["reordered"]]["recall"].min() >= 0.4, table  # sentences under 20 characters are lost
    assert table["span_precision"].min() >= 0.9, table


def test_spans_are_in_the_clean_text_and_punctuation_does_not_matter():
    centre = pd.DataFrame({"doc_id": ["国"], "text": [CENTRE]})
    local = pd.DataFrame({"doc_id": ["省"], "text": ["今年，我们要完整准确全面贯彻新发展理念；加快构建新发展格局、着力推动高质量发展！其他。"]})
    passages, shares = text_reuse(centre, local)
    assert len(passages) == 1
    p = passages.iloc[0]
    assert local["text"][0][p.target_start:p.target_end] == p.target_text == "完整准确全面贯彻新发展理念；加快构建新发展格局、着力推动高质量发展"
    assert CENTRE[p.source_start:p.source_end] == p.source_text
    assert p.similarity == 1.0 and p.chars == 31
    assert shares.at[0, "reused_han"] == 31 and shares.at[0, "target_han"] == count_han(local["text"][0])


def test_small_edits_are_bridged_into_one_passage():
    centre = pd.DataFrame({"doc_id": ["国"], "text": [CENTRE]})
    edited = CENTRE.replace("加快构建", "加速构建").replace("大力提振", "着力提振")
    passages, _ = text_reuse(centre, pd.DataFrame({"doc_id": ["省"], "text": [edited]}))
    assert len(passages) == 1
    assert 0.9 < passages.at[0, "similarity"] < 1.0
    assert passages.at[0, "target_text"] == edited.rstrip("。")


def test_boilerplate_in_many_documents_is_not_a_seed():
    phrase = "以习近平新时代中国特色社会主义思想为指导全面贯彻党的二十大精神"
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)],
                         "text": [f"第{i}号文件。{phrase}。" + "各不相同的内容"[i:] for i in range(6)]})
    found, _ = text_reuse(docs.iloc[:1], docs.iloc[1:2], max_df=3, background=docs)
    assert found.empty  # the phrase is in six documents: boilerplate
    found, _ = text_reuse(docs.iloc[:1], docs.iloc[1:2], max_df=10, background=docs)
    assert found["target_text"].str.contains(phrase).all() and len(found) == 1


def test_seeds_skip_boilerplate_and_refrains():
    a, b = shingle("a", "甲乙丙丁戊己庚", n=3), shingle("b", "丙丁戊己庚辛", n=3)
    all_seeds = seeds(b, a, np.zeros(0, dtype=np.uint64))
    assert sorted(all_seeds.tolist()) == [[0, 2], [1, 3], [2, 4]]
    boiler = a.sorted_hashes[a.order == 2]  # 丙丁戊
    assert sorted(seeds(b, a, boiler).tolist()) == [[1, 3], [2, 4]]
    c, d = shingle("c", "甲乙丙甲乙丙", n=3), shingle("d", "甲乙丙丁", n=3)
    assert sorted(seeds(d, c, boiler).tolist()) == [[0, 0], [0, 3]]  # a repeated n-gram: each occurrence
    assert len(seeds(d, c, boiler, max_repeat=1)) == 0  # a refrain is not a seed


def test_on_restricts_pairs_and_shares_have_every_compared_pair_with_dates_and_lag():
    centre = pd.DataFrame({"doc_id": ["国2024", "国2023"], "year": [2024, 2023],
                           "date": pd.to_datetime(["2024-03-05", "2023-03-05"]), "text": [CENTRE, "发展农业。"]})
    local = pd.DataFrame({"doc_id": ["甲", "乙"], "year": [2024, 2023], "province": ["甲省", "乙省"],
                          "date": pd.to_datetime(["2024-01-23", "2023-01-20"]), "text": [CENTRE, CENTRE]})
    passages, shares = text_reuse(centre, local, on="year")
    assert passages["target_id"].tolist() == ["甲"]  # 乙 copies the 2024 text but is compared with 2023 only
    assert shares[["target_id", "source_id"]].values.tolist() == [["甲", "国2024"], ["乙", "国2023"]]
    assert shares["lag_days"].tolist() == [-42, -44]
    assert shares["share"].round(3).tolist() == [1.0, 0.0]
    assert shares["province"].tolist() == ["甲省", "乙省"]


def test_within_one_corpus_finds_near_duplicates_once_earlier_as_source():
    corpus = pd.DataFrame({"doc_id": ["late", "early", "other"], "year": [2021, 2020, 2020],
                           "text": [CENTRE + "补充一句。", CENTRE, "完全不同的一篇文字，讲的是农业和水利。"]})
    passages, shares = text_reuse(corpus)
    assert shares[["target_id", "source_id"]].values.tolist() == [["late", "early"]]
    assert shares.at[0, "share"] > 0.9 and shares.at[0, "source_share"] == 1.0
    assert set(passages["target_id"]) == {"late"}


def test_bad_input_is_named():
    good = pd.DataFrame({"doc_id": ["a"], "text": [CENTRE]})
    with pytest.raises(CorpusError, match="targets has no column"):
        text_reuse(good, pd.DataFrame({"doc_id": ["b"], "content": ["x"]}))
    with pytest.raises(CorpusError, match=r"duplicate doc_id.*'a'"):
        text_reuse(pd.concat([good, good]))
    with pytest.raises(CorpusError, match="not a string.*'b'"):
        text_reuse(good, pd.DataFrame({"doc_id": ["b"], "text": [None]}))
    with pytest.raises(CorpusError, match="no column 'year'"):
        text_reuse(good, good.assign(doc_id="b"), on="year")
    with pytest.raises(TypeError, match="corpus DataFrame"):
        text_reuse(["文本"])
    with pytest.raises(ValueError, match="max_df"):
        text_reuse(good, max_df=0)


def test_short_documents_are_recorded():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [CENTRE, "短文一篇"]})
    passages, shares = text_reuse(corpus)
    assert passages.attrs["problems"] == [{"doc_id": "b", "problem": "fewer than 6 Han characters and digits",
                                           "action": "compared, but no passage can be found in it"}]


def test_text_reuse_is_exported():
    assert helpers.text_reuse is text_reuse
    assert helpers.plant_passages is plant_passages and helpers.score_planted is score_planted


def _lawtext():
    path = paths.PROJECT_DIR / "benchmarks" / "lawtext.py"
    if not paths.SHARED_CORPORA_DIR.joinpath("lawtext_gov").is_dir():
        pytest.skip("../shared/corpora/lawtext_gov is not present beside this checkout")
    spec = importlib.util.spec_from_file_location("tifa_benchmark_lawtext", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_provinces_echo_the_national_report_of_their_year_more_than_an_older_one():
    lawtext = _lawtext()
    root = lawtext.GOV
    files = [root / "政府工作报告-国务院" / "2024.md", root / "政府工作报告-国务院" / "2004.md",
             *sorted(root.glob("政府工作报告-省自治区/*/2024.md"))[:8]]
    docs = pd.DataFrame([lawtext.read_md(p, root) for p in files])
    national, provinces = docs[docs["level"] == "national"], docs[docs["level"] == "province"]
    _, shares = text_reuse(national, provinces)
    by_source = shares.pivot(index="target_id", columns="source_id", values="share")
    same, older = by_source["政府工作报告-国务院/2024"], by_source["政府工作报告-国务院/2004"]
    assert (same > older).all() and older.max() < 0.01


def test_lag_precision_says_when_a_lag_counts_from_1_january():
    """A report dated by its year only (date 1 January, date_precision "year") gets lag_precision "year"."""
    centre = pd.DataFrame({"doc_id": ["国"], "date": pd.to_datetime(["2024-03-05"]), "date_precision": ["day"],
                           "text": [CENTRE]})
    local = pd.DataFrame({"doc_id": ["甲", "乙", "丙"], "date": pd.to_datetime(["2024-01-01", "2024-01-23", "2024-02-01"]),
                          "date_precision": ["year", "day", "month"], "text": [CENTRE] * 3})
    shares = text_reuse(centre, local).shares
    assert shares["lag_days"].tolist() == [-64, -42, -33]
    assert shares["lag_precision"].tolist() == ["year", "day", "month"]
    # without date_precision: a date is a day, a date made from the year is a year, no date is unknown
    by_year = text_reuse(centre[["doc_id", "date", "text"]], local[["doc_id", "text"]].assign(year=2024)).shares
    assert by_year["lag_precision"].tolist() == ["year"] * 3
    none = text_reuse(centre[["doc_id", "text"]], local[["doc_id", "text"]]).shares
    assert none["lag_precision"].tolist() == [""] * 3 and none["lag_days"].isna().all()


def test_reused_passages_lists_the_parts_of_a_source_that_several_targets_reuse():
    part_a, part_b = CENTRE[:40], CENTRE[12:]
    centre = pd.DataFrame({"doc_id": ["国"], "text": [CENTRE]})
    local = pd.DataFrame({"doc_id": ["甲", "乙", "丙", "丁"],
                          "text": [part_a + "本省的话。", "本省另说。" + part_b, "开头。" + CENTRE, "发展农业。"]})
    passages = text_reuse(centre, local).passages
    table = reused_passages(passages, min_targets=3)
    overlap = CENTRE[12:40]  # in 甲 (part a), 乙 (part b) and 丙 (all of it)
    assert table["source_text"].tolist() == [overlap]
    assert table[["source_start", "source_end", "n_targets"]].values.tolist() == [[12, 40, 3]]
    assert table.at[0, "targets"] == ["丙", "乙", "甲"]
    two = reused_passages(passages, min_targets=2)
    assert two[["source_start", "n_targets"]].values.tolist() == [[0, 3]]  # one run: 丙 and 甲, then 丙 and 乙
    assert 2 < two.at[0, "mean_targets"] < 3 and two.at[0, "targets"] == ["丙", "乙", "甲"]
    assert helpers.reused_passages is reused_passages
    with pytest.raises(CorpusError, match="no column"):
        reused_passages(passages.drop(columns="source_text"))
    with pytest.raises(ValueError, match="min_targets"):
        reused_passages(passages, min_targets=0)
