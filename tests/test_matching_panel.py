"""The matching rule on the whole bundled provincial panel (issue 15 §1): every lexicon term, counts = kwic hits."""

from __future__ import annotations

import pytest

from helpers import count_slogans, kwic, load_corpus, load_lexicon
from helpers.errors import CorpusError


@pytest.fixture(scope="module")
def panel():
    try:
        return load_corpus("provinces", progress=False)
    except (CorpusError, FileNotFoundError, TypeError) as exc:
        pytest.skip(f"the provincial panel is not available here: {exc}")


def test_counts_and_kwic_agree_for_every_lexicon_term(panel):
    lex = load_lexicon()
    counts = count_slogans(panel).groupby("term")["count"].sum()
    hits = kwic(panel, lex["term"].tolist(), window=0).groupby("term").size()
    assert counts.reindex(lex["term"], fill_value=0).to_dict() == hits.reindex(lex["term"], fill_value=0).to_dict()


def test_issue_cases_on_the_panel(panel):
    counts = count_slogans(panel).groupby("term")["count"].sum()
    text = "".join(panel["text"])
    # 全面深化改革 is not counted inside 全面深化改革开放; 乡村振兴 counts 乡村全面振兴
    assert counts["全面深化改革"] == text.count("全面深化改革") - text.count("全面深化改革开放")
    assert counts["乡村振兴"] == text.count("乡村振兴") + text.count("乡村全面振兴")
    assert len(kwic(panel, "八项规定")) == text.count("八项规定")
