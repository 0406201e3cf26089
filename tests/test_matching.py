"""One matching rule (docs/matching.md) in count_slogans, slogan_trends, kwic, tokenize and the audit (issue 15 §1)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import count_slogans, kwic, load_lexicon, segmentation_audit, slogan_trends, tokenize
from helpers.errors import CorpusError

TEXT = "全面深化改革开放，全面深化改革，落实中央八项规定，乡村全面振兴和乡村振兴。高质量发展，改革开放。"
CORPUS = pd.DataFrame({"doc_id": ["a"], "year": [2026], "text": [TEXT]})


def counts(corpus=CORPUS, **kw):
    out = count_slogans(corpus, **kw)
    return dict(zip(out["term"], out["count"]))


def test_kwic_finds_a_term_inside_a_longer_one_as_count_slogans_counts_it():
    hits = kwic(CORPUS, ["中央八项规定", "八项规定"])
    assert hits.groupby("term").size().to_dict() == {"中央八项规定": 1, "八项规定": 1}
    assert counts()["八项规定"] == 1 and counts()["中央八项规定"] == 1


def test_a_concept_group_counts_nested_terms_once():
    assert counts(concepts=True)["八项规定"] == 1
    trend = slogan_trends(CORPUS, "八项规定", by="year")
    assert trend["count"].tolist() == [1]


def test_not_in_keeps_crossing_forms_apart_in_counts_kwic_and_tokens():
    # 全面深化改革开放 is 全面深化 + 改革开放: 全面深化改革 is not counted there
    assert counts()["全面深化改革"] == 1
    assert counts()["改革开放"] == 2
    assert kwic(CORPUS, "全面深化改革")["position"].tolist() == [9]
    for engine in ("jieba", "rjieba"):
        toks = tokenize(TEXT, engine=engine)
        assert toks.count("改革开放") == 2 and toks.count("全面深化改革") == 1, engine


def test_variant_that_is_not_a_substring_counts_with_its_term():
    assert counts()["乡村振兴"] == 2
    assert "乡村全面振兴" in load_lexicon().set_index("term").loc["乡村振兴", "variants"]
    assert kwic(CORPUS, "乡村振兴")["keyword"].tolist() == ["乡村全面振兴", "乡村振兴"]


@pytest.mark.parametrize("query", ["高質量發展", " 高质量发展", "高质量发展 "])
def test_queries_are_normalised_as_the_text(query):
    assert len(kwic(CORPUS, query)) == 1
    assert slogan_trends(CORPUS, query)["count"].tolist() == [1]


def test_user_lexicon_entries_are_normalised_as_the_text():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["发展全过程人民民主，办法（试行）。"]})
    lex = pd.DataFrame({"term": ["全過程人民民主", "(试行)"]})
    assert counts(corpus, lexicon=lex) == {"全过程人民民主": 1, "（试行）": 1}
    assert tokenize(corpus.loc[0, "text"], lexicon=lex, engine="jieba").count("全过程人民民主") == 1


def test_not_in_must_hold_the_term():
    with pytest.raises(CorpusError, match="not_in '改革开放' of term '全面深化改革'"):
        load_lexicon(pd.DataFrame({"term": ["全面深化改革"], "not_in": ["改革开放"]}))


def test_audit_accounts_for_every_occurrence():
    audit = segmentation_audit(CORPUS, ["八项规定", "全面深化改革", "改革开放"]).set_index("term")
    assert audit.loc["八项规定", ["occurrences", "tifa_whole", "tifa_inside_longer"]].tolist() == [1, 0, 1]
    assert audit.loc["全面深化改革", ["occurrences", "tifa_whole"]].tolist() == [1, 1]
    assert audit.loc["改革开放", ["occurrences", "tifa_whole", "tifa_crossed"]].tolist() == [2, 2, 0]
    total = audit["tifa_whole"] + audit["tifa_inside_longer"] + audit["tifa_crossed"]
    assert (total == audit["occurrences"]).all()
