"""Properties across the pipeline (issue 7): what is inserted is found, whatever surrounds it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import clean_text, count_slogans, load_lexicon, tokenize

LEX = load_lexicon()
# terms whose forms do not contain one another: their count is exactly the plain substring count
SIMPLE = sorted(
    t for t, v in zip(LEX["term"], LEX["variants"])
    if not any(a != b and a in b for a in [t, *v] for b in [t, *v])
)
FILLER = st.text(alphabet=st.sampled_from(list("的了在和是我们要把工作中国人民发展，。、；“”0123456789 \n")), max_size=40)


def _plain_count(text: str, term: str) -> int:
    row = LEX.loc[LEX["term"] == term].iloc[0]
    return sum(text.count(form) for form in [term, *row["variants"]])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, st.sampled_from(SIMPLE)), min_size=1, max_size=6), FILLER)
def test_slogan_counts_equal_plain_substring_counts_of_the_clean_text(pieces, tail):
    raw = "".join(f + t for f, t in pieces) + tail
    text = clean_text(raw)
    terms = sorted({t for _, t in pieces})
    import pandas as pd

    counts = count_slogans(pd.DataFrame({"doc_id": ["d"], "text": [text]}), LEX, zeros=True)
    got = counts.set_index("term")["count"]
    for term in terms:
        assert got[term] == _plain_count(text, term)
        # every inserted formulation is still there after cleaning
        assert got[term] >= sum(1 for _, t in pieces if t == term)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(FILLER, st.sampled_from(SIMPLE)), min_size=1, max_size=4), FILLER)
def test_inserted_formulations_are_single_tokens(pieces, tail):
    # a full stop on each side, so that no other formulation can overlap the inserted one
    text = clean_text("".join(f"{f}。{t}。" for f, t in pieces) + tail)
    tokens = tokenize(text)
    assert "".join(tokens) == "".join(text.split())
    for _, term in pieces:
        assert term in tokens, (term, tokens)


@pytest.mark.parametrize("term", ["两个确立", "全过程人民民主", "四个机关", "一府一委两院"])
def test_seed_formulations_are_in_the_lexicon(term):
    assert term in set(LEX["term"])
